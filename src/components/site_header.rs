//! The site header: name, search, reading settings, and the sticky, scrollable category bar.
//! Built in the browser and by the prerenderer, so it reads the current path from a prop rather
//! than from the router (plain links: the router catches clicks on any same-origin `<a>`).

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::{routes, Site};

use crate::{components::settings::SettingsButton, dom::href, strings};

#[component]
pub fn SiteHeader(
    site: Option<Arc<Site>>,
    /// The page's path including the base, for `aria-current` on the category links.
    #[prop(into, optional)]
    current: Signal<String>,
) -> impl IntoView {
    let name = site.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    let nav = site.map(|site| {
        let links = site
            .categories
            .iter()
            .map(|c| {
                let to = href(&routes::category(&c.slug));
                let name = c.name.clone();
                nav_link(to, false, current, name)
            })
            .collect_view();
        view! {
            {nav_link(href(routes::home()), true, current, strings::HOME.to_string())}
            {links}
        }
    });
    let search = href(routes::search());
    view! {
        <header class="site-header">
            <div class="site-header__bar">
                <a class="site-header__name" href=href(routes::home())>{name}</a>
                <div class="site-header__tools">
                    <a class="icon-button site-header__search" href=search.clone()
                        aria-current=move || current.with(|p| is_current(&search, p, true)).then_some("page")>
                        <svg class="site-header__search-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                            <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2"/>
                            <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>
                        </svg>
                        <span>{strings::SEARCH}</span>
                    </a>
                    <SettingsButton/>
                </div>
            </div>
            <nav class="cat-nav" aria-label=strings::CATEGORIES>{nav}</nav>
        </header>
    }
}

fn nav_link(to: String, exact: bool, current: Signal<String>, name: String) -> impl IntoView {
    let target = to.clone();
    let active = move || current.with(|path| is_current(&target, path, exact));
    view! {
        <a class="cat-nav__link" href=to aria-current=move || active().then_some("page")>{name}</a>
    }
}

/// Whether a link to `href` marks the page at `path` (both with the base): the same rule as
/// the router's `<A>`, exact for the home link, else the path or anything below it.
pub fn is_current(href: &str, path: &str, exact: bool) -> bool {
    let href = href.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    if exact {
        href == path
    } else {
        path == href
            || path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn home_is_exact_and_categories_cover_their_subpaths() {
        assert!(is_current("/news/", "/news", true));
        assert!(!is_current("/news/", "/news/c/edu", true));
        assert!(is_current("/", "/", true));
        assert!(is_current("/news/c/edu", "/news/c/edu/", false));
        assert!(!is_current("/news/c/ed", "/news/c/edu", false));
    }
}
