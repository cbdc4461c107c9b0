//! Self-test of the harness on a tiny hand-written page, so a failing app test is never the
//! harness's fault: viewports, navigation, history, scrolling, console errors and faults
//! as a real browser sees them.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use newsfront_e2e::{
    ua, Browser, BrowserOptions, Fault, Network, Rule, Server, ServerOptions, Viewport,
};

const WAIT: Duration = Duration::from_secs(10);

/// A page that renders the path it was loaded at, fetches `data.json` and shows the outcome.
const INDEX: &str = r#"<!doctype html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fixture</title><base href="BASE"></head>
<body style="margin:0;font:16px sans-serif">
<div id="shell">loading</div>
<script src="app.js"></script>
</body></html>"#;

const APP_JS: &str = r#"
document.getElementById('shell').remove();
const main = document.createElement('main');
main.innerHTML = '<h1 id="path"></h1><p id="data">…</p><a id="next" href="next">next</a>' +
  '<div style="height:3000px;background:linear-gradient(#fee,#eef)"></div>';
document.body.appendChild(main);
document.getElementById('path').textContent = location.pathname;
fetch('data.json').then(async r => {
  document.getElementById('data').textContent = r.status + ' ' + (await r.text());
}).catch(e => { document.getElementById('data').textContent = 'failed: ' + e; });
if (location.search === '?boom') { console.error('boom from the fixture'); }
"#;

/// Write the fixture site for serving at `base` (like `trunk build --public-url`).
fn fixture(dir: &Path, base: &str) {
    std::fs::write(dir.join("index.html"), INDEX.replace("BASE", base)).unwrap();
    std::fs::write(dir.join("app.js"), APP_JS).unwrap();
    std::fs::write(dir.join("data.json"), r#"{"ok":true}"#).unwrap();
}

#[test]
fn phone_viewport_navigation_history_and_scroll() -> Result<()> {
    let dir = tempfile::tempdir()?;
    fixture(dir.path(), "/news/");
    let server = Server::start_with(ServerOptions::new(dir.path()).prefix("/news/"))?;
    let mut b = Browser::new(BrowserOptions::phone().base_url(&server.base_url()))?;

    b.goto("/a/first")?;
    assert_eq!(b.wait_for("#path", WAIT)?, "/news/a/first");
    b.wait_gone("#shell", WAIT)?;
    b.wait_for_text("#data", r#"200 {"ok":true}"#, WAIT)?;
    assert_eq!(
        b.eval_js("return [innerWidth, innerHeight];")?,
        serde_json::json!([375, 667])
    );
    assert_eq!(b.eval_js("return devicePixelRatio;")?, serde_json::json!(2));
    let agent = b.eval_js("return navigator.userAgent;")?;
    assert_eq!(agent.as_str(), Some(ua::ANDROID_CHROME));
    assert_eq!(b.attr("#next", "href")?.as_deref(), Some("next"));
    assert_eq!(b.attr("#next", "data-missing")?, None);
    assert!(b.attr("#nothing", "href").is_err());
    assert_eq!(
        b.texts_of("main > *:not(div)")?,
        ["/news/a/first", r#"200 {"ok":true}"#, "next"]
    );

    b.set_scroll(500.0)?;
    assert_eq!(b.scroll_y()?, 500.0);
    b.click("#next")?;
    b.wait_for_text("#path", "/news/next", WAIT)?;
    b.back()?;
    b.wait_for_text("#path", "/news/a/first", WAIT)?;
    b.forward()?;
    b.wait_for_text("#path", "/news/next", WAIT)?;
    b.reload()?;
    b.wait_for_text("#path", "/news/next", WAIT)?;
    assert_eq!(b.current_path()?, "/news/next");
    assert!(
        server.request_count("/data.json") >= 4,
        "{:?}",
        server.requests()
    );

    let shot = b.screenshot("harness")?;
    let png = std::fs::read(&shot)?;
    assert_eq!(&png[1..4], b"PNG");
    // 375 CSS px at pixel ratio 2 is 750 device pixels (big-endian width at byte 16).
    assert_eq!(u32::from_be_bytes(png[16..20].try_into()?), 750);
    Ok(())
}

#[test]
fn desktop_console_errors_and_faults_seen_by_the_page() -> Result<()> {
    let dir = tempfile::tempdir()?;
    fixture(dir.path(), "/");
    let server = Server::start(dir.path())?;
    let options = BrowserOptions::new(Viewport::DESKTOP)
        .user_agent(ua::WECHAT_ANDROID)
        .base_url(&server.base_url());
    let mut b = Browser::new(options)?;

    server.add_rule(Rule::exact("/data.json", Fault::too_many_requests(5)).times(1));
    b.goto("/?boom")?;
    b.wait_for_text("#data", "429 slow down", WAIT)?;
    assert_eq!(
        b.eval_js("return [innerWidth, innerHeight];")?,
        serde_json::json!([1280, 800])
    );
    let agent = b.eval_js("return navigator.userAgent;")?;
    assert!(
        agent
            .as_str()
            .unwrap_or_default()
            .contains("MicroMessenger"),
        "{agent}"
    );
    let errors = b.console_errors()?;
    assert!(
        errors.iter().any(|e| e.contains("boom from the fixture")),
        "{errors:?}"
    );

    server.add_rule(Rule::exact("/data.json", Fault::DropMidBody).times(1));
    b.goto("/")?;
    b.wait_until("the body read to fail", WAIT, |b| {
        Ok(b.text_of("#data")?.starts_with("failed:"))
    })?;

    server.add_rule(Rule::exact("/data.json", Fault::HtmlInsteadOfJson).times(1));
    b.goto("/")?;
    b.wait_until("HTML instead of JSON", WAIT, |b| {
        Ok(b.text_of("#data")?.starts_with("200 <!doctype html>"))
    })?;

    server.add_rule(Rule::exact("/data.json", Fault::Hang));
    b.goto("/")?;
    b.wait_for("#path", WAIT)?;
    b.wait_until("the hanging request to arrive", WAIT, |_| {
        Ok(server.request_count("/data.json") == 4)
    })?;
    assert_eq!(b.text_of("#data")?, "…");

    server.clear_rules();
    b.set_network(Network::Offline)?;
    assert!(b.goto("/").is_err(), "an offline page load fails");
    b.set_network(Network::SLOW_3G)?;
    let start = std::time::Instant::now();
    b.goto("/")?;
    b.wait_for_text("#data", r#"200 {"ok":true}"#, WAIT)?;
    // Three round trips at least (document, script, data), 400 ms each.
    assert!(
        start.elapsed() >= Duration::from_millis(1200),
        "{:?}",
        start.elapsed()
    );
    b.set_network(Network::Normal)?;

    let err = b
        .wait_for("#never", Duration::from_millis(300))
        .unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("`#never` to appear"), "{message}");
    assert!(message.contains("screenshot:"), "{message}");
    Ok(())
}
