//! The results API under `/api/v1/results`: one key figure for every school over the
//! years with the municipality's weighted figure beside it (anyone of the municipality:
//! aggregates only, and nothing based on fewer than ten pupils shown as a number), and
//! importing a results file after a preview, all of it or nothing (the steering
//! group, administrators and heads of operations).

use std::collections::{BTreeSet, HashMap};

use axum::Json;
use axum::extract::State;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::goals::access::may_import_results;
use kollegium_shared::goals::results::{
    self, Figure, FigureChoice, FigureInput, FigureKey, FigureLookup, ResultPoint, ResultSeries,
    ResultsPreview, SchoolSeries, Sex, StoredFigure, municipality_figure, shown_beside,
};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::SchoolId;
use kollegium_shared::org::SchoolRef;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, REQUEST_LANG};
use crate::extract::{ApiJson, ApiQuery, AuthUser, FileBody, IMPORT_MAX_BYTES, VersionQuery};
use crate::state::AppState;

/// The routes under `/api/v1/results`.
pub fn router() -> OpenApiRouter<AppState> {
    // Results files are larger than any JSON body: they get the imports' limit.
    let import = OpenApiRouter::new()
        .routes(routes!(preview_results_import))
        .routes(routes!(commit_results_import))
        .layer(axum::extract::DefaultBodyLimit::max(IMPORT_MAX_BYTES));
    OpenApiRouter::new()
        .routes(routes!(figure_results))
        .routes(routes!(get_figure, put_figure, delete_figure))
        .merge(import)
}

/// Which figure: `?figure=&grade=&subject=&sex=`; the first stored when left out.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FigureQuery {
    pub figure: Option<Figure>,
    pub grade: Option<u8>,
    pub subject: Option<String>,
    pub sex: Option<Sex>,
}

/// One key figure of every school over the years.
#[utoipa::path(get, path = "/results", tag = "goals", params(FigureQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "Each school's figure per year (none where fewer than ten pupils), the municipality's weighted by pupils, and the figures there are to choose from", body = ResultSeries),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "A parameter does not read", body = ErrorBody),
    ))]
async fn figure_results(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<ApiQuery<FigureQuery>, ApiError>,
) -> Result<Json<ResultSeries>, ApiError> {
    let ApiQuery(q) = query?;
    let m = user.municipality;
    let choices: Vec<FigureChoice> = state
        .store
        .result_choices(m)
        .await?
        .into_iter()
        .filter_map(|(figure, grade, subject, sex)| {
            Some(FigureChoice {
                figure: Figure::from_code(&figure)?,
                grade: u8::try_from(grade).ok()?,
                subject,
                sex: Sex::from_code(&sex)?,
            })
        })
        .collect();
    let first = choices.first().cloned();
    let chosen = FigureChoice {
        figure: q
            .figure
            .or(first.as_ref().map(|c| c.figure))
            .unwrap_or(Figure::EligibleVocational),
        grade: q.grade.or(first.as_ref().map(|c| c.grade)).unwrap_or(9),
        subject: q
            .subject
            .or(first.as_ref().map(|c| c.subject.clone()))
            .unwrap_or_default(),
        sex: q.sex.unwrap_or_default(),
    };
    let rows = state
        .store
        .figure_results(m, chosen.figure, chosen.grade, &chosen.subject, chosen.sex)
        .await?;
    // The other sex's pupils per school and year, for figures split by sex.
    let other: HashMap<(i64, String), u32> = match chosen.sex.other() {
        Some(sex) => state
            .store
            .figure_results(m, chosen.figure, chosen.grade, &chosen.subject, sex)
            .await?
            .into_iter()
            .map(|r| ((r.0, r.2), u32::try_from(r.4).unwrap_or(0)))
            .collect(),
        None => HashMap::new(),
    };
    let years: Vec<String> = rows
        .iter()
        .map(|r| r.2.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut schools: Vec<SchoolSeries> = Vec::new();
    let mut names: Vec<(SchoolId, String)> = rows
        .iter()
        .map(|r| (SchoolId(r.0), r.1.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    names.sort_by(|a, b| kollegium_shared::collate::swedish_cmp(&a.1, &b.1));
    for (id, name) in names {
        let points = years
            .iter()
            .map(|y| {
                let row = rows.iter().find(|r| r.0 == id.0 && &r.2 == y);
                let pupils = row.map_or(0, |r| u32::try_from(r.4).unwrap_or(0));
                let beside = other.get(&(id.0, y.clone())).copied();
                ResultPoint {
                    year: y.clone(),
                    value: row.and_then(|r| shown_beside(r.3, pupils, beside)),
                    pupils,
                }
            })
            .collect();
        schools.push(SchoolSeries {
            school: SchoolRef { id, name },
            points,
        });
    }
    let municipality = years
        .iter()
        .map(|y| {
            let of_year: Vec<(f64, u32)> = rows
                .iter()
                .filter(|r| &r.2 == y)
                .map(|r| (r.3, u32::try_from(r.4).unwrap_or(0)))
                .collect();
            let (value, pupils) = municipality_figure(&of_year);
            ResultPoint {
                year: y.clone(),
                value,
                pupils,
            }
        })
        .collect();
    Ok(Json(ResultSeries {
        chosen,
        years,
        schools,
        municipality,
        choices,
        may_import: user.may(may_import_results),
    }))
}

/// The municipality's subjects (code, Swedish name): the national list, then its own.
async fn subjects(state: &AppState, user: &AuthUser) -> Result<Vec<(String, String)>, ApiError> {
    let mut subjects: Vec<(String, String)> = kollegium_shared::org::SUBJECTS
        .iter()
        .map(|s| (s.code.to_owned(), s.sv.to_owned()))
        .collect();
    subjects.extend(state.store.custom_subjects(user.municipality).await?);
    Ok(subjects)
}

/// Reads a results file against the municipality's schools and subjects.
async fn read_file(
    state: &AppState,
    user: &AuthUser,
    bytes: Vec<u8>,
) -> Result<results::ResultsFile, ApiError> {
    user.require(may_import_results)?;
    let schools: Vec<(SchoolId, String)> = state
        .store
        .list_schools(user.municipality)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let subjects = subjects(state, user).await?;
    tokio::task::spawn_blocking(move || results::read(&bytes, &schools, &subjects))
        .await
        .map_err(|e| ApiError::Internal(e.into()))
}

fn preview_of(file: &results::ResultsFile, counts: crate::store::ResultCounts) -> ResultsPreview {
    let lang = REQUEST_LANG.try_with(|l| *l).unwrap_or_default();
    ResultsPreview {
        encoding: file.encoding.clone(),
        separator: file.separator.to_string(),
        rows: file.rows.len(),
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        errors: file.errors(lang),
    }
}

/// Check a results file and say what importing it would do. The body is the file.
#[utoipa::path(post, path = "/results/import/preview", tag = "goals",
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What the import would do, and every error with its line and column", body = ResultsPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the steering group, an administrator or a head of operations", body = ErrorBody),
        (status = 413, description = "The file is too large", body = ErrorBody),
    ))]
async fn preview_results_import(
    State(state): State<AppState>,
    user: AuthUser,
    FileBody(bytes): FileBody,
) -> Result<Json<ResultsPreview>, ApiError> {
    let file = read_file(&state, &user, bytes.to_vec()).await?;
    let counts = state
        .store
        .result_counts(user.municipality, &file.rows)
        .await?;
    Ok(Json(preview_of(&file, counts)))
}

/// Import a results file: all of it in one transaction, or nothing when it has any
/// error. Importing the same file again changes nothing.
#[utoipa::path(post, path = "/results/import", tag = "goals",
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Imported; the counts of what was done", body = ResultsPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the steering group, an administrator or a head of operations", body = ErrorBody),
        (status = 413, description = "The file is too large", body = ErrorBody),
        (status = 422, description = "The file has errors; nothing was stored", body = ErrorBody),
    ))]
async fn commit_results_import(
    State(state): State<AppState>,
    user: AuthUser,
    FileBody(bytes): FileBody,
) -> Result<Json<ResultsPreview>, ApiError> {
    let file = read_file(&state, &user, bytes.to_vec()).await?;
    if !file.issues.is_empty() {
        return Err(ApiError::field("file", Msg::ImportHasErrors));
    }
    let counts = state
        .store
        .import_results(user.municipality, &file.rows)
        .await?;
    tracing::info!(
        municipality = user.municipality.0,
        created = counts.created,
        updated = counts.updated,
        "results imported"
    );
    Ok(Json(preview_of(&file, counts)))
}

/// One figure's key: `?school=&year=&grade=&figure=&subject=&sex=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KeyQuery {
    pub school: SchoolId,
    /// "2025/26".
    pub year: String,
    pub grade: u8,
    pub figure: Figure,
    /// The subject's code; empty or left out for a figure not per subject.
    pub subject: Option<String>,
    pub sex: Option<Sex>,
}

impl KeyQuery {
    fn key(self) -> FigureKey {
        FigureKey {
            school: self.school,
            year: self.year,
            grade: self.grade,
            figure: self.figure,
            subject: self.subject.unwrap_or_default().trim().to_owned(),
            sex: self.sex.unwrap_or_default(),
        }
    }
}

/// Whether `school` is one of the caller's municipality's.
async fn own_school(state: &AppState, user: &AuthUser, school: SchoolId) -> Result<bool, ApiError> {
    Ok(state
        .store
        .list_schools(user.municipality)
        .await?
        .iter()
        .any(|s| s.id == school))
}

/// The figure stored under one key, for entering or correcting it by hand.
#[utoipa::path(get, path = "/results/figure", tag = "goals", params(KeyQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The figure stored, or none", body = FigureLookup),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the steering group, an administrator or a head of operations", body = ErrorBody),
        (status = 404, description = "No such school in the caller's municipality", body = ErrorBody),
        (status = 422, description = "A parameter does not read", body = ErrorBody),
    ))]
async fn get_figure(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<ApiQuery<KeyQuery>, ApiError>,
) -> Result<Json<FigureLookup>, ApiError> {
    user.require(may_import_results)?;
    let ApiQuery(q) = query?;
    if !own_school(&state, &user, q.school).await? {
        return Err(ApiError::NotFound);
    }
    let key = q.key();
    Ok(Json(FigureLookup {
        figure: state.store.stored_figure(user.municipality, &key).await?,
    }))
}

/// Enter one figure by hand, or correct one: without `version` a figure not stored
/// yet (409 when there is one), with it the stored figure at that version (409 when
/// it changed meanwhile).
#[utoipa::path(put, path = "/results/figure", tag = "goals", request_body = FigureInput, security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored", body = StoredFigure),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the steering group, an administrator or a head of operations", body = ErrorBody),
        (status = 409, description = "A figure is stored already, or it changed since the version sent", body = ErrorBody),
        (status = 422, description = "A field breaks a rule; the error names it", body = ErrorBody),
    ))]
async fn put_figure(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(mut input): ApiJson<FigureInput>,
) -> Result<Json<StoredFigure>, ApiError> {
    user.require(may_import_results)?;
    input.key.subject = input.key.subject.trim().to_owned();
    let subjects = subjects(&state, &user).await?;
    let codes: Vec<&str> = subjects.iter().map(|(code, _)| code.as_str()).collect();
    if let Some(e) = input.check(&codes).into_iter().next() {
        return Err(ApiError::Validation(e));
    }
    if !own_school(&state, &user, input.key.school).await? {
        return Err(ApiError::field("school", Msg::UnknownSchool));
    }
    let stale = if input.version.is_some() {
        Msg::ResultFigureChanged
    } else {
        Msg::ResultFigureExists
    };
    match state.store.put_figure(user.municipality, &input).await? {
        crate::store::Update::Stale => Err(ApiError::ConflictWith(stale)),
        done => {
            let figure = done.settled()?;
            tracing::info!(
                municipality = user.municipality.0,
                school = figure.key.school.0,
                "result entered by hand"
            );
            Ok(Json(figure))
        }
    }
}

/// Remove one figure entered wrongly, at the version read.
#[utoipa::path(delete, path = "/results/figure", tag = "goals", params(KeyQuery, VersionQuery), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the steering group, an administrator or a head of operations", body = ErrorBody),
        (status = 404, description = "No such figure in the caller's municipality", body = ErrorBody),
        (status = 409, description = "It changed since the version sent", body = ErrorBody),
        (status = 422, description = "A parameter does not read", body = ErrorBody),
    ))]
async fn delete_figure(
    State(state): State<AppState>,
    user: AuthUser,
    query: Result<ApiQuery<KeyQuery>, ApiError>,
    version: Result<ApiQuery<VersionQuery>, ApiError>,
) -> Result<axum::http::StatusCode, ApiError> {
    user.require(may_import_results)?;
    let (ApiQuery(q), ApiQuery(v)) = (query?, version?);
    let key = q.key();
    state
        .store
        .delete_figure(user.municipality, &key, v.version)
        .await?
        .settled()?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
