//! The image stage: hostile sources get a `file:line` error (and the old feed stays) or a
//! documented result; EXIF orientation is applied; no EXIF or GPS reaches any output; the
//! cache makes a rebuild encode only what changed.

mod common;

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use exif::{Field, In, Rational, Tag, Value};
use image::codecs::gif::GifEncoder;
use image::{Delay, Frame, GenericImageView, Rgba, RgbaImage};
use newsfront_core::{parse_article, parse_list_page, Block};

/// A content folder with one article whose cover (line 6) and body image (line 11) are `image`.
fn content_with(dir: &Path, name: &str, bytes: &[u8]) {
    fs::create_dir_all(dir.join("articles")).unwrap();
    fs::create_dir_all(dir.join("images")).unwrap();
    fs::write(
        dir.join("site.toml"),
        "name = \"图片测试\"\nbase_url = \"https://img.example/\"\ntimezone = \"+08:00\"\n\
         page_size = 10\n\n[[category]]\nslug = \"lxzx\"\nname = \"陇县资讯\"\n\n\
         [comments]\nmode = \"off\"\n",
    )
    .unwrap();
    fs::write(dir.join("images").join(name), bytes).unwrap();
    fs::write(
        dir.join("articles/a.md"),
        format!(
            "+++\ntitle = \"图片\"\ncategory = \"lxzx\"\nsource = \"网站编辑\"\n\
             published = 2023-03-08T19:37:00+08:00\ncover = \"images/{name}\"\n+++\n\n\
             正文。\n\n![说明](images/{name})\n"
        ),
    )
    .unwrap();
}

struct Built {
    code: i32,
    stdout: String,
    stderr: String,
}

fn build(content: &Path, out: &Path, cache: &Path) -> Built {
    let o = Command::new(env!("CARGO_BIN_EXE_newsfront-feed"))
        .arg("build")
        .arg(content)
        .arg(out)
        .arg("--cache")
        .arg(cache)
        .output()
        .unwrap();
    Built {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Builds `bytes` as `name` over an existing feed; checks exit 2, the old feed kept, no
/// temporary folder left; returns stderr.
fn refused(name: &str, bytes: &[u8]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("feed"));
    content_with(&content, name, bytes);
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("keep.txt"), "old feed").unwrap();
    let b = build(&content, &out, &tmp.path().join("cache"));
    assert_eq!(b.code, 2, "{name}: {}{}", b.stdout, b.stderr);
    assert_eq!(
        fs::read_to_string(out.join("keep.txt")).unwrap(),
        "old feed"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
    let left: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    b.stderr
}

/// Builds `bytes` as `name`; returns the feed folder (kept alive by the temp dir).
fn accepted(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out) = (tmp.path().join("content"), tmp.path().join("feed"));
    content_with(&content, name, bytes);
    let b = build(&content, &out, &tmp.path().join("cache"));
    assert_eq!(b.code, 0, "{name}: {}", b.stderr);
    (tmp, out)
}

fn body_image(feed: &Path) -> newsfront_core::Image {
    let a = parse_article(&fs::read_to_string(feed.join("articles/a.json")).unwrap()).unwrap();
    a.body
        .into_iter()
        .find_map(|b| match b {
            Block::Image { image } => Some(image),
            _ => None,
        })
        .unwrap()
}

fn decode(feed: &Path, src: &str) -> image::DynamicImage {
    image::load_from_memory(&fs::read(feed.join(src)).unwrap()).unwrap()
}

/// A `w` × `h` photo-like JPEG: red top-left quarter, green top-right, blue bottom-left,
/// white bottom-right; `exif` (TIFF bytes) in an APP1 segment.
fn jpeg(w: u16, h: u16, exif: Option<&[u8]>) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(usize::from(w) * usize::from(h) * 3);
    for y in 0..h {
        for x in 0..w {
            rgb.extend_from_slice(&quadrant_colour(x < w / 2, y < h / 2));
        }
    }
    let mut out = Vec::new();
    let mut e = jpeg_encoder::Encoder::new(&mut out, 90);
    if let Some(exif) = exif {
        e.add_exif_metadata(exif).unwrap();
    }
    e.encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb).unwrap();
    out
}

fn quadrant_colour(left: bool, top: bool) -> [u8; 3] {
    match (left, top) {
        (true, true) => [230, 20, 20],
        (false, true) => [20, 200, 20],
        (true, false) => [20, 20, 230],
        (false, false) => [250, 250, 250],
    }
}

/// EXIF (TIFF bytes) with an orientation and, if asked, a GPS position and a camera model.
fn exif(orientation: u16, gps: bool) -> Vec<u8> {
    let r = |num| Rational { num, denom: 1 };
    let fields = [
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation]),
        },
        Field {
            tag: Tag::Model,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"SECRET-CAMERA-9000".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"N".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![r(34), r(53), r(12)]),
        },
        Field {
            tag: Tag::GPSLongitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![r(106), r(50), r(7)]),
        },
    ];
    let mut w = exif::experimental::Writer::new();
    for f in fields.iter().take(if gps { 5 } else { 1 }) {
        w.push_field(f);
    }
    let mut buf = Cursor::new(Vec::new());
    w.write(&mut buf, false).unwrap();
    buf.into_inner()
}

#[test]
fn hostile_sources_are_refused_with_file_and_line() {
    let photo = jpeg(64, 48, None);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.jpg", Vec::new(), "is empty (0 bytes)"),
        ("half.jpg", photo[..photo.len() / 2].to_vec(), "cannot be decoded"),
        ("notes.jpg", b"just some text, not a photo".to_vec(), "is not a JPEG, PNG, WebP or GIF image"),
        ("huge.png", huge_png_header(), "is 50000 × 50000 pixels (2500.0 megapixels); at most 50 megapixels are accepted"),
        (
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>".to_vec(),
            "is SVG, which is not accepted",
        ),
        ("scan.bmp", b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0".to_vec(), "is BMP, which is not accepted"),
    ];
    for (name, bytes, reason) in cases {
        let e = refused(name, &bytes);
        for line in [6, 11] {
            let prefix = if line == 6 { "cover: " } else { "" };
            let want = format!("articles/a.md:{line}: {prefix}image \"images/{name}\" {reason}");
            assert!(e.contains(&want), "{name}: want {want:?} in:\n{e}");
        }
    }
}

/// A PNG whose header declares 50 000 × 50 000 RGBA pixels (10 GB decoded), with no data.
fn huge_png_header() -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, 50_000, 50_000);
    e.set_color(png::ColorType::Rgba);
    drop(e.write_header().unwrap());
    out
}

#[test]
fn documented_results_for_unusual_sources() {
    // A PNG named .jpg: the format is read from the content.
    let mut png_bytes = Vec::new();
    RgbaImage::from_pixel(40, 30, Rgba([10, 120, 200, 255]))
        .write_to(&mut Cursor::new(&mut png_bytes), image::ImageFormat::Png)
        .unwrap();
    let (_t, feed) = accepted("really-a-png.jpg", &png_bytes);
    let img = body_image(&feed);
    assert_eq!((img.width, img.height), (40, 30));
    assert_eq!(img.placeholder.as_deref(), Some("#0a78c8"));

    // A CMYK JPEG: converted to RGB.
    let cmyk: Vec<u8> = [0u8, 255, 255, 0].repeat(32 * 32); // cyan 0, magenta and yellow full: red
    let mut cmyk_jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut cmyk_jpeg, 95)
        .encode(&cmyk, 32, 32, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    let (_t, feed) = accepted("print.jpg", &cmyk_jpeg);
    let p = decode(&feed, &body_image(&feed).src).get_pixel(16, 16);
    assert!(
        p[0] > 180 && p[1] < 90 && p[2] < 90,
        "CMYK red came out as {p:?}"
    );

    // A 16-bit PNG: reduced to 8 bits.
    let mut png16 = Vec::new();
    {
        let mut e = png::Encoder::new(&mut png16, 20, 10);
        e.set_color(png::ColorType::Rgb);
        e.set_depth(png::BitDepth::Sixteen);
        let mut w = e.write_header().unwrap();
        w.write_image_data(&[0x80u8, 0x00, 0x40, 0x00, 0xff, 0xff].repeat(200))
            .unwrap();
    }
    let (_t, feed) = accepted("deep.png", &png16);
    let p = decode(&feed, &body_image(&feed).src).get_pixel(5, 5);
    assert!(
        p[0].abs_diff(128) < 8 && p[1].abs_diff(64) < 8 && p[2] > 245,
        "{p:?}"
    );

    // An animated GIF: its first frame, still.
    let mut gif = Vec::new();
    {
        let mut e = GifEncoder::new(&mut gif);
        let frame = |c| {
            Frame::from_parts(
                RgbaImage::from_pixel(24, 16, Rgba(c)),
                0,
                0,
                Delay::from_numer_denom_ms(100, 1),
            )
        };
        e.encode_frames([frame([255, 0, 0, 255]), frame([0, 0, 255, 255])])
            .unwrap();
    }
    let (_t, feed) = accepted("blink.gif", &gif);
    let img = body_image(&feed);
    assert!(img.variants.scaled.iter().all(|v| v.mime != "image/gif"));
    let p = decode(&feed, &img.src).get_pixel(12, 8);
    assert!(p[0] > 200 && p[2] < 60, "first frame is red: {p:?}");
}

#[test]
fn exif_orientation_is_applied_for_all_eight_values() {
    // Stored 60 × 40; orientations 5–8 turn it to 40 × 60. Where the stored top-left (red)
    // quarter ends up, per the EXIF specification:
    let red_corner = [
        (false, false), // 1: top-left
        (true, false),  // 2: mirrored: top-right
        (true, true),   // 3: rotated 180°: bottom-right
        (false, true),  // 4: flipped: bottom-left
        (false, false), // 5: transposed: top-left
        (true, false),  // 6: rotated 90° clockwise: top-right
        (true, true),   // 7: transversed: bottom-right
        (false, true),  // 8: rotated 90° counter-clockwise: bottom-left
    ];
    for (i, (right, bottom)) in red_corner.into_iter().enumerate() {
        let orientation = i as u16 + 1;
        let (_t, feed) = accepted("turned.jpg", &jpeg(60, 40, Some(&exif(orientation, false))));
        let img = body_image(&feed);
        let want = if orientation >= 5 { (40, 60) } else { (60, 40) };
        assert_eq!((img.width, img.height), want, "orientation {orientation}");
        let out = decode(&feed, &img.src);
        let (w, h) = out.dimensions();
        let at = |x, y| out.get_pixel(x, y);
        let corner = at(
            if right { w - 5 } else { 4 },
            if bottom { h - 5 } else { 4 },
        );
        assert!(
            corner[0] > 180 && corner[1] < 90 && corner[2] < 90,
            "orientation {orientation}: red corner is {corner:?}"
        );
    }
}

#[test]
fn no_exif_or_gps_in_any_output() {
    let source = jpeg(2000, 1200, Some(&exif(1, true)));
    // The source really carries them.
    let found = exif::Reader::new()
        .read_from_container(&mut Cursor::new(&source))
        .unwrap();
    assert!(found.get_field(Tag::GPSLatitude, In::PRIMARY).is_some());
    let (_t, feed) = accepted("gps.jpg", &source);
    let mut checked = 0;
    for entry in fs::read_dir(feed.join("images")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        assert!(
            exif::Reader::new()
                .read_from_container(&mut Cursor::new(&bytes))
                .is_err(),
            "{} has EXIF",
            path.display()
        );
        for needle in [&b"Exif"[..], b"SECRET-CAMERA", b"GPS", b"XMP", b"iCCP"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{} contains {:?}",
                path.display(),
                String::from_utf8_lossy(needle)
            );
        }
        checked += 1;
    }
    // 4 widths and 2 thumbnail sizes, WebP and JPEG each, and the share copy.
    assert_eq!(checked, 4 * 2 + 2 * 2 + 1);
}

#[test]
fn copies_have_the_documented_sizes_and_types() {
    let (_t, feed) = accepted("wide.jpg", &jpeg(2400, 1350, None));
    let img = body_image(&feed);
    let scaled: Vec<(&str, u32)> = img
        .variants
        .scaled
        .iter()
        .map(|v| (v.mime.as_str(), v.width))
        .collect();
    assert_eq!(
        scaled,
        [
            ("image/webp", 360),
            ("image/webp", 720),
            ("image/webp", 1080),
            ("image/webp", 1600),
            ("image/jpeg", 360),
            ("image/jpeg", 720),
            ("image/jpeg", 1080),
            ("image/jpeg", 1600)
        ]
    );
    assert_eq!((img.width, img.height), (1600, 900));
    assert!(img.src.ends_with(".w1600.jpg"), "{}", img.src);
    assert_eq!(img.largest_src(), img.variants.scaled[3].src);
    for v in &img.variants.scaled {
        let out = decode(&feed, &v.src);
        assert_eq!(out.dimensions(), (v.width, v.height), "{}", v.src);
    }
    let a = parse_article(&fs::read_to_string(feed.join("articles/a.json")).unwrap()).unwrap();
    let share = a.cover.unwrap().variants.share.unwrap();
    assert_eq!((share.width, share.mime.as_str()), (1200, "image/jpeg"));
    assert!(fs::metadata(feed.join(&share.src)).unwrap().len() <= 200_000);
    let list =
        parse_list_page(&fs::read_to_string(feed.join("lists/home/1.json")).unwrap()).unwrap();
    let thumbs: Vec<(u32, u32)> = list.items[0]
        .cover
        .as_ref()
        .unwrap()
        .variants
        .thumb
        .iter()
        .map(|v| (v.width, v.height))
        .collect();
    assert_eq!(thumbs, [(112, 74), (224, 148), (112, 74), (224, 148)]);
    let validate = common::run(&[Path::new("validate"), &feed]);
    assert_eq!(validate.0, 0, "{}", validate.2);
}

#[test]
fn a_rebuild_encodes_only_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, out, cache) = (
        tmp.path().join("c"),
        tmp.path().join("feed"),
        tmp.path().join("cache"),
    );
    content_with(&content, "one.jpg", &jpeg(800, 600, None));
    fs::write(content.join("images/two.jpg"), jpeg(640, 480, None)).unwrap();
    fs::write(
        content.join("articles/b.md"),
        "+++\ntitle = \"第二篇\"\ncategory = \"lxzx\"\nsource = \"网站编辑\"\n\
         published = 2023-03-09T19:37:00+08:00\n+++\n\n![图](images/two.jpg)\n",
    )
    .unwrap();
    let first = build(&content, &out, &cache);
    assert!(
        first.stdout.contains("2 images (2 encoded, 0 cached)"),
        "{}",
        first.stdout
    );
    let again = build(&content, &out, &cache);
    assert!(
        again.stdout.contains("2 images (0 encoded, 2 cached)"),
        "{}",
        again.stdout
    );
    // One article's photo changes: only it is encoded again, with a new name.
    let before = body_image(&out).src;
    fs::write(content.join("images/one.jpg"), jpeg(800, 601, None)).unwrap();
    let changed = build(&content, &out, &cache);
    assert!(
        changed.stdout.contains("2 images (1 encoded, 1 cached)"),
        "{}",
        changed.stdout
    );
    let after = body_image(&out).src;
    assert_ne!(before, after);
    assert!(out.join(&after).is_file() && !out.join(&before).exists());
}
