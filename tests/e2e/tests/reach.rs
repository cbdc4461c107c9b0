//! Reach: the shipped wasm validates for the feature set Chrome 86 (WeChat's oldest XWeb) and
//! iOS Safari 14.5 share, and an engine without WebAssembly gets a clear way out.

use std::process::Command;

use anyhow::{ensure, Context, Result};
use newsfront_e2e::{dist, launch, BrowserOptions, DEFAULT_WAIT};

/// wabt flags for the features those engines lack (scripts/env.sh has the same list).
const VALIDATE_FLAGS: [&str; 4] = [
    "--disable-reference-types",
    "--disable-bulk-memory",
    "--disable-saturating-float-to-int",
    "--disable-simd",
];

#[test]
fn every_shipped_wasm_module_validates_without_post_mvp_features() -> Result<()> {
    let wasm: Vec<_> = std::fs::read_dir(dist())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    ensure!(
        wasm.len() > 1,
        "the app is split into a main module and chunks: {wasm:?}"
    );
    for module in &wasm {
        let out = Command::new("wasm-validate")
            .args(VALIDATE_FLAGS)
            .arg(module)
            .output()
            .context("wasm-validate (Debian wabt) is missing: run scripts/setup.sh")?;
        ensure!(
            out.status.success(),
            "{} does not validate for Chrome 86 / iOS 14.5:\n{}",
            module.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

#[test]
fn without_webassembly_the_shell_explains_and_links_out() -> Result<()> {
    // Chromium 156 ignores `--js-flags=--noexpose-wasm` (WebAssembly stays an object, checked
    // by hand), so the engine without wasm is emulated by removing the global before any script.
    let (_server, mut b) = launch(BrowserOptions::phone().arg("--js-flags=--noexpose-wasm"))?;
    b.add_init_script("delete window.WebAssembly;")?;
    b.goto("/c/lxzx")?;
    b.wait_until("the no-wasm notice", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return !document.getElementById('no-wasm').hidden;")? == true)
    })?;
    let text = b.text_of("#no-wasm")?;
    ensure!(
        text.contains("在浏览器打开"),
        "tells WeChat readers what to do: {text}"
    );
    let href = b.attr("#no-wasm-open", "href")?.unwrap_or_default();
    ensure!(href.ends_with("/c/lxzx"), "links to this very page: {href}");
    ensure!(
        b.exists(".site-header__name")?,
        "the shell (site name, nav) stays visible"
    );
    // A prerendered page has no skeleton; index.html's is hidden.
    ensure!(
        b.eval_js(
            "const s = document.querySelector('#shell .skeleton'); \
             return !s || getComputedStyle(s).display === 'none';"
        )? == true,
        "no endless skeleton beside the notice"
    );
    b.screenshot("reach-no-wasm")?;
    Ok(())
}

/// A prerendered article needs no wasm: without it the reader gets every paragraph and working
/// controls, and no notice that would say the page cannot open.
#[test]
fn without_webassembly_an_article_is_read_and_shared_as_usual() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone().arg("--js-flags=--noexpose-wasm"))?;
    b.add_init_script("delete window.WebAssembly; delete Navigator.prototype.share;")?;
    let id = "158efa5accffce1b";
    b.goto(&format!("/a/{id}"))?;
    let article = newsfront_e2e::feed_json(&dist(), &format!("articles/{id}.json"))?;
    let shown = b.text_of("#shell article.article")?;
    let shown: String = shown.split_whitespace().collect();
    // Every paragraph of the body, in full.
    for block in article["body"].as_array().context("body")? {
        let Some(spans) = block["spans"].as_array() else {
            continue;
        };
        let text: String = spans
            .iter()
            .filter_map(|s| s["text"].as_str())
            .collect::<String>()
            .split_whitespace()
            .collect();
        ensure!(shown.contains(&text), "missing without wasm: {text:.80}");
    }
    b.click(".toolbar__share")?;
    b.wait_until("the share panel", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return !document.querySelector('.share-panel').hidden;")? == true)
    })?;
    ensure!(
        b.eval_js("return document.getElementById('no-wasm').hidden;")? == true,
        "no notice on a page that works"
    );
    b.screenshot("reach-no-wasm-article")?;
    Ok(())
}

#[test]
fn a_wasm_that_fails_to_load_shows_the_reload_notice() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    // After a redeploy a cached index.html may name a module the host no longer has.
    server.add_rule(newsfront_e2e::Rule::prefix(
        "/newsfront-",
        newsfront_e2e::Fault::status(404),
    ));
    b.goto("/")?;
    b.wait_until("the load-failure notice", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return !document.getElementById('load-error').hidden;")? == true)
    })?;
    ensure!(
        b.text_of("#load-error")?.contains("重新加载"),
        "offers a reload"
    );
    Ok(())
}
