//! Validation of `articles/{id}.json` and its body blocks.

use super::block::read_block;
use super::{at, index, Lines, ProblemCollector};
use crate::raw::{RawArticle, RawArticleRef, RawBlock, RawSpan};
use crate::{limits, Article, ArticleId, ArticleRef, Block, Link, Span};

pub(crate) fn validate_article(raw: RawArticle, p: &mut ProblemCollector) -> Option<Article> {
    let before = p.len();
    let id = p.article_id("id", &raw.id);
    let title = p.text("title", raw.title, limits::TITLE, Lines::One);
    let subtitle = p.opt_text("subtitle", raw.subtitle, limits::SUBTITLE);
    let category = p.slug("category", &raw.category);
    let source = p.text("source", raw.source, limits::SOURCE, Lines::One);
    let author = p.opt_text("author", raw.author, limits::AUTHOR);
    let published = p.timestamp("published", &raw.published);
    let updated = raw.updated.map(|u| p.timestamp("updated", &u));
    let summary = p.any_text("summary", raw.summary, limits::SUMMARY, Lines::Many);
    let cover = raw.cover.map(|c| p.image("cover", c));
    p.at_most(
        "editor_note",
        raw.editor_note.len(),
        limits::MAX_EDITOR_NOTE_PARAGRAPHS,
        "paragraphs",
    );
    let editor_note: Vec<_> = raw
        .editor_note
        .into_iter()
        .enumerate()
        .filter_map(|(i, n)| {
            p.text(
                &index("editor_note", i),
                n,
                limits::EDITOR_NOTE_PARAGRAPH,
                Lines::Many,
            )
        })
        .collect();
    p.at_most("body", raw.body.len(), limits::MAX_BLOCKS, "blocks");
    let body = if raw.body.len() > limits::MAX_BLOCKS {
        Vec::new()
    } else {
        let note: usize = editor_note.iter().map(|n| n.chars().count()).sum();
        body(raw.body, note, p)
    };
    let contributor = p.opt_text("contributor", raw.contributor, limits::CONTRIBUTOR);
    p.at_most("tags", raw.tags.len(), limits::MAX_TAGS, "tags");
    let tags: Vec<_> = raw
        .tags
        .into_iter()
        .enumerate()
        .filter_map(|(i, t)| p.text(&index("tags", i), t, limits::TAG, Lines::One))
        .collect();
    p.at_most("related", raw.related.len(), limits::MAX_RELATED, "entries");
    let related: Vec<_> = raw
        .related
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| article_ref(r, &index("related", i), id.as_ref(), p))
        .collect();
    for (i, r) in related.iter().enumerate() {
        if related[..i].iter().any(|earlier| earlier.id == r.id) {
            p.add(
                index("related", i),
                format!("{:?} is listed twice", r.id.as_str()),
            );
        }
    }
    let prev = raw.prev.map(|r| article_ref(r, "prev", id.as_ref(), p));
    let next = raw.next.map(|r| article_ref(r, "next", id.as_ref(), p));
    if p.len() != before {
        return None;
    }
    Some(Article {
        id: id?,
        title: title?,
        subtitle: subtitle.ok()?,
        category: category?,
        source: source?,
        author: author.ok()?,
        published: published?,
        updated: updated.map(|u| u.ok_or(())).transpose().ok()?,
        summary: summary?,
        cover: cover.map(|c| c.ok_or(())).transpose().ok()?,
        editor_note,
        body,
        contributor: contributor.ok()?,
        tags,
        related,
        prev: prev.map(|r| r.ok_or(())).transpose().ok()?,
        next: next.map(|r| r.ok_or(())).transpose().ok()?,
        comment_count: raw.comment_count,
    })
}

fn article_ref(
    raw: RawArticleRef,
    path: &str,
    this: Option<&ArticleId>,
    p: &mut ProblemCollector,
) -> Option<ArticleRef> {
    let id = p.article_id(&at(path, "id"), &raw.id);
    let title = p.text(&at(path, "title"), raw.title, limits::TITLE, Lines::One);
    if let (Some(id), Some(this)) = (&id, this) {
        if id == this {
            p.add(at(path, "id"), "points at the article itself");
            return None;
        }
    }
    Some(ArticleRef {
        id: id?,
        title: title?,
    })
}

/// The body's blocks, each read by its type, then the totals over all of them (the text total
/// with the editor's note's `note_chars`).
fn body(
    raw: Vec<Box<serde_json::value::RawValue>>,
    note_chars: usize,
    p: &mut ProblemCollector,
) -> Vec<Block> {
    let blocks: Vec<Block> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, json)| {
            let path = index("body", i);
            match read_block(json, &path) {
                Ok(b) => block(b, &path, p),
                Err(problem) => {
                    p.0.push(problem);
                    None
                }
            }
        })
        .collect();
    let (spans, text) = totals(&blocks);
    p.at_most("body", spans, limits::MAX_SPANS, "spans in all");
    let text = text + note_chars;
    if text > limits::ARTICLE_TEXT {
        p.add(
            "body",
            format!(
                "holds {text} characters in all (with the editor's note); at most {} are \
                 allowed per article",
                limits::ARTICLE_TEXT
            ),
        );
    }
    blocks
}

/// Spans and characters of text in `blocks`, all together.
fn totals(blocks: &[Block]) -> (usize, usize) {
    let count = |spans: &[Span]| {
        (
            spans.len(),
            spans.iter().map(|s| s.text.chars().count()).sum::<usize>(),
        )
    };
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { spans } | Block::Quote { spans } => count(spans),
            Block::List { items, .. } => items
                .iter()
                .map(|i| count(i))
                .fold((0, 0), |(a, b), (c, d)| (a + c, b + d)),
            Block::Heading { text, .. } => (0, text.chars().count()),
            Block::Image { image } => (
                0,
                image.alt.chars().count()
                    + image.caption.as_deref().map_or(0, |c| c.chars().count()),
            ),
        })
        .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
}

fn block(raw: RawBlock, path: &str, p: &mut ProblemCollector) -> Option<Block> {
    match raw {
        RawBlock::Paragraph(b) => {
            spans_of(b.spans, &at(path, "spans"), p).map(|spans| Block::Paragraph { spans })
        }
        RawBlock::Quote(b) => {
            spans_of(b.spans, &at(path, "spans"), p).map(|spans| Block::Quote { spans })
        }
        RawBlock::Heading(h) => {
            let (level, text) = (h.level, h.text);
            if !(2..=4).contains(&level) {
                p.add(
                    at(path, "level"),
                    format!("is {level}; headings are level 2, 3 or 4"),
                );
            }
            let text = p.text(&at(path, "text"), text, limits::HEADING, Lines::One)?;
            (2..=4)
                .contains(&level)
                .then_some(Block::Heading { level, text })
        }
        RawBlock::Image(b) => p
            .image(&at(path, "image"), b.image)
            .map(|image| Block::Image { image }),
        RawBlock::List(list) => {
            let (ordered, items) = (list.ordered, list.items);
            let before = p.len();
            if items.is_empty() {
                p.add(
                    at(path, "items"),
                    "is empty; a list needs at least one item",
                );
            }
            p.at_most(
                at(path, "items"),
                items.len(),
                limits::MAX_LIST_ITEMS,
                "items",
            );
            let items: Vec<_> = items
                .into_iter()
                .enumerate()
                .filter_map(|(i, s)| spans_of(s, &index(&at(path, "items"), i), p))
                .collect();
            (p.len() == before).then_some(Block::List { ordered, items })
        }
    }
}

fn spans_of(raw: Vec<RawSpan>, path: &str, p: &mut ProblemCollector) -> Option<Vec<Span>> {
    let before = p.len();
    if raw.is_empty() {
        p.add(path, "is empty; a block needs at least one span of text");
    }
    let total: usize = raw.iter().map(|s| s.text.chars().count()).sum();
    if total > limits::BLOCK_TEXT {
        p.add(
            path,
            format!(
                "holds {total} characters; at most {} are allowed per block",
                limits::BLOCK_TEXT
            ),
        );
    }
    let spans: Vec<_> = raw
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let span_path = index(path, i);
            let text = p.any_text(&at(&span_path, "text"), s.text, usize::MAX, Lines::Many);
            let link = match s.link {
                None => Some(None),
                Some(l) => Link::parse(&l)
                    .map(Some)
                    .map_err(|e| p.add(at(&span_path, "link"), e.to_string()))
                    .ok(),
            };
            Some(Span {
                text: text?,
                bold: s.bold,
                italic: s.italic,
                link: link?,
            })
        })
        .collect();
    (p.len() == before).then_some(spans)
}
