//! Sharing an article the way the reader's environment allows: the WeChat ··· guide (and the
//! JS-SDK share card), the system share sheet, or the share panel (copy link, QR, Weibo, QQ).
//! Which one a tap opens is decided by the first stage (boot/first-stage.js, docs/sharing.md).

pub mod env;
pub mod panel;
pub mod qr;
pub mod wechat_guide;
pub mod wechat_sdk;

pub use env::install;
