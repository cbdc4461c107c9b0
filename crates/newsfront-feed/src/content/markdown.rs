//! Markdown body → feed blocks. Only what the contract can carry; raw HTML is an error.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use newsfront_core::{Block, Image, Link, Span};

/// A problem at a 0-based byte offset of the body.
#[derive(Debug, PartialEq, Eq)]
pub struct BodyProblem {
    pub offset: usize,
    pub message: String,
}

/// An image the body refers to; the builder fills in its size.
#[derive(Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// Index into the returned blocks.
    pub block: usize,
    pub src: String,
    pub offset: usize,
}

/// The converted body.
#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub images: Vec<ImageRef>,
    pub problems: Vec<BodyProblem>,
}

#[derive(Default)]
struct Inline {
    spans: Vec<Span>,
    bold: u32,
    italic: u32,
    link: Vec<Option<Link>>,
    pending_soft_break: bool,
    image: Option<(String, String, usize)>,
    in_image: bool,
    other_content: bool,
}

impl Inline {
    fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let mut text = text.to_owned();
        if std::mem::take(&mut self.pending_soft_break) {
            let prev_ascii = self
                .spans
                .last()
                .and_then(|s| s.text.chars().last())
                .is_some_and(|c| c.is_ascii_alphanumeric() || c.is_ascii_punctuation());
            let next_ascii = text.starts_with(|c: char| c.is_ascii_alphanumeric());
            if prev_ascii && next_ascii {
                text.insert(0, ' ');
            }
        }
        let link = self.link.last().cloned().flatten();
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        match self.spans.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic && last.link == link => {
                last.text.push_str(&text)
            }
            _ => self.spans.push(Span {
                text,
                bold,
                italic,
                link,
            }),
        }
    }

    fn take(&mut self) -> Vec<Span> {
        self.pending_soft_break = false;
        self.image = None;
        self.in_image = false;
        super::cjk_emphasis::pair_leftover_strong(std::mem::take(&mut self.spans))
    }
}

fn heading_level(level: HeadingLevel) -> Option<u8> {
    match level {
        HeadingLevel::H2 => Some(2),
        HeadingLevel::H3 => Some(3),
        HeadingLevel::H4 => Some(4),
        _ => None,
    }
}

/// Converts a Markdown body. Every problem is collected with its offset.
pub fn convert(body: &str) -> Body {
    let mut out = Body::default();
    let mut inline = Inline::default();
    let mut quote_depth = 0u32;
    let mut list: Option<(bool, Vec<Vec<Span>>)> = None;
    let mut list_depth = 0u32;
    let mut heading: Option<u8> = None;
    let problem = |out: &mut Body, offset: usize, message: String| {
        out.problems.push(BodyProblem { offset, message });
    };
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        let at = range.start;
        match event {
            Event::Start(Tag::Paragraph) => inline.other_content = false,
            Event::End(TagEnd::Paragraph) => {
                if list.is_some() {
                    // Loose list items hold paragraphs; keep collecting into the item.
                    inline.pending_soft_break = true;
                    continue;
                }
                if let Some((src, caption, offset)) = inline.image.take() {
                    if inline.other_content {
                        problem(
                            &mut out,
                            offset,
                            "an image must stand alone in its paragraph".to_owned(),
                        );
                        inline.take();
                        continue;
                    }
                    inline.take();
                    out.images.push(ImageRef {
                        block: out.blocks.len(),
                        src: src.clone(),
                        offset,
                    });
                    out.blocks.push(Block::Image {
                        image: Image {
                            alt: caption.clone(),
                            caption: (!caption.trim().is_empty()).then_some(caption),
                            ..Image::plain(src, 0, 0)
                        },
                    });
                    continue;
                }
                let spans = inline.take();
                if spans.iter().all(|s| s.text.trim().is_empty()) {
                    continue;
                }
                out.blocks.push(if quote_depth > 0 {
                    Block::Quote { spans }
                } else {
                    Block::Paragraph { spans }
                });
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = heading_level(level);
                if heading.is_none() {
                    problem(
                        &mut out,
                        at,
                        format!(
                            "heading level {} is not allowed; use ## to #### (the title is the only level 1)",
                            level as u8
                        ),
                    );
                }
                inline.take();
            }
            Event::End(TagEnd::Heading(_)) => {
                let spans = inline.take();
                if let Some(level) = heading.take() {
                    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                    out.blocks.push(Block::Heading {
                        level,
                        text: text.trim().to_owned(),
                    });
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                if list_depth > 1 {
                    problem(&mut out, at, "nested lists are not supported".to_owned());
                } else {
                    list = Some((start.is_some(), Vec::new()));
                }
            }
            Event::End(TagEnd::List(_)) => {
                list_depth -= 1;
                if list_depth == 0 {
                    if let Some((ordered, items)) = list.take() {
                        out.blocks.push(Block::List { ordered, items });
                    }
                }
            }
            Event::Start(Tag::Item) => {
                inline.take();
            }
            Event::End(TagEnd::Item) => {
                let spans = inline.take();
                if let Some((_, items)) = list.as_mut() {
                    if list_depth == 1 {
                        items.push(spans);
                    }
                }
            }
            Event::Start(Tag::Strong) => inline.bold += 1,
            Event::End(TagEnd::Strong) => inline.bold = inline.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => inline.italic += 1,
            Event::End(TagEnd::Emphasis) => inline.italic = inline.italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => match Link::parse(&dest_url) {
                Ok(link) => inline.link.push(Some(link)),
                Err(e) => {
                    problem(&mut out, at, e.to_string());
                    inline.link.push(None);
                }
            },
            Event::End(TagEnd::Link) => {
                inline.link.pop();
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if list.is_some() || quote_depth > 0 || heading.is_some() {
                    problem(
                        &mut out,
                        at,
                        "images are allowed only as a paragraph of their own".to_owned(),
                    );
                }
                if inline.image.is_some() {
                    inline.other_content = true;
                }
                if inline.spans.iter().any(|s| !s.text.trim().is_empty()) {
                    inline.other_content = true;
                }
                inline.image = Some((dest_url.to_string(), String::new(), at));
                inline.in_image = true;
            }
            Event::End(TagEnd::Image) => inline.in_image = false,
            Event::Text(text) | Event::Code(text) => {
                if inline.in_image {
                    if let Some((_, caption, _)) = inline.image.as_mut() {
                        caption.push_str(&text);
                    }
                    continue;
                }
                if inline.image.is_some() && !text.trim().is_empty() {
                    inline.other_content = true;
                }
                inline.push_text(&text);
            }
            Event::SoftBreak => inline.pending_soft_break = true,
            Event::HardBreak => inline.push_text("\n"),
            Event::Html(_) | Event::InlineHtml(_) => problem(
                &mut out,
                at,
                "raw HTML is not allowed in articles; use Markdown".to_owned(),
            ),
            Event::Start(Tag::CodeBlock(_)) => {
                problem(&mut out, at, "code blocks are not supported".to_owned())
            }
            Event::Rule => problem(
                &mut out,
                at,
                "horizontal rules (---) are not supported".to_owned(),
            ),
            Event::Start(Tag::HtmlBlock) | Event::End(_) | Event::Start(_) => {}
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> Vec<Block> {
        let body = convert(md);
        assert!(body.problems.is_empty(), "{:?}", body.problems);
        body.blocks
    }

    #[test]
    fn paragraphs_with_styles_and_links() {
        let b = blocks("Plain **bold** *it* [link](https://x.cn/) end.\n\nSecond\nline 中\n文");
        let Block::Paragraph { spans } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(spans.len(), 7, "{spans:?}");
        assert!(spans[1].bold && spans[1].text == "bold");
        assert!(spans[3].italic);
        assert_eq!(spans[5].link.as_ref().unwrap().as_str(), "https://x.cn/");
        let Block::Paragraph { spans } = &b[1] else {
            panic!()
        };
        assert_eq!(spans[0].text, "Second line 中文");
    }

    #[test]
    fn headings_quotes_lists_images() {
        let b = blocks("## H2\n\n> quoted\n\n- a\n- **b**\n\n1. one\n\n![说明](images/x.jpg)\n");
        assert_eq!(
            b[0],
            Block::Heading {
                level: 2,
                text: "H2".into()
            }
        );
        assert!(matches!(&b[1], Block::Quote { spans } if spans[0].text == "quoted"));
        assert!(matches!(&b[2], Block::List { ordered: false, items } if items.len() == 2));
        assert!(matches!(&b[3], Block::List { ordered: true, .. }));
        let Block::Image { image } = &b[4] else {
            panic!("{b:?}")
        };
        assert_eq!(
            (image.src.as_str(), image.alt.as_str()),
            ("images/x.jpg", "说明")
        );
        assert_eq!(image.caption.as_deref(), Some("说明"));
    }

    #[test]
    fn refuses_html_and_reports_where() {
        let body = convert("Hi\n\n<script>alert(1)</script>\n\nA <b>b</b>\n");
        assert_eq!(body.problems.len(), 3, "{:?}", body.problems);
        assert_eq!(body.problems[0].offset, 4);
        assert!(body.problems[0].message.contains("raw HTML"));
    }

    #[test]
    fn refuses_other_things() {
        for md in [
            "# H1",
            "![a](x.jpg) and text",
            "[x](javascript:alert(1))",
            "- a\n  - b",
            "---\n",
        ] {
            assert!(!convert(md).problems.is_empty(), "{md:?}");
        }
    }
}
