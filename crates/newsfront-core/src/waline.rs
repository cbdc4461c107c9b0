//! The Waline comment server's REST contract: request URLs and bodies, and responses read into
//! the feed's [`Comment`] model (replies nested by `pid`, text only, never markup).
//!
//! Checked against `@waline/vercel` 1.39.3 (`src/controller/comment.js`, `src/logic/comment.js`):
//! - every response is `{errno, errmsg, data}`; `errno != 0` is a refusal whose `errmsg` the
//!   reader should see ("Duplicate Content", "Comment too fast!", …);
//! - `GET /api/comment?path=&page=&pageSize=&sortBy=` → `data = {page, totalPages, pageSize,
//!   count, data: [root]}`, each root with every reply of its thread flattened into `children`
//!   (`pid` = the comment replied to, `rid` = the thread root); `time` is unix milliseconds;
//!   `comment` is HTML rendered from Markdown, `orig` (when present) the text as written;
//! - `GET /api/comment?type=count&url=a,b` → `data = [n, n]` (a bare number in the server's
//!   deprecated mode);
//! - `POST /api/comment` with `{comment, nick, mail, link, url, ua, pid, rid, at}` → `data` =
//!   the stored comment, `status: "waiting"` when it awaits moderation.
//!
//! A Newsfront article's Waline path is its route: `/a/{id}` (see [`article_path`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{encode_uri_component, limits, ArticleId, Comment, Timestamp, Zone};

/// Longest comment a reader may post, in characters (shown beside the text box).
pub const MAX_TEXT_CHARS: usize = 500;
/// Longest nickname, in characters.
pub const MAX_NICK_CHARS: usize = 30;
/// Longest e-mail address, in characters.
pub const MAX_MAIL_CHARS: usize = 100;
/// Root comments per page.
pub const PAGE_SIZE: u32 = 10;

/// The Waline `path` (Waline calls it `url`) of an article: its route in the app.
pub fn article_path(id: &ArticleId) -> String {
    format!("/a/{id}")
}

/// Newest or oldest first (`sortBy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    Newest,
    Oldest,
}

impl SortOrder {
    pub fn as_param(self) -> &'static str {
        match self {
            SortOrder::Newest => "insertedAt_desc",
            SortOrder::Oldest => "insertedAt_asc",
        }
    }
}

fn api(server: &str) -> String {
    format!("{}/api/comment", server.trim_end_matches('/'))
}

/// `GET` URL of one page (1-based) of an article's comments.
pub fn list_url(server: &str, path: &str, page: u32, sort: SortOrder) -> String {
    format!(
        "{}?path={}&page={page}&pageSize={PAGE_SIZE}&sortBy={}&lang=zh-CN",
        api(server),
        encode_uri_component(path),
        sort.as_param()
    )
}

/// `GET` URL of the comment counts of several paths, in order.
pub fn count_url(server: &str, paths: &[String]) -> String {
    let joined = paths.join(",");
    format!(
        "{}?type=count&url={}&lang=zh-CN",
        api(server),
        encode_uri_component(&joined)
    )
}

/// `POST` URL for a new comment.
pub fn post_url(server: &str) -> String {
    format!("{}?lang=zh-CN", api(server))
}

/// Why a Waline response could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WalineError {
    /// The server answered `errno != 0`; `message` is its `errmsg` (shown to the reader).
    Refused { errno: i64, message: String },
    /// Not the documented shape: where, and what was wrong.
    Malformed(String),
}

impl std::fmt::Display for WalineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalineError::Refused { message, errno } if message.is_empty() => {
                write!(f, "errno {errno}")
            }
            WalineError::Refused { message, .. } => f.write_str(message),
            WalineError::Malformed(detail) => write!(f, "unexpected Waline response: {detail}"),
        }
    }
}

impl std::error::Error for WalineError {}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    errno: i64,
    #[serde(default)]
    errmsg: String,
    #[serde(default)]
    data: Value,
}

/// Unwraps `{errno, errmsg, data}`; a refusal becomes [`WalineError::Refused`].
fn unwrap_envelope(text: &str) -> Result<Value, WalineError> {
    let env: Envelope = serde_json::from_str(text)
        .map_err(|e| WalineError::Malformed(format!("not a JSON envelope: {e}")))?;
    if env.errno != 0 {
        return Err(WalineError::Refused {
            errno: env.errno,
            message: env.errmsg.trim().chars().take(200).collect(),
        });
    }
    Ok(env.data)
}

/// The server's message in a non-2xx body, if it is an envelope with one.
pub fn error_message(text: &str) -> Option<String> {
    match unwrap_envelope(text) {
        Err(WalineError::Refused { message, .. }) if !message.is_empty() => Some(message),
        _ => None,
    }
}

/// One page of an article's comments, roots in server order, replies nested.
#[derive(Clone, Debug, PartialEq)]
pub struct CommentPage {
    pub page: u32,
    pub total_pages: u32,
    /// All visible comments of the article, replies included.
    pub count: u32,
    pub comments: Vec<Comment>,
    /// Entries left out, with why (missing id or time).
    pub skipped: Vec<String>,
}

/// A comment the server stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Posted {
    pub comment: Comment,
    /// The server holds it for moderation: not shown to others yet.
    pub waiting: bool,
}

/// Reads a list response. `anonymous` names comments posted without a nickname.
pub fn parse_comment_page(
    text: &str,
    zone: Zone,
    anonymous: &str,
) -> Result<CommentPage, WalineError> {
    let data = unwrap_envelope(text)?;
    let number = |key: &str| data.get(key).and_then(as_u32);
    let roots = data
        .get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| WalineError::Malformed("data.data is not a list".into()))?;
    let mut skipped = Vec::new();
    let mut comments = Vec::with_capacity(roots.len());
    for (i, root) in roots.iter().take(limits::MAX_COMMENTS).enumerate() {
        let at = format!("data.data[{i}]");
        let Some(top) = read_entry(root, zone, anonymous, &at, &mut skipped) else {
            continue;
        };
        let children = root
            .get("children")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut replies = Vec::with_capacity(children.len());
        for (j, child) in children.iter().take(limits::MAX_COMMENTS).enumerate() {
            let at = format!("{at}.children[{j}]");
            if let Some(c) = read_entry(child, zone, anonymous, &at, &mut skipped) {
                let pid = child.get("pid").and_then(as_id);
                replies.push((c.comment, pid));
            }
        }
        comments.push(nest(top.comment, replies));
    }
    Ok(CommentPage {
        page: number("page").unwrap_or(1),
        total_pages: number("totalPages").unwrap_or(0),
        count: number("count").unwrap_or(0),
        comments,
        skipped,
    })
}

/// Reads the counts response for `expected` paths (an array, or one number in deprecated mode).
pub fn parse_counts(text: &str, expected: usize) -> Result<Vec<u32>, WalineError> {
    let data = unwrap_envelope(text)?;
    let counts: Vec<u32> = match &data {
        Value::Array(items) => items.iter().map(|v| as_u32(v).unwrap_or(0)).collect(),
        other => vec![as_u32(other).ok_or_else(|| {
            WalineError::Malformed(format!("counts: expected a list, got {other}"))
        })?],
    };
    if counts.len() != expected {
        return Err(WalineError::Malformed(format!(
            "counts: asked for {expected}, got {}",
            counts.len()
        )));
    }
    Ok(counts)
}

/// Reads the response to a post.
pub fn parse_posted(text: &str, zone: Zone, anonymous: &str) -> Result<Posted, WalineError> {
    let data = unwrap_envelope(text)?;
    let mut problems = Vec::new();
    let entry = read_entry(&data, zone, anonymous, "data", &mut problems)
        .ok_or_else(|| WalineError::Malformed(problems.join("; ")))?;
    Ok(Posted {
        waiting: entry.status.as_deref() == Some("waiting"),
        comment: entry.comment,
    })
}

struct Entry {
    comment: Comment,
    status: Option<String>,
}

fn read_entry(
    v: &Value,
    zone: Zone,
    anonymous: &str,
    at: &str,
    skipped: &mut Vec<String>,
) -> Option<Entry> {
    let Some(id) = v.get("objectId").and_then(as_id) else {
        skipped.push(format!("{at}.objectId: missing"));
        return None;
    };
    let time = match v.get("time").and_then(Value::as_f64) {
        Some(ms) => Timestamp::from_unix((ms / 1000.0).floor() as i64, zone),
        None => match v
            .get("insertedAt")
            .and_then(Value::as_str)
            .and_then(|s| Timestamp::parse(s).ok())
        {
            Some(t) => t,
            None => {
                skipped.push(format!("{at}.time: missing"));
                return None;
            }
        },
    };
    let nick = v.get("nick").and_then(Value::as_str).unwrap_or("").trim();
    let author = if nick.is_empty() { anonymous } else { nick };
    let text = match v.get("orig").and_then(Value::as_str) {
        Some(orig) => orig.trim().to_string(),
        None => text_from_html(v.get("comment").and_then(Value::as_str).unwrap_or("")),
    };
    Some(Entry {
        comment: Comment {
            id,
            author: truncate(author, limits::COMMENT_AUTHOR),
            time,
            text: truncate(&text, limits::COMMENT_TEXT),
            replies: Vec::new(),
        },
        status: v.get("status").and_then(Value::as_str).map(str::to_string),
    })
}

/// Nests a thread's flat replies under the comment each one answers (`pid`), each level oldest
/// first. Waline stores times to the second, so order in the response says nothing; a reply
/// whose parent is unknown hangs under the root, and a `pid` cycle is cut, so the result is
/// always a tree. Built without recursion.
fn nest(root: Comment, replies: Vec<(Comment, Option<String>)>) -> Comment {
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

fn as_id(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty() && s.chars().count() <= limits::COMMENT_ID).then_some(s)
}

fn as_u32(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Plain text of server-rendered HTML: tags dropped (block ends become line breaks), the
/// common entities decoded. The result is only ever inserted as text.
pub fn text_from_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let end = after.find('>').map(|i| i + 1).unwrap_or(after.len());
        let tag = after[..end].to_ascii_lowercase();
        if tag.starts_with("<br") || tag.starts_with("</p") || tag.starts_with("</li") {
            out.push('\n');
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    decode_entities(out.trim())
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[1..i];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" | "#x27" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            ch.map(|c| (c, i + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A piece of comment text: plain, or an http(s) URL to show as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextPiece {
    Text(String),
    Link(String),
}

/// Splits text into plain runs and http(s) URLs (up to whitespace or a closing bracket or
/// CJK punctuation; trailing `.,;:!?` stay text).
pub fn split_links(text: &str) -> Vec<TextPiece> {
    let mut pieces = Vec::new();
    let mut rest = text;
    loop {
        let found = ["http://", "https://"]
            .iter()
            .filter_map(|p| find_ascii_ci(rest, p))
            .min();
        let Some(start) = found else { break };
        let tail = &rest[start..];
        let mut end = tail
            .char_indices()
            .find(|&(_, c)| {
                c.is_whitespace()
                    || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']' | '}')
                    || (!c.is_ascii() && !c.is_alphanumeric())
                    || ('\u{3000}'..='\u{303f}').contains(&c)
                    || ('\u{ff00}'..='\u{ffef}').contains(&c)
            })
            .map(|(i, _)| i)
            .unwrap_or(tail.len());
        while end > 0 && tail[..end].ends_with(['.', ',', ';', ':', '!', '?']) {
            end -= 1;
        }
        let url = &tail[..end];
        let scheme_len = if url.len() >= 8 && url[..8].eq_ignore_ascii_case("https://") {
            8
        } else {
            7
        };
        if url.len() <= scheme_len {
            // A bare scheme: keep it as text and look further.
            push_text(&mut pieces, &rest[..start + scheme_len.min(tail.len())]);
            rest = &rest[start + scheme_len.min(tail.len())..];
            continue;
        }
        push_text(&mut pieces, &rest[..start]);
        pieces.push(TextPiece::Link(url.to_string()));
        rest = &tail[end..];
    }
    push_text(&mut pieces, rest);
    pieces
}

fn push_text(pieces: &mut Vec<TextPiece>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(TextPiece::Text(t)) = pieces.last_mut() {
        t.push_str(s);
    } else {
        pieces.push(TextPiece::Text(s.to_string()));
    }
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// What the reader typed in the compose form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
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
pub enum DraftProblem {
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
pub fn check_draft(d: &Draft) -> Result<(), DraftProblem> {
    let nick = d.nick.trim();
    if nick.is_empty() {
        return Err(DraftProblem::NickMissing);
    }
    if nick.chars().count() > MAX_NICK_CHARS {
        return Err(DraftProblem::NickTooLong);
    }
    let mail = d.mail.trim();
    if !mail.is_empty() && !plausible_mail(mail) {
        return Err(DraftProblem::MailInvalid);
    }
    let text = d.text.trim();
    if text.is_empty() {
        return Err(DraftProblem::TextMissing);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(DraftProblem::TextTooLong);
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
    d: &Draft,
    path: &str,
    user_agent: &str,
    reply: Option<&ReplyTarget>,
) -> Result<PostBody, DraftProblem> {
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
/// shifts the server's pages by one).
pub fn merge_page(threads: &mut Vec<Comment>, page: Vec<Comment>) {
    let seen: std::collections::HashSet<String> = threads.iter().map(|c| c.id.clone()).collect();
    threads.extend(page.into_iter().filter(|c| !seen.contains(&c.id)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> Zone {
        Zone::parse("+08:00").unwrap()
    }

    fn id(s: &str) -> ArticleId {
        ArticleId::parse(s).unwrap()
    }

    #[test]
    fn urls_encode_the_path_and_parameters() {
        let path = article_path(&id("158efa5accffce1b"));
        assert_eq!(path, "/a/158efa5accffce1b");
        assert_eq!(
            list_url("http://127.0.0.1:8360/", &path, 2, SortOrder::Oldest),
            "http://127.0.0.1:8360/api/comment?path=%2Fa%2F158efa5accffce1b&page=2&pageSize=10&sortBy=insertedAt_asc&lang=zh-CN"
        );
        assert_eq!(
            count_url("https://c.example", &["/a/x".into(), "/a/y".into()]),
            "https://c.example/api/comment?type=count&url=%2Fa%2Fx%2C%2Fa%2Fy&lang=zh-CN"
        );
        assert_eq!(
            post_url("https://c.example"),
            "https://c.example/api/comment?lang=zh-CN"
        );
    }

    /// Shaped like a real 1.39.3 list response (fields trimmed).
    const LIST: &str = r#"{"errno":0,"errmsg":"","data":{"page":1,"totalPages":3,"pageSize":10,"count":25,"data":[
      {"objectId":1,"nick":"甲","comment":"<p>first</p>\n","orig":"first","time":1700000000000,"status":"approved","pid":null,"rid":null,
       "children":[
         {"objectId":4,"nick":"丁","comment":"<p>to 3</p>","orig":"to 3","time":1700000300000,"pid":3,"rid":1},
         {"objectId":2,"nick":"乙","comment":"<p>to 1</p>","orig":"to 1","time":1700000100000,"pid":1,"rid":1},
         {"objectId":3,"nick":"丙","comment":"<p>to 2</p>","orig":"to 2","time":1700000200000,"pid":2,"rid":1},
         {"objectId":5,"nick":"","comment":"<p>a &amp; b &lt;img src=x&gt;</p>","time":1700000400000,"pid":99,"rid":1}
       ]},
      {"objectId":"6","nick":"戊","comment":"x","orig":"x","time":1700000500000},
      {"nick":"no id","time":1}
    ]}}"#;

    #[test]
    fn list_nests_replies_by_pid_and_keeps_text_only() {
        let page = parse_comment_page(LIST, zone(), "匿名").unwrap();
        assert_eq!((page.page, page.total_pages, page.count), (1, 3, 25));
        assert_eq!(page.comments.len(), 2);
        assert_eq!(page.skipped, vec!["data.data[2].objectId: missing"]);
        let first = &page.comments[0];
        assert_eq!((first.id.as_str(), first.text.as_str()), ("1", "first"));
        assert_eq!(first.time.unix(), 1_700_000_000);
        // 2 answers 1; 3 answers 2; 4 answers 3; 5 answers an unknown id → under the root.
        let ids: Vec<&str> = first.replies.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["2", "5"]);
        assert_eq!(first.replies[0].replies[0].id, "3");
        assert_eq!(first.replies[0].replies[0].replies[0].id, "4");
        let orphan = &first.replies[1];
        assert_eq!(orphan.author, "匿名");
        assert_eq!(orphan.text, "a & b <img src=x>");
        assert_eq!(page.comments[1].id, "6");
    }

    #[test]
    fn nesting_ignores_response_order_and_cuts_cycles() {
        // Same second, newest listed first (as Waline returns children for insertedAt_asc).
        let same = r#"{"errno":0,"data":{"data":[{"objectId":1,"nick":"a","orig":"r","time":1000,
          "children":[
            {"objectId":3,"nick":"c","orig":"to 2","time":1000,"pid":2},
            {"objectId":2,"nick":"b","orig":"to 1","time":1000,"pid":1},
            {"objectId":5,"nick":"e","orig":"to 6","time":1000,"pid":6},
            {"objectId":6,"nick":"f","orig":"to 5","time":1000,"pid":5},
            {"objectId":10,"nick":"g","orig":"to 1","time":1000,"pid":1}
          ]}]}}"#;
        let page = parse_comment_page(same, zone(), "匿名").unwrap();
        let root = &page.comments[0];
        let ids: Vec<&str> = root.replies.iter().map(|c| c.id.as_str()).collect();
        // 2 and 10 answer the root (numeric order within the second); 5 ↔ 6 is cut at one end.
        assert_eq!(ids.len(), 3, "{ids:?}");
        assert_eq!(&ids[..1], ["2"]);
        assert_eq!(root.replies[0].replies[0].id, "3");
        assert_eq!(crate::count_comments(&page.comments), 6);
    }

    #[test]
    fn refusals_carry_the_server_message() {
        let e = parse_posted(
            r#"{"errno":1000,"errmsg":"Duplicate Content","data":""}"#,
            zone(),
            "匿名",
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "Duplicate Content");
        assert_eq!(
            error_message(r#"{"errno":403,"errmsg":"Forbidden"}"#).as_deref(),
            Some("Forbidden")
        );
        assert_eq!(error_message("<html>"), None);
        let e = parse_comment_page("<html>", zone(), "匿名").unwrap_err();
        assert!(e.to_string().contains("not a JSON envelope"), "{e}");
        let e = parse_comment_page(r#"{"errno":0,"data":{"data":3}}"#, zone(), "匿名").unwrap_err();
        assert!(e.to_string().contains("data.data is not a list"), "{e}");
    }

    #[test]
    fn posted_comment_and_moderation() {
        let ok = r#"{"errno":0,"errmsg":"","data":{"objectId":7,"nick":"n","comment":"<p>hi</p>","orig":"hi","time":1700000000000,"status":"approved"}}"#;
        let p = parse_posted(ok, zone(), "匿名").unwrap();
        assert!(!p.waiting);
        assert_eq!(
            (p.comment.id.as_str(), p.comment.text.as_str()),
            ("7", "hi")
        );
        let waiting = ok.replace("approved", "waiting");
        assert!(parse_posted(&waiting, zone(), "匿名").unwrap().waiting);
        let e = parse_posted(r#"{"errno":0,"data":{"nick":"n"}}"#, zone(), "匿名").unwrap_err();
        assert!(e.to_string().contains("data.objectId: missing"), "{e}");
    }

    #[test]
    fn counts_array_or_number() {
        assert_eq!(
            parse_counts(r#"{"errno":0,"data":[2,0,"3"]}"#, 3).unwrap(),
            [2, 0, 3]
        );
        assert_eq!(parse_counts(r#"{"errno":0,"data":5}"#, 1).unwrap(), [5]);
        let e = parse_counts(r#"{"errno":0,"data":[1]}"#, 2).unwrap_err();
        assert!(e.to_string().contains("asked for 2, got 1"), "{e}");
    }

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            text_from_html("<p>a<br>b</p>\n<script>alert(1)</script><p>&#x4e2d;&#25991; &quot;q&quot; &bogus;</p>"),
            "a\nb\n\nalert(1)中文 \"q\" &bogus;"
        );
        assert_eq!(text_from_html("<img src=x onerror=alert(1)>"), "");
        assert_eq!(text_from_html("1 < 2"), "1");
    }

    #[test]
    fn links_are_found_in_text() {
        use TextPiece::*;
        assert_eq!(
            split_links("见 https://example.com/a?b=1。还有 http://x.cn/p, 完"),
            vec![
                Text("见 ".into()),
                Link("https://example.com/a?b=1".into()),
                Text("。还有 ".into()),
                Link("http://x.cn/p".into()),
                Text(", 完".into()),
            ]
        );
        assert_eq!(
            split_links("javascript:alert(1)"),
            vec![Text("javascript:alert(1)".into())]
        );
        assert_eq!(
            split_links("bare https:// here"),
            vec![Text("bare https:// here".into())]
        );
        assert_eq!(
            split_links("(HTTPS://E.com)"),
            vec![
                Text("(".into()),
                Link("HTTPS://E.com".into()),
                Text(")".into())
            ]
        );
        assert_eq!(split_links(""), vec![]);
    }

    #[test]
    fn drafts_are_checked_and_become_bodies() {
        let mut d = Draft {
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
        assert_eq!(check_draft(&d), Err(DraftProblem::MailInvalid));
        d.mail = "a@b.cn".into();
        d.text = "字".repeat(MAX_TEXT_CHARS);
        assert_eq!(check_draft(&d), Ok(()));
        d.text.push('字');
        assert_eq!(check_draft(&d), Err(DraftProblem::TextTooLong));
        d.text = "  ".into();
        assert_eq!(check_draft(&d), Err(DraftProblem::TextMissing));
        d.nick = "".into();
        assert_eq!(check_draft(&d), Err(DraftProblem::NickMissing));
        d.nick = "n".repeat(MAX_NICK_CHARS + 1);
        assert_eq!(check_draft(&d), Err(DraftProblem::NickTooLong));
    }

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
        merge_page(&mut threads, vec![new("6"), new("11")]);
        let ids: Vec<&str> = threads.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["10", "1", "6", "11"]);
    }
}
