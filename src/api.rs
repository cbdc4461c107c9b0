//! All fetching: feed paths from the core crate, timeouts, abort on cleanup, an in-memory cache,
//! and what the service worker says about a file (saved copy, offline; docs/offline.md).

use std::{
    cell::RefCell,
    collections::HashMap,
    fmt,
    ops::RangeInclusive,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::Request;
use leptos::prelude::*;
use newsfront_core::{
    pagination, parse_article, parse_comments, parse_doc_shard, parse_list_page,
    parse_search_manifest, parse_site, parse_term_shard, paths,
    search::{DocShard, SearchManifest, TermShard},
    Article, ArticleId, CommentsFile, FeedError, ListPage, Site, Slug,
};

use crate::strings;

/// Problems of a broken feed file a reader sees (the validator lists them all).
const READER_PROBLEMS: usize = 3;

/// A fetch gives up after this long (a response that never ends included) and offers retry.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    Network,
    Timeout,
    Status(u16),
    Feed(String),
    /// The file's format is one this app does not read: `older` than it, or newer.
    Version {
        older: bool,
    },
    /// A part of the app's code could not be loaded (offline, or the site was just updated).
    Chunk,
    /// No network, and the service worker has no saved copy of the file.
    Offline,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network => f.write_str(strings::ERR_NETWORK),
            ApiError::Timeout => f.write_str(strings::ERR_TIMEOUT),
            // Any feed file: a list page or comments file, not only an article (whose route shows
            // its own not-found page for a 404).
            ApiError::Status(404) => f.write_str(strings::ERR_NOT_FOUND),
            ApiError::Status(429) => f.write_str(strings::ERR_BUSY),
            ApiError::Status(code) => write!(f, "{}(HTTP {code})", strings::ERR_SERVER),
            ApiError::Feed(detail) => write!(f, "{}:\n{detail}", strings::ERR_FEED),
            ApiError::Version { older: true } => f.write_str(strings::ERR_VERSION_OLD),
            ApiError::Version { older: false } => f.write_str(strings::ERR_VERSION),
            ApiError::Chunk => f.write_str(strings::ERR_CHUNK),
            ApiError::Offline => f.write_str(strings::ERR_OFFLINE),
        }
    }
}

impl std::error::Error for ApiError {}

/// A feed file's text, read by `parse`. A file in a newer format than this app reads means the
/// site was redeployed under this tab: the page is loaded again, so the new build reads it
/// (`boot::reload_for_newer_feed`); this old app never reads it.
async fn parse_feed<T>(
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, FeedError>,
) -> Result<T, ApiError> {
    let e = match parse(text) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    if matches!(e, FeedError::UnsupportedVersion { .. }) && !e.is_older_format() {
        crate::boot::reload_for_newer_feed().await;
    }
    Err(e.into())
}

impl From<FeedError> for ApiError {
    fn from(e: FeedError) -> Self {
        match e {
            FeedError::UnsupportedVersion { .. } => ApiError::Version {
                older: e.is_older_format(),
            },
            other => {
                let problems = other.problems();
                let mut lines: Vec<String> = problems
                    .iter()
                    .take(READER_PROBLEMS)
                    .map(ToString::to_string)
                    .collect();
                if problems.len() > READER_PROBLEMS {
                    lines.push(format!("… and {} more", problems.len() - READER_PROBLEMS));
                }
                ApiError::Feed(lines.join("\n"))
            }
        }
    }
}

/// Which paginated list: the home page (all categories) or one category.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ListKind {
    Home,
    Category(Slug),
}

impl ListKind {
    fn path(&self, page: u32) -> String {
        match self {
            ListKind::Home => paths::home_list(page),
            ListKind::Category(slug) => paths::category_list(slug, page),
        }
    }
}

thread_local! {
    static SITE: RefCell<Option<Arc<Site>>> = const { RefCell::new(None) };
    static LISTS: RefCell<HashMap<String, Arc<ListPage>>> = RefCell::new(HashMap::new());
    static ARTICLES: RefCell<HashMap<String, Arc<Article>>> = RefCell::new(HashMap::new());
    static COMMENTS: RefCell<HashMap<String, Arc<CommentsFile>>> = RefCell::new(HashMap::new());
    static SEARCH_MANIFEST: RefCell<HashMap<String, Arc<SearchManifest>>> = RefCell::new(HashMap::new());
    static TERM_SHARDS: RefCell<HashMap<String, Arc<TermShard>>> = RefCell::new(HashMap::new());
    static DOC_SHARDS: RefCell<HashMap<String, Arc<DocShard>>> = RefCell::new(HashMap::new());
    /// Feed files a prerendered page carries (`#nf-data`), by path; each is used once.
    static EMBEDDED: RefCell<Option<HashMap<String, String>>> = const { RefCell::new(None) };
    /// When the service worker saved the copies it served offline, by path (ms since the epoch).
    static SAVED: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// Articles being fetched since the tap on their link ([`fetch_article_early`]), by path.
    static EARLY: RefCell<HashMap<String, EarlyArticle>> = RefCell::new(HashMap::new());
}

type EarlyArticle = Shared<LocalBoxFuture<'static, Result<Arc<Article>, ApiError>>>;

/// When the copy of `path` in memory was saved, if it came from the service worker's saved
/// copies rather than the network.
pub fn saved_at(path: &str) -> Option<f64> {
    SAVED.with_borrow(|s| s.get(path).copied())
}

/// When the oldest saved page among pages `shown` of a list was saved; `None` if all are fresh.
pub fn list_saved_at(kind: &ListKind, shown: RangeInclusive<u32>) -> Option<f64> {
    shown
        .filter_map(|page| saved_at(&kind.path(page)))
        .min_by(f64::total_cmp)
}

/// Whether a list on screen may be a saved copy (back online, lists are fetched again).
pub fn any_saved_list() -> bool {
    SAVED.with_borrow(|s| s.keys().any(|p| p.starts_with("feed/lists/")))
}

fn note_saved(path: &str, at: Option<f64>) {
    SAVED.with_borrow_mut(|s| match at {
        Some(at) => s.insert(path.to_string(), at),
        None => s.remove(path),
    });
}

/// The text of a feed file embedded in the prerendered page, taken out so later loads fetch.
/// The first call reads (and removes) the page's `<script type="application/json" id="nf-data">`.
fn take_embedded(path: &str) -> Option<String> {
    EMBEDDED.with_borrow_mut(|embedded| embedded.get_or_insert_with(read_embedded).remove(path))
}

#[cfg(target_arch = "wasm32")]
fn read_embedded() -> HashMap<String, String> {
    let Some(script) = document().get_element_by_id("nf-data") else {
        return HashMap::new();
    };
    let text = script.text_content().unwrap_or_default();
    script.remove();
    // A broken embed only costs the fetches it would have saved.
    let files: HashMap<String, String> = serde_json::from_str(&text).unwrap_or_default();
    // A page the service worker served from its saved copy: its files are as old as it is.
    let saved = document()
        .document_element()
        .and_then(|r| r.get_attribute("data-nf-saved"))
        .and_then(|t| t.parse::<f64>().ok());
    if let Some(at) = saved {
        for path in files.keys() {
            note_saved(path, Some(at));
        }
    }
    files
}

#[cfg(not(target_arch = "wasm32"))]
fn read_embedded() -> HashMap<String, String> {
    HashMap::new()
}

/// The feed file's text: embedded in the page, else fetched.
async fn feed_text(path: String) -> Result<String, ApiError> {
    match take_embedded(&path) {
        Some(text) => Ok(text),
        None => fetch_text(path).await,
    }
}

pub async fn site() -> Result<Arc<Site>, ApiError> {
    if let Some(site) = site_now() {
        return Ok(site);
    }
    let text = fetch_text(paths::site()).await?;
    Ok(keep_site(parse_feed(&text, parse_site).await?))
}

/// The site file if it is at hand without a request: in memory or embedded in the page. The
/// page then renders at once, without a loading state in between. A broken embedded file
/// gives `None` (and is gone), so the caller's fetch reports what is wrong with the file.
pub fn site_now() -> Option<Arc<Site>> {
    if let Some(s) = SITE.with_borrow(|s| s.clone()) {
        return Some(s);
    }
    let text = take_embedded(&paths::site())?;
    parse_site(&text).ok().map(keep_site)
}

fn keep_site(site: Site) -> Arc<Site> {
    // Left out of the site (a bad category, logo, WeChat setting…): for whoever runs the site;
    // `newsfront-feed validate` reports the same.
    for skipped in &site.skipped {
        leptos::logging::warn!("site.json: {skipped}");
    }
    let site = Arc::new(site);
    SITE.set(Some(site.clone()));
    site
}

pub async fn list_page(kind: ListKind, page: u32) -> Result<Arc<ListPage>, ApiError> {
    let path = kind.path(page);
    cached(&LISTS, path, parse_list_page).await
}

/// The pages `?page=requested` shows ([`pagination::shown_pages`]), and the first of them.
/// Page 1, usually in memory already, says how many pages there are.
pub async fn shown_list_pages(
    kind: ListKind,
    requested: u32,
    page_size: u32,
) -> Result<(u32, Vec<Arc<ListPage>>), ApiError> {
    let total = match requested {
        0 | 1 => 1,
        _ => list_page(kind.clone(), 1).await?.total_pages,
    };
    let shown = pagination::shown_pages(requested, total, page_size);
    Ok((*shown.start(), list_pages(kind, shown).await?))
}

/// [`shown_list_pages`] if all are at hand without a request (see [`site_now`]).
pub fn shown_list_pages_now(
    kind: &ListKind,
    requested: u32,
    page_size: u32,
) -> Option<(u32, Vec<Arc<ListPage>>)> {
    let total = match requested {
        0 | 1 => 1,
        _ => at_hand(&LISTS, kind.path(1), parse_list_page)?.total_pages,
    };
    let shown = pagination::shown_pages(requested, total, page_size);
    Some((*shown.start(), list_pages_now(kind, shown)?))
}

/// Pages `shown` of a list, in order, stopping at its last page (served from memory where
/// already fetched).
async fn list_pages(
    kind: ListKind,
    shown: RangeInclusive<u32>,
) -> Result<Vec<Arc<ListPage>>, ApiError> {
    let mut pages = Vec::new();
    for page in shown {
        let p = list_page(kind.clone(), page).await?;
        let total = p.total_pages;
        pages.push(p);
        if page >= total {
            break;
        }
    }
    Ok(pages)
}

/// Pages `shown` of a list if all are at hand without a request.
fn list_pages_now(kind: &ListKind, shown: RangeInclusive<u32>) -> Option<Vec<Arc<ListPage>>> {
    let mut pages = Vec::new();
    for page in shown {
        let p = at_hand(&LISTS, kind.path(page), parse_list_page)?;
        let total = p.total_pages;
        pages.push(p);
        if page >= total {
            break;
        }
    }
    Some(pages)
}

/// Drops cached list pages (not articles, which do not change), so lists refetch.
pub fn forget_lists() {
    LISTS.with_borrow_mut(HashMap::clear);
}

pub async fn article(id: ArticleId) -> Result<Arc<Article>, ApiError> {
    let path = paths::article(&id);
    match EARLY.with_borrow(|m| m.get(&path).cloned()) {
        Some(early) => early.await,
        None => cached(&ARTICLES, path, parse_article).await,
    }
}

/// Starts fetching an article when its link is tapped, before the router builds the route
/// (which, the first time, means compiling its code): [`article`] then waits for this fetch
/// instead of starting its own. It is not aborted if the reader moves on; what it gets is kept.
pub fn fetch_article_early(id: ArticleId) {
    let path = paths::article(&id);
    let known = ARTICLES.with_borrow(|m| m.contains_key(&path))
        || EARLY.with_borrow(|m| m.contains_key(&path));
    if known {
        return;
    }
    let key = path.clone();
    let early = async move {
        let result = cached(&ARTICLES, path.clone(), parse_article).await;
        EARLY.with_borrow_mut(|m| m.remove(&path));
        result
    }
    .boxed_local()
    .shared();
    EARLY.with_borrow_mut(|m| m.insert(key, early.clone()));
    // Polled once here, so that the request leaves during the tap's own event listener rather
    // than after every listener and the router's work; the task then takes it to the end.
    if early.clone().now_or_never().is_none() {
        leptos::task::spawn_local(async move {
            let _ = early.await;
        });
    }
}

/// The article if it is at hand without a request: in memory or embedded in the page (see
/// [`site_now`]).
pub fn article_now(id: &ArticleId) -> Option<Arc<Article>> {
    at_hand(&ARTICLES, paths::article(id), parse_article)
}

pub async fn comments(id: ArticleId) -> Result<Arc<CommentsFile>, ApiError> {
    cached(&COMMENTS, paths::comments(&id), parse_comments).await
}

/// The search index's manifest. Kept for the page's life, unless a shard it names is gone
/// (the site was rebuilt): then the next search reads it again.
pub async fn search_manifest() -> Result<Arc<SearchManifest>, ApiError> {
    cached(
        &SEARCH_MANIFEST,
        paths::search_manifest(),
        parse_search_manifest,
    )
    .await
}

/// Term shard `k` of the index `manifest` names.
pub async fn term_shard(manifest: Arc<SearchManifest>, k: u32) -> Result<Arc<TermShard>, ApiError> {
    let path = paths::search_term_shard(&manifest.version, k);
    let shard = cached(&TERM_SHARDS, path, |text| {
        parse_term_shard(text, &manifest, k)
    })
    .await;
    forget_manifest_if_gone(shard)
}

/// Document shard `k` of the index `manifest` names.
pub async fn doc_shard(manifest: Arc<SearchManifest>, k: u32) -> Result<Arc<DocShard>, ApiError> {
    let path = paths::search_doc_shard(&manifest.version, k);
    let shard = cached(&DOC_SHARDS, path, |text| {
        parse_doc_shard(text, &manifest, k)
    })
    .await;
    forget_manifest_if_gone(shard)
}

fn forget_manifest_if_gone<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    if result.as_ref().err() == Some(&ApiError::Status(404)) {
        SEARCH_MANIFEST.with_borrow_mut(HashMap::clear);
    }
    result
}

async fn cached<T>(
    cache: &'static std::thread::LocalKey<RefCell<HashMap<String, Arc<T>>>>,
    path: String,
    parse: impl FnOnce(&str) -> Result<T, FeedError>,
) -> Result<Arc<T>, ApiError> {
    if let Some(hit) = cache.with_borrow(|m| m.get(&path).cloned()) {
        return Ok(hit);
    }
    let text = feed_text(path.clone()).await?;
    Ok(keep(cache, path, parse_feed(&text, parse).await?))
}

/// A feed file from memory or from the page's embedded data, without a request.
fn at_hand<T>(
    cache: &'static std::thread::LocalKey<RefCell<HashMap<String, Arc<T>>>>,
    path: String,
    parse: impl FnOnce(&str) -> Result<T, FeedError>,
) -> Option<Arc<T>> {
    if let Some(hit) = cache.with_borrow(|m| m.get(&path).cloned()) {
        return Some(hit);
    }
    let text = take_embedded(&path)?;
    parse(&text).ok().map(|v| keep(cache, path, v))
}

fn keep<T>(
    cache: &'static std::thread::LocalKey<RefCell<HashMap<String, Arc<T>>>>,
    path: String,
    value: T,
) -> Arc<T> {
    let value = Arc::new(value);
    cache.with_borrow_mut(|m| m.insert(path, value.clone()));
    value
}

/// A request's deadline: an `AbortController` that fires after `FETCH_TIMEOUT`, and can tell a
/// timeout from the other ways a fetch fails.
pub struct Deadline {
    ctrl: Option<web_sys::AbortController>,
    timed_out: Arc<AtomicBool>,
    timer: Option<TimeoutHandle>,
}

impl Deadline {
    pub fn start() -> Self {
        let ctrl = web_sys::AbortController::new().ok();
        let timed_out = Arc::new(AtomicBool::new(false));
        let timer = ctrl.clone().and_then(|c| {
            let flag = timed_out.clone();
            set_timeout_with_handle(
                move || {
                    flag.store(true, Ordering::SeqCst);
                    c.abort();
                },
                FETCH_TIMEOUT,
            )
            .ok()
        });
        Deadline {
            ctrl,
            timed_out,
            timer,
        }
    }

    pub fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.ctrl.as_ref().map(|c| c.signal())
    }

    /// Also abort when the current reactive owner is cleaned up (the reader navigated away).
    pub fn abort_on_cleanup(&self) {
        let ctrl = self.ctrl.clone();
        on_cleanup(move || {
            if let Some(c) = ctrl {
                c.abort();
            }
        });
    }

    /// Stops the timer; whether the deadline had passed.
    pub fn finish(self) -> bool {
        if let Some(t) = self.timer {
            t.clear();
        }
        self.timed_out.load(Ordering::SeqCst)
    }
}

/// Set by the service worker (boot/sw.js) on a saved copy it serves: when it was saved.
const SAVED_HEADER: &str = "x-nf-saved";
/// Set by the service worker on its answer for a file it has no copy of, offline: "miss", or
/// "page" when the page of that article or list is saved.
const OFFLINE_HEADER: &str = "x-nf-offline";

/// GET a feed file as text. Aborted when the calling owner is cleaned up (the reader navigated
/// away) or after `FETCH_TIMEOUT`.
async fn fetch_text(url: String) -> Result<String, ApiError> {
    let deadline = Deadline::start();
    deadline.abort_on_cleanup();
    let signal = deadline.signal();
    let result = async {
        let resp = Request::get(&url)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        let header = |name: &str| resp.headers().get(name);
        if let Some(offline) = header(OFFLINE_HEADER) {
            // The page itself is saved: loading it shows it (the worker serves it).
            if offline == "page" {
                crate::boot::show_saved_page().await;
            }
            return Err(ApiError::Offline);
        }
        if !resp.ok() {
            return Err(ApiError::Status(resp.status()));
        }
        let saved = header(SAVED_HEADER).and_then(|t| t.parse::<f64>().ok());
        let text = resp.text().await.map_err(|_| ApiError::Network)?;
        note_saved(&url, saved);
        Ok(text)
    }
    .await;
    match result {
        Err(ApiError::Network) if deadline.finish() => Err(ApiError::Timeout),
        other => other,
    }
}
