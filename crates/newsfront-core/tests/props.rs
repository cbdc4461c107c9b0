//! Property tests: ids never admit path tricks, parsers never panic, dates round-trip.

use newsfront_core::{
    encode_uri_component, parse_article, parse_comments, parse_list_page, parse_site, ArticleId,
    Link, Slug, Timestamp, Zone,
};
use proptest::prelude::*;

proptest! {
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
