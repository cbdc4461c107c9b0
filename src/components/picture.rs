//! One feed image as a `<picture>`: WebP (and any other) copies as `<source>`s, the JPEG copies
//! on the `<img>`, its intrinsic size always set (no layout shift) and its placeholder colour
//! painted in its box until it arrives. Rendered natively by the prerenderer too.

use leptos::prelude::*;
use newsfront_core::{paths, variants::picture_sources, Image, Variant};

/// `sizes` of an article body image: the column (`--column`, 720px, in style/tokens.css) less
/// the article's padding (`--space-4` on each side, `--space-6` from 768px on; style/app.css).
pub const BODY_SIZES: &str =
    "(min-width: 768px) 656px, (min-width: 720px) 688px, calc(100vw - 32px)";

/// How soon the image loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loading {
    /// The page's lead image on the first screen: at once, before other images.
    Lead,
    /// On the first screen: at once.
    Eager,
    /// Further down: when scrolled near.
    Lazy,
}

/// The `<picture>` of `image` with `variants` (its `scaled` or its `thumb` copies) and, when
/// the image has one, its placeholder: an inline SVG rectangle, because the Content-Security-
/// Policy allows no inline style while SVG's `fill` is an attribute.
pub fn picture(
    image: &Image,
    variants: &[Variant],
    sizes: &'static str,
    img_class: &'static str,
    loading: Loading,
) -> impl IntoView {
    let sources = picture_sources(variants);
    let sizes = (!variants.is_empty()).then_some(sizes);
    let placeholder = image.placeholder.clone().map(|fill| {
        view! {
            <svg class="picture__ph" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
                <rect width="1" height="1" fill=fill/>
            </svg>
        }
    });
    let source_views = sources
        .sources
        .into_iter()
        .map(|(mime, srcset)| view! { <source type=mime srcset=srcset sizes=sizes/> })
        .collect_view();
    view! {
        {placeholder}
        <picture>
            {source_views}
            <img class=format!("picture__img {img_class}") src=paths::image(&image.src)
                srcset=sources.img_srcset sizes=sizes alt=image.alt.clone()
                width=image.width height=image.height
                loading=if loading == Loading::Lazy { "lazy" } else { "eager" }
                fetchpriority=(loading == Loading::Lead).then_some("high")
                decoding="async"/>
        </picture>
    }
}
