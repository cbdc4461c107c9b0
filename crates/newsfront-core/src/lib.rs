//! Newsfront core: the feed contract (model, validation, ids, dates, share URLs), pure and I/O-free.
//!
//! The app and the `newsfront-feed` tool both read feeds through [`parse_site`],
//! [`parse_list_page`], [`parse_article`] and [`parse_comments`]: JSON text is read into
//! the [`raw`] shapes, checked, and only then turned into the model types below.

mod error;
mod id;
pub mod limits;
mod link;
pub mod linkify;
mod model;
mod origin;
pub mod pagination;
mod parse;
pub mod paths;
mod percent;
pub mod raw;
pub mod routes;
#[cfg(feature = "schema")]
pub mod schema;
pub mod search;
pub mod share;
pub mod share_env;
mod time;
mod time_display;
mod url_path;
mod validate;
pub mod variants;
pub mod waline_api;

/// The contract version this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

pub use error::{quote, FeedError, Problem};
pub use id::{ArticleId, IdError, Slug, MAX_ID_LEN};
pub use link::{Link, LinkError};
pub use model::{
    Article, ArticleRef, ArticleSummary, Block, Category, Comment, CommentSettings, CommentsFile,
    Image, ListPage, OfflineSettings, ShareSettings, Site, Span, WechatShare,
};
pub use origin::http_origin;
pub use parse::{
    parse_article, parse_comments, parse_doc_shard, parse_list_page, parse_search_manifest,
    parse_site, parse_term_shard,
};
pub use percent::encode_uri_component;
pub use time::{DateError, Timestamp, Zone};
pub use time_display::{format_absolute, format_date, format_relative};
pub use validate::{comment_text_chars, count_comments, image_file_path, image_src_problem};
pub use variants::{ImageVariants, Variant};
