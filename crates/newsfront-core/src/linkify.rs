//! Comment text split into plain runs and the http(s) URLs in it, which the app shows as links.

/// A piece of comment text: plain, or an http(s) URL to show as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextPiece {
    Text(String),
    Link(String),
}

/// Splits text into plain runs and http(s) URLs. A URL ends at the first character that cannot
/// be in one: anything outside ASCII (CJK text and full-width punctuation included),
/// whitespace, quotes, `<>{}|\\^` and closing brackets; trailing `.,;:!?` stay text. Its host
/// must be plain ASCII letters, digits, dots and hyphens (with an optional port), so the host
/// the browser opens is exactly the one the reader sees; otherwise the URL stays text.
pub fn split_links(text: &str) -> Vec<TextPiece> {
    let mut pieces = Vec::new();
    let mut rest = text;
    loop {
        let found = ["http://", "https://"]
            .iter()
            .filter_map(|p| find_ascii_ci(rest, p).map(|at| (at, p.len())))
            .min();
        let Some((start, scheme_len)) = found else {
            break;
        };
        let tail = &rest[start..];
        let mut end = tail
            .char_indices()
            .find(|&(_, c)| !is_url_char(c))
            .map_or(tail.len(), |(i, _)| i);
        while end > scheme_len && tail[..end].ends_with(['.', ',', ';', ':', '!', '?']) {
            end -= 1;
        }
        let url = &tail[..end];
        if !has_plain_host(&url[scheme_len..]) {
            // Not a link the reader can trust: keep all of it as text and look further.
            let skip = start + end.max(scheme_len);
            push_text(&mut pieces, &rest[..skip]);
            rest = &rest[skip..];
            continue;
        }
        push_text(&mut pieces, &rest[..start]);
        pieces.push(TextPiece::Link(url.to_string()));
        rest = &tail[end..];
    }
    push_text(&mut pieces, rest);
    pieces
}

/// RFC 3986's URL characters (ASCII only), less the quote and the closing brackets that so
/// often follow a URL in running text.
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[@!$&(*+,;=%".contains(c)
}

/// `after_scheme` starts with a host of ASCII letters, digits, `.` and `-` (at least one
/// letter or digit), optionally `:port`, and nothing else before its path: no user info, no
/// escapes, no IPv6 brackets.
fn has_plain_host(after_scheme: &str) -> bool {
    let authority = after_scheme
        .find(['/', '?', '#'])
        .map_or(after_scheme, |end| &after_scheme[..end]);
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    host.bytes().any(|b| b.is_ascii_alphanumeric())
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
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

    #[test]
    fn a_url_ends_where_url_characters_end() {
        use TextPiece::*;
        assert_eq!(
            split_links("详见https://example.com/a这篇"),
            vec![
                Text("详见".into()),
                Link("https://example.com/a".into()),
                Text("这篇".into())
            ]
        );
        assert_eq!(
            split_links("https://example.com这里"),
            vec![Link("https://example.com".into()), Text("这里".into())]
        );
        assert_eq!(
            split_links("看https://x.cn/p，好（https://y.cn）。"),
            vec![
                Text("看".into()),
                Link("https://x.cn/p".into()),
                Text("，好（".into()),
                Link("https://y.cn".into()),
                Text("）。".into())
            ]
        );
        // Hosts that are not what they look like stay text.
        for deceptive in [
            "https://example.com@evil.example/",
            "https://%65vil.example/",
            "https://[::1]/",
            "https://:80/",
            "https://例子.cn/",
        ] {
            assert!(
                split_links(deceptive).iter().all(|p| matches!(p, Text(_))),
                "{deceptive}"
            );
        }
        assert_eq!(
            split_links("http://127.0.0.1:8080/a?b=1#c"),
            vec![Link("http://127.0.0.1:8080/a?b=1#c".into())]
        );
    }
}
