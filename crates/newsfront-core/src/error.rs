//! Feed errors that say where: a JSON path and a reason in plain words, never echoing more of
//! a bad value than a reader can take in.

use std::fmt;

use crate::limits::{LISTED_PROBLEMS, QUOTE_CHARS, REASON_CHARS};

/// `value` as a quoted, escaped string for a message, cut after [`QUOTE_CHARS`] characters
/// with how long it was: `"aaaa…" (2000000 characters)`.
pub fn quote(value: &str) -> String {
    match value.char_indices().nth(QUOTE_CHARS) {
        None => format!("{value:?}"),
        Some((cut, _)) => format!(
            "{:?} ({} characters)",
            format!("{}…", &value[..cut]),
            value.chars().count()
        ),
    }
}

/// A reason cut after [`REASON_CHARS`] characters.
pub(crate) fn cap_reason(reason: String) -> String {
    match reason.char_indices().nth(REASON_CHARS) {
        None => reason,
        Some((cut, _)) => format!("{}… (message cut)", &reason[..cut]),
    }
}

/// One thing wrong with a feed file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path inside the file, e.g. `items[3].published` (empty for the whole file).
    pub path: String,
    pub reason: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            reason: cap_reason(reason.into()),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

/// Why a feed file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedError {
    /// Not JSON, or JSON of the wrong shape (first error only; serde stops there).
    Syntax { path: String, message: String },
    /// The file says it uses a format this app does not read.
    UnsupportedVersion { found: u32, supported: u32 },
    /// Well-formed JSON whose values break the contract; every problem found.
    Invalid(Vec<Problem>),
}

impl FeedError {
    /// True when the file is in a format older than this app reads (not newer).
    pub fn is_older_format(&self) -> bool {
        matches!(self, FeedError::UnsupportedVersion { found, supported } if found < supported)
    }

    /// All problems as path + reason pairs (a syntax error is one problem).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            FeedError::Syntax { path, message } => vec![Problem::new(path, message)],
            FeedError::UnsupportedVersion { .. } => {
                vec![Problem::new("format_version", self.to_string())]
            }
            FeedError::Invalid(problems) => problems.clone(),
        }
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedError::Syntax { path, message } if path.is_empty() || path == "." => {
                write!(f, "{message}")
            }
            FeedError::Syntax { path, message } => write!(f, "{path}: {message}"),
            FeedError::UnsupportedVersion { found, supported } if found > supported => write!(
                f,
                "this feed uses format {found}; this app reads format {supported} — update the app"
            ),
            FeedError::UnsupportedVersion { found, supported } => write!(
                f,
                "this feed uses format {found}, which is older than format {supported} that this \
                 app reads — rebuild the feed"
            ),
            FeedError::Invalid(problems) => {
                for (i, p) in problems.iter().take(LISTED_PROBLEMS).enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{p}")?;
                }
                if problems.len() > LISTED_PROBLEMS {
                    write!(f, "\n… and {} more", problems.len() - LISTED_PROBLEMS)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for FeedError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_in_plain_words() {
        let e = FeedError::Invalid(vec![
            Problem::new(
                "items[3].published",
                "\"2023-03-08 19:37\" has no UTC offset",
            ),
            Problem::new("title", "is empty"),
        ]);
        assert_eq!(
            e.to_string(),
            "items[3].published: \"2023-03-08 19:37\" has no UTC offset\ntitle: is empty"
        );
        let v = FeedError::UnsupportedVersion {
            found: 2,
            supported: 1,
        };
        assert_eq!(
            v.to_string(),
            "this feed uses format 2; this app reads format 1 — update the app"
        );
        let old = FeedError::UnsupportedVersion {
            found: 0,
            supported: 1,
        };
        assert!(old.is_older_format() && !v.is_older_format());
        assert_eq!(
            old.to_string(),
            "this feed uses format 0, which is older than format 1 that this app reads — rebuild \
             the feed"
        );
    }

    #[test]
    fn messages_are_capped() {
        let huge = "x".repeat(2_000_000);
        let q = quote(&huge);
        assert!(q.len() < 100, "{q}");
        assert!(q.ends_with("…\" (2000000 characters)"), "{q}");
        assert_eq!(quote("短"), "\"短\"");
        let p = Problem::new("title", format!("invalid type: string {huge:?}"));
        assert!(
            p.reason.chars().count() < REASON_CHARS + 20,
            "{}",
            p.reason.len()
        );
        let many = FeedError::Invalid(
            (0..100_000)
                .map(|i| Problem::new(format!("items[{i}]"), "is bad"))
                .collect(),
        );
        let shown = many.to_string();
        assert_eq!(shown.lines().count(), LISTED_PROBLEMS + 1);
        assert!(shown.ends_with("… and 99980 more"), "{shown}");
    }
}
