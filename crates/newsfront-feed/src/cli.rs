//! Command-line interface: the subcommands and their arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Builds and validates Newsfront feeds (the static JSON files the app reads).
#[derive(Parser, Debug)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Builds CONTENT_DIR (site.toml, articles/*.md, comments/*.toml, images/) into OUT_DIR.
    /// OUT_DIR is replaced only when the whole build is valid.
    /// Images are made into smaller, cleaned copies, cached by content in --cache.
    Build {
        content_dir: PathBuf,
        out_dir: PathBuf,
        /// Image cache folder [default: $NEWSFRONT_IMAGE_CACHE, else
        /// $XDG_CACHE_HOME/newsfront/images or ~/.cache/newsfront/images].
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
        /// Comments from this Waline server (http(s) URL), whatever site.toml says: for a demo
        /// or test server [default: $NEWSFRONT_WALINE_SERVER].
        #[arg(long, value_name = "URL")]
        waline_server: Option<String>,
    },
    /// Checks a feed directory against the contract and across files.
    Validate { feed_dir: PathBuf },
    /// Writes a synthetic content directory with N articles over the 7 sample categories.
    Synth {
        #[arg(long)]
        articles: usize,
        content_out: PathBuf,
    },
    /// Writes the JSON Schema of the feed files.
    Schema { out_file: PathBuf },
    /// Synthesizes N articles in a temporary folder, builds them and prints the build time and
    /// the largest list page (run with --release for meaningful numbers).
    BenchScale {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
    },
}
