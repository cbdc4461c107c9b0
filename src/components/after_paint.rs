//! Renders its children once the rest of the page has been painted: for what sits below an
//! article's text (comments, toolbar), so the task that builds the page, at start-up or on an
//! in-app navigation, does not also build and compile those.

use leptos::prelude::*;

use crate::dom;

#[component]
pub fn AfterPaint(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    dom::after_paint(move || {
        // The page may be gone already (the reader navigated on): then nothing is left to show.
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
