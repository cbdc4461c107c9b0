//! Size limits of the contract, in characters (Unicode scalar values) unless said otherwise.
//!
//! They keep one bad file from freezing a phone; docs/feed-format.md lists them too.

pub const SITE_NAME: usize = 100;
pub const SITE_DESCRIPTION: usize = 500;
pub const CATEGORY_NAME: usize = 50;
/// Categories beyond this many are left out of the navigation.
pub const MAX_CATEGORIES: usize = 50;
/// `page_size` and the number of items on one list page.
pub const MAX_PAGE_SIZE: u32 = 100;
/// List items the app shows at once: `?page=N` shows its group of pages (see
/// [`crate::pagination::shown_pages`]), so a long list never renders as one huge page.
pub const MAX_SHOWN_ITEMS: u32 = 500;
/// Items on one list page (the same number, as a length).
pub const MAX_PAGE_ITEMS: usize = MAX_PAGE_SIZE as usize;
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
/// Spans in one article's body, all blocks together (each link is one).
pub const MAX_SPANS: usize = 2_000;
/// Text of one article: its body (headings, spans, alt texts, captions) and its editor's note
/// together. Long Chinese news pieces run to 10 000–30 000 characters.
pub const ARTICLE_TEXT: usize = 50_000;
/// `site.json` → `offline.articles`: articles kept for reading offline (0 keeps none).
pub const OFFLINE_ARTICLES: u32 = 500;
/// `site.json` → `offline.max_bytes`: the bounds of what a phone keeps for reading offline.
pub const OFFLINE_MIN_BYTES: u64 = 100_000;
pub const OFFLINE_MAX_BYTES: u64 = 1_000_000_000;
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
/// Comments (replies included) of one article: in its comments file, and on one page a
/// comment server sends.
pub const MAX_COMMENTS: usize = 2_000;
/// Text of all comments of one article together (a comments file, or one page a comment server
/// sends), in characters.
pub const COMMENTS_TEXT: usize = 100_000;
/// Largest feed file of each kind, in bytes: parsing stays short too, and fields readers ignore
/// cannot make a file of any size pass.
pub const SITE_FILE_BYTES: usize = 256 * 1024;
pub const LIST_FILE_BYTES: usize = 1024 * 1024;
pub const ARTICLE_FILE_BYTES: usize = 4 * 1024 * 1024;
/// A comments file, and one response of a comment server.
pub const COMMENTS_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Combining marks (accents and the like) stacked on one character: real scripts need two or
/// three; hundreds make one unbreakable cluster as wide as a page or more.
pub const MAX_COMBINING_MARKS: usize = 4;
/// Years a feed time may fall in (publication, update, comment and build times).
pub const FIRST_YEAR: i64 = 1970;
pub const LAST_YEAR: i64 = 2200;
/// URLs and link targets, in bytes.
pub const URL: usize = crate::link::MAX_URL_LEN;
/// Most characters of a bad value an error message quotes.
pub const QUOTE_CHARS: usize = 60;
/// Most characters of one problem's reason (parser messages quote values too).
pub const REASON_CHARS: usize = 300;
/// Most problems one error lists, per file; the rest are counted ("… and 12 more").
pub const LISTED_PROBLEMS: usize = 20;
/// The search index ([`crate::search`]): its manifest, a term shard and a document shard, in bytes.
pub const SEARCH_MANIFEST_BYTES: usize = 64 * 1024;
pub const SEARCH_TERM_SHARD_BYTES: usize = 4 * 1024 * 1024;
pub const SEARCH_DOC_SHARD_BYTES: usize = 1024 * 1024;
/// Documents one index may number.
pub const MAX_SEARCH_DOCS: u32 = 1_000_000;
/// Term shards of one index (a power of two).
pub const MAX_TERM_SHARDS: u32 = 65_536;
/// Documents in one document shard.
pub const MAX_DOC_SHARD_SIZE: u32 = 100;
/// A term, in bytes: a word of [`crate::search::MAX_WORD_CHARS`] characters and one more.
pub const MAX_TERM_BYTES: usize = 4 * (crate::search::MAX_WORD_CHARS + 1);
