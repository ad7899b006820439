//! The meetings API: a group's meetings follow the wheel's meeting slots (kept in step
//! whenever they are read), and are seen by the group's members, the steering group and
//! administrators.

mod agendas;
mod archive;
mod live;
mod pdf;
mod preparation;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kollegium_shared::date::parse_time;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::groups::{Group, GroupId};
use kollegium_shared::i18n::{Lang, Msg};
use kollegium_shared::meetings::records::{FieldText, Fields, PROTOCOL_FIELDS, new_plan};
use kollegium_shared::meetings::{
    ActionPlan, ActionPlanInput, Amendment, AmendmentInput, Meeting, MeetingId, MeetingPatch,
    NewMeeting, Outbox, OutboxMessage, PlanOfMember, PlanOverview, Protocol, ProtocolInput,
    PublishRequest, ThreadEntry, protocol_text,
};
use kollegium_shared::org::Role;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiJson, validate};
use crate::groups::{EDITORS, year_or_current};
use crate::store::{OutgoingMail, patched_time};
use crate::wheel::settled;

/// The routes under `/api/v1/meetings`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_meetings, create_meeting))
        .routes(routes!(get_meeting, patch_meeting, delete_meeting))
        .routes(routes!(agendas::list_templates, agendas::create_template))
        .routes(routes!(agendas::update_template, agendas::delete_template))
        .routes(routes!(agendas::make_default))
        .routes(routes!(
            preparation::get_preparation,
            preparation::set_preparation
        ))
        .routes(routes!(preparation::set_prepared))
        .routes(routes!(archive::search_protocols))
        .routes(routes!(archive::get_settings, archive::put_settings))
        .routes(routes!(my_plan, save_plan))
        .routes(routes!(plan_overview))
        .routes(routes!(get_protocol, save_protocol))
        .routes(routes!(publish_protocol))
        .routes(routes!(protocol_pdf))
        .routes(routes!(amend_protocol))
        .routes(routes!(live::get_live, live::command_live))
        .routes(routes!(live::put_attendance))
        .routes(routes!(live::live_ticket))
        .routes(routes!(live::live_events))
        .routes(routes!(outbox))
        .routes(routes!(my_thread))
}

/// The meeting's group, when the caller leads it or is in the steering group or an
/// administrator; 403 otherwise.
async fn as_leader(state: &AppState, user: &AuthUser, group: GroupId) -> Result<Group, ApiError> {
    let group = state
        .store
        .group(user.municipality, group)
        .await?
        .ok_or(ApiError::NotFound)?;
    let leader = group
        .members
        .iter()
        .any(|m| m.id == user.person && m.leader);
    if leader || user.roles.iter().any(|r| EDITORS.contains(r)) {
        Ok(group)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// A meeting the caller may see: its group's members, the steering group,
/// administrators and principals (the latter three see counts of plans, not plans).
async fn visible_meeting(state: &AppState, user: &AuthUser, id: i64) -> Result<Meeting, ApiError> {
    let meeting = state
        .store
        .meeting(user.municipality, MeetingId(id))
        .await?
        .ok_or(ApiError::NotFound)?;
    let overseer = user
        .roles
        .iter()
        .any(|r| EDITORS.contains(r) || *r == Role::Rektor);
    if overseer || state.store.is_member(meeting.group_id, user.person).await? {
        Ok(meeting)
    } else {
        Err(ApiError::NotFound)
    }
}

/// Which meetings.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct MeetingsQuery {
    /// The school year's id; the current year when left out.
    year: Option<i64>,
    /// Every group's meetings (steering group and administrators); otherwise the
    /// caller's own groups'.
    all: Option<bool>,
}

/// The meetings of the caller's groups this year (or of every group), in time order.
#[utoipa::path(get, path = "/meetings", tag = "meetings", params(MeetingsQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The meetings", body = Vec<Meeting>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Every group's meetings are for the steering group", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
    ))]
async fn list_meetings(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<MeetingsQuery>,
) -> Result<Json<Vec<Meeting>>, ApiError> {
    let year = year_or_current(&state, &user, q.year).await?;
    let all = q.all == Some(true);
    if all {
        user.require_any(EDITORS)?;
    }
    // The wheel's template (and its slots) first, then the meetings that follow them.
    state.store.wheel_rings(user.municipality, &year).await?;
    state
        .store
        .sync_meetings(user.municipality, year.id)
        .await?;
    let member = (!all).then_some(user.person);
    Ok(Json(
        state
            .store
            .meetings(user.municipality, year.id, member)
            .await?,
    ))
}

/// One meeting, for the group's members, the steering group, administrators and principals.
#[utoipa::path(get, path = "/meetings/{id}", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The meeting", body = Meeting),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
    ))]
async fn get_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Meeting>, ApiError> {
    Ok(Json(readable_meeting(&state, &user, id).await?))
}

/// A meeting the caller may see, or any meeting of the municipality whose protocol is
/// published (everyone reads those).
async fn readable_meeting(state: &AppState, user: &AuthUser, id: i64) -> Result<Meeting, ApiError> {
    match visible_meeting(state, user, id).await {
        Err(ApiError::NotFound) => {
            let m = state
                .store
                .meeting(user.municipality, MeetingId(id))
                .await?
                .ok_or(ApiError::NotFound)?;
            if is_published(state, m.id).await? {
                Ok(m)
            } else {
                Err(ApiError::NotFound)
            }
        }
        other => other,
    }
}

/// The meeting, when the caller is a member of its group; 404 when the caller may not
/// see it at all, 403 when they see it but are not in the group.
async fn as_member(state: &AppState, user: &AuthUser, id: i64) -> Result<Meeting, ApiError> {
    let meeting = visible_meeting(state, user, id).await?;
    if state.store.is_member(meeting.group_id, user.person).await? {
        Ok(meeting)
    } else {
        Err(ApiError::Forbidden)
    }
}

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
async fn my_plan(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<ActionPlan>, ApiError> {
    let meeting = as_member(&state, &user, id).await?;
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
    }))
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
async fn save_plan(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ActionPlanInput>,
) -> Result<Json<ActionPlan>, ApiError> {
    let meeting = as_member(&state, &user, id).await?;
    validate(&input)?;
    settled(
        state
            .store
            .save_action_plan(user.municipality, meeting.id, user.person, &input)
            .await?,
    )?;
    let plan = state
        .store
        .action_plan(meeting.id, user.person)
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
async fn plan_overview(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<PlanOverview>, ApiError> {
    let meeting = visible_meeting(&state, &user, id).await?;
    let group = state
        .store
        .group(user.municipality, meeting.group_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let plans = state.store.meeting_plans(meeting.id).await?;
    let member = group.members.iter().any(|m| m.id == user.person);
    let people = if member {
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

/// Whether the caller writes the meeting's protocol: a leader of the group, or its
/// documenter of the day (set at the meeting, else the next in the rotation).
async fn writes_protocol(
    state: &AppState,
    user: &AuthUser,
    meeting: &Meeting,
) -> Result<bool, ApiError> {
    let Some(group) = state
        .store
        .group(user.municipality, meeting.group_id)
        .await?
    else {
        return Ok(false);
    };
    let leader = group
        .members
        .iter()
        .any(|m| m.id == user.person && m.leader);
    let documenter = state
        .store
        .meeting_documenter(meeting.id)
        .await?
        .or(group.next_documenter);
    Ok(leader || documenter == Some(user.person))
}

/// Whether a meeting's protocol is published.
async fn is_published(state: &AppState, meeting: MeetingId) -> Result<bool, ApiError> {
    Ok(state
        .store
        .protocol(meeting)
        .await?
        .is_some_and(|p| p.published_at.is_some()))
}

/// The meeting, when the caller writes its protocol; 404 when they may not see it,
/// 403 when they see it but do not write it.
async fn as_writer(state: &AppState, user: &AuthUser, id: i64) -> Result<Meeting, ApiError> {
    let meeting = visible_meeting(state, user, id).await?;
    if writes_protocol(state, user, &meeting).await? {
        Ok(meeting)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The protocol as the caller reads it; before the first save, its fields prefilled
/// with the meeting's question and date.
async fn read_protocol(
    state: &AppState,
    user: &AuthUser,
    meeting: &Meeting,
) -> Result<Protocol, ApiError> {
    let stored = state.store.protocol(meeting.id).await?;
    let writer = stored.as_ref().is_none_or(|p| p.published_at.is_none())
        && writes_protocol(state, user, meeting).await?;
    let amendments = state
        .store
        .amendments(meeting.id)
        .await?
        .into_iter()
        .map(|(field, text, by, at)| Amendment {
            field,
            text,
            by,
            at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
        .collect();
    let mut protocol = match stored {
        Some(p) => Protocol {
            meeting_id: meeting.id,
            fields: serde_json::from_str(&p.fields).unwrap_or_default(),
            version: p.version,
            published_at: p
                .published_at
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            published_by: p.published_by,
            amendments,
            writer,
        },
        None => Protocol {
            meeting_id: meeting.id,
            fields: PROTOCOL_FIELDS
                .iter()
                .map(|(key, _, _)| {
                    let text = match *key {
                        "question" => meeting.question.as_str(),
                        "date" => meeting.starts_on.as_str(),
                        _ => "",
                    };
                    FieldText::new(key, text)
                })
                .collect(),
            version: 0,
            published_at: None,
            published_by: None,
            amendments,
            writer,
        },
    };
    // Until published, an empty "Deltagare" is filled in from the attendance taken.
    if protocol.published_at.is_none()
        && let Some(field) = protocol.fields.iter_mut().find(|f| f.key == "participants")
        && field.text.trim().is_empty()
    {
        field.text = present_names(state, user, meeting).await?.join(", ");
    }
    Ok(protocol)
}

/// The names of the members marked present at a meeting, in rotation order.
async fn present_names(
    state: &AppState,
    user: &AuthUser,
    meeting: &Meeting,
) -> Result<Vec<String>, ApiError> {
    let attendance = state.store.attendance(meeting.id).await?;
    if !attendance.iter().any(|(_, present)| *present) {
        return Ok(Vec::new());
    }
    let group = state
        .store
        .group(user.municipality, meeting.group_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(group
        .members
        .iter()
        .filter(|m| attendance.iter().any(|(p, present)| *p == m.id && *present))
        .map(|m| m.name.clone())
        .collect())
}

/// A meeting's protocol: for the group and those who follow it up while it is being
/// written; for everyone in the municipality once published.
#[utoipa::path(get, path = "/meetings/{id}/protocol", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The protocol (version 0: not saved yet)", body = Protocol),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting, or its protocol is not published and the caller is not in the group", body = ErrorBody),
    ))]
async fn get_protocol(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<Json<Protocol>, ApiError> {
    // Anyone in the municipality reads a published protocol.
    let meeting = readable_meeting(&state, &user, id).await?;
    Ok(Json(read_protocol(&state, &user, &meeting).await?))
}

/// A protocol as a PDF (A4): the meeting, every field with text and the amendments;
/// a protocol not yet published is marked as a draft. Read as the protocol is.
#[utoipa::path(get, path = "/meetings/{id}/protocol.pdf", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The protocol", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such meeting, or its protocol is not published and the caller is not in the group", body = ErrorBody),
    ))]
async fn protocol_pdf(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
) -> Result<impl axum::response::IntoResponse, ApiError> {
    use pdf::Block;
    let meeting = readable_meeting(&state, &user, id).await?;
    let protocol = read_protocol(&state, &user, &meeting).await?;
    let lang = Lang::Sv;
    let mut when = meeting.starts_on.clone();
    if let (Some(start), Some(end)) = (&meeting.start_time, &meeting.end_time) {
        when.push_str(&format!(" {start}–{end}"));
    }
    for extra in [
        Some(&meeting.place).filter(|p| !p.is_empty()),
        meeting.theme.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        when.push_str(&format!(" · {extra}"));
    }
    let mut blocks = vec![
        Block::Title(format!("Protokoll: {}", meeting.group_name)),
        Block::Note(when),
    ];
    blocks.push(Block::Note(
        match (&protocol.published_at, &protocol.published_by) {
            (Some(at), by) => format!(
                "Publicerat {} av {}",
                at.get(..10).unwrap_or(at),
                by.as_deref().unwrap_or("")
            ),
            (None, _) => "Utkast, inte publicerat".to_owned(),
        },
    ));
    for (key, _, _) in PROTOCOL_FIELDS {
        let text = kollegium_shared::meetings::records::value(&protocol.fields, key).trim();
        if !text.is_empty() {
            blocks.push(Block::Heading(
                kollegium_shared::meetings::records::heading(&PROTOCOL_FIELDS, key, lang)
                    .to_owned(),
            ));
            blocks.push(Block::Text(text.to_owned()));
        }
    }
    if !protocol.amendments.is_empty() {
        blocks.push(Block::Heading("Rättelser".to_owned()));
        for a in &protocol.amendments {
            blocks.push(Block::Text(format!(
                "{}: {} ({}, {})",
                kollegium_shared::meetings::records::heading(&PROTOCOL_FIELDS, &a.field, lang),
                a.text,
                a.by,
                a.at.get(..10).unwrap_or(&a.at)
            )));
        }
    }
    let created = protocol
        .published_at
        .clone()
        .unwrap_or_else(|| chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let title = format!("Protokoll {} {}", meeting.group_name, meeting.starts_on);
    let bytes = pdf::document(&title, &created, &blocks);
    let name = format!("protokoll-{}-{}.pdf", meeting.starts_on, meeting.id.0);
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    ))
}

/// Save the protocol (autosave); only its writers, only before publishing. `version` is
/// the one the text was based on (0 first): a stale save is refused with 409 and the
/// writer merges (`shared::meetings::records::merge`) instead of writing over.
#[utoipa::path(put, path = "/meetings/{id}/protocol", tag = "meetings", request_body = ProtocolInput,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The protocol as saved", body = Protocol),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the documenter or a leader", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "Saved by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "Unknown fields, or already published", body = ErrorBody),
    ))]
async fn save_protocol(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ProtocolInput>,
) -> Result<Json<Protocol>, ApiError> {
    let meeting = as_writer(&state, &user, id).await?;
    validate(&input)?;
    if is_published(&state, meeting.id).await? {
        return Err(ApiError::field("fields", Msg::ProtocolPublished));
    }
    settled(
        state
            .store
            .save_protocol(
                user.municipality,
                meeting.id,
                user.person,
                &input.fields,
                input.version,
            )
            .await?,
    )?;
    Ok(Json(read_protocol(&state, &user, &meeting).await?))
}

/// Publish the protocol: read-only from now on, readable by everyone in the
/// municipality, and sent by e-mail to the group's members (queued in the outbox).
#[utoipa::path(post, path = "/meetings/{id}/protocol/publish", tag = "meetings", request_body = PublishRequest,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "Published", body = Protocol),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the documenter or a leader", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "Changed since the version sent, or already published", body = ErrorBody),
    ))]
async fn publish_protocol(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(request): ApiJson<PublishRequest>,
) -> Result<Json<Protocol>, ApiError> {
    let meeting = as_writer(&state, &user, id).await?;
    let Some(stored) = state.store.protocol(meeting.id).await? else {
        return Err(ApiError::Conflict);
    };
    let group = state
        .store
        .group(user.municipality, meeting.group_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let fields: Fields = serde_json::from_str(&stored.fields).unwrap_or_default();
    // The documenter of the day, else the rotation's next; the publisher when neither.
    let documenter = state
        .store
        .meeting_documenter(meeting.id)
        .await?
        .or(group.next_documenter)
        .unwrap_or(user.person);
    // The group's members and the municipality's configured recipients, once each.
    let mut recipients: Vec<String> = group
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| m.email.to_lowercase())
        .collect();
    for extra in state
        .store
        .protocol_settings(user.municipality)
        .await?
        .normalized()
    {
        if !recipients.contains(&extra) {
            recipients.push(extra);
        }
    }
    let mail = OutgoingMail {
        recipients,
        subject: format!("Protokoll: {} {}", group.name, meeting.starts_on),
        body: protocol_text(&fields, Lang::Sv),
    };
    settled(
        state
            .store
            .publish_protocol(
                user.municipality,
                meeting.id,
                user.person,
                documenter,
                request.version,
                &mail,
            )
            .await?,
    )?;
    tracing::info!(
        meeting = id,
        by = user.person.0,
        recipients = mail.recipients.len(),
        "protocol published"
    );
    // Into the archive's index; a failure here is caught up by the next search.
    if let Err(e) = state
        .store
        .index_protocol(user.municipality, meeting.id)
        .await
    {
        tracing::warn!(meeting = id, error = %e, "protocol not indexed yet");
    }
    Ok(Json(read_protocol(&state, &user, &meeting).await?))
}

/// Correct a published protocol: the correction is kept beside it with who and when.
#[utoipa::path(post, path = "/meetings/{id}/protocol/amendments", tag = "meetings", request_body = AmendmentInput,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The protocol with the amendment", body = Protocol),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the documenter or a leader", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 422, description = "Not published yet, or a field breaks a rule", body = ErrorBody),
    ))]
async fn amend_protocol(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<AmendmentInput>,
) -> Result<Json<Protocol>, ApiError> {
    let meeting = as_writer(&state, &user, id).await?;
    validate(&input)?;
    if !is_published(&state, meeting.id).await? {
        return Err(ApiError::field("field", Msg::ProtocolNotPublished));
    }
    state
        .store
        .add_amendment(meeting.id, user.person, &input.field, &input.text)
        .await?;
    state
        .store
        .index_protocol(user.municipality, meeting.id)
        .await?;
    Ok(Json(read_protocol(&state, &user, &meeting).await?))
}

/// Change one meeting: place, video link, its own agenda, the question, the
/// preparation task, the documenter of the day (a member). The group's leaders, the
/// steering group and administrators; `version` must be current.
#[utoipa::path(patch, path = "/meetings/{id}", tag = "meetings", request_body = MeetingPatch,
    params(("id" = i64, Path, description = "The meeting's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The meeting as changed", body = Meeting),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn patch_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    ApiJson(patch): ApiJson<MeetingPatch>,
) -> Result<Json<Meeting>, ApiError> {
    let meeting = visible_meeting(&state, &user, id).await?;
    let group = as_leader(&state, &user, meeting.group_id).await?;
    validate(&patch)?;
    if let Some(d) = patch.documenter_id
        && !group.members.iter().any(|m| m.id == d)
    {
        return Err(ApiError::field("documenter_id", Msg::NotAMember));
    }
    let moves = patch.starts_on.is_some() || patch.start_time.is_some() || patch.end_time.is_some();
    if moves && meeting.activity_id.is_some() {
        return Err(ApiError::field("starts_on", Msg::MeetingFromWheel));
    }
    if let (_, Some(start), Some(end)) = patched_time(&meeting, &patch)
        && parse_time(&end) <= parse_time(&start)
    {
        return Err(ApiError::field("end_time", Msg::MeetingEndBeforeStart));
    }
    settled(
        state
            .store
            .update_meeting(user.municipality, &meeting, &patch)
            .await?,
    )?;
    Ok(Json(visible_meeting(&state, &user, id).await?))
}

/// Add a meeting of the group's own besides the wheel's (any kind of group): its
/// leaders, the steering group and administrators. The agenda comes from the template
/// named, else the municipality's default.
#[utoipa::path(post, path = "/meetings", tag = "meetings", request_body = NewMeeting, security(("bearer" = [])),
    responses(
        (status = 201, description = "The meeting", body = Meeting),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such group in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn create_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<NewMeeting>,
) -> Result<(StatusCode, Json<Meeting>), ApiError> {
    let group = as_leader(&state, &user, input.group_id).await?;
    validate(&input)?;
    let agenda = match input.template_id {
        Some(t) => {
            state
                .store
                .agenda_template(user.municipality, t)
                .await?
                .ok_or(ApiError::field("template_id", Msg::NotFound))?
                .steps
        }
        None => state.store.default_agenda(user.municipality).await?,
    };
    let id = state
        .store
        .create_meeting(user.municipality, &input, &agenda)
        .await?;
    tracing::info!(
        meeting = id.0,
        group = group.id.0,
        by = user.person.0,
        "meeting added"
    );
    Ok((
        StatusCode::CREATED,
        Json(visible_meeting(&state, &user, id.0).await?),
    ))
}

/// Remove a meeting the group added itself, while nothing was written for it; the
/// wheel's meetings move and go with the wheel. `version` must be current.
#[utoipa::path(delete, path = "/meetings/{id}", tag = "meetings",
    params(("id" = i64, Path, description = "The meeting's id"), crate::wheel::VersionQuery), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a leader of the group", body = ErrorBody),
        (status = 404, description = "No such meeting the caller may see", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A meeting of the wheel, or one with a protocol or plans", body = ErrorBody),
    ))]
async fn delete_meeting(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<i64>,
    query: crate::wheel::VersionParam,
) -> Result<StatusCode, ApiError> {
    let meeting = visible_meeting(&state, &user, id).await?;
    as_leader(&state, &user, meeting.group_id).await?;
    let version = crate::wheel::version_of(query)?;
    if meeting.activity_id.is_some() {
        return Err(ApiError::field("id", Msg::MeetingFromWheel));
    }
    let removed = settled(
        state
            .store
            .delete_meeting(user.municipality, meeting.id, version)
            .await?,
    )?;
    if !removed {
        return Err(ApiError::field("id", Msg::MeetingHasRecords));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The municipality's outgoing mail and its state, for administrators.
#[utoipa::path(get, path = "/outbox", tag = "meetings", security(("bearer" = [])),
    responses(
        (status = 200, description = "The latest 200 messages, newest first", body = Outbox),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
    ))]
async fn outbox(State(state): State<AppState>, user: AuthUser) -> Result<Json<Outbox>, ApiError> {
    user.require_any(&[Role::Admin])?;
    let time =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let messages = state
        .store
        .outbox_rows(user.municipality)
        .await?
        .into_iter()
        .map(|r| OutboxMessage {
            id: r.id,
            recipients: r.recipients.split(',').map(str::to_owned).collect(),
            subject: r.subject,
            attempts: r.attempts,
            last_error: r.last_error,
            created_at: time(r.created_at),
            next_attempt_at: r.sent_at.is_none().then(|| time(r.next_attempt_at)),
            sent_at: r.sent_at.map(time),
        })
        .collect();
    Ok(Json(Outbox {
        configured: state.mail_configured,
        messages,
    }))
}

/// Which school year's red thread.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct ThreadQuery {
    /// The school year's id; the current year when left out.
    year: Option<i64>,
}

/// "Min röda tråd": the caller's own plans of the year, each with its meeting, in time
/// order. Only the author ever reads them here.
#[utoipa::path(get, path = "/plans/mine", tag = "meetings", params(ThreadQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's plans with their meetings", body = Vec<ThreadEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school year in the caller's municipality", body = ErrorBody),
    ))]
async fn my_thread(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<ThreadQuery>,
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
