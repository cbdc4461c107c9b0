//! The runs: in each, every variant's deep-link session, then the first working tap in every
//! setting on every variant, alternating so all see the same machine load. A failed session is
//! a note, not the end of the benchmark.

use std::path::Path;

use crate::args::Args;
use crate::results::Results;
use crate::sites::Sites;
use crate::{load, session, taps};

pub fn measure(sites: &Sites, args: &Args, expect: &str, docroot: &Path) -> Results {
    let mut r = Results::default();
    let variants = sites.variants();
    for i in 1..=args.runs {
        for &v in &variants {
            eprintln!("bench: run {i}/{}: {}", args.runs, v.name());
            match session::run(sites, v, expect, docroot) {
                Ok(s) => r.sessions.entry(v).or_default().push(s),
                Err(e) => r.notes.push(format!("run {i}, {}: {e:#}", v.name())),
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
                match taps::measure(sites, v, *s, expect) {
                    Ok(t) => {
                        if let Some(n) = &t.note {
                            r.notes
                                .push(format!("run {i}, {}, {}: {n}", s.label(), v.name()));
                        }
                        if !t.idle.stuck.is_empty() {
                            r.notes.push(format!(
                                "run {i}, taps {}, {}: still in flight after {} s, not counted: {}",
                                s.label(),
                                v.name(),
                                load::MAX_LOAD.as_secs(),
                                t.idle.stuck.join(" ")
                            ));
                        }
                        r.taps.entry((k, v)).or_default().push(t);
                    }
                    Err(e) => {
                        r.notes
                            .push(format!("run {i}, taps {}, {}: {e:#}", s.label(), v.name()))
                    }
                }
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
