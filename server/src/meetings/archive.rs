//! The archive of published protocols, searchable by everyone in the municipality, and
//! the addresses every published protocol also goes to (administrators set them).

use axum::Json;
use axum::extract::{Query, State};
use kollegium_shared::error::ErrorBody;
use kollegium_shared::meetings::archive::{ArchivePage, ArchiveQuery, ProtocolSettings};
use kollegium_shared::org::Role;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, validate};
use crate::wheel::settled;

/// Search the published protocols of the municipality: words (Swedish word forms, as in
/// the library), group, subject, stage, theme and dates.
#[utoipa::path(get, path = "/protocols", tag = "meetings", params(ArchiveQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of published protocols", body = ArchivePage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "A date that is not a date", body = ErrorBody),
    ))]
pub(super) async fn search_protocols(
    State(state): State<AppState>,
    user: AuthUser,
    Query(query): Query<ArchiveQuery>,
) -> Result<Json<ArchivePage>, ApiError> {
    validate(&query)?;
    Ok(Json(
        state
            .store
            .search_protocols(user.municipality, &query)
            .await?,
    ))
}

/// The addresses every published protocol also goes to (administrators).
#[utoipa::path(get, path = "/meetings/settings", tag = "meetings", security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = ProtocolSettings),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
    ))]
pub(super) async fn get_settings(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<ProtocolSettings>, ApiError> {
    user.require_any(&[Role::Admin])?;
    Ok(Json(
        state.store.protocol_settings(user.municipality).await?,
    ))
}

/// Set the addresses every published protocol also goes to; `version` must be current.
#[utoipa::path(put, path = "/meetings/settings", tag = "meetings", request_body = ProtocolSettings, security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings as saved", body = ProtocolSettings),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "An address is not an e-mail address, or too many", body = ErrorBody),
    ))]
pub(super) async fn put_settings(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(settings): ApiJson<ProtocolSettings>,
) -> Result<Json<ProtocolSettings>, ApiError> {
    user.require_any(&[Role::Admin])?;
    validate(&settings)?;
    settled(
        state
            .store
            .set_protocol_settings(user.municipality, &settings)
            .await?,
    )?;
    Ok(Json(
        state.store.protocol_settings(user.municipality).await?,
    ))
}
