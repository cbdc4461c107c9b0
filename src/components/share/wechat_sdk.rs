//! WeChat JS-SDK glue: load the SDK lazily with a `<script src>` (no inline script, for a
//! strict CSP), ask the site's signing endpoint to sign the right page URL, `wx.config`, and
//! set the article's share card for 发送给朋友 and 分享到朋友圈.

use std::cell::RefCell;

use gloo_net::http::Request;
use leptos::{logging, prelude::*};
use newsfront_core::share_env::{parse_signature, sign_request_url, ShareCard, WechatPlatform};
use newsfront_core::WechatShare;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::env;

const JS_API_LIST: [&str; 2] = ["updateAppMessageShareData", "updateTimelineShareData"];

thread_local! {
    /// Resolves when the SDK script has loaded (one load per page).
    static SDK_LOADED: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// The URL `wx.config` was last called for, and a promise of its `wx.ready`.
    static CONFIGURED: RefCell<Option<(String, js_sys::Promise)>> = const { RefCell::new(None) };
}

/// Sets the article's share card inside WeChat when the site configures the JS-SDK;
/// does nothing (loads nothing) otherwise. Call on every article route.
pub fn use_wechat_share_card(config: Option<WechatShare>, card: ShareCard) {
    let (Some(config), Some(platform)) = (config, env::wechat_platform()) else {
        return;
    };
    leptos::task::spawn_local(async move {
        if let Err(e) = set_share_card(&config, platform, &card).await {
            logging::warn!("WeChat share card not set: {e}");
        }
    });
}

async fn set_share_card(
    config: &WechatShare,
    platform: WechatPlatform,
    card: &ShareCard,
) -> Result<(), String> {
    load_sdk(&config.sdk_url).await?;
    let wx = wx()?;
    let page_url = env::url_to_sign(platform);
    let ready = match CONFIGURED.with_borrow(|c| c.clone()) {
        Some((url, ready)) if url == page_url => ready,
        _ => {
            let ready = configure(&wx, &config.sign_url, &page_url).await?;
            CONFIGURED.set(Some((page_url, ready.clone())));
            ready
        }
    };
    JsFuture::from(ready)
        .await
        .map_err(|e| format!("wx.error: {}", describe(&e)))?;
    let app_message = share_data(card, true);
    let timeline = share_data(card, false);
    call(&wx, "updateAppMessageShareData", &app_message)?;
    call(&wx, "updateTimelineShareData", &timeline)?;
    Ok(())
}

/// Signs `page_url`, calls `wx.config`, and returns a promise of `wx.ready` (rejected by `wx.error`).
async fn configure(
    wx: &JsValue,
    sign_url: &str,
    page_url: &str,
) -> Result<js_sys::Promise, String> {
    let request = sign_request_url(sign_url, page_url);
    let response = Request::get(&request)
        .send()
        .await
        .map_err(|e| format!("{request}: {e}"))?;
    if !response.ok() {
        return Err(format!("{request}: HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    let sig = parse_signature(&text).map_err(|e| e.to_string())?;
    let options = js_sys::Object::new();
    set(&options, "debug", &JsValue::FALSE);
    set(&options, "appId", &sig.app_id.into());
    // WeChat expects a number; keep the text when the endpoint sent a non-numeric one.
    let ts = sig
        .timestamp
        .parse::<f64>()
        .map(JsValue::from)
        .unwrap_or_else(|_| sig.timestamp.clone().into());
    set(&options, "timestamp", &ts);
    set(&options, "nonceStr", &sig.nonce_str.into());
    set(&options, "signature", &sig.signature.into());
    let apis: js_sys::Array = JS_API_LIST.iter().map(|s| JsValue::from_str(s)).collect();
    set(&options, "jsApiList", &apis);
    call(wx, "config", &options)?;
    let wx = wx.clone();
    let ready = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = call(&wx, "ready", &resolve);
        let _ = call(&wx, "error", &reject);
    });
    Ok(ready)
}

fn share_data(card: &ShareCard, with_desc: bool) -> JsValue {
    let data = js_sys::Object::new();
    set(&data, "title", &card.title.as_str().into());
    if with_desc {
        set(&data, "desc", &card.summary.as_str().into());
    }
    set(&data, "link", &card.url.as_str().into());
    set(
        &data,
        "imgUrl",
        &card.image.as_deref().unwrap_or_default().into(),
    );
    data.into()
}

/// Appends `<script src>` once; resolves on load, rejects on error.
async fn load_sdk(sdk_url: &str) -> Result<(), String> {
    if wx().is_ok() {
        return Ok(());
    }
    let promise = SDK_LOADED.with_borrow_mut(|slot| {
        slot.get_or_insert_with(|| {
            js_sys::Promise::new(&mut |resolve, reject| {
                let doc = document();
                let Ok(script) = doc.create_element("script") else {
                    let _ = reject.call1(&JsValue::NULL, &"cannot create <script>".into());
                    return;
                };
                let script: web_sys::HtmlElement = script.unchecked_into();
                let _ = script.set_attribute("src", sdk_url);
                script.set_onload(Some(&resolve));
                script.set_onerror(Some(&reject));
                if let Some(head) = doc.head() {
                    let _ = head.append_child(&script);
                }
            })
        })
        .clone()
    });
    match JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(_) => {
            // Let a later article try again.
            SDK_LOADED.set(None);
            Err(format!("cannot load the JS-SDK from {sdk_url}"))
        }
    }
}

fn wx() -> Result<JsValue, String> {
    js_sys::Reflect::get(&window(), &"wx".into())
        .ok()
        .filter(|w| w.is_object())
        .ok_or_else(|| "window.wx is missing after loading the SDK".to_string())
}

fn call(wx: &JsValue, method: &str, arg: &JsValue) -> Result<JsValue, String> {
    let f = js_sys::Reflect::get(wx, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("wx.{method} is not a function"))?;
    f.call1(wx, arg)
        .map_err(|e| format!("wx.{method}: {}", describe(&e)))
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &key.into(), value);
}

fn describe(e: &JsValue) -> String {
    js_sys::JSON::stringify(e)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
