//! End-to-end harness for Newsfront: serve a built `dist/` and drive headless Chromium.
//!
//! A test starts a [`Server`] on the app from [`dist()`], opens a [`Browser`] with a
//! [`BrowserOptions`] preset pointed at the server, and asserts on what the page shows:
//!
//! ```no_run
//! use newsfront_e2e::{dist, Browser, BrowserOptions, Server, DEFAULT_WAIT};
//! let server = Server::start(dist()).unwrap();
//! let mut browser = Browser::new(BrowserOptions::phone().base_url(&server.base_url())).unwrap();
//! browser.goto("/").unwrap();
//! let name = browser.wait_for("header .site-header__name", DEFAULT_WAIT).unwrap();
//! ```

pub mod browser;
pub mod dist;
pub mod server;

pub use browser::{
    artifacts_dir, require_browser_tools, ua, Browser, BrowserOptions, Viewport, DEFAULT_WAIT,
};
pub use dist::{dist, dist_for_public_url, feed_json, list_ids, site_facts, SiteFacts};
pub use server::{Fault, PathMatch, RequestRecord, Rule, Server, ServerOptions};
