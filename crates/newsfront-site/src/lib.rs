//! newsfront-site: the post-build pipeline that turns trunk's output into the deployable site.
//!
//! [`post_build`] runs, in order: the feed build (`newsfront-feed`), the wasm split ([`split`]:
//! chunks, wasm-bindgen, wasm-opt, hashed names), the manifest and its icons ([`manifest`]), the
//! pages ([`prerender`], then one HTML pass per page in [`page`]: head, content, inline styles,
//! the first stage, the policy from [`csp`]), the service worker and the offline page
//! ([`offline`]), the old-engine check of every wasm file ([`wasm`]), and for release builds the
//! precompression ([`compress`]). trunk's post_build hook runs it as one command. [`refresh`]
//! rewrites the pages of a built site after its feed changed, without trunk or a wasm build;
//! [`retain`] keeps the previous build's hashed files in a new dist for readers mid-session.
//! The binary (`main.rs`) is argument glue.

// `to_html` on the article view nests deeper than the default limit.
#![recursion_limit = "256"]

pub mod compress;
pub mod csp;
pub mod hash;
pub mod manifest;
pub mod nginx;
pub mod offline;
pub mod page;
pub mod prerender;
pub mod retain;
pub mod split;
pub mod wasm;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use newsfront_core::{parse_site, paths};

use offline::AppFiles;
use page::{Install, PageSpec, Route, Scripts, Start, Template};

/// The SPA fallback page: index.html as trunk wrote it, with the app's shell. The home page
/// replaces index.html; `app.html` must not show the home list before the app renders a
/// not-found page for an unknown path. It is also the template of a [`refresh`].
pub const FALLBACK: &str = "app.html";

/// The first stage: every control works from the first paint; it starts the app when needed.
const FIRST_STAGE: &str = include_str!("../../../boot/first-stage.js");

/// What the post-build step works on.
pub struct PostBuild {
    /// trunk's staging folder (`$TRUNK_STAGING_DIR`), rewritten in place.
    pub dist: PathBuf,
    /// The content folder the feed is built from (site.toml, articles/, …).
    pub content: PathBuf,
    /// cargo's wasm of the app, before wasm-bindgen (linked with `--emit-relocs`).
    pub cargo_wasm: PathBuf,
    /// `/` or `/news/`; `None` reads index.html's `<base href>`.
    pub public_url: Option<String>,
    /// Release builds are optimised and precompressed.
    pub release: bool,
}

/// What a run did, for its log line.
#[derive(Debug)]
pub struct Summary {
    pub feed: Option<newsfront_feed::BuildSummary>,
    pub chunks: usize,
    pub pages: usize,
    pub compressed: usize,
    pub csp: Option<String>,
    /// Why the site cannot be installed (no logo to make icons from), if so.
    pub warning: Option<String>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(feed) = &self.feed {
            write!(f, "{feed}; ")?;
        }
        write!(f, "{} prerendered pages", self.pages)?;
        if self.chunks > 0 {
            write!(f, "; the app in a main module and {} chunks", self.chunks)?;
        }
        if self.compressed > 0 {
            write!(f, "; .gz/.br for {} files", self.compressed)?;
        }
        if let Some(warning) = &self.warning {
            write!(f, "; warning: {warning}")?;
        }
        match &self.csp {
            Some(_) => Ok(()),
            None => f.write_str("; trunk serve build: no Content-Security-Policy meta tag"),
        }
    }
}

/// trunk's post_build hook.
pub fn post_build(job: &PostBuild) -> Result<Summary> {
    let dist = &job.dist;
    let feed = newsfront_feed::build_with(&job.content, &dist.join("feed"), &feed_options())?;
    let template = Template::parse(read(&dist.join("index.html"))?)?;
    if template.scripts.is_some() {
        bail!(
            "{} was already processed",
            dist.join("index.html").display()
        );
    }
    let public_url = job
        .public_url
        .clone()
        .unwrap_or_else(|| prerender::base_href(&template.html).to_string());

    let app = split::split_app(&job.cargo_wasm, dist, job.release)?;
    let start_module = write_hashed(dist, "newsfront-loader", &split::start_module(&app))?;
    let first_stage = write_hashed(dist, "first-stage", FIRST_STAGE)?;
    let url = |name: &str| format!("{public_url}{name}");
    let scripts = Scripts {
        first_stage: url(&first_stage),
        start_module: url(&start_module),
        preload_modules: [Some(&start_module), Some(&app.main_js), app.loader.as_ref()]
            .into_iter()
            .flatten()
            .map(|m| url(m))
            .collect(),
        preload_wasm: Some(url(&app.main_wasm)),
    };
    let styles = read_styles(dist, &template, &public_url)?;
    let modules = [
        Some(&app.main_js),
        Some(&app.main_wasm),
        app.loader.as_ref(),
    ]
    .into_iter()
    .flatten()
    .chain(&app.chunks)
    .cloned()
    .collect();
    let files = AppFiles {
        first_stage,
        start: start_module,
        modules,
    };
    let written = write_pages(
        dist,
        &template,
        &scripts,
        &styles,
        &public_url,
        Strict::Yes,
        Some(&files),
    )?;

    wasm::validate_dist(dist)?;
    let compressed = if job.release {
        compress::compress_dist(dist)?
    } else {
        0
    };
    Ok(Summary {
        feed: Some(feed),
        chunks: app.chunks.len(),
        pages: written.pages,
        compressed,
        csp: written.csp,
        warning: written.warning,
    })
}

/// Rewrites the pages of a built site from its feed (rebuilt from `content` first, if given),
/// with its own `app.html` as the template: for a content update without rebuilding the app.
/// A page whose feed file is broken is removed when `strict` is `No` (the app then serves that
/// route from the fallback and shows what is wrong), and is an error otherwise.
pub fn refresh(dist: &Path, content: Option<&Path>, strict: Strict) -> Result<Summary> {
    let feed = content
        .map(|c| newsfront_feed::build_with(c, &dist.join("feed"), &feed_options()))
        .transpose()?;
    let template = Template::parse(read(&dist.join(FALLBACK))?)?;
    let Some(scripts) = template.scripts.clone() else {
        bail!(
            "{} is not a page newsfront-site wrote",
            dist.join(FALLBACK).display()
        );
    };
    let public_url = prerender::base_href(&template.html).to_string();
    // The worker lists the app's files; the app is unchanged, so the list is.
    let files = offline::read_app_files(dist)?;
    let written = write_pages(
        dist,
        &template,
        &scripts,
        &HashMap::new(),
        &public_url,
        strict,
        files.as_ref(),
    )?;
    // A release dist carries companions: they must match the pages and feed now.
    let compressed = if dist.join(FALLBACK).with_extension("html.br").is_file() {
        compress::compress_dist(dist)?
    } else {
        0
    };
    Ok(Summary {
        feed,
        chunks: 0,
        pages: written.pages,
        compressed,
        csp: written.csp,
        warning: written.warning,
    })
}

/// The feed build's options from the environment (`$NEWSFRONT_IMAGE_CACHE`,
/// `$NEWSFRONT_WALINE_SERVER`), as `newsfront-feed build` reads them.
fn feed_options() -> newsfront_feed::BuildOptions {
    newsfront_feed::BuildOptions {
        waline_server: newsfront_feed::waline_server_from_env(),
        ..Default::default()
    }
}

/// Whether a page that cannot be rendered stops the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strict {
    Yes,
    No,
}

/// What [`write_pages`] wrote.
struct Written {
    /// Prerendered pages.
    pages: usize,
    csp: Option<String>,
    warning: Option<String>,
}

/// The manifest and its icons, `app.html` and every prerendered page, then the offline page and
/// the service worker (when the app's files are known, and not for `trunk serve`, whose pages
/// change under a running worker).
fn write_pages(
    dist: &Path,
    template: &Template,
    scripts: &Scripts,
    styles: &HashMap<String, String>,
    public_url: &str,
    strict: Strict,
    app: Option<&AppFiles>,
) -> Result<Written> {
    let site_text = read_feed_text(&dist.join(paths::site()))?;
    let site = Arc::new(parse_site(&site_text).with_context(paths::site)?);
    // What the site file had that the app leaves out (and `validate` reports) stops no build.
    for skipped in &site.skipped {
        eprintln!("newsfront-site: warning: {}: {skipped}", paths::site());
    }
    let csp = if template.dev_reload {
        None
    } else {
        let mut sources = csp::Sources::from_site(&site)?;
        sources.add_feed_images(&dist.join("feed"))?;
        let inline = template.inline_styles.iter();
        sources.styles = inline
            .chain(template.linked_styles.iter().filter_map(|h| styles.get(h)))
            .map(|css| hash::csp_source(css))
            .collect();
        Some(sources.policy())
    };

    let sheets = stylesheets(template, styles);
    let tokens = manifest::Tokens::read(&sheets)?;
    let installable = manifest::write(dist, &site, public_url, &tokens)?;
    let install = Install {
        manifest: format!("{public_url}{}", manifest::MANIFEST),
        theme_color: tokens.brand.clone(),
    };

    let base = public_url.trim_end_matches('/');
    let (routes, failures) = prerender::routes(dist, &site, &site_text, base)?;
    if strict == Strict::Yes && !failures.is_empty() {
        let list: Vec<String> = failures
            .iter()
            .map(|f| format!("{}: {:#}", f.file.display(), f.error))
            .collect();
        bail!(
            "{} pages cannot be rendered:\n{}",
            list.len(),
            list.join("\n")
        );
    }
    for failure in &failures {
        let _ = fs::remove_file(dist.join(&failure.file));
    }
    let shell = page::render(
        template,
        &PageSpec {
            route: None,
            scripts,
            start: Start::Now,
            csp: csp.as_deref(),
            styles,
            install: Some(&install),
        },
    )?;
    write(&dist.join(FALLBACK), &shell)?;
    if !routes.iter().any(|r| r.file == Path::new("index.html")) {
        write(&dist.join("index.html"), &shell)?;
    }
    for r in &routes {
        let html = page::render(
            template,
            &PageSpec {
                route: Some(Route {
                    head: &r.head,
                    rendered: &r.rendered,
                    data: &r.data,
                }),
                scripts,
                start: r.start,
                csp: csp.as_deref(),
                styles,
                install: Some(&install),
            },
        )
        .with_context(|| format!("writing {}", r.file.display()))?;
        let out = dist.join(&r.file);
        if let Some(dir) = out.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        write(&out, &html)?;
    }
    if let (Some(app), false) = (app, template.dev_reload) {
        let tokens_css = sheets.iter().find(|s| s.contains("--color-brand:"));
        let page = offline::OfflinePage {
            lang: html_lang(&template.html),
            tokens_css: tokens_css.copied().unwrap_or_default(),
            theme_color: &tokens.brand,
        };
        offline::write(dist, &site, public_url, &page, app, &installable.icons)?;
    }
    Ok(Written {
        pages: routes.len(),
        csp,
        warning: installable.warning,
    })
}

/// The page's stylesheets in order: trunk's linked ones (read into `styles`), else those a page
/// written before carries inline. tokens.css comes first.
fn stylesheets<'a>(template: &'a Template, styles: &'a HashMap<String, String>) -> Vec<&'a str> {
    let linked: Vec<&str> = template
        .linked_styles
        .iter()
        .filter_map(|href| styles.get(href).map(String::as_str))
        .collect();
    if linked.is_empty() {
        template.inline_styles.iter().map(String::as_str).collect()
    } else {
        linked
    }
}

/// `<html lang>` of the template ("zh-CN" when it has none).
fn html_lang(html: &str) -> &str {
    html.split_once("<html lang=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("zh-CN", |(lang, _)| lang)
}

/// The policy of a built dist, from its index.html's meta tag (for a host's header).
pub fn read_csp(dist: &Path) -> Result<String> {
    let html = read(&dist.join("index.html"))?;
    let marker = "http-equiv=\"Content-Security-Policy\" content=\"";
    let Some(start) = html.find(marker).map(|i| i + marker.len()) else {
        bail!(
            "{} has no Content-Security-Policy meta tag: build with trunk build (not serve)",
            dist.join("index.html").display()
        );
    };
    let Some(len) = html[start..].find('"') else {
        bail!("{}: unterminated policy", dist.join("index.html").display());
    };
    Ok(html[start..start + len].replace("&amp;", "&"))
}

/// The stylesheets trunk linked, read from the dist; refused if one could end its `<style>`.
fn read_styles(
    dist: &Path,
    template: &Template,
    public_url: &str,
) -> Result<HashMap<String, String>> {
    template
        .linked_styles
        .iter()
        .map(|href| {
            let Some(relative) = href.strip_prefix(public_url) else {
                bail!("stylesheet {href} is not under {public_url}");
            };
            let path = dist.join(relative);
            let css = read(&path)?;
            if css.contains("</") {
                bail!(
                    "{} contains '</', which would end an inline <style>",
                    path.display()
                );
            }
            Ok((href.clone(), css))
        })
        .collect()
}

/// Writes `{stem}-{hash}.js` into `dist`; returns the file name.
fn write_hashed(dist: &Path, stem: &str, text: &str) -> Result<String> {
    let name = format!("{stem}-{}.js", hash::short_hex(text.as_bytes()));
    write(&dist.join(&name), text)?;
    Ok(name)
}

/// A feed file's text as the browser decodes it (`text()`): invalid UTF-8 becomes U+FFFD, so
/// the pages, the app and `validate` judge the same text.
pub(crate) fn read_feed_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}
