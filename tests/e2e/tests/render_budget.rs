//! No feed that `newsfront-feed validate` accepts makes a task longer than 200 ms: feeds at
//! every total cap of the contract (`newsfront_core::limits`: an article with the most blocks,
//! spans and characters, the most static comments, a Waline page at the comment caps, a list
//! group of 500 items, 50 categories), opened by a full load and by in-app navigation, in
//! headless Chromium at CPU ×1 with a `PerformanceObserver('longtask')` installed before any
//! page script.
//!
//! Meaningful on a release build only (a debug wasm is many times slower), so ignored by
//! default: `scripts/harden-longtasks.sh` builds one and runs it (docs/hardening.md).

use std::time::Duration;

use anyhow::{bail, Result};
use newsfront_core::limits as caps;
use newsfront_e2e::SEED;
use newsfront_e2e::{dist, Browser, BrowserOptions, ScratchSite};
use serde_json::{json, Value};

/// The budget: the longest task a feed may cause.
const BUDGET_MS: f64 = 200.0;
const WAIT: Duration = Duration::from_secs(120);

/// Records every long task's duration in `window.__longtasks` from the document's start.
const OBSERVER: &str = "window.__longtasks = [];\
    new PerformanceObserver(list => { for (const e of list.getEntries())\
      window.__longtasks.push(Math.round(e.duration)); })\
    .observe({ type: 'longtask', buffered: true });";

fn summary(id: &str, category: &str) -> Value {
    json!({ "id": id, "title": format!("第 {id} 条新闻的标题，两行之内写完"), "summary": "摘要",
            "source": "网站编辑", "published": "2023-03-26T09:45:00+08:00", "category": category })
}

/// An article at every body cap: the most blocks (half paragraphs, half headings), the most
/// spans (half of them links) and the most characters, a quarter of them in the editor's note.
fn article_at_caps(id: &str, category: &str) -> Value {
    let paragraphs = caps::MAX_BLOCKS / 2;
    let per_paragraph = caps::MAX_SPANS / paragraphs;
    let note_paragraph = caps::ARTICLE_TEXT / 4 / caps::MAX_EDITOR_NOTE_PARAGRAPHS;
    let headings = caps::MAX_BLOCKS - paragraphs;
    let span_chars =
        (caps::ARTICLE_TEXT - note_paragraph * caps::MAX_EDITOR_NOTE_PARAGRAPHS - headings * 5)
            / caps::MAX_SPANS;
    let text = |i: usize| -> String {
        format!("{i:0>4}{}", "陇县新闻网报道内容文字".repeat(4))
            .chars()
            .take(span_chars)
            .collect()
    };
    let mut body = Vec::new();
    for i in 0..paragraphs {
        let spans: Vec<Value> = (0..per_paragraph)
            .map(|s| match s % 2 {
                0 => json!({ "text": text(i), "bold": true }),
                _ => json!({ "text": text(i), "link": format!("https://example.com/{i}/{s}") }),
            })
            .collect();
        body.push(json!({ "type": "paragraph", "spans": spans }));
        body.push(json!({ "type": "heading", "level": 3, "text": "小标题五字" }));
    }
    let note: String = "编者按"
        .repeat(note_paragraph)
        .chars()
        .take(note_paragraph)
        .collect();
    json!({ "format_version": 1, "id": id, "title": "上限文章", "category": category,
            "source": "网站编辑", "published": "2023-03-26T09:45:00+08:00", "summary": "摘要",
            "editor_note": vec![note; caps::MAX_EDITOR_NOTE_PARAGRAPHS],
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
    // The capped article, linked from the home list, without comments; the same with the most
    // static comments an article may have.
    let mut home = site.feed_json("lists/home/1.json")?;
    home["items"][0] = summary("cap-bare", "b1");
    home["items"][1] = summary("cap-article", "b1");
    site.write_feed_json("lists/home/1.json", &home)?;
    let mut bare = article_at_caps("cap-bare", "b1");
    bare["comment_count"] = json!(0);
    site.write_feed_json("articles/cap-bare.json", &bare)?;
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

/// Waits until `selector` matches exactly `n` elements.
fn until_count(b: &mut Browser, selector: &str, n: usize) -> Result<()> {
    b.wait_until(&format!("{n} × {selector}"), WAIT, |b| {
        Ok(b.count(selector)? == n)
    })
}

/// How often each scenario runs: the dev box is shared, so the fastest run is the app's cost.
const RUNS: usize = 3;

/// A step of a scenario, driving the browser.
type Step = Box<dyn Fn(&mut Browser) -> Result<()>>;

/// One scenario: `prepare` (not measured), then `act`, then a pause for the last tasks.
struct Scenario {
    name: String,
    prepare: Step,
    act: Step,
}

fn scenario(
    name: impl Into<String>,
    prepare: impl Fn(&mut Browser) -> Result<()> + 'static,
    act: impl Fn(&mut Browser) -> Result<()> + 'static,
) -> Scenario {
    Scenario {
        name: name.into(),
        prepare: Box::new(prepare),
        act: Box::new(act),
    }
}

/// The longest task of each of [`RUNS`] runs.
fn run(b: &mut Browser, s: &Scenario) -> Result<Vec<f64>> {
    let mut longest = Vec::new();
    for _ in 0..RUNS {
        (s.prepare)(b)?;
        b.wait_quiet()?;
        take_long_tasks(b)?;
        (s.act)(b)?;
        b.wait_quiet()?;
        longest.push(take_long_tasks(b)?.into_iter().fold(0.0, f64::max));
    }
    Ok(longest)
}

fn home(b: &mut Browser) -> Result<()> {
    b.goto("/")?;
    b.wait_for(".article-list__item", WAIT)?;
    Ok(())
}

fn nothing(_: &mut Browser) -> Result<()> {
    Ok(())
}

#[test]
#[ignore = "needs a release dist: scripts/harden-longtasks.sh"]
fn no_accepted_feed_makes_a_task_longer_than_200_ms() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let article = build(&site)?;
    let waline_site = ScratchSite::new(&dist())?;
    waline_page_at_caps(&waline_site)?;
    let comments = caps::MAX_COMMENTS;
    let scenarios = [
        scenario("home, full load (50 categories)", nothing, home),
        scenario(
            "article at the caps, no comments, in-app from home",
            home,
            |b| {
                b.click("a.article-list__link[href='/a/cap-bare']")?;
                until_count(b, ".article__body > p", caps::MAX_BLOCKS / 2)?;
                b.wait_for(".comments", WAIT).map(drop)
            },
        ),
        scenario(
            format!("article at the caps + {comments} static comments, in-app"),
            home,
            move |b| {
                b.click("a.article-list__link[href='/a/cap-article']")?;
                until_count(b, ".comments__list > .comment", comments)
            },
        ),
        scenario(
            format!("article at the caps + {comments} static comments, full load"),
            nothing,
            move |b| {
                b.goto(&format!("/a/{article}"))?;
                until_count(b, ".comments__list > .comment", comments)
            },
        ),
        scenario("category ?page=49 (490 items), full load", nothing, |b| {
            b.goto("/c/b0?page=49")?;
            until_count(b, ".article-list__item", 490)
        }),
        scenario(
            "加载更多 from 490 to 500 items, in-app",
            |b| {
                b.goto("/c/b0?page=49")?;
                until_count(b, ".article-list__item", 490)
            },
            |b| {
                b.click("button.load-more")?;
                until_count(b, ".article-list__item", 500)
            },
        ),
    ];
    let mut b = site.browser(BrowserOptions::phone())?;
    b.add_init_script(OBSERVER)?;
    let mut rows = Vec::new();
    for s in &scenarios {
        rows.push((s.name.clone(), run(&mut b, s)?));
    }
    let mut b = waline_site.browser(BrowserOptions::phone())?;
    b.add_init_script(OBSERVER)?;
    let waline = scenario(
        format!("a Waline page of {comments} comments (10 threads), full load"),
        nothing,
        move |b| {
            b.goto(&format!("/a/{SEED}"))?;
            until_count(b, ".comments__list .comment", comments)
        },
    );
    rows.push((waline.name.clone(), run(&mut b, &waline)?));

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "render-budget: longest task, best of {RUNS} runs (budget {BUDGET_MS} ms, CPU x1; load {})",
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    println!(
        "render-budget: caps: {} comments, {} characters of comment text, {} spans, {} characters of body text, {} list items shown",
        caps::MAX_COMMENTS, caps::COMMENTS_TEXT, caps::MAX_SPANS, caps::ARTICLE_TEXT, caps::MAX_SHOWN_ITEMS
    );
    let mut over = Vec::new();
    for (name, runs) in &rows {
        let best = runs.iter().copied().fold(f64::MAX, f64::min);
        println!("render-budget: {name:<64} {best:>5.0} ms   (runs {runs:?})");
        if best > BUDGET_MS {
            over.push(format!("{name}: {best} ms"));
        }
    }
    if !over.is_empty() {
        bail!("tasks over {BUDGET_MS} ms:\n{}", over.join("\n"));
    }
    Ok(())
}

/// A Waline server's page at the caps, as one response: 10 threads, each a chain of replies.
fn waline_page_at_caps(site: &ScratchSite) -> Result<()> {
    let mut s = site.feed_json("site.json")?;
    s["comments"] = json!({ "mode": "waline", "server": site.server.origin() });
    site.write_feed_json("site.json", &s)?;
    let per_thread = caps::MAX_COMMENTS / 10;
    let roots: Vec<Value> = (0..10)
        .map(|r| {
            let children: Vec<Value> = (1..per_thread)
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
    Ok(())
}
