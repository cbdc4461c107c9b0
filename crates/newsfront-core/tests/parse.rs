//! Reading whole feed files through the public API: version, every problem, skipped items,
//! deep comments.

use newsfront_core::{
    parse_article, parse_comments, parse_list_page, parse_site, FeedError, OfflineSettings,
};
use serde_json::json;

fn summary(id: &str) -> serde_json::Value {
    json!({ "id": id, "title": "标题", "summary": "", "cover": null, "source": "网站编辑",
            "published": "2023-03-08T19:37:00+08:00", "category": "lxzx", "comment_count": 3 })
}

#[test]
fn site_reads_and_normalises_base_url() {
    let site = parse_site(
        &json!({ "format_version": 1, "name": "陇县新闻网", "description": "d",
                 "base_url": "https://news.example.cn", "logo": "images/logo.png",
                 "timezone": "+08:00", "page_size": 10,
                 "categories": [{ "slug": "lxzx", "name": "陇县资讯" }],
                 "comments": { "mode": "waline", "server": "https://w.example.cn" },
                 "share": { "wechat": { "sign_url": "https://s.example.cn/sign",
                            "sdk_url": "https://res.wx.qq.com/open/js/jweixin-1.6.0.js" } },
                 "generated_at": "2026-11-28T10:00:00+08:00", "future_field": true })
        .to_string(),
    )
    .unwrap();
    assert_eq!(site.base_url, "https://news.example.cn/");
    assert_eq!(site.zone.offset_minutes(), 480);
    assert!(site.share.wechat.is_some());
}

fn site_with(offline: Option<serde_json::Value>) -> serde_json::Value {
    let mut site = json!({ "format_version": 1, "name": "陇县新闻网",
        "base_url": "https://news.example.cn/", "timezone": "+08:00", "page_size": 10,
        "categories": [], "comments": { "mode": "off" } });
    if let Some(o) = offline {
        site["offline"] = o;
    }
    site
}

#[test]
fn offline_settings_are_optional_and_each_part_has_a_default() {
    let none = parse_site(&site_with(None).to_string()).unwrap();
    assert_eq!(none.offline, OfflineSettings::DEFAULT);
    assert!(none.skipped.is_empty());
    let some = parse_site(&site_with(Some(json!({ "articles": 3 }))).to_string()).unwrap();
    assert_eq!(some.offline.articles, 3);
    assert_eq!(some.offline.max_bytes, OfflineSettings::DEFAULT.max_bytes);
    // Written back only when it differs from the defaults: an older reader sees no change.
    let json = serde_json::to_value(&none).unwrap();
    assert!(json.get("offline").is_none(), "{json}");
    assert_eq!(
        serde_json::to_value(&some).unwrap()["offline"],
        json!({ "articles": 3, "max_bytes": 10_000_000 })
    );
}

#[test]
fn bad_offline_settings_fall_back_to_the_defaults_with_a_note() {
    for (offline, says) in [
        (
            json!({ "articles": 501 }),
            "offline.articles: is 501; must be 0..=500",
        ),
        (
            json!({ "max_bytes": 5 }),
            "offline.max_bytes: is 5; must be 100000..=1000000000",
        ),
        (
            json!({ "articles": "many" }),
            "offline.articles: invalid type",
        ),
        (json!(7), "offline: invalid type"),
    ] {
        let site = parse_site(&site_with(Some(offline.clone())).to_string())
            .unwrap_or_else(|e| panic!("{offline}: the site is refused: {e}"));
        assert_eq!(site.offline, OfflineSettings::DEFAULT, "{offline}");
        let notes: Vec<String> = site.skipped.iter().map(ToString::to_string).collect();
        assert!(
            notes.len() == 1
                && notes[0].starts_with(says)
                && notes[0].ends_with("(skipped: the defaults are used)"),
            "{offline}: {notes:?}"
        );
    }
}

#[test]
fn versions() {
    let newer = parse_site(r#"{"format_version": 2, "whatever": 1}"#).unwrap_err();
    assert_eq!(
        newer,
        FeedError::UnsupportedVersion {
            found: 2,
            supported: 1
        }
    );
    assert_eq!(
        newer.to_string(),
        "this feed uses format 2; this app reads format 1 — update the app"
    );
    let missing = parse_site(r#"{"name": "x"}"#).unwrap_err();
    assert!(
        missing
            .to_string()
            .starts_with("format_version: is missing"),
        "{missing}"
    );
}

#[test]
fn syntax_errors_say_where() {
    let e = parse_list_page(r#"{"format_version": 1, "page": 1, "total_pages": 1, "#).unwrap_err();
    assert!(matches!(e, FeedError::Syntax { .. }), "{e:?}");
    assert!(e.to_string().contains("line 1"), "{e}");
    let e = parse_list_page(
        r#"{"format_version": 1, "page": "one", "total_pages": 1, "total_items": 0, "items": []}"#,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("page: invalid type"), "{e}");
}

#[test]
fn list_skips_bad_items_and_keeps_good_ones() {
    let mut bad_date = summary("b");
    bad_date["published"] = json!("2023-03-08 19:37");
    let mut bad_id = summary("../x");
    bad_id["title"] = json!(5);
    let page = parse_list_page(
        &json!({ "format_version": 1, "page": 1, "total_pages": 1, "total_items": 3,
                 "items": [summary("a"), bad_date, bad_id] })
        .to_string(),
    )
    .unwrap();
    assert_eq!(page.items.len(), 1);
    let skipped: Vec<String> = page.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(
        skipped[0],
        "items[1].published: \"2023-03-08 19:37\" has no UTC offset (add +08:00 or Z)"
    );
    assert!(
        skipped[1].starts_with("items[2].title: invalid type"),
        "{}",
        skipped[1]
    );
}

fn article() -> serde_json::Value {
    json!({ "format_version": 1, "id": "158efa5accffce1b", "title": "标题", "subtitle": null,
            "category": "bjzx", "source": "网站编辑", "author": "齐晓辉",
            "published": "2023-03-08T19:37:00+08:00", "updated": null, "summary": "摘要",
            "cover": { "src": "images/a.jpg", "width": 640, "height": 360, "alt": "", "caption": null },
            "editor_note": ["编者按"],
            "body": [ { "type": "paragraph", "spans": [ { "text": "正文" },
                        { "text": "链接", "bold": true, "link": "/a/x" } ] },
                      { "type": "heading", "level": 2, "text": "小标题" },
                      { "type": "quote", "spans": [ { "text": "引用" } ] },
                      { "type": "list", "ordered": true, "items": [ [ { "text": "一" } ] ] },
                      { "type": "image", "image": { "src": "https://i.example.cn/x.png",
                        "width": 1, "height": 1, "alt": "a", "caption": "c" } } ],
            "contributor": null, "tags": ["t"], "related": [ { "id": "x", "title": "X" } ],
            "prev": null, "next": { "id": "y", "title": "Y" }, "comment_count": 0 })
}

#[test]
fn article_reads() {
    let a = parse_article(&article().to_string()).unwrap();
    assert_eq!(a.body.len(), 5);
    assert_eq!(a.related[0].id.as_str(), "x");
}

#[test]
fn article_reports_every_problem() {
    let mut a = article();
    a["title"] = json!("长".repeat(201));
    a["published"] = json!("2023-03-08");
    a["body"][0]["spans"][1]["link"] = json!("javascript:alert(1)");
    a["body"][1]["level"] = json!(1);
    a["cover"]["src"] = json!("../secret.jpg");
    a["related"][0]["id"] = json!("158efa5accffce1b");
    let FeedError::Invalid(problems) = parse_article(&a.to_string()).unwrap_err() else {
        panic!("expected Invalid")
    };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "title",
            "published",
            "cover.src",
            "body[0].spans[1].link",
            "body[1].level",
            "related[0].id"
        ]
    );
}

fn reply_chain(depth: usize) -> String {
    let mut c = json!({ "id": format!("c{depth}"), "author": "a",
                        "time": "2023-03-08T20:00:00+08:00", "text": "t", "replies": [] });
    for d in (1..depth).rev() {
        c = json!({ "id": format!("c{d}"), "author": "a", "time": "2023-03-08T20:00:00+08:00",
                    "text": "t", "replies": [c] });
    }
    // Built by hand: serde_json's own writer has no depth limit but its reader does.
    format!(
        r#"{{"format_version": 1, "article": "x", "total": {depth}, "comments": [{}]}}"#,
        c
    )
}

#[test]
fn comments_deeper_than_the_cap_are_flattened() {
    let file = parse_comments(&reply_chain(40)).unwrap();
    let mut at = &file.comments[0];
    let mut depth = 1;
    while at.replies.len() == 1 {
        at = &at.replies[0];
        depth += 1;
    }
    assert_eq!(depth, newsfront_core::limits::MAX_COMMENT_DEPTH);
    assert_eq!(
        at.replies.len(),
        40 - newsfront_core::limits::MAX_COMMENT_DEPTH
    );
    assert_eq!(newsfront_core::count_comments(&file.comments), 40);
}

#[test]
fn a_thousand_deep_reply_chain_is_a_clear_error_not_a_crash() {
    let mut json =
        String::from(r#"{"format_version": 1, "article": "x", "total": 1, "comments": ["#);
    for _ in 0..1000 {
        json.push_str(r#"{"id": "c", "author": "a", "time": "2023-03-08T20:00:00Z", "text": "t", "replies": ["#);
    }
    json.push_str(&"]}".repeat(1000));
    json.push_str("]}");
    let e = parse_comments(&json).unwrap_err();
    assert!(e.to_string().contains("nests too deeply"), "{e}");
}
