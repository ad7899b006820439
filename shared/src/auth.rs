//! Sign-in and password change: the requests, the responses and their rules.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::org::Me;
use crate::validation::{
    FieldError, Validate, check_email, check_new_password, check_required, collect,
};

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The municipality's slug; needed only when the e-mail address exists in several.
    #[serde(default)]
    pub municipality: Option<String>,
}

impl Validate for LoginRequest {
    fn validate(&self) -> Vec<FieldError> {
        collect([
            ("email", check_email(&self.email)),
            ("password", check_required(&self.password)),
        ])
    }
}

/// The answer to a successful sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// A bearer token for the `Authorization` header.
    pub token: String,
    /// When the token stops working, in seconds since the Unix epoch.
    pub expires_at: i64,
    /// Who signed in.
    pub me: Me,
}

/// `POST /api/v1/auth/password`: change one's own password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

impl Validate for PasswordChange {
    fn validate(&self) -> Vec<FieldError> {
        let mut errors = collect([
            ("current_password", check_required(&self.current_password)),
            ("new_password", check_new_password(&self.new_password)),
        ]);
        if errors.is_empty() && self.current_password == self.new_password {
            errors.push(FieldError::new("new_password", Msg::PasswordSameAsOld));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_each_missing_field() {
        let errs = LoginRequest::default().validate();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["email", "password"]);
    }

    #[test]
    fn login_with_bad_email_is_rejected_before_the_server() {
        let req = LoginRequest {
            email: "anna.skola.se".into(),
            password: "x".into(),
            municipality: None,
        };
        assert_eq!(
            req.validate(),
            vec![FieldError::new("email", Msg::EmailInvalid)]
        );
    }

    #[test]
    fn new_password_must_be_long_and_different() {
        let short = PasswordChange {
            current_password: "gammalt-losen".into(),
            new_password: "kort".into(),
        };
        assert_eq!(
            short.validate(),
            vec![FieldError::new("new_password", Msg::PasswordTooShort)]
        );
        let same = PasswordChange {
            current_password: "samma-losenord".into(),
            new_password: "samma-losenord".into(),
        };
        assert_eq!(
            same.validate(),
            vec![FieldError::new("new_password", Msg::PasswordSameAsOld)]
        );
        let ok = PasswordChange {
            current_password: "gammalt-losen".into(),
            new_password: "ett-nytt-losenord".into(),
        };
        assert!(ok.validate().is_empty());
    }
}
