//! Long unbreakable runs in every kind of feed text never widen the page, at 375 px and 1280 px:
//! titles of characters carrying the most combining marks the contract allows, 100-character
//! names without a space, 20 000-character words, long URLs as link text, a comment of 5 000
//! characters. A title with a stack of 150 marks on one character is refused with a message.

use anyhow::{bail, ensure, Result};
use newsfront_e2e::SEED;
use newsfront_e2e::{dist, Browser, BrowserOptions, ScratchSite, DEFAULT_WAIT};
use serde_json::{json, Value};

const ARTICLE: &str = "w-wide";

/// `n` characters of "a" each carrying `marks` combining marks (different ones, as Zalgo text
/// mixes them).
fn stacked(n: usize, marks: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push('a');
        for m in 0..marks {
            s.push(char::from_u32(0x0300 + ((i + m * 7) % 0x70) as u32).unwrap());
        }
    }
    s
}

fn widen(site: &ScratchSite) -> Result<()> {
    let run = |n: usize| format!("{}{}", "Ｗ".repeat(n / 2), "w".repeat(n - n / 2));
    let mut s = site.feed_json("site.json")?;
    s["name"] = json!(run(100));
    s["categories"][0]["name"] = json!(run(50));
    site.write_feed_json("site.json", &s)?;
    let slug = s["categories"][0]["slug"].as_str().unwrap().to_string();

    let mut a: Value = newsfront_e2e::feed_json(&dist(), &format!("articles/{SEED}.json"))?;
    a["id"] = json!(ARTICLE);
    a["category"] = json!(slug);
    a["title"] = json!(stacked(40, 4));
    a["subtitle"] = json!(run(200));
    a["source"] = json!(run(100));
    a["author"] = json!(run(100));
    a["tags"] = json!([run(50), stacked(10, 4)]);
    a["related"] = json!([{ "id": SEED, "title": run(200) }]);
    a["prev"] = json!({ "id": SEED, "title": stacked(40, 4) });
    let url = format!("https://example.com/{}", "x".repeat(1900));
    a["body"] = json!([
        { "type": "paragraph", "spans": [ { "text": "x".repeat(20_000) } ] },
        { "type": "paragraph", "spans": [ { "text": url.clone(), "link": url } ] },
        { "type": "heading", "level": 2, "text": run(200) },
        { "type": "list", "ordered": false, "items": [ [ { "text": stacked(2_000, 4) } ] ] },
        { "type": "quote", "spans": [ { "text": "链".repeat(10_000) } ] }
    ]);
    a["comment_count"] = json!(1);
    site.write_feed_json(&format!("articles/{ARTICLE}.json"), &a)?;
    site.write_feed_json(
        &format!("comments/{ARTICLE}.json"),
        &json!({ "format_version": 1, "article": ARTICLE, "total": 1, "comments": [
            { "id": "c1", "author": run(100), "time": "2023-03-08T20:12:00+08:00",
              "text": format!("{}https://example.com/{}", "y".repeat(2_000), "z".repeat(2_900)),
              "replies": [] } ] }),
    )?;
    let mut list = site.feed_json(&format!("lists/c/{slug}/1.json"))?;
    list["items"][0]["title"] = json!(stacked(40, 4));
    list["items"][0]["source"] = json!(run(100));
    list["items"][1]["title"] = json!(run(200));
    site.write_feed_json(&format!("lists/c/{slug}/1.json"), &list)?;

    let mut zalgo = a.clone();
    zalgo["id"] = json!("w-zalgo");
    zalgo["title"] = json!(format!("标{}题", "\u{0489}".repeat(150)));
    site.write_feed_json("articles/w-zalgo.json", &zalgo)
}

/// How far the page scrolls sideways: 0 when nothing is wider than the viewport.
fn sideways(b: &Browser) -> Result<f64> {
    let v = b.eval_js(
        "window.scrollTo(100000, window.scrollY); const x = window.scrollX;\
         window.scrollTo(0, window.scrollY);\
         return Math.max(x, document.documentElement.scrollWidth - innerWidth,\
                         document.body.scrollWidth - innerWidth);",
    )?;
    Ok(v.as_f64().unwrap_or(f64::MAX))
}

fn check(options: BrowserOptions, site: &ScratchSite, slug: &str) -> Result<Vec<String>> {
    let mut b = site.browser(options)?;
    let mut wide = Vec::new();
    for (path, ready) in [
        (format!("/a/{ARTICLE}"), ".comments__list .comment"),
        (format!("/c/{slug}"), ".article-list__item"),
        ("/".to_string(), ".article-list__item"),
    ] {
        b.goto(&path)?;
        b.wait_for(ready, DEFAULT_WAIT * 2)?;
        let x = sideways(&b)?;
        if x > 0.0 {
            wide.push(format!("{path}: scrolls {x} px sideways"));
        }
        ensure!(!b.exists(".panic-screen")?);
    }
    b.goto(&format!("/a/{ARTICLE}"))?;
    b.wait_for(".comments__list .comment", DEFAULT_WAIT * 2)?;
    b.screenshot("width-article-top")?;
    b.eval_js("document.querySelector('.article__body ul').scrollIntoView();")?;
    b.screenshot("width-article-marks")?;
    b.goto("/a/w-zalgo")?;
    b.wait_for(".error-panel__message", DEFAULT_WAIT)?;
    let message = b.text_of(".error-panel__message")?;
    ensure!(
        message.contains("title: stacks 150 combining marks on one character"),
        "{message}"
    );
    Ok(wide)
}

#[test]
fn long_runs_and_stacked_marks_never_widen_the_page() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    widen(&site)?;
    let slug = site.feed_json("site.json")?["categories"][0]["slug"]
        .as_str()
        .unwrap()
        .to_string();
    let mut wide = check(BrowserOptions::phone(), &site, &slug)?;
    wide.extend(check(BrowserOptions::desktop(), &site, &slug)?);
    if !wide.is_empty() {
        bail!("pages wider than the viewport:\n{}", wide.join("\n"));
    }
    Ok(())
}
