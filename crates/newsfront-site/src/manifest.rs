//! Installing the site: the web app manifest (`manifest.webmanifest`, linked from every page) and
//! its icons, made from the site's logo at 192 and 512 px (`icon-{side}-{hash}.png`) with
//! newsfront-images. Name and scope come from site.json and the public URL, colours from the
//! design tokens (style/tokens.css as the pages carry it), so each stays in one place.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use newsfront_core::{image_file_path, Site};
use serde_json::json;

use crate::hash::short_hex;

/// The manifest's file name: stable, because browsers know an installed site by it.
pub const MANIFEST: &str = "manifest.webmanifest";
/// The icon sides the manifest lists (what Chromium's install check and Android ask for).
pub const ICON_SIDES: [u32; 2] = [192, 512];
/// Longest `short_name` shown under a home-screen icon, in characters.
const SHORT_NAME: usize = 12;

/// The colours the manifest and the `theme-color` meta tag need, read from the tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct Tokens {
    /// `--color-brand`: the header bar, and the browser's toolbar.
    pub brand: String,
    /// `--color-bg`: the splash screen's background.
    pub background: String,
}

impl Tokens {
    /// From the first stylesheet that defines `--color-brand` (tokens.css comes first): the
    /// light theme's values, as the `:root` block states them first.
    pub fn read(stylesheets: &[&str]) -> Result<Tokens> {
        let Some(css) = stylesheets.iter().find(|s| s.contains("--color-brand:")) else {
            bail!("no stylesheet defines --color-brand (style/tokens.css)");
        };
        Ok(Tokens {
            brand: colour(css, "--color-brand")?,
            background: colour(css, "--color-bg")?,
        })
    }
}

/// The first `name: #rrggbb;` in `css`; only hex colours, so the value is safe in JSON and HTML.
fn colour(css: &str, name: &str) -> Result<String> {
    let key = format!("{name}:");
    let value = css
        .split_once(&key)
        .and_then(|(_, rest)| rest.split_once(';'))
        .map(|(v, _)| v.trim())
        .with_context(|| format!("style/tokens.css does not define {name}"))?;
    let hex = value.strip_prefix('#').unwrap_or_default();
    if !matches!(hex.len(), 3 | 6) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("style/tokens.css: {name} is {value:?}; the manifest needs a #rrggbb colour");
    }
    Ok(value.to_ascii_lowercase())
}

/// What [`write`] wrote.
#[derive(Debug, Default, PartialEq)]
pub struct Installable {
    /// The icon files, by side; empty when the site has no logo the build can read.
    pub icons: Vec<String>,
    /// Why there are no icons, for the build's log.
    pub warning: Option<String>,
}

/// Writes the icons and the manifest into `dist` for the site at `public_url`.
pub fn write(dist: &Path, site: &Site, public_url: &str, tokens: &Tokens) -> Result<Installable> {
    let mut made = Installable::default();
    match logo(dist, site)? {
        Ok(decoded) => {
            for side in ICON_SIDES {
                let png = newsfront_images::icon(&decoded, side)
                    .map_err(|e| anyhow::anyhow!("the site's logo {e}"))?;
                let name = format!("icon-{side}-{}.png", short_hex(&png));
                fs::write(dist.join(&name), &png)
                    .with_context(|| format!("writing {}", dist.join(&name).display()))?;
                made.icons.push(name);
            }
        }
        Err(why) => {
            made.warning = Some(format!(
                "{why}: the manifest has no icons, so browsers do not offer to install the site"
            ))
        }
    }
    let text = manifest(site, public_url, tokens, &made.icons);
    let path = dist.join(MANIFEST);
    fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok(made)
}

/// The manifest's JSON. Icon sources are relative to the manifest, so they follow the public URL.
pub fn manifest(site: &Site, public_url: &str, tokens: &Tokens, icons: &[String]) -> String {
    let short: String = site.name.chars().take(SHORT_NAME).collect();
    let icons: Vec<_> = icons
        .iter()
        .zip(ICON_SIDES)
        .map(|(src, side)| {
            json!({ "src": src, "sizes": format!("{side}x{side}"), "type": "image/png", "purpose": "any" })
        })
        .collect();
    let value = json!({
        "id": public_url,
        "name": site.name,
        "short_name": short,
        "description": site.description,
        "lang": "zh-CN",
        "start_url": public_url,
        "scope": public_url,
        "display": "standalone",
        "theme_color": tokens.brand,
        "background_color": tokens.background,
        "icons": icons,
    });
    serde_json::to_string_pretty(&value).expect("a JSON value") + "\n"
}

/// The site's logo decoded, or why there is none to make icons from. A logo the feed build
/// accepted but that cannot be read now is an error: the dist is broken.
fn logo(dist: &Path, site: &Site) -> Result<Result<newsfront_images::Decoded, String>> {
    let Some(src) = &site.logo else {
        return Ok(Err("site.json has no logo".into()));
    };
    let Some(file) = image_file_path(src) else {
        return Ok(Err(format!(
            "the site's logo {src} is on another host, which the build does not fetch"
        )));
    };
    let path = dist.join("feed").join(&file);
    let bytes =
        fs::read(&path).with_context(|| format!("reading the site's logo {}", path.display()))?;
    let decoded = newsfront_images::decode(&bytes)
        .map_err(|e| anyhow::anyhow!("the site's logo {} {e}", path.display()))?;
    Ok(Ok(decoded))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKENS: &str = ":root {\n  --color-brand: #B3121B;\n  --color-bg: #f5f5f4;\n}\n\
        @media (prefers-color-scheme: dark) { :root { --color-brand: #d23b43; --color-bg: #111113; } }";

    #[test]
    fn colours_come_from_the_first_definition_in_the_tokens() {
        let t = Tokens::read(&["body{}", TOKENS]).unwrap();
        assert_eq!(t.brand, "#b3121b");
        assert_eq!(t.background, "#f5f5f4");
    }

    #[test]
    fn a_missing_or_odd_token_is_refused() {
        assert!(Tokens::read(&["body{}"]).is_err());
        let err = Tokens::read(&[":root{--color-brand: red; --color-bg: #fff;}"]).unwrap_err();
        assert!(
            err.to_string().contains("--color-brand is \"red\""),
            "{err}"
        );
        assert!(Tokens::read(&[":root{--color-brand: #fff;}"]).is_err());
    }
}
