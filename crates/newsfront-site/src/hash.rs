//! Content hashes: short hex for file names, base64 SHA-256 for policy sources.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The first 16 hex digits of the SHA-256 of `bytes`: a file name's cache-busting part.
pub fn short_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `'sha256-…'`: a policy source that allows exactly this inline text.
pub fn csp_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        // printf 'abc' | sha256sum
        assert_eq!(short_hex(b"abc"), "ba7816bf8f01cfea");
        // printf 'abc' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            csp_source("abc"),
            "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
    }
}
