//! Raw → validated: shared checks that record every problem with its JSON path.
//!
//! Each `validate_*` returns `Some` only when it recorded no problem, but always checks
//! everything it can first, so one run reports all problems.

mod article;
mod comments;
mod list;
mod site;

pub(crate) use article::validate_article;
pub use comments::count_all as count_comments;
pub(crate) use comments::validate_comments;
pub(crate) use list::validate_list_page;
pub(crate) use site::validate_site;

use crate::link::{has_bad_chars, is_http_url};
use crate::raw::RawImage;
use crate::{limits, ArticleId, Image, Problem, Slug, Timestamp};

/// Collects problems while validating one file.
#[derive(Default)]
pub(crate) struct ProblemCollector(pub Vec<Problem>);

/// `base.field`, or `field` at the root.
pub(crate) fn at(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_owned()
    } else {
        format!("{base}.{field}")
    }
}

/// `base[i]`.
pub(crate) fn index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

/// Whether a text may span lines.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lines {
    One,
    Many,
}

impl ProblemCollector {
    pub fn add(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.0.push(Problem::new(path, reason));
    }

    /// Records "has {count} {things}; at most {max} are allowed" when `count` exceeds `max`.
    pub fn at_most(&mut self, path: impl Into<String>, count: usize, max: usize, things: &str) {
        if count > max {
            self.add(
                path,
                format!("has {count} {things}; at most {max} are allowed"),
            );
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// A required text: not blank, at most `max` characters, no control characters.
    pub fn text(&mut self, path: &str, value: String, max: usize, lines: Lines) -> Option<String> {
        if value.trim().is_empty() {
            self.add(path, "is empty");
            return None;
        }
        self.any_text(path, value, max, lines)
    }

    /// A text that may be empty.
    pub fn any_text(
        &mut self,
        path: &str,
        value: String,
        max: usize,
        lines: Lines,
    ) -> Option<String> {
        let before = self.len();
        let count = value.chars().count();
        if count > max {
            self.add(
                path,
                format!("is {count} characters long; at most {max} are allowed"),
            );
        }
        let bad = value.chars().any(|c| match c {
            '\n' | '\t' => lines == Lines::One && c == '\n',
            c => c.is_control(),
        });
        if bad {
            self.add(
                path,
                if lines == Lines::One {
                    "contains a line break or control character"
                } else {
                    "contains a control character"
                },
            );
        }
        (self.len() == before).then_some(value)
    }

    /// An optional text: `None` stays `None`, `Some` must be non-blank.
    pub fn opt_text(
        &mut self,
        path: &str,
        value: Option<String>,
        max: usize,
    ) -> Result<Option<String>, ()> {
        match value {
            None => Ok(None),
            Some(v) => self.text(path, v, max, Lines::One).map(Some).ok_or(()),
        }
    }

    pub fn article_id(&mut self, path: &str, value: &str) -> Option<ArticleId> {
        ArticleId::parse(value)
            .map_err(|e| self.add(path, e.to_string()))
            .ok()
    }

    pub fn slug(&mut self, path: &str, value: &str) -> Option<Slug> {
        Slug::parse(value)
            .map_err(|e| self.add(path, e.to_string()))
            .ok()
    }

    pub fn timestamp(&mut self, path: &str, value: &str) -> Option<Timestamp> {
        Timestamp::parse(value)
            .map_err(|e| self.add(path, e.to_string()))
            .ok()
    }

    /// An absolute http(s) URL (servers, SDKs, base URL).
    pub fn http_url(&mut self, path: &str, value: String) -> Option<String> {
        if value.len() > limits::URL {
            self.add(path, "is longer than 2048 bytes");
            None
        } else if is_http_url(&value) {
            Some(value)
        } else {
            self.add(path, format!("{value:?} is not an http(s) URL"));
            None
        }
    }

    /// An image `src`: an http(s) URL or a clean relative path inside the feed.
    pub fn image_src(&mut self, path: &str, value: String) -> Option<String> {
        match image_src_problem(&value) {
            None => Some(value),
            Some(reason) => {
                self.add(path, format!("{value:?} {reason}"));
                None
            }
        }
    }

    pub fn image(&mut self, path: &str, raw: RawImage) -> Option<Image> {
        let before = self.len();
        let src = self.image_src(&at(path, "src"), raw.src);
        for (name, side) in [("width", raw.width), ("height", raw.height)] {
            if side == 0 || side > limits::IMAGE_SIDE {
                self.add(
                    at(path, name),
                    format!("is {side}; must be 1..={}", limits::IMAGE_SIDE),
                );
            }
        }
        let alt = self.any_text(&at(path, "alt"), raw.alt, limits::IMAGE_ALT, Lines::One);
        let caption = self.opt_text(&at(path, "caption"), raw.caption, limits::IMAGE_CAPTION);
        if self.len() != before {
            return None;
        }
        Some(Image {
            src: src?,
            width: raw.width,
            height: raw.height,
            alt: alt?,
            caption: caption.ok()?,
        })
    }
}

/// Why `src` is not an acceptable image source, if it is not.
pub fn image_src_problem(src: &str) -> Option<&'static str> {
    if src.len() > limits::URL {
        return Some("is longer than 2048 bytes");
    }
    if is_http_url(src) {
        return None;
    }
    if src.is_empty() {
        return Some("is empty");
    }
    if has_bad_chars(src) {
        return Some("contains spaces, quotes, \"<\", \">\", \"\\\" or control characters");
    }
    if src.starts_with('/') {
        return Some("must be relative to the feed root (no leading \"/\") or an http(s) URL");
    }
    if src
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        return Some("has a scheme other than http(s)");
    }
    if src
        .split('/')
        .any(|seg| seg.is_empty() || seg == "." || seg == "..")
    {
        return Some("has an empty, \".\" or \"..\" path segment");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_sources() {
        assert_eq!(image_src_problem("images/a/b.jpg"), None);
        assert_eq!(image_src_problem("https://img.example.cn/x.png"), None);
        for bad in [
            "",
            "/images/x.jpg",
            "../x.jpg",
            "images/../../x",
            "javascript:alert(1)",
            "images//x.jpg",
            "images\\x.jpg",
            "a b.jpg",
            "data:image/png;base64,AAAA",
        ] {
            assert!(image_src_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn text_limits() {
        let mut p = ProblemCollector::default();
        assert!(p.text("t", "x".repeat(201), 200, Lines::One).is_none());
        assert!(p.text("u", "  ".into(), 200, Lines::One).is_none());
        assert!(p.text("v", "a\nb".into(), 200, Lines::One).is_none());
        assert!(p.text("w", "a\nb".into(), 200, Lines::Many).is_some());
        let shown: Vec<String> = p.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "t: is 201 characters long; at most 200 are allowed",
                "u: is empty",
                "v: contains a line break or control character"
            ]
        );
    }
}
