//! In-app browser quirks: WeChat's font-size setting and iOS's back-forward cache.

use leptos::{ev, prelude::*};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// WeChat on Android rescales pages by the reader's WeChat font setting; the app has its own
/// font-size switch, so pin WeChat's factor to 0 (the default) once its bridge is ready.
pub fn neutralise_wechat_font_scaling() {
    if bridge().is_some() {
        set_wechat_font_size_zero();
        return;
    }
    let on_ready = Closure::<dyn Fn()>::new(set_wechat_font_size_zero);
    let _ = document()
        .add_event_listener_with_callback("WeixinJSBridgeReady", on_ready.as_ref().unchecked_ref());
    on_ready.forget();
}

fn bridge() -> Option<JsValue> {
    js_sys::Reflect::get(&window(), &"WeixinJSBridge".into())
        .ok()
        .filter(|b| b.is_object())
}

fn set_wechat_font_size_zero() {
    let Some(bridge) = bridge() else { return };
    invoke_font_size_zero(&bridge);
    // The reader may change the setting while the page is open.
    if let Some(on) = method(&bridge, "on") {
        let again = Closure::<dyn Fn()>::new(|| {
            if let Some(b) = self::bridge() {
                invoke_font_size_zero(&b);
            }
        });
        let _ = on.call2(
            &bridge,
            &"menu:setfont".into(),
            again.as_ref().unchecked_ref(),
        );
        again.forget();
    }
}

fn invoke_font_size_zero(bridge: &JsValue) {
    let args = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&args, &"fontSize".into(), &0.into());
    if let Some(invoke) = method(bridge, "invoke") {
        let _ = invoke.call2(bridge, &"setFontSizeCallback".into(), &args);
    }
}

fn method(target: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(target, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
}

/// A counter that pages track to refetch their data; bumped when iOS restores the page from
/// the back-forward cache, where the app's memory may be hours old.
#[derive(Clone, Copy)]
pub struct Freshness(pub RwSignal<u32>);

pub fn use_freshness() -> RwSignal<u32> {
    use_context::<Freshness>()
        .map(|f| f.0)
        .unwrap_or_else(|| RwSignal::new(0))
}

/// Provides [`Freshness`] and refreshes it on `pageshow` with `persisted`.
pub fn provide_freshness() {
    let fresh = RwSignal::new(0u32);
    provide_context(Freshness(fresh));
    let handle = window_event_listener(ev::pageshow, move |e: web_sys::PageTransitionEvent| {
        if e.persisted() {
            crate::api::forget_lists();
            fresh.update(|n| *n += 1);
        }
    });
    on_cleanup(move || handle.remove());
}
