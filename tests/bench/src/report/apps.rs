//! In-app navigation on every app, Newsfront's JS heap, and the static page's size.

use super::table::{Table, MS, NONE};
use super::{Context, Targets};
use crate::results::Results;
use crate::sites::Variant;
use crate::stats::{fmt_stat, median, stats, verdict};

pub fn print(cx: &Context, r: &Results, t: &mut Targets) {
    let apps: Vec<Variant> = cx.variants.iter().copied().filter(|v| v.is_app()).collect();
    let table = Table::new("in the app: home → first list link", apps);
    let nav = |f: fn(&crate::nav::Nav) -> f64| {
        move |v: Variant| r.col(v, |s| s.nav.as_ref().map_or(f64::NAN, f))
    };
    let memory = nav(|n| n.memory);
    let ms = median(&memory(Variant::Newsfront));
    t.push(
        format!("list → article ≤ 50 ms with the JSON in memory: {ms:.0} ms"),
        ms <= 50.0,
    );
    table.row(
        "click → first paragraph painted, JSON in memory, ms",
        &memory,
        MS,
        true,
        ("≤ 50", verdict(ms <= 50.0)),
    );
    table.row(
        "click → painted, JSON fetched (throttled), ms",
        &nav(|n| n.fetch),
        MS,
        true,
        NONE,
    );
    table.row(
        "article JSON received → painted, ms",
        &nav(|n| n.after_json),
        MS,
        true,
        NONE,
    );
    let longest = nav(|n| n.longtask);
    let worst = stats(&longest(Variant::Newsfront)).2;
    t.push(
        format!("no long task over 50 ms during navigation: longest {worst:.0} ms"),
        worst <= 50.0,
    );
    table.row(
        "longest task during those navigations, ms (0 = none over 50)",
        &longest,
        MS,
        true,
        ("none > 50", verdict(worst <= 50.0)),
    );

    println!("\n| Newsfront | median [min–max] |\n|---|---|");
    let heap = |f: fn(&(f64, f64)) -> f64| {
        r.col(Variant::Newsfront, |s| s.heap.as_ref().map_or(f64::NAN, f))
    };
    println!(
        "| JS heap after home (GC'd, Runtime.getHeapUsage), MB | {} |",
        fmt_stat(&heap(|h| h.0), 1048576.0, 2)
    );
    println!(
        "| JS heap after opening 30 articles in a row (GC'd), MB | {} |",
        fmt_stat(&heap(|h| h.1), 1048576.0, 2)
    );
    println!(
        "| static page HTML, raw KB (served gzipped) | {:.1} |",
        cx.static_html_len as f64 / 1024.0
    );
}
