//! Raw → validated: shared checks that record every problem with its JSON path.
//!
//! Each `validate_*` returns `Some` only when it recorded no problem, but always checks
//! everything it can first, so one run reports all problems.

mod article;
mod block;
mod comments;
mod list;
mod search;
mod site;
mod text;

pub(crate) use article::validate_article;
pub use comments::count_all as count_comments;
pub use comments::text_of_all as comment_text_chars;
pub(crate) use comments::validate_comments;
pub(crate) use list::validate_list_page;
pub(crate) use search::{validate_doc_shard, validate_manifest, validate_term_shard};
pub(crate) use site::validate_site;

use serde::de::DeserializeOwned;

use crate::error::quote;
use crate::link::{has_bad_chars, is_http_url};
use crate::percent::percent_decode;
use crate::raw::{RawImage, RawImageVariants, RawVariant};
use crate::url_path::{path_part, segment_problem};
use crate::{limits, ArticleId, Image, ImageVariants, Problem, Slug, Timestamp, Variant};

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

/// Reads one JSON value (a list item, a category, a body block) on its own, so a problem in it
/// is that entry's alone; the problem's path is the full one: `body[2].spans[5].text`.
pub(crate) fn read_entry<R: DeserializeOwned>(
    json: &serde_json::value::RawValue,
    base: &str,
) -> Result<R, Problem> {
    let mut de = serde_json::Deserializer::from_str(json.get());
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.path().to_string();
        let path = match inner.as_str() {
            "." | "?" => base.to_owned(),
            _ if inner.starts_with('[') => format!("{base}{inner}"),
            _ => at(base, &inner),
        };
        Problem::new(path, without_position(e.into_inner().to_string()))
    })
}

/// A parser message without its " at line 1 column 8": that position is inside the entry, not
/// the file, and the path already says where.
fn without_position(mut message: String) -> String {
    if let Some(at) = message.rfind(" at line ") {
        let tail = &message[at + " at line ".len()..];
        let is_position = tail.split_once(" column ").is_some_and(|(l, c)| {
            !l.is_empty() && !c.is_empty() && l.bytes().chain(c.bytes()).all(|b| b.is_ascii_digit())
        });
        if is_position {
            message.truncate(at);
        }
    }
    message
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

    /// A text that may be empty. Multi-line texts come back with CRLF and CR line ends made LF.
    pub fn any_text(
        &mut self,
        path: &str,
        value: String,
        max: usize,
        lines: Lines,
    ) -> Option<String> {
        let value = match lines {
            Lines::Many => text::unix_line_ends(value),
            Lines::One => value,
        };
        match text::text_problem(&value, max, lines) {
            None => Some(value),
            Some(reason) => {
                self.add(path, reason);
                None
            }
        }
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

    /// An RFC 3339 time in the years the contract allows.
    pub fn timestamp(&mut self, path: &str, value: &str) -> Option<Timestamp> {
        let t = Timestamp::parse(value)
            .map_err(|e| self.add(path, e.to_string()))
            .ok()?;
        if !(limits::FIRST_YEAR..=limits::LAST_YEAR).contains(&t.year()) {
            self.add(
                path,
                format!(
                    "{} is in the year {}; times must fall in {}–{}",
                    quote(value),
                    t.year(),
                    limits::FIRST_YEAR,
                    limits::LAST_YEAR
                ),
            );
            return None;
        }
        Some(t)
    }

    /// An absolute http(s) URL (servers, SDKs, base URL).
    pub fn http_url(&mut self, path: &str, value: String) -> Option<String> {
        if value.len() > limits::URL {
            self.add(path, "is longer than 2048 bytes");
            None
        } else if is_http_url(&value) {
            Some(value)
        } else {
            self.add(path, format!("{} is not an http(s) URL", quote(&value)));
            None
        }
    }

    /// An image `src`: an http(s) URL or a clean relative path inside the feed.
    pub fn image_src(&mut self, path: &str, value: String) -> Option<String> {
        match image_src_problem(&value) {
            None => Some(value),
            Some(reason) => {
                self.add(path, format!("{} {reason}", quote(&value)));
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
        let list = |name: &str, items: Vec<RawVariant>, p: &mut ProblemCollector| {
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

/// Why `src` is not an acceptable image source, if it is not. A relative source is checked as
/// the browser will resolve it, escapes decoded: `images/%2e%2e/x.png` is `images/../x.png`.
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
    let path = path_part(src);
    let first = path.split('/').next().unwrap_or_default();
    if percent_decode(first).is_some_and(|b| b.contains(&b':')) {
        return Some("has a scheme other than http(s)");
    }
    segment_problem(path, false)
}

/// The file inside the feed that a relative image `src` names, as a server finds it: escapes
/// decoded, without `?…` or `#…`. `None` for http(s) URLs and for sources that
/// [`image_src_problem`] refuses.
pub fn image_file_path(src: &str) -> Option<String> {
    if is_http_url(src) || image_src_problem(src).is_some() {
        return None;
    }
    let bytes = percent_decode(path_part(src))?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
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
            "images/%2e%2e/%2e%2e/x.png",
            "images/.%2E/%2E./x.png",
            "images/%2E%2e",
            "images/a%2F..%2Fx.png",
            "images/%zz.png",
            "javascript%3Aalert(1)",
        ] {
            assert!(image_src_problem(bad).is_some(), "{bad:?}");
            assert_eq!(image_file_path(bad), None, "{bad:?}");
        }
        assert_eq!(
            image_file_path("images/%E5%9B%BE%201.png?v=2").as_deref(),
            Some("images/图 1.png")
        );
        assert_eq!(image_file_path("https://x.cn/a.png"), None);
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
        let mut p = ProblemCollector::default();
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
        let mut p = ProblemCollector::default();
        assert!(p.image("cover", raw).is_none());
        let shown: Vec<String> = p.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "cover.placeholder: \"red\" is not a colour like \"#a1b2c3\"",
                "cover.variants.thumb[0].src: \"../x.webp\" has a \".\" or \"..\" path segment (percent-encoded ones included)",
                "cover.variants.thumb[1].src: ends with \",\"",
                "cover.variants.thumb[1].type: \"text/html\" is not an image MIME type like \"image/webp\"",
                "cover.variants.thumb[1].width: is 0; must be 1..=20000",
            ]
        );
    }

    #[test]
    fn text_limits() {
        let mut p = ProblemCollector::default();
        assert!(p.text("t", "x".repeat(201), 200, Lines::One).is_none());
        assert!(p.text("u", "  ".into(), 200, Lines::One).is_none());
        assert!(p.text("v", "a\nb".into(), 200, Lines::One).is_none());
        assert_eq!(
            p.text("w", "a\r\nb\rc".into(), 200, Lines::Many).as_deref(),
            Some("a\nb\nc")
        );
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

    #[test]
    fn times_fall_in_the_contract_years() {
        let mut p = ProblemCollector::default();
        assert!(p.timestamp("a", "0000-01-01T00:00:00+23:59").is_none());
        assert!(p.timestamp("b", "9999-12-31T23:59:59-23:59").is_none());
        assert!(p.timestamp("c", "1969-12-31T23:59:59Z").is_none());
        assert!(p.timestamp("d", "1970-01-01T00:00:00Z").is_some());
        assert!(p.timestamp("e", "2200-12-31T23:59:59+08:00").is_some());
        assert_eq!(
            p.0[0].to_string(),
            "a: \"0000-01-01T00:00:00+23:59\" is in the year 0; times must fall in 1970–2200"
        );
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn entries_report_their_full_path() {
        #[derive(serde::Deserialize, Debug)]
        struct Inner {
            #[allow(dead_code)]
            text: String,
        }
        #[derive(serde::Deserialize, Debug)]
        struct Outer {
            #[allow(dead_code)]
            spans: Vec<Inner>,
        }
        let raw: Box<serde_json::value::RawValue> =
            serde_json::from_str(r#"{"spans":[{"text":"a"},{"text":5}]}"#).unwrap();
        let e = read_entry::<Outer>(&raw, "body[2]").unwrap_err();
        assert_eq!(e.path, "body[2].spans[1].text");
        let raw: Box<serde_json::value::RawValue> =
            serde_json::from_str(r#"[{"text": 1}]"#).unwrap();
        let e = read_entry::<Vec<Inner>>(&raw, "items").unwrap_err();
        assert_eq!(e.path, "items[0].text");
    }
}
