//! Raw feed shapes exactly as they sit in the JSON files, before validation.
//!
//! These are what `serde` reads and what the JSON Schema (`feature = "schema"`) describes.
//! Strings here are unchecked; [`crate::parse`] turns them into the model types.

use serde::Deserialize;
use serde_json::value::RawValue;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// `site.json`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawSite {
    /// Always 1 for this contract.
    pub format_version: u32,
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::SITE_NAME")))]
    pub name: String,
    /// Multi-line; CRLF line ends are read as LF. An invalid one is left out (the site shows
    /// none) and reported by `validate`.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::SITE_DESCRIPTION"))
    )]
    pub description: String,
    /// Absolute http(s) URL where the app is served; a missing final `/` is added.
    pub base_url: String,
    /// An image src; an invalid one is left out.
    #[serde(default)]
    pub logo: Option<String>,
    /// UTC offset of the newsroom, `+08:00`.
    pub timezone: String,
    /// Items per list page.
    #[cfg_attr(
        feature = "schema",
        schemars(range(min = 1, max = "crate::limits::MAX_PAGE_SIZE"))
    )]
    pub page_size: u32,
    /// Navigation order. Read one by one: an invalid or repeated category is left out, and
    /// only the first 50 good ones are used.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawCategory>"))]
    pub categories: Vec<Box<RawValue>>,
    pub comments: RawCommentSettings,
    #[serde(default)]
    pub share: RawShareSettings,
    /// Reading offline (added within format 1). Read on its own: an invalid one is left out
    /// and the defaults are used.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<RawOffline>"))]
    pub offline: Option<Box<RawValue>>,
    /// When the feed was built (informational).
    #[serde(default)]
    pub generated_at: Option<String>,
}

/// `site.json` → `categories[]`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawCategory {
    pub slug: String,
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::CATEGORY_NAME"))
    )]
    pub name: String,
}

/// `site.json` → `comments`. An invalid Waline `server` turns comments off.
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

/// `site.json` → `share.wechat`; if either URL is invalid, WeChat share cards are off.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawWechatShare {
    pub sign_url: String,
    /// The official JS-SDK only: `https://res.wx.qq.com/…` or `https://res2.wx.qq.com/…`.
    pub sdk_url: String,
}

/// `site.json` → `offline`: what the service worker keeps for reading without a network.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawOffline {
    /// The last this many articles a reader opened (default 20; 0 keeps none).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(range(max = "crate::limits::OFFLINE_ARTICLES"))
    )]
    pub articles: Option<u32>,
    /// Bytes kept at most, articles and saved lists together (default 10 000 000).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(range(
            min = "crate::limits::OFFLINE_MIN_BYTES",
            max = "crate::limits::OFFLINE_MAX_BYTES"
        ))
    )]
    pub max_bytes: Option<u64>,
}

/// `lists/home/{n}.json` and `lists/c/{slug}/{n}.json`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawListPage {
    pub format_version: u32,
    pub page: u32,
    pub total_pages: u32,
    pub total_items: u32,
    /// Read one by one: an item that fails validation is skipped, the rest are shown.
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::MAX_PAGE_ITEMS"))
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawArticleSummary>"))]
    pub items: Vec<Box<RawValue>>,
}

/// A list item.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawArticleSummary {
    pub id: String,
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::TITLE")))]
    pub title: String,
    /// Multi-line; CRLF line ends are read as LF.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::SUMMARY")))]
    pub summary: String,
    #[serde(default)]
    pub cover: Option<RawImage>,
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::SOURCE")))]
    pub source: String,
    /// RFC 3339 with offset, in 1970–2200.
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
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::TITLE")))]
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::SUBTITLE")))]
    pub subtitle: Option<String>,
    pub category: String,
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::SOURCE")))]
    pub source: String,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::AUTHOR")))]
    pub author: Option<String>,
    /// RFC 3339 with offset, in 1970–2200.
    pub published: String,
    #[serde(default)]
    pub updated: Option<String>,
    /// Multi-line; CRLF line ends are read as LF.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::SUMMARY")))]
    pub summary: String,
    #[serde(default)]
    pub cover: Option<RawImage>,
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::MAX_EDITOR_NOTE_PARAGRAPHS"))
    )]
    pub editor_note: Vec<String>,
    /// At most 2000 blocks, and in all at most 2000 spans and 50 000 characters of text (the
    /// editor's note included).
    /// Read one by one, each by its `type`, so a problem deep inside names its full path.
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::MAX_BLOCKS"))
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawBlock>"))]
    pub body: Vec<Box<RawValue>>,
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::CONTRIBUTOR"))
    )]
    pub contributor: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::MAX_TAGS")))]
    pub tags: Vec<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::MAX_RELATED"))
    )]
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
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::TITLE")))]
    pub title: String,
}

/// A body block, tagged by `type`.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum RawBlock {
    Paragraph(RawSpansBlock),
    Heading(RawHeadingBlock),
    Image(RawImageBlock),
    Quote(RawSpansBlock),
    List(RawListBlock),
}

/// `paragraph` and `quote` blocks.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawSpansBlock {
    pub spans: Vec<RawSpan>,
}

/// A `heading` block.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawHeadingBlock {
    #[cfg_attr(feature = "schema", schemars(range(min = 2, max = 4)))]
    pub level: u8,
    #[cfg_attr(feature = "schema", schemars(length(max = "crate::limits::HEADING")))]
    pub text: String,
}

/// An `image` block.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawImageBlock {
    pub image: RawImage,
}

/// A `list` block: items of spans.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawListBlock {
    pub ordered: bool,
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::MAX_LIST_ITEMS"))
    )]
    pub items: Vec<Vec<RawSpan>>,
}

/// A run of text; `bold`, `italic` and `link` may be left out. Multi-line; the spans of one
/// paragraph, quote or list item hold at most 20 000 characters together.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawSpan {
    pub text: String,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    /// `http(s)://…` or a site path `/…` without `.` or `..` segments (encoded ones included).
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
    /// At most 2000 comments and 100 000 characters of text, replies included; replies deeper than 8 levels are shown
    /// flattened under their ancestor on level 8.
    pub comments: Vec<RawComment>,
}

/// A comment and its replies.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawComment {
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::COMMENT_ID"))
    )]
    pub id: String,
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::COMMENT_AUTHOR"))
    )]
    pub author: String,
    /// RFC 3339 with offset, in 1970–2200.
    pub time: String,
    /// Multi-line; CRLF line ends are read as LF.
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::COMMENT_TEXT"))
    )]
    pub text: String,
    #[serde(default)]
    pub replies: Vec<RawComment>,
}

/// `search/index.json`: the search index's manifest (optional; without it the app says search
/// is unavailable).
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawSearchManifest {
    pub format_version: u32,
    /// 16 lowercase hex digits: the folder `search/{version}/` that holds the shards.
    pub version: String,
    /// Documents in the index, numbered from 0 (the newest).
    #[cfg_attr(
        feature = "schema",
        schemars(range(max = "crate::limits::MAX_SEARCH_DOCS"))
    )]
    pub docs: u32,
    /// How many term shards `search/{version}/t/{k}.json` there are: a power of two.
    #[cfg_attr(
        feature = "schema",
        schemars(range(min = 1, max = "crate::limits::MAX_TERM_SHARDS"))
    )]
    pub term_shards: u32,
    /// Documents per document shard `search/{version}/d/{k}.json`.
    #[cfg_attr(
        feature = "schema",
        schemars(range(min = 1, max = "crate::limits::MAX_DOC_SHARD_SIZE"))
    )]
    pub doc_shard_size: u32,
    /// The tokenizer rules the index was built with; the app reads only its own (1).
    pub tokenizer: u32,
}

/// `search/{version}/t/{k}.json`: term → postings.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawTermShard {
    pub format_version: u32,
    /// Each term (a word or a bigram, folded) maps to up to three lists of document numbers,
    /// the documents with the term in the title, the note (summary, editor's note, tags) and
    /// the body; each list is its first number and then the gaps (all > 0); empty trailing
    /// lists are left out. A document is listed in its best tier only.
    pub terms: std::collections::HashMap<String, Vec<Vec<u32>>>,
}

/// `search/{version}/d/{k}.json`: documents `first` … as list items.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct RawDocShard {
    pub format_version: u32,
    /// The number of the first document: `k × doc_shard_size`.
    pub first: u32,
    /// Exactly the shard's documents, newest first, each as a list item; read one by one, so a
    /// bad one is left out of results like a bad list item.
    #[cfg_attr(
        feature = "schema",
        schemars(length(max = "crate::limits::MAX_DOC_SHARD_SIZE"))
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawArticleSummary>"))]
    pub items: Vec<Box<RawValue>>,
}
