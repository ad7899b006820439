//! The protocol of a meeting: written by the documenter of the day or a leader, saved
//! as it is typed with versions (409 when stale, merged field by field by the writer),
//! read by the group and those who follow up while written and by everyone once
//! published, corrected with amendments, and saved as a PDF.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::{Lang, Msg};
use kollegium_shared::ids::{MeetingId, PersonId};
use kollegium_shared::meetings::records::{FieldText, PROTOCOL_FIELDS};
use kollegium_shared::meetings::{Amendment, AmendmentInput, Protocol, ProtocolInput};
use kollegium_shared::org::PersonRef;

use super::access::MeetingContext;
use crate::error::{ApiError, validate};
use crate::export::attachment;
use crate::extract::{ApiJson, ApiPath, AuthUser};
use crate::pdf;
use crate::state::AppState;

/// The protocol as the caller reads it; before the first save, its fields prefilled
/// with the meeting's question and date.
pub(super) async fn read_protocol(
    state: &AppState,
    user: &AuthUser,
    ctx: &MeetingContext,
) -> Result<Protocol, ApiError> {
    let meeting = &ctx.meeting;
    let stored = state.store.protocol(meeting.id).await?;
    let writer = stored.as_ref().is_none_or(|p| p.published_at.is_none())
        && ctx.writes_protocol(state, user).await?;
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
            updated_by: p
                .updated_by
                .zip(p.updated_by_name)
                .map(|(id, name)| PersonRef {
                    id: PersonId(id),
                    name,
                }),
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
            updated_by: None,
        },
    };
    // Until published, an empty "Deltagare" is filled in from the attendance taken.
    if protocol.published_at.is_none()
        && let Some(field) = protocol.fields.iter_mut().find(|f| f.key == "participants")
        && field.text.trim().is_empty()
    {
        field.text = present_names(state, user, ctx).await?.join(", ");
    }
    Ok(protocol)
}

/// The names of the members marked present at a meeting, in rotation order.
async fn present_names(
    state: &AppState,
    user: &AuthUser,
    ctx: &MeetingContext,
) -> Result<Vec<String>, ApiError> {
    let attendance = state.store.attendance(ctx.meeting.id).await?;
    if !attendance.iter().any(|(_, present)| *present) {
        return Ok(Vec::new());
    }
    let group = ctx.group(state, user).await?;
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
pub(super) async fn get_protocol(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
) -> Result<Json<Protocol>, ApiError> {
    // Anyone in the municipality reads a published protocol.
    let ctx = MeetingContext::readable(&state, &user, id).await?;
    Ok(Json(read_protocol(&state, &user, &ctx).await?))
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
pub(super) async fn protocol_pdf(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
) -> Result<axum::response::Response, ApiError> {
    use pdf::Block;
    let ctx = MeetingContext::readable(&state, &user, id).await?;
    let protocol = read_protocol(&state, &user, &ctx).await?;
    let meeting = &ctx.meeting;
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
    // Laying out, subsetting and compressing is a few milliseconds of work.
    let bytes =
        tokio::task::spawn_blocking(move || pdf::document(&title, lang.tag(), &created, &blocks))
            .await
            .map_err(anyhow::Error::from)??;
    let name = format!("protokoll-{}-{}.pdf", meeting.starts_on, meeting.id.0);
    Ok(attachment("application/pdf", &name, bytes))
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
pub(super) async fn save_protocol(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(input): ApiJson<ProtocolInput>,
) -> Result<Json<Protocol>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_writer(&state, &user).await?;
    validate(&input)?;
    if ctx.published(&state).await? {
        return Err(ApiError::field("fields", Msg::ProtocolPublished));
    }
    state
        .store
        .save_protocol(
            user.municipality,
            id,
            user.person,
            &input.fields,
            input.version,
        )
        .await?
        .settled()?;
    Ok(Json(read_protocol(&state, &user, &ctx).await?))
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
pub(super) async fn amend_protocol(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(input): ApiJson<AmendmentInput>,
) -> Result<Json<Protocol>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_writer(&state, &user).await?;
    validate(&input)?;
    if !ctx.published(&state).await? {
        return Err(ApiError::field("field", Msg::ProtocolNotPublished));
    }
    state
        .store
        .add_amendment(id, user.person, &input.field, &input.text)
        .await?;
    state.store.index_protocol(user.municipality, id).await?;
    Ok(Json(read_protocol(&state, &user, &ctx).await?))
}
