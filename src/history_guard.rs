//! No history error ever reaches the router. leptos_router unwraps the result of
//! `history.pushState`/`replaceState`, which throw for a URL of another origin (a site path
//! that resolves to `//host/…`) and, in Safari, for too many calls in a short time; a panic
//! there kills the app. Links are validated in `newsfront_core::Link`, so this is the second
//! line: a link the router could not push is followed as a full page load, and a push that
//! throws anyway becomes a page load of the same URL or, for another origin, nothing.

use leptos::{logging, prelude::*};

use crate::dom::same_origin;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// Installs both guards; call once, before the router starts.
pub fn install() {
    guard_anchor_clicks();
    for method in ["pushState", "replaceState"] {
        if let Err(e) = guard_history_method(method) {
            logging::warn!("history.{method} left unguarded: {e:?}");
        }
    }
}

/// A same-origin link whose path, as the router decodes it, would resolve to another origin
/// is loaded in full instead (its `href` is this site's own URL).
fn guard_anchor_clicks() {
    crate::dom::on_link_click(|ev, href, url| {
        if !same_origin(&url) || router_target_is_same_origin(&url) {
            return;
        }
        ev.prevent_default();
        logging::warn!("{href} cannot be pushed into the history: loading it in full");
        let _ = window().location().assign(&href);
    });
}

/// What leptos_router pushes for a link (the path through `decodeURI`, then the query and
/// fragment) stays on this origin once resolved.
fn router_target_is_same_origin(url: &web_sys::Url) -> bool {
    let path = js_sys::decode_uri(&url.pathname())
        .ok()
        .and_then(|p| p.as_string())
        .unwrap_or_else(|| url.pathname());
    let pushed = format!("{path}{}{}", url.search(), url.hash());
    resolve(&pushed).is_some_and(|u| same_origin(&u))
}

fn resolve(url: &str) -> Option<web_sys::Url> {
    let here = window().location().href().ok()?;
    web_sys::Url::new_with_base(url, &here).ok()
}

/// Replaces `history[method]` with a function that calls the original and never throws: when it
/// does, a same-origin URL is loaded in full (`pushState` → `assign`, `replaceState` →
/// `replace`) and any other is refused.
fn guard_history_method(method: &'static str) -> Result<(), JsValue> {
    let history: JsValue = window().history()?.into();
    let original: js_sys::Function = js_sys::Reflect::get(&history, &method.into())?.dyn_into()?;
    let this = history.clone();
    let guarded = Closure::<dyn Fn(JsValue, JsValue, JsValue)>::new(
        move |state: JsValue, title: JsValue, url: JsValue| {
            let args = js_sys::Array::of3(&state, &title, &url);
            let Err(error) = js_sys::Reflect::apply(&original, &this, &args) else {
                return;
            };
            let target = url.as_string().and_then(|u| resolve(&u));
            match target.filter(same_origin) {
                Some(target) => {
                    logging::warn!("history.{method} failed ({error:?}): loading in full");
                    let location = window().location();
                    let _ = match method {
                        "replaceState" => location.replace(&target.href()),
                        _ => location.assign(&target.href()),
                    };
                }
                None => logging::warn!("history.{method} refused for another origin: {url:?}"),
            }
        },
    );
    js_sys::Reflect::set(&history, &method.into(), guarded.as_ref())?;
    guarded.forget();
    Ok(())
}
