//! A page part for some roles only: its content when the signed-in person's roles allow
//! it (by the same `access` rule the server checks), else a short notice.

use kollegium_shared::org::Role;
use leptos::prelude::*;

use crate::i18n::{K, use_i18n};
use crate::session::use_session;

/// `children` when `rule` allows the signed-in person, else "not allowed".
#[component]
pub fn Allowed(rule: fn(&[Role]) -> bool, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Show when=move || session.may(rule) fallback=move || view! { <p class="notice" role="alert">{i18n.t(K::NotAllowed)}</p> }>
            {children()}
        </Show>
    }
}
