//! A clear error message in Chinese with a 重试 button that runs the given retry; for a feed in a
//! newer format than this app reads, 重新加载 (the page, so the new build reads it).

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
    /// The button loads the whole page again (重新加载) instead of retrying: a feed in a newer
    /// format than this app reads, so the new build reads it.
    #[prop(optional)]
    reload: bool,
) -> impl IntoView {
    let retry = move |_| {
        if reload {
            let _ = window().location().reload();
        } else {
            on_retry.run(())
        }
    };
    let class = if class.is_empty() {
        "error-panel".to_string()
    } else {
        format!("error-panel {class}")
    };
    view! {
        <div class=class role="alert">
            {title.map(|t| view! { <p class="error-panel__title">{t}</p> })}
            <p class="error-panel__message">{message}</p>
            <button class="button button--primary error-panel__retry" on:click=retry>
                {if reload { strings::RELOAD } else { strings::RETRY }}
            </button>
        </div>
    }
}
