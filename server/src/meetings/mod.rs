//! The meetings API: a group's meetings follow the wheel's meeting slots (kept in step
//! whenever they are read), and are seen by the group's members, the steering group and
//! administrators.

use axum::Json;
use axum::extract::{Path, Query, State};
use kollegium_shared::error::ErrorBody;
use kollegium_shared::meetings::{Meeting, MeetingId};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::groups::{EDITORS, year_or_current};

/// The routes under `/api/v1/meetings`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_meetings))
        .routes(routes!(get_meeting))
}

/// Which meetings.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct MeetingsQuery {
    /// The school year's id; the current year when left out.
    year: Option<i64>,
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
    ))]
async fn list_meetings(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<MeetingsQuery>,
) -> Result<Json<Vec<Meeting>>, ApiError> {
    let year = year_or_current(&state, &user, q.year).await?;
    let all = q.all == Some(true);
    if all {
        user.require_any(EDITORS)?;
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

/// One meeting, for the group's members, the steering group and administrators.
#[utoipa::path(get, path = "/meetings/{id}", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The meeting", body = Meeting),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
async fn get_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Meeting>, ApiError> {
    let meeting = state
        .store
        .meeting(user.municipality, MeetingId(id))
        .await?
        .ok_or(ApiError::NotFound)?;
    let editor = user.roles.iter().any(|r| EDITORS.contains(r));
    if !editor && !state.store.is_member(meeting.group_id, user.person).await? {
        return Err(ApiError::NotFound);
    }
    Ok(Json(meeting))
}
