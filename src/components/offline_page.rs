//! The offline page: what the service worker shows for a page that was never saved, while the
//! network is gone. newsfront-site renders it once per build into `offline-<hash>.html`, a page
//! with no script (重试 is a link to the page itself) and only the tokens and `style/offline.css`.

use leptos::prelude::*;

use crate::strings;

#[component]
pub fn OfflinePage(
    site_name: String,
    /// The site's home page, with the public URL ("/news/").
    home: String,
) -> impl IntoView {
    view! {
        <header class="offline-page__bar">
            <a class="offline-page__name" href=home.clone()>{site_name}</a>
        </header>
        <main class="offline-page" role="alert">
            <h1 class="offline-page__title">{strings::OFFLINE_PAGE_TITLE}</h1>
            <p class="offline-page__text">{strings::OFFLINE_PAGE_TEXT}</p>
            <p class="offline-page__actions">
                // An empty href is this very address: loading it again tries the network again.
                <a class="offline-page__button offline-page__button--primary" href="">{strings::RETRY}</a>
                <a class="offline-page__button" href=home>{strings::BACK_HOME}</a>
            </p>
        </main>
    }
}
