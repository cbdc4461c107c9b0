//! Comment counts in list items: the feed's number, or with a Waline source the server's,
//! fetched in one request per rendered list.

use leptos::{prelude::*, task::spawn_local_scoped_with_cancellation};
use newsfront_core::{waline_api::article_path, ArticleSummary, CommentSettings};

use crate::{site::use_site, strings, waline_client};

/// Server counts for `items` in order, filled in when they arrive; `None` for other sources.
pub type ListCounts = Option<RwSignal<Option<Vec<u32>>>>;

pub fn use_list_counts(items: &[ArticleSummary]) -> ListCounts {
    let CommentSettings::Waline { server } = use_site().comments.clone() else {
        return None;
    };
    let counts = RwSignal::new(None);
    // Prerendered lists show what the browser shows before the counts arrive.
    if cfg!(not(target_arch = "wasm32")) {
        return Some(counts);
    }
    let paths: Vec<String> = items.iter().map(|i| article_path(&i.id)).collect();
    if !paths.is_empty() {
        spawn_local_scoped_with_cancellation(async move {
            // Counts are decoration: on failure the list simply shows none.
            if let Ok(c) = waline_client::counts(&server, &paths).await {
                counts.set(Some(c));
            }
        });
    }
    Some(counts)
}

/// "N 评" for item `index`, when N > 0.
pub fn count_badge(feed_count: u32, counts: ListCounts, index: usize) -> impl IntoView {
    let n = move || match counts {
        None => Some(feed_count),
        Some(c) => c.with(|c| c.as_ref().and_then(|v| v.get(index).copied())),
    };
    move || {
        n().filter(|n| *n > 0).map(|n| {
            view! {
                <span class="article-list__comments">{format!("{n} {}", strings::COMMENT_COUNT_SUFFIX)}</span>
            }
        })
    }
}
