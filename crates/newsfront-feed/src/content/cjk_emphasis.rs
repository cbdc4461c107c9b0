//! CJK-friendly strong emphasis. CommonMark refuses `**` that sits between CJK punctuation and
//! a CJK letter (`**顶层推动,发展环境持续优化。**区委…`, commonmark-spec#650), leaving the
//! markers as text. Chinese newsrooms write bold lead-ins exactly that way, so markers left over
//! inside one plain span are paired here, as the markdown-cjk-friendly proposal does.

use newsfront_core::Span;

const MARKER: &str = "**";

/// Splits plain spans that still contain paired `**` markers into plain and bold spans.
/// An unpaired last marker stays literal text.
pub fn pair_leftover_strong(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if span.bold || span.text.matches(MARKER).count() < 2 {
            push_merged(&mut out, span);
            continue;
        }
        let parts: Vec<&str> = span.text.split(MARKER).collect();
        let markers = parts.len() - 1;
        let paired = markers - markers % 2;
        for (k, part) in parts.iter().enumerate() {
            let (text, bold) = if k > paired {
                (format!("{MARKER}{part}"), false)
            } else {
                (part.to_string(), k % 2 == 1)
            };
            push_merged(
                &mut out,
                Span {
                    text,
                    bold,
                    italic: span.italic,
                    link: span.link.clone(),
                },
            );
        }
    }
    out
}

fn push_merged(out: &mut Vec<Span>, span: Span) {
    if span.text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last)
            if last.bold == span.bold && last.italic == span.italic && last.link == span.link =>
        {
            last.text.push_str(&span.text)
        }
        _ => out.push(span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Span {
        Span::plain(text)
    }

    fn shape(spans: &[Span]) -> Vec<(String, bool)> {
        spans.iter().map(|s| (s.text.clone(), s.bold)).collect()
    }

    #[test]
    fn bold_lead_in_before_cjk_text() {
        let out = pair_leftover_strong(vec![plain(
            "**顶层推动,发展环境持续优化。**区委、区政府高度重视",
        )]);
        assert_eq!(
            shape(&out),
            vec![
                ("顶层推动,发展环境持续优化。".to_string(), true),
                ("区委、区政府高度重视".to_string(), false)
            ]
        );
    }

    #[test]
    fn two_pairs_and_an_unpaired_marker() {
        let out = pair_leftover_strong(vec![plain("a**b**c**d**e**f")]);
        assert_eq!(
            shape(&out),
            vec![
                ("a".to_string(), false),
                ("b".to_string(), true),
                ("c".to_string(), false),
                ("d".to_string(), true),
                ("e**f".to_string(), false)
            ]
        );
    }

    #[test]
    fn single_marker_and_bold_spans_are_untouched() {
        let mut bold = plain("x**y**z");
        bold.bold = true;
        let out = pair_leftover_strong(vec![plain("5**2"), bold.clone()]);
        assert_eq!(out, vec![plain("5**2"), bold]);
    }
}
