//! Validation of the search index files: the manifest on its own, the shards against it.

use std::collections::HashMap;

use super::list::validate_summary;
use super::{index, read_entry, ProblemCollector};
use crate::error::quote;
use crate::limits;
use crate::raw::{RawArticleSummary, RawDocShard, RawSearchManifest, RawTermShard};
use crate::search::{
    from_gaps, DocShard, Postings, SearchManifest, TermShard, TIERS, TOKENIZER_VERSION,
};

pub(crate) fn validate_manifest(
    raw: RawSearchManifest,
    p: &mut ProblemCollector,
) -> Option<SearchManifest> {
    let before = p.len();
    let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
    if raw.version.len() != 16 || !raw.version.chars().all(hex) {
        p.add(
            "version",
            format!("{} is not 16 lowercase hex digits", quote(&raw.version)),
        );
    }
    if raw.docs > limits::MAX_SEARCH_DOCS {
        p.add(
            "docs",
            format!(
                "is {}; at most {} are allowed",
                raw.docs,
                limits::MAX_SEARCH_DOCS
            ),
        );
    }
    if !raw.term_shards.is_power_of_two() || raw.term_shards > limits::MAX_TERM_SHARDS {
        p.add(
            "term_shards",
            format!(
                "is {}; it must be a power of two from 1 to {}",
                raw.term_shards,
                limits::MAX_TERM_SHARDS
            ),
        );
    }
    if !(1..=limits::MAX_DOC_SHARD_SIZE).contains(&raw.doc_shard_size) {
        p.add(
            "doc_shard_size",
            format!(
                "is {}; it must be 1 to {}",
                raw.doc_shard_size,
                limits::MAX_DOC_SHARD_SIZE
            ),
        );
    }
    if raw.tokenizer != TOKENIZER_VERSION {
        p.add(
            "tokenizer",
            format!(
                "is {}; this app reads indexes built with tokenizer {TOKENIZER_VERSION} — \
                 rebuild the feed with the matching newsfront-feed",
                raw.tokenizer
            ),
        );
    }
    if p.len() != before {
        return None;
    }
    Some(SearchManifest {
        version: raw.version,
        docs: raw.docs,
        term_shards: raw.term_shards,
        doc_shard_size: raw.doc_shard_size,
    })
}

/// Shard `shard` of `manifest`: every term belongs in it, every list is ascending and within
/// the index's documents.
pub(crate) fn validate_term_shard(
    raw: RawTermShard,
    manifest: &SearchManifest,
    shard: u32,
    p: &mut ProblemCollector,
) -> Option<TermShard> {
    let before = p.len();
    let mut terms = HashMap::with_capacity(raw.terms.len());
    let mut names: Vec<String> = raw.terms.keys().cloned().collect();
    // Problems in a fixed order whatever the map's.
    names.sort_unstable();
    let mut raw_terms = raw.terms;
    for term in names {
        let lists = raw_terms.remove(&term).unwrap_or_default();
        let path = format!("terms.{}", quote(&term));
        if term.is_empty() || term.len() > limits::MAX_TERM_BYTES {
            p.add(
                &path,
                format!("a term has 1 to {} bytes", limits::MAX_TERM_BYTES),
            );
            continue;
        }
        if manifest.term_shard_of(&term) != shard {
            p.add(
                &path,
                format!(
                    "belongs in term shard {}, not {shard}",
                    manifest.term_shard_of(&term)
                ),
            );
            continue;
        }
        if lists.len() > TIERS.len() {
            p.add(&path, format!("has {} lists; at most 3", lists.len()));
            continue;
        }
        let mut postings = Postings::default();
        let mut ok = true;
        for (i, gaps) in lists.iter().enumerate() {
            match from_gaps(gaps, manifest.docs) {
                Ok(docs) => *postings.tier_mut(TIERS[i]) = docs,
                Err(at) => {
                    ok = false;
                    p.add(
                        index(&index(&path, i), at),
                        format!(
                            "repeats a document or goes past the index's {} documents",
                            manifest.docs
                        ),
                    );
                }
            }
        }
        if ok {
            terms.insert(term, postings);
        }
    }
    (p.len() == before).then_some(TermShard { terms })
}

/// Document shard `shard` of `manifest`: exactly its documents; a bad item is skipped.
pub(crate) fn validate_doc_shard(
    raw: RawDocShard,
    manifest: &SearchManifest,
    shard: u32,
    p: &mut ProblemCollector,
) -> Option<DocShard> {
    let want = manifest.docs_in_shard(shard);
    if want.is_empty() {
        p.add("", format!("the index has no document shard {shard}"));
        return None;
    }
    let before = p.len();
    if raw.first != want.start {
        p.add(
            "first",
            format!(
                "is {} but shard {shard} starts at document {}",
                raw.first, want.start
            ),
        );
    }
    if raw.items.len() != want.len() {
        p.add(
            "items",
            format!(
                "has {} items but shard {shard} holds documents {}–{} ({})",
                raw.items.len(),
                want.start,
                want.end - 1,
                want.len()
            ),
        );
    }
    if p.len() != before {
        return None;
    }
    let mut docs = Vec::with_capacity(raw.items.len());
    let mut skipped = Vec::new();
    for (i, json) in raw.items.iter().enumerate() {
        let path = index("items", i);
        let item = read_entry::<RawArticleSummary>(json, &path)
            .map_err(|problem| skipped.push(problem))
            .ok()
            .and_then(|raw_item| {
                let mut item_problems = ProblemCollector::default();
                let item = validate_summary(raw_item, &path, &mut item_problems);
                skipped.extend(item_problems.0);
                item
            });
        docs.push(item);
    }
    Some(DocShard {
        first: raw.first,
        docs,
        skipped,
    })
}
