//! Encoders: lossy WebP (libwebp), progressive JPEG (`jpeg-encoder`), PNG (`image`). Each
//! writes pixels and the format's own headers only, never metadata.

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};
use jpeg_encoder::{ColorType, Encoder as JpegEncoder, SamplingFactor};

use crate::resize::View;
use crate::ImageError;

/// Lossy WebP, with the alpha channel when there is one.
pub fn webp(v: View<'_>, quality: f32) -> Result<Vec<u8>, ImageError> {
    let encoder = if v.channels == 4 {
        webp::Encoder::from_rgba(v.pixels, v.width, v.height)
    } else {
        webp::Encoder::from_rgb(v.pixels, v.width, v.height)
    };
    let mut config = webp::WebPConfig::new()
        .map_err(|()| ImageError::Encode("libwebp refused its default configuration".into()))?;
    config.quality = quality;
    // 4 of 0..=6: libwebp's default balance of size and speed.
    config.method = 4;
    encoder
        .encode_advanced(&config)
        .map(|m| m.to_vec())
        .map_err(|e| ImageError::Encode(format!("WebP: {e:?}")))
}

/// Progressive baseline-compatible JPEG, 4:2:0, optimised Huffman tables; RGBA is flattened
/// onto white first.
pub fn jpeg(v: View<'_>, quality: u8) -> Result<Vec<u8>, ImageError> {
    let rgb;
    let pixels = if v.channels == 4 {
        rgb = flatten(v.pixels);
        &rgb
    } else {
        v.pixels
    };
    let side = |s: u32| {
        u16::try_from(s).map_err(|_| ImageError::Encode(format!("JPEG: {s} px is too wide")))
    };
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new(&mut out, quality);
    encoder.set_progressive(true);
    encoder.set_optimized_huffman_tables(true);
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    encoder
        .encode(pixels, side(v.width)?, side(v.height)?, ColorType::Rgb)
        .map_err(|e| ImageError::Encode(format!("JPEG: {e}")))?;
    Ok(out)
}

/// Lossless PNG.
pub fn png(v: View<'_>) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    let color = if v.channels == 4 {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
        .write_image(v.pixels, v.width, v.height, color)
        .map_err(|e| ImageError::Encode(format!("PNG: {e}")))?;
    Ok(out)
}

/// RGBA over a white page → RGB.
pub fn flatten(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
    for p in rgba.chunks_exact(4) {
        let a = u32::from(p[3]);
        for &c in &p[..3] {
            out.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_onto_white() {
        assert_eq!(
            flatten(&[0, 0, 0, 0, 10, 20, 30, 255, 0, 0, 0, 128]),
            [255, 255, 255, 10, 20, 30, 127, 127, 127]
        );
    }
}
