//! The app's split points (docs/performance.md, "What loads when"). Each function's code, with
//! what only it uses, is a wasm chunk of its own, fetched the first time it is called; the main
//! module is only the start. A chunk that fails to load (a 404 after a redeploy, offline) is an
//! `Err` its caller shows with a retry, never a panic. On the native prerenderer these are plain
//! calls, and so they are with feature `unsplit`: the wasm tests run cargo's output directly,
//! where the splitter's placeholder imports would never resolve.

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::{share_env::ShareCard, Article, ArticleId, WechatShare, Zone};
use wasm_split_helpers::SplitLoaderError;

/// One split point: `#[wasm_split(...)]` on the function, or with `unsplit` the same body as an
/// `async fn` with the same signature, so callers are the same either way.
macro_rules! split_point {
    ($(#[doc = $doc:literal])* #[split($($opt:tt)*)]
     pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[doc = $doc])*
        #[cfg(not(feature = "unsplit"))]
        #[wasm_split_helpers::wasm_split($($opt)*)]
        pub fn $name($($arg: $ty),*) -> $ret $body

        $(#[doc = $doc])*
        #[cfg(feature = "unsplit")]
        pub async fn $name($($arg: $ty),*) -> $ret $body
    };
}

split_point! {
/// The whole app, mounted over the page (lists, the fallback page): router, header, lists.
#[split(app, fallible)]
pub fn mount_app() -> Result<(), SplitLoaderError> {
    leptos::mount::mount_to_body(crate::app::App);
    crate::dom::remove_shell();
    Ok(())
}
}

/// With `unsplit` there is no chunk to fetch ahead.
#[cfg(feature = "unsplit")]
pub async fn preload_article_view() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// With `unsplit` there is no chunk to fetch ahead.
#[cfg(feature = "unsplit")]
pub async fn preload_search() -> Result<(), SplitLoaderError> {
    Ok(())
}

split_point! {
/// What a prerendered article needs of the app: live comments, the WeChat share card.
#[split(islands, fallible)]
pub fn start_islands() -> Result<(), SplitLoaderError> {
    crate::islands::start();
    Ok(())
}
}

split_point! {
/// An article below its route: content, comments and toolbar (and the share panel).
#[split(article, fallible, preload(preload_article_view))]
pub fn article_view(article: Arc<Article>) -> Result<AnyView, SplitLoaderError> {
    Ok(crate::routes::article::article_view(article))
}
}

split_point! {
/// The article view built once for `article` and thrown away (`crate::ahead`).
#[split(article, fallible)]
pub fn warm_article_view(owner: Owner, article: Arc<Article>) -> Result<(), SplitLoaderError> {
    crate::routes::article::build_and_drop(&owner, article);
    Ok(())
}
}

split_point! {
/// Live comments from a Waline server: threads, replies, the compose form.
#[split(comments_live, fallible)]
pub fn waline_comments(
    server: String,
    id: ArticleId,
    zone: Zone,
    count: RwSignal<Option<u32>>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(crate::components::comments::waline_view(
        server, id, zone, count,
    ))
}
}

split_point! {
/// The WeChat JS-SDK share card (only inside WeChat, only where the site configures it).
#[split(wechat, fallible)]
pub fn wechat_share_card(config: WechatShare, card: ShareCard) -> Result<(), SplitLoaderError> {
    crate::components::share::wechat_sdk::use_wechat_share_card(Some(config), card);
    Ok(())
}
}

split_point! {
/// The share panel's QR code: SVG path data and side length in modules.
#[split(qr, fallible)]
pub fn qr_path(text: String) -> Result<Option<(String, usize)>, SplitLoaderError> {
    Ok(crate::components::share::qr::path_data(&text))
}
}

split_point! {
/// Search: the query rules, ranking, highlighting and the results view for `q` (the search
/// page itself, its box, is in the app).
#[split(search, fallible, preload(preload_search))]
pub fn search_results(q: String) -> Result<AnyView, SplitLoaderError> {
    Ok(crate::components::search_results::results_view(q))
}
}
