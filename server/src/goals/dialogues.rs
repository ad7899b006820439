//! The resultatdialoger API under `/api/v1/result-dialogues`: a school's principal and
//! its head of operations hold one in a period of the wheel's Resultatdialoger ring;
//! the dialogue keeps the school's figures as they stood that day; its two parties
//! write it, and they and the steering group read it.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::date::Date;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::goals::GoalLevel;
use kollegium_shared::goals::dialogues::{
    DialogueInput, Dialogues, NewDialogue, ResultDialogue, goal_work, snapshot,
};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{GoalId, PersonId, ResultDialogueId, SchoolId};
use kollegium_shared::org::{Role, School};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::context::today;
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, AuthUser};
use crate::state::AppState;

/// The routes under `/api/v1/result-dialogues`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_dialogues, create_dialogue))
        .routes(routes!(get_dialogue, update_dialogue))
}

/// The schools the caller is a party for: as the principal (rektor answering for the
/// school) or as its head of operations.
async fn party_schools(state: &AppState, user: &AuthUser) -> Result<Vec<School>, ApiError> {
    let principal_of: Vec<SchoolId> = if user.roles.contains(&Role::Rektor) {
        state
            .store
            .principal_schools(user.municipality, user.person)
            .await?
    } else {
        Vec::new()
    };
    let heads = user.roles.contains(&Role::Verksamhetschef);
    Ok(state
        .store
        .list_schools(user.municipality)
        .await?
        .into_iter()
        .filter(|s| {
            s.active
                && (principal_of.contains(&s.id)
                    || (heads && s.head.as_ref().is_some_and(|h| h.id == user.person)))
        })
        .collect())
}

/// The steering group reads every school's dialogues (an administrator only as a
/// member of it).
fn in_steering_group(user: &AuthUser) -> bool {
    user.roles.contains(&Role::Styrgrupp)
}

/// Whether the caller may read the school's dialogues, and whether they write them.
async fn standing(
    state: &AppState,
    user: &AuthUser,
    school: SchoolId,
) -> Result<(bool, bool), ApiError> {
    let party = party_schools(state, user)
        .await?
        .iter()
        .any(|s| s.id == school);
    Ok((party || in_steering_group(user), party))
}

async fn view(
    state: &AppState,
    user: &AuthUser,
    id: ResultDialogueId,
) -> Result<ResultDialogue, ApiError> {
    let (d, actions) = state
        .store
        .dialogue(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (reads, writes) = standing(state, user, SchoolId(d.school_id)).await?;
    if !reads {
        return Err(ApiError::Forbidden);
    }
    let previous = state
        .store
        .previous_dialogue(user.municipality, SchoolId(d.school_id), &d.held_on, id)
        .await?;
    // The work for the goals the last dialogue's insatser served: from the day after
    // it, up to this one's day.
    let goal_work = match &previous {
        Some(p) => {
            let goals: Vec<GoalId> = p.actions.iter().filter_map(|a| a.goal).collect();
            let day_after = |on: &str| {
                Date::parse(on).map_or_else(|| on.to_owned(), |d| d.add_days(1).to_string())
            };
            let (served, teachers, plans) = state
                .store
                .goal_work_rows(
                    user.municipality,
                    SchoolId(d.school_id),
                    &goals,
                    &day_after(&p.held_on),
                    &day_after(&d.held_on),
                )
                .await?;
            goal_work(&p.actions, &served, &teachers, &plans)
        }
        None => Vec::new(),
    };
    Ok(ResultDialogue {
        id,
        school: d.school(),
        period: d.activity_id.map(kollegium_shared::ids::ActivityId),
        period_title: d.period_title.clone(),
        held_on: d.held_on.clone(),
        principal: d.principal(),
        head: d.head(),
        figures: d.figures(),
        analysis: d.analysis.clone(),
        actions,
        decisions: d.decisions.clone(),
        follow_up: d.follow_up.clone(),
        next_on: d.next_on.clone(),
        previous,
        goal_work,
        writable: writes,
        version: d.version,
    })
}

/// The dialogues the caller reads, and the schools and periods they may hold one for.
#[utoipa::path(get, path = "/result-dialogues", tag = "goals", security(("bearer" = [])),
    responses(
        (status = 200, description = "The dialogues of the schools the caller is a party for (every school for the steering group), newest first; those schools; the current year's periods", body = Dialogues),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither a principal, a head of operations nor the steering group", body = ErrorBody),
    ))]
async fn list_dialogues(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Dialogues>, ApiError> {
    let may = in_steering_group(&user)
        || user.roles.contains(&Role::Rektor)
        || user.roles.contains(&Role::Verksamhetschef);
    if !may {
        return Err(ApiError::Forbidden);
    }
    let schools = party_schools(&state, &user).await?;
    let ids: Vec<SchoolId> = schools.iter().map(|s| s.id).collect();
    let dialogues = state
        .store
        .dialogue_lines(
            user.municipality,
            (!in_steering_group(&user)).then_some(&ids[..]),
        )
        .await?;
    let periods = match state
        .store
        .current_school_year(user.municipality, &today())
        .await?
    {
        Some(year) => {
            state
                .store
                .dialogue_periods(user.municipality, year.id)
                .await?
        }
        None => Vec::new(),
    };
    Ok(Json(Dialogues {
        dialogues,
        schools: schools
            .into_iter()
            .map(|s| kollegium_shared::org::SchoolRef {
                id: s.id,
                name: s.name,
            })
            .collect(),
        periods,
    }))
}

/// Holds a dialogue of a school: its figures are kept as they stand now.
#[utoipa::path(post, path = "/result-dialogues", tag = "goals", request_body = NewDialogue,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The dialogue", body = ResultDialogue),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the school's principal or head of operations", body = ErrorBody),
        (status = 404, description = "No such school in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule (`held_on`, `period`)", body = ErrorBody),
    ))]
async fn create_dialogue(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<NewDialogue>,
) -> Result<(StatusCode, Json<ResultDialogue>), ApiError> {
    let school = state
        .store
        .list_schools(user.municipality)
        .await?
        .into_iter()
        .find(|s| s.id == input.school)
        .ok_or(ApiError::NotFound)?;
    let (_, writes) = standing(&state, &user, school.id).await?;
    if !writes {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    if let Some(period) = input.period
        && !state
            .store
            .is_dialogue_period(user.municipality, period)
            .await?
    {
        return Err(ApiError::field("period", Msg::DialoguePeriod));
    }
    let rows = state
        .store
        .school_figures(user.municipality, school.id)
        .await?;
    let principal = school
        .principal
        .as_ref()
        .map(|p| p.id)
        .or_else(|| user.roles.contains(&Role::Rektor).then_some(user.person));
    let head = school.head.as_ref().map(|h| h.id);
    let id = state
        .store
        .create_dialogue(
            user.municipality,
            school.id,
            input.period,
            &input.held_on,
            principal,
            head,
            &snapshot(&rows),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(view(&state, &user, id).await?)))
}

/// One dialogue: its two parties and the steering group.
#[utoipa::path(get, path = "/result-dialogues/{id}", tag = "goals",
    params(("id" = i64, Path, description = "The dialogue's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The dialogue with its figures as they stood, its insatser and the last dialogue's", body = ResultDialogue),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither a party nor the steering group", body = ErrorBody),
        (status = 404, description = "No such dialogue in the caller's municipality", body = ErrorBody),
    ))]
async fn get_dialogue(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ResultDialogueId>,
) -> Result<Json<ResultDialogue>, ApiError> {
    Ok(Json(view(&state, &user, id).await?))
}

/// Writes the analysis, the insatser (each with an owner, a time and the goal it
/// serves), the decisions, the follow-up of the last dialogue and the next date;
/// `version` must be current.
#[utoipa::path(put, path = "/result-dialogues/{id}", tag = "goals", request_body = DialogueInput,
    params(("id" = i64, Path, description = "The dialogue's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The dialogue as it now stands", body = ResultDialogue),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one of its two parties", body = ErrorBody),
        (status = 404, description = "No such dialogue in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by the other party since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_dialogue(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ResultDialogueId>,
    ApiJson(input): ApiJson<DialogueInput>,
) -> Result<Json<ResultDialogue>, ApiError> {
    let current = view(&state, &user, id).await?;
    if !current.writable {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    for a in &input.actions {
        if let Some(owner) = a.owner
            && !active_person(&state, &user, owner).await?
        {
            return Err(ApiError::field("actions", Msg::DialogueActionOwner));
        }
        if let Some(goal) = a.goal {
            let found = state.store.goal(user.municipality, goal).await?;
            let fits = found.is_some_and(|g| match g.level {
                GoalLevel::Municipality => true,
                GoalLevel::School => g.school.is_some_and(|s| s.id == current.school.id),
                GoalLevel::Teacher => false,
            });
            if !fits {
                return Err(ApiError::field("actions", Msg::DialogueActionGoal));
            }
        }
    }
    state
        .store
        .update_dialogue(user.municipality, id, &input)
        .await?
        .settled()?;
    Ok(Json(view(&state, &user, id).await?))
}

async fn active_person(
    state: &AppState,
    user: &AuthUser,
    person: PersonId,
) -> Result<bool, ApiError> {
    Ok(state
        .store
        .staff_member(user.municipality, person)
        .await?
        .is_some_and(|p| p.active))
}
