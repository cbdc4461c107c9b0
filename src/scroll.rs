//! Scroll restoration: back/forward return to where the reader was; new pages open at the top.

use std::{collections::HashMap, time::Duration};

use leptos::{ev, prelude::*};
use leptos_router::hooks::use_location;

/// Remembers the scroll position per URL and restores it on popstate, waiting until the page is
/// tall enough (the list may still be rendering from cache).
#[component]
pub fn ScrollKeeper() -> impl IntoView {
    if let Ok(h) = window().history() {
        let _ = h.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let positions = StoredValue::new(HashMap::<String, f64>::new());
    let loc = use_location();
    let on_scroll = window_event_listener(ev::scroll, move |_| {
        let key = format!(
            "{}?{}",
            loc.pathname.get_untracked(),
            loc.search.get_untracked()
        );
        let y = window().scroll_y().unwrap_or(0.0);
        positions.update_value(|m| {
            m.insert(key, y);
        });
    });
    let on_pop = window_event_listener(ev::popstate, move |_| {
        let l = window().location();
        let key = format!(
            "{}?{}",
            l.pathname().unwrap_or_default(),
            l.search().unwrap_or_default().trim_start_matches('?')
        );
        let y = positions
            .with_value(|m| m.get(&key).copied())
            .unwrap_or(0.0);
        restore(y, 60);
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_pop.remove();
    });
}

fn restore(y: f64, tries: u32) {
    let height = document()
        .document_element()
        .map(|e| e.scroll_height())
        .unwrap_or(0) as f64;
    let viewport = window()
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    if height - viewport >= y || tries == 0 {
        window().scroll_to_with_x_and_y(0.0, y);
    } else {
        set_timeout(move || restore(y, tries - 1), Duration::from_millis(50));
    }
}
