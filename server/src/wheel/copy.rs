//! Copying a wheel to a later school year: a preview to review
//! (`GET /api/v1/wheel/copy`), then the save of what was reviewed
//! (`POST /api/v1/wheel/copy`), refused when the wheel copied from has changed since.
//! The rules of the copy are `kollegium_shared::wheel::copy`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::{GroupKind, SchoolYear};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{GroupId, SchoolYearId};
use kollegium_shared::wheel::access::may_edit_wheel;
use kollegium_shared::wheel::copy::{CopyRequest, WheelCopy, plan};
use kollegium_shared::wheel::{Wheel, geometry::YearRange};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, AuthUser};
use crate::state::AppState;
use crate::store::GroupFilter;

/// The routes of `/api/v1/wheel/copy`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(preview_copy, save_copy))
}

/// Which wheel to copy where.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct CopyQuery {
    /// The school year copied from.
    from: SchoolYearId,
    /// The later school year copied to.
    to: SchoolYearId,
}

async fn year(state: &AppState, user: &AuthUser, id: SchoolYearId) -> Result<SchoolYear, ApiError> {
    state
        .store
        .school_year(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The copy as it would be saved, after checking the years and that the year copied
/// to has nothing of its own.
async fn make_copy(
    state: &AppState,
    user: &AuthUser,
    from: SchoolYearId,
    to: SchoolYearId,
) -> Result<WheelCopy, ApiError> {
    let from = year(state, user, from).await?;
    let to = year(state, user, to).await?;
    if YearRange::of(&to).start <= YearRange::of(&from).start {
        return Err(ApiError::field("to", Msg::CopyToLaterYear));
    }
    if state
        .store
        .own_wheel_activities(user.municipality, to.id)
        .await?
        > 0
    {
        return Err(ApiError::field("to", Msg::WheelNotEmpty));
    }
    let rings = state.store.wheel_rings(user.municipality, &from).await?;
    let activities = state
        .store
        .wheel_activities(user.municipality, from.id)
        .await?;
    let kinds: Vec<(GroupId, GroupKind)> = state
        .store
        .groups(user.municipality, GroupFilter::Year(from.id))
        .await?
        .into_iter()
        .map(|g| (g.id, g.kind))
        .collect();
    let wheel = Wheel {
        school_year: from,
        rings,
        activities,
        mine: Vec::new(),
    };
    Ok(plan(&wheel, &to, &kinds))
}

/// The wheel of one school year copied to a later one, for review: every activity on
/// the same week number and weekday, the new year's holidays, and what is left out.
#[utoipa::path(get, path = "/wheel/copy", tag = "wheel", params(CopyQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The copy to review", body = WheelCopy),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 422, description = "Not a later year, or its wheel has activities", body = ErrorBody),
    ))]
async fn preview_copy(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<ApiQuery<CopyQuery>, ApiError>,
) -> Result<Json<WheelCopy>, ApiError> {
    user.require(may_edit_wheel)?;
    let ApiQuery(q) = query?;
    Ok(Json(make_copy(&state, &user, q.from, q.to).await?))
}

/// Saves the reviewed copy; refused when the wheel copied from changed since.
#[utoipa::path(post, path = "/wheel/copy", tag = "wheel", request_body = CopyRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new year's wheel", body = Wheel),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 409, description = "The wheel copied from changed since the preview", body = ErrorBody),
        (status = 422, description = "Not a later year, or its wheel has activities", body = ErrorBody),
    ))]
async fn save_copy(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(request): ApiJson<CopyRequest>,
) -> Result<(StatusCode, Json<Wheel>), ApiError> {
    user.require(may_edit_wheel)?;
    let copy = make_copy(&state, &user, request.from_year, request.to_year).await?;
    if copy.fingerprint != request.fingerprint {
        return Err(ApiError::ConflictWith(Msg::WheelCopyChanged));
    }
    let to = copy.to.clone();
    if !state
        .store
        .copy_wheel(user.municipality, to.id, user.person, &copy)
        .await?
    {
        return Err(ApiError::field("to", Msg::WheelNotEmpty));
    }
    let rings = state.store.wheel_rings(user.municipality, &to).await?;
    let activities = state
        .store
        .wheel_activities(user.municipality, to.id)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Wheel {
            school_year: to,
            rings,
            activities,
            mine: Vec::new(),
        }),
    ))
}
