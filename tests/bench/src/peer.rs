//! The peer: a Preact reader of the same feed, built by scripts/bench.sh with the shared
//! `build.mjs` into `--peer-out`. Its two builds are served like Newsfront: the shipped nginx
//! config and Newsfront's policy, with `app.html` (the config's fallback for routes without a
//! file) a copy of the peer's `index.html`, its SPA shell.

use std::path::Path;

use anyhow::{ensure, Context, Result};

use crate::files::read_json;
use crate::nginx::{self, copy_dir, Nginx};
use crate::sites::Variant;
use crate::SEED;

/// What `build.mjs` wrote about the peer's bundle.
pub struct Bundle {
    pub file: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Reads `out/build.json` and checks the peer was built for the benchmark's seed article.
pub fn bundle(out: &Path) -> Result<Bundle> {
    let info = read_json(&out.join("build.json"))?;
    ensure!(
        info["seed"] == SEED,
        "{} was built for seed {}, not {SEED}: scripts/bench.sh rebuilds it with --seed",
        out.display(),
        info["seed"]
    );
    let b = &info["bundle"];
    let n = |k: &str| {
        b[k].as_u64()
            .with_context(|| format!("build.json: no bundle.{k}"))
    };
    Ok(Bundle {
        file: b["file"].as_str().unwrap_or_default().to_string(),
        raw: n("raw")?,
        gzip: n("gzip")?,
        brotli: n("brotli")?,
    })
}

/// A copy of the peer build for `v` under `work`, served by its own nginx.
pub fn serve(work: &Path, out: &Path, v: Variant, csp: &str) -> Result<Nginx> {
    let dir = match v {
        Variant::Peer => "peer",
        Variant::PeerPrerendered => "peer-prerendered",
        _ => unreachable!("only the peer's variants are built by build.mjs"),
    };
    let src = out.join(dir);
    ensure!(
        src.join("index.html").is_file(),
        "{} has no index.html: build the peer with scripts/bench.sh",
        src.display()
    );
    let docroot = work.join(dir);
    copy_dir(&src, &docroot)?;
    std::fs::copy(docroot.join("index.html"), docroot.join("app.html"))?;
    nginx::serve_with_csp(&docroot, csp)
}
