//! The runs: in each, every variant's deep-link session, then the first working tap in every
//! setting on every variant, alternating so all see the same machine load. A session that fails
//! is tried once more (Chromium sometimes fails to start on a loaded machine); a second failure
//! is a note, not the end of the benchmark.

use crate::args::Args;
use crate::results::Results;
use crate::sites::Sites;
use crate::{load, session, taps};

pub fn measure(sites: &Sites, args: &Args, expect: &str) -> Results {
    let mut r = Results::default();
    let variants = sites.variants();
    for i in 1..=args.runs {
        for &v in &variants {
            eprintln!("bench: run {i}/{}: {}", args.runs, v.name());
            let what = format!("run {i}, {}", v.name());
            if let Some(s) = twice(&mut r.notes, &what, || session::run(sites, v, expect)) {
                r.sessions.entry(v).or_default().push(s);
            }
        }
        if !args.taps {
            continue;
        }
        for (k, s) in taps::SETTINGS.iter().enumerate() {
            for &v in &variants {
                eprintln!(
                    "bench: run {i}/{}: taps, {}, {}",
                    args.runs,
                    s.label(),
                    v.name()
                );
                let what = format!("run {i}, taps {}, {}", s.label(), v.name());
                let Some(t) = twice(&mut r.notes, &what, || taps::measure(sites, v, *s, expect))
                else {
                    continue;
                };
                if let Some(n) = &t.note {
                    r.notes.push(format!("{what}: {n}"));
                }
                if !t.idle.stuck.is_empty() {
                    r.notes.push(format!(
                        "{what}: still in flight after {} s, not counted: {}",
                        load::MAX_LOAD.as_secs(),
                        t.idle.stuck.join(" ")
                    ));
                }
                r.taps.entry((k, v)).or_default().push(t);
            }
        }
    }
    for (v, runs) in &r.sessions {
        for (i, s) in runs.iter().enumerate() {
            for (what, l) in [("cold", &s.cold), ("warm", &s.warm)] {
                if !l.stuck.is_empty() {
                    r.notes.push(format!(
                        "run {}, {} {what}: still in flight after {} s, not counted: {}",
                        i + 1,
                        v.name(),
                        load::MAX_LOAD.as_secs(),
                        l.stuck.join(" ")
                    ));
                }
            }
        }
    }
    r
}

/// `f`, and once more if it fails; each failure becomes a one-line note.
fn twice<T>(notes: &mut Vec<String>, what: &str, f: impl Fn() -> anyhow::Result<T>) -> Option<T> {
    for attempt in ["failed, tried again", "failed twice, left out"] {
        match f() {
            Ok(x) => return Some(x),
            Err(e) => notes.push(format!("{what}: {attempt}: {}", one_line(&e))),
        }
    }
    None
}

/// The error's first context and its root cause, each cut to its first line (a chromedriver
/// error carries the driver's whole log).
fn one_line(e: &anyhow::Error) -> String {
    let first = |s: String| s.lines().next().unwrap_or_default().trim().to_string();
    let (top, root) = (first(e.to_string()), first(e.root_cause().to_string()));
    if top == root {
        top
    } else {
        format!("{top} … {root}")
    }
}
