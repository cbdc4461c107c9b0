//! Newsfront: a mobile-first news reader for static JSON feeds (Leptos CSR).
//! The binary only calls [`start`]; the library form lets wasm tests mount components and the
//! prerenderer (feature `prerender`) render them to HTML natively.

// `to_html` on the article view nests deeper than the default limit.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod dom;
pub mod history_guard;
pub mod panic_screen;
pub mod prefs;
#[cfg(feature = "prerender")]
pub mod prerender;
pub mod routes;
pub mod scroll;
pub mod strings;
pub mod waline_client;
pub mod webview;

/// Installs the panic screen and mounts the app over the HTML shell: in a task of its own, so
/// the module's instantiation and the first render are two shorter tasks, not one long one
/// (issue 7). The shell is removed in the task that mounts, so nothing flickers.
pub fn start() {
    panic_screen::install();
    webview::neutralise_wechat_font_scaling();
    leptos::prelude::set_timeout(
        || {
            leptos::mount::mount_to_body(app::App);
            dom::remove_shell();
        },
        std::time::Duration::ZERO,
    );
}
