//! Which copies an image gets: sizes and formats, decided from its size alone so that a
//! cache can tell what is missing without decoding.

/// Bumped whenever a change here, in the encoders or their settings changes the bytes of an
/// output: cached copies made before no longer match.
const ENGINE_VERSION: u32 = 1;

/// Sizes and qualities of the copies.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Widths of the scaled copies; never wider than the source.
    pub widths: Vec<u32>,
    /// The list thumbnail box in CSS pixels; thumbs are made at 1× and 2×.
    pub thumb_box: (u32, u32),
    pub share_width: u32,
    /// Largest share copy in bytes (WeChat and most share targets want small JPEGs).
    pub share_max_bytes: usize,
    pub webp_quality: f32,
    pub jpeg_quality: u8,
}

impl Settings {
    /// The standard settings with the list's thumbnail box.
    pub fn new(thumb_box: (u32, u32)) -> Settings {
        Settings {
            widths: vec![360, 720, 1080, 1600],
            thumb_box,
            share_width: 1200,
            share_max_bytes: 200_000,
            webp_quality: 72.0,
            jpeg_quality: 78,
        }
    }

    /// Changes whenever the outputs for the same source would change: part of cache keys.
    pub fn fingerprint(&self) -> String {
        format!("engine {ENGINE_VERSION}; {self:?}")
    }
}

/// What a use of an image needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// The whole picture at several widths (article bodies).
    pub scaled: bool,
    /// Cropped to the list box (list items).
    pub thumb: bool,
    /// One small JPEG for share cards (covers).
    pub share: bool,
    /// One clean lossless PNG at the source size (the site logo).
    pub logo: bool,
}

impl Needs {
    pub fn union(self, other: Needs) -> Needs {
        Needs {
            scaled: self.scaled || other.scaled,
            thumb: self.thumb || other.thumb,
            share: self.share || other.share,
            logo: self.logo || other.logo,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutputKind {
    Scaled,
    Thumb,
    Share,
    Logo,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Codec {
    WebP,
    Jpeg,
    Png,
}

impl Codec {
    pub fn mime(self) -> &'static str {
        match self {
            Codec::WebP => "image/webp",
            Codec::Jpeg => "image/jpeg",
            Codec::Png => "image/png",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Codec::WebP => "webp",
            Codec::Jpeg => "jpg",
            Codec::Png => "png",
        }
    }
}

/// One planned copy; the share copy may come out narrower (see [`crate::render`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OutputSpec {
    pub kind: OutputKind,
    pub codec: Codec,
    pub width: u32,
    pub height: u32,
}

impl OutputSpec {
    /// A short name unique within one source: `w720.webp`, `t224x148.jpg`, `share.jpg`, `logo.png`.
    pub fn label(&self) -> String {
        let ext = self.codec.extension();
        match self.kind {
            OutputKind::Scaled => format!("w{}.{ext}", self.width),
            OutputKind::Thumb => format!("t{}x{}.{ext}", self.width, self.height),
            OutputKind::Share => format!("share.{ext}"),
            OutputKind::Logo => format!("logo.{ext}"),
        }
    }
}

/// The copies of a `width` × `height` image (oriented) for `needs`, WebP before the fallback
/// at each kind, narrowest first. Images with transparency fall back to PNG instead of JPEG.
pub fn plan(width: u32, height: u32, alpha: bool, needs: Needs, s: &Settings) -> Vec<OutputSpec> {
    let fallback = if alpha { Codec::Png } else { Codec::Jpeg };
    let mut out = Vec::new();
    let spec = |kind, codec, (width, height)| OutputSpec {
        kind,
        codec,
        width,
        height,
    };
    if needs.scaled {
        let sizes: Vec<_> = scaled_widths(width, &s.widths)
            .into_iter()
            .map(|w| (w, scale(height, w, width)))
            .collect();
        for codec in [Codec::WebP, fallback] {
            out.extend(
                sizes
                    .iter()
                    .map(|&size| spec(OutputKind::Scaled, codec, size)),
            );
        }
    }
    if needs.thumb {
        let sizes = thumb_sizes(width, height, s.thumb_box);
        for codec in [Codec::WebP, Codec::Jpeg] {
            out.extend(
                sizes
                    .iter()
                    .map(|&size| spec(OutputKind::Thumb, codec, size)),
            );
        }
    }
    if needs.share {
        let w = width.min(s.share_width);
        out.push(spec(
            OutputKind::Share,
            Codec::Jpeg,
            (w, scale(height, w, width)),
        ));
    }
    if needs.logo {
        out.push(spec(OutputKind::Logo, Codec::Png, (width, height)));
    }
    out
}

/// The ladder's widths up to the source width, plus the source width itself when it is
/// narrower than the top of the ladder and more than 10 % wider than the last step kept.
pub fn scaled_widths(width: u32, ladder: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = ladder.iter().copied().filter(|&w| w <= width).collect();
    let top = ladder.iter().copied().max().unwrap_or(width);
    if width < top
        && out
            .last()
            .is_none_or(|&w| f64::from(w) < 0.9 * f64::from(width))
    {
        out.push(width);
    }
    out
}

/// 1× and 2× of the box, or what the centred crop of the source allows (never upscaled).
pub fn thumb_sizes(width: u32, height: u32, (bw, bh): (u32, u32)) -> Vec<(u32, u32)> {
    let (crop_w, _) = crop_to_shape(width, height, (bw, bh));
    let mut out: Vec<(u32, u32)> = [1, 2]
        .iter()
        .map(|k| (bw * k, bh * k))
        .filter(|&(w, _)| w <= crop_w)
        .collect();
    if out.is_empty() {
        out.push((crop_w, scale(bh, crop_w, bw)));
    }
    out
}

/// The largest centred region of a `width` × `height` image with the shape of `bw` × `bh`.
pub fn crop_to_shape(width: u32, height: u32, (bw, bh): (u32, u32)) -> (u32, u32) {
    let w_for_full_height = (u64::from(height) * u64::from(bw) / u64::from(bh)) as u32;
    if w_for_full_height <= width {
        (w_for_full_height.max(1), height)
    } else {
        (width, scale(bh, width, bw))
    }
}

/// `side` × `num` / `den`, rounded, at least 1.
fn scale(side: u32, num: u32, den: u32) -> u32 {
    ((f64::from(side) * f64::from(num) / f64::from(den)).round() as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale() {
        let ladder = [360, 720, 1080, 1600];
        assert_eq!(scaled_widths(5640, &ladder), [360, 720, 1080, 1600]);
        assert_eq!(scaled_widths(1000, &ladder), [360, 720, 1000]);
        assert_eq!(scaled_widths(790, &ladder), [360, 720]);
        assert_eq!(scaled_widths(300, &ladder), [300]);
        assert_eq!(scaled_widths(1, &ladder), [1]);
    }

    #[test]
    fn thumbs_fill_the_box() {
        assert_eq!(thumb_sizes(5640, 3172, (112, 74)), [(112, 74), (224, 148)]);
        assert_eq!(thumb_sizes(150, 1000, (112, 74)), [(112, 74)]);
        assert_eq!(thumb_sizes(1, 1, (112, 74)), [(1, 1)]);
        assert_eq!(crop_to_shape(5640, 3172, (112, 74)), (4800, 3172));
        assert_eq!(crop_to_shape(1000, 2000, (112, 74)), (1000, 661));
    }

    #[test]
    fn a_cover_photo_plan() {
        let s = Settings::new((112, 74));
        let needs = Needs {
            thumb: true,
            share: true,
            ..Needs::default()
        };
        let labels: Vec<String> = plan(5640, 3172, false, needs, &s)
            .iter()
            .map(OutputSpec::label)
            .collect();
        assert_eq!(
            labels,
            [
                "t112x74.webp",
                "t224x148.webp",
                "t112x74.jpg",
                "t224x148.jpg",
                "share.jpg"
            ]
        );
        let body = plan(
            1000,
            500,
            true,
            Needs {
                scaled: true,
                ..Needs::default()
            },
            &s,
        );
        assert_eq!(body.len(), 6);
        assert_eq!(body[5].codec, Codec::Png);
        assert_eq!((body[5].width, body[5].height), (1000, 500));
        assert_eq!((body[0].width, body[0].height), (360, 180));
    }
}
