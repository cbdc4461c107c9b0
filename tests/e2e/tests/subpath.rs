//! The app deployed under a sub-path (`trunk build --public-url /news/`, served at `/news/`):
//! links, deep links and every fetch stay under the prefix.

use anyhow::{ensure, Result};
use newsfront_e2e::{dist_for_public_url, launch_at, site_facts, BrowserOptions, DEFAULT_WAIT};

const PREFIX: &str = "/news/";

#[test]
fn app_under_news_keeps_links_fetches_and_deep_links_inside_the_prefix() -> Result<()> {
    let site = site_facts(&dist_for_public_url(PREFIX))?;
    let (server, mut b) = launch_at(PREFIX, BrowserOptions::phone())?;

    b.goto("/")?;
    b.wait_gone("#shell", DEFAULT_WAIT)?;
    b.wait_for_text("header .site-header__name", &site.name, DEFAULT_WAIT)?;
    let hrefs = b.eval_js(
        "return Array.from(document.querySelectorAll('nav.cat-nav a'), a => a.getAttribute('href'));",
    )?;
    let hrefs: Vec<String> = serde_json::from_value(hrefs)?;
    let want: Vec<String> = std::iter::once("/news/".to_string())
        .chain(
            site.categories
                .iter()
                .map(|(slug, _)| format!("/news/c/{slug}")),
        )
        .collect();
    ensure!(hrefs == want, "nav hrefs {hrefs:?}, want {want:?}");

    // An in-app link click, then a hard reload of the deep link it led to.
    let title = b.wait_for(".article-list__title", DEFAULT_WAIT)?;
    b.click(".article-list__link")?;
    b.wait_for_text("h1.article__title", title.trim(), DEFAULT_WAIT)?;
    let path = b.current_path()?;
    ensure!(path.starts_with("/news/a/"), "article URL {path}");
    b.reload()?;
    b.wait_for_text("h1.article__title", title.trim(), DEFAULT_WAIT)?;
    b.screenshot("subpath-article")?;

    let outside = server.requests_outside_prefix();
    ensure!(outside.is_empty(), "requests outside {PREFIX}: {outside:?}");
    // The home page carries site.json and its list (prerendered); the article opened by the
    // in-app click is fetched, under the prefix.
    ensure!(
        server.request_count_prefix("/feed/articles/") >= 1,
        "the article fetched under the prefix: {:?}",
        server.requests()
    );
    Ok(())
}
