//! The checks every feed text goes through: length, control characters, line ends, and how many
//! combining marks sit on one character.

use unicode_normalization::char::is_combining_mark;

use super::Lines;
use crate::limits;

/// CRLF and lone CR line ends made LF (Windows and old Mac exports), so they are not refused
/// as control characters.
pub(super) fn unix_line_ends(value: String) -> String {
    if value.contains('\r') {
        value.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        value
    }
}

/// Why `value` is not an acceptable text of at most `max` characters, if it is not.
pub(super) fn text_problem(value: &str, max: usize, lines: Lines) -> Option<String> {
    let count = value.chars().count();
    if count > max {
        return Some(format!(
            "is {count} characters long; at most {max} are allowed"
        ));
    }
    let bad = value.chars().any(|c| match c {
        '\n' => lines == Lines::One,
        '\t' => false,
        c => c.is_control(),
    });
    if bad {
        return Some(
            if lines == Lines::One {
                "contains a line break or control character"
            } else {
                "contains a control character"
            }
            .to_owned(),
        );
    }
    let marks = most_stacked_marks(value);
    if marks > limits::MAX_COMBINING_MARKS {
        return Some(format!(
            "stacks {marks} combining marks on one character; at most {} are allowed",
            limits::MAX_COMBINING_MARKS
        ));
    }
    None
}

/// The longest run of combining marks (General Category M) in `value`.
pub(crate) fn most_stacked_marks(value: &str) -> usize {
    let (mut most, mut run) = (0, 0);
    for c in value.chars() {
        if is_combining_mark(c) {
            run += 1;
            most = most.max(run);
        } else {
            run = 0;
        }
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_counted_per_character() {
        // Vietnamese (NFD), Thai and Devanagari stay within the limit; a stack does not.
        for ok in ["Vie\u{0323}\u{0302}t", "น้ำ", "क्षि", "1\u{fe0f}\u{20e3}"] {
            assert!(
                most_stacked_marks(ok) <= limits::MAX_COMBINING_MARKS,
                "{ok}"
            );
        }
        let zalgo = format!("a{}", "\u{0301}".repeat(500));
        assert_eq!(most_stacked_marks(&zalgo), 500);
        assert!(text_problem(&zalgo, 1000, Lines::One)
            .unwrap()
            .starts_with("stacks 500 combining marks"));
    }

    #[test]
    fn line_ends_become_lf() {
        assert_eq!(unix_line_ends("a\r\nb\rc\n".into()), "a\nb\nc\n");
        assert_eq!(text_problem("a\nb", 10, Lines::Many), None);
        assert!(text_problem("a\u{0}b", 10, Lines::Many).is_some());
    }
}
