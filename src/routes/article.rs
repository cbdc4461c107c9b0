//! `/a/{id}`: one article. The id is validated before it forms a fetch path.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;
use newsfront_core::{Article, ArticleId};

use send_wrapper::SendWrapper;

use crate::{
    api::{self, ApiError},
    chunks,
    components::{
        after_paint::AfterPaint,
        article_content::ArticleContent,
        comments::{CommentsSection, CommentsSource},
        error_panel::ErrorPanel,
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
    let retry = RwSignal::new(0u32);
    move || {
        retry.track();
        let Some(id) = id.get() else {
            return not_found().into_any();
        };
        // In memory or in the page: no data to wait for (only, the first time, the chunk).
        if let Some(article) = api::article_now(&id) {
            return from_chunk(article, retry);
        }
        let article = LocalResource::new(move || api::article(id.clone()));
        view! {
            <Suspense fallback=ArticleSkeleton>
                {move || Suspend::new(async move {
                    match article.await {
                        Ok(a) => from_chunk(a, retry),
                        Err(ApiError::Status(404)) => not_found().into_any(),
                        Err(error) => view! {
                            <ErrorPanel error on_retry=Callback::new(move |_| retry.update(|n| *n += 1))/>
                        }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// The article's view from its chunk: at once when the chunk is loaded, else a skeleton until it
/// is, or an error with a retry when it cannot be.
fn from_chunk(article: Arc<Article>, retry: RwSignal<u32>) -> AnyView {
    let load = SendWrapper::new(chunks::article_view(article));
    view! {
        <Suspense fallback=ArticleSkeleton>
            {Suspend::new(async move {
                match load.await {
                    Ok(view) => view,
                    Err(_) => view! {
                        <ErrorPanel error=ApiError::Chunk on_retry=Callback::new(move |_| retry.update(|n| *n += 1))/>
                    }.into_any(),
                }
            })}
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
