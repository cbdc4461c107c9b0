//! App icons from a site's logo: square PNGs of a given side (the web app manifest asks for 192
//! and 512 px), the logo fitted into the middle and the rest transparent.

use crate::encode;
use crate::resize::{resize, View};
use crate::{Decoded, ImageError};

/// Share of the side the logo may take: platforms that crop icons to a circle keep the middle
/// 80 %, so nothing of the logo is cut off there either.
const LOGO_SHARE: f64 = 0.8;

/// Largest icon side made; manifests ask for 512 px at most.
pub const MAX_ICON_SIDE: u32 = 1024;

/// A `side` × `side` RGBA PNG with `d` scaled (up or down, keeping its shape) to fit the middle.
pub fn icon(d: &Decoded, side: u32) -> Result<Vec<u8>, ImageError> {
    if side == 0 || side > MAX_ICON_SIDE {
        return Err(ImageError::Encode(format!(
            "an icon of {side} px: the side must be 1..={MAX_ICON_SIDE}"
        )));
    }
    let room = (f64::from(side) * LOGO_SHARE).round().max(1.0);
    let scale = room / f64::from(d.width.max(d.height));
    let fit = |s: u32| ((f64::from(s) * scale).round() as u32).clamp(1, side);
    let (w, h) = (fit(d.width), fit(d.height));
    let ch = d.channels();
    let source = View {
        pixels: &d.pixels,
        width: d.width,
        height: d.height,
        channels: ch,
    };
    let logo = if (w, h) == (d.width, d.height) {
        d.pixels.clone()
    } else {
        resize(source, w, h, None)?
    };
    let mut canvas = vec![0u8; side as usize * side as usize * 4];
    let (left, top) = ((side - w) as usize / 2, (side - h) as usize / 2);
    for y in 0..h as usize {
        for x in 0..w as usize {
            let from = &logo[(y * w as usize + x) * ch..][..ch];
            let at = ((top + y) * side as usize + left + x) * 4;
            canvas[at..at + 3].copy_from_slice(&from[..3]);
            canvas[at + 3] = if ch == 4 { from[3] } else { 255 };
        }
    }
    encode::png(View {
        pixels: &canvas,
        width: side,
        height: side,
        channels: 4,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logo(width: u32, height: u32) -> Decoded {
        Decoded {
            width,
            height,
            alpha: false,
            pixels: [200u8, 20, 30].repeat((width * height) as usize),
        }
    }

    fn pixels(png: &[u8]) -> (u32, u32, Vec<u8>) {
        let d = crate::decode(png).unwrap();
        let rgba = if d.alpha {
            d.pixels
        } else {
            d.pixels
                .chunks_exact(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect()
        };
        (d.width, d.height, rgba)
    }

    #[test]
    fn a_small_wide_logo_fills_the_middle_of_a_large_square() {
        let (w, h, px) = pixels(&icon(&logo(96, 48), 512).unwrap());
        assert_eq!((w, h), (512, 512));
        let at = |x: usize, y: usize| &px[(y * 512 + x) * 4..][..4];
        assert_eq!(at(0, 0)[3], 0, "the corners are transparent");
        assert_eq!(at(256, 256), [200, 20, 30, 255], "the middle is the logo");
        // 80 % of 512 is 410 px wide, so the logo ends about 51 px from each side.
        assert_eq!(at(60, 256)[3], 255);
        assert_eq!(at(40, 256)[3], 0);
        // Half as high: 205 px around the middle row.
        assert_eq!(at(256, 140)[3], 0);
        assert_eq!(at(256, 170)[3], 255);
    }

    #[test]
    fn a_large_logo_is_scaled_down_and_impossible_sides_are_refused() {
        let (w, h, _) = pixels(&icon(&logo(1000, 1000), 192).unwrap());
        assert_eq!((w, h), (192, 192));
        assert!(icon(&logo(10, 10), 0).is_err());
        assert!(icon(&logo(10, 10), 4096).is_err());
    }
}
