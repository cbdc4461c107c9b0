//! `/c/{slug}`: one category's articles; an unknown slug is a not-found page, never a fetch.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;
use newsfront_core::{routes, Slug};

use crate::{
    api::ListKind, components::list_view::ListView, components::not_found::NotFound,
    components::page_title::PageTitle, site::use_site, strings,
};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let site = use_site();
    let params = use_params_map();
    let category = Memo::new(move |_| {
        let raw = params.read().get("slug")?;
        let slug = Slug::parse(&raw).ok()?;
        site.categories.iter().find(|c| c.slug == slug).cloned()
    });
    let kind = Signal::derive(move || category.get().map(|c| ListKind::Category(c.slug)));
    let site = use_site();
    view! {
        <Show
            when=move || category.with(Option::is_some)
            fallback=|| view! { <PageTitle text=strings::NOT_FOUND_TITLE/> <NotFound message=strings::CATEGORY_NOT_FOUND/> }
        >
            {
                let site = site.clone();
                move || {
                    category.get().map(|c| {
                        let (_, description) = routes::category_head(&c, &site);
                        view! {
                            <PageTitle text=c.name.clone()/>
                            <Meta name="description" content=description/>
                            {heading(c.name)}
                        }
                    })
                }
            }
            <ListView kind/>
        </Show>
    }
}

/// The category's name as the page heading. Shared with the prerenderer.
pub fn heading(name: String) -> impl IntoView {
    view! { <h1 class="list-heading">{name}</h1> }
}
