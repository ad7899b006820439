//! Messages in a page: an error and a saved-or-done status. Both stay in the page
//! while empty, so that screen readers announce what appears in them.

use leptos::prelude::*;

/// An error the user must see, announced at once (`role="alert"`).
#[component]
pub fn ErrorText(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! { <p class="form-error" role="alert">{move || message.get()}</p> }
}

/// A status line ("Sparat", "Borttagen"), announced politely.
#[component]
pub fn StatusText(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! { <p class="flash" role="status">{move || message.get()}</p> }
}
