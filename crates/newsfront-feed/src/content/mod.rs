//! Reading the source content directory's formats: site.toml, article Markdown with TOML
//! front matter, and comment TOML files. Nothing here touches the file system.

pub mod cjk_emphasis;
pub mod comments_toml;
pub mod front_matter;
pub mod markdown;
pub mod site_toml;

use crate::report::{line_of, FileProblem};

/// Turns a TOML error into a problem at the right line of `file`; `first_line` is the line
/// of `file` where `src` starts (front matter starts on line 2).
pub fn toml_problem(file: &str, src: &str, first_line: usize, e: &toml::de::Error) -> FileProblem {
    let line = e.span().map(|s| line_of(src, s.start) + first_line - 1);
    FileProblem::new(file, line, e.message().trim().to_owned())
}

/// A time written either as a TOML offset date-time or as a string, as RFC 3339 text.
pub fn time_text(v: &toml::Value) -> Result<String, String> {
    match v {
        toml::Value::Datetime(d) => Ok(d.to_string()),
        toml::Value::String(s) => Ok(s.clone()),
        other => Err(format!(
            "expected a date-time like 2023-03-08T19:37:00+08:00, found a {}",
            other.type_str()
        )),
    }
}
