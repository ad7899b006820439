//! The typed API client: one function per endpoint, in a file per domain with the same
//! names as `shared` and `server` (`auth`, `org`, `groups`, `wheel`, `library`,
//! `meetings`), taking the typed ids of `kollegium_shared::ids`. Every call sends the
//! token and the user's language, decodes the API's error body, and a 401 on a
//! signed-in call ends the session (the one place that handles it).

mod auth;
mod followup;
mod goals;
mod groups;
mod library;
mod meetings;
mod networks;
mod org;
mod projects;
mod wheel;

use gloo_net::http::{Request, RequestBuilder, Response};
use kollegium_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use leptos::prelude::GetUntracked;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::i18n::{I18n, K};
use crate::session::Session;

/// Where the API is.
const BASE: &str = "/api/v1";

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server answered with an error body.
    Api { status: u16, detail: ErrorDetail },
    /// No answer: the network or the server is down.
    Network,
}

impl ApiError {
    /// The field the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Api { detail, .. } => detail.field.as_deref(),
            ApiError::Network => None,
        }
    }

    /// The sentence for the user, in the current language, taking the error.
    pub fn into_message(self, i18n: I18n) -> String {
        match self {
            ApiError::Api { detail, .. } => detail.message,
            ApiError::Network => i18n.t(K::NetworkError).to_owned(),
        }
    }

    /// A sentence for the user, in the current language.
    pub fn message(&self, i18n: I18n) -> String {
        match self {
            ApiError::Api { detail, .. } => detail.message.clone(),
            ApiError::Network => i18n.t(K::NetworkError).to_owned(),
        }
    }
}

/// A client bound to the session and the language.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    session: Session,
    i18n: I18n,
}

impl Api {
    pub fn new(session: Session, i18n: I18n) -> Api {
        Api { session, i18n }
    }

    fn prepare(self, builder: RequestBuilder, authenticated: bool) -> RequestBuilder {
        let mut builder = builder.header("Accept-Language", self.i18n.lang.get_untracked().tag());
        if authenticated && let Some(token) = self.session.token_untracked() {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        builder
    }

    /// The token a request is sent with, if it is sent signed in.
    fn sent_with(self, authenticated: bool) -> Option<String> {
        authenticated
            .then(|| self.session.token_untracked())
            .flatten()
    }

    /// Reads the answer of a request sent with the token `sent_with`.
    async fn finish<T: DeserializeOwned>(
        self,
        sent: Result<Response, gloo_net::Error>,
        sent_with: Option<String>,
    ) -> Result<T, ApiError> {
        let response = sent.map_err(|_| ApiError::Network)?;
        let status = response.status();
        if status == 204 {
            return serde_json::from_str("null").map_err(|_| ApiError::Network);
        }
        if (200..300).contains(&status) {
            return response.json::<T>().await.map_err(|_| ApiError::Network);
        }
        let detail = match response.json::<ErrorBody>().await {
            Ok(body) => body.error,
            Err(_) => ErrorDetail {
                code: ErrorCode::Internal,
                message: kollegium_shared::i18n::Msg::Internal
                    .text(self.i18n.lang.get_untracked())
                    .to_owned(),
                field: None,
            },
        };
        // The session ends when the server turned away the token it still holds: an
        // answer to a request sent before a sign-out or another sign-in ends nothing.
        if status == 401 && sent_with.is_some() && self.session.token_untracked() == sent_with {
            self.session.expire();
        }
        Err(ApiError::Api { status, detail })
    }

    async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        let token = self.sent_with(true);
        let sent = self
            .prepare(Request::get(&format!("{BASE}{path}")), true)
            .send()
            .await;
        self.finish(sent, token).await
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
        authenticated: bool,
    ) -> Result<T, ApiError> {
        let token = self.sent_with(authenticated);
        let request = self
            .prepare(Request::post(&format!("{BASE}{path}")), authenticated)
            .json(body)
            .map_err(|_| ApiError::Network)?;
        let sent = request.send().await;
        self.finish(sent, token).await
    }

    async fn post_bytes<T: DeserializeOwned>(
        self,
        path: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Result<T, ApiError> {
        let body = js_sys::Uint8Array::from(bytes);
        let token = self.sent_with(true);
        let request = self
            .prepare(Request::post(&format!("{BASE}{path}")), true)
            .header("Content-Type", content_type)
            .body(body)
            .map_err(|_| ApiError::Network)?;
        let sent = request.send().await;
        self.finish(sent, token).await
    }

    async fn send_json<B: Serialize, T: DeserializeOwned>(
        self,
        builder: RequestBuilder,
        body: &B,
    ) -> Result<T, ApiError> {
        let token = self.sent_with(true);
        let request = self
            .prepare(builder, true)
            .json(body)
            .map_err(|_| ApiError::Network)?;
        let sent = request.send().await;
        self.finish(sent, token).await
    }

    async fn patch<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send_json(Request::patch(&format!("{BASE}{path}")), body)
            .await
    }

    async fn put<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send_json(Request::put(&format!("{BASE}{path}")), body)
            .await
    }

    /// `POST {path}?name=…` with `file` as the body, streamed by the browser from disk.
    async fn upload<T: DeserializeOwned>(
        self,
        path: &str,
        file: &web_sys::File,
    ) -> Result<T, ApiError> {
        let name = String::from(js_sys::encode_uri_component(&file.name()));
        let token = self.sent_with(true);
        let request = self
            .prepare(Request::post(&format!("{BASE}{path}?name={name}")), true)
            .header("Content-Type", "application/octet-stream")
            .body(wasm_bindgen::JsValue::from(file.clone()))
            .map_err(|_| ApiError::Network)?;
        let sent = request.send().await;
        self.finish(sent, token).await
    }

    async fn delete<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        let token = self.sent_with(true);
        let sent = self
            .prepare(Request::delete(&format!("{BASE}{path}")), true)
            .send()
            .await;
        self.finish(sent, token).await
    }

    /// A file's bytes (e.g. a CSV export), fetched with the session.
    pub async fn get_bytes(self, path: &str) -> Result<Vec<u8>, ApiError> {
        let token = self.sent_with(true);
        let sent = self
            .prepare(Request::get(&format!("{BASE}{path}")), true)
            .send()
            .await;
        match sent {
            Ok(response) if response.ok() => response.binary().await.map_err(|_| ApiError::Network),
            other => self.finish::<()>(other, token).await.map(|()| Vec::new()),
        }
    }
}

/// The client for the current session and language.
pub fn use_api() -> Api {
    Api::new(crate::session::use_session(), crate::i18n::use_i18n())
}
