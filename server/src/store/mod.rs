//! The store: every SQL statement of the server lives below this module.
//!
//! One portable SQL set serves both engines. Statements use `$1`-style placeholders,
//! which PostgreSQL and SQLite (through sqlx) both understand, and only SQL both
//! engines speak. [`with_db!`] compiles each statement once per engine, with each
//! engine's own pool and column types (so chrono timestamps work, which `sqlx::Any`
//! cannot carry). Migrations live per engine in `migrations/<engine>/` and are kept in
//! lockstep by a test.

mod agendas;
mod archive;
mod auth;
mod changes;
mod dialogues;
mod followup;
mod goals;
mod groups;
pub mod library;
mod mail;
mod meetings;
mod networks;
mod org;
mod preparation;
mod projects;
mod results;
mod schools;
pub mod seed;
mod signin;
mod staff;
mod subjects;
mod talks;
mod wheel;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use agendas::TemplateRefusal;
pub use auth::{LoginCandidate, SessionPerson};
pub use changes::LIVE_CHANNEL;
pub use dialogues::StoredDialogue;
pub use followup::{Membership, UnpublishedMeeting};
pub use goals::{GoalRefusal, GoalViewer, NewGoal, YearGoalRows};
pub use groups::{FormedGroup, GroupFilter};
pub use mail::{OutboxRow, QueuedMail};
pub use meetings::{OutgoingMail, patched_time};
pub use networks::StoredIctGroup;
pub use preparation::StoredPreparation;
pub use projects::StoredProject;
pub use results::{FigureRow, ResultCounts};
pub use talks::{BookRefusal, StoredSlot, StoredTalk};
pub use wheel::MilestoneOnWheel;

/// Runs `$body` with `$pool` bound to the store's pool, whichever engine it is.
macro_rules! with_db {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.db {
            $crate::store::Db::Sqlite($pool) => $body,
            $crate::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_db;

/// Which engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub(crate) enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A handle to the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) db: Db,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl Store {
    /// Connects to `url` (`sqlite://…` or `postgres://…`), creating a SQLite file and
    /// its directory when missing.
    pub async fn connect(url: &str) -> anyhow::Result<Store> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(20)
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await
                .context("connecting to PostgreSQL")?;
            Ok(Store {
                db: Db::Postgres(pool),
            })
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .context("reading the SQLite URL")?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            if let Some(dir) = options
                .get_filename()
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                // A connection must come back to the pool outside any transaction and with
                // no statement holding a lock: one that does not would keep SQLite's write
                // lock while it waits in the pool, and every other write would fail with
                // "database is locked" (seen once in a browser-test run, cause not found).
                // `BEGIN` fails inside a transaction, so such a connection is closed, which
                // rolls it back; otherwise `ROLLBACK` ends the probe and also ends any
                // statement left unfinished.
                .after_release(|conn, _| {
                    Box::pin(async move {
                        use sqlx::Executor;
                        if conn.execute("BEGIN").await.is_err() {
                            tracing::warn!(
                                "a database connection came back inside a transaction; closing it"
                            );
                            return Ok(false);
                        }
                        conn.execute("ROLLBACK").await?;
                        Ok(true)
                    })
                })
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await
                .context("opening the SQLite database")?;
            Ok(Store {
                db: Db::Sqlite(pool),
            })
        } else {
            anyhow::bail!("the database URL must start with sqlite:// or postgres://")
        }
    }

    /// Which engine this store runs on.
    pub fn engine(&self) -> Engine {
        match self.db {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match &self.db {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        self.backfill_search_keys().await?;
        Ok(())
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    /// Closes the pool, waiting for connections in use.
    pub async fn close(&self) {
        with_db!(self, pool => pool.close().await);
    }
}

/// Starts a transaction that writes. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), waiting for it under the busy timeout: a deferred transaction
/// that reads first and writes later cannot wait when another connection writes
/// meanwhile, and fails with "database is locked" instead.
pub(crate) trait BeginWrite {
    type Db: sqlx::Database;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>;
}

impl BeginWrite for SqlitePool {
    type Db = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Db = sqlx::Postgres;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// `$first, $first+1, …` for `n` parameters.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether an error is a unique-constraint violation (mapped by kind, not by name:
/// SQLite reports no constraint names).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// The outcome of a versioned change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update<T> {
    /// Applied; the object as it now stands.
    Done(T),
    /// No such object in the caller's municipality.
    NotFound,
    /// The object changed since the version the caller sent.
    Stale,
}
