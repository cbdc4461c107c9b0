//! Native rendering of a route's readable content to HTML, with the components the app mounts,
//! for crates/newsfront-site (feature `prerender`). Nothing here reaches a web API.

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::{Article, Category, CommentsFile, ListPage, Site};

use crate::{
    api::ListKind,
    components::{
        article_content::ArticleContent,
        comments::{CommentsSection, CommentsSource},
        list_view::Pages,
        offline_page::OfflinePage,
        site_header::SiteHeader,
        toolbar::Toolbar,
    },
    routes::{self, search::SearchForm},
    site::provide_contexts,
    strings,
};

/// The two parts of `#shell` the app renders: the site header and the contents of `<main>`.
pub struct Rendered {
    pub header: String,
    pub main: String,
}

/// `/a/{id}`: the article, its comments (the static file as built, or the place where live
/// comments go) and the toolbar with its share panel. `base` is the router base ("/news", or ""
/// at the site root).
pub fn article(
    site: Arc<Site>,
    base: &str,
    article: Arc<Article>,
    comments: Option<Arc<CommentsFile>>,
) -> Rendered {
    let path = format!("{base}{}", newsfront_core::routes::article(&article.id));
    render(site, base, &path, move || {
        let a = article.clone();
        view! {
            <ArticleContent article=a.clone()/>
            <CommentsSection article=a.clone() source=CommentsSource::Prerendered(comments)/>
            <Toolbar article=a/>
        }
        .to_html()
    })
}

/// `/`: the first page of the home list.
pub fn home(site: Arc<Site>, base: &str, page: Arc<ListPage>) -> Rendered {
    let path = format!("{base}{}", newsfront_core::routes::home());
    let heading_site = site.clone();
    render(site, base, &path, move || {
        let heading = routes::home::heading(&heading_site);
        view! { {heading} {list(ListKind::Home, page)} }.to_html()
    })
}

/// `/c/{slug}`: the first page of one category's list.
pub fn category(site: Arc<Site>, base: &str, category: &Category, page: Arc<ListPage>) -> Rendered {
    let path = format!("{base}{}", newsfront_core::routes::category(&category.slug));
    let name = category.name.clone();
    let kind = ListKind::Category(category.slug.clone());
    render(site, base, &path, move || {
        view! { {routes::category::heading(name)} {list(kind, page)} }.to_html()
    })
}

/// `/search`: the search box, and a note that results need the app (the page starts it at
/// once; a reader without it still has the categories).
pub fn search(site: Arc<Site>, base: &str) -> Rendered {
    let path = format!("{base}{}", newsfront_core::routes::search());
    render(site, base, &path, move || {
        let q: Option<String> = None;
        view! {
            <h1 class="visually-hidden">{strings::SEARCH}</h1>
            <SearchForm q/>
            <p class="search-hint" data-search-status="" data-state="shell">{strings::SEARCH_NEEDS_APP}</p>
        }
        .to_html()
    })
}

/// The body of the offline page (`offline-<hash>.html`): the site's name, what happened, 重试 and
/// a way home. `home` is the public URL ("/news/").
pub fn offline_page(site: &Site, home: &str) -> String {
    let owner = Owner::new();
    let (name, home) = (site.name.clone(), home.to_string());
    owner.with(|| untrack(|| view! { <OfflinePage site_name=name home/> }.to_html()))
}

fn list(kind: ListKind, page: Arc<ListPage>) -> impl IntoView {
    let (pending, _) = signal(false);
    view! { <Pages pages=vec![page] kind=Some(kind) pending/> }
}

/// Renders under a fresh owner holding the contexts the components read in the app.
fn render(site: Arc<Site>, base: &str, path: &str, main: impl FnOnce() -> String) -> Rendered {
    let owner = Owner::new();
    // `untrack`: signals read once while rendering to a string need no subscribers (and debug
    // builds would warn for each read).
    owner.with(|| {
        untrack(|| {
            provide_contexts(site.clone(), base);
            let current = Signal::stored(path.to_string());
            let header = view! { <SiteHeader site=Some(site) current/> }.to_html();
            Rendered {
                header,
                main: main(),
            }
        })
    })
}
