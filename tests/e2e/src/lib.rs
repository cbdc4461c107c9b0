//! End-to-end harness for Newsfront: serve a built `dist/` and drive headless Chromium.
pub mod server;
