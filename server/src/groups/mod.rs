//! The groups API: school years, groups and rosters, the automatic formation of
//! learning groups, roster editing (moves, members, leaders, rotation), "Mina grupper",
//! the principal's roster per school and the CSV export.
//!
//! Everyone in the municipality reads groups; the steering group and administrators
//! change them; a group's leader may reorder its documenter rotation. One file per
//! part: `years`, `roster`, `formation`, `members`, `rotation` and `mine`.

mod formation;
mod members;
mod mine;
mod roster;
mod rotation;
mod years;

use std::collections::HashMap;

use kollegium_shared::groups::Group;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{GroupId, PersonId};
use kollegium_shared::org::SUBJECTS;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::AuthUser;
use crate::state::AppState;

/// The routes under `/api/v1/school-years` and `/api/v1/groups`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(years::list_school_years, years::create_school_year))
        .routes(routes!(roster::list_groups, roster::create_group))
        .routes(routes!(mine::my_groups))
        .routes(routes!(roster::school_roster))
        .routes(routes!(mine::memberships))
        .routes(routes!(roster::roster_csv))
        .routes(routes!(formation::formation_input))
        .routes(routes!(formation::preview_formation))
        .routes(routes!(formation::save_formation))
        .routes(routes!(members::get_group, members::patch_group))
        .routes(routes!(members::add_member))
        .routes(routes!(members::remove_member))
        .routes(routes!(members::move_member))
        .routes(routes!(members::merge_group))
        .routes(routes!(rotation::next_documenter))
        .routes(routes!(rotation::record_documenter))
        .routes(routes!(mine::set_learning_subject))
}

/// A subject code's Swedish name (the names groups are saved with).
async fn subject_names(
    state: &AppState,
    user: &AuthUser,
) -> Result<HashMap<String, String>, ApiError> {
    let mut names: HashMap<String, String> = SUBJECTS
        .iter()
        .map(|s| (s.code.to_owned(), s.sv.to_owned()))
        .collect();
    names.extend(state.store.custom_subjects(user.municipality).await?);
    Ok(names)
}

async fn load_group(state: &AppState, user: &AuthUser, id: GroupId) -> Result<Group, ApiError> {
    state
        .store
        .group(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Every member must be an active person of the municipality.
async fn check_people(
    state: &AppState,
    user: &AuthUser,
    people: &[PersonId],
    field: &'static str,
) -> Result<(), ApiError> {
    for p in people {
        match state.store.staff_member(user.municipality, *p).await? {
            Some(s) if s.active => {}
            _ => return Err(ApiError::field(field, Msg::UnknownPerson)),
        }
    }
    Ok(())
}

/// Person ids separated by commas; `field` names the parameter in the error.
fn id_list(list: Option<&str>, field: &'static str) -> Result<Vec<PersonId>, ApiError> {
    list.unwrap_or("")
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().map(PersonId))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| ApiError::field(field, Msg::IdListInvalid))
}
