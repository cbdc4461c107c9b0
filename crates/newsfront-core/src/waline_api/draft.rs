//! What a reader types in the compose form, its checks against the limits, and the body
//! Waline's `POST /api/comment` takes.

use serde::Serialize;

/// Longest comment a reader may post, in characters (shown beside the text box).
pub const MAX_TEXT_CHARS: usize = 500;
/// Longest nickname, in characters.
pub const MAX_NICK_CHARS: usize = 30;
/// Longest e-mail address, in characters.
pub const MAX_MAIL_CHARS: usize = 100;

/// What the reader typed in the compose form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentDraft {
    pub nick: String,
    pub mail: String,
    pub text: String,
}

/// The comment being answered: its id, its thread's root id, and its author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyTarget {
    pub id: String,
    pub root: String,
    pub author: String,
}

/// Why a draft cannot be posted yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentDraftProblem {
    NickMissing,
    NickTooLong,
    MailInvalid,
    TextMissing,
    TextTooLong,
}

/// The JSON body Waline's `POST /api/comment` takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostBody {
    pub comment: String,
    pub nick: String,
    pub mail: String,
    pub link: String,
    pub url: String,
    pub ua: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// Checks a draft against the limits, in the order a reader fills the form.
pub fn check_draft(d: &CommentDraft) -> Result<(), CommentDraftProblem> {
    let nick = d.nick.trim();
    if nick.is_empty() {
        return Err(CommentDraftProblem::NickMissing);
    }
    if nick.chars().count() > MAX_NICK_CHARS {
        return Err(CommentDraftProblem::NickTooLong);
    }
    let mail = d.mail.trim();
    if !mail.is_empty() && !plausible_mail(mail) {
        return Err(CommentDraftProblem::MailInvalid);
    }
    let text = d.text.trim();
    if text.is_empty() {
        return Err(CommentDraftProblem::TextMissing);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(CommentDraftProblem::TextTooLong);
    }
    Ok(())
}

fn plausible_mail(mail: &str) -> bool {
    let Some((user, domain)) = mail.split_once('@') else {
        return false;
    };
    mail.chars().count() <= MAX_MAIL_CHARS
        && !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !mail
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
}

/// The post body for a checked draft on `path`, optionally answering `reply`.
pub fn post_body(
    d: &CommentDraft,
    path: &str,
    user_agent: &str,
    reply: Option<&ReplyTarget>,
) -> Result<PostBody, CommentDraftProblem> {
    check_draft(d)?;
    Ok(PostBody {
        comment: d.text.trim().to_string(),
        nick: d.nick.trim().to_string(),
        mail: d.mail.trim().to_string(),
        link: String::new(),
        url: path.to_string(),
        ua: user_agent.to_string(),
        pid: reply.map(|r| r.id.clone()),
        rid: reply.map(|r| r.root.clone()),
        at: reply.map(|r| r.author.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_checked_and_become_bodies() {
        let mut d = CommentDraft {
            nick: " 读者 ".into(),
            mail: String::new(),
            text: " 你好 ".into(),
        };
        let reply = ReplyTarget {
            id: "3".into(),
            root: "1".into(),
            author: "丙".into(),
        };
        let body = post_body(&d, "/a/x", "UA", Some(&reply)).unwrap();
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"comment":"你好","nick":"读者","mail":"","link":"","url":"/a/x",
                "ua":"UA","pid":"3","rid":"1","at":"丙"})
        );
        let top = serde_json::to_value(post_body(&d, "/a/x", "UA", None).unwrap()).unwrap();
        assert!(top.get("pid").is_none() && top.get("rid").is_none());
        d.mail = "not-mail".into();
        assert_eq!(check_draft(&d), Err(CommentDraftProblem::MailInvalid));
        d.mail = "a@b.cn".into();
        d.text = "字".repeat(MAX_TEXT_CHARS);
        assert_eq!(check_draft(&d), Ok(()));
        d.text.push('字');
        assert_eq!(check_draft(&d), Err(CommentDraftProblem::TextTooLong));
        d.text = "  ".into();
        assert_eq!(check_draft(&d), Err(CommentDraftProblem::TextMissing));
        d.nick = "".into();
        assert_eq!(check_draft(&d), Err(CommentDraftProblem::NickMissing));
        d.nick = "n".repeat(MAX_NICK_CHARS + 1);
        assert_eq!(check_draft(&d), Err(CommentDraftProblem::NickTooLong));
    }
}
