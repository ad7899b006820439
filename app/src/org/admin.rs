//! `/admin`: the administrator's starting point, one card per administration page, so
//! the header keeps a single "Administration" link however many pages there are.

use kollegium_shared::org::Role;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{K, use_i18n, use_title};
use crate::session::use_session;

/// The administration pages, with their path, title and one-line description.
const PAGES: &[(&str, K, K)] = &[
    ("/admin/personal", K::StaffTitle, K::AdminStaffText),
    ("/admin/skolor", K::SchoolsTitle, K::AdminSchoolsText),
    ("/admin/amnen", K::SubjectsTitle, K::AdminSubjectsText),
    ("/admin/import", K::ImportTitle, K::AdminImportText),
    ("/admin/utkorg", K::OutboxTitle, K::AdminOutboxText),
];

#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(K::AdminTitle);
    let is_admin = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.has_role(Role::Admin)))
    };
    view! {
        <section class="page admin">
            <h1>{move || i18n.t(K::AdminTitle)}</h1>
            <Show when=is_admin fallback=move || view! { <p class="notice" role="alert">{i18n.t(K::NotAllowed)}</p> }>
                <ul class="admin-cards">
                    {PAGES.iter().map(|&(href, title, text)| view! {
                        <li class="card">
                            <h2><A href=href>{move || i18n.t(title)}</A></h2>
                            <p>{move || i18n.t(text)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
