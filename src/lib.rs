//! Newsfront: a mobile-first news reader for static JSON feeds (Leptos CSR).
//! The binary only calls [`start`]; the library form lets wasm tests mount components.

pub mod api;
pub mod app;
pub mod components;
pub mod dom;
pub mod panic_screen;
pub mod prefs;
pub mod routes;
pub mod scroll;
pub mod strings;
pub mod waline;
pub mod webview;

/// Installs the panic screen and mounts the app over the HTML shell.
pub fn start() {
    panic_screen::install();
    webview::neutralise_wechat_font_scaling();
    leptos::mount::mount_to_body(app::App);
    dom::remove_shell();
}
