//! The "physical limit": the seed article as one plain HTML page generated from the same feed
//! JSON the app fetches. Title, meta line, body, minimal inline CSS, no script.

use anyhow::{Context, Result};
use serde_json::Value;

/// Render `article` (a `feed/articles/{id}.json` document) as a static page.
pub fn render(article: &Value) -> Result<String> {
    let s = |k: &str| article[k].as_str().unwrap_or_default().to_string();
    let title = s("title");
    // The app shows `format_absolute` in the site's zone; the feed's timestamps already carry
    // the site's +08:00 offset, so the first 16 characters are the same text.
    let published = s("published");
    let published = published
        .get(..16)
        .context("published is not RFC 3339")?
        .replace('T', " ");
    let mut meta = format!("来源:{} {published}", s("source"));
    if let Some(author) = article["author"].as_str() {
        meta.push_str(&format!(" 作者:{author}"));
    }
    let mut body = String::new();
    for block in article["body"].as_array().context("body is not an array")? {
        body.push_str(&render_block(block));
        body.push('\n');
    }
    Ok(format!(
        r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<title>{t}</title>
<style>
body{{margin:0;padding:16px;font:17px/1.75 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#1a1a1a;background:#fff}}
article{{max-width:42rem;margin:0 auto}}
h1{{font-size:1.4rem;line-height:1.4;margin:0 0 .5rem}}
.meta{{color:#666;font-size:.85rem;margin:0 0 1rem}}
.article__body p{{margin:0 0 1em}}
img{{max-width:100%;height:auto}}
</style>
</head>
<body>
<article>
<h1>{t}</h1>
<div class="meta">{m}</div>
<div class="article__body">
{body}</div>
</article>
</body>
</html>
"#,
        t = esc(&title),
        m = esc(&meta),
    ))
}

fn render_block(block: &Value) -> String {
    match block["type"].as_str().unwrap_or_default() {
        "paragraph" => format!("<p>{}</p>", spans(&block["spans"])),
        "heading" => {
            let level = block["level"].as_u64().unwrap_or(2).clamp(2, 4);
            let text = esc(block["text"].as_str().unwrap_or_default());
            format!("<h{level}>{text}</h{level}>")
        }
        "quote" => format!("<blockquote><p>{}</p></blockquote>", spans(&block["spans"])),
        "list" => {
            let tag = if block["ordered"].as_bool().unwrap_or(false) {
                "ol"
            } else {
                "ul"
            };
            let items: String = block["items"]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|i| format!("<li>{}</li>", spans(i)))
                        .collect()
                })
                .unwrap_or_default();
            format!("<{tag}>{items}</{tag}>")
        }
        "image" => {
            let i = &block["image"];
            let src = i["src"].as_str().unwrap_or_default();
            let src = if src.contains("://") {
                src.to_string()
            } else {
                format!("/feed/images/{src}")
            };
            format!(
                r#"<figure><img src="{}" alt="{}" width="{}" height="{}" loading="lazy"><figcaption>{}</figcaption></figure>"#,
                esc(&src),
                esc(i["alt"].as_str().unwrap_or_default()),
                i["width"],
                i["height"],
                esc(i["caption"].as_str().unwrap_or_default())
            )
        }
        _ => String::new(),
    }
}

fn spans(spans: &Value) -> String {
    let Some(spans) = spans.as_array() else {
        return String::new();
    };
    spans
        .iter()
        .map(|s| {
            let mut out = esc(s["text"].as_str().unwrap_or_default());
            if s["bold"].as_bool().unwrap_or(false) {
                out = format!("<strong>{out}</strong>");
            }
            if s["italic"].as_bool().unwrap_or(false) {
                out = format!("<em>{out}</em>");
            }
            if let Some(href) = s["link"].as_str() {
                out = format!(r#"<a href="{}" rel="nofollow">{out}</a>"#, esc(href));
            }
            out
        })
        .collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
