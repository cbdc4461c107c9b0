//! In-app browser quirks: iOS's back-forward cache; and lists read from the service worker's saved
//! copies, fetched again once the network is back. (WeChat's font-size setting is pinned by the
//! first stage, boot/first-stage.js, so it holds on pages the app never takes over.)

use leptos::{ev, prelude::*};

/// A counter that pages track to refetch their data; bumped when iOS restores the page from
/// the back-forward cache, where the app's memory may be hours old.
#[derive(Clone, Copy)]
pub struct Freshness(pub RwSignal<u32>);

pub fn use_freshness() -> RwSignal<u32> {
    use_context::<Freshness>()
        .map(|f| f.0)
        .unwrap_or_else(|| RwSignal::new(0))
}

/// Provides [`Freshness`] and refreshes it on `pageshow` with `persisted`, and on `online` when a
/// list came from the saved copies.
pub fn provide_freshness() {
    let fresh = RwSignal::new(0u32);
    provide_context(Freshness(fresh));
    let refresh = move || {
        crate::api::forget_lists();
        fresh.update(|n| *n += 1);
    };
    let shown = window_event_listener(ev::pageshow, move |e: web_sys::PageTransitionEvent| {
        if e.persisted() {
            refresh();
        }
    });
    let online = window_event_listener(ev::online, move |_| {
        if crate::api::any_saved_list() {
            refresh();
        }
    });
    on_cleanup(move || {
        shown.remove();
        online.remove();
    });
}
