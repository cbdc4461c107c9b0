//! Comment text split into plain runs and the http(s) URLs in it, which the app shows as links.

/// A piece of comment text: plain, or an http(s) URL to show as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextPiece {
    Text(String),
    Link(String),
}

/// Splits text into plain runs and http(s) URLs (up to whitespace or a closing bracket or
/// CJK punctuation; trailing `.,;:!?` stay text).
pub fn split_links(text: &str) -> Vec<TextPiece> {
    let mut pieces = Vec::new();
    let mut rest = text;
    loop {
        let found = ["http://", "https://"]
            .iter()
            .filter_map(|p| find_ascii_ci(rest, p))
            .min();
        let Some(start) = found else { break };
        let tail = &rest[start..];
        let mut end = tail
            .char_indices()
            .find(|&(_, c)| {
                c.is_whitespace()
                    || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']' | '}')
                    || (!c.is_ascii() && !c.is_alphanumeric())
                    || ('\u{3000}'..='\u{303f}').contains(&c)
                    || ('\u{ff00}'..='\u{ffef}').contains(&c)
            })
            .map(|(i, _)| i)
            .unwrap_or(tail.len());
        while end > 0 && tail[..end].ends_with(['.', ',', ';', ':', '!', '?']) {
            end -= 1;
        }
        let url = &tail[..end];
        let scheme_len = if url.len() >= 8 && url[..8].eq_ignore_ascii_case("https://") {
            8
        } else {
            7
        };
        if url.len() <= scheme_len {
            // A bare scheme: keep it as text and look further.
            push_text(&mut pieces, &rest[..start + scheme_len.min(tail.len())]);
            rest = &rest[start + scheme_len.min(tail.len())..];
            continue;
        }
        push_text(&mut pieces, &rest[..start]);
        pieces.push(TextPiece::Link(url.to_string()));
        rest = &tail[end..];
    }
    push_text(&mut pieces, rest);
    pieces
}

fn push_text(pieces: &mut Vec<TextPiece>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(TextPiece::Text(t)) = pieces.last_mut() {
        t.push_str(s);
    } else {
        pieces.push(TextPiece::Text(s.to_string()));
    }
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_in_text() {
        use TextPiece::*;
        assert_eq!(
            split_links("见 https://example.com/a?b=1。还有 http://x.cn/p, 完"),
            vec![
                Text("见 ".into()),
                Link("https://example.com/a?b=1".into()),
                Text("。还有 ".into()),
                Link("http://x.cn/p".into()),
                Text(", 完".into()),
            ]
        );
        assert_eq!(
            split_links("javascript:alert(1)"),
            vec![Text("javascript:alert(1)".into())]
        );
        assert_eq!(
            split_links("bare https:// here"),
            vec![Text("bare https:// here".into())]
        );
        assert_eq!(
            split_links("(HTTPS://E.com)"),
            vec![
                Text("(".into()),
                Link("HTTPS://E.com".into()),
                Text(")".into())
            ]
        );
        assert_eq!(split_links(""), vec![]);
    }
}
