//! WeChat's webviews: the app renders home and the seed article under Android XWeb and iOS
//! WeChat user agents, the toolbar is visible, and WeChat's font scaling is pinned to 0.

use anyhow::{ensure, Result};
use newsfront_e2e::SEED;
use newsfront_e2e::{launch, ua, Browser, BrowserOptions, DEFAULT_WAIT};
use serde_json::json;

/// A stand-in for WeChat's `WeixinJSBridge` that records `invoke` calls. With `late`, the
/// bridge appears after the app started and announces itself with `WeixinJSBridgeReady`,
/// as it does in real WeChat.
fn install_bridge_double(b: &Browser, late: bool) -> Result<()> {
    let bridge = "{ invoke: (name, args) => window.__wxInvokes.push([name, args]), \
                    on: (name) => window.__wxOn.push(name) }";
    let source = if late {
        format!(
            "window.__wxInvokes = []; window.__wxOn = [];
             addEventListener('load', () => setTimeout(() => {{
               window.WeixinJSBridge = {bridge};
               document.dispatchEvent(new Event('WeixinJSBridgeReady'));
             }}, 300));"
        )
    } else {
        format!("window.__wxInvokes = []; window.__wxOn = []; window.WeixinJSBridge = {bridge};")
    };
    b.add_init_script(&source)
}

fn check_wechat(user_agent: &str, late_bridge: bool) -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone().user_agent(user_agent))?;
    install_bridge_double(&b, late_bridge)?;
    b.goto("/")?;
    b.wait_for(".article-list__item", DEFAULT_WAIT)?;
    b.wait_until("setFontSizeCallback(fontSize 0)", DEFAULT_WAIT, |b| {
        let calls = b.eval_js("return window.__wxInvokes;")?;
        Ok(calls.as_array().is_some_and(|c| {
            c.iter()
                .any(|call| call[0] == "setFontSizeCallback" && call[1]["fontSize"] == 0)
        }))
    })?;
    let on = b.eval_js("return window.__wxOn;")?;
    ensure!(
        on.as_array()
            .is_some_and(|o| o.iter().any(|n| n == "menu:setfont")),
        "listens for later font changes: {on}"
    );

    b.goto(&format!("/a/{SEED}"))?;
    b.wait_for("h1.article__title", DEFAULT_WAIT)?;
    let visible = b.eval_js(
        "const r = document.querySelector('nav.toolbar').getBoundingClientRect();
         return r.height > 40 && r.bottom <= window.innerHeight + 0.5 && r.top < window.innerHeight;",
    )?;
    ensure!(visible == json!(true), "toolbar visible at the bottom");
    let scroller = b.eval_js("return document.scrollingElement.scrollHeight > innerHeight;")?;
    ensure!(
        scroller == json!(true),
        "the document scrolls (no inner scroll container)"
    );
    b.screenshot(if user_agent.contains("iPhone") {
        "webview-wechat-ios"
    } else {
        "webview-wechat-android"
    })?;
    Ok(())
}

#[test]
fn wechat_android_xweb_renders_and_pins_font_scaling() -> Result<()> {
    check_wechat(ua::WECHAT_ANDROID, false)
}

#[test]
fn wechat_ios_renders_and_pins_font_scaling_when_the_bridge_is_late() -> Result<()> {
    check_wechat(ua::WECHAT_IOS, true)
}
