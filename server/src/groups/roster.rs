//! The year's whole roster with its warnings, groups made by hand, the principal's
//! roster per school and the roster as CSV for Excel.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::access::{
    may_edit_groups, may_read_roster, may_read_school_rosters, sees_every_school,
};
use kollegium_shared::groups::{
    Group, GroupRef, NewGroup, Roster, SchoolRosterRow, roster_warnings,
};
use kollegium_shared::i18n::{Lang, Msg};
use kollegium_shared::ids::{PersonId, SchoolId, SchoolYearId};
use serde::Deserialize;

use super::{check_people, load_group, subject_names};
use crate::context::{YearQuery, year_or_current};
use crate::error::{ApiError, validate};
use crate::export::Csv;
use crate::extract::{ApiJson, ApiQuery, AuthUser};
use crate::state::AppState;
use crate::store::{GroupFilter, is_unique_violation};

/// The whole roster of a year with warnings (sizes outside the bounds, teachers in no
/// learning group): the steering group and administrators.
#[utoipa::path(get, path = "/groups", tag = "groups", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The roster", body = Roster),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such school year", body = ErrorBody),
    ))]
pub(super) async fn list_groups(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<Roster>, ApiError> {
    user.require(may_read_roster)?;
    let year = year_or_current(&state, &user, q.year).await?;
    let groups = state
        .store
        .groups(user.municipality, GroupFilter::Year(year.id))
        .await?;
    let bounds = state.store.group_bounds(user.municipality, year.id).await?;
    let teachers = state.store.teachers(user.municipality).await?;
    let warnings = roster_warnings(&groups, bounds, &teachers);
    Ok(Json(Roster {
        school_year: year,
        bounds,
        groups,
        warnings,
    }))
}

/// Add a group (administrators and the steering group). The leaders' group is formed
/// automatically and cannot be added by hand.
#[utoipa::path(post, path = "/groups", tag = "groups", request_body = NewGroup, security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
pub(super) async fn create_group(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(new): ApiJson<NewGroup>,
) -> Result<(StatusCode, Json<Group>), ApiError> {
    user.require(may_edit_groups)?;
    validate(&new)?;
    if state
        .store
        .school_year(user.municipality, new.school_year_id)
        .await?
        .is_none()
    {
        return Err(ApiError::field("school_year_id", Msg::UnknownSchoolYear));
    }
    check_people(&state, &user, &new.members, "members").await?;
    let id = match state.store.create_group(user.municipality, &new).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => {
            // Either the name or a member's learning group of the year.
            let taken = state
                .store
                .groups(user.municipality, GroupFilter::Year(new.school_year_id))
                .await?
                .iter()
                .any(|g| g.name == new.name.trim());
            return Err(if taken {
                ApiError::field("name", Msg::GroupNameTaken)
            } else {
                ApiError::field("members", Msg::AlreadyInLearningGroup)
            });
        }
        Err(e) => return Err(e.into()),
    };
    let group = load_group(&state, &user, id).await?;
    Ok((StatusCode::CREATED, Json(group)))
}

/// Which school's roster.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct SchoolRosterQuery {
    /// The school year's id; the current year when left out.
    year: Option<SchoolYearId>,
    /// The school's id.
    school: SchoolId,
}

/// The teachers of one school and the groups each is in (principals of the school,
/// the steering group and administrators).
#[utoipa::path(get, path = "/groups/school-roster", tag = "groups", params(SchoolRosterQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One row per teacher of the school", body = [SchoolRosterRow]),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the school's principal", body = ErrorBody),
        (status = 404, description = "No such school or year", body = ErrorBody),
    ))]
pub(super) async fn school_roster(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<SchoolRosterQuery>,
) -> Result<Json<Vec<SchoolRosterRow>>, ApiError> {
    user.require(may_read_school_rosters)?;
    let school = state
        .store
        .school(user.municipality, q.school)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !user.may(sees_every_school) {
        let me = state
            .store
            .staff_member(user.municipality, user.person)
            .await?
            .ok_or(ApiError::NotFound)?;
        let leads = school
            .principal
            .as_ref()
            .is_some_and(|p| p.id == user.person);
        if !leads && !me.schools.iter().any(|s| s.id == school.id) {
            return Err(ApiError::Forbidden);
        }
    }
    let year = year_or_current(&state, &user, q.year).await?;
    let groups = state
        .store
        .groups(user.municipality, GroupFilter::Year(year.id))
        .await?;
    let mut rows: BTreeMap<(String, i64), SchoolRosterRow> = BTreeMap::new();
    // Every page of the school's staff (a page holds at most 200).
    let mut staff = Vec::new();
    for page in 1.. {
        let query = kollegium_shared::org::StaffQuery {
            school: Some(school.id),
            page: Some(page),
            per_page: Some(200),
            ..Default::default()
        };
        let found = state
            .store
            .list_staff(user.municipality, &query, false)
            .await?;
        let done = u64::from(page) * 200 >= found.total;
        staff.extend(found.items);
        if done {
            break;
        }
    }
    for p in staff {
        rows.insert(
            (kollegium_shared::collate::sort_key(&p.name), p.id.0),
            SchoolRosterRow {
                person_id: p.id,
                name: p.name,
                subjects: p.subjects,
                groups: Vec::new(),
            },
        );
    }
    let keys: HashMap<PersonId, (String, i64)> = rows
        .iter()
        .map(|(key, row)| (row.person_id, key.clone()))
        .collect();
    for g in &groups {
        for m in &g.members {
            if let Some(row) = keys.get(&m.id).and_then(|k| rows.get_mut(k)) {
                row.groups.push(GroupRef {
                    id: g.id,
                    kind: g.kind,
                    name: g.name.clone(),
                });
            }
        }
    }
    Ok(Json(rows.into_values().collect()))
}

/// The year's roster as CSV for Excel (UTF-8 with BOM, semicolons), one row per member:
/// the steering group and administrators, as the roster page.
#[utoipa::path(get, path = "/groups/roster.csv", tag = "groups", params(YearQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The roster as CSV", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the steering group or an administrator", body = ErrorBody),
    ))]
pub(super) async fn roster_csv(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Response, ApiError> {
    user.require(may_read_roster)?;
    let year = year_or_current(&state, &user, q.year).await?;
    let groups = state
        .store
        .groups(user.municipality, GroupFilter::Year(year.id))
        .await?;
    let names = subject_names(&state, &user).await?;
    let mut csv = Csv::new(&["grupp", "typ", "namn", "e-post", "skola", "ämnen", "ledare"]);
    for g in &groups {
        for m in &g.members {
            let schools: Vec<&str> = m.schools.iter().map(|s| s.name.as_str()).collect();
            let subjects: Vec<&str> = m
                .subjects
                .iter()
                .map(|s| names.get(s).map_or(s.as_str(), String::as_str))
                .collect();
            csv.row(&[
                g.name.as_str(),
                g.kind.label(Lang::Sv),
                m.name.as_str(),
                m.email.as_deref().unwrap_or_default(),
                &schools.join(", "),
                &subjects.join(", "),
                if m.leader { "ja" } else { "" },
            ]);
        }
    }
    let file = format!("grupper-{}.csv", year.name.replace('/', "-"));
    Ok(csv.into_response(&file))
}
