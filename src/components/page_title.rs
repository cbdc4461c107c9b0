//! The document title (`newsfront_core::routes::title`: the prerendered pages have the same).
//! Set after the page's first paint, not while it is built: setting `document.title` took about
//! 2 ms in Chromium, part of every in-app navigation's path to its paint.

use leptos::prelude::*;

use crate::{dom, site::use_site};

#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let title = newsfront_core::routes::title(&text, &use_site());
    dom::after_paint(move || document().set_title(&title));
}
