//! The comments section under an article. The site file picks the source: `static` (the
//! feed's read-only comments) or `waline` (a Waline server: read, reply, post).

mod compose;
pub mod count;
mod draft;
mod static_list;
mod thread;
mod waline_list;

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::{Article, CommentSettings, CommentsFile};

use newsfront_core::{ArticleId, Zone};

use crate::{
    api::ApiError,
    chunks,
    components::load::{load, Attempt},
    site::use_site,
    strings,
};
use static_list::{StaticComments, StaticCommentsList};
use waline_list::WalineComments;

/// Where the section's content comes from.
#[derive(Clone)]
pub enum CommentsSource {
    /// The app: fetch the static file, or talk to the Waline server.
    Live,
    /// The prerenderer: the static file as built (`None` when the article has none), and a
    /// placeholder where Waline comments go (the first stage starts the app for them).
    Prerendered(Option<Arc<CommentsFile>>),
}

#[component]
pub fn CommentsSection(article: Arc<Article>, source: CommentsSource) -> impl IntoView {
    let site = use_site();
    let zone = site.zone;
    // The heading's count: the feed's for `static`, the server's once loaded for `waline`.
    let count = RwSignal::new(match site.comments {
        CommentSettings::Waline { .. } => None,
        _ => Some(article.comment_count),
    });
    let body = match (&site.comments, source) {
        (CommentSettings::Off, _) => {
            view! { <p class="comments__note">{strings::COMMENTS_OFF}</p> }.into_any()
        }
        (CommentSettings::Waline { server }, CommentsSource::Live) => {
            live_from_chunk(server.clone(), article.id.clone(), zone, count)
        }
        (CommentSettings::Waline { .. }, CommentsSource::Prerendered(_)) => view! {
            <p class="comments__loading" data-nf-live="">{strings::LOADING}</p>
        }
        .into_any(),
        _ if article.comment_count == 0 => view! {
            <p class="comments__empty">{strings::COMMENTS_EMPTY}</p>
            <p class="comments__note">{strings::COMMENTS_CLOSED}</p>
        }
        .into_any(),
        (_, CommentsSource::Prerendered(Some(file))) => {
            view! { <StaticCommentsList file zone/> }.into_any()
        }
        _ => view! { <StaticComments id=article.id.clone() zone/> }.into_any(),
    };
    view! {
        <section class="comments" id="comments" aria-labelledby="comments-heading">
            <h2 class="comments__heading" id="comments-heading">
                {strings::COMMENTS}
                <span class="comments__count">{move || count.get().map(|n| n.to_string())}</span>
            </h2>
            {body}
        </section>
    }
}

/// Live comments (a chunk of their own): loading, then the threads, or an error with a retry.
fn live_from_chunk(
    server: String,
    id: ArticleId,
    zone: Zone,
    count: RwSignal<Option<u32>>,
) -> AnyView {
    let attempt = move || {
        let chunk = chunks::waline_comments(server.clone(), id.clone(), zone, count);
        Attempt::once(async move { chunk.await.map_err(|_| ApiError::Chunk) })
    };
    view! {
        <Suspense fallback=|| view! { <p class="comments__loading">{strings::LOADING}</p> }>
            {load(attempt, |view| view)}
        </Suspense>
    }
    .into_any()
}

/// The Waline list and compose form (what `chunks::waline_comments` loads).
pub fn waline_view(
    server: String,
    id: ArticleId,
    zone: Zone,
    count: RwSignal<Option<u32>>,
) -> AnyView {
    view! { <WalineComments server id zone count/> }.into_any()
}
