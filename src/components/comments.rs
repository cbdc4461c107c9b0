//! The comments section: static comments from the feed, replies nested two levels, deeper
//! replies flattened with "回复 @name" (iteratively, so a reply chain of any depth renders).

use std::sync::Arc;

use leptos::prelude::*;
use newsfront_core::{format_absolute, Article, Comment, CommentSettings, Zone};

use crate::{api, app::use_site, components::error_panel::ErrorPanel, strings};

#[component]
pub fn CommentsSection(
    article: Arc<Article>,
    anchor: NodeRef<leptos::html::Section>,
) -> impl IntoView {
    let site = use_site();
    let zone = site.zone;
    let body = match &site.comments {
        CommentSettings::Off => {
            view! { <p class="comments__note">{strings::COMMENTS_OFF}</p> }.into_any()
        }
        _ if article.comment_count == 0 => view! {
            <p class="comments__empty">{strings::COMMENTS_EMPTY}</p>
            <p class="comments__note">{strings::COMMENTS_CLOSED}</p>
        }
        .into_any(),
        _ => view! { <StaticComments id=article.id.clone() zone/> }.into_any(),
    };
    view! {
        <section class="comments" id="comments" node_ref=anchor aria-labelledby="comments-heading">
            <h2 class="comments__heading" id="comments-heading">
                {strings::COMMENTS}
                <span class="comments__count">{article.comment_count}</span>
            </h2>
            {body}
        </section>
    }
}

#[component]
fn StaticComments(id: newsfront_core::ArticleId, zone: Zone) -> impl IntoView {
    let retry = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <p class="comments__loading">{strings::LOADING}</p> }>
            {move || {
                retry.track();
                let id = id.clone();
                let file = LocalResource::new(move || api::comments(id.clone()));
                Suspend::new(async move {
                    match file.await {
                        Ok(file) => view! {
                            <ol class="comments__list">
                                {file.comments.iter().map(|c| thread(c, zone)).collect_view()}
                            </ol>
                            <p class="comments__note">{strings::COMMENTS_CLOSED}</p>
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

/// A top-level comment with its replies: level 1 indented, everything deeper flattened.
fn thread(top: &Comment, zone: Zone) -> impl IntoView {
    let replies = top
        .replies
        .iter()
        .map(|reply| {
            let mut flat = Vec::new();
            flatten_descendants(reply, &mut flat);
            view! {
                <li class="comment comment--reply">
                    {comment_view(reply, None, zone)}
                    {(!flat.is_empty()).then(|| view! {
                        <ol class="comments__replies comments__replies--flat">
                            {flat.into_iter().map(|(c, to)| view! {
                                <li class="comment comment--reply">{comment_view(c, Some(to), zone)}</li>
                            }).collect_view()}
                        </ol>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="comment">
            {comment_view(top, None, zone)}
            {(!top.replies.is_empty()).then(|| view! { <ol class="comments__replies">{replies}</ol> })}
        </li>
    }
}

/// Depth-first, in reading order, without recursion: each descendant with the name it replies to.
fn flatten_descendants<'a>(root: &'a Comment, out: &mut Vec<(&'a Comment, String)>) {
    let mut stack: Vec<(&Comment, &str)> = root
        .replies
        .iter()
        .rev()
        .map(|c| (c, root.author.as_str()))
        .collect();
    while let Some((c, to)) = stack.pop() {
        out.push((c, to.to_string()));
        stack.extend(c.replies.iter().rev().map(|r| (r, c.author.as_str())));
    }
}

fn comment_view(c: &Comment, reply_to: Option<String>, zone: Zone) -> impl IntoView {
    view! {
        <div class="comment__head">
            <span class="comment__author">{c.author.clone()}</span>
            <time class="comment__time" datetime=c.time.to_rfc3339()>{format_absolute(&c.time, zone)}</time>
        </div>
        <p class="comment__text">
            {reply_to.map(|to| view! { <span class="comment__reply-to">{format!("{}{to} ", strings::REPLY_TO)}</span> })}
            {c.text.clone()}
        </p>
    }
}
