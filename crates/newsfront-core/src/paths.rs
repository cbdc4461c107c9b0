//! Where the app fetches each feed file, relative to the page's `<base>`.

use crate::link::is_http_url;
use crate::{ArticleId, Slug};

/// The folder the feed is served from, relative to the app.
pub const FEED_ROOT: &str = "feed/";

/// `feed/site.json`.
pub fn site() -> String {
    format!("{FEED_ROOT}site.json")
}

/// `feed/lists/home/{page}.json` (pages count from 1).
pub fn home_list(page: u32) -> String {
    format!("{FEED_ROOT}lists/home/{page}.json")
}

/// `feed/lists/c/{slug}/{page}.json`.
pub fn category_list(slug: &Slug, page: u32) -> String {
    format!("{FEED_ROOT}lists/c/{slug}/{page}.json")
}

/// `feed/articles/{id}.json`.
pub fn article(id: &ArticleId) -> String {
    format!("{FEED_ROOT}articles/{id}.json")
}

/// `feed/comments/{id}.json` (absent when the article has no comments).
pub fn comments(id: &ArticleId) -> String {
    format!("{FEED_ROOT}comments/{id}.json")
}

/// `feed/search/index.json`: the search index's manifest (absent: search is unavailable).
pub fn search_manifest() -> String {
    format!("{FEED_ROOT}{}", in_feed::search_manifest())
}

/// `feed/search/{version}/t/{shard}.json`.
pub fn search_term_shard(version: &str, shard: u32) -> String {
    format!("{FEED_ROOT}{}", in_feed::search_term_shard(version, shard))
}

/// `feed/search/{version}/d/{shard}.json`.
pub fn search_doc_shard(version: &str, shard: u32) -> String {
    format!("{FEED_ROOT}{}", in_feed::search_doc_shard(version, shard))
}

/// An image `src` as the app should fetch it: relative ones live under the feed root,
/// http(s) URLs are used as they are.
pub fn image(src: &str) -> String {
    if is_http_url(src) {
        src.to_owned()
    } else {
        format!("{FEED_ROOT}{src}")
    }
}

/// The same paths without the `feed/` prefix: where the builder writes inside OUT_DIR.
pub mod in_feed {
    use crate::{ArticleId, Slug};

    pub fn site() -> String {
        "site.json".to_owned()
    }
    pub fn home_list(page: u32) -> String {
        format!("lists/home/{page}.json")
    }
    pub fn category_list(slug: &Slug, page: u32) -> String {
        format!("lists/c/{slug}/{page}.json")
    }
    pub fn article(id: &ArticleId) -> String {
        format!("articles/{id}.json")
    }
    pub fn comments(id: &ArticleId) -> String {
        format!("comments/{id}.json")
    }
    /// The search index's folder.
    pub const SEARCH_DIR: &str = "search";
    pub fn search_manifest() -> String {
        format!("{SEARCH_DIR}/index.json")
    }
    pub fn search_term_shard(version: &str, shard: u32) -> String {
        format!("{SEARCH_DIR}/{version}/t/{shard}.json")
    }
    pub fn search_doc_shard(version: &str, shard: u32) -> String {
        format!("{SEARCH_DIR}/{version}/d/{shard}.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let id = ArticleId::parse("158efa5accffce1b").unwrap();
        let slug = Slug::parse("lxzx").unwrap();
        assert_eq!(site(), "feed/site.json");
        assert_eq!(home_list(2), "feed/lists/home/2.json");
        assert_eq!(category_list(&slug, 1), "feed/lists/c/lxzx/1.json");
        assert_eq!(article(&id), "feed/articles/158efa5accffce1b.json");
        assert_eq!(comments(&id), "feed/comments/158efa5accffce1b.json");
        assert_eq!(image("images/a.jpg"), "feed/images/a.jpg");
        assert_eq!(image("https://x.cn/a.jpg"), "https://x.cn/a.jpg");
        assert_eq!(in_feed::category_list(&slug, 3), "lists/c/lxzx/3.json");
        assert_eq!(search_manifest(), "feed/search/index.json");
        assert_eq!(
            search_term_shard("0123456789abcdef", 7),
            "feed/search/0123456789abcdef/t/7.json"
        );
        assert_eq!(
            search_doc_shard("0123456789abcdef", 0),
            "feed/search/0123456789abcdef/d/0.json"
        );
    }
}
