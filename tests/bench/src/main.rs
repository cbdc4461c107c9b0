//! The performance benchmark: Newsfront's release dist on nginx with the shipped config, the
//! static page of the seed article beside it (the physical limit), and the Preact peer of the
//! same feed, driven alternately in Debian's headless Chromium with Lighthouse's mobile settings
//! through CDP. Prints Markdown tables; not a test. Run `scripts/bench.sh` (docs/performance.md).

mod args;
mod browser;
mod code;
mod files;
mod heap;
mod images;
mod lighthouse;
mod load;
mod nav;
mod net;
mod nginx;
mod peer;
mod probe;
mod report;
mod results;
mod runs;
mod scale;
mod search;
mod session;
mod sites;
mod static_page;
mod stats;
mod taps;
mod throttle;
mod worker_cost;

use std::process::Command;

use anyhow::{ensure, Context, Result};

use sites::{Sites, Variant};

/// The seed article: every page is measured on it.
pub use newsfront_e2e::SEED;

fn main() -> Result<()> {
    let root = newsfront_e2e::dist::workspace_root();
    let args = args::parse(&root)?;
    let dist = args.dist.canonicalize().with_context(|| {
        format!(
            "{} is missing: build it once with `scripts/build.sh --out target/bench-dist`",
            args.dist.display()
        )
    })?;
    if args.images_only {
        let server = newsfront_e2e::Server::start(&dist)?;
        let rows = images::run(&root, &server.base_url(), &dist, args.photos)?;
        images::print(&rows);
        return Ok(());
    }
    if args.search_only {
        return search::run(&root, &dist, args.scale_articles);
    }
    let code = code::newsfront(&dist)?;
    let worker = code::worker(&dist)?;
    ensure!(
        code.iter().any(|f| f.is_wasm() && f.brotli.is_some()),
        "{} has no precompressed wasm: build it with scripts/build.sh",
        dist.display()
    );
    if args.worker_only {
        let work = tempfile::Builder::new()
            .prefix("newsfront-bench-")
            .tempdir()?;
        let docroot = work.path().join("www");
        nginx::copy_dir(&dist, &docroot)?;
        let expect = sites::first_paragraph(&sites::seed_article(&dist)?);
        let pages = worker_cost::pages(&dist, &expect)?;
        let rows = worker_cost::run(work.path(), &docroot, pages, args.runs)?;
        worker_cost::print(&rows, args.runs);
        return Ok(());
    }
    let peer = args.peer_out.as_deref().map(peer::bundle).transpose()?;

    let work = tempfile::Builder::new()
        .prefix("newsfront-bench-")
        .tempdir()?;
    let article = sites::seed_article(&dist)?;
    let expect = sites::first_paragraph(&article);
    let sites = Sites::start(work.path(), &dist, args.peer_out.as_deref(), &article)?;
    let chromium =
        nginx::run(Command::new(newsfront_e2e::browser::chromium_path()).arg("--version"))
            .unwrap_or_default();
    let variants = sites.variants();
    eprintln!(
        "bench: {} at {}, {}",
        variants
            .iter()
            .map(|v| v.name())
            .collect::<Vec<_>>()
            .join(", "),
        sites.base(Variant::Newsfront),
        chromium.trim()
    );

    let mut r = runs::measure(&sites, &args, &expect);
    if args.scale_articles > 0 {
        r.scale = Some(scale::check(
            &root,
            work.path(),
            &sites.docroot,
            sites.base(Variant::Newsfront),
            args.scale_articles,
        )?);
    }
    for (name, path) in [
        ("home /", "/".to_string()),
        ("article", Variant::Newsfront.deep_link()),
    ] {
        for _ in 0..args.lighthouse_runs {
            eprintln!("bench: lighthouse {path}");
            let url = format!("{}{path}", sites.base(Variant::Newsfront));
            r.lighthouse
                .push((name, lighthouse::run_once(&root, &url)?));
        }
    }

    let worker_rows = worker_cost::run(
        work.path(),
        &sites.docroot,
        worker_cost::pages(&dist, &expect)?,
        args.runs,
    )?;
    let photo_rows = images::run(&root, sites.base(Variant::Newsfront), &dist, args.photos)?;
    report::print(
        &report::Context {
            dist: &args.dist.display().to_string(),
            chromium: chromium.trim(),
            runs: args.runs,
            variants,
            code: &code,
            worker: &worker,
            peer: peer.as_ref(),
            static_html_len: sites.static_html_len,
        },
        &r,
    );
    worker_cost::print(&worker_rows, args.runs);
    images::print(&photo_rows);
    Ok(())
}
