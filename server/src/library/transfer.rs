//! Moving lists in and out of the library: a CSV of links imported after a preview
//! (like the staff import: the same file checked twice, committed only without errors,
//! all rows or none), and the published library exported as CSV (for Excel) or JSON.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::{Lang, Msg};
use kollegium_shared::library::access::curates;
use kollegium_shared::library::import::{self, LibraryImportPreview};
use kollegium_shared::library::{Item, ItemStatus};
use kollegium_shared::org::Subject;
use kollegium_shared::org::import::KnownSubject;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::full_item;
use crate::error::{ApiError, REQUEST_LANG};
use crate::export::{Csv, attachment};
use crate::extract::{AuthUser, FileBody, IMPORT_MAX_BYTES};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    let import = OpenApiRouter::new()
        .routes(routes!(preview_item_import))
        .routes(routes!(commit_item_import))
        .layer(axum::extract::DefaultBodyLimit::max(IMPORT_MAX_BYTES));
    OpenApiRouter::new()
        .routes(routes!(export_csv))
        .routes(routes!(export_json))
        .merge(import)
}

async fn plan(state: &AppState, user: &AuthUser, bytes: &[u8]) -> Result<import::Plan, ApiError> {
    user.require(curates)?;
    let custom: Vec<KnownSubject> = state
        .store
        .custom_subject_names(user.municipality)
        .await?
        .into_iter()
        .map(|(code, name)| KnownSubject { code, name })
        .collect();
    let links = state.store.library_links(user.municipality).await?;
    let bytes = bytes.to_vec();
    tokio::task::spawn_blocking(move || import::plan(&bytes, &custom, &links))
        .await
        .map_err(|e| ApiError::Internal(e.into()))
}

/// Check a CSV of links (titel, länk, beskrivning, typ, ämnen, stadier, taggar) and say
/// what importing it would add (ICT strategist, administrators).
#[utoipa::path(post, path = "/library/import/preview", tag = "library",
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What the import would do, and every error", body = LibraryImportPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a curator", body = ErrorBody),
        (status = 413, description = "The file is too large", body = ErrorBody),
    ))]
async fn preview_item_import(
    State(state): State<AppState>,
    user: AuthUser,
    FileBody(bytes): FileBody,
) -> Result<Json<LibraryImportPreview>, ApiError> {
    let plan = plan(&state, &user, &bytes).await?;
    let lang = REQUEST_LANG.try_with(|l| *l).unwrap_or_default();
    Ok(Json(plan.preview(lang)))
}

/// Import a CSV of links: every new row published in one transaction, or nothing when
/// the file has an error. Links already in the library are left alone.
#[utoipa::path(post, path = "/library/import", tag = "library",
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Imported; what was done", body = LibraryImportPreview),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a curator", body = ErrorBody),
        (status = 413, description = "The file is too large", body = ErrorBody),
        (status = 422, description = "The file has errors; nothing was stored", body = ErrorBody),
    ))]
async fn commit_item_import(
    State(state): State<AppState>,
    user: AuthUser,
    FileBody(bytes): FileBody,
) -> Result<Json<LibraryImportPreview>, ApiError> {
    let plan = plan(&state, &user, &bytes).await?;
    if !plan.issues.is_empty() {
        return Err(ApiError::field("file", Msg::ImportHasErrors));
    }
    let inputs: Vec<_> = plan.create.iter().map(|(_, i)| i.clone()).collect();
    let custom = state.store.custom_subject_names(user.municipality).await?;
    state
        .store
        .insert_library_items(
            user.municipality,
            user.person,
            &inputs,
            ItemStatus::Published,
            &custom,
        )
        .await?;
    tracing::info!(
        municipality = user.municipality.0,
        created = inputs.len(),
        "library imported"
    );
    let lang = REQUEST_LANG.try_with(|l| *l).unwrap_or_default();
    Ok(Json(plan.preview(lang)))
}

/// The published library as CSV for Excel (UTF-8 with BOM, semicolons), in the import's
/// columns and more, so an export imports again (ICT strategist, administrators).
#[utoipa::path(get, path = "/library/export.csv", tag = "library", security(("bearer" = [])),
    responses(
        (status = 200, description = "The library as CSV", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a curator", body = ErrorBody),
    ))]
async fn export_csv(State(state): State<AppState>, user: AuthUser) -> Result<Response, ApiError> {
    user.require(curates)?;
    let rows = state.store.library_export(user.municipality).await?;
    let custom = state.store.custom_subject_names(user.municipality).await?;
    let mut csv = Csv::new(&[
        "titel",
        "länk",
        "beskrivning",
        "typ",
        "ämnen",
        "stadier",
        "taggar",
        "teman",
        "källa",
        "år",
    ]);
    for r in &rows {
        let tags = r.tags();
        let subjects: Vec<String> = tags
            .subjects
            .iter()
            .map(|s| {
                Subject::by_code(s)
                    .map(|s| s.sv.to_owned())
                    .or_else(|| custom.get(s).cloned())
                    .unwrap_or_else(|| s.clone())
            })
            .collect();
        let stages: Vec<&str> = tags.stages.iter().map(|s| s.label(Lang::Sv)).collect();
        let year = r.year().map(|y| y.to_string()).unwrap_or_default();
        let fields = [
            r.title.as_str(),
            r.url.as_deref().unwrap_or(""),
            r.summary.as_str(),
            r.kind().label(Lang::Sv),
            &subjects.join(", "),
            &stages.join(", "),
            &tags.keywords.join(", "),
            &tags.themes.join(", "),
            r.source.as_str(),
            &year,
        ];
        csv.row(&fields);
    }
    Ok(csv.into_response("bibliotek.csv"))
}

/// The published library as JSON: every item in full (ICT strategist, administrators).
#[utoipa::path(get, path = "/library/export.json", tag = "library", security(("bearer" = [])),
    responses(
        (status = 200, description = "Every published item", body = Vec<Item>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a curator", body = ErrorBody),
    ))]
async fn export_json(State(state): State<AppState>, user: AuthUser) -> Result<Response, ApiError> {
    user.require(curates)?;
    let rows = state.store.library_export(user.municipality).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        items.push(full_item(&state, &user, r).await?);
    }
    Ok(attachment(
        "application/json",
        "bibliotek.json",
        Json(items),
    ))
}
