//! The organisation API: schools, staff and the colleague directory.

pub mod staff;

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{PersonId, SchoolId};
use kollegium_shared::org::access::administers;
use kollegium_shared::org::{
    NewSchool, NewSubject, Role, SUBJECTS, School, SchoolPatch, SubjectItem, code_from_name,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, AuthUser};
use crate::state::AppState;
use crate::store::is_unique_violation;

/// The routes under `/api/v1/schools` and `/api/v1/staff`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_schools, create_school))
        .routes(routes!(list_subjects, create_subject))
        .routes(routes!(get_school, patch_school))
        .merge(staff::router())
}

/// Every school of the caller's municipality.
#[utoipa::path(
    get,
    path = "/schools",
    tag = "org",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The schools, by name", body = [School]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
async fn list_schools(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<School>>, ApiError> {
    Ok(Json(state.store.list_schools(user.municipality).await?))
}

/// A principal must be an active person of the caller's municipality.
async fn check_principal(
    state: &AppState,
    user: &AuthUser,
    principal: Option<PersonId>,
) -> Result<(), ApiError> {
    let Some(id) = principal else { return Ok(()) };
    match state.store.staff_member(user.municipality, id).await? {
        Some(p) if p.active => Ok(()),
        _ => Err(ApiError::field("principal_id", Msg::UnknownPrincipal)),
    }
}

/// A head of operations must be an active person of the caller's municipality with
/// that role.
async fn check_head(
    state: &AppState,
    user: &AuthUser,
    head: Option<PersonId>,
) -> Result<(), ApiError> {
    let Some(id) = head else { return Ok(()) };
    match state.store.staff_member(user.municipality, id).await? {
        Some(p) if p.active && p.roles.contains(&Role::Verksamhetschef) => Ok(()),
        _ => Err(ApiError::field("head_id", Msg::UnknownHead)),
    }
}

/// Add a school (administrators only).
#[utoipa::path(
    post,
    path = "/schools",
    tag = "org",
    request_body = NewSchool,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = School),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 422, description = "A field breaks a rule, or the name is taken", body = ErrorBody),
    )
)]
async fn create_school(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(new): ApiJson<NewSchool>,
) -> Result<(axum::http::StatusCode, Json<School>), ApiError> {
    user.require(administers)?;
    validate(&new)?;
    check_principal(&state, &user, new.principal_id).await?;
    check_head(&state, &user, new.head_id).await?;
    let id = match state.store.create_school(user.municipality, &new).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("name", Msg::SchoolNameTaken));
        }
        Err(e) => return Err(e.into()),
    };
    let school = state
        .store
        .school(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((axum::http::StatusCode::CREATED, Json(school)))
}

/// The subjects of the caller's municipality: the national list and its own.
#[utoipa::path(
    get,
    path = "/subjects",
    tag = "org",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "National subjects first, then the municipality's own", body = [SubjectItem]),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
async fn list_subjects(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<SubjectItem>>, ApiError> {
    let national = SUBJECTS.iter().map(|s| SubjectItem {
        code: s.code.into(),
        name: s.sv.into(),
        name_en: s.en.into(),
        custom: false,
    });
    let custom = state.store.custom_subjects(user.municipality).await?;
    let own = custom.into_iter().map(|(code, name)| SubjectItem {
        code,
        name_en: name.clone(),
        name,
        custom: true,
    });
    Ok(Json(national.chain(own).collect()))
}

/// Add a subject or area of the municipality's own, e.g. "Elevhälsa" (administrators only).
#[utoipa::path(
    post,
    path = "/subjects",
    tag = "org",
    request_body = NewSubject,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = SubjectItem),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 422, description = "The name is missing or taken", body = ErrorBody),
    )
)]
async fn create_subject(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(new): ApiJson<NewSubject>,
) -> Result<(axum::http::StatusCode, Json<SubjectItem>), ApiError> {
    user.require(administers)?;
    validate(&new)?;
    let name = new.name.trim().to_owned();
    let code = code_from_name(&name);
    let clashes_nationally = SUBJECTS.iter().any(|s| {
        s.code == code || kollegium_shared::text::fold(s.sv) == kollegium_shared::text::fold(&name)
    });
    if code.is_empty() || clashes_nationally {
        return Err(ApiError::field("name", Msg::SubjectNameTaken));
    }
    match state
        .store
        .create_subject(user.municipality, &code, &name)
        .await
    {
        Ok(()) => {}
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("name", Msg::SubjectNameTaken));
        }
        Err(e) => return Err(e.into()),
    }
    Ok((
        axum::http::StatusCode::CREATED,
        Json(SubjectItem {
            code,
            name_en: name.clone(),
            name,
            custom: true,
        }),
    ))
}

/// One school.
#[utoipa::path(
    get,
    path = "/schools/{id}",
    tag = "org",
    params(("id" = i64, Path, description = "The school's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The school", body = School),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such school in the caller's municipality", body = ErrorBody),
    )
)]
async fn get_school(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<SchoolId>,
) -> Result<Json<School>, ApiError> {
    let school = state
        .store
        .school(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(school))
}

/// Change a school's name, stages or whether it is active (administrators only).
#[utoipa::path(
    patch,
    path = "/schools/{id}",
    tag = "org",
    params(("id" = i64, Path, description = "The school's id")),
    request_body = SchoolPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The school as changed", body = School),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such school in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    )
)]
async fn patch_school(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<SchoolId>,
    ApiJson(patch): ApiJson<SchoolPatch>,
) -> Result<Json<School>, ApiError> {
    user.require(administers)?;
    validate(&patch)?;
    check_principal(&state, &user, patch.principal_id.flatten()).await?;
    check_head(&state, &user, patch.head_id.flatten()).await?;
    match state
        .store
        .update_school(user.municipality, id, &patch)
        .await
    {
        Ok(update) => update.settled()?,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::field("name", Msg::SchoolNameTaken));
        }
        Err(e) => return Err(e.into()),
    }
    let school = state
        .store
        .school(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(school))
}
