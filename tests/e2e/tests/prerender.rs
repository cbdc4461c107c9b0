//! Issue 11: prerendered pages. The seed article's static file has the right head tags and
//! text; in Chromium its text is there before the wasm runs, is the same once the app has
//! started, and the start shifts no layout and keeps the scroll position.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use newsfront_e2e::{dist, feed_json, launch, Browser, BrowserOptions, Fault, Rule, DEFAULT_WAIT};
use serde_json::Value;

const SEED: &str = "158efa5accffce1b";
const ARTICLE: &str = "article.article";

/// The text of the seed's first paragraph, joined from its spans, as the feed has it.
fn first_paragraph(article: &Value) -> Result<String> {
    let block = article["body"]
        .as_array()
        .context("body is not an array")?
        .iter()
        .find(|b| b["type"] == "paragraph")
        .context("the seed has no paragraph")?;
    Ok(block["spans"]
        .as_array()
        .context("spans")?
        .iter()
        .filter_map(|s| s["text"].as_str())
        .collect())
}

/// The `content` of `<meta {attr}="{key}">` in `html`.
fn meta(html: &str, attr: &str, key: &str) -> Option<String> {
    let tag = format!("<meta {attr}=\"{key}\" content=\"");
    let rest = &html[html.find(&tag)? + tag.len()..];
    Some(unescape(&rest[..rest.find('"')?]))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn the_seed_article_file_has_its_head_tags_and_text() -> Result<()> {
    let dist = dist();
    let html = std::fs::read_to_string(dist.join(format!("a/{SEED}/index.html")))
        .context("no prerendered page for the seed article")?;
    let article = feed_json(&dist, &format!("articles/{SEED}.json"))?;
    let site = feed_json(&dist, "site.json")?;
    let (title, summary) = (
        article["title"].as_str().context("title")?,
        article["summary"].as_str().context("summary")?,
    );
    let name = site["name"].as_str().context("site name")?;
    let base_url = site["base_url"].as_str().context("base_url")?;
    let page_title = format!("{title} - {name}");
    let canonical = format!("{base_url}a/{SEED}");

    ensure!(
        html.contains(&format!(
            "<title>{}</title>",
            page_title.replace('&', "&amp;")
        )),
        "title"
    );
    ensure!(html.matches("<title>").count() == 1, "one <title>");
    ensure!(
        meta(&html, "name", "description").as_deref() == Some(summary),
        "description"
    );
    ensure!(meta(&html, "property", "og:title").as_deref() == Some(page_title.as_str()));
    ensure!(meta(&html, "property", "og:description").as_deref() == Some(summary));
    ensure!(meta(&html, "property", "og:url").as_deref() == Some(canonical.as_str()));
    ensure!(html.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")));
    let image = meta(&html, "property", "og:image").context("og:image")?;
    ensure!(image.starts_with("http"), "og:image is absolute: {image}");

    let shell = &html[html.find("<div id=\"shell\"").context("#shell")?..];
    let paragraph = first_paragraph(&article)?;
    let first_p = shell
        .find("<div class=\"article__body\"><p>")
        .context("the body's first paragraph")?;
    let rendered = &shell[first_p..];
    let rendered = &rendered[..rendered.find("</p>").context("</p>")?];
    let text = rendered
        .trim_start_matches("<div class=\"article__body\"><p>")
        .replace("<!>", "");
    ensure!(
        unescape(&text) == paragraph,
        "first paragraph {text:?} != {paragraph:?}"
    );
    // Finalized like index.html: the CSP meta, the loader file, the data as inert JSON.
    ensure!(html.contains("http-equiv=\"Content-Security-Policy\""));
    ensure!(html.contains("<script type=\"application/json\" id=\"nf-data\">"));
    ensure!(
        !html.contains("<script type=\"module\">"),
        "inline loader left"
    );
    Ok(())
}

/// The name of the shipped wasm module.
fn wasm_path() -> Result<String> {
    let name = std::fs::read_dir(dist())?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with("_bg.wasm"))
        .context("no wasm in dist")?;
    Ok(format!("/{name}"))
}

fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn article_text(b: &Browser) -> Result<String> {
    Ok(normalized(&b.text_of(ARTICLE)?))
}

#[test]
fn the_text_is_there_before_the_wasm_and_the_same_after() -> Result<()> {
    let article = feed_json(&dist(), &format!("articles/{SEED}.json"))?;
    let paragraph = first_paragraph(&article)?;

    // Without the wasm: the page is readable, and says the app did not load.
    let (server, mut b) = launch(BrowserOptions::phone())?;
    server.add_rule(Rule::exact(&wasm_path()?, Fault::status(404)));
    b.goto_static(&format!("/a/{SEED}"))?;
    b.wait_for(&format!("#shell {ARTICLE}"), DEFAULT_WAIT)?;
    let before = article_text(&b)?;
    ensure!(
        before.contains(&normalized(&paragraph)),
        "first paragraph missing without wasm: {before:.200}"
    );
    b.wait_until("the load-failure notice", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return !document.getElementById('load-error').hidden;")? == true)
    })?;
    ensure!(b.exists(&format!("#shell {ARTICLE}"))?, "the text stays");
    drop(b);
    drop(server);

    // With it: the app replaces the shell with the same text.
    let (server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_gone("#shell", DEFAULT_WAIT)?;
    b.wait_for(&format!("main#main {ARTICLE}"), DEFAULT_WAIT)?;
    let after = article_text(&b)?;
    ensure!(
        before == after,
        "text differs:\nbefore {before}\nafter  {after}"
    );
    // The article came with the page: no fetch for it.
    ensure!(
        server.request_count(&format!("/feed/articles/{SEED}.json")) == 0,
        "the app fetched the article it had"
    );
    Ok(())
}

#[test]
fn the_start_shifts_no_layout_and_keeps_the_scroll_position() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    // Sum every layout shift from the first paint on (injected scripts are not subject to CSP).
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": "window.__cls = 0; new PerformanceObserver(l => { \
            for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; \
        }).observe({ type: 'layout-shift', buffered: true });" }),
    )?;
    // Time to scroll the static page before the app starts.
    server.add_rule(Rule::exact(&wasm_path()?, Fault::delay_ms(2500)));
    b.goto_static(&format!("/a/{SEED}"))?;
    b.wait_for(&format!("#shell {ARTICLE}"), DEFAULT_WAIT)?;
    b.set_scroll(300.0)?;
    b.wait_gone("#shell", Duration::from_secs(20))?;
    std::thread::sleep(Duration::from_millis(800));
    let y = b.scroll_y()?;
    ensure!((y - 300.0).abs() <= 1.0, "scroll moved at start-up: {y}");
    let cls = b.eval_js("return window.__cls;")?.as_f64().context("cls")?;
    eprintln!("[prerender] CLS across start-up: {cls:.4}");
    ensure!(cls <= 0.01, "layout shift {cls} > 0.01");
    Ok(())
}

#[test]
fn the_app_starts_after_the_prerendered_page_has_loaded_and_styles_are_inline() -> Result<()> {
    // The files: no wasm preload on a prerendered page; the SPA fallback still preloads it.
    let dist = dist();
    let preload = |file: &str| -> Result<bool> {
        let html = std::fs::read_to_string(dist.join(file)).with_context(|| file.to_string())?;
        Ok(html.contains("rel=\"preload\"") && html.contains("_bg.wasm\""))
    };
    for page in [
        "index.html",
        &format!("a/{SEED}/index.html"),
        "c/lxzx/index.html",
    ] {
        ensure!(!preload(page)?, "{page} preloads the wasm");
    }
    ensure!(preload("app.html")?, "app.html lost its wasm preload");

    // In Chromium: the wasm request starts after the page's load event and first paint.
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_gone("#shell", DEFAULT_WAIT)?;
    let times = b.eval_js(
        "const nav = performance.getEntriesByType('navigation')[0]; \
         const wasm = performance.getEntriesByType('resource').find(e => e.name.endsWith('_bg.wasm')); \
         const fcp = performance.getEntriesByName('first-contentful-paint')[0]; \
         return [nav.loadEventEnd, wasm ? wasm.startTime : -1, fcp ? fcp.startTime : -1];",
    )?;
    let (load, wasm, fcp) = (
        times[0].as_f64().context("load")?,
        times[1].as_f64().context("wasm")?,
        times[2].as_f64().context("fcp")?,
    );
    ensure!(wasm >= 0.0, "no wasm request");
    ensure!(fcp >= 0.0, "no first contentful paint");
    // After the page's own first paint, so the page's text is its largest contentful paint.
    ensure!(
        wasm >= fcp,
        "the wasm started at {wasm:.0} ms, before the first paint at {fcp:.0} ms"
    );
    // The stylesheets are inline (and allowed by the policy's hashes): the header is styled.
    let display =
        b.eval_js("return getComputedStyle(document.querySelector('.site-header__bar')).display;")?;
    ensure!(
        display == "flex",
        "the inline styles did not apply: display {display}"
    );
    ensure!(
        b.eval_js("return document.querySelectorAll('link[rel=stylesheet]').length;")? == 0,
        "a stylesheet is still linked"
    );
    ensure!(
        wasm >= load,
        "the wasm started at {wasm:.0} ms, before the load event ended at {load:.0} ms"
    );
    Ok(())
}
