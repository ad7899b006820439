//! The archive of published protocols, searchable by everyone in the municipality
//! with the library's Swedish search.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::meetings::archive::{ArchivePage, ArchiveQuery};

use crate::error::{ApiError, validate};
use crate::extract::{ApiQuery, AuthUser};
use crate::state::AppState;

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
    ApiQuery(query): ApiQuery<ArchiveQuery>,
) -> Result<Json<ArchivePage>, ApiError> {
    validate(&query)?;
    Ok(Json(
        state
            .store
            .search_protocols(user.municipality, &query)
            .await?,
    ))
}
