//! What requests of several domains look up the same way: today's date and the school
//! year a request is about.

use kollegium_shared::groups::SchoolYear;
use kollegium_shared::ids::SchoolYearId;
use serde::Deserialize;

use crate::error::ApiError;
use crate::extract::AuthUser;
use crate::state::AppState;

/// Today (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// Which school year a list is for: `?year=`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The school year's id; the current year when left out.
    pub year: Option<SchoolYearId>,
}

/// The year asked for, or the current one; 404 when there is none.
pub async fn year_or_current(
    state: &AppState,
    user: &AuthUser,
    year: Option<SchoolYearId>,
) -> Result<SchoolYear, ApiError> {
    let found = match year {
        Some(id) => state.store.school_year(user.municipality, id).await?,
        None => {
            state
                .store
                .current_school_year(user.municipality, &today())
                .await?
        }
    };
    found.ok_or(ApiError::NotFound)
}
