//! No feed that `newsfront-feed validate` accepts makes a task longer than 200 ms: feeds at
//! every total cap of the contract (an article of 2 000 blocks, 5 000 spans and 100 000
//! characters, 10 000 static comments, a Waline page of 10 000 comments, a list group of 500
//! items, 50 categories), opened by a full load and by in-app navigation, in headless Chromium
//! at CPU ×1 with a `PerformanceObserver('longtask')` installed before any page script.
//!
//! Meaningful on a release build only (a debug wasm is many times slower), so ignored by
//! default: `scripts/harden-longtasks.sh` builds one and runs it (docs/hardening.md).

use std::time::Duration;

use anyhow::{bail, Result};
use newsfront_core::limits as caps;
use newsfront_e2e::{dist, Browser, BrowserOptions, ScratchSite};
use serde_json::{json, Value};

/// The budget: the longest task a feed may cause.
const BUDGET_MS: f64 = 200.0;
const WAIT: Duration = Duration::from_secs(120);
const SEED: &str = "158efa5accffce1b";

/// Records every long task's duration in `window.__longtasks` from the document's start.
const OBSERVER: &str = "window.__longtasks = [];\
    new PerformanceObserver(list => { for (const e of list.getEntries())\
      window.__longtasks.push(Math.round(e.duration)); })\
    .observe({ type: 'longtask', buffered: true });";

fn summary(id: &str, category: &str) -> Value {
    json!({ "id": id, "title": format!("第 {id} 条新闻的标题，两行之内写完"), "summary": "摘要",
            "source": "网站编辑", "published": "2023-03-26T09:45:00+08:00", "category": category })
}

/// An article at every body cap: 2 000 blocks, 5 000 spans (4 000 of them links), 100 000
/// characters; the editor's note and tags at theirs.
fn article_at_caps(id: &str, category: &str) -> Value {
    let mut body = Vec::new();
    for i in 0..1_000 {
        let spans: Vec<Value> = (0..5)
            .map(|s| {
                let text: String = format!("{i:0>4}{}", "陇县新闻网报道内容文字".repeat(2))
                    .chars()
                    .take(19)
                    .collect();
                if s == 0 {
                    json!({ "text": text, "bold": true })
                } else {
                    json!({ "text": text, "link": format!("https://example.com/{i}/{s}") })
                }
            })
            .collect();
        body.push(json!({ "type": "paragraph", "spans": spans }));
        body.push(json!({ "type": "heading", "level": 3, "text": "小标题五字" }));
    }
    json!({ "format_version": 1, "id": id, "title": "上限文章", "category": category,
            "source": "网站编辑", "published": "2023-03-26T09:45:00+08:00", "summary": "摘要",
            "editor_note": vec!["编者按".repeat(666); caps::MAX_EDITOR_NOTE_PARAGRAPHS],
            "tags": vec!["标签"; caps::MAX_TAGS], "body": body, "comment_count": caps::MAX_COMMENTS })
}

fn build(site: &ScratchSite) -> Result<String> {
    let mut s = site.feed_json("site.json")?;
    let categories: Vec<Value> = (0..caps::MAX_CATEGORIES)
        .map(|i| json!({ "slug": format!("b{i}"), "name": format!("栏目{i}号") }))
        .collect();
    s["categories"] = json!(categories);
    site.write_feed_json("site.json", &s)?;
    // A group of 500 items: page size 10, pages 1..=50 of a 2 000-page list.
    for n in 1..=50u32 {
        let items: Vec<Value> = (0..10)
            .map(|i| summary(&format!("n{n}-{i}"), "b0"))
            .collect();
        site.write_feed_json(
            &format!("lists/c/b0/{n}.json"),
            &json!({ "format_version": 1, "page": n, "total_pages": 2000, "total_items": 20000,
                     "items": items }),
        )?;
    }
    // The capped article, linked from the home list; 10 000 static comments on it.
    let mut home = site.feed_json("lists/home/1.json")?;
    home["items"][0] = summary("cap-article", "b1");
    site.write_feed_json("lists/home/1.json", &home)?;
    site.write_feed_json(
        "articles/cap-article.json",
        &article_at_caps("cap-article", "b1"),
    )?;
    let comments: Vec<Value> = (0..caps::MAX_COMMENTS)
        .map(|i| {
            json!({ "id": format!("c{i}"), "author": "读者", "time": "2023-03-08T20:12:00+08:00",
                         "text": format!("第 {i} 条评论，说得很好。"), "replies": [] })
        })
        .collect();
    site.write_feed_json(
        "comments/cap-article.json",
        &json!({ "format_version": 1, "article": "cap-article", "total": caps::MAX_COMMENTS,
                 "comments": comments }),
    )?;
    Ok("cap-article".into())
}

/// The long tasks since the last call.
fn take_long_tasks(b: &Browser) -> Result<Vec<f64>> {
    let v = b.eval_js("const t = window.__longtasks || []; window.__longtasks = []; return t;")?;
    Ok(serde_json::from_value(v)?)
}

fn settle() {
    std::thread::sleep(Duration::from_millis(1_500));
}

#[test]
#[ignore = "needs a release dist: scripts/harden-longtasks.sh"]
fn no_accepted_feed_makes_a_task_longer_than_200_ms() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let article = build(&site)?;
    let mut b = site.browser(BrowserOptions::phone())?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": OBSERVER }),
    )?;
    let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
    let mut measure = |name: &str, b: &mut Browser| -> Result<()> {
        settle();
        rows.push((name.to_string(), take_long_tasks(b)?));
        Ok(())
    };

    b.goto("/")?;
    b.wait_for(".article-list__item", WAIT)?;
    measure("home, full load (50 categories)", &mut b)?;

    b.click(".article-list__link")?;
    b.wait_until("the capped article and its 10 000 comments", WAIT, |b| {
        Ok(b.count(".comments__list > .comment")? == caps::MAX_COMMENTS)
    })?;
    measure(
        "article at the caps + 10 000 static comments, in-app",
        &mut b,
    )?;

    b.goto(&format!("/a/{article}"))?;
    b.wait_until("the same, loaded in full", WAIT, |b| {
        Ok(b.count(".comments__list > .comment")? == caps::MAX_COMMENTS)
    })?;
    measure(
        "article at the caps + 10 000 static comments, full load",
        &mut b,
    )?;

    b.goto("/c/b0?page=49")?;
    b.wait_until("490 items", WAIT, |b| {
        Ok(b.count(".article-list__item")? == 490)
    })?;
    measure("category ?page=49 (490 items), full load", &mut b)?;
    b.click("button.load-more")?;
    b.wait_until("500 items", WAIT, |b| {
        Ok(b.count(".article-list__item")? == 500)
    })?;
    measure("加载更多 to 500 items, in-app", &mut b)?;

    // A Waline server's page at the cap: 10 roots, 9 990 replies, as one response.
    let mut s = site.feed_json("site.json")?;
    s["comments"] = json!({ "mode": "waline", "server": site.server.origin() });
    site.write_feed_json("site.json", &s)?;
    let roots: Vec<Value> = (0..10)
        .map(|r| {
            let children: Vec<Value> = (1..caps::MAX_COMMENTS / 10)
                .map(|i| {
                    json!({ "objectId": format!("r{r}-{i}"), "pid": format!("r{r}-{}", i - 1),
                    "rid": format!("r{r}-0"), "nick": "楼", "orig": format!("第 {i} 层"),
                    "time": 1_700_000_000_000u64 + i as u64 })
                })
                .collect();
            json!({ "objectId": format!("r{r}-0"), "nick": "楼主", "orig": "第 0 层",
                    "time": 1_700_000_000_000u64, "children": children })
        })
        .collect();
    std::fs::create_dir_all(site.root().join("api"))?;
    std::fs::write(
        site.root().join("api/comment"),
        json!({ "errno": 0, "errmsg": "", "data": { "page": 1, "totalPages": 1, "pageSize": 10,
                "count": caps::MAX_COMMENTS, "data": roots } })
        .to_string(),
    )?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_until("10 000 Waline comments", WAIT, |b| {
        Ok(b.count(".comments__list .comment")? == caps::MAX_COMMENTS)
    })?;
    measure(
        "Waline page of 10 000 comments (10 threads), full load",
        &mut b,
    )?;

    println!("render-budget: longest task per scenario (budget {BUDGET_MS} ms, CPU x1)");
    let mut over = Vec::new();
    for (name, tasks) in &rows {
        let longest = tasks.iter().copied().fold(0.0, f64::max);
        println!(
            "render-budget: {name:<62} longest {longest:>5.0} ms, {} long tasks",
            tasks.len()
        );
        if longest > BUDGET_MS {
            over.push(format!("{name}: {longest} ms"));
        }
    }
    if !over.is_empty() {
        bail!("tasks over {BUDGET_MS} ms:\n{}", over.join("\n"));
    }
    Ok(())
}
