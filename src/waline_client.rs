//! The Waline REST client: list, count and post over fetch with a timeout. URLs, bodies and
//! response parsing live in `newsfront_core::waline_api`; this module only moves bytes.

use std::fmt;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::*;
use newsfront_core::{
    waline_api::{self, CommentPage, PostBody, Posted, SortOrder, WalineResponseError},
    Zone,
};

use crate::{api::Deadline, strings};

#[derive(Clone, Debug, PartialEq)]
pub enum WalineRequestError {
    Network,
    Timeout,
    Status(u16),
    /// The server refused, in its own words ("Duplicate Content", "Comment too fast!", …).
    Server(String),
    Malformed(String),
}

impl fmt::Display for WalineRequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalineRequestError::Network => f.write_str(strings::COMMENT_ERR_NETWORK),
            WalineRequestError::Timeout => f.write_str(strings::ERR_TIMEOUT),
            WalineRequestError::Status(code) => {
                write!(f, "{}(HTTP {code})", strings::COMMENT_ERR_SERVER)
            }
            WalineRequestError::Server(message) => {
                write!(f, "{}{message}", strings::COMMENT_SERVER_SAYS)
            }
            WalineRequestError::Malformed(_) => f.write_str(strings::COMMENT_ERR_FORMAT),
        }
    }
}

impl std::error::Error for WalineRequestError {}

impl From<WalineResponseError> for WalineRequestError {
    fn from(e: WalineResponseError) -> Self {
        match e {
            WalineResponseError::Refused { .. } => WalineRequestError::Server(e.to_string()),
            WalineResponseError::Malformed(detail) => WalineRequestError::Malformed(detail),
        }
    }
}

/// One page of an article's comments (`path` = `waline_api::article_path`).
pub async fn list(
    server: &str,
    path: &str,
    page: u32,
    sort: SortOrder,
    zone: Zone,
) -> Result<CommentPage, WalineRequestError> {
    let text = send(
        Request::get(&waline_api::list_url(server, path, page, sort)),
        None,
    )
    .await?;
    Ok(waline_api::parse_comment_page(
        &text,
        zone,
        strings::ANONYMOUS,
    )?)
}

/// Comment counts of `paths`, in order.
pub async fn counts(server: &str, paths: &[String]) -> Result<Vec<u32>, WalineRequestError> {
    let text = send(Request::get(&waline_api::count_url(server, paths)), None).await?;
    Ok(waline_api::parse_counts(&text, paths.len())?)
}

/// Posts a comment; the stored comment comes back (maybe awaiting moderation).
pub async fn post(server: &str, body: &PostBody, zone: Zone) -> Result<Posted, WalineRequestError> {
    let json =
        serde_json::to_string(body).map_err(|e| WalineRequestError::Malformed(e.to_string()))?;
    let text = send(Request::post(&waline_api::post_url(server)), Some(json)).await?;
    Ok(waline_api::parse_posted(&text, zone, strings::ANONYMOUS)?)
}

/// Sends with a timeout; a non-2xx answer becomes the server's message when it sent one.
async fn send(builder: RequestBuilder, json: Option<String>) -> Result<String, WalineRequestError> {
    let deadline = Deadline::start();
    let signal = deadline.signal();
    let result = async {
        let builder = builder.abort_signal(signal.as_ref());
        let request = match json {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body)
                .map_err(|_| WalineRequestError::Network)?,
            None => builder.build().map_err(|_| WalineRequestError::Network)?,
        };
        let resp = request
            .send()
            .await
            .map_err(|_| WalineRequestError::Network)?;
        let ok = resp.ok();
        let status = resp.status();
        let text = resp.text().await.map_err(|_| WalineRequestError::Network)?;
        if !ok {
            return Err(match waline_api::error_message(&text) {
                Some(message) => WalineRequestError::Server(message),
                None => WalineRequestError::Status(status),
            });
        }
        Ok(text)
    }
    .await;
    match result {
        Err(WalineRequestError::Network) if deadline.finish() => Err(WalineRequestError::Timeout),
        other => other,
    }
}

/// The browser's user agent, which Waline stores with a comment.
pub fn user_agent() -> String {
    window().navigator().user_agent().unwrap_or_default()
}
