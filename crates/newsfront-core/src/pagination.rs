//! Splitting a newest-first list into numbered pages, and joining fetched pages back into one.

use std::collections::HashSet;
use std::ops::RangeInclusive;

use crate::{limits, ArticleSummary, ListPage};

/// How many pages `total_items` fill at `page_size` per page; an empty list has one page.
pub fn total_pages(total_items: usize, page_size: u32) -> u32 {
    let size = page_size.max(1) as usize;
    u32::try_from(total_items.div_ceil(size).max(1)).unwrap_or(u32::MAX)
}

/// One page of a list: its number (from 1) and its items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<'a, T> {
    pub page: u32,
    pub total_pages: u32,
    pub total_items: u32,
    pub items: &'a [T],
}

/// Splits `items` into pages of `page_size`; always at least one (possibly empty) page.
pub fn paginate<T>(items: &[T], page_size: u32) -> Vec<Page<'_, T>> {
    let size = page_size.max(1) as usize;
    let total_pages = total_pages(items.len(), page_size);
    let total_items = u32::try_from(items.len()).unwrap_or(u32::MAX);
    if items.is_empty() {
        return vec![Page {
            page: 1,
            total_pages,
            total_items,
            items,
        }];
    }
    items
        .chunks(size)
        .zip(1..)
        .map(|(chunk, page)| Page {
            page,
            total_pages,
            total_items,
            items: chunk,
        })
        .collect()
}

/// The pages `?page=requested` shows: pages come in groups of at most
/// [`limits::MAX_SHOWN_ITEMS`] items, and the group holding `requested` is shown from its
/// start up to `requested` (`requested` clamped to 1..=`total_pages`). 加载更多 adds a page
/// inside a group; past its end the next group starts on a page of its own.
pub fn shown_pages(requested: u32, total_pages: u32, page_size: u32) -> RangeInclusive<u32> {
    let group = (limits::MAX_SHOWN_ITEMS / page_size.max(1)).max(1);
    let last = requested.clamp(1, total_pages.max(1));
    let first = (last - 1) / group * group + 1;
    first..=last
}

/// The items of consecutive pages of a list as one list: at most `page_size` from each page
/// (site.json's, which [`shown_pages`] groups by), and each article once, where it first
/// appears. A list that moved on between two fetches repeats items on the next page; a feed may
/// repeat them by mistake. Either way nothing shows twice.
pub fn merge_pages<'a>(
    pages: impl IntoIterator<Item = &'a ListPage>,
    page_size: u32,
) -> Vec<ArticleSummary> {
    let mut seen = HashSet::new();
    pages
        .into_iter()
        .flat_map(|p| p.items.iter().take(page_size.max(1) as usize))
        .filter(|item| seen.insert(item.id.clone()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_list_page;

    fn page(n: u32, ids: &[&str]) -> ListPage {
        let items: Vec<serde_json::Value> = ids
            .iter()
            .map(|id| {
                serde_json::json!({ "id": id, "title": "t", "source": "s",
                "published": "2023-03-08T19:37:00+08:00", "category": "c" })
            })
            .collect();
        parse_list_page(
            &serde_json::json!({ "format_version": 1, "page": n, "total_pages": 3,
                "total_items": 9, "items": items })
            .to_string(),
        )
        .unwrap()
    }

    #[test]
    fn a_long_list_is_shown_a_group_at_a_time() {
        // 10 per page: groups of 50 pages (500 items).
        assert_eq!(shown_pages(1, 2000, 10), 1..=1);
        assert_eq!(shown_pages(50, 2000, 10), 1..=50);
        assert_eq!(shown_pages(51, 2000, 10), 51..=51);
        assert_eq!(shown_pages(120, 2000, 10), 101..=120);
        // Beyond the end, or 0: the last page, the first.
        assert_eq!(shown_pages(4_000_000_000, 2000, 10), 1951..=2000);
        assert_eq!(shown_pages(0, 3, 10), 1..=1);
        // 100 per page: groups of 5; page size 0 is treated as 1.
        assert_eq!(shown_pages(7, 100, 100), 6..=7);
        assert_eq!(shown_pages(600, 1000, 0), 501..=600);
        for (requested, total, size) in [(500, 2000, 100), (77, 80, 3), (1, 1, 1)] {
            let shown = shown_pages(requested, total, size);
            let items = (shown.end() - shown.start() + 1) * size.max(1);
            assert!(items <= limits::MAX_SHOWN_ITEMS.max(size), "{shown:?}");
        }
    }

    #[test]
    fn merged_pages_show_each_article_once() {
        let pages = [page(1, &["a", "b", "c"]), page(2, &["c", "a", "d", "d"])];
        let ids = |size| -> Vec<String> {
            merge_pages(&pages, size)
                .iter()
                .map(|i| i.id.to_string())
                .collect()
        };
        assert_eq!(ids(10), ["a", "b", "c", "d"]);
        // No more than page_size from a page.
        assert_eq!(ids(2), ["a", "b", "c"]);
    }

    #[test]
    fn pages() {
        assert_eq!(total_pages(0, 10), 1);
        assert_eq!(total_pages(10, 10), 1);
        assert_eq!(total_pages(11, 10), 2);
        let items: Vec<u32> = (0..25).collect();
        let pages = paginate(&items, 10);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[2].items, &[20, 21, 22, 23, 24]);
        assert!(pages
            .iter()
            .all(|p| p.total_pages == 3 && p.total_items == 25));
        let empty: Vec<u32> = vec![];
        assert_eq!(paginate(&empty, 10)[0].page, 1);
    }
}
