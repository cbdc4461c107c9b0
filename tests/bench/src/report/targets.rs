//! The targets, each marked met or MISSED. Targets measured in several settings are judged on
//! the worst setting's median, and name it.

use super::Context;
use crate::results::Results;
use crate::sites::Variant;
use crate::stats::median;
use crate::taps::SETTINGS;

#[derive(Default)]
pub struct Targets {
    list: Vec<(String, bool)>,
    /// (where, Newsfront's median) of each cold article load, KB.
    cold_bytes: Vec<(String, f64)>,
    /// (where, Newsfront's median longest task) of each cold load, ms.
    startup: Vec<(String, f64)>,
    /// (where, Newsfront's median wasm KB before the first working tap).
    wasm: Vec<(String, f64)>,
}

fn worst(xs: &[(String, f64)]) -> Option<&(String, f64)> {
    xs.iter()
        .filter(|x| x.1.is_finite())
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

impl Targets {
    pub fn push(&mut self, what: String, ok: bool) {
        self.list.push((what, ok));
    }
    pub fn cold_bytes(&mut self, at: &str, kb: f64) {
        self.cold_bytes.push((at.to_string(), kb));
    }
    pub fn startup_task(&mut self, at: &str, ms: f64) {
        self.startup.push((at.to_string(), ms));
    }
    pub fn wasm_before(&mut self, at: &str, kb: f64) {
        self.wasm.push((at.to_string(), kb));
    }

    /// Newsfront at or below each peer build (medians), and its bytes before interactive at
    /// most twice the peer's; settings judged on the worst ratio.
    pub fn compare_with_peer(&mut self, cx: &Context, r: &Results) {
        let nf = Variant::Newsfront;
        for p in cx.variants.iter().copied().filter(|v| v.is_peer()) {
            let name = p.name();
            let mut at_most = |what: &str, ours: Vec<f64>, theirs: Vec<f64>, limit: f64| {
                let q = median(&ours) / median(&theirs);
                let bound = if limit == 1.0 {
                    format!("≤ {name}")
                } else {
                    format!("≤ {limit} × {name}")
                };
                self.list
                    .push((format!("{what} {bound}: {q:.2} ×"), q <= limit));
            };
            at_most(
                "cold first paragraph painted",
                r.col(nf, |s| s.cold.painted),
                r.col(p, |s| s.cold.painted),
                1.0,
            );
            let nav = |v: Variant, f: fn(&crate::nav::Nav) -> f64| {
                r.col(v, |s| s.nav.as_ref().map_or(f64::NAN, f))
            };
            at_most(
                "navigation, JSON fetched,",
                nav(nf, |n| n.fetch),
                nav(p, |n| n.fetch),
                1.0,
            );
            at_most(
                "navigation, JSON in memory,",
                nav(nf, |n| n.memory),
                nav(p, |n| n.memory),
                1.0,
            );
            if r.taps.is_empty() {
                continue;
            }
            for (what, limit, f) in [
                (
                    "first working tap",
                    1.0,
                    (|x| x.tap) as fn(&crate::taps::TapRun) -> f64,
                ),
                ("bytes before interactive", 2.0, |x| x.before),
            ] {
                let ratios: Vec<(String, f64)> = SETTINGS
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let q = median(&r.tap_col(i, nf, f)) / median(&r.tap_col(i, p, f));
                        (s.label(), q)
                    })
                    .collect();
                let ok = ratios.iter().all(|x| x.1 <= limit);
                let detail: Vec<String> = ratios
                    .iter()
                    .map(|(at, q)| format!("{q:.2} × ({at})"))
                    .collect();
                let bound = if limit == 1.0 {
                    format!("≤ {name}")
                } else {
                    format!("≤ {limit} × {name}")
                };
                self.list.push((
                    format!("{what} {bound} in every setting: {}", detail.join(", ")),
                    ok,
                ));
            }
        }
    }

    pub fn print(&self) {
        println!("\nTargets:");
        let mut lines: Vec<(String, bool)> = Vec::new();
        for (what, limit, unit, xs) in [
            (
                "cold article load transferred",
                130.0,
                "KB",
                &self.cold_bytes,
            ),
            ("longest start-up task", 50.0, "ms", &self.startup),
            ("wasm before interactive (brotli)", 100.0, "KB", &self.wasm),
        ] {
            match worst(xs) {
                Some((at, x)) => lines.push((
                    format!(
                        "{what} ≤ {limit} {unit}: {x:.1} {unit} at worst ({at}; worst of {})",
                        xs.len()
                    ),
                    *x <= limit,
                )),
                None => lines.push((format!("{what} ≤ {limit} {unit}: not measured"), false)),
            }
        }
        lines.extend(self.list.iter().cloned());
        for (what, ok) in lines {
            println!("  [{}] {what}", if ok { "met" } else { "MISSED" });
        }
    }
}
