//! Stored files, for any domain that keeps them (library items, process log entries).
//! An upload is the file itself as the request body, streamed to disk chunk by chunk
//! (never held in memory), counted against the size limit as it arrives, and kept only
//! when its first bytes show an accepted type (the name is not trusted). It is stored
//! under the data directory by a random name the server makes; the uploader's name is
//! kept for showing only.
//!
//! Reading goes through a link signed for one kind of file, one file and its
//! municipality, that expires (so players and viewers, which cannot send the sign-in
//! header, can fetch it); range requests are answered for video.

use std::path::{Path as FsPath, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::MunicipalityId;
use kollegium_shared::library::FileType;
use kollegium_shared::library::sniff::{SNIFF_BYTES, display_name, sniff};
use tokio::io::AsyncWriteExt;
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::security::token::FileLink;
use crate::state::{AppState, FileSettings};

/// How long a signed file link works.
pub const LINK_SECONDS: i64 = 6 * 3600;

/// The path and query a reader fetches a file by: `base` is the file's address under
/// `/api/v1` without the id (`/library/files`).
pub fn signed_url(
    state: &AppState,
    base: &str,
    link: FileLink,
    m: MunicipalityId,
    now: i64,
) -> Result<String, ApiError> {
    let key = state.auth.keys.file_link(link, m, now + LINK_SECONDS)?;
    Ok(format!("/api/v1{base}/{}?key={key}", link.id()))
}

/// An upload's name.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name as the uploader had it (shown and offered on download only).
    pub name: String,
}

/// The signed key of a file link.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KeyQuery {
    /// The signature from the file's list or page.
    pub key: String,
}

/// The file and municipality a request's link is signed for: a missing, wrong or
/// expired link is no link (404).
pub fn verified_link(
    state: &AppState,
    query: Result<ApiQuery<KeyQuery>, ApiError>,
) -> Result<(FileLink, MunicipalityId), ApiError> {
    let ApiQuery(query) = query.map_err(|_| ApiError::NotFound)?;
    state
        .auth
        .keys
        .verify_file_link(&query.key)
        .ok_or(ApiError::NotFound)
}

/// An upload on disk under its final name, not yet recorded: removed again when
/// dropped before [`Received::keep`] (a failed record leaves no file behind).
pub struct Received {
    path: PathBuf,
    kept: bool,
    /// The random name it is stored under.
    pub key: String,
    pub file_type: FileType,
    pub size: i64,
    /// The uploader's name for it, made safe to show.
    pub name: String,
}

impl Received {
    /// The file is recorded: keep it.
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Received {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Removes a half-written upload unless it was renamed into place.
struct PartFile(Option<PathBuf>);

impl Drop for PartFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
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
pub fn stored_path(
    settings: &FileSettings,
    m: MunicipalityId,
    key: &str,
) -> Result<PathBuf, ApiError> {
    if key.len() != 32 || !key.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    Ok(municipality_dir(settings, m).join(key))
}

/// Streams an upload's `body` to disk for municipality `m`: refused (413) past the
/// size limit, and (422, field `file`) unless its first bytes show an accepted type.
/// `name` is what the uploader called it.
pub async fn receive(
    settings: &FileSettings,
    m: MunicipalityId,
    name: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<Received, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > settings.max_bytes) {
        return Err(ApiError::TooLarge("file", Msg::FileTooLarge));
    }
    let dir = municipality_dir(settings, m);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(anyhow::Error::from)?;
    let key = storage_key();
    let part_path = dir.join(format!("{key}.part"));
    let mut part = PartFile(Some(part_path.clone()));
    let mut file = tokio::fs::File::create(&part_path)
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
    tokio::fs::rename(&part_path, &path)
        .await
        .map_err(anyhow::Error::from)?;
    part.0 = None;
    Ok(Received {
        path,
        kept: false,
        key,
        file_type,
        size: i64::try_from(size).unwrap_or(i64::MAX),
        name: display_name(name),
    })
}

/// Removes a stored file from disk (its record is gone already).
pub async fn remove(settings: &FileSettings, m: MunicipalityId, key: &str, what: &str) {
    let Ok(path) = stored_path(settings, m, key) else {
        return;
    };
    if let Err(e) = tokio::fs::remove_file(&path).await {
        tracing::warn!(file = what, error = %e, "a removed file was not on disk");
    }
}

/// Answers `request` with the stored file at `key`, served as `file_type` and offered
/// as `name`: shown in the page when the browser can, downloaded otherwise.
pub async fn serve(
    settings: &FileSettings,
    m: MunicipalityId,
    key: &str,
    request: Request,
    name: &str,
    file_type: FileType,
) -> Result<Response, ApiError> {
    let path: PathBuf = stored_path(settings, m, key)?;
    serve_path(&path, request, name, file_type).await
}

async fn serve_path(
    path: &FsPath,
    request: Request,
    name: &str,
    file_type: FileType,
) -> Result<Response, ApiError> {
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
        HeaderValue::from_static(file_type.media_type()),
    );
    let disposition = if file_type.inline() {
        "inline"
    } else {
        "attachment"
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
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
