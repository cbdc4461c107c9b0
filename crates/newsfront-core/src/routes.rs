//! The site's routes: every page address the app, the prerenderer, sharing and comments use is
//! made and read here, and every page's title and description. Paths are relative to the
//! router base (`/news` when the site lives under a sub-path); canonical URLs add the site's
//! `base_url`.

use crate::{Article, ArticleId, Category, Site, Slug};

/// A page of the site, as its path says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`, pages 1..=`last` of the home list.
    Home,
    /// `/c/{slug}`.
    Category(Slug),
    /// `/a/{id}`.
    Article(ArticleId),
    /// `/search`, with or without `?q=`.
    Search,
    /// Anything else (the not-found page).
    Unknown,
}

impl Route {
    /// The route of `path` (without the base), e.g. from `location.pathname` after the base.
    /// A trailing slash is accepted; an id or slug that does not validate is [`Route::Unknown`].
    pub fn parse(path: &str) -> Route {
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        if path.is_empty() || path == "/" {
            return Route::Home;
        }
        if let Some(id) = path.strip_prefix("/a/") {
            return ArticleId::parse(id).map_or(Route::Unknown, Route::Article);
        }
        if let Some(slug) = path.strip_prefix("/c/") {
            return Slug::parse(slug).map_or(Route::Unknown, Route::Category);
        }
        if path == search() {
            return Route::Search;
        }
        Route::Unknown
    }

    /// The path (without the base).
    pub fn path(&self) -> String {
        match self {
            Route::Home | Route::Unknown => "/".to_string(),
            Route::Category(slug) => category(slug),
            Route::Article(id) => article(id),
            Route::Search => search().to_string(),
        }
    }
}

/// `/` — the home page.
pub fn home() -> &'static str {
    "/"
}

/// `/c/{slug}` — a category's list.
pub fn category(slug: &Slug) -> String {
    format!("/c/{slug}")
}

/// `/a/{id}` — an article.
pub fn article(id: &ArticleId) -> String {
    format!("/a/{id}")
}

/// `/search` — site search (its query is `?q=`, [`search_query`]).
pub fn search() -> &'static str {
    "/search"
}

/// The name of the query parameter of [`search`].
pub const SEARCH_PARAM: &str = "q";

/// `/search?q={query}` — the results for `query`, encoded.
pub fn search_query(query: &str) -> String {
    format!(
        "{}?{SEARCH_PARAM}={}",
        search(),
        crate::encode_uri_component(query)
    )
}

/// `{list}?page={page}` — a list shown down to `page` (加载更多).
pub fn list_page(list: &str, page: u32) -> String {
    format!("{list}?page={page}")
}

/// `{base_url}{path}` without a doubled slash: a page's canonical URL (what is shared).
pub fn canonical(site_base_url: &str, path: &str) -> String {
    format!(
        "{}/{}",
        site_base_url.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The document title: "{page} - {site}", or the site's name alone for the home page.
pub fn title(page: &str, site: &Site) -> String {
    if page.is_empty() {
        site.name.clone()
    } else {
        format!("{page} - {}", site.name)
    }
}

/// An article's title and description.
pub fn article_head(article: &Article, site: &Site) -> (String, String) {
    (title(&article.title, site), article.summary.clone())
}

/// A category's title and description.
pub fn category_head(category: &Category, site: &Site) -> (String, String) {
    (
        title(&category.name, site),
        format!("{} - {}", category.name, site.description),
    )
}

/// The home page's title and description.
pub fn home_head(site: &Site) -> (String, String) {
    (title("", site), site.description.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_parse() {
        let id = ArticleId::parse("158efa5accffce1b").unwrap();
        let slug = Slug::parse("lxzx").unwrap();
        assert_eq!(article(&id), "/a/158efa5accffce1b");
        assert_eq!(category(&slug), "/c/lxzx");
        assert_eq!(Route::parse(&article(&id)), Route::Article(id.clone()));
        assert_eq!(Route::parse("/a/158efa5accffce1b/"), Route::Article(id));
        assert_eq!(Route::parse(&category(&slug)), Route::Category(slug));
        assert_eq!(Route::parse(home()), Route::Home);
        assert_eq!(Route::parse(search()), Route::Search);
        assert_eq!(
            search_query("陇县 a&b=#"),
            "/search?q=%E9%99%87%E5%8E%BF%20a%26b%3D%23"
        );
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(list_page("/c/lxzx", 3), "/c/lxzx?page=3");
    }

    #[test]
    fn bad_ids_and_other_paths_are_unknown() {
        for path in [
            "/a/",
            "/a/../x",
            "/c/Bad Slug",
            "/x",
            "/a/b/c",
            "//evil.example",
        ] {
            assert_eq!(Route::parse(path), Route::Unknown, "{path}");
        }
    }

    #[test]
    fn canonical_urls_have_one_slash() {
        assert_eq!(
            canonical("https://n.cn/news/", "/a/x"),
            "https://n.cn/news/a/x"
        );
        assert_eq!(
            canonical("https://n.cn/news", "/a/x"),
            "https://n.cn/news/a/x"
        );
        assert_eq!(canonical("https://n.cn/", home()), "https://n.cn/");
    }
}
