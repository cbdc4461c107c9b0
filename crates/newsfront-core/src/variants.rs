//! Resized copies of an image and how a page picks among them: `<picture>` sources with
//! srcsets, the largest copy for the lightbox, the copy for share cards.

use serde::Serialize;

use crate::{paths, Image};

/// The list thumbnail's box in CSS pixels. `thumb` copies are cropped to its shape at 1× and
/// 2×; `.article-list__cover` in style/app.css draws the same box.
pub const THUMB_BOX: (u32, u32) = (112, 74);

/// Types every browser decodes: copies of these go on the `<img>` itself, the others into
/// `<source type>` elements a browser skips when it cannot decode them.
const UNIVERSAL_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/gif"];

/// The resized copies of one image. All are optional: a feed without them still works.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ImageVariants {
    /// The whole picture at several widths (same shape as the image), preferred type first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scaled: Vec<Variant>,
    /// Cropped to [`THUMB_BOX`]'s shape, for lists.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thumb: Vec<Variant>,
    /// About 1200 px wide and small, for share cards (og:image, WeChat).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Variant>,
}

impl ImageVariants {
    pub fn is_empty(&self) -> bool {
        self.scaled.is_empty() && self.thumb.is_empty() && self.share.is_none()
    }
}

/// One encoded copy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Variant {
    /// Relative to the feed root, or an http(s) URL.
    pub src: String,
    /// MIME type, e.g. `image/webp`.
    #[serde(rename = "type")]
    pub mime: String,
    pub width: u32,
    pub height: u32,
}

/// What a `<picture>` needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PictureSources {
    /// `(type, srcset)` for one `<source>` each, preferred first.
    pub sources: Vec<(String, String)>,
    /// The `<img>`'s own srcset (JPEG, PNG or GIF copies); `None`: the `<img>` has `src` only.
    pub img_srcset: Option<String>,
}

/// Groups copies by type (in the order the types first appear), each srcset narrowest first.
pub fn picture_sources(variants: &[Variant]) -> PictureSources {
    let mut groups: Vec<(&str, Vec<&Variant>)> = Vec::new();
    for v in variants {
        match groups.iter_mut().find(|(mime, _)| *mime == v.mime) {
            Some((_, list)) => list.push(v),
            None => groups.push((&v.mime, vec![v])),
        }
    }
    let mut out = PictureSources::default();
    for (mime, mut list) in groups {
        list.sort_by_key(|v| v.width);
        let srcset = list
            .iter()
            .map(|v| format!("{} {}w", paths::image(&v.src), v.width))
            .collect::<Vec<_>>()
            .join(", ");
        if out.img_srcset.is_none() && UNIVERSAL_TYPES.contains(&mime) {
            out.img_srcset = Some(srcset);
        } else {
            out.sources.push((mime.to_owned(), srcset));
        }
    }
    out
}

impl Image {
    /// Every source of the image: `src` and each copy's (for a policy's `img-src`).
    pub fn all_srcs(&self) -> impl Iterator<Item = &str> {
        let v = &self.variants;
        std::iter::once(self.src.as_str()).chain(
            v.scaled
                .iter()
                .chain(&v.thumb)
                .chain(&v.share)
                .map(|c| c.src.as_str()),
        )
    }

    /// The source for share cards: the `share` copy, else `src`.
    pub fn share_src(&self) -> &str {
        self.variants.share.as_ref().map_or(&self.src, |v| &v.src)
    }

    /// The widest copy (the first listed among equals, so the preferred type), or `src` when
    /// nothing is wider: what the lightbox shows.
    pub fn largest_src(&self) -> &str {
        let mut best = (self.width, self.src.as_str());
        for v in &self.variants.scaled {
            if v.width > best.0 || (v.width == best.0 && best.1 == self.src) {
                best = (v.width, &v.src);
            }
        }
        best.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(src: &str, mime: &str, width: u32) -> Variant {
        Variant {
            src: src.into(),
            mime: mime.into(),
            width,
            height: width / 2,
        }
    }

    #[test]
    fn webp_becomes_a_source_and_jpeg_stays_on_the_img() {
        let list = [
            v("images/a.720.webp", "image/webp", 720),
            v("images/a.360.webp", "image/webp", 360),
            v("images/a.360.jpg", "image/jpeg", 360),
            v("https://cdn.example/a.720.jpg", "image/jpeg", 720),
        ];
        let p = picture_sources(&list);
        assert_eq!(
            p.sources,
            [(
                "image/webp".to_string(),
                "feed/images/a.360.webp 360w, feed/images/a.720.webp 720w".to_string()
            )]
        );
        assert_eq!(
            p.img_srcset.as_deref(),
            Some("feed/images/a.360.jpg 360w, https://cdn.example/a.720.jpg 720w")
        );
        // Unknown future types are sources too: a browser skips what it cannot decode.
        let p = picture_sources(&[v("images/a.avif", "image/avif", 360)]);
        assert_eq!(p.sources.len(), 1);
        assert_eq!(p.img_srcset, None);
        assert_eq!(picture_sources(&[]), PictureSources::default());
    }

    #[test]
    fn largest_and_share_sources() {
        let mut image = Image::plain("images/a.jpg", 1600, 900);
        assert_eq!(image.largest_src(), "images/a.jpg");
        assert_eq!(image.share_src(), "images/a.jpg");
        image.variants.scaled = vec![
            v("images/a.360.webp", "image/webp", 360),
            v("images/a.1600.webp", "image/webp", 1600),
            v("images/a.1600.jpg", "image/jpeg", 1600),
        ];
        assert_eq!(image.largest_src(), "images/a.1600.webp");
        image.width = 4000;
        assert_eq!(image.largest_src(), "images/a.jpg");
        image.variants.share = Some(v("images/a.share.jpg", "image/jpeg", 1200));
        assert_eq!(image.share_src(), "images/a.share.jpg");
    }
}
