//! The projects API: the municipality's projects (`/projects`), one project with its
//! process log, the log's entries and their clearance for publishing, and the public
//! showcase (`/showcase/{key}`, no sign-in). Who may do what is
//! `kollegium_shared::projects::access`.

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{
    LogEntryId, LogFileId, MilestoneId, MunicipalityId, ProjectId, SchoolId,
};
use kollegium_shared::org::SchoolRef;
use kollegium_shared::projects::access::{
    Standing, may_change_entry, may_create_project, may_edit_project, may_read_log, may_write_log,
};
use kollegium_shared::projects::{
    ClearanceInput, FileClearanceInput, LogEntry, LogEntryInput, LogFile, Milestone,
    MilestoneInput, Project, ProjectInput, ProjectListItem, ProjectPage, PublicProject, Reflection,
    ReflectionInput, ReportBlock, entry_matches, public_project, report_blocks, showcase_key,
    stays_cleared, unknown_focus_areas,
};
use rand::RngCore;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::context::today;
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser};
use crate::files::{KeyQuery, UploadQuery};
use crate::security::token::FileLink;
use crate::state::AppState;
use crate::store::library::NewFile;
use crate::store::{MilestoneOnWheel, StoredProject};

/// The routes under `/api/v1/projects` and the public `/api/v1/showcase/{key}`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_projects, create_project))
        .routes(routes!(get_project, update_project))
        .routes(routes!(search_log, add_entry))
        .routes(routes!(update_entry))
        .routes(routes!(set_clearance))
        .routes(routes!(upload_log_file))
        .routes(routes!(remove_log_file))
        .routes(routes!(set_file_clearance))
        .routes(routes!(read_log_file))
        .routes(routes!(add_milestone))
        .routes(routes!(update_milestone))
        .routes(routes!(add_reflection))
        .routes(routes!(report_pdf))
        .routes(routes!(showcase))
}

/// The caller's place in a project.
async fn standing(
    state: &AppState,
    user: &AuthUser,
    p: &StoredProject,
) -> Result<Standing, ApiError> {
    let member = match p.group_id {
        Some(g) => {
            state
                .store
                .is_member_of(kollegium_shared::ids::GroupId(g), user.person)
                .await?
        }
        None => false,
    };
    Ok(Standing {
        leader: p.leader_id == user.person.0,
        member,
    })
}

async fn stored(
    state: &AppState,
    user: &AuthUser,
    id: ProjectId,
) -> Result<StoredProject, ApiError> {
    state
        .store
        .project(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The log with each file's link for a reader of municipality `m`.
fn with_links(
    state: &AppState,
    m: MunicipalityId,
    mut log: Vec<LogEntry>,
) -> Result<Vec<LogEntry>, ApiError> {
    let now = chrono::Utc::now().timestamp();
    for f in log.iter_mut().flat_map(|e| e.files.iter_mut()) {
        f.url = crate::files::signed_url(state, FILES, FileLink::Log(f.id.0), m, now)?;
    }
    Ok(log)
}

/// Where log files are read, under `/api/v1`.
const FILES: &str = "/projects/files";

/// The project as the caller reads it.
async fn project_of(
    state: &AppState,
    user: &AuthUser,
    p: StoredProject,
    standing: Standing,
) -> Result<Project, ApiError> {
    let rights = (
        may_edit_project(&user.roles, standing),
        may_write_log(&user.roles, standing),
    );
    assemble(state, p, rights).await
}

/// The project with its schools; `(may_edit, may_write_log)` as the reader may.
async fn assemble(
    state: &AppState,
    p: StoredProject,
    (may_edit, may_write_log): (bool, bool),
) -> Result<Project, ApiError> {
    let id = ProjectId(p.id);
    let schools = state
        .store
        .project_schools(&[id])
        .await?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    Ok(Project {
        id,
        name: p.name.clone(),
        aim: p.aim.clone(),
        vision: p.vision.clone(),
        focus_areas: p.focus_areas(),
        global_goals: p.global_goals(),
        stages: p.stages(),
        schools,
        leader: p.leader(),
        group: p.group(),
        partners: p.partners(),
        showcase: p.showcase(),
        version: p.version,
        may_edit,
        may_write_log,
    })
}

/// The rules of a project's input that need the database: its schools and group are
/// the municipality's.
async fn check_refs(
    state: &AppState,
    user: &AuthUser,
    input: &ProjectInput,
) -> Result<(), ApiError> {
    let mut schools: Vec<SchoolId> = input.schools.clone();
    schools.sort();
    schools.dedup();
    if state
        .store
        .known_schools(user.municipality, &schools)
        .await?
        != schools.len()
    {
        return Err(ApiError::field("schools", Msg::UnknownSchool));
    }
    if let Some(g) = input.group
        && !state.store.is_project_group(user.municipality, g).await?
    {
        return Err(ApiError::field("group", Msg::ProjectGroupInvalid));
    }
    Ok(())
}

/// 6 random bytes as 12 hex digits.
fn key_suffix() -> String {
    let mut bytes = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The municipality's projects.
#[utoipa::path(get, path = "/projects", tag = "projects", security(("bearer" = [])),
    responses(
        (status = 200, description = "Every project of the municipality, by name", body = Vec<ProjectListItem>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn list_projects(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<ProjectListItem>>, ApiError> {
    let rows = state.store.projects(user.municipality).await?;
    let ids: Vec<ProjectId> = rows.iter().map(|p| ProjectId(p.id)).collect();
    let schools = state.store.project_schools(&ids).await?;
    Ok(Json(
        rows.into_iter()
            .map(|p| ProjectListItem {
                id: ProjectId(p.id),
                name: p.name.clone(),
                aim: p.aim.clone(),
                leader: p.leader(),
                schools: schools
                    .iter()
                    .filter(|(id, _)| id.0 == p.id)
                    .map(|(_, s)| s.clone())
                    .collect::<Vec<SchoolRef>>(),
                stages: p.stages(),
                entries: p.entries,
                showcase: p.showcase_enabled,
            })
            .collect(),
    ))
}

/// Start a project: the caller becomes its process leader.
#[utoipa::path(post, path = "/projects", tag = "projects", request_body = ProjectInput, security(("bearer" = [])),
    responses(
        (status = 201, description = "The project as stored", body = ProjectPage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither a researcher or process leader, the steering group nor an administrator", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn create_project(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<ProjectInput>,
) -> Result<(StatusCode, Json<ProjectPage>), ApiError> {
    user.require(may_create_project)?;
    validate(&input)?;
    check_refs(&state, &user, &input).await?;
    let key = showcase_key(&input.name, &key_suffix());
    let id = state
        .store
        .create_project(
            user.municipality,
            user.person,
            &input,
            &input.focus_areas_or_default(),
            &key,
        )
        .await?;
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    let project = project_of(&state, &user, p, standing).await?;
    Ok((
        StatusCode::CREATED,
        Json(ProjectPage {
            project,
            log: Vec::new(),
            meetings: Vec::new(),
            milestones: Vec::new(),
        }),
    ))
}

/// One project with its process log (for those who may read the log).
#[utoipa::path(get, path = "/projects/{id}", tag = "projects",
    params(("id" = i64, Path, description = "The project's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The project, and its log newest first for its participants, its process leader and the steering group (empty for others)", body = ProjectPage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such project in the caller's municipality", body = ErrorBody),
    ))]
async fn get_project(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ProjectId>,
) -> Result<Json<ProjectPage>, ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    let log = if may_read_log(&user.roles, standing) {
        with_links(
            &state,
            user.municipality,
            state.store.project_log(id).await?,
        )?
    } else {
        Vec::new()
    };
    let meetings = match p.group_id {
        Some(g) => {
            let today = today();
            state
                .store
                .group_meetings(user.municipality, kollegium_shared::ids::GroupId(g))
                .await?
                .iter()
                .map(|m| kollegium_shared::meetings::GroupMeeting::of(m, &today))
                .collect()
        }
        None => Vec::new(),
    };
    let milestones = state
        .store
        .milestones(id, may_read_log(&user.roles, standing))
        .await?;
    let project = project_of(&state, &user, p, standing).await?;
    Ok(Json(ProjectPage {
        project,
        log,
        meetings,
        milestones,
    }))
}

/// Change a project; `version` must be current. Its showcase's address stays.
#[utoipa::path(put, path = "/projects/{id}", tag = "projects", request_body = ProjectInput,
    params(("id" = i64, Path, description = "The project's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The project as changed", body = Project),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not its process leader, the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such project in the caller's municipality", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_project(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ProjectId>,
    ApiJson(input): ApiJson<ProjectInput>,
) -> Result<Json<Project>, ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    if !may_edit_project(&user.roles, standing) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let version = input
        .version
        .ok_or(ApiError::field("version", Msg::FieldRequired))?;
    check_refs(&state, &user, &input).await?;
    let focus = match input.focus_areas {
        Some(_) => input.focus_areas_or_default(),
        None => p.focus_areas(),
    };
    state
        .store
        .update_project(user.municipality, id, &input, &focus, version)
        .await?
        .settled()?;
    let p = stored(&state, &user, id).await?;
    Ok(Json(project_of(&state, &user, p, standing).await?))
}

/// What to look for in a process log.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LogQuery {
    /// Words to find (Swedish stems; the last word also as a prefix).
    #[serde(default)]
    q: Option<String>,
}

/// The project's log, searched.
#[utoipa::path(get, path = "/projects/{id}/log", tag = "projects",
    params(("id" = i64, Path, description = "The project's id"), LogQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The entries that have every word, newest first", body = Vec<LogEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither in the project nor in the steering group", body = ErrorBody),
        (status = 404, description = "No such project in the caller's municipality", body = ErrorBody),
    ))]
async fn search_log(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ProjectId>,
    query: Result<ApiQuery<LogQuery>, ApiError>,
) -> Result<Json<Vec<LogEntry>>, ApiError> {
    let ApiQuery(LogQuery { q }) = query?;
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    if !may_read_log(&user.roles, standing) {
        return Err(ApiError::Forbidden);
    }
    let q = q.unwrap_or_default();
    let log = state.store.project_log(id).await?;
    let found = log.into_iter().filter(|e| entry_matches(e, &q)).collect();
    Ok(Json(with_links(&state, user.municipality, found)?))
}

/// The entry as stored now, to answer a write with.
async fn entry_as_stored(
    state: &AppState,
    user: &AuthUser,
    id: ProjectId,
    entry: LogEntryId,
) -> Result<LogEntry, ApiError> {
    let e = state
        .store
        .log_entry(id, entry)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut log = with_links(state, user.municipality, vec![e])?;
    log.pop().ok_or(ApiError::NotFound)
}

/// The entry's date, focus areas and linked items, checked against the project and
/// the library.
async fn entry_fields(
    state: &AppState,
    user: &AuthUser,
    p: &StoredProject,
    input: &LogEntryInput,
) -> Result<String, ApiError> {
    if !unknown_focus_areas(&input.focus_areas, &p.focus_areas()).is_empty() {
        return Err(ApiError::field("focus_areas", Msg::ProjectFocusUnknown));
    }
    if !state
        .store
        .published_items_exist(user.municipality, &input.items)
        .await?
    {
        return Err(ApiError::field("items", Msg::LinkedItemsInvalid));
    }
    Ok(input.date.clone().unwrap_or_else(today))
}

/// Write in the project's log.
#[utoipa::path(post, path = "/projects/{id}/log", tag = "projects", request_body = LogEntryInput,
    params(("id" = i64, Path, description = "The project's id")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The entry as stored (not cleared for publishing)", body = LogEntry),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither its process leader nor a member of its project group", body = ErrorBody),
        (status = 404, description = "No such project in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn add_entry(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ProjectId>,
    ApiJson(input): ApiJson<LogEntryInput>,
) -> Result<(StatusCode, Json<LogEntry>), ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    if !may_write_log(&user.roles, standing) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let date = entry_fields(&state, &user, &p, &input).await?;
    let entry = state
        .store
        .add_log_entry(id, user.person, &date, &input)
        .await?;
    let stored = entry_as_stored(&state, &user, id, entry).await?;
    Ok((StatusCode::CREATED, Json(stored)))
}

/// Change an entry; `version` must be current. A changed date or text takes its
/// clearance back.
#[utoipa::path(put, path = "/projects/{id}/log/{entry}", tag = "projects", request_body = LogEntryInput,
    params(("id" = i64, Path, description = "The project's id"), ("entry" = i64, Path, description = "The entry's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The entry as changed", body = LogEntry),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither its author in the project nor one who edits the project", body = ErrorBody),
        (status = 404, description = "No such project or entry", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_entry(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, entry)): ApiPath<(ProjectId, LogEntryId)>,
    ApiJson(input): ApiJson<LogEntryInput>,
) -> Result<Json<LogEntry>, ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    let before = state
        .store
        .log_entry(id, entry)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !may_change_entry(&user.roles, standing, before.author.id == user.person) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let version = input
        .version
        .ok_or(ApiError::field("version", Msg::FieldRequired))?;
    let date = entry_fields(&state, &user, &p, &input).await?;
    let cleared = stays_cleared(&before, input.text.trim(), &date);
    state
        .store
        .update_log_entry(id, entry, &date, &input, cleared, version)
        .await?
        .settled()?;
    entry_as_stored(&state, &user, id, entry).await.map(Json)
}

/// Clear an entry for the public showcase, or take the clearance back: its process
/// leader (or the steering group) only.
#[utoipa::path(put, path = "/projects/{id}/log/{entry}/clearance", tag = "projects", request_body = ClearanceInput,
    params(("id" = i64, Path, description = "The project's id"), ("entry" = i64, Path, description = "The entry's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The entry as changed", body = LogEntry),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not its process leader, the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such project or entry", body = ErrorBody),
        (status = 409, description = "Changed since the version sent", body = ErrorBody),
    ))]
async fn set_clearance(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, entry)): ApiPath<(ProjectId, LogEntryId)>,
    ApiJson(input): ApiJson<ClearanceInput>,
) -> Result<Json<LogEntry>, ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    if !may_edit_project(&user.roles, standing) {
        return Err(ApiError::Forbidden);
    }
    state
        .store
        .set_entry_cleared(id, entry, input.cleared, input.version)
        .await?
        .settled()?;
    entry_as_stored(&state, &user, id, entry).await.map(Json)
}

/// The entry `entry` of project `id` for one who may change it (its author in the
/// project, or one who edits the project), with the project.
async fn changeable_entry(
    state: &AppState,
    user: &AuthUser,
    id: ProjectId,
    entry: LogEntryId,
) -> Result<(StoredProject, Standing), ApiError> {
    let p = stored(state, user, id).await?;
    let standing = standing(state, user, &p).await?;
    let before = state
        .store
        .log_entry(id, entry)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !may_change_entry(&user.roles, standing, before.author.id == user.person) {
        return Err(ApiError::Forbidden);
    }
    Ok((p, standing))
}

/// Add a photo or file to an entry. The body is the file; `name` is its name. PDF,
/// images (PNG, JPEG, GIF, WebP), office documents and MP4/WebM video, told by content,
/// as in the library. It is not on the public page until the process leader marks it.
#[utoipa::path(post, path = "/projects/{id}/log/{entry}/files", tag = "projects",
    params(("id" = i64, Path, description = "The project's id"), ("entry" = i64, Path, description = "The entry's id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored; the entry's version is raised", body = LogFile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither the entry's author in the project nor one who edits the project", body = ErrorBody),
        (status = 404, description = "No such project or entry", body = ErrorBody),
        (status = 413, description = "Larger than the limit (`KOLLEGIUM_UPLOAD_MAX_BYTES`)", body = ErrorBody),
        (status = 422, description = "Not a type that is accepted", body = ErrorBody),
    ))]
async fn upload_log_file(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, entry)): ApiPath<(ProjectId, LogEntryId)>,
    query: Result<ApiQuery<UploadQuery>, ApiError>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<LogFile>), ApiError> {
    changeable_entry(&state, &user, id, entry).await?;
    let ApiQuery(query) = query?;
    let received =
        crate::files::receive(&state.files, user.municipality, &query.name, &headers, body).await?;
    let file = state
        .store
        .add_log_file(
            user.municipality,
            entry,
            user.person,
            &NewFile {
                name: &received.name,
                file_type: received.file_type,
                size: received.size,
                storage_key: &received.key,
            },
        )
        .await?;
    let stored = LogFile {
        id: file,
        name: received.name.clone(),
        file_type: received.file_type,
        size: received.size,
        url: crate::files::signed_url(
            &state,
            FILES,
            FileLink::Log(file.0),
            user.municipality,
            chrono::Utc::now().timestamp(),
        )?,
        cleared: false,
    };
    received.keep();
    tracing::info!(
        entry = entry.0,
        file = file.0,
        size = stored.size,
        by = user.person.0,
        "log file uploaded"
    );
    Ok((StatusCode::CREATED, Json(stored)))
}

/// Remove a photo or file from an entry (whoever may change the entry).
#[utoipa::path(delete, path = "/projects/{id}/log/{entry}/files/{file}", tag = "projects",
    params(("id" = i64, Path, description = "The project's id"), ("entry" = i64, Path, description = "The entry's id"),
        ("file" = i64, Path, description = "The file's id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed; the entry's version is raised"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither the entry's author in the project nor one who edits the project", body = ErrorBody),
        (status = 404, description = "No such project, entry or file", body = ErrorBody),
    ))]
async fn remove_log_file(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, entry, file)): ApiPath<(ProjectId, LogEntryId, LogFileId)>,
) -> Result<StatusCode, ApiError> {
    changeable_entry(&state, &user, id, entry).await?;
    let key = state
        .store
        .delete_log_file(entry, file)
        .await?
        .ok_or(ApiError::NotFound)?;
    crate::files::remove(&state.files, user.municipality, &key, &file.0.to_string()).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Mark a photo or file as fit for the public page (no pupil can be recognised, or
/// their guardians have consented), or take the mark back: the process leader (or the
/// steering group) only. `version` is the entry's.
#[utoipa::path(put, path = "/projects/{id}/log/{entry}/files/{file}/clearance", tag = "projects",
    request_body = FileClearanceInput,
    params(("id" = i64, Path, description = "The project's id"), ("entry" = i64, Path, description = "The entry's id"),
        ("file" = i64, Path, description = "The file's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The entry as changed", body = LogEntry),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not its process leader, the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such project, entry or file", body = ErrorBody),
        (status = 409, description = "The entry changed since the version sent", body = ErrorBody),
    ))]
async fn set_file_clearance(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, entry, file)): ApiPath<(ProjectId, LogEntryId, LogFileId)>,
    ApiJson(input): ApiJson<FileClearanceInput>,
) -> Result<Json<LogEntry>, ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    if !may_edit_project(&user.roles, standing) {
        return Err(ApiError::Forbidden);
    }
    state
        .store
        .set_file_cleared(id, entry, file, input.cleared, input.version)
        .await?
        .settled()?;
    entry_as_stored(&state, &user, id, entry).await.map(Json)
}

/// Fetch a log entry's photo or file by its signed link (no sign-in header; the link
/// expires). A link from the public page works only while the file, its entry and the
/// page are public.
#[utoipa::path(get, path = "/projects/files/{file}", tag = "projects",
    params(("file" = i64, Path, description = "The file's id"), KeyQuery),
    responses(
        (status = 200, description = "The file"),
        (status = 206, description = "Part of the file"),
        (status = 404, description = "No such file, the link is wrong or expired, or it is no longer public", body = ErrorBody),
    ))]
async fn read_log_file(
    State(state): State<AppState>,
    ApiPath(file): ApiPath<LogFileId>,
    query: Result<ApiQuery<KeyQuery>, ApiError>,
    request: Request,
) -> Result<Response, ApiError> {
    let (link, m) = crate::files::verified_link(&state, query)?;
    let public = match link {
        FileLink::Log(id) if id == file.0 => false,
        FileLink::Showcase(id) if id == file.0 => true,
        _ => return Err(ApiError::NotFound),
    };
    let stored = state
        .store
        .log_file(m, file)
        .await?
        .ok_or(ApiError::NotFound)?;
    if public && !stored.public {
        return Err(ApiError::NotFound);
    }
    crate::files::serve(
        &state.files,
        m,
        &stored.storage_key,
        request,
        &stored.file.name,
        stored.file.file_type,
    )
    .await
}

/// The milestone `id` of project `project` as stored now.
async fn milestone_as_stored(
    state: &AppState,
    project: ProjectId,
    id: MilestoneId,
) -> Result<Milestone, ApiError> {
    state
        .store
        .milestones(project, true)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(ApiError::NotFound)
}

/// The municipality's school year that holds `date`.
async fn year_holding(
    state: &AppState,
    user: &AuthUser,
    date: &str,
) -> Result<Option<kollegium_shared::groups::SchoolYear>, ApiError> {
    Ok(state
        .store
        .school_years(user.municipality)
        .await?
        .into_iter()
        .find(|y| y.starts_on.as_str() <= date && date <= y.ends_on.as_str()))
}

/// Put a milestone on the wheel: an activity on the year's project ring (for the project
/// group, or everyone when the project has none), followed up here.
#[utoipa::path(post, path = "/projects/{id}/milestones", tag = "projects", request_body = MilestoneInput,
    params(("id" = i64, Path, description = "The project's id")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The milestone, on the wheel", body = Milestone),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not its process leader, the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such project in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A field breaks a rule (a date outside every school year names `due_on`)", body = ErrorBody),
    ))]
async fn add_milestone(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ProjectId>,
    ApiJson(input): ApiJson<MilestoneInput>,
) -> Result<(StatusCode, Json<Milestone>), ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    if !may_edit_project(&user.roles, standing) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let year = year_holding(&state, &user, &input.due_on)
        .await?
        .ok_or(ApiError::field("due_on", Msg::MilestoneNoYear))?;
    let audience = match p.group_id {
        Some(g) => kollegium_shared::wheel::Audience::Groups {
            groups: vec![kollegium_shared::ids::GroupId(g)],
        },
        None => kollegium_shared::wheel::Audience::Everyone,
    };
    let milestone = state
        .store
        .create_milestone(
            user.municipality,
            &year,
            user.person,
            id,
            &MilestoneOnWheel {
                title: &input.title,
                description: &p.name,
                due_on: &input.due_on,
                audience: &audience,
            },
        )
        .await?;
    if input.done || !input.outcome.trim().is_empty() {
        state
            .store
            .update_milestone(
                user.municipality,
                id,
                milestone,
                user.person,
                (&input.title, &input.due_on),
                input.done,
                &input.outcome,
                1,
            )
            .await?
            .settled()?;
    }
    let stored = milestone_as_stored(&state, id, milestone).await?;
    Ok((StatusCode::CREATED, Json(stored)))
}

/// Follow up a milestone (done, what came of it), or change its title or date (on the
/// wheel too, within its school year); `version` must be current.
#[utoipa::path(put, path = "/projects/{id}/milestones/{milestone}", tag = "projects", request_body = MilestoneInput,
    params(("id" = i64, Path, description = "The project's id"), ("milestone" = i64, Path, description = "The milestone's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The milestone as changed", body = Milestone),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not its process leader, the steering group or an administrator", body = ErrorBody),
        (status = 404, description = "No such project or milestone", body = ErrorBody),
        (status = 409, description = "Changed by someone else since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule (a date in another school year names `due_on`)", body = ErrorBody),
    ))]
async fn update_milestone(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, milestone)): ApiPath<(ProjectId, MilestoneId)>,
    ApiJson(input): ApiJson<MilestoneInput>,
) -> Result<Json<Milestone>, ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    if !may_edit_project(&user.roles, standing) {
        return Err(ApiError::Forbidden);
    }
    let year = state
        .store
        .milestone_year(id, milestone)
        .await?
        .ok_or(ApiError::NotFound)?;
    validate(&input)?;
    let version = input
        .version
        .ok_or(ApiError::field("version", Msg::FieldRequired))?;
    if year_holding(&state, &user, &input.due_on)
        .await?
        .is_none_or(|y| y.id != year)
    {
        return Err(ApiError::field("due_on", Msg::MilestoneOtherYear));
    }
    state
        .store
        .update_milestone(
            user.municipality,
            id,
            milestone,
            user.person,
            (&input.title, &input.due_on),
            input.done,
            &input.outcome,
            version,
        )
        .await?
        .settled()?;
    milestone_as_stored(&state, id, milestone).await.map(Json)
}

/// Add a reflection on a milestone: those who take part in the project.
#[utoipa::path(post, path = "/projects/{id}/milestones/{milestone}/reflections", tag = "projects",
    request_body = ReflectionInput,
    params(("id" = i64, Path, description = "The project's id"), ("milestone" = i64, Path, description = "The milestone's id")),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The reflection as stored", body = Reflection),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither its process leader nor a member of its project group", body = ErrorBody),
        (status = 404, description = "No such project or milestone", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn add_reflection(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, milestone)): ApiPath<(ProjectId, MilestoneId)>,
    ApiJson(input): ApiJson<ReflectionInput>,
) -> Result<(StatusCode, Json<Reflection>), ApiError> {
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    if !may_write_log(&user.roles, standing) {
        return Err(ApiError::Forbidden);
    }
    validate(&input)?;
    let today = today();
    let reflection = state
        .store
        .add_reflection(id, milestone, user.person, &input.text, &today)
        .await?
        .ok_or(ApiError::NotFound)?;
    let stored = milestone_as_stored(&state, id, milestone)
        .await?
        .reflections
        .into_iter()
        .find(|r| r.id == reflection)
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(stored)))
}

/// The project's report as a PDF (A4, tagged): its description, partners and the log
/// as the caller may read it, oldest first, in the request's language.
#[utoipa::path(get, path = "/projects/{id}/report.pdf", tag = "projects",
    params(("id" = i64, Path, description = "The project's id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The report; the log only for those who may read it", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such project in the caller's municipality", body = ErrorBody),
    ))]
async fn report_pdf(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ProjectId>,
) -> Result<axum::response::Response, ApiError> {
    use crate::pdf::Block;
    let p = stored(&state, &user, id).await?;
    let standing = standing(&state, &user, &p).await?;
    let reads = may_read_log(&user.roles, standing);
    let log = if reads {
        state.store.project_log(id).await?
    } else {
        Vec::new()
    };
    let milestones = state.store.milestones(id, reads).await?;
    let project = project_of(&state, &user, p, standing).await?;
    let lang = crate::error::REQUEST_LANG
        .try_with(|l| *l)
        .unwrap_or_default();
    let blocks: Vec<Block> = report_blocks(&project, &milestones, &log, lang)
        .into_iter()
        .map(|b| match b {
            ReportBlock::Title(t) => Block::Title(t),
            ReportBlock::Byline(t) | ReportBlock::Note(t) => Block::Note(t),
            ReportBlock::Heading(t) | ReportBlock::Subheading(t) => Block::Heading(t),
            ReportBlock::Text(t) => Block::Text(t),
            ReportBlock::Item(t) => Block::Text(format!("• {t}")),
            ReportBlock::Partner { name, about } => Block::Text(format!("• {name}{about}")),
        })
        .collect();
    let created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let title = project.name.clone();
    let bytes = tokio::task::spawn_blocking(move || {
        crate::pdf::document(&title, lang.tag(), &created, &blocks)
    })
    .await
    .map_err(anyhow::Error::from)??;
    let name = format!("{}.pdf", project.showcase.key);
    Ok(crate::export::attachment("application/pdf", &name, bytes))
}

/// A project's public showcase: its summary and the entries cleared for publishing.
/// Needs no sign-in; unknown or switched off is 404.
#[utoipa::path(get, path = "/showcase/{key}", tag = "projects",
    params(("key" = String, Path, description = "The showcase's address, as the project shows it")),
    responses(
        (status = 200, description = "What the process leader chose to show", body = PublicProject),
        (status = 404, description = "No such showcase, or switched off", body = ErrorBody),
    ))]
async fn showcase(
    State(state): State<AppState>,
    ApiPath(key): ApiPath<String>,
) -> Result<Json<PublicProject>, ApiError> {
    let (p, municipality) = state
        .store
        .showcased_project(&key)
        .await?
        .ok_or(ApiError::NotFound)?;
    let log = state.store.project_log(ProjectId(p.id)).await?;
    let m = MunicipalityId(p.municipality_id);
    let project = assemble(&state, p, (false, false)).await?;
    let now = chrono::Utc::now().timestamp();
    let public_url = |f: LogFileId| {
        crate::files::signed_url(&state, FILES, FileLink::Showcase(f.0), m, now).unwrap_or_default()
    };
    Ok(Json(public_project(
        &project,
        &municipality,
        &log,
        public_url,
    )))
}
