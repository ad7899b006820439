//! The Kollegium server: a JSON API under `/api/v1` and the built browser app.
//! [`app`] builds the whole router, so tests drive it without a network.
//!
//! Where things live: the domains (`auth`, `org`, `groups`, `wheel`, `library`,
//! `meetings`, `followup`, `goals`, `projects`, `networks`) each expose `router()` and import only plumbing, the store and
//! `shared`, never each other. Plumbing: [`state`] (what handlers reach), [`extract`]
//! (the caller and the body, query and path extractors), [`error`] (the one error
//! type), [`context`] (today, the school year asked for), [`export`] (CSV and
//! downloads), [`pdf`] (accessible PDF documents), [`security`] (tokens, password hashing, attempt limits), [`mail`],
//! [`site`], [`config`] and [`cli`]. All SQL is in [`store`]; the demo municipalities
//! are written by [`demo`].

pub mod auth;
pub mod changes;
pub mod cli;
pub mod config;
pub mod context;
pub mod demo;
pub mod error;
pub mod export;
pub mod extract;
pub mod files;
pub mod followup;
pub mod goals;
pub mod groups;
pub mod health;
pub mod library;
pub mod mail;
pub mod meetings;
pub mod networks;
pub mod org;
pub mod pdf;
pub mod projects;
pub mod secret;
pub mod security;
pub mod serve;
pub mod site;
pub mod state;
pub mod store;
pub mod wheel;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use kollegium_shared::i18n::Lang;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnRequest, DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::error::{ApiError, REQUEST_LANG, api_method_not_allowed, api_not_found};
pub use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "Kollegium API", description = "Collegial learning for a municipality's teachers."),
    modifiers(&BearerScheme),
    components(schemas(
        kollegium_shared::error::ErrorBody,
        kollegium_shared::error::ErrorDetail,
        kollegium_shared::error::ErrorCode,
        // Query parameters' own types, which no body refers to.
        kollegium_shared::org::StaffSort,
        kollegium_shared::groups::Term,
    ))
)]
struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The answers any operation may give besides those its handler names, from the
/// extractors and the server around it, each with the error body: 400 when a path
/// parameter or the body cannot be read, 422 when a query parameter or a text breaks a
/// rule, 404 when what a parameter names is not the caller's municipality's, 401
/// without a valid sign-in, 408/413/415 about a body, 503 when the database does not
/// answer.
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        let error = |description: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ErrorBody")))
                            .build(),
                    )
                    .build(),
            )
        };
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                let params = operation.parameters.as_deref().unwrap_or_default();
                let in_path = params.iter().any(|p| p.parameter_in == ParameterIn::Path);
                let in_query = params.iter().any(|p| p.parameter_in == ParameterIn::Query);
                let body = operation.request_body.as_ref();
                let json_body = body.is_some_and(|b| b.content.contains_key("application/json"));
                let signed_in = operation.security.as_ref().is_some_and(|s| !s.is_empty());
                let mut common = vec![("503", "The database does not answer")];
                if in_path || body.is_some() {
                    common.push(("400", "A path parameter or the body cannot be read"));
                }
                if in_query || json_body {
                    common.push(("422", "A parameter or a field breaks a rule"));
                }
                if in_path || in_query {
                    common.push((
                        "404",
                        "Something the request names is not in the caller's municipality",
                    ));
                }
                if signed_in {
                    common.push(("401", "Not signed in"));
                }
                if body.is_some() {
                    common.push(("408", "The body did not arrive in time"));
                    common.push(("413", "The body is larger than allowed"));
                }
                if json_body {
                    common.push(("415", "The body is not JSON"));
                }
                for (status, description) in common {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| error(description));
                }
            }
        }
    }
}

/// The API routes with their OpenAPI description, both built from the handlers.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::new()
        .merge(health::router())
        .merge(auth::router())
        .merge(org::router())
        .merge(groups::router())
        .merge(wheel::router())
        .merge(library::router())
        .merge(meetings::router())
        .merge(followup::router())
        .merge(goals::router())
        .merge(projects::router())
        .merge(networks::router());
    let (router, mut spec) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts();
    // Once every route is in.
    CommonResponses.modify(&mut spec);
    (router, spec)
}

/// The whole application: the API, the OpenAPI document and the site in `site_dir`.
pub fn app(state: AppState, site_dir: &Path, max_body_bytes: usize) -> Router {
    let (api, spec) = api();
    let spec = Arc::new(spec);
    let api = api
        .route(
            "/api/v1/openapi.json",
            get(move || async move { axum::Json(spec.as_ref().clone()) }),
        )
        .route("/api/v1", any(api_not_found))
        .route("/api/v1/{*rest}", any(api_not_found))
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(CompressionLayer::new())
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(axum::Extension(extract::BodyLimit(max_body_bytes)))
        .with_state(state);

    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(api)
        .fallback_service(site::router(site_dir))
        .layer(middleware::from_fn(lang_scope))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(CatchPanicLayer::custom(|_| ApiError::Internal(anyhow::anyhow!("a handler panicked")).into_response()))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    // The path only: query strings and headers may carry secrets.
                    tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path())
                })
                .on_request(DefaultOnRequest::new().level(Level::DEBUG))
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Micros)),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// The content security policy: only our own scripts (and WebAssembly compiled from
/// them), no framing.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data: blob:; media-src 'self'; connect-src 'self'; \
                   frame-src https://www.youtube-nocookie.com https://player.vimeo.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/// Serves the request with the language it asks for in effect for error messages.
async fn lang_scope(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    REQUEST_LANG.scope(lang, next.run(request)).await
}

/// Serves `router` on `listener` with `limits` until Ctrl-C or SIGTERM, letting
/// requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: serve::ConnectionLimits,
) -> anyhow::Result<()> {
    serve::serve_with(listener, router, limits, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down; finishing requests in flight");
}
