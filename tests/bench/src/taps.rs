//! The first working tap: a cold deep link, and from navigation start a tap on 分享 every
//! 100 ms at its centre (a touch through CDP `Input.dispatchTouchEvent`, as a finger would),
//! until a share surface (WeChat guide, share panel, system sheet) is painted within 100 ms of
//! the tap it answers. Then the surface is closed and the load runs until the network is idle.
//! The static page has no control: its column gives its first paragraph painted, the floor.

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use newsfront_e2e::{ua, Browser};
use serde_json::{json, Value};

use crate::browser::{open, set_cache, wait_js, Open};
use crate::load::{self, kind, responses, Load, MAX_LOAD, QUIET};
use crate::probe::{COLLECT, TAP_STATE};
use crate::sites::{Sites, Variant};
use crate::stats;
use crate::throttle::{self, Link, FAST, SLOW};

pub const EVERY: Duration = Duration::from_millis(100);
/// A surface later than this after its tap does not count: the reader saw a dead control.
pub const PROMPT_MS: f64 = 100.0;
/// Tapping stops after this without a working tap.
const GIVE_UP: Duration = Duration::from_secs(90);

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Setting {
    pub link: Link,
    pub wechat: bool,
}

impl Setting {
    pub fn label(self) -> String {
        let ua = if self.wechat {
            "WeChat Android"
        } else {
            "Android Chrome"
        };
        format!("{}, {ua}", self.link.label())
    }
    fn user_agent(self) -> &'static str {
        if self.wechat {
            ua::WECHAT_ANDROID
        } else {
            ua::ANDROID_CHROME
        }
    }
}

pub const SETTINGS: [Setting; 4] = [
    Setting {
        link: FAST,
        wechat: true,
    },
    Setting {
        link: FAST,
        wechat: false,
    },
    Setting {
        link: SLOW,
        wechat: true,
    },
    Setting {
        link: SLOW,
        wechat: false,
    },
];

#[derive(Clone, Default)]
pub struct TapRun {
    /// 分享 painted (NaN for the static page).
    pub control: f64,
    /// The first working tap (the static page: its first paragraph painted).
    pub tap: f64,
    /// That tap → the surface painted.
    pub response: f64,
    /// The first tap answered at all, however late, and tap → its surface painted.
    pub answered: f64,
    pub answered_after: f64,
    /// Taps sent before the working one, and how many of them were answered too late (NaN for
    /// the static page).
    pub dead: f64,
    pub late: f64,
    /// The median time between two taps the page handled (the cadence actually achieved).
    pub interval: f64,
    /// Which surface answered: `share-guide`, `share-panel` or `system share sheet`.
    pub surface: String,
    /// Bytes of the responses that had ended by the working tap, all and wasm.
    pub before: f64,
    pub wasm_before: f64,
    /// The whole cold load until the network was idle.
    pub idle: Load,
    pub note: Option<String>,
}

pub fn measure(sites: &Sites, v: Variant, s: Setting, expect: &str) -> Result<TapRun> {
    if !v.is_app() {
        return floor(sites, v, s, expect);
    }
    let how = Open {
        user_agent: Some(s.user_agent()),
        tapping: true,
    };
    let (mut b, mut net) = open(sites.base(v), how)?;
    throttle::set(&b, Some(s.link))?;
    set_cache(&b, false)?;
    net.reset(&b)?;
    b.goto_static(&v.deep_link())?;
    let t = tap_until_working(&b)?;
    let note = close_surface(&b)?;
    let stuck = net.settle(&b, QUIET, MAX_LOAD)?;
    let seen = b.eval_js(COLLECT)?;
    let mut run = TapRun {
        control: seen["tap"]["ctrlPainted"].as_f64().unwrap_or(f64::NAN),
        interval: median_gap(&seen["tap"]["taps"]),
        surface: seen["tap"]["surface"].as_str().unwrap_or("?").to_string(),
        tap: t.tap,
        response: t.response,
        answered: t.answered,
        answered_after: t.answered_after,
        dead: t.sent.saturating_sub(1) as f64,
        late: t.late as f64,
        note,
        idle: Load {
            stuck,
            ..load::parse(&seen)?
        },
        ..TapRun::default()
    };
    for r in responses(&seen).iter().filter(|r| r.end <= t.tap) {
        run.before += r.transfer;
        if kind(r.url) == "wasm" {
            run.wasm_before += r.transfer;
        }
    }
    Ok(run)
}

/// The static page in the same setting: its first paragraph painted and what came before.
fn floor(sites: &Sites, v: Variant, s: Setting, expect: &str) -> Result<TapRun> {
    let how = Open {
        user_agent: Some(s.user_agent()),
        tapping: false,
    };
    let (mut b, mut net) = open(sites.base(v), how)?;
    throttle::set(&b, Some(s.link))?;
    let l = load::load(&mut b, &mut net, &v.deep_link(), false, expect)?;
    Ok(TapRun {
        control: f64::NAN,
        tap: l.painted,
        response: f64::NAN,
        answered: f64::NAN,
        answered_after: f64::NAN,
        interval: f64::NAN,
        dead: f64::NAN,
        late: f64::NAN,
        before: l.before_paint,
        wasm_before: 0.0,
        idle: l,
        ..TapRun::default()
    })
}

fn median_gap(taps: &Value) -> f64 {
    let t: Vec<f64> = taps
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect();
    let gaps: Vec<f64> = t.windows(2).map(|w| w[1] - w[0]).collect();
    stats::median(&gaps)
}

/// What tapping until a tap worked found.
struct Tapped {
    tap: f64,
    response: f64,
    answered: f64,
    answered_after: f64,
    sent: usize,
    late: usize,
}

/// Taps until one works.
fn tap_until_working(b: &Browser) -> Result<Tapped> {
    let start = Instant::now();
    let mut at: Option<(f64, f64)> = None;
    let (mut sent, mut late, mut errors) = (0, 0, 0);
    let mut first: Option<(f64, f64)> = None;
    loop {
        if start.elapsed() > GIVE_UP {
            bail!("no tap on 分享 worked within {GIVE_UP:?} ({sent} taps sent)");
        }
        let tick = Instant::now();
        // Between two documents the script may fail: that is a tick without a page.
        let st = match b.eval_js_with(TAP_STATE, vec![json!(at.is_none())]) {
            Ok(v) => v,
            Err(e) => {
                errors += 1;
                if errors > 50 {
                    return Err(e.context("the tapping page keeps failing"));
                }
                Value::Null
            }
        };
        if let Some(surface_tap) = st["surfaceTap"].as_f64() {
            let Some(painted) = st["surfacePainted"].as_f64() else {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            };
            let (answered, answered_after) =
                *first.get_or_insert((surface_tap, painted - surface_tap));
            if painted - surface_tap <= PROMPT_MS {
                return Ok(Tapped {
                    tap: surface_tap,
                    response: painted - surface_tap,
                    answered,
                    answered_after,
                    sent,
                    late,
                });
            }
            late += 1;
            close_surface(b)?;
            b.eval_js("window.__bench.rearm(); return null;")?;
        } else if !st.is_null() {
            if at.is_none() {
                at = st["at"]
                    .as_array()
                    .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)));
            }
            if let Some((x, y)) = at {
                touch(b, x, y)?;
                sent += 1;
            }
        }
        if let Some(rest) = EVERY.checked_sub(tick.elapsed()) {
            std::thread::sleep(rest);
        }
    }
}

/// A tap as a finger makes it: touch start and end at one point (Chromium's gesture detection
/// turns it into a click).
fn touch(b: &Browser, x: f64, y: f64) -> Result<()> {
    b.cdp(
        "Input.dispatchTouchEvent",
        json!({ "type": "touchStart", "touchPoints": [{ "x": x, "y": y }] }),
    )?;
    b.cdp(
        "Input.dispatchTouchEvent",
        json!({ "type": "touchEnd", "touchPoints": [] }),
    )?;
    Ok(())
}

const SHOWN: &str =
    "return !!(window.__bench && window.__bench.surfaceShown && window.__bench.surfaceShown());";
const GONE: &str =
    "return !(window.__bench && window.__bench.surfaceShown && window.__bench.surfaceShown());";

/// Close an open surface the way a reader does: a tap near the top (the share panel's
/// backdrop; anywhere on the WeChat guide), else Escape. A note if it stays open.
fn close_surface(b: &Browser) -> Result<Option<String>> {
    if b.eval_js(SHOWN)? != json!(true) {
        return Ok(None);
    }
    touch(b, 187.0, 40.0)?;
    if wait_js(b, GONE, 3).is_ok() {
        return Ok(None);
    }
    for kind in ["keyDown", "keyUp"] {
        b.cdp(
            "Input.dispatchKeyEvent",
            json!({ "type": kind, "key": "Escape", "code": "Escape", "windowsVirtualKeyCode": 27 }),
        )
        .context("Escape")?;
    }
    Ok(wait_js(b, GONE, 3)
        .err()
        .map(|_| "the share surface did not close (tap on the backdrop, Escape)".to_string()))
}
