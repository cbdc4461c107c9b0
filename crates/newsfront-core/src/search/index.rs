//! The index files as the app reads them (validated), and how a term finds its shard.
//!
//! `search/index.json` (the manifest) names the index version; the shards live under
//! `search/{version}/`: term shards `t/{k}.json` (a term is in shard
//! `fnv1a32(term) mod term_shards`) and document shards `d/{k}.json` (documents
//! `k × doc_shard_size …`, numbered newest first). docs/feed-format.md describes the shapes.

use std::collections::HashMap;

use super::rank::Postings;
use crate::{ArticleSummary, Problem};

/// The tokenizer rules an index was built with ([`super::tokens`]). An app reads only an index
/// built with its own rules: another one would silently miss matches.
pub const TOKENIZER_VERSION: u32 = 1;

/// `search/index.json`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchManifest {
    /// 16 lowercase hex digits, a hash of the shards: the folder they are in.
    pub version: String,
    /// Documents in the index, numbered 0 (the newest) to `docs - 1`.
    pub docs: u32,
    /// A power of two.
    pub term_shards: u32,
    pub doc_shard_size: u32,
}

impl SearchManifest {
    /// The term shard that holds `term`.
    pub fn term_shard_of(&self, term: &str) -> u32 {
        fnv1a32(term.as_bytes()) & (self.term_shards - 1)
    }

    /// The document shard that holds document `doc`.
    pub fn doc_shard_of(&self, doc: u32) -> u32 {
        doc / self.doc_shard_size
    }

    /// How many document shards there are.
    pub fn doc_shards(&self) -> u32 {
        self.docs.div_ceil(self.doc_shard_size)
    }

    /// The documents shard `k` holds.
    pub fn docs_in_shard(&self, k: u32) -> std::ops::Range<u32> {
        let first = k.saturating_mul(self.doc_shard_size).min(self.docs);
        first..first.saturating_add(self.doc_shard_size).min(self.docs)
    }
}

/// `search/{version}/t/{k}.json`: the postings of every term in the shard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TermShard {
    pub terms: HashMap<String, Postings>,
}

/// `search/{version}/d/{k}.json`: documents `first…`, as lists show them. An item that fails
/// validation is `None` (left out of results, as a list leaves it out) and in `skipped`.
#[derive(Clone, Debug, PartialEq)]
pub struct DocShard {
    pub first: u32,
    pub docs: Vec<Option<ArticleSummary>>,
    pub skipped: Vec<Problem>,
}

impl DocShard {
    /// Document `doc`, if this shard has it and it is valid.
    pub fn doc(&self, doc: u32) -> Option<&ArticleSummary> {
        let i = doc.checked_sub(self.first)?;
        self.docs.get(i as usize)?.as_ref()
    }
}

/// FNV-1a, 32 bits: small, fast, the same in the builder and the app.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// FNV-1a, 64 bits (the index version).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Ascending numbers as the first one and then the gaps (what the files hold).
pub fn to_gaps(docs: &[u32]) -> Vec<u32> {
    let mut prev = None;
    docs.iter()
        .map(|&d| {
            let gap = prev.map_or(d, |p| d - p);
            prev = Some(d);
            gap
        })
        .collect()
}

/// The numbers back from gaps; `Err` with the index of the first gap that is 0 (a repeat) or
/// goes past `limit`.
pub fn from_gaps(gaps: &[u32], limit: u32) -> Result<Vec<u32>, usize> {
    let mut out = Vec::with_capacity(gaps.len());
    let mut at: u32 = 0;
    for (i, &gap) in gaps.iter().enumerate() {
        at = if i == 0 {
            gap
        } else if gap == 0 {
            return Err(i);
        } else {
            at.checked_add(gap).ok_or(i)?
        };
        if at >= limit {
            return Err(i);
        }
        out.push(at);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_reference_hash() {
        assert_eq!(fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn gaps_round_trip_and_refuse_repeats_and_overflow() {
        let docs = [0, 3, 4, 9];
        assert_eq!(to_gaps(&docs), [0, 3, 1, 5]);
        assert_eq!(from_gaps(&to_gaps(&docs), 10).unwrap(), docs);
        assert_eq!(from_gaps(&[2, 0], 10), Err(1));
        assert_eq!(from_gaps(&[2, 8], 10), Err(1));
        assert_eq!(from_gaps(&[4_000_000_000, 4_000_000_000], u32::MAX), Err(1));
    }

    #[test]
    fn shards_address_terms_and_documents() {
        let m = SearchManifest {
            version: "0123456789abcdef".into(),
            docs: 21,
            term_shards: 8,
            doc_shard_size: 10,
        };
        assert!(m.term_shard_of("陇县") < 8);
        assert_eq!(m.term_shard_of("陇县"), fnv1a32("陇县".as_bytes()) % 8);
        assert_eq!(m.doc_shards(), 3);
        assert_eq!(m.doc_shard_of(20), 2);
        assert_eq!(m.docs_in_shard(2), 20..21);
        assert_eq!(m.docs_in_shard(9), 21..21);
    }
}
