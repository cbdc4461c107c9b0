//! Renders the structured article body as data: text nodes only, never HTML from the feed.

use leptos::prelude::*;
use newsfront_core::{paths, Block, Image, Span};

use crate::{
    components::{
        lightbox::Lightbox,
        picture::{picture, Loading, BODY_SIZES},
    },
    dom::href,
};

/// An image among the body's first blocks is on a phone's first screen, below the title: the
/// first such one is the lead and loads before anything else; later images load lazily.
const LEAD_WITHIN_BLOCKS: usize = 3;

#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    let lead = blocks
        .iter()
        .take(LEAD_WITHIN_BLOCKS)
        .position(|b| matches!(b, Block::Image { .. }));
    view! {
        <div class="article__body">
            {blocks.into_iter().enumerate().map(|(i, b)| {
                let loading = if Some(i) == lead { Loading::Lead } else { Loading::Lazy };
                block(b, loading)
            }).collect_view()}
        </div>
        <Lightbox/>
    }
}

fn block(b: Block, loading: Loading) -> AnyView {
    match b {
        Block::Paragraph { spans } => view! { <p>{spans_view(spans)}</p> }.into_any(),
        Block::Heading { level, text } => match level {
            2 => view! { <h2>{text}</h2> }.into_any(),
            3 => view! { <h3>{text}</h3> }.into_any(),
            _ => view! { <h4>{text}</h4> }.into_any(),
        },
        Block::Quote { spans } => {
            view! { <blockquote><p>{spans_view(spans)}</p></blockquote> }.into_any()
        }
        Block::List { ordered, items } => {
            let lis = items
                .into_iter()
                .map(|spans| view! { <li>{spans_view(spans)}</li> })
                .collect_view();
            if ordered {
                view! { <ol>{lis}</ol> }.into_any()
            } else {
                view! { <ul>{lis}</ul> }.into_any()
            }
        }
        Block::Image { image } => figure(image, loading).into_any(),
    }
}

/// A figure whose image enlarges on tap: the first stage opens the lightbox with the largest copy,
/// named by `data-full`, on prerendered pages and in the app alike.
fn figure(image: Image, loading: Loading) -> impl IntoView {
    let caption = image.caption.clone();
    let full = paths::image(image.largest_src());
    let pic = picture(
        &image,
        &image.variants.scaled,
        BODY_SIZES,
        "figure__img",
        loading,
    );
    view! {
        <figure class="figure">
            <button class="figure__button picture" aria-label=crate::strings::IMAGE_VIEWER
                data-nf-enlarge="" data-full=full>
                {pic}
            </button>
            {caption.map(|c| view! { <figcaption class="figure__caption">{c}</figcaption> })}
        </figure>
    }
}

fn spans_view(spans: Vec<Span>) -> impl IntoView {
    spans.into_iter().map(span_view).collect_view()
}

fn span_view(span: Span) -> AnyView {
    let text = match (span.bold, span.italic) {
        (true, true) => view! { <strong><em>{span.text}</em></strong> }.into_any(),
        (true, false) => view! { <strong>{span.text}</strong> }.into_any(),
        (false, true) => view! { <em>{span.text}</em> }.into_any(),
        (false, false) => span.text.into_any(),
    };
    match span.link {
        None => text,
        Some(link) if link.is_external() => view! {
            <a href=link.as_str().to_string() target="_blank" rel="noopener noreferrer">{text}</a>
        }
        .into_any(),
        Some(link) => view! { <a href=href(link.as_str())>{text}</a> }.into_any(),
    }
}
