//! Feed errors that say where: a JSON path and a reason in plain words.

use std::fmt;

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
            reason: reason.into(),
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
                "this feed uses format {found}, which no app reads; this app reads format {supported}"
            ),
            FeedError::Invalid(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{p}")?;
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
    }
}
