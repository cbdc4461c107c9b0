//! The static source: the feed's read-only `comments/{id}.json`, closed for posting.

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::{ArticleId, CommentsFile, Zone};

use super::thread::thread;
use crate::{
    api,
    components::load::{load, Attempt},
    strings,
};

/// Fetches the file (the app), with a retry on failure.
#[component]
pub fn StaticComments(id: ArticleId, zone: Zone) -> impl IntoView {
    let attempt = move || {
        let id = id.clone();
        Attempt::fetch(move || api::comments(id.clone()))
    };
    view! {
        <Suspense fallback=|| view! { <p class="comments__loading">{strings::LOADING}</p> }>
            {load(attempt, move |file| view! { <StaticCommentsList file zone/> }.into_any())}
        </Suspense>
    }
}

/// The threads of a file at hand, then the closed-for-posting note.
#[component]
pub fn StaticCommentsList(file: Arc<CommentsFile>, zone: Zone) -> impl IntoView {
    view! {
        <ol class="comments__list">
            {file.comments.iter().map(|c| thread(c, zone, None)).collect_view()}
        </ol>
        <p class="comments__note">{strings::COMMENTS_CLOSED}</p>
    }
}
