//! A meeting's preparation: the leaders set the library material and the task, every
//! member ticks it as done, and those who follow the group up see how many have.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::MeetingId;
use kollegium_shared::meetings::access::sees_preparation_count;
use kollegium_shared::meetings::preparation::{Preparation, PreparationInput, PreparedInput};

use super::access::MeetingContext;
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, AuthUser};
use crate::state::AppState;

/// The preparation as the caller sees it.
async fn read_preparation(
    state: &AppState,
    user: &AuthUser,
    ctx: &MeetingContext,
) -> Result<Preparation, ApiError> {
    let meeting = &ctx.meeting;
    let group = ctx.group(state, user).await?;
    let stored = state.store.preparation(meeting.id).await?;
    let active: Vec<_> = group.members.iter().filter(|m| m.active).collect();
    let leads = active.iter().any(|m| m.id == user.person && m.leader);
    let overseer = sees_preparation_count(&user.roles, leads);
    let prepared = active
        .iter()
        .filter(|m| stored.done_by.contains(&m.id))
        .count();
    Ok(Preparation {
        meeting_id: meeting.id,
        task: meeting.preparation_task.clone(),
        collection: stored.collection,
        items: stored.items,
        done: stored.done_by.contains(&user.person),
        prepared: overseer.then(|| u32::try_from(prepared).unwrap_or(u32::MAX)),
        members: u32::try_from(active.len()).unwrap_or(u32::MAX),
        version: meeting.version,
    })
}

/// What members go through before the meeting, whether the caller has, and (for the
/// group's leaders and those who follow it up) how many have.
#[utoipa::path(get, path = "/meetings/{id}/preparation", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The preparation", body = Preparation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
pub(super) async fn get_preparation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
) -> Result<Json<Preparation>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    Ok(Json(read_preparation(&state, &user, &ctx).await?))
}

/// Set the preparation: a collection and single published items of the library, and
/// the task. The group's leaders, the steering group and administrators; `version` is
/// the meeting's.
#[utoipa::path(put, path = "/meetings/{id}/preparation", tag = "meetings", request_body = PreparationInput,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The preparation as set", body = Preparation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "The meeting changed since the version sent", body = ErrorBody),
        (status = 422, description = "Unknown material, or a field breaks a rule", body = ErrorBody),
    ))]
pub(super) async fn set_preparation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(input): ApiJson<PreparationInput>,
) -> Result<Json<Preparation>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_leader(&user)?;
    validate(&input)?;
    let (collection_ok, items_ok) = state
        .store
        .preparation_refs_exist(user.municipality, &input)
        .await?;
    if !collection_ok {
        return Err(ApiError::field("collection_id", Msg::NotFound));
    }
    if !items_ok {
        return Err(ApiError::field("item_ids", Msg::LinkedItemsInvalid));
    }
    state
        .store
        .set_preparation(user.municipality, id, &input)
        .await?
        .settled()?;
    let ctx = ctx.reread(&state, &user).await?;
    Ok(Json(read_preparation(&state, &user, &ctx).await?))
}

/// Tick (or untick) the caller's preparation as done; members of the group only.
#[utoipa::path(put, path = "/meetings/{id}/prepared", tag = "meetings", request_body = PreparedInput,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The preparation with the tick", body = Preparation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a member of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
pub(super) async fn set_prepared(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(input): ApiJson<PreparedInput>,
) -> Result<Json<Preparation>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_member()?;
    state
        .store
        .set_prepared(id, user.person, input.done)
        .await?;
    Ok(Json(read_preparation(&state, &user, &ctx).await?))
}
