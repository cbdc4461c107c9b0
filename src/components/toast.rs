//! The toast region: short confirmations ("链接已复制") that fade after a moment. The first stage
//! (boot/first-stage.js) writes them; the app only provides the live region, so a screen reader
//! announces them.

use leptos::prelude::*;

#[component]
pub fn ToastView() -> impl IntoView {
    view! { <div class="toast" role="status" aria-live="polite"></div> }
}
