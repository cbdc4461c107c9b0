//! newsfront-site: the post-build pipeline that turns trunk's output into the deployable site.
//!
//! [`post_build`] runs, in order: the feed build (`newsfront-feed`), the prerendered pages
//! ([`prerender`]), one HTML pass per page ([`page`]: head, content, inline styles, the hashed
//! loader, the policy from [`csp`]), and for release builds the old-engine check of the wasm
//! ([`wasm`]) and the precompression ([`compress`]).
//! trunk's post_build hook runs it as one command; the binary (`main.rs`) is argument glue.

// `to_html` on the article view nests deeper than the default limit.
#![recursion_limit = "256"]

pub mod compress;
pub mod csp;
pub mod hash;
pub mod nginx;
pub mod page;
pub mod prerender;
pub mod wasm;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use newsfront_core::{parse_site, paths};

use page::{PageSpec, Route, Scripts, Start, Style, Template};

/// The SPA fallback page: index.html as trunk wrote it, with the app's shell. The home page
/// replaces index.html; `app.html` must not show the home list before the app renders a
/// not-found page for an unknown path.
pub const FALLBACK: &str = "app.html";

/// The first stage: every control works from the first paint; it starts the app when needed.
const FIRST_STAGE: &str = include_str!("../../../boot/first-stage.js");

/// What the post-build step works on.
pub struct PostBuild {
    /// trunk's staging folder (`$TRUNK_STAGING_DIR`), rewritten in place.
    pub dist: PathBuf,
    /// The content folder the feed is built from (site.toml, articles/, …).
    pub content: PathBuf,
    /// `/` or `/news/`; `None` reads index.html's `<base href>`.
    pub public_url: Option<String>,
    /// Release builds are checked for old engines and precompressed.
    pub release: bool,
}

/// What a post-build run did, for its log line.
#[derive(Debug)]
pub struct Summary {
    pub feed: newsfront_feed::BuildSummary,
    pub pages: usize,
    pub compressed: usize,
    pub csp: Option<String>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}; {} prerendered pages", self.feed, self.pages)?;
        if self.compressed > 0 {
            write!(f, "; .gz/.br for {} files", self.compressed)?;
        }
        match &self.csp {
            Some(_) => Ok(()),
            None => f.write_str("; trunk serve build: no Content-Security-Policy meta tag"),
        }
    }
}

pub fn post_build(job: &PostBuild) -> Result<Summary> {
    let dist = &job.dist;
    let feed = newsfront_feed::build(&job.content, &dist.join("feed"))?;

    let template = Template::parse(read(&dist.join("index.html"))?)?;
    let public_url = job
        .public_url
        .clone()
        .unwrap_or_else(|| prerender::base_href(&template.html).to_string());
    let styles = read_styles(dist, &template, &public_url)?;
    let site_text = read(&dist.join(paths::site()))?;
    let site = Arc::new(parse_site(&site_text).with_context(paths::site)?);

    let csp = if template.dev_reload {
        None
    } else {
        let mut sources = csp::Sources::from_site(&site);
        sources.add_feed_images(&dist.join("feed"))?;
        sources.styles = styles.iter().map(|s| hash::csp_source(&s.css)).collect();
        Some(sources.policy())
    };

    let loader = write_hashed(dist, "newsfront-loader", &template.loader)?;
    let first_stage = write_hashed(dist, "first-stage", FIRST_STAGE)?;
    let (loader, first_stage) = (
        format!("{public_url}{loader}"),
        format!("{public_url}{first_stage}"),
    );
    let scripts = Scripts {
        first_stage: &first_stage,
        loader: &loader,
    };

    let base = public_url.trim_end_matches('/');
    let routes = prerender::routes(dist, &site, &site_text, base)?;
    let shell = page::render(
        &template,
        &PageSpec {
            route: None,
            scripts: &scripts,
            start: Start::Now,
            csp: csp.as_deref(),
            styles: &styles,
        },
    )?;
    write(&dist.join(FALLBACK), &shell)?;
    if !routes.iter().any(|r| r.file == Path::new("index.html")) {
        write(&dist.join("index.html"), &shell)?;
    }
    for r in &routes {
        let html = page::render(
            &template,
            &PageSpec {
                route: Some(Route {
                    head: &r.head,
                    rendered: &r.rendered,
                    data: &r.data,
                }),
                scripts: &scripts,
                start: r.start,
                csp: csp.as_deref(),
                styles: &styles,
            },
        )
        .with_context(|| format!("writing {}", r.file.display()))?;
        let out = dist.join(&r.file);
        if let Some(dir) = out.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        write(&out, &html)?;
    }

    let compressed = if job.release {
        wasm::validate_dist(dist)?;
        compress::compress_dist(dist)?
    } else {
        0
    };
    Ok(Summary {
        feed,
        pages: routes.len(),
        compressed,
        csp,
    })
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
fn read_styles(dist: &Path, template: &Template, public_url: &str) -> Result<Vec<Style>> {
    template
        .stylesheets
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
            Ok(Style {
                href: href.clone(),
                css,
            })
        })
        .collect()
}

/// Writes `{stem}-{hash}.js` into `dist`; returns the file name.
fn write_hashed(dist: &Path, stem: &str, text: &str) -> Result<String> {
    let name = format!("{stem}-{}.js", hash::short_hex(text.as_bytes()));
    write(&dist.join(&name), text)?;
    Ok(name)
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}
