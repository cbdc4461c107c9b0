//! Links that resolve to another host, and history calls that throw, never reach
//! leptos_router's `unwrap`: a feed link like `/.//evil.example/x` is refused with its path; an
//! anchor the router could not push (put into the page by hand, as the feed can no longer) is
//! loaded in full on this site; a `pushState` that throws (Safari's rate limit) becomes a full
//! page load. No panic screen, the nav still works, nothing leaves the site.

use anyhow::{ensure, Result};
use newsfront_e2e::selectors::{ARTICLE_TITLE, LIST_ITEM};
use newsfront_e2e::SEED;
use newsfront_e2e::{dist, Browser, BrowserOptions, ScratchSite, DEFAULT_WAIT};
use serde_json::{json, Value};

fn alive(b: &mut Browser) -> Result<()> {
    ensure!(!b.exists(".panic-screen")?, "panic screen shown");
    ensure!(b.count("nav.cat-nav a")? >= 2, "nav has links");
    b.click("nav.cat-nav a[href='/']")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    Ok(())
}

fn origin(b: &Browser) -> Result<String> {
    Ok(b.eval_js("return location.origin;")?
        .as_str()
        .unwrap_or_default()
        .to_string())
}

#[test]
fn feed_links_that_resolve_to_another_host_are_refused() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut b = site.browser(BrowserOptions::phone())?;
    for (id, link) in [
        ("g-dot", "/.//evil.example/x"),
        ("g-dotdot", "/a/../..//evil.example/y"),
        ("g-encoded", "/%2e//evil.example/x"),
    ] {
        let mut a: Value = newsfront_e2e::feed_json(&dist(), &format!("articles/{SEED}.json"))?;
        a["id"] = json!(id);
        a["related"] = json!([]);
        a["body"][0]["spans"][0]["link"] = json!(link);
        site.write_feed_json(&format!("articles/{id}.json"), &a)?;
        b.goto(&format!("/a/{id}"))?;
        b.wait_for(".error-panel__message", DEFAULT_WAIT)?;
        let message = b.text_of(".error-panel__message")?;
        ensure!(
            message.contains("body[0].spans[0].link") && message.contains("path segment"),
            "{link}: {message}"
        );
        alive(&mut b)?;
    }
    Ok(())
}

#[test]
fn a_link_the_router_cannot_push_is_loaded_in_full_on_this_site() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut b = site.browser(BrowserOptions::phone())?;
    let here = site.server.origin();
    for href in ["/.//evil.example/x", "/a/%2e%2e/%2e%2e//evil.example/y"] {
        b.goto(&format!("/a/{SEED}"))?;
        b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
        b.eval_js_with(
            "const a = document.createElement('a'); a.id = 'planted'; a.href = arguments[0];\
             a.textContent = 'planted link'; document.querySelector('.article__body').prepend(a);\
             window.__samePage = true;",
            vec![json!(href)],
        )?;
        b.click("#planted")?;
        b.wait_until("a full page load", DEFAULT_WAIT, |b| {
            Ok(b.eval_js("return window.__samePage === undefined;")? == json!(true))
        })?;
        ensure!(origin(&b)? == here, "left the site: {}", b.current_url()?);
        // The app on a path it has no route for: the not-found page, with its nav.
        b.wait_for(".not-found", DEFAULT_WAIT)?;
        alive(&mut b)?;
    }
    // Called directly, a push to another origin neither throws nor moves.
    b.goto("/")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    let before = b.current_url()?;
    let threw = b.eval_js(
        "try { history.pushState(null, '', '//evil.example/x'); return false; } \
         catch (e) { return String(e); }",
    )?;
    ensure!(threw == json!(false), "pushState threw: {threw}");
    ensure!(b.current_url()? == before, "moved to {}", b.current_url()?);
    ensure!(!b.exists(".panic-screen")?, "panic screen shown");
    Ok(())
}

#[test]
fn a_history_call_that_throws_becomes_a_full_page_load() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    let mut b = site.browser(BrowserOptions::phone())?;
    // Safari throws a SecurityError after 100 pushes in 30 s; here, whenever asked to.
    b.add_init_script(
        "(() => { const push = History.prototype.pushState;\
            History.prototype.pushState = function (...args) {\
              if (window.__throwOnPush) throw new DOMException('too many calls', 'SecurityError');\
              return push.apply(this, args); }; })();",
    )?;
    b.goto("/")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    let href = b.attr(".article-list__link", "href")?.unwrap_or_default();
    b.eval_js("window.__throwOnPush = true; window.__samePage = true;")?;
    b.click(".article-list__link")?;
    b.wait_until("a full page load of the article", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return window.__samePage === undefined;")? == json!(true))
    })?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    ensure!(
        b.current_url()? == site.server.url(&href),
        "at {}, want {href}",
        b.current_url()?
    );
    alive(&mut b)?;
    let errors = b.console_errors()?;
    ensure!(
        !errors.iter().any(|e| e.contains("panicked")),
        "a panic: {errors:?}"
    );
    Ok(())
}
