//! A clear error message in Chinese with a 重试 button that runs the given retry.

use leptos::prelude::*;

use crate::{api::ApiError, strings};

#[component]
pub fn ErrorPanel(
    #[prop(optional)] title: Option<&'static str>,
    error: ApiError,
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            {title.map(|t| view! { <p class="error-panel__title">{t}</p> })}
            <p class="error-panel__message">{error.to_string()}</p>
            <button class="button button--primary error-panel__retry" on:click=move |_| on_retry.run(())>
                {strings::RETRY}
            </button>
        </div>
    }
}
