//! The overlay inside WeChat: a page cannot open WeChat's share sheet, so point the reader to
//! the ··· menu at the top right. Rendered hidden; the first stage shows it, and any tap or
//! Escape dismisses it.

use leptos::prelude::*;

use crate::strings;

#[component]
pub fn WechatGuide() -> impl IntoView {
    view! {
        <div class="share-guide" role="dialog" aria-modal="true" aria-label=strings::SHARE
            tabindex="-1" hidden>
            <span class="share-guide__arrow" aria-hidden="true">"↗"</span>
            <p class="share-guide__text">{strings::WECHAT_GUIDE}</p>
            <button type="button" class="share-guide__dismiss">{strings::WECHAT_GUIDE_DISMISS}</button>
        </div>
    }
}
