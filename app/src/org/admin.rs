//! `/admin`: the administrator's starting point, one card per administration page, so
//! the header keeps a single "Administration" link however many pages there are.

use kollegium_shared::org::access::administers;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::Allowed;
use crate::i18n::{K, use_i18n, use_title};
use crate::org::text::OrgText;

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
    use_title(OrgText::AdminTitle);
    view! {
        <section class="page admin">
            <h1>{move || i18n.t(OrgText::AdminTitle)}</h1>
            <Allowed rule=administers>
                <ul class="admin-cards">
                    {PAGES.iter().map(|&(href, title, text)| view! {
                        <li class="card">
                            <h2><A href=href>{move || i18n.t(title)}</A></h2>
                            <p>{move || i18n.t(text)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </Allowed>
        </section>
    }
}
