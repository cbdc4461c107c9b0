//! Sharing decisions that need no browser: whether the reader is in WeChat, which page URL
//! WeChat's JS-SDK must sign, the signing request and its answer, and the share card (title,
//! summary, canonical link, cover) of an article. Which surface 分享 opens is decided at the tap
//! by the first stage (boot/first-stage.js: WeChat guide, system sheet, or the share panel).

use std::fmt;

use serde::Deserialize;

use crate::percent::encode_uri_component as enc;
use crate::share::{canonical_article_url, resolve_image_url};
use crate::Article;

/// The platform of WeChat's in-app browser; it decides which URL the JS-SDK signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WechatPlatform {
    /// iOS (WKWebView): signs against the session's landing URL after history navigation.
    Ios,
    /// Android (XWeb) and desktop WeChat: sign the current URL.
    Other,
}

/// WeChat's in-app browser announces itself with `MicroMessenger` in its user agent.
pub fn wechat_platform(user_agent: &str) -> Option<WechatPlatform> {
    if !user_agent.contains("MicroMessenger") {
        return None;
    }
    let ios = ["iPhone", "iPad", "iPod"]
        .iter()
        .any(|d| user_agent.contains(d));
    Some(if ios {
        WechatPlatform::Ios
    } else {
        WechatPlatform::Other
    })
}

/// `url` without its `#…` part (the JS-SDK signature never covers the fragment).
pub fn strip_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(before, _)| before)
}

/// The page URL to sign: on iOS WeChat the landing URL of the session, elsewhere the
/// current URL; both without the fragment.
pub fn url_to_sign<'a>(
    platform: WechatPlatform,
    landing_url: &'a str,
    current_url: &'a str,
) -> &'a str {
    match platform {
        WechatPlatform::Ios => strip_fragment(landing_url),
        WechatPlatform::Other => strip_fragment(current_url),
    }
}

/// `GET {sign_url}?url={page_url}` (`&url=` when the endpoint already has a query).
pub fn sign_request_url(sign_url: &str, page_url: &str) -> String {
    let sep = if sign_url.contains('?') { '&' } else { '?' };
    format!("{sign_url}{sep}url={}", enc(page_url))
}

/// Whether a click on an in-app link to `target_path` (pathname, base included) must be a
/// full page load: on iOS WeChat for article pages, so that the page the reader shares from
/// ··· (copy link, send to a friend) is the landing page and so the article itself
/// (see docs/sharing.md).
pub fn needs_full_navigation(
    platform: Option<WechatPlatform>,
    router_base: &str,
    target_path: &str,
) -> bool {
    if platform != Some(WechatPlatform::Ios) {
        return false;
    }
    let base = router_base.trim_end_matches('/');
    target_path.strip_prefix(base).is_some_and(|rest| {
        matches!(
            crate::routes::Route::parse(rest),
            crate::routes::Route::Article(_)
        )
    })
}

/// What the signing endpoint returns for a page URL (`timestamp` as a number or a string).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WechatSignature {
    pub app_id: String,
    pub timestamp: String,
    pub nonce_str: String,
    pub signature: String,
}

/// Why a signing endpoint's answer was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureError(pub String);

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "signing endpoint answer: {}", self.0)
    }
}

impl std::error::Error for SignatureError {}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrText {
    Num(u64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSignature {
    app_id: String,
    timestamp: NumOrText,
    nonce_str: String,
    signature: String,
}

/// Reads `{"appId", "timestamp", "nonceStr", "signature"}`; empty values are refused.
pub fn parse_signature(json: &str) -> Result<WechatSignature, SignatureError> {
    let raw: RawSignature =
        serde_json::from_str(json).map_err(|e| SignatureError(e.to_string()))?;
    let timestamp = match raw.timestamp {
        NumOrText::Num(n) => n.to_string(),
        NumOrText::Text(t) => t,
    };
    let sig = WechatSignature {
        app_id: raw.app_id,
        timestamp,
        nonce_str: raw.nonce_str,
        signature: raw.signature,
    };
    for (name, value) in [
        ("appId", &sig.app_id),
        ("timestamp", &sig.timestamp),
        ("nonceStr", &sig.nonce_str),
        ("signature", &sig.signature),
    ] {
        if value.trim().is_empty() {
            return Err(SignatureError(format!("`{name}` is empty")));
        }
    }
    Ok(sig)
}

/// What every share target gets for an article: always the canonical URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareCard {
    pub title: String,
    pub summary: String,
    /// `{base_url}a/{id}`.
    pub url: String,
    /// Absolute URL of the cover's share copy (or the cover), if the article has a cover.
    pub image: Option<String>,
}

impl ShareCard {
    pub fn for_article(site_base_url: &str, article: &Article) -> ShareCard {
        ShareCard {
            title: article.title.clone(),
            summary: article.summary.clone(),
            url: canonical_article_url(site_base_url, &article.id),
            image: article
                .cover
                .as_ref()
                .map(|c| resolve_image_url(site_base_url, c.share_src())),
        }
    }

    pub fn weibo_url(&self) -> String {
        crate::share::share_url_weibo(&self.url, &self.title, self.image.as_deref())
    }

    pub fn qq_url(&self) -> String {
        crate::share::share_url_qq(&self.url, &self.title, &self.summary, self.image.as_deref())
    }

    pub fn qzone_url(&self) -> String {
        crate::share::share_url_qzone(&self.url, &self.title, &self.summary, self.image.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WECHAT_ANDROID: &str =
        "Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) \
        AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 \
        XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2308 MicroMessenger/8.0.47.2560(0x28002F30) \
        WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
    const WECHAT_IOS: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) \
        AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) \
        NetType/WIFI Language/zh_CN";
    const SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) \
        AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    #[test]
    fn detects_the_environment() {
        assert_eq!(wechat_platform(WECHAT_ANDROID), Some(WechatPlatform::Other));
        assert_eq!(wechat_platform(WECHAT_IOS), Some(WechatPlatform::Ios));
        assert_eq!(wechat_platform(SAFARI), None);
    }

    #[test]
    fn signs_landing_url_on_ios_and_current_url_elsewhere() {
        let landing = "https://n.cn/news/a/first?from=timeline#top";
        let current = "https://n.cn/news/a/second?x=1#comments";
        assert_eq!(
            url_to_sign(WechatPlatform::Ios, landing, current),
            "https://n.cn/news/a/first?from=timeline"
        );
        assert_eq!(
            url_to_sign(WechatPlatform::Other, landing, current),
            "https://n.cn/news/a/second?x=1"
        );
        assert_eq!(strip_fragment("https://n.cn/"), "https://n.cn/");
    }

    #[test]
    fn builds_the_signing_request() {
        assert_eq!(
            sign_request_url("https://s.cn/sign", "https://n.cn/a/x?y=1&z=2"),
            "https://s.cn/sign?url=https%3A%2F%2Fn.cn%2Fa%2Fx%3Fy%3D1%26z%3D2"
        );
        assert_eq!(
            sign_request_url("https://s.cn/sign?site=7", "https://n.cn/"),
            "https://s.cn/sign?site=7&url=https%3A%2F%2Fn.cn%2F"
        );
    }

    #[test]
    fn full_navigation_only_to_articles_on_ios_wechat() {
        let ios = Some(WechatPlatform::Ios);
        assert!(needs_full_navigation(ios, "", "/a/abc"));
        assert!(needs_full_navigation(ios, "/news", "/news/a/abc"));
        assert!(!needs_full_navigation(ios, "/news", "/a/abc"));
        assert!(!needs_full_navigation(ios, "", "/c/lzsh"));
        assert!(!needs_full_navigation(ios, "", "/a/"));
        assert!(!needs_full_navigation(
            Some(WechatPlatform::Other),
            "",
            "/a/abc"
        ));
        assert!(!needs_full_navigation(None, "", "/a/abc"));
    }

    #[test]
    fn parses_signatures() {
        let ok = parse_signature(
            r#"{"appId":"wx1","timestamp":1700000000,"nonceStr":"n","signature":"s"}"#,
        )
        .unwrap();
        assert_eq!(ok.timestamp, "1700000000");
        assert_eq!(ok.app_id, "wx1");
        let text_ts = parse_signature(
            r#"{"appId":"wx1","timestamp":"17","nonceStr":"n","signature":"s","extra":1}"#,
        )
        .unwrap();
        assert_eq!(text_ts.timestamp, "17");
        let missing = parse_signature(r#"{"appId":"wx1","timestamp":1,"nonceStr":"n"}"#);
        assert!(missing.unwrap_err().to_string().contains("signature"));
        let empty = parse_signature(r#"{"appId":"","timestamp":1,"nonceStr":"n","signature":"s"}"#);
        assert!(empty.unwrap_err().to_string().contains("`appId` is empty"));
        assert!(parse_signature("<html>").is_err());
    }
    #[test]
    fn share_card_uses_the_canonical_url_and_an_absolute_cover() {
        let json = r#"{ "format_version": 1, "id": "158efa5accffce1b",
            "title": "陇县 & 宝鸡 #1 | \"社火\"", "subtitle": null, "category": "bjzx",
            "source": "网站编辑", "author": null, "published": "2023-03-08T19:37:00+08:00",
            "updated": null, "summary": "摘要 a=b&c",
            "cover": { "src": "images/a.jpg", "width": 640, "height": 360, "alt": "", "caption": null },
            "editor_note": [], "body": [ { "type": "paragraph", "spans": [ { "text": "正文" } ] } ],
            "contributor": null, "tags": [], "related": [], "prev": null, "next": null,
            "comment_count": 0 }"#;
        let article = crate::parse_article(json).unwrap();
        let card = ShareCard::for_article("https://n.cn/news/", &article);
        assert_eq!(card.url, "https://n.cn/news/a/158efa5accffce1b");
        assert_eq!(
            card.image.as_deref(),
            Some("https://n.cn/news/feed/images/a.jpg")
        );
        assert_eq!(
            card.weibo_url(),
            "https://service.weibo.com/share/share.php\
             ?url=https%3A%2F%2Fn.cn%2Fnews%2Fa%2F158efa5accffce1b\
             &title=%E9%99%87%E5%8E%BF%20%26%20%E5%AE%9D%E9%B8%A1%20%231%20%7C%20%22%E7%A4%BE%E7%81%AB%22\
             &pic=https%3A%2F%2Fn.cn%2Fnews%2Ffeed%2Fimages%2Fa.jpg"
        );
        assert!(card
            .qq_url()
            .contains("&summary=%E6%91%98%E8%A6%81%20a%3Db%26c&pics="));
        assert!(card
            .qzone_url()
            .starts_with("https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url="));
    }
}
