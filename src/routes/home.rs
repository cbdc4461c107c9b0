//! `/`: the latest articles of all categories.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::{
    api::ListKind, components::list_view::ListView, components::page_title::PageTitle,
    site::use_site,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    view! {
        <PageTitle text=""/>
        <Meta name="description" content=newsfront_core::routes::home_head(&site).1/>
        {heading(&site)}
        <ListView kind=Signal::derive(|| Some(ListKind::Home))/>
    }
}

/// The page's heading (for screen readers; the header shows the name). Shared with the prerenderer.
pub fn heading(site: &newsfront_core::Site) -> impl IntoView {
    view! { <h1 class="visually-hidden">{site.name.clone()}</h1> }
}
