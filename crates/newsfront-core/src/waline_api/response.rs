//! Waline responses read into the feed's [`Comment`] model: the `{errno, errmsg, data}`
//! envelope, comment pages, counts and a posted comment.

use serde::Deserialize;
use serde_json::Value;

use super::html_text::text_from_html;
use super::threads::nest;
use crate::{limits, Comment, Timestamp, Zone};

/// Why a Waline response could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WalineResponseError {
    /// The server answered `errno != 0`; `message` is its `errmsg` (shown to the reader).
    Refused { errno: i64, message: String },
    /// Not the documented shape: where, and what was wrong.
    Malformed(String),
}

impl std::fmt::Display for WalineResponseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalineResponseError::Refused { message, errno } if message.is_empty() => {
                write!(f, "errno {errno}")
            }
            WalineResponseError::Refused { message, .. } => f.write_str(message),
            WalineResponseError::Malformed(detail) => {
                write!(f, "unexpected Waline response: {detail}")
            }
        }
    }
}

impl std::error::Error for WalineResponseError {}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    errno: i64,
    #[serde(default)]
    errmsg: String,
    #[serde(default)]
    data: Value,
}

/// Unwraps `{errno, errmsg, data}`; a refusal becomes [`WalineResponseError::Refused`].
fn unwrap_envelope(text: &str) -> Result<Value, WalineResponseError> {
    if text.len() > limits::COMMENTS_FILE_BYTES {
        return Err(WalineResponseError::Malformed(format!(
            "the response is {} bytes; at most {} are read",
            text.len(),
            limits::COMMENTS_FILE_BYTES
        )));
    }
    let env: Envelope = serde_json::from_str(text)
        .map_err(|e| WalineResponseError::Malformed(format!("not a JSON envelope: {e}")))?;
    if env.errno != 0 {
        return Err(WalineResponseError::Refused {
            errno: env.errno,
            message: env.errmsg.trim().chars().take(200).collect(),
        });
    }
    Ok(env.data)
}

/// The server's message in a non-2xx body, if it is an envelope with one.
pub fn error_message(text: &str) -> Option<String> {
    match unwrap_envelope(text) {
        Err(WalineResponseError::Refused { message, .. }) if !message.is_empty() => Some(message),
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
) -> Result<CommentPage, WalineResponseError> {
    let data = unwrap_envelope(text)?;
    let number = |key: &str| data.get(key).and_then(as_u32);
    let roots = data
        .get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| WalineResponseError::Malformed("data.data is not a list".into()))?;
    let mut skipped = Vec::new();
    let mut comments = Vec::with_capacity(roots.len().min(limits::MAX_COMMENTS));
    // One page renders at once: all its comments together stay within the per-article caps.
    let mut room = limits::MAX_COMMENTS;
    let mut text_room = limits::COMMENTS_TEXT;
    for (i, root) in roots.iter().enumerate() {
        let at = format!("data.data[{i}]");
        let children = root
            .get("children")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if room <= children.len() {
            skipped.push(format!(
                "{at}: the page holds more than {} comments; the rest are left out",
                limits::MAX_COMMENTS
            ));
            if room == 0 {
                break;
            }
        }
        let Some(top) = read_entry(root, zone, anonymous, &at, &mut skipped) else {
            continue;
        };
        let Some(left) = text_room.checked_sub(top.comment.text.chars().count()) else {
            skipped.push(format!(
                "{at}: the page holds more than {} characters of text; the rest are left out",
                limits::COMMENTS_TEXT
            ));
            break;
        };
        text_room = left;
        room -= 1;
        let mut replies = Vec::with_capacity(children.len().min(room));
        for (j, child) in children.iter().take(room).enumerate() {
            let at = format!("{at}.children[{j}]");
            if let Some(c) = read_entry(child, zone, anonymous, &at, &mut skipped) {
                let Some(left) = text_room.checked_sub(c.comment.text.chars().count()) else {
                    skipped.push(format!(
                        "{at}: the page holds more than {} characters of text; the rest are \
                         left out",
                        limits::COMMENTS_TEXT
                    ));
                    break;
                };
                text_room = left;
                let pid = child.get("pid").and_then(as_id);
                replies.push((c.comment, pid));
            }
        }
        room -= replies.len();
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
pub fn parse_counts(text: &str, expected: usize) -> Result<Vec<u32>, WalineResponseError> {
    let data = unwrap_envelope(text)?;
    let counts: Vec<u32> = match &data {
        Value::Array(items) => items.iter().map(|v| as_u32(v).unwrap_or(0)).collect(),
        other => vec![as_u32(other).ok_or_else(|| {
            WalineResponseError::Malformed(format!("counts: expected a list, got {other}"))
        })?],
    };
    if counts.len() != expected {
        return Err(WalineResponseError::Malformed(format!(
            "counts: asked for {expected}, got {}",
            counts.len()
        )));
    }
    Ok(counts)
}

/// Reads the response to a post.
pub fn parse_posted(
    text: &str,
    zone: Zone,
    anonymous: &str,
) -> Result<Posted, WalineResponseError> {
    let data = unwrap_envelope(text)?;
    let mut problems = Vec::new();
    let entry = read_entry(&data, zone, anonymous, "data", &mut problems)
        .ok_or_else(|| WalineResponseError::Malformed(problems.join("; ")))?;
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
        // Far outside the contract's years, before a civil date is ever computed from it.
        Some(ms) if (ms / 1000.0).abs() < 1e11 => {
            Some(Timestamp::from_unix((ms / 1000.0).floor() as i64, zone))
        }
        Some(_) => None,
        None => v
            .get("insertedAt")
            .and_then(Value::as_str)
            .and_then(|s| Timestamp::parse(s).ok()),
    };
    let Some(time) = time else {
        skipped.push(format!("{at}.time: missing"));
        return None;
    };
    if !(limits::FIRST_YEAR..=limits::LAST_YEAR).contains(&time.year()) {
        skipped.push(format!(
            "{at}.time: in the year {}, outside {}–{}",
            time.year(),
            limits::FIRST_YEAR,
            limits::LAST_YEAR
        ));
        return None;
    }
    let nick = v.get("nick").and_then(Value::as_str).unwrap_or("").trim();
    let author = if nick.is_empty() { anonymous } else { nick };
    let text = match v.get("orig").and_then(Value::as_str) {
        Some(orig) => orig.trim().to_string(),
        None => text_from_html(v.get("comment").and_then(Value::as_str).unwrap_or("")),
    };
    Some(Entry {
        comment: Comment {
            id,
            author: fit_text(author, limits::COMMENT_AUTHOR),
            time,
            text: fit_text(&text, limits::COMMENT_TEXT),
            replies: Vec::new(),
        },
        status: v.get("status").and_then(Value::as_str).map(str::to_string),
    })
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

/// At most `max` characters, with no more combining marks on one character than a feed text
/// may have: a server's text is cut to fit rather than refused.
fn fit_text(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 4));
    let (mut kept, mut marks) = (0, 0);
    for c in s.chars() {
        if unicode_normalization::char::is_combining_mark(c) {
            marks += 1;
            if marks > limits::MAX_COMBINING_MARKS {
                continue;
            }
        } else {
            marks = 0;
        }
        if kept == max {
            break;
        }
        out.push(c);
        kept += 1;
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::waline_api) fn zone() -> Zone {
        Zone::parse("+08:00").unwrap()
    }

    /// Shaped like a real 1.39.3 list response (fields trimmed).
    pub(in crate::waline_api) const LIST: &str = r#"{"errno":0,"errmsg":"","data":{"page":1,"totalPages":3,"pageSize":10,"count":25,"data":[
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
    fn a_page_stays_within_the_caps() {
        let children: Vec<serde_json::Value> = (0..limits::MAX_COMMENTS + 5)
            .map(|i| serde_json::json!({"objectId": i + 10, "nick": "n", "orig": "t", "time": 1_700_000_000_000u64, "pid": 1}))
            .collect();
        let zalgo = format!("a{}b", "\u{0301}".repeat(300));
        let text = serde_json::json!({"errno": 0, "data": {"data": [
            {"objectId": 1, "nick": zalgo, "orig": "r", "time": 1_700_000_000_000u64, "children": children},
            {"objectId": 2, "nick": "n", "orig": "late", "time": 1_700_000_000_000u64},
            {"objectId": 3, "nick": "n", "orig": "future", "time": 1e30},
            {"objectId": 4, "nick": "n", "orig": "old", "time": -1e15}
        ]}})
        .to_string();
        let page = parse_comment_page(&text, zone(), "匿名").unwrap();
        assert_eq!(crate::count_comments(&page.comments), limits::MAX_COMMENTS);
        assert_eq!(page.comments.len(), 1);
        assert!(
            page.skipped[0].contains(&format!("more than {} comments", limits::MAX_COMMENTS)),
            "{:?}",
            page.skipped
        );
        let author = &page.comments[0].author;
        assert_eq!(author.chars().count(), 2 + limits::MAX_COMBINING_MARKS);
        let small = serde_json::json!({"errno": 0, "data": {"data": [
            {"objectId": 3, "nick": "n", "orig": "future", "time": 1e30},
            {"objectId": 4, "nick": "n", "orig": "old", "time": -1e15},
            {"objectId": 5, "nick": "n", "orig": "y0", "insertedAt": "0000-01-01T00:00:00+23:59"}
        ]}})
        .to_string();
        let page = parse_comment_page(&small, zone(), "匿名").unwrap();
        assert!(page.comments.is_empty());
        assert_eq!(page.skipped.len(), 3, "{:?}", page.skipped);
    }

    #[test]
    fn a_page_stays_within_the_text_cap_and_size() {
        let long = "字".repeat(1_000);
        let roots: Vec<serde_json::Value> = (0..limits::COMMENTS_TEXT / 1_000 + 5)
            .map(|i| serde_json::json!({"objectId": i, "nick": "n", "orig": long, "time": 1_700_000_000_000u64}))
            .collect();
        let text = serde_json::json!({"errno": 0, "data": {"data": roots}}).to_string();
        let page = parse_comment_page(&text, zone(), "匿名").unwrap();
        assert_eq!(page.comments.len(), limits::COMMENTS_TEXT / 1_000);
        assert!(
            page.skipped[0].contains(&format!("more than {} characters", limits::COMMENTS_TEXT)),
            "{:?}",
            page.skipped
        );
        let huge = format!(
            r#"{{"errno":0,"data":{{"data":[]}},"x":"{}"}}"#,
            "x".repeat(limits::COMMENTS_FILE_BYTES)
        );
        let e = parse_comment_page(&huge, zone(), "匿名").unwrap_err();
        assert!(e.to_string().contains("at most 4194304 are read"), "{e}");
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
}
