//! Prerendered pages: for a built dist/ (index.html and feed/), writes `a/{id}/index.html` for
//! every article, `c/{slug}/index.html` for every category's first list page and the home
//! `index.html`. Each is index.html with the route's title, description, canonical URL and Open
//! Graph tags, the app's own markup inside `#shell` (rendered by `newsfront::prerender` from the
//! components the app mounts) and the feed files the route needs, as fetched, in
//! `<script type="application/json" id="nf-data">` for the app's first render.
//!
//! The home page replaces index.html, so the app's plain shell is kept as `app.html`: the SPA
//! fallback for paths without a file (the deployment recipes point at it), which must not show
//! the home list before the app renders a not-found page.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::Arc,
};

use anyhow::{bail, Context, Result};
use newsfront::prerender::{self, Rendered};
use newsfront_core::{
    parse_article, parse_list_page, parse_site, paths,
    share::{canonical_article_url, canonical_category_url, resolve_image_url},
    Site,
};

/// The SPA fallback page: index.html as trunk wrote it, with the app's shell.
pub const FALLBACK: &str = "app.html";

/// What goes into a page's `<head>`.
pub struct Head {
    /// `og:type`: "article" or "website".
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub image: Option<String>,
}

/// Prerenders every page of `dist`; returns how many were written.
pub fn run(dist: &Path) -> Result<usize> {
    let index_path = dist.join("index.html");
    let index = read(&index_path)?;
    let fallback = dist.join(FALLBACK);
    fs::write(&fallback, &index).with_context(|| format!("writing {}", fallback.display()))?;
    let base = base_href(&index).trim_end_matches('/').to_string();
    let site_text = read(&dist.join(paths::site()))?;
    let site = Arc::new(parse_site(&site_text).with_context(paths::site)?);
    let mut pages = Vec::new();

    let mut articles: Vec<PathBuf> = fs::read_dir(dist.join("feed/articles"))
        .context("reading feed/articles")?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    articles.sort();
    for path in articles {
        let text = read(&path)?;
        let article = Arc::new(parse_article(&text).with_context(|| path.display().to_string())?);
        let feed_path = paths::article(&article.id);
        let head = Head {
            kind: "article",
            title: format!("{} - {}", article.title, site.name),
            description: article.summary.clone(),
            canonical: canonical_article_url(&site.base_url, &article.id),
            image: article
                .cover
                .as_ref()
                .map(|c| c.share_src().to_owned())
                .or_else(|| site.logo.clone())
                .map(|src| resolve_image_url(&site.base_url, &src)),
        };
        let out = dist
            .join("a")
            .join(article.id.to_string())
            .join("index.html");
        let rendered = prerender::article(site.clone(), &base, article);
        pages.push((out, head, rendered, vec![(feed_path, text)]));
    }

    for category in &site.categories {
        let feed_path = paths::category_list(&category.slug, 1);
        let Some(text) = read_optional(&dist.join(&feed_path))? else {
            continue;
        };
        let page = Arc::new(parse_list_page(&text).with_context(|| feed_path.clone())?);
        let head = Head {
            kind: "website",
            title: format!("{} - {}", category.name, site.name),
            description: format!("{} - {}", category.name, site.description),
            canonical: canonical_category_url(&site.base_url, &category.slug),
            image: site
                .logo
                .as_ref()
                .map(|l| resolve_image_url(&site.base_url, l)),
        };
        let out = dist
            .join("c")
            .join(category.slug.to_string())
            .join("index.html");
        let rendered = prerender::category(site.clone(), &base, category, page);
        pages.push((out, head, rendered, vec![(feed_path, text)]));
    }

    let feed_path = paths::home_list(1);
    if let Some(text) = read_optional(&dist.join(&feed_path))? {
        let page = Arc::new(parse_list_page(&text).with_context(|| feed_path.clone())?);
        let head = Head {
            kind: "website",
            title: site.name.clone(),
            description: site.description.clone(),
            canonical: site.base_url.clone(),
            image: site
                .logo
                .as_ref()
                .map(|l| resolve_image_url(&site.base_url, l)),
        };
        let rendered = prerender::home(site.clone(), &base, page);
        pages.push((index_path, head, rendered, vec![(feed_path, text)]));
    }

    let count = pages.len();
    for (out, head, rendered, mut data) in pages {
        data.insert(0, (paths::site(), site_text.clone()));
        let html = page_html(&index, &site, &head, &rendered, &data)
            .with_context(|| format!("rendering {}", out.display()))?;
        if let Some(dir) = out.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        fs::write(&out, html).with_context(|| format!("writing {}", out.display()))?;
    }
    Ok(count)
}

/// index.html with the route's head tags, `rendered` inside `#shell` (before the load notices
/// index.html keeps there) and the route's feed files as `#nf-data`.
pub fn page_html(
    index: &str,
    site: &Site,
    head: &Head,
    rendered: &Rendered,
    data: &[(String, String)],
) -> Result<String> {
    let Some(title_start) = index.find("<title>") else {
        bail!("index.html has no <title>");
    };
    let Some(title_len) = index[title_start..].find("</title>") else {
        bail!("index.html has an unclosed <title>");
    };
    let title_end = title_start + title_len + "</title>".len();
    // The app manages the description per route (<Meta>) and drops this one when it starts.
    let mut tags = format!(
        "<title>{}</title>\n  <meta name=\"description\" content=\"{}\" data-prerendered>",
        escape(&head.title),
        escape(&head.description)
    );
    let mut meta = |attr: &str, key: &str, value: &str| {
        tags.push_str(&format!(
            "\n  <meta {attr}=\"{key}\" content=\"{}\">",
            escape(value)
        ));
    };
    meta("property", "og:type", head.kind);
    meta("property", "og:site_name", &site.name);
    meta("property", "og:title", &head.title);
    meta("property", "og:description", &head.description);
    meta("property", "og:url", &head.canonical);
    if let Some(image) = &head.image {
        meta("property", "og:image", image);
    }
    tags.push_str(&format!(
        "\n  <link rel=\"canonical\" href=\"{}\">",
        escape(&head.canonical)
    ));
    let html = format!("{}{tags}{}", &index[..title_start], &index[title_end..]);

    // The shell: its header and skeleton give way to the rendered page; the notices stay.
    let shell_open = "<div id=\"shell\" class=\"shell\" aria-busy=\"true\">";
    let Some(shell_start) = html.find(shell_open) else {
        bail!("index.html has no {shell_open}");
    };
    let Some(notices_start) = html.find("<div id=\"load-error\"") else {
        bail!("index.html has no #load-error notice in the shell");
    };
    let Some(main_end) = html[notices_start..].find("</main>") else {
        bail!("index.html's shell has no </main>");
    };
    let notices = &html[notices_start..notices_start + main_end];
    let shell_end = notices_start + main_end + "</main>".len();
    let shell = format!(
        "<div id=\"shell\" class=\"shell shell--prerendered\">\n    {}\n    <main class=\"page\" id=\"main\">\n      {}{}</main>",
        rendered.header, notices, rendered.main
    );
    let mut out = format!("{}{shell}{}", &html[..shell_start], &html[shell_end..]);

    let Some(body_end) = out.rfind("</body>") else {
        bail!("index.html has no </body>");
    };
    out.insert_str(body_end, &data_script(data));
    Ok(out)
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
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
