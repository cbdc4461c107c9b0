//! Requests in flight, from the CDP network events chromedriver keeps in its `performance` log:
//! a load is over when nothing has been in flight for a quiet period (a large wasm still
//! downloading keeps it open, which counting Resource Timing entries would miss).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use newsfront_e2e::Browser;
use serde_json::Value;

#[derive(Default)]
pub struct Net {
    inflight: HashMap<String, String>,
    last_change: Option<Instant>,
    /// Every http(s) URL the page asked for since the last reset (worker_cost.rs tells the
    /// page's requests from the service worker's own with it).
    pub requested: Vec<String>,
}

impl Net {
    /// Forget everything so far (call right before a navigation or a click).
    pub fn reset(&mut self, b: &Browser) -> Result<()> {
        self.events(b)?;
        self.inflight.clear();
        self.requested.clear();
        self.last_change = Some(Instant::now());
        Ok(())
    }

    fn events(&mut self, b: &Browser) -> Result<Vec<Value>> {
        let entries = b
            .block_on(b.driver().get_log("performance"))
            .context("chromedriver's performance log (BrowserOptions::network_log)")?;
        Ok(entries
            .into_iter()
            .filter_map(|e| serde_json::from_str::<Value>(&e.message).ok())
            .map(|m| m["message"].clone())
            .collect())
    }

    fn pump(&mut self, b: &Browser) -> Result<()> {
        for m in self.events(b)? {
            let id = m["params"]["requestId"].as_str().unwrap_or_default();
            match m["method"].as_str().unwrap_or_default() {
                "Network.requestWillBeSent" => {
                    let url = m["params"]["request"]["url"].as_str().unwrap_or_default();
                    if url.starts_with("http") {
                        self.requested.push(url.to_string());
                        self.inflight.insert(id.to_string(), url.to_string());
                        self.last_change = Some(Instant::now());
                    }
                }
                "Network.loadingFinished" | "Network.loadingFailed"
                    if self.inflight.remove(id).is_some() =>
                {
                    self.last_change = Some(Instant::now());
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Wait until nothing has been in flight for `quiet`; after `max`, give up and return the
    /// paths still open (left out of the numbers, named in the notes).
    pub fn settle(&mut self, b: &Browser, quiet: Duration, max: Duration) -> Result<Vec<String>> {
        let deadline = Instant::now() + max;
        loop {
            self.pump(b)?;
            let since = self.last_change.map_or(quiet, |t| t.elapsed());
            if self.inflight.is_empty() && since >= quiet {
                return Ok(Vec::new());
            }
            if Instant::now() > deadline {
                let stuck = self.inflight.values().map(|u| path_of(u)).collect();
                self.inflight.clear();
                return Ok(stuck);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// `http://host:port/a/b?c#d` → `/a/b?c` (nginx's `$request_uri`).
pub fn path_of(url: &str) -> String {
    let url = url.split('#').next().unwrap_or_default();
    url.splitn(4, '/')
        .nth(3)
        .map_or("/".to_string(), |p| format!("/{p}"))
}
