//! Loading placeholders shaped like the content they stand in for.

use leptos::prelude::*;

use crate::strings;

#[component]
pub fn ListSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton skeleton--list" aria-busy="true" aria-label=strings::LOADING>
            {(0..6).map(|_| view! { <div class="skeleton__row"></div> }).collect_view()}
        </div>
    }
}

#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton skeleton--article" aria-busy="true" aria-label=strings::LOADING>
            <div class="skeleton__title"></div>
            <div class="skeleton__title skeleton__title--short"></div>
            <div class="skeleton__meta"></div>
            {(0..8).map(|_| view! { <div class="skeleton__line"></div> }).collect_view()}
        </div>
    }
}
