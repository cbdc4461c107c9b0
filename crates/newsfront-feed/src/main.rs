//! The `newsfront-feed` binary: parse arguments, run, print every problem, exit 2 on failure.

use std::process::ExitCode;

use clap::Parser;

use newsfront_feed::cli::{Cli, Command};
use newsfront_feed::{bench_scale, build_with, synth, validate, write_schema, BuildOptions};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            content_dir,
            out_dir,
            cache,
            waline_server,
        } => {
            let mut options = BuildOptions::default();
            if let Some(dir) = cache {
                options.cache = dir;
            }
            options.waline_server = waline_server.or_else(newsfront_feed::waline_server_from_env);
            build_with(&content_dir, &out_dir, &options)
                .map(|s| format!("{s} -> {}", out_dir.display()))
        }
        Command::Validate { feed_dir } => validate(&feed_dir).map(|s| s.to_string()),
        Command::Synth {
            articles,
            content_out,
        } => synth::synth(articles, &content_out)
            .map(|()| format!("wrote {articles} articles to {}", content_out.display())),
        Command::Schema { out_file } => {
            write_schema(&out_file).map(|()| format!("wrote {}", out_file.display()))
        }
        Command::BenchScale { articles } => bench_scale(articles),
    };
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
