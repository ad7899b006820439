//! Staff: the list behind the administrators' page and the colleague directory, one
//! person, and the CSV import (preview, then commit).

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{PersonId, SchoolId};
use kollegium_shared::org::access::{administers, sees_inactive_staff};
use kollegium_shared::org::import::{self, ImportPreview};
use kollegium_shared::org::{
    NewStaffMember, PasswordReset, SUBJECTS, StaffMember, StaffPage, StaffPatch, StaffQuery,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, REQUEST_LANG, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser, FileBody, IMPORT_MAX_BYTES};
use crate::security::password;
use crate::state::AppState;
use crate::store::is_unique_violation;

/// The routes under `/api/v1/staff`.
pub fn router() -> OpenApiRouter<AppState> {
    // Import files are larger than any JSON body: they get their own limit.
    let import = OpenApiRouter::new()
        .routes(routes!(preview_staff_import))
        .routes(routes!(commit_staff_import))
        .layer(axum::extract::DefaultBodyLimit::max(IMPORT_MAX_BYTES));
    OpenApiRouter::new()
        .routes(routes!(list_staff, create_staff_member))
        .routes(routes!(get_staff_member, patch_staff_member))
        .routes(routes!(reset_staff_password))
        .merge(import)
}

/// Search staff. Everyone sees the active people of their own municipality;
/// administrators may include deactivated people.
#[utoipa::path(
    get,
    path = "/staff",
    tag = "org",
    params(StaffQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of matching people, in Swedish name order by default", body = StaffPage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "A parameter does not read", body = ErrorBody),
    )
)]
async fn list_staff(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(query): ApiQuery<StaffQuery>,
) -> Result<Json<StaffPage>, ApiError> {
    let include_inactive = query.include_inactive.unwrap_or(false) && user.may(sees_inactive_staff);
    Ok(Json(
        state
            .store
            .list_staff(user.municipality, &query, include_inactive)
            .await?,
    ))
}

/// One person. Deactivated people are visible to administrators only.
#[utoipa::path(
    get,
    path = "/staff/{id}",
    tag = "org",
    params(("id" = i64, Path, description = "The person's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person", body = StaffMember),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person in the caller's municipality", body = ErrorBody),
    )
)]
async fn get_staff_member(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<PersonId>,
) -> Result<Json<StaffMember>, ApiError> {
    let member = state
        .store
        .staff_member(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !member.active && !user.may(sees_inactive_staff) {
        return Err(ApiError::NotFound);
    }
    Ok(Json(member))
}

/// Checks that schools and subjects named in a change exist in the caller's municipality.
async fn check_references(
    state: &AppState,
    user: &AuthUser,
    schools: Option<&[SchoolId]>,
    subjects: Option<&[String]>,
) -> Result<(), ApiError> {
    if let Some(schools) = schools.filter(|s| !s.is_empty()) {
        let known = state.store.school_ids(user.municipality).await?;
        if schools.iter().any(|s| !known.contains(&s.0)) {
            return Err(ApiError::field("school_ids", Msg::UnknownSchool));
        }
    }
    if let Some(subjects) = subjects.filter(|s| !s.is_empty()) {
        let custom = state.store.custom_subjects(user.municipality).await?;
        let known = |code: &str| {
            SUBJECTS.iter().any(|s| s.code == code) || custom.iter().any(|(c, _)| c == code)
        };
        if subjects.iter().any(|s| !known(s)) {
            return Err(ApiError::field("subjects", Msg::UnknownSubject));
        }
    }
    Ok(())
}

/// Add a member of staff (administrators only). They sign in after a password reset.
#[utoipa::path(
    post,
    path = "/staff",
    tag = "org",
    request_body = NewStaffMember,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = StaffMember),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 422, description = "A field breaks a rule, the e-mail is taken, or a school or subject is unknown", body = ErrorBody),
    )
)]
async fn create_staff_member(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(new): ApiJson<NewStaffMember>,
) -> Result<(axum::http::StatusCode, Json<StaffMember>), ApiError> {
    user.require(administers)?;
    validate(&new)?;
    check_references(&state, &user, Some(&new.school_ids), Some(&new.subjects)).await?;
    let id = match state.store.create_person(user.municipality, &new).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => return Err(ApiError::field("email", Msg::EmailTaken)),
        Err(e) => return Err(e.into()),
    };
    let member = state
        .store
        .staff_member(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((axum::http::StatusCode::CREATED, Json(member)))
}

/// Change a member of staff, or deactivate them with `active: false` (administrators only).
#[utoipa::path(
    patch,
    path = "/staff/{id}",
    tag = "org",
    params(("id" = i64, Path, description = "The person's id")),
    request_body = StaffPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person as changed", body = StaffMember),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such person in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    )
)]
async fn patch_staff_member(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<PersonId>,
    ApiJson(patch): ApiJson<StaffPatch>,
) -> Result<Json<StaffMember>, ApiError> {
    user.require(administers)?;
    validate(&patch)?;
    if id == user.person {
        patch.check_own().map_err(ApiError::Validation)?;
    }
    check_references(
        &state,
        &user,
        patch.school_ids.as_deref(),
        patch.subjects.as_deref(),
    )
    .await?;
    match state
        .store
        .update_person(user.municipality, id, &patch)
        .await
    {
        Ok(update) => update.settled()?,
        Err(e) if is_unique_violation(&e) => return Err(ApiError::field("email", Msg::EmailTaken)),
        Err(e) => return Err(e.into()),
    }
    if patch.active == Some(false) {
        // A deactivated person's live followers are let go.
        crate::changes::announce(&state, crate::changes::EVERY_MEETING).await;
    }
    let member = state
        .store
        .staff_member(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(member))
}

/// A one-time password: twelve characters without look-alikes (0/O, 1/l/I), in groups.
fn one_time_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let chars: Vec<char> = (0..12)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Give a person a one-time password, shown once, to hand over; they must choose a
/// new one at their next sign-in (administrators only).
#[utoipa::path(
    post,
    path = "/staff/{id}/password-reset",
    tag = "org",
    params(("id" = i64, Path, description = "The person's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The one-time password", body = PasswordReset),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 404, description = "No such active person in the caller's municipality", body = ErrorBody),
        (status = 422, description = "The caller's own password, which they change under their profile", body = ErrorBody),
    )
)]
async fn reset_staff_password(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<PersonId>,
) -> Result<Json<PasswordReset>, ApiError> {
    user.require(administers)?;
    if id == user.person {
        return Err(ApiError::field("id", Msg::OwnPasswordReset));
    }
    let one_time = one_time_password();
    let hash = password::hash_blocking(one_time.clone()).await?;
    if !state
        .store
        .reset_password(user.municipality, id, &hash)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    tracing::info!(
        person = id.0,
        by = user.person.0,
        "password reset by an administrator"
    );
    crate::changes::announce(&state, crate::changes::EVERY_MEETING).await;
    Ok(Json(PasswordReset {
        one_time_password: one_time,
    }))
}

async fn plan(state: &AppState, user: &AuthUser, bytes: &[u8]) -> Result<import::Plan, ApiError> {
    user.require(administers)?;
    let (schools, subjects, existing) = state.store.import_context(user.municipality).await?;
    let bytes = bytes.to_vec();
    let plan =
        tokio::task::spawn_blocking(move || import::plan(&bytes, &schools, &subjects, &existing))
            .await
            .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(plan)
}

/// Check a staff CSV file and say what importing it would do (administrators only).
/// The body is the file itself (UTF-8 or Windows-1252; `;` or `,`).
#[utoipa::path(
    post,
    path = "/staff/import/preview",
    tag = "org",
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What the import would do, and every error", body = ImportPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 413, description = "The file is too large", body = ErrorBody),
    )
)]
async fn preview_staff_import(
    State(state): State<AppState>,
    user: AuthUser,
    FileBody(bytes): FileBody,
) -> Result<Json<ImportPreview>, ApiError> {
    let plan = plan(&state, &user, &bytes).await?;
    let lang = REQUEST_LANG.try_with(|l| *l).unwrap_or_default();
    Ok(Json(plan.preview(lang)))
}

/// Import a staff CSV file: all of it in one transaction, or nothing when it has any
/// error (administrators only). Importing the same file again changes nothing.
#[utoipa::path(
    post,
    path = "/staff/import",
    tag = "org",
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Imported; the counts of what was done", body = ImportPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 409, description = "Someone changed the staff at the same time; preview again", body = ErrorBody),
        (status = 413, description = "The file is too large", body = ErrorBody),
        (status = 422, description = "The file has errors; nothing was stored", body = ErrorBody),
    )
)]
async fn commit_staff_import(
    State(state): State<AppState>,
    user: AuthUser,
    FileBody(bytes): FileBody,
) -> Result<Json<ImportPreview>, ApiError> {
    let plan = plan(&state, &user, &bytes).await?;
    if !plan.issues.is_empty() {
        return Err(ApiError::field("file", Msg::ImportHasErrors));
    }
    match state.store.apply_import(user.municipality, &plan).await {
        Ok(()) => {}
        Err(e) if is_unique_violation(&e) => return Err(ApiError::Conflict),
        Err(e) => return Err(e.into()),
    }
    let (created, updated, unchanged) = plan.counts();
    tracing::info!(
        municipality = user.municipality.0,
        created,
        updated,
        unchanged,
        "staff imported"
    );
    let lang = REQUEST_LANG.try_with(|l| *l).unwrap_or_default();
    Ok(Json(plan.preview(lang)))
}
