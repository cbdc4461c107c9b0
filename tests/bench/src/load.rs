//! One full page load and what it transferred: times of the first paragraph, bytes by file
//! type (all, and before the paragraph was painted), requests and long tasks.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{bail, ensure, Result};
use newsfront_e2e::Browser;
use serde_json::Value;

use crate::browser::{blank, set_cache, wait_js};
use crate::net::Net;
use crate::probe::COLLECT;

pub const TYPES: [&str; 7] = ["HTML", "JS", "wasm", "CSS", "JSON", "images", "other"];
/// A load is over once nothing has been in flight this long.
pub const QUIET: Duration = Duration::from_millis(1500);
/// Given up on after this; what is still open is named in the notes.
pub const MAX_LOAD: Duration = Duration::from_secs(120);

#[derive(Default, Clone)]
pub struct Load {
    pub painted: f64,
    pub found: f64,
    pub fcp: f64,
    pub bytes: BTreeMap<&'static str, f64>,
    /// Bytes of the responses that had ended when the paragraph was painted.
    pub before_paint: f64,
    pub requests: usize,
    pub longtasks: Vec<(f64, f64)>,
    /// Paths still in flight when the load was given up on.
    pub stuck: Vec<String>,
}

impl Load {
    pub fn total(&self) -> f64 {
        self.bytes.values().sum()
    }
    pub fn max_longtask(&self) -> f64 {
        self.longtasks.iter().map(|t| t.1).fold(0.0, f64::max)
    }
}

/// One response as COLLECT reports it.
pub struct Response<'a> {
    pub url: &'a str,
    pub transfer: f64,
    pub start: f64,
    pub end: f64,
}

pub fn responses(v: &Value) -> Vec<Response<'_>> {
    v["res"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| Response {
            url: r[0].as_str().unwrap_or_default(),
            transfer: r[1].as_f64().unwrap_or(0.0),
            start: r[3].as_f64().unwrap_or(0.0),
            end: r[4].as_f64().unwrap_or(f64::INFINITY),
        })
        .collect()
}

/// A full page load of `path` with the HTTP cache disabled (cold) or enabled (warm); checks
/// the first paragraph is `expect`'s start.
pub fn load(b: &mut Browser, net: &mut Net, path: &str, cache: bool, expect: &str) -> Result<Load> {
    set_cache(b, cache)?;
    blank(b)?;
    net.reset(b)?;
    // Not Browser::goto: that waits for the app, which an article page does not start.
    b.goto_static(path)?;
    wait_js(
        b,
        "return window.__bench && window.__bench.painted !== null;",
        120,
    )?;
    let stuck = net.settle(b, QUIET, MAX_LOAD)?;
    let v = b.eval_js(COLLECT)?;
    let text = v["text"].as_str().unwrap_or_default();
    ensure!(
        expect.starts_with(text) && !text.is_empty(),
        "{path}: first paragraph {text:?}, want {expect:?}"
    );
    Ok(Load {
        stuck,
        ..parse(&v)?
    })
}

pub fn parse(v: &Value) -> Result<Load> {
    if let Some(e) = v["longtaskError"].as_str() {
        bail!("no longtask observer: {e}");
    }
    let mut bytes: BTreeMap<&'static str, f64> = TYPES.iter().map(|t| (*t, 0.0)).collect();
    let res = responses(v);
    ensure!(!res.is_empty(), "no resource entries");
    let painted = v["painted"].as_f64().unwrap_or(f64::NAN);
    let mut before_paint = 0.0;
    for r in &res {
        *bytes.entry(kind(r.url)).or_default() += r.transfer;
        if r.end <= painted {
            before_paint += r.transfer;
        }
    }
    Ok(Load {
        painted,
        before_paint,
        found: v["found"].as_f64().unwrap_or(f64::NAN),
        fcp: v["fcp"].as_f64().unwrap_or(f64::NAN),
        bytes,
        requests: res.len(),
        longtasks: longtasks(v),
        stuck: Vec::new(),
    })
}

pub fn longtasks(v: &Value) -> Vec<(f64, f64)> {
    v["longtasks"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| (t[0].as_f64().unwrap_or(0.0), t[1].as_f64().unwrap_or(0.0)))
                .collect()
        })
        .unwrap_or_default()
}

pub fn kind(url: &str) -> &'static str {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let file = path.rsplit('/').next().unwrap_or_default();
    let ext = file.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "" | "html" => "HTML",
        "js" | "mjs" => "JS",
        "wasm" => "wasm",
        "css" => "CSS",
        "json" => "JSON",
        "png" | "jpg" | "jpeg" | "webp" | "avif" | "gif" | "svg" | "ico" => "images",
        _ => "other",
    }
}
