//! URL segments, links and dates from untrusted input: parse or refuse, never panic, and an
//! accepted id always forms a fetch path inside the feed folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfront_core::{paths, ArticleId, Link, Slug, Timestamp, Zone};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(id) = ArticleId::parse(text) {
        let path = paths::article(&id);
        assert!(path.starts_with("feed/articles/"));
        assert!(!path.contains("..") && !path.contains('%') && !path.contains('\\'));
        assert_eq!(path.matches('/').count(), 2);
    }
    if let Ok(slug) = Slug::parse(text) {
        assert!(!paths::category_list(&slug, 1).contains(".."));
    }
    if let Ok(link) = Link::parse(text) {
        // Schemes are case-insensitive ("hTtps://" is https).
        let s = link.as_str().to_ascii_lowercase();
        assert!(
            s.starts_with("https://")
                || s.starts_with("http://")
                || (s.starts_with('/') && !s.starts_with("//"))
        );
    }
    if let Ok(ts) = Timestamp::parse(text) {
        let _ = newsfront_core::format_absolute(&ts, Zone::UTC);
        let _ = newsfront_core::format_relative(&ts, 1_700_000_000, Zone::UTC);
    }
});
