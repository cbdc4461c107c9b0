//! The validated feed model the app renders; every value here has passed validation.
//!
//! `Serialize` writes the contract's JSON shape (without `format_version`, which the
//! builder adds around it).

use serde::Serialize;

use crate::{ArticleId, ImageVariants, Link, Problem, Slug, Timestamp, Zone};

/// `site.json`: the portal's name, zone, navigation and feature switches.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Site {
    pub name: String,
    pub description: String,
    /// Absolute http(s) URL of the app; always ends with `/`.
    pub base_url: String,
    /// Image src (relative to the feed root, or http(s)).
    pub logo: Option<String>,
    #[serde(rename = "timezone")]
    pub zone: Zone,
    pub page_size: u32,
    /// Navigation order.
    pub categories: Vec<Category>,
    pub comments: CommentSettings,
    pub share: ShareSettings,
    /// What the service worker keeps for reading offline; the defaults when the file says nothing.
    #[serde(skip_serializing_if = "OfflineSettings::is_default")]
    pub offline: OfflineSettings,
    /// What was left out because it was invalid (a category, the logo, WeChat sharing…), with
    /// why and what the app does instead.
    #[serde(skip)]
    pub skipped: Vec<Problem>,
}

impl Site {
    /// The category with this slug, if the site has it.
    pub fn category(&self, slug: &Slug) -> Option<&Category> {
        self.categories.iter().find(|c| &c.slug == slug)
    }
}

/// One navigation entry and its list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Category {
    pub slug: Slug,
    pub name: String,
}

/// Where comments come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum CommentSettings {
    /// No comment section.
    Off,
    /// Read-only comments from `comments/{id}.json`.
    Static,
    /// A Waline server at this http(s) URL.
    Waline { server: String },
}

/// Sharing integrations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShareSettings {
    pub wechat: Option<WechatShare>,
}

/// WeChat JS-SDK settings: a signing endpoint run by the site, and the SDK script URL (on one
/// of [`crate::share::WECHAT_SDK_HOSTS`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WechatShare {
    pub sign_url: String,
    pub sdk_url: String,
}

/// `site.json` → `offline`: the last `articles` articles a reader opened are kept for reading
/// without a network (page, JSON and images), least recently used out first, within `max_bytes`
/// together with the saved list pages (docs/offline.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct OfflineSettings {
    pub articles: u32,
    pub max_bytes: u64,
}

impl OfflineSettings {
    pub const DEFAULT: OfflineSettings = OfflineSettings {
        articles: 20,
        max_bytes: 10_000_000,
    };

    pub fn is_default(&self) -> bool {
        *self == Self::DEFAULT
    }
}

impl Default for OfflineSettings {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// One page of a list (`lists/home/{n}.json` or `lists/c/{slug}/{n}.json`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ListPage {
    pub page: u32,
    pub total_pages: u32,
    pub total_items: u32,
    pub items: Vec<ArticleSummary>,
    /// Items that failed validation and were left out, with why.
    #[serde(skip)]
    pub skipped: Vec<Problem>,
}

/// An article as a list shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub title: String,
    pub summary: String,
    pub cover: Option<Image>,
    pub source: String,
    pub published: Timestamp,
    pub category: Slug,
    pub comment_count: u32,
}

/// An image with its intrinsic size (so the app can reserve space before it loads).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Image {
    /// Relative to the feed root (`images/x.jpg`) or an http(s) URL.
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub caption: Option<String>,
    /// `#rrggbb` painted in the image's box until the image arrives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// Resized copies; empty for a feed that has none (then `src` is all there is).
    #[serde(skip_serializing_if = "ImageVariants::is_empty")]
    pub variants: ImageVariants,
}

impl Image {
    /// An image with no placeholder and no variants.
    pub fn plain(src: impl Into<String>, width: u32, height: u32) -> Image {
        Image {
            src: src.into(),
            width,
            height,
            alt: String::new(),
            caption: None,
            placeholder: None,
            variants: ImageVariants::default(),
        }
    }
}

/// `articles/{id}.json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    pub subtitle: Option<String>,
    pub category: Slug,
    pub source: String,
    pub author: Option<String>,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
    pub summary: String,
    pub cover: Option<Image>,
    /// Paragraphs of the editor's note; empty = none.
    pub editor_note: Vec<String>,
    pub body: Vec<Block>,
    pub contributor: Option<String>,
    pub tags: Vec<String>,
    pub related: Vec<ArticleRef>,
    /// The next-older article in the same category.
    pub prev: Option<ArticleRef>,
    /// The next-newer article in the same category.
    pub next: Option<ArticleRef>,
    pub comment_count: u32,
}

/// A link to another article by id, with its title for display.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleRef {
    pub id: ArticleId,
    pub title: String,
}

/// One block of an article body.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        spans: Vec<Span>,
    },
    /// Level 2, 3 or 4 (the title is the page's only level 1).
    Heading {
        level: u8,
        text: String,
    },
    Image {
        image: Image,
    },
    Quote {
        spans: Vec<Span>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
}

/// A run of text with one style.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    pub text: String,
    #[serde(skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub italic: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
}

impl Span {
    /// Unstyled text.
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// `comments/{id}.json`: read-only comments of one article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommentsFile {
    pub article: ArticleId,
    pub total: u32,
    pub comments: Vec<Comment>,
}

/// A comment and its replies (nesting is capped; see [`crate::limits::MAX_COMMENT_DEPTH`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comment {
    pub id: String,
    pub author: String,
    pub time: Timestamp,
    pub text: String,
    pub replies: Vec<Comment>,
}
