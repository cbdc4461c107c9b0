//! The first working tap on 分享, one table per setting (link × user agent).

use super::table::{Table, KB, MS, NONE};
use super::{Context, Targets};
use crate::results::Results;
use crate::sites::Variant;
use crate::stats::{median, verdict};
use crate::taps::{TapRun, SETTINGS};
use crate::SEED;

pub fn print(cx: &Context, r: &Results, t: &mut Targets) {
    if r.taps.is_empty() {
        return;
    }
    println!(
        "\nFirst working tap: cold deep link /a/{SEED}, 分享 tapped at its centre every 100 ms \
         from navigation start (CDP touch); the first tap answered by a painted share surface \
         within 100 ms. Static page (no controls): its first paragraph painted and the bytes \
         before it, the floor."
    );
    for (i, s) in SETTINGS.iter().enumerate() {
        let label = s.label();
        let table = Table::new(&label, cx.variants.clone());
        let col = |f: fn(&TapRun) -> f64| move |v: Variant| r.tap_col(i, v, f);
        table.row(
            "分享 first painted, ms",
            &col(|x| x.control),
            MS,
            true,
            NONE,
        );
        table.row(
            "first working tap, ms",
            &col(|x| x.tap),
            MS,
            true,
            ("≤ peer", ""),
        );
        table.row(
            "… tap → share surface painted, ms",
            &col(|x| x.response),
            MS,
            false,
            NONE,
        );
        table.row(
            "first tap answered at all (even late), ms",
            &col(|x| x.answered),
            MS,
            true,
            NONE,
        );
        table.row(
            "… tap → share surface painted, ms",
            &col(|x| x.answered_after),
            MS,
            false,
            NONE,
        );
        table.row(
            "taps before the working one",
            &col(|x| x.dead),
            MS,
            false,
            NONE,
        );
        table.row(
            "… of them answered, but later than 100 ms",
            &col(|x| x.late),
            MS,
            false,
            NONE,
        );
        table.row(
            "median time between taps, ms",
            &col(|x| x.interval),
            MS,
            false,
            NONE,
        );
        table.row(
            "bytes before interactive, KB",
            &col(|x| x.before),
            KB,
            true,
            ("≤ 2 × peer", ""),
        );
        let wasm = col(|x| x.wasm_before);
        let kb = median(&wasm(Variant::Newsfront)) / 1024.0;
        t.wasm_before(&label, kb);
        table.row(
            "… of which wasm, KB",
            &wasm,
            KB,
            false,
            ("≤ 100 KB", verdict(kb <= 100.0)),
        );
        let idle = col(|x| x.idle.total());
        let kb = median(&idle(Variant::Newsfront)) / 1024.0;
        t.cold_bytes(&label, kb);
        table.row(
            "transferred until idle, KB",
            &idle,
            KB,
            true,
            ("≤ 130 KB", verdict(kb <= 130.0)),
        );
        let longest = col(|x| x.idle.max_longtask());
        let surfaces: Vec<String> = cx
            .variants
            .iter()
            .filter(|v| v.is_app())
            .map(|v| {
                let seen: Vec<&str> = r
                    .taps
                    .get(&(i, *v))
                    .into_iter()
                    .flatten()
                    .map(|x| x.surface.as_str())
                    .collect();
                format!("{} {}", v.name(), seen.join("/"))
            })
            .collect();
        let ms = median(&longest(Variant::Newsfront));
        t.startup_task(&label, ms);
        table.row(
            "longest task until idle, ms",
            &longest,
            MS,
            true,
            ("≤ 50", verdict(ms <= 50.0)),
        );
        println!(
            "\nSurfaces that answered (per run): {}.",
            surfaces.join("; ")
        );
    }
}
