//! Every feed parser and validator on arbitrary bytes: errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = newsfront_core::parse_site(text);
    let _ = newsfront_core::parse_list_page(text);
    let _ = newsfront_core::parse_article(text);
    let _ = newsfront_core::parse_comments(text);
});
