//! Canonical URLs of pages, share links for Weibo, QQ and Qzone, and the hosts the WeChat
//! JS-SDK may come from.

use crate::link::is_http_url;
use crate::paths::FEED_ROOT;
use crate::percent::encode_uri_component as enc;
use crate::{routes, ArticleId, Slug};

fn with_slash(base_url: &str) -> String {
    let mut b = base_url.to_owned();
    if !b.ends_with('/') {
        b.push('/');
    }
    b
}

/// The hosts that serve WeChat's official JS-SDK (`/open/js/jweixin-1.6.0.js`; `res2` is
/// WeChat's documented fallback), always over https. The SDK runs as script in the reader's
/// page, so a feed may not name any other host: `site.json` would otherwise decide which
/// script runs.
pub const WECHAT_SDK_HOSTS: [&str; 2] = ["res.wx.qq.com", "res2.wx.qq.com"];

/// The origin (`https://res.wx.qq.com`) of a JS-SDK URL on one of [`WECHAT_SDK_HOSTS`], which a
/// Content-Security-Policy's `script-src` then allows; otherwise why the URL is refused. Every
/// consumer (validation, the app, the CSP step) asks this one function.
pub fn wechat_sdk_origin(sdk_url: &str) -> Result<String, String> {
    let refuse = |why: &str| {
        Err(format!(
            "{} {why}; the WeChat JS-SDK is loaded only from https://{} or https://{}",
            crate::error::quote(sdk_url),
            WECHAT_SDK_HOSTS[0],
            WECHAT_SDK_HOSTS[1]
        ))
    };
    if sdk_url.len() > crate::limits::URL || crate::link::has_bad_chars(sdk_url) {
        return refuse("is not a plain URL");
    }
    let Some(rest) = sdk_url
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .map(|_| &sdk_url[8..])
    else {
        return refuse("is not an https URL");
    };
    let (host, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    if !path.starts_with('/') {
        return refuse("has no path to the script");
    }
    match WECHAT_SDK_HOSTS
        .iter()
        .find(|h| h.eq_ignore_ascii_case(host))
    {
        Some(h) => Ok(format!("https://{h}")),
        None => refuse("is not on an official WeChat host"),
    }
}

/// `{base_url}a/{id}`: the address of an article page in the app.
pub fn canonical_article_url(site_base_url: &str, id: &ArticleId) -> String {
    routes::canonical(site_base_url, &routes::article(id))
}

/// `{base_url}c/{slug}`: the address of a category page in the app.
pub fn canonical_category_url(site_base_url: &str, slug: &Slug) -> String {
    routes::canonical(site_base_url, &routes::category(slug))
}

/// An absolute URL for an image `src` (share cards need one): http(s) srcs as they are,
/// relative ones under `{base_url}feed/`.
pub fn resolve_image_url(site_base_url: &str, src: &str) -> String {
    if is_http_url(src) {
        src.to_owned()
    } else {
        format!(
            "{}{FEED_ROOT}{}",
            with_slash(site_base_url),
            src.trim_start_matches('/')
        )
    }
}

/// `https://service.weibo.com/share/share.php?url=…&title=…&pic=…` (`pic` left out when `None`).
pub fn share_url_weibo(url: &str, title: &str, pic: Option<&str>) -> String {
    let mut s = format!(
        "https://service.weibo.com/share/share.php?url={}&title={}",
        enc(url),
        enc(title)
    );
    if let Some(pic) = pic {
        s.push_str("&pic=");
        s.push_str(&enc(pic));
    }
    s
}

/// `https://connect.qq.com/widget/shareqq/index.html?url=…&title=…&summary=…&pics=…`.
pub fn share_url_qq(url: &str, title: &str, summary: &str, pic: Option<&str>) -> String {
    tencent(
        "https://connect.qq.com/widget/shareqq/index.html",
        url,
        title,
        summary,
        pic,
    )
}

/// `https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=…&title=…&summary=…&pics=…`.
pub fn share_url_qzone(url: &str, title: &str, summary: &str, pic: Option<&str>) -> String {
    tencent(
        "https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey",
        url,
        title,
        summary,
        pic,
    )
}

fn tencent(endpoint: &str, url: &str, title: &str, summary: &str, pic: Option<&str>) -> String {
    let mut s = format!(
        "{endpoint}?url={}&title={}&summary={}",
        enc(url),
        enc(title),
        enc(summary)
    );
    if let Some(pic) = pic {
        s.push_str("&pics=");
        s.push_str(&enc(pic));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://news.example.cn/";

    #[test]
    fn canonical_urls() {
        let id = ArticleId::parse("158efa5accffce1b").unwrap();
        assert_eq!(
            canonical_article_url(BASE, &id),
            "https://news.example.cn/a/158efa5accffce1b"
        );
        assert_eq!(
            canonical_article_url("https://x.cn/news", &id),
            "https://x.cn/news/a/158efa5accffce1b"
        );
        let slug = Slug::parse("lzsh").unwrap();
        assert_eq!(
            canonical_category_url(BASE, &slug),
            "https://news.example.cn/c/lzsh"
        );
        assert_eq!(
            resolve_image_url(BASE, "images/a.jpg"),
            "https://news.example.cn/feed/images/a.jpg"
        );
        assert_eq!(
            resolve_image_url(BASE, "https://i.cn/a.jpg"),
            "https://i.cn/a.jpg"
        );
    }

    #[test]
    fn share_links_encode_every_value() {
        let url = "https://news.example.cn/a/x1";
        let title = "陇县 & 宝鸡 #1 | \"社火\" 'ok' ？！《》";
        let enc_url = "https%3A%2F%2Fnews.example.cn%2Fa%2Fx1";
        let enc_title = "%E9%99%87%E5%8E%BF%20%26%20%E5%AE%9D%E9%B8%A1%20%231%20%7C%20\
                         %22%E7%A4%BE%E7%81%AB%22%20'ok'%20%EF%BC%9F%EF%BC%81%E3%80%8A%E3%80%8B";
        assert_eq!(
            share_url_weibo(url, title, None),
            format!("https://service.weibo.com/share/share.php?url={enc_url}&title={enc_title}")
        );
        assert_eq!(
            share_url_weibo(url, "t", Some("https://i.cn/a b.jpg")),
            format!("https://service.weibo.com/share/share.php?url={enc_url}&title=t&pic=https%3A%2F%2Fi.cn%2Fa%20b.jpg")
        );
        assert_eq!(
            share_url_qq(url, title, "a=b&c", Some("https://i.cn/p.png")),
            format!(
                "https://connect.qq.com/widget/shareqq/index.html?url={enc_url}&title={enc_title}\
                 &summary=a%3Db%26c&pics=https%3A%2F%2Fi.cn%2Fp.png"
            )
        );
        assert_eq!(
            share_url_qzone(url, "t", "s", None),
            format!("https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url={enc_url}&title=t&summary=s")
        );
    }

    #[test]
    fn wechat_sdk_only_from_official_hosts_over_https() {
        assert_eq!(
            wechat_sdk_origin("https://res.wx.qq.com/open/js/jweixin-1.6.0.js").as_deref(),
            Ok("https://res.wx.qq.com")
        );
        assert_eq!(
            wechat_sdk_origin("HTTPS://RES2.wx.qq.com/open/js/jweixin-1.6.0.js").as_deref(),
            Ok("https://res2.wx.qq.com")
        );
        for bad in [
            "http://res.wx.qq.com/open/js/jweixin-1.6.0.js",
            "https://evil.example/jweixin.js",
            "https://res.wx.qq.com.evil.example/x.js",
            "https://res.wx.qq.com@evil.example/x.js",
            "https://evil.example/?res.wx.qq.com/x.js",
            "https://res.wx.qq.com:444/x.js",
            "https://res.wx.qq.com",
            "//res.wx.qq.com/x.js",
            "https://res.wx.qq.com\\@evil.example/x.js",
            "javascript:alert(1)",
        ] {
            let e = wechat_sdk_origin(bad).unwrap_err();
            assert!(e.contains("only from https://res.wx.qq.com"), "{bad}: {e}");
        }
    }
}
