//! Reader preferences (font size, colour theme): the choices the settings panel offers. The first
//! stage (boot/first-stage.js) applies them as `<html data-font/data-theme>`, so CSS tokens do the
//! rest, and remembers them in localStorage (`nf.font`, `nf.theme`).

/// `data-font` values, smallest first; "m" is the default.
pub const FONT_STEPS: [&str; 4] = ["s", "m", "l", "xl"];
/// `data-theme` values; "auto" follows the system.
pub const THEMES: [&str; 3] = ["auto", "light", "dark"];
