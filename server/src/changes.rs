//! Which live meeting changed, told to every follower on every server: at once to this
//! server's followers through a broadcast channel, and on PostgreSQL to the other
//! servers of the database by `NOTIFY`, which each server's relay hears and passes on
//! to its own followers. Followers still look now and then on their own, in case a
//! change was told while a relay was reconnecting.

use std::time::Duration;

use tokio::sync::broadcast::Sender;

use crate::state::AppState;
use crate::store::{Engine, LIVE_CHANNEL, Store};

/// Told instead of a meeting's id when every follower should look: a session ended
/// (its follower must be let go), or the relay missed what was said while it
/// reconnected.
pub const EVERY_MEETING: i64 = -1;

/// How often a follower looks without being told: often on SQLite, where followers of
/// another process are never told; seldom on PostgreSQL, where every server is told.
pub fn look_every(engine: Engine) -> Duration {
    match engine {
        Engine::Sqlite => Duration::from_secs(3),
        Engine::Postgres => Duration::from_secs(30),
    }
}

/// Tells every follower of `meeting` (or [`EVERY_MEETING`]) on every server that it
/// changed. The change is stored already: a server that is not told looks later.
pub async fn announce(state: &AppState, meeting: i64) {
    let _ = state.live.send(meeting);
    if let Err(error) = state.store.notify(LIVE_CHANNEL, &meeting.to_string()).await {
        tracing::warn!(%error, meeting, "could not tell the other servers of a live change");
    }
}

/// On PostgreSQL, passes what the other servers announce on to this server's
/// followers, until the database is closed; nothing on SQLite.
pub fn spawn_relay(store: Store, live: Sender<i64>) {
    if store.engine() != Engine::Postgres {
        return;
    }
    tokio::spawn(async move {
        loop {
            match store.listen(LIVE_CHANNEL).await {
                None => return,
                Some(Ok(listener)) => {
                    // What was told before this connection listened is not heard.
                    let _ = live.send(EVERY_MEETING);
                    if relay(listener, &live).await.is_err() {
                        return;
                    }
                }
                Some(Err(sqlx::Error::PoolClosed)) => return,
                Some(Err(error)) => {
                    tracing::warn!(%error, "not hearing the other servers' live changes; trying again");
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}

/// Passes notifications on until the connection fails (`Ok`, to listen anew) or the
/// database is closed (`Err`).
async fn relay(mut listener: sqlx::postgres::PgListener, live: &Sender<i64>) -> Result<(), ()> {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                if let Ok(meeting) = notification.payload().parse::<i64>() {
                    let _ = live.send(meeting);
                }
            }
            // Lost and connected again: what was said meanwhile is lost.
            Ok(None) => {
                let _ = live.send(EVERY_MEETING);
            }
            Err(sqlx::Error::PoolClosed) => return Err(()),
            Err(error) => {
                tracing::warn!(%error, "the live changes' connection failed");
                return Ok(());
            }
        }
    }
}
