//! Validation of list pages; a bad item is skipped and recorded, not fatal.

use super::{at, index, read_entry, Lines, ProblemCollector};
use crate::raw::{RawArticleSummary, RawListPage};
use crate::{limits, ArticleSummary, ListPage};

pub(crate) fn validate_list_page(raw: RawListPage, p: &mut ProblemCollector) -> Option<ListPage> {
    let before = p.len();
    // `page` is not checked: the app goes by the file's place in the list (its name), and
    // `validate` compares the two.
    if raw.total_pages == 0 {
        p.add("total_pages", "is 0; an empty list still has page 1");
    }
    p.at_most("items", raw.items.len(), limits::MAX_PAGE_ITEMS, "entries");
    if (raw.total_items as usize) < raw.items.len() {
        p.add(
            "total_items",
            format!(
                "is {} but this page alone has {} items",
                raw.total_items,
                raw.items.len()
            ),
        );
    }
    if p.len() != before {
        return None;
    }
    let mut items = Vec::with_capacity(raw.items.len());
    let mut skipped = Vec::new();
    for (i, json) in raw.items.iter().enumerate() {
        let path = index("items", i);
        let raw_item: RawArticleSummary = match read_entry(json, &path) {
            Ok(r) => r,
            Err(problem) => {
                skipped.push(problem);
                continue;
            }
        };
        let mut item_problems = ProblemCollector::default();
        match validate_summary(raw_item, &path, &mut item_problems) {
            Some(item) if item_problems.0.is_empty() => items.push(item),
            _ => skipped.extend(item_problems.0),
        }
    }
    Some(ListPage {
        page: raw.page,
        total_pages: raw.total_pages,
        total_items: raw.total_items,
        items,
        skipped,
    })
}

pub(crate) fn validate_summary(
    raw: RawArticleSummary,
    path: &str,
    p: &mut ProblemCollector,
) -> Option<ArticleSummary> {
    let before = p.len();
    let id = p.article_id(&at(path, "id"), &raw.id);
    let title = p.text(&at(path, "title"), raw.title, limits::TITLE, Lines::One);
    let summary = p.any_text(
        &at(path, "summary"),
        raw.summary,
        limits::SUMMARY,
        Lines::Many,
    );
    let cover = raw.cover.map(|c| p.image(&at(path, "cover"), c));
    let source = p.text(&at(path, "source"), raw.source, limits::SOURCE, Lines::One);
    let published = p.timestamp(&at(path, "published"), &raw.published);
    let category = p.slug(&at(path, "category"), &raw.category);
    if p.len() != before {
        return None;
    }
    Some(ArticleSummary {
        id: id?,
        title: title?,
        summary: summary?,
        cover: match cover {
            None => None,
            Some(c) => Some(c?),
        },
        source: source?,
        published: published?,
        category: category?,
        comment_count: raw.comment_count,
    })
}
