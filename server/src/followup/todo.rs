//! "Att göra": what needs the caller now, read from their meetings of the current
//! school year, their submissions to the library and, for those who follow up, the
//! protocols missing in their scope.

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use kollegium_shared::date::Date;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::followup::Scope;
use kollegium_shared::followup::access::scope;
use kollegium_shared::followup::todo::{Todo, TodoItem, TodoKind, next_meeting, sort};
use kollegium_shared::groups::GroupKind;
use kollegium_shared::ids::{GroupId, MeetingId};
use kollegium_shared::library::access::curates;

use super::figures::{FollowUpQuery, compute};
use crate::context::today;
use crate::error::ApiError;
use crate::extract::AuthUser;
use crate::state::AppState;

/// How far ahead a meeting one leads is listed.
const LEAD_AHEAD_DAYS: i64 = 7;

fn item(kind: TodoKind, title: String) -> TodoItem {
    TodoItem {
        kind,
        meeting_id: None,
        group_id: None,
        item_id: None,
        title,
        on: None,
        count: None,
    }
}

/// What needs the caller now, each item leading to its place, and the next meeting of
/// their own learning group.
#[utoipa::path(get, path = "/follow-up/todo", tag = "follow-up", security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's to-do list", body = Todo),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(super) async fn todo(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Todo>, ApiError> {
    let m = user.municipality;
    let me = user.person;
    let today = today();
    let mut items = Vec::new();
    for (id, title) in state.store.returned_items(m, me).await? {
        items.push(TodoItem {
            item_id: Some(id),
            ..item(TodoKind::ExampleReturned, title)
        });
    }
    if user.may(curates) {
        let waiting = state.store.library_waiting(m).await?;
        if waiting > 0 {
            items.push(TodoItem {
                count: Some(i64::try_from(waiting).unwrap_or(i64::MAX)),
                ..item(TodoKind::ReviewQueue, String::new())
            });
        }
    }
    let Some(year) = state.store.current_school_year(m, &today).await? else {
        sort(&mut items);
        return Ok(Json(Todo {
            items,
            next_meeting: None,
        }));
    };
    // The wheel's slots become meetings when read, as on "Träffar".
    state.store.wheel_rings(m, &year).await?;
    state.store.sync_meetings(m, year.id).await?;
    let meetings = state.store.meetings(m, year.id, Some(me)).await?;
    let memberships = state.store.memberships_of(m, year.id, me).await?;
    let led: HashSet<GroupId> = memberships
        .iter()
        .filter(|g| g.leader)
        .map(|g| g.group)
        .collect();
    let learning: HashSet<GroupId> = memberships
        .iter()
        .filter(|g| g.kind == GroupKind::Largrupp)
        .map(|g| g.group)
        .collect();
    let own: HashMap<MeetingId, _> = state
        .store
        .own_tallies(m, year.id, me)
        .await?
        .into_iter()
        .map(|t| (t.meeting_id, t))
        .collect();
    let soon = Date::parse(&today)
        .map(|d| d.add_days(LEAD_AHEAD_DAYS).to_string())
        .unwrap_or_else(|| today.clone());
    // Documenters of the day left to the rotation: the group's next, read once a group.
    let mut rotation: HashMap<GroupId, Option<kollegium_shared::ids::PersonId>> = HashMap::new();
    for mt in &meetings {
        let at = |kind| TodoItem {
            meeting_id: Some(mt.id),
            group_id: Some(mt.group_id),
            on: Some(mt.starts_on.clone()),
            ..item(kind, mt.group_name.clone())
        };
        if mt.state.awaits_protocol() {
            let documenter = match mt.documenter_id {
                Some(d) => Some(d),
                None => match rotation.get(&mt.group_id) {
                    Some(d) => *d,
                    None => {
                        let next = state
                            .store
                            .group(m, mt.group_id)
                            .await?
                            .and_then(|g| g.next_documenter);
                        rotation.insert(mt.group_id, next);
                        next
                    }
                },
            };
            if documenter == Some(me) {
                items.push(at(TodoKind::ProtocolOwed));
            } else if led.contains(&mt.group_id) {
                items.push(at(TodoKind::GroupProtocolMissing));
            }
        }
        if mt.state.is_ahead()
            && led.contains(&mt.group_id)
            && mt.starts_on >= today
            && mt.starts_on <= soon
        {
            items.push(at(TodoKind::LeadSoon));
        }
    }
    // My action plan for the latest held meeting I was not marked absent from.
    if let Some(mt) = meetings
        .iter()
        .rev()
        .find(|mt| mt.state.was_held() && own.get(&mt.id).is_some_and(|t| t.present != Some(false)))
        && own.get(&mt.id).is_some_and(|t| !t.plan)
    {
        items.push(TodoItem {
            meeting_id: Some(mt.id),
            group_id: Some(mt.group_id),
            on: Some(mt.starts_on.clone()),
            ..item(TodoKind::PlanToWrite, mt.group_name.clone())
        });
    }
    let tagged: Vec<_> = meetings
        .iter()
        .map(|mt| (mt.clone(), learning.contains(&mt.group_id)))
        .collect();
    let next = next_meeting(&tagged);
    if let Some(mt) = &next {
        let prep = state.store.preparation(mt.id).await?;
        let has_material = !mt.preparation_task.trim().is_empty()
            || prep.collection.is_some()
            || !prep.items.is_empty();
        if has_material && !prep.done_by.contains(&me) {
            items.push(TodoItem {
                meeting_id: Some(mt.id),
                group_id: Some(mt.group_id),
                on: Some(mt.starts_on.clone()),
                ..item(TodoKind::Prepare, mt.group_name.clone())
            });
        }
    }
    if matches!(
        scope(&user.roles, !led.is_empty()),
        Scope::Municipality | Scope::Schools
    ) {
        let query = FollowUpQuery {
            year: Some(year.id),
            ..FollowUpQuery::default()
        };
        let (figures, _) = compute(&state, &user, query).await?;
        if !figures.missing.is_empty() {
            items.push(TodoItem {
                count: Some(i64::try_from(figures.missing.len()).unwrap_or(i64::MAX)),
                ..item(TodoKind::ProtocolsMissing, String::new())
            });
        }
    }
    sort(&mut items);
    Ok(Json(Todo {
        items,
        next_meeting: next,
    }))
}
