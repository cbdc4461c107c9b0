//! A QR code of a URL as inline SVG, drawn from the code's modules by our own view code.

use leptos::prelude::*;
use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin on each side; the QR spec asks for four.
const QUIET_ZONE: usize = 4;

/// SVG path data for the dark modules: one `h`-run per horizontal stretch of dark modules,
/// offset by the quiet zone. Returns the path and the side length in modules.
pub fn path_data(text: &str) -> Option<(String, usize)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                d.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    Some((d, width + 2 * QUIET_ZONE))
}

#[component]
pub fn QrCodeSvg(
    /// The text to encode (the article's canonical URL).
    text: String,
    /// Accessible name of the image.
    label: &'static str,
) -> impl IntoView {
    // Prerendered pages carry the code; the app loads the encoder as a chunk of its own.
    #[cfg(not(target_arch = "wasm32"))]
    {
        svg(path_data(&text), label)
    }
    // The panel stays hidden until 分享 is tapped, so the code waits for an idle moment rather
    // than lengthen the task after the article's paint; its place is kept meanwhile.
    #[cfg(target_arch = "wasm32")]
    {
        let load = send_wrapper::SendWrapper::new(async move {
            crate::dom::idle().await;
            crate::chunks::qr_path(text).await
        });
        view! {
            <Suspense fallback=|| view! { <div class="share-panel__qr-svg"></div> }>
                {Suspend::new(async move { svg(load.await.ok().flatten(), label) })}
            </Suspense>
        }
    }
}

fn svg(path: Option<(String, usize)>, label: &'static str) -> impl IntoView {
    path.map(|(d, side)| {
        view! {
            <svg class="share-panel__qr-svg" role="img" aria-label=label
                viewBox=format!("0 0 {side} {side}") shape-rendering="crispEdges"
                xmlns="http://www.w3.org/2000/svg">
                <rect class="share-panel__qr-bg" width=side.to_string() height=side.to_string()/>
                <path class="share-panel__qr-ink" d=d/>
            </svg>
        }
    })
}
