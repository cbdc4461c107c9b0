//! Lighthouse 12 (from npm, in target/bench-node) on Newsfront's home and seed article: mobile
//! config with simulated throttling, performance only.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, ensure, Result};
use serde_json::{json, Value};

use crate::files::read_json;
use crate::nginx::run;

pub fn run_once(root: &Path, url: &str) -> Result<Value> {
    let bin = root.join("target/bench-node/node_modules/.bin/lighthouse");
    ensure!(
        bin.is_file(),
        "{} is missing: scripts/bench.sh installs it (npm install lighthouse)",
        bin.display()
    );
    let out = tempfile::Builder::new()
        .prefix("newsfront-bench-lh-")
        .suffix(".json")
        .tempfile()?;
    run(Command::new(&bin)
        .env("CHROME_PATH", newsfront_e2e::browser::chromium_path())
        .arg(url)
        .arg("--only-categories=performance")
        .arg("--output=json")
        .arg(format!("--output-path={}", out.path().display()))
        .arg("--quiet")
        .arg(
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run \
             --disable-background-networking --disable-component-update --disable-sync \
             --disable-quic",
        ))?;
    let report = read_json(out.path())?;
    if let Some(e) = report["runtimeError"]["message"].as_str() {
        bail!("lighthouse {url}: {e}");
    }
    let audit = |id: &str| report["audits"][id]["numericValue"].as_f64();
    Ok(json!({
        "score": report["categories"]["performance"]["score"].as_f64().map(|s| s * 100.0),
        "fcp": audit("first-contentful-paint"),
        "lcp": audit("largest-contentful-paint"),
        "tbt": audit("total-blocking-time"),
        "cls": audit("cumulative-layout-shift"),
        "si": audit("speed-index"),
        "tti": audit("interactive"),
        "warnings": report["runWarnings"],
    }))
}
