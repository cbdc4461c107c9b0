//! `/`: the latest articles of all categories.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{api::ListKind, app::use_site, components::list_view::ListView};

#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    view! {
        <Title text=""/>
        <Meta name="description" content=site.description.clone()/>
        <h1 class="visually-hidden">{site.name.clone()}</h1>
        <ListView kind=Signal::derive(|| Some(ListKind::Home))/>
    }
}
