//! Timings for the hardening scale cases (docs/hardening.md), printed, never asserted (ignored by default; run with
//! `scripts/harden-timing.sh`): a category of 10 000 items (100 list pages of 100, opened at
//! `?page=100`: the app shows that page's group, 500 items), and a Waline thread 1 000 replies
//! deep (each reply answers the previous one).

use std::time::{Duration, Instant};

use anyhow::Result;
use newsfront_e2e::SEED;
use newsfront_e2e::{dist, BrowserOptions, ScratchSite};
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(300);

#[test]
#[ignore = "timing, not a check: scripts/harden-timing.sh"]
fn time_10000_item_list_and_depth_1000_thread() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut site_json = site.feed_json("site.json")?;
    site_json["categories"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "slug": "scale", "name": "万条" }));
    site_json["comments"] = json!({ "mode": "waline", "server": site.server.origin() });
    site.write_feed_json("site.json", &site_json)?;
    for page in 1..=100u32 {
        let items: Vec<Value> = (0..100)
            .map(|i| {
                let n = (page - 1) * 100 + i;
                json!({ "id": format!("s-{n}"), "title": format!("第 {n} 条新闻标题"), "summary": "摘要",
                    "source": "网站编辑", "published": "2023-03-26T09:45:00+08:00", "category": "scale" })
            })
            .collect();
        site.write_feed_json(
            &format!("lists/c/scale/{page}.json"),
            &json!({ "format_version": 1, "page": page, "total_pages": 100, "total_items": 10_000, "items": items }),
        )?;
    }
    let children: Vec<Value> = (1..1000)
        .map(|i| {
            json!({ "objectId": format!("r{i}"), "pid": format!("r{}", i - 1), "rid": "r0",
            "nick": "楼", "orig": format!("第 {i} 层"), "time": 1_700_000_000_000u64 + i })
        })
        .collect();
    std::fs::create_dir_all(site.root().join("api"))?;
    std::fs::write(
        site.root().join("api/comment"),
        json!({ "errno": 0, "errmsg": "", "data": { "page": 1, "totalPages": 1, "pageSize": 10, "count": 1000,
            "data": [{ "objectId": "r0", "nick": "楼主", "orig": "第 0 层", "time": 1_700_000_000_000u64, "children": children }] } })
        .to_string(),
    )?;

    let mut b = site.browser(BrowserOptions::phone())?;
    b.goto("/")?;
    b.wait_for(".article-list__item", WAIT)?;
    let started = Instant::now();
    b.goto("/c/scale?page=100")?;
    // One group: at most 500 items, `page_size` (10) of each of the last 50 pages.
    b.wait_until("the last group of 500 items", WAIT, |b| {
        Ok(b.count(".article-list__item")? == 500)
    })?;
    let list = started.elapsed();

    let started = Instant::now();
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_until("1 000 comments", WAIT, |b| {
        Ok(b.count(".comments__list .comment")? == 1000)
    })?;
    let thread = started.elapsed();
    println!(
        "harden-timing: 10 000-item list (100 pages, ?page=100, its group of 500 shown): {list:.2?} to render"
    );
    println!("harden-timing: Waline thread 1 000 replies deep: {thread:.2?} to render");
    Ok(())
}
