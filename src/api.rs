//! All fetching: feed paths from the core crate, timeouts, abort on cleanup, an in-memory cache.

use std::{
    cell::RefCell,
    collections::HashMap,
    fmt,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use gloo_net::http::Request;
use leptos::prelude::*;
use newsfront_core::{
    parse_article, parse_comments, parse_list_page, parse_site, paths, Article, ArticleId,
    CommentsFile, FeedError, ListPage, Site, Slug,
};

use crate::strings;

/// A fetch gives up after this long (a response that never ends included) and offers retry.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    Network,
    Timeout,
    Status(u16),
    Feed(String),
    Version(String),
    /// A part of the app's code could not be loaded (offline, or the site was just updated).
    Chunk,
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
            ApiError::Feed(detail) => write!(f, "{}:{detail}", strings::ERR_FEED),
            ApiError::Version(_) => f.write_str(strings::ERR_VERSION),
            ApiError::Chunk => f.write_str(strings::ERR_CHUNK),
        }
    }
}

impl std::error::Error for ApiError {}

impl From<FeedError> for ApiError {
    fn from(e: FeedError) -> Self {
        match e {
            FeedError::UnsupportedVersion { .. } => ApiError::Version(e.to_string()),
            other => ApiError::Feed(other.to_string()),
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
    /// Feed files a prerendered page carries (`#nf-data`), by path; each is used once.
    static EMBEDDED: RefCell<Option<HashMap<String, String>>> = const { RefCell::new(None) };
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
    serde_json::from_str(&text).unwrap_or_default()
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
    Ok(keep_site(parse_site(&text)?))
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
    let site = Arc::new(site);
    SITE.set(Some(site.clone()));
    site
}

pub async fn list_page(kind: ListKind, page: u32) -> Result<Arc<ListPage>, ApiError> {
    let path = kind.path(page);
    cached(&LISTS, path, parse_list_page).await
}

/// Pages 1..=last of a list, in order (served from memory where already fetched).
pub async fn list_pages(kind: ListKind, last: u32) -> Result<Vec<Arc<ListPage>>, ApiError> {
    let mut pages = Vec::with_capacity(last as usize);
    for page in 1..=last.max(1) {
        let p = list_page(kind.clone(), page).await?;
        let total = p.total_pages;
        pages.push(p);
        if page >= total {
            break;
        }
    }
    Ok(pages)
}

/// Pages 1..=last of a list if all are at hand without a request (see [`site_now`]).
pub fn list_pages_now(kind: &ListKind, last: u32) -> Option<Vec<Arc<ListPage>>> {
    let mut pages = Vec::with_capacity(last as usize);
    for page in 1..=last.max(1) {
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
    cached(&ARTICLES, paths::article(&id), parse_article).await
}

/// The article if it is at hand without a request: in memory or embedded in the page (see
/// [`site_now`]).
pub fn article_now(id: &ArticleId) -> Option<Arc<Article>> {
    at_hand(&ARTICLES, paths::article(id), parse_article)
}

pub async fn comments(id: ArticleId) -> Result<Arc<CommentsFile>, ApiError> {
    cached(&COMMENTS, paths::comments(&id), parse_comments).await
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
    Ok(keep(cache, path, parse(&text)?))
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
        if !resp.ok() {
            return Err(ApiError::Status(resp.status()));
        }
        resp.text().await.map_err(|_| ApiError::Network)
    }
    .await;
    match result {
        Err(ApiError::Network) if deadline.finish() => Err(ApiError::Timeout),
        other => other,
    }
}
