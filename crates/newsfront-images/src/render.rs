//! Making the planned copies from decoded pixels: one downscale to the widest size needed,
//! every smaller copy from that, then the encoders.

use crate::encode;
use crate::plan::{crop_to_shape, Codec, OutputKind, OutputSpec, Settings};
use crate::resize::{resize, View};
use crate::{Decoded, ImageError};

/// One encoded copy; `spec` holds its real size (the share copy may be narrower than planned).
pub struct Output {
    pub spec: OutputSpec,
    pub bytes: Vec<u8>,
}

/// JPEG qualities tried, in order, until the share copy fits its byte budget.
const SHARE_QUALITIES: [u8; 6] = [82, 74, 66, 58, 50, 42];

/// Encodes every spec of [`crate::plan`] for `d`.
pub fn render(d: &Decoded, specs: &[OutputSpec], s: &Settings) -> Result<Vec<Output>, ImageError> {
    let full = View {
        pixels: &d.pixels,
        width: d.width,
        height: d.height,
        channels: d.channels(),
    };
    // Everything but the logo comes from one copy at the widest size needed: resizing a
    // 5640 px photo once, not once per copy.
    let widest = specs
        .iter()
        .filter(|o| o.kind != OutputKind::Logo)
        .map(|o| match o.kind {
            OutputKind::Thumb => d.width.min(o.width * 4),
            _ => o.width,
        })
        .max();
    let base_pixels;
    let base = match widest {
        Some(w) if w < d.width => {
            let h =
                ((f64::from(d.height) * f64::from(w) / f64::from(d.width)).round() as u32).max(1);
            base_pixels = resize(full, w, h, None)?;
            View {
                pixels: &base_pixels,
                width: w,
                height: h,
                channels: full.channels,
            }
        }
        _ => full,
    };
    specs
        .iter()
        .map(|spec| render_one(full, base, *spec, s))
        .collect()
}

fn render_one(
    full: View<'_>,
    base: View<'_>,
    spec: OutputSpec,
    s: &Settings,
) -> Result<Output, ImageError> {
    if spec.kind == OutputKind::Logo {
        return Ok(Output {
            spec,
            bytes: encode::png(full)?,
        });
    }
    if spec.kind == OutputKind::Share {
        return share(base, spec, s);
    }
    let crop = (spec.kind == OutputKind::Thumb).then(|| {
        let (w, h) = crop_to_shape(base.width, base.height, (spec.width, spec.height));
        ((base.width - w) / 2, (base.height - h) / 2, w, h)
    });
    let pixels = sized(base, spec.width, spec.height, crop)?;
    let view = View {
        pixels: &pixels,
        width: spec.width,
        height: spec.height,
        channels: base.channels,
    };
    let bytes = match spec.codec {
        Codec::WebP => encode::webp(view, s.webp_quality)?,
        Codec::Jpeg => encode::jpeg(view, s.jpeg_quality)?,
        Codec::Png => encode::png(view)?,
    };
    Ok(Output { spec, bytes })
}

/// The share JPEG: lower quality, then a narrower copy, until it fits `share_max_bytes`.
fn share(base: View<'_>, mut spec: OutputSpec, s: &Settings) -> Result<Output, ImageError> {
    loop {
        let pixels = sized(base, spec.width, spec.height, None)?;
        let view = View {
            pixels: &pixels,
            width: spec.width,
            height: spec.height,
            channels: base.channels,
        };
        let mut last = Vec::new();
        for q in SHARE_QUALITIES {
            last = encode::jpeg(view, q)?;
            if last.len() <= s.share_max_bytes {
                return Ok(Output { spec, bytes: last });
            }
        }
        if spec.width <= 200 {
            return Ok(Output { spec, bytes: last });
        }
        spec.width = spec.width * 4 / 5;
        spec.height = ((f64::from(base.height) * f64::from(spec.width) / f64::from(base.width))
            .round() as u32)
            .max(1);
    }
}

/// `v` at `width` × `height` (a copy even when the size is unchanged and nothing is cropped).
fn sized(
    v: View<'_>,
    width: u32,
    height: u32,
    crop: Option<(u32, u32, u32, u32)>,
) -> Result<Vec<u8>, ImageError> {
    if crop.is_none() && (width, height) == (v.width, v.height) {
        return Ok(v.pixels.to_vec());
    }
    resize(v, width, height, crop)
}

/// The average colour, `[r, g, b]`, over a grid of about 4 000 pixels (transparent parts
/// count as the white page).
pub fn placeholder(d: &Decoded) -> [u8; 3] {
    let ch = d.channels();
    let step = ((u64::from(d.width) * u64::from(d.height) / 4_000).max(1) as f64)
        .sqrt()
        .max(1.0) as usize;
    let (mut sum, mut n) = ([0u64; 3], 0u64);
    for y in (0..d.height as usize).step_by(step) {
        let row = &d.pixels[y * d.width as usize * ch..(y + 1) * d.width as usize * ch];
        for x in (0..d.width as usize).step_by(step) {
            let p = &row[x * ch..x * ch + ch];
            let rgb = if ch == 4 {
                let f = encode::flatten(p);
                [f[0], f[1], f[2]]
            } else {
                [p[0], p[1], p[2]]
            };
            for (s, c) in sum.iter_mut().zip(rgb) {
                *s += u64::from(c);
            }
            n += 1;
        }
    }
    sum.map(|s| (s / n.max(1)) as u8)
}
