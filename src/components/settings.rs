//! The reading-settings button and its panel (font size steps, colour theme). Markup only: the
//! first stage (boot/first-stage.js) opens it, applies a choice and remembers it, on prerendered
//! pages and in the app alike.

use leptos::prelude::*;

use crate::{
    prefs::{FONT_STEPS, THEMES},
    strings,
};

#[component]
pub fn SettingsButton() -> impl IntoView {
    view! {
        <button class="icon-button settings__toggle" data-nf-settings="" aria-label=strings::SETTINGS
            aria-expanded="false" aria-controls="settings-panel">
            "Aa"
        </button>
        <div class="settings__backdrop" hidden></div>
        <div class="settings" id="settings-panel" role="dialog" aria-label=strings::SETTINGS hidden>
            <fieldset class="settings__group">
                <legend>{strings::FONT_SIZE}</legend>
                {FONT_STEPS.iter().zip(strings::FONT_SIZES).map(|(step, label)| view! {
                    <button class="chip" data-font-step=*step aria-pressed="false">{label}</button>
                }).collect_view()}
            </fieldset>
            <fieldset class="settings__group">
                <legend>{strings::DARK_MODE}</legend>
                {THEMES.iter().zip(strings::THEME_CHOICES).map(|(theme, label)| view! {
                    <button class="chip" data-theme-choice=*theme aria-pressed="false">{label}</button>
                }).collect_view()}
            </fieldset>
            <button class="button settings__close" data-nf-close="">{strings::CLOSE}</button>
        </div>
    }
}
