//! A prerendered article page is not taken over by the app: its text, toolbar and static
//! comments already work with the first stage. The app runs only what needs it there: live
//! comments from a Waline server, mounted in place of the page's comments section, and the
//! WeChat share card.

use leptos::prelude::*;
use newsfront_core::{ArticleId, CommentSettings};
use wasm_bindgen::JsCast;

use crate::{
    api,
    components::{
        comments::{CommentsSection, CommentsSource},
        error_panel::ErrorPanel,
        share::env,
    },
    dom,
    site::provide_contexts,
    strings,
};

pub fn start() {
    let base = dom::router_base();
    let Some(id) = article_id(&base) else {
        return;
    };
    leptos::task::spawn_local(async move {
        // The page carries the site file; a failure here leaves the page as it is.
        let Ok(site) = api::site().await else {
            return;
        };
        let live = document()
            .query_selector("#comments [data-nf-live]")
            .ok()
            .flatten();
        let waline = matches!(site.comments, CommentSettings::Waline { .. });
        let card = site
            .share
            .wechat
            .clone()
            .filter(|_| env::wechat_platform().is_some());
        if !(waline && live.is_some()) && card.is_none() {
            return;
        }
        let article = match api::article(id).await {
            Ok(article) => article,
            Err(error) => {
                if let Some(placeholder) = live {
                    show_error(placeholder, error);
                }
                return;
            }
        };
        if let Some(config) = card {
            let card = newsfront_core::share_env::ShareCard::for_article(&site.base_url, &article);
            // Decoration: without its chunk the reader still has the ··· menu.
            let _ = crate::chunks::wechat_share_card(config, card).await;
        }
        let Some(section) = live.and_then(|_| document().get_element_by_id("comments")) else {
            return;
        };
        // The live section replaces the prerendered one where it stands.
        let Ok(host) = document().create_element("div") else {
            return;
        };
        host.set_class_name("comments-island");
        if section.replace_with_with_node_1(&host).is_err() {
            return;
        }
        let host: web_sys::HtmlElement = host.unchecked_into();
        leptos::mount::mount_to(host, move || {
            provide_contexts(site.clone(), &base);
            view! { <CommentsSection article=article.clone() source=CommentsSource::Live/> }
        })
        .forget();
    });
}

/// The article could not be loaded: say so where the comments go, with a retry of the start.
fn show_error(placeholder: web_sys::Element, error: api::ApiError) {
    placeholder.set_text_content(None);
    let host: web_sys::HtmlElement = placeholder.clone().unchecked_into();
    let handle = leptos::mount::mount_to(host, move || {
        let placeholder = placeholder.clone();
        let retry = Callback::new(move |_| {
            placeholder.set_inner_html("");
            placeholder.set_text_content(Some(strings::LOADING));
            start();
        });
        view! { <ErrorPanel message=error.to_string() on_retry=retry/> }
    });
    handle.forget();
}

/// The article of this page's path.
fn article_id(base: &str) -> Option<ArticleId> {
    crate::dom::article_of_path(base, &window().location().pathname().ok()?)
}
