//! Percent-encoding exactly like JavaScript's `encodeURIComponent`, and the decoding that path
//! checks need (a browser treats `%2e%2e` as `..`).

/// Encodes everything except `A-Z a-z 0-9 - _ . ! ~ * ' ( )` as UTF-8 `%XX` (upper-case hex).
pub fn encode_uri_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            );
        if keep {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// The bytes `s` stands for once its `%XX` escapes are decoded; `None` when a `%` is not
/// followed by two hex digits.
pub(crate) fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hi = char::from(hex[0]).to_digit(16)?;
            let lo = char::from(hex[1]).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_encode_uri_component() {
        // Expected values computed with encodeURIComponent in a browser console.
        assert_eq!(encode_uri_component("a b&c=d#e|f"), "a%20b%26c%3Dd%23e%7Cf");
        assert_eq!(encode_uri_component("\"'!~*()-_."), "%22'!~*()-_.");
        assert_eq!(
            encode_uri_component("？！《》"),
            "%EF%BC%9F%EF%BC%81%E3%80%8A%E3%80%8B"
        );
        assert_eq!(encode_uri_component("陇县"), "%E9%99%87%E5%8E%BF");
        assert_eq!(
            encode_uri_component("https://x.cn/a?b=1&c=2"),
            "https%3A%2F%2Fx.cn%2Fa%3Fb%3D1%26c%3D2"
        );
        assert_eq!(encode_uri_component("100% +/\\"), "100%25%20%2B%2F%5C");
        assert_eq!(encode_uri_component("😀"), "%F0%9F%98%80");
    }

    #[test]
    fn decodes_escapes_and_refuses_broken_ones() {
        assert_eq!(percent_decode("%2e%2E.").unwrap(), b"...");
        assert_eq!(percent_decode("%E9%99%87x").unwrap(), "陇x".as_bytes());
        assert_eq!(percent_decode("plain").unwrap(), b"plain");
        for bad in ["%", "%2", "%zz", "a%g0"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }
}
