//! Broken and hostile feed files (docs/hardening.md): every case, generated at run time into a copy of the
//! built app, ends in a clear message or a graceful degradation in headless Chromium; the nav
//! stays usable and the page never goes blank or panics. One browser session for all cases.
//!
//! Timing of the 10 000-item list and the depth-1 000 thread is not asserted here; see
//! `scripts/harden-timing.sh` (docs/hardening.md).

use anyhow::{ensure, Context, Result};
use newsfront_e2e::feed_cases::{
    article, check_cases, list, none_failed, seed_article, summary, Case, Outcome,
};
use newsfront_e2e::selectors::ERROR_MESSAGE;
use newsfront_e2e::{dist, BrowserOptions, ScratchSite, DEFAULT_WAIT};
use serde_json::{json, Value};

/// A comment thread `depth` levels deep (the root plus depth-1 nested replies).
fn nested_comments(article: &str, depth: usize) -> String {
    // By hand: serde_json's writer (and `json!`) recurse, which a deep thread would overflow.
    let mut s = String::new();
    for level in 1..=depth {
        s.push_str(&format!(
            r#"{{"id":"d{level}","author":"楼","time":"2023-03-08T20:12:00+08:00","text":"第 {level} 层","replies":["#
        ));
    }
    s.push_str(&"]}".repeat(depth));
    format!(r#"{{"format_version":1,"article":"{article}","total":{depth},"comments":[{s}]}}"#)
}

fn build_cases(site: &ScratchSite) -> Result<Vec<Case>> {
    let mut cases = Vec::new();
    let mut add = |name, path: String, outcome| {
        cases.push(Case {
            name,
            path,
            outcome,
        })
    };

    // Articles.
    let seed_text = serde_json::to_string(&seed_article()?)?;
    site.write_feed(
        "articles/h-truncated.json",
        &seed_text.as_bytes()[..seed_text.len() / 2],
    )?;
    add(
        "truncated JSON",
        "/a/h-truncated".into(),
        Outcome::Message(&["内容格式有误", "EOF"]),
    );
    let p = article(site, "h-wrong-type", |a| a["title"] = json!(12345))?;
    add(
        "wrong type (title: number)",
        p,
        Outcome::Message(&["内容格式有误", "title"]),
    );
    let p = article(site, "h-missing-body", |a| {
        a.as_object_mut().unwrap().remove("body");
    })?;
    add(
        "missing required field (body)",
        p,
        Outcome::Message(&["内容格式有误", "body"]),
    );
    let p = article(site, "h-extra", |a| {
        a["x_future_field"] = json!({"nested": [1, 2, 3]});
        a["body"][0]["x_span_extra"] = json!(true);
        a["body"][0]["spans"][0]["x_style"] = json!("color:red");
        a["title"] = json!("多余字段也能读");
    })?;
    add(
        "unknown extra fields",
        p,
        Outcome::Shows("h1.article__title", "多余字段也能读"),
    );
    let p = article(site, "h-version", |a| {
        a["format_version"] = json!(2);
        a["body"] = json!("a new shape");
    })?;
    add(
        "newer format version",
        p,
        Outcome::Message(&["内容格式版本过新"]),
    );
    let big = "陇县新闻网报道。".repeat(2_400); // 19 200 characters, 57 600 bytes
    let p = article(site, "h-five-mb", |a| {
        a["title"] = json!("五兆字节的正文");
        a["body"] = json!((0..90)
            .map(|i| json!({"type": "paragraph", "spans": [{"text": format!("{i}:{big}")}]}))
            .collect::<Vec<_>>());
    })?;
    ensure!(
        std::fs::metadata(site.feed_path("articles/h-five-mb.json"))?.len() > 5_000_000,
        "the 5 MB article is at least 5 MB"
    );
    // Past the article file's size cap (4 MiB) and its text cap (50 000 characters).
    add(
        "5 MB article body",
        p,
        Outcome::Message(&[
            "内容格式有误",
            "an article file may be at most 4194304 bytes",
        ]),
    );
    site.write_feed(
        "articles/h-surrogate.json",
        seed_text
            .replacen(r#""title": ""#, r#""title": "\ud800"#, 1)
            .replacen(r#""title":""#, r#""title":"\ud800"#, 1),
    )?;
    add(
        "invalid UTF-8 escape (lone surrogate \\ud800)",
        "/a/h-surrogate".into(),
        Outcome::Message(&["内容格式有误", "title", "escape"]),
    );
    let mut raw_bytes = serde_json::to_vec(&{
        let mut a = seed_article()?;
        a["id"] = json!("h-bad-bytes");
        a["title"] = json!("坏字节XX标题");
        a["related"] = json!([]);
        a
    })?;
    let at = raw_bytes
        .windows(2)
        .position(|w| w == b"XX")
        .context("marker")?;
    raw_bytes[at] = 0xff;
    raw_bytes[at + 1] = 0xfe;
    site.write_feed("articles/h-bad-bytes.json", raw_bytes)?;
    add(
        "invalid UTF-8 bytes in a title",
        "/a/h-bad-bytes".into(),
        Outcome::Shows("h1.article__title", "坏字节\u{fffd}\u{fffd}标题"),
    );
    let p = article(site, "h-no-offset", |a| {
        a["published"] = json!("2023-03-08T19:37:00")
    })?;
    add(
        "date without offset",
        p,
        Outcome::Message(&["内容格式有误", "published"]),
    );
    let p = article(site, "h-image-no-size", |a| {
        let body = a["body"].as_array_mut().unwrap();
        body.insert(
            1,
            json!({"type": "image", "image": {"src": "images/logo.png", "alt": "无尺寸"}}),
        );
    })?;
    add(
        "body image without sizes",
        p,
        Outcome::Message(&["内容格式有误", "width"]),
    );

    // Comments (the static source): depth 1 000 is refused, depth 50 is flattened.
    let p = article(site, "h-deep-1000", |a| a["title"] = json!("千层回复"))?;
    site.write_feed(
        "comments/h-deep-1000.json",
        nested_comments("h-deep-1000", 1000),
    )?;
    add(
        "comment replies nested 1 000 deep",
        p,
        Outcome::Shows(".comments .error-panel__message", "内容格式有误"),
    );
    let p = article(site, "h-deep-50", |a| a["title"] = json!("五十层回复"))?;
    site.write_feed("comments/h-deep-50.json", nested_comments("h-deep-50", 50))?;
    add(
        "comment replies nested 50 deep",
        p,
        Outcome::Shows(".comments__list", "第 50 层"),
    );

    // Lists, as extra categories.
    let mut site_json = site.feed_json("site.json")?;
    site_json["x_unknown_site_field"] = json!("tolerated");
    for (slug, name) in [
        ("h-empty", "空栏目"),
        ("h-mixed", "混合栏目"),
        ("h-huge", "万条栏目"),
        ("h-broken", "坏栏目"),
    ] {
        site_json["categories"]
            .as_array_mut()
            .unwrap()
            .push(json!({"slug": slug, "name": name, "x_extra": 1}));
    }
    site.write_feed_json("site.json", &site_json)?;
    site.write_feed_json("lists/c/h-empty/1.json", &list(vec![]))?;
    add(
        "empty category",
        "/c/h-empty".into(),
        Outcome::Shows(".list-empty", "这里还没有文章"),
    );
    let mut mixed: Vec<Value> = (0..6)
        .map(|i| summary(&format!("h-good-{i}"), "h-mixed"))
        .collect();
    mixed[1]["title"] = json!(42); // wrong type
    mixed[2].as_object_mut().unwrap().remove("published"); // missing field
    mixed[3]["cover"] = json!({"src": "images/logo.png"}); // image without sizes
    mixed[4]["published"] = json!("2023-03-26 09:45"); // no offset
    mixed.push(json!("not an object"));
    mixed.push(json!({"id": "../../site", "title": "路径", "source": "x", "published": "2023-03-26T09:45:00+08:00", "category": "h-mixed"}));
    mixed[5]["x_unknown"] = json!([1]); // tolerated
    add(
        "list with 6 bad items among 2 good",
        "/c/h-mixed".into(),
        Outcome::Skips { shown: 2 },
    );
    site.write_feed_json("lists/c/h-mixed/1.json", &list(mixed))?;
    site.write_feed_json(
        "lists/c/h-huge/1.json",
        &list(
            (0..10_000)
                .map(|i| summary(&format!("h-{i}"), "h-huge"))
                .collect(),
        ),
    )?;
    add(
        "10 000 items on one list page",
        "/c/h-huge".into(),
        // 1.7 MB: past a list page's size cap (1 MiB) before its 100-item cap.
        Outcome::Message(&["内容格式有误", "a list page may be at most"]),
    );
    site.write_feed("lists/c/h-broken/1.json", "<html>not json</html>")?;
    add(
        "list page that is not JSON",
        "/c/h-broken".into(),
        Outcome::Message(&["内容格式有误"]),
    );
    Ok(cases)
}

#[test]
fn every_broken_feed_ends_in_a_message_or_degrades_gracefully() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let cases = build_cases(&site)?;
    let mut b = site.browser(BrowserOptions::phone())?;
    let failures = check_cases(&mut b, &cases, "hostile");
    b.goto("/c/h-mixed")?;
    b.wait_for(".list-note", DEFAULT_WAIT)?;
    b.screenshot("hostile-mixed-list")?;
    b.goto("/a/h-truncated")?;
    b.wait_for(ERROR_MESSAGE, DEFAULT_WAIT)?;
    b.screenshot("hostile-truncated-article")?;
    let bad_fetches: Vec<String> = site
        .server
        .requests()
        .into_iter()
        .map(|r| r.raw_path)
        .filter(|p| p.contains(".."))
        .collect();
    ensure!(
        bad_fetches.is_empty(),
        "invalid ids fetched: {bad_fetches:?}"
    );
    println!("{} broken feeds, {} failed", cases.len(), failures.len());
    none_failed(&failures, cases.len())
}
