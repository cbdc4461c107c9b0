//! What the tests look for on a page, named once: the parts of the app's markup several tests
//! wait for or tap.

/// The article page's title.
pub const ARTICLE_TITLE: &str = "h1.article__title";
/// A paragraph of an article's body.
pub const PARAGRAPH: &str = ".article__body p";
/// One item of a list (home, category).
pub const LIST_ITEM: &str = ".article-list__item";
/// The link of a list item (to its article).
pub const LIST_LINK: &str = "a.article-list__link";
/// 加载更多 under a list.
pub const LOAD_MORE: &str = "button.load-more";
/// The category bar's links.
pub const NAV_LINKS: &str = "nav.cat-nav a";
/// The site's name in the header.
pub const SITE_NAME: &str = "header .site-header__name";
/// An error's message (a failed load, a refused file) and its 重试.
pub const ERROR_MESSAGE: &str = ".error-panel__message";
pub const RETRY: &str = ".error-panel__retry";
/// 分享 in the article toolbar, the share panel and the WeChat guide it opens.
pub const SHARE_BUTTON: &str = "button.toolbar__share";
pub const SHARE_PANEL: &str = ".share-panel";
pub const WECHAT_GUIDE: &str = ".share-guide";
/// How old a list is that the service worker served from its saved copies.
pub const SAVED_NOTE: &str = ".saved-note";
/// The offline page (a page never saved, no network) and its 重试.
pub const OFFLINE_PAGE_TITLE: &str = ".offline-page__title";
pub const OFFLINE_PAGE_RETRY: &str = ".offline-page__button--primary";
/// The notice the first stage shows when the app's files fail to load.
pub const LOAD_ERROR: &str = "#load-error:not([hidden])";
/// 搜索 in the header, the search box, and what the search page says about a query.
pub const SEARCH_LINK: &str = "header a.site-header__search";
pub const SEARCH_INPUT: &str = "input.search-form__input";
pub const SEARCH_STATUS: &str = "[data-search-status]";
/// The search results' titles, and the marked matches in them.
pub const RESULT_TITLES: &str = "[data-search-results] .article-list__title";
pub const SEARCH_HITS: &str = "[data-search-results] mark.search-hit";
