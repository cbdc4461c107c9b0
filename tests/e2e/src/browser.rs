//! Headless Debian Chromium driven through its own chromedriver, behind a blocking API.
//!
//! Each [`Browser`] starts `/usr/bin/chromedriver` on a free loopback port, opens one session
//! with a fresh profile directory, and tears all of it down when dropped. Methods block on a
//! private single-thread tokio runtime, so tests are plain `#[test]` functions.

use std::future::Future;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Context, Result};
use serde_json::{json, Value};
use thirtyfour::cdp::domains::network::NetworkConditions;
use thirtyfour::prelude::*;
pub use thirtyfour::PageLoadStrategy;
use thirtyfour::{ChromiumLikeCapabilities, LoggingPrefsLogLevel};

use crate::dist::workspace_root;

/// Debian's Chromium and its driver; `scripts/setup.sh --browser` installs both.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The Chromium binary: `$NEWSFRONT_CHROMIUM`, else [`CHROMIUM`].
pub fn chromium_path() -> PathBuf {
    std::env::var_os("NEWSFRONT_CHROMIUM").map_or_else(|| CHROMIUM.into(), PathBuf::from)
}

/// The chromedriver binary: `$CHROMEDRIVER` (as for wasm-bindgen-test-runner), else
/// [`CHROMEDRIVER`].
pub fn chromedriver_path() -> PathBuf {
    std::env::var_os("CHROMEDRIVER").map_or_else(|| CHROMEDRIVER.into(), PathBuf::from)
}

/// The flags every session runs with: headless, no sandbox (we run as root in a container),
/// and nothing that reaches for the network on its own.
pub const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
];

/// The default wait of [`Browser::wait_for`] callers; debug wasm on 2 busy cores is slow.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

/// User-agent strings for the browsers our readers use.
pub mod ua {
    /// iPhone Safari (iOS 17).
    pub const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) \
        AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    /// Chrome on Android.
    pub const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 13; Pixel 7) \
        AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    /// WeChat's in-app browser on Android (XWeb engine).
    pub const WECHAT_ANDROID: &str =
        "Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) \
        AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 \
        XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2308 MicroMessenger/8.0.47.2560(0x28002F30) \
        WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
    /// WeChat's in-app browser on iOS (WKWebView).
    pub const WECHAT_IOS: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) \
        AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) \
        NetType/WIFI Language/zh_CN";
}

/// The size of the page area and whether it is emulated as a phone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Used in screenshot names, e.g. `phone-375`.
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    /// Phone emulation: touch, `<meta viewport>` honoured, device pixel ratio below.
    pub mobile: bool,
    pub pixel_ratio: f64,
}

impl Viewport {
    /// iPhone SE / 8 class phone: 375×667 CSS px.
    pub const PHONE_375: Viewport = Viewport {
        name: "phone-375",
        width: 375,
        height: 667,
        mobile: true,
        pixel_ratio: 2.0,
    };
    /// iPhone 12–15 class phone: 390×844 CSS px.
    pub const PHONE_390: Viewport = Viewport {
        name: "phone-390",
        width: 390,
        height: 844,
        mobile: true,
        pixel_ratio: 2.0,
    };
    /// A laptop window: 1280×800.
    pub const DESKTOP: Viewport = Viewport {
        name: "desktop-1280",
        width: 1280,
        height: 800,
        mobile: false,
        pixel_ratio: 1.0,
    };
}

/// Network conditions for [`Browser::set_network`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// No emulation.
    Normal,
    /// Every request fails as if the phone lost its signal.
    Offline,
    /// Added round-trip latency and throughput caps in kilobits per second.
    Slow {
        latency_ms: u32,
        down_kbps: u32,
        up_kbps: u32,
    },
}

impl Network {
    /// A poor 3G link: 400 ms, 400 kbit/s down, 400 kbit/s up (DevTools' "Slow 3G" shape).
    pub const SLOW_3G: Network = Network::Slow {
        latency_ms: 400,
        down_kbps: 400,
        up_kbps: 400,
    };
}

fn kbps_to_bytes(kbps: u32) -> i32 {
    i32::try_from(u64::from(kbps) * 1000 / 8).unwrap_or(i32::MAX)
}

/// How to start a [`Browser`]; build with [`BrowserOptions::new`] or a preset.
#[derive(Debug, Clone)]
pub struct BrowserOptions {
    pub viewport: Viewport,
    /// `None`: a phone gets [`ua::ANDROID_CHROME`], a desktop keeps Chromium's own.
    pub user_agent: Option<String>,
    /// Prepended to relative paths given to [`Browser::goto`]; usually [`Server::base_url`](crate::Server::base_url).
    pub base_url: Option<String>,
    /// Chromium flags on top of [`CHROMIUM_ARGS`].
    pub extra_args: Vec<String>,
    /// WebDriver's page load strategy; `None` keeps chromedriver's default (`normal`: a
    /// navigation and every command after it wait for `load`). The benchmark uses `none` to
    /// tap while a page loads.
    pub page_load_strategy: Option<PageLoadStrategy>,
    /// Record CDP network events in chromedriver's `performance` log, read with
    /// `driver().get_log("performance")` (the benchmark tracks requests in flight with it).
    pub network_log: bool,
}

impl BrowserOptions {
    pub fn new(viewport: Viewport) -> Self {
        Self {
            viewport,
            user_agent: None,
            base_url: None,
            extra_args: Vec::new(),
            page_load_strategy: None,
            network_log: false,
        }
    }

    /// 375×667 phone with a mobile user agent.
    pub fn phone() -> Self {
        Self::new(Viewport::PHONE_375)
    }

    /// 1280×800 desktop.
    pub fn desktop() -> Self {
        Self::new(Viewport::DESKTOP)
    }

    pub fn user_agent(mut self, user_agent: &str) -> Self {
        self.user_agent = Some(user_agent.to_string());
        self
    }

    pub fn base_url(mut self, base_url: &str) -> Self {
        self.base_url = Some(base_url.to_string());
        self
    }

    pub fn arg(mut self, flag: &str) -> Self {
        self.extra_args.push(flag.to_string());
        self
    }

    pub fn page_load_strategy(mut self, strategy: PageLoadStrategy) -> Self {
        self.page_load_strategy = Some(strategy);
        self
    }

    pub fn network_log(mut self) -> Self {
        self.network_log = true;
        self
    }
}

/// Fail with the fix when Chromium or chromedriver is missing; never skip silently.
pub fn require_browser_tools() -> Result<()> {
    require_files(&[chromium_path(), chromedriver_path()])
}

fn require_files(tools: &[PathBuf]) -> Result<()> {
    for tool in tools {
        if !tool.is_file() {
            bail!(
                "{} is missing: the end-to-end tests need Debian's chromium and \
                 chromium-driver; run `scripts/setup.sh --browser`",
                tool.display()
            );
        }
    }
    Ok(())
}

/// The chromedriver child process; killed (with anything left in its process group) on drop.
struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    fn start(log_path: &Path) -> Result<Chromedriver> {
        require_browser_tools()?;
        let port = free_port()?;
        let log = std::fs::File::create(log_path)
            .with_context(|| format!("cannot create {}", log_path.display()))?;
        let chromedriver = chromedriver_path();
        let mut command = Command::new(&chromedriver);
        command
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log_path.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        // Its own process group, so Drop can end Chromium too if the session did not quit.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {}", chromedriver.display()))?;
        let mut driver = Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Some(status) = driver.child.try_wait()? {
                bail!(
                    "{} exited at start ({status}); its log {}:\n{}",
                    chromedriver.display(),
                    log_path.display(),
                    std::fs::read_to_string(log_path).unwrap_or_default()
                );
            }
            if Instant::now() > deadline {
                bail!(
                    "{} did not listen on port {port} within 15 s",
                    chromedriver.display()
                );
            }
            std::thread::sleep(POLL);
        }
        Ok(driver)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // Only the group this harness created: chromedriver's pid is its process-group id.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// One headless Chromium session. Methods take CSS selectors and block until done.
pub struct Browser {
    // Field order is drop order: the session quits before the driver dies and the
    // profile directory is removed last.
    driver: Option<WebDriver>,
    runtime: tokio::runtime::Runtime,
    /// Held for its Drop: kills chromedriver and Chromium.
    _chromedriver: Chromedriver,
    profile: tempfile::TempDir,
    options: BrowserOptions,
    console_errors: Vec<String>,
}

impl Browser {
    /// Start chromedriver and Chromium with a fresh profile, sized and dressed as `options` says.
    pub fn new(options: BrowserOptions) -> Result<Browser> {
        let profile = tempfile::Builder::new()
            .prefix("newsfront-e2e-chromium-")
            .tempdir()
            .context("cannot create a profile directory")?;
        let chromedriver = Chromedriver::start(&profile.path().join("chromedriver.log"))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot build a tokio runtime")?;
        let caps = capabilities(&options, &profile.path().join("profile"))?;
        let driver = runtime
            .block_on(WebDriver::new(chromedriver.url.as_str(), caps))
            .with_context(|| {
                format!(
                    "cannot open a Chromium session through chromedriver; its log:\n{}",
                    std::fs::read_to_string(profile.path().join("chromedriver.log"))
                        .unwrap_or_default()
                )
            })?;
        let browser = Browser {
            driver: Some(driver),
            runtime,
            _chromedriver: chromedriver,
            profile,
            options,
            console_errors: Vec::new(),
        };
        if !browser.options.viewport.mobile {
            browser.fit_window_to_viewport()?;
        }
        Ok(browser)
    }

    /// Resize the window so the page area (innerWidth × innerHeight) is the viewport size:
    /// headless Chromium still reserves room for its invisible toolbars (143 px at 156).
    fn fit_window_to_viewport(&self) -> Result<()> {
        let Viewport { width, height, .. } = self.options.viewport;
        let chrome =
            self.eval_js("return [outerWidth - innerWidth, outerHeight - innerHeight];")?;
        let (dx, dy): (u32, u32) = serde_json::from_value(chrome)?;
        self.block(|d| async move {
            d.set_window_rect(0, 0, width + dx, height + dy).await?;
            Ok(())
        })?;
        let inner = self.eval_js("return [innerWidth, innerHeight];")?;
        let inner: (u32, u32) = serde_json::from_value(inner)?;
        ensure!(
            inner == (width, height),
            "the page area is {inner:?} after resizing, want ({width}, {height})"
        );
        Ok(())
    }

    /// The options this browser was started with.
    pub fn options(&self) -> &BrowserOptions {
        &self.options
    }

    /// The underlying thirtyfour session, for what this API lacks (e.g. `driver().cdp()`);
    /// run its futures with [`Browser::block_on`].
    pub fn driver(&self) -> &WebDriver {
        self.driver
            .as_ref()
            .expect("the session is open until drop")
    }

    /// Run a future (e.g. a CDP call on [`Browser::driver`]) to completion.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    fn block<T, F, Fut>(&self, f: F) -> Result<T>
    where
        F: FnOnce(WebDriver) -> Fut,
        Fut: Future<Output = WebDriverResult<T>>,
    {
        let driver = self.driver().clone();
        Ok(self.runtime.block_on(f(driver))?)
    }

    /// The absolute URL for `path`: absolute URLs pass through, others join the base URL.
    pub fn resolve(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            return path.to_string();
        }
        match &self.options.base_url {
            Some(base) => join_url(base, path),
            None => path.to_string(),
        }
    }

    /// Navigate (a full page load) to a site path such as `/a/abc`, or an absolute URL. On a
    /// prerendered page, also waits until the first stage has wired it and, on a prerendered list,
    /// until the app has replaced the static page (or a load notice shows), so the selectors a
    /// test waits for belong to what runs the page.
    pub fn goto(&mut self, path: &str) -> Result<()> {
        self.goto_static(path)?;
        self.wait_for_app_start()
    }

    /// Navigate without waiting for the app: a prerendered page as the browser first shows it.
    pub fn goto_static(&mut self, path: &str) -> Result<()> {
        let url = self.resolve(path);
        self.block(|d| async move { d.goto(url).await })
            .with_context(|| format!("goto {path}"))
    }

    /// Until the first stage has wired the page and, where it starts the app over the page (a
    /// prerendered list), until no prerendered `#shell` is left or a load notice shows; or until
    /// `DEFAULT_WAIT` passes (a test of a slow start then sees the static page). A prerendered
    /// article is not taken over by the app (docs/prerender.md): the first stage is the wait.
    fn wait_for_app_start(&mut self) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < crate::DEFAULT_WAIT {
            let waiting = self.eval_js(
                "const root = document.documentElement; \
                 if (!root.hasAttribute('data-nf-ready')) return true; \
                 const s = document.querySelector('#shell.shell--prerendered'); \
                 if (!s || s.classList.contains('shell--failed')) return false; \
                 const first = document.querySelector('script[data-start]'); \
                 return !first || first.getAttribute('data-start') !== 'demand';",
            )?;
            if waiting != true {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// The current URL.
    pub fn current_url(&self) -> Result<String> {
        Ok(self
            .block(|d| async move { d.current_url().await })?
            .to_string())
    }

    /// The current `location.pathname + location.search`.
    pub fn current_path(&self) -> Result<String> {
        let v = self.eval_js("return location.pathname + location.search;")?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Run JavaScript (a function body: use `return`) and return its value as JSON.
    pub fn eval_js(&self, script: &str) -> Result<Value> {
        self.eval_js_with(script, Vec::new())
    }

    /// Like [`Browser::eval_js`], with `arguments[0..]` bound to `args`.
    pub fn eval_js_with(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        let owned = script.to_string();
        let ret = self
            .block(|d| async move { d.execute(owned, args).await })
            .with_context(|| format!("script failed: {}", one_line(script)))?;
        Ok(ret.json().clone())
    }

    /// Run asynchronous JavaScript: the page calls `arguments[0]` (the last argument) with the
    /// result when it is ready, e.g. after some frames or once the browser is idle.
    pub fn eval_js_async(&self, script: &str) -> Result<Value> {
        let owned = script.to_string();
        let ret = self
            .block(|d| async move { d.execute_async(owned, Vec::new()).await })
            .with_context(|| format!("async script failed: {}", one_line(script)))?;
        Ok(ret.json().clone())
    }

    /// Until the page is quiet: its main thread idle and no resource finished loading in three
    /// idle periods 100 ms apart (what a test waits for after an action whose effects are
    /// requests: a post, a lazy load, a script the page must not load).
    pub fn wait_quiet(&self) -> Result<()> {
        self.eval_js_async(
            "const done = arguments[0]; \
             const count = () => performance.getEntriesByType('resource').length; \
             let last = count(), calm = 0; \
             const idle = window.requestIdleCallback || ((f) => setTimeout(f, 50)); \
             const tick = () => idle(() => { \
               const n = count(); \
               if (n === last) { if (++calm >= 3) { done(true); return; } } else { last = n; calm = 0; } \
               setTimeout(tick, 100); \
             }); \
             tick();",
        )?;
        Ok(())
    }

    /// From the next page load on, records every layout shift not caused by input, from the
    /// first paint; read their sum (CLS) with [`Browser::layout_shift`], each with
    /// [`Browser::layout_shifts`]. Injected before any page script, so the page's CSP does not
    /// apply.
    pub fn record_layout_shifts(&self) -> Result<()> {
        self.add_init_script(
            "window.__shifts = []; new PerformanceObserver(l => { \
               for (const e of l.getEntries()) if (!e.hadRecentInput) { \
                 window.__shifts.push({ at: Math.round(e.startTime), value: e.value, \
                   moved: (e.sources || []).map(s => ({ node: s.node ? s.node.nodeName + '.' + (s.node.className || '') : null, \
                     from: [s.previousRect.x, s.previousRect.y, s.previousRect.width, s.previousRect.height], \
                     to: [s.currentRect.x, s.currentRect.y, s.currentRect.width, s.currentRect.height] })) }); } \
             }).observe({ type: 'layout-shift', buffered: true });",
        )
    }

    /// Runs `source` in every page this browser opens from now on, before the page's own
    /// scripts and outside its CSP (test doubles, probes, engines emulated without a feature).
    pub fn add_init_script(&self, source: &str) -> Result<()> {
        self.cdp("Page.enable", serde_json::json!({}))?;
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": source }),
        )?;
        Ok(())
    }

    /// The shifts summed in [`Self::layout_shift`]: when, how much and what moved.
    pub fn layout_shifts(&self) -> Result<Value> {
        self.eval_js("return window.__shifts;")
    }

    /// The layout shift summed since the page loaded (see [`Browser::record_layout_shifts`]).
    pub fn layout_shift(&self) -> Result<f64> {
        self.eval_js(
            "return window.__shifts ? window.__shifts.reduce((sum, s) => sum + s.value, 0) : null;",
        )?
        .as_f64()
        .context("no layout shift recorded: call record_layout_shifts before the load")
    }

    /// Until the page has produced `n` more frames (what a test waits for after a scroll or a
    /// change that only needs to be laid out and painted).
    pub fn wait_frames(&self, n: u32) -> Result<()> {
        self.eval_js_async(&format!(
            "const done = arguments[0]; let n = {n}; \
             const f = () => (--n > 0 ? requestAnimationFrame(f) : done(true)); \
             requestAnimationFrame(f);"
        ))?;
        Ok(())
    }

    /// Until every image in the viewport has loaded (or failed): before a screenshot.
    pub fn wait_images(&mut self, timeout: Duration) -> Result<()> {
        self.wait_until("the images in view to load", timeout, |b| {
            Ok(b.eval_js(
                "return [...document.images].filter(i => { \
                   const r = i.getBoundingClientRect(); \
                   return r.bottom > 0 && r.top < innerHeight && r.width > 0; \
                 }).every(i => i.complete);",
            )? == serde_json::json!(true))
        })
    }

    /// Wait until `selector` matches, then return the first match's rendered text.
    /// On timeout, saves a screenshot and reports the URL and the start of the page text.
    pub fn wait_for(&mut self, selector: &str, timeout: Duration) -> Result<String> {
        let mut found = None;
        self.wait_until(&format!("`{selector}` to appear"), timeout, |b| {
            found = b.query_text(selector)?;
            Ok(found.is_some())
        })?;
        Ok(found.unwrap_or_default())
    }

    /// Wait until the first match of `selector` has exactly `text` (trimmed).
    pub fn wait_for_text(&mut self, selector: &str, text: &str, timeout: Duration) -> Result<()> {
        let mut last = None;
        let result = self.wait_until(&format!("`{selector}` to read {text:?}"), timeout, |b| {
            last = b.query_text(selector)?;
            Ok(last.as_deref().map(str::trim) == Some(text))
        });
        result.with_context(|| format!("last text of `{selector}`: {last:?}"))
    }

    /// Wait until nothing matches `selector`.
    pub fn wait_gone(&mut self, selector: &str, timeout: Duration) -> Result<()> {
        self.wait_until(&format!("`{selector}` to disappear"), timeout, |b| {
            Ok(b.count(selector)? == 0)
        })
    }

    /// Whether the first match of `selector` is shown: present, not `hidden`, laid out. Dialogs
    /// (share panel, settings, lightbox, WeChat guide) are rendered hidden and shown on a tap.
    pub fn is_shown(&self, selector: &str) -> Result<bool> {
        Ok(self.eval_js_with(
            "const e = document.querySelector(arguments[0]); \
             return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0;",
            vec![serde_json::json!(selector)],
        )? == serde_json::json!(true))
    }

    /// Wait until the first match of `selector` is shown ([`Browser::is_shown`]).
    pub fn wait_shown(&mut self, selector: &str, timeout: Duration) -> Result<()> {
        self.wait_until(&format!("`{selector}` to show"), timeout, |b| {
            b.is_shown(selector)
        })
    }

    /// Wait until no match of `selector` is shown (gone or hidden).
    pub fn wait_hidden(&mut self, selector: &str, timeout: Duration) -> Result<()> {
        self.wait_until(&format!("`{selector}` to hide"), timeout, |b| {
            Ok(!b.is_shown(selector)?)
        })
    }

    /// Poll `check` every 50 ms until it says true; on timeout, screenshot and explain.
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&Browser) -> Result<bool>,
    ) -> Result<()> {
        let start = Instant::now();
        loop {
            if check(self)? {
                return Ok(());
            }
            if start.elapsed() > timeout {
                return Err(self.timeout_error(what, timeout));
            }
            std::thread::sleep(POLL);
        }
    }

    fn timeout_error(&mut self, what: &str, timeout: Duration) -> anyhow::Error {
        let url = self.current_url().unwrap_or_else(|e| format!("? ({e})"));
        let body = self
            .eval_js("return document.body ? document.body.innerText : '';")
            .ok()
            .and_then(|v| v.as_str().map(|s| s.chars().take(300).collect::<String>()))
            .unwrap_or_default();
        // cargo names each test's thread after the test: keep failures of different tests apart.
        let test = std::thread::current()
            .name()
            .unwrap_or("test")
            .replace("::", "-");
        let name = format!("timeout-{test}-{}", sanitize(what));
        let shot = match self.screenshot(&name) {
            Ok(path) => path.display().to_string(),
            Err(e) => format!("(no screenshot: {e})"),
        };
        let errors = self.console_errors().unwrap_or_default();
        anyhow!(
            "timed out after {timeout:?} waiting for {what}\n  url: {url}\n  page text: {}\n  \
             console errors: {errors:?}\n  screenshot: {shot}",
            one_line(&body)
        )
    }

    /// The rendered text (`innerText`) of the first match, or `None` when nothing matches.
    pub fn query_text(&self, selector: &str) -> Result<Option<String>> {
        let v = self.eval_js_with(
            "const e = document.querySelector(arguments[0]); \
             return e ? (e.innerText ?? e.textContent) : null;",
            vec![json!(selector)],
        )?;
        Ok(v.as_str().map(str::to_string))
    }

    /// The rendered text of the first match; an error when nothing matches.
    pub fn text_of(&self, selector: &str) -> Result<String> {
        self.query_text(selector)?
            .ok_or_else(|| anyhow!("nothing matches `{selector}`"))
    }

    /// The trimmed rendered texts of all matches, in document order.
    pub fn texts_of(&self, selector: &str) -> Result<Vec<String>> {
        let v = self.eval_js_with(
            "return Array.from(document.querySelectorAll(arguments[0]), \
             e => (e.innerText ?? e.textContent).trim());",
            vec![json!(selector)],
        )?;
        serde_json::from_value(v).context("texts_of: not a list of strings")
    }

    /// An attribute of the first match (`None` if absent); an error when nothing matches.
    pub fn attr(&self, selector: &str, name: &str) -> Result<Option<String>> {
        let v = self.eval_js_with(
            "const e = document.querySelector(arguments[0]); \
             return e ? [e.getAttribute(arguments[1])] : null;",
            vec![json!(selector), json!(name)],
        )?;
        match v {
            Value::Array(mut a) => Ok(a.pop().and_then(|x| x.as_str().map(str::to_string))),
            _ => bail!("nothing matches `{selector}`"),
        }
    }

    /// How many elements match.
    pub fn count(&self, selector: &str) -> Result<usize> {
        let v = self.eval_js_with(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![json!(selector)],
        )?;
        v.as_u64()
            .map(|n| n as usize)
            .context("count: not a number")
    }

    /// Whether anything matches.
    pub fn exists(&self, selector: &str) -> Result<bool> {
        Ok(self.count(selector)? > 0)
    }

    /// A real (WebDriver) click on the first match, scrolled into view first. Waits for the
    /// element to appear, as a reader would (parts of a page below the text, such as the
    /// comments and the toolbar, render a frame after it).
    pub fn click(&mut self, selector: &str) -> Result<()> {
        self.wait_until(&format!("`{selector}` to click"), DEFAULT_WAIT, |b| {
            b.exists(selector)
        })?;
        let css = selector.to_string();
        self.block(|d| async move {
            let element = d.find(By::Css(css)).await?;
            element.scroll_into_view().await?;
            element.click().await
        })
        .with_context(|| format!("click `{selector}`"))
    }

    /// Types `text` into the first match with real key events (WebDriver), as a reader would;
    /// `"\u{E007}"` is Enter.
    pub fn type_text(&mut self, selector: &str, text: &str) -> Result<()> {
        self.wait_until(&format!("`{selector}` to type into"), DEFAULT_WAIT, |b| {
            b.exists(selector)
        })?;
        let (css, keys) = (selector.to_string(), text.to_string());
        self.block(|d| async move { d.find(By::Css(css)).await?.send_keys(keys).await })
            .with_context(|| format!("type into `{selector}`"))
    }

    /// Reload the page (like pressing F5); on a prerendered page, waits for the app as `goto`.
    pub fn reload(&mut self) -> Result<()> {
        self.block(|d| async move { d.refresh().await })
            .context("reload")?;
        self.wait_for_app_start()
    }

    /// History back.
    pub fn back(&mut self) -> Result<()> {
        self.block(|d| async move { d.back().await })
            .context("back")
    }

    /// History forward.
    pub fn forward(&mut self) -> Result<()> {
        self.block(|d| async move { d.forward().await })
            .context("forward")
    }

    /// `window.scrollY`.
    pub fn scroll_y(&self) -> Result<f64> {
        self.eval_js("return window.scrollY;")?
            .as_f64()
            .context("scrollY is not a number")
    }

    /// Scroll the window to `y` at once.
    pub fn set_scroll(&mut self, y: f64) -> Result<()> {
        self.eval_js_with(
            "window.scrollTo({top: arguments[0], behavior: 'instant'});",
            vec![json!(y)],
        )?;
        Ok(())
    }

    /// Save a PNG of the viewport as `tests/artifacts/{viewport}-{name}.png`; returns the path.
    pub fn screenshot(&mut self, name: &str) -> Result<PathBuf> {
        let dir = artifacts_dir()?;
        let path = dir.join(format!(
            "{}-{}.png",
            self.options.viewport.name,
            sanitize(name)
        ));
        let png = self.block(|d| async move { d.screenshot_as_png().await })?;
        std::fs::write(&path, png).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    }

    /// Console errors and uncaught exceptions (severity SEVERE) since the session started,
    /// failed resource loads included. Drained from Chromium and kept, so calls accumulate.
    pub fn console_errors(&mut self) -> Result<Vec<String>> {
        let entries = self.block(|d| async move { d.browser_log().await })?;
        self.console_errors.extend(
            entries
                .into_iter()
                .filter(|e| e.level == "SEVERE")
                .map(|e| e.message),
        );
        Ok(self.console_errors.clone())
    }

    /// Send a raw Chrome DevTools Protocol command, e.g.
    /// `cdp("Network.emulateNetworkConditions", json!({...}))`.
    pub fn cdp(&self, method: &str, params: Value) -> Result<Value> {
        let method_owned = method.to_string();
        self.block(|d| async move { d.cdp().send_raw(&method_owned, params).await })
            .with_context(|| format!("CDP {method}"))
    }

    /// Emulate the network: `Network::Offline`, a slow link, or back to `Network::Normal`.
    /// Holds for the tab until changed, across navigations.
    pub fn set_network(&self, network: Network) -> Result<()> {
        let conditions = match network {
            Network::Normal => NetworkConditions::default(),
            Network::Offline => NetworkConditions {
                offline: true,
                ..NetworkConditions::default()
            },
            Network::Slow {
                latency_ms,
                down_kbps,
                up_kbps,
            } => NetworkConditions {
                offline: false,
                latency: latency_ms,
                download_throughput: kbps_to_bytes(down_kbps),
                upload_throughput: kbps_to_bytes(up_kbps),
                connection_type: None,
            },
        };
        self.block(|d| async move {
            let cdp = d.cdp();
            cdp.network().enable().await?;
            cdp.network().emulate_network_conditions(conditions).await
        })
        .with_context(|| format!("set network {network:?}"))
    }

    /// The profile directory of this session (removed on drop).
    pub fn profile_dir(&self) -> &Path {
        self.profile.path()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(driver) = self.driver.take() {
            let quit = async { tokio::time::timeout(Duration::from_secs(10), driver.quit()).await };
            let _ = self.runtime.block_on(quit);
        }
        // `chromedriver` and `profile` drop next: the process group dies, the directory goes.
    }
}

fn capabilities(
    options: &BrowserOptions,
    profile: &Path,
) -> Result<thirtyfour::ChromeCapabilities> {
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(&chromium_path().to_string_lossy())?;
    for flag in CHROMIUM_ARGS {
        caps.add_arg(flag)?;
    }
    caps.add_arg(&format!("--user-data-dir={}", profile.display()))?;
    let vp = options.viewport;
    caps.add_arg(&format!("--window-size={},{}", vp.width, vp.height))?;
    caps.add_arg("--lang=zh-CN")?;
    let user_agent = options
        .user_agent
        .clone()
        .or_else(|| vp.mobile.then(|| ua::ANDROID_CHROME.to_string()));
    if vp.mobile {
        let mut emulation = json!({
            "deviceMetrics": {
                "width": vp.width,
                "height": vp.height,
                "pixelRatio": vp.pixel_ratio,
                "mobile": true,
                "touch": true,
            }
        });
        if let Some(ua) = &user_agent {
            emulation["userAgent"] = json!(ua);
        }
        caps.add_experimental_option("mobileEmulation", emulation)?;
    } else if let Some(ua) = &user_agent {
        caps.add_arg(&format!("--user-agent={ua}"))?;
    }
    for flag in &options.extra_args {
        caps.add_arg(flag)?;
    }
    caps.set_browser_log_level(LoggingPrefsLogLevel::All)?;
    if let Some(strategy) = options.page_load_strategy.clone() {
        caps.set_page_load_strategy(strategy)?;
    }
    if options.network_log {
        caps.set_logging_prefs("performance", LoggingPrefsLogLevel::All)?;
        caps.add_experimental_option(
            "perfLoggingPrefs",
            json!({ "enableNetwork": true, "enablePage": false }),
        )?;
    }
    Ok(caps)
}

/// `tests/artifacts/` at the workspace root (git-ignored), created on first use.
pub fn artifacts_dir() -> Result<PathBuf> {
    let dir = workspace_root().join("tests").join("artifacts");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// `base` + `path` with exactly one slash between them.
fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut out = String::new();
    for part in s.split('-').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    out.chars().take(80).collect()
}

fn one_line(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 200 {
        format!("{}…", flat.chars().take(200).collect::<String>())
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_browser_fails_with_the_fix() {
        let err = require_files(&[PathBuf::from("/nonexistent/chromium")]).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("/nonexistent/chromium is missing"),
            "{message}"
        );
        assert!(message.contains("scripts/setup.sh --browser"), "{message}");
    }

    #[test]
    fn sanitizes_screenshot_names() {
        assert_eq!(
            sanitize("`h1.article__title` to appear"),
            "h1-article__title-to-appear"
        );
        assert_eq!(sanitize("boot"), "boot");
    }

    #[test]
    fn resolves_paths_against_the_base_url() {
        assert_eq!(join_url("http://h/news/", "/a/x"), "http://h/news/a/x");
        assert_eq!(join_url("http://h/", "a/x"), "http://h/a/x");
    }
}
