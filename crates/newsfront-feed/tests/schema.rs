//! The committed docs/feed.schema.json is exactly what `newsfront-feed schema` generates.

use std::path::Path;

#[test]
fn committed_schema_is_current() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/feed.schema.json");
    let committed = std::fs::read_to_string(&committed)
        .expect("docs/feed.schema.json exists (run `cargo run -p newsfront-feed -- schema docs/feed.schema.json`)");
    assert!(
        committed == newsfront_feed::schema_text(),
        "docs/feed.schema.json is stale: run `cargo run -p newsfront-feed -- schema docs/feed.schema.json`"
    );
}
