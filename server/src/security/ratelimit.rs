//! Limits on sign-in: attempts per client address in fixed windows ([`RateLimiter`]),
//! and failed attempts per account ([`SignInGuard`]) in a way nobody can use to lock a
//! colleague out. Their state is kept in the database (`store::signin`), so every
//! server sharing it counts alike and a restart forgets nothing; what follows from a
//! state is decided here, by pure functions of it and the time (milliseconds since
//! 1970, UTC).

use std::time::Duration;

use chrono::Utc;

use crate::store::Store;

/// Counts attempts per key (a client address) within fixed windows.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
}

impl RateLimiter {
    /// At most `limit` attempts per `window` for each key.
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter { limit, window }
    }

    /// Counts one attempt for `key`; returns the seconds to wait when it went over the
    /// limit.
    pub async fn hit(&self, store: &Store, key: &str) -> Result<Option<u64>, sqlx::Error> {
        let now = now_ms();
        let (started, hits) = store.hit_sign_in_window(key, now, ms(self.window)).await?;
        Ok(window_wait(started, hits, self.limit, ms(self.window), now))
    }
}

/// The seconds to wait after the `hits`th attempt of a window that began at `started`,
/// or none while under `limit`.
pub fn window_wait(started: i64, hits: i64, limit: u32, window: i64, now: i64) -> Option<u64> {
    (hits > i64::from(limit)).then(|| seconds(started + window - now))
}

/// How [`SignInGuard`] treats failures.
#[derive(Debug, Clone, Copy)]
pub struct GuardSettings {
    /// Failures of one account from one address before each further one makes that
    /// pair wait, 1 s after the first, doubling up to [`MAX_DELAY`].
    pub free_failures: u32,
    /// Failures of one account from all addresses within [`CEILING_WINDOW`] past which
    /// the account is slowed for addresses it has not signed in from: one attempt
    /// among all of them per [`SLOW_INTERVAL`].
    pub account_ceiling: u32,
}

/// The longest a pair of account and address is made to wait.
pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// How long a pair's failures are remembered after the last one (and its wait).
pub const FAILURE_MEMORY: Duration = Duration::from_secs(15 * 60);
/// The window of the account ceiling.
pub const CEILING_WINDOW: Duration = Duration::from_secs(60 * 60);
/// While over the ceiling, the gap between attempts from unfamiliar addresses.
pub const SLOW_INTERVAL: Duration = Duration::from_secs(30);
/// How long an address where the account signed in stays familiar.
pub const FAMILIAR_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// Familiar addresses kept per account.
const FAMILIAR_MAX: usize = 8;

/// An account's failures from one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairState {
    pub failures: u32,
    pub last_failure: i64,
    pub wait_until: i64,
}

impl PairState {
    /// Since when the pair has neither failed nor waited.
    fn quiet_since(&self) -> i64 {
        self.last_failure.max(self.wait_until)
    }

    /// Until when the pair is worth keeping: after that it counts from nothing again.
    pub fn keep_until(&self) -> i64 {
        self.quiet_since() + ms(FAILURE_MEMORY)
    }
}

/// An account's failures from all addresses, and where it signs in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountState {
    /// Start of the ceiling window and the failures in it.
    pub window: Option<(i64, u32)>,
    /// While over the ceiling: when the next attempt from an unfamiliar address may come.
    pub next_unfamiliar: Option<i64>,
    /// Addresses with a successful sign-in, and when.
    pub familiar: Vec<(String, i64)>,
}

impl AccountState {
    /// Until when the state matters: its ceiling window, its slowed slot and its
    /// familiar addresses all past, it is as good as none.
    pub fn keep_until(&self) -> i64 {
        let window = self
            .window
            .map_or(0, |(start, _)| start + ms(CEILING_WINDOW));
        let familiar = self
            .familiar
            .iter()
            .map(|(_, at)| at + ms(FAMILIAR_FOR))
            .max()
            .unwrap_or(0);
        window.max(familiar).max(self.next_unfamiliar.unwrap_or(0))
    }
}

/// Seconds `account` (its pair with the address tried from, and itself) must wait
/// before an attempt from `address`, or none when it may try now. A permitted attempt
/// from an unfamiliar address while the account is over its ceiling takes the next
/// slot.
pub fn check(
    settings: GuardSettings,
    pair: Option<&PairState>,
    account: &mut AccountState,
    address: &str,
    now: i64,
) -> Option<u64> {
    if let Some(pair) = pair.filter(|p| now < p.wait_until) {
        return Some(seconds(pair.wait_until - now));
    }
    let familiar = account
        .familiar
        .iter()
        .any(|(a, at)| a == address && now - at < ms(FAMILIAR_FOR));
    let over = account.window.is_some_and(|(start, failures)| {
        now - start < ms(CEILING_WINDOW) && failures >= settings.account_ceiling
    });
    if familiar || !over {
        return None;
    }
    match account.next_unfamiliar {
        Some(next) if now < next => Some(seconds(next - now)),
        _ => {
            account.next_unfamiliar = Some(now + ms(SLOW_INTERVAL));
            None
        }
    }
}

/// Counts a failed attempt; returns the seconds until the pair may try again when this
/// failure made it wait.
pub fn fail(
    settings: GuardSettings,
    pair: &mut Option<PairState>,
    account: &mut AccountState,
    now: i64,
) -> Option<u64> {
    let state = pair.get_or_insert(PairState {
        failures: 0,
        last_failure: now,
        wait_until: now,
    });
    if now >= state.keep_until() {
        state.failures = 0;
    }
    state.failures += 1;
    state.last_failure = now;
    let over = state.failures.saturating_sub(settings.free_failures);
    let wait = (over > 0).then(|| {
        let delay = Duration::from_secs(1u64 << (over - 1).min(20)).min(MAX_DELAY);
        state.wait_until = now + ms(delay);
        seconds(ms(delay))
    });
    match &mut account.window {
        Some((start, failures)) if now - *start < ms(CEILING_WINDOW) => *failures += 1,
        window => {
            *window = Some((now, 1));
            account.next_unfamiliar = None;
        }
    }
    wait
}

/// A successful sign-in: the pair's failures are forgotten and the address becomes
/// familiar to the account.
pub fn succeed(pair: &mut Option<PairState>, account: &mut AccountState, address: &str, now: i64) {
    *pair = None;
    account
        .familiar
        .retain(|(a, at)| a != address && now - at < ms(FAMILIAR_FOR));
    account.familiar.push((address.to_owned(), now));
    if account.familiar.len() > FAMILIAR_MAX {
        account.familiar.remove(0);
    }
}

/// Failed sign-ins per account, following OWASP ASVS's advice against automation
/// without lock-out: failures count per account *and* client address, and past a few
/// each further one makes that pair wait longer (1 s, 2 s, 4 s … up to 15 minutes),
/// so guessing from one place is slowed to a crawl while the account stays open
/// everywhere else. A much higher ceiling per account, over all addresses, catches
/// guessing spread over many addresses: past it the account is slowed, not closed (one
/// attempt per 30 s among unfamiliar addresses), and addresses it signed in from in the
/// last 30 days (a person's school, their home) are not slowed at all. Each step takes
/// the account's row in the database for its moment, so two servers see one count.
#[derive(Debug)]
pub struct SignInGuard {
    settings: GuardSettings,
}

impl SignInGuard {
    pub fn new(settings: GuardSettings) -> SignInGuard {
        SignInGuard { settings }
    }

    /// See [`check`].
    pub async fn check(
        &self,
        store: &Store,
        account: &str,
        address: &str,
    ) -> Result<Option<u64>, sqlx::Error> {
        let settings = self.settings;
        store
            .with_sign_in_state(account, address, |pair, state, now| {
                check(settings, pair.as_ref(), state, address, now)
            })
            .await
    }

    /// See [`fail`].
    pub async fn failed(
        &self,
        store: &Store,
        account: &str,
        address: &str,
    ) -> Result<Option<u64>, sqlx::Error> {
        let settings = self.settings;
        store
            .with_sign_in_state(account, address, |pair, state, now| {
                fail(settings, pair, state, now)
            })
            .await
    }

    /// See [`succeed`].
    pub async fn succeeded(
        &self,
        store: &Store,
        account: &str,
        address: &str,
    ) -> Result<(), sqlx::Error> {
        store
            .with_sign_in_state(account, address, |pair, state, now| {
                succeed(pair, state, address, now);
            })
            .await
    }
}

/// Now, in milliseconds since 1970.
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Whole seconds to wait for `wait` milliseconds, at least one.
fn seconds(wait: i64) -> u64 {
    u64::try_from(wait.max(0))
        .map_or(1, |w| w.div_ceil(1000))
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: GuardSettings = GuardSettings {
        free_failures: 3,
        account_ceiling: 10,
    };

    /// One account's state, kept as the database keeps it, pairs by address.
    #[derive(Default)]
    struct Account {
        state: AccountState,
        pairs: std::collections::HashMap<String, PairState>,
    }

    impl Account {
        fn with<T>(
            &mut self,
            address: &str,
            f: impl FnOnce(&mut Option<PairState>, &mut AccountState) -> T,
        ) -> T {
            let mut pair = self.pairs.get(address).copied();
            let out = f(&mut pair, &mut self.state);
            match pair {
                Some(p) => self.pairs.insert(address.to_owned(), p),
                None => self.pairs.remove(address),
            };
            out
        }
        fn check(&mut self, address: &str, now: i64) -> Option<u64> {
            self.with(address, |p, s| check(SETTINGS, p.as_ref(), s, address, now))
        }
        fn failed(&mut self, address: &str, now: i64) -> Option<u64> {
            self.with(address, |p, s| fail(SETTINGS, p, s, now))
        }
        fn succeeded(&mut self, address: &str, now: i64) {
            self.with(address, |p, s| succeed(p, s, address, now));
        }
    }

    const T0: i64 = 1_800_000_000_000;

    #[test]
    fn failures_from_one_address_wait_longer_and_longer_but_only_there() {
        let mut eva = Account::default();
        let mut bo = Account::default();
        for _ in 0..3 {
            assert_eq!(eva.check("10.0.0.1", T0), None);
            assert_eq!(eva.failed("10.0.0.1", T0), None);
        }
        assert_eq!(eva.failed("10.0.0.1", T0), Some(1));
        assert_eq!(eva.check("10.0.0.1", T0), Some(1));
        let t1 = T0 + 1000;
        assert_eq!(eva.check("10.0.0.1", t1), None);
        assert_eq!(eva.failed("10.0.0.1", t1), Some(2));
        let t2 = t1 + 2000;
        assert_eq!(eva.failed("10.0.0.1", t2), Some(4));
        // Eva at her own school is not held up by the guessing elsewhere.
        assert_eq!(eva.check("10.9.9.9", t2), None);
        // Nor is anyone else from the guessing address.
        assert_eq!(bo.check("10.0.0.1", t2), None);
        // The delay stops doubling at fifteen minutes.
        let mut t = t2;
        for _ in 0..20 {
            t += ms(MAX_DELAY);
            eva.failed("10.0.0.1", t);
        }
        assert_eq!(eva.check("10.0.0.1", t), Some(MAX_DELAY.as_secs()));
        // A success there forgets the failures.
        eva.succeeded("10.0.0.1", t);
        assert_eq!(eva.check("10.0.0.1", t), None);
        assert!(eva.pairs.is_empty());
    }

    #[test]
    fn failures_are_forgotten_a_while_after_the_last() {
        let mut eva = Account::default();
        for _ in 0..4 {
            eva.failed("10.0.0.1", T0);
        }
        let pair = eva.pairs["10.0.0.1"];
        assert_eq!(pair.keep_until(), T0 + 1000 + ms(FAILURE_MEMORY));
        let later = T0 + 1000 + ms(FAILURE_MEMORY);
        assert_eq!(eva.check("10.0.0.1", later), None);
        assert_eq!(
            eva.failed("10.0.0.1", later),
            None,
            "counting from one again"
        );
    }

    #[test]
    fn guessing_from_many_addresses_slows_the_account_except_where_it_signs_in() {
        let mut eva = Account::default();
        let mut bo = Account::default();
        eva.succeeded("10.0.0.1", T0);
        for i in 0..10 {
            let address = format!("192.0.2.{i}");
            assert_eq!(eva.check(&address, T0), None);
            eva.failed(&address, T0);
        }
        // Over the ceiling: one attempt per interval among unfamiliar addresses.
        assert_eq!(eva.check("192.0.2.100", T0), None);
        assert_eq!(eva.check("192.0.2.101", T0), Some(SLOW_INTERVAL.as_secs()));
        assert_eq!(eva.check("192.0.2.101", T0 + ms(SLOW_INTERVAL)), None);
        // Eva's school is familiar and goes straight in.
        assert_eq!(eva.check("10.0.0.1", T0), None);
        // Other accounts are untouched, and the ceiling's window passes.
        assert_eq!(bo.check("192.0.2.101", T0), None);
        assert_eq!(eva.check("192.0.2.102", T0 + ms(CEILING_WINDOW)), None);
        // The state is kept while the familiar address is.
        assert_eq!(eva.state.keep_until(), T0 + ms(FAMILIAR_FOR));
    }

    #[test]
    fn an_empty_account_state_may_go_at_once() {
        assert_eq!(AccountState::default().keep_until(), 0);
    }

    #[test]
    fn a_window_blocks_after_the_limit_until_it_ends() {
        let window = 60_000;
        assert_eq!(window_wait(T0, 1, 2, window, T0), None);
        assert_eq!(window_wait(T0, 2, 2, window, T0), None);
        assert_eq!(window_wait(T0, 3, 2, window, T0), Some(60));
        assert_eq!(window_wait(T0, 4, 2, window, T0 + 10_000), Some(50));
        assert_eq!(window_wait(T0, 4, 2, window, T0 + 59_500), Some(1));
    }
}
