//! newsfront-feed: builds a feed from source content, validates feeds, writes the schema.
//!
//! The binary (`main.rs`) only parses arguments and maps errors to exit code 2.

pub mod build;
pub mod cli;
pub mod content;
pub mod report;
pub mod synth;
pub mod validate;
mod validate_search;

use std::fs;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;

pub use build::{build, build_with, BuildOptions, BuildSummary};
pub use report::{FileProblem, Problems};
pub use validate::validate;

/// `$NEWSFRONT_WALINE_SERVER`: the Waline server a build takes comments from when set
/// (scripts/serve.sh --waline sets it for trunk's hook).
pub fn waline_server_from_env() -> Option<String> {
    std::env::var("NEWSFRONT_WALINE_SERVER")
        .ok()
        .filter(|s| !s.is_empty())
}

/// The JSON Schema text, as committed in docs/feed.schema.json.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&newsfront_core::schema::feed_schema())
        .expect("a schema serializes");
    text.push('\n');
    text
}

/// `schema OUT_FILE`.
pub fn write_schema(out: &Path) -> anyhow::Result<()> {
    fs::write(out, schema_text()).with_context(|| format!("cannot write {}", out.display()))
}

/// `bench-scale`: synth + build in a temporary folder; returns the report lines.
pub fn bench_scale(articles: usize) -> anyhow::Result<String> {
    let tmp = std::env::temp_dir().join(format!("newsfront-bench-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let (content, out) = (tmp.join("content"), tmp.join("feed"));
    let t = Instant::now();
    synth::synth(articles, &content)?;
    let synth_secs = t.elapsed().as_secs_f64();
    let summary = build(&content, &out)?;
    let t = Instant::now();
    let checked = validate(&out)?;
    let validate_secs = t.elapsed().as_secs_f64();
    let (mut largest, mut largest_path, mut total) = (0u64, String::new(), 0u64);
    let mut stack = vec![out.clone()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d)? {
            let e = e?;
            let meta = e.metadata()?;
            if meta.is_dir() {
                stack.push(e.path());
                continue;
            }
            total += meta.len();
            let rel = e.path().strip_prefix(&out)?.to_string_lossy().into_owned();
            if rel.starts_with("lists") && meta.len() > largest {
                (largest, largest_path) = (meta.len(), rel);
            }
        }
    }
    let _ = fs::remove_dir_all(&tmp);
    Ok(format!(
        "synth {articles} articles in {synth_secs:.2} s\n{summary}\n{checked} in {validate_secs:.2} s\n\
         largest list page: {largest_path} ({largest} bytes); whole feed {:.1} MiB",
        total as f64 / 1_048_576.0
    ))
}
