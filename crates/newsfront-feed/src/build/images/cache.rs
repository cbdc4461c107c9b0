//! The image cache: encoded copies stored by content hash, so a rebuild encodes only images
//! whose bytes (or the encoder settings) changed.
//!
//! Layout under the cache folder: `sources.json` maps a source file's path, length and
//! modification time to the SHA-256 of its bytes (so unchanged sources are not even read
//! again); `{key[..2]}/{key}/meta.json` and one file per copy, where `key` is the SHA-256 of
//! the source's hash and the settings fingerprint. Every file is written to a temporary name
//! and renamed, so builds running at the same time never see half a file.

use std::collections::HashMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// `--cache` when not given: `$NEWSFRONT_IMAGE_CACHE`, else the user's cache folder
/// (`$XDG_CACHE_HOME/newsfront/images` or `~/.cache/newsfront/images`).
pub fn default_cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("NEWSFRONT_IMAGE_CACHE").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("newsfront").join("images")
}

/// What the cache knows about one source: its oriented size and the copies made so far.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Meta {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    /// `#rrggbb`.
    pub placeholder: String,
    pub outputs: Vec<MetaOutput>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MetaOutput {
    pub label: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    len: u64,
    modified_ns: u128,
    sha256: String,
}

pub struct Cache {
    dir: PathBuf,
    fingerprint: String,
    sources: Mutex<HashMap<String, Seen>>,
}

impl Cache {
    /// Opens (and creates) the cache in `dir` for copies made with `fingerprint`'s settings.
    pub fn open(dir: &Path, fingerprint: &str) -> anyhow::Result<Cache> {
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the image cache {}", dir.display()))?;
        // A missing or unreadable index only costs reading the sources once more.
        let sources = fs::read(dir.join("sources.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Ok(Cache {
            dir: dir.to_owned(),
            fingerprint: fingerprint.to_owned(),
            sources: Mutex::new(sources),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cache key of the file at `path`, and its bytes when they had to be read.
    pub fn key_of(&self, path: &Path) -> std::io::Result<(String, Option<Vec<u8>>)> {
        let meta = fs::metadata(path)?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let name = fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_owned())
            .to_string_lossy()
            .into_owned();
        let known = self.lock().get(&name).cloned();
        if let Some(seen) = known.filter(|s| s.len == meta.len() && s.modified_ns == modified_ns) {
            return Ok((self.key(&seen.sha256), None));
        }
        let bytes = fs::read(path)?;
        let sha256 = hex(&Sha256::digest(&bytes));
        let key = self.key(&sha256);
        self.lock().insert(
            name,
            Seen {
                len: bytes.len() as u64,
                modified_ns,
                sha256,
            },
        );
        Ok((key, Some(bytes)))
    }

    fn key(&self, sha256: &str) -> String {
        let mut h = Sha256::new();
        h.update(sha256.as_bytes());
        h.update(b"\n");
        h.update(self.fingerprint.as_bytes());
        hex(&h.finalize())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Seen>> {
        // A panic elsewhere cannot leave the map half-updated: each insert is one call.
        self.sources.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(key)
    }

    /// Where the copy `label` of `key` lives (whether or not it exists yet).
    pub fn file(&self, key: &str, label: &str) -> PathBuf {
        self.entry(key).join(label)
    }

    pub fn meta(&self, key: &str) -> Option<Meta> {
        let bytes = fs::read(self.entry(key).join("meta.json")).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores new copies and the meta that lists them (with those stored before).
    pub fn store(&self, key: &str, meta: &Meta, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
        let dir = self.entry(key);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for (label, bytes) in files {
            write_atomic(&dir.join(label), bytes)?;
        }
        write_atomic(&dir.join("meta.json"), &serde_json::to_vec(meta)?)
    }

    /// Writes the source index back (sources seen by this build added).
    pub fn save(&self) -> anyhow::Result<()> {
        let text = serde_json::to_vec(&*self.lock())?;
        write_atomic(&self.dir.join("sources.json"), &text)
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension(format!(
        "tmp-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let result = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_content_and_settings_not_names() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::open(&tmp.path().join("c"), "v1").unwrap();
        let (a, b) = (tmp.path().join("a.jpg"), tmp.path().join("b.jpg"));
        fs::write(&a, b"same bytes").unwrap();
        fs::write(&b, b"same bytes").unwrap();
        let (key_a, read_a) = cache.key_of(&a).unwrap();
        assert!(read_a.is_some());
        assert_eq!(cache.key_of(&b).unwrap().0, key_a);
        // Seen before, unchanged: not read again.
        assert_eq!(cache.key_of(&a).unwrap(), (key_a.clone(), None));
        cache.save().unwrap();
        let other = Cache::open(&tmp.path().join("c"), "v2").unwrap();
        assert_ne!(other.key_of(&a).unwrap().0, key_a);
        fs::write(&a, b"new bytes, new length").unwrap();
        assert_ne!(cache.key_of(&a).unwrap().0, key_a);
    }
}
