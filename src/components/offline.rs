//! A notice while the browser reports it is offline.

use leptos::{ev, prelude::*};

use crate::strings;

#[component]
pub fn OfflineNotice() -> impl IntoView {
    let offline = RwSignal::new(!window().navigator().on_line());
    let on = window_event_listener(ev::online, move |_| offline.set(false));
    let off = window_event_listener(ev::offline, move |_| offline.set(true));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    view! {
        <Show when=move || offline.get()>
            <p class="offline-notice" role="status">{strings::OFFLINE}</p>
        </Show>
    }
}
