//! `/a/{id}`: one article. The id is validated before it forms a fetch path.

use std::sync::Arc;

use futures::future::{FutureExt, LocalBoxFuture};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;
use newsfront_core::{Article, ArticleId};

use crate::{
    api::{self, ApiError},
    chunks,
    components::{
        after_paint::AfterPaint,
        article_content::ArticleContent,
        comments::{CommentsSection, CommentsSource},
        load::{load, Attempt},
        not_found::NotFound,
        page_title::PageTitle,
        skeleton::ArticleSkeleton,
        toolbar::Toolbar,
    },
    strings,
};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| ArticleId::parse(&s).ok())
    });
    by_id(id.into(), |id| api::article(id).boxed_local())
}

/// Gets an article that is not at hand.
type Fetch = fn(ArticleId) -> LocalBoxFuture<'static, Result<Arc<Article>, ApiError>>;

/// The route below its parameter, one function for the route and for its build ahead
/// ([`build_shell_and_drop`]), so that both run the same compiled code.
fn by_id(id: Signal<Option<ArticleId>>, fetch: Fetch) -> impl IntoView {
    // In memory or in the page: no data to wait for (only, the first time, the chunk). A
    // missing article is the not-found page, not an error.
    let attempt = move || match id.get() {
        None => Attempt::AtHand(None),
        Some(id) => match api::article_now(&id) {
            Some(article) => Attempt::AtHand(Some(article)),
            None => Attempt::fetch(move || {
                let article = fetch(id.clone());
                async move {
                    match article.await {
                        Err(ApiError::Status(404)) => Ok(None),
                        found => found.map(Some),
                    }
                }
            }),
        },
    };
    let show = |article: Option<Arc<Article>>| match article {
        Some(article) => from_chunk(article),
        None => not_found().into_any(),
    };
    view! {
        <Suspense fallback=ArticleSkeleton>
            {load(attempt, show)}
        </Suspense>
    }
}

/// The article's view from its chunk: at once when the chunk is loaded, else a skeleton until it
/// is, or an error with a retry when it cannot be.
fn from_chunk(article: Arc<Article>) -> AnyView {
    let attempt = move || {
        let chunk = chunks::article_view(article.clone());
        Attempt::once(async move { chunk.await.map_err(|_| ApiError::Chunk) })
    };
    view! {
        <Suspense fallback=ArticleSkeleton>
            {load(attempt, |view| view)}
        </Suspense>
    }
    .into_any()
}

fn not_found() -> impl IntoView {
    view! {
        <PageTitle text=strings::NOT_FOUND_TITLE/>
        <NotFound message=strings::ARTICLE_NOT_FOUND/>
    }
}

/// Everything below the route: title, description, content, then (after the paint) comments and
/// the toolbar. Loaded as its own chunk (`chunks::article_view`).
pub fn article_view(article: Arc<Article>) -> AnyView {
    let a = article.clone();
    view! {
        <PageTitle text=a.title.clone()/>
        <Meta name="description" content=a.summary.clone()/>
        <ArticleContent article=a.clone()/>
        <AfterPaint>
            <CommentsSection article=a.clone() source=CommentsSource::Live/>
            <Toolbar article=a.clone()/>
        </AfterPaint>
    }
    .into_any()
}

/// Builds the route as a link to an article not yet fetched would (the skeleton, waiting for a
/// fetch that never ends) and drops it: it only compiles the code that a reader's first tap on
/// an article link would otherwise compile.
pub fn build_shell_and_drop(owner: &Owner, id: ArticleId) {
    let never: Fetch = |_| std::future::pending().boxed_local();
    build_detached_and_drop(owner, || by_id(Signal::stored(Some(id)), never));
}

/// Builds the view of `article` and drops it: it only compiles the code.
pub fn build_and_drop(owner: &Owner, article: Arc<Article>) {
    build_detached_and_drop(owner, || article_view(article));
}

/// Builds `view` (its DOM, detached) and drops it, under an owner thrown away at once.
fn build_detached_and_drop<V: IntoView>(owner: &Owner, view: impl FnOnce() -> V) {
    crate::ahead::in_throwaway_owner(owner, || drop(view().into_view().build()));
}
