//! The scale check: with 10 000 synthetic articles, home and a category transfer the same
//! bytes as with 100 synthetic articles and as the sample site (list pages are paginated).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;

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

/// `newsfront-feed synth --articles n` then `build`, cached in target/bench-scale-{n}/feed.
fn synth_feed(root: &Path, n: usize) -> Result<PathBuf> {
    let cache = root.join(format!("target/bench-scale-{n}"));
    let feed = cache.join("feed");
    if !feed.join("site.json").is_file() {
        eprintln!("bench: synthesizing {n} articles into {}", cache.display());
        let _ = std::fs::remove_dir_all(&cache);
        let content = cache.join("content");
        let cargo = |args: &[&str]| -> Result<()> {
            run(Command::new("cargo")
                .current_dir(root)
                .args(["run", "--quiet", "-p", "newsfront-feed", "--"])
                .args(args))?;
            Ok(())
        };
        let content_arg = content.to_string_lossy();
        cargo(&["synth", "--articles", &n.to_string(), &content_arg])?;
        cargo(&["build", &content_arg, &feed.to_string_lossy()])?;
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
