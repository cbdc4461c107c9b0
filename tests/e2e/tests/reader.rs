//! The reading experience: routes, pagination, scroll restoration, errors with retry,
//! preferences that persist, and a phone layout without horizontal scroll or covered text.

use anyhow::{ensure, Context, Result};
use newsfront_e2e::selectors::{ARTICLE_TITLE, LIST_ITEM, LOAD_MORE};
use newsfront_e2e::SEED;
use newsfront_e2e::{
    dist, feed_json, launch, list_ids, site_facts, Browser, BrowserOptions, Fault, Rule, Viewport,
    DEFAULT_WAIT,
};

fn article_title(id: &str) -> Result<String> {
    let article = feed_json(&dist(), &format!("articles/{id}.json"))?;
    Ok(article["title"].as_str().context("title")?.to_string())
}

/// The first category whose list has at least two pages.
fn paged_category() -> Result<String> {
    let site = site_facts(&dist())?;
    for (slug, _) in &site.categories {
        let page = feed_json(&dist(), &format!("lists/c/{slug}/1.json"))?;
        if page["total_pages"].as_u64().unwrap_or(0) >= 2 {
            return Ok(slug.clone());
        }
    }
    anyhow::bail!("the sample feed needs a category with two list pages")
}

fn item_count(b: &Browser) -> Result<usize> {
    b.count(LIST_ITEM)
}

/// Scrolls to `y` (or as far as the page goes) and returns where it is, beyond `min`.
fn scroll_list(b: &mut Browser, y: f64, min: f64) -> Result<f64> {
    b.set_scroll(y)?;
    let at = b.scroll_y()?;
    ensure!(at > min, "the list is long enough to scroll: {at}");
    Ok(at)
}

fn title_is(b: &Browser, want: &str) -> Result<bool> {
    Ok(b.eval_js("return document.title;")?.as_str() == Some(want))
}

#[test]
fn home_category_page2_article_back_forward() -> Result<()> {
    let site = site_facts(&dist())?;
    let slug = paged_category()?;
    let page1 = list_ids(&dist(), &format!("lists/c/{slug}/1.json"))?;
    let page2 = list_ids(&dist(), &format!("lists/c/{slug}/2.json"))?;
    let (server, mut b) = launch(BrowserOptions::phone())?;

    b.goto("/")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    let loads_before = server.request_count("/");

    // Category via the nav: client-side, marked current.
    b.click(&format!("nav.cat-nav a[href='/c/{slug}']"))?;
    b.wait_until("category list", DEFAULT_WAIT, |b| {
        Ok(b.current_path()? == format!("/c/{slug}") && item_count(b)? == page1.len())
    })?;
    ensure!(
        b.attr(&format!("nav.cat-nav a[href='/c/{slug}']"), "aria-current")? == Some("page".into()),
        "current category is marked"
    );
    let name = &site.categories.iter().find(|(s, _)| *s == slug).unwrap().1;
    b.wait_until("category title", DEFAULT_WAIT, |b| {
        title_is(b, &format!("{name} - {}", site.name))
    })?;

    // 加载更多 appends page 2 without moving the reader, and the URL remembers it.
    b.set_scroll(600.0)?;
    let y_before = b.scroll_y()?;
    b.eval_js("document.querySelector('button.load-more').click();")?;
    b.wait_until("page 2 appended", DEFAULT_WAIT, |b| {
        Ok(item_count(b)? == page1.len() + page2.len())
    })?;
    ensure!(
        b.current_path()? == format!("/c/{slug}?page=2"),
        "page in the URL"
    );
    ensure!(
        (b.scroll_y()? - y_before).abs() < 2.0,
        "load more keeps the scroll position"
    );
    ensure!(!b.exists(LOAD_MORE)?, "no load-more after the last page");

    // Open the last item of page 2; the article opens at its top.
    let last_id = page2.last().unwrap();
    let list_y = scroll_list(&mut b, 1200.0, 500.0)?;
    b.click(&format!(".article-list a[href='/a/{last_id}']"))?;
    b.wait_for_text(ARTICLE_TITLE, &article_title(last_id)?, DEFAULT_WAIT)?;
    ensure!(b.scroll_y()? < 1.0, "a new article opens at its top");
    let title = article_title(last_id)?;
    b.wait_until("article document title", DEFAULT_WAIT, |b| {
        title_is(b, &format!("{title} - {}", site.name))
    })?;
    let description = b.eval_js(
        "const m = document.querySelector('meta[name=description]'); return m && m.content;",
    )?;
    ensure!(
        description.as_str().is_some_and(|d| !d.is_empty()),
        "article sets a meta description"
    );

    // Back: the list with both pages, at the same place.
    b.back()?;
    b.wait_until("list restored", DEFAULT_WAIT, |b| {
        Ok(item_count(b)? == page1.len() + page2.len() && (b.scroll_y()? - list_y).abs() < 2.0)
    })
    .context("back restores the list and its scroll position")?;

    // Forward: the article again.
    b.forward()?;
    b.wait_for_text(ARTICLE_TITLE, &title, DEFAULT_WAIT)?;
    ensure!(
        server.request_count("/") == loads_before,
        "no full page load during client navigation"
    );
    ensure!(
        server.request_count(&format!("/feed/lists/c/{slug}/1.json")) == 1,
        "lists are kept in memory: {:?}",
        server.request_count(&format!("/feed/lists/c/{slug}/1.json"))
    );
    Ok(())
}

#[test]
fn deep_links_survive_a_hard_reload() -> Result<()> {
    let slug = paged_category()?;
    let page1 = list_ids(&dist(), &format!("lists/c/{slug}/1.json"))?;
    let page2 = list_ids(&dist(), &format!("lists/c/{slug}/2.json"))?;
    let seed_title = article_title(SEED)?;
    let (_server, mut b) = launch(BrowserOptions::phone())?;

    b.goto("/")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    b.reload()?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;

    b.goto(&format!("/c/{slug}?page=2"))?;
    b.wait_until("both pages", DEFAULT_WAIT, |b| {
        Ok(item_count(b)? == page1.len() + page2.len())
    })?;
    b.reload()?;
    b.wait_until("both pages after reload", DEFAULT_WAIT, |b| {
        Ok(item_count(b)? == page1.len() + page2.len())
    })?;

    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for_text(ARTICLE_TITLE, &seed_title, DEFAULT_WAIT)?;
    b.reload()?;
    b.wait_for_text(ARTICLE_TITLE, &seed_title, DEFAULT_WAIT)?;
    Ok(())
}

#[test]
fn seed_article_reads_like_the_portal() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    let meta = b.text_of(".article__meta")?;
    ensure!(
        meta.contains("来源:网站编辑") && meta.contains("2023-03-08 19:37"),
        "meta line: {meta}"
    );
    ensure!(
        b.text_of(".article__note")?.contains("编者按"),
        "editor's note"
    );
    let bold = b.texts_of(".article__body p > strong")?;
    ensure!(
        bold.iter().any(|t| t == "顶层推动,发展环境持续优化。"),
        "bold lead-ins: {bold:?}"
    );
    ensure!(
        b.text_of(".article__contributor")? == "供稿:宝鸡市陈仓区妇儿工委办",
        "contributor line"
    );
    ensure!(b.exists("nav.toolbar")?, "bottom toolbar");
    Ok(())
}

#[test]
fn unknown_routes_ids_and_categories_are_not_found() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    for path in [
        "/no/such/page",
        "/a/..%2F..%2Fsite",
        "/a/UPPER",
        "/c/nosuch",
    ] {
        b.goto(path)?;
        b.wait_for(".not-found", DEFAULT_WAIT)
            .with_context(|| format!("not-found page for {path}"))?;
        ensure!(
            b.exists(".not-found a.button")?,
            "{path}: a way home on the not-found page"
        );
    }
    let bad_fetches: Vec<String> = server
        .requests()
        .into_iter()
        .map(|r| r.raw_path)
        .filter(|p| p.contains("..") || p.contains("UPPER") || p.contains("%2F"))
        .filter(|p| p.starts_with("/feed/"))
        .collect();
    ensure!(
        bad_fetches.is_empty(),
        "invalid ids never reach a fetch: {bad_fetches:?}"
    );
    b.click(".not-found a.button")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    Ok(())
}

fn check_fault_then_retry(fault: Fault) -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    let path = format!("/feed/articles/{SEED}.json");
    server.add_rule(Rule::exact(&path, fault).times(1));
    // The article's prerendered page carries the article, so it is opened in the app, which
    // fetches it.
    b.goto("/")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    b.eval_js(&format!(
        "history.pushState(null, '', '/a/{SEED}'); \
         dispatchEvent(new PopStateEvent('popstate')); return null;"
    ))?;
    b.wait_for(".error-panel", DEFAULT_WAIT)?;
    ensure!(
        b.exists("nav.cat-nav a")?,
        "the nav stays usable beside the error"
    );
    b.click(".error-panel__retry")?;
    b.wait_for_text(ARTICLE_TITLE, &article_title(SEED)?, DEFAULT_WAIT)?;
    ensure!(
        server.request_count(&path) == 2,
        "retried once: {}",
        server.request_count(&path)
    );
    Ok(())
}

#[test]
fn server_error_shows_message_and_retry_recovers() -> Result<()> {
    check_fault_then_retry(Fault::status(500))
}

#[test]
fn dropped_connection_shows_message_and_retry_recovers() -> Result<()> {
    check_fault_then_retry(Fault::DropMidBody)
}

#[test]
fn font_size_and_dark_mode_persist_across_reload() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    let size = |b: &Browser| -> Result<f64> {
        let v = b.eval_js(
            "return parseFloat(getComputedStyle(document.querySelector('.article__body p')).fontSize);",
        )?;
        v.as_f64().context("font size")
    };
    let normal = size(&b)?;
    b.click(".settings__toggle")?;
    b.click("button[data-font-step='xl']")?;
    b.click("button[data-theme-choice='dark']")?;
    b.click(".settings__close")?;
    let bigger = size(&b)?;
    ensure!(bigger > normal * 1.2, "font grew: {normal} -> {bigger}");
    b.reload()?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    ensure!(
        (size(&b)? - bigger).abs() < 0.5,
        "font size remembered after reload"
    );
    let bg = b.eval_js("return getComputedStyle(document.body).backgroundColor;")?;
    ensure!(
        bg.as_str() == Some("rgb(17, 17, 19)"),
        "dark background after reload: {bg}"
    );
    b.screenshot("reader-dark-xl")?;
    Ok(())
}

fn check_phone_layout(viewport: Viewport) -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::new(viewport))?;
    for path in ["/".to_string(), format!("/a/{SEED}")] {
        b.goto(&path)?;
        b.wait_for(".article-list__item, h1.article__title", DEFAULT_WAIT)?;
        let (doc, win) = (
            b.eval_js("return document.documentElement.scrollWidth;")?,
            b.eval_js("return window.innerWidth;")?,
        );
        ensure!(
            doc.as_f64() <= win.as_f64(),
            "{path}: document {doc} wider than viewport {win}"
        );
    }
    // At the very bottom, the toolbar covers nothing of the article or its comments.
    b.eval_js("window.scrollTo(0, document.documentElement.scrollHeight);")?;
    b.wait_frames(3)?;
    let overlap = b.eval_js(
        "const bar = document.querySelector('nav.toolbar').getBoundingClientRect();
         const paras = document.querySelectorAll('.article__body p, .comments > *:last-child');
         const last = paras[paras.length - 1].getBoundingClientRect();
         return last.bottom - bar.top;",
    )?;
    ensure!(
        overlap.as_f64().unwrap_or(1.0) <= 0.0,
        "toolbar overlaps the last text by {overlap}px"
    );
    ensure!(b.exists(".toolbar__top--on")?, "Top is shown once scrolled");
    b.click(".toolbar__top")?;
    b.wait_until("back at the top", DEFAULT_WAIT, |b| Ok(b.scroll_y()? < 1.0))?;
    Ok(())
}

#[test]
fn phone_375_no_horizontal_scroll_and_toolbar_covers_nothing() -> Result<()> {
    check_phone_layout(Viewport::PHONE_375)
}

#[test]
fn phone_390_no_horizontal_scroll_and_toolbar_covers_nothing() -> Result<()> {
    check_phone_layout(Viewport::PHONE_390)
}

#[test]
fn screenshots_of_home_category_and_seed_article() -> Result<()> {
    for viewport in [Viewport::PHONE_375, Viewport::DESKTOP] {
        let (_server, mut b) = launch(BrowserOptions::new(viewport))?;
        for (name, path) in [
            ("home", "/".to_string()),
            ("category", format!("/c/{}", paged_category()?)),
            ("seed-article", format!("/a/{SEED}")),
        ] {
            b.goto(&path)?;
            b.wait_for(".article-list__item, h1.article__title", DEFAULT_WAIT)?;
            // Lazy images in view loaded before the picture.
            b.wait_images(DEFAULT_WAIT)?;
            b.screenshot(&format!("reader-{name}"))?;
        }
        let errors = b.console_errors()?;
        ensure!(errors.is_empty(), "console errors: {errors:#?}");
    }
    Ok(())
}

#[test]
fn body_images_are_lazy_sized_and_enlarge_on_tap() -> Result<()> {
    let id = "lx-20230214-hetao-guanhu";
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{id}"))?;
    b.wait_for(".figure__img", DEFAULT_WAIT)?;
    ensure!(
        b.attr(".figure__img", "loading")? == Some("lazy".into()),
        "lazy"
    );
    ensure!(
        b.attr(".figure__img", "width")?.is_some() && b.attr(".figure__img", "height")?.is_some(),
        "width and height are set so nothing jumps"
    );
    b.click(".figure__button")?;
    b.wait_shown(".lightbox .lightbox__img", DEFAULT_WAIT)?;
    b.screenshot("reader-lightbox")?;
    b.eval_js(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
    )?;
    b.wait_hidden(".lightbox", DEFAULT_WAIT)
        .context("Escape closes the viewer")?;
    b.click(".figure__button")?;
    b.wait_shown(".lightbox", DEFAULT_WAIT)?;
    b.click(".lightbox")?;
    b.wait_hidden(".lightbox", DEFAULT_WAIT)
        .context("a tap closes the viewer")?;
    Ok(())
}

#[test]
fn first_screen_thumbnails_load_at_once_and_the_rest_lazily() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto("/c/lxzx")?;
    b.wait_gone("#shell", DEFAULT_WAIT)?;
    let loading = b.eval_js(
        "return [...document.querySelectorAll('.article-list__item')].map(li => { \
           const img = li.querySelector('.article-list__thumb'); \
           return img ? img.getAttribute('loading') : null; });",
    )?;
    let loading: Vec<Option<String>> = serde_json::from_value(loading)?;
    ensure!(loading.len() > 4, "too few items to check: {loading:?}");
    for (i, l) in loading.iter().enumerate() {
        let want = if i < 4 { "eager" } else { "lazy" };
        ensure!(
            l.is_none() || l.as_deref() == Some(want),
            "item {i}: loading {l:?}, want {want}: {loading:?}"
        );
    }
    ensure!(
        loading.iter().take(4).any(Option::is_some),
        "no thumbnail on the first screen to check: {loading:?}"
    );
    Ok(())
}

/// The click a list makes ahead of the reader (on a hidden link to itself, so that the router's
/// click handling is compiled before the first tap) leaves the page as the reader had it: the
/// same history entry, URL and scroll position, no page load; a tap then opens an article in
/// the app and back returns to the list where it was.
#[test]
fn the_click_ahead_on_a_list_changes_nothing_the_reader_sees() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    // Scrolled before the app starts; each click ahead is recorded as it starts and once done.
    b.add_init_script(
        "addEventListener('DOMContentLoaded', () => scrollTo(0, 300)); window.__ahead = [];\
         const seen = () => [history.length, Math.round(scrollY), location.href];\
         addEventListener('click', e => { if (!e.target.closest('[data-nf-ahead]')) return;\
           window.__ahead.push(seen()); setTimeout(() => window.__ahead.push(seen()), 300); }, true);",
    )?;
    let slug = paged_category()?;
    b.goto(&format!("/c/{slug}"))?;
    b.eval_js("window.__samePage = true;")?;
    b.wait_until("the click ahead, and 300 ms after it", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return window.__ahead.length;")?.as_u64() >= Some(2))
    })?;
    b.wait_frames(2)?;
    let ahead = b.eval_js("return window.__ahead;")?;
    let here = b.current_url()?;
    ensure!(
        ahead.as_array().map(Vec::len) == Some(2),
        "one click ahead: {ahead}"
    );
    ensure!(
        ahead[0] == ahead[1],
        "history, scroll or URL changed: {ahead}"
    );
    ensure!(
        ahead[0][1] == 300 && ahead[0][2] == here.as_str(),
        "{ahead} at {here}"
    );
    ensure!(
        b.eval_js("return window.__samePage === true;")? == true,
        "the page was loaded again"
    );

    // At the end of the list (a WebDriver click scrolls its target into view: the last link
    // needs none there), as the app saw it.
    let list_y = scroll_list(&mut b, 10_000.0, 300.0)?;
    b.click(&format!("{LIST_ITEM}:last-child a"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    b.back()?;
    b.wait_until("the list, where it was", DEFAULT_WAIT, |b| {
        Ok(b.exists(LIST_ITEM)? && (b.scroll_y()? - list_y).abs() < 2.0)
    })?;
    ensure!(
        b.current_url()? == here,
        "back to {here}: {}",
        b.current_url()?
    );
    ensure!(
        b.eval_js("return window.__samePage === true;")? == true,
        "the article opened as a page load, not in the app"
    );
    Ok(())
}
