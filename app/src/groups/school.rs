//! `/grupper/skola`: a principal's view of which of the school's teachers are in which
//! groups this year (the steering group and administrators may pick any school).

use kollegium_shared::groups::SchoolRosterRow;
use kollegium_shared::org::{Role, SubjectItem};
use leptos::prelude::*;
use leptos_router::components::A;

use super::print_page;
use crate::api::use_api;
use crate::i18n::{K, use_i18n, use_title};
use crate::org::subject_label;
use crate::session::use_session;

#[component]
pub fn SchoolRosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(K::SchoolRosterTitle);
    let (sees_all, own): (bool, Vec<(i64, String)>) = session.me.with_untracked(|m| {
        m.as_ref().map_or((false, Vec::new()), |m| {
            (
                m.has_role(Role::Admin) || m.has_role(Role::Styrgrupp),
                m.schools.iter().map(|s| (s.id.0, s.name.clone())).collect(),
            )
        })
    });
    let schools = LocalResource::new(move || {
        let own = own.clone();
        async move {
            if sees_all {
                api.schools()
                    .await
                    .map(|l| {
                        l.into_iter()
                            .filter(|s| s.active)
                            .map(|s| (s.id.0, s.name))
                            .collect()
                    })
                    .unwrap_or(own)
            } else {
                own
            }
        }
    });
    let school = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if school.get_untracked().is_none()
            && let Some(list) = schools.get()
        {
            school.set(list.first().map(|(id, _)| *id));
        }
    });
    let rows = LocalResource::new(move || {
        let school = school.get();
        async move {
            match school {
                Some(s) => Some(api.school_roster(s).await),
                None => None,
            }
        }
    });
    let subjects =
        LocalResource::new(move || async move { api.subjects().await.unwrap_or_default() });

    let table = move |list: Vec<SchoolRosterRow>, subjects: Vec<SubjectItem>| {
        let lang = i18n.lang.get();
        let ungrouped = list.iter().filter(|r| r.groups.is_empty()).count();
        view! {
            {(ungrouped > 0).then(|| view! { <p class="notice">{format!("{ungrouped} {}", i18n.t(K::SchoolRosterUngrouped))}</p> })}
            <div class="table-scroll">
                <table class="staff-table">
                    <thead><tr>
                        <th scope="col">{i18n.t(K::Name)}</th>
                        <th scope="col">{i18n.t(K::Subjects)}</th>
                        <th scope="col">{i18n.t(K::SchoolRosterGroups)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|r| {
                            let subjects = r.subjects.iter().map(|c| subject_label(&subjects, c, lang)).collect::<Vec<_>>().join(", ");
                            let groups = if r.groups.is_empty() {
                                view! { <span class="warn-text">{i18n.t(K::SchoolRosterNone)}</span> }.into_any()
                            } else {
                                view! { <ul class="plain-list">{r.groups.into_iter().map(|g| view! {
                                    <li><A href=format!("/grupper/{}", g.id.0)>{g.name}</A>" "<span class="muted">{format!("({})", g.kind.label(lang))}</span></li>
                                }).collect_view()}</ul> }.into_any()
                            };
                            view! { <tr><td>{r.name}</td><td>{subjects}</td><td>{groups}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    };

    view! {
        <section class="page school-roster-page">
            <h1>{move || i18n.t(K::SchoolRosterTitle)}</h1>
            <p class="lead print-hidden">{move || i18n.t(K::SchoolRosterIntro)}</p>
            <div class="toolbar print-hidden">
                {move || {
                    let list = schools.get().unwrap_or_default();
                    (list.len() > 1).then(|| view! {
                        <div class="field">
                            <label for="school-roster-school">{i18n.t(K::FilterSchool)}</label>
                            <select id="school-roster-school" on:change=move |ev| school.set(event_target_value(&ev).parse().ok())>
                                {list.into_iter().map(|(id, name)| view! {
                                    <option value=id.to_string() selected=Some(id) == school.get_untracked()>{name}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })
                }}
                <button type="button" class="button button-secondary" on:click=move |_| print_page()>{move || i18n.t(K::Print)}</button>
            </div>
            <h2 class="print-only">{move || {
                let id = school.get();
                schools.get().unwrap_or_default().into_iter().find(|(s, _)| Some(*s) == id).map(|(_, n)| n)
            }}</h2>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t(K::Loading)}</p> }>
                {move || match rows.get().flatten() {
                    None => schools.get().is_some_and(|l| l.is_empty()).then(|| view! { <p class="notice">{i18n.t(K::SchoolRosterNoSchool)}</p> }.into_any()),
                    Some(Err(e)) => Some(view! { <p class="form-error" role="alert">{e.message(i18n)}</p> }.into_any()),
                    Some(Ok(list)) => Some(table(list, subjects.get().unwrap_or_default()).into_any()),
                }}
            </Transition>
        </section>
    }
}
