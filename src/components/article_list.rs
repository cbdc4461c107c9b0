//! List items: title (two lines at most), thumbnail, source, time and comment count; search
//! results add the summary, both with the matched terms marked.

use leptos::prelude::*;
use newsfront_core::{format_relative, routes, variants::THUMB_BOX, ArticleSummary};

use crate::{
    components::{
        comments::count::{count_badge, use_list_counts},
        picture::{picture, Loading},
    },
    dom,
    site::use_site,
};

/// `sizes` of a thumbnail: its box is [`THUMB_BOX`] wide whatever the screen.
const THUMB_SIZES: &str = "112px";

/// Thumbnails of the first items are on a phone's first screen: they load at once (and are
/// often the page's largest paint); the rest wait until they are scrolled near.
const EAGER_THUMBS: usize = 4;

const _: () = assert!(THUMB_BOX.0 == 112, "THUMB_SIZES follows THUMB_BOX");

#[component]
pub fn ArticleList(
    items: Vec<ArticleSummary>,
    /// Search results: renders the title and the summary with the matches marked.
    #[prop(optional)]
    marks: Option<Callback<String, AnyView>>,
) -> impl IntoView {
    let zone = use_site().zone;
    let now = dom::now_unix();
    let counts = use_list_counts(&items);
    view! {
        <ul class="article-list">
            {items.into_iter().enumerate().map(|(index, item)| {
                let time = format_relative(&item.published, now, zone);
                let to = dom::href(&routes::article(&item.id));
                let loading = if index < EAGER_THUMBS { Loading::Eager } else { Loading::Lazy };
                let thumb = item.cover.map(|c| view! {
                    <span class="article-list__cover picture">
                        {picture(&c, &c.variants.thumb, THUMB_SIZES, "article-list__thumb", loading)}
                    </span>
                });
                let comments = count_badge(item.comment_count, counts, index);
                let (title, summary) = match marks {
                    Some(marks) => (
                        marks.run(item.title).into_any(),
                        Some(view! { <p class="article-list__summary">{marks.run(item.summary)}</p> }),
                    ),
                    None => (item.title.into_any(), None),
                };
                view! {
                    <li class="article-list__item">
                        <a class="article-list__link" href=to>
                            <div class="article-list__text">
                                <h2 class="article-list__title">{title}</h2>
                                {summary}
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
