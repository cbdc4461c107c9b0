//! List items: title (two lines at most), thumbnail, source, time and comment count.

use leptos::prelude::*;
use newsfront_core::{format_relative, paths, ArticleSummary};

use crate::{app::use_site, dom, strings};

#[component]
pub fn ArticleList(items: Vec<ArticleSummary>) -> impl IntoView {
    let zone = use_site().zone;
    let now = dom::now_unix();
    view! {
        <ul class="article-list">
            {items.into_iter().map(|item| {
                let time = format_relative(&item.published, now, zone);
                let to = dom::href(&format!("/a/{}", item.id));
                let thumb = item.cover.map(|c| view! {
                    <img class="article-list__thumb" src=paths::image(&c.src) alt=c.alt
                        width=c.width height=c.height loading="lazy" decoding="async"/>
                });
                let comments = (item.comment_count > 0)
                    .then(|| view! { <span class="article-list__comments">{format!("{} {}", item.comment_count, strings::COMMENT_COUNT_SUFFIX)}</span> });
                view! {
                    <li class="article-list__item">
                        <a class="article-list__link" href=to>
                            <div class="article-list__text">
                                <h2 class="article-list__title">{item.title}</h2>
                                <p class="article-list__meta">
                                    <span>{item.source}</span>
                                    <time datetime=item.published.to_rfc3339()>{time}</time>
                                    {comments}
                                </p>
                            </div>
                            {thumb}
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
