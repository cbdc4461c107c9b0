//! The Markdown report: a header, one table per concern, and the targets marked met / MISSED.

mod apps;
mod code;
mod deep;
mod extra;
mod table;
mod taps;
mod targets;

use crate::code::CodeFile;
use crate::peer::Bundle;
use crate::results::Results;
use crate::sites::Variant;
use crate::throttle::{CPU_SLOWDOWN, FAST};

pub use targets::Targets;

pub struct Context<'a> {
    pub dist: &'a str,
    pub chromium: &'a str,
    pub runs: usize,
    pub variants: Vec<Variant>,
    pub code: &'a [CodeFile],
    /// The service worker's script and offline page.
    pub worker: &'a [CodeFile],
    pub peer: Option<&'a Bundle>,
    pub static_html_len: usize,
}

pub fn print(cx: &Context, r: &Results) {
    println!(
        "\nNewsfront benchmark: {} on nginx (shipped config; the peer's builds on the same config \
         and policy), {}, phone 375×667 DPR 2, {} down / {:.0} kbit/s up / {:.0} ms latency, \
         CPU ×{CPU_SLOWDOWN}, fresh profile per session, {} runs; median [min–max]\n",
        cx.dist,
        cx.chromium,
        FAST.label(),
        FAST.up_kbps,
        FAST.latency_ms,
        cx.runs,
    );
    let mut t = Targets::default();
    deep::print(cx, r, &mut t);
    taps::print(cx, r, &mut t);
    apps::print(cx, r, &mut t);
    code::print(cx);
    extra::print(r, &mut t);
    t.compare_with_peer(cx, r);
    t.print();
    if !r.notes.is_empty() {
        println!("\nNotes:");
        for n in &r.notes {
            println!("- {n}");
        }
    }
}
