//! The årshjul API: a school year's wheel (laid out from the template on the first
//! visit), its activities with versions and a recorded history, a single activity as
//! an .ics file, and calendar feeds (a private, revocable one per person; a public one
//! per municipality when switched on).
//!
//! Everyone in the municipality reads the wheel; the steering group and administrators
//! change it.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kollegium_shared::date::{Date, parse_time};
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::GroupKind;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{ActivityId, GroupId};
use kollegium_shared::wheel::access::may_edit_wheel;
use kollegium_shared::wheel::{Activity, ActivityInput, Audience, Wheel, WheelChange, ical};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::context::{YearQuery, year_or_current};
use crate::error::{ApiError, validate};
use crate::export::attachment;
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, VersionQuery};
use crate::state::AppState;
use crate::store::GroupFilter;

mod copy;
mod feed;
mod rings;

/// The routes under `/api/v1/wheel`, the calendar feeds and `/api/v1/me/calendar-feed`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(feed::router())
        .merge(rings::router())
        .merge(copy::router())
        .routes(routes!(get_wheel))
        .routes(routes!(create_activity))
        .routes(routes!(update_activity, delete_activity))
        .routes(routes!(activity_ics))
        .routes(routes!(history))
}

/// A school year's wheel: its rings and activities.
#[utoipa::path(get, path = "/wheel", tag = "wheel", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The wheel", body = Wheel),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
    ))]
async fn get_wheel(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<Wheel>, ApiError> {
    let year = year_or_current(&state, &user, q.year).await?;
    let rings = state.store.wheel_rings(user.municipality, &year).await?;
    let activities = state
        .store
        .wheel_activities(user.municipality, year.id)
        .await?;
    let groups: Vec<(GroupId, GroupKind)> = state
        .store
        .groups(
            user.municipality,
            GroupFilter::OfPerson(year.id, user.person),
        )
        .await?
        .into_iter()
        .map(|g| (g.id, g.kind))
        .collect();
    let mine = activities
        .iter()
        .filter(|a| a.audience.includes(&user.roles, &groups))
        .map(|a| a.id)
        .collect();
    Ok(Json(Wheel {
        school_year: year,
        rings,
        activities,
        mine,
    }))
}

/// The school year of the ring the activity is on, checked to belong to the caller's
/// municipality, and the activity checked to lie within that year, for the year's
/// groups and the municipality's published material.
async fn check_ring(
    state: &AppState,
    user: &AuthUser,
    input: &ActivityInput,
) -> Result<kollegium_shared::ids::SchoolYearId, ApiError> {
    let year_id = state
        .store
        .ring_year(user.municipality, input.ring_id)
        .await?
        .ok_or_else(|| ApiError::field("ring_id", Msg::NotFound))?;
    let year = state
        .store
        .school_year(user.municipality, year_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !input.within(&year) {
        let field = if Date::parse(&input.starts_on)
            .is_some_and(|d| kollegium_shared::wheel::geometry::YearRange::of(&year).contains(d))
        {
            "ends_on"
        } else {
            "starts_on"
        };
        return Err(ApiError::field(field, Msg::OutsideSchoolYear));
    }
    // Named groups must be the year's own.
    if let Audience::Groups { groups } = &input.audience {
        let known: Vec<GroupId> = state
            .store
            .groups(user.municipality, GroupFilter::Year(year_id))
            .await?
            .into_iter()
            .map(|g| g.id)
            .collect();
        if !groups.iter().all(|g| known.contains(g)) {
            return Err(ApiError::field("audience", Msg::NotFound));
        }
    }
    // Linked material must be the municipality's own, and published.
    if !state
        .store
        .published_items_exist(user.municipality, &input.library_items)
        .await?
    {
        return Err(ApiError::field("library_items", Msg::LinkedItemsInvalid));
    }
    Ok(year_id)
}

async fn load_activity(
    state: &AppState,
    user: &AuthUser,
    id: ActivityId,
) -> Result<Activity, ApiError> {
    state
        .store
        .wheel_activity(user.municipality, id)
        .await?
        .map(|(a, _)| a)
        .ok_or(ApiError::NotFound)
}

/// Adds an activity to the wheel of the ring's school year.
#[utoipa::path(post, path = "/wheel/activities", tag = "wheel", request_body = ActivityInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Activity),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn create_activity(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<ActivityInput>,
) -> Result<(StatusCode, Json<Activity>), ApiError> {
    user.require(may_edit_wheel)?;
    validate(&input)?;
    let year = check_ring(&state, &user, &input).await?;
    let id = state
        .store
        .create_activity(user.municipality, year, user.person, &input)
        .await?;
    // A new meeting slot gives every learning group a meeting.
    state.store.sync_meetings(user.municipality, year).await?;
    Ok((
        StatusCode::CREATED,
        Json(load_activity(&state, &user, id).await?),
    ))
}

/// Replaces an activity's fields; `version` must be the one the change was based on.
#[utoipa::path(put, path = "/wheel/activities/{id}", tag = "wheel", request_body = ActivityInput,
    params(("id" = i64, Path, description = "The activity's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The activity as changed", body = Activity),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such activity in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_activity(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ActivityId>,
    ApiJson(input): ApiJson<ActivityInput>,
) -> Result<Json<Activity>, ApiError> {
    user.require(may_edit_wheel)?;
    load_activity(&state, &user, id).await?;
    let version = input
        .version
        .ok_or_else(|| ApiError::field("version", Msg::FieldRequired))?;
    validate(&input)?;
    let year = check_ring(&state, &user, &input).await?;
    state
        .store
        .update_activity(user.municipality, id, user.person, &input, version)
        .await?
        .settled()?;
    // A moved meeting slot moves its meetings (the same meetings, records kept).
    state.store.sync_meetings(user.municipality, year).await?;
    Ok(Json(load_activity(&state, &user, id).await?))
}

/// Removes an activity; `version` must be current.
#[utoipa::path(delete, path = "/wheel/activities/{id}", tag = "wheel",
    params(("id" = i64, Path, description = "The activity's id"), VersionQuery), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such activity in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
    ))]
async fn delete_activity(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ActivityId>,
    query: Result<ApiQuery<VersionQuery>, ApiError>,
) -> Result<StatusCode, ApiError> {
    user.require(may_edit_wheel)?;
    load_activity(&state, &user, id).await?;
    let ApiQuery(VersionQuery { version }) = query?;
    state
        .store
        .delete_activity(user.municipality, id, user.person, version)
        .await?
        .settled()?;
    Ok(StatusCode::NO_CONTENT)
}

/// The wheel's changes, newest first: who, when, what, with the activity before and
/// after.
#[utoipa::path(get, path = "/wheel/history", tag = "wheel", params(YearQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The latest 200 changes", body = [WheelChange]),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
    ))]
async fn history(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> Result<Json<Vec<WheelChange>>, ApiError> {
    user.require(may_edit_wheel)?;
    let year = year_or_current(&state, &user, q.year).await?;
    Ok(Json(
        state
            .store
            .wheel_changes(user.municipality, year.id, 200)
            .await?,
    ))
}

/// The current time as an iCalendar UTC value.
pub(crate) fn ical_stamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

/// An activity as a calendar event.
pub(crate) fn event_of(a: &Activity) -> Option<ical::Event> {
    Some(ical::Event {
        uid: format!("activity-{}@kollegium", a.id.0),
        sequence: a.version - 1,
        summary: a.title.clone(),
        description: a.description.clone(),
        first: Date::parse(&a.starts_on)?,
        last: Date::parse(&a.ends_on)?,
        start_minutes: a.start_time.as_deref().and_then(parse_time),
        end_minutes: a.end_time.as_deref().and_then(parse_time),
        url: None,
    })
}

/// Serves iCalendar text, as a file to save when `file` names one.
pub(crate) fn ics_response(body: String, file: Option<&str>) -> Response {
    const ICS: &str = "text/calendar; charset=utf-8";
    match file {
        Some(file) => attachment(ICS, file, body),
        None => ([(axum::http::header::CONTENT_TYPE, ICS)], body).into_response(),
    }
}

/// One activity as an .ics file to open in a calendar.
#[utoipa::path(get, path = "/wheel/activities/{id}/ics", tag = "wheel",
    params(("id" = i64, Path, description = "The activity's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The activity as iCalendar", content_type = "text/calendar"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such activity in the caller's municipality", body = ErrorBody),
    ))]
async fn activity_ics(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ActivityId>,
) -> Result<Response, ApiError> {
    let activity = load_activity(&state, &user, id).await?;
    let events: Vec<ical::Event> = event_of(&activity).into_iter().collect();
    Ok(ics_response(
        ical::calendar(&activity.title, &events, &ical_stamp()),
        Some(&format!("aktivitet-{id}.ics")),
    ))
}
