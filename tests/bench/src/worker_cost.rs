//! The service worker's cost on a first visit (docs/offline.md, "Cost"): the bytes it adds to a
//! cold load of the seed article and of home, and the time to text with the worker registering
//! against the same load with service workers blocked, in the same run.
//!
//! Each load is a first visit: a fresh profile, HTTP cache on, the worker not bypassed (the
//! other rows' cold loads disable the cache and bypass it). The worker's bytes come from nginx:
//! a log of `$bytes_sent` (headers included) per request, less every request the page target
//! made (CDP, [`Net::requested`]): what is left was fetched by the worker (its script, what
//! installing or the app's hand-over fetched). Chromedriver's CDP reaches only the page target,
//! so the worker's own Network events are out of reach; the server sees everything.
//!
//! `newsfront-bench --worker-only --runs 5` runs only these rows.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use newsfront_e2e::worker::{
    record_register_time, registered_at, remove_service_workers, wait_controlled,
};
use newsfront_e2e::Browser;

use crate::browser::{open, wait_js, Open};
use crate::load::{load, MAX_LOAD, QUIET};
use crate::net::{path_of, Net};
use crate::nginx::Nginx;
use crate::sites::Variant;
use crate::stats::{fmt_stat, load_average, median, stats, verdict};
use crate::throttle::{self, FAST};
use crate::SEED;

/// The budget for the bytes the worker adds to a cold load (docs/offline.md, "Cost").
const BUDGET: f64 = 5.0 * 1024.0;
/// The worker's fetches are over once nginx has logged nothing new for this long.
const LOG_QUIET: Duration = Duration::from_secs(3);
/// What nginx sent, one entry per response: (URI, bytes).
type Sent = Vec<(String, f64)>;

/// A page measured, and how its text is recognised.
pub struct Page {
    pub name: String,
    pub path: String,
    /// The first element with text (the probe watches it) and what it must say.
    selector: &'static str,
    expect: String,
}

/// The seed article (its first paragraph) and home (its first list title).
pub fn pages(dist: &Path, article_expect: &str) -> Result<Vec<Page>> {
    let home = crate::files::read_json(&dist.join("feed/lists/home/1.json"))?;
    let title = home["items"][0]["title"]
        .as_str()
        .context("home list: no first title")?;
    Ok(vec![
        Page {
            name: format!("article /a/{SEED}"),
            path: Variant::Newsfront.deep_link(),
            selector: ".article__body p",
            expect: article_expect.to_string(),
        },
        Page {
            name: "home /".into(),
            path: "/".into(),
            selector: ".article-list__title",
            expect: title.to_string(),
        },
    ])
}

/// One page in one run: the load with the worker and the load without.
pub struct Pair {
    /// First paragraph painted (the article) or first list title painted (home), ms.
    pub text_with: f64,
    pub text_without: f64,
    /// When the first stage called `register`, ms after navigation start.
    pub registered: f64,
    /// What nginx sent that the page did not ask for (bytes with headers).
    pub worker: Sent,
}

impl Pair {
    pub fn worker_bytes(&self) -> f64 {
        self.worker.iter().map(|w| w.1).sum()
    }
}

pub struct Rows {
    pub pages: Vec<(Page, Vec<Pair>)>,
    pub notes: Vec<String>,
    /// The machine's 1-minute load average before and after (the times depend on it).
    pub load: (f64, f64),
}

/// `runs` pairs per page on nginx serving `docroot` (a copy of the dist) with a bytes log;
/// which of the two loads goes first alternates between runs.
pub fn run(work: &Path, docroot: &Path, pages: Vec<Page>, runs: usize) -> Result<Rows> {
    let dir = tempfile::Builder::new()
        .prefix("newsfront-bench-worker-")
        .tempdir_in(work)?;
    let server = Nginx::start(dir, docroot, "/", Ok)?;
    let base = server.base_url();
    let mut rows = Rows {
        pages: pages.into_iter().map(|p| (p, Vec::new())).collect(),
        notes: Vec::new(),
        load: (load_average(), f64::NAN),
    };
    for i in 1..=runs {
        for (page, pairs) in &mut rows.pages {
            eprintln!("bench: worker cost, run {i}/{runs}: {}", page.name);
            let attempt = || -> Result<Pair> {
                let mut with = None;
                let mut without = None;
                for worker in if i % 2 == 1 {
                    [true, false]
                } else {
                    [false, true]
                } {
                    if worker {
                        with = Some(with_worker(&base, &server, page)?);
                    } else {
                        without = Some(without_worker(&base, &server, page)?);
                    }
                }
                let (text_with, registered, worker) = with.context("no load with the worker")?;
                Ok(Pair {
                    text_with,
                    text_without: without.context("no load without the worker")?,
                    registered,
                    worker,
                })
            };
            match attempt().or_else(|e| {
                rows.notes.push(format!(
                    "run {i}, {}: failed, tried again: {e:#}",
                    page.name
                ));
                attempt()
            }) {
                Ok(p) => pairs.push(p),
                Err(e) => rows.notes.push(format!(
                    "run {i}, {}: failed twice, left out: {e:#}",
                    page.name
                )),
            }
        }
    }
    rows.load.1 = load_average();
    Ok(rows)
}

/// A first visit with the worker: its time to text, when it was registered, and what nginx sent
/// beyond the page's own requests once the worker controls the page and all is quiet.
fn with_worker(base: &str, server: &Nginx, page: &Page) -> Result<(f64, f64, Sent)> {
    let (mut b, mut net) = first_visit(base, page)?;
    record_register_time(&b)?;
    let from = log_lines(server)?.len();
    let l = load(&mut b, &mut net, &page.path, true, &page.expect)?;
    wait_controlled(&mut b, MAX_LOAD)?;
    if page.path == "/" {
        // The app starting on a list tells the worker, which then keeps the app's shell.
        wait_js(
            &b,
            &format!("return {};", Variant::Newsfront.app_ready_js()),
            MAX_LOAD.as_secs(),
        )?;
    }
    wait_log_quiet(&b, &mut net, server)?;
    let registered = registered_at(&b)?.context("the first stage never called register")?;
    let worker = not_asked(&log_lines(server)?[from..], &net.requested);
    ensure!(
        worker.iter().any(|(uri, _)| uri == "/sw.js"),
        "{}: sw.js not among what nginx sent beyond the page's requests: {worker:?}",
        page.name
    );
    Ok((l.painted, registered, worker))
}

/// The same first visit with no `navigator.serviceWorker` (as in iOS WeChat): its time to
/// text; nginx must not have sent sw.js.
fn without_worker(base: &str, server: &Nginx, page: &Page) -> Result<f64> {
    let (mut b, mut net) = first_visit(base, page)?;
    remove_service_workers(&b)?;
    let from = log_lines(server)?.len();
    let l = load(&mut b, &mut net, &page.path, true, &page.expect)?;
    wait_log_quiet(&b, &mut net, server)?;
    let sent = &log_lines(server)?[from..];
    ensure!(
        !sent.iter().any(|(uri, _)| uri == "/sw.js"),
        "{}: sw.js fetched with service workers blocked",
        page.name
    );
    Ok(l.painted)
}

/// A fresh phone on the benchmark's link and CPU, its probe watching `page`'s text.
fn first_visit(base: &str, page: &Page) -> Result<(Browser, Net)> {
    let (b, net) = open(base, Open::default())?;
    if page.selector != ".article__body p" {
        b.add_init_script(&format!("window.__bench.watch('{}');", page.selector))?;
    }
    throttle::set(&b, Some(FAST))?;
    Ok((b, net))
}

/// Until the page's requests have settled and nginx has logged nothing new for [`LOG_QUIET`].
fn wait_log_quiet(b: &Browser, net: &mut Net, server: &Nginx) -> Result<()> {
    let deadline = Instant::now() + MAX_LOAD;
    let mut n = log_lines(server)?.len();
    let mut since = Instant::now();
    while since.elapsed() < LOG_QUIET {
        ensure!(Instant::now() < deadline, "nginx never went quiet");
        std::thread::sleep(Duration::from_millis(200));
        net.settle(b, Duration::ZERO, MAX_LOAD)?;
        let now = log_lines(server)?.len();
        if now != n {
            (n, since) = (now, Instant::now());
        }
    }
    net.settle(b, QUIET, MAX_LOAD)?;
    Ok(())
}

/// The lines of `sent`, less one line per URL the page asked for (a URL the page and the worker
/// both fetched counts once for each).
fn not_asked(sent: &[(String, f64)], asked: &[String]) -> Sent {
    let mut left: BTreeMap<String, usize> = BTreeMap::new();
    for url in asked {
        *left.entry(path_of(url)).or_default() += 1;
    }
    sent.iter()
        .filter(|(uri, _)| match left.get_mut(uri) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// What nginx has sent so far, one entry per response: its URI and `$bytes_sent` (status line,
/// headers and body as nginx wrote them).
fn log_lines(server: &Nginx) -> Result<Sent> {
    Ok(server
        .access_log()?
        .iter()
        .map(|v| {
            (
                v["uri"].as_str().unwrap_or_default().to_string(),
                v["sent"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0.0),
            )
        })
        .collect())
}

/// The rows as a Markdown table, one column per page.
pub fn print(rows: &Rows, runs: usize) {
    println!(
        "\n| service worker cost: first visit (fresh profile), {runs} runs, median [min–max]; \
         load average {:.1} → {:.1} |{} target | |",
        rows.load.0,
        rows.load.1,
        rows.pages
            .iter()
            .map(|(p, _)| format!(" {} |", p.name))
            .collect::<String>()
    );
    println!("|---|{}---|---|", "---|".repeat(rows.pages.len()));
    let cols = |f: &dyn Fn(&Pair) -> f64| -> Vec<Vec<f64>> {
        rows.pages
            .iter()
            .map(|(_, pairs)| pairs.iter().map(f).collect())
            .collect()
    };
    let line = |name: &str, cells: Vec<String>, target: &str, ok: Option<bool>| {
        println!(
            "| {name} |{} {target} | {} |",
            cells.iter().map(|c| format!(" {c} |")).collect::<String>(),
            ok.map_or("", verdict)
        );
    };

    let bytes = cols(&|p| p.worker_bytes());
    let worst = bytes.iter().map(|b| median(b)).fold(f64::NAN, f64::max);
    line(
        "bytes the worker adds (nginx `$bytes_sent`, headers included), KB",
        bytes.iter().map(|b| fmt_stat(b, 1024.0, 1)).collect(),
        "≤ 5 KB",
        Some(worst <= BUDGET),
    );
    line(
        "… by file, bytes (each run)",
        rows.pages.iter().map(|(_, p)| by_file(p)).collect(),
        "",
        None,
    );

    let with = cols(&|p| p.text_with);
    let without = cols(&|p| p.text_without);
    line(
        "time to text, worker registering, ms",
        with.iter().map(|x| fmt_stat(x, 1.0, 0)).collect(),
        "",
        None,
    );
    line(
        "time to text, service workers blocked, ms",
        without.iter().map(|x| fmt_stat(x, 1.0, 0)).collect(),
        "",
        None,
    );
    // Noise: how far the blocked loads' own median sits from their fastest and slowest run.
    let ratios = cols(&|p| p.text_with / p.text_without);
    let mut within = true;
    let cells = rows
        .pages
        .iter()
        .zip(&ratios)
        .zip(&without)
        .map(|(((_, pairs), r), w)| {
            let (m, lo, hi) = stats(w);
            let noise = (hi - m).max(m - lo) / m;
            within &= !pairs.is_empty() && (median(r) - 1.0).abs() <= noise;
            format!("{} (noise ±{:.2})", fmt_stat(r, 1.0, 2), noise)
        })
        .collect();
    line(
        "time to text, worker ÷ blocked, per run",
        cells,
        "no difference beyond noise",
        Some(within),
    );
    let after = cols(&|p| p.registered - p.text_with);
    line(
        "worker registered after the text, ms",
        after.iter().map(|x| fmt_stat(x, 1.0, 0)).collect(),
        "> 0 in every run",
        Some(after.iter().flatten().all(|x| *x > 0.0) && after.iter().all(|a| !a.is_empty())),
    );
    if !rows.notes.is_empty() {
        println!("\nWorker cost notes:");
        for n in &rows.notes {
            println!("- {n}");
        }
    }
}

/// Each URI the worker fetched with its bytes in every run: `/sw.js 3912/3912/…`.
fn by_file(pairs: &[Pair]) -> String {
    let mut files: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (i, p) in pairs.iter().enumerate() {
        for (uri, n) in &p.worker {
            let runs = files.entry(uri).or_default();
            runs.resize(i, "–".into());
            runs.push(format!("{n:.0}"));
        }
    }
    files
        .into_iter()
        .map(|(uri, mut runs)| {
            runs.resize(pairs.len(), "–".into());
            format!("`{uri}` {}", runs.join("/"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
