//! Issue 7's benchmark: the release dist served by nginx with the shipped config (precompressed
//! brotli/gzip assets), beside it a static HTML page of the seed article generated from the same
//! feed (the physical limit), both driven in Debian's headless Chromium with Lighthouse's mobile
//! settings through CDP. Prints a table; not a test. Run `scripts/bench.sh` (docs/performance.md).

mod images;
mod nginx;
mod static_page;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use newsfront_e2e::{Browser, BrowserOptions};
use serde_json::{json, Value};

use nginx::{copy_dir, run, Nginx, STATIC_PREFIX};

const SEED: &str = "158efa5accffce1b";
const SCALE_CATEGORY: &str = "lxzx";
const LIST_LINK: &str = "a.article-list__link";
const PARAGRAPH: &str = ".article__body p";
/// Lighthouse's mobile settings, as issue 7 states them.
const DOWN_BYTES_PER_S: f64 = 1_600_000.0 / 8.0;
const UP_BYTES_PER_S: f64 = 750_000.0 / 8.0;
const LATENCY_MS: f64 = 150.0;
const CPU_SLOWDOWN: f64 = 4.0;
const TYPES: [&str; 7] = ["HTML", "JS", "wasm", "CSS", "JSON", "images", "other"];

/// Injected before any page script (Page.addScriptToEvaluateOnNewDocument): records long tasks
/// from the start, and `watch(selector)` records when the first non-empty match that was not
/// marked `data-bench-old` enters the DOM (`found`) and the frame after it was painted
/// (`painted`: the second requestAnimationFrame runs once the first frame with it is out).
const PROBE: &str = r#"(() => {
  if (window.__bench) return;
  const B = window.__bench = { longtasks: [], found: null, painted: null, clickAt: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { B.longtaskError = String(e); }
  let mo = null;
  B.watch = (sel) => {
    B.found = null; B.painted = null;
    if (mo) mo.disconnect();
    const check = () => {
      if (B.found !== null) return;
      for (const p of document.querySelectorAll(sel)) {
        if (!p.hasAttribute('data-bench-old') && p.textContent.trim()) {
          B.found = performance.now();
          B.text = p.textContent.trim().slice(0, 40);
          mo.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => { B.painted = performance.now(); }));
          return;
        }
      }
    };
    mo = new MutationObserver(check);
    mo.observe(document, { childList: true, subtree: true, characterData: true });
    check();
  };
  B.watch('.article__body p');
})();"#;

const COLLECT: &str = r#"
const B = window.__bench;
const nav = performance.getEntriesByType('navigation')[0];
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
const res = performance.getEntriesByType('resource')
  .map(r => [r.name, r.transferSize, r.encodedBodySize, r.startTime, r.responseEnd]);
res.unshift([location.href, nav.transferSize, nav.encodedBodySize, 0, nav.responseEnd]);
return { found: B.found, painted: B.painted, clickAt: B.clickAt, text: B.text,
         fcp: fcp ? fcp.startTime : null, res, longtasks: B.longtasks,
         longtaskError: B.longtaskError || null };
"#;

struct Args {
    dist: PathBuf,
    runs: usize,
    lighthouse_runs: usize,
    scale_articles: usize,
    /// Copies of the 16 MB photo for the build rows (images.rs); 0 skips them.
    photos: usize,
    /// Only the photo rows, on any dist, without nginx.
    images_only: bool,
}

fn parse_args(root: &Path) -> Result<Args> {
    let mut a = Args {
        dist: root.join("target/bench-dist"),
        runs: 5,
        lighthouse_runs: 3,
        scale_articles: 10_000,
        photos: 200,
        images_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--dist" => a.dist = PathBuf::from(value("--dist")?),
            "--runs" => a.runs = value("--runs")?.parse()?,
            "--lighthouse-runs" => a.lighthouse_runs = value("--lighthouse-runs")?.parse()?,
            "--scale-articles" => a.scale_articles = value("--scale-articles")?.parse()?,
            "--photos" => a.photos = value("--photos")?.parse()?,
            "--images-only" => a.images_only = true,
            "-h" | "--help" => {
                println!(
                    "usage: newsfront-bench [--dist DIR] [--runs N] [--lighthouse-runs N (0: skip)] \
                     [--scale-articles N (0: skip)] [--photos N (0: skip)] [--images-only]"
                );
                std::process::exit(0);
            }
            other => bail!("unknown option {other} (try --help)"),
        }
    }
    ensure!(a.runs >= 1, "--runs must be at least 1");
    Ok(a)
}

fn main() -> Result<()> {
    let root = newsfront_e2e::dist::workspace_root();
    let args = parse_args(&root)?;
    let dist = args.dist.canonicalize().with_context(|| {
        format!(
            "{} is missing: build it once with `scripts/build.sh --out target/bench-dist`",
            args.dist.display()
        )
    })?;
    if args.images_only {
        let server = newsfront_e2e::Server::start(&dist)?;
        let rows = images::run(&root, &server.base_url(), &dist, args.photos)?;
        images::print(&rows);
        return Ok(());
    }
    let wasm = find_wasm(&dist)?;
    ensure!(
        dist.join(format!("{wasm}.br")).is_file(),
        "{} has no {wasm}.br: build it with scripts/build.sh (it precompresses)",
        dist.display()
    );

    let work = tempfile::Builder::new()
        .prefix("newsfront-bench-")
        .tempdir()?;
    let docroot = work.path().join("www");
    copy_dir(&dist, &docroot)?;
    let article = read_json(&docroot.join(format!("feed/articles/{SEED}.json")))?;
    let static_dir = docroot.join(STATIC_PREFIX.trim_matches('/'));
    std::fs::create_dir_all(&static_dir)?;
    let static_html = static_page::render(&article)?;
    std::fs::write(static_dir.join(format!("{SEED}.html")), &static_html)?;
    let first_paragraph = article["body"][0]["spans"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let server = nginx::serve(&docroot)?;
    let base = server.base_url();
    let chromium = run(Command::new(newsfront_e2e::browser::chromium_path()).arg("--version"))
        .unwrap_or_default();
    eprintln!("bench: nginx at {base}, {}", chromium.trim());

    let mut app = Vec::new();
    let mut stat = Vec::new();
    for i in 0..args.runs {
        eprintln!("bench: run {}/{}", i + 1, args.runs);
        app.push(app_run(&base, &docroot, &first_paragraph)?);
        stat.push(static_run(&base, &first_paragraph)?);
    }

    let scale = if args.scale_articles > 0 {
        Some(scale_check(
            &root,
            work.path(),
            &docroot,
            &base,
            args.scale_articles,
        )?)
    } else {
        None
    };
    let mut lighthouse = Vec::new();
    for (name, path) in [
        ("home /", "/".to_string()),
        ("article", format!("/a/{SEED}")),
    ] {
        for _ in 0..args.lighthouse_runs {
            eprintln!("bench: lighthouse {path}");
            lighthouse.push((name, lighthouse_run(&root, &format!("{base}{path}"))?));
        }
    }

    let photo_rows = images::run(&root, &base, &dist, args.photos)?;
    let sizes = [
        file_len(&dist.join(&wasm))?,
        file_len(&dist.join(format!("{wasm}.gz")))?,
        file_len(&dist.join(format!("{wasm}.br")))?,
    ];
    print_report(
        &args,
        chromium.trim(),
        &app,
        &stat,
        sizes,
        scale.as_ref(),
        &lighthouse,
        static_html.len(),
    );
    images::print(&photo_rows);
    Ok(())
}

// ---------------------------------------------------------------- browser runs

#[derive(Default, Clone)]
struct Load {
    painted: f64,
    found: f64,
    fcp: f64,
    bytes: BTreeMap<&'static str, f64>,
    /// Bytes of the responses that had ended when the paragraph was painted.
    before_paint: f64,
    requests: usize,
    longtasks: Vec<(f64, f64)>,
}

impl Load {
    fn total(&self) -> f64 {
        self.bytes.values().sum()
    }
    fn max_longtask(&self) -> f64 {
        self.longtasks.iter().map(|t| t.1).fold(0.0, f64::max)
    }
}

struct AppRun {
    cold: Load,
    warm: Load,
    /// Click on the first home-list link → first paragraph painted, article JSON fetched.
    nav_fetch: f64,
    /// The article JSON's responseEnd → painted, in that first navigation.
    nav_after_json: f64,
    /// Same click again after history.back(): the JSON is in the app's memory cache.
    nav_memory: f64,
    /// Longest task that started after either click (0 if none over 50 ms).
    nav_longtask: f64,
    heap_before: f64,
    heap_after: f64,
}

struct StaticRun {
    cold: Load,
    warm: Load,
}

fn open(base: &str) -> Result<Browser> {
    // BrowserOptions::phone(): 375×667 at DPR 2, touch, Android Chrome UA; a fresh
    // --user-data-dir per Browser, and the harness's flags (headless, no sandbox, no GPU,
    // no first run, no background networking/component update/sync/QUIC).
    let b = Browser::new(BrowserOptions::phone().base_url(base))?;
    b.cdp("Page.enable", json!({}))?;
    b.cdp("Network.enable", json!({}))?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": PROBE }),
    )?;
    Ok(b)
}

fn throttle(b: &Browser, on: bool) -> Result<()> {
    let (latency, down, up, cpu) = if on {
        (LATENCY_MS, DOWN_BYTES_PER_S, UP_BYTES_PER_S, CPU_SLOWDOWN)
    } else {
        (0.0, -1.0, -1.0, 1.0)
    };
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": latency,
                "downloadThroughput": down, "uploadThroughput": up }),
    )?;
    b.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": cpu }))?;
    Ok(())
}

fn blank(b: &Browser) -> Result<()> {
    b.block_on(b.driver().goto("about:blank"))?;
    Ok(())
}

/// A full page load of `path` with the HTTP cache disabled (cold) or enabled (warm).
fn load(b: &mut Browser, path: &str, cache: bool, expect: &str) -> Result<Load> {
    b.cdp(
        "Network.setCacheDisabled",
        json!({ "cacheDisabled": !cache }),
    )?;
    blank(b)?;
    b.goto(path)?;
    wait_js(
        b,
        "return window.__bench && window.__bench.painted !== null;",
        60,
    )?;
    settle(b, 1500)?;
    let v = b.eval_js(COLLECT)?;
    let text = v["text"].as_str().unwrap_or_default();
    ensure!(
        expect.starts_with(text) && !text.is_empty(),
        "{path}: first paragraph {text:?}, want {expect:?}"
    );
    parse_load(&v)
}

fn parse_load(v: &Value) -> Result<Load> {
    if let Some(e) = v["longtaskError"].as_str() {
        bail!("no longtask observer: {e}");
    }
    let mut bytes: BTreeMap<&'static str, f64> = TYPES.iter().map(|t| (*t, 0.0)).collect();
    let res = v["res"].as_array().context("no resource entries")?;
    let painted = v["painted"].as_f64().unwrap_or(f64::NAN);
    let mut before_paint = 0.0;
    for r in res {
        let size = r[1].as_f64().unwrap_or(0.0);
        *bytes
            .entry(kind(r[0].as_str().unwrap_or_default()))
            .or_default() += size;
        if r[4].as_f64().is_some_and(|end| end <= painted) {
            before_paint += size;
        }
    }
    Ok(Load {
        painted,
        before_paint,
        found: v["found"].as_f64().unwrap_or(f64::NAN),
        fcp: v["fcp"].as_f64().unwrap_or(f64::NAN),
        bytes,
        requests: res.len(),
        longtasks: longtasks(v),
    })
}

fn longtasks(v: &Value) -> Vec<(f64, f64)> {
    v["longtasks"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| (t[0].as_f64().unwrap_or(0.0), t[1].as_f64().unwrap_or(0.0)))
                .collect()
        })
        .unwrap_or_default()
}

fn kind(url: &str) -> &'static str {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let file = path.rsplit('/').next().unwrap_or_default();
    let ext = file.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "" | "html" => "HTML",
        "js" | "mjs" => "JS",
        "wasm" => "wasm",
        "css" => "CSS",
        "json" => "JSON",
        "png" | "jpg" | "jpeg" | "webp" | "avif" | "gif" | "svg" | "ico" => "images",
        _ => "other",
    }
}

/// Wait until no new resource entry appeared for `quiet_ms`.
fn settle(b: &Browser, quiet_ms: u64) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = usize::MAX;
    let mut since = Instant::now();
    while Instant::now() < deadline {
        let n = b
            .eval_js("return performance.getEntriesByType('resource').length;")?
            .as_u64()
            .unwrap_or(0) as usize;
        if n != last {
            last = n;
            since = Instant::now();
        } else if since.elapsed() >= Duration::from_millis(quiet_ms) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

fn wait_js(b: &Browser, script: &str, secs: u64) -> Result<()> {
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

fn app_run(base: &str, docroot: &Path, first_paragraph: &str) -> Result<AppRun> {
    let mut b = open(base)?;
    throttle(&b, true)?;
    let deep = format!("/a/{SEED}");
    let cold = load(&mut b, &deep, false, first_paragraph)?;
    // Prime the HTTP cache the way a returning reader's is (unmeasured), then measure warm.
    load(&mut b, &deep, true, first_paragraph)?;
    let warm = load(&mut b, &deep, true, first_paragraph)?;

    // In-app navigation: the home page fully loaded (warm, throttled), then a list link.
    b.cdp(
        "Network.setCacheDisabled",
        json!({ "cacheDisabled": false }),
    )?;
    blank(&b)?;
    b.goto("/")?;
    wait_js(
        &b,
        &format!("return !!document.querySelector('{LIST_LINK}');"),
        60,
    )?;
    settle(&b, 1500)?;
    let first = click_measure(&mut b)?;
    b.eval_js("history.back(); return null;")?;
    wait_js(
        &b,
        &format!(
            "return !!document.querySelector('{LIST_LINK}') && !document.querySelector('{PARAGRAPH}');"
        ),
        30,
    )?;
    settle(&b, 1000)?;
    let second = click_measure(&mut b)?;

    // Heap: unthrottled, open 30 articles in a row by in-app links, GC, measure.
    throttle(&b, false)?;
    let (heap_before, heap_after) = heap_after_30(&mut b, docroot)?;
    Ok(AppRun {
        cold,
        warm,
        nav_fetch: first.0,
        nav_after_json: first.1,
        nav_memory: second.0,
        nav_longtask: first.2.max(second.2),
        heap_before,
        heap_after,
    })
}

/// Click the first home-list link; returns (click → painted, article JSON responseEnd →
/// painted, longest task after the click).
fn click_measure(b: &mut Browser) -> Result<(f64, f64, f64)> {
    let href = b.eval_js(&format!(
        "const a = document.querySelector('{LIST_LINK}');\
         document.querySelectorAll('{PARAGRAPH}').forEach(p => p.setAttribute('data-bench-old', ''));\
         window.__bench.watch('{PARAGRAPH}');\
         window.__bench.clickAt = performance.now();\
         a.click();\
         return a.getAttribute('href');"
    ))?;
    wait_js(b, "return window.__bench.painted !== null;", 60)?;
    // Tasks that run right after the paint (effects, comments fetch) count too.
    settle(b, 1000)?;
    let v = b.eval_js(COLLECT)?;
    let click = v["clickAt"].as_f64().context("no click time")?;
    let painted = v["painted"].as_f64().context("no paint time")?;
    let json_end = v["res"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| {
            r[0].as_str()
                .unwrap_or_default()
                .contains("/feed/articles/")
                && r[3].as_f64().unwrap_or(0.0) >= click
        })
        .filter_map(|r| r[4].as_f64())
        .next();
    let longest = longtasks(&v)
        .into_iter()
        .filter(|t| t.0 >= click)
        .map(|t| t.1)
        .fold(0.0, f64::max);
    ensure!(
        href.as_str().is_some_and(|h| h.contains("/a/")),
        "list link {href}"
    );
    Ok((
        painted - click,
        json_end.map_or(f64::NAN, |e| painted - e),
        longest,
    ))
}

fn heap_usage(b: &Browser) -> Result<f64> {
    b.cdp("HeapProfiler.collectGarbage", json!({}))?;
    let v = b.cdp("Runtime.getHeapUsage", json!({}))?;
    v["usedSize"]
        .as_f64()
        .context("Runtime.getHeapUsage: no usedSize")
}

fn heap_after_30(b: &mut Browser, docroot: &Path) -> Result<(f64, f64)> {
    let mut articles = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(docroot.join("feed/articles"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    for p in names.into_iter().take(30) {
        let a = read_json(&p)?;
        articles.push((
            a["id"].as_str().unwrap_or_default().to_string(),
            a["title"].as_str().unwrap_or_default().to_string(),
        ));
    }
    ensure!(articles.len() == 30, "the feed has fewer than 30 articles");
    b.eval_js("window.__benchSamePage = true; return null;")?;
    let before = heap_usage(b)?;
    for (id, title) in &articles {
        b.eval_js_with(
            "const a = document.createElement('a'); a.href = '/a/' + arguments[0];\
             document.body.appendChild(a); a.click(); a.remove(); return null;",
            vec![json!(id)],
        )?;
        b.wait_until(&format!("article {id}"), Duration::from_secs(30), |b| {
            Ok(b.query_text("h1.article__title")?.as_deref() == Some(title.as_str()))
        })?;
    }
    ensure!(
        b.eval_js("return window.__benchSamePage === true;")? == json!(true),
        "opening articles reloaded the page: not in-app navigation"
    );
    settle(b, 500)?;
    Ok((before, heap_usage(b)?))
}

fn static_run(base: &str, first_paragraph: &str) -> Result<StaticRun> {
    let mut b = open(base)?;
    throttle(&b, true)?;
    let page = format!("{STATIC_PREFIX}{SEED}.html");
    let cold = load(&mut b, &page, false, first_paragraph)?;
    load(&mut b, &page, true, first_paragraph)?;
    let warm = load(&mut b, &page, true, first_paragraph)?;
    Ok(StaticRun { cold, warm })
}

// ---------------------------------------------------------------- scale

/// Control for the scale check: the same generator at a size the sample site has.
const SMALL_SYNTH: usize = 100;

struct Scale {
    articles: usize,
    /// (page, sample site, synthetic SMALL_SYNTH articles, synthetic `articles`)
    pages: Vec<(String, Load, Load, Load)>,
}

/// `newsfront-feed synth --articles n` then `build`, cached in target/bench-scale-{n}/feed.
fn synth_feed(root: &Path, n: usize) -> Result<PathBuf> {
    let cache = root.join(format!("target/bench-scale-{n}"));
    let feed = cache.join("feed");
    if !feed.join("site.json").is_file() {
        eprintln!("bench: synthesizing {n} articles into {}", cache.display());
        let _ = std::fs::remove_dir_all(&cache);
        let content = cache.join("content");
        let cargo = |args: &[&str]| -> Result<()> {
            run(Command::new("cargo")
                .current_dir(root)
                .args(["run", "--quiet", "-p", "newsfront-feed", "--"])
                .args(args))?;
            Ok(())
        };
        cargo(&[
            "synth",
            "--articles",
            &n.to_string(),
            &content.to_string_lossy(),
        ])?;
        cargo(&["build", &content.to_string_lossy(), &feed.to_string_lossy()])?;
    }
    Ok(feed)
}

/// A copy of the served dist with `feed` in place of its feed, on its own nginx.
fn serve_with_feed(work: &Path, docroot: &Path, feed: &Path) -> Result<Nginx> {
    let name = feed
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scaled".into());
    let www = work.join(format!("www-{name}"));
    copy_dir(docroot, &www)?;
    std::fs::remove_dir_all(www.join("feed"))?;
    copy_dir(feed, &www.join("feed"))?;
    nginx::serve(&www)
}

fn scale_check(
    root: &Path,
    work: &Path,
    docroot: &Path,
    sample_base: &str,
    n: usize,
) -> Result<Scale> {
    let small = serve_with_feed(work, docroot, &synth_feed(root, SMALL_SYNTH)?)?;
    let large = serve_with_feed(work, docroot, &synth_feed(root, n)?)?;
    let mut pages = Vec::new();
    for path in ["/".to_string(), format!("/c/{SCALE_CATEGORY}")] {
        let a = list_load(sample_base, &path)?;
        let s = list_load(&small.base_url(), &path)?;
        let l = list_load(&large.base_url(), &path)?;
        pages.push((path, a, s, l));
    }
    Ok(Scale { articles: n, pages })
}

/// A cold, unthrottled load of a list page: bytes by type once the network is quiet.
fn list_load(base: &str, path: &str) -> Result<Load> {
    let mut b = open(base)?;
    b.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))?;
    b.goto(path)?;
    wait_js(
        &b,
        &format!("return !!document.querySelector('{LIST_LINK}');"),
        60,
    )?;
    // Scroll to the end so lazy images below the fold load in both cases alike.
    b.eval_js("window.scrollTo(0, document.body.scrollHeight); return null;")?;
    settle(&b, 1500)?;
    parse_load(&b.eval_js(COLLECT)?)
}

// ---------------------------------------------------------------- lighthouse

fn lighthouse_run(root: &Path, url: &str) -> Result<Value> {
    let bin = root.join("target/bench-node/node_modules/.bin/lighthouse");
    ensure!(
        bin.is_file(),
        "{} is missing: scripts/bench.sh installs it (npm install lighthouse)",
        bin.display()
    );
    let out = tempfile::Builder::new()
        .prefix("newsfront-bench-lh-")
        .suffix(".json")
        .tempfile()?;
    run(Command::new(&bin)
        .env("CHROME_PATH", newsfront_e2e::browser::chromium_path())
        .arg(url)
        .arg("--only-categories=performance")
        .arg("--output=json")
        .arg(format!("--output-path={}", out.path().display()))
        .arg("--quiet")
        .arg(
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run \
             --disable-background-networking --disable-component-update --disable-sync \
             --disable-quic",
        ))?;
    let report = read_json(out.path())?;
    if let Some(e) = report["runtimeError"]["message"].as_str() {
        bail!("lighthouse {url}: {e}");
    }
    let audit = |id: &str| report["audits"][id]["numericValue"].as_f64();
    Ok(json!({
        "score": report["categories"]["performance"]["score"].as_f64().map(|s| s * 100.0),
        "fcp": audit("first-contentful-paint"),
        "lcp": audit("largest-contentful-paint"),
        "tbt": audit("total-blocking-time"),
        "cls": audit("cumulative-layout-shift"),
        "si": audit("speed-index"),
        "tti": audit("interactive"),
        "warnings": report["runWarnings"],
    }))
}

// ---------------------------------------------------------------- report

fn stats(xs: &[f64]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    (median, v[0], v[n - 1])
}

fn fmt_stat(xs: &[f64], scale: f64, decimals: usize) -> String {
    let (m, lo, hi) = stats(xs);
    if m.is_nan() {
        return "n/a".into();
    }
    format!(
        "{:.d$} [{:.d$}–{:.d$}]",
        m / scale,
        lo / scale,
        hi / scale,
        d = decimals
    )
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "MISSED"
    }
}

#[allow(clippy::too_many_arguments)]
fn print_report(
    args: &Args,
    chromium: &str,
    app: &[AppRun],
    stat: &[StaticRun],
    wasm: [u64; 3],
    scale: Option<&Scale>,
    lighthouse: &[(&str, Value)],
    static_bytes: usize,
) {
    let n = app.len();
    let col = |f: &dyn Fn(&AppRun) -> f64| app.iter().map(f).collect::<Vec<_>>();
    let scol = |f: &dyn Fn(&StaticRun) -> f64| stat.iter().map(f).collect::<Vec<_>>();
    let median = |xs: &[f64]| stats(xs).0;
    let row = |name: &str, a: String, s: String, ratio: String, target: &str, v: &str| {
        println!("| {name} | {a} | {s} | {ratio} | {target} | {v} |");
    };
    println!(
        "\nNewsfront benchmark: {} on nginx (shipped config), {chromium}, phone 375×667 DPR 2, \
         {:.1} Mbit/s down / {:.0} kbit/s up / {LATENCY_MS:.0} ms latency, CPU ×{CPU_SLOWDOWN}, \
         fresh profile per run, {n} runs; median [min–max]\n",
        args.dist.display(),
        DOWN_BYTES_PER_S * 8.0 / 1e6,
        UP_BYTES_PER_S * 8.0 / 1e3,
    );
    println!("| deep link /a/{SEED} | app | static page | app ÷ static | target | |");
    println!("|---|---|---|---|---|---|");
    let mut targets: Vec<(String, bool)> = Vec::new();
    for (label, warm, limit) in [("cold", false, 1.5), ("warm", true, 1.1)] {
        let pick = |r: &AppRun| if warm { r.warm.clone() } else { r.cold.clone() };
        let spick = |r: &StaticRun| if warm { r.warm.clone() } else { r.cold.clone() };
        let a = col(&|r| pick(r).painted);
        let s = scol(&|r| spick(r).painted);
        let ratio = median(&a) / median(&s);
        let ok = ratio <= limit;
        targets.push((
            format!("{label} deep link ≤ {limit} × static: {ratio:.2} ×"),
            ok,
        ));
        row(
            &format!("{label}: first paragraph painted, ms"),
            fmt_stat(&a, 1.0, 0),
            fmt_stat(&s, 1.0, 0),
            format!("{ratio:.2}"),
            &format!("≤ {limit}"),
            verdict(ok),
        );
        let a = col(&|r| pick(r).found);
        let s = scol(&|r| spick(r).found);
        row(
            &format!("{label}: first paragraph in DOM, ms"),
            fmt_stat(&a, 1.0, 0),
            fmt_stat(&s, 1.0, 0),
            format!("{:.2}", median(&a) / median(&s)),
            "",
            "",
        );
        let a = col(&|r| pick(r).fcp);
        let s = scol(&|r| spick(r).fcp);
        row(
            &format!("{label}: first contentful paint, ms"),
            fmt_stat(&a, 1.0, 0),
            fmt_stat(&s, 1.0, 0),
            format!("{:.2}", median(&a) / median(&s)),
            "",
            "",
        );
        let a = col(&|r| pick(r).total());
        let s = scol(&|r| spick(r).total());
        let (target, v) = if warm {
            ("", "")
        } else {
            let ok = median(&a) <= 130.0 * 1024.0;
            targets.push((
                format!(
                    "cold article load ≤ 130 KB transferred: {:.1} KB",
                    median(&a) / 1024.0
                ),
                ok,
            ));
            ("≤ 130 KB", verdict(ok))
        };
        row(
            &format!("{label}: transferred, KB (all)"),
            fmt_stat(&a, 1024.0, 1),
            fmt_stat(&s, 1024.0, 1),
            format!("{:.1}", median(&a) / median(&s)),
            target,
            v,
        );
        row(
            &format!("{label}: … of which before the paragraph was painted, KB"),
            fmt_stat(&col(&|r| pick(r).before_paint), 1024.0, 1),
            fmt_stat(&scol(&|r| spick(r).before_paint), 1024.0, 1),
            String::new(),
            "",
            "",
        );
        for t in TYPES {
            let a = col(&|r| pick(r).bytes[t]);
            let s = scol(&|r| spick(r).bytes[t]);
            if median(&a) == 0.0 && median(&s) == 0.0 {
                continue;
            }
            row(
                &format!("{label}: … {t}, KB"),
                fmt_stat(&a, 1024.0, 1),
                fmt_stat(&s, 1024.0, 1),
                String::new(),
                "",
                "",
            );
        }
        row(
            &format!("{label}: requests"),
            fmt_stat(&col(&|r| pick(r).requests as f64), 1.0, 0),
            fmt_stat(&scol(&|r| spick(r).requests as f64), 1.0, 0),
            String::new(),
            "",
            "",
        );
        row(
            &format!("{label}: long tasks > 50 ms, count"),
            fmt_stat(&col(&|r| pick(r).longtasks.len() as f64), 1.0, 0),
            fmt_stat(&scol(&|r| spick(r).longtasks.len() as f64), 1.0, 0),
            String::new(),
            "",
            "",
        );
        row(
            &format!("{label}: longest task, ms"),
            fmt_stat(&col(&|r| pick(r).max_longtask()), 1.0, 0),
            fmt_stat(&scol(&|r| spick(r).max_longtask()), 1.0, 0),
            String::new(),
            "",
            "",
        );
    }

    println!("\n| in the app | median [min–max] | target | |");
    println!("|---|---|---|---|");
    let nav_mem = col(&|r| r.nav_memory);
    let ok = median(&nav_mem) <= 50.0;
    targets.push((
        format!(
            "list → article ≤ 50 ms with the JSON in memory: {:.0} ms",
            median(&nav_mem)
        ),
        ok,
    ));
    println!(
        "| list → article, click → first paragraph painted, JSON in memory, ms | {} | ≤ 50 | {} |",
        fmt_stat(&nav_mem, 1.0, 0),
        verdict(ok)
    );
    println!(
        "| list → article, click → painted, JSON fetched (throttled), ms | {} | | |",
        fmt_stat(&col(&|r| r.nav_fetch), 1.0, 0)
    );
    println!(
        "| list → article, article JSON received → painted, ms | {} | | |",
        fmt_stat(&col(&|r| r.nav_after_json), 1.0, 0)
    );
    let lt = col(&|r| r.nav_longtask);
    let ok = stats(&lt).2 <= 50.0;
    targets.push((
        format!(
            "no long task over 50 ms during navigation: longest {:.0} ms",
            stats(&lt).2
        ),
        ok,
    ));
    println!(
        "| longest task during those navigations, ms (0 = none over 50) | {} | none > 50 | {} |",
        fmt_stat(&lt, 1.0, 0),
        verdict(ok)
    );
    println!(
        "| JS heap after home (GC'd, Runtime.getHeapUsage), MB | {} | | |",
        fmt_stat(&col(&|r| r.heap_before), 1048576.0, 2)
    );
    println!(
        "| JS heap after opening 30 articles in a row (GC'd), MB | {} | | |",
        fmt_stat(&col(&|r| r.heap_after), 1048576.0, 2)
    );
    let ok = wasm[2] <= 100 * 1024;
    targets.push((
        format!("wasm ≤ 100 KB brotli: {:.1} KB", wasm[2] as f64 / 1024.0),
        ok,
    ));
    println!(
        "| wasm size raw / gzip / brotli, KB | {:.1} / {:.1} / {:.1} | brotli ≤ 100 | {} |",
        wasm[0] as f64 / 1024.0,
        wasm[1] as f64 / 1024.0,
        wasm[2] as f64 / 1024.0,
        verdict(ok)
    );
    println!(
        "| static page HTML, raw KB (served gzipped) | {:.1} | | |",
        static_bytes as f64 / 1024.0
    );

    if let Some(s) = scale {
        println!(
            "\n| scale: cold load, unthrottled, KB transferred | sample site | synth {SMALL_SYNTH} | \
             synth {} | by type (sample / synth {SMALL_SYNTH} / synth {}) |",
            s.articles, s.articles
        );
        println!("|---|---|---|---|---|");
        let mut same_as_sample = true;
        let mut same_as_small = true;
        for (path, a, m, l) in &s.pages {
            let by: Vec<String> = TYPES
                .iter()
                .filter(|t| a.bytes[*t] + m.bytes[*t] + l.bytes[*t] > 0.0)
                .map(|t| {
                    format!(
                        "{t} {:.1} / {:.1} / {:.1}",
                        a.bytes[*t] / 1024.0,
                        m.bytes[*t] / 1024.0,
                        l.bytes[*t] / 1024.0
                    )
                })
                .collect();
            // "The same" within 5 %: titles, summaries and covers differ between feeds.
            same_as_sample &= (l.total() - a.total()).abs() <= 0.05 * a.total();
            same_as_small &= (l.total() - m.total()).abs() <= 0.05 * m.total();
            println!(
                "| {path} | {:.1} | {:.1} | {:.1} | {} |",
                a.total() / 1024.0,
                m.total() / 1024.0,
                l.total() / 1024.0,
                by.join(", ")
            );
        }
        targets.push((
            format!(
                "{} articles: home and category transfer the same bytes as the sample site (±5 %)",
                s.articles
            ),
            same_as_sample,
        ));
        targets.push((
            format!(
                "{} articles: the same bytes as {SMALL_SYNTH} synthetic articles (±5 %, same generator)",
                s.articles
            ),
            same_as_small,
        ));
    }

    if !lighthouse.is_empty() {
        println!("\n| Lighthouse (mobile, simulated throttling) | score | FCP ms | LCP ms | TBT ms | CLS | SI ms | TTI ms |");
        println!("|---|---|---|---|---|---|---|---|");
        let mut per_page: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for (page, v) in lighthouse {
            let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
            per_page.entry(page).or_default().push(f("score"));
            println!(
                "| {page} | {:.0} | {:.0} | {:.0} | {:.0} | {:.3} | {:.0} | {:.0} |",
                f("score"),
                f("fcp"),
                f("lcp"),
                f("tbt"),
                f("cls"),
                f("si"),
                f("tti")
            );
            if let Some(w) = v["warnings"].as_array().filter(|w| !w.is_empty()) {
                println!("|   warnings: {} | | | | | | | |", Value::from(w.clone()));
            }
        }
        for (page, scores) in per_page {
            let m = median(&scores);
            targets.push((format!("Lighthouse ≥ 98 on {page}: {m:.0}"), m >= 98.0));
        }
    }

    println!("\nTargets:");
    for (what, ok) in targets {
        println!("  [{}] {what}", if ok { "met" } else { "MISSED" });
    }
}

// ---------------------------------------------------------------- files

fn read_json(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

fn file_len(path: &Path) -> Result<u64> {
    Ok(std::fs::metadata(path)
        .with_context(|| format!("cannot stat {}", path.display()))?
        .len())
}

fn find_wasm(dist: &Path) -> Result<String> {
    for e in std::fs::read_dir(dist).with_context(|| format!("cannot read {}", dist.display()))? {
        let name = e?.file_name().to_string_lossy().into_owned();
        if name.ends_with("_bg.wasm") {
            return Ok(name);
        }
    }
    bail!("no *_bg.wasm in {}", dist.display())
}
