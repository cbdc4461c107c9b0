//! The sites both engines are measured on, under target/bench-search/: the release dist as
//! built (the sample feed), and a copy with the synthetic feed of N articles and its N
//! prerendered article pages (`newsfront-site refresh`), each with Pagefind's bundle beside the
//! app and the small page that drives Pagefind's JS API.

use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};

use crate::nginx::copy_dir;
use crate::scale::{cargo_run, synth_content};

/// Where the page that drives Pagefind is served, below the site's base path.
pub const PAGEFIND_PAGE: &str = "bench-pagefind/";
const PAGE_HTML: &str = include_str!("../js/pagefind_page.html");
const PAGE_JS: &str = include_str!("../js/pagefind_page.js");
const WORKER_JS: &str = include_str!("../js/pagefind_worker.js");

/// What `newsfront-feed build` of the synthetic content reported.
pub struct FeedBuild {
    pub seconds: f64,
    /// The search index's own seconds; `None` when the builder writes no index.
    pub search_seconds: Option<f64>,
}

/// A fresh copy of the dist (its sample feed) with the Pagefind page.
pub fn sample(root: &Path, dist: &Path) -> Result<PathBuf> {
    let www = root.join("target/bench-search/www-sample");
    if www.exists() {
        std::fs::remove_dir_all(&www)?;
    }
    copy_dir(dist, &www)?;
    add_page(&www)?;
    Ok(www)
}

/// The dist with the synthetic feed of `n` articles and a prerendered page for each, made again
/// when the dist's app or the built feed changed (with or without an index); and the report of
/// a fresh feed build of the same content, timed every run.
pub fn synthetic(root: &Path, dist: &Path, n: usize) -> Result<(PathBuf, FeedBuild)> {
    let base = root.join("target/bench-search");
    let content = synth_content(root, n)?;
    // Timed every run: the number is the row. Images come from the builder's cache.
    let feed = base.join(format!("feed-{n}"));
    eprintln!("bench: newsfront-feed build of {n} articles");
    let report = cargo_run(
        root,
        "newsfront-feed",
        &["build", &path(&content), &path(&feed)],
    )?;
    let build = parse_build(&report)?;

    let www = base.join(format!("www-{n}"));
    let stamp = format!(
        "{}\n{}",
        stamp_of(&dist.join("app.html"))?,
        std::fs::read_to_string(feed.join("site.json"))?.len()
            + usize::from(feed.join("search/index.json").is_file())
    );
    let stamp_file = base.join(format!("www-{n}.stamp"));
    if std::fs::read_to_string(&stamp_file).ok().as_deref() != Some(stamp.as_str())
        || !www.join("a/synth-00000/index.html").is_file()
    {
        eprintln!(
            "bench: prerendering {n} article pages into {}",
            www.display()
        );
        let _ = std::fs::remove_file(&stamp_file);
        if www.exists() {
            std::fs::remove_dir_all(&www)?;
        }
        copy_dir(dist, &www)?;
        // The sample's article pages would stay beside the new ones (and be indexed).
        std::fs::remove_dir_all(www.join("a"))?;
        std::fs::remove_dir_all(www.join("feed"))?;
        copy_dir(&feed, &www.join("feed"))?;
        // Without app.html.br the refresh leaves the pages uncompressed (nginx gzips pages on
        // the fly): brotli for 10 000 pages would take many minutes and is not measured here.
        for ext in ["html.br", "html.gz"] {
            let _ = std::fs::remove_file(www.join("app").with_extension(ext));
        }
        cargo_run(root, "newsfront-site", &["refresh", &path(&www)])?;
        std::fs::write(&stamp_file, &stamp)?;
    }
    add_page(&www)?;
    Ok((www, build))
}

/// The page that drives Pagefind's JS API (no inline script: it runs under the site's policy).
fn add_page(www: &Path) -> Result<()> {
    let dir = www.join(PAGEFIND_PAGE);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("index.html"), PAGE_HTML)?;
    std::fs::write(dir.join("page.js"), PAGE_JS)?;
    std::fs::write(dir.join("worker.js"), WORKER_JS)?;
    Ok(())
}

/// `built … articles, …, a search index of T terms in F files (S s) in TOTAL s -> FEED`.
fn parse_build(report: &str) -> Result<FeedBuild> {
    let line = report
        .lines()
        .find(|l| l.starts_with("built "))
        .with_context(|| format!("newsfront-feed build said no `built …` line:\n{report}"))?;
    let line = line.split(" -> ").next().unwrap_or(line);
    let seconds_before = |s: &str| -> Option<f64> {
        s.trim_end()
            .strip_suffix(" s")?
            .rsplit(['(', ' '])
            .next()?
            .parse()
            .ok()
    };
    let total = line
        .rsplit_once(" in ")
        .and_then(|(_, t)| seconds_before(t));
    let search = line
        .split_once("search index")
        .and_then(|(_, rest)| rest.split_once(')'))
        .and_then(|(inside, _)| seconds_before(inside));
    Ok(FeedBuild {
        seconds: total.with_context(|| format!("no total time in `{line}`"))?,
        search_seconds: search,
    })
}

fn stamp_of(file: &Path) -> Result<String> {
    let m = std::fs::metadata(file).with_context(|| file.display().to_string())?;
    ensure!(m.is_file(), "{} is not a file", file.display());
    Ok(format!("{} {:?}", m.len(), m.modified()?))
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}
