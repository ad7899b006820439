//! The live meeting: the leader moves through the agenda and marks who is here; the
//! members follow along by server-sent events. A change is announced to the followers
//! on every server at once (`crate::changes`), and every follower also looks at the
//! meeting's version now and then on its own.

use std::convert::Infallible;

use axum::Json;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use chrono::Utc;
use futures_util::Stream;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::Group;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::MeetingId;
use kollegium_shared::meetings::access::sees_named_attendance;
use kollegium_shared::meetings::{
    AttendanceInput, Attendee, LiveCommand, LiveState, LiveTicket, Meeting, MeetingStatus,
    live_step,
};
use serde::Deserialize;

use super::access::MeetingContext;
use crate::changes::{self, EVERY_MEETING};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser};
use crate::security::token::Subject;
use crate::state::AppState;

/// How long a ticket may be used to connect.
const TICKET_SECONDS: i64 = 120;

/// The live state of `meeting` as it stands now.
pub(super) async fn live_state(
    state: &AppState,
    meeting: &Meeting,
    group: &Group,
) -> Result<LiveState, ApiError> {
    let row = state
        .store
        .live_row(meeting.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let marks = state.store.attendance(meeting.id).await?;
    let attendance = group
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| Attendee {
            person_id: m.id,
            name: m.name.clone(),
            present: marks
                .iter()
                .find(|(p, _)| *p == m.id)
                .map(|(_, here)| *here),
        })
        .collect::<Vec<Attendee>>();
    let present_count = attendance
        .iter()
        .filter(|a| a.present == Some(true))
        .count();
    let documenter = state
        .store
        .meeting_documenter(meeting.id)
        .await?
        .or(group.next_documenter);
    Ok(LiveState {
        meeting_id: meeting.id,
        status: MeetingStatus::from_code(&row.status).unwrap_or(MeetingStatus::Planerad),
        step: row.live_step.and_then(|s| usize::try_from(s).ok()),
        running: row.live_started_at.is_some(),
        elapsed: row.elapsed_at(Utc::now()),
        agenda: meeting.agenda.clone(),
        attendance,
        present_count,
        documenter_id: documenter,
        version: row.version,
    })
}

/// Tells the meeting's followers that it changed, and answers with its state now.
async fn announce(
    state: &AppState,
    meeting: &Meeting,
    group: &Group,
) -> Result<Json<LiveState>, ApiError> {
    changes::announce(state, meeting.id.0).await;
    Ok(Json(live_state(state, meeting, group).await?))
}

/// Where the live meeting stands: the step, its clock, who is here, who documents.
#[utoipa::path(get, path = "/meetings/{id}/live", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The live state", body = LiveState),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
pub(super) async fn get_live(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
) -> Result<Json<LiveState>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    let group = ctx.group(&state, &user).await?;
    let marks = sees_named_attendance(&user.roles, ctx.leads());
    Ok(Json(
        live_state(&state, &ctx.meeting, group)
            .await?
            .for_viewer(user.person, marks),
    ))
}

/// The leader starts, pauses, resumes, moves between steps or ends the meeting. The
/// version must be current: two leaders tapping "next" at once move one step.
#[utoipa::path(post, path = "/meetings/{id}/live", tag = "meetings", request_body = LiveCommand,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The live state after the change", body = LiveState),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
    ))]
pub(super) async fn command_live(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(command): ApiJson<LiveCommand>,
) -> Result<Json<LiveState>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_leader(&user)?;
    let meeting = &ctx.meeting;
    let row = state
        .store
        .live_row(meeting.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let step = row.live_step.and_then(|s| usize::try_from(s).ok());
    let (step, running, elapsed) = live_step(
        command.action,
        step,
        row.live_started_at.is_some(),
        row.elapsed_at(Utc::now()),
        meeting.agenda.len(),
    );
    state
        .store
        .set_live(meeting.id, command.version, step, running, elapsed)
        .await?
        .settled()?;
    announce(&state, meeting, ctx.group(&state, &user).await?).await
}

/// The leader marks a member present or absent; an absent documenter of the day is
/// passed over for the next present member in the rotation.
#[utoipa::path(put, path = "/meetings/{id}/attendance", tag = "meetings", request_body = AttendanceInput,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The live state after the change", body = LiveState),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 422, description = "Not a member of the group", body = ErrorBody),
    ))]
pub(super) async fn put_attendance(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(input): ApiJson<AttendanceInput>,
) -> Result<Json<LiveState>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_leader(&user)?;
    let meeting = &ctx.meeting;
    let group = ctx.group(&state, &user).await?;
    if !group.members.iter().any(|m| m.id == input.person_id) {
        return Err(ApiError::field("person_id", Msg::NotAMember));
    }
    let mut absent: Vec<_> = state
        .store
        .attendance(meeting.id)
        .await?
        .into_iter()
        .filter(|(p, here)| !here && *p != input.person_id)
        .map(|(p, _)| p)
        .collect();
    if !input.present {
        absent.push(input.person_id);
    }
    let current = ctx.documenter(&state, &user).await?;
    let order: Vec<_> = group
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| m.id)
        .collect();
    // The documenter of the day stays unless absent; then the first present member in
    // the rotation's queue (those owed a turn first).
    let documenter = match current {
        Some(d) if absent.contains(&d) => state
            .store
            .rotation(user.municipality, group.id)
            .await?
            .next(&order, &absent),
        other => other,
    };
    state
        .store
        .set_attendance(meeting.id, input.person_id, input.present, documenter)
        .await?;
    announce(&state, meeting, group).await
}

/// A ticket for following the meeting with the browser's `EventSource` (which cannot
/// send the sign-in header); it must be used within two minutes.
#[utoipa::path(post, path = "/meetings/{id}/live/ticket", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket", body = LiveTicket),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
pub(super) async fn live_ticket(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
) -> Result<Json<LiveTicket>, ApiError> {
    let meeting = MeetingContext::visible(&state, &user, id).await?.meeting;
    let subject = Subject {
        person: user.person,
        municipality: user.municipality,
    };
    let exp = Utc::now().timestamp() + TICKET_SECONDS;
    let ticket = state
        .auth
        .keys
        .live_ticket(subject, user.generation, meeting.id.0, exp)?;
    Ok(Json(LiveTicket { ticket }))
}

/// How a follower connects.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct EventsQuery {
    /// A ticket from `POST /meetings/{id}/live/ticket`.
    ticket: String,
}

/// Follow the live meeting: an event `live` with the state now, then one on every
/// change (the step, the clock, attendance, the documenter).
#[utoipa::path(get, path = "/meetings/{id}/events", tag = "meetings", params(EventsQuery,
    ("id" = i64, Path, description = "The meeting's id")),
    responses(
        (status = 200, description = "A stream of `live` events, each a LiveState", content_type = "text/event-stream"),
        (status = 401, description = "No valid ticket for this meeting", body = ErrorBody),
        (status = 404, description = "No such meeting the ticket's holder may see", body = ErrorBody),
    ))]
pub(super) async fn live_events(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<MeetingId>,
    ApiQuery(q): ApiQuery<EventsQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let unauthenticated = || ApiError::Unauthorized(Msg::Unauthenticated);
    let (subject, generation) = state
        .auth
        .keys
        .verify_live_ticket(&q.ticket, id.0)
        .ok_or_else(unauthenticated)?;
    let person = state
        .store
        .session_person(subject.municipality, subject.person)
        .await?
        .filter(|p| p.session_generation == generation)
        .ok_or_else(unauthenticated)?;
    let user = AuthUser {
        person: subject.person,
        municipality: subject.municipality,
        roles: person.roles,
        generation,
    };
    let meeting = MeetingContext::visible(&state, &user, id).await?.meeting;
    let changes = state.live.subscribe();
    let follow = Follow {
        state,
        user,
        meeting,
        changes,
        seen: None,
    };
    // The stream ends when its person's session does (deactivated, password changed).
    let stream = futures_util::stream::unfold(follow, |mut f| async move {
        let event = f.next_event().await?;
        Some((Ok(event), f))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

/// One follower's connection.
struct Follow {
    state: AppState,
    user: AuthUser,
    meeting: Meeting,
    changes: tokio::sync::broadcast::Receiver<i64>,
    /// The version last sent.
    seen: Option<i64>,
}

impl Follow {
    /// Waits for the meeting to change (or, the first time, not at all) and tells;
    /// none once the follower's session has ended.
    async fn next_event(&mut self) -> Option<Event> {
        loop {
            if self.seen.is_some() {
                let wait = async {
                    loop {
                        match self.changes.recv().await {
                            Ok(m) if m == self.meeting.id.0 || m == EVERY_MEETING => return,
                            Ok(_) => {}
                            // Missed some: look anyway.
                            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return,
                            Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                                std::future::pending::<()>().await;
                            }
                        }
                    }
                };
                let every = changes::look_every(self.state.store.engine());
                let _ = tokio::time::timeout(every, wait).await;
                if !self.still_signed_in().await {
                    return None;
                }
            }
            // A cheap look at the version first; the whole state only when it moved.
            let version = self
                .state
                .store
                .live_row(self.meeting.id)
                .await
                .ok()
                .flatten()
                .map(|r| r.version);
            if version.is_some() && version == self.seen {
                continue;
            }
            match self.current().await {
                Ok(live) if Some(live.version) != self.seen => {
                    self.seen = Some(live.version);
                    return Some(
                        Event::default()
                            .event("live")
                            .json_data(&live)
                            .unwrap_or_else(|_| Event::default().comment("unreadable")),
                    );
                }
                Ok(_) => {}
                Err(_) => {
                    // The database did not answer: try again after a pause.
                    self.seen = self.seen.or(Some(-1));
                }
            }
        }
    }

    /// Whether the follower is still active in the session they connected in; yes
    /// when the database does not answer (the next look decides).
    async fn still_signed_in(&self) -> bool {
        match self
            .state
            .store
            .session_person(self.user.municipality, self.user.person)
            .await
        {
            Ok(person) => person.is_some_and(|p| p.session_generation == self.user.generation),
            Err(_) => true,
        }
    }

    async fn current(&self) -> Result<LiveState, ApiError> {
        let store = &self.state.store;
        let m = self.user.municipality;
        let meeting = store
            .meeting(m, self.meeting.id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let group = store
            .group(m, meeting.group_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let leads = group
            .members
            .iter()
            .any(|g| g.id == self.user.person && g.leader);
        let marks = sees_named_attendance(&self.user.roles, leads);
        Ok(live_state(&self.state, &meeting, &group)
            .await?
            .for_viewer(self.user.person, marks))
    }
}
