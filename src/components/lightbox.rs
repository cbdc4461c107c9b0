//! Tap-to-enlarge: the full-screen image viewer under an article body. Rendered hidden; the first
//! stage (boot/first-stage.js) fills it with the tapped figure's largest image and closes it on a
//! tap or Escape.

use leptos::prelude::*;

use crate::strings;

#[component]
pub fn Lightbox() -> impl IntoView {
    view! {
        <div class="lightbox" role="dialog" aria-modal="true" aria-label=strings::IMAGE_VIEWER hidden>
            <img class="lightbox__img" alt=""/>
            <p class="lightbox__caption" hidden></p>
            <button class="lightbox__close icon-button" aria-label=strings::CLOSE>"×"</button>
        </div>
    }
}
