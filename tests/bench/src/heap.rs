//! Newsfront's JS heap before and after opening 30 articles in a row by in-app links,
//! unthrottled (the JS heap only: wasm linear memory is not in it).

use std::path::Path;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use newsfront_e2e::Browser;
use serde_json::json;

use crate::files::read_json;
use crate::load::MAX_LOAD;
use crate::net::Net;

fn heap_usage(b: &Browser) -> Result<f64> {
    b.cdp("HeapProfiler.collectGarbage", json!({}))?;
    let v = b.cdp("Runtime.getHeapUsage", json!({}))?;
    v["usedSize"]
        .as_f64()
        .context("Runtime.getHeapUsage: no usedSize")
}

/// In the running app: (heap now, heap after 30 articles), each after a GC.
pub fn after_30(b: &mut Browser, net: &mut Net, docroot: &Path) -> Result<(f64, f64)> {
    let mut names: Vec<_> = std::fs::read_dir(docroot.join("feed/articles"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut articles = Vec::new();
    for p in names.into_iter().take(30) {
        let a = read_json(&p)?;
        articles.push((
            a["id"].as_str().unwrap_or_default().to_string(),
            a["title"].as_str().unwrap_or_default().to_string(),
        ));
    }
    ensure!(articles.len() == 30, "the feed has fewer than 30 articles");
    b.eval_js("window.__benchSamePage = true; return null;")?;
    let before = heap_usage(b)?;
    for (id, title) in &articles {
        b.eval_js_with(
            "const a = document.createElement('a'); a.href = '/a/' + arguments[0];\
             document.body.appendChild(a); a.click(); a.remove(); return null;",
            vec![json!(id)],
        )?;
        b.wait_until(&format!("article {id}"), Duration::from_secs(30), |b| {
            Ok(b.query_text("h1.article__title")?.as_deref() == Some(title.as_str()))
        })?;
    }
    ensure!(
        b.eval_js("return window.__benchSamePage === true;")? == json!(true),
        "opening articles reloaded the page: not in-app navigation"
    );
    net.settle(b, Duration::from_millis(500), MAX_LOAD)?;
    Ok((before, heap_usage(b)?))
}
