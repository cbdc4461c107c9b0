//! The Waline REST client: list, count and post over fetch with a timeout. URLs, bodies and
//! response parsing live in `newsfront_core::waline`; this module only moves bytes.

use std::fmt;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::*;
use newsfront_core::{
    waline::{self, CommentPage, PostBody, Posted, SortOrder},
    Zone,
};

use crate::{api::Deadline, strings};

#[derive(Clone, Debug, PartialEq)]
pub enum WalineError {
    Network,
    Timeout,
    Status(u16),
    /// The server refused, in its own words ("Duplicate Content", "Comment too fast!", …).
    Server(String),
    Malformed(String),
}

impl fmt::Display for WalineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalineError::Network => f.write_str(strings::COMMENT_ERR_NETWORK),
            WalineError::Timeout => f.write_str(strings::ERR_TIMEOUT),
            WalineError::Status(code) => write!(f, "{}(HTTP {code})", strings::COMMENT_ERR_SERVER),
            WalineError::Server(message) => {
                write!(f, "{}{message}", strings::COMMENT_SERVER_SAYS)
            }
            WalineError::Malformed(_) => f.write_str(strings::COMMENT_ERR_FORMAT),
        }
    }
}

impl std::error::Error for WalineError {}

impl From<waline::WalineError> for WalineError {
    fn from(e: waline::WalineError) -> Self {
        match e {
            waline::WalineError::Refused { .. } => WalineError::Server(e.to_string()),
            waline::WalineError::Malformed(detail) => WalineError::Malformed(detail),
        }
    }
}

/// One page of an article's comments (`path` = `waline::article_path`).
pub async fn list(
    server: &str,
    path: &str,
    page: u32,
    sort: SortOrder,
    zone: Zone,
) -> Result<CommentPage, WalineError> {
    let text = send(
        Request::get(&waline::list_url(server, path, page, sort)),
        None,
    )
    .await?;
    Ok(waline::parse_comment_page(&text, zone, strings::ANONYMOUS)?)
}

/// Comment counts of `paths`, in order.
pub async fn counts(server: &str, paths: &[String]) -> Result<Vec<u32>, WalineError> {
    let text = send(Request::get(&waline::count_url(server, paths)), None).await?;
    Ok(waline::parse_counts(&text, paths.len())?)
}

/// Posts a comment; the stored comment comes back (maybe awaiting moderation).
pub async fn post(server: &str, body: &PostBody, zone: Zone) -> Result<Posted, WalineError> {
    let json = serde_json::to_string(body).map_err(|e| WalineError::Malformed(e.to_string()))?;
    let text = send(Request::post(&waline::post_url(server)), Some(json)).await?;
    Ok(waline::parse_posted(&text, zone, strings::ANONYMOUS)?)
}

/// Sends with a timeout; a non-2xx answer becomes the server's message when it sent one.
async fn send(builder: RequestBuilder, json: Option<String>) -> Result<String, WalineError> {
    let deadline = Deadline::start();
    let signal = deadline.signal();
    let result = async {
        let builder = builder.abort_signal(signal.as_ref());
        let request = match json {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body)
                .map_err(|_| WalineError::Network)?,
            None => builder.build().map_err(|_| WalineError::Network)?,
        };
        let resp = request.send().await.map_err(|_| WalineError::Network)?;
        let ok = resp.ok();
        let status = resp.status();
        let text = resp.text().await.map_err(|_| WalineError::Network)?;
        if !ok {
            return Err(match waline::error_message(&text) {
                Some(message) => WalineError::Server(message),
                None => WalineError::Status(status),
            });
        }
        Ok(text)
    }
    .await;
    match result {
        Err(WalineError::Network) if deadline.finish() => Err(WalineError::Timeout),
        other => other,
    }
}

/// The browser's user agent, which Waline stores with a comment.
pub fn user_agent() -> String {
    window().navigator().user_agent().unwrap_or_default()
}
