//! `validate` of the search index (`search/`, optional): the manifest, every shard it names and
//! nothing else, each read by the app's own parsers, and the indexed documents against the
//! feed's articles, so an index left over from an older build is reported.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use newsfront_core::paths::in_feed;
use newsfront_core::search::SearchManifest;
use newsfront_core::{parse_doc_shard, parse_search_manifest, parse_term_shard, Article, Problem};

use crate::validate::Checker;

/// Checks `search/` when the feed has it; returns the documents and shards of a readable index.
pub(crate) fn check_search(
    c: &mut Checker,
    articles: &BTreeMap<String, (String, Article)>,
) -> Option<(u32, u32)> {
    let manifest_rel = in_feed::search_manifest();
    if !c.root.join(&manifest_rel).is_file() {
        if c.root.join(in_feed::SEARCH_DIR).exists() {
            c.problem(
                in_feed::SEARCH_DIR,
                "has no index.json; the app says search is unavailable",
            );
        }
        return None;
    }
    let m = c.read(&manifest_rel, parse_search_manifest)?;
    unexpected_files(c, &m);
    for k in 0..m.term_shards {
        let rel = in_feed::search_term_shard(&m.version, k);
        c.read(&rel, |text| parse_term_shard(text, &m, k));
    }
    let mut indexed: BTreeSet<String> = BTreeSet::new();
    let mut last_published = i64::MAX;
    for k in 0..m.doc_shards() {
        let rel = in_feed::search_doc_shard(&m.version, k);
        let Some(shard) = c.read(&rel, |text| parse_doc_shard(text, &m, k)) else {
            continue;
        };
        let mut messages: Vec<String> = shard
            .skipped
            .iter()
            .map(|p: &Problem| format!("{p} (skipped: the app leaves the result out)"))
            .collect();
        for (i, doc) in shard.docs.iter().enumerate() {
            let Some(doc) = doc else { continue };
            let path = format!("items[{i}]");
            if !indexed.insert(doc.id.to_string()) {
                messages.push(format!("{path}.id: {:?} is indexed twice", doc.id.as_str()));
            }
            match articles.get(doc.id.as_str()) {
                None => messages.push(format!(
                    "{path}.id: there is no article {:?}; the index is out of date",
                    doc.id.as_str()
                )),
                Some((_, a)) if a.title != doc.title || a.published != doc.published => messages
                    .push(format!(
                        "{path}: differs from articles/{}.json (title or time); the index is \
                         out of date",
                        doc.id
                    )),
                Some(_) => {}
            }
            if doc.published.unix() > last_published {
                messages.push(format!(
                    "{path}.published: is newer than the document before it; documents are \
                     numbered newest first, which ranking relies on"
                ));
            }
            last_published = doc.published.unix();
        }
        c.problems_of(&rel, messages);
    }
    let missing: Vec<&str> = articles
        .keys()
        .filter(|id| !indexed.contains(*id))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        c.problem(
            &manifest_rel,
            format!(
                "{} articles are not in the index (first: {}); rebuild the feed so search finds \
                 them",
                missing.len(),
                missing[..missing.len().min(5)].join(", ")
            ),
        );
    }
    Some((m.docs, m.term_shards + m.doc_shards()))
}

/// Files in `search/` that the manifest does not name: another version's shards, or shards
/// beyond its counts.
fn unexpected_files(c: &mut Checker, m: &SearchManifest) {
    let root = c.root.join(in_feed::SEARCH_DIR);
    let names = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    for name in names(&root) {
        if name != "index.json" && name != m.version {
            c.problem(
                &format!("{}/{name}", in_feed::SEARCH_DIR),
                "is not part of the index search/index.json names",
            );
        }
    }
    let version = root.join(&m.version);
    for name in names(&version) {
        let (count, kind) = match name.as_str() {
            "t" => (m.term_shards, "term"),
            "d" => (m.doc_shards(), "document"),
            _ => {
                c.problem(
                    &format!("{}/{}/{name}", in_feed::SEARCH_DIR, m.version),
                    "is not part of the index",
                );
                continue;
            }
        };
        for file in names(&version.join(&name)) {
            let known = file
                .strip_suffix(".json")
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| n < count && format!("{n}.json") == file);
            if !known {
                c.problem(
                    &format!("{}/{}/{name}/{file}", in_feed::SEARCH_DIR, m.version),
                    format!("is not one of the index's {count} {kind} shards"),
                );
            }
        }
    }
}
