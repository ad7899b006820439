//! Reference data many pages need, loaded once per sign-in and shared through context:
//! the municipality's subjects (national and its own), its schools and its school
//! years. The first page that asks fetches; the others reuse the answer. A page that
//! changes one of them (an administrator adds a school) refetches it, and a new
//! sign-in refetches all. The signed-in person is the session's (`Session::me`).

use kollegium_shared::groups::SchoolYear;
use kollegium_shared::i18n::Lang;
use kollegium_shared::org::{School, SubjectItem};
use leptos::prelude::*;

use crate::api::{ApiError, use_api};
use crate::session::use_session;

/// A list loaded through the API.
pub type Loaded<T> = LocalResource<Result<Vec<T>, ApiError>>;

/// The shared reference data, provided as context.
#[derive(Clone, Copy)]
pub struct Reference {
    owner: StoredValue<Owner, LocalStorage>,
    subjects: StoredValue<Option<Loaded<SubjectItem>>>,
    schools: StoredValue<Option<Loaded<School>>>,
    years: StoredValue<Option<Loaded<SchoolYear>>>,
}

impl Reference {
    /// Provides the context; nothing is fetched until a page asks.
    pub fn provide() {
        let owner = Owner::current().expect("provided inside the app");
        provide_context(Reference {
            owner: StoredValue::new_local(owner),
            subjects: StoredValue::new(None),
            schools: StoredValue::new(None),
            years: StoredValue::new(None),
        });
    }

    /// The resource kept in `slot`, made under the app's owner the first time (so it
    /// outlives the page that asked), refetched whenever the session changes.
    fn shared<T, F, Fut>(self, slot: StoredValue<Option<Loaded<T>>>, fetch: F) -> Loaded<T>
    where
        T: Send + Sync + 'static,
        F: Fn(crate::api::Api) -> Fut + Copy + 'static,
        Fut: std::future::Future<Output = Result<Vec<T>, ApiError>> + 'static,
    {
        if let Some(resource) = slot.get_value() {
            return resource;
        }
        let resource = self.owner.with_value(|owner| {
            owner.with(|| {
                let api = use_api();
                let session = use_session();
                LocalResource::new(move || {
                    // Again for a new sign-in (another person, maybe another
                    // municipality); nothing while signed out.
                    let signed_in = session.token_tracked().is_some();
                    async move {
                        if signed_in {
                            fetch(api).await
                        } else {
                            Ok(Vec::new())
                        }
                    }
                })
            })
        });
        slot.set_value(Some(resource));
        resource
    }

    /// The municipality's subjects: the national list, then its own.
    pub fn subjects(self) -> Loaded<SubjectItem> {
        self.shared(self.subjects, |api| async move { api.subjects().await })
    }

    /// The municipality's schools.
    pub fn schools(self) -> Loaded<School> {
        self.shared(self.schools, |api| async move { api.schools().await })
    }

    /// The municipality's school years, newest first.
    pub fn school_years(self) -> Loaded<SchoolYear> {
        self.shared(self.years, |api| async move { api.school_years().await })
    }

    /// The active schools as a select's (id, name) options, as loaded so far.
    pub fn school_options(self) -> Vec<(String, String)> {
        self.schools()
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|s| s.active)
            .map(|s| (s.id.to_string(), s.name))
            .collect()
    }

    /// The subjects as a select's (code, name in `lang`) options, as loaded so far.
    pub fn subject_options(self, lang: Lang) -> Vec<(String, String)> {
        let items = self.subject_list();
        items
            .iter()
            .map(|s| (s.code.clone(), subject_label(&items, &s.code, lang)))
            .collect()
    }

    /// The subjects as loaded so far (empty while loading or after a failed load: for
    /// naming a subject code, where the code itself is the fallback).
    pub fn subject_list(self) -> Vec<SubjectItem> {
        self.subjects()
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
    }
}

/// The reference data context.
pub fn use_reference() -> Reference {
    expect_context::<Reference>()
}

/// The name of a subject code in `lang`, from the municipality's list (national and
/// its own); the code itself when the list does not know it.
pub fn subject_label(items: &[SubjectItem], code: &str, lang: Lang) -> String {
    items.iter().find(|s| s.code == code).map_or_else(
        || code.to_owned(),
        |s| {
            if lang == Lang::En {
                s.name_en.clone()
            } else {
                s.name.clone()
            }
        },
    )
}
