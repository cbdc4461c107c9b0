//! The not-found page: any unmatched path, an invalid id, an unknown category.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::{components::not_found::NotFound, components::page_title::PageTitle, strings};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text=strings::NOT_FOUND_TITLE/>
        <Meta name="robots" content="noindex"/>
        <NotFound message=strings::NOT_FOUND_TEXT/>
    }
}
