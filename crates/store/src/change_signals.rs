//! Word from the database that the change log grew: on PostgreSQL, the notification each
//! commit that adds to the log sends (migration 0028), received on a connection of its own
//! that LISTENs. SQLite has none: its one process wakes its follower itself.
//!
//! A signal only says "read the log": it carries no entry and must never be taken for one.
//! Signals can be lost (a dropped connection, a database restart); the log stays the truth,
//! and whoever waits for signals must also read the log now and then.

use sqlx::postgres::{PgListener, PgPool, PgPoolOptions};

use crate::{Pool, Result, Store};

/// The PostgreSQL channel that migration 0028's trigger notifies.
pub const CHANGE_CHANNEL: &str = "portico_change_log";

/// The `application_name` of a listening connection, with the process id so that an operator
/// (or a test) can tell the nodes' listeners apart in `pg_stat_activity`.
pub fn listener_application_name(process: u32) -> String {
    format!("portico change listener {process}")
}

/// How long connecting the listener may wait: a database that takes longer is retried later,
/// the poll meanwhile doing the listener's work.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Signals that the change log may have grown; see the module docs and [`Store::change_signals`].
pub struct ChangeSignals {
    /// One connection, kept apart from the store's pool: it is held for as long as it listens.
    pool: PgPool,
    /// `None` until listening, and again after a failure.
    listener: Option<PgListener>,
}

impl std::fmt::Debug for ChangeSignals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChangeSignals").field("listening", &self.listener.is_some()).finish()
    }
}

impl Store {
    /// A receiver of change-log signals, on PostgreSQL; `None` on SQLite. It connects on its
    /// first [`ChangeSignals::next`].
    pub fn change_signals(&self) -> Option<ChangeSignals> {
        let Pool::Postgres(pool) = &self.pool else { return None };
        let options = (*pool.connect_options())
            .clone()
            .application_name(&listener_application_name(std::process::id()));
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(CONNECT_TIMEOUT)
            // The one connection lives as long as it listens; a dead one is found by the ping
            // before it is handed out again.
            .max_lifetime(None)
            .idle_timeout(None)
            .connect_lazy_with(options);
        Some(ChangeSignals { pool, listener: None })
    }
}

/// Why [`ChangeSignals::next`] returned: either way, the change log may have grown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeSignal {
    /// A commit added to the log.
    Notified,
    /// A connection listens now, the first or one that replaced a lost one: whatever was
    /// notified before it was not heard.
    Listening,
}

impl ChangeSignals {
    /// Waits for a reason to read the change log. An error leaves nothing listening; the next
    /// call connects again.
    pub async fn next(&mut self) -> Result<ChangeSignal> {
        let Some(listener) = &mut self.listener else {
            let mut listener = PgListener::connect_with(&self.pool).await?;
            listener.listen(CHANGE_CHANNEL).await?;
            self.listener = Some(listener);
            return Ok(ChangeSignal::Listening);
        };
        match listener.try_recv().await {
            Ok(Some(_)) => Ok(ChangeSignal::Notified),
            // The connection was lost and the listener has listened again on a new one.
            Ok(None) => Ok(ChangeSignal::Listening),
            Err(err) => {
                self.listener = None;
                Err(err.into())
            }
        }
    }
}
