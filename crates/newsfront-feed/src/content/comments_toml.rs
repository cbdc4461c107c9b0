//! `comments/{id}.toml`: a flat list of `[[comment]]` tables with optional `parent`, turned
//! into a reply tree without recursion; replies deeper than the cap hang off their ancestor.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use newsfront_core::{limits::MAX_COMMENT_DEPTH, Comment, Timestamp};

use super::{time_text, toml_problem};
use crate::report::{line_of, FileProblem};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentsToml {
    #[serde(default)]
    comment: Vec<CommentToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentToml {
    id: Spanned<String>,
    parent: Option<Spanned<String>>,
    author: String,
    time: Spanned<toml::Value>,
    text: String,
}

/// Parses a comments file into top-level comments with nested replies, in file order.
pub fn parse_comments_toml(file: &str, src: &str) -> Result<Vec<Comment>, Vec<FileProblem>> {
    let raw: CommentsToml =
        toml::from_str(src).map_err(|e| vec![toml_problem(file, src, 1, &e)])?;
    let mut problems = Vec::new();
    let line = |span: std::ops::Range<usize>| Some(line_of(src, span.start));
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, c) in raw.comment.iter().enumerate() {
        if index.insert(c.id.get_ref(), i).is_some() {
            problems.push(FileProblem::new(
                file,
                line(c.id.span()),
                format!("comment id {:?} is used twice", c.id.get_ref()),
            ));
        }
    }
    let mut parent_of: Vec<Option<usize>> = vec![None; raw.comment.len()];
    let mut times = Vec::with_capacity(raw.comment.len());
    for (i, c) in raw.comment.iter().enumerate() {
        if let Some(p) = &c.parent {
            match index.get(p.get_ref().as_str()) {
                Some(&j) if j != i => parent_of[i] = Some(j),
                Some(_) => problems.push(FileProblem::new(
                    file,
                    line(p.span()),
                    "a comment cannot reply to itself",
                )),
                None => problems.push(FileProblem::new(
                    file,
                    line(p.span()),
                    format!("parent {:?} is not a comment in this file", p.get_ref()),
                )),
            }
        }
        let time = time_text(c.time.get_ref())
            .and_then(|t| Timestamp::parse(&t).map_err(|e| e.to_string()));
        match time {
            Ok(t) => times.push(t),
            Err(e) => problems.push(FileProblem::new(
                file,
                line(c.time.span()),
                format!("time: {e}"),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Depth of each comment, following parents; a chain longer than the file is a loop.
    let n = raw.comment.len();
    let mut depth = Vec::with_capacity(n);
    for i in 0..n {
        let (mut d, mut at) = (1, i);
        while let Some(p) = parent_of[at] {
            d += 1;
            at = p;
            if d > n {
                return Err(vec![FileProblem::new(
                    file,
                    line(raw.comment[i].id.span()),
                    format!(
                        "the replies above comment {:?} loop back on themselves",
                        raw.comment[i].id.get_ref()
                    ),
                )]);
            }
        }
        depth.push(d);
    }
    // Where each comment hangs: its parent, or, below the cap, its ancestor at the cap
    // (so the tree is at most MAX_COMMENT_DEPTH + 1 deep, as the core's validation makes it).
    let mut attach: Vec<Option<usize>> = parent_of.clone();
    for (hang, &d) in attach.iter_mut().zip(&depth) {
        for _ in MAX_COMMENT_DEPTH + 1..d {
            *hang = hang.and_then(|p| parent_of[p]);
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, hang) in attach.iter().enumerate() {
        match *hang {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    // Build deepest-first so each comment's replies are finished before it is.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth[i].min(MAX_COMMENT_DEPTH + 1)));
    let mut built: Vec<Option<Comment>> = vec![None; n];
    for i in order {
        let replies = children[i]
            .iter()
            .map(|&c| {
                built[c]
                    .take()
                    .expect("replies are built before their parent")
            })
            .collect();
        let c = &raw.comment[i];
        built[i] = Some(Comment {
            id: c.id.get_ref().clone(),
            author: c.author.clone(),
            time: times[i],
            text: c.text.trim().to_owned(),
            replies,
        });
    }
    Ok(roots
        .into_iter()
        .map(|i| built[i].take().expect("every root is built"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, parent: Option<&str>) -> String {
        let parent = parent
            .map(|p| format!("parent = \"{p}\"\n"))
            .unwrap_or_default();
        format!("[[comment]]\nid = \"{id}\"\n{parent}author = \"a\"\ntime = 2023-03-08T20:12:00+08:00\ntext = \"t\"\n\n")
    }

    #[test]
    fn builds_a_tree_in_file_order() {
        let src = [
            comment("c1", None),
            comment("c2", Some("c1")),
            comment("c3", None),
            comment("c4", Some("c1")),
        ]
        .concat();
        let tree = parse_comments_toml("c.toml", &src).unwrap();
        assert_eq!(tree.len(), 2);
        assert_eq!(
            tree[0]
                .replies
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["c2", "c4"]
        );
    }

    #[test]
    fn a_thousand_deep_chain_is_flattened_at_the_cap() {
        let mut src = comment("c0", None);
        for i in 1..1000 {
            src.push_str(&comment(&format!("c{i}"), Some(&format!("c{}", i - 1))));
        }
        let tree = parse_comments_toml("c.toml", &src).unwrap();
        let mut at = &tree[0];
        for _ in 1..MAX_COMMENT_DEPTH {
            assert_eq!(at.replies.len(), 1);
            at = &at.replies[0];
        }
        assert_eq!(at.id, format!("c{}", MAX_COMMENT_DEPTH - 1));
        assert_eq!(at.replies.len(), 1000 - MAX_COMMENT_DEPTH);
        assert!(at.replies.iter().all(|r| r.replies.is_empty()));
        assert_eq!(at.replies[1].id, format!("c{}", MAX_COMMENT_DEPTH + 1));
    }

    #[test]
    fn problems_name_the_line() {
        let src = [comment("c1", None), comment("c1", Some("zz"))].concat();
        let err = parse_comments_toml("c.toml", &src).unwrap_err();
        assert_eq!(err.len(), 2);
        assert_eq!(err[0].line, Some(8));
        assert!(err[0].message.contains("used twice"));
        assert!(err[1].message.contains("\"zz\" is not a comment"));
        let src = comment("c1", Some("c2")) + &comment("c2", Some("c1"));
        assert!(parse_comments_toml("c.toml", &src).unwrap_err()[0]
            .message
            .contains("loop"));
    }
}
