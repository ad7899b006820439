//! `/grupper/mina`: "Mina grupper". Every group the person is in this school year, its
//! leaders, members with school and subject, and who documents next; and the subject
//! the person would like to meet colleagues in.

use kollegium_shared::groups::{Group, LearningSubject};
use kollegium_shared::org::SubjectItem;
use leptos::prelude::*;
use leptos_router::components::A;

use super::{
    GroupMeetings, MemberTable, group_subtitle, leader_names, leaders_label, next_documenter_name,
};
use crate::api::use_api;
use crate::components::{load_failure, loaded};
use crate::groups::text::GroupsText;
use crate::i18n::{K, use_i18n, use_title};
use crate::reference::{subject_label, use_reference};
use crate::session::use_session;

#[component]
pub fn MyGroupsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(GroupsText::MyGroupsTitle);
    let mine = LocalResource::new(move || async move { api.my_groups().await });
    let reference = use_reference();
    let subjects = reference.subjects();
    let wheel =
        LocalResource::new(move || async move { api.wheel(None).await.map(|w| w.activities) });

    view! {
        <section class="page my-groups">
            <h1>{move || i18n.t(GroupsText::MyGroupsTitle)}</h1>
            {load_failure(subjects)}
            {load_failure(wheel)}
            <Transition>
                {loaded(mine, move |mine| {
                    {
                        let subjects = reference.subject_list();
                        let activities = wheel.get().and_then(Result::ok).unwrap_or_default();
                        let Some(year) = mine.school_year else {
                            return view! { <p class="notice">{i18n.t(GroupsText::NoSchoolYear)}</p> }.into_any();
                        };
                        let empty = mine.groups.is_empty();
                        view! {
                            <p class="lead">{format!("{} {}", i18n.t(K::SchoolYear), year.name)}</p>
                            {empty.then(|| view! { <p class="notice">{i18n.t(GroupsText::NotInAnyGroup)}</p> })}
                            {mine.groups.into_iter().map(|g| view! { <MyGroupCard group=g subjects=subjects.clone() activities=activities.clone()/> }).collect_view()}
                            <LearningSubjectChoice current=mine.learning_subject subjects=subjects/>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn MyGroupCard(
    group: Group,
    subjects: Vec<SubjectItem>,
    activities: Vec<kollegium_shared::wheel::Activity>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let heading_id = format!("group-{}-heading", group.id.0);
    let href = format!("/grupper/{}", group.id.0);
    let next = next_documenter_name(&group);
    let title = group.name.clone();
    let subtitle = group_subtitle(&group, &subjects, lang);
    let labelled_by = heading_id.clone();
    view! {
        <section class="card group-card" aria-labelledby=labelled_by>
            <h2 id=heading_id><A href=href>{title}</A></h2>
            <p class="muted">{subtitle}</p>
            {(!group.description.is_empty()).then(|| view! { <p>{group.description.clone()}</p> })}
            <dl class="facts">
                <dt>{i18n.t(leaders_label(group.kind))}</dt>
                <dd>{leader_names(&group, i18n)}</dd>
                {next.map(|n| view! {
                    <dt>{i18n.t(GroupsText::GroupNextDocumenter)}</dt>
                    <dd>{n}</dd>
                })}
                <dt>{i18n.t(GroupsText::GroupMemberCount)}</dt>
                <dd>{group.members.len()}</dd>
            </dl>
            <GroupMeetings group=group.clone() activities=activities/>
            <MemberTable group=group subjects=subjects/>
        </section>
    }
}

/// For someone with several subjects: which one they would like to meet colleagues in
/// when learning groups are next formed (their first subject unless they choose).
#[component]
fn LearningSubjectChoice(current: Option<String>, subjects: Vec<SubjectItem>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let lang = i18n.lang.get_untracked();
    let mine: Vec<String> = session
        .me
        .with_untracked(|m| m.as_ref().map(|m| m.subjects.clone()))
        .unwrap_or_default();
    let chosen = RwSignal::new(current.clone().unwrap_or_default());
    let status = RwSignal::new(None::<String>);
    let save = Action::new_local(move |choice: &String| {
        let subject = (!choice.is_empty()).then(|| choice.clone());
        async move { api.set_learning_subject(&LearningSubject { subject }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            status.set(Some(match result {
                Ok(_) => i18n.t(K::Saved).to_owned(),
                Err(e) => e.message(i18n),
            }));
        }
    });
    (mine.len() > 1).then(|| {
        let first = subject_label(&subjects, &mine[0], lang);
        let options = mine
            .iter()
            .map(|code| {
                let label = subject_label(&subjects, code, lang);
                let selected = current.as_deref() == Some(code.as_str());
                view! { <option value=code.clone() selected=selected>{label}</option> }
            })
            .collect_view();
        view! {
            <form class="card form" aria-labelledby="learning-subject-heading"
                on:submit=move |ev| { ev.prevent_default(); status.set(None); save.dispatch(chosen.get_untracked()); }>
                <h2 id="learning-subject-heading">{i18n.t(GroupsText::LearningSubjectHeading)}</h2>
                <p class="field-hint" id="learning-subject-hint">{i18n.t(GroupsText::LearningSubjectHint)}</p>
                <div class="field">
                    <label for="learning-subject">{i18n.t(GroupsText::LearningSubjectLabel)}</label>
                    <select id="learning-subject" aria-describedby="learning-subject-hint"
                        on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="" selected=current.is_none()>{format!("{} ({first})", i18n.t(GroupsText::LearningSubjectFirst))}</option>
                        {options}
                    </select>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{i18n.t(K::Save)}</button>
                    <span class="form-status" role="status">{move || status.get()}</span>
                </div>
            </form>
        }
    })
}
