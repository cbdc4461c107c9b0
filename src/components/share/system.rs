//! The system share sheet (`navigator.share`), where the browser has one.

use leptos::prelude::*;
use newsfront_core::share_env::ShareCard;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How a `navigator.share` call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemShareOutcome {
    Shared,
    /// The reader closed the sheet: not an error, nothing to show.
    Cancelled,
    /// No sheet or it refused (e.g. `NotAllowedError`): fall back to the panel.
    Failed,
}

/// Opens the system share sheet with the card's title, summary and canonical URL.
pub async fn share(card: &ShareCard) -> SystemShareOutcome {
    let navigator = window().navigator();
    let Some(share) = js_sys::Reflect::get(&navigator, &"share".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return SystemShareOutcome::Failed;
    };
    let data = js_sys::Object::new();
    for (key, value) in [
        ("title", card.title.as_str()),
        ("text", card.summary.as_str()),
        ("url", card.url.as_str()),
    ] {
        let _ = js_sys::Reflect::set(&data, &key.into(), &value.into());
    }
    let Ok(promise) = share.call1(&navigator, &data) else {
        return SystemShareOutcome::Failed;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return SystemShareOutcome::Shared;
    };
    match JsFuture::from(promise).await {
        Ok(_) => SystemShareOutcome::Shared,
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                SystemShareOutcome::Cancelled
            } else {
                SystemShareOutcome::Failed
            }
        }
    }
}
