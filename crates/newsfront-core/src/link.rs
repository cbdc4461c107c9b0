//! Link targets allowed in article text: http(s) URLs and site-relative paths, nothing else.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::quote;
use crate::url_path::{path_part, segment_problem, upper_escapes};

/// Longest URL or path we accept, in bytes.
pub const MAX_URL_LEN: usize = 2048;

/// Why a link target was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkError {
    input: String,
    reason: &'static str,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not an allowed link: {}",
            quote(&self.input),
            self.reason
        )
    }
}

impl std::error::Error for LinkError {}

/// A validated link target: `http://…`, `https://…`, or a site path `/…` that stays a path on
/// this site once a browser resolves it (never `//host`, no `.` or `..` segments).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Link(String);

/// True for `http://x…` or `https://x…` with a non-empty host part (any case scheme).
pub(crate) fn is_http_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with('/') && !has_bad_chars(s)
}

/// Whitespace, control characters and backslashes never belong in a URL we emit.
pub(crate) fn has_bad_chars(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_whitespace() || c.is_control() || c == '\\' || c == '"' || c == '<' || c == '>'
    })
}

impl Link {
    /// Accepts http(s) URLs and site paths starting with a single `/`. A site path is
    /// normalised (escapes in upper case) and refused when a browser would resolve it elsewhere:
    /// `.` or `..` segments, encoded or not, would turn `/.//evil.example/x` into `//evil.example/x`,
    /// another host, which the app's router cannot push into the history.
    pub fn parse(s: &str) -> Result<Link, LinkError> {
        let fail = |reason| {
            Err(LinkError {
                input: s.chars().take(MAX_URL_LEN).collect(),
                reason,
            })
        };
        if s.len() > MAX_URL_LEN {
            return fail("it is longer than 2048 bytes");
        }
        if s.starts_with("//") {
            return fail("protocol-relative \"//\" links are not allowed");
        }
        if s.starts_with('/') {
            if has_bad_chars(s) {
                return fail(
                    "it contains spaces, quotes, \"<\", \">\", \"\\\" or control characters",
                );
            }
            if let Some(reason) = segment_problem(path_part(s), true) {
                return fail(reason);
            }
            return Ok(Link(upper_escapes(s)));
        }
        if is_http_url(s) {
            return Ok(Link(s.to_owned()));
        }
        fail("only http://, https:// or site paths starting with \"/\" are allowed")
    }

    /// The target as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for http(s) links (open in a new tab); false for site paths (route in the app).
    pub fn is_external(&self) -> bool {
        !self.0.starts_with('/')
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Link {
    type Error = LinkError;
    fn try_from(s: String) -> Result<Link, LinkError> {
        Link::parse(&s)
    }
}

impl From<Link> for String {
    fn from(l: Link) -> String {
        l.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_http_and_site_paths() {
        assert!(Link::parse("https://example.cn/x?a=1#b")
            .unwrap()
            .is_external());
        assert!(Link::parse("HTTP://example.cn").unwrap().is_external());
        let local = Link::parse("/a/158efa5accffce1b").unwrap();
        assert!(!local.is_external());
        assert_eq!(local.as_str(), "/a/158efa5accffce1b");
    }

    #[test]
    fn refuses_everything_else() {
        for s in [
            "javascript:alert(1)",
            "//evil.example",
            "data:text/html,x",
            "ftp://x",
            "a/b",
            "",
            "https://",
            "https:///x",
            "https://a b",
            "/a\\b",
            "mailto:x@y",
            "/.//evil.example/x",
            "/a/../..//evil.example/y",
            "/%2e//evil.example/x",
            "/.%2E/%2E.//evil.example",
            "/a/%2e%2e",
            "/a%2F%2F..",
            "/a/%zz",
        ] {
            assert!(Link::parse(s).is_err(), "{s:?}");
        }
        assert!(Link::parse("javascript:x")
            .unwrap_err()
            .to_string()
            .contains("only http://"));
        assert!(Link::parse("/.//evil.example/x")
            .unwrap_err()
            .to_string()
            .contains("\"..\" path segment"));
    }

    #[test]
    fn site_paths_are_normalised() {
        assert_eq!(
            Link::parse("/c/lxzx?page=2#%e9").unwrap().as_str(),
            "/c/lxzx?page=2#%E9"
        );
        assert_eq!(Link::parse("/a//b").unwrap().as_str(), "/a//b");
        // Dots inside a segment, and after `?` or `#`, are not segments.
        assert!(Link::parse("/a/v1.2..3?next=/../..#/../").is_ok());
    }

    #[test]
    fn a_huge_refused_link_is_quoted_short() {
        let huge = format!("javascript:{}", "x".repeat(2_000_000));
        let shown = Link::parse(&huge).unwrap_err().to_string();
        assert!(shown.len() < 200, "{}", shown.len());
    }
}
