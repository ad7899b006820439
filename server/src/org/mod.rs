//! The organisation API: schools, staff and the colleague directory.

pub mod staff;

use axum::Json;
use axum::extract::{Path, State};
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::org::{Role, School, SchoolId, SchoolPatch};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, validate};
use crate::store::{Update, is_unique_violation};

/// The routes under `/api/v1/schools` and `/api/v1/staff`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_schools))
        .routes(routes!(get_school, patch_school))
        .merge(staff::router())
}

/// Every school of the caller's municipality.
#[utoipa::path(
    get,
    path = "/schools",
    tag = "org",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The schools, by name", body = [School]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
async fn list_schools(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<School>>, ApiError> {
    Ok(Json(state.store.list_schools(user.municipality).await?))
}

/// One school.
#[utoipa::path(
    get,
    path = "/schools/{id}",
    tag = "org",
    params(("id" = i64, Path, description = "The school's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The school", body = School),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school in the caller's municipality", body = ErrorBody),
    )
)]
async fn get_school(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<School>, ApiError> {
    let school = state
        .store
        .school(user.municipality, SchoolId(id))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(school))
}

/// Change a school's name, stages or whether it is active (administrators only).
#[utoipa::path(
    patch,
    path = "/schools/{id}",
    tag = "org",
    params(("id" = i64, Path, description = "The school's id")),
    request_body = SchoolPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The school as changed", body = School),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such school in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    )
)]
async fn patch_school(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(patch): ApiJson<SchoolPatch>,
) -> Result<Json<School>, ApiError> {
    user.require_any(&[Role::Admin])?;
    validate(&patch)?;
    let id = SchoolId(id);
    match state
        .store
        .update_school(user.municipality, id, &patch)
        .await
    {
        Ok(Update::Done(())) => {}
        Ok(Update::NotFound) => return Err(ApiError::NotFound),
        Ok(Update::Stale) => return Err(ApiError::Conflict),
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("name", Msg::SchoolNameTaken));
        }
        Err(e) => return Err(e.into()),
    }
    let school = state
        .store
        .school(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(school))
}
