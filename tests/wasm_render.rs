//! Components rendered in a real browser: feed text stays text, links get safe attributes.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use newsfront::components::article_body::ArticleBody;
use newsfront_core::{Block, Link, Span};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn span(text: &str, bold: bool, link: Option<&str>) -> Span {
    Span {
        text: text.to_string(),
        bold,
        italic: false,
        link: link.map(|l| Link::parse(l).expect("valid link")),
    }
}

fn mount(blocks: Vec<Block>) -> web_sys::Element {
    let doc = document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let el: web_sys::HtmlElement = host.clone().unchecked_into();
    leptos::mount::mount_to(el, move || view! { <ArticleBody blocks=blocks.clone()/> }).forget();
    host
}

#[wasm_bindgen_test]
fn markup_in_feed_text_is_shown_as_text() {
    let payload = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    let host = mount(vec![Block::Paragraph {
        spans: vec![span(payload, false, None), span("粗体导语。", true, None)],
    }]);
    // The lightbox beside the body has its own (empty) img; the feed's text must add none.
    let body = host
        .query_selector(".article__body")
        .unwrap()
        .expect("the body");
    assert!(
        body.query_selector("img, script").unwrap().is_none(),
        "{}",
        body.inner_html()
    );
    let p = host.query_selector("p").unwrap().expect("a paragraph");
    assert_eq!(p.text_content().unwrap(), format!("{payload}粗体导语。"));
    let strong = host
        .query_selector("p > strong")
        .unwrap()
        .expect("bold lead-in");
    assert_eq!(strong.text_content().unwrap(), "粗体导语。");
    let pwned = js_sys::Reflect::get(&window(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
fn external_links_open_safely_and_site_links_stay_in_app() {
    let host = mount(vec![Block::Paragraph {
        spans: vec![
            span("政府网", false, Some("https://www.gov.cn/")),
            span("本站", false, Some("/a/abc")),
        ],
    }]);
    let links = host.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 2);
    let external: web_sys::Element = links.get(0).unwrap().unchecked_into();
    assert_eq!(
        external.get_attribute("href").as_deref(),
        Some("https://www.gov.cn/")
    );
    assert_eq!(
        external.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(external.get_attribute("target").as_deref(), Some("_blank"));
    let internal: web_sys::Element = links.get(1).unwrap().unchecked_into();
    assert_eq!(internal.get_attribute("href").as_deref(), Some("/a/abc"));
    assert!(internal.get_attribute("target").is_none());
}
