//! Reader preferences (font size, colour theme), remembered in localStorage and applied as
//! attributes on <html> so CSS tokens do the rest.

use leptos::prelude::*;

use crate::dom;

const FONT_KEY: &str = "nf.font";
const THEME_KEY: &str = "nf.theme";
pub const FONT_STEPS: [&str; 4] = ["s", "m", "l", "xl"];
pub const THEMES: [&str; 3] = ["auto", "light", "dark"];

#[derive(Clone, Copy)]
pub struct Prefs {
    /// Index into `FONT_STEPS`.
    pub font: RwSignal<usize>,
    /// Index into `THEMES`.
    pub theme: RwSignal<usize>,
}

fn stored_index(key: &str, choices: &[&str], default: usize) -> usize {
    dom::load(key)
        .and_then(|v| choices.iter().position(|c| *c == v))
        .unwrap_or(default)
}

/// Loads the remembered preferences, keeps <html data-font/data-theme> and storage in sync.
pub fn use_prefs_root() -> Prefs {
    let prefs = Prefs {
        font: RwSignal::new(stored_index(FONT_KEY, &FONT_STEPS, 1)),
        theme: RwSignal::new(stored_index(THEME_KEY, &THEMES, 0)),
    };
    Effect::new(move |_| {
        let font = FONT_STEPS[prefs.font.get().min(FONT_STEPS.len() - 1)];
        let theme = THEMES[prefs.theme.get().min(THEMES.len() - 1)];
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-font", font);
            let _ = root.set_attribute("data-theme", theme);
        }
        dom::save(FONT_KEY, font);
        dom::save(THEME_KEY, theme);
    });
    provide_context(prefs);
    prefs
}

pub fn use_prefs() -> Prefs {
    expect_context::<Prefs>()
}
