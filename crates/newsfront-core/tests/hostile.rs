//! Hostile and sloppy feed files through the public API: what is accepted as it is, what is
//! normalised, what is skipped with a note, what is refused, and how the refusal reads.

use newsfront_core::{
    limits, parse_article, parse_comments, parse_list_page, parse_site, FeedError,
};
use serde_json::{json, Value};

fn site() -> Value {
    json!({ "format_version": 1, "name": "陇县新闻网", "description": "d",
            "base_url": "https://news.example.cn/", "logo": "images/logo.png",
            "timezone": "+08:00", "page_size": 10,
            "categories": [{ "slug": "lxzx", "name": "陇县资讯" }],
            "comments": { "mode": "waline", "server": "https://w.example.cn" },
            "share": { "wechat": { "sign_url": "https://s.example.cn/sign",
                       "sdk_url": "https://res.wx.qq.com/open/js/jweixin-1.6.0.js" } } })
}

fn summary(id: &str) -> Value {
    json!({ "id": id, "title": "标题", "summary": "", "cover": null, "source": "网站编辑",
            "published": "2023-03-08T19:37:00+08:00", "category": "lxzx", "comment_count": 0 })
}

fn list(items: Vec<Value>) -> Value {
    json!({ "format_version": 1, "page": 1, "total_pages": 1, "total_items": items.len(),
            "items": items })
}

fn article() -> Value {
    json!({ "format_version": 1, "id": "a1", "title": "标题", "category": "lxzx",
            "source": "网站编辑", "published": "2023-03-08T19:37:00+08:00", "summary": "摘要",
            "body": [ { "type": "paragraph", "spans": [ { "text": "正文" } ] } ] })
}

fn paths(e: &FeedError) -> Vec<String> {
    e.problems().into_iter().map(|p| p.path).collect()
}

#[test]
fn a_byte_order_mark_is_dropped_by_every_reader() {
    let bom = |v: &Value| format!("\u{feff}{v}");
    assert!(parse_site(&bom(&site())).is_ok());
    assert!(parse_list_page(&bom(&list(vec![summary("a")]))).is_ok());
    assert!(parse_article(&bom(&article())).is_ok());
    let comments = json!({ "format_version": 1, "article": "a1", "total": 0, "comments": [] });
    assert!(parse_comments(&bom(&comments)).is_ok());
}

#[test]
fn crlf_in_multi_line_texts_becomes_lf() {
    let mut a = article();
    a["summary"] = json!("第一行\r\n第二行\r第三行");
    a["body"][0]["spans"][0]["text"] = json!("段\r\n落");
    let read = parse_article(&a.to_string()).unwrap();
    assert_eq!(read.summary, "第一行\n第二行\n第三行");
    assert!(
        matches!(&read.body[0], newsfront_core::Block::Paragraph { spans } if spans[0].text == "段\n落")
    );
    a["title"] = json!("标\r\n题");
    assert_eq!(
        paths(&parse_article(&a.to_string()).unwrap_err()),
        ["title"]
    );
}

#[test]
fn list_items_are_read_one_by_one() {
    // A lone surrogate escape and nesting past the parser's depth limit are problems of
    // their item only: the page and its other items stay.
    let deep = format!("{}1{}", "[".repeat(1_000), "]".repeat(1_000));
    let text = format!(
        r#"{{"format_version":1,"page":1,"total_pages":1,"total_items":4,"items":[{},{},{},{}]}}"#,
        summary("good-1"),
        summary("bad-escape")
            .to_string()
            .replace(r#""title":"标题""#, r#""title":"\ud800""#),
        summary("deep")
            .to_string()
            .replace(r#""summary":"""#, &format!(r#""summary":{deep}"#)),
        summary("good-2"),
    );
    let page = parse_list_page(&text).unwrap();
    let ids: Vec<&str> = page.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["good-1", "good-2"]);
    let skipped: Vec<String> = page.skipped.iter().map(ToString::to_string).collect();
    assert!(skipped[0].starts_with("items[1].title: "), "{skipped:?}");
    assert!(skipped[1].starts_with("items[2]"), "{skipped:?}");
}

#[test]
fn the_site_stays_up_without_its_bad_parts() {
    let mut s = site();
    s["description"] = json!("有\u{0}空字符");
    s["logo"] = json!("images/%2e%2e/x.png");
    let mut categories: Vec<Value> = (0..60)
        .map(|i| json!({ "slug": format!("c{i}"), "name": format!("栏目{i}") }))
        .collect();
    categories[1] = json!({ "slug": "Bad Slug", "name": "坏" });
    categories[2] = json!({ "slug": "c0", "name": "重复" });
    categories[3] = json!({ "slug": 7, "name": ["wrong type"] });
    s["categories"] = json!(categories);
    s["comments"]["server"] = json!("ftp://w.example.cn");
    s["share"]["wechat"]["sdk_url"] = json!("https://evil.example/jweixin.js");
    s["generated_at"] = json!("2023-03-08 19:37");
    let read = parse_site(&s.to_string()).unwrap();
    assert_eq!(read.description, "");
    assert_eq!(read.logo, None);
    assert_eq!(read.categories.len(), limits::MAX_CATEGORIES);
    assert_eq!(read.categories[1].slug.as_str(), "c4");
    assert_eq!(read.comments, newsfront_core::CommentSettings::Off);
    assert_eq!(read.share.wechat, None);
    let skipped: Vec<String> = read.skipped.iter().map(ToString::to_string).collect();
    let starts = [
        "description: contains a control character (skipped: the site has no description)",
        "logo: \"images/%2e%2e/x.png\" has a \".\" or \"..\" path segment",
        "categories[1].slug: \"Bad Slug\" is not a valid category slug",
        "categories[2].slug: \"c0\" is listed twice",
        "categories[3].name: invalid type: sequence, expected a string (skipped",
        "categories: has 60 entries; the first 50 good ones are used",
        "comments.server: \"ftp://w.example.cn\" is not an http(s) URL (skipped: comments are off)",
        "share.wechat.sdk_url: \"https://evil.example/jweixin.js\" is not on an official WeChat host",
        "generated_at: ",
    ];
    assert_eq!(skipped.len(), starts.len(), "{skipped:#?}");
    for (shown, start) in skipped.iter().zip(starts) {
        assert!(
            shown.starts_with(start),
            "{shown:?} should start with {start:?}"
        );
    }
    // What the site cannot do without still fails it, and the error lists the rest too.
    s["timezone"] = json!("Beijing");
    let refused = paths(&parse_site(&s.to_string()).unwrap_err());
    assert_eq!(refused[0], "timezone");
    assert_eq!(refused.len(), 1 + starts.len());
}

#[test]
fn an_older_format_reads_differently_from_a_newer_one() {
    let mut a = article();
    a["format_version"] = json!(0);
    let old = parse_article(&a.to_string()).unwrap_err();
    assert!(old.is_older_format());
    assert!(old.to_string().contains("older than format 1"), "{old}");
    a["format_version"] = json!(2);
    let new = parse_article(&a.to_string()).unwrap_err();
    assert!(!new.is_older_format());
    assert!(new.to_string().contains("update the app"), "{new}");
}

#[test]
fn messages_are_capped_and_paths_are_full() {
    let mut a = article();
    let huge = "链".repeat(1_000_000);
    a["body"] = json!((0..2_000)
        .map(
            |_| json!({ "type": "paragraph", "spans": [ { "text": "x", "link": "javascript:1" } ] })
        )
        .collect::<Vec<_>>());
    a["body"][0]["spans"][0]["link"] = json!(huge);
    let e = parse_article(&a.to_string()).unwrap_err();
    assert_eq!(e.problems().len(), 2_000);
    let shown = e.to_string();
    assert!(shown.len() < 4_000, "{} bytes", shown.len());
    assert!(shown.ends_with("… and 1980 more"), "{shown}");
    assert!(
        shown.starts_with("body[0].spans[0].link: \"链链"),
        "{shown}"
    );

    // A wrong type deep inside a block names the whole path, not just `body[2]`.
    let mut a = article();
    a["body"] = json!([
        { "type": "heading", "level": 2, "text": "h" },
        { "type": "quote", "spans": [ { "text": "q" } ] },
        { "type": "paragraph", "spans": [ { "text": "0" }, { "text": "1" }, { "text": "2" },
          { "text": "3" }, { "text": "4" }, { "text": 5 } ] },
        { "type": "list", "ordered": false, "items": [ [ { "text": "a", "italic": "yes" } ] ] }
    ]);
    let e = parse_article(&a.to_string()).unwrap_err();
    assert_eq!(
        paths(&e),
        ["body[2].spans[5].text", "body[3].items[0][0].italic"]
    );

    // serde's own message quotes the bad value: that is capped too.
    let mut a = article();
    a["comment_count"] = json!("9".repeat(2_000_000));
    let shown = parse_article(&a.to_string()).unwrap_err().to_string();
    assert!(shown.len() < 400, "{} bytes", shown.len());
}

#[test]
fn an_article_has_total_caps() {
    let mut a = article();
    let per_block = limits::MAX_SPANS / 1_000 + 1;
    a["body"] = json!((0..1_000)
        .map(|_| json!({ "type": "paragraph",
            "spans": (0..per_block).map(|_| json!({ "text": "字", "link": "/a/x" })).collect::<Vec<_>>() }))
        .collect::<Vec<_>>());
    let e = parse_article(&a.to_string()).unwrap_err();
    let spans = 1_000 * per_block;
    assert!(
        e.to_string()
            .starts_with(&format!("body: has {spans} spans in all")),
        "{e}"
    );

    // The editor's note counts too.
    a["editor_note"] = json!(["编者按"]);
    let long = "字".repeat(limits::BLOCK_TEXT);
    let blocks = limits::ARTICLE_TEXT / limits::BLOCK_TEXT + 1;
    a["body"] = json!((0..blocks)
        .map(|_| json!({ "type": "paragraph", "spans": [ { "text": long } ] }))
        .collect::<Vec<_>>());
    let e = parse_article(&a.to_string()).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "body: holds {} characters in all (with the editor's note); at most {} are allowed \
             per article",
            blocks * limits::BLOCK_TEXT + 3,
            limits::ARTICLE_TEXT
        )
    );
}

#[test]
fn files_have_a_size_cap_and_comments_a_text_cap() {
    let mut a = article();
    a["x_padding"] = json!("x".repeat(limits::ARTICLE_FILE_BYTES));
    let e = parse_article(&a.to_string()).unwrap_err();
    assert!(
        e.to_string()
            .contains("bytes; an article file may be at most 4194304 bytes"),
        "{e}"
    );
    let comments: Vec<Value> = (0..limits::COMMENTS_TEXT / 1_000 + 1)
        .map(|i| {
            json!({ "id": format!("c{i}"), "author": "a", "time": "2023-03-08T20:00:00Z",
                         "text": "字".repeat(1_000) })
        })
        .collect();
    let file = json!({ "format_version": 1, "article": "a1", "total": 0, "comments": comments });
    let e = parse_comments(&file.to_string()).unwrap_err();
    let chars = (limits::COMMENTS_TEXT / 1_000 + 1) * 1_000;
    assert!(
        e.to_string()
            .starts_with(&format!("comments: hold {chars} characters of text in all")),
        "{e}"
    );
}

#[test]
fn links_that_would_leave_the_site_are_refused() {
    for link in [
        "/.//evil.example/x",
        "/a/../..//evil.example/y",
        "/%2e//evil.example/x",
    ] {
        let mut a = article();
        a["body"][0]["spans"][0]["link"] = json!(link);
        let e = parse_article(&a.to_string()).unwrap_err();
        assert_eq!(paths(&e), ["body[0].spans[0].link"], "{link}");
    }
}

#[test]
fn encoded_image_paths_are_checked_decoded() {
    for src in ["images/%2e%2e/%2e%2e/x.png", "images/.%2E/%2E./x.png"] {
        let mut a = article();
        a["cover"] = json!({ "src": src, "width": 1, "height": 1 });
        let e = parse_article(&a.to_string()).unwrap_err();
        assert_eq!(paths(&e), ["cover.src"], "{src}");
        let mut item = summary("x");
        item["cover"] = json!({ "src": src, "width": 1, "height": 1 });
        let page = parse_list_page(&list(vec![item]).to_string()).unwrap();
        assert_eq!(page.skipped[0].path, "items[0].cover.src");
    }
}

#[test]
fn dates_fall_in_the_contract_years() {
    for (published, year) in [
        ("0000-01-01T00:00:00+23:59", "0"),
        ("9999-12-31T23:59:00-23:59", "9999"),
    ] {
        let mut a = article();
        a["published"] = json!(published);
        let e = parse_article(&a.to_string()).unwrap_err();
        assert!(
            e.to_string().contains(&format!(
                "is in the year {year}; times must fall in 1970–2200"
            )),
            "{e}"
        );
    }
}

#[test]
fn stacked_combining_marks_are_refused() {
    let mut a = article();
    a["title"] = json!(format!("标{}题", "\u{0489}".repeat(150)));
    let e = parse_article(&a.to_string()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "title: stacks 150 combining marks on one character; at most 4 are allowed"
    );
    a["title"] = json!("Tiếng Việt ภาษาไทย");
    assert!(parse_article(&a.to_string()).is_ok());
}
