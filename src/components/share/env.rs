//! What the browser tells us about sharing: the user agent, the landing URL, and on iOS WeChat
//! the full-page navigation to article links (docs/sharing.md).

use std::cell::OnceCell;

use leptos::prelude::*;
use newsfront_core::share_env::{self, needs_full_navigation, WechatPlatform};

thread_local! {
    /// `location.href` when the app started: the URL iOS WeChat signs against.
    static LANDING_URL: OnceCell<String> = const { OnceCell::new() };
}

fn user_agent() -> String {
    window().navigator().user_agent().unwrap_or_default()
}

fn current_url() -> String {
    window().location().href().unwrap_or_default()
}

/// WeChat's platform, or `None` outside WeChat.
pub fn wechat_platform() -> Option<WechatPlatform> {
    share_env::wechat_platform(&user_agent())
}

/// The URL the JS-SDK must sign for the page showing now.
pub fn url_to_sign(platform: WechatPlatform) -> String {
    let current = current_url();
    LANDING_URL.with(|landing| {
        let landing = landing.get().map(String::as_str).unwrap_or(&current);
        share_env::url_to_sign(platform, landing, &current).to_string()
    })
}

/// Call once at start-up, before any in-app navigation: records the landing URL and, on iOS
/// WeChat, turns clicks on article links into full page loads.
pub fn install(router_base: &str) {
    LANDING_URL.with(|l| {
        let _ = l.set(current_url());
    });
    let platform = wechat_platform();
    if platform != Some(WechatPlatform::Ios) {
        return;
    }
    let base = router_base.to_string();
    crate::dom::on_link_click(move |ev, href, url| {
        if crate::dom::same_origin(&url) && needs_full_navigation(platform, &base, &url.pathname())
        {
            ev.prevent_default();
            let _ = window().location().assign(&href);
        }
    });
}
