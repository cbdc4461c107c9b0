//! A static HTTP/1.1 server for a built `dist/`, with SPA fallback, a sub-path prefix and
//! run-time fault injection, so tests can watch the app cope with slow, broken or hostile hosts.
//!
//! Every connection is answered on its own thread and closed after one response
//! (`Connection: close`): the harness favours predictable behaviour over speed.
//!
//! Paths in rules, counts and the request log are *site paths*: the request path with the
//! prefix removed and without the query string, e.g. `/feed/site.json` whether the site is
//! served at `/` or at `/news/`.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a connection may stay silent before its request is given up.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head accepted; the browser's requests are far smaller.
const MAX_HEAD: usize = 64 * 1024;

/// Settings of a [`Server`]; build with [`ServerOptions::new`] and the chained setters.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    root: PathBuf,
    prefix: String,
    cache_control: Option<String>,
}

impl ServerOptions {
    /// Serve the directory `root` at the site root `/`, with `Cache-Control: no-store` so
    /// request counts are not blurred by the browser cache.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            prefix: "/".to_string(),
            cache_control: Some("no-store".to_string()),
        }
    }

    /// Serve under a sub-path such as `/news/` (leading and trailing slashes optional).
    /// Requests outside it get 404, and `/news` redirects to `/news/`, as on a real host.
    pub fn prefix(mut self, prefix: &str) -> Self {
        let trimmed = prefix.trim_matches('/');
        self.prefix = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        self
    }

    /// The `Cache-Control` header sent with files; `None` sends none (browser heuristics).
    pub fn cache_control(mut self, value: Option<&str>) -> Self {
        self.cache_control = value.map(str::to_string);
        self
    }
}

/// Which requests a [`Rule`] applies to, by site path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathMatch {
    /// The site path equals this, e.g. `/feed/site.json`.
    Exact(String),
    /// The site path starts with this, e.g. `/feed/lists/`.
    Prefix(String),
}

impl PathMatch {
    fn matches(&self, site_path: &str) -> bool {
        match self {
            PathMatch::Exact(p) => site_path == p,
            PathMatch::Prefix(p) => site_path.starts_with(p.as_str()),
        }
    }
}

/// What the server does instead of (or before) serving a matched request normally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status, extra headers (e.g. `Retry-After`) and body.
    Status {
        code: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Send the real response head (with the full `Content-Length`), then close.
    DropAfterHeaders,
    /// Send the head and half of the body, then close.
    DropMidBody,
    /// Accept the request and never answer (until the server is dropped).
    Hang,
    /// Close the connection without an answer: a network error, as with no signal.
    Close,
    /// Wait this long, then serve normally.
    Delay(Duration),
    /// Serve `index.html` as `200 text/html`, as a misconfigured host or captive portal would.
    HtmlInsteadOfJson,
}

impl Fault {
    /// A bare status with an empty body, e.g. `Fault::status(503)`.
    pub fn status(code: u16) -> Self {
        Fault::Status {
            code,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    /// `429 Too Many Requests` with `Retry-After: {seconds}`.
    pub fn too_many_requests(retry_after_secs: u32) -> Self {
        Fault::Status {
            code: 429,
            headers: vec![("Retry-After".to_string(), retry_after_secs.to_string())],
            body: "slow down".to_string(),
        }
    }

    /// Wait `ms` milliseconds, then serve normally.
    pub fn delay_ms(ms: u64) -> Self {
        Fault::Delay(Duration::from_millis(ms))
    }
}

/// One fault-injection rule: a path match, a fault, and optionally how many times it fires.
#[derive(Debug, Clone)]
pub struct Rule {
    matcher: PathMatch,
    fault: Fault,
    remaining: Option<usize>,
}

impl Rule {
    /// Apply `fault` to requests whose site path is exactly `path`.
    pub fn exact(path: &str, fault: Fault) -> Self {
        Self {
            matcher: PathMatch::Exact(path.to_string()),
            fault,
            remaining: None,
        }
    }

    /// Apply `fault` to requests whose site path starts with `prefix`.
    pub fn prefix(prefix: &str, fault: Fault) -> Self {
        Self {
            matcher: PathMatch::Prefix(prefix.to_string()),
            fault,
            remaining: None,
        }
    }

    /// Fire only for the next `n` matching requests, then stand aside (to test retries).
    pub fn times(mut self, n: usize) -> Self {
        self.remaining = Some(n);
        self
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub method: String,
    /// The site path (prefix removed, percent-decoded, no query); for a request outside the
    /// prefix, the whole decoded request path.
    pub path: String,
    /// True when the request was outside the prefix (answered 404 or redirected).
    pub outside_prefix: bool,
    /// The percent-decoded request path as sent, prefix included, without the query.
    pub raw_path: String,
    /// The query string without `?`, if any.
    pub query: Option<String>,
    /// The status sent, or `None` for dropped and hung connections.
    pub status: Option<u16>,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    log: Vec<RequestRecord>,
}

struct Shared {
    root: PathBuf,
    prefix: String,
    cache_control: Option<String>,
    state: Mutex<State>,
    stopping: AtomicBool,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panicking handler thread must not take the whole test down with a poisoned lock.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running server on `127.0.0.1:{free port}`; it stops when dropped.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Serve `root` at `/` (see [`ServerOptions::new`] for the defaults).
    pub fn start(root: impl Into<PathBuf>) -> std::io::Result<Server> {
        Self::start_with(ServerOptions::new(root))
    }

    /// Serve with explicit options, e.g. a sub-path prefix.
    pub fn start_with(options: ServerOptions) -> std::io::Result<Server> {
        let index = options.root.join("index.html");
        if !index.is_file() {
            return Err(std::io::Error::new(
                ErrorKind::NotFound,
                format!("no index.html to serve at {}", index.display()),
            ));
        }
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            root: options.root,
            prefix: options.prefix,
            cache_control: options.cache_control,
            state: Mutex::new(State::default()),
            stopping: AtomicBool::new(false),
        });
        let acceptor_shared = Arc::clone(&shared);
        let acceptor = thread::Builder::new()
            .name(format!("e2e-server-{}", addr.port()))
            .spawn(move || accept_loop(listener, acceptor_shared))?;
        Ok(Server {
            addr,
            shared,
            acceptor: Some(acceptor),
        })
    }

    /// `http://127.0.0.1:{port}`, without a trailing slash.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The site's base URL with the prefix and a trailing slash, e.g. `http://127.0.0.1:4711/news/`.
    pub fn base_url(&self) -> String {
        format!("{}{}", self.origin(), self.shared.prefix)
    }

    /// The absolute URL of a site path, e.g. `url("/a/abc")` → `http://127.0.0.1:4711/news/a/abc`.
    pub fn url(&self, site_path: &str) -> String {
        format!("{}{}", self.base_url(), site_path.trim_start_matches('/'))
    }

    /// The prefix, `/` or e.g. `/news/`.
    pub fn prefix(&self) -> &str {
        &self.shared.prefix
    }

    /// Add a fault rule; the first rule (in insertion order) that matches a request wins.
    pub fn add_rule(&self, rule: Rule) {
        self.shared.state().rules.push(rule);
    }

    /// Remove every fault rule: from now on, serve normally.
    pub fn clear_rules(&self) {
        self.shared.state().rules.clear();
    }

    /// How many requests (any method, any query) had exactly this site path.
    pub fn request_count(&self, site_path: &str) -> usize {
        self.shared
            .state()
            .log
            .iter()
            .filter(|r| !r.outside_prefix && r.path == site_path)
            .count()
    }

    /// How many requests had a site path starting with `prefix`.
    pub fn request_count_prefix(&self, prefix: &str) -> usize {
        self.shared
            .state()
            .log
            .iter()
            .filter(|r| !r.outside_prefix && r.path.starts_with(prefix))
            .count()
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.state().log.clone()
    }

    /// The raw paths of requests outside the served prefix (an app under a sub-path must make
    /// none).
    pub fn requests_outside_prefix(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .filter(|r| r.outside_prefix)
            .map(|r| r.raw_path)
            .collect()
    }

    /// Forget the request log (rules stay).
    pub fn reset_counts(&self) {
        self.shared.state().log.clear();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wake the blocking accept() so the acceptor sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(handle) = self.acceptor.take() {
            let _ = handle.join();
        }
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(&shared);
        // Handler threads are detached: hung ones notice `stopping` and end by themselves.
        let _ = thread::Builder::new()
            .name("e2e-conn".to_string())
            .spawn(move || {
                let _ = handle_connection(stream, &shared);
            });
    }
}

/// A parsed request line; headers are read and ignored.
struct Request {
    method: String,
    path: String,
    query: Option<String>,
}

fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Request>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(None); // preconnect sockets often close without a request
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or_default().split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (target, None),
    };
    Ok(Some(Request {
        method: method.to_string(),
        path: percent_decode(path),
        query,
    }))
}

/// What to send for a request, before faults are applied.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![(
                "Content-Type".to_string(),
                "text/plain; charset=utf-8".to_string(),
            )],
            body: body.as_bytes().to_vec(),
        }
    }

    fn head_bytes(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        head.into_bytes()
    }
}

fn handle_connection(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let Some(request) = read_request(&mut stream)? else {
        return Ok(());
    };

    let site_path = site_path(&shared.prefix, &request.path);
    let fault = site_path
        .as_deref()
        .and_then(|p| take_fault(&mut shared.state(), p));

    let mut response = match &site_path {
        None if request.path == shared.prefix.trim_end_matches('/') => Response {
            status: 301,
            headers: vec![("Location".to_string(), shared.prefix.clone())],
            body: Vec::new(),
        },
        None => Response::text(404, "outside the served prefix"),
        Some(_) if request.method != "GET" && request.method != "HEAD" => {
            Response::text(405, "only GET and HEAD")
        }
        Some(p) => serve_file(shared, p),
    };
    if let Some(cc) = &shared.cache_control {
        response
            .headers
            .push(("Cache-Control".to_string(), cc.clone()));
    }

    let status = match &fault {
        None => Some(response.status),
        Some(Fault::Delay(d)) => {
            if !sleep_unless_stopping(shared, *d) {
                return Ok(());
            }
            Some(response.status)
        }
        Some(Fault::Status {
            code,
            headers,
            body,
        }) => {
            response = Response::text(*code, body);
            response.headers.extend(headers.iter().cloned());
            Some(*code)
        }
        Some(Fault::HtmlInsteadOfJson) => {
            response = file_response(&shared.root.join("index.html"));
            Some(response.status)
        }
        Some(Fault::DropAfterHeaders | Fault::DropMidBody | Fault::Hang | Fault::Close) => None,
    };

    shared.state().log.push(RequestRecord {
        method: request.method.clone(),
        path: site_path.clone().unwrap_or_else(|| request.path.clone()),
        outside_prefix: site_path.is_none(),
        raw_path: request.path.clone(),
        query: request.query,
        status,
    });

    match fault {
        Some(Fault::Hang) => {
            sleep_unless_stopping(shared, Duration::MAX);
        }
        Some(Fault::DropAfterHeaders) => {
            stream.write_all(&response.head_bytes())?;
            stream.flush()?;
        }
        Some(Fault::Close) => {}
        Some(Fault::DropMidBody) => {
            stream.write_all(&response.head_bytes())?;
            stream.write_all(&response.body[..response.body.len() / 2])?;
            stream.flush()?;
        }
        _ => {
            stream.write_all(&response.head_bytes())?;
            if request.method != "HEAD" {
                stream.write_all(&response.body)?;
            }
            stream.flush()?;
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
    Ok(())
}

/// Find the first matching rule, use up one of its firings, and return its fault.
fn take_fault(state: &mut State, site_path: &str) -> Option<Fault> {
    let index = state
        .rules
        .iter()
        .position(|r| r.matcher.matches(site_path) && r.remaining != Some(0))?;
    let rule = &mut state.rules[index];
    if let Some(n) = rule.remaining.as_mut() {
        *n -= 1;
    }
    Some(rule.fault.clone())
}

/// Sleep for `total`, waking early when the server stops; true if the whole time passed.
fn sleep_unless_stopping(shared: &Shared, total: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < total {
        if shared.stopping.load(Ordering::SeqCst) {
            return false;
        }
        let left = total.saturating_sub(start.elapsed());
        thread::sleep(left.min(Duration::from_millis(20)));
    }
    true
}

/// The request path relative to the prefix, starting with `/`; `None` if outside the prefix.
fn site_path(prefix: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix(prefix)?;
    Some(format!("/{rest}"))
}

/// A file under root, a directory's index.html, the SPA fallback (app.html or index.html), or 404.
fn serve_file(shared: &Shared, site_path: &str) -> Response {
    // A path that would leave the root (`/a/..%2F..%2Fx`) never names a file, but may still
    // be an app route, so it falls through to the SPA rule below.
    if let Some(relative) = safe_relative(site_path) {
        let candidate = shared.root.join(&relative);
        if candidate.is_file() {
            return file_response(&candidate);
        }
        if candidate.is_dir() && candidate.join("index.html").is_file() {
            return file_response(&candidate.join("index.html"));
        }
    }
    let last = site_path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        // Asset-like paths must 404: a real host serves no HTML for a missing .json or .wasm.
        return Response::text(404, &format!("not found: {site_path}"));
    }
    // As the deployment recipes do: the prerendering build's plain app shell (its index.html
    // is the prerendered home page), else index.html.
    let fallback = shared.root.join("app.html");
    if fallback.is_file() {
        return file_response(&fallback);
    }
    file_response(&shared.root.join("index.html"))
}

/// Turn a site path into a relative file path, refusing `..` and other escapes.
fn safe_relative(site_path: &str) -> Option<PathBuf> {
    let relative = Path::new(site_path.trim_start_matches('/'));
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| relative.to_path_buf())
}

fn file_response(path: &Path) -> Response {
    match std::fs::read(path) {
        Ok(body) => Response {
            status: 200,
            headers: vec![("Content-Type".to_string(), content_type(path).to_string())],
            body,
        },
        Err(e) => Response::text(500, &format!("cannot read {}: {e}", path.display())),
    }
}

/// The Content-Type for a file name, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "avif" => "image/avif",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "webmanifest" => "application/manifest+json",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// Decode `%XX` escapes (the browser escapes non-ASCII file names); invalid ones stay as is.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny dist: index.html, a JSON file, a wasm file and a nested image.
    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<!doctype html><p>app</p>").unwrap();
        std::fs::create_dir_all(dir.path().join("feed/images")).unwrap();
        std::fs::write(dir.path().join("feed/site.json"), r#"{"name":"站点"}"#).unwrap();
        std::fs::write(dir.path().join("app_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.path().join("feed/images/图.png"), b"png").unwrap();
        dir
    }

    /// One raw HTTP exchange: (status, head, body); an incomplete response is an Err.
    fn get(server: &Server, raw_path: &str) -> std::io::Result<(u16, String, Vec<u8>)> {
        let mut s = TcpStream::connect(server.addr)?;
        s.set_read_timeout(Some(Duration::from_secs(2)))?;
        write!(s, "GET {raw_path} HTTP/1.1\r\nHost: x\r\n\r\n")?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw)?;
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| std::io::Error::new(ErrorKind::UnexpectedEof, "no head"))?;
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let body = raw[split + 4..].to_vec();
        let status = head[9..12].parse().unwrap();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .unwrap()
            .parse()
            .unwrap();
        if body.len() != length {
            return Err(std::io::Error::new(
                ErrorKind::UnexpectedEof,
                format!("body {} of {length}", body.len()),
            ));
        }
        Ok((status, head, body))
    }

    #[test]
    fn serves_files_with_content_types_and_spa_fallback() {
        let dir = fixture();
        let server = Server::start(dir.path()).unwrap();
        let (status, head, body) = get(&server, "/feed/site.json").unwrap();
        assert_eq!(status, 200);
        assert!(head.contains("Content-Type: application/json"), "{head}");
        assert!(head.contains("Cache-Control: no-store"), "{head}");
        assert_eq!(body, r#"{"name":"站点"}"#.as_bytes());

        let (_, head, _) = get(&server, "/app_bg.wasm").unwrap();
        assert!(head.contains("Content-Type: application/wasm"), "{head}");

        let (status, head, _) = get(&server, "/feed/images/%E5%9B%BE.png?v=1").unwrap();
        assert_eq!(status, 200);
        assert!(head.contains("Content-Type: image/png"), "{head}");

        for spa in ["/", "/a/abc", "/c/lxzx?page=2"] {
            let (status, head, body) = get(&server, spa).unwrap();
            assert_eq!(status, 200, "{spa}");
            assert!(head.contains("text/html"), "{spa}: {head}");
            assert_eq!(body, b"<!doctype html><p>app</p>");
        }
        assert_eq!(get(&server, "/feed/articles/missing.json").unwrap().0, 404);
        assert_eq!(get(&server, "/../feed/site.json").unwrap().0, 404);
        let (status, _, body) = get(&server, "/a/..%2F..%2Fetc%2Fpasswd").unwrap();
        assert_eq!(
            (status, body.as_slice()),
            (200, &b"<!doctype html><p>app</p>"[..])
        );
        assert_eq!(server.requests()[8].path, "/a/../../etc/passwd");
    }

    #[test]
    fn serves_under_a_prefix() {
        let dir = fixture();
        let server = Server::start_with(ServerOptions::new(dir.path()).prefix("news")).unwrap();
        assert_eq!(server.prefix(), "/news/");
        assert!(server.url("/a/x").ends_with("/news/a/x"));
        assert_eq!(get(&server, "/news/feed/site.json").unwrap().0, 200);
        assert_eq!(get(&server, "/news/a/x").unwrap().0, 200);
        assert_eq!(get(&server, "/feed/site.json").unwrap().0, 404);
        let (status, head, _) = get(&server, "/news").unwrap();
        assert_eq!(status, 301);
        assert!(head.contains("Location: /news/"), "{head}");
        assert_eq!(server.request_count("/feed/site.json"), 1);
        let outside: Vec<_> = server
            .requests()
            .into_iter()
            .filter(|r| r.outside_prefix)
            .collect();
        assert_eq!(outside.len(), 2);
        assert_eq!(outside[0].path, "/feed/site.json");
    }

    #[test]
    fn status_rules_fire_the_given_number_of_times_and_count_requests() {
        let dir = fixture();
        let server = Server::start(dir.path()).unwrap();
        server.add_rule(Rule::exact("/feed/site.json", Fault::too_many_requests(3)).times(2));
        let (status, head, _) = get(&server, "/feed/site.json").unwrap();
        assert_eq!(status, 429);
        assert!(head.contains("Retry-After: 3"), "{head}");
        assert_eq!(get(&server, "/feed/site.json?x").unwrap().0, 429);
        assert_eq!(get(&server, "/feed/site.json").unwrap().0, 200);
        assert_eq!(server.request_count("/feed/site.json"), 3);
        let statuses: Vec<_> = server.requests().iter().map(|r| r.status).collect();
        assert_eq!(statuses, [Some(429), Some(429), Some(200)]);

        server.add_rule(Rule::prefix("/feed/", Fault::status(503)));
        assert_eq!(get(&server, "/feed/site.json").unwrap().0, 503);
        server.clear_rules();
        assert_eq!(get(&server, "/feed/site.json").unwrap().0, 200);
        assert_eq!(server.request_count_prefix("/feed/"), 5);
        server.reset_counts();
        assert_eq!(server.request_count("/feed/site.json"), 0);
    }

    #[test]
    fn drops_and_html_instead_of_json() {
        let dir = fixture();
        let server = Server::start(dir.path()).unwrap();
        server.add_rule(Rule::exact("/feed/site.json", Fault::DropMidBody).times(1));
        server.add_rule(Rule::exact("/feed/site.json", Fault::DropAfterHeaders).times(1));
        server.add_rule(Rule::exact("/feed/site.json", Fault::HtmlInsteadOfJson));
        let len = r#"{"name":"站点"}"#.len();
        let err = get(&server, "/feed/site.json").unwrap_err();
        assert!(
            err.to_string()
                .contains(&format!("body {} of {len}", len / 2)),
            "{err}"
        );
        let err = get(&server, "/feed/site.json").unwrap_err();
        assert!(
            err.to_string().contains(&format!("body 0 of {len}")),
            "{err}"
        );
        let (status, head, body) = get(&server, "/feed/site.json").unwrap();
        assert_eq!(status, 200);
        assert!(head.contains("text/html"), "{head}");
        assert!(body.starts_with(b"<!doctype html>"));
    }

    #[test]
    fn delays_and_hangs_until_dropped() {
        let dir = fixture();
        let server = Server::start(dir.path()).unwrap();
        server.add_rule(Rule::exact("/feed/site.json", Fault::delay_ms(300)).times(1));
        server.add_rule(Rule::exact("/feed/site.json", Fault::Hang));
        let start = Instant::now();
        assert_eq!(get(&server, "/feed/site.json").unwrap().0, 200);
        assert!(start.elapsed() >= Duration::from_millis(300));

        let mut s = TcpStream::connect(server.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        write!(s, "GET /feed/site.json HTTP/1.1\r\n\r\n").unwrap();
        let err = s.read(&mut [0u8; 16]).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
            "{err}"
        );
        drop(server); // the hung handler notices and closes
        assert_eq!(s.read(&mut [0u8; 16]).unwrap(), 0);
    }

    #[test]
    fn refuses_a_root_without_index_html() {
        let dir = tempfile::tempdir().unwrap();
        let err = Server::start(dir.path()).err().unwrap();
        assert!(err.to_string().contains("no index.html"), "{err}");
    }
}
