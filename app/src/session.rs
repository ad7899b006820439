//! The signed-in session: the token (kept in the browser so a reload keeps the user
//! signed in), the person it belongs to, and what happens when it expires.

use kollegium_shared::auth::LoginResponse;
use kollegium_shared::org::{Me, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::storage;

const SESSION_KEY: &str = "kollegium.session";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    token: String,
    expires_at: i64,
}

/// The session, provided as context.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    /// The signed-in person, once loaded.
    pub me: RwSignal<Option<Me>>,
    /// Set when the server turned the token away, so the sign-in page can say why.
    pub expired: RwSignal<bool>,
}

fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

impl Session {
    /// Provides the session remembered in the browser, if it has not expired.
    pub fn provide() -> Session {
        let stored = storage::get(SESSION_KEY)
            .and_then(|s| serde_json::from_str::<Stored>(&s).ok())
            .filter(|s| s.expires_at > now_secs());
        if stored.is_none() {
            storage::remove(SESSION_KEY);
        }
        let session = Session {
            token: RwSignal::new(stored.map(|s| s.token)),
            me: RwSignal::new(None),
            expired: RwSignal::new(false),
        };
        provide_context(session);
        session
    }

    /// The bearer token, without subscribing.
    pub fn token_untracked(self) -> Option<String> {
        self.token.get_untracked()
    }

    /// Whether the signed-in person's roles allow `rule` (one of the `access` functions
    /// of `shared`, the same the server checks), reactive.
    pub fn may(self, rule: fn(&[Role]) -> bool) -> bool {
        self.me.with(|m| m.as_ref().is_some_and(|m| rule(&m.roles)))
    }

    /// [`Session::may`] without subscribing, for what is decided once.
    pub fn may_untracked(self, rule: fn(&[Role]) -> bool) -> bool {
        self.me
            .with_untracked(|m| m.as_ref().is_some_and(|m| rule(&m.roles)))
    }

    /// The token (reactive), for what must follow a new sign-in.
    pub fn token_tracked(self) -> Option<String> {
        self.token.get()
    }

    /// Whether a token is held (reactive).
    pub fn signed_in(self) -> bool {
        self.token.with(Option::is_some)
    }

    /// Starts a session from a successful sign-in.
    pub fn sign_in(self, response: LoginResponse) {
        let stored = Stored {
            token: response.token.clone(),
            expires_at: response.expires_at,
        };
        if let Ok(json) = serde_json::to_string(&stored) {
            storage::set(SESSION_KEY, &json);
        }
        self.expired.set(false);
        self.me.set(Some(response.me));
        self.token.set(Some(response.token));
    }

    /// Ends the session at the user's request.
    pub fn sign_out(self) {
        storage::remove(SESSION_KEY);
        self.me.set(None);
        self.token.set(None);
    }

    /// Ends the session because the server no longer accepts it; the protected page
    /// the user was on sends them to sign in and back.
    pub fn expire(self) {
        if self.token.get_untracked().is_some() {
            self.expired.set(true);
        }
        self.sign_out();
    }
}

/// The session context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
