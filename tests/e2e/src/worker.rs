//! The site's service worker (boot/sw.js) seen from a test: waiting until it controls the page,
//! what it has saved, a browser without service workers, and Chromium's install check.

use std::time::Duration;

use anyhow::{Context, Result};
use serde_json::{json, Value};

use crate::Browser;

/// The saved copies' cache for feed format 1 (boot/sw.js `SAVED_CACHE`).
pub const SAVED_CACHE: &str = "nf-saved-f1";

/// Makes every page this browser opens from now on see no `navigator.serviceWorker`, as in iOS
/// WeChat's WKWebView: the first stage then registers nothing.
pub fn remove_service_workers(b: &Browser) -> Result<()> {
    b.add_init_script("delete Navigator.prototype.serviceWorker;")
}

/// Makes every page this browser opens from now on note when it calls
/// `navigator.serviceWorker.register` ([`registered_at`] reads it).
pub fn record_register_time(b: &Browser) -> Result<()> {
    b.add_init_script(
        "(() => { const c = window.ServiceWorkerContainer; if (!c) return; \
         const register = c.prototype.register; \
         c.prototype.register = function () { \
           window.__nfRegisteredAt = performance.now(); return register.apply(this, arguments); }; })();",
    )
}

/// When the current page called `register`, in ms after its navigation started (needs
/// [`record_register_time`]); `None` if it has not.
pub fn registered_at(b: &Browser) -> Result<Option<f64>> {
    Ok(b.eval_js("return window.__nfRegisteredAt ?? null;")?
        .as_f64())
}

/// Waits until the site's worker controls the current page (it registers once the page is idle,
/// installs, and takes the page over).
pub fn wait_controlled(b: &mut Browser, timeout: Duration) -> Result<()> {
    b.wait_until("the service worker to control the page", timeout, |b| {
        Ok(
            b.eval_js("return !!(navigator.serviceWorker && navigator.serviceWorker.controller);")?
                == json!(true),
        )
    })
}

/// The worker's record of what it saved: entry key (`article:{id}`, `list:home`,
/// `list:c/{slug}`, `site`) → `{ kind, used, urls: { url: bytes }, page? }`.
pub fn saved_index(b: &Browser) -> Result<Value> {
    let v = b.eval_js_async(&format!(
        "const done = arguments[arguments.length - 1];
         caches.open('{SAVED_CACHE}')
           .then(c => c.match(new URL('__nf/saved-index', document.baseURI).href))
           .then(r => r ? r.json() : {{ entries: {{}} }})
           .then(done, e => done({{ error: String(e) }}));"
    ))?;
    if let Some(e) = v.get("error") {
        anyhow::bail!("reading the worker's index: {e}");
    }
    Ok(v["entries"].clone())
}

/// The URLs in the saved copies' cache (the index's own entry left out).
pub fn saved_urls(b: &Browser) -> Result<Vec<String>> {
    let v = b.eval_js_async(&format!(
        "const done = arguments[arguments.length - 1];
         caches.open('{SAVED_CACHE}').then(c => c.keys())
           .then(ks => done(ks.map(k => k.url).filter(u => !u.includes('__nf/'))), e => done([String(e)]));"
    ))?;
    serde_json::from_value(v).context("saved urls")
}

/// Total bytes the worker counts for its saved entries.
pub fn saved_bytes(index: &Value) -> u64 {
    index
        .as_object()
        .into_iter()
        .flatten()
        .flat_map(|(_, e)| e["urls"].as_object().into_iter().flatten())
        .map(|(_, n)| n.as_u64().unwrap_or(0))
        .sum()
}

/// Asks the browser to look for a newer worker now, as the first stage does when the reader
/// returns to the tab or taps a link a minute after the last look.
pub fn look_for_update(b: &Browser) -> Result<()> {
    b.eval_js_async(
        "const done = arguments[arguments.length - 1];
         navigator.serviceWorker.getRegistration()
           .then(r => r && r.update()).then(() => done(true), e => done(String(e)));",
    )?;
    Ok(())
}

/// Chromium's reasons the current page cannot be installed (CDP
/// `Page.getInstallabilityErrors`); empty when it can.
pub fn installability_errors(b: &Browser) -> Result<Vec<String>> {
    let v = b.cdp("Page.getInstallabilityErrors", json!({}))?;
    Ok(v["installabilityErrors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let args: Vec<String> = e["errorArguments"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| {
                    format!(
                        "{}={}",
                        a["name"].as_str().unwrap_or(""),
                        a["value"].as_str().unwrap_or("")
                    )
                })
                .collect();
            format!(
                "{} {}",
                e["errorId"].as_str().unwrap_or("?"),
                args.join(" ")
            )
        })
        .collect())
}
