//! The hand-over from the first stage (boot/first-stage.js): which start it asked for, whether a
//! dialog it opened is still up, and the taps it held until the app could honour them; and the
//! whole page loads the app asks for when the site changed under it or only the page is saved.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// What the first stage asked the wasm to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Mount the app over the page (lists, the SPA fallback, every page without a first stage).
    Full,
    /// A prerendered article: run only what needs the app there.
    Islands,
}

pub fn requested() -> Start {
    let root = document().document_element();
    match root.and_then(|r| r.get_attribute("data-nf-app")).as_deref() {
        Some("islands") => Start::Islands,
        _ => Start::Full,
    }
}

/// Runs `f` now, or once the first stage has closed the dialog it has open: mounting the app
/// replaces the prerendered page, which would take the open panel with it.
pub fn when_no_dialog(f: impl FnOnce() + 'static) {
    let busy = document()
        .document_element()
        .is_some_and(|r| r.has_attribute("data-nf-busy"));
    if !busy {
        return f();
    }
    let once = Closure::once_into_js(f);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = document().add_event_listener_with_callback_and_add_event_listener_options(
        "nf-idle",
        once.unchecked_ref(),
        &options,
    );
}

/// The page number a tap on a prerendered list's 加载更多 asked for, taken so it is honoured
/// once.
pub fn take_held_more() -> Option<u32> {
    let nf = js_sys::Reflect::get(&window(), &"__nf".into()).ok()?;
    let take = js_sys::Reflect::get(&nf, &"take".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let held = take.call1(&nf, &JsValue::from_str("more")).ok()?;
    let page = js_sys::Reflect::get(&held, &"page".into()).ok()?.as_f64()?;
    (page >= 1.0 && page <= f64::from(u32::MAX)).then_some(page as u32)
}

/// The first stage's notice that the app could not be loaded, with its reload button.
pub fn show_load_error() {
    let failed = js_sys::Reflect::get(&window(), &"__nf".into())
        .and_then(|nf| js_sys::Reflect::get(&nf, &"failed".into()))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match failed {
        Some(f) => {
            let _ = f.call0(&JsValue::NULL);
        }
        // No first stage on the page: the panic screen says the same.
        None => crate::panic_screen::show(),
    }
}

/// A feed file in a newer format than this app reads: the site was redeployed while this tab
/// was open. A whole page load gets the new build (with a service worker too: pages are network
/// first). At most once a minute per tab, so a host that serves the new feed with the old pages
/// shows the message (内容格式版本过新) instead of loading again and again.
pub async fn reload_for_newer_feed() {
    reload_once("nf.reload.newer-feed").await;
}

/// The service worker has no copy of a feed file but has the page it belongs to (an article
/// read as a prerendered page, now opened in the app offline): loading the page shows it.
pub async fn show_saved_page() {
    let path = window().location().pathname().unwrap_or_default();
    reload_once(&format!("nf.reload.saved:{path}")).await;
}

/// Loads the page again unless the same reason did within the last minute (sessionStorage).
/// When it does, it resolves only after a while, so that the error which asked for the load is
/// not flashed before the page goes; a page that stays (a slow server, a cancelled load) shows
/// it then.
async fn reload_once(key: &str) {
    const AGAIN_AFTER_MS: f64 = 60_000.0;
    const SHOW_AFTER_MS: i32 = 8_000;
    let now = js_sys::Date::now();
    let store = window().session_storage().ok().flatten();
    let last = store
        .as_ref()
        .and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|t| t.parse::<f64>().ok());
    if last.is_some_and(|t| (0.0..AGAIN_AFTER_MS).contains(&(now - t))) {
        return;
    }
    if let Some(s) = &store {
        let _ = s.set_item(key, &now.to_string());
    }
    if window().location().reload().is_ok() {
        crate::dom::sleep(SHOW_AFTER_MS).await;
    }
}
