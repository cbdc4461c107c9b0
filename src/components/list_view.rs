//! A paginated article list driven by `?page=N` (pages 1..=N are shown), with 加载更多.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
#[cfg(target_arch = "wasm32")]
use leptos_router::NavigateOptions;
use newsfront_core::ListPage;

use crate::{
    api::{self, ListKind},
    components::{article_list::ArticleList, error_panel::ErrorPanel, skeleton::ListSkeleton},
    strings,
};

/// Highest page number accepted from a URL; beyond it the list shows its last page.
const MAX_PAGE: u32 = 500;

#[component]
pub fn ListView(#[prop(into)] kind: Signal<Option<ListKind>>) -> impl IntoView {
    let query = use_query_map();
    let last = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .map(|p| p.clamp(1, MAX_PAGE))
            .unwrap_or(1)
    });
    let retry = RwSignal::new(0u32);
    let fresh = crate::webview::use_freshness();
    let (pending, set_pending) = signal(false);
    view! {
        <Transition fallback=ListSkeleton set_pending>
            {move || {
                retry.track();
                fresh.track();
                let kind = kind.get();
                let last = last.get();
                // In memory or in the page: render now, without a skeleton in between.
                if let Some(pages) = kind.as_ref().and_then(|k| api::list_pages_now(k, last)) {
                    return view! { <Pages pages kind pending/> }.into_any();
                }
                let fetch_kind = kind.clone();
                let pages = LocalResource::new(move || {
                    let kind = fetch_kind.clone();
                    async move {
                        match kind {
                            Some(k) => api::list_pages(k, last).await,
                            None => Ok(Vec::new()),
                        }
                    }
                });
                Suspend::new(async move {
                    match pages.await {
                        Ok(pages) => view! { <Pages pages kind=kind.clone() pending/> }.into_any(),
                        Err(error) => view! {
                            <ErrorPanel error on_retry=Callback::new(move |_| retry.update(|n| *n += 1))/>
                        }.into_any(),
                    }
                })
                .into_any()
            }}
        </Transition>
    }
}

/// Pages 1..=N of a list as one list, with 加载更多 or the end mark. Also rendered natively by
/// the prerenderer, where there is no router: the button's navigation is browser-only.
#[component]
pub fn Pages(
    pages: Vec<Arc<ListPage>>,
    kind: Option<ListKind>,
    pending: ReadSignal<bool>,
) -> impl IntoView {
    let loaded = pages.last().map(|p| p.page).unwrap_or(0);
    let total = pages.last().map(|p| p.total_pages).unwrap_or(0);
    let skipped: usize = pages.iter().map(|p| p.skipped.len()).sum();
    let empty = pages.iter().all(|p| p.items.is_empty());
    let items = pages
        .iter()
        .flat_map(|p| p.items.iter().cloned())
        .collect::<Vec<_>>();
    let next = format!(
        "{}?page={}",
        match &kind {
            Some(ListKind::Category(slug)) => format!("/c/{slug}"),
            _ => "/".to_string(),
        },
        loaded + 1
    );
    #[cfg(target_arch = "wasm32")]
    let load_more = {
        let navigate = leptos_router::hooks::use_navigate();
        let go = move || {
            navigate(
                &next,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            )
        };
        // A tap on the prerendered page's 加载更多 before the app ran: honour it now, once.
        if crate::boot::take_held_more() == Some(loaded + 1) && loaded < total {
            go();
        }
        move |_| go()
    };
    #[cfg(not(target_arch = "wasm32"))]
    let load_more = move |_: leptos::ev::MouseEvent| {
        let _ = &next;
    };
    view! {
        {empty.then(|| view! { <p class="list-empty">{strings::LIST_EMPTY}</p> })}
        <ArticleList items/>
        {(skipped > 0).then(|| view! { <p class="list-note">{format!("{}({skipped})", strings::SKIPPED_ITEMS)}</p> })}
        {if loaded < total {
            view! {
                <button class="button load-more" on:click=load_more disabled=move || pending.get()
                    data-nf-more=(loaded + 1).to_string() data-pending-label=strings::LOADING_MORE>
                    {move || if pending.get() { strings::LOADING_MORE } else { strings::LOAD_MORE }}
                </button>
            }.into_any()
        } else if !empty {
            view! { <p class="list-end">{strings::NO_MORE}</p> }.into_any()
        } else {
            ().into_any()
        }}
    }
}
