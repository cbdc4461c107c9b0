//! The not-found page: any unmatched path, an invalid id, an unknown category.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{components::not_found::NotFound, strings};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text=strings::NOT_FOUND_TITLE/>
        <Meta name="robots" content="noindex"/>
        <NotFound message=strings::NOT_FOUND_TEXT/>
    }
}
