//! The code each app ships: every wasm and JS file of Newsfront's dist with the `.gz` and `.br`
//! the build wrote beside it (what nginx sends), the service worker's files, and the peer's
//! bundle as build.mjs sized it.

use std::path::Path;

use anyhow::Result;

use crate::files::{file_len, find};

pub struct CodeFile {
    pub name: String,
    pub raw: u64,
    /// `None`: the build wrote no precompressed copy, so nginx sends it as it is.
    pub gzip: Option<u64>,
    pub brotli: Option<u64>,
}

impl CodeFile {
    pub fn is_wasm(&self) -> bool {
        self.name.ends_with(".wasm")
    }
}

/// Every `.wasm` then every `.js` file of the dist (outside `feed/`), by path.
pub fn newsfront(dist: &Path) -> Result<Vec<CodeFile>> {
    let mut out = Vec::new();
    for suffix in [".wasm", ".js"] {
        for path in find(dist, suffix)? {
            out.push(code_file(dist, &path)?);
        }
    }
    Ok(out)
}

/// What the service worker adds (docs/offline.md): its script, fetched once the first page has
/// loaded, and the offline page, fetched with the next page it serves.
pub fn worker(dist: &Path) -> Result<Vec<CodeFile>> {
    let mut out = vec![code_file(dist, &dist.join("sw.js"))?];
    for path in find(dist, ".html")? {
        let top = path.parent() == Some(dist);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if top && name.starts_with("offline-") {
            out.push(code_file(dist, &path)?);
        }
    }
    Ok(out)
}

fn code_file(dist: &Path, path: &Path) -> Result<CodeFile> {
    let side = |ext: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(ext);
        file_len(Path::new(&p)).ok()
    };
    Ok(CodeFile {
        name: path
            .strip_prefix(dist)
            .unwrap_or(path)
            .display()
            .to_string(),
        raw: file_len(path)?,
        gzip: side(".gz"),
        brotli: side(".br"),
    })
}
