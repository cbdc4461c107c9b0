//! `newsfront-feed validate` on hostile feeds, each a copy of the valid fixture with one thing
//! changed: it finishes, and it says what the app does about each problem.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{fixture, run};
use serde_json::{json, Value};

/// A writable copy of the valid fixture feed.
struct Feed {
    dir: tempfile::TempDir,
}

impl Feed {
    fn new() -> Feed {
        let dir = tempfile::tempdir().unwrap();
        copy(&fixture("valid/feed"), dir.path());
        Feed { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn json(&self, rel: &str) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.path(rel)).unwrap()).unwrap()
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn edit(&self, rel: &str, edit: impl FnOnce(&mut Value)) {
        let mut v = self.json(rel);
        edit(&mut v);
        self.write(rel, v.to_string());
    }

    /// (exit code, stdout + stderr).
    fn validate(&self) -> (i32, String) {
        let (code, out, err) = run(&[Path::new("validate"), self.dir.path()]);
        (code, format!("{out}{err}"))
    }

    fn fails_with(&self, needles: &[&str]) -> String {
        let (code, out) = self.validate();
        assert_eq!(code, 2, "{out}");
        for needle in needles {
            assert!(out.contains(needle), "{needle:?} not in:\n{out}");
        }
        out
    }
}

fn copy(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn a_list_claiming_four_billion_pages_is_checked_by_what_exists() {
    let feed = Feed::new();
    feed.edit("lists/home/1.json", |p| {
        p["total_pages"] = json!(4_294_967_295u32)
    });
    let started = Instant::now();
    feed.fails_with(&[
        "lists/home/1.json: total_pages: is 4294967295 but 4294967294 of those pages are missing",
    ]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_byte_order_mark_is_read_as_the_app_reads_it() {
    let feed = Feed::new();
    let site = std::fs::read(feed.path("site.json")).unwrap();
    feed.write("site.json", [b"\xEF\xBB\xBF".as_slice(), &site].concat());
    let (code, out) = feed.validate();
    assert_eq!(code, 0, "{out}");
}

#[test]
fn image_paths_are_checked_decoded() {
    let feed = Feed::new();
    feed.write("images/图 1.png", b"png");
    feed.edit(
        "articles/one.json",
        |a| a["cover"] = json!({ "src": "images/%E5%9B%BE%201.png", "width": 1, "height": 1 }),
    );
    let (code, out) = feed.validate();
    assert_eq!(code, 0, "an encoded name of a file that exists: {out}");
    feed.edit("articles/one.json", |a| {
        a["cover"]["src"] = json!("images/%2e%2e/%2e%2e/x.png")
    });
    feed.fails_with(&[
        "articles/one.json: cover.src: \"images/%2e%2e/%2e%2e/x.png\" has a \".\" or \"..\" path segment",
    ]);
}

#[test]
fn what_the_app_leaves_out_is_reported_with_what_it_does() {
    let feed = Feed::new();
    feed.edit("site.json", |s| {
        s["share"]["wechat"] = json!({ "sign_url": "https://s.example.cn/sign",
                                       "sdk_url": "https://evil.example/jweixin.js" });
        s["description"] = json!("有\u{0}字符");
    });
    let items = std::fs::read_to_string(feed.path("lists/home/1.json"))
        .unwrap()
        .replacen("\"二\"", "\"\\ud800\"", 1);
    feed.write("lists/home/1.json", items);
    feed.edit("lists/c/lxzx/1.json", |p| p["page"] = json!(7));
    feed.edit("site.json", |s| s["page_size"] = json!(1));
    feed.fails_with(&[
        "site.json: share.wechat.sdk_url: \"https://evil.example/jweixin.js\" is not on an official WeChat host; the WeChat JS-SDK is loaded only from https://res.wx.qq.com or https://res2.wx.qq.com (skipped: WeChat share cards are off)",
        "site.json: description: contains a control character (skipped: the site has no description)",
        "lists/home/1.json: items[0].title: unexpected end of hex escape (skipped: the app leaves the item out)",
        "lists/c/lxzx/1.json: page: is 7 but the file is page 1; the app goes by the file",
        "lists/c/lxzx/1.json: items: has 2 items but site.json's page_size is 1; the app shows the first 1",
    ]);
}

#[test]
fn a_hundred_thousand_problems_are_listed_twenty_at_a_time() {
    let feed = Feed::new();
    feed.edit("articles/one.json", |a| {
        a["body"] = json!((0..2_000)
            .map(|_| json!({ "type": "paragraph", "spans": (0..50)
                .map(|_| json!({ "text": "x", "link": "javascript:1" }))
                .collect::<Vec<_>>() }))
            .collect::<Vec<_>>());
    });
    let out = feed.fails_with(&["articles/one.json: … and 99980 more problems in this file"]);
    assert!(out.len() < 10_000, "{} bytes of output", out.len());
    assert!(
        out.contains("articles/one.json: body[0].spans[0].link: \"javascript:1\""),
        "{out}"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_reported_and_read_like_the_app() {
    let feed = Feed::new();
    let text = std::fs::read(feed.path("articles/one.json")).unwrap();
    let at = text.windows(3).position(|w| w == "正".as_bytes()).unwrap();
    let mut bad = text.clone();
    bad[at] = 0xff;
    feed.write("articles/one.json", bad);
    let out = feed.fails_with(&["articles/one.json: is not valid UTF-8 (first bad byte at offset"]);
    // Read on as U+FFFD: nothing else is wrong with the file.
    assert_eq!(out.matches("articles/one.json").count(), 1, "{out}");
}
