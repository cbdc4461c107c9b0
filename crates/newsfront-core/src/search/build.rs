//! Building the index from validated articles: pure, so the feed builder writes what this
//! returns and the tests read it back through the app's own parsers.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use super::index::{fnv1a64, to_gaps, SearchManifest, TOKENIZER_VERSION};
use super::rank::{Postings, Tier, TIERS};
use super::tokens::Tokens;
use crate::paths::in_feed;
use crate::{Article, ArticleSummary, Block, Span, FORMAT_VERSION};

/// About how many bytes of JSON one term shard holds: the number of shards is the smallest
/// power of two that keeps the average at or below it. Smaller shards mean fewer bytes per
/// query and more files; docs/search.md has the measurements behind the choice.
pub const TERM_SHARD_TARGET_BYTES: usize = 12 * 1024;

/// Documents per document shard: a page of results from scattered documents fetches up to a
/// page of these.
pub const DOC_SHARD_SIZE: u32 = 8;

/// One document to index: the article, and its list item as results show it (with the list's
/// cover).
pub struct IndexDoc<'a> {
    pub article: &'a Article,
    pub summary: ArticleSummary,
}

/// The index: the manifest, and every file to write (paths inside the feed, JSON text).
pub struct IndexFiles {
    pub manifest: SearchManifest,
    /// `search/index.json` first, then the shards.
    pub files: Vec<(String, String)>,
    pub terms: usize,
    pub postings: usize,
}

/// The text of an article in each tier, as the tokenizer reads it: lines never run into each
/// other (a newline separates), the spans of one paragraph do (bold text splits no word).
pub fn tier_texts(a: &Article) -> [String; 3] {
    let mut title = a.title.clone();
    if let Some(sub) = &a.subtitle {
        push_line(&mut title, sub);
    }
    let mut note = a.summary.clone();
    for line in a.editor_note.iter().chain(&a.tags) {
        push_line(&mut note, line);
    }
    let mut body = String::new();
    for line in [&a.author, &a.contributor].into_iter().flatten() {
        push_line(&mut body, line);
    }
    let spans = |body: &mut String, spans: &[Span]| {
        body.push('\n');
        spans.iter().for_each(|s| body.push_str(&s.text));
    };
    for block in &a.body {
        match block {
            Block::Paragraph { spans: s } | Block::Quote { spans: s } => spans(&mut body, s),
            Block::Heading { text, .. } => push_line(&mut body, text),
            Block::Image { image } => {
                push_line(&mut body, &image.alt);
                if let Some(c) = &image.caption {
                    push_line(&mut body, c);
                }
            }
            Block::List { items, .. } => items.iter().for_each(|item| spans(&mut body, item)),
        }
    }
    [title, note, body]
}

fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

#[derive(Serialize)]
struct ManifestFile<'a> {
    format_version: u32,
    version: &'a str,
    docs: u32,
    term_shards: u32,
    doc_shard_size: u32,
    tokenizer: u32,
}

#[derive(Serialize)]
struct DocShardFile<'a> {
    format_version: u32,
    first: u32,
    items: &'a [ArticleSummary],
}

/// Builds the index of `docs`. Documents are numbered newest first (ties by id), the order of
/// the home list.
pub fn build_index(mut docs: Vec<IndexDoc<'_>>) -> IndexFiles {
    docs.sort_by(|a, b| {
        b.summary
            .published
            .unix()
            .cmp(&a.summary.published.unix())
            .then_with(|| a.summary.id.cmp(&b.summary.id))
    });
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut terms: Vec<(String, Postings)> = Vec::new();
    let mut tokens = Tokens::default();
    for (n, doc) in docs.iter().enumerate() {
        let n = n as u32;
        for (tier, text) in TIERS.into_iter().zip(tier_texts(doc.article)) {
            tokens.read(&text);
            tokens.terms(|term, _| {
                let id = match ids.get(term) {
                    Some(&id) => id,
                    None => {
                        ids.insert(term.to_owned(), terms.len() as u32);
                        terms.push((term.to_owned(), Postings::default()));
                        terms.len() as u32 - 1
                    }
                };
                let postings = &mut terms[id as usize].1;
                // A document is listed once per term, in its best tier (tiers come in order).
                let listed = TIERS
                    .iter()
                    .take_while(|t| **t <= tier)
                    .any(|t| postings.tier(*t).last() == Some(&n));
                if !listed {
                    postings.tier_mut(tier).push(n);
                }
            });
        }
    }
    let postings = terms.iter().map(|(_, p)| p.len()).sum();
    let entries: Vec<(String, String)> = terms
        .iter()
        .map(|(term, p)| (term.clone(), entry(term, p)))
        .collect();
    let total: usize = entries.iter().map(|(_, e)| e.len() + 1).sum();
    let term_shards = total
        .div_ceil(TERM_SHARD_TARGET_BYTES)
        .max(1)
        .next_power_of_two()
        .min(crate::limits::MAX_TERM_SHARDS as usize) as u32;
    let mut manifest = SearchManifest {
        version: String::new(),
        docs: docs.len() as u32,
        term_shards,
        doc_shard_size: DOC_SHARD_SIZE,
    };
    let mut shards: Vec<BTreeMap<&str, &str>> = vec![BTreeMap::new(); term_shards as usize];
    for (term, e) in &entries {
        shards[manifest.term_shard_of(term) as usize].insert(term, e);
    }
    let mut files: Vec<(u32, char, String)> = Vec::new();
    for (k, shard) in shards.iter().enumerate() {
        let mut json = format!("{{\"format_version\":{FORMAT_VERSION},\"terms\":{{");
        for (i, e) in shard.values().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(e);
        }
        json.push_str("}}\n");
        files.push((k as u32, 't', json));
    }
    let summaries: Vec<ArticleSummary> = docs.into_iter().map(|d| d.summary).collect();
    for k in 0..manifest.doc_shards() {
        let range = manifest.docs_in_shard(k);
        let file = DocShardFile {
            format_version: FORMAT_VERSION,
            first: range.start,
            items: &summaries[range.start as usize..range.end as usize],
        };
        let mut json = serde_json::to_string(&file).expect("list items serialize");
        json.push('\n');
        files.push((k, 'd', json));
    }
    let mut hash_input = Vec::new();
    for (k, kind, json) in &files {
        hash_input.extend_from_slice(format!("{kind}{k}\n").as_bytes());
        hash_input.extend_from_slice(json.as_bytes());
    }
    manifest.version = format!("{:016x}", fnv1a64(&hash_input));
    let mut manifest_json = serde_json::to_string(&ManifestFile {
        format_version: FORMAT_VERSION,
        version: &manifest.version,
        docs: manifest.docs,
        term_shards: manifest.term_shards,
        doc_shard_size: manifest.doc_shard_size,
        tokenizer: TOKENIZER_VERSION,
    })
    .expect("the manifest serializes");
    manifest_json.push('\n');
    let mut out = vec![(in_feed::search_manifest(), manifest_json)];
    out.extend(files.into_iter().map(|(k, kind, json)| {
        let path = match kind {
            't' => in_feed::search_term_shard(&manifest.version, k),
            _ => in_feed::search_doc_shard(&manifest.version, k),
        };
        (path, json)
    }));
    IndexFiles {
        manifest,
        files: out,
        terms: terms.len(),
        postings,
    }
}

/// `"term":[[title gaps],[note gaps],[body gaps]]` without empty trailing lists.
fn entry(term: &str, p: &Postings) -> String {
    let mut e = serde_json::to_string(term).expect("a string serializes");
    e.push_str(":[");
    let used = TIERS
        .iter()
        .rposition(|t| !p.tier(*t).is_empty())
        .map_or(0, |i| i + 1);
    for (i, tier) in TIERS[..used].iter().enumerate() {
        if i > 0 {
            e.push(',');
        }
        e.push('[');
        for (j, gap) in to_gaps(p.tier(*tier)).iter().enumerate() {
            if j > 0 {
                e.push(',');
            }
            let _ = write!(e, "{gap}");
        }
        e.push(']');
    }
    e.push(']');
    e
}

/// The tier a term's best occurrence is in, for `doc`, if any (tests and the validator).
pub fn best_tier(p: &Postings, doc: u32) -> Option<Tier> {
    TIERS
        .into_iter()
        .find(|t| p.tier(*t).binary_search(&doc).is_ok())
}
