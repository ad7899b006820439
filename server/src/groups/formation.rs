//! Forming the year's learning groups: what a formation works from (for the browser's
//! live preview), a preview computed here, and the save of the previewed plan (refused
//! when staff or groups changed since). The rules are `kollegium_shared::groups::formation`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::access::may_edit_groups;
use kollegium_shared::groups::formation::{self, Plan};
use kollegium_shared::groups::{
    FormationInput, FormationPreview, FormationRequest, PersonName, Roster,
};
use kollegium_shared::i18n::{Lang, Msg};
use kollegium_shared::ids::{GroupId, PersonId, SchoolId};

use super::subject_names;
use crate::context::{YearQuery, year_or_current};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, AuthUser};
use crate::state::AppState;
use crate::store::{FormedGroup, GroupFilter, is_unique_violation};

/// What a formation works from, for the browser's live preview (steering group and
/// administrators).
#[utoipa::path(get, path = "/groups/formation/input", tag = "groups", params(YearQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Teachers, existing learning groups and bounds", body = FormationInput),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such school year", body = ErrorBody),
    ))]
pub(super) async fn formation_input(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<FormationInput>, ApiError> {
    user.require(may_edit_groups)?;
    let year = year_or_current(&state, &user, q.year).await?;
    let (candidates, existing) = state
        .store
        .formation_input(user.municipality, year.id)
        .await?;
    let bounds = state.store.group_bounds(user.municipality, year.id).await?;
    let schools: HashMap<SchoolId, String> = state
        .store
        .list_schools(user.municipality)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let names: HashMap<PersonId, String> = state
        .store
        .teachers(user.municipality)
        .await?
        .into_iter()
        .collect();
    let people = candidates
        .iter()
        .map(|c| PersonName {
            id: c.id,
            name: names.get(&c.id).cloned().unwrap_or_default(),
            school: c
                .school
                .and_then(|s| schools.get(&s).cloned())
                .unwrap_or_default(),
        })
        .collect();
    Ok(Json(FormationInput {
        school_year: year,
        bounds,
        candidates,
        existing,
        people,
    }))
}

pub(super) async fn plan_for(
    state: &AppState,
    user: &AuthUser,
    request: &FormationRequest,
) -> Result<(Plan, Vec<String>, HashMap<String, String>), ApiError> {
    if let Err(msg) = request.settings.bounds.check() {
        return Err(ApiError::field("settings.bounds", msg));
    }
    let year = state
        .store
        .school_year(user.municipality, request.school_year_id)
        .await?
        // The formation of a year the caller's municipality does not have.
        .ok_or(ApiError::NotFound)?;
    let (candidates, existing) = state
        .store
        .formation_input(user.municipality, year.id)
        .await?;
    let plan = formation::form(&candidates, &existing, request.settings);
    let subject_names = subject_names(state, user).await?;
    let existing_names: HashMap<GroupId, String> = state
        .store
        .groups(user.municipality, GroupFilter::Year(year.id))
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let lookup = |code: &str| {
        subject_names
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    };
    let names = plan
        .groups
        .iter()
        .map(|g| match g.existing {
            Some(id) => existing_names.get(&id).cloned().unwrap_or_default(),
            None => g.name(Lang::Sv, &lookup),
        })
        .collect();
    Ok((plan, names, subject_names))
}

/// Preview a formation of the year's learning groups (steering group and administrators).
#[utoipa::path(post, path = "/groups/formation/preview", tag = "groups", request_body = FormationRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The planned groups, their names and the school mix", body = FormationPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 422, description = "Bounds or school year not valid", body = ErrorBody),
    ))]
pub(super) async fn preview_formation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(request): ApiJson<FormationRequest>,
) -> Result<Json<FormationPreview>, ApiError> {
    user.require(may_edit_groups)?;
    let (plan, names, _) = plan_for(&state, &user, &request).await?;
    let mix = formation::mix_report(&plan);
    Ok(Json(FormationPreview { plan, names, mix }))
}

/// Save a formation: new learning groups, and new teachers added to existing ones
/// without moving anyone (steering group and administrators).
#[utoipa::path(post, path = "/groups/formation", tag = "groups", request_body = FormationRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The year's roster after the save", body = Roster),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Staff or groups changed since the preview", body = ErrorBody),
        (status = 422, description = "Bounds or school year not valid", body = ErrorBody),
    ))]
pub(super) async fn save_formation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(request): ApiJson<FormationRequest>,
) -> Result<Json<Roster>, ApiError> {
    user.require(may_edit_groups)?;
    let (plan, names, subject_names) = plan_for(&state, &user, &request).await?;
    if request
        .fingerprint
        .as_ref()
        .is_some_and(|f| *f != plan.fingerprint)
    {
        return Err(ApiError::ConflictWith(Msg::FormationInputChanged));
    }
    let lookup = |code: &str| {
        subject_names
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    };
    let formed: Vec<FormedGroup> = plan
        .groups
        .iter()
        .zip(names)
        .map(|(g, name)| FormedGroup {
            existing: g.existing,
            name,
            subject: g.category.subject.clone(),
            stages: g.category.stages(),
            added: g
                .members
                .iter()
                .filter(|m| !m.reason.kept)
                .map(|m| (m.person, g.reason_text(m, Lang::Sv, &lookup)))
                .collect(),
        })
        .collect();
    match state
        .store
        .save_formation(
            user.municipality,
            request.school_year_id,
            request.settings.bounds,
            &formed,
        )
        .await
    {
        Ok(()) => {}
        // Someone saved a formation or moved a teacher in the meantime.
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::ConflictWith(Msg::FormationInputChanged));
        }
        Err(e) => return Err(e.into()),
    }
    super::roster::list_groups(
        State(state),
        user,
        ApiQuery(YearQuery {
            year: Some(request.school_year_id),
        }),
    )
    .await
}
