//! Sharing (docs/sharing.md): the WeChat ··· guide and JS-SDK share card (with a `wx` test double and
//! a signing endpoint served by the test server), the share panel (QR code decoded from a
//! screenshot, clipboard, Weibo/QQ/QZone links), and the system share sheet.
//!
//! A feed may name only the official SDK (`https://res.wx.qq.com/…`), which cannot be served
//! here: the double is put in place before any page script (CDP), as if the SDK had loaded,
//! and the app, finding `wx`, loads nothing.

use anyhow::{bail, ensure, Context, Result};
use newsfront_e2e::dist::copy_dir;
use newsfront_e2e::selectors::{ARTICLE_TITLE, SHARE_BUTTON, SHARE_PANEL, WECHAT_GUIDE};
use newsfront_e2e::{
    dist, feed_json, require_browser_tools, ua, Browser, BrowserOptions, Server, Viewport,
    DEFAULT_WAIT,
};
use serde_json::{json, Value};
use thirtyfour::prelude::*;

/// Has a cover and a related article, so share cards carry an image and links can be followed.
const ARTICLE: &str = "bj-20230206-yuanxiao-denghui";
const GUIDE_TEXT: &str = "点击右上角 ··· 发送给朋友或分享到朋友圈";

/// The official SDK, as the site file names it.
const SDK_URL: &str = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";

/// Stands in for WeChat's `jweixin.js`: records every call into `window.__wxCalls`.
const WX_DOUBLE: &str = r#"
window.__wxCalls = [];
window.wx = {
  _isReady: false, _ready: [],
  config(o) {
    __wxCalls.push(['config', JSON.parse(JSON.stringify(o))]);
    this._isReady = false;
    setTimeout(() => { this._isReady = true; this._ready.splice(0).forEach(f => f()); }, 10);
  },
  ready(f) { __wxCalls.push(['ready']); if (this._isReady) f(); else this._ready.push(f); },
  error(f) { __wxCalls.push(['error']); },
  updateAppMessageShareData(o) { __wxCalls.push(['updateAppMessageShareData', JSON.parse(JSON.stringify(o))]); },
  updateTimelineShareData(o) { __wxCalls.push(['updateTimelineShareData', JSON.parse(JSON.stringify(o))]); },
};
"#;
const SIGNATURE: &str =
    r#"{"appId":"wxTEST","timestamp":1700000000,"nonceStr":"nonce-1","signature":"sig-1"}"#;

/// A copy of the built app whose feed a test may rewrite, served by its own server.
struct ShareSite {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    server: Server,
    /// Browsers get the `wx` double before any page script.
    wx_double: bool,
}

impl ShareSite {
    fn new() -> Result<ShareSite> {
        require_browser_tools()?;
        let dir = tempfile::Builder::new()
            .prefix("newsfront-share-")
            .tempdir()?;
        let root = dir.path().join("dist");
        copy_dir(&dist(), &root)?;
        let server = Server::start(&root)?;
        Ok(ShareSite {
            _dir: dir,
            root,
            server,
            wx_double: false,
        })
    }

    /// Adds `share.wechat` to site.json, pointing at a signing endpoint and the official SDK,
    /// and gives browsers the `wx` double.
    fn with_wechat(mut self) -> Result<ShareSite> {
        std::fs::write(self.root.join("sign.json"), SIGNATURE)?;
        let sign_url = self.server.url("/sign.json");
        self.edit_json("site.json", |site| {
            site["share"] = json!({ "wechat": { "sign_url": sign_url, "sdk_url": SDK_URL } });
        })?;
        self.wx_double = true;
        Ok(self)
    }

    fn edit_json(&self, relative: &str, edit: impl FnOnce(&mut Value)) -> Result<()> {
        let mut value = feed_json(&self.root, relative)?;
        edit(&mut value);
        let text = serde_json::to_string(&value)?;
        std::fs::write(self.root.join("feed").join(relative), &text)?;
        // The pages as a publish of this feed would write them.
        newsfront_e2e::dist::refresh_pages(&self.root)
    }

    fn browser(&self, options: BrowserOptions) -> Result<Browser> {
        let b = Browser::new(options.base_url(&self.server.base_url()))?;
        if self.wx_double {
            b.add_init_script(WX_DOUBLE)?;
        }
        Ok(b)
    }

    /// The `url` parameter of every request to the signing endpoint, decoded, oldest first.
    fn signed_urls(&self) -> Vec<String> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| !r.outside_prefix && r.path == "/sign.json")
            .filter_map(|r| r.query)
            .filter_map(|q| {
                q.split('&')
                    .find_map(|kv| kv.strip_prefix("url=").map(percent_decode))
            })
            .collect()
    }

    /// What every share target should get for `id`: from the feed the test serves.
    fn expected_card(&self, id: &str) -> Result<Card> {
        let site = feed_json(&self.root, "site.json")?;
        let article = feed_json(&self.root, &format!("articles/{id}.json"))?;
        let base = site["base_url"].as_str().context("base_url")?.to_string();
        let image = article["cover"]["src"].as_str().map(|src| {
            if src.starts_with("http") {
                src.to_string()
            } else {
                format!("{base}feed/{src}")
            }
        });
        Ok(Card {
            title: article["title"].as_str().context("title")?.to_string(),
            summary: article["summary"].as_str().context("summary")?.to_string(),
            url: format!("{base}a/{id}"),
            image,
        })
    }
}

#[derive(Debug)]
struct Card {
    title: String,
    summary: String,
    url: String,
    image: Option<String>,
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn wx_calls(b: &Browser) -> Result<Vec<Value>> {
    let v = b.eval_js("return window.__wxCalls || [];")?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

/// Waits until the `wx` double has received share data whose title is `card.title`, then
/// checks both share calls carry the article's data and the canonical link.
fn wait_for_share_card(b: &mut Browser, card: &Card) -> Result<Vec<Value>> {
    let title = card.title.clone();
    b.wait_until(&format!("wx share data for {title:?}"), DEFAULT_WAIT, |b| {
        Ok(wx_calls(b)?
            .iter()
            .any(|c| c[0] == "updateTimelineShareData" && c[1]["title"].as_str() == Some(&title)))
    })?;
    let calls = wx_calls(b)?;
    let last = |name: &str| {
        calls
            .iter()
            .rev()
            .find(|c| c[0] == name)
            .map(|c| c[1].clone())
            .with_context(|| format!("no {name} call in {calls:?}"))
    };
    let image = card.image.clone().unwrap_or_default();
    let app = last("updateAppMessageShareData")?;
    ensure!(
        app == json!({ "title": card.title, "desc": card.summary, "link": card.url, "imgUrl": image }),
        "updateAppMessageShareData got {app}, want {card:?}"
    );
    let timeline = last("updateTimelineShareData")?;
    ensure!(
        timeline == json!({ "title": card.title, "link": card.url, "imgUrl": image }),
        "updateTimelineShareData got {timeline}, want {card:?}"
    );
    let config = last("config")?;
    ensure!(
        config
            == json!({ "debug": false, "appId": "wxTEST", "timestamp": 1700000000,
                       "nonceStr": "nonce-1", "signature": "sig-1",
                       "jsApiList": ["updateAppMessageShareData", "updateTimelineShareData"] }),
        "wx.config got {config}"
    );
    Ok(calls)
}

/// In-app history navigation without a page load (what back/forward does in the SPA).
fn history_navigate(b: &mut Browser, path: &str) -> Result<()> {
    b.eval_js_with(
        "history.pushState(null, '', arguments[0]); \
         window.dispatchEvent(new PopStateEvent('popstate', { state: null }));",
        vec![json!(path)],
    )?;
    Ok(())
}

fn related_id(site: &ShareSite, id: &str) -> Result<String> {
    let article = feed_json(&site.root, &format!("articles/{id}.json"))?;
    Ok(article["related"][0]["id"]
        .as_str()
        .context("the test article has a related article")?
        .to_string())
}

/// 分享 opens the ··· guide; a tap anywhere dismisses it and focus returns to 分享.
fn check_guide(b: &mut Browser) -> Result<()> {
    b.click(SHARE_BUTTON)?;
    b.wait_for_text(
        &format!("{WECHAT_GUIDE} .share-guide__text"),
        GUIDE_TEXT,
        DEFAULT_WAIT,
    )?;
    ensure!(!b.is_shown(SHARE_PANEL)?, "no share panel inside WeChat");
    b.screenshot("share-wechat-guide")?;
    b.click(".share-guide__text")?;
    b.wait_hidden(WECHAT_GUIDE, DEFAULT_WAIT)?;
    Ok(())
}

#[test]
fn wechat_android_guide_and_share_card_sign_the_current_url() -> Result<()> {
    let site = ShareSite::new()?.with_wechat()?;
    let mut b = site.browser(BrowserOptions::phone().user_agent(ua::WECHAT_ANDROID))?;
    // A shared link opens the prerendered article: the first stage starts what sets the card.
    b.goto(&format!("/a/{ARTICLE}?from=timeline#top"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    wait_for_share_card(&mut b, &site.expected_card(ARTICLE)?)?;
    let landing = site.server.url(&format!("/a/{ARTICLE}?from=timeline"));
    ensure!(
        site.signed_urls() == [landing.clone()],
        "signed {:?}",
        site.signed_urls()
    );
    check_guide(&mut b)?;

    // In the app (a reader who came in through the home page), each article is signed with the
    // current URL on Android.
    b.goto("/")?;
    history_navigate(&mut b, &format!("/a/{ARTICLE}"))?;
    wait_for_share_card(&mut b, &site.expected_card(ARTICLE)?)?;
    let other = related_id(&site, ARTICLE)?;
    history_navigate(&mut b, &format!("/a/{other}"))?;
    wait_for_share_card(&mut b, &site.expected_card(&other)?)?;
    let signed = site.signed_urls();
    ensure!(
        signed[1..]
            == [
                site.server.url(&format!("/a/{ARTICLE}")),
                site.server.url(&format!("/a/{other}"))
            ],
        "signed {signed:?}"
    );
    Ok(())
}

#[test]
fn wechat_ios_signs_the_landing_url_and_loads_article_links_in_full() -> Result<()> {
    let site = ShareSite::new()?.with_wechat()?;
    let mut b = site.browser(BrowserOptions::phone().user_agent(ua::WECHAT_IOS))?;
    b.goto(&format!("/a/{ARTICLE}?from=timeline#top"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    wait_for_share_card(&mut b, &site.expected_card(ARTICLE)?)?;
    let landing = site.server.url(&format!("/a/{ARTICLE}?from=timeline"));
    ensure!(site.signed_urls() == std::slice::from_ref(&landing));
    check_guide(&mut b)?;

    // In the app, history navigation without a load: iOS keeps signing the session's landing
    // URL (one request), and the share card follows the article.
    b.goto("/?from=timeline")?;
    let home = site.server.url("/?from=timeline");
    history_navigate(&mut b, &format!("/a/{ARTICLE}"))?;
    wait_for_share_card(&mut b, &site.expected_card(ARTICLE)?)?;
    let other = related_id(&site, ARTICLE)?;
    history_navigate(&mut b, &format!("/a/{other}"))?;
    wait_for_share_card(&mut b, &site.expected_card(&other)?)?;
    ensure!(
        site.signed_urls() == [landing.clone(), home.clone()],
        "iOS signs the landing URL only: {:?}",
        site.signed_urls()
    );

    // A tap on an article link is a full page load, so ··· copy link gives this article.
    history_navigate(&mut b, &format!("/a/{ARTICLE}"))?;
    b.wait_for(".related__link", DEFAULT_WAIT)?;
    b.eval_js("window.__samePage = true;")?;
    b.click(".related__link")?;
    let target = site.server.url(&format!("/a/{other}"));
    b.wait_until(
        "a full page load of the related article",
        DEFAULT_WAIT,
        |b| {
            Ok(
                b.eval_js("return window.__samePage === undefined && !!window.wx;")? == json!(true)
                    && b.current_url()? == target,
            )
        },
    )?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    wait_for_share_card(&mut b, &site.expected_card(&other)?)?;
    ensure!(
        site.signed_urls() == [landing, home, target],
        "signed {:?}",
        site.signed_urls()
    );
    Ok(())
}

#[test]
fn wechat_without_signing_endpoint_loads_nothing() -> Result<()> {
    let site = ShareSite::new()?;
    let mut b = site.browser(BrowserOptions::phone().user_agent(ua::WECHAT_ANDROID))?;
    b.goto(&format!("/a/{ARTICLE}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    check_guide(&mut b)?;
    ensure!(b.eval_js("return typeof window.wx;")? == json!("undefined"));
    ensure!(b.count("script[src*=jweixin]")? == 0, "no SDK script");
    let errors = b.console_errors()?;
    ensure!(errors.is_empty(), "console errors: {errors:?}");
    Ok(())
}

/// A title and summary full of characters that break naive query strings.
const TRICKY_TITLE: &str = "陇县 & 宝鸡 #1 | \"社火\" '灯会' 100% a+b=c？！《元宵》，“好”。";
const TRICKY_SUMMARY: &str = "摘要 & more #x | ?y=1";

#[test]
fn desktop_panel_qr_clipboard_and_share_links() -> Result<()> {
    let site = ShareSite::new()?;
    site.edit_json(&format!("articles/{ARTICLE}.json"), |a| {
        a["title"] = json!(TRICKY_TITLE);
        a["summary"] = json!(TRICKY_SUMMARY);
    })?;
    let card = site.expected_card(ARTICLE)?;
    let mut b = site.browser(BrowserOptions::desktop())?;
    b.goto(&format!("/a/{ARTICLE}"))?;
    b.wait_for_text(ARTICLE_TITLE, TRICKY_TITLE, DEFAULT_WAIT)?;
    ensure!(b.eval_js("return 'share' in navigator;")? == json!(false));

    b.click(SHARE_BUTTON)?;
    b.wait_shown(SHARE_PANEL, DEFAULT_WAIT)?;
    ensure!(b.text_of(".share-panel__qr-caption")?.trim() == "微信扫一扫");
    ensure!(
        b.eval_js(
            "return document.activeElement.classList.contains('share-panel__target--copy');"
        )? == json!(true),
        "focus moves into the panel"
    );
    b.screenshot("share-panel")?;

    // The expected links, encoded by the browser's own encodeURIComponent.
    let want = b.eval_js_with(
        "const [u, t, s, p] = Array.from(arguments, encodeURIComponent); return [ \
           `https://service.weibo.com/share/share.php?url=${u}&title=${t}&pic=${p}`, \
           `https://connect.qq.com/widget/shareqq/index.html?url=${u}&title=${t}&summary=${s}&pics=${p}`, \
           `https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=${u}&title=${t}&summary=${s}&pics=${p}`];",
        vec![
            json!(card.url),
            json!(card.title),
            json!(card.summary),
            json!(card.image.clone().context("the test article has a cover")?),
        ],
    )?;
    for (i, target) in ["weibo", "qq", "qzone"].iter().enumerate() {
        let href = b.attr(&format!(".share-panel__target--{target}"), "href")?;
        ensure!(
            href.as_deref() == want[i].as_str(),
            "{target}: {href:?} != {}",
            want[i]
        );
        // And the link round-trips: the title read back by URLSearchParams is the title.
        let back = b.eval_js_with(
            "return new URL(arguments[0]).searchParams.get('title');",
            vec![json!(href)],
        )?;
        ensure!(
            back == json!(TRICKY_TITLE),
            "{target} title decodes to {back}"
        );
    }

    // The QR code, decoded from a screenshot of the rendered SVG.
    let decoded = decode_qr(&b, ".share-panel__qr-svg")?;
    ensure!(
        decoded == card.url,
        "QR decodes to {decoded:?}, want {}",
        card.url
    );

    // Copy link: the clipboard holds the canonical URL, a toast confirms, focus returns.
    let origin = site.server.origin();
    b.cdp(
        "Browser.grantPermissions",
        json!({ "origin": origin,
                "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    )?;
    b.click(".share-panel__target--copy")?;
    b.wait_for_text(".toast", "链接已复制", DEFAULT_WAIT)?;
    b.wait_hidden(SHARE_PANEL, DEFAULT_WAIT)?;
    let clip = b.eval_js("return navigator.clipboard.readText();")?;
    ensure!(clip == json!(card.url), "clipboard holds {clip}");
    ensure!(
        b.eval_js("return document.activeElement.classList.contains('toolbar__share');")?
            == json!(true),
        "focus returns to 分享"
    );
    Ok(())
}

#[test]
fn panel_by_keyboard_tab_stays_inside_and_escape_closes() -> Result<()> {
    let site = ShareSite::new()?;
    let mut b = site.browser(BrowserOptions::desktop())?;
    b.goto(&format!("/a/{ARTICLE}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    b.eval_js("document.querySelector('button.toolbar__share').focus();")?;
    send_key(&b, Key::Enter)?;
    b.wait_shown(SHARE_PANEL, DEFAULT_WAIT)?;
    ensure!(b.attr(SHARE_PANEL, "role")?.as_deref() == Some("dialog"));
    ensure!(b.attr(SHARE_PANEL, "aria-modal")?.as_deref() == Some("true"));
    // copy, weibo, qq, qzone, close, then back to copy.
    let mut seen = Vec::new();
    for _ in 0..5 {
        send_key(&b, Key::Tab)?;
        seen.push(
            b.eval_js("return document.activeElement.className;")?
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
    }
    ensure!(
        seen.last()
            .is_some_and(|c| c.contains("share-panel__target--copy")),
        "Tab wraps inside the panel: {seen:?}"
    );
    ensure!(
        seen.iter().all(|c| c.contains("share-panel__")),
        "focus never leaves the panel: {seen:?}"
    );
    send_key(&b, Key::Escape)?;
    b.wait_hidden(SHARE_PANEL, DEFAULT_WAIT)?;
    ensure!(
        b.eval_js("return document.activeElement.classList.contains('toolbar__share');")?
            == json!(true),
        "focus returns to 分享"
    );
    Ok(())
}

#[test]
fn phone_panel_screenshot_and_backdrop_closes() -> Result<()> {
    let site = ShareSite::new()?;
    let mut b = site.browser(BrowserOptions::new(Viewport::PHONE_375))?;
    b.goto(&format!("/a/{ARTICLE}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    // Some Chromium builds expose navigator.share; this test is about the panel.
    b.eval_js("delete Navigator.prototype.share; delete navigator.share;")?;
    b.click(SHARE_BUTTON)?;
    b.wait_shown(SHARE_PANEL, DEFAULT_WAIT)?;
    let decoded = decode_qr(&b, ".share-panel__qr-svg")?;
    ensure!(decoded == site.expected_card(ARTICLE)?.url);
    b.screenshot("share-panel")?;
    b.eval_js("document.querySelector('.share-panel__backdrop').click();")?;
    b.wait_hidden(SHARE_PANEL, DEFAULT_WAIT)?;
    Ok(())
}

#[test]
fn system_share_sheet_gets_the_article_and_cancel_is_quiet() -> Result<()> {
    let site = ShareSite::new()?;
    let card = site.expected_card(ARTICLE)?;
    let mut b = site.browser(BrowserOptions::phone().user_agent(ua::IPHONE_SAFARI))?;
    b.goto(&format!("/a/{ARTICLE}"))?;
    b.wait_for(ARTICLE_TITLE, DEFAULT_WAIT)?;
    b.eval_js(
        "window.__shared = []; \
         navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };",
    )?;
    b.click(SHARE_BUTTON)?;
    b.wait_until("navigator.share to be called", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return window.__shared.length;")? == json!(1))
    })?;
    let shared = b.eval_js("return window.__shared[0];")?;
    ensure!(
        shared == json!({ "title": card.title, "text": card.summary, "url": card.url }),
        "navigator.share got {shared}"
    );
    ensure!(!b.is_shown(SHARE_PANEL)? && !b.is_shown(WECHAT_GUIDE)?);

    // The reader cancels: no panel, no error toast.
    b.eval_js(
        "navigator.share = () => { window.__cancelled = true; \
           return Promise.reject(new DOMException('Share canceled', 'AbortError')); };",
    )?;
    b.click(SHARE_BUTTON)?;
    b.wait_until("the cancelled share", DEFAULT_WAIT, |b| {
        Ok(b.eval_js("return window.__cancelled === true;")? == json!(true))
    })?;
    // What a cancel could show would show within these frames.
    b.eval_js_async(
        "let n = 20; const f = () => --n ? requestAnimationFrame(f) : arguments[0](); f();",
    )?;
    ensure!(!b.is_shown(SHARE_PANEL)?, "cancelling opens nothing");
    ensure!(
        b.query_text(".toast")?
            .unwrap_or_default()
            .trim()
            .is_empty(),
        "cancelling shows no toast"
    );

    // A sheet that refuses falls back to the panel.
    b.eval_js(
        "navigator.share = () => Promise.reject(new DOMException('no', 'NotAllowedError'));",
    )?;
    b.click(SHARE_BUTTON)?;
    b.wait_shown(SHARE_PANEL, DEFAULT_WAIT)?;
    Ok(())
}

fn send_key(b: &Browser, key: Key) -> Result<()> {
    let driver = b.driver().clone();
    b.block_on(async move { driver.action_chain().send_keys(key).perform().await })?;
    Ok(())
}

/// Screenshots the element and decodes the QR code in it.
fn decode_qr(b: &Browser, selector: &str) -> Result<String> {
    let driver = b.driver().clone();
    let css = selector.to_string();
    let png_bytes = b.block_on(async move {
        let el = driver.find(By::Css(css)).await?;
        el.screenshot_as_png().await
    })?;
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size().context("PNG size")?];
    let info = reader.next_frame(&mut buf)?;
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let luma = |x: usize, y: usize| {
        let i = (y * w + x) * channels;
        if channels >= 3 {
            ((u32::from(buf[i]) * 299 + u32::from(buf[i + 1]) * 587 + u32::from(buf[i + 2]) * 114)
                / 1000) as u8
        } else {
            buf[i]
        }
    };
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, luma);
    let grids = img.detect_grids();
    let Some(grid) = grids.first() else {
        bail!("no QR code found in a {w}×{h} screenshot of `{selector}`");
    };
    let (_, text) = grid.decode().context("QR decode")?;
    Ok(text)
}
