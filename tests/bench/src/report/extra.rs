//! Newsfront alone: the 10 000-article scale check and Lighthouse.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Targets;
use crate::load::TYPES;
use crate::results::Results;
use crate::scale::SMALL_SYNTH;
use crate::stats::median;

pub fn print(r: &Results, t: &mut Targets) {
    if let Some(s) = &r.scale {
        println!(
            "\n| scale: cold load, unthrottled, KB transferred | sample site | synth {SMALL_SYNTH} | \
             synth {} | by type (sample / synth {SMALL_SYNTH} / synth {}) |",
            s.articles, s.articles
        );
        println!("|---|---|---|---|---|");
        let mut same_as_sample = true;
        let mut same_as_small = true;
        for (path, a, m, l) in &s.pages {
            let by: Vec<String> = TYPES
                .iter()
                .filter(|t| a.bytes[*t] + m.bytes[*t] + l.bytes[*t] > 0.0)
                .map(|t| {
                    format!(
                        "{t} {:.1} / {:.1} / {:.1}",
                        a.bytes[*t] / 1024.0,
                        m.bytes[*t] / 1024.0,
                        l.bytes[*t] / 1024.0
                    )
                })
                .collect();
            // "The same" within 5 %: titles, summaries and covers differ between feeds.
            same_as_sample &= (l.total() - a.total()).abs() <= 0.05 * a.total();
            same_as_small &= (l.total() - m.total()).abs() <= 0.05 * m.total();
            println!(
                "| {path} | {:.1} | {:.1} | {:.1} | {} |",
                a.total() / 1024.0,
                m.total() / 1024.0,
                l.total() / 1024.0,
                by.join(", ")
            );
        }
        t.push(
            format!(
                "{} articles: home and category transfer the same bytes as the sample site (±5 %)",
                s.articles
            ),
            same_as_sample,
        );
        t.push(
            format!(
                "{} articles: the same bytes as {SMALL_SYNTH} synthetic articles (±5 %, same generator)",
                s.articles
            ),
            same_as_small,
        );
    }

    if r.lighthouse.is_empty() {
        return;
    }
    println!(
        "\n| Lighthouse (mobile, simulated throttling) | score | FCP ms | LCP ms | TBT ms | CLS | SI ms | TTI ms |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut per_page: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for (page, v) in &r.lighthouse {
        let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
        per_page.entry(page).or_default().push(f("score"));
        println!(
            "| {page} | {:.0} | {:.0} | {:.0} | {:.0} | {:.3} | {:.0} | {:.0} |",
            f("score"),
            f("fcp"),
            f("lcp"),
            f("tbt"),
            f("cls"),
            f("si"),
            f("tti")
        );
        if let Some(w) = v["warnings"].as_array().filter(|w| !w.is_empty()) {
            println!("|   warnings: {} | | | | | | | |", Value::from(w.clone()));
        }
    }
    for (page, scores) in per_page {
        let m = median(&scores);
        t.push(format!("Lighthouse ≥ 98 on {page}: {m:.0}"), m >= 98.0);
    }
}
