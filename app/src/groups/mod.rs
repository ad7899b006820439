//! Groups: "Mina grupper" for everyone, a page per group (leaders, documenter rotation),
//! the steering group's roster with moves by drag and drop or the "Flytta till…" menu,
//! the formation of learning groups with a live preview, and the principal's roster
//! per school.

mod formation;
mod group;
mod mine;
mod roster;
mod school;
pub(crate) mod text;

pub use formation::FormationPage;
pub use group::GroupPage;
pub use mine::MyGroupsPage;
pub use roster::RosterPage;
pub use school::SchoolRosterPage;

use kollegium_shared::groups::{Group, GroupMember};
use kollegium_shared::i18n::Lang;
use kollegium_shared::org::SubjectItem;
use leptos::prelude::*;

use crate::components::load_failure;
use crate::format::activity_when;
use crate::i18n::{I18n, K, use_i18n};
use crate::reference::subject_label;
use text::GroupsText;

/// "Matematik · 4–6" for a learning group; the kind for the others.
fn group_subtitle(g: &Group, subjects: &[SubjectItem], lang: Lang) -> String {
    let mut parts = vec![g.kind.label(lang).to_owned()];
    if let Some(code) = &g.subject {
        parts.push(subject_label(subjects, code, lang));
    }
    if !g.stages.is_empty() {
        parts.push(
            g.stages
                .iter()
                .map(|s| s.label(lang))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    parts.join(" · ")
}

/// The member's schools, comma separated.
fn member_schools(m: &GroupMember) -> String {
    m.schools
        .iter()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The member's subjects by name, the priority subject first.
fn member_subjects(m: &GroupMember, subjects: &[SubjectItem], lang: Lang) -> String {
    m.subjects
        .iter()
        .map(|c| subject_label(subjects, c, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a group's leaders are called: a project has a process leader.
fn leaders_label(kind: kollegium_shared::groups::GroupKind) -> K {
    if kind == kollegium_shared::groups::GroupKind::Projektgrupp {
        K::GroupProcessLeaders
    } else {
        K::GroupLeaders
    }
}

/// The leaders' names, or "Ingen ledare".
fn leader_names(g: &Group, i18n: I18n) -> String {
    let names: Vec<String> = g.leaders().map(|m| m.name.clone()).collect();
    if names.is_empty() {
        i18n.t(GroupsText::GroupNoLeader).to_owned()
    } else {
        names.join(", ")
    }
}

/// The name of the person who documents next, if any.
fn next_documenter_name(g: &Group) -> Option<String> {
    let id = g.next_documenter?;
    g.members
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.clone())
}

/// A group's members as a table: name, school, subjects, leader and documenter marks.
#[component]
fn MemberTable(group: Group, subjects: Vec<SubjectItem>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let next = group.next_documenter;
    let rows = group
        .members
        .iter()
        .map(|m| {
            let mut marks = Vec::new();
            if m.leader {
                marks.push(i18n.t(GroupsText::GroupLeader));
            }
            if Some(m.id) == next {
                marks.push(i18n.t(GroupsText::GroupNextDocumenter));
            }
            if !m.active {
                marks.push(i18n.t(K::Inactive));
            }
            view! {
                <tr class:inactive=!m.active>
                    <td>{m.name.clone()}</td>
                    <td>{member_schools(m)}</td>
                    <td>{member_subjects(m, &subjects, lang)}</td>
                    <td>{(!marks.is_empty()).then(|| view! {
                        <ul class="tags">{marks.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="staff-table member-table">
                <caption class="visually-hidden">{format!("{} {}", i18n.t(GroupsText::GroupMembers), group.name)}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t(K::Name)}</th>
                    <th scope="col">{i18n.t(K::FilterSchool)}</th>
                    <th scope="col">{i18n.t(K::Subjects)}</th>
                    <th scope="col">{i18n.t(GroupsText::GroupRole)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The wheel's activities meant for this group (its kind, or it by name), by date: for
/// a learning group, the year's meeting slots.
fn meetings_of(
    group: &Group,
    activities: &[kollegium_shared::wheel::Activity],
) -> Vec<kollegium_shared::wheel::Activity> {
    use kollegium_shared::wheel::Audience;
    activities
        .iter()
        .filter(|a| !matches!(a.audience, Audience::Everyone | Audience::Role { .. }))
        .filter(|a| a.audience.includes(&[], &[(group.id, group.kind)]))
        .cloned()
        .collect()
}

/// A group's meetings from the wheel, each with its state once it is a meeting of the
/// caller's groups (or any group, for the steering group), linked to its page.
#[component]
fn GroupMeetings(
    group: Group,
    activities: Vec<kollegium_shared::wheel::Activity>,
) -> impl IntoView {
    use kollegium_shared::meetings::access::may_list_every_meeting;
    let i18n = use_i18n();
    let api = crate::api::use_api();
    let every = crate::session::use_session().may_untracked(may_list_every_meeting);
    let lang = i18n.lang.get_untracked();
    let planned = meetings_of(&group, &activities);
    let heading_id = format!("meetings-{}-heading", group.id.0);
    let labelled_by = heading_id.clone();
    let group_id = group.id;
    let held = LocalResource::new(move || async move {
        let all = if every {
            api.every_meeting().await
        } else {
            api.meetings().await
        };
        all.map(|list| {
            list.into_iter()
                .filter(|m| m.group_id == group_id)
                .collect::<Vec<_>>()
        })
    });
    (!planned.is_empty()).then(|| {
        view! {
            <section class="group-meetings" aria-labelledby=labelled_by>
                <h3 id=heading_id>{i18n.t(GroupsText::GroupMeetings)}</h3>
                {load_failure(held)}
                <ol class="plain-list meeting-list">
                    {planned.into_iter().map(|a| {
                        let activity = a.id;
                        let when = activity_when(&a, lang);
                        let title = a.title.clone();
                        let theme = a.theme.clone();
                        // The meeting once it exists: the whole line opens it.
                        move || {
                            let meeting = held.get().and_then(Result::ok).and_then(|list| {
                                list.into_iter().find(|m| m.activity_id == Some(activity))
                            });
                            let text = view! {
                                <span class="meeting-when">{when.clone()}</span>" "
                                <span class="meeting-title">{title.clone()}</span>
                            };
                            let theme = theme.clone().map(|t| view! { <span class="muted">" · "{t}</span> });
                            match meeting {
                                Some(m) => view! {
                                    <li>
                                        <a href=format!("/traffar/{}", m.id)>{text}</a>
                                        {theme}" "
                                        <span class=format!("badge state-{}", m.state.code())>{m.state.label(lang)}</span>
                                    </li>
                                }.into_any(),
                                None => view! { <li>{text}{theme}</li> }.into_any(),
                            }
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}

/// Opens the browser's print dialog (the print style sheet lays the page out for A4).
fn print_page() {
    let _ = window().print();
}
