//! Image files of the content directory: existence, intrinsic size, copying.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Reads and remembers image sizes, so an image used twice is read once.
pub struct ImageSizes {
    root: PathBuf,
    cache: HashMap<String, Result<(u32, u32), String>>,
}

impl ImageSizes {
    pub fn new(content_dir: &Path) -> Self {
        ImageSizes {
            root: content_dir.to_owned(),
            cache: HashMap::new(),
        }
    }

    /// Width and height of `src` (relative to the content directory, under `images/`).
    pub fn size(&mut self, src: &str) -> Result<(u32, u32), String> {
        if let Some(hit) = self.cache.get(src) {
            return hit.clone();
        }
        let result = self.read(src);
        self.cache.insert(src.to_owned(), result.clone());
        result
    }

    fn read(&self, src: &str) -> Result<(u32, u32), String> {
        if let Some(reason) = newsfront_core::image_src_problem(src) {
            return Err(format!("image {src:?} {reason}"));
        }
        if !src.starts_with("images/") {
            return Err(format!("image {src:?} must be under images/"));
        }
        let path = self.root.join(src);
        if !path.is_file() {
            return Err(format!("image {src:?} does not exist"));
        }
        let size = if src.to_ascii_lowercase().ends_with(".svg") {
            let text = fs::read_to_string(&path).map_err(|e| format!("image {src:?}: {e}"))?;
            svg_size(&text).ok_or_else(|| {
                format!("image {src:?}: the <svg> element needs numeric width and height (or a viewBox)")
            })?
        } else {
            let s = imagesize::size(&path)
                .map_err(|e| format!("image {src:?}: cannot read its size ({e})"))?;
            (s.width as u32, s.height as u32)
        };
        Ok(size)
    }
}

/// Width and height from the first `<svg …>` tag: `width`/`height` attributes, else `viewBox`.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| {
        let key = format!(" {name}=");
        let at = tag.find(&key)? + key.len();
        let quote = tag[at..].chars().next()?;
        let rest = &tag[at + 1..];
        Some(rest[..rest.find(quote)?].to_owned())
    };
    let num = |s: &str| {
        s.trim_end_matches("px")
            .parse::<f64>()
            .ok()
            .filter(|v| *v >= 1.0)
            .map(|v| v.round() as u32)
    };
    if let (Some(w), Some(h)) = (attr("width"), attr("height")) {
        if let (Some(w), Some(h)) = (num(&w), num(&h)) {
            return Some((w, h));
        }
    }
    let vb = attr("viewBox")?;
    let parts: Vec<&str> = vb.split([' ', ',']).filter(|s| !s.is_empty()).collect();
    Some((num(parts.get(2)?)?, num(parts.get(3)?)?))
}

/// Copies `from` into `to` recursively (regular files and folders only).
pub fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<u64> {
    let mut copied = 0;
    let mut stack = vec![(from.to_owned(), to.to_owned())];
    while let Some((src, dst)) = stack.pop() {
        fs::create_dir_all(&dst).with_context(|| format!("cannot create {}", dst.display()))?;
        for entry in fs::read_dir(&src).with_context(|| format!("cannot read {}", src.display()))? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let target = dst.join(entry.file_name());
            if kind.is_dir() {
                stack.push((entry.path(), target));
            } else if kind.is_file() {
                fs::copy(entry.path(), &target).with_context(|| {
                    format!(
                        "cannot copy {} to {}",
                        entry.path().display(),
                        target.display()
                    )
                })?;
                copied += 1;
            }
        }
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size(r#"<svg xmlns="x" width="120" height="40px">"#),
            Some((120, 40))
        );
        assert_eq!(svg_size(r#"<svg viewBox="0 0 300 150">"#), Some((300, 150)));
        assert_eq!(svg_size(r#"<svg width="100%">"#), None);
    }
}
