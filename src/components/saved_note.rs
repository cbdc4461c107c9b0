//! How old a list is that the service worker served from its saved copies, offline
//! ("离线，显示 N 分钟前的内容"). The prerenderer renders it hidden with the texts, which the first
//! stage (boot/first-stage.js) fills in on a saved page; the app renders it with the age of the
//! feed files it read from the saved copies (`api::list_saved_at`).

use leptos::prelude::*;

use crate::strings;

const MINUTE_MS: f64 = 60_000.0;

#[component]
pub fn SavedNote(
    /// When the oldest saved file shown was saved (ms since the epoch); `None`: fresh.
    saved_at: Option<f64>,
) -> impl IntoView {
    let now = crate::dom::now_unix() as f64 * 1000.0;
    let text = saved_at.map(|at| saved_text(now, at));
    let hidden = text.is_none();
    view! {
        <p class="saved-note" role="status" data-nf-saved-note hidden=hidden
            data-minutes=strings::SAVED_MINUTES data-hours=strings::SAVED_HOURS
            data-days=strings::SAVED_DAYS>
            {text}
        </p>
    }
}

/// The note for a copy saved at `at` seen at `now` (both ms): whole minutes (at least one),
/// hours from an hour on, days from a day on. The first stage's `savedText` is the same rule.
pub fn saved_text(now: f64, at: f64) -> String {
    let minutes = (((now - at) / MINUTE_MS).floor() as i64).max(1);
    let (n, template) = match minutes {
        m if m >= 1440 => (m / 1440, strings::SAVED_DAYS),
        m if m >= 60 => (m / 60, strings::SAVED_HOURS),
        m => (m, strings::SAVED_MINUTES),
    };
    template.replace("{n}", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_age_reads_in_minutes_hours_or_days() {
        let at = 1_000_000.0;
        let after = |minutes: f64| saved_text(at + minutes * MINUTE_MS, at);
        assert_eq!(after(0.2), "离线，显示 1 分钟前的内容");
        assert_eq!(after(59.9), "离线，显示 59 分钟前的内容");
        assert_eq!(after(60.0), "离线，显示 1 小时前的内容");
        assert_eq!(after(1439.0), "离线，显示 23 小时前的内容");
        assert_eq!(after(3.0 * 1440.0), "离线，显示 3 天前的内容");
        // A phone clock set back: still a sensible note.
        assert_eq!(
            saved_text(at - 5.0 * MINUTE_MS, at),
            "离线，显示 1 分钟前的内容"
        );
    }
}
