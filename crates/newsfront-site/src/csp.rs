//! The Content-Security-Policy of a built site: exactly what the app loads, computed from the
//! validated feed (never by walking its JSON by key name). Inline styles are allowed by hash;
//! inline script only the page's own early-taps recorder, by hash; the service worker and the
//! manifest only from the site itself.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsfront_core::{
    http_origin, parse_article, parse_list_page, share::wechat_sdk_origin, Article, Block,
    CommentSettings, Image, Site,
};

/// What the policy must allow beyond the site's own origin.
#[derive(Debug, Default, PartialEq)]
pub struct Sources {
    pub scripts: Vec<String>,
    pub connects: Vec<String>,
    /// Origins of absolute image URLs anywhere in the feed (sorted).
    pub images: BTreeSet<String>,
    /// `'sha256-…'` of each inlined stylesheet.
    pub styles: Vec<String>,
}

impl Sources {
    /// The site file's integrations: the Waline server, the WeChat SDK and its signing endpoint.
    /// The SDK is the only script from elsewhere a feed may name, and only from WeChat's own
    /// hosts: any other is refused here too, not only by validation.
    pub fn from_site(site: &Site) -> Result<Sources> {
        let mut sources = Sources::default();
        if let CommentSettings::Waline { server } = &site.comments {
            sources.connects.extend(http_origin(server));
        }
        if let Some(wechat) = &site.share.wechat {
            let sdk = wechat_sdk_origin(&wechat.sdk_url)
                .map_err(|why| anyhow::anyhow!("site.json: share.wechat.sdk_url: {why}"))?;
            sources.scripts.push(sdk);
            sources.connects.extend(http_origin(&wechat.sign_url));
        }
        sources
            .images
            .extend(site.logo.as_deref().and_then(http_origin));
        Ok(sources)
    }

    /// Adds the image origins of every article and list page in `feed`.
    pub fn add_feed_images(&mut self, feed: &Path) -> Result<()> {
        for path in json_files(&feed.join("articles"))? {
            let text = read(&path)?;
            let article = parse_article(&text).with_context(|| path.display().to_string())?;
            self.images
                .extend(article_images(&article).filter_map(http_origin));
        }
        for path in json_files(&feed.join("lists"))? {
            let text = read(&path)?;
            let page = parse_list_page(&text).with_context(|| path.display().to_string())?;
            self.images.extend(
                page.items
                    .iter()
                    .filter_map(|item| item.cover.as_ref())
                    .flat_map(Image::all_srcs)
                    .filter_map(http_origin),
            );
        }
        Ok(())
    }

    /// The policy text, directives in a fixed order, each source once.
    pub fn policy(&self) -> String {
        let directive = |name: &str, fixed: &[&str], extra: &mut dyn Iterator<Item = &String>| {
            let mut sources: Vec<&str> = fixed.to_vec();
            for s in extra {
                if !sources.contains(&s.as_str()) {
                    sources.push(s);
                }
            }
            format!("{name} {}", sources.join(" "))
        };
        let early_taps = crate::page::early_taps_source();
        [
            "default-src 'none'".to_string(),
            directive(
                "script-src",
                &["'self'", "'wasm-unsafe-eval'", &early_taps],
                &mut self.scripts.iter(),
            ),
            directive("style-src", &["'self'"], &mut self.styles.iter()),
            directive("img-src", &["'self'"], &mut self.images.iter()),
            directive("connect-src", &["'self'"], &mut self.connects.iter()),
            "font-src 'self'".to_string(),
            "manifest-src 'self'".to_string(),
            "worker-src 'self'".to_string(),
            "base-uri 'self'".to_string(),
            "form-action 'self'".to_string(),
            "object-src 'none'".to_string(),
        ]
        .join("; ")
    }
}

/// Every image source of an article: cover and body images, with their copies.
fn article_images(article: &Article) -> impl Iterator<Item = &str> {
    article
        .cover
        .iter()
        .chain(article.body.iter().filter_map(|block| match block {
            Block::Image { image } => Some(image),
            _ => None,
        }))
        .flat_map(Image::all_srcs)
}

/// `*.json` below `dir`, sorted; none when `dir` does not exist.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if !d.is_dir() {
            continue;
        }
        for entry in fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn read(path: &Path) -> Result<String> {
    crate::read_feed_text(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimal_policy_allows_only_the_site_itself() {
        let policy = Sources::default().policy();
        assert_eq!(
            policy,
            format!(
                "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
                 img-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; \
                 worker-src 'self'; base-uri 'self'; form-action 'self'; object-src 'none'",
                crate::page::early_taps_source()
            )
        );
    }

    #[test]
    fn sources_appear_once_in_their_directive() {
        let sources = Sources {
            scripts: vec!["https://res.wx.qq.com".into()],
            connects: vec!["https://c.example".into(), "https://c.example".into()],
            images: ["https://img.example".to_string()].into_iter().collect(),
            styles: vec!["'sha256-abc='".into()],
        };
        let policy = sources.policy();
        let early_taps = crate::page::early_taps_source();
        assert!(policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' {early_taps} https://res.wx.qq.com;"
        )));
        assert!(policy.contains("connect-src 'self' https://c.example;"));
        assert!(policy.contains("img-src 'self' https://img.example;"));
        assert!(policy.contains("style-src 'self' 'sha256-abc=';"));
    }
}
