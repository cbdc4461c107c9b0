//! The code each app ships: every wasm and JS file of Newsfront's dist with the `.gz` and `.br`
//! the build wrote beside it (what nginx sends), and the peer's bundle as build.mjs sized it.

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
            let side = |ext: &str| {
                let mut p = path.clone().into_os_string();
                p.push(ext);
                file_len(Path::new(&p)).ok()
            };
            out.push(CodeFile {
                name: path
                    .strip_prefix(dist)
                    .unwrap_or(&path)
                    .display()
                    .to_string(),
                raw: file_len(&path)?,
                gzip: side(".gz"),
                brotli: side(".br"),
            });
        }
    }
    Ok(out)
}
