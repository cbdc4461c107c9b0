//! Writing the feed: everything goes into a temporary folder beside OUT_DIR, which then
//! replaces OUT_DIR in one rename, so a failed build never leaves a half-written feed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;

use newsfront_core::paths::in_feed;
use newsfront_core::{count_comments, FORMAT_VERSION};
use newsfront_core::{Article, ArticleId, Comment, CommentsFile, ListPage, Site, Timestamp};

#[derive(Serialize)]
struct Versioned<'a, T> {
    format_version: u32,
    #[serde(flatten)]
    inner: &'a T,
}

#[derive(Serialize)]
struct SiteFile<'a> {
    format_version: u32,
    #[serde(flatten)]
    site: &'a Site,
    generated_at: Timestamp,
}

/// Everything a feed holds, ready to write.
pub struct Feed<'a> {
    pub site: &'a Site,
    pub articles: &'a [Article],
    pub lists: &'a [(String, ListPage)],
    pub comments: &'a BTreeMap<ArticleId, Vec<Comment>>,
    /// (path in the feed, file to copy there).
    pub images: &'a [(String, PathBuf)],
    /// The search index: (path in the feed, JSON text).
    pub search: &'a [(String, String)],
}

/// Writes the whole feed to a temporary folder, then swaps it in for `out`.
pub fn write_feed(out: &Path, feed: &Feed) -> anyhow::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out
        .file_name()
        .context("OUT_DIR must name a folder")?
        .to_string_lossy()
        .into_owned();
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let result = fill(&tmp, feed).and_then(|()| swap(&tmp, out));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn fill(dir: &Path, feed: &Feed) -> anyhow::Result<()> {
    let Feed {
        site,
        articles,
        lists,
        comments,
        images,
        search,
    } = *feed;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let generated_at = Timestamp::from_unix(now_unix(), site.zone);
    let site_file = SiteFile {
        format_version: FORMAT_VERSION,
        site,
        generated_at,
    };
    write_json(dir, &in_feed::site(), &site_file)?;
    for a in articles {
        write_json(dir, &in_feed::article(&a.id), &versioned(a))?;
    }
    for (path, page) in lists {
        write_json(dir, path, &versioned(page))?;
    }
    for (id, list) in comments {
        let file = CommentsFile {
            article: id.clone(),
            total: count_comments(list) as u32,
            comments: list.clone(),
        };
        write_json(dir, &in_feed::comments(id), &versioned(&file))?;
    }
    for (rel, text) in search {
        write_text(dir, rel, text)?;
    }
    for (rel, from) in images {
        let to = dir.join(rel);
        if let Some(p) = to.parent() {
            fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
        }
        fs::copy(from, &to)
            .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    }
    Ok(())
}

fn versioned<T>(inner: &T) -> Versioned<'_, T> {
    Versioned {
        format_version: FORMAT_VERSION,
        inner,
    }
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.
fn now_unix() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        })
}

fn write_json(dir: &Path, rel: &str, value: &impl Serialize) -> anyhow::Result<()> {
    let mut text = serde_json::to_string(value).context("cannot serialize feed JSON")?;
    text.push('\n');
    write_text(dir, rel, &text)
}

fn write_text(dir: &Path, rel: &str, text: &str) -> anyhow::Result<()> {
    let path = dir.join(rel);
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
    }
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Replaces `out` by `tmp`: the old feed is moved aside first and removed last.
fn swap(tmp: &Path, out: &Path) -> anyhow::Result<()> {
    let old = tmp.with_file_name(format!(
        "{}.old",
        tmp.file_name().unwrap_or_default().to_string_lossy()
    ));
    let had_old = out.exists();
    if had_old {
        fs::rename(out, &old)
            .with_context(|| format!("cannot move the old {} aside", out.display()))?;
    }
    if let Err(e) = fs::rename(tmp, out) {
        if had_old {
            let _ = fs::rename(&old, out);
        }
        return Err(e).with_context(|| format!("cannot move the new feed to {}", out.display()));
    }
    if had_old {
        fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
    }
    Ok(())
}
