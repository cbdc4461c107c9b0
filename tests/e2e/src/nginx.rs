//! Debian's nginx as an ordinary process on a free loopback port, configured by the shipped
//! template (deploy/nginx/newsfront.conf.template rendered by `newsfront-site nginx-conf`), with
//! a JSON access log of what it sent; killed on drop. Used by the nginx tests and the benchmark.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::dist::copy_dir;

pub const NGINX: &str = "/usr/sbin/nginx";

pub fn require_nginx() -> Result<()> {
    if !Path::new(NGINX).is_file() {
        bail!("{NGINX} is missing: run `scripts/setup.sh --nginx` (Debian's nginx package)");
    }
    Ok(())
}

/// A running nginx and the temp folder holding its config, logs and (usually) its docroot.
pub struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
    app_dir: PathBuf,
}

impl Nginx {
    /// Serves a compressed copy of `dist` at `public_url` (`/` or a sub-path like `/news/`).
    pub fn serve_dist(dist: &Path, public_url: &str) -> Result<Nginx> {
        let dir = tempfile::Builder::new()
            .prefix("newsfront-e2e-nginx-")
            .tempdir()?;
        let docroot = dir.path().join("www");
        let app_dir = docroot.join(public_url.trim_matches('/'));
        // A copy: compressing in place would change a dist other tests share.
        copy_dir(dist, &app_dir)?;
        newsfront_site::compress::compress_dist(&app_dir)?;
        Nginx::start(dir, &docroot, public_url, Ok)
    }

    /// Starts nginx with its files in `dir`, serving `docroot` with the app at `public_url`;
    /// `adapt` may edit the rendered server block (the benchmark adds a location).
    pub fn start(
        dir: tempfile::TempDir,
        docroot: &Path,
        public_url: &str,
        adapt: impl FnOnce(String) -> Result<String>,
    ) -> Result<Nginx> {
        let app_dir = docroot.join(public_url.trim_matches('/'));
        let csp = newsfront_site::read_csp(&app_dir)?;
        Nginx::start_with_csp(dir, docroot, public_url, &csp, adapt)
    }

    /// Like [`Nginx::start`] with the policy given rather than read from the docroot's
    /// `index.html` (the benchmark serves another app under Newsfront's config and policy).
    pub fn start_with_csp(
        dir: tempfile::TempDir,
        docroot: &Path,
        public_url: &str,
        csp: &str,
        adapt: impl FnOnce(String) -> Result<String>,
    ) -> Result<Nginx> {
        require_nginx()?;
        let port = free_port()?;
        let server = newsfront_site::nginx::render(&newsfront_site::nginx::NginxSite {
            docroot: &docroot.to_string_lossy(),
            public_url,
            listen: &format!("127.0.0.1:{port}"),
            csp,
        })?;
        std::fs::write(dir.path().join("newsfront.conf"), adapt(server)?)?;
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
        let app_dir = docroot.join(public_url.trim_matches('/'));
        let mut nginx = Nginx {
            child,
            dir,
            port,
            app_dir,
        };
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

    /// The files it serves for the app (with their `.gz`/`.br` copies).
    pub fn app_dir(&self) -> &Path {
        &self.app_dir
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }

    /// One JSON object per response: uri, status, type, encoding, cache, accept, bytes (the
    /// body's) and sent (all nginx wrote: status line, headers and body).
    pub fn access_log(&self) -> Result<Vec<Value>> {
        let path = self.dir.path().join("access.log");
        std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .lines()
            .map(|l| serde_json::from_str(l).with_context(|| format!("access log line: {l}")))
            .collect()
    }

    /// A HEAD request; returns the status line and headers.
    pub fn head(&self, path: &str, accept_encoding: &str) -> Result<String> {
        self.request("HEAD", path, accept_encoding)
    }

    /// A GET request; returns the status line, headers and body.
    pub fn get(&self, path: &str) -> Result<String> {
        self.request("GET", path, "")
    }

    fn request(&self, method: &str, path: &str, accept_encoding: &str) -> Result<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let accept = if accept_encoding.is_empty() {
            String::new()
        } else {
            format!("Accept-Encoding: {accept_encoding}\r\n")
        };
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{accept}Connection: close\r\n\r\n"
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
events {{ worker_connections 256; }}
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
        '"cache":"$sent_http_cache_control","accept":"$http_accept_encoding",'
        '"bytes":"$body_bytes_sent","sent":"$bytes_sent"}}';
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

/// Runs a command to completion; its stdout, or an error with its output.
pub fn run(command: &mut Command) -> Result<String> {
    let out = command
        .output()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !out.status.success() {
        bail!(
            "{command:?} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}
