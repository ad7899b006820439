//! Publishing a protocol: from then on read-only, readable by everyone in the
//! municipality and in the archive's index, and queued by e-mail to the group and the
//! municipality's extra recipients. The documenter of the day stays with the meeting
//! and the group's rotation moves on after them, in the same transaction.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::MeetingId;
use kollegium_shared::meetings::records::Fields;
use kollegium_shared::meetings::{Protocol, PublishRequest, protocol_text};

use super::access::MeetingContext;
use super::protocol::read_protocol;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, AuthUser};
use crate::state::AppState;
use crate::store::OutgoingMail;

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
pub(super) async fn publish_protocol(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<MeetingId>,
    ApiJson(request): ApiJson<PublishRequest>,
) -> Result<Json<Protocol>, ApiError> {
    let ctx = MeetingContext::visible(&state, &user, id).await?;
    ctx.require_writer(&state, &user).await?;
    let Some(stored) = state.store.protocol(id).await? else {
        return Err(ApiError::Conflict);
    };
    let group = ctx.group(&state, &user).await?;
    let fields: Fields = serde_json::from_str(&stored.fields).unwrap_or_default();
    // The documenter of the day, else the rotation's next; the publisher when neither.
    let documenter = ctx.documenter(&state, &user).await?.unwrap_or(user.person);
    // The group's members and the municipality's configured recipients, once each.
    let mut recipients: Vec<String> = group
        .members
        .iter()
        .filter(|m| m.active)
        .filter_map(|m| m.email.as_deref().map(str::to_lowercase))
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
        subject: format!("Protokoll: {} {}", group.name, ctx.meeting.starts_on),
        body: protocol_text(&fields, Lang::Sv),
    };
    state
        .store
        .publish_protocol(
            user.municipality,
            id,
            user.person,
            documenter,
            request.version,
            &mail,
        )
        .await?
        .settled()?;
    tracing::info!(
        meeting = id.0,
        by = user.person.0,
        recipients = mail.recipients.len(),
        "protocol published"
    );
    // Into the archive's index; a failure here is caught up by the next search.
    if let Err(e) = state.store.index_protocol(user.municipality, id).await {
        tracing::warn!(meeting = id.0, error = %e, "protocol not indexed yet");
    }
    Ok(Json(read_protocol(&state, &user, &ctx).await?))
}
