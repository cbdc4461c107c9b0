//! The not-found message with a way home.

use leptos::prelude::*;

use crate::{dom::href, strings};

#[component]
pub fn NotFound(message: &'static str) -> impl IntoView {
    view! {
        <div class="not-found">
            <p class="not-found__code">"404"</p>
            <h1 class="not-found__title">{strings::NOT_FOUND_TITLE}</h1>
            <p class="not-found__text">{message}</p>
            <a class="button button--primary" href=href("/")>{strings::BACK_HOME}</a>
        </div>
    }
}
