//! The reading-settings button and panel: font size steps and colour theme.

use leptos::prelude::*;

use crate::{
    prefs::{use_prefs, FONT_STEPS, THEMES},
    strings,
};

#[component]
pub fn SettingsButton() -> impl IntoView {
    let prefs = use_prefs();
    let open = RwSignal::new(false);
    // Browser only: the prerenderer builds this component natively, where web APIs panic.
    #[cfg(target_arch = "wasm32")]
    {
        let esc = window_event_listener(leptos::ev::keydown, move |e| {
            if e.key() == "Escape" {
                open.set(false);
            }
        });
        on_cleanup(move || esc.remove());
    }
    view! {
        <button
            class="icon-button settings__toggle"
            aria-label=strings::SETTINGS
            aria-expanded=move || open.get().to_string()
            aria-controls="settings-panel"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Aa"
        </button>
        <Show when=move || open.get()>
            <div class="settings__backdrop" on:click=move |_| open.set(false)></div>
            <div class="settings" id="settings-panel" role="dialog" aria-label=strings::SETTINGS>
                <fieldset class="settings__group">
                    <legend>{strings::FONT_SIZE}</legend>
                    {(0..FONT_STEPS.len()).map(|i| view! {
                        <button
                            class="chip"
                            data-font-step=FONT_STEPS[i]
                            aria-pressed=move || (prefs.font.get() == i).to_string()
                            on:click=move |_| prefs.font.set(i)
                        >{strings::FONT_SIZES[i]}</button>
                    }).collect_view()}
                </fieldset>
                <fieldset class="settings__group">
                    <legend>{strings::DARK_MODE}</legend>
                    {(0..THEMES.len()).map(|i| view! {
                        <button
                            class="chip"
                            data-theme-choice=THEMES[i]
                            aria-pressed=move || (prefs.theme.get() == i).to_string()
                            on:click=move |_| prefs.theme.set(i)
                        >{strings::THEME_CHOICES[i]}</button>
                    }).collect_view()}
                </fieldset>
                <button class="button settings__close" on:click=move |_| open.set(false)>{strings::CLOSE}</button>
            </div>
        </Show>
    }
}
