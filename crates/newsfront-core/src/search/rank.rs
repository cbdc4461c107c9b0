//! Ranking: which documents match a query, best first.
//!
//! For each document, each query term counts once, in the best place it occurs: the title
//! (title, subtitle), then the note (summary, editor's note, tags), then the body. Documents with
//! fewer than [`super::Query::min_match`] terms are left out. The rest are ordered by how many
//! terms they have, then by how many are in the title, then in the note, then in the body; among
//! ties the newer first (documents are numbered newest first, so the smaller number).

/// Where in a document a term occurs, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Title = 0,
    Note = 1,
    Body = 2,
}

/// The documents with a term, per tier: ascending document numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Postings {
    pub title: Vec<u32>,
    pub note: Vec<u32>,
    pub body: Vec<u32>,
}

impl Postings {
    pub fn tier(&self, tier: Tier) -> &[u32] {
        match tier {
            Tier::Title => &self.title,
            Tier::Note => &self.note,
            Tier::Body => &self.body,
        }
    }

    pub fn tier_mut(&mut self, tier: Tier) -> &mut Vec<u32> {
        match tier {
            Tier::Title => &mut self.title,
            Tier::Note => &mut self.note,
            Tier::Body => &mut self.body,
        }
    }

    pub fn len(&self) -> usize {
        self.title.len() + self.note.len() + self.body.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub const TIERS: [Tier; 3] = [Tier::Title, Tier::Note, Tier::Body];

/// The matching documents, best first. `terms[i]` is the postings of the query's term `i`
/// (`None`: no document has it); a document needs `min_match` of them.
pub fn rank(terms: &[Option<&Postings>], min_match: usize) -> Vec<u32> {
    // One entry per (document, term, tier), sorted: the first entry of a (document, term) pair
    // is its best tier. Sorting beats a hash map on a phone and needs no table of all documents.
    let mut entries: Vec<u64> = Vec::with_capacity(terms.iter().flatten().map(|p| p.len()).sum());
    for (t, postings) in terms.iter().enumerate() {
        let Some(p) = postings else { continue };
        for tier in TIERS {
            let low = ((t as u64) << 2) | tier as u64;
            entries.extend(p.tier(tier).iter().map(|&d| (u64::from(d) << 32) | low));
        }
    }
    entries.sort_unstable();
    entries.dedup();
    let mut scored: Vec<(u64, u32)> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let doc = (entries[i] >> 32) as u32;
        let mut counts = [0u64; 4]; // matched terms, in title, in note, in body
        let mut last_term = u64::MAX;
        while i < entries.len() && (entries[i] >> 32) as u32 == doc {
            let term = (entries[i] & 0xFFFF_FFFF) >> 2;
            if term != last_term {
                last_term = term;
                counts[0] += 1;
                counts[1 + (entries[i] & 3) as usize] += 1;
            }
            i += 1;
        }
        if counts[0] as usize >= min_match {
            let key = (counts[0] << 48) | (counts[1] << 32) | (counts[2] << 16) | counts[3];
            scored.push((key, doc));
        }
    }
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, doc)| doc).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(title: &[u32], note: &[u32], body: &[u32]) -> Postings {
        Postings {
            title: title.to_vec(),
            note: note.to_vec(),
            body: body.to_vec(),
        }
    }

    #[test]
    fn title_beats_note_beats_body_and_newer_breaks_ties() {
        let term = p(&[7, 9], &[3], &[1, 2, 3, 7]);
        assert_eq!(rank(&[Some(&term)], 1), [7, 9, 3, 1, 2]);
    }

    #[test]
    fn more_terms_rank_first_and_min_match_filters() {
        let a = p(&[], &[], &[1, 2, 3]);
        let b = p(&[], &[], &[2, 3]);
        let c = p(&[5], &[], &[3]);
        // 3 has all three terms; 2 has two; 5 has one term in the title.
        assert_eq!(rank(&[Some(&a), Some(&b), Some(&c)], 2), [3, 2]);
        assert_eq!(rank(&[Some(&a), Some(&b), Some(&c)], 1), [3, 2, 5, 1]);
        assert!(rank(&[Some(&a), None], 2).is_empty());
    }

    #[test]
    fn a_term_counts_once_in_its_best_tier() {
        let a = p(&[4], &[4], &[4]);
        let b = p(&[], &[6], &[]);
        // Document 4 has the term in its title: one term in the title beats one in the note.
        assert_eq!(rank(&[Some(&a), Some(&b)], 1), [4, 6]);
        let both = p(&[], &[1], &[0]);
        assert_eq!(rank(&[Some(&both), Some(&both)], 2), [1, 0]);
    }
}
