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
    }
}
