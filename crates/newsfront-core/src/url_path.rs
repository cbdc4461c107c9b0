//! Checks on the path of a URL a browser will resolve. Each segment is percent-decoded first,
//! as the browser's URL parser does for dot segments (`%2e%2e` is `..`), so no encoded form
//! slips past a check written for the plain one.

use crate::percent::percent_decode;

/// The path of `url`: everything before the first `?` or `#`.
pub(crate) fn path_part(url: &str) -> &str {
    url.find(['?', '#']).map_or(url, |end| &url[..end])
}

/// Why the `/`-separated `path` would not stay where it is written, if it would not: a `.` or
/// `..` segment (encoded or not), an encoded `/`, `\` or control character, a broken escape,
/// or (unless `empty_allowed`) an empty segment.
pub(crate) fn segment_problem(path: &str, empty_allowed: bool) -> Option<&'static str> {
    for segment in path.split('/') {
        let Some(decoded) = percent_decode(segment) else {
            return Some("has a \"%\" that is not followed by two hex digits");
        };
        if decoded.is_empty() {
            if empty_allowed {
                continue;
            }
            return Some("has an empty path segment");
        }
        if decoded == b"." || decoded == b".." {
            return Some("has a \".\" or \"..\" path segment (percent-encoded ones included)");
        }
        if decoded
            .iter()
            .any(|&b| b == b'/' || b == b'\\' || b.is_ascii_control())
        {
            return Some("has a percent-encoded \"/\", \"\\\" or control character");
        }
    }
    None
}

/// `s` with the hex digits of its escapes in upper case (`%2f` → `%2F`), the form a browser
/// compares. Call only on text whose escapes are well formed.
pub(crate) fn upper_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            out.extend(chars.by_ref().take(2).map(|h| h.to_ascii_uppercase()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_in_every_spelling() {
        for bad in [
            "/a/../b",
            "/./x",
            "/%2e%2e/x",
            "/.%2E/x",
            "/%2E./x",
            "/a/%2e",
            "/a%2F/b/%2f..",
            "/a/%5c",
            "/a/%0a",
            "/a/%zz",
        ] {
            assert!(segment_problem(path_part(bad), true).is_some(), "{bad}");
        }
        assert_eq!(segment_problem("/a/b..c/%E9%99%87", true), None);
        assert_eq!(segment_problem("/a//b", true), None);
        assert!(segment_problem("a//b", false).is_some());
        assert_eq!(path_part("/a/b?x=../..#../"), "/a/b");
        assert_eq!(upper_escapes("/a/%e9%99%87?q=%2f"), "/a/%E9%99%87?q=%2F");
    }
}
