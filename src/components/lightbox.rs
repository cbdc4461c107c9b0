//! Tap-to-enlarge: a full-screen image viewer (the image's largest copy) closed by a tap or
//! Escape.

use leptos::prelude::*;
use newsfront_core::{paths, Image};

use crate::strings;

#[component]
pub fn Lightbox(image: RwSignal<Option<Image>>) -> impl IntoView {
    // Browser only: the prerenderer builds this component natively, where web APIs panic.
    #[cfg(target_arch = "wasm32")]
    {
        let esc = window_event_listener(leptos::ev::keydown, move |e| {
            if e.key() == "Escape" {
                image.set(None);
            }
        });
        on_cleanup(move || esc.remove());
    }
    view! {
        {move || image.get().map(|img| view! {
            <div class="lightbox" role="dialog" aria-modal="true" aria-label=strings::IMAGE_VIEWER
                on:click=move |_| image.set(None)>
                <img class="lightbox__img" src=paths::image(img.largest_src()) alt=img.alt.clone()
                    width=img.width height=img.height/>
                {img.caption.clone().map(|c| view! { <p class="lightbox__caption">{c}</p> })}
                <button class="lightbox__close icon-button" aria-label=strings::CLOSE>"×"</button>
            </div>
        })}
    }
}
