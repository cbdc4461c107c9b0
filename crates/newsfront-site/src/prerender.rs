//! Prerendered pages: `a/{id}/index.html` for every article, `c/{slug}/index.html` for every
//! category's first list page, the home `index.html` and the search box `search/index.html`. Each carries the route's title,
//! description, canonical URL and Open Graph tags, the app's own markup for `#shell` (rendered by
//! `newsfront::prerender` from the components the app mounts) and the feed files the app needs
//! on that page, as fetched, in `<script type="application/json" id="nf-data">`: the site file
//! everywhere, and a list's first page (lists are taken over by the app; articles are not, so
//! their JSON stays out of the page). [`crate::page`] writes them into index.html.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::Arc,
};

use anyhow::{Context, Result};
use newsfront::prerender;
pub use newsfront::prerender::Rendered;
use newsfront_core::{
    parse_article, parse_comments, parse_list_page, paths, routes,
    share::{canonical_article_url, canonical_category_url, resolve_image_url},
    Site,
};

use crate::page::{attr_escape, Start};

/// What goes into a page's `<head>`.
pub struct Head {
    /// `og:type`: "article" or "website".
    pub kind: &'static str,
    pub site_name: String,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub image: Option<String>,
}

/// One route's page, before it is written into index.html.
pub struct Prerendered {
    /// Where the page goes, relative to the dist folder.
    pub file: PathBuf,
    pub head: Head,
    pub rendered: Rendered,
    /// Feed files the page embeds, path → text as served; `feed/site.json` first.
    pub data: Vec<(String, String)>,
    /// When the app starts on this page.
    pub start: Start,
}

/// A page that could not be rendered: its file and why (the feed file it needs is broken).
pub struct Failure {
    pub file: PathBuf,
    pub error: anyhow::Error,
}

/// Renders every article, every category with a first list page, and the home page of the feed
/// in `dist/feed`. `base` is the router base ("/news", or "" at the site root). A page whose feed
/// file cannot be read or does not validate is a [`Failure`], not the end of the others.
pub fn routes(
    dist: &Path,
    site: &Arc<Site>,
    site_text: &str,
    base: &str,
) -> Result<(Vec<Prerendered>, Vec<Failure>)> {
    let mut pages = Vec::new();
    let mut failures = Vec::new();
    let mut articles: Vec<PathBuf> = fs::read_dir(dist.join("feed/articles"))
        .context("reading feed/articles")?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    articles.sort();
    for path in articles {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let file = Path::new("a")
            .join(stem.unwrap_or_default())
            .join("index.html");
        match article_page(dist, site, base, &path) {
            Ok(page) => pages.push(page),
            Err(error) => failures.push(Failure { file, error }),
        }
    }
    for category in &site.categories {
        let feed_path = paths::category_list(&category.slug, 1);
        let file = Path::new("c")
            .join(category.slug.to_string())
            .join("index.html");
        let head = Head {
            kind: "website",
            site_name: site.name.clone(),
            title: routes::category_head(category, site).0,
            description: routes::category_head(category, site).1,
            canonical: canonical_category_url(&site.base_url, &category.slug),
            image: site_image(site),
        };
        let render = |page| prerender::category(site.clone(), base, category, page);
        match list_page(dist, &feed_path, file.clone(), head, render) {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(error) => failures.push(Failure { file, error }),
        }
    }
    let feed_path = paths::home_list(1);
    let head = Head {
        kind: "website",
        site_name: site.name.clone(),
        title: routes::home_head(site).0,
        description: routes::home_head(site).1,
        canonical: routes::canonical(&site.base_url, routes::home()),
        image: site_image(site),
    };
    let file = PathBuf::from("index.html");
    let render = |page| prerender::home(site.clone(), base, page);
    match list_page(dist, &feed_path, file.clone(), head, render) {
        Ok(Some(page)) => pages.push(page),
        Ok(None) => {}
        Err(error) => failures.push(Failure { file, error }),
    }
    pages.push(search_page(site, base));
    for page in &mut pages {
        page.data.insert(0, (paths::site(), site_text.to_string()));
    }
    Ok((pages, failures))
}

/// `a/{id}/index.html`: the article with its static comments (from the feed, when there are).
fn article_page(dist: &Path, site: &Arc<Site>, base: &str, path: &Path) -> Result<Prerendered> {
    let text = read(path)?;
    let article = Arc::new(parse_article(&text).with_context(|| path.display().to_string())?);
    let comments_path = paths::comments(&article.id);
    let comments = read_optional(&dist.join(&comments_path))?
        .map(|text| parse_comments(&text).with_context(|| comments_path.clone()))
        .transpose()?
        .map(Arc::new);
    let head = Head {
        kind: "article",
        site_name: site.name.clone(),
        title: routes::article_head(&article, site).0,
        description: routes::article_head(&article, site).1,
        canonical: canonical_article_url(&site.base_url, &article.id),
        image: article
            .cover
            .as_ref()
            .map(|c| c.share_src().to_owned())
            .or_else(|| site.logo.clone())
            .map(|src| resolve_image_url(&site.base_url, &src)),
    };
    let file = Path::new("a")
        .join(article.id.to_string())
        .join("index.html");
    Ok(Prerendered {
        file,
        head,
        rendered: prerender::article(site.clone(), base, article, comments),
        data: Vec::new(),
        start: Start::Demand,
    })
}

/// `search/index.html`: the search box; the app starts at once to search.
fn search_page(site: &Arc<Site>, base: &str) -> Prerendered {
    let title = routes::title(newsfront::strings::SEARCH, site);
    Prerendered {
        file: Path::new("search").join("index.html"),
        head: Head {
            kind: "website",
            site_name: site.name.clone(),
            title,
            description: site.description.clone(),
            canonical: routes::canonical(&site.base_url, routes::search()),
            image: site_image(site),
        },
        rendered: prerender::search(site.clone(), base),
        data: Vec::new(),
        start: Start::Now,
    }
}

/// A list's first page (home or a category), when the feed has one.
fn list_page(
    dist: &Path,
    feed_path: &str,
    file: PathBuf,
    head: Head,
    render: impl FnOnce(Arc<newsfront_core::ListPage>) -> Rendered,
) -> Result<Option<Prerendered>> {
    let Some(text) = read_optional(&dist.join(feed_path))? else {
        return Ok(None);
    };
    let page = Arc::new(parse_list_page(&text).with_context(|| feed_path.to_string())?);
    Ok(Some(Prerendered {
        file,
        head,
        rendered: render(page),
        data: vec![(feed_path.to_string(), text)],
        start: Start::Idle,
    }))
}

fn site_image(site: &Site) -> Option<String> {
    site.logo
        .as_ref()
        .map(|l| resolve_image_url(&site.base_url, l))
}

/// The `<title>` and the tags that follow it. The app manages the description per route and
/// drops this one when it starts (`data-prerendered`).
pub fn head_tags(head: &Head) -> String {
    let mut tags = format!(
        "<title>{}</title>\n  <meta name=\"description\" content=\"{}\" data-prerendered>",
        attr_escape(&head.title),
        attr_escape(&head.description)
    );
    let mut meta = |key: &str, value: &str| {
        tags.push_str(&format!(
            "\n  <meta property=\"{key}\" content=\"{}\">",
            attr_escape(value)
        ));
    };
    meta("og:type", head.kind);
    meta("og:site_name", &head.site_name);
    meta("og:title", &head.title);
    meta("og:description", &head.description);
    meta("og:url", &head.canonical);
    if let Some(image) = &head.image {
        meta("og:image", image);
    }
    tags.push_str(&format!(
        "\n  <link rel=\"canonical\" href=\"{}\">",
        attr_escape(&head.canonical)
    ));
    tags
}

/// `<script type="application/json" id="nf-data">` mapping feed paths to their text. Not
/// executable, so the CSP allows it; every `<` is escaped so nothing in it can end the element.
pub fn data_script(data: &[(String, String)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = data
        .iter()
        .map(|(path, text)| (path.clone(), serde_json::Value::String(text.clone())))
        .collect();
    let json = serde_json::Value::Object(map)
        .to_string()
        .replace('<', "\\u003c");
    format!("<script type=\"application/json\" id=\"nf-data\">{json}</script>\n")
}

/// The `<base href>` trunk wrote ("/" when there is none).
pub fn base_href(html: &str) -> &str {
    html.split_once("<base href=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(href, _)| href)
        .unwrap_or("/")
}

pub(crate) fn read(path: &Path) -> Result<String> {
    crate::read_feed_text(path)
}

fn read_optional(path: &Path) -> Result<Option<String>> {
    if path.is_file() {
        read(path).map(Some)
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_script_cannot_close_its_element() {
        let s = data_script(&[("feed/x.json".into(), "{\"t\":\"</script><b>\"}".into())]);
        assert_eq!(s.matches("</script>").count(), 1);
        let json = s
            .trim_start_matches("<script type=\"application/json\" id=\"nf-data\">")
            .trim_end_matches("</script>\n");
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["feed/x.json"], "{\"t\":\"</script><b>\"}");
    }

    #[test]
    fn base_href_defaults_to_root() {
        assert_eq!(base_href("<base href=\"/news/\">"), "/news/");
        assert_eq!(base_href("<head>"), "/");
    }
}
