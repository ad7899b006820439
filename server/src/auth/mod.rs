//! Authentication: sign-in, password change and the signed-in person (`/me`). The
//! caller of every other handler is the [`crate::extract::AuthUser`] extractor.

use std::net::{IpAddr, SocketAddr};

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use kollegium_shared::auth::{LoginRequest, LoginResponse, PasswordChange};
use kollegium_shared::error::ErrorBody;
use kollegium_shared::i18n::Msg;
use kollegium_shared::ids::{MunicipalityId, PersonId};
use kollegium_shared::org::Me;
use kollegium_shared::validation::normalize_email;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, validate};
use crate::extract::{ApiJson, AuthUser};
use crate::security::password;
use crate::security::token::Subject;
use crate::state::AppState;

/// The routes under `/api/v1/auth` and `/api/v1/me`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(change_password))
        .routes(routes!(get_me))
}

/// The peer's socket address, when the server was started with connect info.
struct ClientAddr(Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

fn client_ip(
    parts: &axum::http::HeaderMap,
    connect: Option<SocketAddr>,
    trust_proxy: bool,
) -> String {
    if trust_proxy {
        let forwarded = parts
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|ip| ip.trim().parse::<IpAddr>().ok());
        if let Some(ip) = forwarded {
            return ip.to_string();
        }
    }
    connect
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Sign in with e-mail and password.
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 400, description = "Unreadable request", body = ErrorBody),
        (status = 401, description = "Wrong e-mail address or password", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody),
    )
)]
async fn login(
    State(state): State<AppState>,
    ClientAddr(connect): ClientAddr,
    headers: axum::http::HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    validate(&req)?;
    let auth = &state.auth;
    let ip = client_ip(&headers, connect, auth.trust_proxy);
    if let Some(wait) = auth
        .ip_limiter
        .hit(&state.store, &format!("ip:{ip}"))
        .await?
    {
        return Err(ApiError::RateLimited(wait));
    }
    let email = normalize_email(&req.email);
    let account = format!("account:{email}");
    if let Some(wait) = auth.guard.check(&state.store, &account, &ip).await? {
        return Err(ApiError::RateLimited(wait));
    }

    let mut candidates = state.store.login_candidates(&email).await?;
    if let Some(slug) = req
        .municipality
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        candidates.retain(|c| c.municipality_slug == slug);
    }
    let mut matched = Vec::new();
    if candidates.is_empty() {
        password::verify_blocking(req.password.clone(), auth.dummy_hash.clone()).await?;
    }
    for candidate in candidates {
        let hash = candidate
            .password_hash
            .clone()
            .unwrap_or_else(|| auth.dummy_hash.clone());
        if password::verify_blocking(req.password.clone(), hash).await?
            && candidate.password_hash.is_some()
        {
            matched.push(candidate);
        }
    }
    let candidate = match matched.len() {
        1 => matched.remove(0),
        0 => {
            // The wait this failure causes comes with the next attempt; this one is told
            // only that it failed, as every failure is.
            auth.guard.failed(&state.store, &account, &ip).await?;
            tracing::info!("sign-in failed");
            return Err(ApiError::Unauthorized(Msg::LoginFailed));
        }
        _ => return Err(ApiError::field("municipality", Msg::MunicipalityAmbiguous)),
    };
    auth.guard.succeeded(&state.store, &account, &ip).await?;

    let subject = Subject {
        person: PersonId(candidate.person_id),
        municipality: MunicipalityId(candidate.municipality_id),
    };
    let me = state
        .store
        .me(subject.municipality, subject.person)
        .await?
        .ok_or(ApiError::Unauthorized(Msg::LoginFailed))?;
    let (token, expires_at) = auth.keys.issue(
        subject,
        candidate.session_generation,
        chrono::Utc::now().timestamp(),
    )?;
    tracing::info!(
        person = subject.person.0,
        municipality = subject.municipality.0,
        "signed in"
    );
    Ok(Json(LoginResponse {
        token,
        expires_at,
        me,
    }))
}

/// Change one's own password; the current one is required.
#[utoipa::path(
    post,
    path = "/auth/password",
    tag = "auth",
    request_body = PasswordChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed: every other session has ended, and this one goes on with the new token", body = LoginResponse),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "Changed elsewhere at the same time", body = ErrorBody),
        (status = 422, description = "A field breaks a rule, or the current password is wrong", body = ErrorBody),
        (status = 429, description = "Too many wrong current passwords", body = ErrorBody),
    )
)]
async fn change_password(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<PasswordChange>,
) -> Result<Json<LoginResponse>, ApiError> {
    validate(&req)?;
    // Wrong current passwords count against the person within their session.
    let (account, session) = (format!("person:{}", user.person.0), "session");
    if let Some(wait) = state
        .auth
        .guard
        .check(&state.store, &account, session)
        .await?
    {
        return Err(ApiError::RateLimited(wait));
    }
    let current = state
        .store
        .password_hash(user.municipality, user.person)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !password::verify_blocking(req.current_password, current.clone()).await? {
        state
            .auth
            .guard
            .failed(&state.store, &account, session)
            .await?;
        return Err(ApiError::field("current_password", Msg::PasswordWrongOld));
    }
    let new_hash = password::hash_blocking(req.new_password).await?;
    let Some(generation) = state
        .store
        .replace_password_hash(user.municipality, user.person, &current, &new_hash)
        .await?
    else {
        return Err(ApiError::Conflict);
    };
    state
        .auth
        .guard
        .succeeded(&state.store, &account, session)
        .await?;
    tracing::info!(person = user.person.0, "password changed");
    // The other sessions' live followers are let go.
    crate::changes::announce(&state, crate::changes::EVERY_MEETING).await;
    // Every other session has ended; this one goes on with a token of the new generation.
    let subject = Subject {
        person: user.person,
        municipality: user.municipality,
    };
    let (token, expires_at) =
        state
            .auth
            .keys
            .issue(subject, generation, chrono::Utc::now().timestamp())?;
    let me = state
        .store
        .me(user.municipality, user.person)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(LoginResponse {
        token,
        expires_at,
        me,
    }))
}

/// The signed-in person: name, municipality, schools, roles, subjects and stages.
#[utoipa::path(
    get,
    path = "/me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in person", body = Me),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
async fn get_me(State(state): State<AppState>, user: AuthUser) -> Result<Json<Me>, ApiError> {
    let me = state
        .store
        .me(user.municipality, user.person)
        .await?
        .ok_or(ApiError::Unauthorized(Msg::Unauthenticated))?;
    Ok(Json(me))
}
