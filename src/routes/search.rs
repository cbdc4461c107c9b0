//! `/search?q=`: the search box, and the results for `q` from their own chunk (the index code
//! and the results view load the first time a reader opens search).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use newsfront_core::routes;

use crate::{
    api::ApiError,
    chunks,
    components::{
        load::{load, Attempt},
        page_title::PageTitle,
        skeleton::ListSkeleton,
    },
    dom::href,
    strings,
};

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get(routes::SEARCH_PARAM));
    let attempt = move || match q.get() {
        None => Attempt::AtHand(None),
        Some(q) => {
            let chunk = chunks::search_results(q);
            Attempt::once(async move { chunk.await.map(Some).map_err(|_| ApiError::Chunk) })
        }
    };
    let show = |results: Option<AnyView>| {
        results.unwrap_or_else(|| {
            // Fetch the search code while the reader types.
            #[cfg(target_arch = "wasm32")]
            crate::dom::when_idle(|| {
                leptos::task::spawn_local(async {
                    let _ = chunks::preload_search().await;
                })
            });
            view! { <p class="search-hint">{strings::SEARCH_HINT}</p> }.into_any()
        })
    };
    view! {
        <PageTitle text=strings::SEARCH/>
        <h1 class="visually-hidden">{strings::SEARCH}</h1>
        <SearchForm q/>
        <Suspense fallback=searching>
            {load(attempt, show)}
        </Suspense>
    }
}

/// The line above the results; `state` (`data-state`) is for tests and the benchmark:
/// `loading`, `done`, `none` or `problem`.
pub fn status(state: &'static str, text: String) -> impl IntoView {
    view! { <p class="search-status" data-search-status="" data-state=state role="status">{text}</p> }
}

/// While the search code or the index loads.
pub fn searching() -> impl IntoView {
    view! { {status("loading", strings::SEARCHING.to_string())} <ListSkeleton/> }
}

/// The search box: a plain GET form (it works before the app runs); in the app, submitting
/// navigates in place.
#[component]
pub fn SearchForm(#[prop(into)] q: Signal<Option<String>>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    #[cfg(target_arch = "wasm32")]
    let submit = {
        let navigate = leptos_router::hooks::use_navigate();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(el) = input.get() else { return };
            navigate(&routes::search_query(&el.value()), Default::default());
            // Close the phone's keyboard so the results are in view.
            let _ = el.blur();
        }
    };
    #[cfg(not(target_arch = "wasm32"))]
    let submit = |_: leptos::ev::SubmitEvent| {};
    #[cfg(target_arch = "wasm32")]
    Effect::new(move |_| {
        // An empty search page waits for typing: the box has the focus.
        if q.with_untracked(Option::is_none) {
            if let Some(el) = input.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <form class="search-form" role="search" action=href(routes::search()) method="get" on:submit=submit>
            <input class="search-form__input" type="search" name=routes::SEARCH_PARAM node_ref=input
                prop:value=move || q.get().unwrap_or_default() enterkeyhint="search"
                autocomplete="off" aria-label=strings::SEARCH_LABEL placeholder=strings::SEARCH_PLACEHOLDER/>
            <button class="button search-form__submit" type="submit">{strings::SEARCH}</button>
        </form>
    }
}
