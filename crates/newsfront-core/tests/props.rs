//! Property tests: ids never admit path tricks, parsers never panic, dates round-trip.

use newsfront_core::{
    encode_uri_component, parse_article, parse_comments, parse_list_page, parse_site, ArticleId,
    Link, Slug, Timestamp, Zone,
};
use proptest::prelude::*;

/// The path a browser makes of `path` (WHATWG URL parsing): `.` and `..` segments, in any
/// case of `%2e`, removed.
fn resolve_like_a_browser(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let is = |seg: &str, dots: &[&str]| dots.iter().any(|d| d.eq_ignore_ascii_case(seg));
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if is(seg, &["..", ".%2e", "%2e.", "%2e%2e"]) {
            out.pop();
            if last {
                out.push("");
            }
        } else if is(seg, &[".", "%2e"]) {
            if last {
                out.push("");
            }
        } else {
            out.push(seg);
        }
    }
    format!("/{}", out.join("/"))
}

#[test]
fn the_resolver_model_sees_the_attacks() {
    assert_eq!(
        resolve_like_a_browser("/.//evil.example/x"),
        "//evil.example/x"
    );
    assert_eq!(
        resolve_like_a_browser("/a/../..//evil.example/y"),
        "//evil.example/y"
    );
    assert_eq!(
        resolve_like_a_browser("/.%2E/%2e.//evil.example"),
        "//evil.example"
    );
}

proptest! {
    #[test]
    fn site_links_stay_on_the_site(
        pieces in prop::collection::vec(
            prop::sample::select(vec!["/", ".", "..", "%2e", "%2E", "a", "evil.example", "?", "#", "%2f"]),
            1..12,
        )
    ) {
        let s = format!("/{}", pieces.concat());
        if let Ok(link) = Link::parse(&s) {
            if !link.is_external() {
                let resolved = resolve_like_a_browser(link.as_str());
                prop_assert!(!resolved.starts_with("//"), "{s} resolves to {resolved}");
                prop_assert_eq!(
                    resolved,
                    link.as_str().split(['?', '#']).next().unwrap_or_default()
                );
            }
        }
    }

    #[test]
    fn ids_never_accept_path_tricks(s in ".{0,80}") {
        if let Ok(id) = ArticleId::parse(&s) {
            for bad in ["..", "/", "%", "\\"] {
                prop_assert!(!id.as_str().contains(bad));
            }
            prop_assert!(!id.as_str().chars().any(char::is_whitespace));
            prop_assert!(Slug::parse(&s).is_ok());
        }
    }

    #[test]
    fn ids_with_a_forbidden_piece_are_refused(
        a in "[a-z0-9]{0,10}",
        bad in prop::sample::select(vec!["..", "/", "%", "\\", " ", "\t", "\n", ".", "_", "A"]),
        b in "[a-z0-9]{0,10}",
    ) {
        let s = format!("{a}{bad}{b}");
        prop_assert!(ArticleId::parse(&s).is_err());
        prop_assert!(Slug::parse(&s).is_err());
    }

    #[test]
    fn parsers_never_panic(s in ".{0,200}") {
        let _ = ArticleId::parse(&s);
        let _ = Timestamp::parse(&s);
        let _ = Zone::parse(&s);
        let _ = Link::parse(&s);
        let _ = parse_site(&s);
        let _ = parse_list_page(&s);
        let _ = parse_article(&s);
        let _ = parse_comments(&s);
        let _ = encode_uri_component(&s);
    }

    #[test]
    fn timestamps_round_trip(unix in -62_135_596_800i64..253_402_300_799, offset in -1439i32..=1439) {
        let zone = Zone::from_offset_minutes(offset).unwrap();
        let t = Timestamp::from_unix(unix, zone);
        let text = t.to_rfc3339();
        let back = Timestamp::parse(&text).unwrap();
        prop_assert_eq!(back.unix(), unix);
        prop_assert_eq!(back, t);
    }

    #[test]
    fn rfc3339_text_round_trips(
        y in 0u32..=9999, mo in 1u32..=12, d in 1u32..=28, h in 0u32..24, mi in 0u32..60,
        s in 0u32..60, oh in 0u32..24, om in 0u32..60, neg in any::<bool>(),
    ) {
        let off = if oh == 0 && om == 0 { "Z".to_owned() }
                  else { format!("{}{oh:02}:{om:02}", if neg { '-' } else { '+' }) };
        let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{off}");
        prop_assert_eq!(Timestamp::parse(&text).unwrap().to_rfc3339(), text);
    }

    #[test]
    fn encoding_keeps_only_unreserved(s in ".{0,50}") {
        let e = encode_uri_component(&s);
        prop_assert!(e.chars().all(|c| c.is_ascii_alphanumeric() || "-_.!~*'()%".contains(c)));
    }
}
