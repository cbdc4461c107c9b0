//! `/a/{id}`: one article. The id is validated before it forms a fetch path.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use newsfront_core::{format_absolute, Article, ArticleId};

use crate::{
    api::{self, ApiError},
    app::use_site,
    components::{
        article_body::ArticleBody, comments::CommentsSection, error_panel::ErrorPanel,
        not_found::NotFound, skeleton::ArticleSkeleton, toolbar::Toolbar,
    },
    dom::href,
    strings,
};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| ArticleId::parse(&s).ok())
    });
    let retry = RwSignal::new(0u32);
    view! {
        <Suspense fallback=ArticleSkeleton>
            {move || {
                retry.track();
                let article = id.get().map(|id| LocalResource::new(move || api::article(id.clone())));
                Suspend::new(async move {
                    let Some(article) = article else {
                        return view! { <Title text=strings::NOT_FOUND_TITLE/> <NotFound message=strings::ARTICLE_NOT_FOUND/> }.into_any();
                    };
                    match article.await {
                        Ok(a) => view! { <ArticleView article=a/> }.into_any(),
                        Err(ApiError::Status(404)) => view! {
                            <Title text=strings::NOT_FOUND_TITLE/>
                            <NotFound message=strings::ARTICLE_NOT_FOUND/>
                        }.into_any(),
                        Err(error) => view! {
                            <ErrorPanel error on_retry=Callback::new(move |_| retry.update(|n| *n += 1))/>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ArticleView(article: Arc<Article>) -> impl IntoView {
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
    let comments_anchor = NodeRef::<leptos::html::Section>::new();
    let a = article.clone();
    view! {
        <Title text=a.title.clone()/>
        <Meta name="description" content=a.summary.clone()/>
        <article class="article">
            {category.map(|c| view! {
                <a class="article__category" href=href(&format!("/c/{}", c.slug))>{c.name}</a>
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
        <CommentsSection article=a.clone() anchor=comments_anchor/>
        <Toolbar article=a comments=comments_anchor/>
    }
}

/// Previous/next in the same category, then related articles.
#[component]
fn ArticleLinks(article: Arc<Article>) -> impl IntoView {
    let prev_next = (article.prev.is_some() || article.next.is_some()).then(|| {
        let link = |label: &'static str, r: &newsfront_core::ArticleRef, class: &'static str| {
            view! {
                <a class=class href=href(&format!("/a/{}", r.id))>
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
                    <li><a class="related__link" href=href(&format!("/a/{}", r.id))>{r.title.clone()}</a></li>
                }).collect_view()}
            </ul>
        </section>
    });
    view! { {prev_next} {related} }
}
