//! Recognising, checking and decoding a source image into oriented 8-bit RGB or RGBA.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::{ImageError, MAX_BYTES, MAX_PIXELS};

/// The source formats the builder decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    Jpeg,
    Png,
    WebP,
    Gif,
}

impl SourceFormat {
    fn image_format(self) -> ImageFormat {
        match self {
            SourceFormat::Jpeg => ImageFormat::Jpeg,
            SourceFormat::Png => ImageFormat::Png,
            SourceFormat::WebP => ImageFormat::WebP,
            SourceFormat::Gif => ImageFormat::Gif,
        }
    }
}

/// What the header says, before any pixel is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probe {
    pub format: SourceFormat,
    /// As stored, before the EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
}

/// Decoded pixels, oriented, 8 bits a channel.
pub struct Decoded {
    pub width: u32,
    pub height: u32,
    /// Whether any pixel is transparent (then `pixels` is RGBA, else RGB).
    pub alpha: bool,
    pub pixels: Vec<u8>,
}

impl Decoded {
    pub fn channels(&self) -> usize {
        if self.alpha {
            4
        } else {
            3
        }
    }
}

/// Recognises the format from the content (not the file name) and reads the size from the
/// header, refusing what is empty, too big, or not one of the four formats.
pub fn probe(bytes: &[u8]) -> Result<Probe, ImageError> {
    if bytes.is_empty() {
        return Err(ImageError::Empty);
    }
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ImageError::TooManyBytes {
            bytes: bytes.len() as u64,
            max: MAX_BYTES,
        });
    }
    let format = match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => SourceFormat::Jpeg,
        Ok(ImageFormat::Png) => SourceFormat::Png,
        Ok(ImageFormat::WebP) => SourceFormat::WebP,
        Ok(ImageFormat::Gif) => SourceFormat::Gif,
        Ok(other) => return Err(ImageError::Unsupported(format!("{other:?}").to_uppercase())),
        Err(_) if looks_like_svg(bytes) => return Err(ImageError::Svg),
        Err(_) if bytes.get(4..12).is_some_and(|b| b.starts_with(b"ftyphei")) => {
            return Err(ImageError::Unsupported("HEIC".into()))
        }
        Err(_) => return Err(ImageError::NotAnImage),
    };
    // The header alone (imagesize reads no pixel data): a decoder could ask for its buffer
    // before the size is checked.
    let size = imagesize::blob_size(bytes)
        .map_err(|e| ImageError::Decode(format!("cannot read its size: {e}")))?;
    let (width, height) = (
        u32::try_from(size.width).unwrap_or(u32::MAX),
        u32::try_from(size.height).unwrap_or(u32::MAX),
    );
    check_pixels(width, height)?;
    Ok(Probe {
        format,
        width,
        height,
    })
}

/// Decodes the first frame, applies the EXIF orientation and reduces it to 8-bit RGB(A).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImageError> {
    let probe = probe(bytes)?;
    let mut decoder = reader(bytes, probe.format)
        .into_decoder()
        .map_err(decode_error)?;
    // Unreadable EXIF is not worth refusing a photo for: it is then shown as stored.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let (alpha, pixels) = if image.color().has_alpha() {
        let rgba = image.into_rgba8().into_raw();
        if rgba.chunks_exact(4).any(|p| p[3] != 255) {
            (true, rgba)
        } else {
            (
                false,
                rgba.chunks_exact(4)
                    .flat_map(|p| [p[0], p[1], p[2]])
                    .collect(),
            )
        }
    } else {
        (false, image.into_rgb8().into_raw())
    };
    Ok(Decoded {
        width,
        height,
        alpha,
        pixels,
    })
}

fn reader(bytes: &[u8], format: SourceFormat) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8 + (64 << 20));
    reader.limits(limits);
    reader
}

fn check_pixels(width: u32, height: u32) -> Result<(), ImageError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels {
            width,
            height,
            max_pixels: MAX_PIXELS,
        });
    }
    Ok(())
}

fn decode_error(e: image::ImageError) -> ImageError {
    ImageError::Decode(e.to_string())
}

/// An `<svg` element near the start, after an optional BOM, XML declaration or comments.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
        && head.contains("<svg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_supported_image() {
        assert_eq!(probe(b"").unwrap_err(), ImageError::Empty);
        assert_eq!(
            probe(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
                .unwrap_err(),
            ImageError::Svg
        );
        assert_eq!(probe(b"hello world").unwrap_err(), ImageError::NotAnImage);
        assert_eq!(
            probe(b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0").unwrap_err(),
            ImageError::Unsupported("BMP".into())
        );
        assert_eq!(
            probe(b"\0\0\0\x18ftypheic\0\0\0\0").unwrap_err(),
            ImageError::Unsupported("HEIC".into())
        );
    }
}
