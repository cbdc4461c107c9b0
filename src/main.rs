//! Newsfront entry point: install the panic screen, mount the app over the HTML shell.

mod api;
mod app;
mod components;
mod dom;
mod panic_screen;
mod prefs;
mod routes;
mod scroll;
mod strings;

fn main() {
    panic_screen::install();
    leptos::mount::mount_to_body(app::App);
    dom::remove_shell();
}
