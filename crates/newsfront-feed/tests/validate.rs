//! `newsfront-feed validate`: each broken feed fixture fails with exit code 2 and names the
//! file, the JSON path and the reason.

mod common;

use std::path::Path;

use common::{fixture, run};

#[test]
fn valid_feed_passes() {
    let (code, stdout, stderr) = run(&[Path::new("validate"), &fixture("valid/feed")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "valid: 2 articles, 2 list pages, 0 comment files, no search index"
    );
}

fn validate_fails(case: &str) -> String {
    let dir = fixture(&format!("invalid/feed-{case}"));
    let (code, stdout, stderr) = run(&[Path::new("validate"), &dir]);
    assert_eq!(code, 2, "{case}: {stdout}{stderr}");
    stderr
}

#[test]
fn truncated_json() {
    let e = validate_fails("truncated-json");
    assert!(e.contains("articles/two.json: EOF while parsing"), "{e}");
    assert!(
        e.contains("lists/home/1.json: items[0].id: there is no article \"two\""),
        "{e}"
    );
}

#[test]
fn wrong_type() {
    let e = validate_fails("wrong-type");
    assert!(
        e.contains("articles/one.json: comment_count: invalid type: string \"three\""),
        "{e}"
    );
}

#[test]
fn missing_field() {
    let e = validate_fails("missing-field");
    assert!(
        e.contains("articles/one.json: missing field `title`"),
        "{e}"
    );
}

#[test]
fn newer_version() {
    let e = validate_fails("newer-version");
    assert!(
        e.contains("site.json: format_version: this feed uses format 2; this app reads format 1 — update the app"),
        "{e}"
    );
}

#[test]
fn bad_id_in_list() {
    let e = validate_fails("bad-id-in-list");
    assert!(
        e.contains("lists/home/1.json: items[0].id: \"../two\" is not a valid article id"),
        "{e}"
    );
}

#[test]
fn dangling_related_id() {
    let e = validate_fails("dangling-related");
    assert!(
        e.contains("articles/two.json: related[0].id: there is no article \"gone\""),
        "{e}"
    );
}
