//! Agenda templates: every signed-in person reads them (a leader starts a meeting's
//! agenda from one); the steering group and administrators write them and choose the
//! default that new meetings take.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::TemplateId;
use kollegium_shared::meetings::agenda::{AgendaInput, AgendaTemplate, DefaultRequest};

use kollegium_shared::meetings::access::may_edit_templates;

use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, VersionQuery};
use crate::state::AppState;
use crate::store::TemplateRefusal;

fn refused(r: TemplateRefusal) -> ApiError {
    match r {
        TemplateRefusal::NameTaken => ApiError::field("name", Msg::TemplateNameTaken),
        TemplateRefusal::IsDefault => ApiError::field("is_default", Msg::TemplateIsDefault),
    }
}

/// The municipality's agenda templates, the default first.
#[utoipa::path(get, path = "/agenda-templates", tag = "meetings", security(("bearer" = [])),
    responses(
        (status = 200, description = "The templates", body = Vec<AgendaTemplate>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub(super) async fn list_templates(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<AgendaTemplate>>, ApiError> {
    Ok(Json(state.store.agenda_templates(user.municipality).await?))
}

/// Add a template (steering group and administrators).
#[utoipa::path(post, path = "/agenda-templates", tag = "meetings", request_body = AgendaInput, security(("bearer" = [])),
    responses(
        (status = 201, description = "The template as stored", body = AgendaTemplate),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not in the steering group or an administrator", body = ErrorBody),
        (status = 422, description = "A field breaks a rule, or the name is taken", body = ErrorBody),
    ))]
pub(super) async fn create_template(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<AgendaInput>,
) -> Result<(StatusCode, Json<AgendaTemplate>), ApiError> {
    user.require(may_edit_templates)?;
    validate(&input)?;
    // The built-in default exists before any other template.
    state.store.agenda_templates(user.municipality).await?;
    let id = state
        .store
        .create_agenda_template(user.municipality, &input)
        .await?
        .map_err(refused)?;
    let template = state
        .store
        .agenda_template(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(template)))
}

/// Change a template's name and steps; `version` must be current.
#[utoipa::path(put, path = "/agenda-templates/{id}", tag = "meetings", request_body = AgendaInput,
    params(("id" = i64, Path, description = "The template's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The template as changed", body = AgendaTemplate),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not in the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such template in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule, or the name is taken", body = ErrorBody),
    ))]
pub(super) async fn update_template(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TemplateId>,
    ApiJson(input): ApiJson<AgendaInput>,
) -> Result<Json<AgendaTemplate>, ApiError> {
    user.require(may_edit_templates)?;
    state
        .store
        .agenda_template(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    validate(&input)?;
    let version = input
        .version
        .ok_or(ApiError::field("version", Msg::FieldRequired))?;
    state
        .store
        .update_agenda_template(user.municipality, id, &input, version)
        .await?
        .settled()?
        .map_err(refused)?;
    let template = state
        .store
        .agenda_template(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(template))
}

/// Remove a template that is not the default; `version` must be current. Meetings keep
/// the agendas they took from it.
#[utoipa::path(delete, path = "/agenda-templates/{id}", tag = "meetings",
    params(("id" = i64, Path, description = "The template's id"), VersionQuery), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not in the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such template in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "The default template stays", body = ErrorBody),
    ))]
pub(super) async fn delete_template(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TemplateId>,
    query: Result<ApiQuery<VersionQuery>, ApiError>,
) -> Result<StatusCode, ApiError> {
    user.require(may_edit_templates)?;
    let ApiQuery(VersionQuery { version }) = query?;
    state
        .store
        .delete_agenda_template(user.municipality, id, version)
        .await?
        .settled()?
        .map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make a template the default that new meetings take; `version` must be current.
#[utoipa::path(post, path = "/agenda-templates/{id}/default", tag = "meetings", request_body = DefaultRequest,
    params(("id" = i64, Path, description = "The template's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The templates, the new default first", body = Vec<AgendaTemplate>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not in the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such template in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
    ))]
pub(super) async fn make_default(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<TemplateId>,
    ApiJson(request): ApiJson<DefaultRequest>,
) -> Result<Json<Vec<AgendaTemplate>>, ApiError> {
    user.require(may_edit_templates)?;
    state
        .store
        .set_default_agenda_template(user.municipality, id, request.version)
        .await?
        .settled()?;
    Ok(Json(state.store.agenda_templates(user.municipality).await?))
}
