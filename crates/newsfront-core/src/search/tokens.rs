//! The tokenizer the index and the query share: text → units → terms.
//!
//! Text is folded ([`super::fold`]) and read as *runs* of units with nothing between them: a
//! CJK character is one unit, a run of letters or digits one word unit (at most
//! [`MAX_WORD_CHARS`] kept), and a joiner (`·` `.` `-` `/` `:` …) one unit when it stands
//! between two others. Spaces, punctuation, symbols and emoji end a run. The *terms* of a run
//! are every word unit and every pair of adjacent units (bigrams): `陇县招聘` gives 陇县 县招
//! 招聘; `2023年` gives `2023` and `2023年`; `3·15` gives `3`, `3·`, `·15` and `15`. A query of two
//! or more characters is thus found across word boundaries without a dictionary, and a lone
//! CJK character is no term at all.

use std::ops::Range;

use super::fold::{class, fold, Class};

/// Letters or digits kept of one word; the rest of a longer word still belongs to it.
pub const MAX_WORD_CHARS: usize = 32;

/// What a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Cjk,
    Word,
    Joiner,
}

/// One unit: its folded text in [`Tokens::norm`], where it stands in the original text (bytes),
/// and the run it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub kind: Kind,
    pub norm: Range<usize>,
    pub orig: Range<usize>,
    pub run: u32,
}

/// A tokenized text; reusable, so indexing thousands of texts allocates little.
#[derive(Default)]
pub(crate) struct Tokens {
    /// The units' folded text, back to back: the units of a run are contiguous, so a bigram is
    /// one slice of it.
    pub norm: String,
    pub units: Vec<Unit>,
    /// Folded characters with the original byte range each came from (scratch).
    folded: Vec<(char, Range<usize>)>,
}

impl Tokens {
    /// Tokenizes `text`, replacing what was read before.
    pub fn read(&mut self, text: &str) {
        self.norm.clear();
        self.units.clear();
        self.folded.clear();
        for (at, c) in text.char_indices() {
            let orig = at..at + c.len_utf8();
            fold(c, &mut |f| self.folded.push((f, orig.clone())));
        }
        let mut run = 0u32;
        let mut in_run = false;
        let mut word_open = false;
        let mut word_chars = 0usize;
        for i in 0..self.folded.len() {
            let (c, ref orig) = self.folded[i];
            let orig = orig.clone();
            match class(c) {
                Class::Mark => {
                    if in_run {
                        if let Some(last) = self.units.last_mut() {
                            last.orig.end = last.orig.end.max(orig.end);
                        }
                    }
                }
                Class::Separator => {
                    if in_run {
                        run += 1;
                    }
                    in_run = false;
                    word_open = false;
                }
                Class::Cjk => {
                    word_open = false;
                    self.push(Kind::Cjk, c, orig, run);
                    in_run = true;
                }
                Class::Word => {
                    if word_open {
                        let last = self.units.last_mut().expect("an open word is a unit");
                        last.orig.end = orig.end;
                        if word_chars < MAX_WORD_CHARS {
                            self.norm.push(c);
                            last.norm.end = self.norm.len();
                            word_chars += 1;
                        }
                    } else {
                        self.push(Kind::Word, c, orig, run);
                        word_open = true;
                        word_chars = 1;
                        in_run = true;
                    }
                }
                Class::Joiner => {
                    word_open = false;
                    let after_unit =
                        in_run && self.units.last().is_some_and(|u| u.kind != Kind::Joiner);
                    let before_unit = self.folded[i + 1..]
                        .iter()
                        .map(|(c, _)| class(*c))
                        .find(|k| *k != Class::Mark)
                        .is_some_and(|k| matches!(k, Class::Cjk | Class::Word));
                    if after_unit && before_unit {
                        self.push(Kind::Joiner, c, orig, run);
                    } else {
                        if in_run {
                            run += 1;
                        }
                        in_run = false;
                    }
                }
            }
        }
    }

    fn push(&mut self, kind: Kind, c: char, orig: Range<usize>, run: u32) {
        let start = self.norm.len();
        self.norm.push(c);
        self.units.push(Unit {
            kind,
            norm: start..self.norm.len(),
            orig,
            run,
        });
    }

    /// Calls `f` with every term and the units it spans (`i..i + 1` for a word, `i..i + 2` for a
    /// bigram), in reading order; a term that occurs twice is given twice.
    pub fn terms(&self, mut f: impl FnMut(&str, Range<usize>)) {
        for (i, unit) in self.units.iter().enumerate() {
            if unit.kind == Kind::Word {
                f(&self.norm[unit.norm.clone()], i..i + 1);
            }
            if let Some(next) = self.units.get(i + 1).filter(|n| n.run == unit.run) {
                f(&self.norm[unit.norm.start..next.norm.end], i..i + 2);
            }
        }
    }

    /// Whether any unit is a CJK character (a query of one such character has no term).
    pub fn has_cjk(&self) -> bool {
        self.units.iter().any(|u| u.kind == Kind::Cjk)
    }
}

/// The distinct terms of `text`, in order of first appearance.
pub fn terms_of(text: &str) -> Vec<String> {
    let mut tokens = Tokens::default();
    tokens.read(text);
    let mut out: Vec<String> = Vec::new();
    tokens.terms(|t, _| {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_runs_make_bigrams_across_word_boundaries() {
        assert_eq!(terms_of("陇县招聘"), ["陇县", "县招", "招聘"]);
        assert_eq!(
            terms_of("宝鸡市陈仓区"),
            ["宝鸡", "鸡市", "市陈", "陈仓", "仓区"]
        );
        // Punctuation and spaces end a run: no bigram across them.
        assert_eq!(terms_of("陇县,招聘 会"), ["陇县", "招聘"]);
        assert!(terms_of("县").is_empty());
    }

    #[test]
    fn words_numbers_and_mixed_scripts() {
        assert_eq!(terms_of("2023年"), ["2023", "2023年"]);
        assert_eq!(terms_of("第4段"), ["第4", "4", "4段"]);
        assert_eq!(terms_of("GDP增长"), ["gdp", "gdp增", "增长"]);
        assert_eq!(terms_of("Hello, World"), ["hello", "world"]);
    }

    #[test]
    fn joiners_join_only_between_units() {
        assert_eq!(terms_of("3·15"), ["3", "3·", "·15", "15"]);
        assert_eq!(terms_of("３・１５"), terms_of("3·15"));
        assert_eq!(terms_of("- 要点"), ["要点"]);
        assert_eq!(terms_of("end."), ["end"]);
        assert_eq!(terms_of("a--b"), ["a", "b"]);
    }

    #[test]
    fn full_width_and_case_are_folded() {
        assert_eq!(terms_of("ＧＤＰ"), terms_of("gdp"));
        assert_eq!(terms_of("２０２３年"), terms_of("2023年"));
    }

    #[test]
    fn marks_are_dropped_and_words_capped() {
        assert_eq!(terms_of("cafe\u{301}"), ["cafe"]);
        let long = "a".repeat(10_000);
        assert_eq!(terms_of(&long), ["a".repeat(MAX_WORD_CHARS)]);
    }

    #[test]
    fn symbols_emoji_and_controls_are_separators() {
        assert!(terms_of("😀 <> \0 \u{FFFD} .*+?[](){}|^$\\").is_empty());
        assert_eq!(
            terms_of("<script>alert(1)</script>"),
            ["script", "alert", "1"]
        );
    }

    #[test]
    fn units_keep_their_place_in_the_original_text() {
        let mut t = Tokens::default();
        t.read("Ａ陇县");
        let origs: Vec<_> = t.units.iter().map(|u| u.orig.clone()).collect();
        assert_eq!(origs, [0..3, 3..6, 6..9]);
        assert_eq!(t.norm, "a陇县");
    }
}
