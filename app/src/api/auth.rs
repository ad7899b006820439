//! Sign-in, the signed-in person and the password change.

use kollegium_shared::auth::{LoginRequest, LoginResponse, PasswordChange};
use kollegium_shared::org::Me;

use super::{Api, ApiError};

impl Api {
    /// `POST /auth/login`.
    pub async fn login(self, request: &LoginRequest) -> Result<LoginResponse, ApiError> {
        self.post("/auth/login", request, false).await
    }

    /// `GET /me`.
    pub async fn me(self) -> Result<Me, ApiError> {
        self.get("/me").await
    }

    /// `POST /auth/password`: the other sessions end; this one goes on with the new token.
    pub async fn change_password(
        self,
        request: &PasswordChange,
    ) -> Result<LoginResponse, ApiError> {
        self.post("/auth/password", request, true).await
    }
}
