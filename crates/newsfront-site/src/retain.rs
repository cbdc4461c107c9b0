//! Safe deploys: a new dist keeps the hashed files of the builds before it for a stated time, so a
//! reader whose tab still runs an old build loads that build's own scripts, chunks and images
//! after the deploy. `retained.json` in the dist records when each file left the current build;
//! files gone longer than the retention time are not carried over again.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// The record's file name, in the dist (it travels with the dist to the next deploy).
pub const RECORD: &str = "retained.json";
/// The default retention: a week covers a WeChat tab left open over a weekend and more.
pub const DEFAULT_DAYS: u64 = 7;

/// `retained.json`: file (relative to the dist, `/`-separated) → when it left the current build
/// (seconds since the epoch).
#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub left: BTreeMap<String, u64>,
}

/// What [`retain`] did.
#[derive(Debug, Default, PartialEq)]
pub struct Retained {
    pub kept: usize,
    pub bytes: u64,
    pub expired: usize,
}

impl std::fmt::Display for Retained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "kept {} files of earlier builds ({} KB); {} older ones expired",
            self.kept,
            self.bytes / 1024,
            self.expired
        )
    }
}

/// Whether a file of a dist is one a page of an older build may still ask for: a hashed script,
/// style, wasm module, icon or offline page at the top (with its `.gz`/`.br`), or a feed image
/// (the feed builder names each copy by its content).
pub fn is_build_file(relative: &str) -> bool {
    if let Some(image) = relative.strip_prefix("feed/images/") {
        return !image.is_empty();
    }
    if relative.contains('/') {
        return false;
    }
    let name = relative
        .strip_suffix(".gz")
        .or_else(|| relative.strip_suffix(".br"))
        .unwrap_or(relative);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    ["js", "wasm", "css", "png", "html"].contains(&ext)
        && stem.rsplit_once('-').is_some_and(|(_, hash)| {
            (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

/// Copies into `dist` the build files of `previous` (the dist deployed before it) that `dist`
/// lacks and that left the current build less than `days` ago, and writes `dist/retained.json`.
/// `now` is seconds since the epoch.
pub fn retain(previous: &Path, dist: &Path, days: u64, now: u64) -> Result<Retained> {
    let old: Record = match fs::read_to_string(previous.join(RECORD)) {
        Ok(text) => serde_json::from_str(&text)
            .with_context(|| format!("{}", previous.join(RECORD).display()))?,
        Err(_) => Record::default(),
    };
    let mut record = Record::default();
    let mut done = Retained::default();
    for relative in files(previous)? {
        if !is_build_file(&relative) || dist.join(&relative).exists() {
            continue;
        }
        let left = old.left.get(&relative).copied().unwrap_or(now);
        if now.saturating_sub(left) >= days * 86_400 {
            done.expired += 1;
            continue;
        }
        let to = dist.join(&relative);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        done.bytes += fs::copy(previous.join(&relative), &to)
            .with_context(|| format!("copying {relative} into {}", dist.display()))?;
        done.kept += 1;
        record.left.insert(relative, left);
    }
    let path = dist.join(RECORD);
    fs::write(&path, serde_json::to_string_pretty(&record)? + "\n")
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(done)
}

/// Seconds since the epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Every file below `dir`, relative and `/`-separated, sorted.
fn files(dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let d = dir.join(&rel);
        for entry in fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let entry = entry?;
            let rel = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(rel);
            } else {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;

    fn put(dir: &Path, relative: &str) {
        let path = dir.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, relative).unwrap();
    }

    #[test]
    fn build_files_are_the_hashed_ones_and_feed_images() {
        for yes in [
            "newsfront-0123456789abcdef_bg.wasm",
            "newsfront_split_app-0123456789abcdef_bg.wasm.br",
            "first-stage-0123456789abcdef.js",
            "app-cd9f3e43.css.gz",
            "icon-192-0123456789abcdef.png",
            "offline-0123456789abcdef.html",
            "feed/images/logo.1234.logo.png",
        ] {
            assert!(is_build_file(yes), "{yes}");
        }
        for no in [
            "index.html",
            "app.html",
            "sw.js",
            "manifest.webmanifest",
            "retained.json",
            "feed/site.json",
            "a/x/index.html",
            "newsfront-xyz.js",
            "feed/lists/home/1.json",
        ] {
            assert!(!is_build_file(no), "{no}");
        }
    }

    #[test]
    fn files_of_earlier_builds_stay_for_the_stated_days() {
        let prev = tempfile::tempdir().unwrap();
        let next = tempfile::tempdir().unwrap();
        let now = 100 * DAY;
        // The build before: its own chunk, a chunk it kept from the one before (left 6 days ago)
        // and one left 8 days ago; a file both builds have; pages and the feed are never kept.
        for f in [
            "newsfront_a-1111111111111111_bg.wasm",
            "newsfront_a-1111111111111111_bg.wasm.br",
            "newsfront_b-2222222222222222_bg.wasm",
            "newsfront_c-3333333333333333_bg.wasm",
            "first-stage-4444444444444444.js",
            "feed/images/old.5555.w360.webp",
            "index.html",
            "feed/site.json",
        ] {
            put(prev.path(), f);
        }
        let record = Record {
            left: [
                (
                    "newsfront_b-2222222222222222_bg.wasm".to_string(),
                    now - 6 * DAY,
                ),
                (
                    "newsfront_c-3333333333333333_bg.wasm".to_string(),
                    now - 8 * DAY,
                ),
            ]
            .into(),
        };
        fs::write(
            prev.path().join(RECORD),
            serde_json::to_string(&record).unwrap(),
        )
        .unwrap();
        put(next.path(), "first-stage-4444444444444444.js");
        put(next.path(), "index.html");

        let done = retain(prev.path(), next.path(), 7, now).unwrap();
        assert_eq!((done.kept, done.expired), (4, 1));
        for kept in [
            "newsfront_a-1111111111111111_bg.wasm",
            "newsfront_a-1111111111111111_bg.wasm.br",
            "newsfront_b-2222222222222222_bg.wasm",
            "feed/images/old.5555.w360.webp",
        ] {
            assert!(next.path().join(kept).is_file(), "{kept}");
        }
        assert!(!next
            .path()
            .join("newsfront_c-3333333333333333_bg.wasm")
            .exists());
        assert!(!next.path().join("feed/site.json").exists());
        assert_eq!(
            fs::read_to_string(next.path().join("index.html")).unwrap(),
            "index.html",
            "the new build's own files are untouched"
        );
        let written: Record =
            serde_json::from_str(&fs::read_to_string(next.path().join(RECORD)).unwrap()).unwrap();
        assert_eq!(
            written.left.get("newsfront_a-1111111111111111_bg.wasm"),
            Some(&now),
            "left the current build now"
        );
        assert_eq!(
            written.left.get("newsfront_b-2222222222222222_bg.wasm"),
            Some(&(now - 6 * DAY)),
            "keeps the day it first left"
        );
        assert!(!written.left.contains_key("first-stage-4444444444444444.js"));

        // A day later, the next deploy drops what is now older than a week.
        let third = tempfile::tempdir().unwrap();
        let again = retain(next.path(), third.path(), 7, now + DAY).unwrap();
        assert!(!third
            .path()
            .join("newsfront_b-2222222222222222_bg.wasm")
            .exists());
        assert!(third
            .path()
            .join("newsfront_a-1111111111111111_bg.wasm")
            .exists());
        assert_eq!(again.expired, 1);
    }
}
