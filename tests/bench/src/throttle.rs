//! The emulated phone link and CPU: Lighthouse's mobile settings (1.6 Mbit/s), and a slower
//! 400 kbit/s link for the tap measurements, both through CDP on the harness's `Browser`.

use anyhow::Result;
use newsfront_e2e::Browser;
use serde_json::json;

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Link {
    pub down_kbps: f64,
    pub up_kbps: f64,
    pub latency_ms: f64,
}

/// Lighthouse's mobile link: 1.6 Mbit/s down, 750 kbit/s up, 150 ms.
pub const FAST: Link = Link {
    down_kbps: 1600.0,
    up_kbps: 750.0,
    latency_ms: 150.0,
};

/// The slow link of the tap measurements: only the download rate differs.
pub const SLOW: Link = Link {
    down_kbps: 400.0,
    ..FAST
};

pub const CPU_SLOWDOWN: f64 = 4.0;

impl Link {
    pub fn label(self) -> String {
        if self.down_kbps >= 1000.0 {
            format!("{} Mbit/s", self.down_kbps / 1000.0)
        } else {
            format!("{} kbit/s", self.down_kbps)
        }
    }
}

/// Throttle the link and the CPU (`Some`), or lift both (`None`).
pub fn set(b: &Browser, link: Option<Link>) -> Result<()> {
    let (latency, down, up, cpu) = match link {
        Some(l) => (
            l.latency_ms,
            l.down_kbps * 1000.0 / 8.0,
            l.up_kbps * 1000.0 / 8.0,
            CPU_SLOWDOWN,
        ),
        None => (0.0, -1.0, -1.0, 1.0),
    };
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": latency,
                "downloadThroughput": down, "uploadThroughput": up }),
    )?;
    b.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": cpu }))?;
    Ok(())
}
