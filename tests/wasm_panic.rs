//! A panic never leaves a blank page: the panic screen shows a message and a reload button.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn panic_screen_shows_a_message_and_a_reload_button_once() {
    newsfront::panic_screen::show();
    newsfront::panic_screen::show();
    let doc = web_sys::window().unwrap().document().unwrap();
    let screens = doc.query_selector_all("#panic-screen").unwrap();
    assert_eq!(screens.length(), 1, "shown once");
    let screen = doc.get_element_by_id("panic-screen").unwrap();
    assert_eq!(screen.get_attribute("role").as_deref(), Some("alert"));
    let text = screen.text_content().unwrap();
    assert!(text.contains(newsfront::strings::PANIC_TEXT), "{text}");
    let button = screen
        .query_selector("button")
        .unwrap()
        .expect("a reload button");
    assert_eq!(button.text_content().unwrap(), newsfront::strings::RELOAD);
}
