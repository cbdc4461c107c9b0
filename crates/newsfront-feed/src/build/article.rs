//! One article file → a draft [`Article`]; then links between articles (related, prev, next).

use std::collections::{BTreeMap, HashMap};

use newsfront_core::{
    parse_article, Article, ArticleId, ArticleRef, Block, Comment, Image, Site, Slug, Timestamp,
    FORMAT_VERSION,
};

use super::images::{ImageUses, BODY, COVER};
use crate::content::front_matter::parse_article_source;
use crate::content::markdown::convert;
use crate::content::time_text;
use crate::report::{line_of, FileProblem};

/// An article read from its file, before cross-article links are filled in.
pub struct ArticleDraft {
    pub file: String,
    pub article: Article,
    /// Related ids as written, with their line.
    pub related: Vec<(String, usize)>,
}

/// About how many characters an automatic summary takes from the body.
const AUTO_SUMMARY_CHARS: usize = 80;

pub fn read_article(
    file: &str,
    src: &str,
    site: Option<&Site>,
    images: &mut ImageUses,
) -> Result<ArticleDraft, Vec<FileProblem>> {
    let mut problems = Vec::new();
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".md");
    let id = ArticleId::parse(stem)
        .map_err(|e| problems.push(FileProblem::new(file, None, format!("file name: {e}"))))
        .ok();
    let source = parse_article_source(file, src).map_err(|p| vec![p])?;
    let front = &source.front;
    let at = |span: std::ops::Range<usize>| Some(source.line_of_span(span));
    let category = match Slug::parse(front.category.get_ref()) {
        Ok(slug) if site.is_none_or(|s| s.category(&slug).is_some()) => Some(slug),
        Ok(slug) => {
            problems.push(FileProblem::new(
                file,
                at(front.category.span()),
                format!(
                    "unknown category {:?}; site.toml defines {}",
                    slug.as_str(),
                    known(site)
                ),
            ));
            None
        }
        Err(e) => {
            problems.push(FileProblem::new(
                file,
                at(front.category.span()),
                format!("category: {e}"),
            ));
            None
        }
    };
    let mut time = |name: &str, v: &toml::Spanned<toml::Value>| {
        time_text(v.get_ref())
            .and_then(|t| Timestamp::parse(&t).map_err(|e| e.to_string()))
            .map_err(|e| {
                problems.push(FileProblem::new(file, at(v.span()), format!("{name}: {e}")))
            })
            .ok()
    };
    let published = time("published", &front.published);
    let updated = front.updated.as_ref().map(|u| time("updated", u));
    let cover = front.cover.as_ref().and_then(|c| {
        let line = at(c.span());
        images
            .add(c.get_ref(), COVER, file, line, "cover: ")
            .map(|()| Image {
                alt: front.cover_alt.clone().unwrap_or_default(),
                ..Image::plain(c.get_ref().clone(), 1, 1)
            })
            .map_err(|e| problems.push(FileProblem::new(file, line, format!("cover: {e}"))))
            .ok()
    });
    let mut body = convert(source.body);
    let body_line = |offset| Some(line_of(source.body, offset) + source.body_line - 1);
    for p in &body.problems {
        problems.push(FileProblem::new(
            file,
            body_line(p.offset),
            p.message.clone(),
        ));
    }
    for image in &body.images {
        // The size comes with the copies (the image stage); 1 × 1 until then.
        let line = body_line(image.offset);
        match images.add(&image.src, BODY, file, line, "") {
            Ok(()) => {
                if let Some(Block::Image { image }) = body.blocks.get_mut(image.block) {
                    (image.width, image.height) = (1, 1);
                }
            }
            Err(e) => problems.push(FileProblem::new(file, line, e)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let summary = front
        .summary
        .clone()
        .unwrap_or_else(|| auto_summary(&body.blocks));
    let editor_note = front
        .editor_note
        .as_deref()
        .map(paragraphs)
        .unwrap_or_default();
    let (Some(id), Some(category), Some(published)) = (id, category, published) else {
        unreachable!("problems were recorded for every missing part");
    };
    Ok(ArticleDraft {
        file: file.to_owned(),
        related: front
            .related
            .iter()
            .map(|r| (r.get_ref().clone(), source.line_of_span(r.span())))
            .collect(),
        article: Article {
            id,
            title: front.title.trim().to_owned(),
            subtitle: front.subtitle.clone(),
            category,
            source: front.source.trim().to_owned(),
            author: front.author.clone(),
            published,
            updated: updated.flatten(),
            summary,
            cover,
            editor_note,
            body: body.blocks,
            contributor: front.contributor.clone(),
            tags: front.tags.clone(),
            related: Vec::new(),
            prev: None,
            next: None,
            comment_count: 0,
        },
    })
}

fn known(site: Option<&Site>) -> String {
    site.map(|s| {
        s.categories
            .iter()
            .map(|c| c.slug.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
    .unwrap_or_default()
}

/// Paragraphs of a multi-line string, split at blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push_str(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The start of the body text, about [`AUTO_SUMMARY_CHARS`] characters, cut with "…".
fn auto_summary(blocks: &[Block]) -> String {
    let mut text = String::new();
    for b in blocks {
        if let Block::Paragraph { spans } = b {
            for s in spans {
                text.extend(s.text.chars().filter(|c| !c.is_control()));
            }
        }
        if text.chars().count() > AUTO_SUMMARY_CHARS {
            break;
        }
    }
    let text = text.trim();
    if text.chars().count() > AUTO_SUMMARY_CHARS {
        let cut: String = text.chars().take(AUTO_SUMMARY_CHARS).collect();
        format!("{}…", cut.trim_end())
    } else {
        text.to_owned()
    }
}

/// Fills related titles, prev/next within the category and comment counts; returns each
/// article with its source file.
pub fn finish_articles(
    drafts: Vec<ArticleDraft>,
    comments: &BTreeMap<ArticleId, Vec<Comment>>,
    problems: &mut Vec<FileProblem>,
) -> Vec<(String, Article)> {
    let titles: HashMap<String, String> = drafts
        .iter()
        .map(|d| (d.article.id.as_str().to_owned(), d.article.title.clone()))
        .collect();
    let mut by_category: HashMap<Slug, Vec<usize>> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        by_category
            .entry(d.article.category.clone())
            .or_default()
            .push(i);
    }
    let mut prev_next: Vec<(Option<ArticleRef>, Option<ArticleRef>)> =
        vec![(None, None); drafts.len()];
    let reference = |i: usize| ArticleRef {
        id: drafts[i].article.id.clone(),
        title: drafts[i].article.title.clone(),
    };
    for list in by_category.values_mut() {
        sort_newest_first(list, &drafts);
        for (pos, &i) in list.iter().enumerate() {
            let older = list.get(pos + 1).map(|&j| reference(j));
            let newer = pos.checked_sub(1).map(|p| reference(list[p]));
            prev_next[i] = (older, newer);
        }
    }
    let mut articles = Vec::with_capacity(drafts.len());
    for (d, (prev, next)) in drafts.into_iter().zip(prev_next) {
        let mut a = d.article;
        for (id, line) in &d.related {
            match (titles.get(id), ArticleId::parse(id)) {
                (Some(title), Ok(rid)) if rid != a.id => a.related.push(ArticleRef {
                    id: rid,
                    title: title.clone(),
                }),
                (Some(_), Ok(_)) => problems.push(FileProblem::new(
                    &d.file,
                    Some(*line),
                    "related: an article cannot be related to itself",
                )),
                _ => problems.push(FileProblem::new(
                    &d.file,
                    Some(*line),
                    format!("related: there is no article {id:?}"),
                )),
            }
        }
        a.prev = prev;
        a.next = next;
        a.comment_count = comments
            .get(&a.id)
            .map(|c| newsfront_core::count_comments(c) as u32)
            .unwrap_or(0);
        articles.push((d.file, a));
    }
    articles
}

/// The same checks the app runs (limits, link targets, image sources and copies), on each
/// finished article; `file` is the article's source file.
pub fn check_articles(articles: &[(String, Article)], problems: &mut Vec<FileProblem>) {
    for (file, a) in articles {
        let mut value = serde_json::to_value(a).expect("articles serialize");
        value["format_version"] = FORMAT_VERSION.into();
        if let Err(e) = parse_article(&value.to_string()) {
            for p in e.problems() {
                problems.push(FileProblem::new(file, None, p.to_string()));
            }
        }
    }
}

fn sort_newest_first(list: &mut [usize], drafts: &[ArticleDraft]) {
    list.sort_by(|&a, &b| super::lists::newest_first(&drafts[a].article, &drafts[b].article));
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsfront_core::Span;

    #[test]
    fn summaries_and_notes() {
        let blocks = vec![Block::Paragraph {
            spans: vec![Span::plain("字".repeat(100))],
        }];
        let s = auto_summary(&blocks);
        assert_eq!(s.chars().count(), AUTO_SUMMARY_CHARS + 1);
        assert!(s.ends_with('…'));
        assert_eq!(paragraphs("\na\nb\n\nc\n"), ["ab", "c"]);
    }
}
