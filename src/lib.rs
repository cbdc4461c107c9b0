//! Newsfront: a mobile-first news reader for static JSON feeds (Leptos CSR).
//! The binary only calls [`start`]; the library form lets wasm tests mount components and the
//! prerenderer (feature `prerender`) render them to HTML natively.

// `to_html` on the article view nests deeper than the default limit.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod boot;
pub mod components;
pub mod dom;
pub mod islands;
pub mod panic_screen;
pub mod prefs;
#[cfg(feature = "prerender")]
pub mod prerender;
pub mod routes;
pub mod scroll;
pub mod site;
pub mod strings;
pub mod waline;
pub mod webview;

/// Installs the panic screen, then does what the first stage asked for: on a prerendered article
/// only the islands that need the app, elsewhere the whole app, mounted over the page in a task of
/// its own (module instantiation and first render are two shorter tasks) once no dialog of the
/// first stage is open. The shell is removed in the task that mounts, so nothing flickers.
pub fn start() {
    panic_screen::install();
    match boot::requested() {
        boot::Start::Islands => islands::start(),
        boot::Start::Full => boot::when_no_dialog(|| {
            leptos::prelude::set_timeout(
                || {
                    leptos::mount::mount_to_body(app::App);
                    dom::remove_shell();
                },
                std::time::Duration::ZERO,
            );
        }),
    }
}
