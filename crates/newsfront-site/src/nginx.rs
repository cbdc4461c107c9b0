//! The shipped nginx server config (deploy/nginx/newsfront.conf.template) rendered for a docroot,
//! a public URL, a listen address and the site's policy.

use anyhow::{bail, Result};

/// The template, compiled in so the tool needs no source tree at run time.
pub const TEMPLATE: &str = include_str!("../../../deploy/nginx/newsfront.conf.template");

pub struct NginxSite<'a> {
    /// The folder that holds the app at the public URL (DOCROOT/news/index.html).
    pub docroot: &'a str,
    /// `/` or `/news/`.
    pub public_url: &'a str,
    pub listen: &'a str,
    pub csp: &'a str,
}

pub fn render(site: &NginxSite) -> Result<String> {
    let url = site.public_url;
    if !(url.starts_with('/') && url.ends_with('/')) {
        bail!("--public-url must start and end with '/': {url:?}");
    }
    if site.csp.contains('"') {
        bail!("the policy contains a '\"', which would end nginx's quoted header value");
    }
    let mut text = TEMPLATE.to_string();
    for (key, value) in [
        ("@LISTEN@", site.listen.to_string()),
        ("@DOCROOT@", site.docroot.to_string()),
        ("@PUBLIC_URL@", url.to_string()),
        ("@PUBLIC_URL_RE@", regex_escape(url)),
        ("@CSP@", site.csp.to_string()),
    ] {
        text = text.replace(key, &value);
    }
    Ok(text)
}

/// Escapes what is special in a PCRE pattern (nginx's regex locations).
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.^$|?*+()[]{}-#&~ ".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        let conf = render(&NginxSite {
            docroot: "/srv/www",
            public_url: "/news.v2/",
            listen: "127.0.0.1:8080",
            csp: "default-src 'none'",
        })
        .unwrap();
        assert!(!conf.contains('@'), "a placeholder is left");
        assert!(conf.contains("root /srv/www;"));
        assert!(conf.contains("listen 127.0.0.1:8080;"));
        assert!(conf.contains("location /news.v2/ {"));
        assert!(conf.contains("^/news\\.v2/"));
        assert!(conf.contains("\"default-src 'none'; frame-ancestors 'self'\""));
    }

    #[test]
    fn a_public_url_without_slashes_is_refused() {
        let site = NginxSite {
            docroot: "/srv",
            public_url: "news",
            listen: "80",
            csp: "",
        };
        assert!(render(&site).is_err());
    }
}
