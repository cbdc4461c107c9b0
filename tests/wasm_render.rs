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

#[wasm_bindgen_test]
async fn the_warm_up_build_leaves_nothing_behind() {
    use std::sync::Arc;
    let site = newsfront_core::parse_site(include_str!(
        "../crates/newsfront-feed/tests/fixtures/valid/feed/site.json"
    ))
    .expect("the fixture's site file");
    let sample = newsfront_core::parse_article(newsfront::ahead::SAMPLE)
        .expect("the sample follows the feed's contract");
    assert!(sample.body.len() >= 4 && sample.prev.is_some() && !sample.related.is_empty());
    assert!(
        sample
            .body
            .iter()
            .all(|b| !matches!(b, Block::Image { .. })),
        "a detached <img> is still fetched"
    );
    mount(Vec::new()); // starts the executor that effects are spawned on
    let doc = document();
    doc.set_title("before");
    let owner = Owner::new();
    owner.with(|| {
        leptos_meta::provide_meta_context();
        newsfront::site::provide_contexts(Arc::new(site), "");
    });
    let id = sample.id.clone();
    newsfront::routes::article::build_and_drop(&owner, Arc::new(sample));
    newsfront::routes::article::build_shell_and_drop(&owner, id.clone());
    // After the frame and the task in which the view's after-paint callbacks would run.
    for _ in 0..3 {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            window().request_animation_frame(&resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
        newsfront::dom::next_task().await;
    }
    assert_eq!(doc.title(), "before", "the sample's title was set");
    let body = doc.body().unwrap().inner_html();
    assert!(!body.contains("示例文章"), "{body}");
    assert!(
        !body.contains("skeleton"),
        "the route's skeleton was left: {body}"
    );
    let requested = window()
        .performance()
        .unwrap()
        .get_entries_by_type("resource")
        .iter()
        .filter_map(|e| js_sys::Reflect::get(&e, &"name".into()).ok()?.as_string())
        .filter(|name| name.contains(id.as_str()))
        .collect::<Vec<_>>();
    assert!(
        requested.is_empty(),
        "the build ahead fetched {requested:?}"
    );
    let head = doc.head().unwrap().inner_html();
    assert!(!head.contains("摘要"), "{head}");
}
