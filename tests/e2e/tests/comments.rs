//! Comments against a real Waline server (`@waline/vercel`, installed by
//! `scripts/setup.sh --waline`): post, reply nested, reload, list counts; a post while the
//! server is down keeps the draft and a retry posts once; markup in comments stays inert.
//! And the static source: nested comments from the feed, closed for posting.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use newsfront_e2e::SEED;
use newsfront_e2e::{
    dist, list_ids, require_browser_tools,
    waline_server::{waline_dist, Waline},
    Browser, BrowserOptions, Server, DEFAULT_WAIT,
};
use serde_json::json;

const POST: &str = "button.compose__post";
/// Posting goes to a second local server; allow for a slow first request on a busy machine.
const POST_WAIT: Duration = Duration::from_secs(30);

struct Setup {
    waline: Waline,
    // Field order is drop order: browser, then the app server, then the copied dist.
    browser: Browser,
    _server: Server,
    _dist: tempfile::TempDir,
}

fn setup() -> Result<Setup> {
    setup_with(&[])
}

fn setup_with(env: &[(&str, &str)]) -> Result<Setup> {
    require_browser_tools()?;
    let waline = Waline::start_with_env(env)?;
    let copy = waline_dist(&dist(), &waline.origin())?;
    let server = Server::start(copy.path())?;
    let browser = Browser::new(BrowserOptions::phone().base_url(&server.base_url()))?;
    Ok(Setup {
        waline,
        browser,
        _server: server,
        _dist: copy,
    })
}

/// Sets a form field as typing would (an `input` event the app listens to).
fn fill(b: &Browser, selector: &str, text: &str) -> Result<()> {
    b.eval_js_with(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
         e.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!(selector), json!(text)],
    )
    .with_context(|| format!("fill `{selector}`"))?;
    Ok(())
}

fn value_of(b: &Browser, selector: &str) -> Result<String> {
    Ok(b.eval_js_with(
        "return document.querySelector(arguments[0]).value;",
        vec![json!(selector)],
    )?
    .as_str()
    .unwrap_or_default()
    .to_string())
}

fn open_article(b: &mut Browser, id: &str) -> Result<()> {
    b.goto(&format!("/a/{id}"))?;
    to_comments(b)
}

/// Tap 评论 as a reader would: on a prerendered article, live comments start when the reader
/// comes near them (the first stage starts the app then).
fn to_comments(b: &mut Browser) -> Result<()> {
    b.click("[data-nf-comments]")?;
    b.wait_for("form.compose", DEFAULT_WAIT)?;
    Ok(())
}

/// Wait until the first match of `selector` contains `needle`.
fn wait_contains(b: &mut Browser, selector: &str, needle: &str, timeout: Duration) -> Result<()> {
    let mut last = None;
    b.wait_until(
        &format!("`{selector}` to contain {needle:?}"),
        timeout,
        |b| {
            last = b.query_text(selector)?;
            Ok(last.as_deref().is_some_and(|t| t.contains(needle)))
        },
    )
    .with_context(|| format!("last text of `{selector}`: {last:?}"))
}

/// Returns once the wall clock has moved on to its next second.
fn next_second() {
    let second = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    };
    let start = second();
    while second() == start {
        std::thread::yield_now();
    }
}

fn heading_count(b: &Browser) -> Result<String> {
    b.text_of(".comments__count")
}

#[test]
fn post_reply_reload_and_list_counts() -> Result<()> {
    let first = list_ids(&dist(), "lists/home/1.json")?
        .into_iter()
        .next()
        .context("home list is empty")?;
    let mut s = setup()?;
    let b = &mut s.browser;
    open_article(b, &first)?;
    b.wait_for(".comments__empty", DEFAULT_WAIT)?;
    ensure!(heading_count(b)? == "0", "empty article counts 0");

    fill(b, ".compose__nick", "渭河读者")?;
    fill(b, ".compose__text", "第一条评论:托育园的消息很有用。")?;
    ensure!(b.text_of(".compose__counter")? == "16/500", "length shown");
    // A double tap posts once: the second click finds the button disabled / guard set.
    b.eval_js("const p = document.querySelector('button.compose__post'); p.click(); p.click();")?;
    wait_contains(
        b,
        ".comments__list > li.comment .comment__text",
        "第一条评论",
        POST_WAIT,
    )?;
    ensure!(
        value_of(b, ".compose__text")?.is_empty(),
        "text cleared after posting"
    );
    ensure!(heading_count(b)? == "1", "count updated in place");
    // A second post, had the double tap sent one, would have gone out with the first.
    b.wait_quiet()?;
    ensure!(
        s.waline.count(&format!("/a/{first}"))? == 1,
        "double tap stored one comment"
    );
    let b = &mut s.browser;

    // Reply to it: the form says whom, the reply appears nested under its parent.
    b.click(".comments__list > li.comment .comment__reply")?;
    b.wait_for_text(".compose__reply-to", "回复 @渭河读者", DEFAULT_WAIT)?;
    ensure!(
        value_of(b, ".compose__nick")? == "渭河读者",
        "nickname remembered"
    );
    fill(b, ".compose__nick", "陇州老乡")?;
    fill(b, ".compose__text", "同意,希望多办。")?;
    b.click(POST)?;
    wait_contains(
        b,
        ".comments__list > li.comment .comments__replies li.comment--reply .comment__text",
        "同意,希望多办",
        POST_WAIT,
    )?;
    ensure!(heading_count(b)? == "2", "count 2 after the reply");
    b.screenshot("comments-waline")?;

    // Reload: both still there, the reply still nested; the home list shows the count.
    b.reload()?;
    to_comments(b)?;
    wait_contains(
        b,
        ".comments__list > li.comment .comments__replies .comment__author",
        "陇州老乡",
        DEFAULT_WAIT,
    )?;
    ensure!(b.count(".comments__list > li.comment")? == 1, "one thread");
    ensure!(heading_count(b)? == "2", "count after reload");
    b.goto("/")?;
    let badge = format!(".article-list__link[href='/a/{first}'] .article-list__comments");
    b.wait_for_text(&badge, "2 评", DEFAULT_WAIT)?;
    Ok(())
}

#[test]
fn post_while_server_down_keeps_draft_then_retry_posts_once() -> Result<()> {
    let mut s = setup()?;
    open_article(&mut s.browser, SEED)?;
    s.browser.wait_for(".comments__empty", DEFAULT_WAIT)?;
    s.waline.stop();

    let b = &mut s.browser;
    fill(b, ".compose__nick", "断网读者")?;
    fill(b, ".compose__text", "服务器停了也不要丢我的草稿。")?;
    b.click(POST)?;
    wait_contains(
        b,
        ".compose__status--error",
        "无法连接评论服务器",
        POST_WAIT,
    )?;
    ensure!(
        b.text_of(".compose__status--error")?.contains("草稿已保留"),
        "says the draft is kept"
    );
    ensure!(
        value_of(b, ".compose__text")? == "服务器停了也不要丢我的草稿。",
        "draft kept in the form"
    );
    ensure!(
        b.attr(POST, "disabled")?.is_none(),
        "button usable again after the failure"
    );
    b.screenshot("comments-post-failed")?;

    // The draft survives a reload (the list fails too: the server is still down).
    b.reload()?;
    to_comments(b)?;
    b.wait_for(".comments__error", DEFAULT_WAIT)?;
    ensure!(
        value_of(b, ".compose__text")? == "服务器停了也不要丢我的草稿。",
        "draft restored after reload"
    );

    s.waline.restart()?;
    let path = format!("/a/{SEED}");
    ensure!(s.waline.count(&path)? == 0, "nothing reached the server");
    let b = &mut s.browser;
    b.click(POST)?;
    wait_contains(
        b,
        ".comments__list .comment__text",
        "不要丢我的草稿",
        POST_WAIT,
    )?;
    ensure!(value_of(b, ".compose__text")?.is_empty(), "draft cleared");
    b.reload()?;
    to_comments(b)?;
    wait_contains(
        b,
        ".comments__list .comment__text",
        "不要丢我的草稿",
        DEFAULT_WAIT,
    )?;
    ensure!(
        value_of(b, ".compose__text")?.is_empty(),
        "no draft after success"
    );
    ensure!(
        b.count(".comments__list .comment")? == 1,
        "no duplicate shown"
    );
    ensure!(s.waline.count(&path)? == 1, "no duplicate stored");
    Ok(())
}

#[test]
fn markup_in_comments_stays_inert() -> Result<()> {
    let mut s = setup()?;
    let b = &mut s.browser;
    open_article(b, SEED)?;
    b.wait_for(".comments__empty", DEFAULT_WAIT)?;
    let evil = "看图 <img src=x onerror=\"window.__xss='img'\"> <script>window.__xss='script'</script> 详见 https://example.com/a?b=1 。";
    fill(b, ".compose__nick", "<b>nick</b>")?;
    fill(b, ".compose__text", evil)?;
    b.click(POST)?;
    wait_contains(b, ".comments__list .comment__text", "<img src=x", POST_WAIT)?;
    for pass in ["after posting", "after reload"] {
        let b = &s.browser;
        b.wait_quiet()?;
        ensure!(
            b.count(".comments img, .comments script, .comments b")? == 0,
            "{pass}: no element from comment markup"
        );
        ensure!(
            b.eval_js("return window.__xss === undefined;")? == json!(true),
            "{pass}: no script ran"
        );
        ensure!(
            b.text_of(".comment__text")?
                .contains("<script>window.__xss='script'</script>"),
            "{pass}: shown as text"
        );
        ensure!(
            b.text_of(".comment__author")? == "<b>nick</b>",
            "{pass}: nick as text"
        );
        ensure!(
            b.attr(".comment__text a", "href")?.as_deref() == Some("https://example.com/a?b=1"),
            "{pass}: plain URL linked"
        );
        ensure!(
            b.attr(".comment__text a", "rel")?.as_deref() == Some("nofollow noopener noreferrer"),
            "{pass}: link rel"
        );
        s.browser.reload()?;
        to_comments(&mut s.browser)?;
        wait_contains(
            &mut s.browser,
            ".comments__list .comment__text",
            "<img src=x",
            DEFAULT_WAIT,
        )?;
    }
    Ok(())
}

#[test]
fn static_source_renders_nested_comments_closed_for_posting() -> Result<()> {
    let (_server, mut b) = newsfront_e2e::launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for(".comments__list > li.comment", DEFAULT_WAIT)?;
    // c1 ← c2 ← c3 in sample/comments: c2 indented under c1, c3 flattened with 回复 @.
    ensure!(
        b.exists(".comments__list > li.comment .comments__replies > li.comment--reply")?,
        "level-1 reply nested"
    );
    wait_contains(
        &mut b,
        ".comments__replies--flat .comment__reply-to",
        "回复 @",
        DEFAULT_WAIT,
    )?;
    ensure!(
        !b.exists("form.compose")?,
        "no compose form for the static source"
    );
    ensure!(!b.exists(".comment__reply")?, "no reply buttons");
    wait_contains(&mut b, ".comments__note", "暂不开放发表", DEFAULT_WAIT)?;
    b.click(".comments__heading")?;
    b.screenshot("comments-static")?;
    Ok(())
}

#[test]
fn server_threads_order_and_paging() -> Result<()> {
    let mut s = setup()?;
    let path = format!("/a/{SEED}");
    let w = &s.waline;
    // A chain root ← 一楼 ← 二楼: 一楼 is indented, 二楼 flattened with 回复 @一楼.
    let root = w.post(&path, "楼主", "评论 01", None)?;
    let first = w.post(&path, "一楼", "回复楼主", Some((&root, &root, "楼主")))?;
    w.post(&path, "二楼", "回复一楼", Some((&first, &root, "一楼")))?;
    // Times are stored to the second: keep the oldest and the newest apart from the rest.
    next_second();
    for i in 2..=11 {
        w.post(&path, "读者", &format!("评论 {i:02}"), None)?;
    }
    next_second();
    w.post(&path, "读者", "评论 12", None)?;

    let b = &mut s.browser;
    b.goto(&path)?;
    to_comments(b)?;
    b.wait_for(".comments__list > li.comment", DEFAULT_WAIT)?;
    ensure!(
        b.count(".comments__list > li.comment")? == 10,
        "page 1: 10 threads"
    );
    ensure!(heading_count(b)? == "14", "count includes replies");
    ensure!(
        b.text_of(".comments__list > li.comment .comment__text")? == "评论 12",
        "newest first"
    );
    b.click("button.comments__more")?;
    b.wait_until("page 2", DEFAULT_WAIT, |b| {
        Ok(b.count(".comments__list > li.comment")? == 12)
    })?;
    ensure!(!b.exists("button.comments__more")?, "no more pages");

    b.click("button.comments__sort:nth-child(2)")?;
    wait_contains(
        b,
        ".comments__list > li.comment .comment__text",
        "评论 01",
        DEFAULT_WAIT,
    )?;
    ensure!(
        b.attr("button.comments__sort:nth-child(2)", "aria-pressed")?
            .as_deref()
            == Some("true"),
        "oldest pressed"
    );
    let thread = ".comments__list > li.comment:first-child";
    ensure!(
        b.text_of(&format!(
            "{thread} .comments__replies > li.comment--reply .comment__author"
        ))? == "一楼",
        "level-1 reply indented"
    );
    ensure!(
        b.text_of(&format!("{thread} .comments__replies--flat .comment__text"))?
            == "回复 @一楼 回复一楼",
        "deeper reply flattened with 回复 @name"
    );
    b.set_scroll(0.0)?;
    b.click(".toolbar__item:nth-child(2)")?;
    b.wait_until("评论 button scrolls to the comments", DEFAULT_WAIT, |b| {
        Ok(b.eval_js(
            "const r = document.getElementById('comments').getBoundingClientRect(); \
             return r.top < window.innerHeight && r.top > -10;",
        )? == json!(true))
    })?;
    b.screenshot("comments-threads")?;
    Ok(())
}

#[test]
fn moderated_post_shows_a_notice_not_the_comment() -> Result<()> {
    let mut s = setup_with(&[("COMMENT_AUDIT", "true")])?;
    let b = &mut s.browser;
    open_article(b, SEED)?;
    b.wait_for(".comments__empty", DEFAULT_WAIT)?;
    fill(b, ".compose__nick", "审核读者")?;
    fill(b, ".compose__text", "这条要等审核。")?;
    b.click(POST)?;
    wait_contains(b, ".compose__status", "审核通过后显示", POST_WAIT)?;
    ensure!(
        !b.exists(".comments__list .comment")?,
        "not shown before approval"
    );
    ensure!(heading_count(b)? == "0", "count unchanged");
    ensure!(
        value_of(b, ".compose__text")?.is_empty(),
        "accepted: draft cleared"
    );
    ensure!(
        !b.exists(".compose__status--error")?,
        "a notice, not an error"
    );
    Ok(())
}
