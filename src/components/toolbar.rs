//! The bottom toolbar on article pages: 首页 / 评论 / 分享 / Top.

use std::sync::Arc;

use leptos::{ev, prelude::*};
use newsfront_core::{share::canonical_article_url, Article};

use crate::{app::use_site, components::toast::use_toast, dom, strings};

/// Top appears once the reader has scrolled this far.
const SHOW_TOP_AFTER: f64 = 400.0;

#[component]
pub fn Toolbar(article: Arc<Article>, comments: NodeRef<leptos::html::Section>) -> impl IntoView {
    let site = use_site();
    let toast = use_toast();
    let url = canonical_article_url(&site.base_url, &article.id);
    let scrolled = RwSignal::new(dom::scroll_y() > SHOW_TOP_AFTER);
    let listener = window_event_listener(ev::scroll, move |_| {
        let past = dom::scroll_y() > SHOW_TOP_AFTER;
        if scrolled.get_untracked() != past {
            scrolled.set(past);
        }
    });
    on_cleanup(move || listener.remove());
    let to_comments = move |_| {
        if let Some(el) = comments.get() {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_behavior(web_sys::ScrollBehavior::Smooth);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    };
    let share = move |_| {
        let url = url.clone();
        leptos::task::spawn_local(async move {
            match dom::copy_text(&url).await {
                true => toast.show(strings::LINK_COPIED),
                false => toast.show(strings::COPY_FAILED),
            }
        });
    };
    view! {
        <nav class="toolbar" aria-label="文章工具栏">
            <a class="toolbar__item" href=dom::href("/")>
                <span class="toolbar__icon" aria-hidden="true">"⌂"</span>{strings::HOME}
            </a>
            <button class="toolbar__item" on:click=to_comments>
                <span class="toolbar__icon" aria-hidden="true">"✎"</span>{strings::COMMENTS}
            </button>
            <button class="toolbar__item toolbar__share" on:click=share>
                <span class="toolbar__icon" aria-hidden="true">"⇪"</span>{strings::SHARE}
            </button>
            <button class="toolbar__item toolbar__top" class:toolbar__top--on=move || scrolled.get()
                aria-hidden=move || (!scrolled.get()).to_string()
                tabindex=move || if scrolled.get() { "0" } else { "-1" }
                on:click=move |_| dom::scroll_to_top()>
                <span class="toolbar__icon" aria-hidden="true">"↑"</span>{strings::TOP}
            </button>
        </nav>
    }
}
