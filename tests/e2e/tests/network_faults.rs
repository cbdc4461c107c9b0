//! Network faults injected by the test server (docs/hardening.md): each ends in a clear message with 重试,
//! and 重试 recovers; a response that never ends is given up after `FETCH_TIMEOUT` (15 s,
//! src/api.rs), waited out once here. Comment posts that fail (a 4xx with the server's message,
//! a post that never ends) keep the reader's draft, also across a reload.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use newsfront_e2e::selectors::{ERROR_MESSAGE, LIST_ITEM};
use newsfront_e2e::SEED;
use newsfront_e2e::{dist, Browser, BrowserOptions, Fault, Rule, ScratchSite, DEFAULT_WAIT};
use serde_json::json;

const HOME_LIST: &str = "/feed/lists/home/1.json";
/// src/api.rs `FETCH_TIMEOUT`, plus room for a busy machine.
const TIMEOUT_WAIT: Duration = Duration::from_secs(15 + 15);

struct FaultCase {
    name: &'static str,
    path: &'static str,
    fault: Fault,
    /// The message shows this; `None`: the fault is tolerated and the page renders at once.
    says: Option<&'static str>,
}

fn cases() -> Vec<FaultCase> {
    let json_body = std::fs::read_to_string(dist().join("feed/lists/home/1.json")).unwrap();
    vec![
        FaultCase {
            name: "HTTP 500",
            path: HOME_LIST,
            fault: Fault::status(500),
            says: Some("服务器暂时无法响应(HTTP 500)"),
        },
        FaultCase {
            name: "HTTP 404 (list page)",
            path: HOME_LIST,
            fault: Fault::status(404),
            says: Some("内容不存在或已被删除(HTTP 404)"),
        },
        FaultCase {
            name: "HTTP 429 with Retry-After: 1",
            path: HOME_LIST,
            fault: Fault::too_many_requests(1),
            says: Some("访问人数较多"),
        },
        FaultCase {
            name: "connection closed after headers",
            path: HOME_LIST,
            fault: Fault::DropAfterHeaders,
            says: Some("网络连接失败"),
        },
        FaultCase {
            name: "connection reset mid-body",
            path: HOME_LIST,
            fault: Fault::DropMidBody,
            says: Some("网络连接失败"),
        },
        FaultCase {
            name: "HTML instead of JSON (200 text/html)",
            path: HOME_LIST,
            fault: Fault::HtmlInsteadOfJson,
            says: Some("内容格式有误"),
        },
        FaultCase {
            name: "wrong content type, JSON body (200 text/plain)",
            path: HOME_LIST,
            fault: Fault::Status {
                code: 200,
                headers: vec![],
                body: json_body,
            },
            says: None,
        },
        FaultCase {
            name: "HTTP 503 on site.json",
            path: "/feed/site.json",
            fault: Fault::status(503),
            says: Some("服务器暂时无法响应(HTTP 503)"),
        },
    ]
}

fn check_fault(
    server: &newsfront_e2e::Server,
    b: &mut Browser,
    case: &FaultCase,
) -> Result<String> {
    server.clear_rules();
    server.reset_counts();
    server.add_rule(Rule::exact(case.path, case.fault.clone()).times(1));
    b.goto("/")?;
    let Some(says) = case.says else {
        b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
        return Ok("tolerated: list shown".into());
    };
    b.wait_for(ERROR_MESSAGE, DEFAULT_WAIT)?;
    let message = b.text_of(ERROR_MESSAGE)?;
    ensure!(message.contains(says), "message {message:?} lacks {says:?}");
    ensure!(!b.exists(".panic-screen")?, "no panic screen");
    if case.path == HOME_LIST {
        ensure!(
            b.count("nav.cat-nav a")? >= 2,
            "the nav stays beside the error"
        );
    }
    b.click(".error-panel__retry")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)
        .context("retry recovers")?;
    let fetches = server.request_count(case.path);
    ensure!(fetches == 2, "fetched {fetches} times, want 2");
    Ok(format!("{message:?}, retry recovered"))
}

#[test]
fn every_fault_shows_a_message_and_retry_recovers() -> Result<()> {
    // Without the prerendered pages' embedded feed files: the start fetches, as on the fallback.
    let site = ScratchSite::new(&dist())?;
    newsfront_e2e::dist::strip_embedded(site.root())?;
    let server = &site.server;
    let mut b = site.browser(BrowserOptions::phone())?;
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        match check_fault(server, &mut b, case) {
            Ok(seen) => println!("ok   {:<48} {seen}", case.name),
            Err(e) => {
                println!("FAIL {:<48} {e:#}", case.name);
                failures.push(format!("{}: {e:#}", case.name));
            }
        }
    }
    if !failures.is_empty() {
        bail!(
            "{} of {} faults failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }
    Ok(())
}

#[test]
fn a_response_that_never_ends_times_out_and_retry_recovers() -> Result<()> {
    // An article without a prerendered page (added after the build): the app starts on the
    // fallback page and fetches it.
    let site = ScratchSite::new(&dist())?;
    std::fs::remove_dir_all(site.root().join("a").join(SEED))?;
    let server = &site.server;
    let mut b = site.browser(BrowserOptions::phone())?;
    let path = format!("/feed/articles/{SEED}.json");
    server.add_rule(Rule::exact(&path, Fault::Hang).times(1));
    let started = Instant::now();
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for(ERROR_MESSAGE, TIMEOUT_WAIT)?;
    let waited = started.elapsed();
    ensure!(
        waited >= Duration::from_secs(14),
        "gave up after {waited:?}, before the 15 s timeout"
    );
    ensure!(
        b.text_of(ERROR_MESSAGE)?.contains("加载超时"),
        "says it timed out"
    );
    ensure!(b.count("nav.cat-nav a")? >= 2, "nav usable");
    b.click(".error-panel__retry")?;
    b.wait_for("h1.article__title", DEFAULT_WAIT)?;
    ensure!(server.request_count(&path) == 2, "retried once");
    println!("never-ending response: gave up after {waited:.1?}, retry recovered");
    Ok(())
}

/// Sets a form field as typing would (an `input` event the app listens to).
fn fill(b: &Browser, selector: &str, text: &str) -> Result<()> {
    b.eval_js_with(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
         e.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!(selector), json!(text)],
    )?;
    Ok(())
}

fn draft(b: &Browser) -> Result<String> {
    Ok(
        b.eval_js("return document.querySelector('.compose__text').value;")?
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

fn wait_status(b: &mut Browser, needle: &str, timeout: Duration) -> Result<String> {
    let mut last = None;
    b.wait_until(&format!("post status says {needle:?}"), timeout, |b| {
        last = b.query_text(".compose__status--error")?;
        Ok(last.as_deref().is_some_and(|t| t.contains(needle)))
    })
    .with_context(|| format!("last status: {last:?}"))?;
    Ok(last.unwrap_or_default())
}

/// The comment server is this test's own server: `GET /api/comment` is a static empty page and
/// each `POST` answers with an injected fault (a POST without a rule gets 405).
#[test]
fn failed_comment_posts_keep_the_draft() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut site_json = site.feed_json("site.json")?;
    site_json["comments"] = json!({ "mode": "waline", "server": site.server.origin() });
    site.write_feed_json("site.json", &site_json)?;
    std::fs::create_dir_all(site.root().join("api"))?;
    std::fs::write(
        site.root().join("api/comment"),
        r#"{"errno":0,"errmsg":"","data":{"page":1,"totalPages":0,"pageSize":10,"count":0,"data":[]}}"#,
    )?;
    let mut b = site.browser(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    // Live comments start when the reader comes near them: tap 评论.
    b.click("[data-nf-comments]")?;
    b.wait_for("form.compose", DEFAULT_WAIT)?;
    b.wait_for(".comments__empty", DEFAULT_WAIT)?;
    const TEXT: &str = "被拒绝、超时,草稿都还在。";
    fill(&b, ".compose__nick", "坚持的读者")?;
    fill(&b, ".compose__text", TEXT)?;

    // 4xx with the server's message.
    site.server.add_rule(
        Rule::exact(
            "/api/comment",
            Fault::Status {
                code: 403,
                headers: vec![],
                body: r#"{"errno":1003,"errmsg":"Comment too fast!","data":null}"#.into(),
            },
        )
        .times(1),
    );
    b.click("button.compose__post")?;
    let said = wait_status(&mut b, "Comment too fast!", DEFAULT_WAIT)?;
    ensure!(
        said.contains("草稿已保留"),
        "says the draft is kept: {said:?}"
    );
    ensure!(draft(&b)? == TEXT, "draft kept after a 4xx");
    println!("4xx with a message: {said:?}, draft kept");

    // A post that never ends: given up after the timeout, draft kept.
    site.server
        .add_rule(Rule::exact("/api/comment", Fault::Hang).times(1));
    let started = Instant::now();
    b.click("button.compose__post")?;
    let said = wait_status(&mut b, "加载超时", TIMEOUT_WAIT)?;
    ensure!(draft(&b)? == TEXT, "draft kept after a timeout");
    ensure!(
        b.attr("button.compose__post", "disabled")?.is_none(),
        "post button usable again"
    );
    println!(
        "never-ending post: {said:?} after {:.1?}, draft kept",
        started.elapsed()
    );

    // The unsent draft survives a reload.
    b.reload()?;
    b.click("[data-nf-comments]")?;
    b.wait_for("form.compose", DEFAULT_WAIT)?;
    b.wait_until("draft restored", DEFAULT_WAIT, |b| Ok(draft(b)? == TEXT))?;
    let posts = site
        .server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    ensure!(posts == 2, "one POST per tap: {posts}");
    Ok(())
}
