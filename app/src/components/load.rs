//! What a page shows while its data loads, and when loading fails: the error, in the
//! user's language, with a button to try again. A failed load is never shown as an
//! empty list.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{K, use_i18n};

/// "Laddar …", announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status">{move || i18n.t(K::Loading)}</p> }
}

/// Why something could not be loaded, and a way to try again.
#[component]
pub fn LoadError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let message = error.into_message(i18n);
    view! {
        <div class="alert alert-error load-error" role="alert">
            <p>{message}</p>
            <button type="button" class="button button-secondary" on:click=move |_| retry.run(())>
                {move || i18n.t(K::TryAgain)}
            </button>
        </div>
    }
}

/// Renders a resource: loading while it loads, the error with a retry when it failed,
/// else `show` of what was loaded.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => {
            view! { <LoadError error=error retry=Callback::new(move |()| resource.refetch())/> }
                .into_any()
        }
        Some(Ok(value)) => show(value).into_any(),
    }
}

/// Nothing while a resource loads or once it has; its error with a retry when it
/// failed: for data a page can show without (the options of a filter), whose failure
/// must still be seen.
pub fn load_failure<T>(resource: LocalResource<Result<T, ApiError>>) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    move || match resource.get() {
        Some(Err(error)) => Some(view! {
            <LoadError error=error retry=Callback::new(move |()| resource.refetch())/>
        }),
        _ => None,
    }
}

/// The options of a select from a loaded list: (value, label) pairs, none while it
/// loads or when it failed (see [`load_failure`]).
pub fn options_of<T>(
    resource: LocalResource<Result<Vec<T>, ApiError>>,
    option: impl Fn(T) -> Option<(String, String)> + Send + Sync + 'static,
) -> Signal<Vec<(String, String)>>
where
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || {
        resource
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter_map(&option)
            .collect()
    })
}
