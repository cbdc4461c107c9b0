//! The pages under comparison and their servers: Newsfront's dist with the static page beside
//! it, and the peer's two builds, each on its own nginx with the shipped config.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::Value;

use crate::nginx::{self, Nginx, STATIC_PREFIX};
use crate::{files, peer, static_page, SEED};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Variant {
    Newsfront,
    Static,
    Peer,
    PeerPrerendered,
}

impl Variant {
    pub const ALL: [Variant; 4] = [
        Variant::Newsfront,
        Variant::Static,
        Variant::Peer,
        Variant::PeerPrerendered,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Newsfront => "Newsfront",
            Variant::Static => "static page",
            Variant::Peer => "peer",
            Variant::PeerPrerendered => "peer-prerendered",
        }
    }

    /// Whether it is an app with in-app navigation and a 分享 control.
    pub fn is_app(self) -> bool {
        self != Variant::Static
    }

    pub fn is_peer(self) -> bool {
        matches!(self, Variant::Peer | Variant::PeerPrerendered)
    }

    /// The seed article's address on this variant's server.
    pub fn deep_link(self) -> String {
        match self {
            Variant::Static => format!("{STATIC_PREFIX}{SEED}.html"),
            _ => format!("/a/{SEED}"),
        }
    }

    /// JavaScript that is true once the app runs on the home page, so a list link is an in-app
    /// navigation: Newsfront's app has replaced the prerendered `#shell`; the peer marks
    /// `#app[data-ready]`.
    pub fn app_ready_js(self) -> &'static str {
        match self {
            Variant::Newsfront => {
                "document.documentElement.hasAttribute('data-nf-app-ready') \
                 && !document.getElementById('shell')"
            }
            _ => "!!document.querySelector('#app[data-ready]')",
        }
    }
}

/// The running servers; dropping it stops them.
pub struct Sites {
    servers: Vec<(Variant, String, Nginx)>,
    /// Newsfront's docroot: the dist plus the static page.
    pub docroot: PathBuf,
    /// The raw size of the static page's HTML (served gzipped).
    pub static_html_len: usize,
}

impl Sites {
    /// Copies the dist into `work/www` with the static page beside it, and the peer's builds
    /// (when given) into `work/peer*`, and serves each.
    pub fn start(
        work: &Path,
        dist: &Path,
        peer_out: Option<&Path>,
        article: &Value,
    ) -> Result<Sites> {
        let docroot = work.join("www");
        nginx::copy_dir(dist, &docroot)?;
        let static_dir = docroot.join(STATIC_PREFIX.trim_matches('/'));
        std::fs::create_dir_all(&static_dir)?;
        let static_html = static_page::render(article)?;
        std::fs::write(static_dir.join(format!("{SEED}.html")), &static_html)?;
        let newsfront = nginx::serve(&docroot)?;
        let mut servers = vec![(Variant::Newsfront, newsfront.base_url(), newsfront)];
        if let Some(out) = peer_out {
            let csp = newsfront_site::read_csp(dist)?;
            for v in [Variant::Peer, Variant::PeerPrerendered] {
                let server = peer::serve(work, out, v, &csp)?;
                servers.push((v, server.base_url(), server));
            }
        }
        Ok(Sites {
            servers,
            docroot,
            static_html_len: static_html.len(),
        })
    }

    /// The variants being measured, in the order each run visits them.
    pub fn variants(&self) -> Vec<Variant> {
        Variant::ALL
            .into_iter()
            .filter(|v| *v == Variant::Static || self.servers.iter().any(|s| s.0 == *v))
            .collect()
    }

    pub fn base(&self, v: Variant) -> &str {
        let v = if v == Variant::Static {
            Variant::Newsfront
        } else {
            v
        };
        self.servers
            .iter()
            .find(|s| s.0 == v)
            .map(|s| s.1.as_str())
            .expect("only measured variants are asked for")
    }
}

/// The seed article's first paragraph, as each page must show it.
pub fn first_paragraph(article: &Value) -> String {
    article["body"][0]["spans"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The seed article, read from the dist's feed.
pub fn seed_article(dist: &Path) -> Result<Value> {
    files::read_json(&dist.join(format!("feed/articles/{SEED}.json")))
}
