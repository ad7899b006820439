//! Files of library items. An upload is the file itself as the request body, streamed
//! to disk chunk by chunk (never held in memory), counted against the size limit as it
//! arrives, and kept only when its first bytes show an accepted type (the name is not
//! trusted). It is stored under the data directory by a random name the server makes;
//! the uploader's name is kept for showing only.
//!
//! Reading a file goes through a link signed for the reader's municipality that expires
//! (so players and viewers, which cannot send the sign-in header, can fetch it), with
//! range requests for video.

use std::path::{Path as FsPath, PathBuf};

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{FileId, ItemId, MunicipalityId, PersonId};
use kollegium_shared::library::ItemFile;
use kollegium_shared::library::access::may_edit;
use kollegium_shared::library::sniff::{SNIFF_BYTES, display_name, sniff};
use serde::Deserialize;
use tokio::io::AsyncWriteExt;
use tower::ServiceExt;
use tower_http::services::ServeFile;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::visible_item;
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery, AuthUser};
use crate::state::{AppState, FileSettings};
use crate::store::library::NewFile;

/// How long a signed file link works.
const LINK_SECONDS: i64 = 6 * 3600;

/// The routes for files.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_file))
        .routes(routes!(read_file, delete_file))
}

/// The link a reader fetches a file by.
pub fn signed_url(
    state: &AppState,
    m: MunicipalityId,
    id: FileId,
    now: i64,
) -> Result<String, ApiError> {
    let key = state.auth.keys.file_link(id.0, m, now + LINK_SECONDS)?;
    Ok(format!("/api/v1/library/files/{}?key={key}", id.0))
}

/// The upload's name.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct UploadQuery {
    /// The file's name as the uploader had it (shown and offered on download only).
    name: String,
}

/// Removes a half-written upload unless it was kept.
struct PartFile {
    path: PathBuf,
    kept: bool,
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A fresh random name for a stored file.
fn storage_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn municipality_dir(settings: &FileSettings, m: MunicipalityId) -> PathBuf {
    settings.dir.join(format!("m{}", m.0))
}

/// Where a stored file lies: its key is checked to be one the server made, so no stored
/// value can point outside the directory.
fn stored_path(settings: &FileSettings, m: MunicipalityId, key: &str) -> Result<PathBuf, ApiError> {
    if key.len() != 32 || !key.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    Ok(municipality_dir(settings, m).join(key))
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
    let settings = &state.files;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > settings.max_bytes) {
        return Err(ApiError::TooLarge("file", Msg::FileTooLarge));
    }
    let dir = municipality_dir(settings, user.municipality);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(anyhow::Error::from)?;
    let key = storage_key();
    let mut part = PartFile {
        path: dir.join(format!("{key}.part")),
        kept: false,
    };
    let mut file = tokio::fs::File::create(&part.path)
        .await
        .map_err(anyhow::Error::from)?;
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut file_type = None;
    let mut size: u64 = 0;
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            if crate::extract::timed_out(&e) {
                ApiError::RequestTimeout
            } else {
                ApiError::BadRequest(Msg::UploadBroken)
            }
        })?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        size += data.len() as u64;
        if size > settings.max_bytes {
            return Err(ApiError::TooLarge("file", Msg::FileTooLarge));
        }
        if file_type.is_none() && head.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - head.len()).min(data.len());
            head.extend_from_slice(&data[..take]);
            if head.len() >= SNIFF_BYTES {
                file_type =
                    Some(sniff(&head).ok_or(ApiError::field("file", Msg::FileTypeRefused))?);
            }
        }
        file.write_all(&data).await.map_err(anyhow::Error::from)?;
    }
    let file_type = match file_type {
        Some(t) => t,
        None => sniff(&head).ok_or(ApiError::field("file", Msg::FileTypeRefused))?,
    };
    file.flush().await.map_err(anyhow::Error::from)?;
    file.sync_all().await.map_err(anyhow::Error::from)?;
    drop(file);
    let path = dir.join(&key);
    tokio::fs::rename(&part.path, &path)
        .await
        .map_err(anyhow::Error::from)?;
    part.path = path;
    let name = display_name(&query.name);
    let size = i64::try_from(size).unwrap_or(i64::MAX);
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
                storage_key: &key,
            },
        )
        .await?;
    part.kept = true;
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

/// The signed key of a file link.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct KeyQuery {
    /// The signature from the item's file list.
    key: String,
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
    // A link without its key is no link.
    let ApiQuery(query) = query.map_err(|_| ApiError::NotFound)?;
    let (file_id, m) = state
        .auth
        .keys
        .verify_file_link(&query.key)
        .ok_or(ApiError::NotFound)?;
    if file_id != id.0 {
        return Err(ApiError::NotFound);
    }
    let stored = state
        .store
        .library_file(m, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let path = stored_path(&state.files, m, &stored.storage_key)?;
    serve(&path, request, &stored.file).await
}

async fn serve(path: &FsPath, request: Request, file: &ItemFile) -> Result<Response, ApiError> {
    let response = ServeFile::new(path)
        .oneshot(request)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("reading a stored file: {e}")))?;
    if response.status() == StatusCode::NOT_FOUND {
        return Err(ApiError::NotFound);
    }
    let mut response = response.map(Body::new).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.file_type.media_type()),
    );
    let disposition = if file.file_type.inline() {
        "inline"
    } else {
        "attachment"
    };
    let ascii: String = file
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file
        .name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // Byte ranges refer to the file as stored: keep compression away.
    h.insert(
        header::CONTENT_ENCODING,
        HeaderValue::from_static("identity"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'",
        ),
    );
    Ok(response)
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
        let path = stored_path(&state.files, user.municipality, &key)?;
        if let Err(e) = tokio::fs::remove_file(&path).await {
            tracing::warn!(file = id.0, error = %e, "a removed file was not on disk");
        }
    }
    Ok(StatusCode::NO_CONTENT)
}
