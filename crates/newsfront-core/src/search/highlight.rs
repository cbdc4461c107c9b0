//! Highlighting: which parts of a shown text (a title, a summary) the query matched, as plain
//! text segments for the app to render as text nodes, never as markup.

use super::tokens::Tokens;
use super::Query;

/// A piece of the text and whether it is a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub hit: bool,
}

/// `text` cut into segments, the parts that hold one of the query's terms marked: the same
/// tokenizer as the index, so what is marked is what was found (全角 and 半角 alike).
pub fn highlight<'a>(text: &'a str, query: &Query) -> Vec<Segment<'a>> {
    let mut tokens = Tokens::default();
    tokens.read(text);
    let mut marked = vec![false; tokens.units.len()];
    tokens.terms(|term, span| {
        if query.terms.iter().any(|t| t == term) {
            marked[span].iter_mut().for_each(|m| *m = true);
        }
    });
    // Original byte ranges of marked units, merged when they touch.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (unit, _) in tokens.units.iter().zip(&marked).filter(|(_, m)| **m) {
        match hits.last_mut() {
            Some(last) if last.1 >= unit.orig.start => last.1 = last.1.max(unit.orig.end),
            _ => hits.push((unit.orig.start, unit.orig.end)),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in hits {
        if start > at {
            out.push(Segment {
                text: &text[at..start],
                hit: false,
            });
        }
        out.push(Segment {
            text: &text[start..end],
            hit: true,
        });
        at = end;
    }
    if at < text.len() || out.is_empty() {
        out.push(Segment {
            text: &text[at..],
            hit: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, query: &str) -> String {
        highlight(text, &Query::parse(query).unwrap())
            .iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn marks_the_matched_parts() {
        assert_eq!(marked("陇县举办社火演出", "社火"), "陇县举办[社火]演出");
        assert_eq!(
            marked("陇县社火,演出时间", "社火演出时间"),
            "陇县[社火],[演出时间]"
        );
        assert_eq!(marked("２０２３年陇县", "2023年"), "[２０２３年]陇县");
        assert_eq!(marked("GDP增长", "gdp"), "[GDP]增长");
        assert_eq!(marked("无关内容", "社火"), "无关内容");
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        let segments = highlight("<b>陇县</b>", &Query::parse("陇县").unwrap());
        let texts: Vec<_> = segments.iter().map(|s| (s.text, s.hit)).collect();
        assert_eq!(texts, [("<b>", false), ("陇县", true), ("</b>", false)]);
    }

    #[test]
    fn an_empty_text_is_one_empty_segment() {
        assert_eq!(
            highlight("", &Query::parse("陇县").unwrap()),
            [Segment {
                text: "",
                hit: false
            }]
        );
    }
}
