//! Outgoing mail of the meetings, for administrators: the addresses every published
//! protocol also goes to, and the outbox with each message's state.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::meetings::access::may_manage_mail;
use kollegium_shared::meetings::archive::ProtocolSettings;
use kollegium_shared::meetings::{Outbox, OutboxMessage};

use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, AuthUser};
use crate::state::AppState;

/// The addresses every published protocol also goes to (administrators).
#[utoipa::path(get, path = "/meetings/settings", tag = "meetings", security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = ProtocolSettings),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
    ))]
pub(super) async fn get_settings(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<ProtocolSettings>, ApiError> {
    user.require(may_manage_mail)?;
    Ok(Json(
        state.store.protocol_settings(user.municipality).await?,
    ))
}

/// Set the addresses every published protocol also goes to; `version` must be current.
#[utoipa::path(put, path = "/meetings/settings", tag = "meetings", request_body = ProtocolSettings, security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings as saved", body = ProtocolSettings),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "An address is not an e-mail address, or too many", body = ErrorBody),
    ))]
pub(super) async fn put_settings(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(settings): ApiJson<ProtocolSettings>,
) -> Result<Json<ProtocolSettings>, ApiError> {
    user.require(may_manage_mail)?;
    validate(&settings)?;
    state
        .store
        .set_protocol_settings(user.municipality, &settings)
        .await?
        .settled()?;
    Ok(Json(
        state.store.protocol_settings(user.municipality).await?,
    ))
}

/// The municipality's outgoing mail and its state, for administrators.
#[utoipa::path(get, path = "/outbox", tag = "meetings", security(("bearer" = [])),
    responses(
        (status = 200, description = "The latest 200 messages, newest first", body = Outbox),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
    ))]
pub(super) async fn outbox(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Outbox>, ApiError> {
    user.require(may_manage_mail)?;
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
