//! The site context: the validated site file and the router base, provided once for the app, an
//! island and the prerenderer alike, so no component reaches up into the route table for them.

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::Site;

use crate::dom::Base;

/// The validated site file, available to every page once loaded.
#[derive(Clone)]
pub struct SiteCtx(pub Arc<Site>);

pub fn use_site() -> Arc<Site> {
    expect_context::<SiteCtx>().0
}

/// Provides what every component may read: the site and the router base ("/news" or "" at the
/// root).
pub fn provide_contexts(site: Arc<Site>, base: &str) {
    provide_context(SiteCtx(site));
    provide_context(Base(base.to_string()));
}
