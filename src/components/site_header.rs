//! The site header: name, reading settings, and the sticky, scrollable category bar.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use newsfront_core::Site;

use crate::{components::settings::SettingsButton, dom::href, strings};

#[component]
pub fn SiteHeader(site: Option<Arc<Site>>) -> impl IntoView {
    let name = site.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    let nav = site.map(|site| {
        let links = site
            .categories
            .iter()
            .map(|c| {
                let to = href(&format!("/c/{}", c.slug));
                let name = c.name.clone();
                view! { <A href=to attr:class="cat-nav__link">{name}</A> }
            })
            .collect_view();
        view! {
            <A href=href("/") exact=true attr:class="cat-nav__link">{strings::HOME}</A>
            {links}
        }
    });
    view! {
        <header class="site-header">
            <div class="site-header__bar">
                <a class="site-header__name" href=href("/")>{name}</a>
                <SettingsButton/>
            </div>
            <nav class="cat-nav" aria-label="栏目">{nav}</nav>
        </header>
    }
}
