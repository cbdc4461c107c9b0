//! The bottom toolbar on article pages: 首页 / 评论 / 分享 / Top, with the share panel and the
//! WeChat guide it opens. Markup only: the first stage (boot/first-stage.js) gives the buttons
//! their behaviour, so they work on a prerendered page before the app has loaded. In the app the
//! toolbar also sets the WeChat share card where the site configures the JS-SDK.

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::{share_env::ShareCard, Article};

use crate::{
    components::share::{panel::SharePanel, wechat_guide::WechatGuide},
    dom,
    site::use_site,
    strings,
};

#[component]
pub fn Toolbar(article: Arc<Article>) -> impl IntoView {
    let site = use_site();
    let card = ShareCard::for_article(&site.base_url, &article);
    // The first stage starts the app on a prerendered article for this, in WeChat only.
    let wechat_card = site.share.wechat.is_some().then_some("");
    #[cfg(target_arch = "wasm32")]
    if let (Some(config), Some(_)) = (
        site.share.wechat.clone(),
        crate::components::share::env::wechat_platform(),
    ) {
        let card = card.clone();
        leptos::task::spawn_local(async move {
            // Decoration: without its chunk the reader still has the ··· menu.
            let _ = crate::chunks::wechat_share_card(config, card).await;
        });
    }
    view! {
        <nav class="toolbar" aria-label="文章工具栏" data-nf-wechat-card=wechat_card>
            <a class="toolbar__item" href=dom::href("/")>
                <span class="toolbar__icon" aria-hidden="true">"⌂"</span>{strings::HOME}
            </a>
            <button class="toolbar__item" data-nf-comments="">
                <span class="toolbar__icon" aria-hidden="true">"✎"</span>{strings::COMMENTS}
            </button>
            <button class="toolbar__item toolbar__share" data-nf-share="" aria-haspopup="dialog"
                aria-expanded="false" data-title=card.title.clone() data-text=card.summary.clone()
                data-url=card.url.clone()>
                <span class="toolbar__icon" aria-hidden="true">"⇪"</span>{strings::SHARE}
            </button>
            <button class="toolbar__item toolbar__top" data-nf-top="" aria-hidden="true" tabindex="-1">
                <span class="toolbar__icon" aria-hidden="true">"↑"</span>{strings::TOP}
            </button>
        </nav>
        <SharePanel card/>
        <WechatGuide/>
    }
}
