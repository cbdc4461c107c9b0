//! The one way a view waits for what it shows (data or a wasm chunk): at once when it is at
//! hand, otherwise the enclosing `<Suspense>`/`<Transition>` skeleton while it loads, then the
//! view, or the error with 重试, which starts a new attempt.

use std::future::Future;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::{api::ApiError, components::error_panel::ErrorPanel};

/// What the view does with an attempt's result.
type Outcome<T> = Box<dyn Fn(Result<T, ApiError>) -> AnyView + Send + Sync>;

/// What one attempt has to go on.
pub enum Attempt<T> {
    /// In memory or in the page: rendered without a skeleton in between.
    AtHand(T),
    /// Something to wait for, behind the skeleton.
    Pending(Box<dyn FnOnce(Outcome<T>) -> AnyView>),
}

impl<T: 'static> Attempt<T> {
    /// A fetch, run by a `LocalResource` so that leaving the page aborts it.
    pub fn fetch<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        T: Clone,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        Attempt::Pending(Box::new(move |outcome| {
            let data = LocalResource::new(fetch);
            Suspend::new(async move { outcome(data.await) }).into_any()
        }))
    }

    /// A one-shot load (a wasm chunk): nothing to abort, nothing to keep.
    pub fn once(load: impl Future<Output = Result<T, ApiError>> + 'static) -> Self {
        let load = SendWrapper::new(load);
        Attempt::Pending(Box::new(move |outcome| {
            Suspend::new(async move { outcome(load.await) }).into_any()
        }))
    }
}

/// The children of a `<Suspense>` or `<Transition>`: `attempt` runs reactively (the signals it
/// reads start a new attempt), `show` renders what it got, and an error is an [`ErrorPanel`].
pub fn load<T>(
    attempt: impl Fn() -> Attempt<T> + Send + Sync + 'static,
    show: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Send + Sync + 'static
where
    T: 'static,
{
    load_or(attempt, show, |error, retry| {
        let reload = error == ApiError::Version { older: false };
        view! { <ErrorPanel message=error.to_string() on_retry=retry reload/> }.into_any()
    })
}

/// [`load`] with the error shown by `failed`, which gets the error and the retry.
pub fn load_or<T>(
    attempt: impl Fn() -> Attempt<T> + Send + Sync + 'static,
    show: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
    failed: impl Fn(ApiError, Callback<()>) -> AnyView + Clone + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Send + Sync + 'static
where
    T: 'static,
{
    let tries = RwSignal::new(0u32);
    let retry = Callback::new(move |_| tries.update(|n| *n += 1));
    move || {
        tries.track();
        let (show, failed) = (show.clone(), failed.clone());
        let outcome: Outcome<T> = Box::new(move |result| match result {
            Ok(value) => show(value),
            Err(error) => failed(error, retry),
        });
        match attempt() {
            Attempt::AtHand(value) => outcome(Ok(value)),
            Attempt::Pending(wait) => wait(outcome),
        }
    }
}
