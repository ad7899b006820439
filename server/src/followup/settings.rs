//! The municipality's protocol deadline (the steering group sets it; everyone reads
//! it), and each person's choice of e-mail reminders.

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::followup::access::may_set_protocol_due_days;
use kollegium_shared::followup::{FollowUpSettings, ReminderSetting};

use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, AuthUser};
use crate::state::AppState;

/// How many days after a held meeting its protocol counts as missing.
#[utoipa::path(get, path = "/follow-up/settings", tag = "follow-up", security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = FollowUpSettings),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(super) async fn get_followup_settings(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<FollowUpSettings>, ApiError> {
    let (days, version) = state.store.protocol_due_days(user.municipality).await?;
    Ok(Json(FollowUpSettings {
        protocol_due_days: days,
        version,
    }))
}

/// Set the protocol deadline (the steering group and administrators); `version` must
/// be current.
#[utoipa::path(put, path = "/follow-up/settings", tag = "follow-up", request_body = FollowUpSettings,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings as saved", body = FollowUpSettings),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the steering group or an administrator", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "The number of days is outside 0–60", body = ErrorBody),
    ))]
pub(super) async fn put_followup_settings(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(settings): ApiJson<FollowUpSettings>,
) -> Result<Json<FollowUpSettings>, ApiError> {
    user.require(may_set_protocol_due_days)?;
    validate(&settings)?;
    let (days, version) = state
        .store
        .set_protocol_due_days(
            user.municipality,
            settings.protocol_due_days,
            settings.version,
        )
        .await?
        .settled()?;
    Ok(Json(FollowUpSettings {
        protocol_due_days: days,
        version,
    }))
}

/// Whether the caller gets e-mail reminders about protocols.
#[utoipa::path(get, path = "/follow-up/reminders", tag = "follow-up", security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's choice", body = ReminderSetting),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(super) async fn get_reminders(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<ReminderSetting>, ApiError> {
    Ok(Json(ReminderSetting {
        on: state
            .store
            .reminders_on(user.municipality, user.person)
            .await?,
    }))
}

/// Turn the caller's e-mail reminders on or off.
#[utoipa::path(put, path = "/follow-up/reminders", tag = "follow-up", request_body = ReminderSetting,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's choice as saved", body = ReminderSetting),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(super) async fn put_reminders(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(setting): ApiJson<ReminderSetting>,
) -> Result<Json<ReminderSetting>, ApiError> {
    state
        .store
        .set_reminders(user.municipality, user.person, setting.on)
        .await?;
    Ok(Json(setting))
}
