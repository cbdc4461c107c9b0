//! Lists as the contract promises them: each article shows once however pages repeat each
//! other, 加载更多 goes by the page file's place whatever its `page` field says, and a list of
//! 2 000 pages shows one group of at most 500 items at a time (`?page=N` fetches only N's
//! group), never one page per page number up to N.

use anyhow::{ensure, Result};
use newsfront_e2e::selectors::{LIST_ITEM, LOAD_MORE};
use newsfront_e2e::{dist, Browser, BrowserOptions, ScratchSite, DEFAULT_WAIT};
use serde_json::{json, Value};

fn summary(id: &str, category: &str) -> Value {
    json!({
        "id": id, "title": format!("条目 {id}"), "summary": "摘要", "cover": null,
        "source": "网站编辑", "published": "2023-03-26T09:45:00+08:00", "category": category,
        "comment_count": 0
    })
}

fn page(category: &str, page_field: u32, total_pages: u32, ids: &[String]) -> Value {
    json!({ "format_version": 1, "page": page_field, "total_pages": total_pages,
            "total_items": total_pages * 10,
            "items": ids.iter().map(|id| summary(id, category)).collect::<Vec<_>>() })
}

fn add_category(site: &ScratchSite, slug: &str, name: &str) -> Result<()> {
    let mut s = site.feed_json("site.json")?;
    s["categories"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "slug": slug, "name": name }));
    site.write_feed_json("site.json", &s)
}

fn ids(b: &Browser) -> Result<Vec<String>> {
    let v = b.eval_js(
        "return [...document.querySelectorAll('.article-list__title')].map(e => e.textContent);",
    )?;
    Ok(serde_json::from_value(v)?)
}

fn wait_items(b: &mut Browser, n: usize) -> Result<()> {
    b.wait_until(&format!("{n} list items"), DEFAULT_WAIT * 2, |b| {
        Ok(b.count(LIST_ITEM)? == n)
    })
}

#[test]
fn repeated_items_show_once_and_page_fields_do_not_stop_load_more() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    add_category(&site, "l-dup", "重复条目")?;
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // Page 2 repeats two items of page 1 (a list that moved on between two fetches) and one of
    // its own; pages 2 and 3 carry wrong `page` fields.
    site.write_feed_json(
        "lists/c/l-dup/1.json",
        &page("l-dup", 1, 3, &s(&["a", "b", "c"])),
    )?;
    site.write_feed_json(
        "lists/c/l-dup/2.json",
        &page("l-dup", 1, 3, &s(&["c", "a", "d", "d"])),
    )?;
    site.write_feed_json("lists/c/l-dup/3.json", &page("l-dup", 7, 3, &s(&["e"])))?;
    let mut b = site.browser(BrowserOptions::phone())?;
    b.goto("/c/l-dup")?;
    wait_items(&mut b, 3)?;
    b.click(LOAD_MORE)?;
    wait_items(&mut b, 4)?;
    ensure!(
        ids(&b)? == ["条目 a", "条目 b", "条目 c", "条目 d"],
        "{:?}",
        ids(&b)?
    );
    ensure!(
        b.current_path()? == "/c/l-dup?page=2",
        "{}",
        b.current_path()?
    );
    b.click(LOAD_MORE)?;
    wait_items(&mut b, 5)?;
    b.wait_for(".list-end", DEFAULT_WAIT)?;
    ensure!(!b.exists(LOAD_MORE)?, "加载更多 after the last page");
    b.screenshot("lists-duplicates-once")?;
    Ok(())
}

#[test]
fn a_two_thousand_page_list_shows_one_group_at_a_time() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    add_category(&site, "l-long", "两千页")?;
    let page_size = site.feed_json("site.json")?["page_size"].as_u64().unwrap() as u32;
    ensure!(
        page_size == 10,
        "the sample's page size is 10, groups are 50 pages"
    );
    let write = |n: u32, per_page: u32| {
        let ids: Vec<String> = (0..per_page).map(|i| format!("p{n}-{i}")).collect();
        site.write_feed_json(
            &format!("lists/c/l-long/{n}.json"),
            &page("l-long", n, 2000, &ids),
        )
    };
    for n in (1..=50).chain(1951..=2000) {
        write(n, page_size)?;
    }
    // More items than page_size: the app shows the first page_size.
    write(51, 100)?;
    let mut b = site.browser(BrowserOptions::phone())?;

    b.goto("/c/l-long?page=49")?;
    wait_items(&mut b, 490)?;
    b.click(LOAD_MORE)?;
    wait_items(&mut b, 500)?;
    // The end of a group: the next page starts the next group, at the top.
    b.click(LOAD_MORE)?;
    wait_items(&mut b, 10)?;
    ensure!(ids(&b)?[0] == "条目 p51-0", "{:?}", &ids(&b)?[..3]);
    ensure!(b.scroll_y()? < 100.0, "the new group starts at the top");
    ensure!(
        b.attr(".list-newer", "href")?.as_deref() == Some("/c/l-long?page=50"),
        "newer link: {:?}",
        b.attr(".list-newer", "href")?
    );
    b.screenshot("lists-next-group")?;
    b.click(".list-newer")?;
    wait_items(&mut b, 500)?;

    // The far end, and beyond it: the last group, 500 items, no 加载更多.
    for at in ["/c/l-long?page=2000", "/c/l-long?page=4000000000"] {
        site.server.reset_counts();
        b.goto(at)?;
        wait_items(&mut b, 500)?;
        b.wait_for(".list-end", DEFAULT_WAIT)?;
        ensure!(!b.exists(LOAD_MORE)?);
        ensure!(ids(&b)?[0] == "条目 p1951-0", "{:?}", &ids(&b)?[..3]);
        let fetched = site.server.request_count_prefix("/feed/lists/c/l-long/");
        ensure!(fetched <= 51, "{at}: {fetched} list pages fetched");
    }
    ensure!(!b.exists(".panic-screen")?);
    Ok(())
}
