//! Short confirmations ("链接已复制") that fade after a moment.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Toast(RwSignal<Option<String>>);

impl Toast {
    pub fn show(&self, message: &str) {
        let signal = self.0;
        signal.set(Some(message.to_string()));
        set_timeout(move || signal.set(None), Duration::from_millis(1800));
    }
}

pub fn use_toast() -> Toast {
    expect_context::<Toast>()
}

/// Provides the `Toast` context; call before rendering anything that shows toasts.
pub fn provide_toast() {
    provide_context(Toast(RwSignal::new(None)));
}

/// Renders the current message.
#[component]
pub fn ToastView() -> impl IntoView {
    let Toast(message) = use_toast();
    view! {
        <div class="toast" role="status" aria-live="polite" class:toast--on=move || message.with(Option::is_some)>
            {move || message.get()}
        </div>
    }
}
