//! Limits sign-in attempts per client address and failed attempts per account, in
//! fixed windows held in memory (one server process; a restart forgets them).

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

#[cfg(test)]
mod tests {
    use super::*;

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
