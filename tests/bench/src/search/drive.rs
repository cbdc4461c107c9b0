//! One engine in Chromium: a query started the way a reader starts it, waited for by the search
//! contract (`[data-search-status]`, `ul[data-search-results]`, the `nf:search-painted` mark),
//! and every response it loaded from Resource Timing, the page's and its workers' (Pagefind
//! fetches from a worker; the chromedriver log of CDP events does not see inside one).

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Result};
use newsfront_e2e::Browser;
use serde_json::{json, Value};

use crate::browser::{open, set_cache, wait_js, Open};
use crate::load::{MAX_LOAD, QUIET};
use crate::net::Net;
use crate::sites::Variant;
use crate::throttle::{self, FAST};

use super::sites::PAGEFIND_PAGE;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Engine {
    Ours,
    Pagefind,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Ours => "Newsfront",
            Engine::Pagefind => "Pagefind",
        }
    }
}

/// One query's outcome.
pub struct Outcome {
    pub state: String,
    /// Article ids of the results, in order.
    pub ids: Vec<String>,
    /// Wall-clock ms of the `nf:search-painted` mark.
    pub painted: Option<f64>,
    /// Wall-clock ms when the query was started.
    pub started: f64,
    /// What the Pagefind page saw (policy violations, warnings, workers).
    pub seen: Value,
    pub requests: Vec<Request>,
}

pub struct Request {
    pub url: String,
    pub transfer: f64,
    /// Wall-clock ms of the response's last byte.
    pub end: f64,
}

/// A site served by nginx: `origin` + `base` (the public URL, `/` or `/news/`).
pub struct Served<'a> {
    pub origin: &'a str,
    pub base: &'a str,
}

impl Served<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{}{path}", self.origin, self.base)
    }
}

/// A browser on the engine's page, ready for a first query; throttled when `throttled`
/// (Lighthouse's mobile link and CPU ×4), with the HTTP cache off, so the query is cold.
pub fn ready(site: &Served, engine: Engine, throttled: bool) -> Result<(Browser, Net)> {
    let (mut b, mut net) = open(site.origin, Open::default())?;
    set_cache(&b, !throttled)?;
    if throttled {
        throttle::set(&b, Some(FAST))?;
    }
    net.reset(&b)?;
    match engine {
        Engine::Pagefind => {
            b.goto_static(&site.url(PAGEFIND_PAGE))?;
            wait_js(&b, "return typeof window.__nfSearch === 'function';", 60)?;
        }
        Engine::Ours => {
            b.goto_static(&site.url(""))?;
            wait_js(
                &b,
                &format!("return {};", Variant::Newsfront.app_ready_js()),
                120,
            )?;
        }
    }
    // What the page itself loads (the app's idle chunks) is over before the query starts.
    net.settle(&b, QUIET, MAX_LOAD)?;
    Ok((b, net))
}

/// Runs `query` on the page `ready` opened: Pagefind's page calls its API; the app is sent to
/// `/search?q=` by a tap on a link, as the router handles it (in-app, the app already running).
pub fn query(b: &Browser, site: &Served, engine: Engine, query: &str) -> Result<Outcome> {
    let start_js = match engine {
        Engine::Pagefind => "window.__nfSearch(arguments[0]);",
        Engine::Ours => {
            "const a = document.createElement('a'); \
             a.href = arguments[1]; document.body.appendChild(a); a.click(); a.remove();"
        }
    };
    let href = format!("{}search?q={}", site.base, form_encode(query));
    let started = b.eval_js_with(
        &format!(
            "performance.clearMarks('nf:search-painted'); window.__nfT0 = performance.now(); \
             {start_js} return performance.timeOrigin + window.__nfT0;"
        ),
        vec![json!(query), json!(href)],
    )?;
    let started = started.as_f64().unwrap_or_default();
    wait_js(
        b,
        "const s = document.querySelector('[data-search-status]'); \
         const st = s && s.getAttribute('data-state'); \
         const marked = performance.getEntriesByName('nf:search-painted').length > 0; \
         return marked || st === 'problem' \
           || (st === 'none' && performance.now() - window.__nfT0 > 2000);",
        120,
    )?;
    let article_prefix = format!("{}a/", site.base);
    let got = b.eval_js_with(
        "const s = document.querySelector('[data-search-status]'); \
         const m = performance.getEntriesByName('nf:search-painted').pop(); \
         const hrefs = [...document.querySelectorAll('[data-search-results] li')] \
           .map(li => [...li.querySelectorAll('a[href]')] \
             .map(a => new URL(a.href).pathname).find(p => p.startsWith(arguments[0]))) \
           .filter(p => p); \
         return { state: s ? s.getAttribute('data-state') + ' ' + s.textContent.trim() : 'missing', \
                  painted: m ? performance.timeOrigin + m.startTime : null, hrefs, \
                  seen: window.__nfSeen || null };",
        vec![json!(article_prefix)],
    )?;
    let requests = responses(b)?;
    let ids = got["hrefs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h.as_str())
        .map(|h| {
            h.strip_prefix(&article_prefix)
                .unwrap_or(h)
                .trim_end_matches('/')
                .to_string()
        })
        .collect();
    Ok(Outcome {
        state: got["state"]
            .as_str()
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        ids,
        painted: got["painted"].as_f64(),
        started,
        seen: got["seen"].clone(),
        requests,
    })
}

/// The query as a URL's `q` value (what a form submits): percent-encoded UTF-8, space as `+`.
fn form_encode(q: &str) -> String {
    let mut out = String::new();
    for b in q.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The query's responses from Resource Timing: the page's since the query started and those of
/// any worker (Pagefind's page reports its worker's through `__nfWorkerTiming`); each with its
/// transferSize (body as sent plus headers; the cache is off for measured queries) and the
/// wall-clock ms of its last byte. Waits a moment first for requests after the paint.
fn responses(b: &Browser) -> Result<Vec<Request>> {
    std::thread::sleep(Duration::from_millis(1000));
    let v = b.eval_js_async(
        "const done = arguments[arguments.length - 1]; \
         const page = performance.getEntriesByType('resource') \
           .filter(r => r.startTime >= window.__nfT0) \
           .map(r => [r.name, r.transferSize, performance.timeOrigin + r.responseEnd]); \
         (window.__nfWorkerTiming ? window.__nfWorkerTiming() : Promise.resolve([])) \
           .then(w => done(page.concat(w)), e => done({ error: String(e), \
                 seen: window.__nfSeen }));",
    )?;
    let Some(list) = v.as_array() else {
        bail!("no Resource Timing from the page: {v}");
    };
    Ok(list
        .iter()
        .map(|r| Request {
            url: r[0].as_str().unwrap_or_default().to_string(),
            transfer: r[1].as_f64().unwrap_or_default(),
            end: r[2].as_f64().unwrap_or_default(),
        })
        .collect())
}

/// The file a request fetched from the docroot `www` of a site at `base`, if it is one.
pub fn file_of(www: &Path, site: &Served, url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix(site.origin)?.strip_prefix(site.base)?;
    let rest = rest.split(['?', '#']).next()?;
    let path = www.join(rest);
    if path.is_dir() {
        Some(path.join("index.html"))
    } else {
        path.is_file().then_some(path)
    }
}
