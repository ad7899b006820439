//! The målsamtal API under `/api/v1/goal-conversations`: a school year's conversations
//! as the caller takes part in them (and, for the steering group and heads of
//! operations, counts per school), the times a leader offers and the other party books,
//! and the record, which only its two parties read or write. Each party's preparation
//! is theirs alone until they share it.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::date::Date;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::goals::GoalLevel;
use kollegium_shared::goals::access::{
    may_count_talks, may_handle_teacher_goal, may_lead_talks, may_set_school_goals,
};
use kollegium_shared::goals::talks::{
    HeldInput, NewTalk, SchoolTalkCounts, SlotOffer, Talk, TalkKind, TalkLine,
    TalkPreparationInput, TalkProgress, TalkRecordInput, TalkSlot, TalkState, YearTalks, clock,
    within_periods,
};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{PersonId, SchoolId, SchoolYearId, TalkId, TalkSlotId};
use kollegium_shared::org::access::steers;
use kollegium_shared::org::{PersonRef, Role, SchoolRef};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::context::{YearQuery, today, year_or_current};
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser};
use crate::state::AppState;
use crate::store::{BookRefusal, StoredSlot, StoredTalk};

/// The routes under `/api/v1/goal-conversations`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_talks, open_talk))
        .routes(routes!(offer_slots))
        .routes(routes!(withdraw_slot))
        .routes(routes!(book_slot))
        .routes(routes!(get_talk, update_talk))
        .routes(routes!(set_talk_preparation))
        .routes(routes!(set_held))
        .routes(routes!(unbook))
}

/// Those the caller holds målsamtal with: a principal's teachers, a head of
/// operations' principals.
async fn led_by(
    state: &AppState,
    user: &AuthUser,
) -> Result<Vec<(PersonRef, SchoolRef, TalkKind)>, ApiError> {
    let mut out = Vec::new();
    if user.roles.contains(&Role::Rektor) {
        let teachers = state
            .store
            .talk_teachers(user.municipality, user.person)
            .await?;
        out.extend(teachers.into_iter().map(|(p, s)| (p, s, TalkKind::Teacher)));
    }
    if user.roles.contains(&Role::Verksamhetschef) {
        let principals = state
            .store
            .talk_principals(user.municipality, user.person)
            .await?;
        out.extend(
            principals
                .into_iter()
                .map(|(p, s)| (p, s, TalkKind::Principal)),
        );
    }
    Ok(out)
}

fn slot_of(s: &StoredSlot, show_booker: bool) -> TalkSlot {
    TalkSlot {
        id: TalkSlotId(s.id),
        leader: PersonRef {
            id: PersonId(s.leader_id),
            name: s.leader_name.clone(),
        },
        time: s.time(),
        taken: s.talk_id.is_some(),
        booked_by: if show_booker {
            s.member_id
                .zip(s.member_name.clone())
                .map(|(id, name)| PersonRef {
                    id: PersonId(id),
                    name,
                })
        } else {
            None
        },
    }
}

fn state_of(t: &StoredTalk) -> TalkState {
    TalkState::of(
        t.slot_on.is_some(),
        t.leader_held_on.is_some(),
        t.member_held_on.is_some(),
    )
}

/// The conversation, for one of its two parties: 404 outside the caller's
/// municipality, 403 for anyone else (an administrator included).
async fn party_talk(state: &AppState, user: &AuthUser, id: TalkId) -> Result<StoredTalk, ApiError> {
    let talk = state
        .store
        .talk(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if talk.leader_id != user.person.0 && talk.member_id != user.person.0 {
        return Err(ApiError::Forbidden);
    }
    Ok(talk)
}

/// The school year before `year`, if the municipality has one.
async fn year_before(
    state: &AppState,
    user: &AuthUser,
    year: SchoolYearId,
) -> Result<Option<SchoolYearId>, ApiError> {
    let years = state.store.school_years(user.municipality).await?;
    // Newest first.
    Ok(years
        .iter()
        .position(|y| y.id == year)
        .and_then(|i| years.get(i + 1))
        .map(|y| y.id))
}

/// The whole record as the caller may read it.
async fn talk_view(state: &AppState, user: &AuthUser, t: StoredTalk) -> Result<Talk, ApiError> {
    let id = TalkId(t.id);
    let year = SchoolYearId(t.school_year_id);
    let leading = t.leader_id == user.person.0;
    let member = PersonId(t.member_id);
    let level = t.kind().goal_level();
    let mut preparations = state.store.talk_preparations(id).await?;
    let preparation = preparations.remove(&user.person).unwrap_or_default();
    let other = PersonId(if leading { t.member_id } else { t.leader_id });
    let shared_by_other = preparations
        .remove(&other)
        .filter(|p| p.shared)
        .map(|p| p.text);
    let last_year = match year_before(state, user, year).await? {
        Some(before) => state
            .store
            .talk_goals(user.municipality, before, member, level)
            .await?
            .into_iter()
            .map(|(g, _)| g)
            .collect(),
        None => Vec::new(),
    };
    let mut plans = state
        .store
        .talk_plans(user.municipality, year, member)
        .await?;
    if leading {
        // A plan's text reaches only its author: the leader sees day, group and goal.
        for p in &mut plans {
            p.focus = None;
        }
    }
    // The year's goals, each with whether the caller may follow it up (the goals'
    // own rule: a teacher goal its teacher and their principal, a school goal its
    // principal).
    let principal_of = super::principal_schools(state, user).await?;
    let goals = state
        .store
        .talk_goals(user.municipality, year, member, level)
        .await?
        .into_iter()
        .map(|(mut g, school)| {
            let is_principal = school.is_some_and(|s| principal_of.contains(&s));
            g.writable = match level {
                GoalLevel::Teacher => {
                    may_handle_teacher_goal(&user.roles, member == user.person, is_principal)
                }
                _ => may_set_school_goals(&user.roles, is_principal),
            };
            g
        })
        .collect();
    Ok(Talk {
        id,
        year,
        kind: t.kind(),
        leader: t.leader(),
        member: t.member(),
        school: t.school(),
        leading,
        time: t.time(),
        state: state_of(&t),
        leader_held_on: t.leader_held_on.clone(),
        member_held_on: t.member_held_on.clone(),
        preparation,
        shared_by_other,
        last_year,
        plans,
        goals,
        record: t.record(),
        version: t.version,
    })
}

async fn answer(state: &AppState, user: &AuthUser, id: TalkId) -> Result<Json<Talk>, ApiError> {
    let t = party_talk(state, user, id).await?;
    Ok(Json(talk_view(state, user, t).await?))
}

/// The caller's målsamtal of a school year.
#[utoipa::path(get, path = "/goal-conversations", tag = "goals", params(YearQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The wheel's periods; the conversations the caller holds with their progress and the times they offer; their own conversations and the times they may book; counts per school for the steering group and heads of operations", body = YearTalks),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
    ))]
async fn list_talks(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<ApiQuery<YearQuery>, ApiError>,
) -> Result<Json<YearTalks>, ApiError> {
    let ApiQuery(YearQuery { year }) = query?;
    let year = year_or_current(&state, &user, year).await?;
    let m = user.municipality;
    let talks = state.store.year_talks(m, year.id, user.person).await?;
    let of_pair: HashMap<(i64, i64), &StoredTalk> = talks
        .iter()
        .map(|t| ((t.leader_id, t.member_id), t))
        .collect();
    let line = |kind, with: PersonRef, school, key| {
        let t = of_pair.get(&key);
        TalkLine {
            kind,
            with,
            school,
            talk: t.map(|t| TalkId(t.id)),
            time: t.and_then(|t| t.time()),
            state: t.map_or(TalkState::NotBooked, |t| state_of(t)),
        }
    };
    let leading: Vec<TalkLine> = led_by(&state, &user)
        .await?
        .into_iter()
        .map(|(p, s, kind)| {
            let key = (user.person.0, p.id.0);
            line(kind, p, s, key)
        })
        .collect();
    let offered = if user.may(may_lead_talks) {
        state
            .store
            .talk_slots(m, year.id, &[user.person])
            .await?
            .iter()
            .map(|s| slot_of(s, true))
            .collect()
    } else {
        Vec::new()
    };
    let leaders = state.store.talk_leaders(m, user.person).await?;
    let leader_ids: Vec<PersonId> = leaders.iter().map(|(p, ..)| p.id).collect();
    let mine: Vec<TalkLine> = leaders
        .into_iter()
        .map(|(p, s, kind)| {
            let key = (p.id.0, user.person.0);
            line(kind, p, s, key)
        })
        .collect();
    let my_talks: Vec<i64> = talks
        .iter()
        .filter(|t| t.member_id == user.person.0)
        .map(|t| t.id)
        .collect();
    // Free times, and the one the caller booked; never who booked the others.
    let bookable = state
        .store
        .talk_slots(m, year.id, &leader_ids)
        .await?
        .iter()
        .filter(|s| s.talk_id.is_none_or(|t| my_talks.contains(&t)))
        .map(|s| slot_of(s, true))
        .collect();
    let counts = if user.may(may_count_talks) {
        let headed: Vec<SchoolId> = if user.may(steers) {
            Vec::new()
        } else {
            state
                .store
                .list_schools(m)
                .await?
                .into_iter()
                .filter(|s| s.head.as_ref().is_some_and(|h| h.id == user.person))
                .map(|s| s.id)
                .collect()
        };
        state
            .store
            .talk_counts(m, year.id)
            .await?
            .into_iter()
            .filter(|(s, ..)| user.may(steers) || headed.contains(&s.id))
            .map(|(school, total, booked, held)| SchoolTalkCounts {
                school,
                progress: TalkProgress {
                    held,
                    booked,
                    total,
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Json(YearTalks {
        year: year.id,
        periods: state.store.talk_periods(m, year.id).await?,
        progress: TalkProgress::of(&leading),
        leading,
        offered,
        mine,
        bookable,
        counts,
    }))
}

/// Opens the year's conversation with a person the caller holds målsamtal with or has
/// them with, or answers the one there is.
#[utoipa::path(post, path = "/goal-conversations", tag = "goals", request_body = NewTalk,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The conversation", body = Talk),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 422, description = "The caller has no målsamtal with that person (`with`)", body = ErrorBody),
    ))]
async fn open_talk(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<NewTalk>,
) -> Result<Json<Talk>, ApiError> {
    let year = year_or_current(&state, &user, input.year).await?;
    let m = user.municipality;
    let led = led_by(&state, &user).await?;
    let pair = match led.into_iter().find(|(p, ..)| p.id == input.with) {
        Some((p, s, kind)) => Some((kind, user.person, p.id, s.id)),
        None => state
            .store
            .talk_leaders(m, user.person)
            .await?
            .into_iter()
            .find(|(p, ..)| p.id == input.with)
            .map(|(p, s, kind)| (kind, p.id, user.person, s.id)),
    };
    let (kind, leader, member, school) =
        pair.ok_or_else(|| ApiError::field("with", Msg::TalkNotYours))?;
    let id = state
        .store
        .open_talk(m, year.id, kind, leader, member, school)
        .await?;
    answer(&state, &user, id).await
}

/// Offers times for målsamtal on a day within the wheel's Målsamtal period.
#[utoipa::path(post, path = "/goal-conversations/slots", tag = "goals", request_body = SlotOffer,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The times the caller now offers that year", body = Vec<TalkSlot>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither a principal nor a head of operations", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule: the day outside the period, a time already offered", body = ErrorBody),
    ))]
async fn offer_slots(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(offer): ApiJson<SlotOffer>,
) -> Result<(StatusCode, Json<Vec<TalkSlot>>), ApiError> {
    user.require(may_lead_talks)?;
    let year = year_or_current(&state, &user, offer.year).await?;
    let times = offer
        .times()
        .map_err(|mut e| ApiError::Validation(e.remove(0)))?;
    let periods = state.store.talk_periods(user.municipality, year.id).await?;
    if periods.is_empty() {
        return Err(ApiError::field("on", Msg::TalkNoPeriod));
    }
    let on = Date::parse(&offer.on).ok_or_else(|| ApiError::field("on", Msg::DateInvalid))?;
    if !within_periods(on, &periods) {
        return Err(ApiError::field("on", Msg::TalkOutsidePeriod));
    }
    let times: Vec<(String, String)> = times
        .into_iter()
        .map(|(s, e)| (clock(s), clock(e)))
        .collect();
    state
        .store
        .offer_talk_slots(
            user.municipality,
            year.id,
            user.person,
            &on.to_string(),
            &times,
            &offer.place,
        )
        .await?
        .ok_or_else(|| ApiError::field("start", Msg::TalkSlotClash))?;
    let slots = state
        .store
        .talk_slots(user.municipality, year.id, &[user.person])
        .await?
        .iter()
        .map(|s| slot_of(s, true))
        .collect();
    Ok((StatusCode::CREATED, Json(slots)))
}

/// The offered time, which the caller offers.
async fn own_slot(
    state: &AppState,
    user: &AuthUser,
    id: TalkSlotId,
) -> Result<StoredSlot, ApiError> {
    let slot = state
        .store
        .talk_slot(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if slot.leader_id != user.person.0 {
        return Err(ApiError::Forbidden);
    }
    Ok(slot)
}

/// Withdraws an offered time; a booking on it is released.
#[utoipa::path(delete, path = "/goal-conversations/slots/{id}", tag = "goals",
    params(("id" = i64, Path, description = "The time's id")), security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a time the caller offers", body = ErrorBody),
        (status = 404, description = "No such time in the caller's municipality", body = ErrorBody),
    ))]
async fn withdraw_slot(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TalkSlotId>,
) -> Result<StatusCode, ApiError> {
    own_slot(&state, &user, id).await?;
    state.store.delete_talk_slot(user.municipality, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Books an offered time of one's principal (or head of operations) for the year's
/// conversation with them; an earlier booking of it is released.
#[utoipa::path(post, path = "/goal-conversations/slots/{id}/booking", tag = "goals",
    params(("id" = i64, Path, description = "The time's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The conversation with its time", body = Talk),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a time of someone the caller has målsamtal with", body = ErrorBody),
        (status = 404, description = "No such time in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Someone else booked it first", body = ErrorBody),
    ))]
async fn book_slot(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TalkSlotId>,
) -> Result<Json<Talk>, ApiError> {
    let m = user.municipality;
    let slot = state
        .store
        .talk_slot(m, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (leader, school, kind) = state
        .store
        .talk_leaders(m, user.person)
        .await?
        .into_iter()
        .find(|(p, ..)| p.id.0 == slot.leader_id)
        .ok_or(ApiError::Forbidden)?;
    let talk = state
        .store
        .open_talk(
            m,
            SchoolYearId(slot.school_year_id),
            kind,
            leader.id,
            user.person,
            school.id,
        )
        .await?;
    state
        .store
        .book_talk_slot(m, id, talk)
        .await?
        .map_err(|BookRefusal::Taken| ApiError::Conflict)?;
    answer(&state, &user, talk).await
}

/// One conversation, for its two parties.
#[utoipa::path(get, path = "/goal-conversations/{id}", tag = "goals",
    params(("id" = i64, Path, description = "The conversation's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The record, the caller's preparation, the other's if shared, looking back and the goals agreed", body = Talk),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one of its two parties", body = ErrorBody),
        (status = 404, description = "No such conversation in the caller's municipality", body = ErrorBody),
    ))]
async fn get_talk(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TalkId>,
) -> Result<Json<Talk>, ApiError> {
    answer(&state, &user, id).await
}

/// Writes the record: wishes, work situation, agreements, the spring follow-up;
/// `version` must be current.
#[utoipa::path(put, path = "/goal-conversations/{id}", tag = "goals", request_body = TalkRecordInput,
    params(("id" = i64, Path, description = "The conversation's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The conversation as it now stands", body = Talk),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one of its two parties", body = ErrorBody),
        (status = 404, description = "No such conversation in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by the other party since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_talk(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TalkId>,
    ApiJson(input): ApiJson<TalkRecordInput>,
) -> Result<Json<Talk>, ApiError> {
    party_talk(&state, &user, id).await?;
    validate(&input)?;
    state
        .store
        .update_talk_record(user.municipality, id, &input.record, input.version)
        .await?
        .settled()?;
    answer(&state, &user, id).await
}

/// Writes the caller's preparation, shared with the other party or not; `version`
/// must be current (0 for the first).
#[utoipa::path(put, path = "/goal-conversations/{id}/preparation", tag = "goals",
    request_body = TalkPreparationInput,
    params(("id" = i64, Path, description = "The conversation's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The conversation with the preparation", body = Talk),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one of its two parties", body = ErrorBody),
        (status = 404, description = "No such conversation in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed elsewhere since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn set_talk_preparation(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TalkId>,
    ApiJson(input): ApiJson<TalkPreparationInput>,
) -> Result<Json<Talk>, ApiError> {
    party_talk(&state, &user, id).await?;
    validate(&input)?;
    state
        .store
        .set_talk_preparation(
            id,
            user.person,
            input.text.trim(),
            input.shared,
            input.version,
        )
        .await?
        .settled()?;
    answer(&state, &user, id).await
}

/// Marks (or unmarks) the conversation held on the caller's side, today; it counts
/// as held when both parties have.
#[utoipa::path(put, path = "/goal-conversations/{id}/held", tag = "goals", request_body = HeldInput,
    params(("id" = i64, Path, description = "The conversation's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The conversation with the mark", body = Talk),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one of its two parties", body = ErrorBody),
        (status = 404, description = "No such conversation in the caller's municipality", body = ErrorBody),
    ))]
async fn set_held(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TalkId>,
    ApiJson(input): ApiJson<HeldInput>,
) -> Result<Json<Talk>, ApiError> {
    let t = party_talk(&state, &user, id).await?;
    let on = input.held.then(today);
    state
        .store
        .set_talk_held(
            user.municipality,
            id,
            t.leader_id == user.person.0,
            on.as_deref(),
        )
        .await?;
    answer(&state, &user, id).await
}

/// Releases the conversation's booked time (either party), so another can be chosen.
#[utoipa::path(delete, path = "/goal-conversations/{id}/booking", tag = "goals",
    params(("id" = i64, Path, description = "The conversation's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The conversation without a time", body = Talk),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not one of its two parties", body = ErrorBody),
        (status = 404, description = "No such conversation in the caller's municipality", body = ErrorBody),
    ))]
async fn unbook(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TalkId>,
) -> Result<Json<Talk>, ApiError> {
    party_talk(&state, &user, id).await?;
    state.store.unbook_talk(user.municipality, id).await?;
    answer(&state, &user, id).await
}
