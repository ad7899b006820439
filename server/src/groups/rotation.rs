//! The documenter rotation of a group: who documents the next meeting when some will
//! be absent, and who documented, so that the rotation goes on after them. The rules are
//! `kollegium_shared::groups::rotation`.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::access::may_run_rotation;
use kollegium_shared::groups::{DocumenterRecord, Group, NextDocumenter};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{GroupId, PersonId};
use serde::Deserialize;

use super::{id_list, load_group};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser};
use crate::state::AppState;

/// Who is absent from the coming meeting.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct AbsentQuery {
    /// Person ids separated by commas.
    absent: Option<String>,
}

/// Who documents the next meeting, skipping those absent.
#[utoipa::path(get, path = "/groups/{id}/next-documenter", tag = "groups",
    params(("id" = i64, Path, description = "The group's id"), AbsentQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The next documenter, none when everyone is absent", body = NextDocumenter),
        (status = 422, description = "The absent list is not a list of ids", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
    ))]
pub(super) async fn next_documenter(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
    ApiQuery(q): ApiQuery<AbsentQuery>,
) -> Result<Json<NextDocumenter>, ApiError> {
    let group = load_group(&state, &user, id).await?;
    let absent = id_list(q.absent.as_deref(), "absent")?;
    let order: Vec<PersonId> = group
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| m.id)
        .collect();
    let standing = state.store.rotation(user.municipality, group.id).await?;
    Ok(Json(NextDocumenter {
        person_id: standing.next(&order, &absent),
    }))
}

/// Record who documented a meeting, so the rotation goes on (the group's
/// leaders, the steering group and administrators).
#[utoipa::path(post, path = "/groups/{id}/documenter", tag = "groups", request_body = DocumenterRecord,
    params(("id" = i64, Path, description = "The group's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group with its next documenter", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 422, description = "Not a member", body = ErrorBody),
    ))]
pub(super) async fn record_documenter(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
    ApiJson(record): ApiJson<DocumenterRecord>,
) -> Result<Json<Group>, ApiError> {
    let group = load_group(&state, &user, id).await?;
    let leads = group.leaders().any(|l| l.id == user.person);
    if !may_run_rotation(&user.roles, leads) {
        return Err(ApiError::Forbidden);
    }
    if !group.members.iter().any(|m| m.id == record.person_id) {
        return Err(ApiError::field("person_id", Msg::NotAMember));
    }
    state
        .store
        .set_last_documenter(user.municipality, group.id, record.person_id)
        .await?;
    Ok(Json(load_group(&state, &user, id).await?))
}
