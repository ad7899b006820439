//! Limits on sign-in, held in memory (per server process; a restart forgets them):
//! attempts per client address in fixed windows ([`RateLimiter`]), and failed attempts
//! per account ([`SignInGuard`]) in a way nobody can use to lock a colleague out.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts events per key within fixed windows.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    buckets: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// At most `limit` events per `window` for each key.
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Seconds until `key` may try again, or `None` when it is under the limit now.
    pub fn blocked_for(&self, key: &str, now: Instant) -> Option<u64> {
        let buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let &(start, count) = buckets.get(key)?;
        let end = start + self.window;
        (count >= self.limit && now < end).then(|| end.duration_since(now).as_secs().max(1))
    }

    /// Counts one event for `key`; returns the seconds to wait when this event went over
    /// the limit.
    pub fn hit(&self, key: &str, now: Instant) -> Option<u64> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > 100_000 {
            let window = self.window;
            buckets.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = buckets.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        (entry.1 > self.limit).then(|| (entry.0 + self.window).duration_since(now).as_secs().max(1))
    }

    /// Forgets `key` (after a successful sign-in).
    pub fn clear(&self, key: &str) {
        self.buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key);
    }
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
/// Entries kept before expired ones are swept.
const SWEEP_AT: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct PairState {
    failures: u32,
    last_failure: Instant,
    wait_until: Instant,
}

impl PairState {
    /// Since when the pair has neither failed nor waited.
    fn quiet_since(&self) -> Instant {
        self.last_failure.max(self.wait_until)
    }
}

#[derive(Debug, Clone, Default)]
struct AccountState {
    /// Start of the ceiling window and the failures in it.
    window: Option<(Instant, u32)>,
    /// While over the ceiling: when the next attempt from an unfamiliar address may come.
    next_unfamiliar: Option<Instant>,
    /// Addresses with a successful sign-in, and when.
    familiar: Vec<(String, Instant)>,
}

/// Failed sign-ins per account, following OWASP ASVS's advice against automation
/// without lock-out: failures count per account *and* client address, and past a few
/// each further one makes that pair wait longer (1 s, 2 s, 4 s … up to 15 minutes),
/// so guessing from one place is slowed to a crawl while the account stays open
/// everywhere else. A much higher ceiling per account, over all addresses, catches
/// guessing spread over many addresses: past it the account is slowed, not closed (one
/// attempt per 30 s among unfamiliar addresses), and addresses it signed in from in the
/// last 30 days (a person's school, their home) are not slowed at all.
#[derive(Debug)]
pub struct SignInGuard {
    settings: GuardSettings,
    pairs: Mutex<HashMap<(String, String), PairState>>,
    accounts: Mutex<HashMap<String, AccountState>>,
}

impl SignInGuard {
    pub fn new(settings: GuardSettings) -> SignInGuard {
        SignInGuard {
            settings,
            pairs: Mutex::new(HashMap::new()),
            accounts: Mutex::new(HashMap::new()),
        }
    }

    /// Seconds `account` must wait before an attempt from `address`, or none when it
    /// may try now. A permitted attempt from an unfamiliar address while the account
    /// is over its ceiling takes the next slot.
    pub fn check(&self, account: &str, address: &str, now: Instant) -> Option<u64> {
        let pair_wait = lock(&self.pairs)
            .get(&(account.to_owned(), address.to_owned()))
            .filter(|p| now < p.wait_until)
            .map(|p| p.wait_until - now);
        if let Some(wait) = pair_wait {
            return Some(seconds(wait));
        }
        let mut accounts = lock(&self.accounts);
        let state = accounts.get_mut(account)?;
        let familiar = state
            .familiar
            .iter()
            .any(|(a, at)| a == address && now.duration_since(*at) < FAMILIAR_FOR);
        let over = state.window.is_some_and(|(start, failures)| {
            now.duration_since(start) < CEILING_WINDOW && failures >= self.settings.account_ceiling
        });
        if familiar || !over {
            return None;
        }
        match state.next_unfamiliar {
            Some(next) if now < next => Some(seconds(next - now)),
            _ => {
                state.next_unfamiliar = Some(now + SLOW_INTERVAL);
                None
            }
        }
    }

    /// Counts a failed attempt of `account` from `address`; returns the seconds until
    /// the pair may try again when this failure made it wait.
    pub fn failed(&self, account: &str, address: &str, now: Instant) -> Option<u64> {
        let wait = {
            let mut pairs = lock(&self.pairs);
            if pairs.len() > SWEEP_AT {
                pairs.retain(|_, p| now.duration_since(p.quiet_since()) < FAILURE_MEMORY);
            }
            let pair = pairs
                .entry((account.to_owned(), address.to_owned()))
                .or_insert(PairState {
                    failures: 0,
                    last_failure: now,
                    wait_until: now,
                });
            if now.duration_since(pair.quiet_since()) >= FAILURE_MEMORY {
                pair.failures = 0;
            }
            pair.failures += 1;
            pair.last_failure = now;
            let over = pair.failures.saturating_sub(self.settings.free_failures);
            if over == 0 {
                None
            } else {
                let delay = Duration::from_secs(1u64 << (over - 1).min(20)).min(MAX_DELAY);
                pair.wait_until = now + delay;
                Some(delay)
            }
        };
        let mut accounts = lock(&self.accounts);
        if accounts.len() > SWEEP_AT {
            accounts.retain(|_, a| {
                a.window
                    .is_some_and(|(start, _)| now.duration_since(start) < CEILING_WINDOW)
                    || a.familiar
                        .iter()
                        .any(|(_, at)| now.duration_since(*at) < FAMILIAR_FOR)
            });
        }
        let state = accounts.entry(account.to_owned()).or_default();
        match &mut state.window {
            Some((start, failures)) if now.duration_since(*start) < CEILING_WINDOW => {
                *failures += 1
            }
            window => {
                *window = Some((now, 1));
                state.next_unfamiliar = None;
            }
        }
        wait.map(seconds)
    }

    /// A successful sign-in: the pair's failures are forgotten and the address becomes
    /// familiar to the account.
    pub fn succeeded(&self, account: &str, address: &str, now: Instant) {
        lock(&self.pairs).remove(&(account.to_owned(), address.to_owned()));
        let mut accounts = lock(&self.accounts);
        let state = accounts.entry(account.to_owned()).or_default();
        state
            .familiar
            .retain(|(a, at)| a != address && now.duration_since(*at) < FAMILIAR_FOR);
        state.familiar.push((address.to_owned(), now));
        if state.familiar.len() > FAMILIAR_MAX {
            state.familiar.remove(0);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whole seconds to wait, at least one.
fn seconds(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: GuardSettings = GuardSettings {
        free_failures: 3,
        account_ceiling: 10,
    };

    #[test]
    fn failures_from_one_address_wait_longer_and_longer_but_only_there() {
        let guard = SignInGuard::new(SETTINGS);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(guard.check("eva", "10.0.0.1", t0), None);
            assert_eq!(guard.failed("eva", "10.0.0.1", t0), None);
        }
        assert_eq!(guard.failed("eva", "10.0.0.1", t0), Some(1));
        assert_eq!(guard.check("eva", "10.0.0.1", t0), Some(1));
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(guard.check("eva", "10.0.0.1", t1), None);
        assert_eq!(guard.failed("eva", "10.0.0.1", t1), Some(2));
        let t2 = t1 + Duration::from_secs(2);
        assert_eq!(guard.failed("eva", "10.0.0.1", t2), Some(4));
        // Eva at her own school is not held up by the guessing elsewhere.
        assert_eq!(guard.check("eva", "10.9.9.9", t2), None);
        // Nor is anyone else from the guessing address.
        assert_eq!(guard.check("bo", "10.0.0.1", t2), None);
        // The delay stops doubling at fifteen minutes.
        let mut t = t2;
        for _ in 0..20 {
            t += MAX_DELAY;
            guard.failed("eva", "10.0.0.1", t);
        }
        assert_eq!(guard.check("eva", "10.0.0.1", t), Some(MAX_DELAY.as_secs()));
        // A success there forgets the failures.
        guard.succeeded("eva", "10.0.0.1", t);
        assert_eq!(guard.check("eva", "10.0.0.1", t), None);
    }

    #[test]
    fn failures_are_forgotten_a_while_after_the_last() {
        let guard = SignInGuard::new(SETTINGS);
        let t0 = Instant::now();
        for _ in 0..4 {
            guard.failed("eva", "10.0.0.1", t0);
        }
        let later = t0 + Duration::from_secs(1) + FAILURE_MEMORY;
        assert_eq!(guard.check("eva", "10.0.0.1", later), None);
        assert_eq!(
            guard.failed("eva", "10.0.0.1", later),
            None,
            "counting from one again"
        );
    }

    #[test]
    fn guessing_from_many_addresses_slows_the_account_except_where_it_signs_in() {
        let guard = SignInGuard::new(SETTINGS);
        let t0 = Instant::now();
        guard.succeeded("eva", "10.0.0.1", t0);
        for i in 0..10 {
            let address = format!("192.0.2.{i}");
            assert_eq!(guard.check("eva", &address, t0), None);
            guard.failed("eva", &address, t0);
        }
        // Over the ceiling: one attempt per interval among unfamiliar addresses.
        assert_eq!(guard.check("eva", "192.0.2.100", t0), None);
        assert_eq!(
            guard.check("eva", "192.0.2.101", t0),
            Some(SLOW_INTERVAL.as_secs())
        );
        assert_eq!(guard.check("eva", "192.0.2.101", t0 + SLOW_INTERVAL), None);
        // Eva's school is familiar and goes straight in.
        assert_eq!(guard.check("eva", "10.0.0.1", t0), None);
        // Other accounts are untouched, and the ceiling's window passes.
        assert_eq!(guard.check("bo", "192.0.2.101", t0), None);
        assert_eq!(guard.check("eva", "192.0.2.102", t0 + CEILING_WINDOW), None);
    }

    #[test]
    fn blocks_after_the_limit_until_the_window_ends() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert_eq!(limiter.hit("a", t0), None);
        assert_eq!(limiter.hit("a", t0), None);
        assert_eq!(limiter.blocked_for("a", t0), Some(60));
        assert_eq!(limiter.hit("a", t0 + Duration::from_secs(10)), Some(50));
        assert_eq!(limiter.hit("b", t0), None, "keys are independent");
        let later = t0 + Duration::from_secs(61);
        assert_eq!(limiter.blocked_for("a", later), None);
        assert_eq!(limiter.hit("a", later), None);
    }

    #[test]
    fn clear_forgets_a_key() {
        let limiter = RateLimiter::new(1, Duration::from_secs(60));
        let t0 = Instant::now();
        limiter.hit("a", t0);
        assert!(limiter.blocked_for("a", t0).is_some());
        limiter.clear("a");
        assert_eq!(limiter.blocked_for("a", t0), None);
    }
}
