//! Character folding for search: full-width forms to half-width, case to lower case, the many
//! middle dots to one, and what kind of character each is for the tokenizer.

/// What a folded character is to the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Han ideographs, kana and hangul: each character is one unit; adjacent ones make bigrams.
    Cjk,
    /// Letters and digits of other scripts: runs of them make one word.
    Word,
    /// `·` `.` `-` `/` `:` `_` `&` `'` `+`: part of a token only between two others
    /// (3·15, 2021-2030, 12:30, a.m.); anywhere else a separator.
    Joiner,
    /// Accents and other combining marks: dropped, so é and e match.
    Mark,
    /// Everything else: spaces, punctuation, symbols, emoji, controls.
    Separator,
}

/// The folded form of `c`: full-width ASCII (`Ａ`, `１`, `＃`) as ASCII, the ideographic space as a
/// space, every middle dot as U+00B7 and letters in lower case. Most characters are one
/// character folded; a few upper-case letters fold to two (`İ` → `i̇`).
pub(crate) fn fold(c: char, out: &mut impl FnMut(char)) {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{0387}' | '\u{16EB}' | '\u{2022}' | '\u{2027}' | '\u{2219}' | '\u{22C5}'
        | '\u{30FB}' | '\u{FF65}' => '·',
        _ => c,
    };
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
    } else if c.is_uppercase() {
        c.to_lowercase().for_each(out);
    } else {
        out(c);
    }
}

/// The class of a folded character.
pub(crate) fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else if matches!(c, '·' | '.' | '-' | '/' | ':' | '_' | '&' | '\'' | '+') {
        Class::Joiner
    } else if unicode_normalization::char::is_combining_mark(c) {
        Class::Mark
    } else {
        Class::Separator
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007              // 々 〇
        | 0x3040..=0x309F            // hiragana
        | 0x30A0..=0x30FA | 0x30FC..=0x30FF // katakana (not the middle dot)
        | 0x3400..=0x4DBF            // CJK extension A
        | 0x4E00..=0x9FFF            // CJK unified ideographs
        | 0xAC00..=0xD7AF            // hangul syllables
        | 0xF900..=0xFAFF            // CJK compatibility ideographs
        | 0x20000..=0x3134F // CJK extensions B–G
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            fold(c, &mut |f| out.push(f));
        }
        out
    }

    #[test]
    fn full_width_and_case_fold_to_half_width_lower_case() {
        assert_eq!(folded("ＧＤＰ２０２３年"), "gdp2023年");
        assert_eq!(folded("ABC　def"), "abc def");
        assert_eq!(folded("３・１５"), "3·15");
        assert_eq!(folded("3•15"), "3·15");
        assert_eq!(folded("ΣΑΣ"), "σασ");
    }

    #[test]
    fn classes() {
        assert_eq!(class('陇'), Class::Cjk);
        assert_eq!(class('〇'), Class::Cjk);
        assert_eq!(class('カ'), Class::Cjk);
        assert_eq!(class('·'), Class::Joiner);
        assert_eq!(class('a'), Class::Word);
        assert_eq!(class('٣'), Class::Word);
        assert_eq!(class('\u{301}'), Class::Mark);
        for c in [' ', ',', '，', '。', '<', '😀', '\0', '\u{FFFD}', '*', '('] {
            assert_eq!(class(c), Class::Separator, "{c:?}");
        }
    }
}
