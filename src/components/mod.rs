//! Components shared by the routes; each file holds one component and its private helpers.

pub mod after_paint;
pub mod article_body;
pub mod article_content;
pub mod article_list;
pub mod comments;
pub mod error_panel;
pub mod lightbox;
pub mod list_view;
pub mod load;
pub mod not_found;
pub mod offline;
pub mod offline_page;
pub mod page_title;
pub mod picture;
pub mod saved_note;
pub mod search_results;
pub mod settings;
pub mod share;
pub mod site_header;
pub mod skeleton;
pub mod toast;
pub mod toolbar;
