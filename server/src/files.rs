//! Stored files, for any domain that keeps them (library items, process log entries).
//! They live in an object store ([`open`]): a local directory, or an S3-compatible
//! bucket that several servers share. An upload is the file itself as the request
//! body, streamed into the store in parts (never held whole in memory), counted against
//! the size limit as it arrives, and kept only when its first bytes show an accepted
//! type (the name is not trusted). It is stored under a random name the server makes;
//! the uploader's name is kept for showing only.
//!
//! Reading goes through a link signed for one kind of file, one file and its
//! municipality, that expires (so players and viewers, which cannot send the sign-in
//! header, can fetch it); range requests are answered for video.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::MunicipalityId;
use kollegium_shared::library::FileType;
use kollegium_shared::library::sniff::{SNIFF_BYTES, display_name, sniff};
use object_store::buffered::BufWriter;
use object_store::path::Path as StorePath;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt};
use tokio::io::AsyncWriteExt;

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

/// Opens where files are kept, accepting files up to `max_bytes`: `spec` is a
/// directory (made when missing), or an object store's address such as
/// `s3://bucket/prefix`, read with `options` named as `object_store` names them
/// (`aws_endpoint`, `aws_access_key_id`, `aws_region`, …; unknown names are passed by).
pub fn open(
    spec: &str,
    options: impl IntoIterator<Item = (String, String)>,
    max_bytes: u64,
) -> anyhow::Result<FileSettings> {
    let (store, prefix): (Arc<dyn ObjectStore>, StorePath) = if spec.contains("://") {
        // The store's HTTPS client takes ring as its TLS provider (once per process).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let url = url::Url::parse(spec)
            .map_err(|e| anyhow::anyhow!("the file store's address {spec:?}: {e}"))?;
        let (store, prefix) = object_store::parse_url_opts(&url, options)?;
        (Arc::from(store), prefix)
    } else {
        std::fs::create_dir_all(spec)
            .map_err(|e| anyhow::anyhow!("the file directory {spec:?}: {e}"))?;
        // A file is on disk, and in its directory, before its upload is acknowledged.
        let local = object_store::local::LocalFileSystem::new_with_prefix(spec)?.with_fsync(true);
        (Arc::new(local), StorePath::default())
    };
    Ok(FileSettings {
        store,
        prefix,
        max_bytes,
    })
}

/// An upload stored under its final name, not yet recorded: removed again when
/// dropped before [`Received::keep`] (a failed record leaves no file behind).
pub struct Received {
    store: Arc<dyn ObjectStore>,
    location: StorePath,
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
            forget(self.store.clone(), self.location.clone());
        }
    }
}

/// Runs `work` on its own, for a drop that cannot wait (and outside a runtime, not at
/// all).
fn in_background(work: impl Future<Output = ()> + Send + 'static) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(work);
    }
}

/// Removes `location` from the store without waiting for it.
fn forget(store: Arc<dyn ObjectStore>, location: StorePath) {
    in_background(async move {
        if let Err(e) = store.delete(&location).await {
            tracing::warn!(file = %location, error = %e, "an unrecorded upload was not removed");
        }
    });
}

/// An upload under way: abandoned (nothing stored) unless [`Upload::finish`] is
/// reached, also when the request goes away mid-way.
struct Upload(Option<BufWriter>);

impl Upload {
    async fn put(&mut self, data: bytes::Bytes) -> Result<(), ApiError> {
        match &mut self.0 {
            Some(w) => w.put(data).await.map_err(stored_error),
            None => Ok(()),
        }
    }

    async fn finish(mut self) -> Result<(), ApiError> {
        if let Some(mut w) = self.0.take()
            && let Err(e) = w.shutdown().await
        {
            let _ = w.abort().await;
            return Err(ApiError::Internal(anyhow::anyhow!(
                "storing an upload: {e}"
            )));
        }
        Ok(())
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        if let Some(mut w) = self.0.take() {
            in_background(async move {
                let _ = w.abort().await;
            });
        }
    }
}

fn stored_error(e: object_store::Error) -> ApiError {
    ApiError::Internal(anyhow::Error::new(e).context("the file store"))
}

/// How much of an upload is held before it goes to the store in parts (the least part
/// S3 accepts), and how many parts may be on their way at once: an upload holds at
/// most about 15 MB; smaller files are stored in one piece.
const PART_BYTES: usize = 5 * 1024 * 1024;
const PARTS_AT_ONCE: usize = 2;

/// A fresh random name for a stored file.
fn storage_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a stored file lies in the store: `m{municipality}/{key}`, its key checked to
/// be one the server made, so no stored value can point elsewhere.
fn stored_at(settings: &FileSettings, m: MunicipalityId, key: &str) -> Result<StorePath, ApiError> {
    if key.len() != 32 || !key.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound);
    }
    Ok(settings.prefix.clone().join(format!("m{}", m.0)).join(key))
}

/// Streams an upload's `body` to the store for municipality `m`: refused (413) past
/// the size limit, and (422, field `file`) unless its first bytes show an accepted
/// type. `name` is what the uploader called it.
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
    let key = storage_key();
    let location = stored_at(settings, m, &key)?;
    let writer = BufWriter::with_capacity(settings.store.clone(), location.clone(), PART_BYTES)
        .with_max_concurrency(PARTS_AT_ONCE);
    let mut upload = Upload(Some(writer));
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
        upload.put(data).await?;
    }
    let file_type = match file_type {
        Some(t) => t,
        None => sniff(&head).ok_or(ApiError::field("file", Msg::FileTypeRefused))?,
    };
    upload.finish().await?;
    Ok(Received {
        store: settings.store.clone(),
        location,
        kept: false,
        key,
        file_type,
        size: i64::try_from(size).unwrap_or(i64::MAX),
        name: display_name(name),
    })
}

/// Removes a stored file from the store (its record is gone already).
pub async fn remove(settings: &FileSettings, m: MunicipalityId, key: &str, what: &str) {
    let Ok(location) = stored_at(settings, m, key) else {
        return;
    };
    if let Err(e) = settings.store.delete(&location).await {
        tracing::warn!(file = what, error = %e, "a removed file was not in the store");
    }
}

/// Answers `request` with the stored file at `key`, served as `file_type` and offered
/// as `name`: shown in the page when the browser can, downloaded otherwise. A single
/// byte range is answered with that range (players seek in video so).
pub async fn serve(
    settings: &FileSettings,
    m: MunicipalityId,
    key: &str,
    request: Request,
    name: &str,
    file_type: FileType,
) -> Result<Response, ApiError> {
    let location = stored_at(settings, m, key)?;
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(byte_range);
    let options = GetOptions {
        range: range.clone(),
        ..Default::default()
    };
    let found = match settings.store.get_opts(&location, options).await {
        Ok(found) => found,
        Err(object_store::Error::NotFound { .. }) => return Err(ApiError::NotFound),
        // A range that starts past the end: say how long the file is. Any other
        // failure stays the store's.
        Err(e) if range.is_some() => {
            let meta = match settings.store.head(&location).await {
                Ok(meta) => meta,
                Err(object_store::Error::NotFound { .. }) => return Err(ApiError::NotFound),
                Err(_) => return Err(stored_error(e)),
            };
            let past_end = match &range {
                Some(GetRange::Bounded(r)) => r.start >= meta.size,
                Some(GetRange::Offset(start)) => *start >= meta.size,
                _ => false,
            };
            if !past_end {
                return Err(stored_error(e));
            }
            let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{}", meta.size)) {
                response.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return Ok(response);
        }
        Err(e) => return Err(stored_error(e)),
    };
    let (total, served) = (found.meta.size, found.range.clone());
    let mut response = Body::from_stream(found.into_stream()).into_response();
    let h = response.headers_mut();
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(served.end - served.start),
    );
    if range.is_some() {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        if let Ok(v) = HeaderValue::from_str(&format!(
            "bytes {}-{}/{total}",
            served.start,
            served.end.saturating_sub(1)
        )) {
            response.headers_mut().insert(header::CONTENT_RANGE, v);
        }
    }
    Ok(with_file_headers(response, name, file_type))
}

/// The one byte range of a `Range` header (`bytes=a-b`, `bytes=a-`, `bytes=-n`); none
/// for anything else, which is answered with the whole file as HTTP allows.
fn byte_range(header: &str) -> Option<GetRange> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    match (first.is_empty(), last.is_empty()) {
        (true, false) => match last.parse::<u64>().ok()? {
            0 => None,
            n => Some(GetRange::Suffix(n)),
        },
        (false, true) => Some(GetRange::Offset(first.parse().ok()?)),
        (false, false) => {
            let (a, b) = (first.parse::<u64>().ok()?, last.parse::<u64>().ok()?);
            if a > b {
                return None;
            }
            Some(GetRange::Bounded(a..b.checked_add(1)?))
        }
        (true, true) => None,
    }
}

/// The type, name, encoding and policy headers of a stored file's answer.
fn with_file_headers(mut response: Response, name: &str, file_type: FileType) -> Response {
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
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_byte_range_is_read_and_anything_else_is_the_whole_file() {
        let bounded = |a: u64, b: u64| Some(GetRange::Bounded(a..b));
        assert_eq!(byte_range("bytes=0-4"), bounded(0, 5));
        assert_eq!(byte_range(" bytes=7-7 "), bounded(7, 8));
        assert_eq!(byte_range("bytes=100-"), Some(GetRange::Offset(100)));
        assert_eq!(byte_range("bytes=-500"), Some(GetRange::Suffix(500)));
        // Several ranges, a reversed or empty one, another unit, nonsense: the whole.
        for whole in [
            "bytes=0-1,4-5",
            "bytes=5-4",
            "bytes=-0",
            "bytes=-",
            "items=0-4",
            "bytes=a-b",
            "bytes=0-18446744073709551615",
            "",
        ] {
            assert_eq!(byte_range(whole), None, "{whole:?}");
        }
    }
}
