//! Pagefind, the anchor: installed from npm into target/pagefind (once, at the pinned version),
//! run over a site's prerendered article pages, and its wasm checked against the engines we
//! serve.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};

/// The one place the anchor's version is pinned.
pub const VERSION: &str = "1.6.0";
/// Where the bundle goes in the site, and so its URL below the base path.
pub const BUNDLE: &str = "pagefind";
/// Only article pages, only the article: lists and navigation would match every query.
const GLOB: &str = "a/*/index.html";
const ROOT: &str = "article.article";
/// Chrome around the text that is not the article's: the category link, the byline, the
/// lightbox, previous/next and related titles (other articles'), the editor's note label.
const EXCLUDE: &str = ".article__category, .article__meta, .lightbox, .prev-next, .related, \
                       .article__note-label";

/// The `pagefind_extended` binary (the npm package ships only the extended build, which
/// segments Chinese), installed with npm when missing or at another version.
pub fn install(root: &Path) -> Result<PathBuf> {
    let prefix = root.join("target/pagefind");
    let bin = prefix.join("node_modules/@pagefind/linux-x64/bin/pagefind_extended");
    let installed = std::fs::read_to_string(prefix.join("node_modules/pagefind/package.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(String::from));
    if installed.as_deref() != Some(VERSION) || !bin.is_file() {
        eprintln!(
            "bench: npm install pagefind@{VERSION} into {}",
            prefix.display()
        );
        std::fs::create_dir_all(&prefix)?;
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg(format!("pagefind@{VERSION}"))
            .status()
            .context("cannot run npm")?;
        ensure!(status.success(), "npm install pagefind@{VERSION} failed");
        ensure!(
            bin.is_file(),
            "{} is missing after npm install",
            bin.display()
        );
    }
    Ok(bin)
}

/// Indexes `site` into `site/pagefind`; returns the seconds it took and the pages indexed.
pub fn index(bin: &Path, site: &Path) -> Result<(f64, usize)> {
    let out = site.join(BUNDLE);
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    let started = Instant::now();
    let run = Command::new(bin)
        .arg("--site")
        .arg(site)
        .args([
            "--glob",
            GLOB,
            "--root-selector",
            ROOT,
            "--exclude-selectors",
            EXCLUDE,
        ])
        .output()
        .with_context(|| format!("cannot run {}", bin.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    let log = String::from_utf8_lossy(&run.stdout);
    if !run.status.success() {
        bail!(
            "pagefind failed on {}:\n{log}{}",
            site.display(),
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let pages = log
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Indexed ")?
                .strip_suffix(" pages")?
                .parse()
                .ok()
        })
        .with_context(|| format!("pagefind's log does not say how many pages:\n{log}"))?;
    Ok((seconds, pages))
}

/// Pagefind's wasm (`wasm.unknown.pagefind`: gzip of a `pagefind_dcd` tag and the module)
/// checked as the pipeline checks ours (`newsfront_site::wasm`): `Ok` when it validates with
/// the old engines' features off; otherwise each feature it needs with wabt's first error.
pub fn wasm_verdict(site: &Path, work: &Path) -> Result<Result<(), Vec<(String, String)>>> {
    let packed = std::fs::read(site.join(BUNDLE).join("wasm.unknown.pagefind"))?;
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&packed[..]).read_to_end(&mut raw)?;
    let module = raw
        .strip_prefix(b"pagefind_dcd".as_slice())
        .context("Pagefind's wasm file has no pagefind_dcd tag")?;
    ensure!(module.starts_with(b"\0asm"), "Pagefind's wasm is no module");
    let dir = work.join("pagefind-wasm");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("pagefind.wasm"), module)?;
    if newsfront_site::wasm::validate_dist(&dir).is_ok() {
        return Ok(Ok(()));
    }
    let flags = std::env::var(newsfront_site::wasm::VALIDATE_FLAGS_VAR)?;
    let mut needs = Vec::new();
    for flag in flags.split_whitespace() {
        let out = Command::new("wasm-validate")
            .arg(flag)
            .arg(dir.join("pagefind.wasm"))
            .output()?;
        if !out.status.success() {
            let first = String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or_default()
                .replace(&dir.join("pagefind.wasm").display().to_string(), "")
                .trim_start_matches(':')
                .to_string();
            needs.push((flag.trim_start_matches("--disable-").to_string(), first));
        }
    }
    Ok(Err(needs))
}
