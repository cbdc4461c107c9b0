//! The harness's `Browser` opened the way every measurement needs it: a phone (375×667 at
//! DPR 2, touch), a fresh profile, the probe installed before any page script, and network
//! events recorded for [`Net`].

use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use newsfront_e2e::browser::PageLoadStrategy;
use newsfront_e2e::{Browser, BrowserOptions};
use serde_json::json;

use crate::net::Net;
use crate::probe::{PROBE, TAP_PROBE};

/// How a measurement's browser is dressed.
#[derive(Clone, Copy, Default)]
pub struct Open<'a> {
    /// `None`: the harness's Android Chrome.
    pub user_agent: Option<&'a str>,
    /// Install the tap probe, and return from navigations at once (WebDriver's `none` page
    /// load strategy), so the benchmark can tap while the page loads.
    pub tapping: bool,
}

pub fn open(base: &str, how: Open) -> Result<(Browser, Net)> {
    // BrowserOptions::phone(): 375×667 at DPR 2, touch, Android Chrome UA; a fresh
    // --user-data-dir per Browser, and the harness's flags (headless, no sandbox, no GPU,
    // no first run, no background networking/component update/sync/QUIC).
    let mut options = BrowserOptions::phone().base_url(base).network_log();
    if let Some(ua) = how.user_agent {
        options = options.user_agent(ua);
    }
    if how.tapping {
        options = options.page_load_strategy(PageLoadStrategy::None);
    }
    let b = Browser::new(options)?;
    b.cdp("Network.enable", json!({}))?;
    b.add_init_script(PROBE)?;
    if how.tapping {
        b.add_init_script(TAP_PROBE)?;
    }
    Ok((b, Net::default()))
}

pub fn blank(b: &Browser) -> Result<()> {
    b.block_on(b.driver().goto("about:blank"))?;
    Ok(())
}

pub fn set_cache(b: &Browser, on: bool) -> Result<()> {
    b.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": !on }))?;
    // A cold load is a first visit's: the site's service worker, registered by an earlier load
    // of the session, would serve the app's files from its own cache (docs/offline.md).
    b.cdp("Network.setBypassServiceWorker", json!({ "bypass": !on }))?;
    Ok(())
}

/// Poll `script` (a function body) until it returns true.
pub fn wait_js(b: &Browser, script: &str, secs: u64) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if b.eval_js(script)? == json!(true) {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!(
                "timed out waiting for `{script}` at {}",
                b.current_url().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
