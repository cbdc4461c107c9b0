//! Validation of `comments/{id}.json`; nesting deeper than the cap is flattened.

use super::{at, index, Lines, ProblemCollector};
use crate::raw::{RawComment, RawCommentsFile};
use crate::{limits, Comment, CommentsFile};

pub(crate) fn validate_comments(
    raw: RawCommentsFile,
    p: &mut ProblemCollector,
) -> Option<CommentsFile> {
    let before = p.len();
    let article = p.article_id("article", &raw.article);
    let comments: Vec<_> = raw
        .comments
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| comment(c, &index("comments", i), 1, p))
        .collect();
    let count = count_all(&comments);
    if count > limits::MAX_COMMENTS {
        p.add(
            "comments",
            format!(
                "holds {count} comments; at most {} are allowed",
                limits::MAX_COMMENTS
            ),
        );
    }
    let text = text_of_all(&comments);
    if text > limits::COMMENTS_TEXT {
        p.add(
            "comments",
            format!(
                "hold {text} characters of text in all; at most {} are allowed",
                limits::COMMENTS_TEXT
            ),
        );
    }
    if p.len() != before {
        return None;
    }
    Some(CommentsFile {
        article: article?,
        total: raw.total,
        comments,
    })
}

/// Characters of text of comments and all their replies, without recursion.
pub fn text_of_all(comments: &[Comment]) -> usize {
    let mut stack: Vec<&Comment> = comments.iter().collect();
    let mut n = 0;
    while let Some(c) = stack.pop() {
        n += c.text.chars().count();
        stack.extend(c.replies.iter());
    }
    n
}

/// Counts comments and all their replies, without recursion.
pub fn count_all(comments: &[Comment]) -> usize {
    let mut stack: Vec<&Comment> = comments.iter().collect();
    let mut n = 0;
    while let Some(c) = stack.pop() {
        n += 1;
        stack.extend(c.replies.iter());
    }
    n
}

/// Validates one comment at `depth` (1 = top level). At [`limits::MAX_COMMENT_DEPTH`] all
/// deeper replies are gathered, in reading order, as direct replies of this comment.
fn comment(raw: RawComment, path: &str, depth: usize, p: &mut ProblemCollector) -> Option<Comment> {
    let before = p.len();
    let RawComment {
        id,
        author,
        time,
        text,
        replies,
    } = raw;
    let id = p.text(&at(path, "id"), id, limits::COMMENT_ID, Lines::One);
    let author = p.text(
        &at(path, "author"),
        author,
        limits::COMMENT_AUTHOR,
        Lines::One,
    );
    let time = p.timestamp(&at(path, "time"), &time);
    let text = p.text(&at(path, "text"), text, limits::COMMENT_TEXT, Lines::Many);
    let replies: Vec<Comment> = if depth < limits::MAX_COMMENT_DEPTH {
        replies
            .into_iter()
            .enumerate()
            .filter_map(|(i, r)| comment(r, &index(&at(path, "replies"), i), depth + 1, p))
            .collect()
    } else {
        flatten(replies, &at(path, "replies"), p)
    };
    if p.len() != before {
        return None;
    }
    Some(Comment {
        id: id?,
        author: author?,
        time: time?,
        text: text?,
        replies,
    })
}

/// Turns a reply tree into a flat list (pre-order), each entry without replies.
fn flatten(replies: Vec<RawComment>, path: &str, p: &mut ProblemCollector) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut stack: Vec<(RawComment, String)> = replies
        .into_iter()
        .enumerate()
        .rev()
        .map(|(i, r)| (r, index(path, i)))
        .collect();
    while let Some((mut raw, path)) = stack.pop() {
        let children = std::mem::take(&mut raw.replies);
        let reply_path = at(&path, "replies");
        stack.extend(
            children
                .into_iter()
                .enumerate()
                .rev()
                .map(|(i, r)| (r, index(&reply_path, i))),
        );
        if let Some(c) = comment(raw, &path, limits::MAX_COMMENT_DEPTH + 1, p) {
            out.push(c);
        }
    }
    out
}
