//! A clear error message in Chinese with a 重试 button that runs the given retry.

use leptos::prelude::*;

use crate::strings;

#[component]
pub fn ErrorPanel(
    #[prop(optional)] title: Option<&'static str>,
    /// Any message: an `ApiError`'s, a comment server's.
    #[prop(into)]
    message: String,
    on_retry: Callback<()>,
    /// A class of the place it shows in, beside `error-panel`.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let class = if class.is_empty() {
        "error-panel".to_string()
    } else {
        format!("error-panel {class}")
    };
    view! {
        <div class=class role="alert">
            {title.map(|t| view! { <p class="error-panel__title">{t}</p> })}
            <p class="error-panel__message">{message}</p>
            <button class="button button--primary error-panel__retry" on:click=move |_| on_retry.run(())>
                {strings::RETRY}
            </button>
        </div>
    }
}
