//! The results of one query (its own chunk, `chunks::search_results`): the query checked, the
//! term shards it needs fetched at once, the ranking, then a page of results at a time from the
//! document shards, titles and summaries with the matched terms marked (text nodes, never
//! markup). docs/search.md describes the index.

use std::sync::Arc;

use futures::future::try_join_all;
use leptos::prelude::*;
use newsfront_core::{
    routes,
    search::{self, highlight, Query, QueryProblem, SearchManifest, MAX_QUERY_CHARS},
    ArticleSummary,
};

use crate::{
    api::{self, ApiError},
    components::{
        article_list::ArticleList,
        load::{load, Attempt},
        skeleton::ListSkeleton,
    },
    dom::href,
    routes::search::{searching, status},
    site::use_site,
    strings,
};

/// Results shown at first, and added by each 加载更多.
const PAGE: usize = 10;

/// The view for the raw `q` of the URL: a message for a query that cannot be searched, else its
/// results.
pub fn results_view(q: String) -> AnyView {
    match Query::parse(&q) {
        Err(problem) => status("problem", problem_text(&problem)).into_any(),
        Ok(query) => view! { <Results query=Arc::new(query)/> }.into_any(),
    }
}

fn problem_text(problem: &QueryProblem) -> String {
    match problem {
        QueryProblem::Empty => strings::SEARCH_EMPTY.to_string(),
        QueryProblem::TooLong { chars } => {
            format!("{}({chars} / {MAX_QUERY_CHARS})", strings::SEARCH_TOO_LONG)
        }
        QueryProblem::TooShort => strings::SEARCH_TOO_SHORT.to_string(),
        QueryProblem::NothingSearchable => strings::SEARCH_NOTHING.to_string(),
    }
}

/// What a search found: the ranked document numbers, or that the site has no index.
#[derive(Clone)]
enum Found {
    Ranked(Arc<SearchManifest>, Arc<Vec<u32>>),
    NoIndex,
}

async fn find(query: Arc<Query>) -> Result<Found, ApiError> {
    let manifest = match api::search_manifest().await {
        Err(ApiError::Status(404)) => return Ok(Found::NoIndex),
        other => other?,
    };
    let needed = search::shards_for(&query, &manifest);
    let shards = try_join_all(needed.iter().map(|&k| api::term_shard(manifest.clone(), k))).await?;
    let ranked = search::search(&query, &manifest, |k| {
        needed
            .iter()
            .position(|&n| n == k)
            .map(|i| shards[i].clone())
    });
    Ok(Found::Ranked(manifest, Arc::new(ranked)))
}

#[component]
fn Results(query: Arc<Query>) -> impl IntoView {
    let attempt = {
        let query = query.clone();
        move || {
            let query = query.clone();
            Attempt::fetch(move || find(query.clone()))
        }
    };
    let show = move |found| match found {
        Found::NoIndex => status("problem", strings::SEARCH_NO_INDEX.to_string()).into_any(),
        Found::Ranked(_, ranked) if ranked.is_empty() => {
            view! { <NoResults query=query.text.clone()/> }.into_any()
        }
        Found::Ranked(manifest, ranked) => {
            view! { <Ranked query=query.clone() manifest ranked/> }.into_any()
        }
    };
    view! {
        <Suspense fallback=searching>
            {load(attempt, show)}
        </Suspense>
    }
}

/// Nothing found: say so, and offer the categories instead.
#[component]
fn NoResults(query: String) -> impl IntoView {
    let site = use_site();
    let links = site
        .categories
        .iter()
        .map(|c| view! { <a class="chip" href=href(&routes::category(&c.slug))>{c.name.clone()}</a> })
        .collect_view();
    view! {
        {status("none", format!("{}“{query}”{}", strings::SEARCH_NONE_BEFORE, strings::SEARCH_NONE_AFTER))}
        <div class="search-none">
            <p>{strings::SEARCH_TRY_CATEGORIES}</p>
            <nav class="search-none__links" aria-label=strings::CATEGORIES>
                <a class="chip" href=href(routes::home())>{strings::HOME}</a>
                {links}
            </nav>
        </div>
    }
}

/// The ranked results, a page at a time.
#[component]
fn Ranked(
    query: Arc<Query>,
    manifest: Arc<SearchManifest>,
    ranked: Arc<Vec<u32>>,
) -> impl IntoView {
    let total = ranked.len();
    let shown = RwSignal::new(PAGE.min(total));
    let (pending, set_pending) = signal(false);
    let attempt = move || {
        let n = shown.get();
        let (manifest, ranked) = (manifest.clone(), ranked.clone());
        Attempt::fetch(move || summaries(manifest.clone(), ranked.clone(), n))
    };
    let marks = {
        let query = query.clone();
        Callback::new(move |text: String| marked(&text, &query))
    };
    let show = move |items: Vec<ArticleSummary>| {
        crate::dom::after_paint(mark_painted);
        view! { <ArticleList items marks/> }.into_any()
    };
    view! {
        {status("done", format!("{}{total}{}", strings::SEARCH_FOUND_BEFORE, strings::SEARCH_FOUND_AFTER))}
        <div data-search-results="">
            <Transition fallback=ListSkeleton set_pending>
                {load(attempt, show)}
            </Transition>
        </div>
        {move || if shown.get() < total {
            view! {
                <button class="button load-more" disabled=move || pending.get()
                    on:click=move |_| shown.update(|n| *n = (*n + PAGE).min(total))>
                    {move || if pending.get() { strings::LOADING_MORE } else { strings::LOAD_MORE }}
                </button>
            }.into_any()
        } else {
            view! { <p class="list-end">{strings::NO_MORE}</p> }.into_any()
        }}
    }
}

/// The list items of the first `n` results, from the document shards that hold them (fetched at
/// once). An item the index holds in a broken form is left out, as lists leave it out.
async fn summaries(
    manifest: Arc<SearchManifest>,
    ranked: Arc<Vec<u32>>,
    n: usize,
) -> Result<Vec<ArticleSummary>, ApiError> {
    let docs = &ranked[..n.min(ranked.len())];
    let mut needed: Vec<u32> = docs.iter().map(|&d| manifest.doc_shard_of(d)).collect();
    needed.sort_unstable();
    needed.dedup();
    let shards = try_join_all(needed.iter().map(|&k| api::doc_shard(manifest.clone(), k))).await?;
    Ok(docs
        .iter()
        .filter_map(|&d| {
            let i = needed.binary_search(&manifest.doc_shard_of(d)).ok()?;
            shards[i].doc(d).cloned()
        })
        .collect())
}

/// `text` with the query's matches in `<mark>`: each part a text node.
fn marked(text: &str, query: &Query) -> AnyView {
    highlight(text, query)
        .into_iter()
        .map(|s| {
            let text = s.text.to_string();
            if s.hit {
                view! { <mark class="search-hit">{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// For the benchmark: results are on screen.
fn mark_painted() {
    if let Some(p) = window().performance() {
        let _ = p.mark("nf:search-painted");
    }
}
