//! The index round trip: built from articles, read back with the app's parsers, searched.

use std::collections::HashMap;
use std::sync::Arc;

use super::*;
use crate::{parse_article, parse_doc_shard, parse_search_manifest, parse_term_shard, Article};

/// An article with a title, summary, editor's note and body paragraphs.
fn article(
    id: &str,
    published: &str,
    title: &str,
    summary: &str,
    note: &str,
    body: &[&str],
) -> Article {
    let body: Vec<serde_json::Value> = body
        .iter()
        .map(|p| serde_json::json!({"type": "paragraph", "spans": [{"text": p}]}))
        .collect();
    let note: Vec<&str> = if note.is_empty() { vec![] } else { vec![note] };
    let json = serde_json::json!({
        "format_version": 1, "id": id, "title": title, "subtitle": null, "category": "lxzx",
        "source": "网站编辑", "author": null, "published": published, "updated": null,
        "summary": summary, "cover": null, "editor_note": note, "body": body,
        "contributor": null, "tags": [], "related": [], "prev": null, "next": null,
        "comment_count": 0
    });
    parse_article(&json.to_string()).unwrap()
}

fn summary(a: &Article) -> crate::ArticleSummary {
    crate::ArticleSummary {
        id: a.id.clone(),
        title: a.title.clone(),
        summary: a.summary.clone(),
        cover: None,
        source: a.source.clone(),
        published: a.published,
        category: a.category.clone(),
        comment_count: a.comment_count,
    }
}

/// A built index read back as the app reads it.
struct Read {
    manifest: SearchManifest,
    terms: HashMap<u32, Arc<TermShard>>,
    docs: Vec<crate::ArticleSummary>,
}

fn build_and_read(articles: &[Article]) -> Read {
    let built = build_index(
        articles
            .iter()
            .map(|a| IndexDoc {
                article: a,
                summary: summary(a),
            })
            .collect(),
    );
    let files: HashMap<String, String> = built.files.into_iter().collect();
    let manifest = parse_search_manifest(&files["search/index.json"]).unwrap();
    assert_eq!(manifest, built.manifest);
    let mut terms = HashMap::new();
    for k in 0..manifest.term_shards {
        let text = &files[&crate::paths::in_feed::search_term_shard(&manifest.version, k)];
        terms.insert(k, Arc::new(parse_term_shard(text, &manifest, k).unwrap()));
    }
    let mut docs = Vec::new();
    for k in 0..manifest.doc_shards() {
        let text = &files[&crate::paths::in_feed::search_doc_shard(&manifest.version, k)];
        let shard = parse_doc_shard(text, &manifest, k).unwrap();
        assert!(shard.skipped.is_empty());
        docs.extend(shard.docs.into_iter().map(Option::unwrap));
    }
    assert_eq!(
        files.len(),
        1 + (manifest.term_shards + manifest.doc_shards()) as usize
    );
    Read {
        manifest,
        terms,
        docs,
    }
}

impl Read {
    fn ids(&self, query: &str) -> Vec<String> {
        let q = Query::parse(query).unwrap();
        search(&q, &self.manifest, |k| self.terms.get(&k).cloned())
            .into_iter()
            .map(|d| self.docs[d as usize].id.to_string())
            .collect()
    }
}

fn corpus() -> Vec<Article> {
    vec![
        article(
            "old-body",
            "2023-01-01T08:00:00+08:00",
            "县城新闻",
            "",
            "",
            &["今年陇县社火演出时间定在正月十五。"],
        ),
        article(
            "new-body",
            "2023-03-01T08:00:00+08:00",
            "春季消息",
            "",
            "",
            &["陇县社火演出时间公布"],
        ),
        article(
            "note",
            "2023-02-01T08:00:00+08:00",
            "文化活动",
            "社火演出时间确定",
            "",
            &["详见正文"],
        ),
        article(
            "title",
            "2022-12-01T08:00:00+08:00",
            "社火演出时间表",
            "",
            "",
            &["内容"],
        ),
        article(
            "apart",
            "2023-04-01T08:00:00+08:00",
            "陇州社火",
            "",
            "",
            &["演出时间待定"],
        ),
        article(
            "mixed",
            "2023-03-15T08:00:00+08:00",
            "３·１５消费者权益日",
            "2023年活动",
            "编者按:宝鸡市陈仓区",
            &["ＧＤＰ增长"],
        ),
    ]
}

#[test]
fn title_beats_note_beats_body_and_newer_breaks_ties() {
    let index = build_and_read(&corpus());
    assert_eq!(
        index.ids("社火演出时间"),
        ["title", "note", "new-body", "old-body", "apart"]
    );
}

#[test]
fn mixed_scripts_and_full_width_forms_are_found() {
    let index = build_and_read(&corpus());
    assert_eq!(index.ids("3·15"), ["mixed"]);
    assert_eq!(index.ids("2023年"), ["mixed"]);
    assert_eq!(index.ids("gdp"), ["mixed"]);
    assert_eq!(index.ids("ＧＤＰ增长"), ["mixed"]);
    assert_eq!(index.ids("宝鸡市陈仓区"), ["mixed"]);
    assert_eq!(index.ids("陈仓"), ["mixed"]);
    assert!(index.ids("房价").is_empty());
}

#[test]
fn documents_are_numbered_newest_first() {
    let index = build_and_read(&corpus());
    let published: Vec<i64> = index.docs.iter().map(|d| d.published.unix()).collect();
    let mut sorted = published.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, sorted);
}

#[test]
fn many_documents_spread_over_shards() {
    let articles: Vec<Article> = (0..300)
        .map(|i| {
            let body = format!("第{i}号文章。陇县各项事业稳步推进,编号{}。", i * 7919);
            article(
                &format!("a{i}"),
                &format!("2023-01-01T{:02}:{:02}:00+08:00", i / 60, i % 60),
                &format!("标题{i}"),
                "",
                "",
                &[&body],
            )
        })
        .collect();
    let index = build_and_read(&articles);
    assert!(index.manifest.term_shards > 1, "{:?}", index.manifest);
    assert_eq!(
        index.manifest.doc_shards(),
        300_u32.div_ceil(DOC_SHARD_SIZE)
    );
    assert_eq!(index.ids("第123号"), ["a123"]);
    let all = index.ids("陇县");
    assert_eq!(all.len(), 300);
    assert_eq!(all[0], "a299", "the newest first");
}

#[test]
fn shards_refuse_what_does_not_belong() {
    let index = build_and_read(&corpus());
    let m = &SearchManifest {
        term_shards: 8,
        ..index.manifest.clone()
    };
    let misplaced = (m.term_shard_of("陇县") + 1) % 8;
    let json = r#"{"format_version":1,"terms":{"陇县":[[0]]}}"#;
    let e = parse_term_shard(json, m, misplaced).unwrap_err();
    assert!(e.to_string().contains("belongs in term shard"), "{e}");
    let own = m.term_shard_of("陇县");
    let e =
        parse_term_shard(r#"{"format_version":1,"terms":{"陇县":[[0,0]]}}"#, m, own).unwrap_err();
    assert!(e.to_string().contains("repeats a document"), "{e}");
    let e =
        parse_term_shard(r#"{"format_version":1,"terms":{"陇县":[[99]]}}"#, m, own).unwrap_err();
    assert!(e.to_string().contains("goes past"), "{e}");
    let e = parse_doc_shard(r#"{"format_version":1,"first":0,"items":[]}"#, m, 0).unwrap_err();
    assert!(e.to_string().contains("holds documents"), "{e}");
    let e = parse_search_manifest(
        r#"{"format_version":1,"version":"../x","docs":1,"term_shards":3,"doc_shard_size":0,"tokenizer":2}"#,
    )
    .unwrap_err();
    let text = e.to_string();
    for part in ["version", "power of two", "doc_shard_size", "tokenizer"] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn a_bad_document_is_skipped_in_its_place() {
    let index = build_and_read(&corpus());
    let m = SearchManifest {
        docs: 2,
        doc_shard_size: 8,
        ..index.manifest.clone()
    };
    let good = serde_json::to_string(&index.docs[0]).unwrap();
    let json = format!(r#"{{"format_version":1,"first":0,"items":[{{"id":"BAD"}},{good}]}}"#);
    let shard = parse_doc_shard(&json, &m, 0).unwrap();
    assert!(shard.doc(0).is_none());
    assert_eq!(shard.doc(1).unwrap().id, index.docs[0].id);
    assert_eq!(shard.skipped.len(), 1);
}
