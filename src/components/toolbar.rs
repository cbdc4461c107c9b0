//! The bottom toolbar on article pages: 首页 / 评论 / 分享 / Top.

use std::sync::Arc;

use leptos::{ev, html, prelude::*};
use newsfront_core::{
    share_env::{ShareCard, ShareEnv},
    Article,
};

use crate::{
    app::use_site,
    components::share::{
        env::current_share_env,
        panel::SharePanel,
        system::{self, SystemShareOutcome},
        wechat_guide::WechatGuide,
        wechat_sdk::use_wechat_share_card,
    },
    dom, strings,
};

/// What 分享 has opened, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ShareSurface {
    Panel,
    WechatGuide,
}

/// Top appears once the reader has scrolled this far.
const SHOW_TOP_AFTER: f64 = 400.0;

#[component]
pub fn Toolbar(article: Arc<Article>, comments: NodeRef<leptos::html::Section>) -> impl IntoView {
    let site = use_site();
    let card = ShareCard::for_article(&site.base_url, &article);
    use_wechat_share_card(site.share.wechat.clone(), card.clone());
    let open = RwSignal::new(None::<ShareSurface>);
    let share_button = NodeRef::<html::Button>::new();
    // Read the scroll position once the page has been painted, not while it is being built:
    // reading it here forces a layout of the half-built article (issue 7: ~4 ms a navigation).
    let scrolled = RwSignal::new(false);
    let update = move || {
        let past = dom::scroll_y() > SHOW_TOP_AFTER;
        if scrolled.try_get_untracked().is_some_and(|now| now != past) {
            scrolled.set(past);
        }
    };
    dom::after_paint(update);
    let listener = window_event_listener(ev::scroll, move |_| update());
    on_cleanup(move || listener.remove());
    let to_comments = move |_| {
        if let Some(el) = comments.get() {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_behavior(web_sys::ScrollBehavior::Smooth);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    };
    let sheet_card = card.clone();
    let share = move |_| match current_share_env() {
        ShareEnv::Wechat(_) => open.set(Some(ShareSurface::WechatGuide)),
        ShareEnv::Panel => open.set(Some(ShareSurface::Panel)),
        ShareEnv::SystemSheet => {
            let card = sheet_card.clone();
            leptos::task::spawn_local(async move {
                if system::share(&card).await == SystemShareOutcome::Failed {
                    open.set(Some(ShareSurface::Panel));
                }
            });
        }
    };
    let close = Callback::new(move |()| {
        open.set(None);
        if let Some(button) = share_button.get_untracked() {
            let _ = button.focus();
        }
    });
    let card = StoredValue::new(card);
    view! {
        <nav class="toolbar" aria-label="文章工具栏">
            <a class="toolbar__item" href=dom::href("/")>
                <span class="toolbar__icon" aria-hidden="true">"⌂"</span>{strings::HOME}
            </a>
            <button class="toolbar__item" on:click=to_comments>
                <span class="toolbar__icon" aria-hidden="true">"✎"</span>{strings::COMMENTS}
            </button>
            <button class="toolbar__item toolbar__share" on:click=share node_ref=share_button
                aria-haspopup="dialog">
                <span class="toolbar__icon" aria-hidden="true">"⇪"</span>{strings::SHARE}
            </button>
            <button class="toolbar__item toolbar__top" class:toolbar__top--on=move || scrolled.get()
                aria-hidden=move || (!scrolled.get()).to_string()
                tabindex=move || if scrolled.get() { "0" } else { "-1" }
                on:click=move |_| dom::scroll_to_top()>
                <span class="toolbar__icon" aria-hidden="true">"↑"</span>{strings::TOP}
            </button>
        </nav>
        {move || match open.get() {
            Some(ShareSurface::Panel) => view! { <SharePanel card=card.get_value() on_close=close/> }.into_any(),
            Some(ShareSurface::WechatGuide) => view! { <WechatGuide on_close=close/> }.into_any(),
            None => ().into_any(),
        }}
    }
}
