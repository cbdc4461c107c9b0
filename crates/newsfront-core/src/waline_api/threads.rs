//! Comment threads: flat Waline replies nested by `pid`, a just-posted comment put in place,
//! and further pages merged without repeats.

use std::collections::HashMap;

use super::draft::ReplyTarget;
use crate::{comment_text_chars, count_comments, limits, Comment};

/// Nests a thread's flat replies under the comment each one answers (`pid`), each level oldest
/// first. Waline stores times to the second, so order in the response says nothing; a reply
/// whose parent is unknown hangs under the root, and a `pid` cycle is cut, so the result is
/// always a tree. Built without recursion.
pub(super) fn nest(root: Comment, replies: Vec<(Comment, Option<String>)>) -> Comment {
    let n = replies.len();
    // Node 0 is the root; node k is replies[k - 1].
    let mut index: HashMap<&str, usize> = HashMap::new();
    index.insert(root.id.as_str(), 0);
    for (k, (c, _)) in replies.iter().enumerate() {
        index.entry(c.id.as_str()).or_insert(k + 1);
    }
    let mut parent = vec![0usize; n + 1];
    for (k, (_, pid)) in replies.iter().enumerate() {
        parent[k + 1] = pid
            .as_deref()
            .and_then(|p| index.get(p).copied())
            .filter(|&p| p != k + 1)
            .unwrap_or(0);
    }
    drop(index);
    // Depth of every node, walking up once per node; a walk that meets itself is a cycle.
    let mut depth = vec![usize::MAX; n + 1];
    depth[0] = 0;
    let mut walk = vec![0usize; n + 1];
    for k in 1..=n {
        let mut path = Vec::new();
        let mut cur = k;
        while depth[cur] == usize::MAX {
            if walk[cur] == k {
                parent[cur] = 0;
                depth[cur] = 1;
                break;
            }
            walk[cur] = k;
            path.push(cur);
            cur = parent[cur];
        }
        while let Some(node) = path.pop() {
            if depth[node] == usize::MAX {
                depth[node] = depth[parent[node]] + 1;
            }
        }
    }
    let mut nodes: Vec<Option<Comment>> = std::iter::once(Some(root))
        .chain(replies.into_iter().map(|(c, _)| Some(c)))
        .collect();
    let mut order: Vec<usize> = (1..=n).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(depth[k]));
    // Deepest first: a node is complete (all its replies in) before it moves into its parent.
    for k in order {
        let mut c = nodes[k].take().expect("each node moves once");
        sort_replies(&mut c.replies);
        nodes[parent[k]]
            .as_mut()
            .expect("a parent is shallower, so still in place")
            .replies
            .push(c);
    }
    let mut root = nodes[0].take().expect("the root");
    sort_replies(&mut root.replies);
    root
}

/// Oldest first; within a second, by numeric id (SQL storage counts up) where ids are numbers.
fn sort_replies(replies: &mut [Comment]) {
    replies.sort_by_key(|c| (c.time.unix(), c.id.parse::<u64>().ok()));
}

/// Adds a just-posted comment to loaded threads: under `reply.id` (searched without
/// recursion) or, without a target, as a new root at the front or the back. Returns false when
/// the parent is not loaded (the caller reloads instead).
pub fn insert_posted(
    threads: &mut Vec<Comment>,
    posted: Comment,
    reply: Option<&ReplyTarget>,
    at_front: bool,
) -> bool {
    let Some(target) = reply else {
        if at_front {
            threads.insert(0, posted);
        } else {
            threads.push(posted);
        }
        return true;
    };
    let mut stack: Vec<&mut Comment> = threads.iter_mut().collect();
    while let Some(c) = stack.pop() {
        if c.id == target.id {
            c.replies.push(posted);
            return true;
        }
        stack.extend(c.replies.iter_mut());
    }
    false
}

/// Appends a further page of roots, leaving out ids already shown (a comment posted meanwhile
/// shifts the server's pages by one), while all threads together stay within an article's caps
/// ([`limits::MAX_COMMENTS`], [`limits::COMMENTS_TEXT`]). Returns false when a thread had to be
/// left out: the caller then loads no more.
pub fn merge_page(threads: &mut Vec<Comment>, page: Vec<Comment>) -> bool {
    let seen: std::collections::HashSet<String> = threads.iter().map(|c| c.id.clone()).collect();
    let mut count = count_comments(threads);
    let mut text = comment_text_chars(threads);
    for thread in page.into_iter().filter(|c| !seen.contains(&c.id)) {
        let one = std::slice::from_ref(&thread);
        let (n, t) = (count_comments(one), comment_text_chars(one));
        if count + n > limits::MAX_COMMENTS || text + t > limits::COMMENTS_TEXT {
            return false;
        }
        (count, text) = (count + n, text + t);
        threads.push(thread);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::response::{
        parse_comment_page,
        tests::{zone, LIST},
    };
    use super::*;
    use crate::Timestamp;

    #[test]
    fn posted_comments_land_in_place_and_pages_merge_without_repeats() {
        let mut threads = parse_comment_page(LIST, zone(), "匿名").unwrap().comments;
        let new = |id: &str| Comment {
            id: id.into(),
            author: "n".into(),
            time: Timestamp::from_unix(0, zone()),
            text: "t".into(),
            replies: vec![],
        };
        let to4 = ReplyTarget {
            id: "4".into(),
            root: "1".into(),
            author: "丁".into(),
        };
        assert!(insert_posted(&mut threads, new("8"), Some(&to4), true));
        assert_eq!(
            threads[0].replies[0].replies[0].replies[0].replies[0].id,
            "8"
        );
        let gone = ReplyTarget {
            id: "404".into(),
            ..to4
        };
        assert!(!insert_posted(&mut threads, new("9"), Some(&gone), true));
        assert!(insert_posted(&mut threads, new("10"), None, true));
        assert_eq!(threads[0].id, "10");
        assert!(merge_page(&mut threads, vec![new("6"), new("11")]));
        let ids: Vec<&str> = threads.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["10", "1", "6", "11"]);
        let roots = threads.len();
        // Past the per-article cap nothing more is merged, and the caller hears of it.
        let shown = count_comments(&threads);
        let many: Vec<Comment> = (0..limits::MAX_COMMENTS)
            .map(|i| new(&format!("m{i}")))
            .collect();
        assert!(!merge_page(&mut threads, many));
        assert_eq!(count_comments(&threads), limits::MAX_COMMENTS);
        assert_eq!(threads.len(), roots + limits::MAX_COMMENTS - shown);
    }
}
