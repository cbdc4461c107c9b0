//! A real Waline comment server for the comments tests, and a copy of the built app whose site
//! file points at it.
//!
//! [`Waline::start`] runs `scripts/waline/start.sh` (the pinned `@waline/vercel` installed by
//! `scripts/setup.sh --waline`) as an ordinary process group on a free loopback port, with
//! SQLite in a temporary folder, the rate limit and external spam check off. It can be stopped
//! and restarted on the same port and data, and is stopped on drop.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::dist::{copy_dir, workspace_root};

/// Waline (ThinkJS plus a forked worker) takes several seconds to listen on a busy machine.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// Where `scripts/waline/install.sh` puts Waline (mirrors scripts/env.sh).
pub fn waline_home() -> PathBuf {
    let tools = std::env::var_os("NEWSFRONT_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".local/share/newsfront-tools")
        });
    tools.join("waline")
}

/// The installed `@waline/vercel` version, or why there is none.
pub fn installed_version() -> Result<String> {
    let manifest = waline_home().join("node_modules/@waline/vercel/package.json");
    let text = std::fs::read_to_string(&manifest).with_context(|| {
        format!(
            "Waline is not installed ({} is missing): run scripts/setup.sh --waline",
            manifest.display()
        )
    })?;
    let v: Value = serde_json::from_str(&text)?;
    Ok(v["version"].as_str().unwrap_or("?").to_string())
}

/// A running Waline server with SQLite storage in a temporary folder.
pub struct Waline {
    child: Option<Child>,
    port: u16,
    data: tempfile::TempDir,
    log: PathBuf,
    /// Extra Waline settings, e.g. `COMMENT_AUDIT=true` (kept across restarts).
    env: Vec<(String, String)>,
}

impl Waline {
    /// Start on a free loopback port and wait until it answers API requests.
    pub fn start() -> Result<Waline> {
        Waline::start_with_env(&[])
    }

    /// [`Waline::start`] with extra Waline environment settings.
    pub fn start_with_env(env: &[(&str, &str)]) -> Result<Waline> {
        installed_version()?;
        let data = tempfile::Builder::new()
            .prefix("newsfront-waline-")
            .tempdir()
            .context("cannot create Waline's data folder")?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let log = data.path().join("waline.log");
        let mut w = Waline {
            child: None,
            port,
            data,
            log,
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        w.spawn()?;
        Ok(w)
    }

    /// `http://127.0.0.1:PORT`, the value for the site file's `server`.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn spawn(&mut self) -> Result<()> {
        use std::os::unix::process::CommandExt;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)?;
        let child = Command::new("bash")
            .arg(workspace_root().join("scripts/waline/start.sh"))
            .arg(self.port.to_string())
            .arg(self.data.path().join("db"))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .process_group(0)
            .spawn()
            .context("cannot run scripts/waline/start.sh")?;
        self.child = Some(child);
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok(v) = self.get("/api/comment?type=count&url=%2Fready") {
                if v["errno"] == 0 {
                    return Ok(());
                }
            }
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                bail!("Waline exited at start ({status}):\n{}", self.log_tail());
            }
            if Instant::now() > deadline {
                bail!(
                    "Waline did not answer on port {} within {START_TIMEOUT:?}:\n{}",
                    self.port,
                    self.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// Stop the server (its whole process group) and wait until the port is closed.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{}", child.id())])
                .stderr(Stdio::null())
                .status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline && child.try_wait().ok().flatten().is_none() {
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .stderr(Stdio::null())
                .status();
            let _ = child.wait();
            while Instant::now() < deadline && TcpStream::connect(("127.0.0.1", self.port)).is_ok()
            {
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }

    /// Start again on the same port with the same database.
    pub fn restart(&mut self) -> Result<()> {
        self.stop();
        self.spawn()
    }

    /// GET an API path as a browser on loopback would (Waline checks `Origin`), as JSON.
    pub fn get(&self, path_and_query: &str) -> Result<Value> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port))?;
        s.set_read_timeout(Some(Duration::from_secs(10)))?;
        write!(
            s,
            "GET {path_and_query} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://127.0.0.1\r\n\
             Connection: close\r\n\r\n",
            self.port
        )?;
        let mut raw = String::new();
        s.read_to_string(&mut raw)?;
        let body = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
        serde_json::from_str(body).with_context(|| format!("GET {path_and_query}: {body}"))
    }

    /// POST a comment as a browser on loopback would; returns the stored comment's `objectId`.
    /// `reply` = `(pid, rid, at)`: the comment answered, its thread root, its author.
    pub fn post(
        &self,
        path: &str,
        nick: &str,
        text: &str,
        reply: Option<(&str, &str, &str)>,
    ) -> Result<String> {
        let mut body = serde_json::json!({
            "comment": text, "nick": nick, "mail": "", "link": "", "url": path, "ua": "newsfront-e2e",
        });
        if let Some((pid, rid, at)) = reply {
            body["pid"] = pid.into();
            body["rid"] = rid.into();
            body["at"] = at.into();
        }
        let body = body.to_string();
        let mut s = TcpStream::connect(("127.0.0.1", self.port))?;
        s.set_read_timeout(Some(Duration::from_secs(10)))?;
        write!(
            s,
            "POST /api/comment HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: http://127.0.0.1\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )?;
        let mut raw = String::new();
        s.read_to_string(&mut raw)?;
        let text = raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
        let v: Value = serde_json::from_str(text).with_context(|| format!("POST: {text}"))?;
        match &v["data"]["objectId"] {
            Value::Number(n) => Ok(n.to_string()),
            Value::String(id) => Ok(id.clone()),
            _ => bail!("POST refused: {v}"),
        }
    }

    /// All comments the server shows on `path` (replies included), from its own count.
    pub fn count(&self, path: &str) -> Result<u64> {
        let v = self.get(&format!(
            "/api/comment?path={}&page=1&pageSize=100",
            path.replace('/', "%2F")
        ))?;
        v["data"]["count"]
            .as_u64()
            .with_context(|| format!("no count in {v}"))
    }

    /// The last lines of the server's log, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Waline {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A copy of `dist` whose `feed/site.json` says `comments: {mode: waline, server}`, with its pages
/// rendered again for it (their policy then lets the app connect to that server).
pub fn waline_dist(dist: &Path, server: &str) -> Result<tempfile::TempDir> {
    let out = tempfile::Builder::new()
        .prefix("newsfront-waline-dist-")
        .tempdir()?;
    copy_dir(dist, out.path())?;
    let site_path = out.path().join("feed/site.json");
    let mut site: Value = serde_json::from_str(&std::fs::read_to_string(&site_path)?)?;
    site["comments"] = serde_json::json!({ "mode": "waline", "server": server });
    let text = serde_json::to_string(&site)?;
    std::fs::write(&site_path, &text)?;
    for compressed in ["feed/site.json.gz", "feed/site.json.br"] {
        let _ = std::fs::remove_file(out.path().join(compressed));
    }
    newsfront_site::refresh(out.path(), None, newsfront_site::Strict::Yes)?;
    Ok(out)
}
