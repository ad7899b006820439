//! Files of library items: uploaded, read by a signed link and removed through
//! [`crate::files`], which streams and serves them.

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::ids::{FileId, ItemId, MunicipalityId, PersonId};
use kollegium_shared::library::ItemFile;
use kollegium_shared::library::access::may_edit;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::visible_item;
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery, AuthUser};
use crate::files::{KeyQuery, UploadQuery};
use crate::security::token::FileLink;
use crate::state::AppState;
use crate::store::library::NewFile;

/// The routes for files.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_file))
        .routes(routes!(read_file, delete_file))
}

/// The link a reader fetches a library file by.
pub fn signed_url(
    state: &AppState,
    m: MunicipalityId,
    id: FileId,
    now: i64,
) -> Result<String, ApiError> {
    crate::files::signed_url(state, "/library/files", FileLink::Library(id.0), m, now)
}

/// Upload a file to an item. The body is the file; `name` is its name. PDF, images
/// (PNG, JPEG, GIF, WebP), office documents and MP4/WebM video, told by content.
#[utoipa::path(post, path = "/library/items/{id}/files", tag = "library",
    params(("id" = i64, Path, description = "The item's id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = ItemFile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed to change the item", body = ErrorBody),
        (status = 404, description = "No such item the caller may see", body = ErrorBody),
        (status = 413, description = "Larger than the limit (`KOLLEGIUM_UPLOAD_MAX_BYTES`)", body = ErrorBody),
        (status = 422, description = "Not a type the library accepts", body = ErrorBody),
    ))]
async fn upload_file(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<ItemId>,
    query: Result<ApiQuery<UploadQuery>, ApiError>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<ItemFile>), ApiError> {
    let row = visible_item(&state, &user, id).await?;
    if !may_edit(
        &user.roles,
        user.person,
        PersonId(row.author_id),
        row.status(),
    ) {
        return Err(ApiError::Forbidden);
    }
    let ApiQuery(query) = query?;
    let received =
        crate::files::receive(&state.files, user.municipality, &query.name, &headers, body).await?;
    let (name, file_type, size) = (received.name.clone(), received.file_type, received.size);
    let id = state
        .store
        .add_library_file(
            user.municipality,
            ItemId(row.id),
            user.person,
            &NewFile {
                name: &name,
                file_type,
                size,
                storage_key: &received.key,
            },
        )
        .await?;
    received.keep();
    tracing::info!(
        item = row.id,
        file = id.0,
        size,
        by = user.person.0,
        "library file uploaded"
    );
    let url = signed_url(
        &state,
        user.municipality,
        id,
        chrono::Utc::now().timestamp(),
    )?;
    Ok((
        StatusCode::CREATED,
        Json(ItemFile {
            id,
            name,
            file_type,
            size,
            url,
        }),
    ))
}

/// Fetch a file by its signed link (no sign-in header needed; the link expires). Range
/// requests are answered, so video plays and seeks.
#[utoipa::path(get, path = "/library/files/{id}", tag = "library",
    params(("id" = i64, Path, description = "The file's id"), KeyQuery),
    responses(
        (status = 200, description = "The file"),
        (status = 206, description = "Part of the file"),
        (status = 404, description = "No such file, or the link is wrong or expired", body = ErrorBody),
    ))]
async fn read_file(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<FileId>,
    query: Result<ApiQuery<KeyQuery>, ApiError>,
    request: Request,
) -> Result<Response, ApiError> {
    let (link, m) = crate::files::verified_link(&state, query)?;
    if link != FileLink::Library(id.0) {
        return Err(ApiError::NotFound);
    }
    let stored = state
        .store
        .library_file(m, id)
        .await?
        .ok_or(ApiError::NotFound)?;
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

/// Remove a file from an item (whoever may change the item).
#[utoipa::path(delete, path = "/library/files/{id}", tag = "library",
    params(("id" = i64, Path, description = "The file's id")), security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not allowed to change the item", body = ErrorBody),
        (status = 404, description = "No such file in the caller's municipality", body = ErrorBody),
    ))]
async fn delete_file(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<FileId>,
) -> Result<StatusCode, ApiError> {
    let stored = state
        .store
        .library_file(user.municipality, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let row = visible_item(&state, &user, stored.item).await?;
    if !may_edit(
        &user.roles,
        user.person,
        PersonId(row.author_id),
        row.status(),
    ) {
        return Err(ApiError::Forbidden);
    }
    if let Some(key) = state
        .store
        .delete_library_file(user.municipality, id)
        .await?
    {
        crate::files::remove(&state.files, user.municipality, &key, &id.0.to_string()).await;
    }
    Ok(StatusCode::NO_CONTENT)
}
