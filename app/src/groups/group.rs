//! `/grupper/{id}`: one group. Everyone in the municipality sees its members and who
//! documents next (skipping whoever will be absent); its leader reorders the documenter
//! rotation; the steering group also names the leaders and edits the description.
//! Every change carries the group's version, so a concurrent change is refused (409)
//! and the page offers to reload instead of overwriting it.

use kollegium_shared::groups::{DocumenterRecord, Group, GroupPatch, NewMember};
use kollegium_shared::ids::{GroupId, PersonId};
use kollegium_shared::org::SubjectItem;
use leptos::prelude::*;
use leptos_router::components::A;

use super::{
    GroupMeetings, MemberTable, group_subtitle, leader_names, leaders_label, member_schools,
};
use crate::api::{ApiError, use_api};
use crate::components::{debounced_input, load_failure, loaded};
use crate::groups::text::GroupsText;
use crate::i18n::{K, use_i18n, use_title};
use crate::reference::use_reference;
use crate::session::use_session;
use kollegium_shared::groups::access::may_edit_groups;

#[component]
pub fn GroupPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(GroupsText::GroupTitle);
    let id = crate::components::use_id_param::<GroupId>();
    let group = LocalResource::new(move || {
        let id = id();
        async move { api.group(id).await }
    });
    let reference = use_reference();
    let subjects = reference.subjects();
    let activities =
        LocalResource::new(move || async move { api.wheel(None).await.map(|w| w.activities) });
    let flash = RwSignal::new(None::<K>);
    let refresh = Callback::new(move |saved: bool| {
        flash.set(saved.then_some(K::Saved));
        group.refetch();
    });

    view! {
        <section class="page group-page">
            <p class="breadcrumb"><A href="/grupper/mina">{move || i18n.t(GroupsText::MyGroupsTitle)}</A></p>
            <p class="flash" role="status">{move || flash.get().map(|k| i18n.t(k))}</p>
            {load_failure(subjects)}
            {load_failure(activities)}
            <Transition>
                {loaded(group, move |g| view! {
                    <GroupView group=g subjects=reference.subject_list()
                        activities=activities.get().and_then(Result::ok).unwrap_or_default() refresh=refresh/>
                })}
            </Transition>
        </section>
    }
}

#[component]
fn GroupView(
    group: Group,
    subjects: Vec<SubjectItem>,
    activities: Vec<kollegium_shared::wheel::Activity>,
    refresh: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let lang = i18n.lang.get_untracked();
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
    let editor = use_session().may_untracked(may_edit_groups);
    let leads = group.leaders().any(|m| Some(m.id) == me);
    let rotating = group.kind.members_editable() && group.members.len() > 1;
    view! {
        <h1>{group.name.clone()}</h1>
        <p class="lead">{group_subtitle(&group, &subjects, lang)}</p>
        {(!group.description.is_empty()).then(|| view! { <p>{group.description.clone()}</p> })}
        <dl class="facts">
            <dt>{i18n.t(leaders_label(group.kind))}</dt>
            <dd>{leader_names(&group, i18n)}</dd>
            <dt>{i18n.t(GroupsText::GroupMemberCount)}</dt>
            <dd>{group.members.len()}</dd>
        </dl>
        <GroupMeetings group=group.clone() activities=activities/>
        <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">{i18n.t(GroupsText::GroupMembers)}</h2>
            <MemberTable group=group.clone() subjects=subjects/>
        </section>
        {rotating.then(|| view! { <NextDocumenter group=group.clone() can_record=leads || editor refresh=refresh/> })}
        {(rotating && (leads || editor)).then(|| view! { <RotationEditor group=group.clone() refresh=refresh/> })}
        {(editor && group.kind.members_editable()).then(|| view! { <MemberEditor group=group.clone() refresh=refresh/> })}
        {editor.then(|| view! { <GroupEditor group=group refresh=refresh/> })}
    }
}

/// Reloads the group after `action` succeeds; the returned view shows its failure.
fn after_save<I: 'static, T: 'static>(
    action: Action<I, Result<T, ApiError>>,
    refresh: Callback<bool>,
) -> impl Fn() -> Option<AnyView> + Copy {
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            refresh.run(true);
        }
    });
    move || {
        action.value().with(|v| match v {
            Some(Err(e)) => Some(failure_view(e, refresh)),
            _ => None,
        })
    }
}

/// Shows a failed save: a conflict offers to reload what the other person saved.
fn failure_view(e: &ApiError, refresh: Callback<bool>) -> AnyView {
    let i18n = use_i18n();
    let conflict = matches!(e, ApiError::Api { status: 409, .. });
    view! {
        <div class="form-error" role="alert">
            <p>{e.message(i18n)}</p>
            {conflict.then(|| view! {
                <button type="button" class="button button-secondary" on:click=move |_| refresh.run(false)>{i18n.t(GroupsText::Reload)}</button>
            })}
        </div>
    }
    .into_any()
}

/// Who documents the coming meeting: tick who will be absent and the next person in
/// the rotation who is present is named.
#[component]
fn NextDocumenter(group: Group, can_record: bool, refresh: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = group.id;
    let absent = RwSignal::new(Vec::<PersonId>::new());
    let next = LocalResource::new(move || {
        let absent = absent.get();
        async move { api.next_documenter(id, &absent).await }
    });
    let names: Vec<(PersonId, String)> = group
        .members
        .iter()
        .map(|m| (m.id, m.name.clone()))
        .collect();
    let name_of = {
        let names = names.clone();
        move |pid: PersonId| {
            names
                .iter()
                .find(|(i, _)| *i == pid)
                .map(|(_, n)| n.clone())
        }
    };
    let record = Action::new_local(move |person: &PersonId| {
        let person_id = *person;
        async move {
            api.record_documenter(id, &DocumenterRecord { person_id })
                .await
        }
    });
    let outcome = after_save(record, refresh);
    let checks = names
        .into_iter()
        .map(|(pid, name)| {
            let field = format!("absent-{pid}");
            view! {
                <li>
                    <input type="checkbox" id=field.clone()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            absent.update(|a| { a.retain(|x| *x != pid); if on { a.push(pid); } });
                        }/>
                    <label for=field>{name}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="documenter-heading">
            <h2 id="documenter-heading">{i18n.t(GroupsText::DocumenterHeading)}</h2>
            <p class="field-hint">{i18n.t(GroupsText::DocumenterHint)}</p>
            <fieldset class="check-group">
                <legend>{i18n.t(GroupsText::AbsentLegend)}</legend>
                <ul class="check-list">{checks}</ul>
            </fieldset>
            <p class="next-documenter" role="status" aria-live="polite">
                {move || next.get().map(|r| match r {
                    Ok(n) => match n.person_id.and_then(&name_of) {
                        Some(name) => format!("{} {name}", i18n.t(GroupsText::DocumenterIs)),
                        None => i18n.t(GroupsText::DocumenterNone).to_owned(),
                    },
                    Err(e) => e.message(i18n),
                })}
            </p>
            {can_record.then(|| view! {
                <button type="button" class="button button-secondary"
                    disabled=move || next.get().and_then(|r| r.ok()).and_then(|n| n.person_id).is_none()
                    on:click=move |_| {
                        if let Some(Ok(n)) = next.get_untracked()
                            && let Some(p) = n.person_id
                        {
                            record.dispatch(p);
                        }
                    }>
                    {i18n.t(GroupsText::DocumenterRecord)}
                </button>
            })}
            {outcome}
        </section>
    }
}

/// The leader's reordering of the documenter rotation, with buttons (keyboard and touch
/// alike); saved as one change.
#[component]
fn RotationEditor(group: Group, refresh: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = group.id;
    let version = group.version;
    let order = RwSignal::new(
        group
            .members
            .iter()
            .map(|m| (m.id, m.name.clone()))
            .collect::<Vec<_>>(),
    );
    let announce = RwSignal::new(String::new());
    let shift = move |index: usize, up: bool| {
        order.update(|o| {
            let other = if up {
                index.checked_sub(1)
            } else {
                Some(index + 1)
            };
            if let Some(other) = other.filter(|j| *j < o.len()) {
                o.swap(index, other);
                announce.set(format!(
                    "{} {}",
                    o[other].1,
                    match up {
                        true => i18n.t(GroupsText::MovedUp),
                        false => i18n.t(GroupsText::MovedDown),
                    }
                ));
            }
        });
    };
    let save = Action::new_local(move |(): &()| {
        let rotation: Vec<PersonId> = order.get_untracked().iter().map(|(p, _)| *p).collect();
        async move {
            api.patch_group(
                id,
                &GroupPatch {
                    rotation: Some(rotation),
                    version,
                    ..Default::default()
                },
            )
            .await
        }
    });
    let outcome = after_save(save, refresh);
    view! {
        <section class="card" aria-labelledby="rotation-heading">
            <h2 id="rotation-heading">{i18n.t(GroupsText::RotationHeading)}</h2>
            <p class="field-hint">{i18n.t(GroupsText::RotationHint)}</p>
            <ol class="rotation-list">
                {move || {
                    let list = order.get();
                    let last = list.len().saturating_sub(1);
                    list.into_iter().enumerate().map(|(i, (_, name))| view! {
                        <li>
                            <span class="rotation-name">{name.clone()}</span>
                            <button type="button" class="button button-secondary button-small" disabled=i == 0
                                aria-label=format!("{} {name}", i18n.t(K::MoveUp)) on:click=move |_| shift(i, true)>"↑"</button>
                            <button type="button" class="button button-secondary button-small" disabled=i == last
                                aria-label=format!("{} {name}", i18n.t(K::MoveDown)) on:click=move |_| shift(i, false)>"↓"</button>
                        </li>
                    }).collect_view()
                }}
            </ol>
            <p class="visually-hidden" aria-live="polite">{move || announce.get()}</p>
            <button type="button" class="button button-primary" on:click=move |_| { save.dispatch(()); }>{i18n.t(GroupsText::RotationSave)}</button>
            {outcome}
        </section>
    }
}

/// The steering group adds members by searching the staff, and removes them.
#[component]
fn MemberEditor(group: Group, refresh: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = group.id;
    let version = group.version;
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let members: Vec<PersonId> = group.members.iter().map(|m| m.id).collect();
    let found = LocalResource::new(move || {
        let q = query.get();
        async move {
            if q.trim().chars().count() < 2 {
                return Ok(Vec::new());
            }
            let q = String::from(js_sys::encode_uri_component(q.trim()));
            api.staff(&format!("q={q}&per_page=8"))
                .await
                .map(|p| p.items)
        }
    });
    let add = Action::new_local(move |person: &PersonId| {
        let request = NewMember {
            person_id: *person,
            version,
        };
        async move { api.add_member(id, &request).await }
    });
    let remove = Action::new_local(move |person: &PersonId| {
        let person = *person;
        async move { api.remove_member(id, person, version).await }
    });
    let added = after_save(add, refresh);
    let removed = after_save(remove, refresh);
    let on_input = debounced_input(typed, query, || ());
    let current = group
        .members
        .iter()
        .map(|m| {
            let pid = m.id;
            let label = format!("{} {}", i18n.t(K::MemberRemove), m.name);
            view! {
                <li>
                    <span class="rotation-name">{m.name.clone()}</span>
                    <button type="button" class="button button-secondary button-small" aria-label=label
                        on:click=move |_| { remove.dispatch(pid); }>{i18n.t(K::MemberRemove)}</button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="member-editor-heading">
            <h2 id="member-editor-heading">{i18n.t(GroupsText::MembersEdit)}</h2>
            <ul class="plain-list member-list">{current}</ul>
            {removed}
            <div class="field">
                <label for="member-search">{i18n.t(GroupsText::MemberSearch)}</label>
                <input id="member-search" type="search" autocomplete="off" prop:value=move || typed.get() on:input=on_input/>
            </div>
            {load_failure(found)}
            <ul class="plain-list member-list" aria-live="polite">
                {move || found.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|p| !members.contains(&p.id)).map(|p| {
                    let pid = p.id;
                    let schools = p.schools.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ");
                    let label = format!("{} {}", i18n.t(GroupsText::MemberAdd), p.name);
                    view! {
                        <li>
                            <span class="rotation-name">{p.name.clone()}" "<span class="muted">{schools}</span></span>
                            <button type="button" class="button button-secondary button-small" aria-label=label
                                on:click=move |_| { add.dispatch(pid); }>{i18n.t(GroupsText::MemberAdd)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {added}
        </section>
    }
}

/// The steering group's form: name, description, target size and leaders.
#[component]
fn GroupEditor(group: Group, refresh: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = group.id;
    let version = group.version;
    let name = RwSignal::new(group.name.clone());
    let description = RwSignal::new(group.description.clone());
    let target = RwSignal::new(group.target_size.map(|n| n.to_string()).unwrap_or_default());
    let leaders = RwSignal::new(group.leaders().map(|m| m.id).collect::<Vec<_>>());
    let leaders_editable = group.kind.members_editable();
    let kind = group.kind;
    let target_invalid = RwSignal::new(false);
    let save = Action::new_local(move |target_size: &Option<u32>| {
        let patch = GroupPatch {
            name: Some(name.get_untracked()),
            description: Some(description.get_untracked()),
            target_size: Some(*target_size),
            leaders: leaders_editable.then(|| leaders.get_untracked()),
            version,
            ..Default::default()
        };
        async move { api.patch_group(id, &patch).await }
    });
    let outcome = after_save(save, refresh);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let raw = target.get_untracked();
        let parsed = if raw.trim().is_empty() {
            Ok(None)
        } else {
            raw.trim().parse::<u32>().map(Some)
        };
        match parsed {
            Ok(t) => {
                target_invalid.set(false);
                save.dispatch(t);
            }
            Err(_) => target_invalid.set(true),
        }
    };
    let leader_checks = group
        .members
        .iter()
        .map(|m| {
            let pid = m.id;
            let field = format!("leader-{}", pid.0);
            let label = format!("{} ({})", m.name, member_schools(m));
            view! {
                <li>
                    <input type="checkbox" id=field.clone() checked=m.leader
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            leaders.update(|l| { l.retain(|x| *x != pid); if on { l.push(pid); } });
                        }/>
                    <label for=field>{label}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <form class="card form" on:submit=on_submit novalidate=true aria-labelledby="group-edit-heading">
            <h2 id="group-edit-heading">{i18n.t(GroupsText::GroupEditHeading)}</h2>
            <div class="field">
                <label for="group-name">{i18n.t(K::Name)}</label>
                <input id="group-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="group-description">{i18n.t(K::GroupDescription)}</label>
                <textarea id="group-description" rows="3" prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field" class:field-invalid=move || target_invalid.get()>
                <label for="group-target">{i18n.t(GroupsText::GroupTargetSize)}</label>
                <input id="group-target" type="text" inputmode="numeric" size="4" aria-describedby="group-target-error"
                    aria-invalid=move || if target_invalid.get() { "true" } else { "false" }
                    prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev))/>
                <p class="field-error" id="group-target-error" aria-live="polite">
                    {move || target_invalid.get().then(|| i18n.t(GroupsText::GroupTargetInvalid))}
                </p>
            </div>
            {leaders_editable.then(|| view! {
                <fieldset class="check-group">
                    <legend>{i18n.t(leaders_label(kind))}</legend>
                    <ul class="check-list">{leader_checks}</ul>
                </fieldset>
            })}
            <div class="form-actions">
                <button type="submit" class="button button-primary">{i18n.t(K::Save)}</button>
            </div>
            {outcome}
        </form>
    }
}
