//! Sharing an article the way the reader's environment allows: the WeChat ··· guide (and the
//! JS-SDK share card), the system share sheet, or the share panel (copy link, QR, Weibo, QQ).

pub mod env;
pub mod panel;
pub mod qr;
pub mod system;
pub mod wechat_guide;
pub mod wechat_sdk;

pub use env::install;
