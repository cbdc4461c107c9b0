//! Size limits of the contract, in characters (Unicode scalar values) unless said otherwise.
//!
//! They keep one bad file from freezing a phone; docs/feed-format.md lists them too.

pub const SITE_NAME: usize = 100;
pub const SITE_DESCRIPTION: usize = 500;
pub const CATEGORY_NAME: usize = 50;
pub const MAX_CATEGORIES: usize = 50;
/// `page_size` and the number of items on one list page.
pub const MAX_PAGE_SIZE: u32 = 100;
pub const TITLE: usize = 200;
pub const SUBTITLE: usize = 200;
pub const SUMMARY: usize = 500;
pub const SOURCE: usize = 100;
pub const AUTHOR: usize = 100;
pub const CONTRIBUTOR: usize = 200;
pub const TAG: usize = 50;
pub const MAX_TAGS: usize = 20;
pub const MAX_RELATED: usize = 20;
pub const EDITOR_NOTE_PARAGRAPH: usize = 2_000;
pub const MAX_EDITOR_NOTE_PARAGRAPHS: usize = 20;
pub const MAX_BLOCKS: usize = 2_000;
/// Total text of one paragraph, quote or list item.
pub const BLOCK_TEXT: usize = 20_000;
pub const HEADING: usize = 200;
pub const MAX_LIST_ITEMS: usize = 500;
pub const IMAGE_ALT: usize = 300;
pub const IMAGE_CAPTION: usize = 300;
/// Largest image width or height in pixels.
pub const IMAGE_SIDE: u32 = 20_000;
/// Copies in one list of `image.variants` (`scaled`, `thumb`).
pub const MAX_VARIANTS: usize = 16;
/// A variant's MIME type, in bytes.
pub const VARIANT_TYPE: usize = 50;
pub const COMMENT_ID: usize = 64;
pub const COMMENT_AUTHOR: usize = 100;
pub const COMMENT_TEXT: usize = 5_000;
/// Replies nested deeper than this are flattened into their ancestor at this depth.
pub const MAX_COMMENT_DEPTH: usize = 8;
pub const MAX_COMMENTS: usize = 10_000;
/// URLs and link targets, in bytes.
pub const URL: usize = crate::link::MAX_URL_LEN;
