//! `/admin/skolor`: administrators add schools and change their name, stages, principal
//! and whether they are active. Changes carry the version they were based on.

use kollegium_shared::ids::{PersonId, SchoolId};
use kollegium_shared::org::access::administers;
use kollegium_shared::org::{NewSchool, School, SchoolPatch, StaffMember, Stage};
use leptos::prelude::*;

use super::staff::CheckGroup;
use crate::api::use_api;
use crate::components::{Allowed, ErrorText, FieldErrors, TextField, loaded};
use crate::i18n::{K, use_i18n, use_title};
use crate::org::text::OrgText;
use crate::reference::use_reference;

#[derive(Debug, Clone, PartialEq)]
enum Editing {
    New,
    Existing(School),
}

#[component]
pub fn SchoolsAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(K::SchoolsTitle);
    let editing = RwSignal::new(None::<Editing>);
    // The shared list: the directory's and the staff pages' school filters follow.
    let schools = use_reference().schools();
    // Those who can be named: principals and heads of operations.
    let principals = LocalResource::new(move || async move {
        let principals = api.staff("role=rektor&per_page=200").await?.items;
        let heads = api.staff("role=verksamhetschef&per_page=200").await?.items;
        Ok::<_, crate::api::ApiError>((principals, heads))
    });
    let done = Callback::new(move |()| {
        editing.set(None);
        schools.refetch();
    });

    let row = move |s: School| {
        let lang = i18n.lang.get();
        let stages = s
            .stages
            .iter()
            .map(|st| st.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        let principal = s.principal.as_ref().map_or_else(
            || i18n.t(OrgText::NoPrincipal).to_owned(),
            |p| p.name.clone(),
        );
        let status = if s.active {
            i18n.t(OrgText::Active)
        } else {
            i18n.t(K::Inactive)
        };
        let label = format!("{} {}", i18n.t(K::StaffEdit), s.name);
        let school = s.clone();
        view! {
            <tr class:inactive=!s.active>
                <td>{s.name.clone()}</td>
                <td>{stages}</td>
                <td>{principal}</td>
                <td>{status}</td>
                <td>
                    <button type="button" class="button button-secondary button-small" aria-label=label
                        on:click=move |_| editing.set(Some(Editing::Existing(school.clone())))>{i18n.t(K::StaffEdit)}</button>
                </td>
            </tr>
        }
    };

    view! {
        <section class="page schools-admin">
            <h1>{move || i18n.t(K::SchoolsTitle)}</h1>
            <Allowed rule=administers>
                <p class="lead">{move || i18n.t(OrgText::SchoolsIntro)}</p>
                <div class="toolbar">
                    <button type="button" class="button button-primary" on:click=move |_| editing.set(Some(Editing::New))>
                        {move || i18n.t(OrgText::SchoolAdd)}
                    </button>
                </div>
                {move || editing.get().map(|e| {
                    let school = match e { Editing::New => None, Editing::Existing(s) => Some(s) };
                    loaded(principals, move |(principals, heads)| view! { <SchoolForm school=school.clone() principals=principals heads=heads done=done/> })
                })}
                <Transition>
                    {loaded(schools, move |list| view! {
                            <div class="table-scroll">
                                <table class="staff-table">
                                    <thead><tr>
                                        <th scope="col">{i18n.t(K::Name)}</th>
                                        <th scope="col">{i18n.t(K::Stages)}</th>
                                        <th scope="col">{i18n.t(OrgText::Principal)}</th>
                                        <th scope="col">{i18n.t(OrgText::Status)}</th>
                                        <th scope="col"><span class="visually-hidden">{i18n.t(K::StaffEdit)}</span></th>
                                    </tr></thead>
                                    <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                                </table>
                            </div>
                    })}
                </Transition>
            </Allowed>
        </section>
    }
}

#[component]
fn SchoolForm(
    school: Option<School>,
    principals: Vec<StaffMember>,
    heads: Vec<StaffMember>,
    done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let is_new = school.is_none();
    let (id, version, active) = school
        .as_ref()
        .map_or((SchoolId(0), 0, true), |s| (s.id, s.version, s.active));
    let name = RwSignal::new(school.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let stages = RwSignal::new(
        school
            .as_ref()
            .map(|s| {
                s.stages
                    .iter()
                    .map(|st| st.code().to_owned())
                    .collect::<Vec<String>>()
            })
            .unwrap_or_default(),
    );
    let principal = RwSignal::new(
        school
            .as_ref()
            .and_then(|s| s.principal.as_ref())
            .map(|p| p.id.0.to_string())
            .unwrap_or_default(),
    );
    let head = RwSignal::new(
        school
            .as_ref()
            .and_then(|s| s.head.as_ref())
            .map(|p| p.id.0.to_string())
            .unwrap_or_default(),
    );
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);

    let collect = move || NewSchool {
        name: name.get_untracked(),
        stages: stages
            .get_untracked()
            .iter()
            .filter_map(|s: &String| Stage::from_code(s))
            .collect(),
        principal_id: principal.get_untracked().parse().ok().map(PersonId),
        head_id: head.get_untracked().parse().ok().map(PersonId),
    };
    let save = Action::new_local(move |toggle: &Option<bool>| {
        let toggle = *toggle;
        let new = collect();
        async move {
            if is_new {
                api.create_school(&new).await.map(|_| ())
            } else {
                let patch = match toggle {
                    Some(active) => SchoolPatch {
                        active: Some(active),
                        version,
                        ..Default::default()
                    },
                    None => SchoolPatch {
                        name: Some(new.name),
                        stages: Some(new.stages),
                        active: None,
                        principal_id: Some(new.principal_id),
                        head_id: Some(new.head_id),
                        version,
                    },
                };
                api.patch_school(id, &patch).await.map(|_| ())
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => done.run(()),
        Some(Err(e)) => errors.show_api_error(&e, form_error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if errors.accept(&collect(), form_error) {
            save.dispatch(None);
        }
    };
    let stage_options: Vec<(String, String)> = Stage::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.label(lang).to_owned()))
        .collect();
    let heading = if is_new {
        OrgText::SchoolNewHeading
    } else {
        OrgText::SchoolEditHeading
    };

    view! {
        <form class="card form staff-form" on:submit=on_submit novalidate=true aria-labelledby="school-form-heading">
            <h2 id="school-form-heading">{move || i18n.t(heading)}</h2>
            <ErrorText message=form_error/>
            <TextField name="name" label=Signal::derive(move || i18n.t(OrgText::SchoolName)) value=name errors=errors required=true/>
            <CheckGroup legend=Signal::derive(move || i18n.t(K::Stages)) name="stages" options=stage_options selected=stages errors=errors/>
            <div class="field">
                <label for="school-principal">{move || i18n.t(OrgText::Principal)}</label>
                <select id="school-principal" aria-describedby="field-principal_id-error" on:change=move |ev| { errors.clear("principal_id"); principal.set(event_target_value(&ev)); }>
                    <option value="" selected=principal.get_untracked().is_empty()>{i18n.t(OrgText::NoPrincipal)}</option>
                    {principals.into_iter().map(|p| {
                        let value = p.id.0.to_string();
                        let selected = principal.get_untracked() == value;
                        view! { <option value=value selected=selected>{p.name}</option> }
                    }).collect_view()}
                </select>
                <p class="field-error" id="field-principal_id-error" aria-live="polite">{move || errors.get("principal_id")}</p>
            </div>
            <div class="field">
                <label for="school-head">{move || i18n.t(OrgText::Head)}</label>
                <select id="school-head" aria-describedby="field-head_id-error" on:change=move |ev| { errors.clear("head_id"); head.set(event_target_value(&ev)); }>
                    <option value="" selected=head.get_untracked().is_empty()>{i18n.t(OrgText::NoHead)}</option>
                    {heads.into_iter().map(|p| {
                        let value = p.id.0.to_string();
                        let selected = head.get_untracked() == value;
                        view! { <option value=value selected=selected>{p.name}</option> }
                    }).collect_view()}
                </select>
                <p class="field-error" id="field-head_id-error" aria-live="polite">{move || errors.get("head_id")}</p>
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { i18n.t(K::Saving) } else { i18n.t(K::Save) }}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| done.run(())>{move || i18n.t(K::Cancel)}</button>
                {(!is_new).then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| { save.dispatch(Some(!active)); }>
                        {move || if active { i18n.t(OrgText::Deactivate) } else { i18n.t(OrgText::Activate) }}
                    </button>
                })}
            </div>
        </form>
    }
}
