//! Telling the other servers of one PostgreSQL database what changed (`NOTIFY`), and
//! hearing what they tell (`LISTEN`). SQLite has one server, which tells its own.

use sqlx::postgres::PgListener;

use super::{Db, Store};

/// The channel live meetings' changes are announced on.
pub const LIVE_CHANNEL: &str = "kollegium_live";

impl Store {
    /// Announces `payload` on `channel` to every server listening on this database;
    /// nothing on SQLite.
    pub async fn notify(&self, channel: &str, payload: &str) -> Result<(), sqlx::Error> {
        if let Db::Postgres(pool) = &self.db {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(channel)
                .bind(payload)
                .execute(pool)
                .await?;
        }
        Ok(())
    }

    /// A connection listening on `channel`, on PostgreSQL; `None` on SQLite.
    pub async fn listen(&self, channel: &str) -> Option<Result<PgListener, sqlx::Error>> {
        let Db::Postgres(pool) = &self.db else {
            return None;
        };
        Some(
            async {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(channel).await?;
                Ok(listener)
            }
            .await,
        )
    }
}
