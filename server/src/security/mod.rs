//! Plumbing for sign-in that several domains use: signed tokens (sign-in, file links,
//! live-meeting tickets), password hashing and the attempt limits, gathered in
//! [`AuthState`].

pub mod password;
pub mod ratelimit;
pub mod token;

use std::time::Duration;

use ratelimit::{GuardSettings, RateLimiter, SignInGuard};
use token::TokenKeys;

/// Everything sign-in needs besides the store.
#[derive(Debug)]
pub struct AuthState {
    pub keys: TokenKeys,
    pub(crate) ip_limiter: RateLimiter,
    /// Failed sign-ins (and wrong current passwords) per account and address.
    pub(crate) guard: SignInGuard,
    /// Verified against when no account matches, so unknown addresses take as long as
    /// wrong passwords.
    pub(crate) dummy_hash: String,
    pub(crate) trust_proxy: bool,
}

impl AuthState {
    /// Sign-in settings: the token secret and lifetime, attempts per client address
    /// per minute, and how failures per account are treated.
    pub fn new(
        secret: &[u8],
        token_hours: u32,
        limit_per_ip: u32,
        failures: GuardSettings,
        trust_proxy: bool,
    ) -> anyhow::Result<AuthState> {
        Ok(AuthState {
            keys: TokenKeys::new(secret, token_hours),
            ip_limiter: RateLimiter::new(limit_per_ip, Duration::from_secs(60)),
            guard: SignInGuard::new(failures),
            dummy_hash: password::hash("no account has this password")?,
            trust_proxy,
        })
    }
}
