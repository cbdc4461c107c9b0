//! Pagefind against our constraints, in Chromium on the shipped nginx config: the site's strict
//! policy as served (and without each of the sources it might need), and a sub-path.

use std::path::Path;

use anyhow::Result;
use newsfront_e2e::nginx::Nginx;

use super::drive::{query, ready, Engine, Served};
use crate::nginx::copy_dir;

/// One run of a query under one setting.
pub struct Check {
    pub setting: String,
    pub state: String,
    pub results: usize,
    pub detail: String,
}

const QUERY: &str = "招聘";

/// The site's own policy, then that policy without `'wasm-unsafe-eval'` and with
/// `worker-src 'none'`, then the site under `/news/`.
pub fn run(www: &Path) -> Result<Vec<Check>> {
    let policy = newsfront_site::read_csp(www)?;
    let mut checks = Vec::new();
    for (setting, csp) in [
        ("the site's policy".to_string(), policy.clone()),
        (
            "policy without 'wasm-unsafe-eval'".to_string(),
            policy.replace(" 'wasm-unsafe-eval'", ""),
        ),
        (
            "policy with worker-src 'none'".to_string(),
            policy.replace("worker-src 'self'", "worker-src 'none'"),
        ),
    ] {
        let nginx = Nginx::start_with_csp(tempdir()?, www, "/", &csp, Ok)?;
        checks.push(one(&nginx.base_url(), "/", setting)?);
    }
    let dir = tempdir()?;
    let docroot = dir.path().join("www");
    copy_dir(www, &docroot.join("news"))?;
    let nginx = Nginx::start(tempdir()?, &docroot, "/news/", Ok)?;
    let mut sub = one(&nginx.base_url(), "/news/", "under /news/".to_string())?;
    // Every result link must be a page of the site under the sub-path.
    let (b, _) = ready(
        &Served {
            origin: &nginx.base_url(),
            base: "/news/",
        },
        Engine::Pagefind,
        false,
    )?;
    let statuses = b.eval_js_async(
        "const done = arguments[arguments.length - 1]; window.__nfSearch('招聘'); \
         const wait = () => { const s = document.querySelector('[data-search-status]'); \
           if (s.getAttribute('data-state') === 'loading') return setTimeout(wait, 50); \
           Promise.all([...document.querySelectorAll('ul[data-search-results] a')].map(a => \
             fetch(a.href).then(r => r.text().then(t => `${new URL(a.href).pathname} ${r.status} \
             ${t.includes('article__title')}`)))).then(done); }; wait();",
    )?;
    sub.detail
        .push_str(&format!("; result links fetched: {statuses}"));
    checks.push(sub);
    Ok(checks)
}

fn one(origin: &str, base: &str, setting: String) -> Result<Check> {
    eprintln!("bench: Pagefind, {setting}");
    let site = Served { origin, base };
    let (b, _) = ready(&site, Engine::Pagefind, false)?;
    let o = query(&b, &site, Engine::Pagefind, QUERY)?;
    let fetched: Vec<String> = o
        .requests
        .iter()
        .filter_map(|r| r.url.rsplit('/').next().map(String::from))
        .collect();
    Ok(Check {
        setting,
        state: o.state,
        results: o.ids.len(),
        detail: format!(
            "ids {:?}; policy violations {}; workers {}; warnings {}; fetched {}",
            o.ids,
            o.seen["violations"],
            o.seen["workers"],
            o.seen["console"],
            fetched.join(" ")
        ),
    })
}

fn tempdir() -> Result<tempfile::TempDir> {
    Ok(tempfile::Builder::new()
        .prefix("newsfront-bench-search-")
        .tempdir()?)
}
