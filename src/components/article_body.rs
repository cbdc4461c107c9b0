//! Renders the structured article body as data: text nodes only, never HTML from the feed.

use leptos::prelude::*;
use newsfront_core::{paths, Block, Image, Span};

use crate::{components::lightbox::Lightbox, dom::href};

#[component]
pub fn ArticleBody(blocks: Vec<Block>) -> impl IntoView {
    view! {
        <div class="article__body">
            {blocks.into_iter().map(block).collect_view()}
        </div>
        <Lightbox/>
    }
}

fn block(b: Block) -> AnyView {
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
        Block::Image { image } => figure(image).into_any(),
    }
}

/// A figure whose image enlarges on tap (the first stage opens the lightbox with `data-full`).
fn figure(image: Image) -> impl IntoView {
    let caption = image.caption.clone();
    let full = paths::image(&image.src);
    view! {
        <figure class="figure">
            <button class="figure__button" aria-label=crate::strings::IMAGE_VIEWER
                data-nf-enlarge="" data-full=full>
                <img class="figure__img" src=paths::image(&image.src) alt=image.alt.clone()
                    width=image.width height=image.height loading="lazy" decoding="async"/>
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
