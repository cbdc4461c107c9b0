//! The app boots: site name and category nav from the feed, deep links that survive a hard
//! reload, and the HTML shell replaced on mount; each at phone and desktop size.

use anyhow::{ensure, Result};
use newsfront_e2e::selectors::{ARTICLE_TITLE, NAV_LINKS, SITE_NAME};
use newsfront_e2e::{dist, launch, list_ids, site_facts, BrowserOptions, Viewport, DEFAULT_WAIT};

/// Runs a check once per viewport as separate tests, e.g. `shell_is_replaced_on_mount::phone_375`.
macro_rules! at_both_sizes {
    ($name:ident, $check:ident) => {
        mod $name {
            #[test]
            fn phone_375() -> anyhow::Result<()> {
                super::$check(super::Viewport::PHONE_375)
            }
            #[test]
            fn desktop_1280() -> anyhow::Result<()> {
                super::$check(super::Viewport::DESKTOP)
            }
        }
    };
}

at_both_sizes!(home_shows_site_name_and_category_nav, check_home);
at_both_sizes!(article_deep_link_survives_reload, check_deep_link);
at_both_sizes!(shell_is_replaced_on_mount, check_shell_replaced);

fn check_home(viewport: Viewport) -> Result<()> {
    let site = site_facts(&dist())?;
    let (_server, mut b) = launch(BrowserOptions::new(viewport))?;
    b.goto("/")?;
    // The shell shows a name too; only after it is gone is the name the app's.
    b.wait_gone("#shell", DEFAULT_WAIT)?;
    b.wait_for_text(SITE_NAME, &site.name, DEFAULT_WAIT)?;
    b.wait_for(NAV_LINKS, DEFAULT_WAIT)?;

    let hrefs: Vec<String> = b
        .eval_js_with(
            "return Array.from(document.querySelectorAll(arguments[0]), a => a.getAttribute('href'));",
            vec![NAV_LINKS.into()],
        )
        .map(serde_json::from_value)??;
    let texts = b.texts_of(NAV_LINKS)?;
    ensure!(
        hrefs.first().map(String::as_str) == Some("/"),
        "first nav link is home: {hrefs:?}"
    );
    let want_hrefs: Vec<String> = site
        .categories
        .iter()
        .map(|(slug, _)| format!("/c/{slug}"))
        .collect();
    let want_texts: Vec<String> = site
        .categories
        .iter()
        .map(|(_, name)| name.clone())
        .collect();
    ensure!(
        hrefs[1..] == want_hrefs[..],
        "category hrefs {hrefs:?}, want {want_hrefs:?}"
    );
    ensure!(
        texts[1..] == want_texts[..],
        "category names {texts:?}, want {want_texts:?}"
    );

    b.screenshot("boot-home")?;
    // The browser asks for /favicon.ico by itself when index.html names no icon; that 404
    // is the host's business, not an app error.
    let errors: Vec<String> = b
        .console_errors()?
        .into_iter()
        .filter(|e| !e.contains("/favicon.ico"))
        .collect();
    ensure!(
        errors.is_empty(),
        "console errors on the home page: {errors:#?}"
    );
    Ok(())
}

fn check_deep_link(viewport: Viewport) -> Result<()> {
    let dist = dist();
    let id = list_ids(&dist, "lists/home/1.json")?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("lists/home/1.json has no items"))?;
    let article = newsfront_e2e::feed_json(&dist, &format!("articles/{id}.json"))?;
    let title = article["title"].as_str().unwrap_or_default().to_string();
    ensure!(!title.is_empty(), "articles/{id}.json has no title");

    let (server, mut b) = launch(BrowserOptions::new(viewport))?;
    b.goto(&format!("/a/{id}"))?;
    b.wait_for_text(ARTICLE_TITLE, &title, DEFAULT_WAIT)?;
    b.reload()?;
    b.wait_for_text(ARTICLE_TITLE, &title, DEFAULT_WAIT)?;
    ensure!(
        b.current_path()? == format!("/a/{id}"),
        "still on the article after reload"
    );
    ensure!(
        server.request_count(&format!("/a/{id}")) == 2,
        "two hard loads of the deep link: {:?}",
        server.requests()
    );
    b.screenshot("boot-article")?;
    Ok(())
}

fn check_shell_replaced(viewport: Viewport) -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::new(viewport))?;
    b.goto("/")?;
    b.wait_gone("#shell", DEFAULT_WAIT)?;
    b.wait_for("main.page", DEFAULT_WAIT)?;
    ensure!(b.count("#shell")? == 0, "#shell is gone");
    ensure!(
        b.count("header.site-header")? == 1,
        "exactly one header after mount"
    );
    Ok(())
}
