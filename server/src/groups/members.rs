//! One group: reading it, changing its name, description, target size, leaders and
//! rotation, and its members: adding, removing, moving to another group and merging
//! the whole group into another. Every change carries the group's version.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::access::{may_edit_groups, may_run_rotation, sees_member_emails};
use kollegium_shared::groups::{Group, GroupPatch, Merge, Move, NewMember, rotation};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{GroupId, PersonId};

use super::{check_people, load_group};
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, VersionQuery};
use crate::state::AppState;
use crate::store::is_unique_violation;

/// One group with its members in rotation order; members' e-mail addresses only to
/// its own members, the steering group and administrators (null to others).
#[utoipa::path(get, path = "/groups/{id}", tag = "groups",
    params(("id" = i64, Path, description = "The group's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
    ))]
pub(super) async fn get_group(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
) -> Result<Json<Group>, ApiError> {
    let mut group = load_group(&state, &user, id).await?;
    let is_member = group.members.iter().any(|m| m.id == user.person);
    if !sees_member_emails(&user.roles, is_member) {
        for member in &mut group.members {
            member.email = None;
        }
    }
    Ok(Json(group))
}

/// Change a group's name, description, target size, leaders or documenter rotation.
/// The steering group and administrators may change all; a leader of the group may
/// reorder its rotation.
#[utoipa::path(patch, path = "/groups/{id}", tag = "groups", request_body = GroupPatch,
    params(("id" = i64, Path, description = "The group's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group as changed", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
pub(super) async fn patch_group(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
    ApiJson(patch): ApiJson<GroupPatch>,
) -> Result<Json<Group>, ApiError> {
    let group = load_group(&state, &user, id).await?;
    let only_rotation = patch.name.is_none()
        && patch.description.is_none()
        && patch.target_size.is_none()
        && patch.leaders.is_none();
    let leads = group.leaders().any(|l| l.id == user.person);
    // A leader may reorder the rotation of their own group; all else is the editors'.
    let allowed = if only_rotation {
        may_run_rotation(&user.roles, leads)
    } else {
        user.may(may_edit_groups)
    };
    if !allowed {
        return Err(ApiError::Forbidden);
    }
    validate(&patch)?;
    let members: Vec<PersonId> = group.members.iter().map(|m| m.id).collect();
    if let Some(leaders) = &patch.leaders
        && !leaders.iter().all(|l| members.contains(l))
    {
        return Err(ApiError::field("leaders", Msg::LeaderNotMember));
    }
    if let Some(order) = &patch.rotation
        && !rotation::is_permutation(&members, order)
    {
        return Err(ApiError::field("rotation", Msg::RotationMismatch));
    }
    match state
        .store
        .update_group(user.municipality, group.id, &patch)
        .await
    {
        Ok(update) => update.settled()?,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("name", Msg::GroupNameTaken));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Json(load_group(&state, &user, id).await?))
}

/// The leaders' group follows the learning groups' leaders: not edited by hand.
pub(super) fn members_editable(group: &Group) -> Result<(), ApiError> {
    if group.kind.members_editable() {
        Ok(())
    } else {
        Err(ApiError::field("person_id", Msg::MembersAutomatic))
    }
}

/// Add a person to a group (steering group and administrators).
#[utoipa::path(post, path = "/groups/{id}/members", tag = "groups", request_body = NewMember,
    params(("id" = i64, Path, description = "The group's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group as changed", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "Unknown person, already a member, or in another learning group", body = ErrorBody),
    ))]
pub(super) async fn add_member(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<Json<Group>, ApiError> {
    user.require(may_edit_groups)?;
    let group = load_group(&state, &user, id).await?;
    members_editable(&group)?;
    check_people(&state, &user, &[new.person_id], "person_id").await?;
    if group.members.iter().any(|m| m.id == new.person_id) {
        return Err(ApiError::field("person_id", Msg::AlreadyMember));
    }
    match state
        .store
        .add_member(user.municipality, group.id, new.person_id, new.version)
        .await
    {
        Ok(update) => update.settled()?,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("person_id", Msg::AlreadyInLearningGroup));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Json(load_group(&state, &user, id).await?))
}

/// Remove a person from a group (steering group and administrators).
#[utoipa::path(delete, path = "/groups/{id}/members/{person}", tag = "groups",
    params(("id" = i64, Path, description = "The group's id"), ("person" = i64, Path, description = "The person's id"), VersionQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The group as changed", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "Not a member", body = ErrorBody),
    ))]
pub(super) async fn remove_member(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, person)): ApiPath<(GroupId, PersonId)>,
    ApiQuery(q): ApiQuery<VersionQuery>,
) -> Result<Json<Group>, ApiError> {
    user.require(may_edit_groups)?;
    let group = load_group(&state, &user, id).await?;
    members_editable(&group)?;
    let removed = state
        .store
        .remove_member(user.municipality, group.id, person, q.version)
        .await?
        .settled()?;
    if !removed {
        return Err(ApiError::field("person_id", Msg::NotAMember));
    }
    Ok(Json(load_group(&state, &user, id).await?))
}

/// Move a person from this group to another of the same year (steering group and
/// administrators). Both groups' versions must be current.
#[utoipa::path(post, path = "/groups/{id}/moves", tag = "groups", request_body = Move,
    params(("id" = i64, Path, description = "The group the person leaves")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group the person joined, as changed", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Either group changed since its version", body = ErrorBody),
        (status = 422, description = "Not a member, already in the target, or another year", body = ErrorBody),
    ))]
pub(super) async fn move_member(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
    ApiJson(request): ApiJson<Move>,
) -> Result<Json<Group>, ApiError> {
    user.require(may_edit_groups)?;
    let from = load_group(&state, &user, id).await?;
    let to = state
        .store
        .group(user.municipality, request.to_group_id)
        .await?
        .ok_or_else(|| ApiError::field("to_group_id", Msg::NotFound))?;
    members_editable(&from)?;
    members_editable(&to)?;
    if from.school_year_id != to.school_year_id {
        return Err(ApiError::field("to_group_id", Msg::MoveAcrossYears));
    }
    if to.members.iter().any(|m| m.id == request.person_id) {
        return Err(ApiError::field("person_id", Msg::AlreadyMember));
    }
    let update = state
        .store
        .move_member(
            user.municipality,
            from.id,
            to.id,
            request.person_id,
            request.from_version,
            request.to_version,
        )
        .await;
    let moved = match update {
        Ok(update) => update.settled()?,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("person_id", Msg::AlreadyInLearningGroup));
        }
        Err(e) => return Err(e.into()),
    };
    if !moved {
        return Err(ApiError::field("person_id", Msg::NotAMember));
    }
    Ok(Json(load_group(&state, &user, to.id).await?))
}

/// Merges the group into another of the same kind and year (the steering group's
/// decision for a learning group too small on its own): its members join the other
/// group and it ends.
#[utoipa::path(post, path = "/groups/{id}/merge", tag = "groups", request_body = Merge,
    params(("id" = i64, Path, description = "The group that ends")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group the members joined", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Either group changed since its version", body = ErrorBody),
        (status = 422, description = "Not another group of the same kind and year", body = ErrorBody),
    ))]
pub(super) async fn merge_group(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GroupId>,
    ApiJson(request): ApiJson<Merge>,
) -> Result<Json<Group>, ApiError> {
    user.require(may_edit_groups)?;
    let from = load_group(&state, &user, id).await?;
    members_editable(&from)?;
    let into = state
        .store
        .group(user.municipality, request.into_group_id)
        .await?
        .ok_or_else(|| ApiError::field("into_group_id", Msg::NotFound))?;
    if into.id == from.id {
        return Err(ApiError::field("into_group_id", Msg::MergeNotPossible));
    }
    let merged = state
        .store
        .merge_groups(
            user.municipality,
            from.id,
            into.id,
            request.version,
            request.into_version,
        )
        .await?
        .settled()?;
    if !merged {
        return Err(ApiError::field("into_group_id", Msg::MergeNotPossible));
    }
    Ok(Json(load_group(&state, &user, into.id).await?))
}
