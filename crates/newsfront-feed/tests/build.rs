//! `newsfront-feed build`: the valid fixture builds and validates; every invalid content
//! case fails with exit code 2, names the file and line, and leaves OUT_DIR untouched.

mod common;

use std::fs;
use std::path::Path;

use common::{fixture, run};
use newsfront_core::{parse_article, parse_comments, parse_list_page, parse_site, Block};

#[test]
fn valid_content_builds_a_valid_feed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("feed");
    let (code, stdout, stderr) = run(&[Path::new("build"), &fixture("valid/content"), &out]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(
            "built 4 articles, 2 categories, 5 list pages, 2 images (2 encoded, 0 cached), \
             a search index of "
        ),
        "{stdout}"
    );

    let site = parse_site(&fs::read_to_string(out.join("site.json")).unwrap()).unwrap();
    assert_eq!(site.page_size, 2);
    let home1 =
        parse_list_page(&fs::read_to_string(out.join("lists/home/1.json")).unwrap()).unwrap();
    assert_eq!((home1.total_pages, home1.total_items), (2, 4));
    let ids: Vec<&str> = home1.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["third-news", "second-news"]);
    assert_eq!(home1.items[1].summary, "手写摘要");

    let first =
        parse_article(&fs::read_to_string(out.join("articles/first-news.json")).unwrap()).unwrap();
    assert_eq!(first.comment_count, 2);
    assert_eq!(first.next.as_ref().unwrap().id.as_str(), "second-news");
    assert!(first.prev.is_none());
    // The 64 × 36 photo: never upscaled, so its copies keep its size.
    let cover = first.cover.as_ref().unwrap();
    assert_eq!((cover.width, cover.height), (64, 36));
    assert_eq!(cover.share_src(), cover.src);
    assert!(matches!(&first.body[0], Block::Heading { level: 2, .. }));
    let Block::Image { image } = &first.body[2] else {
        panic!("body[2] is the image");
    };
    assert_eq!(
        (image.width, image.height, image.alt.as_str()),
        (64, 36, "图片说明")
    );
    assert_eq!(image.variants.scaled.len(), 2, "{image:?}");
    for src in [&cover.src, &image.src, &image.variants.scaled[0].src] {
        assert!(out.join(src).is_file(), "{src}");
    }
    // Sources are never copied as they are; the logo keeps its path.
    assert!(!out.join("images/photo.png").exists());
    assert!(out.join("images/logo.png").is_file());

    let second =
        parse_article(&fs::read_to_string(out.join("articles/second-news.json")).unwrap()).unwrap();
    assert_eq!(second.related[0].title, "第一条新闻");
    let shehuo =
        parse_article(&fs::read_to_string(out.join("articles/shehuo.json")).unwrap()).unwrap();
    assert_eq!(shehuo.editor_note, ["第一段编者按。", "第二段编者按。"]);
    assert!(shehuo.summary.starts_with("正文第一段"));

    let comments =
        parse_comments(&fs::read_to_string(out.join("comments/first-news.json")).unwrap()).unwrap();
    assert_eq!(comments.total, 2);
    assert_eq!(comments.comments[0].replies[0].id, "c2");

    let (code, stdout, stderr) = run(&[Path::new("validate"), &out]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "valid: 4 articles, 5 list pages, 1 comment files, a search index of 4 documents in 2 \
         shards"
    );
}

/// Builds an invalid case over an existing OUT_DIR; returns stderr after checking the exit
/// code and that OUT_DIR was left as it was.
fn build_fails(case: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("feed");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("keep.txt"), "old feed").unwrap();
    let (code, stdout, stderr) = run(&[
        Path::new("build"),
        &fixture(&format!("invalid/{case}")),
        &out,
    ]);
    assert_eq!(code, 2, "{case}: {stdout}{stderr}");
    assert_eq!(
        fs::read_to_string(out.join("keep.txt")).unwrap(),
        "old feed",
        "{case}"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "{case}");
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "{case}: temp dir left behind"
    );
    stderr
}

#[test]
fn unknown_category() {
    let e = build_fails("unknown-category");
    assert!(
        e.contains("articles/a.md:3: unknown category \"zzz\"; site.toml defines lxzx, lzsh"),
        "{e}"
    );
}

#[test]
fn duplicate_id() {
    let e = build_fails("duplicate-id");
    assert!(e.contains("duplicate article id \"a\""), "{e}");
    assert!(e.contains("articles/a.md"), "{e}");
}

#[test]
fn missing_image() {
    let e = build_fails("missing-image");
    assert!(
        e.contains("articles/a.md:10: image \"images/nope.jpg\" does not exist"),
        "{e}"
    );
}

#[test]
fn bad_date() {
    let e = build_fails("bad-date");
    assert!(
        e.contains("articles/a.md:5: published: \"2023-03-08 19:37\" has no UTC offset"),
        "{e}"
    );
}

#[test]
fn front_matter_typo() {
    let e = build_fails("front-matter-typo");
    assert!(e.contains("articles/a.md:6: unknown field `autor`"), "{e}");
}

#[test]
fn raw_html() {
    let e = build_fails("raw-html");
    assert!(
        e.contains("articles/a.md:10: raw HTML is not allowed"),
        "{e}"
    );
}

#[test]
fn every_problem_is_listed() {
    let e = build_fails("many-problems");
    for piece in [
        "articles/a.md:3: unknown category \"zzz\"",
        "articles/a.md:5: published: \"2023-03-01T08:00:00\" has no UTC offset",
        "articles/a.md:8: raw HTML is not allowed",
        "articles/b.md:6: related: there is no article \"nobody\"",
    ] {
        assert!(e.contains(piece), "missing {piece:?} in:\n{e}");
    }
    assert!(e.contains("4 problems found"), "{e}");
}

#[test]
fn synthetic_content_builds_and_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("feed"));
    let (code, _, stderr) = run(&[
        Path::new("synth"),
        Path::new("--articles"),
        Path::new("30"),
        &content,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let cache = tmp.path().join("cache");
    let (code, stdout, stderr) = run(&[
        Path::new("build"),
        &content,
        &out,
        Path::new("--cache"),
        &cache,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built 30 articles"), "{stdout}");
    let (code, _, stderr) = run(&[Path::new("validate"), &out]);
    assert_eq!(code, 0, "{stderr}");
}

/// An index that no longer matches the feed, or has lost or gained files, fails validation
/// with the file and the reason.
#[test]
fn a_stale_or_damaged_search_index_fails_validation() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("feed");
    let (code, _, stderr) = run(&[Path::new("build"), &fixture("valid/content"), &out]);
    assert_eq!(code, 0, "{stderr}");
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("search/index.json")).unwrap()).unwrap();
    let version = manifest["version"].as_str().unwrap().to_owned();
    let shards = out.join("search").join(&version);

    let article = out.join("articles/first-news.json");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(&article, text.replace("第一条新闻", "改过的标题")).unwrap();
    fs::remove_file(shards.join("t/0.json")).unwrap();
    fs::write(shards.join("t/99.json"), "{}").unwrap();
    fs::create_dir_all(out.join("search/0000000000000000")).unwrap();

    let (code, stdout, stderr) = run(&[Path::new("validate"), &out]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    for expected in [
        "differs from articles/first-news.json (title or time); the index is out of date",
        &format!("search/{version}/t/0.json"),
        &format!("search/{version}/t/99.json: is not one of the index's"),
        "search/0000000000000000: is not part of the index",
    ] {
        assert!(stderr.contains(expected), "{expected:?} in {stderr}");
    }
}
