//! Which hosts a feed can send the reader's page to. The WeChat JS-SDK comes only from WeChat's
//! official hosts over https: a site file naming any other script is read with sharing off and
//! nothing is loaded. A link found in a comment ends where URL characters end (Chinese text
//! and full-width punctuation included), and its host is exactly the one the reader sees.

use anyhow::{ensure, Result};
use newsfront_e2e::selectors::ARTICLE_TITLE;
use newsfront_e2e::SEED;
use newsfront_e2e::{detected, dist, ua, BrowserOptions, ScratchSite, DEFAULT_WAIT};
use serde_json::json;

const OFFICIAL_SDK: &str = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";

fn with_wechat(site: &ScratchSite, sdk_url: &str) -> Result<()> {
    site.write_feed(
        "sign.json",
        r#"{"appId":"wx","timestamp":1,"nonceStr":"n","signature":"s"}"#,
    )?;
    let mut s = site.feed_json("site.json")?;
    s["share"] = json!({ "wechat": { "sign_url": site.server.url("/feed/sign.json"),
                                     "sdk_url": sdk_url } });
    site.write_feed_json("site.json", &s)
}

#[test]
fn only_the_official_wechat_sdk_is_ever_loaded() -> Result<()> {
    // A script on the feed's own host (same origin: the page's CSP would allow it) that
    // reports if it ever runs.
    let site = ScratchSite::new(&dist())?;
    std::fs::write(
        site.root().join("sdk.js"),
        "__pwn('the feed chose this script');",
    )?;
    with_wechat(&site, &site.server.url("/sdk.js"))?;
    let mut b = site.browser(BrowserOptions::phone().user_agent(ua::WECHAT_ANDROID))?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    b.wait_for("button.toolbar__share", DEFAULT_WAIT)?;
    b.wait_quiet()?;
    ensure!(
        b.count("script[src$='sdk.js']")? == 0,
        "an SDK script element"
    );
    ensure!(
        site.server.request_count("/sdk.js") == 0,
        "the script was fetched"
    );
    ensure!(
        site.server.request_count("/feed/sign.json") == 0,
        "signing was asked"
    );
    ensure!(detected(&b)?.is_clean(), "{:?}", detected(&b)?);
    ensure!(!b.exists(".panic-screen")?);

    // The official one is appended as a script (it cannot load here: no network).
    let site = ScratchSite::new(&dist())?;
    with_wechat(&site, OFFICIAL_SDK)?;
    let mut b = site.browser(BrowserOptions::phone().user_agent(ua::WECHAT_ANDROID))?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    b.wait_until("the official SDK's script element", DEFAULT_WAIT, |b| {
        Ok(b.count(&format!("script[src='{OFFICIAL_SDK}']"))? == 1)
    })?;
    ensure!(!b.exists(".panic-screen")?);
    Ok(())
}

#[test]
fn comment_links_end_where_url_characters_end() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let texts = [
        "详见https://example.com/a这篇",
        "https://example.com这里",
        "看（https://example.org/p?q=1）。",
        "https://example.com@evil.example/ 不是链接",
    ];
    let comments: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            json!({ "id": format!("l{i}"), "author": "读者",
            "time": "2023-03-08T20:12:00+08:00", "text": t, "replies": [] })
        })
        .collect();
    site.write_feed_json(
        &format!("comments/{SEED}.json"),
        &json!({ "format_version": 1, "article": SEED, "total": texts.len(), "comments": comments }),
    )?;
    let mut a = site.feed_json(&format!("articles/{SEED}.json"))?;
    a["comment_count"] = json!(texts.len());
    site.write_feed_json(&format!("articles/{SEED}.json"), &a)?;
    let mut b = site.browser(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_until("the comments", DEFAULT_WAIT * 2, |b| {
        Ok(b.count(".comments__list .comment")? == texts.len())
    })?;
    let links = b.eval_js(
        "return [...document.querySelectorAll('.comment__link')].map(a => {\
           const u = new URL(a.href);\
           return [a.getAttribute('href'), a.textContent, u.host]; });",
    )?;
    ensure!(
        links
            == json!([
                [
                    "https://example.com/a",
                    "https://example.com/a",
                    "example.com"
                ],
                ["https://example.com", "https://example.com", "example.com"],
                [
                    "https://example.org/p?q=1",
                    "https://example.org/p?q=1",
                    "example.org"
                ]
            ]),
        "{links}"
    );
    let first = b.text_of(".comments__list .comment:first-child .comment__text")?;
    ensure!(
        first == texts[0],
        "the text around the link is kept: {first:?}"
    );
    b.eval_js("document.querySelector('.comments__list').scrollIntoView();")?;
    b.screenshot("comment-links")?;
    Ok(())
}
