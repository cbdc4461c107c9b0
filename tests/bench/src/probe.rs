//! The JavaScript the benchmark puts into pages (files in `js/`): the probe installed before
//! any page script, what a load collects, and the tap probe and its state.

/// Long tasks and the first paragraph's times (`window.__bench`).
pub const PROBE: &str = include_str!("js/probe.js");
/// A function body returning what a load left behind.
pub const COLLECT: &str = include_str!("js/collect.js");
/// The 分享 control, the taps the page handled and the share surface (`__bench.tap`).
pub const TAP_PROBE: &str = include_str!("js/tap_probe.js");
/// A function body: where 分享 is (if `arguments[0]`) and what the tap probe saw.
pub const TAP_STATE: &str = include_str!("js/tap_state.js");
