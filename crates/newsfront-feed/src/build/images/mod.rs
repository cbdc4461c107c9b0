//! The builder's image stage: every image the site and its articles use is checked, cleaned
//! and turned into the copies its uses need (newsfront-images), on all cores, through the
//! content-hash cache (`cache.rs`). Only these copies reach the feed, never a source file.

mod cache;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use newsfront_core::variants::THUMB_BOX;
use newsfront_core::{Image, ImageVariants, Variant};
use newsfront_images::{Codec, Needs, OutputKind, OutputSpec, Settings};

use crate::report::FileProblem;
pub use cache::{default_cache_dir, Cache};

/// What a body image needs: the whole picture at several widths.
pub const BODY: Needs = Needs {
    scaled: true,
    thumb: false,
    share: false,
    logo: false,
};
/// A cover is a list thumbnail and the share card's picture.
pub const COVER: Needs = Needs {
    scaled: false,
    thumb: true,
    share: true,
    logo: false,
};
/// The site logo: one clean PNG at its own path.
pub const LOGO: Needs = Needs {
    scaled: false,
    thumb: false,
    share: false,
    logo: true,
};

/// The settings every build uses.
pub fn settings() -> Settings {
    Settings::new(THUMB_BOX)
}

/// One place a source is used, for `file:line` messages.
struct Use {
    file: String,
    line: Option<usize>,
    /// What the message starts with: `cover: `, `logo: ` or nothing.
    prefix: &'static str,
}

/// Every image source the content uses, and what its uses need.
pub struct ImageUses {
    root: PathBuf,
    by_src: BTreeMap<String, (Needs, Vec<Use>)>,
}

impl ImageUses {
    pub fn new(content_dir: &Path) -> Self {
        ImageUses {
            root: content_dir.to_owned(),
            by_src: BTreeMap::new(),
        }
    }

    /// Records a use of `src`, or says why `src` cannot be one (a message for `file:line`).
    pub fn add(
        &mut self,
        src: &str,
        needs: Needs,
        file: &str,
        line: Option<usize>,
        prefix: &'static str,
    ) -> Result<(), String> {
        if let Some(reason) = newsfront_core::image_src_problem(src) {
            return Err(format!("image {src:?} {reason}"));
        }
        if src.starts_with("http://") || src.starts_with("https://") {
            return Err(format!(
                "image {src:?}: the builder needs local images (under images/) to make their copies"
            ));
        }
        if !src.starts_with("images/") {
            return Err(format!("image {src:?} must be under images/"));
        }
        if !self.root.join(src).is_file() {
            return Err(format!("image {src:?} does not exist"));
        }
        let entry = self
            .by_src
            .entry(src.to_owned())
            .or_insert((Needs::default(), Vec::new()));
        entry.0 = entry.0.union(needs);
        entry.1.push(Use {
            file: file.to_owned(),
            line,
            prefix,
        });
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.by_src.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_src.is_empty()
    }
}

/// One source made into copies.
pub struct Processed {
    width: u32,
    height: u32,
    placeholder: String,
    copies: Vec<Copy>,
}

/// One copy: where it goes in the feed and where the cache holds it.
struct Copy {
    spec: OutputSpec,
    feed_path: String,
    cached: PathBuf,
}

/// What the image stage made, by source path.
#[derive(Default)]
pub struct ImageSet {
    by_src: HashMap<String, Processed>,
    /// Sources decoded and encoded by this build (the rest came from the cache).
    pub encoded: usize,
}

/// What happened to one source.
enum Outcome {
    Made(Processed, bool),
    Failed(String),
}

/// Checks every source and, when `full`, makes the copies (a failed build only checks, so
/// that its problems are listed without waiting for encoders). Problems are recorded at
/// every use of the source.
pub fn process(
    uses: &ImageUses,
    cache: &Cache,
    full: bool,
    problems: &mut Vec<FileProblem>,
) -> ImageSet {
    let settings = settings();
    let jobs: Vec<(&String, &(Needs, Vec<Use>))> = uses.by_src.iter().collect();
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|(src, (needs, _))| {
            let path = uses.root.join(src);
            if full {
                make(src, &path, *needs, cache, &settings)
            } else {
                match std::fs::read(&path) {
                    Ok(bytes) => match newsfront_images::probe(&bytes) {
                        Ok(_) => Outcome::Made(empty(), false),
                        Err(e) => Outcome::Failed(e.to_string()),
                    },
                    Err(e) => Outcome::Failed(format!("cannot be read ({e})")),
                }
            }
        })
        .collect();
    let mut set = ImageSet::default();
    for ((src, (_, at)), outcome) in jobs.into_iter().zip(outcomes) {
        match outcome {
            Outcome::Made(p, encoded) => {
                set.encoded += usize::from(encoded);
                set.by_src.insert(src.clone(), p);
            }
            Outcome::Failed(reason) => {
                for u in at {
                    problems.push(FileProblem::new(
                        &u.file,
                        u.line,
                        format!("{}image {src:?} {reason}", u.prefix),
                    ));
                }
            }
        }
    }
    if let Err(e) = cache.save() {
        // Only costs re-reading sources next time.
        eprintln!("warning: {e:#}");
    }
    set
}

fn empty() -> Processed {
    Processed {
        width: 0,
        height: 0,
        placeholder: String::new(),
        copies: Vec::new(),
    }
}

/// The copies of one source, from the cache where it has them.
fn make(src: &str, path: &Path, needs: Needs, cache: &Cache, settings: &Settings) -> Outcome {
    let (key, mut bytes) = match cache.key_of(path) {
        Ok(k) => k,
        Err(e) => return Outcome::Failed(format!("cannot be read ({e})")),
    };
    let mut meta = cache.meta(&key);
    let missing = |meta: &Option<cache::Meta>| match meta {
        None => true,
        Some(m) => newsfront_images::plan(m.width, m.height, m.alpha, needs, settings)
            .iter()
            .any(|s| !has_copy(m, &s.label(), cache, &key)),
    };
    let mut encoded = false;
    if missing(&meta) {
        if bytes.is_none() {
            match std::fs::read(path) {
                Ok(b) => bytes = Some(b),
                Err(e) => return Outcome::Failed(format!("cannot be read ({e})")),
            }
        }
        // Copies listed but gone from the cache folder are made again.
        let known = meta.take().map(|mut m| {
            m.outputs.retain(|o| cache.file(&key, &o.label).is_file());
            m
        });
        match encode(bytes.as_deref().unwrap_or_default(), needs, known, settings) {
            Ok((m, files)) => {
                if let Err(e) = cache.store(&key, &m, &files) {
                    return Outcome::Failed(format!("cannot be cached ({e:#})"));
                }
                meta = Some(m);
                encoded = true;
            }
            Err(e) => return Outcome::Failed(e.to_string()),
        }
    }
    drop(bytes);
    let Some(meta) = meta else {
        return Outcome::Failed("has no cache entry".into());
    };
    let (dir, stem) = match src.rsplit_once('/') {
        Some((dir, name)) => (
            format!("{dir}/"),
            name.rsplit_once('.').map_or(name, |(s, _)| s),
        ),
        None => (String::new(), src),
    };
    let copies = newsfront_images::plan(meta.width, meta.height, meta.alpha, needs, settings)
        .into_iter()
        .filter_map(|mut spec| {
            let label = spec.label();
            let made = meta.outputs.iter().find(|o| o.label == label)?;
            (spec.width, spec.height) = (made.width, made.height);
            let feed_path = if spec.kind == OutputKind::Logo {
                format!("{dir}{stem}.png")
            } else {
                format!("{dir}{stem}.{}.{label}", &key[..10])
            };
            Some(Copy {
                spec,
                feed_path,
                cached: cache.file(&key, &label),
            })
        })
        .collect();
    Outcome::Made(
        Processed {
            width: meta.width,
            height: meta.height,
            placeholder: meta.placeholder,
            copies,
        },
        encoded,
    )
}

fn has_copy(meta: &cache::Meta, label: &str, cache: &Cache, key: &str) -> bool {
    meta.outputs.iter().any(|o| o.label == label) && cache.file(key, label).is_file()
}

/// A source's cache meta with the new copies' files (label, bytes).
type Encoded = (cache::Meta, Vec<(String, Vec<u8>)>);

/// Decodes once and encodes the copies `known` (an older cache entry) lacks.
fn encode(
    bytes: &[u8],
    needs: Needs,
    known: Option<cache::Meta>,
    settings: &Settings,
) -> Result<Encoded, newsfront_images::ImageError> {
    let decoded = newsfront_images::decode(bytes)?;
    let [r, g, b] = newsfront_images::placeholder(&decoded);
    let mut meta = known.unwrap_or_default();
    (meta.width, meta.height, meta.alpha) = (decoded.width, decoded.height, decoded.alpha);
    meta.placeholder = format!("#{r:02x}{g:02x}{b:02x}");
    let specs: Vec<OutputSpec> = newsfront_images::plan(
        decoded.width,
        decoded.height,
        decoded.alpha,
        needs,
        settings,
    )
    .into_iter()
    .filter(|s| !meta.outputs.iter().any(|o| o.label == s.label()))
    .collect();
    let outputs = newsfront_images::render(&decoded, &specs, settings)?;
    let mut files = Vec::new();
    for (planned, out) in specs.iter().zip(outputs) {
        let label = planned.label();
        meta.outputs.push(cache::MetaOutput {
            label: label.clone(),
            width: out.spec.width,
            height: out.spec.height,
        });
        files.push((label, out.bytes));
    }
    Ok((meta, files))
}

impl ImageSet {
    fn copies(&self, src: &str, kind: OutputKind) -> impl Iterator<Item = &Copy> {
        self.by_src
            .get(src)
            .into_iter()
            .flat_map(|p| p.copies.iter())
            .filter(move |c| c.spec.kind == kind)
    }

    fn variant(c: &Copy) -> Variant {
        Variant {
            src: c.feed_path.clone(),
            mime: c.spec.codec.mime().to_owned(),
            width: c.spec.width,
            height: c.spec.height,
        }
    }

    /// `image` with `src` replaced by its widest JPEG/PNG copy and the copies `kind` made,
    /// WebP first. `src` stays a file every reader can show, so a reader that knows nothing
    /// of variants still gets a cleaned, smaller image.
    fn with(&self, image: &Image, kind: OutputKind) -> Image {
        let Some(p) = self.by_src.get(&image.src) else {
            return image.clone();
        };
        let copies: Vec<&Copy> = self.copies(&image.src, kind).collect();
        let fallback = copies
            .iter()
            .filter(|c| c.spec.codec != Codec::WebP)
            .max_by_key(|c| c.spec.width);
        let mut out = image.clone();
        if let Some(f) = fallback {
            (out.src, out.width, out.height) = (f.feed_path.clone(), f.spec.width, f.spec.height);
        } else {
            (out.width, out.height) = (p.width, p.height);
        }
        out.placeholder = Some(p.placeholder.clone());
        let list: Vec<Variant> = copies.into_iter().map(Self::variant).collect();
        out.variants = match kind {
            OutputKind::Thumb => ImageVariants {
                thumb: list,
                ..ImageVariants::default()
            },
            OutputKind::Share => ImageVariants {
                share: list.into_iter().next(),
                ..ImageVariants::default()
            },
            _ => ImageVariants {
                scaled: list,
                ..ImageVariants::default()
            },
        };
        out
    }

    /// A body image: scaled copies, `src` the widest JPEG (or PNG).
    pub fn body(&self, image: &Image) -> Image {
        self.with(image, OutputKind::Scaled)
    }

    /// A cover on its article page: the share copy (`src` is the share copy too).
    pub fn article_cover(&self, image: &Image) -> Image {
        self.with(image, OutputKind::Share)
    }

    /// A cover in a list: the thumbnails (`src` is the 2× JPEG one).
    pub fn list_cover(&self, image: &Image) -> Image {
        self.with(image, OutputKind::Thumb)
    }

    /// The logo's path in the feed.
    pub fn logo(&self, src: &str) -> String {
        self.copies(src, OutputKind::Logo)
            .next()
            .map_or_else(|| src.to_owned(), |c| c.feed_path.clone())
    }

    /// Every copy as (path in the feed, cached file), for writing.
    pub fn files(&self) -> Vec<(String, PathBuf)> {
        let mut files: Vec<(String, PathBuf)> = self
            .by_src
            .values()
            .flat_map(|p| {
                p.copies
                    .iter()
                    .map(|c| (c.feed_path.clone(), c.cached.clone()))
            })
            .collect();
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        files
    }
}
