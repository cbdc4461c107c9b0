//! Everything one invocation measured, per variant and run, and the notes on what went wrong.

use std::collections::BTreeMap;

use crate::scale::Scale;
use crate::session::Session;
use crate::sites::Variant;
use crate::taps::TapRun;

#[derive(Default)]
pub struct Results {
    pub sessions: BTreeMap<Variant, Vec<Session>>,
    /// By tap setting (an index into `taps::SETTINGS`) and variant.
    pub taps: BTreeMap<(usize, Variant), Vec<TapRun>>,
    pub scale: Option<Scale>,
    pub lighthouse: Vec<(&'static str, serde_json::Value)>,
    pub notes: Vec<String>,
}

impl Results {
    /// One number per run of `v`'s deep-link sessions.
    pub fn col(&self, v: Variant, f: impl Fn(&Session) -> f64) -> Vec<f64> {
        self.sessions
            .get(&v)
            .map(|s| s.iter().map(f).collect())
            .unwrap_or_default()
    }

    /// One number per run of `v`'s tap measurements in setting `i`.
    pub fn tap_col(&self, i: usize, v: Variant, f: impl Fn(&TapRun) -> f64) -> Vec<f64> {
        self.taps
            .get(&(i, v))
            .map(|s| s.iter().map(f).collect())
            .unwrap_or_default()
    }
}
