//! Article files: TOML front matter between `+++` lines, then the Markdown body.

use serde::Deserialize;
use toml::Spanned;

use super::toml_problem;
use crate::report::{line_of, FileProblem};

/// The front matter keys of an article; a misspelt key is an error, not silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub subtitle: Option<String>,
    pub category: Spanned<String>,
    pub source: String,
    pub author: Option<String>,
    pub published: Spanned<toml::Value>,
    pub updated: Option<Spanned<toml::Value>>,
    pub summary: Option<String>,
    /// Path under the content directory, `images/…`.
    pub cover: Option<Spanned<String>>,
    pub cover_alt: Option<String>,
    /// Paragraphs separated by a blank line.
    pub editor_note: Option<String>,
    pub contributor: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
}

/// An article file split into its parts.
#[derive(Debug)]
pub struct ArticleSource<'a> {
    pub front: FrontMatter,
    /// The front matter text (spans in `front` point into it).
    pub front_text: &'a str,
    /// Line of the file where `front_text` starts.
    pub front_line: usize,
    pub body: &'a str,
    /// Line of the file where `body` starts.
    pub body_line: usize,
}

impl ArticleSource<'_> {
    /// Line in the file of a span inside the front matter.
    pub fn line_of_span(&self, span: std::ops::Range<usize>) -> usize {
        line_of(self.front_text, span.start) + self.front_line - 1
    }
}

/// Splits and parses `src` (named `file` in messages).
pub fn parse_article_source<'a>(
    file: &str,
    src: &'a str,
) -> Result<ArticleSource<'a>, FileProblem> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let rest = src
        .strip_prefix("+++\n")
        .or_else(|| src.strip_prefix("+++\r\n"))
        .ok_or_else(|| {
            FileProblem::new(
                file,
                Some(1),
                "must start with a \"+++\" line opening the TOML front matter",
            )
        })?;
    let mut offset = 0;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let (end, body_start) = close.ok_or_else(|| {
        FileProblem::new(
            file,
            None,
            "the front matter is never closed by a \"+++\" line",
        )
    })?;
    let front_text = &rest[..end];
    let body = &rest[body_start..];
    let front: FrontMatter =
        toml::from_str(front_text).map_err(|e| toml_problem(file, front_text, 2, &e))?;
    Ok(ArticleSource {
        front,
        front_text,
        front_line: 2,
        body,
        body_line: line_of(rest, body_start) + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let src = "+++\ntitle = \"T\"\ncategory = \"lxzx\"\nsource = \"s\"\npublished = 2023-03-08T19:37:00+08:00\n+++\n\nHello\n";
        let a = parse_article_source("a.md", src).unwrap();
        assert_eq!(a.front.title, "T");
        assert_eq!(a.body, "\nHello\n");
        assert_eq!(a.body_line, 7);
        assert_eq!(a.line_of_span(a.front.category.span()), 3);
    }

    #[test]
    fn typo_is_an_error_with_its_line() {
        let src = "+++\ntitle = \"T\"\ncategroy = \"lxzx\"\n+++\n";
        let e = parse_article_source("a.md", src).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("unknown field `categroy`"), "{e}");
    }

    #[test]
    fn unclosed_or_missing_front_matter() {
        assert!(parse_article_source("a.md", "hello")
            .unwrap_err()
            .message
            .contains("+++"));
        assert!(parse_article_source("a.md", "+++\ntitle = 1\n")
            .unwrap_err()
            .message
            .contains("never closed"));
    }
}
