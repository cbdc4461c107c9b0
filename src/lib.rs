//! Newsfront: a mobile-first news reader for static JSON feeds (Leptos CSR).
//! The binary only calls [`start`]; the library form lets wasm tests mount components and the
//! prerenderer (feature `prerender`) render them to HTML natively.

// `to_html` on the article view nests deeper than the default limit.
#![recursion_limit = "256"]

pub mod ahead;
pub mod api;
pub mod app;
pub mod boot;
pub mod chunks;
pub mod components;
pub mod dom;
pub mod history_guard;
pub mod islands;
pub mod panic_screen;
pub mod prefs;
#[cfg(feature = "prerender")]
pub mod prerender;
pub mod routes;
pub mod scroll;
pub mod site;
pub mod strings;
pub mod waline_client;
pub mod webview;

/// Installs the panic screen, then does what the first stage asked for: on a prerendered article
/// only the islands that need the app, elsewhere the whole app, mounted over the page once no
/// dialog of the first stage is open. Both load as chunks of their own (`chunks`); one that cannot
/// be loaded shows the first stage's reload notice.
pub fn start() {
    panic_screen::install();
    let _ = any_spawner::Executor::init_wasm_bindgen();
    match boot::requested() {
        boot::Start::Islands => leptos::task::spawn_local(async {
            if chunks::start_islands().await.is_err() {
                boot::show_load_error();
            }
        }),
        boot::Start::Full => boot::when_no_dialog(|| {
            leptos::task::spawn_local(async {
                if chunks::mount_app().await.is_err() {
                    boot::show_load_error();
                }
            })
        }),
    }
}
