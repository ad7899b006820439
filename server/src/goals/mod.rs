//! The goals API: a school year's goals at three levels (`GET /goals?year=`), one goal,
//! adding, changing and removing goals, dated follow-up notes, and carrying a year's
//! goals to the next after review. Who may do what is
//! `kollegium_shared::goals::access`; a teacher goal's text reaches only the teacher
//! and the principal of its school, everyone else reads counts.

pub mod dialogues;
pub mod results;
pub mod talks;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::goals::access::{
    may_carry, may_handle_teacher_goal, may_set_municipality_goals, may_set_school_goals,
};
use kollegium_shared::goals::{
    CarryPreview, CarryRequest, CarryResult, Goal, GoalInput, GoalLevel, GoalStatus, NoteInput,
    YearGoals, check_serves,
};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{GoalId, PersonId, SchoolId, SchoolYearId};
use kollegium_shared::org::Role;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::context::{YearQuery, today, year_or_current};
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, VersionQuery};
use crate::state::AppState;
use crate::store::{GoalRefusal, GoalViewer, NewGoal};

/// The routes under `/api/v1/goals`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_goals, create_goal))
        .routes(routes!(carry_preview, carry_goals))
        .routes(routes!(get_goal, update_goal, delete_goal))
        .routes(routes!(add_note))
        .merge(talks::router())
        .merge(results::router())
        .merge(dialogues::router())
}

/// The caller as a reader of goals.
fn viewer(user: &AuthUser) -> GoalViewer {
    GoalViewer {
        person: user.person,
        principal: user.roles.contains(&Role::Rektor),
    }
}

/// The schools the caller answers for as principal (none unless they hold the role).
pub(super) async fn principal_schools(
    state: &AppState,
    user: &AuthUser,
) -> Result<Vec<SchoolId>, ApiError> {
    if !user.roles.contains(&Role::Rektor) {
        return Ok(Vec::new());
    }
    Ok(state
        .store
        .principal_schools(user.municipality, user.person)
        .await?)
}

/// Whether the caller may read and write `goal` (`principal_of`: the schools they
/// answer for as principal).
fn may_write(user: &AuthUser, goal: &Goal, principal_of: &[SchoolId]) -> bool {
    let is_principal = goal
        .school
        .as_ref()
        .is_some_and(|s| principal_of.contains(&s.id));
    match goal.level {
        GoalLevel::Municipality => user.may(may_set_municipality_goals),
        GoalLevel::School => may_set_school_goals(&user.roles, is_principal),
        GoalLevel::Teacher => {
            may_handle_teacher_goal(&user.roles, goal.owner.id == user.person, is_principal)
        }
    }
}

/// Whether the caller may read `goal`: the municipality's and schools' goals everyone,
/// a teacher's goal its two parties.
fn may_read(user: &AuthUser, goal: &Goal, principal_of: &[SchoolId]) -> bool {
    goal.level != GoalLevel::Teacher || may_write(user, goal, principal_of)
}

/// The goal, readable by the caller: 404 when not in their municipality, 403 when a
/// teacher goal is not theirs to read.
async fn readable_goal(
    state: &AppState,
    user: &AuthUser,
    id: GoalId,
) -> Result<(Goal, Vec<SchoolId>), ApiError> {
    let goal = stored_goal(state, user, id).await?;
    let principal_of = principal_schools(state, user).await?;
    if !may_read(user, &goal, &principal_of) {
        return Err(ApiError::Forbidden);
    }
    Ok((goal, principal_of))
}

/// The goal, which the caller may change: 404 when not in their municipality, 403 when
/// it is not theirs to set.
async fn writable_goal(state: &AppState, user: &AuthUser, id: GoalId) -> Result<Goal, ApiError> {
    let (goal, principal_of) = readable_goal(state, user, id).await?;
    if !may_write(user, &goal, &principal_of) {
        return Err(ApiError::Forbidden);
    }
    Ok(goal)
}

/// The goal as stored now, to answer a change with.
async fn stored_goal(state: &AppState, user: &AuthUser, id: GoalId) -> Result<Goal, ApiError> {
    state
        .store
        .goal(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The schools a person works at, and whether they are active in the municipality.
async fn teacher_schools(
    state: &AppState,
    user: &AuthUser,
    person: PersonId,
) -> Result<Option<Vec<SchoolId>>, ApiError> {
    Ok(state
        .store
        .staff_member(user.municipality, person)
        .await?
        .filter(|p| p.active)
        .map(|p| p.schools.into_iter().map(|s| s.id).collect()))
}

/// The goals of a school year as the caller may read them.
#[utoipa::path(get, path = "/goals", tag = "goals", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The year's goals: the municipality's, every school's, the counts of teacher goals serving each school goal, and the teacher goals the caller may read", body = YearGoals),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
    ))]
async fn list_goals(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<ApiQuery<YearQuery>, ApiError>,
) -> Result<Json<YearGoals>, ApiError> {
    let ApiQuery(YearQuery { year }) = query?;
    let year = year_or_current(&state, &user, year).await?;
    let rows = state
        .store
        .year_goals(user.municipality, year.id, viewer(&user))
        .await?;
    let mine = principal_schools(&state, &user).await?;
    let my_schools = state
        .store
        .list_schools(user.municipality)
        .await?
        .into_iter()
        .filter(|s| s.active && mine.contains(&s.id))
        .map(|s| kollegium_shared::org::SchoolRef {
            id: s.id,
            name: s.name,
        })
        .collect();
    let mut out = YearGoals {
        year: year.id,
        municipality: Vec::new(),
        schools: Vec::new(),
        served_by: rows.served_by,
        teachers: Vec::new(),
        my_schools,
    };
    for g in rows.goals {
        match g.level {
            GoalLevel::Municipality => out.municipality.push(g),
            GoalLevel::School => out.schools.push(g),
            GoalLevel::Teacher => out.teachers.push(g),
        }
    }
    Ok(Json(out))
}

/// One goal.
#[utoipa::path(get, path = "/goals/{id}", tag = "goals",
    params(("id" = i64, Path, description = "The goal's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The goal with its links, notes and (a teacher goal) the action plans naming it; their focus only for the teacher", body = Goal),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A teacher goal that is neither the caller's nor of a school they are principal of", body = ErrorBody),
        (status = 404, description = "No such goal in the caller's municipality", body = ErrorBody),
    ))]
async fn get_goal(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GoalId>,
) -> Result<Json<Goal>, ApiError> {
    let (mut goal, _) = readable_goal(&state, &user, id).await?;
    if goal.level == GoalLevel::Teacher {
        let owner = goal.owner.id == user.person;
        goal.evidence = state
            .store
            .goal_evidence(user.municipality, id)
            .await?
            .into_iter()
            // Only the goal's own teacher's plans, and their text for them alone.
            .filter(|(_, author)| *author == goal.owner.id)
            .map(|(mut e, _)| {
                if !owner {
                    e.focus = None;
                }
                e
            })
            .collect();
    }
    Ok(Json(goal))
}

/// Add a goal: the municipality's (steering group, administrators), a school's (its
/// principal), a teacher's (the teacher, or their principal for them).
#[utoipa::path(post, path = "/goals", tag = "goals", request_body = GoalInput, security(("bearer" = [])),
    responses(
        (status = 201, description = "The goal as stored", body = Goal),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one who sets goals of that level or school", body = ErrorBody),
        (status = 422, description = "A field breaks a rule: the goal served is of another year, school or municipality, …", body = ErrorBody),
    ))]
async fn create_goal(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(mut input): ApiJson<GoalInput>,
) -> Result<(StatusCode, Json<Goal>), ApiError> {
    input.version = None;
    validate(&input)?;
    let level = input
        .level
        .ok_or(ApiError::field("level", Msg::FieldRequired))?;
    let year = match input.year {
        Some(id) => state
            .store
            .school_year(user.municipality, id)
            .await?
            .ok_or(ApiError::field("year", Msg::UnknownSchoolYear))?,
        None => year_or_current(&state, &user, None).await?,
    };
    let principal_of = principal_schools(&state, &user).await?;
    let served = state
        .store
        .served_goals(user.municipality, &input.serves)
        .await?;
    let (school, owner) = match level {
        GoalLevel::Municipality => {
            user.require(may_set_municipality_goals)?;
            (None, user.person)
        }
        GoalLevel::School => {
            let school = input
                .school
                .ok_or(ApiError::field("school", Msg::FieldRequired))?;
            let known = state
                .store
                .school(user.municipality, school)
                .await?
                .is_some();
            if !known {
                return Err(ApiError::field("school", Msg::UnknownSchool));
            }
            if !may_set_school_goals(&user.roles, principal_of.contains(&school)) {
                return Err(ApiError::Forbidden);
            }
            check_serves(level, year.id, Some(school), &served, &[])
                .map_err(ApiError::Validation)?;
            (Some(school), user.person)
        }
        GoalLevel::Teacher => {
            let owner = input.owner.unwrap_or(user.person);
            let schools = teacher_schools(&state, &user, owner)
                .await?
                .ok_or(ApiError::field("owner", Msg::GoalOwnerNotTeacher))?;
            let school = check_serves(level, year.id, None, &served, &schools)
                .map_err(ApiError::Validation)?;
            let is_principal = school.is_some_and(|s| principal_of.contains(&s));
            if !may_handle_teacher_goal(&user.roles, owner == user.person, is_principal) {
                return Err(if user.roles.contains(&Role::Rektor) {
                    ApiError::field("owner", Msg::GoalOwnerNotTeacher)
                } else {
                    ApiError::Forbidden
                });
            }
            (school, owner)
        }
    };
    let ids = state
        .store
        .create_goals(
            user.municipality,
            year.id,
            &[NewGoal {
                level,
                school,
                owner,
                input: &input,
                carried_from: None,
            }],
        )
        .await?;
    let id = ids.first().copied().ok_or(ApiError::NotFound)?;
    let goal = stored_goal(&state, &user, id).await?;
    Ok((StatusCode::CREATED, Json(goal)))
}

/// Change a goal: its text, measure, tags, status and the goals it serves; `version`
/// must be current. Its level, school and owner stay.
#[utoipa::path(put, path = "/goals/{id}", tag = "goals", request_body = GoalInput,
    params(("id" = i64, Path, description = "The goal's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The goal as changed", body = Goal),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one who sets this goal", body = ErrorBody),
        (status = 404, description = "No such goal in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_goal(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GoalId>,
    ApiJson(input): ApiJson<GoalInput>,
) -> Result<Json<Goal>, ApiError> {
    let goal = writable_goal(&state, &user, id).await?;
    let version = input
        .version
        .ok_or(ApiError::field("version", Msg::FieldRequired))?;
    if let Some(e) = input
        .check(goal.level)
        .into_iter()
        .find(|e| e.field != "school")
    {
        return Err(ApiError::Validation(e));
    }
    let served = state
        .store
        .served_goals(user.municipality, &input.serves)
        .await?;
    let school = goal.school.as_ref().map(|s| s.id);
    check_serves(
        goal.level,
        goal.year,
        school,
        &served,
        &school.into_iter().collect::<Vec<_>>(),
    )
    .map_err(ApiError::Validation)?;
    state
        .store
        .update_goal(user.municipality, id, &input, version)
        .await?
        .settled()?;
    let goal = stored_goal(&state, &user, id).await?;
    Ok(Json(goal))
}

/// Remove a goal that no other goal serves; `version` must be current.
#[utoipa::path(delete, path = "/goals/{id}", tag = "goals",
    params(("id" = i64, Path, description = "The goal's id"), VersionQuery), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one who sets this goal", body = ErrorBody),
        (status = 404, description = "No such goal in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "Other goals serve it", body = ErrorBody),
    ))]
async fn delete_goal(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GoalId>,
    query: Result<ApiQuery<VersionQuery>, ApiError>,
) -> Result<StatusCode, ApiError> {
    writable_goal(&state, &user, id).await?;
    let ApiQuery(VersionQuery { version }) = query?;
    state
        .store
        .delete_goal(user.municipality, id, version)
        .await?
        .settled()?
        .map_err(|GoalRefusal::HasServants| ApiError::field("id", Msg::GoalHasServants))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Write a dated follow-up note on a goal, optionally with its new status; `version`
/// must be current.
#[utoipa::path(post, path = "/goals/{id}/notes", tag = "goals", request_body = NoteInput,
    params(("id" = i64, Path, description = "The goal's id")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The goal with the note", body = Goal),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one who sets this goal", body = ErrorBody),
        (status = 404, description = "No such goal in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn add_note(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<GoalId>,
    ApiJson(note): ApiJson<NoteInput>,
) -> Result<(StatusCode, Json<Goal>), ApiError> {
    writable_goal(&state, &user, id).await?;
    validate(&note)?;
    let on = note.on.clone().unwrap_or_else(today);
    state
        .store
        .add_goal_note(
            user.municipality,
            id,
            user.person,
            &on,
            &note.text,
            note.status,
            note.version,
        )
        .await?
        .settled()?;
    let goal = stored_goal(&state, &user, id).await?;
    Ok((StatusCode::CREATED, Json(goal)))
}

/// Which years a carry is between: `?from=&to=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct CarryQuery {
    /// The school year carried from.
    from: SchoolYearId,
    /// The later school year carried to.
    to: SchoolYearId,
}

/// Both years exist and `to` starts after `from`.
async fn check_years(
    state: &AppState,
    user: &AuthUser,
    from: SchoolYearId,
    to: SchoolYearId,
) -> Result<(), ApiError> {
    let from = state
        .store
        .school_year(user.municipality, from)
        .await?
        .ok_or(ApiError::NotFound)?;
    let to = state
        .store
        .school_year(user.municipality, to)
        .await?
        .ok_or(ApiError::NotFound)?;
    if to.starts_on <= from.starts_on {
        return Err(ApiError::field("to", Msg::CopyToLaterYear));
    }
    Ok(())
}

/// The caller's goals of a year for review before carrying them to a later one: the
/// steering group's the municipality's, a principal's their schools', a teacher's
/// their own; each with its status, whether it is carried already and whether it must
/// wait for the goal it serves.
#[utoipa::path(get, path = "/goals/carry", tag = "goals", params(CarryQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The goals that can be carried", body = CarryPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 422, description = "The year carried to is not later", body = ErrorBody),
    ))]
async fn carry_preview(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<ApiQuery<CarryQuery>, ApiError>,
) -> Result<Json<CarryPreview>, ApiError> {
    user.require(may_carry)?;
    let ApiQuery(CarryQuery { from, to }) = query?;
    check_years(&state, &user, from, to).await?;
    let lines = state
        .store
        .carry_lines(
            user.municipality,
            from,
            to,
            viewer(&user),
            user.may(may_set_municipality_goals),
        )
        .await?
        .into_iter()
        .map(|(line, _, _)| line)
        .collect();
    Ok(Json(CarryPreview { from, to, lines }))
}

/// Carry the chosen goals to the later year, all or none: each as it was written, with
/// the status "ej påbörjat", serving the carried copies of what it served.
#[utoipa::path(post, path = "/goals/carry", tag = "goals", request_body = CarryRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "The new goals", body = CarryResult),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A goal is not the caller's to carry, is carried already, or serves a goal not carried yet", body = ErrorBody),
    ))]
async fn carry_goals(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(request): ApiJson<CarryRequest>,
) -> Result<(StatusCode, Json<CarryResult>), ApiError> {
    user.require(may_carry)?;
    check_years(&state, &user, request.from, request.to).await?;
    if request.goals.is_empty() {
        return Err(ApiError::field("goals", Msg::FieldRequired));
    }
    let mut asked = request.goals.clone();
    asked.sort_unstable();
    asked.dedup();
    if asked.len() != request.goals.len() {
        return Err(ApiError::field("goals", Msg::GoalNotCarriable));
    }
    let lines = state
        .store
        .carry_lines(
            user.municipality,
            request.from,
            request.to,
            viewer(&user),
            user.may(may_set_municipality_goals),
        )
        .await?;
    let mut chosen = Vec::with_capacity(request.goals.len());
    for id in &request.goals {
        let line = lines
            .iter()
            .find(|(l, _, _)| l.goal == *id && !l.carried && !l.blocked)
            .ok_or(ApiError::field("goals", Msg::GoalNotCarriable))?;
        let goal = &line.1;
        chosen.push((
            GoalInput {
                title: goal.title.clone(),
                description: goal.description.clone(),
                measure: goal.measure.clone(),
                area: goal.area,
                agenda2030: goal.agenda2030.clone(),
                status: GoalStatus::NotStarted,
                serves: line.2.clone(),
                ..GoalInput::default()
            },
            goal,
        ));
    }
    let new: Vec<NewGoal<'_>> = chosen
        .iter()
        .map(|(input, goal)| NewGoal {
            level: goal.level,
            school: goal.school.as_ref().map(|s| s.id),
            owner: goal.owner.id,
            input,
            carried_from: Some(goal.id),
        })
        .collect();
    let created = match state
        .store
        .create_goals(user.municipality, request.to, &new)
        .await
    {
        Ok(ids) => ids,
        // Carried at the same moment by someone else (a goal is carried to a year once).
        Err(e) if crate::store::is_unique_violation(&e) => {
            return Err(ApiError::field("goals", Msg::GoalNotCarriable));
        }
        Err(e) => return Err(e.into()),
    };
    Ok((StatusCode::CREATED, Json(CarryResult { created })))
}
