//! The one JSON shape of every API error:
//! `{"error":{"code":"validation","message":"…","field":"email"}}`.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};

/// What kind of error a response carries; stable for clients to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the request could not be read (malformed JSON, wrong type).
    BadRequest,
    /// 422: a field's value breaks a rule; `field` names it.
    Validation,
    /// 401: no valid sign-in.
    Unauthorized,
    /// 403: signed in, but the role does not allow it.
    Forbidden,
    /// 404: no such object in the caller's municipality.
    NotFound,
    /// 405: the address exists, the method does not; `Allow` lists those that do.
    MethodNotAllowed,
    /// 408: the body did not arrive in time.
    RequestTimeout,
    /// 409: the object changed since the caller read it.
    Conflict,
    /// 413: the body is too large.
    PayloadTooLarge,
    /// 415: the body is not JSON.
    UnsupportedMediaType,
    /// 429: too many attempts; see `Retry-After`.
    RateLimited,
    /// 500: a fault on the server; details are in its log, never in the response.
    Internal,
    /// 503: a dependency (the database) does not answer.
    Unavailable,
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong, in words for people and a code for programs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// A sentence for the user, in the language the request asked for (Swedish by default).
    pub message: String,
    /// The request field the error is about, or null.
    pub field: Option<String>,
}

impl ErrorBody {
    /// Builds the body for `msg` in `lang`.
    pub fn new(code: ErrorCode, msg: Msg, field: Option<&str>, lang: Lang) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code,
                message: msg.text(lang).to_owned(),
                field: field.map(str::to_owned),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_has_the_documented_shape() {
        let body = ErrorBody::new(
            ErrorCode::Validation,
            Msg::EmailInvalid,
            Some("email"),
            Lang::Sv,
        );
        let json = serde_json::to_value(&body).expect("serialises");
        assert_eq!(json["error"]["code"], "validation");
        assert_eq!(json["error"]["field"], "email");
        assert!(
            json["error"]["message"]
                .as_str()
                .expect("string")
                .contains("e-postadress")
        );
        let none = ErrorBody::new(ErrorCode::NotFound, Msg::NotFound, None, Lang::Sv);
        assert!(serde_json::to_value(&none).expect("serialises")["error"]["field"].is_null());
    }
}
