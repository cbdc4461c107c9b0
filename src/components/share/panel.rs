//! The share panel: copy link, a QR code to scan with WeChat, Weibo, QQ and QZone. Rendered
//! hidden with the toolbar; the first stage (boot/first-stage.js) opens it as a modal dialog
//! (focus in, Tab kept inside, Escape, the backdrop or 关闭 close it) and copies the link.

use leptos::prelude::*;
use newsfront_core::share_env::ShareCard;

use super::qr::QrCodeSvg;
use crate::strings;

#[component]
pub fn SharePanel(card: ShareCard) -> impl IntoView {
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
        <div class="share-panel__backdrop" hidden></div>
        <div class="share-panel" role="dialog" aria-modal="true" aria-labelledby="share-panel-title"
            hidden>
            <h2 class="share-panel__title" id="share-panel-title">{strings::SHARE_TO}</h2>
            <div class="share-panel__targets">
                <button type="button" class="share-panel__target share-panel__target--copy"
                    data-nf-copy="" data-url=card.url.clone() data-done=strings::LINK_COPIED
                    data-fail=strings::COPY_FAILED>
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
            <button type="button" class="share-panel__close" data-nf-close="">{strings::CLOSE}</button>
        </div>
    }
}
