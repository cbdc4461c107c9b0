//! A clear error message in Chinese with a 重试 button that runs the given retry; for a feed in a
//! newer format than this app reads, 重新加载 (the page, so the new build reads it).

use leptos::prelude::*;

use crate::{api::ApiError, strings};

#[component]
pub fn ErrorPanel(
    #[prop(optional)] title: Option<&'static str>,
    error: ApiError,
    on_retry: Callback<()>,
) -> impl IntoView {
    let newer = error == ApiError::Version { older: false };
    let retry = move |_| {
        if newer {
            let _ = window().location().reload();
        } else {
            on_retry.run(())
        }
    };
    view! {
        <div class="error-panel" role="alert">
            {title.map(|t| view! { <p class="error-panel__title">{t}</p> })}
            <p class="error-panel__message">{error.to_string()}</p>
            <button class="button button--primary error-panel__retry" on:click=retry>
                {if newer { strings::RELOAD } else { strings::RETRY }}
            </button>
        </div>
    }
}
