//! One comment thread as the reader sees it: the root, its replies indented one level, deeper
//! replies flattened under them with "回复 @name" (iteratively, so any depth renders). Comment
//! text is only ever inserted as text; http(s) URLs in it become nofollow links.

use leptos::prelude::*;
use newsfront_core::{
    format_absolute,
    linkify::{split_links, TextPiece},
    waline_api::ReplyTarget,
    Comment, Zone,
};

use crate::strings;

/// Called with the comment a reader wants to answer (waline source only).
pub type OnReply = Option<Callback<ReplyTarget>>;

pub fn thread(top: &Comment, zone: Zone, on_reply: OnReply) -> impl IntoView {
    let root = top.id.clone();
    let replies = top
        .replies
        .iter()
        .map(|reply| {
            let mut flat = Vec::new();
            flatten_descendants(reply, &mut flat);
            let root = root.clone();
            view! {
                <li class="comment comment--reply" data-comment-id=reply.id.clone()>
                    {comment_view(reply, None, zone, &root, on_reply)}
                    {(!flat.is_empty()).then(|| view! {
                        <ol class="comments__replies comments__replies--flat">
                            {flat.into_iter().map(|(c, to)| view! {
                                <li class="comment comment--reply" data-comment-id=c.id.clone()>
                                    {comment_view(c, Some(to), zone, &root, on_reply)}
                                </li>
                            }).collect_view()}
                        </ol>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="comment" data-comment-id=top.id.clone()>
            {comment_view(top, None, zone, &root, on_reply)}
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

fn comment_view(
    c: &Comment,
    reply_to: Option<String>,
    zone: Zone,
    root: &str,
    on_reply: OnReply,
) -> impl IntoView {
    let reply_button = on_reply.map(|cb| {
        let target = ReplyTarget {
            id: c.id.clone(),
            root: root.to_string(),
            author: c.author.clone(),
        };
        view! {
            <button type="button" class="comment__reply" on:click=move |_| cb.run(target.clone())>
                {strings::REPLY}
            </button>
        }
    });
    view! {
        <div class="comment__head">
            <span class="comment__author">{c.author.clone()}</span>
            <time class="comment__time" datetime=c.time.to_rfc3339()>{format_absolute(&c.time, zone)}</time>
            {reply_button}
        </div>
        <p class="comment__text">
            {reply_to.map(|to| view! { <span class="comment__reply-to">{format!("{}{to} ", strings::REPLY_TO)}</span> })}
            {text_with_links(&c.text)}
        </p>
    }
}

/// Plain text nodes and `<a>` for http(s) URLs; nothing is parsed as markup.
fn text_with_links(text: &str) -> impl IntoView {
    split_links(text)
        .into_iter()
        .map(|piece| match piece {
            TextPiece::Text(t) => t.into_any(),
            TextPiece::Link(url) => {
                let label = url.clone();
                view! {
                    <a class="comment__link" href=url rel="nofollow noopener noreferrer" target="_blank">{label}</a>
                }
                .into_any()
            }
        })
        .collect_view()
}
