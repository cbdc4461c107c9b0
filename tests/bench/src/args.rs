//! Command-line options of `newsfront-bench` (scripts/bench.sh passes them through).

use std::path::{Path, PathBuf};

use anyhow::{bail, ensure, Context, Result};

pub struct Args {
    pub dist: PathBuf,
    /// The peer's build output (`build.mjs` OUT: `peer/`, `peer-prerendered/`, `build.json`);
    /// `None` leaves the peer out.
    pub peer_out: Option<PathBuf>,
    pub runs: usize,
    pub lighthouse_runs: usize,
    pub scale_articles: usize,
    /// Whether to measure the first working tap (four settings per variant and run).
    pub taps: bool,
    /// Copies of the 16 MB photo for the build rows (images.rs); 0 skips them.
    pub photos: usize,
    /// Only the photo rows, on any dist, without nginx.
    pub images_only: bool,
    /// Only the search rows (search/), on `scale_articles` synthetic articles.
    pub search_only: bool,
    /// Only the service worker's cost rows (worker_cost.rs), on the release dist.
    pub worker_only: bool,
}

const USAGE: &str = "usage: newsfront-bench [--dist DIR] [--peer-out DIR] [--runs N] \
     [--lighthouse-runs N (0: skip)] [--scale-articles N (0: skip)] [--no-taps] \
     [--photos N (0: skip)] [--images-only] [--worker-only] [--search-only]";

pub fn parse(root: &Path) -> Result<Args> {
    let mut a = Args {
        dist: root.join("target/bench-dist"),
        peer_out: None,
        runs: 5,
        lighthouse_runs: 3,
        scale_articles: 10_000,
        taps: true,
        photos: 200,
        images_only: false,
        search_only: false,
        worker_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--dist" => a.dist = PathBuf::from(value("--dist")?),
            "--peer-out" => a.peer_out = Some(PathBuf::from(value("--peer-out")?)),
            "--runs" => a.runs = value("--runs")?.parse()?,
            "--lighthouse-runs" => a.lighthouse_runs = value("--lighthouse-runs")?.parse()?,
            "--scale-articles" => a.scale_articles = value("--scale-articles")?.parse()?,
            "--no-taps" => a.taps = false,
            "--photos" => a.photos = value("--photos")?.parse()?,
            "--images-only" => a.images_only = true,
            "--search-only" => a.search_only = true,
            "--worker-only" => a.worker_only = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown option {other} (try --help)"),
        }
    }
    ensure!(a.runs >= 1, "--runs must be at least 1");
    Ok(a)
}
