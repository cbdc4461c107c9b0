//! Precompression: `x.gz` and `x.br` beside every text or wasm asset worth compressing, for hosts
//! that serve them as they are (the shipped nginx config does).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Files at least this large get companions; smaller ones gain little.
pub const MIN_BYTES: u64 = 1024;
const SUFFIXES: [&str; 7] = ["wasm", "js", "css", "html", "json", "svg", "txt"];

/// Writes the companions for every eligible file below `dist`; returns how many files.
pub fn compress_dist(dist: &Path) -> Result<usize> {
    let mut count = 0;
    for path in files(dist)? {
        let eligible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SUFFIXES.contains(&e));
        if !eligible || fs::metadata(&path)?.len() < MIN_BYTES {
            continue;
        }
        let data = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        write(&path, "gz", &gzip(&data)?)?;
        write(&path, "br", &brotli(&data)?)?;
        count += 1;
    }
    Ok(count)
}

/// gzip at the highest level, with no name and a zero mtime: the same input always gives the
/// same bytes.
pub fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(data)?;
    Ok(encoder.finish()?)
}

/// brotli at quality 11 with the largest window, as `brotli -q 11` writes.
pub fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        size_hint: data.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

fn write(path: &Path, suffix: &str, bytes: &[u8]) -> Result<()> {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    let out = PathBuf::from(name);
    fs::write(&out, bytes).with_context(|| format!("writing {}", out.display()))
}

/// Every file below `dir`, sorted.
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn companions_decompress_to_the_file_and_small_files_get_none() {
        let dir = tempfile::tempdir().unwrap();
        let big = "陇县新闻 ".repeat(400);
        fs::write(dir.path().join("app.js"), &big).unwrap();
        fs::write(dir.path().join("tiny.js"), "x").unwrap();
        fs::write(dir.path().join("photo.jpg"), big.as_bytes()).unwrap();
        assert_eq!(compress_dist(dir.path()).unwrap(), 1);

        let gz = fs::read(dir.path().join("app.js.gz")).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, big);

        let br = fs::read(dir.path().join("app.js.br")).unwrap();
        let mut text = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, big);

        assert!(!dir.path().join("tiny.js.gz").exists());
        assert!(!dir.path().join("photo.jpg.br").exists());
        assert_eq!(gzip(big.as_bytes()).unwrap(), gz, "deterministic");
    }
}
