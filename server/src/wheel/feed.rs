//! Calendar feeds: every person may make a private feed URL (the token is shown once,
//! only its SHA-256 is stored, and making a new one revokes the old); a municipality
//! may switch on a public feed of its whole wheel. The feeds need no sign-in: the
//! unguessable token is the key. A person's feed holds every activity whose audience
//! includes them, in every school year.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::goals::talks::talk_event;
use kollegium_shared::groups::GroupKind;
use kollegium_shared::i18n::Lang;
use kollegium_shared::wheel::access::may_edit_wheel;
use kollegium_shared::wheel::{CalendarFeed, PublicFeed, ical};
use rand::RngCore;
use sha2::{Digest, Sha256};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{event_of, ical_stamp, ics_response};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, AuthUser};
use crate::state::AppState;
use crate::store::GroupFilter;

/// The routes of `/api/v1/me/calendar-feed`, `/api/v1/wheel/public-feed` and the feeds.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_my_feed, make_my_feed, revoke_my_feed))
        .routes(routes!(get_public_feed, set_public_feed))
        .routes(routes!(feed))
        .routes(routes!(public_feed))
}

/// 32 random bytes as 64 hex digits.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What is stored of a token.
pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn feed_path(token: &str) -> String {
    format!("/api/v1/calendar/{token}.ics")
}

/// Whether the signed-in person has a feed (the URL itself is shown only when made).
#[utoipa::path(get, path = "/me/calendar-feed", tag = "wheel", security(("bearer" = [])),
    responses(
        (status = 200, description = "Whether a feed exists", body = CalendarFeed),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn get_my_feed(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<CalendarFeed>, ApiError> {
    let active = state.store.has_calendar_token(user.person).await?;
    Ok(Json(CalendarFeed { active, url: None }))
}

/// Makes a new private feed URL; an earlier one stops working.
#[utoipa::path(post, path = "/me/calendar-feed", tag = "wheel", security(("bearer" = [])),
    responses(
        (status = 200, description = "The new feed's URL, shown only now", body = CalendarFeed),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn make_my_feed(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<CalendarFeed>, ApiError> {
    let token = new_token();
    state
        .store
        .set_calendar_token(user.municipality, user.person, &token_hash(&token))
        .await?;
    Ok(Json(CalendarFeed {
        active: true,
        url: Some(feed_path(&token)),
    }))
}

/// Revokes the private feed.
#[utoipa::path(delete, path = "/me/calendar-feed", tag = "wheel", security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn revoke_my_feed(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<StatusCode, ApiError> {
    state.store.revoke_calendar_token(user.person).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether the municipality's public feed is on (its URL is shown only when made).
#[utoipa::path(get, path = "/wheel/public-feed", tag = "wheel", security(("bearer" = [])),
    responses(
        (status = 200, description = "Whether the public feed is on", body = CalendarFeed),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
    ))]
async fn get_public_feed(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<CalendarFeed>, ApiError> {
    user.require(may_edit_wheel)?;
    let active = state.store.has_public_wheel(user.municipality).await?;
    Ok(Json(CalendarFeed { active, url: None }))
}

/// Switches the municipality's public feed of the whole wheel on (a new URL) or off.
#[utoipa::path(put, path = "/wheel/public-feed", tag = "wheel", request_body = PublicFeed,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The feed's state; the URL when switched on", body = CalendarFeed),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed", body = ErrorBody),
    ))]
async fn set_public_feed(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(request): ApiJson<PublicFeed>,
) -> Result<Json<CalendarFeed>, ApiError> {
    user.require(may_edit_wheel)?;
    let token = request.enabled.then(new_token);
    state
        .store
        .set_public_wheel_token(
            user.municipality,
            token.as_deref().map(token_hash).as_deref(),
        )
        .await?;
    Ok(Json(CalendarFeed {
        active: token.is_some(),
        url: token.map(|t| format!("/api/v1/calendar/public/{t}.ics")),
    }))
}

/// The activities of every school year of the municipality as events: all of them, or
/// those whose audience includes `person` (with their roles).
async fn wheel_events(
    state: &AppState,
    municipality: kollegium_shared::ids::MunicipalityId,
    person: Option<(
        kollegium_shared::ids::PersonId,
        &[kollegium_shared::org::Role],
    )>,
) -> Result<Vec<ical::Event>, ApiError> {
    let mut events = Vec::new();
    for year in state.store.school_years(municipality).await? {
        let groups: Vec<(kollegium_shared::ids::GroupId, GroupKind)> = match person {
            Some((p, _)) => state
                .store
                .groups(municipality, GroupFilter::OfPerson(year.id, p))
                .await?
                .into_iter()
                .map(|g| (g.id, g.kind))
                .collect(),
            None => Vec::new(),
        };
        for a in state.store.wheel_activities(municipality, year.id).await? {
            if person.is_none_or(|(_, roles)| a.audience.includes(roles, &groups)) {
                events.extend(event_of(&a));
            }
        }
    }
    Ok(events)
}

/// The token of `name` (`<token>.ics`), if it has that shape.
fn token_of(name: &str) -> Option<&str> {
    name.strip_suffix(".ics")
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A person's private feed: the activities of every school year whose audience
/// includes them.
#[utoipa::path(get, path = "/calendar/{file}", tag = "wheel",
    params(("file" = String, Path, description = "`<token>.ics`")),
    responses(
        (status = 200, description = "The feed", content_type = "text/calendar"),
        (status = 404, description = "No such feed (or revoked)", body = ErrorBody),
    ))]
async fn feed(
    State(state): State<AppState>,
    ApiPath(file): ApiPath<String>,
) -> Result<Response, ApiError> {
    let token = token_of(&file).ok_or(ApiError::NotFound)?;
    let (municipality, person) = state
        .store
        .calendar_token_owner(&token_hash(token))
        .await?
        .ok_or(ApiError::NotFound)?;
    let me = state
        .store
        .staff_member(municipality, person)
        .await?
        .filter(|m| m.active)
        .ok_or(ApiError::NotFound)?;
    let mut events = wheel_events(&state, municipality, Some((person, &me.roles))).await?;
    // The målsamtal booked with or by the person.
    for (slot, version, time, other) in state.store.talk_feed(municipality, person).await? {
        events.extend(talk_event(slot, version, &time, &other, Lang::Sv));
    }
    Ok(ics_response(
        ical::calendar("Kollegium", &events, &ical_stamp()),
        None,
    ))
}

/// A municipality's public feed of its whole wheel, every school year.
#[utoipa::path(get, path = "/calendar/public/{file}", tag = "wheel",
    params(("file" = String, Path, description = "`<token>.ics`")),
    responses(
        (status = 200, description = "The feed", content_type = "text/calendar"),
        (status = 404, description = "No such feed (or switched off)", body = ErrorBody),
    ))]
async fn public_feed(
    State(state): State<AppState>,
    ApiPath(file): ApiPath<String>,
) -> Result<Response, ApiError> {
    let token = token_of(&file).ok_or(ApiError::NotFound)?;
    let municipality = state
        .store
        .public_wheel_owner(&token_hash(token))
        .await?
        .ok_or(ApiError::NotFound)?;
    let events = wheel_events(&state, municipality, None).await?;
    Ok(ics_response(
        ical::calendar("Årshjul", &events, &ical_stamp()),
        None,
    ))
}
