//! Debian's nginx on a free loopback port with the shipped config template
//! (deploy/nginx/newsfront.conf.template rendered by deploy/newsfront-deploy.py), the same way
//! tests/e2e/tests/nginx.rs runs it, plus one benchmark-only location for the static page.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

const NGINX: &str = "/usr/sbin/nginx";

/// Where the static "physical limit" page is served, beside the app on the same server.
pub const STATIC_PREFIX: &str = "/bench-static/";

/// nginx serving `docroot` (the app at `/`), killed on drop.
pub struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
}

impl Nginx {
    /// `docroot` must already hold the compressed dist (and `bench-static/`).
    pub fn start(root: &Path, docroot: &Path) -> Result<Nginx> {
        if !Path::new(NGINX).is_file() {
            bail!("{NGINX} is missing: run `scripts/setup.sh --nginx`");
        }
        let dir = tempfile::Builder::new()
            .prefix("newsfront-bench-nginx-")
            .tempdir()?;
        let port = free_port()?;
        let server = run(Command::new("python3")
            .arg(root.join("deploy/newsfront-deploy.py"))
            .arg("nginx-conf")
            .arg("--docroot")
            .arg(docroot)
            .arg("--public-url")
            .arg("/")
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}")))?;
        let server = add_static_location(&server)?;
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

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
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

/// The static page gets its own location: gzip on (text/html is always in gzip_types), and its
/// own headers, since the app's Content-Security-Policy would block the page's inline `<style>`
/// (a location's add_header replaces the server's). Everything else is the shipped config.
fn add_static_location(server: &str) -> Result<String> {
    let end = server
        .rfind('}')
        .context("rendered nginx config has no closing brace")?;
    Ok(format!(
        "{}\n    # newsfront-bench only: the static page of the seed article.\n    \
         location ^~ {STATIC_PREFIX} {{\n        gzip on;\n        gzip_min_length 0;\n        \
         add_header Cache-Control no-cache;\n        try_files $uri =404;\n    }}\n{}",
        &server[..end],
        &server[end..]
    ))
}

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
    access_log off;
    include {d}/newsfront.conf;
}}
"#
    ))
}

fn is_root() -> Result<bool> {
    let out = Command::new("id").arg("-u").output()?;
    Ok(String::from_utf8_lossy(&out.stdout).trim() == "0")
}

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

/// `cp -a src/. dst/` (dst created).
pub fn copy_dir(src: &Path, dst: &PathBuf) -> Result<()> {
    std::fs::create_dir_all(dst)?;
    run(Command::new("cp").arg("-a").arg(src.join(".")).arg(dst))?;
    Ok(())
}
