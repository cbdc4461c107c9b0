//! What the app does ahead of the reader's next article, so that opening one from a list is
//! quick the first time too (docs/performance.md, "In-app navigation"):
//! - its code is compiled while the list is idle. V8 compiles a wasm function on its first
//!   call, on the main thread: the first article opened from a list paid about 100 ms of
//!   compiling at CPU ×4. The view is built once for a small sample article, detached from the
//!   page, and thrown away before any effect or after-paint callback of it runs; then so is the
//!   route around it as a tap shows it (the skeleton, waiting for the file);
//! - its file is fetched from the tap on its link, before the router builds the route (still
//!   some compiling the first time), and the route waits for that fetch;
//! - leaving the list is compiled too: the router unmounts and drops the list when an article
//!   replaces it, code that otherwise first runs in the tap's own task. Once, from the first
//!   list whose items are at hand, a copy of it is built detached, mounted in a detached
//!   element, unmounted and dropped;
//! - so is the router's own click handling: a task later, a click on a hidden link to the page
//!   showing, which the router takes as a navigation that changes nothing (same route, same
//!   history entry, no scroll, no request).

use std::{cell::Cell, sync::Arc};

use leptos::{
    prelude::*,
    tachys::view::{Mountable, Render},
};
use newsfront_core::parse_article;
use wasm_bindgen::JsValue;

use crate::{
    api::{self, ListKind},
    components::list_view::ListView,
    dom,
};

/// An article in the feed's format with every kind of block and span but images (a detached
/// `<img>` is fetched all the same).
pub const SAMPLE: &str = include_str!("ahead_sample.json");

/// Both, from now on. Call inside the app (building the view needs the site's contexts).
pub fn install() {
    fetch_articles_on_tap();
    compile_article_view_when_idle();
}

/// When the page is idle: loads the article view's chunk, then parses the sample, builds its
/// view and builds the route's skeleton, each in a task of its own.
fn compile_article_view_when_idle() {
    let Some(owner) = Owner::current() else {
        return;
    };
    dom::when_idle(move || {
        leptos::task::spawn_local(async move {
            if crate::chunks::preload_article_view().await.is_err() {
                return; // the reader's own navigation shows the error, with 重试
            }
            let Ok(article) = parse_article(SAMPLE) else {
                return;
            };
            let id = article.id.clone();
            dom::next_task().await;
            let _ = crate::chunks::warm_article_view(owner.clone(), Arc::new(article)).await;
            dom::next_task().await;
            crate::routes::article::build_shell_and_drop(&owner, id);
        })
    });
}

/// A tap on a link to an article of this site starts its fetch at once.
fn fetch_articles_on_tap() {
    let base = dom::router_base();
    dom::on_link_click(move |_, _, url| {
        if let Some(id) =
            dom::article_of_path(&base, &url.pathname()).filter(|_| dom::same_origin(&url))
        {
            api::fetch_article_early(id);
        }
    });
}

thread_local! {
    static LEFT_A_LIST: Cell<bool> = const { Cell::new(false) };
}

/// Called by a list as it is built (under its owner, for the router's contexts): when the page
/// is idle, once per app, builds a copy of the list and leaves it as the router would. Only
/// when its items are at hand, so that the copy fetches nothing.
pub fn leave_list_when_idle(kind: Signal<Option<ListKind>>, at_hand: impl Fn() -> bool + 'static) {
    if LEFT_A_LIST.get() {
        return;
    }
    let Some(owner) = Owner::current() else {
        return;
    };
    dom::when_idle(move || {
        if LEFT_A_LIST.get() || !owner.with(&at_hand) {
            return;
        }
        LEFT_A_LIST.set(true);
        in_throwaway_owner(&owner, || {
            let Ok(parent) = document().create_element("div") else {
                return;
            };
            let mut copy = view! { <ListView kind/> }.into_view().build();
            copy.mount(&parent, None);
            copy.unmount();
        });
        leptos::task::spawn_local(async {
            dom::next_task().await;
            // Only compiling ahead: a page that refuses leaves the first tap to compile it.
            let _ = click_a_link_to_here();
        });
    });
}

/// Clicks a hidden link to the URL showing, for the router to replace the history entry with
/// itself (`replace`, `state`) without the scroll to the top (`data-noscroll`).
/// [`dom::AHEAD_ATTR`] tells the first stage and the app's own link listeners that no reader
/// tapped it. Skipped when the URL has a fragment: the router would scroll to its element.
fn click_a_link_to_here() -> Result<(), JsValue> {
    let location = window().location();
    if !location.hash()?.is_empty() {
        return Ok(());
    }
    let link = document().create_element("a")?;
    link.set_attribute("href", &location.href()?)?;
    link.set_attribute("hidden", "")?;
    link.set_attribute("data-noscroll", "")?;
    link.set_attribute(dom::AHEAD_ATTR, "")?;
    js_sys::Reflect::set(&link, &"replace".into(), &JsValue::TRUE)?;
    js_sys::Reflect::set(&link, &"state".into(), &window().history()?.state()?)?;
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init)?;
    document()
        .body()
        .ok_or_else(|| JsValue::from_str("no <body>"))?
        .append_child(&link)?;
    // Added after the router's listener, so it runs after it: the browser never follows the
    // link, even if the router leaves it alone.
    let no_page_load = window_event_listener(leptos::ev::click, |ev| ev.prevent_default());
    let clicked = link.dispatch_event(&click);
    no_page_load.remove();
    link.remove();
    clicked.map(drop)
}

/// Runs `build` under a child of `owner`, then disposes of the child before any effect or
/// after-paint callback that `build` started can run: what is built ahead only compiles code.
pub fn in_throwaway_owner(owner: &Owner, build: impl FnOnce()) {
    let child = owner.child();
    child.with(build);
    child.cleanup();
}
