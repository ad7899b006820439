//! The municipality's school years (läsår): every signed-in person reads them; the
//! steering group and administrators add them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::access::may_edit_groups;
use kollegium_shared::groups::{NewSchoolYear, SchoolYear};
use kollegium_shared::i18n::Msg;

use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, AuthUser};
use crate::state::AppState;
use crate::store::is_unique_violation;

/// The municipality's school years, newest first.
#[utoipa::path(get, path = "/school-years", tag = "groups", security(("bearer" = [])),
    responses(
        (status = 200, description = "The school years", body = [SchoolYear]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(super) async fn list_school_years(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<SchoolYear>>, ApiError> {
    Ok(Json(state.store.school_years(user.municipality).await?))
}

/// Add a school year (administrators and the steering group).
#[utoipa::path(post, path = "/school-years", tag = "groups", request_body = NewSchoolYear,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = SchoolYear),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 422, description = "A field breaks a rule or the name is taken", body = ErrorBody),
    ))]
pub(super) async fn create_school_year(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(new): ApiJson<NewSchoolYear>,
) -> Result<(StatusCode, Json<SchoolYear>), ApiError> {
    user.require(may_edit_groups)?;
    validate(&new)?;
    let id = match state
        .store
        .create_school_year(user.municipality, &new)
        .await
    {
        Ok(Some(id)) => id,
        Ok(None) => return Err(ApiError::field("starts_on", Msg::SchoolYearOverlaps)),
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("name", Msg::SchoolYearNameTaken));
        }
        Err(e) => return Err(e.into()),
    };
    let year = state
        .store
        .school_year(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(year)))
}
