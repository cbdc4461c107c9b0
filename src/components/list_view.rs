//! A paginated article list driven by `?page=N`, with 加载更多. Pages come in groups of at most
//! `limits::MAX_SHOWN_ITEMS` items (`pagination::shown_pages`): `?page=N` shows N's group up to
//! N, so however far a reader goes, one render never holds more than one group. Each article
//! shows once, and the position of a page file, not its `page` field, says which page it is.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
#[cfg(target_arch = "wasm32")]
use leptos_router::NavigateOptions;
use newsfront_core::{pagination, routes, ListPage};

use crate::{
    api::{self, ListKind},
    components::{
        article_list::ArticleList,
        load::{load, Attempt},
        saved_note::SavedNote,
        skeleton::ListSkeleton,
    },
    dom::href,
    site::use_site,
    strings,
};

#[component]
pub fn ListView(#[prop(into)] kind: Signal<Option<ListKind>>) -> impl IntoView {
    let query = use_query_map();
    // Beyond the list's end it shows its last page (`pagination::shown_pages`).
    let requested = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
    });
    let page_size = use_site().page_size;
    // `try_`: by then the reader may have left this list.
    crate::ahead::leave_list_when_idle(kind, move || {
        let Some(requested) = requested.try_get_untracked() else {
            return false;
        };
        kind.try_with_untracked(|k| {
            k.as_ref()
                .is_some_and(|k| api::shown_list_pages_now(k, requested, page_size).is_some())
        })
        .unwrap_or(false)
    });
    let fresh = crate::webview::use_freshness();
    let (pending, set_pending) = signal(false);
    let attempt = move || {
        fresh.track();
        let (kind, requested) = (kind.get(), requested.get());
        match kind
            .as_ref()
            .and_then(|k| api::shown_list_pages_now(k, requested, page_size))
        {
            Some((first, pages)) => Attempt::AtHand((first, pages, kind)),
            None => Attempt::fetch(move || {
                let kind = kind.clone();
                async move {
                    let Some(k) = kind.clone() else {
                        return Ok((1, Vec::new(), None));
                    };
                    let (first, pages) = api::shown_list_pages(k, requested, page_size).await?;
                    Ok((first, pages, kind))
                }
            }),
        }
    };
    let show = move |(first, pages, kind)| view! { <Pages pages first kind pending/> }.into_any();
    view! {
        <Transition fallback=ListSkeleton set_pending>
            {load(attempt, show)}
        </Transition>
    }
}

/// Pages `first..` of a list as one list, with 加载更多 or the end mark, and a link to the
/// newer items of the group before. Also rendered natively by the prerenderer, where there is
/// no router: the button's navigation is browser-only.
#[component]
pub fn Pages(
    pages: Vec<Arc<ListPage>>,
    /// The number of the first page in `pages`.
    #[prop(default = 1)]
    first: u32,
    kind: Option<ListKind>,
    pending: ReadSignal<bool>,
) -> impl IntoView {
    let page_size = use_site().page_size;
    // The page numbers are the files' places, whatever their `page` fields say.
    let loaded = first + pages.len().saturating_sub(1) as u32;
    let total = pages.last().map(|p| p.total_pages).unwrap_or(0);
    let skipped: usize = pages.iter().map(|p| p.skipped.len()).sum();
    let items = pagination::merge_pages(pages.iter().map(|p| &**p), page_size);
    let empty = items.is_empty();
    let list_path = match &kind {
        Some(ListKind::Category(slug)) => routes::category(slug),
        _ => routes::home().to_string(),
    };
    let at_page = move |page: u32| routes::list_page(&list_path, page);
    // The next page joins this group, or starts the next one on a page of its own.
    let next_in_group = *pagination::shown_pages(loaded + 1, total, page_size).start() == first;
    let newer = (first > 1).then(|| {
        view! { <a class="list-newer" href=href(&at_page(first - 1))>{strings::NEWER_ITEMS}</a> }
    });
    let next = at_page(loaded + 1);
    // Read from the service worker's saved copies (offline): say how old.
    let saved_at = kind
        .as_ref()
        .and_then(|k| api::list_saved_at(k, first..=loaded));
    #[cfg(target_arch = "wasm32")]
    let load_more = {
        let navigate = leptos_router::hooks::use_navigate();
        let go = move || {
            navigate(
                &next,
                NavigateOptions {
                    replace: next_in_group,
                    scroll: !next_in_group,
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
        let _ = (&next, next_in_group);
    };
    view! {
        <SavedNote saved_at/>
        {newer}
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
