//! Personal action plans: each member's own plan for a meeting (private unless shared
//! with the group), saved as it is typed with versions, the draft starting from the
//! previous plan's focus; who has written one; and "Min röda tråd", the author's plans
//! of the year.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::goals::GoalLevel;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::MeetingId;
use kollegium_shared::meetings::records::new_plan;
use kollegium_shared::meetings::{
    ActionPlan, ActionPlanInput, PlanGoal, PlanOfMember, PlanOverview, ThreadEntry,
};

use super::access::MeetingContext;
use crate::context::{YearQuery, year_or_current};
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser};
use crate::state::AppState;

/// The caller's personal action plan for a meeting; before the first save, a draft
/// whose first answer starts from the focus of their previous plan in the group.
#[utoipa::path(get, path = "/meetings/{id}/plan", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan (version 0: not saved yet)", body = ActionPlan),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a member of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
pub(super) async fn my_plan(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
) -> Result<Json<ActionPlan>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_member()?;
    let meeting = &ctx.meeting;
    if let Some(plan) = state.store.action_plan(meeting.id, user.person).await? {
        return Ok(Json(plan));
    }
    let previous = state
        .store
        .previous_plan(meeting.group_id, user.person, &meeting.starts_on)
        .await?;
    Ok(Json(ActionPlan {
        meeting_id: meeting.id,
        fields: new_plan(previous.as_ref()),
        shared: false,
        version: 0,
        updated_at: None,
        goal: None,
    }))
}

/// Name the caller's own teacher goal that their saved plan's focus serves, or none;
/// the goal then lists the plan as evidence.
#[utoipa::path(put, path = "/meetings/{id}/plan/goal", tag = "meetings", request_body = PlanGoal,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan with its goal", body = ActionPlan),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a member of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 422, description = "No saved plan yet, or not a goal of the caller's own", body = ErrorBody),
    ))]
pub(super) async fn set_plan_goal(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(request): ApiJson<PlanGoal>,
) -> Result<Json<ActionPlan>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_member()?;
    if let Some(goal) = request.goal {
        let own = state
            .store
            .goal(user.municipality, goal)
            .await?
            .is_some_and(|g| g.level == GoalLevel::Teacher && g.owner.id == user.person);
        if !own {
            return Err(ApiError::field("goal", Msg::PlanGoalNotOwn));
        }
    }
    if !state
        .store
        .set_plan_goal(id, user.person, request.goal)
        .await?
    {
        return Err(ApiError::field("goal", Msg::PlanNotSaved));
    }
    let plan = state
        .store
        .action_plan(id, user.person)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(plan))
}

/// Save the caller's plan (autosave); `version` is the one the text was based on (0 for
/// the first save). A stale save is refused with 409 and nothing is written over.
#[utoipa::path(put, path = "/meetings/{id}/plan", tag = "meetings", request_body = ActionPlanInput,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan as saved", body = ActionPlan),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a member of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "Saved elsewhere since the version sent", body = ErrorBody),
        (status = 422, description = "Unknown or too long answers", body = ErrorBody),
    ))]
pub(super) async fn save_plan(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(input): ApiJson<ActionPlanInput>,
) -> Result<Json<ActionPlan>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_member()?;
    validate(&input)?;
    state
        .store
        .save_action_plan(user.municipality, id, user.person, &input)
        .await?
        .settled()?;
    let plan = state
        .store
        .action_plan(id, user.person)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(plan))
}

/// Who has written a plan: the group's members and leader see names and the text of
/// shared plans; the steering group, administrators and principals see counts only.
#[utoipa::path(get, path = "/meetings/{id}/plans", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "Who has written a plan", body = PlanOverview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
pub(super) async fn plan_overview(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
) -> Result<Json<PlanOverview>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    let group = ctx.group(&state, &user).await?;
    let plans = state.store.meeting_plans(id).await?;
    let people = if ctx.is_member() {
        group
            .members
            .iter()
            .map(|m| {
                let plan = plans.iter().find(|(p, _, _)| *p == m.id);
                PlanOfMember {
                    person_id: m.id,
                    name: m.name.clone(),
                    written: plan.is_some(),
                    shared_fields: plan
                        .filter(|(_, shared, _)| *shared)
                        .map(|(_, _, f)| f.clone()),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Json(PlanOverview {
        written: u32::try_from(plans.len()).unwrap_or(u32::MAX),
        members: u32::try_from(group.members.len()).unwrap_or(u32::MAX),
        people,
    }))
}

/// "Min röda tråd": the caller's own plans of the year, each with its meeting, in time
/// order. Only the author ever reads them here.
#[utoipa::path(get, path = "/plans/mine", tag = "meetings", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's plans with their meetings", body = Vec<ThreadEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
    ))]
pub(super) async fn my_thread(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<Vec<ThreadEntry>>, ApiError> {
    let year = year_or_current(&state, &user, q.year).await?;
    let meetings = state
        .store
        .meetings(user.municipality, year.id, Some(user.person))
        .await?;
    let mut thread = Vec::new();
    for meeting in meetings {
        if let Some(plan) = state.store.action_plan(meeting.id, user.person).await? {
            thread.push(ThreadEntry { meeting, plan });
        }
    }
    Ok(Json(thread))
}
