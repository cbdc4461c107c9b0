//! A private copy of the built app whose feed a test rewrites (hostile feeds, injected markup),
//! served by its own [`Server`], and a detector for script execution and CSP violations.
//!
//! The copy keeps the dist's CSP meta tag, so a test sees exactly what the shipped policy
//! allows. The server reads files on each request: a test may rewrite a feed file between two
//! page loads without restarting anything.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::Value;

use crate::dist::copy_dir_where;
use crate::{require_browser_tools, Browser, BrowserOptions, Server};

/// sessionStorage key of the detector's record (survives reloads within a session).
const DETECTOR_KEY: &str = "newsfront-e2e-detector";

/// A temporary copy of a dist and a server on it. Field order is drop order.
pub struct ScratchSite {
    pub server: Server,
    dir: tempfile::TempDir,
}

impl ScratchSite {
    /// Copy `dist` (compressed feed siblings left out, so nothing stale is served) and serve it.
    pub fn new(dist: &Path) -> Result<ScratchSite> {
        require_browser_tools()?;
        let dir = tempfile::Builder::new()
            .prefix("newsfront-scratch-")
            .tempdir()?;
        // Precompressed twins would go stale once a test rewrites a feed file.
        copy_dir_where(dist, dir.path(), &|name| {
            !name.ends_with(".gz") && !name.ends_with(".br")
        })?;
        let server = Server::start(dir.path())?;
        Ok(ScratchSite { server, dir })
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `feed/{relative}` inside the copy.
    pub fn feed_path(&self, relative: &str) -> PathBuf {
        self.dir.path().join("feed").join(relative)
    }

    /// Replace (or create) `feed/{relative}` with these bytes, then bring the pages in line as a
    /// publish of that feed would ([`crate::dist::refresh_pages`]).
    pub fn write_feed(&self, relative: &str, bytes: impl AsRef<[u8]>) -> Result<()> {
        let path = self.feed_path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes.as_ref())
            .with_context(|| format!("write {}", path.display()))?;
        crate::dist::refresh_pages(self.dir.path())
    }

    pub fn write_feed_json(&self, relative: &str, value: &Value) -> Result<()> {
        self.write_feed(relative, serde_json::to_vec(value)?)
    }

    pub fn feed_json(&self, relative: &str) -> Result<Value> {
        crate::feed_json(self.dir.path(), relative)
    }

    /// Replace a string in `index.html` and the other pages (e.g. to widen `connect-src` for a
    /// comment server).
    pub fn edit_index(&self, from: &str, to: &str) -> Result<()> {
        for page in crate::dist::html_pages(self.dir.path())? {
            let html = std::fs::read_to_string(&page)?;
            anyhow::ensure!(html.contains(from), "{} has no {from:?}", page.display());
            std::fs::write(&page, html.replace(from, to))?;
        }
        Ok(())
    }

    /// A browser pointed at this site with [`install_detector`] already in place.
    pub fn browser(&self, options: BrowserOptions) -> Result<Browser> {
        let b = Browser::new(options.base_url(&self.server.base_url()))?;
        install_detector(&b)?;
        Ok(b)
    }
}

/// What the detector saw: calls of `window.__pwn(…)` (the function every injected payload
/// calls if it ever runs) and `securitypolicyviolation` events, each with the page's path.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Detected {
    pub ran: Vec<String>,
    pub csp: Vec<String>,
}

impl Detected {
    pub fn is_clean(&self) -> bool {
        self.ran.is_empty() && self.csp.is_empty()
    }
}

/// Before any page script, on every document of the session: define `window.__pwn` to record
/// a call, and record every CSP violation (installed through CDP, so the policy cannot block
/// the detector itself). Records live in sessionStorage and survive reloads.
pub fn install_detector(b: &Browser) -> Result<()> {
    let source = format!(
        "(() => {{\
           const key = '{DETECTOR_KEY}';\
           const load = () => JSON.parse(sessionStorage.getItem(key) || '{{\"ran\":[],\"csp\":[]}}');\
           const note = (field, what) => {{ const d = load(); d[field].push(what + ' at ' + location.pathname); sessionStorage.setItem(key, JSON.stringify(d)); }};\
           window.__pwn = what => note('ran', String(what));\
           addEventListener('securitypolicyviolation', e => note('csp', e.violatedDirective + ' blocked ' + e.blockedURI + ' sample ' + JSON.stringify(e.sample)), true);\
         }})();"
    );
    b.add_init_script(&source)
}

/// The detector's record so far.
pub fn detected(b: &Browser) -> Result<Detected> {
    let v = b.eval_js(&format!(
        "return JSON.parse(sessionStorage.getItem('{DETECTOR_KEY}') || '{{\"ran\":[],\"csp\":[]}}');"
    ))?;
    Ok(serde_json::from_value(v)?)
}

/// The page's one inline script, as the post-build step writes it (`newsfront-site`'s page.rs).
const EARLY_TAPS: &str = include_str!("../../../boot/early-taps.js");

/// Elements and attributes feed markup must never become, found in the live DOM: scripts
/// other than the app's own (its files, the early-taps recorder in the head, word for word, and
/// the page's inert `#nf-data` JSON), frames, objects, SVG and forms outside the app's own (share panel,
/// compose box, image placeholders, the search icon and box), inline event handlers, and links or sources with a scheme
/// other than http(s).
pub fn dangerous_dom(b: &Browser) -> Result<Vec<String>> {
    let v = b.eval_js(&format!(
        "const recorder = {};\
         const found = [];\
         for (const el of document.querySelectorAll('*')) {{\
           const tag = el.tagName.toLowerCase();\
           const data = el.id === 'nf-data' && el.type === 'application/json';\
           const ours = el.hasAttribute('data-nf-early-taps') && el.parentNode === document.head && el.text === recorder;\
           if (tag === 'script' && !data && !ours && !(el.src && new URL(el.src).origin === location.origin)) found.push('script: ' + el.outerHTML.slice(0, 80));\
           if (['iframe', 'object', 'embed', 'svg', 'math', 'form'].includes(tag) && !el.closest('.compose, .share-panel, .picture__ph, .site-header__search, .search-form')) found.push(tag + ': ' + el.outerHTML.slice(0, 80));\
           for (const a of el.attributes) {{\
             const n = a.name.toLowerCase(), v = a.value.trim().toLowerCase();\
             if (n.startsWith('on')) found.push(tag + ' [' + n + ']');\
             if ((n === 'href' || n === 'src' || n === 'action' || n === 'xlink:href') && /^[a-z][a-z0-9+.-]*:/.test(v) && !/^https?:/.test(v)) found.push(tag + ' ' + n + '=' + v.slice(0, 60));\
           }}\
         }}\
         return found;",
        serde_json::to_string(EARLY_TAPS.trim_end())?
    ))?;
    Ok(serde_json::from_value(v)?)
}
