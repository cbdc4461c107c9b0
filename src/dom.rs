//! Small browser helpers: router base, shell removal, localStorage, clock.

use leptos::prelude::*;

/// The deployment sub-path from `<base href>` ("/news" or "" at the root), without a trailing slash.
pub fn router_base() -> String {
    document()
        .query_selector("base[href]")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_string()
}

/// The router base, provided once by `App`.
#[derive(Clone)]
pub struct Base(pub String);

/// An absolute in-app href including the base: `<A href>` does not add it (see notes §1).
pub fn href(path: &str) -> String {
    let base = use_context::<Base>().map(|b| b.0).unwrap_or_default();
    format!("{base}{path}")
}

/// Removes the static app shell from index.html once the app has mounted, and a prerendered
/// page's description (the app's `<Meta>` now keeps one per route).
pub fn remove_shell() {
    if let Some(shell) = document().get_element_by_id("shell") {
        shell.remove();
    }
    if let Ok(Some(meta)) = document().query_selector("meta[name=description][data-prerendered]") {
        meta.remove();
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Seconds since the epoch: the browser's clock, or the build machine's when prerendering.
pub fn now_unix() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// Runs `f` once the next frame has been painted: from a timeout queued by that frame's callback.
/// Not if the reactive owner current now has been disposed of by then (a page already left, or
/// a view built only to compile it, `crate::ahead`).
pub fn after_paint(f: impl FnOnce() + 'static) {
    let alive = StoredValue::new(());
    request_animation_frame(move || {
        set_timeout(
            move || {
                if alive.try_get_value().is_some() {
                    f();
                }
            },
            std::time::Duration::ZERO,
        )
    });
}

/// Whether `url` is on this page's origin.
pub fn same_origin(url: &web_sys::Url) -> bool {
    window().location().origin().ok().as_deref() == Some(url.origin().as_str())
}

/// The article a site path (with the router base `base`) is the page of.
pub fn article_of_path(base: &str, path: &str) -> Option<newsfront_core::ArticleId> {
    match newsfront_core::routes::Route::parse(path.strip_prefix(base)?) {
        newsfront_core::routes::Route::Article(id) => Some(id),
        _ => None,
    }
}

/// Marks the link the app clicks ahead of the reader (`ahead.rs`); `boot/first-stage.js` skips
/// it by the same name.
pub const AHEAD_ATTR: &str = "data-nf-ahead";

/// Calls `handler` with the event, the link's absolute `href` and its URL for every plain click
/// on a link (main button, no modifier key, no `target` or `download`, not prevented yet, not
/// the app's own click ahead of the reader: [`AHEAD_ATTR`]), in the capture phase: before the
/// router's own listener, which skips a prevented click. For as long as the page lives.
pub fn on_link_click(handler: impl Fn(&web_sys::MouseEvent, String, web_sys::Url) + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.shift_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        if ["target", "download", AHEAD_ATTR]
            .iter()
            .any(|a| anchor.has_attribute(a))
        {
            return;
        }
        let href = js_sys::Reflect::get(&anchor, &"href".into())
            .ok()
            .and_then(|h| h.as_string())
            .unwrap_or_default();
        if let Ok(url) = web_sys::Url::new(&href) {
            handler(&ev, href, url);
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
}

/// Runs `f` once the browser is idle (`requestIdleCallback`, at most 2 s away), or soon where
/// it has none (Safari).
pub fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let callback = Closure::once_into_js(f);
    let idle = js_sys::Reflect::get(&window(), &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let _ = match idle {
        Some(idle) => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &JsValue::from(2000));
            idle.call2(&window(), &callback, &options)
        }
        None => window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 200)
            .map(JsValue::from),
    };
}

/// Resolves once the browser is idle ([`when_idle`]).
pub async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        when_idle(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a later task (a zero timeout): what follows does not lengthen the current one.
pub async fn next_task() {
    sleep(0).await;
}

/// Resolves after `ms` milliseconds, in a later task.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub fn scroll_y() -> f64 {
    window().scroll_y().unwrap_or(0.0)
}

pub fn scroll_to_top() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Copies text with the Clipboard API, falling back to a hidden textarea and `execCommand`
/// where the API is missing (insecure contexts, old webviews). Returns whether it worked.
pub async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let navigator = window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    if let Some(cb) = clipboard.filter(|c| !c.is_undefined() && !c.is_null()) {
        if let Ok(write) = js_sys::Reflect::get(&cb, &"writeText".into()) {
            if let Some(write) = write.dyn_ref::<js_sys::Function>() {
                if let Ok(p) = write.call1(&cb, &text.into()) {
                    if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                        if wasm_bindgen_futures::JsFuture::from(p).await.is_ok() {
                            return true;
                        }
                    }
                }
            }
        }
    }
    copy_with_textarea(text)
}

fn copy_with_textarea(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let doc = document();
    let Ok(el) = doc.create_element("textarea") else {
        return false;
    };
    let area: web_sys::HtmlTextAreaElement = el.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    area.set_class_name("copy-buffer");
    let Some(body) = doc.body() else { return false };
    let _ = body.append_child(&area);
    area.select();
    let html: &web_sys::HtmlDocument = doc.unchecked_ref();
    let ok = html.exec_command("copy").unwrap_or(false);
    area.remove();
    ok
}
