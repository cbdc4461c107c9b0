//! Prerendered pages (docs/prerender.md). The seed article's static file has the right head tags,
//! text, toolbar and comments, and in Chromium needs no app code at all. A list's text is there
//! before the wasm runs, is the same once the app has taken the page over, and that start comes
//! after the page's own paint, shifts no layout and keeps the scroll position.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use newsfront_e2e::SEED;
use newsfront_e2e::{
    dist, feed_json, launch, main_wasm_path, Browser, BrowserOptions, Fault, Rule, DEFAULT_WAIT,
};
use serde_json::Value;

const ARTICLE: &str = "article.article";
/// A category page the app takes over once the page is idle.
const LIST: &str = "/c/lxzx";
const LIST_TEXT: &str = "ul.article-list";

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
    // What a reader does with it works without the app: the toolbar, its share panel (with the
    // QR code) and the static comments are in the page.
    for part in [
        "class=\"toolbar\"",
        "class=\"share-panel\"",
        "class=\"share-panel__qr-svg\"",
        "class=\"share-guide\"",
        "class=\"comments__list\"",
    ] {
        ensure!(shell.contains(part), "the page lacks {part}");
    }
    // Finalized: the CSP meta, the first stage asked to start the app only on demand, the site
    // file as inert JSON (not the article: the app does not take an article page over).
    ensure!(html.contains("http-equiv=\"Content-Security-Policy\""));
    ensure!(html.contains("data-start=\"demand\""));
    ensure!(html.contains("<script type=\"application/json\" id=\"nf-data\">{\"feed/site.json\""));
    ensure!(
        !html.contains("feed/articles/"),
        "the article's JSON is not embedded"
    );
    ensure!(
        !html.contains("<script type=\"module\">"),
        "inline loader left"
    );
    Ok(())
}

fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn list_text(b: &Browser) -> Result<String> {
    Ok(normalized(&b.text_of(LIST_TEXT)?))
}

#[test]
fn an_article_page_loads_no_app_code() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for("html[data-nf-ready]", DEFAULT_WAIT)?;
    // Until the network is quiet: what the page asks for, it has asked for.
    b.eval_js_async("requestIdleCallback(() => setTimeout(arguments[0], 500));")?;
    let code: Vec<String> = server
        .requests()
        .into_iter()
        .map(|r| r.path)
        .filter(|p| p.ends_with(".wasm") || p.starts_with("/newsfront"))
        .collect();
    ensure!(
        code.is_empty(),
        "an article page fetched app code: {code:?}"
    );
    ensure!(
        b.exists(&format!("#shell {ARTICLE}"))?,
        "the page is the prerendered one"
    );
    Ok(())
}

#[test]
fn a_lists_text_is_there_before_the_wasm_and_the_same_after() -> Result<()> {
    // Without the wasm: the page is readable, and says the app did not load.
    let (server, mut b) = launch(BrowserOptions::phone())?;
    server.add_rule(Rule::exact(&main_wasm_path()?, Fault::status(404)));
    b.goto_static(LIST)?;
    b.wait_for(&format!("#shell {LIST_TEXT}"), DEFAULT_WAIT)?;
    let before = list_text(&b)?;
    b.wait_shown("#load-error", DEFAULT_WAIT)?;
    ensure!(b.exists(&format!("#shell {LIST_TEXT}"))?, "the text stays");
    drop(b);
    drop(server);

    // With it: the app replaces the shell with the same text.
    let (server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(LIST)?;
    b.wait_gone("#shell", DEFAULT_WAIT)?;
    b.wait_for(&format!("main#main {LIST_TEXT}"), DEFAULT_WAIT)?;
    let after = list_text(&b)?;
    ensure!(
        before == after,
        "text differs:\nbefore {before}\nafter  {after}"
    );
    // The list came with the page: no fetch for it.
    ensure!(
        server.request_count("/feed/lists/c/lxzx/1.json") == 0,
        "the app fetched the list it had"
    );
    Ok(())
}

#[test]
fn the_start_shifts_no_layout_and_keeps_the_scroll_position() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    // Sum every layout shift from the first paint on (injected scripts are not subject to CSP).
    b.record_layout_shifts()?;
    // Time to scroll the static page before the app starts.
    server.add_rule(Rule::exact(&main_wasm_path()?, Fault::delay_ms(2500)));
    b.goto_static(LIST)?;
    b.wait_for(&format!("#shell {LIST_TEXT}"), DEFAULT_WAIT)?;
    b.set_scroll(300.0)?;
    b.wait_gone("#shell", Duration::from_secs(20))?;
    // Watch the scroll position for 50 frames after the start.
    let seen = b.eval_js_async(
        "const done = arguments[0]; const ys = []; \
         const tick = () => { ys.push(scrollY); ys.length < 50 ? requestAnimationFrame(tick) : done(ys); }; \
         requestAnimationFrame(tick);",
    )?;
    let ys: Vec<f64> = seen
        .as_array()
        .context("scroll positions")?
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    ensure!(
        ys.iter().all(|y| (y - 300.0).abs() <= 1.0),
        "scroll moved at start-up: {ys:?}"
    );
    let cls = b.layout_shift()?;
    eprintln!("[prerender] CLS across start-up: {cls:.4}");
    ensure!(
        cls <= 0.01,
        "layout shift {cls} > 0.01: {}",
        b.layout_shifts()?
    );
    Ok(())
}

#[test]
fn the_app_starts_after_the_prerendered_page_has_loaded_and_styles_are_inline() -> Result<()> {
    // The files: only the SPA fallback, which shows nothing without the app, preloads its code.
    let dist = dist();
    let preload = |file: &str| -> Result<bool> {
        let html = std::fs::read_to_string(dist.join(file)).with_context(|| file.to_string())?;
        Ok(html.contains("rel=\"preload\"") || html.contains("rel=\"modulepreload\""))
    };
    for page in [
        "index.html",
        &format!("a/{SEED}/index.html"),
        "c/lxzx/index.html",
    ] {
        ensure!(!preload(page)?, "{page} preloads app code");
    }
    ensure!(preload("app.html")?, "app.html lost its preloads");

    // In Chromium: on a list the app's code is requested after the load event and first paint.
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(LIST)?;
    b.wait_gone("#shell", DEFAULT_WAIT)?;
    let times = b.eval_js(
        "const nav = performance.getEntriesByType('navigation')[0]; \
         const code = performance.getEntriesByType('resource').filter(e => /\\/newsfront|\\.wasm$/.test(e.name)); \
         const fcp = performance.getEntriesByName('first-contentful-paint')[0]; \
         return [nav.loadEventEnd, code.length ? Math.min(...code.map(e => e.startTime)) : -1, fcp ? fcp.startTime : -1];",
    )?;
    let (load, first_code, fcp) = (
        times[0].as_f64().context("load")?,
        times[1].as_f64().context("code")?,
        times[2].as_f64().context("fcp")?,
    );
    ensure!(first_code >= 0.0, "no app code requested");
    ensure!(fcp >= 0.0, "no first contentful paint");
    // After the page's own first paint, so the page's text is its largest contentful paint.
    ensure!(
        first_code >= fcp,
        "the app's code started at {first_code:.0} ms, before the first paint at {fcp:.0} ms"
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
        first_code >= load,
        "the app's code started at {first_code:.0} ms, before the load event ended at {load:.0} ms"
    );
    Ok(())
}
