//! The hand-over from the first stage (boot/first-stage.js): which start it asked for, whether a
//! dialog it opened is still up, and the taps it held until the app could honour them.

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
