//! Helpers shared by the integration tests: fixture paths and running the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Runs `newsfront-feed ARGS…` with an empty image cache and returns (exit code, stdout,
/// stderr).
pub fn run(args: &[&Path]) -> (i32, String, String) {
    let cache = tempfile::tempdir().expect("a temporary folder");
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_newsfront-feed"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1764295200")
        .env("NEWSFRONT_IMAGE_CACHE", cache.path())
        .output()
        .expect("the binary runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}
