//! Request URLs of the Waline REST API and an article's Waline path.

use crate::{encode_uri_component, ArticleId};

/// Root comments per page.
pub const PAGE_SIZE: u32 = 10;

/// The Waline `path` (Waline calls it `url`) of an article: its route in the app.
pub fn article_path(id: &ArticleId) -> String {
    crate::routes::article(id)
}

/// Newest or oldest first (`sortBy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    Newest,
    Oldest,
}

impl SortOrder {
    pub fn as_param(self) -> &'static str {
        match self {
            SortOrder::Newest => "insertedAt_desc",
            SortOrder::Oldest => "insertedAt_asc",
        }
    }
}

fn api(server: &str) -> String {
    format!("{}/api/comment", server.trim_end_matches('/'))
}

/// `GET` URL of one page (1-based) of an article's comments.
pub fn list_url(server: &str, path: &str, page: u32, sort: SortOrder) -> String {
    format!(
        "{}?path={}&page={page}&pageSize={PAGE_SIZE}&sortBy={}&lang=zh-CN",
        api(server),
        encode_uri_component(path),
        sort.as_param()
    )
}

/// `GET` URL of the comment counts of several paths, in order.
pub fn count_url(server: &str, paths: &[String]) -> String {
    let joined = paths.join(",");
    format!(
        "{}?type=count&url={}&lang=zh-CN",
        api(server),
        encode_uri_component(&joined)
    )
}

/// `POST` URL for a new comment.
pub fn post_url(server: &str) -> String {
    format!("{}?lang=zh-CN", api(server))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_encode_the_path_and_parameters() {
        let path = article_path(&ArticleId::parse("158efa5accffce1b").unwrap());
        assert_eq!(path, "/a/158efa5accffce1b");
        assert_eq!(
            list_url("http://127.0.0.1:8360/", &path, 2, SortOrder::Oldest),
            "http://127.0.0.1:8360/api/comment?path=%2Fa%2F158efa5accffce1b&page=2&pageSize=10&sortBy=insertedAt_asc&lang=zh-CN"
        );
        assert_eq!(
            count_url("https://c.example", &["/a/x".into(), "/a/y".into()]),
            "https://c.example/api/comment?type=count&url=%2Fa%2Fx%2C%2Fa%2Fy&lang=zh-CN"
        );
        assert_eq!(
            post_url("https://c.example"),
            "https://c.example/api/comment?lang=zh-CN"
        );
    }
}
