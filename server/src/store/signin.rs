//! The sign-in limits' state (`crate::security::ratelimit` decides what it means).

use super::{BeginWrite, Store, with_db};
use crate::security::ratelimit::{AccountState, PairState, now_ms};

/// An account's row as stored.
#[derive(sqlx::FromRow)]
struct AccountRow {
    window_started_ms: Option<i64>,
    window_failures: i64,
    next_unfamiliar_ms: Option<i64>,
    familiar: String,
}

impl AccountRow {
    fn into_state(self) -> AccountState {
        AccountState {
            window: self.window_started_ms.map(|start| {
                (
                    start,
                    u32::try_from(self.window_failures).unwrap_or(u32::MAX),
                )
            }),
            next_unfamiliar: self.next_unfamiliar_ms,
            familiar: serde_json::from_str(&self.familiar).unwrap_or_default(),
        }
    }
}

impl Store {
    /// Counts an attempt in `bucket`'s window of `window` ms, starting a new window when
    /// the last one is over; the window's start and its attempts so far. One statement,
    /// so attempts arriving at once at several servers are all counted.
    pub async fn hit_sign_in_window(
        &self,
        bucket: &str,
        now: i64,
        window: i64,
    ) -> Result<(i64, i64), sqlx::Error> {
        const SQL: &str = "INSERT INTO sign_in_windows (bucket, started_ms, hits, keep_until_ms) VALUES ($1, $2, 1, $2 + $3) \
             ON CONFLICT (bucket) DO UPDATE SET \
             hits = CASE WHEN sign_in_windows.started_ms + $3 <= $2 THEN 1 ELSE sign_in_windows.hits + 1 END, \
             started_ms = CASE WHEN sign_in_windows.started_ms + $3 <= $2 THEN $2 ELSE sign_in_windows.started_ms END, \
             keep_until_ms = CASE WHEN sign_in_windows.started_ms + $3 <= $2 THEN $2 + $3 ELSE sign_in_windows.keep_until_ms END \
             RETURNING started_ms, hits";
        with_db!(self, pool => sqlx::query_as(SQL).bind(bucket).bind(now).bind(window).fetch_one(pool).await)
    }

    /// Runs `step` on `account`'s state and its pair with `address` as stored, and
    /// stores what it leaves, in one transaction that holds the account's row: steps on
    /// one account follow one another, on whichever server they run.
    pub async fn with_sign_in_state<T>(
        &self,
        account: &str,
        address: &str,
        step: impl FnOnce(&mut Option<PairState>, &mut AccountState, i64) -> T,
    ) -> Result<T, sqlx::Error> {
        // Touching the row (made when missing) takes its lock on PostgreSQL; SQLite's
        // write transaction holds the whole database anyway.
        const TAKE: &str = "INSERT INTO sign_in_accounts (account, keep_until_ms) VALUES ($1, 0) \
             ON CONFLICT (account) DO UPDATE SET account = EXCLUDED.account \
             RETURNING window_started_ms, window_failures, next_unfamiliar_ms, familiar";
        const PAIR: &str = "SELECT failures, last_failure_ms, wait_until_ms FROM sign_in_pairs \
             WHERE account = $1 AND address = $2";
        const SAVE: &str = "UPDATE sign_in_accounts SET window_started_ms = $1, window_failures = $2, \
             next_unfamiliar_ms = $3, familiar = $4, keep_until_ms = $5 WHERE account = $6";
        const SAVE_PAIR: &str = "INSERT INTO sign_in_pairs (account, address, failures, last_failure_ms, wait_until_ms, keep_until_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account, address) DO UPDATE SET \
             failures = EXCLUDED.failures, last_failure_ms = EXCLUDED.last_failure_ms, \
             wait_until_ms = EXCLUDED.wait_until_ms, keep_until_ms = EXCLUDED.keep_until_ms";
        const FORGET_PAIR: &str = "DELETE FROM sign_in_pairs WHERE account = $1 AND address = $2";
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let row: AccountRow = sqlx::query_as(TAKE).bind(account).fetch_one(&mut *tx).await?;
            let before = row.into_state();
            let stored: Option<(i64, i64, i64)> = sqlx::query_as(PAIR).bind(account).bind(address).fetch_optional(&mut *tx).await?;
            let stored = stored.map(|(failures, last_failure, wait_until)| PairState {
                failures: u32::try_from(failures).unwrap_or(u32::MAX),
                last_failure,
                wait_until,
            });
            let (mut pair, mut state) = (stored, before.clone());
            let out = step(&mut pair, &mut state, now_ms());
            if state != before {
                let familiar = serde_json::to_string(&state.familiar).unwrap_or_else(|_| "[]".into());
                sqlx::query(SAVE)
                    .bind(state.window.map(|(start, _)| start))
                    .bind(state.window.map_or(0, |(_, n)| i64::from(n)))
                    .bind(state.next_unfamiliar)
                    .bind(familiar)
                    .bind(state.keep_until())
                    .bind(account)
                    .execute(&mut *tx).await?;
            }
            match pair {
                Some(p) if Some(p) != stored => {
                    sqlx::query(SAVE_PAIR)
                        .bind(account).bind(address).bind(i64::from(p.failures))
                        .bind(p.last_failure).bind(p.wait_until).bind(p.keep_until())
                        .execute(&mut *tx).await?;
                }
                None if stored.is_some() => {
                    sqlx::query(FORGET_PAIR).bind(account).bind(address).execute(&mut *tx).await?;
                }
                _ => {}
            }
            tx.commit().await?;
            Ok(out)
        })
    }

    /// Removes the limits' rows that no longer matter; how many went.
    pub async fn sweep_sign_in_state(&self) -> Result<u64, sqlx::Error> {
        let now = now_ms();
        let mut gone = 0;
        for table in ["sign_in_windows", "sign_in_accounts", "sign_in_pairs"] {
            let sql = format!("DELETE FROM {table} WHERE keep_until_ms < $1");
            gone += with_db!(self, pool => sqlx::query(&sql).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        }
        Ok(gone)
    }
}
