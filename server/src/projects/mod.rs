//! The projects API: the municipality's projects (`/projects`), one project with its
//! process log, the log's entries and their clearance for publishing, and the public
//! showcase (`/showcase/{key}`, no sign-in). Who may do what is
//! `kollegium_shared::projects::access`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{LogEntryId, ProjectId, SchoolId};
use kollegium_shared::org::SchoolRef;
use kollegium_shared::projects::access::{
    Standing, may_change_entry, may_create_project, may_edit_project, may_read_log, may_write_log,
};
use kollegium_shared::projects::{
    ClearanceInput, LogEntry, LogEntryInput, Project, ProjectInput, ProjectListItem, ProjectPage,
    PublicProject, ReportBlock, entry_matches, public_project, report_blocks, showcase_key,
    stays_cleared, unknown_focus_areas,
};
use rand::RngCore;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::context::today;
use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, ApiPath, ApiQuery, AuthUser};
use crate::state::AppState;
use crate::store::StoredProject;

/// The routes under `/api/v1/projects` and the public `/api/v1/showcase/{key}`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_projects, create_project))
        .routes(routes!(get_project, update_project))
        .routes(routes!(search_log, add_entry))
        .routes(routes!(update_entry))
        .routes(routes!(set_clearance))
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
        state.store.project_log(id).await?
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
    let project = project_of(&state, &user, p, standing).await?;
    Ok(Json(ProjectPage {
        project,
        log,
        meetings,
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
    Ok(Json(
        log.into_iter().filter(|e| entry_matches(e, &q)).collect(),
    ))
}

/// The entry as stored now, to answer a write with.
async fn entry_as_stored(
    state: &AppState,
    id: ProjectId,
    entry: LogEntryId,
) -> Result<LogEntry, ApiError> {
    state
        .store
        .log_entry(id, entry)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The entry's date and focus areas, checked against the project.
fn entry_fields(p: &StoredProject, input: &LogEntryInput) -> Result<String, ApiError> {
    if !unknown_focus_areas(&input.focus_areas, &p.focus_areas()).is_empty() {
        return Err(ApiError::field("focus_areas", Msg::ProjectFocusUnknown));
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
    let date = entry_fields(&p, &input)?;
    let entry = state
        .store
        .add_log_entry(
            id,
            user.person,
            &date,
            &input.text,
            &input.focus_areas,
            &input.global_goals,
        )
        .await?;
    let stored = entry_as_stored(&state, id, entry).await?;
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
    let date = entry_fields(&p, &input)?;
    let cleared = stays_cleared(&before, input.text.trim(), &date);
    state
        .store
        .update_log_entry(
            id,
            entry,
            &date,
            &input.text,
            &input.focus_areas,
            &input.global_goals,
            cleared,
            version,
        )
        .await?
        .settled()?;
    entry_as_stored(&state, id, entry).await.map(Json)
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
    entry_as_stored(&state, id, entry).await.map(Json)
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
    let log = if may_read_log(&user.roles, standing) {
        state.store.project_log(id).await?
    } else {
        Vec::new()
    };
    let project = project_of(&state, &user, p, standing).await?;
    let lang = crate::error::REQUEST_LANG
        .try_with(|l| *l)
        .unwrap_or_default();
    let blocks: Vec<Block> = report_blocks(&project, &log, lang)
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
    let project = assemble(&state, p, (false, false)).await?;
    Ok(Json(public_project(&project, &municipality, &log)))
}
