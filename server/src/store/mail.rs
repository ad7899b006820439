//! The outbox: messages waiting to be sent, claimed by one sender at a time.

use chrono::{DateTime, Utc};
use kollegium_shared::ids::MunicipalityId;

use super::{Store, with_db};

/// A message due to be sent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueuedMail {
    pub id: i64,
    /// Comma-separated addresses.
    pub recipients: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// A message as the administrators' outbox page shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub recipients: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Unsent messages whose next attempt is due at `now`, oldest first.
    pub async fn due_mail(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<QueuedMail>, sqlx::Error> {
        const SQL: &str = "SELECT id, recipients, subject, body, attempts FROM outbox \
             WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2";
        with_db!(self, pool => sqlx::query_as(SQL).bind(now).bind(limit).fetch_all(pool).await)
    }

    /// Claims message `id` for sending until `lease`: false when another sender has
    /// claimed or sent it meanwhile.
    pub async fn claim_mail(
        &self,
        id: i64,
        now: DateTime<Utc>,
        lease: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        const SQL: &str = "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND sent_at IS NULL AND next_attempt_at <= $3";
        let done = with_db!(self, pool => sqlx::query(SQL).bind(lease).bind(id).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }

    /// The SMTP server accepted message `id`.
    pub async fn mail_sent(&self, id: i64, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
        const SQL: &str = "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2";
        with_db!(self, pool => sqlx::query(SQL).bind(at).bind(id).execute(pool).await.map(|_| ()))
    }

    /// Sending message `id` failed with `error`; it is tried again at `next`.
    pub async fn mail_failed(
        &self,
        id: i64,
        error: &str,
        next: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        const SQL: &str = "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3";
        let error: String = error.chars().take(500).collect();
        with_db!(self, pool => sqlx::query(SQL).bind(error).bind(next).bind(id).execute(pool).await.map(|_| ()))
    }

    /// A municipality's outbox, newest first (the latest 200).
    pub async fn outbox_rows(&self, m: MunicipalityId) -> Result<Vec<OutboxRow>, sqlx::Error> {
        const SQL: &str = "SELECT id, recipients, subject, attempts, last_error, next_attempt_at, sent_at, created_at \
             FROM outbox WHERE municipality_id = $1 ORDER BY id DESC LIMIT 200";
        with_db!(self, pool => sqlx::query_as(SQL).bind(m.0).fetch_all(pool).await)
    }
}
