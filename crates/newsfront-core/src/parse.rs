//! Entry points: JSON text → version check → raw types → validated model.
//!
//! A UTF-8 byte order mark at the start (Windows tools write one) is dropped by every entry
//! point, as a browser's `response.text()` drops it, so the app, the validator and the
//! prerenderer read the same file the same way.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::cap_reason;
use crate::search::{DocShard, SearchManifest, TermShard};
use crate::validate::{self, ProblemCollector};
use crate::{limits, Article, CommentsFile, FeedError, ListPage, Problem, Site, FORMAT_VERSION};

/// Reads `site.json`; what the site can do without and is invalid lands in `skipped`.
pub fn parse_site(json: &str) -> Result<Site, FeedError> {
    run(
        json,
        (limits::SITE_FILE_BYTES, "site.json"),
        validate::validate_site,
    )
}

/// Reads a list page; items that fail validation land in `skipped`.
pub fn parse_list_page(json: &str) -> Result<ListPage, FeedError> {
    run(
        json,
        (limits::LIST_FILE_BYTES, "a list page"),
        validate::validate_list_page,
    )
}

/// Reads `articles/{id}.json`.
pub fn parse_article(json: &str) -> Result<Article, FeedError> {
    run(
        json,
        (limits::ARTICLE_FILE_BYTES, "an article file"),
        validate::validate_article,
    )
}

/// Reads `comments/{id}.json`. Replies nested deeper than
/// [`crate::limits::MAX_COMMENT_DEPTH`] are flattened; JSON nested deeper than
/// serde_json's limit (128 levels, about 60 reply levels) is refused as a syntax error.
pub fn parse_comments(json: &str) -> Result<CommentsFile, FeedError> {
    run(
        json,
        (limits::COMMENTS_FILE_BYTES, "a comments file"),
        validate::validate_comments,
    )
}

/// Reads `search/index.json`, the search index's manifest.
pub fn parse_search_manifest(json: &str) -> Result<SearchManifest, FeedError> {
    run(
        json,
        (limits::SEARCH_MANIFEST_BYTES, "a search manifest"),
        validate::validate_manifest,
    )
}

/// Reads term shard `shard` of the index `manifest` describes.
pub fn parse_term_shard(
    json: &str,
    manifest: &SearchManifest,
    shard: u32,
) -> Result<TermShard, FeedError> {
    run(
        json,
        (limits::SEARCH_TERM_SHARD_BYTES, "a search term shard"),
        |raw, p| validate::validate_term_shard(raw, manifest, shard, p),
    )
}

/// Reads document shard `shard` of the index `manifest` describes; invalid items land in
/// `skipped`.
pub fn parse_doc_shard(
    json: &str,
    manifest: &SearchManifest,
    shard: u32,
) -> Result<DocShard, FeedError> {
    run(
        json,
        (limits::SEARCH_DOC_SHARD_BYTES, "a search document shard"),
        |raw, p| validate::validate_doc_shard(raw, manifest, shard, p),
    )
}

fn run<R: DeserializeOwned, T>(
    json: &str,
    (max_bytes, kind): (usize, &str),
    validate: impl FnOnce(R, &mut ProblemCollector) -> Option<T>,
) -> Result<T, FeedError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.len() > max_bytes {
        return Err(FeedError::Invalid(vec![Problem::new(
            "",
            format!(
                "the file is {} bytes; {kind} may be at most {max_bytes} bytes",
                json.len()
            ),
        )]));
    }
    check_version(json)?;
    let raw: R = read(json)?;
    let mut problems = ProblemCollector::default();
    match validate(raw, &mut problems) {
        Some(v) if problems.0.is_empty() => Ok(v),
        _ if problems.0.is_empty() => Err(FeedError::Invalid(vec![Problem::new(
            "",
            "is invalid (no details recorded; this is a bug in newsfront-core)",
        )])),
        _ => Err(FeedError::Invalid(problems.0)),
    }
}

/// Looks at `format_version` before anything else, so that a newer feed is refused
/// with "update the app" rather than with whatever field it changed.
fn check_version(json: &str) -> Result<(), FeedError> {
    #[derive(Deserialize)]
    struct Probe {
        format_version: Option<serde_json::Value>,
    }
    let probe: Probe = read(json)?;
    match probe.format_version {
        None => Err(FeedError::Invalid(vec![Problem::new(
            "format_version",
            "is missing; every feed file must say which format it uses (1)",
        )])),
        Some(v) => match v.as_u64() {
            Some(n) if n == u64::from(FORMAT_VERSION) => Ok(()),
            Some(n) => Err(FeedError::UnsupportedVersion {
                found: u32::try_from(n).unwrap_or(u32::MAX),
                supported: FORMAT_VERSION,
            }),
            None => Err(FeedError::Invalid(vec![Problem::new(
                "format_version",
                format!(
                    "is {}; expected a whole number such as 1",
                    crate::error::quote(&v.to_string())
                ),
            )])),
        },
    }
}

fn read<R: DeserializeOwned>(json: &str) -> Result<R, FeedError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = if inner.to_string().starts_with("recursion limit exceeded") {
            format!("{inner} (the JSON nests too deeply; comments may nest about 60 levels)")
        } else {
            inner.to_string()
        };
        FeedError::Syntax {
            path: if path == "." || path == "?" {
                String::new()
            } else {
                path
            },
            message: cap_reason(message),
        }
    })?;
    de.end().map_err(|e| FeedError::Syntax {
        path: String::new(),
        message: cap_reason(e.to_string()),
    })?;
    Ok(value)
}
