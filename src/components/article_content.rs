//! An article's readable content: category, title, meta line, 编者按, body, 供稿, tags,
//! previous/next and related. Rendered by the article route and, natively, by the prerenderer,
//! so it touches no web API while it is built.

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::{format_absolute, routes, Article};

use crate::{components::article_body::ArticleBody, dom::href, site::use_site, strings};

#[component]
pub fn ArticleContent(article: Arc<Article>) -> impl IntoView {
    let site = use_site();
    let category = site
        .categories
        .iter()
        .find(|c| c.slug == article.category)
        .cloned();
    let published = format_absolute(&article.published, site.zone);
    let updated = article
        .updated
        .as_ref()
        .filter(|u| u.unix() > article.published.unix())
        .map(|u| format_absolute(u, site.zone));
    let a = article;
    view! {
        <article class="article">
            {category.map(|c| view! {
                <a class="article__category" href=href(&routes::category(&c.slug))>{c.name}</a>
            })}
            <h1 class="article__title">{a.title.clone()}</h1>
            {a.subtitle.clone().map(|s| view! { <p class="article__subtitle">{s}</p> })}
            <p class="article__meta">
                <span class="article__source">{format!("{}{}", strings::SOURCE, a.source)}</span>
                " "
                <time datetime=a.published.to_rfc3339()>{published}</time>
                {a.author.clone().map(|au| view! { <span class="article__author">{format!("{}{au}", strings::AUTHOR)}</span> })}
                {updated.map(|u| view! { <span class="article__updated">{format!("{}{u}", strings::UPDATED)}</span> })}
            </p>
            {(!a.editor_note.is_empty()).then(|| view! {
                <aside class="article__note" aria-label=strings::EDITOR_NOTE>
                    <p class="article__note-label">{strings::EDITOR_NOTE}</p>
                    {a.editor_note.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
                </aside>
            })}
            <ArticleBody blocks=a.body.clone()/>
            {a.contributor.clone().map(|c| view! { <p class="article__contributor">{format!("{}{c}", strings::CONTRIBUTOR)}</p> })}
            {(!a.tags.is_empty()).then(|| view! {
                <ul class="article__tags" aria-label=strings::TAGS>
                    {a.tags.iter().map(|t| view! { <li class="tag">{t.clone()}</li> }).collect_view()}
                </ul>
            })}
            <ArticleLinks article=a.clone()/>
        </article>
    }
}

/// Previous/next in the same category, then related articles.
#[component]
fn ArticleLinks(article: Arc<Article>) -> impl IntoView {
    let prev_next = (article.prev.is_some() || article.next.is_some()).then(|| {
        let link = |label: &'static str, r: &newsfront_core::ArticleRef, class: &'static str| {
            view! {
                <a class=class href=href(&routes::article(&r.id))>
                    <span class="prev-next__label">{label}</span>
                    <span class="prev-next__title">{r.title.clone()}</span>
                </a>
            }
        };
        view! {
            <nav class="prev-next" aria-label="上一篇/下一篇">
                {article.prev.as_ref().map(|r| link(strings::PREV, r, "prev-next__link prev-next__link--prev"))}
                {article.next.as_ref().map(|r| link(strings::NEXT, r, "prev-next__link prev-next__link--next"))}
            </nav>
        }
    });
    let related = (!article.related.is_empty()).then(|| view! {
        <section class="related">
            <h2 class="related__heading">{strings::RELATED}</h2>
            <ul class="related__list">
                {article.related.iter().map(|r| view! {
                    <li><a class="related__link" href=href(&routes::article(&r.id))>{r.title.clone()}</a></li>
                }).collect_view()}
            </ul>
        </section>
    });
    view! { {prev_next} {related} }
}
