//! `newsfront-feed validate`: checks a feed directory produced by any tool against the
//! contract, file by file and across files (ids, links, images). It reads every file exactly
//! as the app does (`newsfront_core::parse_*`), so its verdict is the app's: what the app
//! refuses is an error here, and what the app leaves out is reported with what it does instead.
//! Every loop is bounded by the files that exist, never by a number a file claims.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use newsfront_core::{
    image_file_path, limits::LISTED_PROBLEMS, parse_article, parse_comments, parse_list_page,
    parse_site, Article, Block, FeedError, Image, ListPage, Problem, Site,
};

use crate::report::{FileProblem, Problems};

/// What a successful validation saw.
#[derive(Debug)]
pub struct ValidateSummary {
    pub articles: usize,
    pub list_pages: usize,
    pub comment_files: usize,
    /// The search index's documents and shards, when the feed has one.
    pub search: Option<(u32, u32)>,
}

impl std::fmt::Display for ValidateSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "valid: {} articles, {} list pages, {} comment files",
            self.articles, self.list_pages, self.comment_files
        )?;
        match self.search {
            Some((docs, shards)) => {
                write!(f, ", a search index of {docs} documents in {shards} shards")
            }
            None => f.write_str(", no search index"),
        }
    }
}

pub(crate) struct Checker<'a> {
    pub(crate) root: &'a Path,
    pub(crate) problems: Vec<FileProblem>,
}

impl Checker<'_> {
    pub(crate) fn problem(&mut self, file: &str, message: impl Into<String>) {
        self.problems.push(FileProblem::new(file, None, message));
    }

    /// Records `problems` of one file: the first [`LISTED_PROBLEMS`], then how many more.
    pub(crate) fn problems_of(&mut self, file: &str, problems: impl IntoIterator<Item = String>) {
        let mut more = 0;
        for (i, message) in problems.into_iter().enumerate() {
            if i < LISTED_PROBLEMS {
                self.problem(file, message);
            } else {
                more += 1;
            }
        }
        if more > 0 {
            self.problem(file, format!("… and {more} more problems in this file"));
        }
    }

    /// Reads and parses one file; problems are recorded under its name. Bytes that are not
    /// UTF-8 are reported and read as U+FFFD, as the app's browser reads them.
    pub(crate) fn read<T>(
        &mut self,
        rel: &str,
        parse: impl FnOnce(&str) -> Result<T, FeedError>,
    ) -> Option<T> {
        let bytes = match fs::read(self.root.join(rel)) {
            Ok(b) => b,
            Err(e) => {
                self.problem(rel, format!("cannot read: {e}"));
                return None;
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = std::str::from_utf8(&bytes) {
            self.problem(
                rel,
                format!(
                    "is not valid UTF-8 (first bad byte at offset {}); the app shows U+FFFD \
                     in its place",
                    e.valid_up_to()
                ),
            );
        }
        match parse(&text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problems_of(rel, e.problems().iter().map(Problem::to_string));
                None
            }
        }
    }

    pub(crate) fn image(&mut self, rel: &str, path: &str, image: &Image) {
        self.src(rel, path, &image.src);
    }

    /// A relative image must exist where a server finds it: escapes decoded, `?…` dropped.
    fn src(&mut self, rel: &str, path: &str, src: &str) {
        if let Some(file) = image_file_path(src) {
            if !self.root.join(&file).is_file() {
                self.problem(
                    rel,
                    format!("{path}: image {src:?} does not exist in the feed ({file})"),
                );
            }
        }
    }
}

/// JSON files directly in `dir`, sorted, as names.
fn json_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

pub fn validate(root: &Path) -> anyhow::Result<ValidateSummary> {
    anyhow::ensure!(root.is_dir(), "{} is not a folder", root.display());
    let mut c = Checker {
        root,
        problems: Vec::new(),
    };
    let site: Option<Site> = c.read("site.json", parse_site);
    if let Some(site) = &site {
        c.problems_of("site.json", site.skipped.iter().map(Problem::to_string));
        if let Some(logo) = &site.logo {
            c.src("site.json", "logo", logo);
        }
    }
    let mut articles: BTreeMap<String, (String, Article)> = BTreeMap::new();
    for name in json_files(&root.join("articles")) {
        let rel = format!("articles/{name}");
        if let Some(a) = c.read(&rel, parse_article) {
            if format!("{}.json", a.id) != name {
                c.problem(
                    &rel,
                    format!("id: {:?} does not match the file name", a.id.as_str()),
                );
            }
            articles.insert(a.id.as_str().to_owned(), (rel, a));
        }
    }
    for (rel, a) in articles.values() {
        check_article(&mut c, rel, a, site.as_ref(), &articles);
    }
    let mut list_pages = 0;
    let mut lists: Vec<(String, Option<String>)> = vec![("lists/home".into(), None)];
    if let Some(site) = &site {
        for cat in &site.categories {
            lists.push((
                format!("lists/c/{}", cat.slug),
                Some(cat.slug.as_str().to_owned()),
            ));
        }
    }
    if let Ok(entries) = fs::read_dir(root.join("lists/c")) {
        for e in entries.flatten() {
            let slug = e.file_name().to_string_lossy().into_owned();
            if !lists.iter().any(|(_, s)| s.as_deref() == Some(&slug)) {
                c.problem(
                    &format!("lists/c/{slug}"),
                    "is a list of a category site.json does not have",
                );
            }
        }
    }
    let page_size = site.as_ref().map(|s| s.page_size);
    for (dir, slug) in lists {
        list_pages += check_list(&mut c, &dir, slug.as_deref(), page_size, &articles);
    }
    let search = crate::validate_search::check_search(&mut c, &articles);
    let mut comment_files = 0;
    for name in json_files(&root.join("comments")) {
        let rel = format!("comments/{name}");
        comment_files += 1;
        if let Some(file) = c.read(&rel, parse_comments) {
            if format!("{}.json", file.article) != name {
                c.problem(&rel, "article: does not match the file name");
            }
            if !articles.contains_key(file.article.as_str()) {
                c.problem(
                    &rel,
                    format!("article: there is no article {:?}", file.article.as_str()),
                );
            }
        }
    }
    if c.problems.is_empty() {
        Ok(ValidateSummary {
            articles: articles.len(),
            list_pages,
            comment_files,
            search,
        })
    } else {
        Err(Problems(c.problems).into())
    }
}

fn check_article(
    c: &mut Checker,
    rel: &str,
    a: &Article,
    site: Option<&Site>,
    all: &BTreeMap<String, (String, Article)>,
) {
    if let Some(site) = site {
        if site.category(&a.category).is_none() {
            c.problem(
                rel,
                format!(
                    "category: {:?} is not a category of site.json",
                    a.category.as_str()
                ),
            );
        }
    }
    let refs = a
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("related[{i}].id"), r))
        .chain(a.prev.iter().map(|r| ("prev.id".to_owned(), r)))
        .chain(a.next.iter().map(|r| ("next.id".to_owned(), r)));
    for (path, r) in refs {
        if !all.contains_key(r.id.as_str()) {
            c.problem(
                rel,
                format!("{path}: there is no article {:?}", r.id.as_str()),
            );
        }
    }
    if let Some(cover) = &a.cover {
        c.image(rel, "cover", cover);
    }
    for (i, b) in a.body.iter().enumerate() {
        if let Block::Image { image } = b {
            c.image(rel, &format!("body[{i}].image"), image);
        }
    }
}

/// Checks the pages of one list that exist, in order, against page 1's `total_pages`; returns
/// how many pages it read. A page number only ever comes from a file name, so a list claiming
/// 4 294 967 295 pages costs what its folder holds.
fn check_list(
    c: &mut Checker,
    dir: &str,
    slug: Option<&str>,
    page_size: Option<u32>,
    articles: &BTreeMap<String, (String, Article)>,
) -> usize {
    let first = format!("{dir}/1.json");
    let Some(page1) = c.read(&first, parse_list_page) else {
        return 0;
    };
    let total = page1.total_pages;
    let mut numbers: Vec<u32> = Vec::new();
    for name in json_files(&c.root.join(dir)) {
        match name
            .strip_suffix(".json")
            .and_then(|n| n.parse::<u32>().ok())
        {
            Some(n) if n >= 1 && format!("{n}.json") == name => numbers.push(n),
            _ => c.problem(
                &format!("{dir}/{name}"),
                "is not a list page: list pages are named 1.json, 2.json, …",
            ),
        }
    }
    numbers.sort_unstable();
    let present = numbers.iter().filter(|&&n| n <= total).count() as u64;
    if present < u64::from(total) {
        let missing = u64::from(total) - present;
        c.problem(
            &first,
            format!(
                "total_pages: is {total} but {missing} of those pages are missing; the app \
                 stops at the first missing page"
            ),
        );
    }
    let mut seen = BTreeSet::new();
    let mut read = 0;
    for &n in &numbers {
        let rel = format!("{dir}/{n}.json");
        if n > total {
            c.problem(&rel, format!("is beyond total_pages ({total})"));
            continue;
        }
        let page: Option<ListPage> = if n == 1 {
            Some(page1.clone())
        } else {
            c.read(&rel, parse_list_page)
        };
        let Some(page) = page else { continue };
        read += 1;
        check_page(c, &rel, n, &page, &page1, slug, articles, &mut seen);
        if let Some(size) = page_size.filter(|&size| page.items.len() > size as usize) {
            c.problem(
                &rel,
                format!(
                    "items: has {} items but site.json's page_size is {size}; the app shows the \
                     first {size}",
                    page.items.len()
                ),
            );
        }
    }
    read
}

/// One list page `n` against page 1, the articles and the items seen on earlier pages.
#[allow(clippy::too_many_arguments)]
fn check_page(
    c: &mut Checker,
    rel: &str,
    n: u32,
    page: &ListPage,
    page1: &ListPage,
    slug: Option<&str>,
    articles: &BTreeMap<String, (String, Article)>,
    seen: &mut BTreeSet<newsfront_core::ArticleId>,
) {
    if page.page != n {
        c.problem(
            rel,
            format!(
                "page: is {} but the file is page {n}; the app goes by the file",
                page.page
            ),
        );
    }
    if page.total_pages != page1.total_pages || page.total_items != page1.total_items {
        c.problem(rel, "total_pages/total_items differ from page 1");
    }
    let skipped = page
        .skipped
        .iter()
        .map(|p| format!("{p} (skipped: the app leaves the item out)"));
    let mut messages: Vec<String> = skipped.collect();
    for (i, item) in page.items.iter().enumerate() {
        let path = format!("items[{i}]");
        if !articles.contains_key(item.id.as_str()) {
            messages.push(format!(
                "{path}.id: there is no article {:?}",
                item.id.as_str()
            ));
        }
        if slug.is_some_and(|s| s != item.category.as_str()) {
            messages.push(format!(
                "{path}.category: {:?} does not belong in this list",
                item.category.as_str()
            ));
        }
        if !seen.insert(item.id.clone()) {
            messages.push(format!(
                "{path}.id: {:?} is listed twice; the app shows it once",
                item.id.as_str()
            ));
        }
    }
    c.problems_of(rel, messages);
    for (i, item) in page.items.iter().enumerate() {
        if let Some(cover) = &item.cover {
            c.image(rel, &format!("items[{i}].cover"), cover);
        }
    }
}
