//! Raw feed shapes exactly as they sit in the JSON files, before validation.
//!
//! These are what `serde` reads and what the JSON Schema (`feature = "schema"`) describes.
//! Strings here are unchecked; [`crate::parse`] turns them into the model types.

use serde::Deserialize;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// `site.json`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawSite {
    /// Always 1 for this contract.
    pub format_version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Absolute http(s) URL where the app is served; a missing final `/` is added.
    pub base_url: String,
    #[serde(default)]
    pub logo: Option<String>,
    /// UTC offset of the newsroom, `+08:00`.
    pub timezone: String,
    pub page_size: u32,
    pub categories: Vec<RawCategory>,
    pub comments: RawCommentSettings,
    #[serde(default)]
    pub share: RawShareSettings,
    /// When the feed was built (informational).
    #[serde(default)]
    pub generated_at: Option<String>,
}

/// `site.json` → `categories[]`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawCategory {
    pub slug: String,
    pub name: String,
}

/// `site.json` → `comments`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum RawCommentSettings {
    Off,
    Static,
    Waline { server: String },
}

/// `site.json` → `share`.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawShareSettings {
    #[serde(default)]
    pub wechat: Option<RawWechatShare>,
}

/// `site.json` → `share.wechat`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawWechatShare {
    pub sign_url: String,
    pub sdk_url: String,
}

/// `lists/home/{n}.json` and `lists/c/{slug}/{n}.json`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawListPage {
    pub format_version: u32,
    pub page: u32,
    pub total_pages: u32,
    pub total_items: u32,
    /// Read one by one so that a bad item is skipped instead of failing the page.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawArticleSummary>"))]
    pub items: Vec<serde_json::Value>,
}

/// A list item.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawArticleSummary {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub cover: Option<RawImage>,
    pub source: String,
    /// RFC 3339 with offset.
    pub published: String,
    pub category: String,
    #[serde(default)]
    pub comment_count: u32,
}

/// An image with its intrinsic size.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawImage {
    /// `images/…` relative to the feed root, or an http(s) URL.
    pub src: String,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub caption: Option<String>,
    /// `#rrggbb` painted in the image's box until it arrives.
    #[serde(default)]
    pub placeholder: Option<String>,
    /// Resized copies; a reader without them uses `src`.
    #[serde(default)]
    pub variants: Option<RawImageVariants>,
}

/// `image.variants`: every list may be left out.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawImageVariants {
    /// The whole picture at several widths, preferred type first.
    #[serde(default)]
    pub scaled: Vec<RawVariant>,
    /// Cropped to the list thumbnail's shape (112 × 74), at 1× and 2×.
    #[serde(default)]
    pub thumb: Vec<RawVariant>,
    /// About 1200 px wide, for share cards.
    #[serde(default)]
    pub share: Option<RawVariant>,
}

/// One encoded copy of an image.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawVariant {
    /// `images/…` relative to the feed root, or an http(s) URL.
    pub src: String,
    /// MIME type: `image/webp`, `image/jpeg`, …
    #[serde(rename = "type")]
    pub mime: String,
    pub width: u32,
    pub height: u32,
}

/// `articles/{id}.json`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawArticle {
    pub format_version: u32,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    pub category: String,
    pub source: String,
    #[serde(default)]
    pub author: Option<String>,
    pub published: String,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub cover: Option<RawImage>,
    #[serde(default)]
    pub editor_note: Vec<String>,
    pub body: Vec<RawBlock>,
    #[serde(default)]
    pub contributor: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub related: Vec<RawArticleRef>,
    #[serde(default)]
    pub prev: Option<RawArticleRef>,
    #[serde(default)]
    pub next: Option<RawArticleRef>,
    #[serde(default)]
    pub comment_count: u32,
}

/// `{ "id", "title" }` pointing at another article.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawArticleRef {
    pub id: String,
    pub title: String,
}

/// A body block, tagged by `type`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum RawBlock {
    Paragraph {
        spans: Vec<RawSpan>,
    },
    Heading {
        level: u8,
        text: String,
    },
    Image {
        image: RawImage,
    },
    Quote {
        spans: Vec<RawSpan>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<RawSpan>>,
    },
}

/// A run of text; `bold`, `italic` and `link` may be left out.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawSpan {
    pub text: String,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    /// `http(s)://…` or a site path `/…`.
    #[serde(default)]
    pub link: Option<String>,
}

/// `comments/{id}.json`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawCommentsFile {
    pub format_version: u32,
    pub article: String,
    pub total: u32,
    pub comments: Vec<RawComment>,
}

/// A comment and its replies.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawComment {
    pub id: String,
    pub author: String,
    pub time: String,
    pub text: String,
    #[serde(default)]
    pub replies: Vec<RawComment>,
}
