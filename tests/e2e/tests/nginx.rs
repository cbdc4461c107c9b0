//! The shipped nginx config, for real: Debian's nginx serves dist/ built for `/` and for `/news/`
//! with deploy/nginx/newsfront.conf.template rendered by deploy/newsfront-deploy.py, and headless
//! Chromium opens deep links, reloads them and follows links, while the access log records what
//! was sent (MIME type, Content-Encoding, Cache-Control) and a listener records CSP violations.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use newsfront_e2e::{
    dist_for_public_url, feed_json, list_ids, site_facts, Browser, BrowserOptions, DEFAULT_WAIT,
};
use serde_json::{json, Value};

const NGINX: &str = "/usr/sbin/nginx";
const ARTICLE_TITLE: &str = "h1.article__title";
const LIST_LINK: &str = "a.article-list__link";
const NAV_LINKS: &str = "nav.cat-nav a";
const CSP_KEY: &str = "newsfront-e2e-csp-violations";

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
    let nginx = Nginx::start(&dist, public_url)?;
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
    record_csp_violations(&b)?;

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
        Ok(!csp_violations(b)?.is_empty())
    })?;
    ensure!(
        b.eval_js("return window.__injected === undefined;")? == json!(true),
        "an injected inline script ran: the CSP does not forbid inline scripts"
    );

    check_access_log(&nginx.access_log()?, public_url, &id, &slug)?;
    check_encodings(&nginx, &dist, public_url)
}

/// What nginx sent the browser, from its access log (one JSON object per request).
fn check_access_log(log: &[Value], public_url: &str, id: &str, slug: &str) -> Result<()> {
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
    ensure!(!wasm.is_empty(), "the wasm was never sent: {assets:?}");
    for r in wasm {
        ensure!(
            field(r, "type") == "application/wasm",
            "wasm MIME type: {r}"
        );
        let want = expected_encoding(&field(r, "accept"));
        ensure!(
            field(r, "encoding") == want,
            "wasm Content-Encoding should be {want:?} for Accept-Encoding {:?}: {r}",
            field(r, "accept")
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
    let wasm = std::fs::read_dir(dist)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.ends_with("_bg.wasm"))
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
        csp.contains("script-src 'self' 'wasm-unsafe-eval';") && !csp.contains("unsafe-inline"),
        "CSP header: {csp}"
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

/// Record every `securitypolicyviolation` of every document of this session in sessionStorage
/// (it survives reloads); injected through CDP, so the policy itself cannot block the listener.
fn record_csp_violations(b: &Browser) -> Result<()> {
    let source = format!(
        "addEventListener('securitypolicyviolation', e => {{\
           const all = JSON.parse(sessionStorage.getItem('{CSP_KEY}') || '[]');\
           all.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.documentURI);\
           sessionStorage.setItem('{CSP_KEY}', JSON.stringify(all));\
         }}, true);"
    );
    b.cdp("Page.enable", json!({}))?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )?;
    Ok(())
}

fn csp_violations(b: &Browser) -> Result<Vec<String>> {
    let v = b.eval_js(&format!(
        "return JSON.parse(sessionStorage.getItem('{CSP_KEY}') || '[]');"
    ))?;
    Ok(serde_json::from_value(v)?)
}

fn assert_no_csp_violations(b: &Browser, when: &str) -> Result<()> {
    let found = csp_violations(b)?;
    ensure!(found.is_empty(), "CSP violations during {when}: {found:#?}");
    Ok(())
}

fn require_nginx() -> Result<()> {
    if !Path::new(NGINX).is_file() {
        bail!("{NGINX} is missing: run `scripts/setup.sh --nginx` (Debian's nginx package)");
    }
    Ok(())
}

/// nginx as an ordinary process on a free loopback port, serving a copy of a dist with the
/// build's .gz/.br files, configured by the shipped template; killed on drop.
struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
}

impl Nginx {
    fn start(dist: &Path, public_url: &str) -> Result<Nginx> {
        let root = newsfront_e2e::dist::workspace_root();
        let dir = tempfile::Builder::new()
            .prefix("newsfront-e2e-nginx-")
            .tempdir()?;
        let docroot = dir.path().join("www");
        let app_dir = docroot.join(public_url.trim_matches('/'));
        std::fs::create_dir_all(&app_dir)?;
        // A copy: compressing in place would change a dist other tests share.
        run(Command::new("cp")
            .arg("-a")
            .arg(dist.join("."))
            .arg(&app_dir))?;
        let deploy_tool = root.join("deploy/newsfront-deploy.py");
        run(Command::new("python3")
            .arg(&deploy_tool)
            .arg("compress")
            .arg(&app_dir))?;
        let port = free_port()?;
        let server = run(Command::new("python3")
            .arg(&deploy_tool)
            .arg("nginx-conf")
            .arg("--docroot")
            .arg(&docroot)
            .arg("--public-url")
            .arg(public_url)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}")))?;
        std::fs::write(dir.path().join("newsfront.conf"), server)?;
        std::fs::write(dir.path().join("nginx.conf"), wrapper_conf(dir.path())?)?;
        std::fs::create_dir_all(dir.path().join("temp"))?;
        let child = Command::new(NGINX)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .arg("-e")
            .arg("stderr")
            .arg("-g")
            .arg(format!(
                "daemon off; pid {}; error_log stderr;",
                dir.path().join("nginx.pid").display()
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("error.log"))?)
            .spawn()
            .context("cannot start nginx")?;
        let mut nginx = Nginx { child, dir, port };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Some(status) = nginx.child.try_wait()? {
                bail!("nginx exited at start ({status}):\n{}", nginx.error_log());
            }
            if Instant::now() > deadline {
                bail!("nginx did not listen on {port}:\n{}", nginx.error_log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(nginx)
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }

    fn access_log(&self) -> Result<Vec<Value>> {
        let path = self.dir.path().join("access.log");
        std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .lines()
            .map(|l| serde_json::from_str(l).with_context(|| format!("access log line: {l}")))
            .collect()
    }

    /// A HEAD request; returns the status line and headers.
    fn head(&self, path: &str, accept_encoding: &str) -> Result<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let accept = if accept_encoding.is_empty() {
            String::new()
        } else {
            format!("Accept-Encoding: {accept_encoding}\r\n")
        };
        write!(
            stream,
            "HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{accept}Connection: close\r\n\r\n"
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        Ok(response)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // The master is our child; its workers exit with it. Only this process, by its id.
        let _ = Command::new("kill")
            .args(["-QUIT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The minimal nginx.conf around the shipped server config: paths inside the temp folder and
/// a JSON access log of what was sent.
fn wrapper_conf(dir: &Path) -> Result<String> {
    let d = dir.display();
    // Run as root, the workers would switch to `nobody` and could not read the temp folder.
    let user = if is_root()? { "user root;" } else { "" };
    Ok(format!(
        r#"{user}
worker_processes 1;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {d}/temp/body;
    proxy_temp_path {d}/temp/proxy;
    fastcgi_temp_path {d}/temp/fastcgi;
    uwsgi_temp_path {d}/temp/uwsgi;
    scgi_temp_path {d}/temp/scgi;
    log_format e2e escape=json '{{"uri":"$request_uri","status":"$status",'
        '"type":"$sent_http_content_type","encoding":"$sent_http_content_encoding",'
        '"cache":"$sent_http_cache_control","accept":"$http_accept_encoding"}}';
    access_log {d}/access.log e2e;
    include {d}/newsfront.conf;
}}
"#
    ))
}

fn is_root() -> Result<bool> {
    let out = Command::new("id").arg("-u").output()?;
    Ok(String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn run(command: &mut Command) -> Result<String> {
    let out = command
        .output()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !out.status.success() {
        bail!(
            "{command:?} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}
