//! The share panel: copy link, a QR code to scan with WeChat, Weibo, QQ and QZone. A modal
//! dialog: focus moves in, Tab stays inside, Escape or the backdrop closes it.

use leptos::{ev, html, prelude::*};
use newsfront_core::share_env::ShareCard;
use wasm_bindgen::JsCast;

use super::qr::QrCodeSvg;
use crate::{components::toast::use_toast, dom, strings};

#[component]
pub fn SharePanel(card: ShareCard, on_close: Callback<()>) -> impl IntoView {
    let toast = use_toast();
    let dialog = NodeRef::<html::Div>::new();
    let first = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(el) = first.get() {
            let _ = el.focus();
        }
    });
    let on_key = window_event_listener(ev::keydown, move |e| match e.key().as_str() {
        "Escape" => on_close.run(()),
        "Tab" => {
            if let Some(el) = dialog.get_untracked() {
                keep_focus_inside(&el, &e);
            }
        }
        _ => {}
    });
    on_cleanup(move || on_key.remove());

    let url = card.url.clone();
    let copy = move |_| {
        let url = url.clone();
        leptos::task::spawn_local(async move {
            let ok = dom::copy_text(&url).await;
            toast.show(if ok {
                strings::LINK_COPIED
            } else {
                strings::COPY_FAILED
            });
            on_close.run(());
        });
    };
    let targets = [
        (
            "share-panel__target--weibo",
            strings::SHARE_WEIBO,
            card.weibo_url(),
        ),
        ("share-panel__target--qq", strings::SHARE_QQ, card.qq_url()),
        (
            "share-panel__target--qzone",
            strings::SHARE_QZONE,
            card.qzone_url(),
        ),
    ];
    view! {
        <div class="share-panel__backdrop" on:click=move |_| on_close.run(())></div>
        <div class="share-panel" role="dialog" aria-modal="true" aria-labelledby="share-panel-title"
            node_ref=dialog>
            <h2 class="share-panel__title" id="share-panel-title">{strings::SHARE_TO}</h2>
            <div class="share-panel__targets">
                <button type="button" class="share-panel__target share-panel__target--copy"
                    node_ref=first on:click=copy>
                    <span class="share-panel__icon" aria-hidden="true">"链"</span>
                    {strings::COPY_LINK}
                </button>
                {targets.into_iter().map(|(class, label, href)| view! {
                    <a class=format!("share-panel__target {class}") href=href target="_blank"
                        rel="noopener noreferrer">
                        <span class="share-panel__icon" aria-hidden="true">{label.chars().next().map(String::from)}</span>
                        {label}
                    </a>
                }).collect_view()}
            </div>
            <figure class="share-panel__qr">
                <QrCodeSvg text=card.url.clone() label=strings::SHARE_QR_LABEL/>
                <figcaption class="share-panel__qr-caption">{strings::WECHAT_SCAN}</figcaption>
            </figure>
            <p class="share-panel__url">{card.url.clone()}</p>
            <button type="button" class="share-panel__close" on:click=move |_| on_close.run(())>
                {strings::CLOSE}
            </button>
        </div>
    }
}

/// Wraps Tab / Shift+Tab around the dialog's first and last controls.
fn keep_focus_inside(dialog: &web_sys::HtmlDivElement, e: &web_sys::KeyboardEvent) {
    let Ok(list) = dialog.query_selector_all("a[href], button") else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = document().active_element();
    let inside = active
        .as_ref()
        .is_some_and(|a| dialog.contains(Some(a.unchecked_ref())));
    let at = |el: &web_sys::HtmlElement| active.as_ref() == Some(el.unchecked_ref());
    if e.shift_key() && (at(first) || !inside) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && (at(last) || !inside) {
        e.prevent_default();
        let _ = first.focus();
    }
}
