//! The search rows (`--search-only`): Newsfront's search and Pagefind, the anchor, side by side
//! on the same prerendered sites: bytes and time of a first query on the synthetic feed
//! (throttled phone), top-5 relevance of the queries in tests/bench/search-queries.txt against
//! ground truth from the feed, index build times, and Pagefind's fit with our constraints
//! (docs/search.md).

mod drive;
mod pagefind;
mod sites;
mod truth;
mod verdict;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsfront_e2e::nginx::Nginx;

use drive::{Engine, Served};

const QUERIES: &str = "tests/bench/search-queries.txt";
const ENGINES: [Engine; 2] = [Engine::Ours, Engine::Pagefind];
const IMAGES: [&str; 6] = [".webp", ".jpg", ".jpeg", ".png", ".gif", ".avif"];

/// Relevance of one engine on one feed: (precision@5, nDCG@5, top-5 exactly the ideal) per query.
type Scores = Vec<(f64, f64, bool)>;

/// The first query on a throttled phone.
struct First {
    transfer: f64,
    brotli: f64,
    requests: usize,
    /// From the last response's last byte to the painted mark.
    after_last: Option<f64>,
    /// From the start of the query to the painted mark.
    total: Option<f64>,
}

pub fn run(root: &Path, dist: &Path, n: usize) -> Result<()> {
    let queries = load_queries(&root.join(QUERIES))?;
    let bin = pagefind::install(root)?;
    let work = tempfile::Builder::new()
        .prefix("newsfront-bench-search-")
        .tempdir()?;

    let sample = sites::sample(root, dist)?;
    let (sample_secs, sample_pages) = pagefind::index(&bin, &sample)?;
    eprintln!("bench: Pagefind indexed {sample_pages} sample pages in {sample_secs:.2} s");
    let wasm = pagefind::wasm_verdict(&sample, work.path())?;
    let checks = verdict::run(&sample)?;
    let sample_scores = relevance(&sample, &queries)?;

    let (big, feed_build) = sites::synthetic(root, dist, n)?;
    let (pf_secs, pf_pages) = pagefind::index(&bin, &big)?;
    eprintln!("bench: Pagefind indexed {pf_pages} pages in {pf_secs:.2} s");
    let big_scores = relevance(&big, &queries)?;
    let firsts = first_queries(&big, &queries)?;

    print(&Report {
        n,
        queries: &queries,
        sample_scores: &sample_scores,
        big_scores: &big_scores,
        firsts: &firsts,
        pagefind_build: (pf_secs, pf_pages),
        feed_build: &feed_build,
        wasm: &wasm,
        checks: &checks,
    });
    Ok(())
}

fn load_queries(path: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// Whether the site's feed carries our index; without it our rows are left out.
fn has_ours(www: &Path) -> bool {
    www.join("feed/search/index.json").is_file()
}

fn engines(www: &Path) -> Vec<Engine> {
    ENGINES
        .into_iter()
        .filter(|e| *e == Engine::Pagefind || has_ours(www))
        .collect()
}

/// Every query on a warm, unthrottled page, scored against the feed's ground truth.
fn relevance(www: &Path, queries: &[String]) -> Result<HashMap<Engine, (Scores, Vec<usize>)>> {
    let docs = truth::load(&www.join("feed"))?;
    let nginx = Nginx::start(tempdir()?, www, "/", Ok)?;
    let origin = nginx.base_url();
    let site = Served {
        origin: &origin,
        base: "/",
    };
    let mut out = HashMap::new();
    for engine in engines(www) {
        eprintln!("bench: relevance of {} on {}", engine.name(), www.display());
        let (b, _) = drive::ready(&site, engine, false)?;
        let mut scores = Vec::new();
        let mut relevant = Vec::new();
        for q in queries {
            let o = drive::query(&b, &site, engine, q)?;
            let t = truth::judge(&docs, q);
            let (p, ndcg) = truth::score(&t, &o.ids);
            let top: Vec<&String> = o.ids.iter().take(5).collect();
            let exact = top == t.ideal.iter().collect::<Vec<_>>();
            if !exact {
                eprintln!(
                    "bench:   {} {q}: {top:?}, ideal {:?}",
                    engine.name(),
                    t.ideal
                );
            }
            scores.push((p, ndcg, exact));
            relevant.push(t.grades.len());
        }
        out.insert(engine, (scores, relevant));
    }
    Ok(out)
}

/// Each query cold in a fresh browser on the throttled phone: what the query loaded after the
/// page (bytes as sent by the shipped config, and brotli of the same files) and its times.
fn first_queries(www: &Path, queries: &[String]) -> Result<HashMap<Engine, Vec<First>>> {
    let nginx = Nginx::start(tempdir()?, www, "/", Ok)?;
    let origin = nginx.base_url();
    let site = Served {
        origin: &origin,
        base: "/",
    };
    let mut brotli: HashMap<PathBuf, f64> = HashMap::new();
    let mut out = HashMap::new();
    for engine in engines(www) {
        let mut rows = Vec::new();
        for q in queries {
            eprintln!("bench: first query {q} with {}", engine.name());
            let (b, _) = drive::ready(&site, engine, true)?;
            let mut o = drive::query(&b, &site, engine, q)?;
            // The bench's own wrapper around Pagefind's worker is no part of Pagefind, and the
            // results' cover thumbnails are no part of search.
            o.requests.retain(|r| {
                let path = r.url.split('?').next().unwrap_or_default();
                !r.url.contains(sites::PAGEFIND_PAGE)
                    && !IMAGES.iter().any(|ext| path.ends_with(ext))
            });
            // Each response's size and when its last byte came, for reading the rows.
            let list: Vec<String> = o
                .requests
                .iter()
                .map(|r| {
                    let name = r.url.split('?').next().unwrap_or_default();
                    let name = name.rsplit('/').next().unwrap_or_default();
                    format!(
                        "{name} {:.1} KB @{:.0} ms",
                        r.transfer / 1000.0,
                        r.end - o.started
                    )
                })
                .collect();
            eprintln!(
                "bench:   painted @{} ms: {}",
                opt(o.painted.map(|p| p - o.started), 0, ""),
                list.join(", ")
            );
            let mut br = 0.0;
            for r in &o.requests {
                br += match drive::file_of(www, &site, &r.url) {
                    Some(f) => match brotli.get(&f) {
                        Some(n) => *n,
                        None => {
                            let n =
                                newsfront_site::compress::brotli(&std::fs::read(&f)?)?.len() as f64;
                            brotli.insert(f, n);
                            n
                        }
                    },
                    None => r.transfer,
                };
            }
            let last = o
                .requests
                .iter()
                .map(|r| r.end)
                .filter(|e| o.painted.is_none_or(|p| *e <= p))
                .fold(f64::NAN, f64::max);
            rows.push(First {
                transfer: o.requests.iter().map(|r| r.transfer).sum(),
                brotli: br,
                requests: o.requests.len(),
                after_last: o.painted.map(|p| p - last).filter(|v| v.is_finite()),
                total: o.painted.map(|p| p - o.started),
            });
        }
        out.insert(engine, rows);
    }
    Ok(out)
}

struct Report<'a> {
    n: usize,
    queries: &'a [String],
    sample_scores: &'a HashMap<Engine, (Scores, Vec<usize>)>,
    big_scores: &'a HashMap<Engine, (Scores, Vec<usize>)>,
    firsts: &'a HashMap<Engine, Vec<First>>,
    pagefind_build: (f64, usize),
    feed_build: &'a sites::FeedBuild,
    wasm: &'a Result<(), Vec<(String, String)>>,
    checks: &'a [verdict::Check],
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

fn max(v: impl Iterator<Item = f64>) -> Option<f64> {
    v.filter(|x| x.is_finite()).reduce(f64::max)
}

fn opt(v: Option<f64>, digits: usize, unit: &str) -> String {
    v.map_or("–".into(), |v| format!("{v:.digits$}{unit}"))
}

fn mean(scores: &Scores, pick: fn(&(f64, f64, bool)) -> f64) -> f64 {
    scores.iter().map(pick).sum::<f64>() / scores.len().max(1) as f64
}

fn print(r: &Report) {
    println!(
        "\n## Search: Newsfront and Pagefind {}\n",
        pagefind::VERSION
    );
    if !r.firsts.contains_key(&Engine::Ours) {
        println!(
            "Newsfront's rows are missing: this dist's feed has no `search/index.json` (build it \
             from a branch with site search).\n"
        );
    }
    println!(
        "First query, cold, on the {}-article synthetic feed at 1.6 Mbit/s, 150 ms RTT, CPU ×4, \
         375×667; median (max) over the {} queries. Bytes: everything the query loaded after the \
         page but the results' cover images, as the shipped nginx config sent it (headers \
         included), and brotli (q 11) of the same files. Times: queries with results.\n",
        r.n,
        r.queries.len()
    );
    println!("| engine | KB sent | KB brotli | requests | last response → painted | query → painted | index build |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for engine in ENGINES {
        let build = match engine {
            Engine::Pagefind => {
                format!("{:.1} s ({} pages)", r.pagefind_build.0, r.pagefind_build.1)
            }
            Engine::Ours => match r.feed_build.search_seconds {
                Some(s) => format!("{s:.2} s (of {:.1} s feed build)", r.feed_build.seconds),
                None => format!("no index (feed build {:.1} s)", r.feed_build.seconds),
            },
        };
        let Some(rows) = r.firsts.get(&engine) else {
            println!("| {} | – | – | – | – | – | {build} |", engine.name());
            continue;
        };
        let col = |f: fn(&First) -> Option<f64>, digits: usize, scale: f64, unit: &str| {
            let v: Vec<f64> = rows.iter().filter_map(f).map(|x| x / scale).collect();
            format!(
                "{} ({})",
                opt(median(v.clone()), digits, unit),
                opt(max(v.into_iter()), digits, unit)
            )
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {build} |",
            engine.name(),
            col(|f| Some(f.transfer), 1, 1000.0, ""),
            col(|f| Some(f.brotli), 1, 1000.0, ""),
            col(|f| Some(f.requests as f64), 0, 1.0, ""),
            col(|f| f.after_last, 0, 1.0, " ms"),
            col(|f| f.total, 0, 1.0, " ms"),
        );
    }
    println!(
        "\nTop-5 relevance: precision@5 and nDCG@5, mean over the queries; `exact`: queries whose \
         top 5 is the ideal ranking (title, then note, then body; newer first).\n"
    );
    println!("| engine | feed | precision@5 | nDCG@5 | exact |");
    println!("|---|---|---:|---:|---:|");
    for engine in ENGINES {
        for (feed, scores) in [("sample", r.sample_scores), ("synthetic", r.big_scores)] {
            if let Some((s, _)) = scores.get(&engine) {
                println!(
                    "| {} | {feed} | {:.2} | {:.2} | {}/{} |",
                    engine.name(),
                    mean(s, |x| x.0),
                    mean(s, |x| x.1),
                    s.iter().filter(|x| x.2).count(),
                    s.len()
                );
            }
        }
    }
    println!("\nPer query: relevant articles (sample / synthetic), then precision@5 / nDCG@5 on the sample feed.\n");
    let mut head = "| query | relevant |".to_string();
    for engine in ENGINES {
        head.push_str(&format!(" {} |", engine.name()));
    }
    println!("{head}\n|---|---:|---:|---:|");
    for (i, q) in r.queries.iter().enumerate() {
        let relevant = |s: &HashMap<Engine, (Scores, Vec<usize>)>| {
            s.get(&Engine::Pagefind)
                .map_or("?".into(), |(_, rel)| rel[i].to_string())
        };
        let mut line = format!(
            "| {q} | {} / {} |",
            relevant(r.sample_scores),
            relevant(r.big_scores)
        );
        for engine in ENGINES {
            match r.sample_scores.get(&engine) {
                Some((s, _)) => {
                    line.push_str(&format!(" {:.2} / {:.2} |", s[i].0 + 0.0, s[i].1 + 0.0))
                }
                None => line.push_str(" – |"),
            }
        }
        println!("{line}");
    }
    println!("\nPagefind and our constraints:\n");
    match r.wasm {
        Ok(()) => println!("- wasm: validates with the old engines' features off"),
        Err(needs) => {
            let list: Vec<String> = needs.iter().map(|(f, e)| format!("{f} ({e})")).collect();
            println!(
                "- wasm: does not validate for Chrome 86 / iOS 14.5; needs {}",
                list.join(", ")
            );
        }
    }
    for c in r.checks {
        println!(
            "- {}: {} with {} results; {}",
            c.setting, c.state, c.results, c.detail
        );
    }
}

fn tempdir() -> Result<tempfile::TempDir> {
    Ok(tempfile::Builder::new()
        .prefix("newsfront-bench-search-")
        .tempdir()?)
}
