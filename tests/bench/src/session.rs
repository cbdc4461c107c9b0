//! One variant's deep-link session in one run: a fresh browser, the cold and warm loads of the
//! seed article, then for the apps in-app navigation, and for Newsfront its JS heap.

use anyhow::Result;

use crate::browser::{open, Open};
use crate::heap;
use crate::load::{load, Load};
use crate::nav::{navigate, Nav};
use crate::sites::{Sites, Variant};
use crate::throttle::{self, FAST};

pub struct Session {
    pub cold: Load,
    pub warm: Load,
    pub nav: Option<Nav>,
    /// JS heap on the home page and after 30 articles (Newsfront only).
    pub heap: Option<(f64, f64)>,
}

pub fn run(sites: &Sites, v: Variant, expect: &str) -> Result<Session> {
    let (mut b, mut net) = open(sites.base(v), Open::default())?;
    throttle::set(&b, Some(FAST))?;
    let deep = v.deep_link();
    let cold = load(&mut b, &mut net, &deep, false, expect)?;
    // Prime the HTTP cache the way a returning reader's is (unmeasured), then measure warm.
    load(&mut b, &mut net, &deep, true, expect)?;
    let warm = load(&mut b, &mut net, &deep, true, expect)?;
    let mut s = Session {
        cold,
        warm,
        nav: None,
        heap: None,
    };
    if v.is_app() {
        s.nav = Some(navigate(&mut b, &mut net, v)?);
    }
    if v == Variant::Newsfront {
        throttle::set(&b, None)?;
        s.heap = Some(heap::after_30(&mut b, &mut net, &sites.docroot)?);
    }
    Ok(s)
}
