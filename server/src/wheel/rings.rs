//! The wheel's rings: the steering group adds its own, renames and recolours any, moves
//! them between lanes, and removes an added ring once it is empty. The template's rings
//! stay (the meetings ring drives the learning groups' meetings, the holidays ring a
//! copied year's holidays), but may be renamed, recoloured and hidden.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::RingId;
use kollegium_shared::wheel::access::may_edit_wheel;
use kollegium_shared::wheel::{Ring, RingInput, RingKind, RingMove};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::context::year_or_current;
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, VersionQuery};
use crate::state::AppState;

/// The routes under `/api/v1/wheel/rings`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_ring))
        .routes(routes!(update_ring, delete_ring))
        .routes(routes!(move_ring))
}

async fn load_ring(state: &AppState, user: &AuthUser, id: RingId) -> Result<Ring, ApiError> {
    state
        .store
        .ring(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Adds a ring, innermost, to a school year's wheel.
#[utoipa::path(post, path = "/wheel/rings", tag = "wheel", request_body = RingInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Ring),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn create_ring(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<RingInput>,
) -> Result<(StatusCode, Json<Ring>), ApiError> {
    user.require(may_edit_wheel)?;
    validate(&input)?;
    let year = year_or_current(&state, &user, input.year).await?;
    // The template first, so that the new ring comes after it.
    state.store.wheel_rings(user.municipality, &year).await?;
    let id = state
        .store
        .create_ring(user.municipality, year.id, &input)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(load_ring(&state, &user, id).await?),
    ))
}

/// Renames and recolours a ring; `version` must be the one the change was based on.
#[utoipa::path(put, path = "/wheel/rings/{id}", tag = "wheel", request_body = RingInput,
    params(("id" = i64, Path, description = "The ring's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The ring as changed", body = Ring),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such ring in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_ring(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<RingId>,
    ApiJson(input): ApiJson<RingInput>,
) -> Result<Json<Ring>, ApiError> {
    user.require(may_edit_wheel)?;
    load_ring(&state, &user, id).await?;
    let version = input
        .version
        .ok_or_else(|| ApiError::field("version", Msg::FieldRequired))?;
    validate(&input)?;
    state
        .store
        .update_ring(user.municipality, id, &input, version)
        .await?
        .settled()?;
    Ok(Json(load_ring(&state, &user, id).await?))
}

/// Moves a ring one lane towards the edge or the centre.
#[utoipa::path(post, path = "/wheel/rings/{id}/move", tag = "wheel", request_body = RingMove,
    params(("id" = i64, Path, description = "The ring's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The ring where it now is", body = Ring),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such ring in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
    ))]
async fn move_ring(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<RingId>,
    ApiJson(request): ApiJson<RingMove>,
) -> Result<Json<Ring>, ApiError> {
    user.require(may_edit_wheel)?;
    load_ring(&state, &user, id).await?;
    state
        .store
        .move_ring(user.municipality, id, request.outward, request.version)
        .await?
        .settled()?;
    Ok(Json(load_ring(&state, &user, id).await?))
}

/// Removes a ring the steering group added, once it holds no activities.
#[utoipa::path(delete, path = "/wheel/rings/{id}", tag = "wheel",
    params(("id" = i64, Path, description = "The ring's id"), VersionQuery), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such ring in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A ring of the template, or one with activities", body = ErrorBody),
    ))]
async fn delete_ring(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<RingId>,
    query: Result<ApiQuery<VersionQuery>, ApiError>,
) -> Result<StatusCode, ApiError> {
    user.require(may_edit_wheel)?;
    let ring = load_ring(&state, &user, id).await?;
    let ApiQuery(VersionQuery { version }) = query?;
    if ring.kind != RingKind::Other {
        return Err(ApiError::field("ring", Msg::RingFromTemplate));
    }
    let removed = state
        .store
        .delete_ring(user.municipality, id, version)
        .await?
        .settled()?;
    if removed {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::field("ring", Msg::RingNotEmpty))
    }
}
