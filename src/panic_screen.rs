//! A panic never leaves a blank page: show a fixed message with a reload button.

use wasm_bindgen::{closure::Closure, JsCast};

use crate::strings;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        #[cfg(debug_assertions)]
        console_error_panic_hook::hook(info);
        #[cfg(not(debug_assertions))]
        let _ = info;
        show();
    }));
}

/// Puts the fixed panic message and a reload button over the page (once).
pub fn show() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("panic-screen").is_some() {
        return;
    }
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    panel.set_id("panic-screen");
    panel.set_class_name("panic-screen");
    panel.set_attribute("role", "alert").ok();
    if let Ok(p) = doc.create_element("p") {
        p.set_text_content(Some(strings::PANIC_TEXT));
        panel.append_child(&p).ok();
    }
    if let Ok(button) = doc.create_element("button") {
        button.set_text_content(Some(strings::RELOAD));
        button.set_class_name("button button--primary");
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        button
            .add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())
            .ok();
        reload.forget();
        panel.append_child(&button).ok();
    }
    body.append_child(&panel).ok();
}
