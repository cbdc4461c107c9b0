//! Site search over a static host: the tokenizer, the query, the ranking, highlighting, the
//! index files and their builder. The feed builder and the app share all of it, so the index is
//! read with exactly the rules it was written with (docs/search.md).
//!
//! A search is: [`Query::parse`] → for each term, its shard ([`SearchManifest::term_shard_of`])
//! → [`rank`] over the terms' [`Postings`] → document numbers, best first → the document
//! shards that hold the page shown ([`SearchManifest::doc_shard_of`]) → [`highlight`] of each
//! title and summary.

mod build;
mod fold;
mod highlight;
mod index;
mod query;
mod rank;
mod tokens;

pub use build::{
    best_tier, build_index, tier_texts, IndexDoc, IndexFiles, DOC_SHARD_SIZE,
    TERM_SHARD_TARGET_BYTES,
};
pub use highlight::{highlight, Segment};
pub use index::{
    fnv1a32, fnv1a64, from_gaps, to_gaps, DocShard, SearchManifest, TermShard, TOKENIZER_VERSION,
};
pub use query::{Query, QueryProblem, MAX_QUERY_CHARS, MAX_QUERY_TERMS};
pub use rank::{rank, Postings, Tier, TIERS};
pub use tokens::{terms_of, MAX_WORD_CHARS};

/// The ranked documents for `query` from the term shards at hand (`shards[k]` is term shard
/// `k` when fetched). A term whose shard is not at hand counts as absent.
pub fn search(
    query: &Query,
    manifest: &SearchManifest,
    shard: impl Fn(u32) -> Option<std::sync::Arc<TermShard>>,
) -> Vec<u32> {
    let held: Vec<Option<std::sync::Arc<TermShard>>> = query
        .terms
        .iter()
        .map(|t| shard(manifest.term_shard_of(t)))
        .collect();
    let postings: Vec<Option<&Postings>> = query
        .terms
        .iter()
        .zip(&held)
        .map(|(t, s)| s.as_ref().and_then(|s| s.terms.get(t)))
        .collect();
    rank(&postings, query.min_match())
}

/// The distinct term shards a query needs, in the order of its terms.
pub fn shards_for(query: &Query, manifest: &SearchManifest) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for t in &query.terms {
        let k = manifest.term_shard_of(t);
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

#[cfg(test)]
mod tests;
