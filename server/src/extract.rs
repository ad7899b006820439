//! The extractors every handler takes: the signed-in caller ([`AuthUser`]), and JSON
//! bodies, query strings and path parameters whose every rejection is answered with the
//! API's error body, naming the field or parameter. Also [`VersionQuery`], the
//! `?version=` a removal is based on.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, RawPathParams, Request};
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{MunicipalityId, PersonId};
use kollegium_shared::org::Role;
use kollegium_shared::text::check_text;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

/// The signed-in caller, checked against the store on every request (a deactivated
/// person's token stops working at once). Extracted once per request: later extractions
/// of the same request reuse it.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub person: PersonId,
    pub municipality: MunicipalityId,
    pub roles: Vec<Role>,
    /// The session generation the caller signed in in.
    pub generation: i64,
}

impl AuthUser {
    /// 403 unless `rule` (one of the `access` functions of `shared`) allows the
    /// caller's roles.
    pub fn require(&self, rule: fn(&[Role]) -> bool) -> Result<(), ApiError> {
        if rule(&self.roles) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// Whether `rule` allows the caller's roles.
    pub fn may(&self, rule: fn(&[Role]) -> bool) -> bool {
        rule(&self.roles)
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<AuthUser>() {
            return Ok(user.clone());
        }
        let unauthenticated = || ApiError::Unauthorized(Msg::Unauthenticated);
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(unauthenticated)?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .ok_or_else(unauthenticated)?;
        let (subject, generation) = state
            .auth
            .keys
            .verify(token.trim())
            .ok_or_else(unauthenticated)?;
        let person = state
            .store
            .session_person(subject.municipality, subject.person)
            .await?
            .ok_or_else(unauthenticated)?;
        // Signed in before the password was last changed or reset: that session ended.
        if person.session_generation != generation {
            return Err(unauthenticated());
        }
        let user = AuthUser {
            person: subject.person,
            municipality: subject.municipality,
            roles: person.roles,
            generation,
        };
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

/// A JSON body whose every rejection (malformed, wrong type, missing field, too large,
/// not JSON) is answered with the API's error shape, naming the field where serde
/// tells which.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime::Mime>().ok())
            .is_some_and(|m| {
                m.type_() == "application"
                    && (m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"))
            });
        if !json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let limit = req.extensions().get::<BodyLimit>().map(|l| l.0);
        let bytes = read_body(req, state, limit).await?;
        // Every text of the body by the one rule of what a person may send, before
        // its shape: a refused character is named wherever it is.
        if let Ok(tree) = serde_json::from_slice::<serde_json::Value>(&bytes)
            && let Some((field, msg)) = refused_text(&tree, "")
        {
            return Err(ApiError::BadParameter(field, msg));
        }
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

/// The first text of a JSON value that breaks `text::check_text`, with its path
/// (`fields[2].text`) and why.
fn refused_text(value: &serde_json::Value, path: &str) -> Option<(String, Msg)> {
    use serde_json::Value;
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::String(s) => check_text(s, true).err().map(|msg| {
            (
                if path.is_empty() {
                    "body".to_owned()
                } else {
                    path.to_owned()
                },
                msg,
            )
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| refused_text(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| match check_text(k, false) {
            Err(msg) => Some((join("key"), msg)),
            Ok(()) => refused_text(v, &join(k)),
        }),
        _ => None,
    }
}

impl<T> IntoResponse for ApiJson<T>
where
    axum::Json<T>: IntoResponse,
{
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

fn json_rejection(rejection: &JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::JsonDataError(e) => {
            let text = e.body_text();
            let msg = if text.contains("missing field") {
                Msg::MissingJsonField
            } else {
                Msg::WrongJsonType
            };
            // No path: the body itself is of the wrong type (an array for an object).
            let field = serde_field(&text).unwrap_or_else(|| "body".to_owned());
            ApiError::BadField(field, msg)
        }
        JsonRejection::JsonSyntaxError(_) => ApiError::BadRequest(Msg::MalformedJson),
        JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
        _ => ApiError::BadRequest(Msg::MalformedJson),
    }
}

/// The field a serde error of axum's is about: its path before `: ` (as
/// `serde_path_to_error` writes it, e.g. `fields[2].text: invalid type …`), or the name
/// in "missing field `x`" (joined to the path of the object it is missing from).
fn serde_field(text: &str) -> Option<String> {
    let detail = text.split_once("target type: ").map_or(text, |(_, d)| d);
    let detail = detail
        .split_once("query string: ")
        .map_or(detail, |(_, d)| d);
    let (path, message) = match detail.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (p, m),
        _ => (".", detail),
    };
    let missing = message
        .split_once("missing field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(name, _)| name);
    let path = (path != ".").then_some(path);
    match (path, missing) {
        (Some(p), Some(m)) => Some(format!("{p}.{m}")),
        (Some(p), None) => Some(p.to_owned()),
        (None, Some(m)) => Some(m.to_owned()),
        (None, None) => None,
    }
}

/// A query string read into `T`; a missing or unreadable parameter is a 422 naming it.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // Every value by the one rule of what a person may send, on one line.
        let query = parts.uri.query().unwrap_or_default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            if let Err(msg) = check_text(&value, false).and(check_text(&key, false)) {
                return Err(ApiError::BadParameter(key.into_owned(), msg));
            }
        }
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_rejection(&rejection)),
        }
    }
}

fn query_rejection(rejection: &QueryRejection) -> ApiError {
    let text = rejection.body_text();
    let msg = if text.contains("missing field") {
        Msg::FieldRequired
    } else {
        Msg::ParameterInvalid
    };
    let field = serde_field(&text).unwrap_or_else(|| "query".to_owned());
    ApiError::BadParameter(field, msg)
}

/// Path parameters read into `T` (typed ids from `shared::ids`); one that does not
/// read is a 400 naming it.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Ok(raw) = RawPathParams::from_request_parts(parts, state).await
            && let Some((name, _)) = raw.iter().find(|(_, v)| check_text(v, false).is_err())
        {
            return Err(ApiError::BadPath(name.to_owned()));
        }
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => {
                let names: Vec<String> = match RawPathParams::from_request_parts(parts, state).await
                {
                    Ok(raw) => raw.iter().map(|(k, _)| k.to_owned()).collect(),
                    Err(_) => Vec::new(),
                };
                Err(path_rejection(&rejection, &names))
            }
        }
    }
}

fn path_rejection(rejection: &PathRejection, names: &[String]) -> ApiError {
    use axum::extract::path::ErrorKind;
    let PathRejection::FailedToDeserializePathParams(e) = rejection else {
        return ApiError::Internal(anyhow::anyhow!("path parameters missing: {rejection}"));
    };
    let name = match e.kind() {
        ErrorKind::ParseErrorAtKey { key, .. }
        | ErrorKind::InvalidUtf8InPathParam { key }
        | ErrorKind::DeserializeError { key, .. } => Some(key.clone()),
        ErrorKind::ParseErrorAtIndex { index, .. } => names.get(*index).cloned(),
        ErrorKind::ParseError { .. } => names.first().cloned(),
        _ => None,
    };
    ApiError::BadPath(name.unwrap_or_else(|| "path".to_owned()))
}

/// A request body read whole, as bytes (an uploaded CSV file), with errors in the API's
/// shape.
pub struct FileBody(pub axum::body::Bytes);

/// The largest CSV file an import accepts (a route sets it as its body limit).
pub const IMPORT_MAX_BYTES: usize = 20 * 1024 * 1024;

impl<S: Send + Sync> FromRequest<S> for FileBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Ok(FileBody(
            read_body(req, state, Some(IMPORT_MAX_BYTES)).await?,
        ))
    }
}

/// The body limit of JSON requests, which `app` puts in every API request's extensions
/// so that a body declared larger is refused before it is read.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// Reads a whole body: 413 at once when its declared length is over `limit` (or while
/// reading, when it turns out so), 408 when it stops arriving (the body deadline of
/// `serve`), 400 when the connection breaks.
async fn read_body<S: Send + Sync>(
    req: Request,
    state: &S,
    limit: Option<usize>,
) -> Result<axum::body::Bytes, ApiError> {
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let (Some(declared), Some(limit)) = (declared, limit)
        && declared > limit as u64
    {
        return Err(ApiError::PayloadTooLarge);
    }
    match axum::body::Bytes::from_request(req, state).await {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::PayloadTooLarge),
        Err(e) if timed_out(&e) => Err(ApiError::RequestTimeout),
        Err(_) => Err(ApiError::BadRequest(Msg::MalformedJson)),
    }
}

/// Whether reading a body failed on the body deadline.
pub(crate) fn timed_out(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// The version a removal is based on: `?version=`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The version the caller read; the removal is refused with 409 when it moved on.
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::serde_field;

    #[test]
    fn serde_errors_name_their_field() {
        assert_eq!(
            serde_field(
                "Failed to deserialize the JSON body into the target type: fields[2].text: invalid type: integer `3`, expected a string at line 1 column 30"
            )
            .as_deref(),
            Some("fields[2].text")
        );
        assert_eq!(
            serde_field(
                "Failed to deserialize the JSON body into the target type: missing field `title` at line 1 column 2"
            )
            .as_deref(),
            Some("title")
        );
        assert_eq!(
            serde_field(
                "Failed to deserialize the JSON body into the target type: audience: missing field `groups` at line 1 column 40"
            )
            .as_deref(),
            Some("audience.groups")
        );
        assert_eq!(
            serde_field(
                "Failed to deserialize query string: version: invalid digit found in string"
            )
            .as_deref(),
            Some("version")
        );
        assert_eq!(
            serde_field("Failed to deserialize query string: missing field `version`").as_deref(),
            Some("version")
        );
        assert_eq!(serde_field("expected value at line 1 column 1"), None);
    }
}
