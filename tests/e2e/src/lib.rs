//! End-to-end harness for Newsfront: serve a built `dist/` and drive headless Chromium.
//!
//! A test starts a [`Server`] on the app from [`dist()`], opens a [`Browser`] with a
//! [`BrowserOptions`] preset pointed at the server, and asserts on what the page shows:
//!
//! ```no_run
//! use newsfront_e2e::{launch, selectors::SITE_NAME, BrowserOptions, DEFAULT_WAIT};
//! # fn main() -> anyhow::Result<()> {
//! let (server, mut browser) = launch(BrowserOptions::phone())?;
//! browser.goto("/")?;
//! let name = browser.wait_for(SITE_NAME, DEFAULT_WAIT)?;
//! assert!(!name.is_empty());
//! assert_eq!(server.request_count("/"), 1);
//! # Ok(()) }
//! ```

pub mod browser;
pub mod dist;
pub mod feed_cases;
pub mod nginx;
pub mod scratch;
pub mod selectors;
pub mod server;
pub mod waline_server;
pub mod worker;

pub use browser::{
    artifacts_dir, require_browser_tools, ua, Browser, BrowserOptions, Network, PageLoadStrategy,
    Viewport, DEFAULT_WAIT,
};
pub use dist::{
    dist, dist_for_public_url, feed_json, list_ids, main_wasm_path, site_facts, SiteFacts,
};
pub use scratch::{detected, install_detector, Detected, ScratchSite};
pub use server::{Fault, PathMatch, RequestRecord, Rule, Server, ServerOptions};

/// The seed article: the seed portal's real article (sample/articles/158efa5accffce1b.md),
/// which most tests read.
pub const SEED: &str = "158efa5accffce1b";

/// Serve the app built for `public_url` (e.g. `/news/`) under that prefix, and open a browser
/// pointed at it; [`Browser::goto`] paths are then relative to the prefix (`/a/x` →
/// `/news/a/x`).
pub fn launch_at(public_url: &str, options: BrowserOptions) -> anyhow::Result<(Server, Browser)> {
    require_browser_tools()?;
    let server =
        Server::start_with(ServerOptions::new(dist_for_public_url(public_url)).prefix(public_url))?;
    let browser = Browser::new(options.base_url(&server.base_url()))?;
    Ok((server, browser))
}

/// Serve the app from [`dist()`] at `/` and open a browser pointed at it.
/// Drop order of the tuple is server first, then browser; both clean up after themselves.
pub fn launch(options: BrowserOptions) -> anyhow::Result<(Server, Browser)> {
    require_browser_tools()?;
    let server = Server::start(dist())?;
    let browser = Browser::new(options.base_url(&server.base_url()))?;
    Ok((server, browser))
}
