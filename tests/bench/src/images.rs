//! The photo rows (docs/images.md, docs/performance.md): image bytes of the article with the
//! 5640 × 3172 photo on a cold 375 × 667 DPR 2 phone, thumbnail bytes on a category list's
//! first screen, and the feed builder's time and peak memory for 200 such photos from a cold
//! cache and for the rebuild after one changed article.
//!
//! `newsfront-bench --images-only --dist target/e2e-dist` runs only these rows, on any dist
//! (served by the e2e harness's server), without the release build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use newsfront_e2e::{Browser, BrowserOptions};
use serde_json::json;

/// The sample article whose lead photo (and cover) is Elephants_5640x3172.jpg (16 MB).
pub const PHOTO_ARTICLE: &str = "bj-20230325-xiang-huazhan";
/// Its category: the list whose first screen holds the photo's thumbnail.
const PHOTO_CATEGORY: &str = "bjzx";
const PHOTO_SOURCE: &str = "sample/images/photos/Elephants_5640x3172.jpg";

pub struct ImageRows {
    /// Image bytes (transfer size) of a cold load of the photo article, and the files.
    pub article_bytes: f64,
    pub article_files: Vec<(String, f64)>,
    /// The same article before: its sources as they were copied (bytes the app loaded).
    pub article_before: f64,
    /// Thumbnails loaded by the category list's first screen: (file, bytes).
    pub thumbs: Vec<(String, f64)>,
    pub thumbs_before: Vec<f64>,
    pub build: Option<BuildRows>,
}

pub struct BuildRows {
    pub photos: usize,
    pub source_bytes: u64,
    pub cold: Measured,
    pub rebuild: Measured,
    pub rebuild_line: String,
    /// The machine's 1-minute load average before the cold build (shared machines differ).
    pub load: f64,
}

/// One run of the feed builder.
pub struct Measured {
    pub wall: Duration,
    /// User + system CPU time: what the build costs whatever else the machine runs.
    pub cpu: Duration,
    pub rss_kib: i64,
}

pub fn run(root: &Path, base: &str, dist: &Path, photos: usize) -> Result<ImageRows> {
    let (article_bytes, article_files) = photo_article(base)?;
    let thumbs = list_thumbs(base)?;
    let (article_before, thumbs_before) = before(root, dist)?;
    let build = if photos > 0 {
        Some(build_rows(root, photos)?)
    } else {
        None
    };
    Ok(ImageRows {
        article_bytes,
        article_files,
        article_before,
        thumbs,
        thumbs_before,
        build,
    })
}

/// Image resources of the page once the network is quiet: (URL path, transfer bytes).
fn images_loaded(b: &Browser) -> Result<Vec<(String, f64)>> {
    let v = b.eval_js(
        "return performance.getEntriesByType('resource')\
           .filter(r => new URL(r.name).pathname.includes('/feed/images/'))\
           .map(r => [new URL(r.name).pathname, r.transferSize]);",
    )?;
    Ok(v.as_array()
        .context("resources")?
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap_or_default().to_string(),
                r[1].as_f64().unwrap_or(0.0),
            )
        })
        .collect())
}

fn cold_phone(base: &str, path: &str, ready: &str) -> Result<Browser> {
    let mut b = Browser::new(BrowserOptions::phone().base_url(base))?;
    b.cdp("Network.enable", json!({}))?;
    b.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))?;
    b.goto(path)?;
    b.wait_until(ready, Duration::from_secs(60), |b| {
        Ok(b.eval_js(&format!(
            "const i = document.querySelector('{ready}'); return !!i && i.complete && i.naturalWidth > 0;"
        ))? == true)
    })?;
    // Quiet network: lazy images within Chromium's loading distance have arrived too.
    std::thread::sleep(Duration::from_millis(2000));
    Ok(b)
}

fn photo_article(base: &str) -> Result<(f64, Vec<(String, f64)>)> {
    let b = cold_phone(
        base,
        &format!("/a/{PHOTO_ARTICLE}"),
        ".article__body .figure__img",
    )?;
    let files = images_loaded(&b)?;
    Ok((files.iter().map(|f| f.1).sum(), files))
}

fn list_thumbs(base: &str) -> Result<Vec<(String, f64)>> {
    let b = cold_phone(
        base,
        &format!("/c/{PHOTO_CATEGORY}"),
        ".article-list__thumb",
    )?;
    Ok(images_loaded(&b)?
        .into_iter()
        .filter(|(p, _)| p.contains(".t"))
        .collect())
}

/// What the app loaded before the image stage (main at 70f0889 copied sources unchanged and
/// showed `src`): the sizes of the same articles' source files.
fn before(root: &Path, dist: &Path) -> Result<(f64, Vec<f64>)> {
    let size = |p: &str| std::fs::metadata(root.join("sample").join(p)).map(|m| m.len() as f64);
    // The photo article shows one image: its lead photo, the 16 MB source.
    let article_before = size("images/photos/Elephants_5640x3172.jpg")?;
    // The list's first page: each cover's source as it was.
    let list =
        crate::files::read_json(&dist.join(format!("feed/lists/c/{PHOTO_CATEGORY}/1.json")))?;
    let mut thumbs = Vec::new();
    for item in list["items"].as_array().context("items")?.iter().take(6) {
        let Some(id) = item["id"].as_str() else {
            continue;
        };
        let md = std::fs::read_to_string(root.join(format!("sample/articles/{id}.md")))?;
        if let Some(cover) = md
            .lines()
            .find_map(|l| l.strip_prefix("cover = \""))
            .and_then(|l| l.strip_suffix('"'))
        {
            thumbs.push(size(cover)?);
        }
    }
    Ok((article_before, thumbs))
}

/// `n` distinct copies of the 16 MB photo (a comment segment with the copy's number after the
/// JPEG start marker, so each has its own content hash and is decoded and encoded in full),
/// each the cover and lead photo of one article.
fn photo_site(root: &Path, dir: &Path, n: usize) -> Result<u64> {
    let photo = std::fs::read(root.join(PHOTO_SOURCE))
        .with_context(|| format!("{PHOTO_SOURCE} is missing: run scripts/photos.sh"))?;
    ensure!(photo.starts_with(&[0xff, 0xd8]), "not a JPEG");
    std::fs::create_dir_all(dir.join("articles"))?;
    std::fs::create_dir_all(dir.join("images"))?;
    std::fs::write(
        dir.join("site.toml"),
        "name = \"照片压力测试\"\nbase_url = \"https://photos.example/\"\ntimezone = \"+08:00\"\n\
         page_size = 10\n\n[[category]]\nslug = \"lxzx\"\nname = \"陇县资讯\"\n\n[comments]\nmode = \"off\"\n",
    )?;
    let mut total = 0;
    for i in 0..n {
        total += write_photo(dir, i, 0, &photo)?;
        let mut md = String::new();
        write!(
            md,
            "+++\ntitle = \"第{i}号照片新闻\"\ncategory = \"lxzx\"\nsource = \"网站编辑\"\n\
             published = 2023-03-01T08:{:02}:{:02}+08:00\ncover = \"images/p{i:03}.jpg\"\n+++\n\n\
             ![第{i}号照片](images/p{i:03}.jpg)\n\n正文。\n",
            i / 60 % 60,
            i % 60
        )?;
        std::fs::write(dir.join(format!("articles/p{i:03}.md")), md)?;
    }
    Ok(total)
}

fn write_photo(dir: &Path, i: usize, edit: usize, photo: &[u8]) -> Result<u64> {
    let comment = format!("newsfront bench photo {i} edit {edit}");
    let len = u16::try_from(comment.len() + 2)?;
    let mut bytes = Vec::with_capacity(photo.len() + comment.len() + 4);
    bytes.extend_from_slice(&photo[..2]);
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(&len.to_be_bytes());
    bytes.extend_from_slice(comment.as_bytes());
    bytes.extend_from_slice(&photo[2..]);
    std::fs::write(dir.join(format!("images/p{i:03}.jpg")), &bytes)?;
    Ok(bytes.len() as u64)
}

/// Runs the feed builder (the dev profile, as the trunk hook does) and returns its stdout
/// with its wall time, CPU time and peak resident memory (from wait4).
fn timed_build(bin: &Path, content: &Path, out: &Path, cache: &Path) -> Result<(String, Measured)> {
    let started = Instant::now();
    let child = Command::new(bin)
        .arg("build")
        .arg(content)
        .arg(out)
        .arg("--cache")
        .arg(cache)
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.context("stdout")?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut text)?;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child, which std never reaps
    // (the `Child` was consumed above).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    ensure!(r == pid, "wait4 failed");
    let elapsed = started.elapsed();
    ensure!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "build failed: {text}"
    );
    let seconds = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Ok((
        text.trim().to_string(),
        Measured {
            wall: elapsed,
            cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            rss_kib: usage.ru_maxrss,
        },
    ))
}

fn build_rows(root: &Path, n: usize) -> Result<BuildRows> {
    eprintln!("bench: building the feed tool (dev profile, as the trunk hook runs it)");
    let status = Command::new("cargo")
        .args(["build", "--quiet", "-p", "newsfront-feed"])
        .current_dir(root)
        .status()?;
    ensure!(status.success(), "cargo build -p newsfront-feed failed");
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let bin = target.join("debug/newsfront-feed");
    let work = tempfile::Builder::new()
        .prefix("newsfront-photos-")
        .tempdir()?;
    let (content, out, cache) = (
        work.path().join("content"),
        work.path().join("feed"),
        work.path().join("cache"),
    );
    eprintln!("bench: writing {n} copies of the 16 MB photo");
    let source_bytes = photo_site(root, &content, n)?;
    let load = crate::stats::load_average();
    eprintln!("bench: building {n} photos from a cold cache (load average {load})");
    let (line, cold) = timed_build(&bin, &content, &out, &cache)?;
    eprintln!("bench: {line}");
    ensure!(
        line.contains(&format!("({n} encoded, 0 cached)")),
        "not a cold build: {line}"
    );
    // One article changed: its text and its photo.
    let photo = std::fs::read(root.join(PHOTO_SOURCE))?;
    write_photo(&content, 0, 1, &photo)?;
    let md = content.join("articles/p000.md");
    std::fs::write(
        &md,
        std::fs::read_to_string(&md)? + "\n更正:补充一段文字。\n",
    )?;
    let (rebuild_line, rebuild) = timed_build(&bin, &content, &out, &cache)?;
    eprintln!("bench: {rebuild_line}");
    if !rebuild_line.contains("(1 encoded,") {
        bail!("the rebuild encoded more than the changed photo: {rebuild_line}");
    }
    Ok(BuildRows {
        photos: n,
        source_bytes,
        cold,
        rebuild,
        rebuild_line,
        load,
    })
}

fn kb(bytes: f64) -> String {
    format!("{:.1} KB", bytes / 1000.0)
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "MISSED"
    }
}

pub fn print(rows: &ImageRows) {
    println!("\n| photos | before (main 70f0889) | now | target | |");
    println!("|---|---|---|---|---|");
    println!(
        "| /a/{PHOTO_ARTICLE} cold, 375×667 DPR 2: image bytes | {} | {} ({} files) | ≤ 120 KB | {} |",
        kb(rows.article_before),
        kb(rows.article_bytes),
        rows.article_files.len(),
        mark(rows.article_bytes <= 120_000.0)
    );
    let max_thumb = rows.thumbs.iter().map(|t| t.1).fold(0.0, f64::max);
    let max_before = rows.thumbs_before.iter().copied().fold(0.0, f64::max);
    println!(
        "| /c/{PHOTO_CATEGORY} first screen: largest thumbnail | {} | {} ({} thumbnails) | ≤ 15 KB each | {} |",
        kb(max_before),
        kb(max_thumb),
        rows.thumbs.len(),
        mark(max_thumb <= 15_000.0)
    );
    if let Some(b) = &rows.build {
        let row = |m: &Measured| {
            format!(
                "{:.1} s wall, {:.1} s CPU, peak RSS {:.0} MiB",
                m.wall.as_secs_f64(),
                m.cpu.as_secs_f64(),
                m.rss_kib as f64 / 1024.0
            )
        };
        println!(
            "| build, {} photos of 5640×3172 ({:.1} GB), cold cache, 2 cores (load {:.1}) | copy only | {} | ≤ 3 min | {} |",
            b.photos,
            b.source_bytes as f64 / 1e9,
            b.load,
            row(&b.cold),
            mark(b.cold.wall.as_secs() <= 180)
        );
        println!(
            "| rebuild after one changed article | copy only | {} | ≤ 5 s | {} |",
            row(&b.rebuild),
            mark(b.rebuild.wall.as_secs_f64() <= 5.0)
        );
        println!("|   {} | | | | |", b.rebuild_line);
    }
    for (file, bytes) in rows.article_files.iter().chain(&rows.thumbs) {
        println!("|   {file} | | {} | | |", kb(*bytes));
    }
}
