//! The deep link to the seed article, cold and warm, on every variant.

use super::table::{Table, KB, MS, NONE};
use super::{Context, Targets};
use crate::load::{Load, TYPES};
use crate::results::Results;
use crate::session::Session;
use crate::sites::Variant;
use crate::stats::{median, verdict};
use crate::SEED;

pub fn print(cx: &Context, r: &Results, t: &mut Targets) {
    let table = Table::new(&format!("deep link /a/{SEED}"), cx.variants.clone());
    for (label, warm, limit) in [("cold", false, 1.5), ("warm", true, 1.1)] {
        let pick = move |s: &Session| -> Load {
            if warm {
                s.warm.clone()
            } else {
                s.cold.clone()
            }
        };
        let col = |f: fn(&Load) -> f64| move |v: Variant| r.col(v, |s| f(&pick(s)));
        let painted = col(|l| l.painted);
        let ratio = median(&painted(Variant::Newsfront)) / median(&painted(Variant::Static));
        let ok = ratio <= limit;
        t.push(
            format!("{label} deep link ≤ {limit} × static: {ratio:.2} ×"),
            ok,
        );
        table.row(
            &format!("{label}: first paragraph painted, ms"),
            &painted,
            MS,
            true,
            (&format!("≤ {limit} × static"), verdict(ok)),
        );
        table.row(
            &format!("{label}: first paragraph in DOM, ms"),
            &col(|l| l.found),
            MS,
            true,
            NONE,
        );
        table.row(
            &format!("{label}: first contentful paint, ms"),
            &col(|l| l.fcp),
            MS,
            true,
            NONE,
        );
        let total = col(|l| l.total());
        let target = if warm {
            NONE
        } else {
            let kb = median(&total(Variant::Newsfront)) / 1024.0;
            t.cold_bytes("cold deep link, Android Chrome", kb);
            ("≤ 130 KB", verdict(kb <= 130.0))
        };
        table.row(
            &format!("{label}: transferred until idle, KB (all)"),
            &total,
            KB,
            true,
            target,
        );
        table.row(
            &format!("{label}: … of which before the paragraph was painted, KB"),
            &col(|l| l.before_paint),
            KB,
            true,
            NONE,
        );
        for ty in TYPES {
            let data = move |v: Variant| r.col(v, |s| pick(s).bytes[ty]);
            if cx.variants.iter().all(|v| median(&data(*v)) == 0.0) {
                continue;
            }
            table.row(&format!("{label}: … {ty}, KB"), &data, KB, false, NONE);
        }
        table.row(
            &format!("{label}: requests"),
            &col(|l| l.requests as f64),
            MS,
            false,
            NONE,
        );
        table.row(
            &format!("{label}: long tasks > 50 ms, count"),
            &col(|l| l.longtasks.len() as f64),
            MS,
            false,
            NONE,
        );
        let longest = col(|l| l.max_longtask());
        let target = if warm {
            NONE
        } else {
            let ms = median(&longest(Variant::Newsfront));
            t.startup_task("cold deep link, Android Chrome", ms);
            ("≤ 50", verdict(ms <= 50.0))
        };
        table.row(
            &format!("{label}: longest task, ms"),
            &longest,
            MS,
            true,
            target,
        );
    }
}
