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
use crate::raw::{RawImage, RawImageVariants, RawVariant};
use crate::{limits, ArticleId, Image, ImageVariants, Problem, Slug, Timestamp, Variant};

/// Collects problems while validating one file.
#[derive(Default)]
pub(crate) struct Problems(pub Vec<Problem>);

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

impl Problems {
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
        self.sides(path, raw.width, raw.height);
        let alt = self.any_text(&at(path, "alt"), raw.alt, limits::IMAGE_ALT, Lines::One);
        let caption = self.opt_text(&at(path, "caption"), raw.caption, limits::IMAGE_CAPTION);
        let placeholder = raw
            .placeholder
            .map(|p| self.colour(&at(path, "placeholder"), p));
        let variants = self.variants(&at(path, "variants"), raw.variants.unwrap_or_default());
        if self.len() != before {
            return None;
        }
        Some(Image {
            src: src?,
            width: raw.width,
            height: raw.height,
            alt: alt?,
            caption: caption.ok()?,
            placeholder: placeholder.flatten(),
            variants,
        })
    }

    /// `width` and `height` of an image or a variant.
    fn sides(&mut self, path: &str, width: u32, height: u32) {
        for (name, side) in [("width", width), ("height", height)] {
            if side == 0 || side > limits::IMAGE_SIDE {
                self.add(
                    at(path, name),
                    format!("is {side}; must be 1..={}", limits::IMAGE_SIDE),
                );
            }
        }
    }

    /// A `#rrggbb` colour, kept in lower case.
    fn colour(&mut self, path: &str, value: String) -> Option<String> {
        let hex = value.strip_prefix('#').unwrap_or("");
        if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            Some(value.to_ascii_lowercase())
        } else {
            self.add(path, format!("{value:?} is not a colour like \"#a1b2c3\""));
            None
        }
    }

    fn variants(&mut self, path: &str, raw: RawImageVariants) -> ImageVariants {
        let list = |name: &str, items: Vec<RawVariant>, p: &mut Problems| {
            let list_path = at(path, name);
            p.at_most(&list_path, items.len(), limits::MAX_VARIANTS, "variants");
            items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| p.variant(&index(&list_path, i), v))
                .collect()
        };
        ImageVariants {
            scaled: list("scaled", raw.scaled, self),
            thumb: list("thumb", raw.thumb, self),
            share: raw.share.and_then(|v| self.variant(&at(path, "share"), v)),
        }
    }

    fn variant(&mut self, path: &str, raw: RawVariant) -> Option<Variant> {
        let before = self.len();
        let src = self.image_src(&at(path, "src"), raw.src);
        if src.as_deref().is_some_and(|s| s.ends_with(',')) {
            // A srcset would read the comma as the end of the entry.
            self.add(at(path, "src"), "ends with \",\"");
        }
        let mime_ok = raw.mime.len() <= limits::VARIANT_TYPE
            && raw.mime.strip_prefix("image/").is_some_and(|sub| {
                !sub.is_empty()
                    && sub.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b"+.-".contains(&b)
                    })
            });
        if !mime_ok {
            self.add(
                at(path, "type"),
                format!(
                    "{:?} is not an image MIME type like \"image/webp\"",
                    raw.mime
                ),
            );
        }
        self.sides(path, raw.width, raw.height);
        (self.len() == before).then(|| Variant {
            src: src.unwrap_or_default(),
            mime: raw.mime,
            width: raw.width,
            height: raw.height,
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
    fn image_placeholders_and_variants() {
        let raw: RawImage = serde_json::from_value(serde_json::json!({
            "src": "images/a.jpg", "width": 1600, "height": 900, "placeholder": "#A1B2C3",
            "variants": {
                "scaled": [{ "src": "images/a.360.webp", "type": "image/webp", "width": 360, "height": 203 }],
                "share": { "src": "images/a.share.jpg", "type": "image/jpeg", "width": 1200, "height": 675 }
            }
        }))
        .unwrap();
        let mut p = Problems::default();
        let image = p.image("cover", raw).unwrap();
        assert_eq!(image.placeholder.as_deref(), Some("#a1b2c3"));
        assert_eq!(image.variants.scaled[0].mime, "image/webp");
        assert_eq!(image.share_src(), "images/a.share.jpg");

        let raw: RawImage = serde_json::from_value(serde_json::json!({
            "src": "images/a.jpg", "width": 16, "height": 9, "placeholder": "red",
            "variants": { "thumb": [
                { "src": "../x.webp", "type": "image/webp", "width": 112, "height": 74 },
                { "src": "images/t.jpg,", "type": "text/html", "width": 0, "height": 74 }
            ] }
        }))
        .unwrap();
        let mut p = Problems::default();
        assert!(p.image("cover", raw).is_none());
        let shown: Vec<String> = p.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "cover.placeholder: \"red\" is not a colour like \"#a1b2c3\"",
                "cover.variants.thumb[0].src: \"../x.webp\" has an empty, \".\" or \"..\" path segment",
                "cover.variants.thumb[1].src: ends with \",\"",
                "cover.variants.thumb[1].type: \"text/html\" is not an image MIME type like \"image/webp\"",
                "cover.variants.thumb[1].width: is 0; must be 1..=20000",
            ]
        );
    }

    #[test]
    fn text_limits() {
        let mut p = Problems::default();
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
