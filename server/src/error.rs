//! The one error type of the API and its JSON rendering in the caller's language; how
//! a store change's outcome becomes the reply ([`Update::settled`]).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kollegium_shared::error::{ErrorBody, ErrorCode};
use kollegium_shared::i18n::{Lang, Msg};
use kollegium_shared::validation::{FieldError, Validate};

use crate::store::Update;

tokio::task_local! {
    /// The language of the request being served, set by [`crate::lang_scope`].
    pub static REQUEST_LANG: Lang;
}

/// Everything an API handler can answer with instead of success.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request cannot be read.
    #[error("bad request: {0:?}")]
    BadRequest(Msg),
    /// 400: a field of the body has the wrong type or is missing.
    #[error("bad field {0}: {1:?}")]
    BadField(String, Msg),
    /// 400: a path parameter does not read (e.g. an id that is not a number).
    #[error("bad path parameter {0}")]
    BadPath(String),
    /// 422: a query parameter is missing or does not read.
    #[error("bad query parameter {0}: {1:?}")]
    BadParameter(String, Msg),
    /// 422: a field breaks a rule.
    #[error("invalid field {}: {:?}", .0.field, .0.msg)]
    Validation(FieldError),
    /// 401.
    #[error("unauthorized")]
    Unauthorized(Msg),
    /// 403.
    #[error("forbidden")]
    Forbidden,
    /// 403 until a person signed in with a one-time password has chosen their own.
    #[error("must change password")]
    MustChangePassword,
    /// 404, also for objects of another municipality.
    #[error("not found")]
    NotFound,
    /// 409: the object changed since the caller read it.
    #[error("conflict")]
    Conflict,
    /// 409 with a message of its own (e.g. the input of a preview changed).
    #[error("conflict: {0:?}")]
    ConflictWith(Msg),
    /// 405: the path exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 408: the body stopped arriving.
    #[error("request timeout")]
    RequestTimeout,
    /// 413.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 413 about one field, with a message of its own (an uploaded file over the limit).
    #[error("too large: {0}")]
    TooLarge(&'static str, Msg),
    /// 415.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 429, with the seconds until a new attempt may succeed.
    #[error("rate limited for {0} s")]
    RateLimited(u64),
    /// 503: the database does not answer.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// 500: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// A validation error on `field`.
    pub fn field(field: &'static str, msg: Msg) -> ApiError {
        ApiError::Validation(FieldError::new(field, msg))
    }

    fn parts(&self) -> (StatusCode, ErrorCode, Msg, Option<&str>) {
        match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest, *m, None),
            ApiError::BadField(field, m) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                *m,
                Some(field.as_str()),
            ),
            ApiError::BadPath(name) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                Msg::PathInvalid,
                Some(name.as_str()),
            ),
            ApiError::BadParameter(name, m) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                *m,
                Some(name.as_str()),
            ),
            ApiError::MustChangePassword => (
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                Msg::MustChangePassword,
                Some("new_password"),
            ),
            ApiError::Validation(e) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                e.msg,
                Some(e.field),
            ),
            ApiError::Unauthorized(m) => {
                (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, *m, None)
            }
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                Msg::Forbidden,
                None,
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                Msg::NotFound,
                None,
            ),
            ApiError::ConflictWith(m) => (StatusCode::CONFLICT, ErrorCode::Conflict, *m, None),
            ApiError::Conflict => (
                StatusCode::CONFLICT,
                ErrorCode::Conflict,
                Msg::Conflict,
                None,
            ),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ErrorCode::MethodNotAllowed,
                Msg::MethodNotAllowed,
                None,
            ),
            ApiError::RequestTimeout => (
                StatusCode::REQUEST_TIMEOUT,
                ErrorCode::RequestTimeout,
                Msg::RequestTimeout,
                None,
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                Msg::PayloadTooLarge,
                None,
            ),
            ApiError::TooLarge(field, m) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                *m,
                Some(*field),
            ),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                Msg::UnsupportedMediaType,
                None,
            ),
            ApiError::RateLimited(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                Msg::RateLimited,
                None,
            ),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Unavailable,
                Msg::Unavailable,
                None,
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                Msg::Internal,
                None,
            ),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        ApiError::Internal(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            ApiError::Unavailable(why) => tracing::warn!(%why, "dependency unavailable"),
            _ => {}
        }
        let (status, code, msg, field) = self.parts();
        let lang = REQUEST_LANG.try_with(|l| *l).unwrap_or_default();
        let mut response =
            (status, axum::Json(ErrorBody::new(code, msg, field, lang))).into_response();
        match self {
            ApiError::RateLimited(secs) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
            }
            // RFC 9110: a 401 names the scheme that would do.
            ApiError::Unauthorized(_) => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            // A request timed out reading its body: the connection cannot go on.
            ApiError::RequestTimeout => {
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            _ => {}
        }
        response
    }
}

/// Runs the shared validation rules; the first broken rule becomes a 422.
pub fn validate(input: &impl Validate) -> Result<(), ApiError> {
    match input.validate().into_iter().next() {
        Some(e) => Err(ApiError::Validation(e)),
        None => Ok(()),
    }
}

/// The answer for an API path that does not exist.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound
}

/// The answer to a method the path does not have (axum adds `Allow`).
pub async fn api_method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

impl<T> Update<T> {
    /// A versioned change's outcome as the reply's: the value when done, 404 when the
    /// object is not the caller's municipality's, 409 when it changed since the version
    /// the caller read. Every versioned write of the API ends in this.
    pub fn settled(self) -> Result<T, ApiError> {
        match self {
            Update::Done(t) => Ok(t),
            Update::NotFound => Err(ApiError::NotFound),
            Update::Stale => Err(ApiError::Conflict),
        }
    }
}
