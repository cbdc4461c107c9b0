//! `newsfront-feed build`: content directory → feed directory, all or nothing.

mod article;
pub mod images;
mod lists;
mod write;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use newsfront_core::search::{build_index, IndexDoc};
use newsfront_core::{ArticleId, Block, Comment, CommentSettings, Site};

use crate::content::comments_toml::parse_comments_toml;
use crate::content::site_toml::parse_site_toml_with;
use crate::report::{FileProblem, Problems};
use article::{check_articles, finish_articles, read_article, ArticleDraft};
use images::{Cache, ImageUses, LOGO};

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildSummary {
    pub articles: usize,
    pub categories: usize,
    pub list_pages: usize,
    /// Image sources used, and how many of them had to be encoded (the rest were cached).
    pub images: usize,
    pub images_encoded: usize,
    /// The search index: distinct terms, files, and the seconds it took.
    pub search_terms: usize,
    pub search_files: usize,
    pub search_seconds: f64,
    pub seconds: f64,
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "built {} articles, {} categories, {} list pages, {} images ({} encoded, {} cached), \
             a search index of {} terms in {} files ({:.2} s) in {:.2} s",
            self.articles,
            self.categories,
            self.list_pages,
            self.images,
            self.images_encoded,
            self.images - self.images_encoded,
            self.search_terms,
            self.search_files,
            self.search_seconds,
            self.seconds
        )
    }
}

/// How to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The image cache folder ([`images::default_cache_dir`] unless told otherwise).
    pub cache: PathBuf,
    /// Comments from this Waline server, whatever site.toml says (a demo or test server).
    pub waline_server: Option<String>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            cache: images::default_cache_dir(),
            waline_server: None,
        }
    }
}

/// Builds the feed with the default options.
pub fn build(content: &Path, out: &Path) -> anyhow::Result<BuildSummary> {
    build_with(content, out, &BuildOptions::default())
}

/// Builds the feed. On any problem returns [`Problems`] (all of them) and leaves `out`
/// untouched; on success replaces `out` as a whole.
pub fn build_with(
    content: &Path,
    out: &Path,
    options: &BuildOptions,
) -> anyhow::Result<BuildSummary> {
    let started = Instant::now();
    let mut problems = Vec::new();
    let site_src = fs::read_to_string(content.join("site.toml"))
        .with_context(|| format!("cannot read {}", content.join("site.toml").display()))?;
    let mut site = parse_site_toml_with("site.toml", &site_src, options.waline_server.as_deref())
        .map_err(|p| problems.extend(p))
        .ok();
    let mut uses = ImageUses::new(content);
    let local_logo = site
        .as_ref()
        .and_then(|s| s.logo.clone())
        .filter(|l| !l.starts_with("http://") && !l.starts_with("https://"));
    if let Some(logo) = &local_logo {
        if let Err(e) = uses.add(logo, LOGO, "site.toml", None, "logo: ") {
            problems.push(FileProblem::new("site.toml", None, format!("logo: {e}")));
        }
    }
    let mut drafts: Vec<ArticleDraft> = Vec::new();
    let mut seen: BTreeMap<ArticleId, String> = BTreeMap::new();
    for (rel, path) in markdown_files(&content.join("articles"))? {
        let src =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        match read_article(&rel, &src, site.as_ref(), &mut uses) {
            Ok(draft) => {
                if let Some(first) = seen.insert(draft.article.id.clone(), rel.clone()) {
                    problems.push(FileProblem::new(
                        &rel,
                        None,
                        format!(
                            "duplicate article id {:?}: {first} has it too",
                            draft.article.id.as_str()
                        ),
                    ));
                } else {
                    drafts.push(draft);
                }
            }
            Err(p) => problems.extend(p),
        }
    }
    let comments = read_comments(content, site.as_ref(), &seen, &mut problems)?;
    let mut articles = finish_articles(drafts, &comments, &mut problems);

    // Images last: the slow part runs only for content that is otherwise valid (a failed
    // build still checks every image's header, so all problems are listed at once).
    let cache = Cache::open(&options.cache, &images::settings().fingerprint())?;
    let full = problems.is_empty() && site.is_some();
    let made = images::process(&uses, &cache, full, &mut problems);
    let Some(site) = site.as_mut() else {
        return Err(fail(problems));
    };
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    if let Some(logo) = &local_logo {
        site.logo = Some(made.logo(logo));
    }
    let mut list_covers = HashMap::new();
    for (_, a) in &mut articles {
        if let Some(cover) = &a.cover {
            list_covers.insert(a.id.clone(), made.list_cover(cover));
            a.cover = Some(made.article_cover(cover));
        }
        for block in &mut a.body {
            if let Block::Image { image } = block {
                *image = made.body(image);
            }
        }
    }
    check_articles(&articles, &mut problems);
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let articles: Vec<_> = articles.into_iter().map(|(_, a)| a).collect();
    let lists = lists::build_lists(site, &articles, &list_covers);
    let list_pages = lists.len();
    let indexed = Instant::now();
    let index = build_index(
        articles
            .iter()
            .map(|a| IndexDoc {
                article: a,
                summary: lists::summary_of(a, &list_covers),
            })
            .collect(),
    );
    let search_seconds = indexed.elapsed().as_secs_f64();
    let feed = write::Feed {
        site,
        articles: &articles,
        lists: &lists,
        comments: &comments,
        images: &made.files(),
        search: &index.files,
    };
    write::write_feed(out, &feed)?;
    Ok(BuildSummary {
        articles: articles.len(),
        categories: site.categories.len(),
        list_pages,
        images: uses.len(),
        images_encoded: made.encoded,
        search_terms: index.terms,
        search_files: index.files.len(),
        search_seconds,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn fail(mut problems: Vec<FileProblem>) -> anyhow::Error {
    problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    // `<b>x</b>` is two HTML events on one line; one message is enough.
    problems.dedup();
    Problems(problems).into()
}

/// `articles/**/*.md` as (path relative to the content dir, full path), sorted.
fn markdown_files(dir: &Path) -> anyhow::Result<Vec<(String, std::path::PathBuf)>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).with_context(|| format!("cannot read {}", d.display()))? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = path
                    .strip_prefix(dir.parent().unwrap_or(dir))
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((rel, path));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `comments/{id}.toml` of existing articles, when the site uses static comments.
fn read_comments(
    content: &Path,
    site: Option<&Site>,
    ids: &BTreeMap<ArticleId, String>,
    problems: &mut Vec<FileProblem>,
) -> anyhow::Result<BTreeMap<ArticleId, Vec<Comment>>> {
    let mut out = BTreeMap::new();
    let dir = content.join("comments");
    if !dir.is_dir() || !site.is_some_and(|s| s.comments == CommentSettings::Static) {
        return Ok(out);
    }
    let mut entries: Vec<_> = fs::read_dir(&dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let rel = format!("comments/{}", entry.file_name().to_string_lossy());
        let id = match ArticleId::parse(&stem) {
            Ok(id) if ids.contains_key(&id) => id,
            Ok(_) => {
                problems.push(FileProblem::new(
                    &rel,
                    None,
                    format!("there is no article {stem:?}"),
                ));
                continue;
            }
            Err(e) => {
                problems.push(FileProblem::new(&rel, None, format!("file name: {e}")));
                continue;
            }
        };
        let src =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        match parse_comments_toml(&rel, &src) {
            Ok(c) => {
                out.insert(id, c);
            }
            Err(p) => problems.extend(p),
        }
    }
    Ok(out)
}
