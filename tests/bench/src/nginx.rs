//! The shipped nginx config (run by `newsfront_e2e::nginx`, as the nginx tests run it), plus
//! one benchmark-only location for the static page.

use std::path::Path;

use anyhow::{Context, Result};
pub use newsfront_e2e::dist::copy_dir;
pub use newsfront_e2e::nginx::{run, Nginx};

/// Where the static "physical limit" page is served, beside the app on the same server.
pub const STATIC_PREFIX: &str = "/bench-static/";

/// nginx serving `docroot` (the app at `/`, already compressed, and `bench-static/`).
pub fn serve(docroot: &Path) -> Result<Nginx> {
    Nginx::start(temp_dir()?, docroot, "/", add_static_location)
}

/// nginx serving another app at `/` under the shipped config and Newsfront's policy `csp`.
pub fn serve_with_csp(docroot: &Path, csp: &str) -> Result<Nginx> {
    Nginx::start_with_csp(temp_dir()?, docroot, "/", csp, Ok)
}

fn temp_dir() -> Result<tempfile::TempDir> {
    Ok(tempfile::Builder::new()
        .prefix("newsfront-bench-nginx-")
        .tempdir()?)
}

/// The static page gets its own location: gzip on (text/html is always in gzip_types), and its
/// own headers, since the app's Content-Security-Policy would block the page's inline `<style>`
/// (a location's add_header replaces the server's). Everything else is the shipped config.
fn add_static_location(server: String) -> Result<String> {
    let end = server
        .rfind('}')
        .context("rendered nginx config has no closing brace")?;
    Ok(format!(
        "{}\n    # newsfront-bench only: the static page of the seed article.\n    \
         location ^~ {STATIC_PREFIX} {{\n        gzip on;\n        gzip_min_length 0;\n        \
         add_header Cache-Control no-cache;\n        try_files $uri =404;\n    }}\n{}",
        &server[..end],
        &server[end..]
    ))
}
