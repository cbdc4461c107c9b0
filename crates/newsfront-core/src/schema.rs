//! JSON Schema (draft 7) of every feed file, generated from the [`crate::raw`] shapes.

use schemars::gen::SchemaSettings;
use schemars::schema::{RootSchema, SchemaObject, SubschemaValidation};

use crate::raw::{RawArticle, RawCommentsFile, RawListPage, RawSite};

/// One schema whose root accepts any of the four feed files; each file kind is also a
/// named definition (`RawSite`, `RawListPage`, `RawArticle`, `RawCommentsFile`).
pub fn feed_schema() -> serde_json::Value {
    let mut gen = SchemaSettings::draft07().into_generator();
    let files = vec![
        gen.subschema_for::<RawSite>(),
        gen.subschema_for::<RawListPage>(),
        gen.subschema_for::<RawArticle>(),
        gen.subschema_for::<RawCommentsFile>(),
    ];
    let mut root: RootSchema = gen.into_root_schema_for::<()>();
    let mut object = SchemaObject::default();
    object.metadata().title = Some(format!(
        "Newsfront feed, format_version {}",
        crate::FORMAT_VERSION
    ));
    object.metadata().description = Some(
        "Any one file of a Newsfront feed: site.json, a list page, an article or a comments file. \
         See docs/feed-format.md."
            .to_owned(),
    );
    object.subschemas = Some(Box::new(SubschemaValidation {
        any_of: Some(files),
        ..Default::default()
    }));
    root.schema = object;
    serde_json::to_value(root).expect("a schema is always serializable")
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_every_file_kind() {
        let s = super::feed_schema();
        let defs = s["definitions"].as_object().unwrap();
        for name in [
            "RawSite",
            "RawListPage",
            "RawArticle",
            "RawCommentsFile",
            "RawBlock",
        ] {
            assert!(defs.contains_key(name), "{name}");
        }
        assert_eq!(s["anyOf"].as_array().unwrap().len(), 4);
    }
}
