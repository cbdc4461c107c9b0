//! newsfront-images: one image's bytes in, clean copies out.
//!
//! Decodes JPEG, PNG, WebP and GIF (the first frame), applies the EXIF orientation, and encodes
//! new files from the pixels alone, so no metadata of the source (EXIF with GPS and camera
//! data, XMP, IPTC, comments, ICC profiles) reaches an output. Sizes are checked from the file
//! header before any pixel buffer is allocated. No file I/O and no knowledge of feeds: the
//! feed builder decides what it needs ([`Needs`]), caches and names the files.

mod decode;
mod encode;
mod icon;
mod plan;
mod render;
mod resize;

pub use decode::{decode, probe, Decoded, Probe, SourceFormat};
pub use icon::{icon, MAX_ICON_SIDE};
pub use plan::{plan, Codec, Needs, OutputKind, OutputSpec, Settings};
pub use render::{placeholder, render, Output};

/// Raised when an image is refused; the message completes "image \"x.jpg\" …".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("is empty (0 bytes)")]
    Empty,
    #[error("is {bytes} bytes; at most {max} bytes are accepted")]
    TooManyBytes { bytes: u64, max: u64 },
    #[error(
        "is {width} × {height} pixels ({} megapixels); at most {} megapixels are accepted",
        megapixels(*width, *height),
        max_pixels / 1_000_000
    )]
    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    #[error("is SVG, which is not accepted (it can carry scripts, and it has no pixels to make smaller copies of); export it as PNG")]
    Svg,
    #[error("is {0}, which is not accepted; use JPEG, PNG, WebP or GIF")]
    Unsupported(String),
    #[error("is not a JPEG, PNG, WebP or GIF image")]
    NotAnImage,
    #[error("cannot be decoded ({0})")]
    Decode(String),
    #[error("cannot be encoded ({0})")]
    Encode(String),
}

fn megapixels(width: u32, height: u32) -> String {
    format!("{:.1}", f64::from(width) * f64::from(height) / 1e6)
}

/// Largest number of pixels decoded (a 48 MP phone photo fits; 8 bytes a pixel at most while
/// decoding keeps one image under 400 MB).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Largest file read.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
