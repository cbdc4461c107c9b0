//! A reader's query: checked, then turned into the terms to look up.

use std::fmt;

use super::tokens::Tokens;

/// Longest query, in characters after trimming. Longer ones are refused with a message rather
/// than cut, so what is searched is what the reader sees.
pub const MAX_QUERY_CHARS: usize = 64;

/// Most terms one query looks up (each may be a shard to fetch). A longer query keeps terms
/// spread evenly over it.
pub const MAX_QUERY_TERMS: usize = 12;

/// Why a query cannot be searched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryProblem {
    /// Nothing but whitespace.
    Empty,
    /// More than [`MAX_QUERY_CHARS`] characters.
    TooLong { chars: usize },
    /// A single CJK character (the index holds pairs).
    TooShort,
    /// Only punctuation, symbols or emoji.
    NothingSearchable,
}

impl fmt::Display for QueryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryProblem::Empty => f.write_str("the query is empty"),
            QueryProblem::TooLong { chars } => write!(
                f,
                "the query has {chars} characters; at most {MAX_QUERY_CHARS} are searched"
            ),
            QueryProblem::TooShort => f.write_str("a single CJK character cannot be searched"),
            QueryProblem::NothingSearchable => {
                f.write_str("the query has no letters, digits or CJK characters")
            }
        }
    }
}

/// A checked query: its text (trimmed) and its distinct terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub terms: Vec<String>,
}

impl Query {
    pub fn parse(raw: &str) -> Result<Query, QueryProblem> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(QueryProblem::Empty);
        }
        // Counting stops early: a query of megabytes costs no more than one over the limit.
        let chars = text.chars().take(MAX_QUERY_CHARS + 1).count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryProblem::TooLong {
                chars: text.chars().count(),
            });
        }
        let mut tokens = Tokens::default();
        tokens.read(text);
        let mut terms: Vec<String> = Vec::new();
        tokens.terms(|t, _| {
            if !terms.iter().any(|o| o == t) {
                terms.push(t.to_owned());
            }
        });
        if terms.is_empty() {
            return Err(if tokens.has_cjk() {
                QueryProblem::TooShort
            } else {
                QueryProblem::NothingSearchable
            });
        }
        Ok(Query {
            text: text.to_owned(),
            terms: spread(terms, MAX_QUERY_TERMS),
        })
    }

    /// How many of the terms a document must contain. Every one for one or two terms; for
    /// longer queries three in five (rounded up), so 社火演出时间 finds an article with 社火 and
    /// 演出时间 apart, ranked below one with the whole phrase (`rank` counts matched terms
    /// first).
    pub fn min_match(&self) -> usize {
        let n = self.terms.len();
        if n <= 2 {
            n
        } else {
            (n * 3).div_ceil(5).max(2)
        }
    }
}

/// At most `max` of `terms`, spread evenly from first to last.
fn spread(terms: Vec<String>, max: usize) -> Vec<String> {
    let n = terms.len();
    if n <= max {
        return terms;
    }
    (0..max)
        .map(|i| terms[i * (n - 1) / (max - 1)].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_terms() {
        let q = Query::parse("  陇县 招聘 ").unwrap();
        assert_eq!(q.text, "陇县 招聘");
        assert_eq!(q.terms, ["陇县", "招聘"]);
        assert_eq!(Query::parse("ＧＤＰ").unwrap().terms, ["gdp"]);
        assert_eq!(Query::parse("2023年").unwrap().terms, ["2023", "2023年"]);
    }

    #[test]
    fn bad_queries_say_why() {
        assert_eq!(Query::parse(""), Err(QueryProblem::Empty));
        assert_eq!(Query::parse(" \t\u{3000}\n"), Err(QueryProblem::Empty));
        assert_eq!(Query::parse("县"), Err(QueryProblem::TooShort));
        assert_eq!(Query::parse("😀<>*"), Err(QueryProblem::NothingSearchable));
        assert_eq!(Query::parse("\0"), Err(QueryProblem::NothingSearchable));
        let long = "搜".repeat(10_000);
        assert_eq!(
            Query::parse(&long),
            Err(QueryProblem::TooLong { chars: 10_000 })
        );
        assert!(Query::parse(&"搜".repeat(MAX_QUERY_CHARS)).is_ok());
    }

    #[test]
    fn regex_and_markup_are_plain_text() {
        assert_eq!(Query::parse(".*(a|b)+").unwrap().terms, ["a", "b"]);
        assert_eq!(
            Query::parse("<script>alert(1)</script>").unwrap().terms,
            ["script", "alert", "1"]
        );
    }

    #[test]
    fn long_queries_keep_terms_spread_over_them() {
        let q = Query::parse("陇县各项事业稳步推进群众获得感不断增强").unwrap();
        assert_eq!(q.terms.len(), MAX_QUERY_TERMS);
        assert_eq!(q.terms.first().unwrap(), "陇县");
        assert_eq!(q.terms.last().unwrap(), "增强");
    }

    #[test]
    fn min_match() {
        let m = |s: &str| Query::parse(s).unwrap().min_match();
        assert_eq!(m("陇县"), 1);
        assert_eq!(m("2023年"), 2);
        assert_eq!(m("宝鸡市"), 2);
        assert_eq!(m("社火演出"), 2);
        assert_eq!(m("宝鸡市陈仓区"), 3);
    }
}
