//! The first stage (boot/first-stage.js): on prerendered pages every control works before the
//! app's wasm has arrived — and on articles without it altogether — each tap shows at once and is
//! applied once; a tap that needs the app (加载更多 on a list) is held and honoured when the app
//! runs; a chunk of the app that cannot be loaded gives a message with a retry.

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use newsfront_e2e::SEED;
use newsfront_e2e::{
    dist, feed_json, launch, ua, Browser, BrowserOptions, Fault, PageLoadStrategy, Rule, Server,
    DEFAULT_WAIT,
};
use serde_json::json;

/// An article of the sample with a figure in its body.
const WITH_FIGURE: &str = "sh-20230205-yuanxiao-huiyan";

/// Every request for the app's code: the start module, the main module and its chunks.
fn app_requests(server: &Server) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with(".wasm") || r.path.starts_with("/newsfront"))
        .count()
}

/// Clicks in the page and reports whether `selector` is shown right after, in the same task: the
/// press shows within a frame, not once some code has loaded.
fn click_shows_at_once(b: &Browser, click: &str, selector: &str) -> Result<bool> {
    Ok(b.eval_js_with(
        "document.querySelector(arguments[0]).click(); \
         const e = document.querySelector(arguments[1]); \
         return !!e && !e.hidden && e.getClientRects().length > 0;",
        vec![json!(click), json!(selector)],
    )? == json!(true))
}

#[test]
fn an_article_works_without_loading_any_app_code() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    // 分享: the system sheet is missing in this browser, so the share panel, with its QR code.
    b.eval_js("delete Navigator.prototype.share;")?;
    ensure!(
        click_shows_at_once(&b, ".toolbar__share", ".share-panel")?,
        "the share panel opens in the tap's own task"
    );
    ensure!(
        b.exists(".share-panel svg.share-panel__qr-svg path")?,
        "QR code"
    );
    ensure!(
        b.eval_js(
            "return document.activeElement.classList.contains('share-panel__target--copy');"
        )? == json!(true),
        "focus moves into the dialog"
    );
    b.screenshot("first-stage-share-panel")?;
    b.click(".share-panel__target--copy")?;
    b.wait_for_text(".toast", "链接已复制", DEFAULT_WAIT)?;
    ensure!(!b.is_shown(".share-panel")?, "copying closes the panel");

    // Aa: a choice applies at once and is remembered.
    ensure!(
        click_shows_at_once(&b, ".settings__toggle", "#settings-panel")?,
        "settings open"
    );
    b.click("[data-font-step='xl']")?;
    ensure!(
        b.eval_js("return document.documentElement.dataset.font;")? == json!("xl"),
        "font size applied"
    );
    ensure!(
        b.attr("[data-font-step='xl']", "aria-pressed")?.as_deref() == Some("true"),
        "the chip shows it is chosen"
    );
    b.click(".settings__close")?;
    ensure!(!b.is_shown("#settings-panel")?, "closed");

    // 评论 and Top.
    b.click("[data-nf-comments]")?;
    b.wait_until("the comments in view", DEFAULT_WAIT, |b| {
        Ok(b.eval_js(
            "const r = document.getElementById('comments').getBoundingClientRect(); \
             return r.top < innerHeight && r.top > -10;",
        )? == json!(true))
    })?;
    b.wait_for(".toolbar__top.toolbar__top--on", DEFAULT_WAIT)?;
    b.click(".toolbar__top")?;
    b.wait_until("back at the top", DEFAULT_WAIT, |b| Ok(b.scroll_y()? < 1.0))?;

    // The static comments are in the page; nothing of the app was fetched for any of it.
    ensure!(
        b.exists(".comments__list > li.comment")?,
        "comments prerendered"
    );
    b.reload()?;
    ensure!(
        b.eval_js("return document.documentElement.dataset.font;")? == json!("xl"),
        "the choice survives a reload"
    );
    ensure!(
        app_requests(&server) == 0,
        "no app code requested: {:?}",
        server.requests()
    );
    Ok(())
}

#[test]
fn in_wechat_share_points_to_the_menu() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone().user_agent(ua::WECHAT_ANDROID))?;
    b.goto(&format!("/a/{SEED}"))?;
    ensure!(
        click_shows_at_once(&b, ".toolbar__share", ".share-guide")?,
        "the WeChat guide opens in the tap's own task"
    );
    b.screenshot("first-stage-wechat-guide")?;
    b.click(".share-guide")?;
    ensure!(!b.is_shown(".share-guide")?, "any tap dismisses it");
    ensure!(!b.is_shown(".share-panel")?, "no share panel in WeChat");
    ensure!(app_requests(&server) == 0, "no app code requested");
    Ok(())
}

#[test]
fn a_figure_enlarges_and_closes() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{WITH_FIGURE}"))?;
    let full = b
        .attr(".figure__button", "data-full")?
        .context("a figure names its full image")?;
    b.click(".figure__button")?;
    b.wait_shown(".lightbox", DEFAULT_WAIT)?;
    let src = b
        .eval_js("return document.querySelector('.lightbox__img').getAttribute('src');")?
        .as_str()
        .unwrap_or_default()
        .to_string();
    ensure!(src == full, "the lightbox shows {full}, not {src}");
    b.wait_until("the image loads", DEFAULT_WAIT, |b| {
        Ok(
            b.eval_js("return document.querySelector('.lightbox__img').naturalWidth > 0;")?
                == json!(true),
        )
    })?;
    b.screenshot("first-stage-lightbox")?;
    b.eval_js(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
    )?;
    ensure!(!b.is_shown(".lightbox")?, "Escape closes it");
    ensure!(
        b.eval_js("return document.activeElement.classList.contains('figure__button');")?
            == json!(true),
        "focus returns to the figure"
    );
    Ok(())
}

/// The first stage arrives after the page is painted: taps on Aa in between are not dropped but
/// honoured once the first stage runs, and only once. The focus is taken away from the button
/// after the taps, as WebKit never gives it (iOS WeChat), so only the page's recorder knows.
#[test]
fn a_tap_before_the_first_stage_runs_is_honoured_once() -> Result<()> {
    let options = BrowserOptions::phone().page_load_strategy(PageLoadStrategy::None);
    let (server, mut b) = launch(options)?;
    server.add_rule(Rule::prefix("/first-stage-", Fault::delay_ms(2500)));
    b.goto_static(&format!("/a/{SEED}"))?;
    b.wait_for("[data-nf-settings]", DEFAULT_WAIT)?;
    b.wait_frames(1)?;
    b.click("[data-nf-settings]")?;
    b.click("[data-nf-settings]")?;
    b.eval_js("document.activeElement.blur(); return null")?;
    ensure!(
        !b.exists("html[data-nf-ready]")?,
        "the tap came after the first stage ran: the test proves nothing"
    );
    ensure!(
        !b.is_shown("#settings-panel")?,
        "shown before the first stage"
    );
    b.wait_for("html[data-nf-ready]", DEFAULT_WAIT)?;
    b.wait_shown("#settings-panel", DEFAULT_WAIT)?;
    b.wait_frames(2)?;
    ensure!(b.is_shown("#settings-panel")?, "opened, then closed again");
    ensure!(
        b.attr("[data-nf-settings]", "aria-expanded")?.as_deref() == Some("true"),
        "the toggle says the panel is open"
    );
    b.screenshot("first-stage-early-tap")?;
    Ok(())
}

/// The app's start module arrives late: a tap on 加载更多 is pressed at once and applied once,
/// when the app runs.
#[test]
fn load_more_before_the_app_is_held_and_applied_once() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    let page_2 = "/feed/lists/home/2.json";
    let total = feed_json(&dist(), "lists/home/1.json")?["total_pages"]
        .as_u64()
        .unwrap_or(0);
    ensure!(total >= 2, "the sample's home list has a second page");
    server.add_rule(Rule::prefix("/newsfront-loader-", Fault::delay_ms(3000)));
    b.goto_static("/")?;
    b.wait_for("html[data-nf-ready]", DEFAULT_WAIT)?;
    ensure!(b.exists("#shell")?, "the app has not started yet");
    let pressed = b.eval_js(
        "const m = document.querySelector('#shell button.load-more'); m.click(); m.click(); \
         return [m.getAttribute('aria-busy'), m.textContent];",
    )?;
    ensure!(
        pressed == json!(["true", "正在加载…"]),
        "pressed at once: {pressed}"
    );
    let tapped = Instant::now();
    b.wait_until("page 2 in the list", Duration::from_secs(30), |b| {
        Ok(b.current_url()?.ends_with("?page=2") && b.count(".article-list__item")? >= 11)
    })?;
    println!(
        "held 加载更多 applied {:.1?} after the tap",
        tapped.elapsed()
    );
    ensure!(!b.exists("#shell")?, "the app runs");
    ensure!(server.request_count(page_2) == 1, "page 2 fetched once");
    let items = b.count(".article-list__item")?;
    let ids: Vec<String> = b
        .eval_js(
            "return [...document.querySelectorAll('.article-list__link')].map(a => a.getAttribute('href'));",
        )?
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
        .unwrap_or_default();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    ensure!(unique.len() == items, "no item twice: {ids:?}");
    b.screenshot("first-stage-load-more")?;
    Ok(())
}

/// The article chunk cannot be loaded (a redeploy removed it, or the network failed): the reader
/// gets a message with 重试, and the retry works once the chunk is there again.
#[test]
fn a_chunk_that_fails_gives_a_message_and_retry() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    // The service worker would serve the chunk it kept from the first load (docs/offline.md):
    // this is about the network failing it, as it does where there is no worker.
    newsfront_e2e::worker::remove_service_workers(&b)?;
    b.goto("/")?;
    // The app prefetches the article chunk once it runs: start from a clean slate.
    let chunk = "/newsfront_split_article-";
    server.add_rule(Rule::prefix(chunk, Fault::status(404)));
    b.reload()?;
    b.click("a.article-list__link")?;
    b.wait_until("the chunk's error", DEFAULT_WAIT, |b| {
        Ok(b.query_text(".error-panel__message")?
            .is_some_and(|t| t.contains("页面功能加载失败")))
    })?;
    ensure!(b.count("nav.cat-nav a")? >= 2, "the header still works");
    b.screenshot("first-stage-chunk-failed")?;
    server.clear_rules();
    b.click(".error-panel__retry")?;
    b.wait_for(".article__body p", DEFAULT_WAIT)?;
    ensure!(
        server.request_count_prefix(chunk) >= 2,
        "the chunk was asked for again"
    );
    ensure!(
        b.console_errors()?.iter().all(|e| !e.contains("panicked")),
        "no panic"
    );
    Ok(())
}

/// The app cannot be loaded at all: a tap that needs it says so, with a reload.
#[test]
fn an_app_that_cannot_load_shows_the_reload_notice() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    server.add_rule(Rule::prefix("/newsfront", Fault::status(404)));
    b.goto_static("/")?;
    b.wait_shown("#load-error", DEFAULT_WAIT)?;
    ensure!(
        b.text_of("#load-error")?.contains("页面没有加载成功"),
        "says the page did not load"
    );
    ensure!(
        b.exists("#shell .article-list__item")?,
        "the prerendered list stays readable"
    );
    Ok(())
}
