//! The scale check: with 10 000 synthetic articles, home and a category transfer the same
//! bytes as with 100 synthetic articles and as the sample site (list pages are paginated).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::browser::{open, set_cache, wait_js, Open};
use crate::load::{self, Load, MAX_LOAD, QUIET};
use crate::nav::LIST_LINK;
use crate::nginx::{self, copy_dir, run, Nginx};
use crate::probe::COLLECT;
use crate::sites::Variant;

/// Control for the scale check: the same generator at a size the sample site has.
pub const SMALL_SYNTH: usize = 100;
const CATEGORY: &str = "lxzx";

pub struct Scale {
    pub articles: usize,
    /// (page, sample site, synthetic SMALL_SYNTH articles, synthetic `articles`)
    pub pages: Vec<(String, Load, Load, Load)>,
}

pub fn check(
    root: &Path,
    work: &Path,
    docroot: &Path,
    sample_base: &str,
    n: usize,
) -> Result<Scale> {
    let small = serve_with_feed(work, docroot, &synth_feed(root, SMALL_SYNTH)?)?;
    let large = serve_with_feed(work, docroot, &synth_feed(root, n)?)?;
    let mut pages = Vec::new();
    for path in ["/".to_string(), format!("/c/{CATEGORY}")] {
        let a = list_load(sample_base, &path)?;
        let s = list_load(&small.base_url(), &path)?;
        let l = list_load(&large.base_url(), &path)?;
        pages.push((path, a, s, l));
    }
    Ok(Scale { articles: n, pages })
}

/// `cargo run -p PACKAGE -- ARGS…` in the dev profile (the one the site build runs the tools
/// in); its stdout.
pub fn cargo_run(root: &Path, package: &str, args: &[&str]) -> Result<String> {
    run(Command::new("cargo")
        .current_dir(root)
        .args(["run", "--quiet", "-p", package, "--"])
        .args(args))
    .with_context(|| format!("cargo run -p {package} -- {}", args.join(" ")))
}

/// `newsfront-feed synth --articles n`, cached in target/bench-scale-{n}/content (the scale
/// check and the search rows read the same synthetic site).
pub fn synth_content(root: &Path, n: usize) -> Result<PathBuf> {
    let content = root.join(format!("target/bench-scale-{n}/content"));
    if !content.join("site.toml").is_file() {
        eprintln!(
            "bench: synthesizing {n} articles into {}",
            content.display()
        );
        let _ = std::fs::remove_dir_all(&content);
        let arg = content.to_string_lossy();
        cargo_run(
            root,
            "newsfront-feed",
            &["synth", "--articles", &n.to_string(), &arg],
        )?;
    }
    Ok(content)
}

/// The synthetic site of `n` articles built, cached in target/bench-scale-{n}/feed.
fn synth_feed(root: &Path, n: usize) -> Result<PathBuf> {
    let feed = root.join(format!("target/bench-scale-{n}/feed"));
    if !feed.join("site.json").is_file() {
        let content = synth_content(root, n)?;
        cargo_run(
            root,
            "newsfront-feed",
            &["build", &content.to_string_lossy(), &feed.to_string_lossy()],
        )?;
    }
    Ok(feed)
}

/// A copy of the served dist with `feed` in place of its feed, on its own nginx.
fn serve_with_feed(work: &Path, docroot: &Path, feed: &Path) -> Result<Nginx> {
    let name = feed
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scaled".into());
    let www = work.join(format!("www-{name}"));
    copy_dir(docroot, &www)?;
    std::fs::remove_dir_all(www.join("feed"))?;
    copy_dir(feed, &www.join("feed"))?;
    nginx::serve(&www)
}

/// A cold, unthrottled load of a list page until the app runs: bytes by type once the network
/// is quiet.
fn list_load(base: &str, path: &str) -> Result<Load> {
    let (mut b, mut net) = open(base, Open::default())?;
    set_cache(&b, false)?;
    net.reset(&b)?;
    b.goto_static(path)?;
    wait_js(
        &b,
        &format!(
            "return !!document.querySelector('{LIST_LINK}') && {};",
            Variant::Newsfront.app_ready_js()
        ),
        60,
    )?;
    // Scroll to the end so lazy images below the fold load in both cases alike.
    b.eval_js("window.scrollTo(0, document.body.scrollHeight); return null;")?;
    let stuck = net.settle(&b, QUIET, MAX_LOAD)?;
    Ok(Load {
        stuck,
        ..load::parse(&b.eval_js(COLLECT)?)?
    })
}
