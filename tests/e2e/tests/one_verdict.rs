//! The app's verdict on the files `newsfront-feed validate` judges (the validator's own tests
//! are in crates/newsfront-feed/tests/validate_hostile.rs): byte order marks and CRLF are read,
//! one bad list item is skipped, an older format reads differently from a newer one, long
//! problem lists are capped and name full paths, years are bounded, encoded image paths are
//! refused, and a site.json with bad parts stays up. Each case ends in the content, a skip
//! note, or a message; the nav still leads home and no panic screen shows.

use anyhow::{ensure, Result};
use newsfront_e2e::feed_cases::{
    article, article_text, check_cases, check_page_alive, none_failed, summary, Case, Outcome,
};
use newsfront_e2e::selectors::{ERROR_MESSAGE, LIST_ITEM};
use newsfront_e2e::{detected, dist, BrowserOptions, ScratchSite, DEFAULT_WAIT};
use serde_json::json;

fn add_categories(site: &ScratchSite, slugs: &[(&str, &str)]) -> Result<()> {
    let mut site_json = site.feed_json("site.json")?;
    for (slug, name) in slugs {
        site_json["categories"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "slug": slug, "name": name }));
    }
    site.write_feed_json("site.json", &site_json)
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

    // Read as the validator reads them.
    let p = article_text(site, "v-bom", "\u{feff}", |a| {
        a["title"] = json!("带字节序标记")
    })?;
    add(
        "UTF-8 byte order mark",
        p,
        Outcome::Shows("h1.article__title", "带字节序标记"),
    );
    let p = article(site, "v-crlf", |a| {
        a["title"] = json!("换行符CRLF");
        a["summary"] = json!("第一行\r\n第二行");
        a["body"][0]["spans"][0]["text"] = json!("第一段\r\n同一段第二行");
    })?;
    add(
        "CRLF in a summary and a span",
        p,
        Outcome::Shows(".article__body p", "第一段\n同一段第二行"),
    );

    // One bad item is skipped, however it is bad.
    add_categories(site, &[("v-items", "坏条目")])?;
    let deep = format!("{}1{}", "[".repeat(2_000), "]".repeat(2_000));
    let items = [
        summary("v-good-1", "v-items").to_string(),
        summary("v-escape", "v-items")
            .to_string()
            .replace("\"条目 v-escape\"", "\"\\ud800\""),
        summary("v-deep", "v-items")
            .to_string()
            .replace("\"摘要\"", &deep),
        summary("v-good-2", "v-items").to_string(),
    ];
    site.write_feed(
        "lists/c/v-items/1.json",
        format!(
            r#"{{"format_version":1,"page":1,"total_pages":1,"total_items":4,"items":[{}]}}"#,
            items.join(",")
        ),
    )?;
    add(
        "list items with a lone surrogate and 2 000-deep nesting",
        "/c/v-items".into(),
        Outcome::Skips { shown: 2 },
    );

    // Messages.
    let p = article(site, "v-format-0", |a| a["format_version"] = json!(0))?;
    add(
        "format_version 0",
        p,
        Outcome::Message(&["内容格式版本过旧"]),
    );
    let p = article(site, "v-many", |a| {
        a["body"] = json!((0..2_000)
            .map(|_| json!({ "type": "paragraph", "spans": (0..50)
                .map(|_| json!({ "text": "x", "link": "javascript:1" }))
                .collect::<Vec<_>>() }))
            .collect::<Vec<_>>());
    })?;
    add(
        "100 000 problems",
        p,
        Outcome::Message(&["body[0].spans[0].link", "… and 99997 more"]),
    );
    let p = article(site, "v-deep-type", |a| {
        a["body"] = json!([
            { "type": "heading", "level": 2, "text": "h" },
            { "type": "quote", "spans": [ { "text": "q" } ] },
            { "type": "paragraph", "spans": [ { "text": "0" }, { "text": "1" }, { "text": "2" },
              { "text": "3" }, { "text": "4" }, { "text": 5 } ] }
        ]);
    })?;
    add(
        "a wrong type deep in a block",
        p,
        Outcome::Message(&["body[2].spans[5].text"]),
    );
    let p = article(site, "v-year-0", |a| {
        a["published"] = json!("0000-01-01T00:00:00+23:59")
    })?;
    add(
        "year 0000",
        p,
        Outcome::Message(&["published", "1970–2200"]),
    );
    let p = article(site, "v-year-9999", |a| {
        a["published"] = json!("9999-12-31T23:59:00-23:59")
    })?;
    add(
        "year 9999",
        p,
        Outcome::Message(&["published", "1970–2200"]),
    );

    // Encoded paths out of feed/ are refused, in an article and in a list.
    for (id, src) in [
        ("v-img-1", "images/%2e%2e/%2e%2e/x.png"),
        ("v-img-2", "images/.%2E/%2E./x.png"),
    ] {
        let p = article(
            site,
            id,
            |a| {
                a["cover"] =
                    json!({ "src": src, "width": 10, "height": 10, "alt": "", "caption": null })
            },
        )?;
        add(
            "percent-encoded .. in a cover",
            p,
            Outcome::Message(&["cover.src"]),
        );
    }
    add_categories(site, &[("v-img", "编码图片")])?;
    let mut bad_cover = summary("v-img-item", "v-img");
    bad_cover["cover"] = json!({ "src": "images/%2e%2e/%2e%2e/x.png", "width": 10, "height": 10 });
    site.write_feed_json(
        "lists/c/v-img/1.json",
        &json!({ "format_version": 1, "page": 1, "total_pages": 1, "total_items": 2,
                 "items": [bad_cover, summary("v-img-ok", "v-img")] }),
    )?;
    add(
        "percent-encoded .. in a list cover",
        "/c/v-img".into(),
        Outcome::Skips { shown: 1 },
    );
    Ok(cases)
}

#[test]
fn the_app_reads_acts_on_and_reports_each_file_as_the_validator_does() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let cases = build_cases(&site)?;
    let mut b = site.browser(BrowserOptions::phone())?;
    let failures = check_cases(&mut b, &cases, "verdict");
    b.goto("/a/v-many")?;
    b.wait_for(ERROR_MESSAGE, DEFAULT_WAIT)?;
    b.screenshot("verdict-many-problems")?;
    // Nothing outside feed/ was requested for an image, encoded or not.
    let escapes: Vec<String> = site
        .server
        .requests()
        .into_iter()
        .map(|r| r.raw_path)
        .filter(|p| p.ends_with("x.png") && !p.starts_with("/feed/images/"))
        .collect();
    ensure!(escapes.is_empty(), "requests outside feed/: {escapes:?}");
    ensure!(detected(&b)?.is_clean(), "{:?}", detected(&b)?);
    none_failed(&failures, cases.len())
}

#[test]
fn a_site_file_with_bad_parts_stays_up() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut s = site.feed_json("site.json")?;
    let good = s["categories"].as_array().unwrap().len();
    s["description"] = json!("有\u{0}空字符的简介");
    let mut categories = s["categories"].as_array().unwrap().clone();
    categories.insert(1, json!({ "slug": "Bad Slug", "name": "坏栏目" }));
    categories.insert(2, json!({ "slug": 7, "name": ["类型错"] }));
    categories.push(categories[0].clone()); // repeated
    for i in 0..60 {
        categories.push(json!({ "slug": format!("x{i}"), "name": format!("栏目{i}") }));
    }
    s["categories"] = json!(categories);
    s["share"] = json!({ "wechat": { "sign_url": "https://s.example.cn/sign",
                                     "sdk_url": "https://evil.example/jweixin.js" } });
    // Windows exports start with a byte order mark.
    site.write_feed("site.json", format!("\u{feff}{s}"))?;
    let mut b = site.browser(BrowserOptions::phone())?;
    b.goto("/")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    check_page_alive(&mut b)?;
    // Home + the first 50 good categories: the sample's, then x0….
    let nav = b.texts_of("nav.cat-nav a")?;
    ensure!(nav.len() == 1 + 50, "{} nav links: {nav:?}", nav.len());
    ensure!(!nav.iter().any(|t| t.contains("坏") || t.contains("类型错")));
    ensure!(nav[good + 1] == "栏目0", "{nav:?}");
    ensure!(nav.last().map(String::as_str) == Some(format!("栏目{}", 49 - good).as_str()));
    // A category that made it works; one that did not is a not-found page, not a crash.
    b.click("nav.cat-nav a[href='/c/x0']")?;
    b.wait_until("the x0 list", DEFAULT_WAIT, |b| {
        Ok(b.query_text("h1.list-heading")?.as_deref() == Some("栏目0"))
    })?;
    b.goto("/c/x59")?;
    b.wait_for(".not-found", DEFAULT_WAIT)?;
    check_page_alive(&mut b)?;
    b.screenshot("verdict-site-with-bad-parts")?;
    Ok(())
}
