//! Every end-to-end test, linked into one binary (ripgrep's tests/tests.rs): one module per
//! concern, over the harness in `src/` (README.md lists them). Run one module with
//! `cargo test -p newsfront-e2e --test e2e -- <module>::`.

mod boot;
mod comments;
mod first_stage;
mod foreign_hosts;
mod harden_timing;
mod harness;
mod history_guard;
mod hostile_feeds;
mod images;
mod injection;
mod list_limits;
mod network_faults;
mod nginx;
mod offline;
mod one_verdict;
mod page_width;
mod prerender;
mod reach;
mod reader;
mod render_budget;
mod search;
mod share;
mod subpath;
mod webview;
