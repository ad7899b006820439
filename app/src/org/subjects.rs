//! `/admin/amnen`: the national subjects, and the subjects or areas the municipality
//! adds of its own (for example "Elevhälsa"), which then appear in every picker.

use kollegium_shared::org::access::administers;
use kollegium_shared::org::{NewSubject, SubjectItem};
use kollegium_shared::validation::Validate;
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::{Allowed, FieldErrors, TextField, loaded};
use crate::i18n::{K, use_i18n, use_title};
use crate::org::text::OrgText;
use crate::reference::use_reference;

#[component]
pub fn SubjectsAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(K::SubjectsTitle);
    // The shared list: every picker of the app sees an added subject.
    let subjects = use_reference().subjects();

    let name = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let added = RwSignal::new(None::<String>);
    let save = Action::new_local(move |new: &NewSubject| {
        let new = new.clone();
        async move { api.create_subject(&new).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(item)) => {
            added.set(Some(item.name));
            name.set(String::new());
            subjects.refetch();
        }
        Some(Err(e)) => errors.set(e.field().unwrap_or("name"), e.message(i18n)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let new = NewSubject {
            name: name.get_untracked(),
        };
        let broken = new.validate();
        errors.set_rules(&broken);
        if broken.is_empty() {
            save.dispatch(new);
        }
    };
    let list = move |items: Vec<SubjectItem>| {
        let en = i18n.lang.get() == kollegium_shared::i18n::Lang::En;
        items
            .into_iter()
            .map(|s| view! { <li>{if en { s.name_en } else { s.name }}</li> })
            .collect_view()
    };

    view! {
        <section class="page subjects-admin">
            <h1>{move || i18n.t(K::SubjectsTitle)}</h1>
            <Allowed rule=administers>
                <p class="lead">{move || i18n.t(OrgText::SubjectsIntro)}</p>
                <form class="card form inline-form" on:submit=on_submit novalidate=true aria-labelledby="subject-form-heading">
                    <h2 id="subject-form-heading">{move || i18n.t(OrgText::SubjectAdd)}</h2>
                    <TextField name="name" label=Signal::derive(move || i18n.t(OrgText::SubjectName)) value=name errors=errors required=true/>
                    <div class="actions">
                        <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                            {move || if save.pending().get() { i18n.t(K::Saving) } else { i18n.t(OrgText::SubjectAdd) }}
                        </button>
                    </div>
                    <p class="form-success" role="status">
                        {move || added.get().map(|n| format!("{} {n}", i18n.t(OrgText::SubjectAdded)))}
                    </p>
                </form>
                <Transition>
                    {loaded(subjects, move |all| {
                        {
                            let (own, national): (Vec<_>, Vec<_>) = all.into_iter().partition(|s| s.custom);
                            view! {
                                <div class="two-columns">
                                    <section class="card" aria-labelledby="own-subjects">
                                        <h2 id="own-subjects">{i18n.t(OrgText::SubjectsOwn)}</h2>
                                        {if own.is_empty() {
                                            view! { <p class="muted">{i18n.t(K::NoneYet)}</p> }.into_any()
                                        } else {
                                            view! { <ul class="subject-list own-subjects">{list(own)}</ul> }.into_any()
                                        }}
                                    </section>
                                    <section class="card" aria-labelledby="national-subjects">
                                        <h2 id="national-subjects">{i18n.t(OrgText::SubjectsNational)}</h2>
                                        <ul class="subject-list">{list(national)}</ul>
                                    </section>
                                </div>
                            }
                        }
                    })}
                </Transition>
            </Allowed>
        </section>
    }
}
