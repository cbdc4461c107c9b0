//! Reading offline and safe deploys with the service worker (boot/sw.js, docs/offline.md): a
//! reader who visited pages reads them with no network, under `/news/` too; an unvisited article
//! says it is offline and offers 重试; the saved copies stay within the site's bounds; a browser
//! without service workers gets the site as before; Chromium finds the site installable; and a
//! tab open across a redeploy on nginx keeps working, then takes the new build.
//!
//! "No network" is CDP's offline emulation for the page plus a server that closes every
//! connection unanswered, so a fetch the worker makes itself fails as well.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use newsfront_e2e::nginx::{require_nginx, Nginx};
use newsfront_e2e::selectors::{
    ARTICLE_TITLE, ERROR_MESSAGE, LIST_ITEM, LIST_LINK, LOAD_ERROR, NAV_LINKS, OFFLINE_PAGE_RETRY,
    OFFLINE_PAGE_TITLE, RETRY, SAVED_NOTE, SITE_NAME,
};
use newsfront_e2e::waline_server::{waline_dist, Waline};
use newsfront_e2e::worker::{
    installability_errors, look_for_update, record_register_time, registered_at,
    remove_service_workers, saved_index, saved_urls, wait_controlled,
};
use newsfront_e2e::{
    dist, dist_for_public_url, feed_json, launch, launch_at, list_ids, site_facts, Browser,
    BrowserOptions, Fault, Network, Rule, ScratchSite, Server, DEFAULT_WAIT, SEED,
};
use serde_json::{json, Value};

const PREFIX: &str = "/news/";
/// src/strings.rs ERR_OFFLINE and the saved-note templates.
const ERR_OFFLINE: &str = "网络已断开，这篇内容还没有保存在本机，联网后请重试。";

fn go_offline(b: &Browser, server: &Server) -> Result<()> {
    server.add_rule(Rule::prefix("/", Fault::Close));
    b.set_network(Network::Offline)
}

fn go_online(b: &Browser, server: &Server) -> Result<()> {
    server.clear_rules();
    b.set_network(Network::Normal)
}

/// Until the app runs on a list page (it starts once idle) and has taken the prerendered
/// `#shell` over, so a tap lands on the app's own links.
fn wait_app(b: &mut Browser) -> Result<()> {
    b.wait_until("the app to run", DEFAULT_WAIT, |b| {
        b.exists("html[data-nf-app-ready]")
    })?;
    b.wait_gone("#shell", DEFAULT_WAIT)
}

fn title_of(dist: &Path, id: &str) -> Result<String> {
    Ok(feed_json(dist, &format!("articles/{id}.json"))?["title"]
        .as_str()
        .context("article title")?
        .to_string())
}

/// Waits until the worker's index has an entry `key` holding a URL that ends with `suffix`
/// (what it keeps is written after the response went to the page).
fn wait_saved(b: &mut Browser, key: &str, suffix: &str) -> Result<()> {
    b.wait_until(
        &format!("the worker to keep {key} ({suffix})"),
        DEFAULT_WAIT,
        |b| {
            let index = saved_index(b)?;
            Ok(index[key]["urls"]
                .as_object()
                .is_some_and(|urls| urls.keys().any(|u| u.ends_with(suffix))))
        },
    )
}

fn article_keys(index: &Value) -> BTreeSet<String> {
    index
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, _)| k.strip_prefix("article:").map(str::to_string))
        .collect()
}

#[test]
fn offline_after_visiting_three_articles_under_news() -> Result<()> {
    let dist = dist_for_public_url(PREFIX);
    let site = site_facts(&dist)?;
    let (slug, _) = site.categories.first().context("no categories")?.clone();
    let home = list_ids(&dist, "lists/home/1.json")?;
    ensure!(
        home.len() >= 5,
        "the sample home list is too short: {home:?}"
    );
    let (server, mut b) = launch_at(PREFIX, BrowserOptions::phone())?;

    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_controlled(&mut b, DEFAULT_WAIT)?;
    ensure!(
        server.request_count("/sw.js") >= 1,
        "the first stage registered no worker"
    );
    // Two articles as whole pages (prerendered), one opened in the app from a category list.
    for id in &home[..2] {
        b.goto(&format!("/a/{id}"))?;
        b.wait_for_text(ARTICLE_TITLE, &title_of(&dist, id)?, DEFAULT_WAIT)?;
        wait_saved(&mut b, &format!("article:{id}"), &format!("/news/a/{id}"))?;
    }
    b.goto(&format!("/c/{slug}"))?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_saved(
        &mut b,
        &format!("list:c/{slug}"),
        &format!("/news/c/{slug}"),
    )?;
    let hrefs: Vec<String> = serde_json::from_value(b.eval_js(&format!(
        "return [...document.querySelectorAll('{LIST_LINK}')].map(a => a.getAttribute('href'));"
    ))?)?;
    let in_app = hrefs
        .iter()
        .filter_map(|h| h.rsplit('/').next())
        .find(|id| !home[..2].iter().any(|h| h == id))
        .context("the category lists only articles already visited")?
        .to_string();
    // The app must be running for an in-app link (the list page starts it when idle).
    wait_app(&mut b)?;
    b.click(&format!("{LIST_LINK}[href$='/a/{in_app}']"))?;
    b.wait_for_text(ARTICLE_TITLE, &title_of(&dist, &in_app)?, DEFAULT_WAIT)?;
    wait_saved(
        &mut b,
        &format!("article:{in_app}"),
        &format!("feed/articles/{in_app}.json"),
    )?;
    let visited = [home[0].clone(), home[1].clone(), in_app.clone()];
    let unvisited = home
        .iter()
        .find(|id| !visited.contains(id))
        .context("no unvisited article")?
        .clone();
    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_saved(&mut b, "list:home", "/news/")?;
    let index = saved_index(&b)?;
    // The photos a page showed are kept with its article (the sample's articles mostly have
    // some; one of the two read as pages must).
    let images_of = |id: &str| {
        index[format!("article:{id}")]["urls"]
            .as_object()
            .map_or(0, |u| {
                u.keys().filter(|u| u.contains("/feed/images/")).count()
            })
    };
    let with_images = home[..2]
        .iter()
        .find(|id| images_of(id) > 0)
        .with_context(|| format!("no image kept with {:?}: {index:#}", &home[..2]))?
        .clone();

    go_offline(&b, &server)?;
    server.reset_counts();
    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    b.wait_shown(SAVED_NOTE, DEFAULT_WAIT)?;
    let note = b.text_of(SAVED_NOTE)?;
    ensure!(
        note.starts_with("离线，显示 ") && note.ends_with(" 分钟前的内容"),
        "saved note: {note:?}"
    );
    b.wait_images(DEFAULT_WAIT)?;
    b.screenshot("offline-saved-note")?;
    b.goto(&format!("/c/{slug}"))?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    ensure!(b.is_shown(SAVED_NOTE)?, "no saved note on the category");
    for id in &visited {
        b.goto(&format!("/a/{id}"))?;
        b.wait_for_text(ARTICLE_TITLE, &title_of(&dist, id)?, DEFAULT_WAIT)?;
    }
    // The photos of a page read earlier show offline too.
    b.goto(&format!("/a/{with_images}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    b.wait_images(DEFAULT_WAIT)?;
    let broken = b.eval_js(
        "return [...document.images].filter(i => i.complete && i.currentSrc && !i.naturalWidth)\
         .map(i => i.currentSrc);",
    )?;
    ensure!(broken == json!([]), "images broken offline: {broken}");

    // An article never opened: as a whole page, the offline page with 重试.
    b.goto(&format!("/a/{unvisited}"))?;
    b.wait_for(OFFLINE_PAGE_TITLE, DEFAULT_WAIT)?;
    ensure!(b.exists(OFFLINE_PAGE_RETRY)?, "no 重试 on the offline page");
    b.screenshot("offline-article-page")?;
    // In the app, the same message with 重试; once online, 重试 opens it.
    b.goto("/")?;
    wait_app(&mut b)?;
    b.click(&format!("{LIST_LINK}[href$='/a/{unvisited}']"))?;
    b.wait_for_text(ERROR_MESSAGE, ERR_OFFLINE, DEFAULT_WAIT)?;
    b.screenshot("offline-article-message")?;
    ensure!(
        server.requests().iter().all(|r| r.status.is_none()),
        "something was served while offline: {:?}",
        server.requests()
    );
    go_online(&b, &server)?;
    b.click(RETRY)?;
    b.wait_for_text(ARTICLE_TITLE, &title_of(&dist, &unvisited)?, DEFAULT_WAIT)?;
    Ok(())
}

#[test]
fn saved_articles_stay_within_the_sites_count_least_recently_used_out_first() -> Result<()> {
    let scratch = ScratchSite::new(&dist())?;
    let mut site = scratch.feed_json("site.json")?;
    site["offline"] = json!({ "articles": 2, "max_bytes": 100_000_000 });
    scratch.write_feed_json("site.json", &site)?;
    let sw = std::fs::read_to_string(scratch.root().join("sw.js"))?;
    ensure!(
        sw.contains("\"articles\":2,"),
        "the refresh did not carry the settings into sw.js"
    );
    let ids = list_ids(scratch.root(), "lists/home/1.json")?;
    ensure!(ids.len() >= 4, "the sample home list is too short");
    let mut b = scratch.browser(BrowserOptions::phone())?;
    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_controlled(&mut b, DEFAULT_WAIT)?;
    let open = |b: &mut Browser, id: &str| -> Result<()> {
        b.goto(&format!("/a/{id}"))?;
        b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
        wait_saved(b, &format!("article:{id}"), &format!("/a/{id}"))
    };
    for id in &ids[..3] {
        open(&mut b, id)?;
    }
    let kept = article_keys(&saved_index(&b)?);
    ensure!(
        kept == BTreeSet::from([ids[1].clone(), ids[2].clone()]),
        "after 3 articles with room for 2: {kept:?}"
    );
    // Reading the older one again makes the other the least recently used.
    open(&mut b, &ids[1])?;
    open(&mut b, &ids[3])?;
    let kept = article_keys(&saved_index(&b)?);
    ensure!(
        kept == BTreeSet::from([ids[1].clone(), ids[3].clone()]),
        "least recently used out: {kept:?}"
    );
    let urls = saved_urls(&b)?;
    for gone in [&ids[0], &ids[2]] {
        ensure!(
            !urls.iter().any(|u| u.contains(&format!("/a/{gone}"))),
            "{gone} was dropped from the index but not from the cache: {urls:?}"
        );
    }
    Ok(())
}

#[test]
fn saved_copies_stay_within_the_byte_budget() -> Result<()> {
    let scratch = ScratchSite::new(&dist())?;
    let budget: u64 = 400_000;
    let mut site = scratch.feed_json("site.json")?;
    site["offline"] = json!({ "articles": 50, "max_bytes": budget });
    scratch.write_feed_json("site.json", &site)?;
    let ids = list_ids(scratch.root(), "lists/home/1.json")?;
    let mut b = scratch.browser(BrowserOptions::phone())?;
    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_controlled(&mut b, DEFAULT_WAIT)?;
    let mut peak = 0;
    let mut evicted = false;
    for id in &ids {
        b.goto(&format!("/a/{id}"))?;
        b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
        b.wait_quiet()?;
        wait_saved(&mut b, &format!("article:{id}"), &format!("/a/{id}"))?;
        let index = saved_index(&b)?;
        let bytes = newsfront_e2e::worker::saved_bytes(&index);
        peak = peak.max(bytes);
        ensure!(
            bytes <= budget,
            "{bytes} bytes kept, over the budget of {budget}: {index:#}"
        );
        evicted |= !article_keys(&index).contains(&ids[0]);
        if evicted {
            break;
        }
    }
    ensure!(
        evicted,
        "the first article was never evicted (peak {peak} bytes): the test does not reach the budget"
    );
    Ok(())
}

/// A comment written with no network stays in the form, across a reload of the saved page while
/// still offline, and posts once the network is back (a real Waline server).
#[test]
fn a_comment_draft_written_offline_is_kept() -> Result<()> {
    const TEXT: &str = "山里没信号，这条评论先存着。";
    let waline = Waline::start()?;
    let copy = waline_dist(&dist(), &waline.origin())?;
    let server = Server::start(copy.path())?;
    let mut b = Browser::new(BrowserOptions::phone().base_url(&server.base_url()))?;
    // The worker keeps the pages it serves: the first one registers it.
    b.goto("/")?;
    wait_controlled(&mut b, DEFAULT_WAIT)?;
    b.goto(&format!("/a/{SEED}"))?;
    wait_saved(&mut b, &format!("article:{SEED}"), &format!("/a/{SEED}"))?;
    // Live comments start on 评论 (the app's islands, kept by the worker as they load).
    b.click("[data-nf-comments]")?;
    b.wait_for(".comments__empty", DEFAULT_WAIT)?;
    b.wait_quiet()?;

    go_offline(&b, &server)?;
    let fill = |b: &Browser, selector: &str, text: &str| {
        b.eval_js_with(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
             e.dispatchEvent(new Event('input', {bubbles: true})); return null;",
            vec![json!(selector), json!(text)],
        )
    };
    let draft = |b: &Browser| b.eval_js("return document.querySelector('.compose__text').value;");
    fill(&b, ".compose__nick", "山里的读者")?;
    fill(&b, ".compose__text", TEXT)?;
    b.click("button.compose__post")?;
    b.wait_for(".compose__status--error", DEFAULT_WAIT)?;
    ensure!(draft(&b)? == json!(TEXT), "the draft left the form");
    // Still offline, the page again (from the worker's copy): the draft is back in the form.
    b.reload()?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    b.click("[data-nf-comments]")?;
    b.wait_for("form.compose", DEFAULT_WAIT)?;
    b.wait_until("the draft to be restored", DEFAULT_WAIT, |b| {
        Ok(draft(b)? == json!(TEXT))
    })?;
    go_online(&b, &server)?;
    b.click("button.compose__post")?;
    b.wait_for_text(".comments__list .comment__text", TEXT, DEFAULT_WAIT)?;
    ensure!(
        waline.count(&format!("/a/{SEED}"))? == 1,
        "the comment was not stored once"
    );
    Ok(())
}

/// A feed file in a newer format than the running app reads (the site was redeployed under
/// the tab): the app loads the whole page, so the new build reads it, instead of reading it,
/// and shows no error before the page goes.
#[test]
fn an_old_app_meeting_a_newer_feed_format_loads_the_page_again() -> Result<()> {
    let scratch = ScratchSite::new(&dist())?;
    let site = site_facts(scratch.root())?;
    let (slug, _) = site.categories.last().context("no categories")?.clone();
    let mut b = scratch.browser(BrowserOptions::phone())?;
    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_app(&mut b)?;
    // The new build's list, without its pages (the test server reads files on each request).
    let relative = format!("lists/c/{slug}/1.json");
    let mut list = scratch.feed_json(&relative)?;
    let format = list["format_version"].as_u64().context("format_version")?;
    list["format_version"] = json!(format + 1);
    std::fs::write(scratch.feed_path(&relative), serde_json::to_vec(&list)?)?;
    // Kept in sessionStorage, which outlives the reload: an error seen before the page went.
    b.eval_js_with(
        "window.__sameDocument = true;
         new MutationObserver(() => {
           if (document.querySelector(arguments[0])) sessionStorage.setItem('e2e.flash', '1');
         }).observe(document.body, {childList: true, subtree: true});
         return null;",
        vec![json!(ERROR_MESSAGE)],
    )?;
    b.click(&format!("{NAV_LINKS}:last-of-type"))?;
    b.wait_until("the page to load again", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return window.__sameDocument === undefined;")? == json!(true))
    })?;
    ensure!(
        b.current_path()? == format!("/c/{slug}"),
        "the reload went elsewhere: {}",
        b.current_path()?
    );
    // This build's prerendered page shows its own list; the newer file was never shown.
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    ensure!(!b.exists(ERROR_MESSAGE)?, "an error instead of the page");
    ensure!(
        b.eval_js("return sessionStorage.getItem('e2e.flash');")? == json!(null),
        "the error showed before the page loaded again"
    );
    Ok(())
}

#[test]
fn without_service_workers_the_site_is_as_before() -> Result<()> {
    let dist = dist();
    let id = list_ids(&dist, "lists/home/1.json")?
        .into_iter()
        .next()
        .context("empty home list")?;
    let (server, mut b) = launch(BrowserOptions::phone())?;
    remove_service_workers(&b)?;
    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_app(&mut b)?;
    b.wait_quiet()?;
    ensure!(
        b.eval_js("return 'serviceWorker' in navigator;")? == json!(false),
        "the init script did not take"
    );
    b.click(&format!("{LIST_LINK}[href$='/a/{id}']"))?;
    b.wait_for_text(ARTICLE_TITLE, &title_of(&dist, &id)?, DEFAULT_WAIT)?;
    b.reload()?;
    b.wait_for_text(ARTICLE_TITLE, &title_of(&dist, &id)?, DEFAULT_WAIT)?;
    b.wait_quiet()?;
    ensure!(
        server.request_count("/sw.js") == 0,
        "sw.js fetched without service workers"
    );
    let errors = b.console_errors()?;
    ensure!(errors.is_empty(), "console errors: {errors:?}");
    Ok(())
}

#[test]
fn the_site_is_installable_under_news() -> Result<()> {
    let dist = dist_for_public_url(PREFIX);
    let site = site_facts(&dist)?;
    let (_server, mut b) = launch_at(PREFIX, BrowserOptions::phone())?;
    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_controlled(&mut b, DEFAULT_WAIT)?;
    let errors = installability_errors(&b)?;
    ensure!(errors.is_empty(), "not installable: {errors:?}");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dist.join("manifest.webmanifest"))?)?;
    ensure!(manifest["name"] == json!(site.name), "name: {manifest}");
    ensure!(manifest["scope"] == json!(PREFIX), "scope: {manifest}");
    ensure!(
        manifest["start_url"] == json!(PREFIX),
        "start_url: {manifest}"
    );
    ensure!(
        manifest["display"] == json!("standalone"),
        "display: {manifest}"
    );
    let tokens =
        std::fs::read_to_string(newsfront_e2e::dist::workspace_root().join("style/tokens.css"))?;
    let brand = tokens
        .split_once("--color-brand:")
        .and_then(|(_, r)| r.split_once(';'))
        .map(|(v, _)| v.trim().to_ascii_lowercase())
        .context("--color-brand in tokens.css")?;
    ensure!(
        manifest["theme_color"] == json!(brand),
        "theme_color: {manifest}"
    );
    // Each icon is a PNG of the size it claims.
    for icon in manifest["icons"].as_array().context("icons")? {
        let src = icon["src"].as_str().context("icon src")?;
        let size = b.eval_js_async(&format!(
            "const done = arguments[0]; const i = new Image(); \
             i.onload = () => done(i.naturalWidth + 'x' + i.naturalHeight); \
             i.onerror = () => done('error'); i.src = new URL('{src}', document.baseURI).href;"
        ))?;
        ensure!(
            size == icon["sizes"],
            "icon {src}: {size}, manifest says {}",
            icon["sizes"]
        );
    }
    // The check does fail where there is nothing to install: the offline page links no manifest.
    let offline = std::fs::read_dir(&dist)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("offline-") && n.ends_with(".html"))
        .context("no offline page in the dist")?;
    b.goto_static(&format!("/{offline}"))?;
    b.wait_for(OFFLINE_PAGE_TITLE, DEFAULT_WAIT)?;
    ensure!(
        !installability_errors(&b)?.is_empty(),
        "Chromium finds a page without a manifest installable: the check proves nothing"
    );
    Ok(())
}

/// The worker's cost on a cold load from nginx of the seed article (the page the benchmark
/// loads) and of home (where the app starts): the bytes of what the page did not ask for itself
/// (sw.js, what installing fetched, what the app's start hands over), and when the first stage
/// registered it, against the first paint and the load event.
#[test]
fn the_worker_adds_at_most_5_kb_to_a_cold_load_and_nothing_before_the_text() -> Result<()> {
    require_nginx()?;
    let dist = dist_for_public_url(PREFIX);
    let nginx = Nginx::serve_dist(&dist, PREFIX)?;
    for (path, text) in [
        (format!("/a/{SEED}"), ARTICLE_TITLE),
        ("/".to_string(), LIST_ITEM),
    ] {
        let seen = nginx.access_log()?.len();
        let mut b = Browser::new(
            BrowserOptions::phone().base_url(&format!("{}{PREFIX}", nginx.base_url())),
        )?;
        record_register_time(&b)?;
        b.goto_static(&path)?;
        b.wait_for(text, DEFAULT_WAIT)?;
        wait_controlled(&mut b, DEFAULT_WAIT)?;
        // Time for anything the app's start would hand the worker.
        std::thread::sleep(Duration::from_millis(1500));
        b.wait_quiet()?;
        let times = b.eval_js(
            "const nav = performance.getEntriesByType('navigation')[0]; \
             const fcp = performance.getEntriesByName('first-contentful-paint')[0]; \
             return { fcp: fcp ? fcp.startTime : null, \
                      load: nav.loadEventEnd, \
                      asked: [location.pathname + location.search].concat(performance.getEntriesByType('resource') \
                        .map(e => { const u = new URL(e.name); return u.pathname + u.search; })) };",
        )?;
        let asked: BTreeSet<String> = serde_json::from_value(times["asked"].clone())?;
        // The manifest and its icons are the browser's, for installing: not the worker's cost.
        let not_worker = |uri: &str| {
            asked.contains(uri)
                || uri.ends_with("manifest.webmanifest")
                || uri.contains("/icon-")
                || uri.ends_with("favicon.svg")
        };
        let worker: Vec<(String, u64)> = nginx.access_log()?[seen..]
            .iter()
            .map(|r| {
                (
                    r["uri"].as_str().unwrap_or_default().to_string(),
                    r["bytes"]
                        .as_str()
                        .and_then(|b| b.parse().ok())
                        .unwrap_or(0),
                )
            })
            .filter(|(uri, _)| !not_worker(uri))
            .collect();
        let bytes: u64 = worker.iter().map(|(_, n)| n).sum();
        eprintln!("[offline] {path}: the worker's cold-load bytes: {bytes} ({worker:?}); times (ms): {times}");
        ensure!(
            worker.iter().any(|(uri, _)| uri.ends_with("/sw.js")),
            "{path}: sw.js not among the requests: {worker:?}"
        );
        ensure!(
            bytes <= 5 * 1024,
            "{path}: the worker adds {bytes} bytes to a cold load: {worker:?}"
        );
        let at = |k: &str| times[k].as_f64().with_context(|| format!("{k}: {times}"));
        let registered = registered_at(&b)?.context("the first stage never called register")?;
        ensure!(
            registered > at("fcp")? && registered >= at("load")?,
            "{path}: the worker was registered at {registered} ms, before the text was painted and the page loaded: {times}"
        );
    }
    Ok(())
}

#[test]
fn a_tab_open_across_a_redeploy_on_nginx_keeps_working_then_takes_the_new_build() -> Result<()> {
    redeploy(Workers::Yes)
}

/// The retained files alone keep an old tab working where there is no worker (iOS WeChat).
#[test]
fn without_service_workers_a_redeploy_keeps_an_old_tab_working_too() -> Result<()> {
    redeploy(Workers::No)
}

#[derive(PartialEq)]
enum Workers {
    Yes,
    No,
}

fn redeploy(workers: Workers) -> Result<()> {
    require_nginx()?;
    let built = dist_for_public_url(PREFIX);
    let dir = tempfile::Builder::new()
        .prefix("newsfront-e2e-redeploy-")
        .tempdir()?;
    let docroot = dir.path().join("www");
    let live = docroot.join("news");
    newsfront_e2e::dist::copy_dir(&built, &live)?;
    // The next build, made before the deploy as a CI would: every hashed file of the app under
    // a new name (a code change), the site renamed (so a page shows which build it is from),
    // and the previous build's files kept beside it (`newsfront-site retain`).
    let next = dir.path().join("next");
    newsfront_e2e::dist::next_build(&live, &next, "新版")?;
    let nginx = Nginx::start(
        tempfile::Builder::new()
            .prefix("newsfront-e2e-nginx-")
            .tempdir()?,
        &docroot,
        PREFIX,
        Ok,
    )?;
    let old_name = site_facts(&live)?.name;
    let new_name = site_facts(&next)?.name;
    let mut b =
        Browser::new(BrowserOptions::phone().base_url(&format!("{}{PREFIX}", nginx.base_url())))?;
    if workers == Workers::No {
        remove_service_workers(&b)?;
    }

    // 1. A tab open on the old build (its worker in control), the app running.
    b.goto("/")?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    if workers == Workers::Yes {
        wait_controlled(&mut b, DEFAULT_WAIT)?;
    }
    wait_app(&mut b)?;
    // 2. The deploy: the new dist replaces the old in one rename.
    let kept = newsfront_site::retain::retain(&live, &next, 7, newsfront_site::retain::now())?;
    ensure!(kept.kept > 0, "nothing of the old build kept: {kept}");
    std::fs::rename(&live, dir.path().join("old"))?;
    std::fs::rename(&next, &live)?;
    // 3. The old app keeps navigating: categories, an article, back home.
    let nav = format!("{NAV_LINKS}:last-of-type");
    b.click(&nav)?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    b.click(LIST_LINK)?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    ensure!(!b.exists(LOAD_ERROR)?, "load error after the deploy");
    ensure!(
        !b.exists(ERROR_MESSAGE)?,
        "error panel after the deploy: {:?}",
        b.query_text(ERROR_MESSAGE)?
    );
    ensure!(
        b.text_of(SITE_NAME)? == old_name,
        "the old app changed its name in place"
    );
    if workers == Workers::Yes {
        // The browser finds the new worker (the first stage looks on a tap or a return to the
        // tab); once it took over, the next link is a whole page of the new build.
        look_for_update(&b)?;
        b.wait_until("the new worker to take over", DEFAULT_WAIT, |b| {
            Ok(b.eval_js("return !!(window.__nf && window.__nf.stale);")? == json!(true))
        })?;
        b.click(&format!("{NAV_LINKS}:first-of-type"))?;
        b.wait_for_text(SITE_NAME, &new_name, DEFAULT_WAIT)?;
        b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
        wait_app(&mut b)?;
        ensure!(
            !b.exists(LOAD_ERROR)?,
            "load error on the new build: {:?}",
            b.console_errors()?
        );
    }
    // 4. A reload: the new build, which works.
    b.reload()?;
    b.wait_for_text(SITE_NAME, &new_name, DEFAULT_WAIT)?;
    b.click(&format!("{NAV_LINKS}:first-of-type"))?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    wait_app(&mut b)?;
    b.click(LIST_LINK)?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    ensure!(!b.exists(ERROR_MESSAGE)?, "error panel on the new build");
    let missing: Vec<Value> = nginx
        .access_log()?
        .into_iter()
        .filter(|r| r["status"].as_u64() == Some(404))
        .collect();
    ensure!(missing.is_empty(), "404s during the redeploy: {missing:?}");
    Ok(())
}
