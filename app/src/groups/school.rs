//! `/grupper/skola`: a principal's view of which of the school's teachers are in which
//! groups this year (the steering group and administrators may pick any school).

use kollegium_shared::groups::SchoolRosterRow;
use kollegium_shared::groups::access::sees_every_school;
use kollegium_shared::ids::SchoolId;
use kollegium_shared::org::SubjectItem;
use leptos::prelude::*;
use leptos_router::components::A;

use super::print_page;
use crate::api::use_api;
use crate::components::{LoadError, Loading, load_failure};
use crate::groups::text::GroupsText;
use crate::i18n::{K, use_i18n, use_title};
use crate::reference::{subject_label, use_reference};
use crate::session::use_session;

#[component]
pub fn SchoolRosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(GroupsText::SchoolRosterTitle);
    let reference = use_reference();
    let sees_all = session.may_untracked(sees_every_school);
    let own: Vec<(SchoolId, String)> = session.me.with_untracked(|m| {
        m.as_ref().map_or_else(Vec::new, |m| {
            m.schools.iter().map(|s| (s.id, s.name.clone())).collect()
        })
    });
    // The steering group and administrators choose among every active school; a
    // principal among their own.
    let all_schools = reference.schools();
    let schools = Signal::derive(move || -> Option<Vec<(SchoolId, String)>> {
        if sees_all {
            all_schools.get().and_then(Result::ok).map(|l| {
                l.into_iter()
                    .filter(|s| s.active)
                    .map(|s| (s.id, s.name))
                    .collect()
            })
        } else {
            Some(own.clone())
        }
    });
    let school = RwSignal::new(None::<SchoolId>);
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
    let subjects = reference.subjects();

    let table = move |list: Vec<SchoolRosterRow>, subjects: Vec<SubjectItem>| {
        let lang = i18n.lang.get();
        let ungrouped = list.iter().filter(|r| r.groups.is_empty()).count();
        view! {
            {(ungrouped > 0).then(|| view! { <p class="notice">{i18n.count(GroupsText::SchoolRosterUngrouped, ungrouped, &[&ungrouped])}</p> })}
            <div class="table-scroll">
                <table class="staff-table">
                    <thead><tr>
                        <th scope="col">{i18n.t(K::Name)}</th>
                        <th scope="col">{i18n.t(K::Subjects)}</th>
                        <th scope="col">{i18n.t(GroupsText::SchoolRosterGroups)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|r| {
                            let subjects = r.subjects.iter().map(|c| subject_label(&subjects, c, lang)).collect::<Vec<_>>().join(", ");
                            let groups = if r.groups.is_empty() {
                                view! { <span class="warn-text">{i18n.t(GroupsText::SchoolRosterNone)}</span> }.into_any()
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
            <h1>{move || i18n.t(GroupsText::SchoolRosterTitle)}</h1>
            <p class="lead print-hidden">{move || i18n.t(GroupsText::SchoolRosterIntro)}</p>
            {move || sees_all.then(|| load_failure(all_schools))}
            {load_failure(subjects)}
            <div class="toolbar print-hidden">
                {move || {
                    let list = schools.get().unwrap_or_default();
                    (list.len() > 1).then(|| view! {
                        <div class="field">
                            <label for="school-roster-school">{i18n.t(K::FilterSchool)}</label>
                            <select id="school-roster-school" on:change=move |ev| school.set(event_target_value(&ev).parse().ok())>
                                {list.into_iter().map(|(id, name)| view! {
                                    <option value=id.to_string() prop:selected=move || Some(id) == school.get()>{name}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })
                }}
                <button type="button" class="button button-secondary" on:click=move |_| print_page()>{move || i18n.t(K::Print)}</button>
            </div>
            <h2 class="school-roster-name">{move || {
                let id = school.get();
                schools.get().unwrap_or_default().into_iter().find(|(s, _)| Some(*s) == id).map(|(_, n)| n)
            }}</h2>
            <Transition fallback=move || view! { <Loading/> }>
                {move || match rows.get().flatten() {
                    None => schools.get().is_some_and(|l| l.is_empty()).then(|| view! { <p class="notice">{i18n.t(GroupsText::SchoolRosterNoSchool)}</p> }.into_any()),
                    Some(Err(e)) => Some(view! { <LoadError error=e retry=Callback::new(move |()| rows.refetch())/> }.into_any()),
                    Some(Ok(list)) => Some(table(list, reference.subject_list()).into_any()),
                }}
            </Transition>
        </section>
    }
}
