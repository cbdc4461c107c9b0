//! The origin (`scheme://host[:port]`) of an absolute http(s) URL: what a Content-Security-Policy
//! source names when the feed points at another host (images, comment server, WeChat SDK).

/// `https://img.example.com` for `https://img.example.com/a/b.jpg?x`; `None` for anything that is
/// not an absolute http(s) URL with a plain host (the scheme is lower-cased).
pub fn http_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    // Host, optional port, IPv6 brackets: nothing that could end a policy source or an
    // attribute (quotes, spaces, semicolons, commas) and no user info.
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if authority.is_empty() || !authority.chars().all(allowed) {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::http_origin;

    #[test]
    fn origins_of_absolute_urls() {
        assert_eq!(
            http_origin("https://img.example.com/a/b.jpg?x=1").as_deref(),
            Some("https://img.example.com")
        );
        assert_eq!(
            http_origin("HTTP://example.com:8080").as_deref(),
            Some("http://example.com:8080")
        );
        assert_eq!(
            http_origin("https://example.com#top").as_deref(),
            Some("https://example.com")
        );
    }

    #[test]
    fn no_origin_for_relative_or_other_schemes() {
        for url in [
            "images/a.png",
            "/a/b",
            "//example.com/x",
            "ftp://example.com/x",
            "https://",
            "https:///x",
            "https://user@example.com/",
            "javascript:alert(1)",
            "https://a.example;script-src *",
            "https://a.example\"x",
            "https://exa mple.com/",
        ] {
            assert_eq!(http_origin(url), None, "{url}");
        }
    }
}
