//! The shipped nginx config, for real: Debian's nginx serves dist/ built for `/` and for `/news/`
//! with deploy/nginx/newsfront.conf.template rendered by `newsfront-site nginx-conf`, and headless
//! Chromium opens deep links, reloads them and follows links, while the access log records what
//! was sent (MIME type, Content-Encoding, Cache-Control) and a listener records CSP violations.

use std::path::Path;

use anyhow::{ensure, Context, Result};
use newsfront_e2e::nginx::{require_nginx, Nginx};
use newsfront_e2e::selectors::{ARTICLE_TITLE, LIST_LINK, NAV_LINKS};
use newsfront_e2e::{
    detected, dist_for_public_url, feed_json, install_detector, list_ids, site_facts, Browser,
    BrowserOptions, DEFAULT_WAIT,
};
use serde_json::{json, Value};

#[test]
fn nginx_serves_the_app_at_the_site_root() -> Result<()> {
    check_public_url("/")
}

#[test]
fn nginx_serves_the_app_at_a_sub_path() -> Result<()> {
    check_public_url("/news/")
}

fn check_public_url(public_url: &str) -> Result<()> {
    require_nginx()?;
    let dist = dist_for_public_url(public_url);
    let nginx = Nginx::serve_dist(&dist, public_url)?;
    let site = site_facts(&dist)?;
    let id = list_ids(&dist, "lists/home/1.json")?
        .into_iter()
        .next()
        .context("the home list is empty")?;
    let title = feed_json(&dist, &format!("articles/{id}.json"))?["title"]
        .as_str()
        .context("article title is not a string")?
        .to_string();
    let (slug, _) = site.categories.first().context("no categories")?.clone();

    let app_url = format!("{}{public_url}", nginx.base_url());
    let mut b = Browser::new(BrowserOptions::phone().base_url(&app_url))?;
    install_detector(&b)?;

    // Deep link to an article, then a hard reload of it.
    b.goto(&format!("/a/{id}"))?;
    b.wait_for_text(ARTICLE_TITLE, &title, DEFAULT_WAIT)?;
    b.reload()?;
    b.wait_for_text(ARTICLE_TITLE, &title, DEFAULT_WAIT)?;
    assert_no_csp_violations(&b, "article deep link and reload")?;

    // Deep link to a category, reload, then follow a nav link and an article link.
    b.goto(&format!("/c/{slug}"))?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    b.reload()?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    assert_no_csp_violations(&b, "category deep link and reload")?;
    let last_nav = format!("{NAV_LINKS}:last-of-type");
    let (last_slug, _) = site.categories.last().context("no categories")?.clone();
    b.click(&last_nav)?;
    let want = format!("{public_url}c/{last_slug}");
    b.wait_until(&format!("path {want}"), DEFAULT_WAIT, |b| {
        Ok(b.current_path()? == want)
    })?;
    b.wait_for(LIST_LINK, DEFAULT_WAIT)?;
    b.click(LIST_LINK)?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    let path = b.current_path()?;
    ensure!(
        path.starts_with(&format!("{public_url}a/")),
        "article link left the public URL {public_url}: {path}"
    );
    ensure!(!b.exists("#load-error:not([hidden])")?, "load error shown");
    assert_no_csp_violations(&b, "following links")?;

    // The listener works and the policy bites: an injected inline script is blocked.
    b.eval_js(
        "const s = document.createElement('script'); s.textContent = 'window.__injected = 1';\
         document.head.appendChild(s); return null;",
    )?;
    b.wait_until("the injected script's violation", DEFAULT_WAIT, |b| {
        Ok(!detected(b)?.csp.is_empty())
    })?;
    ensure!(
        b.eval_js("return window.__injected === undefined;")? == json!(true),
        "an injected inline script ran: the CSP does not forbid inline scripts"
    );

    newsfront_e2e::worker::wait_controlled(&mut b, DEFAULT_WAIT)?;
    check_access_log(
        &nginx.access_log()?,
        nginx.app_dir(),
        public_url,
        &id,
        &slug,
    )?;
    check_prerendered(&nginx, public_url, &id, &slug)?;
    check_encodings(&nginx, &dist, public_url)
}

/// What nginx sent the browser, from its access log (one JSON object per request).
fn check_access_log(
    log: &[Value],
    served: &Path,
    public_url: &str,
    id: &str,
    slug: &str,
) -> Result<()> {
    let field = |r: &Value, k: &str| r[k].as_str().unwrap_or_default().to_string();
    for page in [
        format!("{public_url}a/{id}"),
        format!("{public_url}c/{slug}"),
    ] {
        let hits: Vec<&Value> = log.iter().filter(|r| field(r, "uri") == page).collect();
        ensure!(
            hits.len() >= 2,
            "{page}: expected a load and a reload, got {hits:?}"
        );
        for r in hits {
            // A reload may be revalidated: a 304 carries the headers but no Content-Type.
            let html = field(r, "status") == "304" || field(r, "type").starts_with("text/html");
            ensure!(
                field(r, "cache") == "no-cache" && html,
                "{page} must be index.html with Cache-Control: no-cache: {r}"
            );
        }
    }
    let assets: Vec<&Value> = log
        .iter()
        .filter(|r| {
            let uri = field(r, "uri");
            [".js", ".wasm", ".css"]
                .iter()
                .any(|ext| uri.ends_with(ext))
                && uri != format!("{public_url}sw.js")
        })
        .collect();
    ensure!(assets.len() >= 4, "too few asset requests: {assets:?}");
    for r in &assets {
        let uri = field(r, "uri");
        ensure!(
            is_hashed(&uri),
            "every script, style and wasm file has a content hash in its name: {uri}"
        );
        ensure!(
            field(r, "cache") == "public, max-age=31536000, immutable",
            "hashed asset not immutable: {r}"
        );
    }
    let wasm: Vec<&&Value> = assets
        .iter()
        .filter(|r| field(r, "uri").ends_with("_bg.wasm") && field(r, "status") == "200")
        .collect();
    ensure!(
        wasm.iter().any(|r| field(r, "encoding") == "br"),
        "no wasm was sent compressed: {wasm:?}"
    );
    for r in wasm {
        ensure!(
            field(r, "type") == "application/wasm",
            "wasm MIME type: {r}"
        );
        // Files too small to gain from compression have no .br/.gz beside them.
        let name = field(r, "uri");
        let name = name.rsplit('/').next().unwrap_or_default();
        let compressed = served.join(format!("{name}.br")).exists();
        let want = if compressed {
            expected_encoding(&field(r, "accept"))
        } else {
            ""
        };
        ensure!(
            field(r, "encoding") == want,
            "wasm Content-Encoding should be {want:?} for Accept-Encoding {:?}: {r}",
            field(r, "accept")
        );
    }
    // The service worker's script keeps its name across deploys: never cached without asking,
    // so a deploy reaches open tabs; JavaScript, precompressed like the app.
    let worker: Vec<&Value> = log
        .iter()
        .filter(|r| field(r, "uri") == format!("{public_url}sw.js"))
        .collect();
    ensure!(
        !worker.is_empty(),
        "the service worker was never registered"
    );
    for r in worker {
        ensure!(
            field(r, "cache") == "no-cache"
                && (field(r, "status") == "304"
                    || (field(r, "type").starts_with("application/javascript")
                        && field(r, "encoding") == expected_encoding(&field(r, "accept")))),
            "sw.js must be JavaScript, no-cache, precompressed: {r}"
        );
    }
    let feed: Vec<&Value> = log
        .iter()
        .filter(|r| field(r, "uri").starts_with(&format!("{public_url}feed/lists/")))
        .collect();
    ensure!(
        !feed.is_empty(),
        "no feed list was fetched below {public_url}"
    );
    for r in feed {
        ensure!(
            field(r, "cache") == "public, max-age=60, must-revalidate"
                && (field(r, "status") == "304"
                    || field(r, "type").starts_with("application/json")),
            "feed list caching: {r}"
        );
    }
    Ok(())
}

/// Each encoding the config can send, asked for directly: br, gzip and none.
fn check_encodings(nginx: &Nginx, dist: &Path, public_url: &str) -> Result<()> {
    // The largest module: every chunk that small is sent as it is.
    let wasm = std::fs::read_dir(dist)?
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().into_string().ok()?;
            Some((e.metadata().ok()?.len(), name))
        })
        .filter(|(_, n)| n.ends_with("_bg.wasm"))
        .max()
        .map(|(_, n)| n)
        .context("no wasm in dist")?;
    let path = format!("{public_url}{wasm}");
    for (accept, want) in [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", "")] {
        let headers = nginx.head(&path, accept)?;
        ensure!(headers.starts_with("HTTP/1.1 200"), "{path}: {headers}");
        ensure!(
            header(&headers, "content-type") == "application/wasm"
                && header(&headers, "content-encoding") == want
                && header(&headers, "vary") == "Accept-Encoding",
            "{path} with Accept-Encoding {accept:?}, want encoding {want:?}:\n{headers}"
        );
    }
    // Pages (the prerendered home page here) are gzipped on the fly.
    let page = nginx.head(public_url, "gzip, deflate, br")?;
    ensure!(
        page.starts_with("HTTP/1.1 200")
            && header(&page, "content-type").starts_with("text/html")
            && header(&page, "content-encoding") == "gzip",
        "{public_url} should be sent gzipped:\n{page}"
    );
    let stale = nginx.head(
        &format!("{public_url}newsfront-0000000000000000_bg.wasm"),
        "",
    )?;
    ensure!(
        stale.starts_with("HTTP/1.1 404"),
        "a missing hashed asset must be a 404, not index.html:\n{stale}"
    );
    let missing_feed = nginx.head(&format!("{public_url}feed/articles/nope.json"), "")?;
    ensure!(
        missing_feed.starts_with("HTTP/1.1 404"),
        "a missing feed file must be a 404:\n{missing_feed}"
    );
    let page = nginx.head(&format!("{public_url}a/some-id"), "")?;
    for (name, want) in [
        ("cache-control", "no-cache"),
        ("x-content-type-options", "nosniff"),
    ] {
        ensure!(header(&page, name) == want, "{name} on a route:\n{page}");
    }
    let csp = header(&page, "content-security-policy");
    ensure!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-")
            && !csp.contains("unsafe-inline"),
        "CSP header: {csp}"
    );
    Ok(())
}

/// Prerendered pages are served at their routes' paths without a redirect; other routes get
/// the plain app (app.html).
fn check_prerendered(nginx: &Nginx, public_url: &str, id: &str, slug: &str) -> Result<()> {
    const DATA: &str = "id=\"nf-data\"";
    for (path, route) in [
        (format!("{public_url}a/{id}"), format!("/a/{id}")),
        (format!("{public_url}c/{slug}"), format!("/c/{slug}")),
        (format!("{public_url}c/{slug}?page=2"), format!("/c/{slug}")),
        (public_url.to_string(), "/".to_string()),
    ] {
        let page = nginx.get(&path)?;
        ensure!(page.starts_with("HTTP/1.1 200"), "{path}: {page:.200}");
        let canonical = page
            .split_once("<link rel=\"canonical\" href=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(href, _)| href)
            .unwrap_or_default();
        ensure!(
            page.contains(DATA) && canonical.ends_with(&route),
            "{path} is not the prerendered page of {route} (canonical {canonical:?}):\n{page:.600}"
        );
    }
    let fallback = nginx.get(&format!("{public_url}a/not-prerendered"))?;
    ensure!(
        fallback.starts_with("HTTP/1.1 200") && !fallback.contains(DATA),
        "a route without a file gets the plain app:\n{fallback:.600}"
    );
    Ok(())
}

fn expected_encoding(accept: &str) -> &'static str {
    let tokens: Vec<String> = accept
        .split(',')
        .map(|t| {
            t.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    if tokens.iter().any(|t| t == "br") {
        "br"
    } else if tokens.iter().any(|t| t == "gzip") {
        "gzip"
    } else {
        ""
    }
}

/// trunk writes its content hash as unpadded hex: usually 16 digits, sometimes fewer.
fn is_hashed(uri: &str) -> bool {
    let name = uri.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|c| c.is_ascii_hexdigit())
    })
}

fn header(response: &str, name: &str) -> String {
    response
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default()
}

fn assert_no_csp_violations(b: &Browser, when: &str) -> Result<()> {
    let found = detected(b)?.csp;
    ensure!(found.is_empty(), "CSP violations during {when}: {found:#?}");
    Ok(())
}
