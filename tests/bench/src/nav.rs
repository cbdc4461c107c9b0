//! In-app navigation, measured the same way on every app: the home page loaded (warm,
//! throttled) until the app runs, a click on the first list link → the article's first
//! paragraph painted (its JSON fetched), back, the same click again (the JSON in memory).

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use newsfront_e2e::Browser;
use serde_json::json;

use crate::browser::{blank, set_cache, wait_js};
use crate::load::{longtasks, responses, MAX_LOAD, QUIET};
use crate::net::Net;
use crate::probe::COLLECT;
use crate::sites::Variant;

pub const LIST_LINK: &str = "a.article-list__link";
pub const PARAGRAPH: &str = ".article__body p";

pub struct Nav {
    /// Click on the first home-list link → first paragraph painted, article JSON fetched.
    pub fetch: f64,
    /// The article JSON's responseEnd → painted, in that first navigation.
    pub after_json: f64,
    /// Same click again after history.back(): the JSON is in the app's memory.
    pub memory: f64,
    /// Longest task that started after either click (0 if none over 50 ms).
    pub longtask: f64,
}

pub fn navigate(b: &mut Browser, net: &mut Net, v: Variant) -> Result<Nav> {
    set_cache(b, true)?;
    blank(b)?;
    net.reset(b)?;
    b.goto_static("/")?;
    wait_js(
        b,
        &format!(
            "return !!document.querySelector('{LIST_LINK}') && {};",
            v.app_ready_js()
        ),
        120,
    )?;
    net.settle(b, QUIET, MAX_LOAD)?;
    b.eval_js("window.__benchSamePage = true; return null;")?;
    let first = click_measure(b, net)?;
    b.eval_js("history.back(); return null;")?;
    wait_js(
        b,
        &format!(
            "return !!document.querySelector('{LIST_LINK}') && !document.querySelector('{PARAGRAPH}');"
        ),
        30,
    )?;
    net.settle(b, Duration::from_secs(1), MAX_LOAD)?;
    let second = click_measure(b, net)?;
    ensure!(
        b.eval_js("return window.__benchSamePage === true;")? == json!(true),
        "{}: a list click loaded a new page: not in-app navigation",
        v.name()
    );
    Ok(Nav {
        fetch: first.0,
        after_json: first.1,
        memory: second.0,
        longtask: first.2.max(second.2),
    })
}

/// Click the first home-list link; returns (click → painted, article JSON responseEnd →
/// painted, longest task from the click on). The click runs in a task of its own, after
/// `clickAt`, so the task that handles it (the route change, often the whole view) counts among
/// the long tasks; called from this script's task, it would start before `clickAt`.
fn click_measure(b: &mut Browser, net: &mut Net) -> Result<(f64, f64, f64)> {
    net.reset(b)?;
    let href = b.eval_js(&format!(
        "const a = document.querySelector('{LIST_LINK}');\
         document.querySelectorAll('{PARAGRAPH}').forEach(p => p.setAttribute('data-bench-old', ''));\
         window.__bench.watch('{PARAGRAPH}');\
         window.__bench.clickAt = performance.now();\
         setTimeout(() => a.click(), 0);\
         return a.getAttribute('href');"
    ))?;
    wait_js(b, "return window.__bench.painted !== null;", 60)?;
    // Tasks that run right after the paint (effects, comments fetch) count too.
    net.settle(b, Duration::from_secs(1), MAX_LOAD)?;
    let v = b.eval_js(COLLECT)?;
    let click = v["clickAt"].as_f64().context("no click time")?;
    let painted = v["painted"].as_f64().context("no paint time")?;
    let json_end = responses(&v)
        .into_iter()
        .filter(|r| r.url.contains("/feed/articles/") && r.start >= click)
        .map(|r| r.end)
        .next();
    let longest = longtasks(&v)
        .into_iter()
        .filter(|t| t.0 >= click)
        .map(|t| t.1)
        .fold(0.0, f64::max);
    ensure!(
        href.as_str().is_some_and(|h| h.contains("/a/")),
        "list link {href}"
    );
    Ok((
        painted - click,
        json_end.map_or(f64::NAN, |e| painted - e),
        longest,
    ))
}
