//! The organisation: the colleague directory for everyone; schools, staff, subjects
//! and the staff import for administrators.

mod admin;
mod directory;
mod import;
mod schools;
mod staff;
mod subjects;

pub use admin::AdminPage;
pub use directory::DirectoryPage;
pub use import::ImportPage;
pub(crate) use import::{import_errors, read_file};
pub use schools::SchoolsAdminPage;
pub use staff::StaffAdminPage;
pub use subjects::SubjectsAdminPage;

use std::time::Duration;

use leptos::prelude::*;

/// How long typing must pause before a search is sent.
const SEARCH_PAUSE: Duration = Duration::from_millis(250);

/// An `input` handler for search as you type: `typed` follows every keystroke, and
/// `query` is set (after `on_settle`) only once typing pauses, so there is no request
/// per keystroke.
pub(crate) fn debounced_input(
    typed: RwSignal<String>,
    query: RwSignal<String>,
    on_settle: impl Fn() + Copy + 'static,
) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |ev| {
        let value = event_target_value(&ev);
        typed.set(value.clone());
        set_timeout(
            move || {
                if typed.get_untracked() == value {
                    on_settle();
                    query.set(value);
                }
            },
            SEARCH_PAUSE,
        );
    }
}

/// Adds `key=value` to a query string for each filter that is not blank, encoded.
pub(crate) fn push_filters(query: &mut Vec<String>, filters: &[(&str, String)]) {
    for (key, value) in filters {
        if !value.trim().is_empty() {
            query.push(format!(
                "{key}={}",
                String::from(js_sys::encode_uri_component(value.trim()))
            ));
        }
    }
}

/// The name of a subject code in `lang`, from the municipality's list (national and
/// its own); the code itself when the list does not know it.
pub(crate) fn subject_label(
    items: &[kollegium_shared::org::SubjectItem],
    code: &str,
    lang: kollegium_shared::i18n::Lang,
) -> String {
    items.iter().find(|s| s.code == code).map_or_else(
        || code.to_owned(),
        |s| {
            if lang == kollegium_shared::i18n::Lang::En {
                s.name_en.clone()
            } else {
                s.name.clone()
            }
        },
    )
}
