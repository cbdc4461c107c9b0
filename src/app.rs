//! The app: site loading, layout chrome and the route table.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    hooks::use_location,
    path,
};
use newsfront_core::Site;

use crate::{
    api,
    components::{
        error_panel::ErrorPanel,
        load::{load_or, Attempt},
        offline::OfflineNotice,
        site_header::SiteHeader,
        skeleton::ListSkeleton,
        toast::ToastView,
    },
    dom::{self, Base},
    routes,
    scroll::ScrollKeeper,
    site::provide_contexts,
    strings,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::webview::provide_freshness();
    let base = dom::router_base();
    crate::history_guard::install();
    // Before any in-app navigation: the landing URL and iOS WeChat's article links (sharing).
    crate::components::share::install(&base);
    provide_context(Base(base.clone()));
    view! {
        <Router base=base>
            <ScrollKeeper/>
            {match api::site_now() {
                Some(site) => view! { <Loaded site/> }.into_any(),
                None => view! { <LoadSite/> }.into_any(),
            }}
        </Router>
    }
}

/// The site file is not in the page: fetch it, with the header and a skeleton meanwhile.
#[component]
fn LoadSite() -> impl IntoView {
    let failed = |error: api::ApiError, retry| {
        view! {
            <SiteHeader site=None/>
            <main class="page">
                <ErrorPanel title=strings::ERR_SITE message=error.to_string() on_retry=retry/>
            </main>
        }
        .into_any()
    };
    view! {
        <Suspense fallback=|| view! { <SiteHeader site=None/> <main class="page"><ListSkeleton/></main> }>
            {load_or(|| Attempt::fetch(api::site), |site| view! { <Loaded site/> }.into_any(), failed)}
        </Suspense>
    }
}

/// Everything that needs the site file: title format, header, nav and routes.
#[component]
fn Loaded(site: Arc<Site>) -> impl IntoView {
    provide_contexts(site.clone(), &dom::router_base());
    // A reader on a list goes to an article next.
    crate::ahead::install();
    view! {
        <SiteHeader site=Some(site) current=use_location().pathname/>
        <OfflineNotice/>
        <main class="page" id="main">
            <FlatRoutes fallback=routes::not_found::NotFoundPage>
                <Route path=path!("/") view=routes::home::HomePage/>
                <Route path=path!("/c/:slug") view=routes::category::CategoryPage/>
                <Route path=path!("/a/:id") view=routes::article::ArticlePage/>
                <Route path=path!("/search") view=routes::search::SearchPage/>
            </FlatRoutes>
        </main>
        <ToastView/>
    }
}
