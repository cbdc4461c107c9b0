//! Smoke test in headless Chromium: the DOM is reachable from Rust, and the core's feed paths
//! resolve under the page's `<base>` the way the app's fetches do on a sub-path deployment.
#![cfg(target_arch = "wasm32")]

use newsfront_core::{paths, ArticleId};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser page has a document")
}

/// The `href` property (resolved against the document base) of a link to `relative`.
fn resolved(relative: &str) -> String {
    let a = document().create_element("a").unwrap();
    a.set_attribute("href", relative).unwrap();
    js_sys::Reflect::get(&a, &JsValue::from_str("href"))
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn creates_and_finds_a_dom_element() {
    let doc = document();
    let el = doc.create_element("p").unwrap();
    el.set_id("wasm-smoke");
    el.set_text_content(Some("陇县新闻网"));
    doc.body().unwrap().append_child(&el).unwrap();
    let found = doc.get_element_by_id("wasm-smoke").unwrap();
    assert_eq!(found.text_content().as_deref(), Some("陇县新闻网"));
    found.remove();
    assert!(doc.get_element_by_id("wasm-smoke").is_none());
}

#[wasm_bindgen_test]
fn feed_paths_resolve_under_the_base_element() {
    let id = ArticleId::parse("abc").unwrap();
    assert_eq!(paths::article(&id), "feed/articles/abc.json");

    let doc = document();
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let base = doc.create_element("base").unwrap();
    base.set_attribute("href", "/news/").unwrap();
    doc.head().unwrap().prepend_with_node_1(&base).unwrap();
    let under_base = resolved(&paths::article(&id));
    base.remove();

    assert_eq!(under_base, format!("{origin}/news/feed/articles/abc.json"));
    assert!(
        ArticleId::parse("../site").is_err(),
        "ids cannot climb out of the feed"
    );
}
