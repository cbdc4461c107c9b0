//! The document title: "{page} - {site}", or the site's name alone for an empty page title.
//! Set after the page's first paint, not while it is built: setting `document.title` took about
//! 2 ms in Chromium, part of every in-app navigation's path to its paint (issue 7).

use leptos::prelude::*;

use crate::{dom, site::use_site};

#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let name = use_site().name.clone();
    let title = if text.is_empty() {
        name
    } else {
        format!("{text} - {name}")
    };
    dom::after_paint(move || document().set_title(&title));
}
