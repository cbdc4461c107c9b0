//! Markup injection (docs/hardening.md): payloads in every text field of the feed, in link targets and
//! image URLs, and in comments from both sources, under the dist's strict CSP. A detector
//! installed before any page script records any call of `window.__pwn` (which every payload
//! makes if it ever runs) and every `securitypolicyviolation`; none may happen, feed markup
//! never becomes an element, links with other schemes than http(s) never become links, and
//! external links carry rel="noopener noreferrer".

use anyhow::{bail, ensure, Result};
use newsfront_e2e::feed_cases::list;
use newsfront_e2e::SEED;
use newsfront_e2e::{
    detected, dist, scratch::dangerous_dom, Browser, BrowserOptions, ScratchSite, DEFAULT_WAIT,
};
use serde_json::{json, Value};

/// Text payloads; each fits the shortest text limit (tags and category names: 50 characters).
const PAYLOADS: [(&str, &str); 8] = [
    ("script tag", "<script>__pwn('script')</script>"),
    ("event handler", "<img src=x onerror=__pwn('img')>"),
    (
        "SVG with script",
        "<svg onload=__pwn(1)><script>__pwn(2)</script>",
    ),
    ("javascript: URL", "javascript:__pwn('js')"),
    ("data: URL", "data:text/html,<script>__pwn(3)</script>"),
    (
        "CSS expression",
        "<p style=\"x:expression(__pwn('css'))\">c</p>",
    ),
    ("RTL override", "\u{202E}gpj.exe\u{202C} 附件"),
    ("zero-width", "零\u{200B}宽\u{200D}字\u{FEFF}符"),
];

/// Text fields a payload goes into (the count in the closing note).
const TEXT_FIELDS: [&str; 20] = [
    "site name",
    "category name",
    "list title",
    "list summary (in the data; lists do not show it)",
    "list source",
    "article title",
    "subtitle",
    "article summary (meta description)",
    "source",
    "author",
    "editor note",
    "paragraph span",
    "heading",
    "quote span",
    "list-item span",
    "image caption",
    "image alt",
    "contributor",
    "tag",
    "related / prev / next title",
];

/// Link targets and image URLs that must be refused.
const HOSTILE_URLS: [&str; 8] = [
    "javascript:__pwn('js')",
    "JaVaScRiPt:__pwn(1)",
    " javascript:__pwn(1)",
    "data:text/html,<script>__pwn(3)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x.png",
    "https://example.com/\"onmouseover=\"__pwn(1)",
    "java\tscript:__pwn(1)",
];

fn seed() -> Result<Value> {
    newsfront_e2e::feed_json(&dist(), &format!("articles/{SEED}.json"))
}

fn spans(text: &str) -> Value {
    json!([{ "text": text }, { "text": " 外链", "link": "https://example.com/ok?a=1" }])
}

/// An article with `payload` in every text field.
fn article(id: &str, payload: &str) -> Result<Value> {
    let mut a = seed()?;
    let p = |field: &str| format!("{field}{payload}");
    a["id"] = json!(id);
    a["title"] = json!(p("标题"));
    a["subtitle"] = json!(p("副题"));
    a["summary"] = json!(p("摘要"));
    a["source"] = json!(p("来源"));
    a["author"] = json!(p("作者"));
    a["editor_note"] = json!([p("编者")]);
    a["contributor"] = json!(p("供稿"));
    a["tags"] = json!([payload]);
    a["related"] = json!([{ "id": SEED, "title": p("相关") }]);
    a["prev"] = json!({ "id": SEED, "title": p("上篇") });
    a["next"] = json!({ "id": SEED, "title": p("下篇") });
    a["body"] = json!([
        { "type": "paragraph", "spans": spans(&p("段落")) },
        { "type": "heading", "level": 2, "text": p("小标题") },
        { "type": "quote", "spans": spans(&p("引文")) },
        { "type": "list", "ordered": false, "items": [spans(&p("列表"))] },
        { "type": "image", "image": { "src": "images/logo.png#javascript:__pwn(9)", "width": 120, "height": 40,
            "alt": p("替代"), "caption": p("图注") } },
    ]);
    Ok(a)
}

fn comments(id: &str, payload: &str) -> Value {
    json!({ "format_version": 1, "article": id, "total": 2, "comments": [{
        "id": "x1", "author": format!("网友{payload}"), "time": "2023-03-08T20:12:00+08:00",
        "text": format!("评论{payload} https://example.com/c"),
        "replies": [{ "id": "x2", "author": payload, "time": "2023-03-08T20:13:00+08:00",
            "text": format!("回复{payload}"), "replies": [] }]
    }]})
}

fn summary(id: &str, payload: &str, cover: Option<&str>) -> Value {
    json!({ "id": id, "title": format!("标题{payload}"), "summary": format!("摘要{payload}"),
        "cover": cover.map(|src| json!({ "src": src, "width": 10, "height": 10 })),
        "source": format!("来源{payload}"), "published": "2023-03-26T09:45:00+08:00",
        "category": "inj", "comment_count": 0 })
}

/// Nothing ran, nothing was blocked, no dangerous element or attribute, external links safe.
fn check_inert(b: &Browser, what: &str) -> Result<()> {
    b.wait_quiet()?;
    let seen = detected(b)?;
    ensure!(seen.is_clean(), "{what}: {seen:?}");
    let dom = dangerous_dom(b)?;
    ensure!(dom.is_empty(), "{what}: dangerous DOM {dom:?}");
    let unsafe_links = b.eval_js(
        "return [...document.querySelectorAll('a[href]')]\
           .filter(a => /^https?:/i.test(a.getAttribute('href')) && new URL(a.href).origin !== location.origin)\
           .filter(a => !/\\bnoopener\\b/.test(a.rel) || !/\\bnoreferrer\\b/.test(a.rel))\
           .map(a => a.outerHTML.slice(0, 80));",
    )?;
    ensure!(
        unsafe_links.as_array().is_some_and(Vec::is_empty),
        "{what}: external links without noopener noreferrer: {unsafe_links}"
    );
    Ok(())
}

fn text_contains(b: &Browser, selector: &str, needle: &str) -> Result<()> {
    let text = b.eval_js_with(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent).join('|');",
        vec![json!(selector)],
    )?;
    let text = text.as_str().unwrap_or_default();
    ensure!(
        text.contains(needle),
        "`{selector}` shows {text:?}, not {needle:?}"
    );
    Ok(())
}

fn check_text_payload(site: &ScratchSite, b: &mut Browser, i: usize, payload: &str) -> Result<()> {
    let mut site_json = newsfront_e2e::feed_json(&dist(), "site.json")?;
    site_json["name"] = json!(format!("新闻{payload}"));
    site_json["categories"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "slug": "inj", "name": payload }));
    site.write_feed_json("site.json", &site_json)?;
    let id = format!("inj-{i}");
    site.write_feed_json(&format!("articles/{id}.json"), &article(&id, payload)?)?;
    site.write_feed_json(&format!("comments/{id}.json"), &comments(&id, payload))?;
    site.write_feed_json(
        "lists/c/inj/1.json",
        &list(vec![summary(&id, payload, None)]),
    )?;

    b.goto("/c/inj")?;
    b.wait_for(".article-list__item", DEFAULT_WAIT)?;
    text_contains(b, ".site-header__name", payload)?;
    text_contains(b, "nav.cat-nav a", payload)?;
    text_contains(b, ".list-heading", payload)?;
    text_contains(b, ".article-list__item", &format!("标题{payload}"))?;
    text_contains(b, ".article-list__item", &format!("来源{payload}"))?;
    check_inert(b, "list page")?;

    b.click(&format!(".article-list a[href='/a/{id}']"))?;
    b.wait_for(".comments__list .comment", DEFAULT_WAIT)?;
    for (selector, field) in [
        ("h1.article__title", "标题"),
        (".article__subtitle", "副题"),
        (".article__source", "来源"),
        (".article__author", "作者"),
        (".article__note", "编者"),
        (".article__body p", "段落"),
        (".article__body h2", "小标题"),
        (".article__body blockquote", "引文"),
        (".article__body li", "列表"),
        (".figure__caption", "图注"),
        (".article__contributor", "供稿"),
        (".related__link", "相关"),
        (".prev-next", "上篇"),
        (".prev-next", "下篇"),
        (".comment__author", "网友"),
        (".comment__text", "评论"),
        (".comment__text", "回复"),
    ] {
        text_contains(b, selector, &format!("{field}{payload}"))?;
    }
    text_contains(b, ".article__tags", payload)?;
    let alt = b.attr(".figure__img", "alt")?.unwrap_or_default();
    ensure!(alt == format!("替代{payload}"), "alt is {alt:?}");
    let description =
        b.eval_js("return document.querySelector('meta[name=description]').content;")?;
    ensure!(
        description.as_str().is_some_and(|d| d.contains(payload)),
        "meta description {description}"
    );
    ensure!(
        b.attr(".article__body p a", "rel")?.as_deref() == Some("noopener noreferrer"),
        "external body link rel"
    );
    check_inert(b, "article page")?;
    Ok(())
}

#[test]
fn payloads_in_every_text_field_stay_text() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut b = site.browser(BrowserOptions::phone())?;
    let mut failures = Vec::new();
    for (i, (name, payload)) in PAYLOADS.iter().enumerate() {
        assert!(payload.chars().count() <= 50, "{name} is too long");
        match check_text_payload(&site, &mut b, i, payload) {
            Ok(()) => println!(
                "ok   {name:<18} × {} text fields + 3 comment fields: shown as text, inert",
                TEXT_FIELDS.len()
            ),
            Err(e) => {
                let _ = b.screenshot(&format!("injection-{i}"));
                println!("FAIL {name:<18} {e:#}");
                failures.push(format!("{name}: {e:#}"));
            }
        }
    }
    b.goto("/a/inj-0")?;
    b.wait_for(".comments__list .comment", DEFAULT_WAIT)?;
    b.screenshot("injection-article")?;
    if !failures.is_empty() {
        bail!(
            "{} of {} payloads failed:\n{}",
            failures.len(),
            PAYLOADS.len(),
            failures.join("\n")
        );
    }
    Ok(())
}

#[test]
fn hostile_link_targets_and_image_urls_are_refused() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut b = site.browser(BrowserOptions::phone())?;
    let mut failures = Vec::new();
    let mut site_json = site.feed_json("site.json")?;
    site_json["categories"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "slug": "inj", "name": "注入" }));
    site.write_feed_json("site.json", &site_json)?;
    // Image URLs as list covers: each bad item skipped, the good one shown.
    let mut items: Vec<Value> = HOSTILE_URLS
        .iter()
        .enumerate()
        .map(|(i, url)| summary(&format!("cover-{i}"), "", Some(url)))
        .collect();
    items.push(summary("cover-ok", "", Some("images/logo.png")));
    site.write_feed_json("lists/c/inj/1.json", &list(items))?;
    b.goto("/c/inj")?;
    b.wait_for(".list-note", DEFAULT_WAIT)?;
    let shown = b.count(".article-list__item")?;
    ensure!(shown == 1, "only the good cover shown: {shown}");
    check_inert(&b, "hostile covers")?;
    println!(
        "ok   {} hostile cover URLs: items skipped, 1 good item shown",
        HOSTILE_URLS.len()
    );

    // Link targets and body image URLs: the article is refused with a message naming the field.
    for (i, url) in HOSTILE_URLS.iter().enumerate() {
        for (field, path) in [("link", "spans[0].link"), ("image", "image.src")] {
            let id = format!("bad-{field}-{i}");
            let mut a = article(&id, "")?;
            if field == "link" {
                a["body"][0]["spans"][0]["link"] = json!(url);
            } else {
                a["body"][4]["image"]["src"] = json!(url);
            }
            site.write_feed_json(&format!("articles/{id}.json"), &a)?;
            let outcome = (|| -> Result<()> {
                b.goto(&format!("/a/{id}"))?;
                b.wait_for(".error-panel__message", DEFAULT_WAIT)?;
                let message = b.text_of(".error-panel__message")?;
                ensure!(message.contains(path), "{message:?} names {path}");
                ensure!(b.count("nav.cat-nav a")? >= 2, "nav usable");
                check_inert(&b, "refused article")
            })();
            match outcome {
                Ok(()) => println!("ok   {field:<5} {url:?}: article refused, field named"),
                Err(e) => {
                    println!("FAIL {field:<5} {url:?}: {e:#}");
                    failures.push(format!("{field} {url:?}: {e:#}"));
                }
            }
        }
    }
    if !failures.is_empty() {
        bail!(
            "{} URL cases failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
    Ok(())
}

/// The comment server's answers carry the payloads in nick, rendered HTML and original text.
#[test]
fn payloads_from_the_comment_server_stay_text() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut site_json = site.feed_json("site.json")?;
    site_json["comments"] = json!({ "mode": "waline", "server": site.server.origin() });
    site.write_feed_json("site.json", &site_json)?;
    let entries: Vec<Value> = PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, (_, p))| {
            json!({ "objectId": format!("w{i}"), "nick": p, "time": 1_700_000_000_000u64 + i as u64,
                "comment": format!("<p>{p}<a href=\"javascript:__pwn(5)\">x</a></p>"),
                "orig": if i % 2 == 0 { Value::from(format!("原文{p}")) } else { Value::Null },
                "link": "javascript:__pwn(6)", "avatar": "javascript:__pwn(7)", "children": [] })
        })
        .collect();
    std::fs::create_dir_all(site.root().join("api"))?;
    std::fs::write(
        site.root().join("api/comment"),
        json!({ "errno": 0, "errmsg": "", "data": { "page": 1, "totalPages": 1, "pageSize": 10,
            "count": entries.len(), "data": entries } })
        .to_string(),
    )?;
    let mut b = site.browser(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    // Live comments start when the reader comes near them: tap 评论.
    b.click("[data-nf-comments]")?;
    b.wait_until("all comments", DEFAULT_WAIT, |b| {
        Ok(b.count(".comments__list .comment")? == PAYLOADS.len())
    })?;
    for (name, payload) in PAYLOADS {
        text_contains(&b, ".comment__author", payload)
            .map_err(|e| e.context(format!("{name} in nick")))?;
    }
    text_contains(&b, ".comment__text", &format!("原文{}", PAYLOADS[0].1))?;
    check_inert(&b, "comment server payloads")?;
    println!(
        "ok   {} payloads × 2 comment-server fields (nick, text): shown as text, inert",
        PAYLOADS.len()
    );
    Ok(())
}
