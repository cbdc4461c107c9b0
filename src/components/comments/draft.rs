//! What the reader typed, kept in localStorage: the nickname and e-mail for every article, the
//! text per article until the server accepts it (so a failed post survives a reload).

use leptos::prelude::*;
use newsfront_core::ArticleId;

use crate::dom;

const NICK: &str = "newsfront.comments.nick";
const MAIL: &str = "newsfront.comments.mail";

fn text_key(id: &ArticleId) -> String {
    format!("newsfront.comments.draft.{id}")
}

pub fn load_nick() -> String {
    dom::load(NICK).unwrap_or_default()
}

pub fn load_mail() -> String {
    dom::load(MAIL).unwrap_or_default()
}

pub fn save_identity(nick: &str, mail: &str) {
    dom::save(NICK, nick);
    dom::save(MAIL, mail);
}

pub fn load_text(id: &ArticleId) -> String {
    dom::load(&text_key(id)).unwrap_or_default()
}

pub fn save_text(id: &ArticleId, text: &str) {
    if text.is_empty() {
        clear_text(id);
    } else {
        dom::save(&text_key(id), text);
    }
}

pub fn clear_text(id: &ArticleId) {
    if let Some(s) = window().local_storage().ok().flatten() {
        let _ = s.remove_item(&text_key(id));
    }
}
