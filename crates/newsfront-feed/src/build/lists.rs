//! The home list and one list per category, newest first, split into pages.

use std::cmp::Ordering;
use std::collections::HashMap;

use newsfront_core::pagination::paginate;
use newsfront_core::paths::in_feed;
use newsfront_core::{Article, ArticleId, ArticleSummary, Image, ListPage, Site};

/// Newest first; ties broken by id so builds are reproducible.
pub fn newest_first(a: &Article, b: &Article) -> Ordering {
    b.published
        .unix()
        .cmp(&a.published.unix())
        .then_with(|| a.id.cmp(&b.id))
}

/// How a list shows an article, with its cover as lists show it (`covers`, by id).
pub fn summary_of(a: &Article, covers: &HashMap<ArticleId, Image>) -> ArticleSummary {
    ArticleSummary {
        id: a.id.clone(),
        title: a.title.clone(),
        summary: a.summary.clone(),
        cover: covers.get(&a.id).cloned(),
        source: a.source.clone(),
        published: a.published,
        category: a.category.clone(),
        comment_count: a.comment_count,
    }
}

/// Every list page with its path inside the feed.
pub fn build_lists(
    site: &Site,
    articles: &[Article],
    covers: &HashMap<ArticleId, Image>,
) -> Vec<(String, ListPage)> {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by(|a, b| newest_first(a, b));
    let summaries: Vec<ArticleSummary> = sorted.iter().map(|a| summary_of(a, covers)).collect();
    let mut out = Vec::new();
    let mut add = |items: &[ArticleSummary], path: &dyn Fn(u32) -> String| {
        for page in paginate(items, site.page_size) {
            out.push((
                path(page.page),
                ListPage {
                    page: page.page,
                    total_pages: page.total_pages,
                    total_items: page.total_items,
                    items: page.items.to_vec(),
                    skipped: Vec::new(),
                },
            ));
        }
    };
    add(&summaries, &in_feed::home_list);
    for c in &site.categories {
        let items: Vec<ArticleSummary> = summaries
            .iter()
            .filter(|s| s.category == c.slug)
            .cloned()
            .collect();
        add(&items, &|n| in_feed::category_list(&c.slug, n));
    }
    out
}
