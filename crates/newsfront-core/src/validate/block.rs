//! A body block read by its `type`: serde's tagged enums lose the path inside a block, so the
//! tag is read first and then the block's own shape, which keeps `body[2].spans[5].text`.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{at, read_entry};
use crate::raw::RawBlock;
use crate::Problem;

/// The block types of format 1, a closed set.
const TYPES: &str = "paragraph, heading, image, quote or list";

pub(super) fn read_block(json: &RawValue, path: &str) -> Result<RawBlock, Problem> {
    #[derive(Deserialize)]
    struct Tag {
        #[serde(rename = "type")]
        kind: Option<String>,
    }
    let tag: Tag = read_entry(json, path)?;
    let Some(kind) = tag.kind else {
        return Err(Problem::new(
            at(path, "type"),
            format!("is missing; a block is one of {TYPES}"),
        ));
    };
    Ok(match kind.as_str() {
        "paragraph" => RawBlock::Paragraph(read_entry(json, path)?),
        "heading" => RawBlock::Heading(read_entry(json, path)?),
        "image" => RawBlock::Image(read_entry(json, path)?),
        "quote" => RawBlock::Quote(read_entry(json, path)?),
        "list" => RawBlock::List(read_entry(json, path)?),
        other => {
            return Err(Problem::new(
                at(path, "type"),
                format!("is {}; format 1 has {TYPES}", crate::error::quote(other)),
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> Box<RawValue> {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn problems_name_the_full_path() {
        let e = read_block(
            &raw(r#"{"type":"paragraph","spans":[{"text":"a"},{"text":"b","bold":"yes"}]}"#),
            "body[2]",
        )
        .unwrap_err();
        assert_eq!(e.path, "body[2].spans[1].bold");
        let e = read_block(
            &raw(r#"{"type":"list","ordered":true,"items":[[{"text":"a"}],[{"text":7}]]}"#),
            "body[0]",
        )
        .unwrap_err();
        assert_eq!(e.path, "body[0].items[1][0].text");
        let e = read_block(&raw(r#"{"type":"video"}"#), "body[1]").unwrap_err();
        assert_eq!(
            e.to_string(),
            "body[1].type: is \"video\"; format 1 has paragraph, heading, image, quote or list"
        );
        let e = read_block(&raw(r#"{"spans":[]}"#), "body[1]").unwrap_err();
        assert_eq!(e.path, "body[1].type");
        let e = read_block(&raw(r#""text""#), "body[3]").unwrap_err();
        assert_eq!(e.path, "body[3]");
        assert!(matches!(
            read_block(&raw(r#"{"type":"heading","level":2,"text":"t"}"#), "b"),
            Ok(RawBlock::Heading(_))
        ));
    }
}
