//! Article ids and category slugs: the only strings that become file names and URL segments.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest id or slug we accept, in bytes (all characters are ASCII).
pub const MAX_ID_LEN: usize = 64;

/// Why a string was refused as an article id or a category slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdError {
    input: String,
    kind: &'static str,
    reason: &'static str,
}

impl IdError {
    /// The refused input, as given (its first 128 characters).
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What was wrong with it, in plain words.
    pub fn reason(&self) -> &str {
        self.reason
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not a valid {}: {}",
            crate::error::quote(&self.input),
            self.kind,
            self.reason
        )
    }
}

impl std::error::Error for IdError {}

/// Checks the shared grammar `^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$`.
fn check(s: &str, kind: &'static str) -> Result<(), IdError> {
    let fail = |reason| {
        Err(IdError {
            // Enough to quote; a hostile id may be megabytes long.
            input: s.chars().take(2 * MAX_ID_LEN).collect(),
            kind,
            reason,
        })
    };
    if s.is_empty() {
        return fail("it is empty");
    }
    if s.len() > MAX_ID_LEN {
        return fail("it is longer than 64 characters");
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return fail("only a-z, 0-9 and inner \"-\" are allowed");
    }
    if s.starts_with('-') || s.ends_with('-') {
        return fail("it may not start or end with \"-\"");
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Accepts 1..=64 characters of `a-z`, `0-9` and inner `-`.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                check(s, $kind).map(|()| Self(s.to_owned()))
            }

            /// The id as it appears in file names and URLs.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                check(&s, $kind).map(|()| Self(s))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// The id of an article, e.g. `158efa5accffce1b`; names `articles/{id}.json`.
    ArticleId,
    "article id"
);
id_type!(
    /// The slug of a category, e.g. `lxzx`; names `lists/c/{slug}/`.
    Slug,
    "category slug"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_seed_id_and_sample_slugs() {
        assert_eq!(
            ArticleId::parse("158efa5accffce1b").unwrap().as_str(),
            "158efa5accffce1b"
        );
        for s in [
            "lxzx", "lxjy", "bjzx", "lxfc", "lxqc", "lzsh", "lzrw", "a", "a-b", "9",
        ] {
            assert!(Slug::parse(s).is_ok(), "{s}");
        }
        assert!(ArticleId::parse(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn refuses_with_a_reason() {
        let e = ArticleId::parse("../x").unwrap_err();
        assert_eq!(
            e.to_string(),
            r#""../x" is not a valid article id: only a-z, 0-9 and inner "-" are allowed"#
        );
        for s in [
            "", "-a", "a-", "A", "a b", "a/b", "a%2f", "a\\b", "ä", "a_b", "a.b",
        ] {
            assert!(Slug::parse(s).is_err(), "{s:?}");
        }
        assert!(ArticleId::parse(&"a".repeat(65))
            .unwrap_err()
            .to_string()
            .contains("longer than 64"));
    }

    #[test]
    fn serde_validates() {
        let id: ArticleId = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"abc\"");
        let err = serde_json::from_str::<Slug>("\"../etc\"").unwrap_err();
        assert!(
            err.to_string().contains("not a valid category slug"),
            "{err}"
        );
    }
}
