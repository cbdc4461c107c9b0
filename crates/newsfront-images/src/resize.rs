//! Resizing and cropping with `fast_image_resize` (Lanczos3, SIMD where the CPU has it).

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{PixelType, ResizeOptions, Resizer};

use crate::ImageError;

/// Pixels of one image: 3 (RGB) or 4 (RGBA) bytes each, rows top to bottom.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub pixels: &'a [u8],
    pub width: u32,
    pub height: u32,
    pub channels: usize,
}

/// `src` (or its `crop` region: left, top, width, height) resized to `width` × `height`.
pub fn resize(
    src: View<'_>,
    width: u32,
    height: u32,
    crop: Option<(u32, u32, u32, u32)>,
) -> Result<Vec<u8>, ImageError> {
    let pixel_type = if src.channels == 4 {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let error = |e: &dyn std::fmt::Display| ImageError::Decode(format!("resize: {e}"));
    let from =
        ImageRef::new(src.width, src.height, src.pixels, pixel_type).map_err(|e| error(&e))?;
    let mut to = Image::new(width, height, pixel_type);
    let mut options = ResizeOptions::new();
    if let Some((left, top, w, h)) = crop {
        options = options.crop(f64::from(left), f64::from(top), f64::from(w), f64::from(h));
    }
    Resizer::new()
        .resize(&from, &mut to, &options)
        .map_err(|e| error(&e))?;
    Ok(to.into_vec())
}
