//! The Waline comment server's REST contract: request URLs and bodies, and responses read into
//! the feed's [`Comment`] model (replies nested by `pid`, text only, never markup).
//!
//! Checked against `@waline/vercel` 1.39.3 (`src/controller/comment.js`, `src/logic/comment.js`):
//! - every response is `{errno, errmsg, data}`; `errno != 0` is a refusal whose `errmsg` the
//!   reader should see ("Duplicate Content", "Comment too fast!", …);
//! - `GET /api/comment?path=&page=&pageSize=&sortBy=` → `data = {page, totalPages, pageSize,
//!   count, data: [root]}`, each root with every reply of its thread flattened into `children`
//!   (`pid` = the comment replied to, `rid` = the thread root); `time` is unix milliseconds;
//!   `comment` is HTML rendered from Markdown, `orig` (when present) the text as written;
//! - `GET /api/comment?type=count&url=a,b` → `data = [n, n]` (a bare number in the server's
//!   deprecated mode);
//! - `POST /api/comment` with `{comment, nick, mail, link, url, ua, pid, rid, at}` → `data` =
//!   the stored comment, `status: "waiting"` when it awaits moderation.
//!
//! A Newsfront article's Waline path is its route: `/a/{id}` (see [`article_path`]).

mod draft;
mod html_text;
mod response;
mod threads;
mod urls;

pub use draft::*;
pub use html_text::text_from_html;
pub use response::*;
pub use threads::{insert_posted, merge_page};
pub use urls::*;
