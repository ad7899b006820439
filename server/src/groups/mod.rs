//! The groups API: school years, groups and rosters, the automatic formation of
//! learning groups, roster editing (moves, members, leaders, rotation), "Mina grupper",
//! the principal's roster per school and the CSV export.
//!
//! Everyone in the municipality reads groups; the steering group and administrators
//! change them; a group's leader may reorder its documenter rotation.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::formation::{self, Plan};
use kollegium_shared::groups::{
    DocumenterRecord, FormationInput, FormationPreview, FormationRequest, Group, GroupId,
    GroupPatch, GroupRef, LearningSubject, Merge, Move, MyGroups, NewGroup, NewMember,
    NewSchoolYear, NextDocumenter, PersonGroups, PersonName, Roster, SchoolRosterRow, SchoolYear,
    SchoolYearId, roster_warnings, rotation,
};
use kollegium_shared::i18n::{Lang, Msg};
use kollegium_shared::org::{PersonId, Role, SUBJECTS, SchoolId};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, validate};
use crate::store::{FormedGroup, GroupFilter, Update, is_unique_violation};

/// Who may change groups.
pub(crate) const EDITORS: &[Role] = &[Role::Admin, Role::Styrgrupp];

/// The routes under `/api/v1/school-years` and `/api/v1/groups`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_school_years, create_school_year))
        .routes(routes!(list_groups, create_group))
        .routes(routes!(my_groups))
        .routes(routes!(school_roster))
        .routes(routes!(memberships))
        .routes(routes!(roster_csv))
        .routes(routes!(formation_input))
        .routes(routes!(preview_formation))
        .routes(routes!(save_formation))
        .routes(routes!(get_group, patch_group))
        .routes(routes!(add_member))
        .routes(routes!(remove_member))
        .routes(routes!(move_member))
        .routes(routes!(merge_group))
        .routes(routes!(next_documenter))
        .routes(routes!(record_documenter))
        .routes(routes!(set_learning_subject))
}

pub(crate) fn today() -> String {
    chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// The year asked for, or the current one; 404 when there is none.
pub(crate) async fn year_or_current(
    state: &AppState,
    user: &AuthUser,
    year: Option<i64>,
) -> Result<SchoolYear, ApiError> {
    let found = match year {
        Some(id) => {
            state
                .store
                .school_year(user.municipality, SchoolYearId(id))
                .await?
        }
        None => {
            state
                .store
                .current_school_year(user.municipality, &today())
                .await?
        }
    };
    found.ok_or(ApiError::NotFound)
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

async fn load_group(state: &AppState, user: &AuthUser, id: i64) -> Result<Group, ApiError> {
    state
        .store
        .group(user.municipality, GroupId(id))
        .await?
        .ok_or(ApiError::NotFound)
}

fn versioned<T>(update: Update<T>) -> Result<T, ApiError> {
    match update {
        Update::Done(t) => Ok(t),
        Update::NotFound => Err(ApiError::NotFound),
        Update::Stale => Err(ApiError::Conflict),
    }
}

/// The municipality's school years, newest first.
#[utoipa::path(get, path = "/school-years", tag = "groups", security(("bearer" = [])),
    responses(
        (status = 200, description = "The school years", body = [SchoolYear]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn list_school_years(
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
async fn create_school_year(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(new): ApiJson<NewSchoolYear>,
) -> Result<(StatusCode, Json<SchoolYear>), ApiError> {
    user.require_any(EDITORS)?;
    validate(&new)?;
    let id = match state
        .store
        .create_school_year(user.municipality, &new)
        .await
    {
        Ok(id) => id,
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

/// Which year a list is for.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct YearQuery {
    /// The school year's id; the current year when left out.
    year: Option<i64>,
}

/// The whole roster of a year with warnings (sizes outside the bounds, teachers in no
/// learning group).
#[utoipa::path(get, path = "/groups", tag = "groups", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The roster", body = Roster),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year", body = ErrorBody),
    ))]
async fn list_groups(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<YearQuery>,
) -> Result<Json<Roster>, ApiError> {
    let year = year_or_current(&state, &user, q.year).await?;
    let groups = state
        .store
        .groups(user.municipality, GroupFilter::Year(year.id))
        .await?;
    let bounds = state.store.group_bounds(user.municipality).await?;
    let teachers = state.store.teachers(user.municipality).await?;
    let warnings = roster_warnings(&groups, bounds, &teachers);
    Ok(Json(Roster {
        school_year: year,
        bounds,
        groups,
        warnings,
    }))
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

/// Add a group (administrators and the steering group). The leaders' group is formed
/// automatically and cannot be added by hand.
#[utoipa::path(post, path = "/groups", tag = "groups", request_body = NewGroup, security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn create_group(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(new): ApiJson<NewGroup>,
) -> Result<(StatusCode, Json<Group>), ApiError> {
    user.require_any(EDITORS)?;
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
    let group = load_group(&state, &user, id.0).await?;
    Ok((StatusCode::CREATED, Json(group)))
}

/// The caller's groups of a year ("Mina grupper").
#[utoipa::path(get, path = "/groups/mine", tag = "groups", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's groups", body = MyGroups),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn my_groups(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<YearQuery>,
) -> Result<Json<MyGroups>, ApiError> {
    let year = match q.year {
        Some(_) => Some(year_or_current(&state, &user, q.year).await?),
        None => {
            state
                .store
                .current_school_year(user.municipality, &today())
                .await?
        }
    };
    let groups = match &year {
        Some(y) => {
            state
                .store
                .groups(user.municipality, GroupFilter::OfPerson(y.id, user.person))
                .await?
        }
        None => Vec::new(),
    };
    let learning_subject = state
        .store
        .learning_subject(user.municipality, user.person)
        .await?;
    Ok(Json(MyGroups {
        school_year: year,
        groups,
        learning_subject,
    }))
}

/// Which school's roster.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct SchoolRosterQuery {
    /// The school year's id; the current year when left out.
    year: Option<i64>,
    /// The school's id.
    school: i64,
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
async fn school_roster(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<SchoolRosterQuery>,
) -> Result<Json<Vec<SchoolRosterRow>>, ApiError> {
    user.require_any(&[Role::Admin, Role::Styrgrupp, Role::Rektor])?;
    let school = state
        .store
        .school(user.municipality, SchoolId(q.school))
        .await?
        .ok_or(ApiError::NotFound)?;
    if !user.roles.contains(&Role::Admin) && !user.roles.contains(&Role::Styrgrupp) {
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
            school: Some(school.id.0),
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

/// One CSV cell for Excel: quoted when needed, and a leading `=`, `+`, `-` or `@`
/// neutralised with an apostrophe so a cell is never read as a formula.
pub(crate) fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The year's roster as CSV for Excel (UTF-8 with BOM, semicolons), one row per member.
#[utoipa::path(get, path = "/groups/roster.csv", tag = "groups", params(YearQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The roster as CSV", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
    ))]
async fn roster_csv(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, ApiError> {
    user.require_any(&[Role::Admin, Role::Styrgrupp, Role::Rektor])?;
    let year = year_or_current(&state, &user, q.year).await?;
    let groups = state
        .store
        .groups(user.municipality, GroupFilter::Year(year.id))
        .await?;
    let names = subject_names(&state, &user).await?;
    let mut out = String::from("\u{feff}grupp;typ;namn;e-post;skola;ämnen;ledare\r\n");
    for g in &groups {
        for m in &g.members {
            let schools: Vec<&str> = m.schools.iter().map(|s| s.name.as_str()).collect();
            let subjects: Vec<&str> = m
                .subjects
                .iter()
                .map(|s| names.get(s).map_or(s.as_str(), String::as_str))
                .collect();
            let row = [
                g.name.as_str(),
                g.kind.label(Lang::Sv),
                m.name.as_str(),
                m.email.as_str(),
                &schools.join(", "),
                &subjects.join(", "),
                if m.leader { "ja" } else { "" },
            ];
            out.push_str(
                &row.iter()
                    .map(|f| csv_field(f))
                    .collect::<Vec<_>>()
                    .join(";"),
            );
            out.push_str("\r\n");
        }
    }
    let file = format!("grupper-{}.csv", year.name.replace('/', "-"));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        out,
    )
        .into_response())
}

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
async fn formation_input(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<YearQuery>,
) -> Result<Json<FormationInput>, ApiError> {
    user.require_any(EDITORS)?;
    let year = year_or_current(&state, &user, q.year).await?;
    let (candidates, existing) = state
        .store
        .formation_input(user.municipality, year.id)
        .await?;
    let bounds = state.store.group_bounds(user.municipality).await?;
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

async fn plan_for(
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
async fn preview_formation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(request): ApiJson<FormationRequest>,
) -> Result<Json<FormationPreview>, ApiError> {
    user.require_any(EDITORS)?;
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
async fn save_formation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(request): ApiJson<FormationRequest>,
) -> Result<Json<Roster>, ApiError> {
    user.require_any(EDITORS)?;
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
    list_groups(
        State(state),
        user,
        Query(YearQuery {
            year: Some(request.school_year_id.0),
        }),
    )
    .await
}

/// One group with its members in rotation order.
#[utoipa::path(get, path = "/groups/{id}", tag = "groups",
    params(("id" = i64, Path, description = "The group's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
    ))]
async fn get_group(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Group>, ApiError> {
    Ok(Json(load_group(&state, &user, id).await?))
}

/// Change a group's name, description, target size, leaders or documenter rotation.
/// The steering group and administrators may change all; a leader of the group may
/// reorder its rotation.
#[utoipa::path(patch, path = "/groups/{id}", tag = "groups", request_body = GroupPatch,
    params(("id" = i64, Path, description = "The group's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group as changed", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn patch_group(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(patch): ApiJson<GroupPatch>,
) -> Result<Json<Group>, ApiError> {
    let group = load_group(&state, &user, id).await?;
    let only_rotation = patch.name.is_none()
        && patch.description.is_none()
        && patch.target_size.is_none()
        && patch.leaders.is_none();
    let leads = group.leaders().any(|l| l.id == user.person);
    if user.require_any(EDITORS).is_err() && !(only_rotation && leads) {
        return Err(ApiError::Forbidden);
    }
    validate(&patch)?;
    let members: Vec<PersonId> = group.members.iter().map(|m| m.id).collect();
    if let Some(leaders) = &patch.leaders
        && !leaders.iter().all(|l| members.contains(l))
    {
        return Err(ApiError::field("leaders", Msg::LeaderNotMember));
    }
    if let Some(order) = &patch.rotation
        && !rotation::is_permutation(&members, order)
    {
        return Err(ApiError::field("rotation", Msg::RotationMismatch));
    }
    match state
        .store
        .update_group(user.municipality, group.id, &patch)
        .await
    {
        Ok(update) => versioned(update)?,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("name", Msg::GroupNameTaken));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Json(load_group(&state, &user, id).await?))
}

/// The leaders' group follows the learning groups' leaders: not edited by hand.
fn members_editable(group: &Group) -> Result<(), ApiError> {
    if group.kind.members_editable() {
        Ok(())
    } else {
        Err(ApiError::field("person_id", Msg::MembersAutomatic))
    }
}

/// Add a person to a group (steering group and administrators).
#[utoipa::path(post, path = "/groups/{id}/members", tag = "groups", request_body = NewMember,
    params(("id" = i64, Path, description = "The group's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group as changed", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "Unknown person, already a member, or in another learning group", body = ErrorBody),
    ))]
async fn add_member(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<Json<Group>, ApiError> {
    user.require_any(EDITORS)?;
    let group = load_group(&state, &user, id).await?;
    members_editable(&group)?;
    check_people(&state, &user, &[new.person_id], "person_id").await?;
    if group.members.iter().any(|m| m.id == new.person_id) {
        return Err(ApiError::field("person_id", Msg::AlreadyMember));
    }
    match state
        .store
        .add_member(user.municipality, group.id, new.person_id, new.version)
        .await
    {
        Ok(update) => versioned(update)?,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("person_id", Msg::AlreadyInLearningGroup));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Json(load_group(&state, &user, id).await?))
}

/// The version a removal is based on.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct VersionQuery {
    version: i64,
}

/// Remove a person from a group (steering group and administrators).
#[utoipa::path(delete, path = "/groups/{id}/members/{person}", tag = "groups",
    params(("id" = i64, Path, description = "The group's id"), ("person" = i64, Path, description = "The person's id"), VersionQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The group as changed", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "Not a member", body = ErrorBody),
    ))]
async fn remove_member(
    State(state): State<AppState>,
    user: AuthUser,
    Path((id, person)): Path<(i64, i64)>,
    Query(q): Query<VersionQuery>,
) -> Result<Json<Group>, ApiError> {
    user.require_any(EDITORS)?;
    let group = load_group(&state, &user, id).await?;
    members_editable(&group)?;
    let removed = versioned(
        state
            .store
            .remove_member(user.municipality, group.id, PersonId(person), q.version)
            .await?,
    )?;
    if !removed {
        return Err(ApiError::field("person_id", Msg::NotAMember));
    }
    Ok(Json(load_group(&state, &user, id).await?))
}

/// Move a person from this group to another of the same year (steering group and
/// administrators). Both groups' versions must be current.
#[utoipa::path(post, path = "/groups/{id}/moves", tag = "groups", request_body = Move,
    params(("id" = i64, Path, description = "The group the person leaves")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group the person joined, as changed", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Either group changed since its version", body = ErrorBody),
        (status = 422, description = "Not a member, already in the target, or another year", body = ErrorBody),
    ))]
async fn move_member(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(request): ApiJson<Move>,
) -> Result<Json<Group>, ApiError> {
    user.require_any(EDITORS)?;
    let from = load_group(&state, &user, id).await?;
    let to = state
        .store
        .group(user.municipality, request.to_group_id)
        .await?
        .ok_or_else(|| ApiError::field("to_group_id", Msg::NotFound))?;
    members_editable(&from)?;
    members_editable(&to)?;
    if from.school_year_id != to.school_year_id {
        return Err(ApiError::field("to_group_id", Msg::MoveAcrossYears));
    }
    if to.members.iter().any(|m| m.id == request.person_id) {
        return Err(ApiError::field("person_id", Msg::AlreadyMember));
    }
    let update = state
        .store
        .move_member(
            user.municipality,
            from.id,
            to.id,
            request.person_id,
            request.from_version,
            request.to_version,
        )
        .await;
    let moved = match update {
        Ok(update) => versioned(update)?,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("person_id", Msg::AlreadyInLearningGroup));
        }
        Err(e) => return Err(e.into()),
    };
    if !moved {
        return Err(ApiError::field("person_id", Msg::NotAMember));
    }
    Ok(Json(load_group(&state, &user, to.id.0).await?))
}

/// Merges the group into another of the same kind and year (the steering group's
/// decision for a learning group too small on its own): its members join the other
/// group and it ends.
#[utoipa::path(post, path = "/groups/{id}/merge", tag = "groups", request_body = Merge,
    params(("id" = i64, Path, description = "The group that ends")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group the members joined", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Either group changed since its version", body = ErrorBody),
        (status = 422, description = "Not another group of the same kind and year", body = ErrorBody),
    ))]
async fn merge_group(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(request): ApiJson<Merge>,
) -> Result<Json<Group>, ApiError> {
    user.require_any(EDITORS)?;
    let from = load_group(&state, &user, id).await?;
    members_editable(&from)?;
    let into = state
        .store
        .group(user.municipality, request.into_group_id)
        .await?
        .ok_or_else(|| ApiError::field("into_group_id", Msg::NotFound))?;
    if into.id == from.id {
        return Err(ApiError::field("into_group_id", Msg::MergeNotPossible));
    }
    let merged = versioned(
        state
            .store
            .merge_groups(
                user.municipality,
                from.id,
                into.id,
                request.version,
                request.into_version,
            )
            .await?,
    )?;
    if !merged {
        return Err(ApiError::field("into_group_id", Msg::MergeNotPossible));
    }
    Ok(Json(load_group(&state, &user, into.id.0).await?))
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

/// Whose groups.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct PeopleQuery {
    /// Person ids separated by commas, at most 200.
    people: Option<String>,
}

/// The most people one memberships call answers for (a page of the directory).
const MEMBERSHIPS_MAX: usize = 200;

/// The groups each of the given people is in this school year, for the colleague
/// directory's cards. People of other municipalities are in none.
#[utoipa::path(get, path = "/groups/memberships", tag = "groups", params(PeopleQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One entry per person asked for", body = [PersonGroups]),
        (status = 422, description = "The list is not a list of ids, or too long", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn memberships(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<PeopleQuery>,
) -> Result<Json<Vec<PersonGroups>>, ApiError> {
    let people = id_list(q.people.as_deref(), "people")?;
    if people.len() > MEMBERSHIPS_MAX {
        return Err(ApiError::field("people", Msg::IdListInvalid));
    }
    let Some(year) = state
        .store
        .current_school_year(user.municipality, &today())
        .await?
    else {
        return Ok(Json(Vec::new()));
    };
    let found = state
        .store
        .memberships(user.municipality, year.id, &people)
        .await?;
    Ok(Json(
        people
            .into_iter()
            .map(|person_id| PersonGroups {
                person_id,
                groups: found
                    .iter()
                    .filter(|(p, _)| *p == person_id)
                    .map(|(_, g)| g.clone())
                    .collect(),
            })
            .collect(),
    ))
}

/// Who is absent from the coming meeting.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct AbsentQuery {
    /// Person ids separated by commas.
    absent: Option<String>,
}

/// Who documents the next meeting, skipping those absent.
#[utoipa::path(get, path = "/groups/{id}/next-documenter", tag = "groups",
    params(("id" = i64, Path, description = "The group's id"), AbsentQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The next documenter, none when everyone is absent", body = NextDocumenter),
        (status = 422, description = "The absent list is not a list of ids", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
    ))]
async fn next_documenter(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    Query(q): Query<AbsentQuery>,
) -> Result<Json<NextDocumenter>, ApiError> {
    let group = load_group(&state, &user, id).await?;
    let absent = id_list(q.absent.as_deref(), "absent")?;
    let order: Vec<PersonId> = group
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| m.id)
        .collect();
    // `next_documenter` of the group is the one after the last documenter: start there.
    let last = group.next_documenter.and_then(|next| {
        let i = order.iter().position(|p| *p == next)?;
        Some(order[(i + order.len() - 1) % order.len()])
    });
    Ok(Json(NextDocumenter {
        person_id: rotation::next_documenter(&order, last, &absent),
    }))
}

/// Record who documented a meeting, so the rotation goes on after them (the group's
/// leaders, the steering group and administrators).
#[utoipa::path(post, path = "/groups/{id}/documenter", tag = "groups", request_body = DocumenterRecord,
    params(("id" = i64, Path, description = "The group's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The group with its next documenter", body = Group),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 422, description = "Not a member", body = ErrorBody),
    ))]
async fn record_documenter(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(record): ApiJson<DocumenterRecord>,
) -> Result<Json<Group>, ApiError> {
    let group = load_group(&state, &user, id).await?;
    let leads = group.leaders().any(|l| l.id == user.person);
    if user.require_any(EDITORS).is_err() && !leads {
        return Err(ApiError::Forbidden);
    }
    if !group.members.iter().any(|m| m.id == record.person_id) {
        return Err(ApiError::field("person_id", Msg::NotAMember));
    }
    state
        .store
        .set_last_documenter(user.municipality, group.id, record.person_id)
        .await?;
    Ok(Json(load_group(&state, &user, id).await?))
}

/// Choose which of one's subjects to meet colleagues in when learning groups are formed.
#[utoipa::path(put, path = "/me/learning-subject", tag = "groups", request_body = LearningSubject,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = LearningSubject),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "Not one of the caller's subjects", body = ErrorBody),
    ))]
async fn set_learning_subject(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(choice): ApiJson<LearningSubject>,
) -> Result<Json<LearningSubject>, ApiError> {
    let me = state
        .store
        .staff_member(user.municipality, user.person)
        .await?
        .ok_or(ApiError::NotFound)?;
    let subject = choice.subject.filter(|s| !s.is_empty());
    if let Some(s) = &subject
        && !me.subjects.contains(s)
    {
        return Err(ApiError::field("subject", Msg::SubjectNotOwn));
    }
    state
        .store
        .set_learning_subject(user.municipality, user.person, subject.as_deref())
        .await?;
    Ok(Json(LearningSubject { subject }))
}
