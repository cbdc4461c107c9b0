//! Relevance ground truth from the feed itself, independent of either engine: an article is
//! relevant to a query when every space-separated part of the query, folded, is a substring of
//! its folded text; its grade is where the worst part is found at best (title 3, note 2, body 1).
//! The ideal ranking is docs/search.md's rule: higher grade first, among ties the newer first.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

/// One article's searchable text, folded, by tier.
pub struct Doc {
    pub id: String,
    published: String,
    title: String,
    note: String,
    body: String,
}

/// Full-width ASCII as ASCII, the ideographic space as a space, every middle dot as `·`, lower
/// case: the folding search promises, written here again so the truth does not borrow the
/// engine's rules.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{0387}' | '\u{2022}' | '\u{2027}' | '\u{2219}' | '\u{22C5}' | '\u{30FB}'
            | '\u{FF65}' => '·',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every article of the feed at `feed` (its `articles/*.json`).
pub fn load(feed: &Path) -> Result<Vec<Doc>> {
    let dir = feed.join("articles");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let a: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .with_context(|| path.display().to_string())?;
        let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let texts = |v: &Value| -> String {
            v.as_array()
                .into_iter()
                .flatten()
                .map(&s)
                .collect::<Vec<_>>()
                .join("\n")
        };
        // The body as a reader sees the article: the byline and contributor, the text, and
        // the cover's and images' alt texts and captions.
        let mut body = format!("{}\n{}\n", s(&a["author"]), s(&a["contributor"]));
        image_text(&a["cover"], &mut body);
        for block in a["body"].as_array().into_iter().flatten() {
            body_text(block, &mut body);
        }
        docs.push(Doc {
            id: s(&a["id"]),
            published: s(&a["published"]),
            title: fold(&format!("{}\n{}", s(&a["title"]), s(&a["subtitle"]))),
            note: fold(&format!(
                "{}\n{}\n{}",
                s(&a["summary"]),
                texts(&a["editor_note"]),
                texts(&a["tags"])
            )),
            body: fold(&body),
        });
    }
    anyhow::ensure!(!docs.is_empty(), "{} has no articles", dir.display());
    Ok(docs)
}

fn body_text(block: &Value, out: &mut String) {
    let spans = |v: &Value, out: &mut String| {
        for span in v.as_array().into_iter().flatten() {
            out.push_str(span["text"].as_str().unwrap_or_default());
        }
        out.push('\n');
    };
    match block["type"].as_str().unwrap_or_default() {
        "paragraph" | "quote" => spans(&block["spans"], out),
        "heading" => {
            out.push_str(block["text"].as_str().unwrap_or_default());
            out.push('\n');
        }
        "image" => image_text(&block["image"], out),
        "list" => {
            for item in block["items"].as_array().into_iter().flatten() {
                spans(item, out);
            }
        }
        _ => {}
    }
}

fn image_text(image: &Value, out: &mut String) {
    for field in ["alt", "caption"] {
        out.push_str(image[field].as_str().unwrap_or_default());
        out.push('\n');
    }
}

/// The relevant articles of one query: grade by id, and the ideal top five.
pub struct Truth {
    pub grades: HashMap<String, u8>,
    pub ideal: Vec<String>,
}

pub fn judge(docs: &[Doc], query: &str) -> Truth {
    let folded = fold(query);
    let parts: Vec<&str> = folded.split_whitespace().collect();
    let mut relevant: Vec<(u8, &Doc)> = docs
        .iter()
        .filter_map(|d| {
            let grade = |p: &str| {
                if d.title.contains(p) {
                    3
                } else if d.note.contains(p) {
                    2
                } else if d.body.contains(p) {
                    1
                } else {
                    0
                }
            };
            let g = parts.iter().map(|p| grade(p)).min().unwrap_or(0);
            (g > 0).then_some((g, d))
        })
        .collect();
    // RFC 3339 times of one feed share the newsroom's offset, so they sort as text.
    relevant.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.published.cmp(&a.1.published)));
    Truth {
        grades: relevant.iter().map(|(g, d)| (d.id.clone(), *g)).collect(),
        ideal: relevant.iter().take(5).map(|(_, d)| d.id.clone()).collect(),
    }
}

/// precision@5 and nDCG@5 (gain = grade, log2 discount) of an engine's top results. Precision
/// divides by min(5, relevant) so a query with two relevant articles can score 1. With nothing
/// relevant, both are 1 when the engine returns nothing and 0 otherwise.
pub fn score(truth: &Truth, got: &[String]) -> (f64, f64) {
    let top: Vec<&String> = got.iter().take(5).collect();
    if truth.grades.is_empty() {
        let s = if top.is_empty() { 1.0 } else { 0.0 };
        return (s, s);
    }
    let hits = top
        .iter()
        .filter(|id| truth.grades.contains_key(**id))
        .count();
    let precision = hits as f64 / truth.grades.len().min(5) as f64;
    let dcg = |grades: &mut dyn Iterator<Item = u8>| -> f64 {
        grades
            .enumerate()
            .map(|(i, g)| f64::from(g) / (i as f64 + 2.0).log2())
            .sum()
    };
    let got_dcg = dcg(&mut top
        .iter()
        .map(|id| truth.grades.get(*id).copied().unwrap_or(0)));
    let ideal_dcg = dcg(&mut truth.ideal.iter().map(|id| truth.grades[id]));
    (precision, got_dcg / ideal_dcg)
}
