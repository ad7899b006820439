//! The meetings themselves: the list of the caller's (or every group's) meetings of a
//! year, which follow the wheel's slots and are brought in step when read; one meeting;
//! a leader's changes; and the meetings a group adds and removes itself.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::date::{Date, parse_time};
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{MeetingId, SchoolYearId};
use kollegium_shared::meetings::access::{may_lead, may_list_every_meeting};
use kollegium_shared::meetings::{Meeting, MeetingPatch, NewMeeting, check_times};
use serde::Deserialize;

use super::access::MeetingContext;
use crate::context::year_or_current;
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, VersionQuery};
use crate::state::AppState;
use crate::store::patched_time;

/// Which meetings.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct MeetingsQuery {
    /// The school year's id; the current year when left out.
    year: Option<SchoolYearId>,
    /// Every group's meetings (steering group and administrators); otherwise the
    /// caller's own groups'.
    all: Option<bool>,
}

/// The meetings of the caller's groups this year (or of every group), in time order.
#[utoipa::path(get, path = "/meetings", tag = "meetings", params(MeetingsQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The meetings", body = Vec<Meeting>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Every group's meetings are for the steering group", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A parameter does not read", body = ErrorBody),
    ))]
pub(super) async fn list_meetings(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<MeetingsQuery>,
) -> Result<Json<Vec<Meeting>>, ApiError> {
    let year = year_or_current(&state, &user, q.year).await?;
    let all = q.all == Some(true);
    if all {
        user.require(may_list_every_meeting)?;
    }
    // The wheel's template (and its slots) first, then the meetings that follow them.
    state.store.wheel_rings(user.municipality, &year).await?;
    state
        .store
        .sync_meetings(user.municipality, year.id)
        .await?;
    let member = (!all).then_some(user.person);
    Ok(Json(
        state
            .store
            .meetings(user.municipality, year.id, member)
            .await?,
    ))
}

/// One meeting, for the group's members, the steering group, administrators and
/// principals; for everyone in the municipality once its protocol is published.
#[utoipa::path(get, path = "/meetings/{id}", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The meeting", body = Meeting),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
pub(super) async fn get_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
) -> Result<Json<Meeting>, ApiError> {
    Ok(Json(
        MeetingContext::readable(&state, &user, id).await?.meeting,
    ))
}

/// Change one meeting: place, video link, its own agenda, the question, the
/// preparation task, the documenter of the day (a member). The group's leaders, the
/// steering group and administrators; `version` must be current.
#[utoipa::path(patch, path = "/meetings/{id}", tag = "meetings", request_body = MeetingPatch,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The meeting as changed", body = Meeting),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
pub(super) async fn patch_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(patch): ApiJson<MeetingPatch>,
) -> Result<Json<Meeting>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_leader(&user)?;
    validate(&patch)?;
    if let Some(d) = patch.documenter_id
        && !ctx
            .group(&state, &user)
            .await?
            .members
            .iter()
            .any(|m| m.id == d)
    {
        return Err(ApiError::field("documenter_id", Msg::NotAMember));
    }
    let meeting = &ctx.meeting;
    let moves = patch.starts_on.is_some() || patch.start_time.is_some() || patch.end_time.is_some();
    if moves && meeting.activity_id.is_some() {
        return Err(ApiError::field("starts_on", Msg::MeetingFromWheel));
    }
    // The times as they will stand, on the day as it will stand.
    let (day, start, end) = patched_time(meeting, &patch);
    if let Some(day) = Date::parse(&day) {
        let minutes = |t: Option<String>| t.as_deref().and_then(parse_time);
        if let Some(e) = check_times(day, minutes(start), minutes(end))
            .into_iter()
            .next()
        {
            return Err(ApiError::Validation(e));
        }
    }
    state
        .store
        .update_meeting(user.municipality, meeting, &patch)
        .await?
        .settled()?;
    Ok(Json(ctx.reread(&state, &user).await?.meeting))
}

/// Add a meeting of the group's own besides the wheel's (any kind of group): its
/// leaders, the steering group and administrators. The agenda comes from the template
/// named, else the municipality's default.
#[utoipa::path(post, path = "/meetings", tag = "meetings", request_body = NewMeeting, security(("bearer" = [])),
    responses(
        (status = 201, description = "The meeting", body = Meeting),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
pub(super) async fn create_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<NewMeeting>,
) -> Result<(StatusCode, Json<Meeting>), ApiError> {
    let group = state
        .store
        .group(user.municipality, input.group_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let leads = group
        .members
        .iter()
        .any(|m| m.id == user.person && m.leader);
    if !may_lead(&user.roles, leads) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let agenda = match input.template_id {
        Some(t) => {
            state
                .store
                .agenda_template(user.municipality, t)
                .await?
                .ok_or(ApiError::field("template_id", Msg::NotFound))?
                .steps
        }
        None => state.store.default_agenda(user.municipality).await?,
    };
    let id = state
        .store
        .create_meeting(user.municipality, &input, &agenda)
        .await?;
    tracing::info!(
        meeting = id.0,
        group = group.id.0,
        by = user.person.0,
        "meeting added"
    );
    let meeting = state
        .store
        .meeting(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(meeting)))
}

/// Remove a meeting the group added itself, while nothing was written for it; the
/// wheel's meetings move and go with the wheel. `version` must be current.
#[utoipa::path(delete, path = "/meetings/{id}", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id"), VersionQuery), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A meeting of the wheel, or one with a protocol or plans", body = ErrorBody),
    ))]
pub(super) async fn delete_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    query: Result<ApiQuery<VersionQuery>, ApiError>,
) -> Result<StatusCode, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_leader(&user)?;
    let ApiQuery(VersionQuery { version }) = query?;
    if ctx.meeting.activity_id.is_some() {
        return Err(ApiError::field("id", Msg::MeetingFromWheel));
    }
    let removed = state
        .store
        .delete_meeting(user.municipality, id, version)
        .await?
        .settled()?;
    if !removed {
        return Err(ApiError::field("id", Msg::MeetingHasRecords));
    }
    Ok(StatusCode::NO_CONTENT)
}
