//! The `newsfront-site` binary: parse arguments, run, print the error chain and exit 2 on failure.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use newsfront_site::{compress, nginx, post_build, read_csp, refresh, retain, PostBuild, Strict};

/// The post-build pipeline of a Newsfront site, and the deploy helpers that read its output.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// trunk's post_build hook: builds the feed into DIST/feed, splits the app's wasm into chunks
    /// and checks every module for old engines, prerenders every page, writes the first stage
    /// and the Content-Security-Policy; release builds are optimised and precompressed.
    PostBuild {
        /// trunk's staging folder ($TRUNK_STAGING_DIR).
        dist: PathBuf,
        /// cargo's wasm of the app before wasm-bindgen, linked with --emit-relocs
        /// ($CARGO_TARGET_DIR/wasm32-unknown-unknown/$TRUNK_PROFILE/newsfront.wasm).
        #[arg(long)]
        cargo_wasm: PathBuf,
        /// Content folder to build the feed from [default: $NEWSFRONT_CONTENT, else sample].
        #[arg(long)]
        content: Option<PathBuf>,
        /// `/` or `/news/` [default: $TRUNK_PUBLIC_URL, else index.html's <base href>].
        #[arg(long)]
        public_url: Option<String>,
        /// Optimise the wasm and precompress [default: when $TRUNK_PROFILE is release].
        #[arg(long)]
        release: bool,
    },
    /// Rewrites the pages of a built DIST from its feed (rebuilt from --content first, if given),
    /// without trunk or a wasm build: for publishing new content.
    Refresh {
        dist: PathBuf,
        #[arg(long)]
        content: Option<PathBuf>,
    },
    /// Copies into DIST the hashed files (scripts, wasm chunks, styles, icons, feed images) of
    /// the dist deployed before it that DIST lacks, for readers whose open tab still runs the
    /// previous build; files gone from the builds for DAYS are dropped. Records in
    /// DIST/retained.json when each file left the current build.
    Retain {
        dist: PathBuf,
        /// The dist deployed before (the docroot's copy, or the last build's output).
        #[arg(long)]
        from: PathBuf,
        #[arg(long, default_value_t = retain::DEFAULT_DAYS)]
        days: u64,
    },
    /// Prints the policy of a built DIST (for a host's header).
    Csp { dist: PathBuf },
    /// Writes DIST/x.gz and DIST/x.br beside every large text or wasm file.
    Compress { dist: PathBuf },
    /// Prints the nginx server config for the app at DOCROOT + PUBLIC_URL.
    NginxConf {
        /// The folder that holds the app at the public URL (DOCROOT/news/index.html).
        #[arg(long)]
        docroot: PathBuf,
        #[arg(long, default_value = "/")]
        public_url: String,
        #[arg(long, default_value = "80")]
        listen: String,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("newsfront-site: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> anyhow::Result<String> {
    let env = |key: &str| std::env::var(key).ok().filter(|v| !v.is_empty());
    match command {
        Command::PostBuild {
            dist,
            cargo_wasm,
            content,
            public_url,
            release,
        } => {
            let job = PostBuild {
                cargo_wasm,
                content: content
                    .or_else(|| env("NEWSFRONT_CONTENT").map(PathBuf::from))
                    .unwrap_or_else(|| PathBuf::from("sample")),
                public_url: public_url.or_else(|| env("TRUNK_PUBLIC_URL")),
                release: release || env("TRUNK_PROFILE").as_deref() == Some("release"),
                dist,
            };
            post_build(&job).map(|s| format!("newsfront-site: {s}"))
        }
        Command::Refresh { dist, content } => {
            refresh(&dist, content.as_deref(), Strict::Yes).map(|s| format!("newsfront-site: {s}"))
        }
        Command::Retain { dist, from, days } => retain::retain(&from, &dist, days, retain::now())
            .map(|r| {
                format!("newsfront-site: {r} (kept for {days} days after they leave a build)")
            }),
        Command::Csp { dist } => read_csp(&dist),
        Command::Compress { dist } => compress::compress_dist(&dist).map(|n| {
            format!(
                "newsfront-site: wrote .gz and .br for {n} files in {}",
                dist.display()
            )
        }),
        Command::NginxConf {
            docroot,
            public_url,
            listen,
        } => {
            let dist = docroot.join(public_url.trim_matches('/'));
            let docroot = std::fs::canonicalize(&docroot).unwrap_or(docroot);
            nginx::render(&nginx::NginxSite {
                docroot: &docroot.to_string_lossy(),
                public_url: &public_url,
                listen: &listen,
                csp: &read_csp(&dist)?,
            })
        }
    }
}
