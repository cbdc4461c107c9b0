//! The compose form: nickname (remembered), optional e-mail, the text with its length limit,
//! the comment being answered, and 发表. Posting is an `Action`: one post per tap (the button is
//! disabled and a guard ignores a second submit while one is in flight), and the draft stays
//! until the server accepts it.

use leptos::{ev::SubmitEvent, html, prelude::*};
use newsfront_core::{
    waline_api::{
        article_path, post_body, CommentDraft, CommentDraftProblem, PostBody, ReplyTarget,
        MAX_TEXT_CHARS,
    },
    ArticleId, Comment, Zone,
};

use super::draft;
use crate::{strings, waline_client};

fn problem_text(p: CommentDraftProblem) -> &'static str {
    match p {
        CommentDraftProblem::NickMissing => strings::NICK_MISSING,
        CommentDraftProblem::NickTooLong => strings::NICK_TOO_LONG,
        CommentDraftProblem::MailInvalid => strings::MAIL_INVALID,
        CommentDraftProblem::TextMissing => strings::TEXT_MISSING,
        CommentDraftProblem::TextTooLong => strings::TEXT_TOO_LONG,
    }
}

#[component]
pub fn ComposeForm(
    server: String,
    id: ArticleId,
    zone: Zone,
    reply: RwSignal<Option<ReplyTarget>>,
    /// A comment the server stored and shows (not one held for moderation), with its target.
    on_posted: Callback<(Comment, Option<ReplyTarget>)>,
) -> impl IntoView {
    let nick = RwSignal::new(draft::load_nick());
    let mail = RwSignal::new(draft::load_mail());
    let text = RwSignal::new(draft::load_text(&id));
    // One post in flight at a time; the draft is cleared only when the server took it.
    // Its value carries the comment answered, for where the new one goes.
    let post = Action::new_local(
        move |(server, body, to): &(String, PostBody, Option<ReplyTarget>)| {
            let (server, body, to) = (server.clone(), body.clone(), to.clone());
            async move { (waline_client::post(&server, &body, zone).await, to) }
        },
    );
    let posting = post.pending();
    // (is_error, message)
    let status = RwSignal::new(None::<(bool, String)>);
    let context = StoredValue::new((server, id.clone(), article_path(&id)));
    let textarea = NodeRef::<html::Textarea>::new();
    let form = NodeRef::<html::Form>::new();

    Effect::new(move |_| {
        let t = text.get();
        context.with_value(|(_, id, _)| draft::save_text(id, &t));
    });
    // 回复 on a comment: bring the form up and put the cursor in the text.
    Effect::new(move |_| {
        if reply.with(Option::is_some) {
            if let Some(f) = form.get_untracked() {
                f.scroll_into_view();
            }
            if let Some(t) = textarea.get_untracked() {
                let _ = t.focus();
            }
        }
    });

    Effect::new(move |_| {
        let Some((result, to)) = post.value().get() else {
            return;
        };
        match result {
            Ok(posted) => {
                text.set(String::new());
                context.with_value(|(_, id, _)| draft::clear_text(id));
                reply.set(None);
                if posted.waiting {
                    status.set(Some((false, strings::COMMENT_WAITING.to_string())));
                } else {
                    status.set(Some((false, strings::COMMENT_POSTED.to_string())));
                    on_posted.run((posted.comment, to));
                }
            }
            Err(e) => status.set(Some((true, format!("{e}{}", strings::DRAFT_KEPT)))),
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if posting.get_untracked() {
            return;
        }
        let d = CommentDraft {
            nick: nick.get_untracked(),
            mail: mail.get_untracked(),
            text: text.get_untracked(),
        };
        let to = reply.get_untracked();
        let (server, _, path) = context.get_value();
        let body = match post_body(&d, &path, &waline_client::user_agent(), to.as_ref()) {
            Ok(body) => body,
            Err(p) => {
                status.set(Some((true, problem_text(p).to_string())));
                return;
            }
        };
        status.set(None);
        draft::save_identity(&body.nick, &body.mail);
        post.dispatch_local((server, body, to));
    };

    let length = Memo::new(move |_| text.with(|t| t.trim().chars().count()));
    view! {
        <form class="compose" node_ref=form on:submit=submit novalidate>
            <h3 class="compose__heading">{strings::COMPOSE_HEADING}</h3>
            {move || reply.get().map(|r| view! {
                <p class="compose__reply">
                    <span class="compose__reply-to">{format!("{}{}", strings::REPLYING_TO, r.author)}</span>
                    <button type="button" class="compose__cancel" on:click=move |_| reply.set(None)>
                        {strings::CANCEL_REPLY}
                    </button>
                </p>
            })}
            <div class="compose__row">
                <label class="compose__field">
                    <span class="compose__label">{strings::NICKNAME}</span>
                    <input class="compose__input compose__nick" name="nick" autocomplete="nickname"
                        maxlength="60" prop:value=move || nick.get()
                        on:input=move |ev| nick.set(event_target_value(&ev))/>
                </label>
                <label class="compose__field">
                    <span class="compose__label">{strings::EMAIL_OPTIONAL}</span>
                    <input class="compose__input compose__mail" name="mail" type="email" autocomplete="email"
                        prop:value=move || mail.get()
                        on:input=move |ev| mail.set(event_target_value(&ev))/>
                </label>
            </div>
            <label class="compose__field">
                <span class="compose__label">{strings::COMMENT_TEXT}</span>
                <textarea class="compose__input compose__text" name="comment" rows="4" node_ref=textarea
                    placeholder=strings::COMMENT_PLACEHOLDER
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <div class="compose__actions">
                <span class="compose__counter" aria-live="polite"
                    class=("compose__counter--over", move || length.get() > MAX_TEXT_CHARS)>
                    {move || format!("{}/{MAX_TEXT_CHARS}", length.get())}
                </span>
                <button type="submit" class="button button--primary compose__post" disabled=move || posting.get()>
                    {move || if posting.get() { strings::POSTING } else { strings::POST }}
                </button>
            </div>
            {move || status.get().map(|(is_error, message)| view! {
                <p class="compose__status" class=("compose__status--error", is_error)
                    role=if is_error { "alert" } else { "status" }>{message}</p>
            })}
        </form>
    }
}
