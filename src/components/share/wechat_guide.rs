//! The overlay inside WeChat: a page cannot open WeChat's share sheet, so point the reader to
//! the ··· menu at the top right. Any tap or Escape dismisses it.

use leptos::{ev, html, prelude::*};

use crate::strings;

#[component]
pub fn WechatGuide(on_close: Callback<()>) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            let _ = el.focus();
        }
    });
    let on_key = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || on_key.remove());
    view! {
        <div class="share-guide" role="dialog" aria-modal="true" aria-label=strings::SHARE
            tabindex="-1" node_ref=root on:click=move |_| on_close.run(())>
            <span class="share-guide__arrow" aria-hidden="true">"↗"</span>
            <p class="share-guide__text">{strings::WECHAT_GUIDE}</p>
            <button type="button" class="share-guide__dismiss">{strings::WECHAT_GUIDE_DISMISS}</button>
        </div>
    }
}
