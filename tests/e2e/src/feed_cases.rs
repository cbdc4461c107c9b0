//! Feed files a test breaks on purpose, opened one after another in one browser session and
//! held to what each must end in: a message with 重试, the content anyway, or a list with its
//! skip note; never a blank page or a panic, and the nav still leads home.

use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};

use crate::selectors::{ERROR_MESSAGE, LIST_ITEM, RETRY};
use crate::{dist, feed_json, Browser, ScratchSite, DEFAULT_WAIT, SEED};

/// What a case must end in.
pub enum Outcome {
    /// An error panel whose message contains every needle (the nav beside it).
    Message(&'static [&'static str]),
    /// This selector's text contains the needle (the content rendered anyway).
    Shows(&'static str, &'static str),
    /// A list with `shown` items and the skipped-items note.
    Skips { shown: usize },
}

pub struct Case {
    pub name: &'static str,
    /// The page that shows the broken file.
    pub path: String,
    pub outcome: Outcome,
}

/// The seed article's feed file, to edit into a case.
pub fn seed_article() -> Result<Value> {
    feed_json(&dist(), &format!("articles/{SEED}.json"))
}

/// The seed article under another id, linking to no other, edited and written into `site`;
/// returns its page.
pub fn article(site: &ScratchSite, id: &str, edit: impl FnOnce(&mut Value)) -> Result<String> {
    article_text(site, id, "", edit)
}

/// [`article`] written as JSON text with `prefix` before it (a byte order mark, say).
pub fn article_text(
    site: &ScratchSite,
    id: &str,
    prefix: &str,
    edit: impl FnOnce(&mut Value),
) -> Result<String> {
    let mut a = seed_article()?;
    a["id"] = json!(id);
    a["related"] = json!([]);
    a["prev"] = Value::Null;
    a["next"] = Value::Null;
    edit(&mut a);
    site.write_feed(
        &format!("articles/{id}.json"),
        format!("{prefix}{}", serde_json::to_string(&a)?),
    )?;
    Ok(format!("/a/{id}"))
}

/// A list item for article `id` in `category`.
pub fn summary(id: &str, category: &str) -> Value {
    json!({
        "id": id, "title": format!("条目 {id}"), "summary": "摘要", "cover": null,
        "source": "网站编辑", "published": "2023-03-26T09:45:00+08:00", "category": category,
        "comment_count": 0
    })
}

/// A list of one page holding `items`.
pub fn list(items: Vec<Value>) -> Value {
    json!({ "format_version": 1, "page": 1, "total_pages": 1, "total_items": items.len(), "items": items })
}

/// The page is not blank, did not panic, and has its nav.
pub fn check_page_alive(b: &mut Browser) -> Result<()> {
    ensure!(!b.exists(".panic-screen")?, "panic screen shown");
    let text = b.eval_js("return document.body.innerText.trim().length;")?;
    ensure!(text.as_u64().unwrap_or(0) > 20, "page nearly blank");
    ensure!(b.count("nav.cat-nav a")? >= 2, "nav has links");
    Ok(())
}

/// Opens the case's page and checks its outcome; returns what was seen, for the log.
pub fn check_case(b: &mut Browser, case: &Case) -> Result<String> {
    b.goto(&case.path)?;
    let wait = DEFAULT_WAIT * 2; // a 5 MB article parses in debug wasm
    let seen = match case.outcome {
        Outcome::Message(needles) => {
            b.wait_for(ERROR_MESSAGE, wait)?;
            let message = b.text_of(ERROR_MESSAGE)?;
            for needle in needles {
                ensure!(
                    message.contains(needle),
                    "message {message:?} lacks {needle:?}"
                );
            }
            // However many problems: a message a reader can scroll past.
            let length = message.chars().count();
            ensure!(length < 10_000, "message of {length} characters");
            ensure!(b.exists(RETRY)?, "retry offered");
            format!("message: {}", message.chars().take(90).collect::<String>())
        }
        Outcome::Shows(selector, needle) => {
            b.wait_until(&format!("{selector} shows {needle:?}"), wait, |b| {
                Ok(b
                    .eval_js_with(
                        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                        vec![json!(selector)],
                    )?
                    .as_str()
                    .is_some_and(|t| t.contains(needle)))
            })?;
            format!("shows {needle:?}")
        }
        Outcome::Skips { shown } => {
            b.wait_for(".list-note", wait)?;
            let items = b.count(LIST_ITEM)?;
            ensure!(items == shown, "{items} items shown, want {shown}");
            format!("{items} shown, note {:?}", b.text_of(".list-note")?)
        }
    };
    check_page_alive(b)?;
    // The nav still works: home, client-side.
    b.click("nav.cat-nav a[href='/']")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)
        .context("the nav leads home")?;
    Ok(seen)
}

/// Checks every case, printing a line each and saving a screenshot `{shots}-{path}` of each
/// failure, and returns the failures.
pub fn check_cases(b: &mut Browser, cases: &[Case], shots: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases {
        match check_case(b, case) {
            Ok(seen) => println!("ok   {:<56} {seen}", case.name),
            Err(e) => {
                let _ = b.screenshot(&format!("{shots}-{}", case.path.replace('/', "_")));
                println!("FAIL {:<56} {e:#}", case.name);
                failures.push(format!("{}: {e:#}", case.name));
            }
        }
    }
    failures
}

/// An error naming every failed case, if any.
pub fn none_failed(failures: &[String], cases: usize) -> Result<()> {
    if !failures.is_empty() {
        bail!(
            "{} of {cases} cases failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
    Ok(())
}
