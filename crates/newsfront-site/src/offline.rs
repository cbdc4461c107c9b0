//! Reading offline: the service worker `sw.js` (boot/sw.js with this build's files, the feed
//! format and the site's `offline` settings filled in) and the offline page it shows for a page
//! that was never saved (`offline-{hash}.html`: the app's `OfflinePage` with the tokens and
//! style/offline.css, no script). docs/offline.md explains the worker's rules.

use std::fs;
use std::path::Path;

use anyhow::{bail, ensure, Context, Result};
use newsfront_core::{Site, FORMAT_VERSION};
use serde::{Deserialize, Serialize};

use crate::hash::{csp_source, short_hex};
use crate::page::attr_escape;

/// The worker's file name, at the public URL: its scope is then the whole site.
pub const WORKER: &str = "sw.js";
/// The worker's source; `newsfront-site` replaces [`PLACEHOLDER`] with the build's [`Build`].
const WORKER_SOURCE: &str = include_str!("../../../boot/sw.js");
const PLACEHOLDER: &str = "\"__NEWSFRONT_BUILD__\"";
/// The offline page's own styles (beside the tokens).
const OFFLINE_CSS: &str = include_str!("../../../style/offline.css");

/// The app's hashed files, as a build wrote them (names relative to the public URL).
#[derive(Clone, Debug, PartialEq)]
pub struct AppFiles {
    pub first_stage: String,
    /// The module the first stage starts.
    pub start: String,
    /// The main module, its wasm, the split loader and the chunks.
    pub modules: Vec<String>,
}

/// What the worker knows of its build: the object boot/sw.js calls `BUILD`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Build {
    /// Changes with any file the worker serves from its cache: a new worker installs.
    pub version: String,
    /// The feed format: saved feed files of another format are dropped.
    pub format: u32,
    /// Kept when the worker installs (the first stage: every page needs it offline, and the
    /// page that registered the worker just loaded it).
    pub core: Vec<String>,
    /// Kept when they cost no download, or when first used.
    pub assets: Vec<String>,
    /// The app's plain shell, for a route whose feed files are saved but not its page.
    pub shell: String,
    /// The start module (a saved page whose app is missing is served without starting it).
    pub start: String,
    pub offline: String,
    /// `site.json` → `offline`.
    pub articles: u32,
    pub max_bytes: u64,
}

/// Writes the offline page and the worker into `dist`; returns the worker's build.
pub fn write(
    dist: &Path,
    site: &Site,
    public_url: &str,
    pages: &OfflinePage,
    app: &AppFiles,
    icons: &[String],
) -> Result<Build> {
    let html = offline_page(site, public_url, pages)?;
    let offline = format!("offline-{}.html", short_hex(html.as_bytes()));
    write_file(&dist.join(&offline), &html)?;
    let shell = fs::read(dist.join(crate::FALLBACK))
        .with_context(|| format!("reading {}", dist.join(crate::FALLBACK).display()))?;
    let mut build = Build {
        version: String::new(),
        format: FORMAT_VERSION,
        core: vec![app.first_stage.clone()],
        assets: std::iter::once(&app.start)
            .chain(&app.modules)
            .chain(icons)
            .cloned()
            .collect(),
        shell: crate::FALLBACK.to_string(),
        start: app.start.clone(),
        offline,
        articles: site.offline.articles,
        max_bytes: site.offline.max_bytes,
    };
    // Everything the worker serves from its cache, and its own code: a change to any is a new
    // worker, which installs and takes over.
    let fingerprint = [
        WORKER_SOURCE.as_bytes(),
        serde_json::to_string(&build)?.as_bytes(),
        &shell,
    ]
    .concat();
    build.version = short_hex(&fingerprint);
    write_file(&dist.join(WORKER), &worker(&build)?)?;
    Ok(build)
}

/// boot/sw.js with `BUILD` filled in and its comment lines left out (every reader's first
/// visit downloads it: docs/offline.md, Cost).
pub fn worker(build: &Build) -> Result<String> {
    ensure!(
        WORKER_SOURCE.matches(PLACEHOLDER).count() == 1,
        "boot/sw.js must hold {PLACEHOLDER} exactly once"
    );
    let code: String = WORKER_SOURCE
        .lines()
        .filter(|l| !l.trim_start().starts_with("//") && !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    Ok(code.replace(PLACEHOLDER, &serde_json::to_string(build)?))
}

/// The app's files as the worker of a built dist lists them: what a refresh of its pages
/// keeps. `None` for a dist without a worker (built before there was one, or by `trunk serve`).
pub fn read_app_files(dist: &Path) -> Result<Option<AppFiles>> {
    let path = dist.join(WORKER);
    if !path.is_file() {
        return Ok(None);
    }
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let Some(json) = text
        .lines()
        .find_map(|l| l.strip_prefix("const BUILD = "))
        .and_then(|l| l.strip_suffix(';'))
    else {
        bail!("{} is not a worker newsfront-site wrote", path.display());
    };
    let build: Build =
        serde_json::from_str(json).with_context(|| format!("{}: BUILD", path.display()))?;
    let first_stage = build.core.first().cloned().unwrap_or_default();
    let modules = build
        .assets
        .iter()
        .filter(|a| **a != build.start && !a.starts_with("icon-"))
        .cloned()
        .collect();
    Ok(Some(AppFiles {
        first_stage,
        start: build.start,
        modules,
    }))
}

/// What the offline page shares with the site's pages.
pub struct OfflinePage<'a> {
    /// `<html lang>` of the pages.
    pub lang: &'a str,
    /// style/tokens.css as the pages carry it.
    pub tokens_css: &'a str,
    pub theme_color: &'a str,
}

/// The offline page: no script, its one style allowed by hash, links under the public URL
/// (it is served at whatever address could not be loaded, so nothing in it is relative).
pub fn offline_page(site: &Site, public_url: &str, page: &OfflinePage) -> Result<String> {
    let css = format!("{}\n{OFFLINE_CSS}", page.tokens_css);
    ensure!(
        !css.contains("</"),
        "the offline page's styles contain '</', which would end its <style>"
    );
    let policy = format!(
        "default-src 'none'; style-src {}; img-src 'self'; base-uri 'none'; form-action 'none'",
        csp_source(&css)
    );
    let title = format!("{} - {}", newsfront::strings::OFFLINE_PAGE_TITLE, site.name);
    Ok(format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n  <meta charset=\"utf-8\">\n  \
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n  \
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n  \
         <meta name=\"theme-color\" content=\"{theme}\">\n  <meta name=\"robots\" content=\"noindex\">\n  \
         <title>{title}</title>\n  <link rel=\"icon\" type=\"image/svg+xml\" href=\"{icon}\">\n  \
         <style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        lang = attr_escape(page.lang),
        policy = attr_escape(&policy),
        theme = attr_escape(page.theme_color),
        title = attr_escape(&title),
        icon = attr_escape(&format!("{public_url}favicon.svg")),
        body = newsfront::prerender::offline_page(site, public_url),
    ))
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build() -> Build {
        Build {
            version: "0123456789abcdef".into(),
            format: 1,
            core: vec!["first-stage-aa.js".into()],
            assets: vec![
                "newsfront-loader-cc.js".into(),
                "newsfront-dd.js".into(),
                "icon-192-ee.png".into(),
            ],
            shell: "app.html".into(),
            start: "newsfront-loader-cc.js".into(),
            offline: "offline-bb.html".into(),
            articles: 20,
            max_bytes: 10_000_000,
        }
    }

    #[test]
    fn the_worker_carries_its_build_on_one_line_that_a_refresh_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let js = worker(&build()).unwrap();
        assert!(!js.contains("__NEWSFRONT_BUILD__"));
        assert!(
            js.contains("\"maxBytes\":10000000"),
            "camelCase for the worker"
        );
        fs::write(dir.path().join(WORKER), &js).unwrap();
        let app = read_app_files(dir.path()).unwrap().unwrap();
        assert_eq!(
            app,
            AppFiles {
                first_stage: "first-stage-aa.js".into(),
                start: "newsfront-loader-cc.js".into(),
                modules: vec!["newsfront-dd.js".into()],
            }
        );
        assert_eq!(read_app_files(&dir.path().join("none")).unwrap(), None);
    }
}
