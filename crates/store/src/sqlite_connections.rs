//! The SQLite connections that statements run on, handed out without sqlx's pool.
//!
//! sqlx's pool pings a connection each time one is given back (`return_to_pool`), to flush a
//! rollback that a dropped transaction left queued. On SQLite the ping is a round trip to the
//! connection's worker thread, from a task spawned for it: with one per statement, an uncached
//! page of ten statements paid ten more wake-ups of two threads than its queries needed, and
//! there is no option to turn it off. Here a connection goes back to the idle list as it is,
//! when its statement ran to the end; a statement whose future was dropped part-way leaves its
//! connection in a state no one has checked, so that connection is closed instead, and the
//! next one is opened afresh.
//!
//! Transactions still come from sqlx's pool ([`SqliteConnections::begin`]), which keeps its
//! rollback on drop.

use std::sync::Mutex;
use std::time::Duration;

use futures_util::TryStreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqlitePool, SqliteQueryResult, SqliteRow};
use sqlx::{Connection, Describe, Either, Execute, Executor, Sqlite};
use tokio::sync::{Semaphore, SemaphorePermit};

/// How long a statement waits for a free connection before it fails, as sqlx's pool does by
/// default.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);

/// Connections to one SQLite database: sqlx's pool for transactions, and up to `size` more
/// that single statements take in turn.
pub(crate) struct SqliteConnections {
    pool: SqlitePool,
    options: SqliteConnectOptions,
    idle: Mutex<Vec<SqliteConnection>>,
    permits: Semaphore,
}

impl std::fmt::Debug for SqliteConnections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteConnections").field("available", &self.permits.available_permits()).finish()
    }
}

impl SqliteConnections {
    pub(crate) fn new(pool: SqlitePool, options: SqliteConnectOptions, size: usize) -> Self {
        SqliteConnections { pool, options, idle: Mutex::new(Vec::new()), permits: Semaphore::new(size) }
    }

    /// sqlx's pool, for what needs it whole: transactions, migrations, streams of rows.
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A connection of sqlx's pool, for code written against a transaction's connection
    /// (`current_rows!`) that runs outside one.
    pub(crate) async fn acquire(&self) -> Result<sqlx::pool::PoolConnection<Sqlite>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// A transaction on a connection of sqlx's pool.
    pub(crate) async fn begin(&self) -> Result<sqlx::Transaction<'static, Sqlite>, sqlx::Error> {
        self.pool.begin().await
    }

    /// A transaction on a connection of sqlx's pool, opened by `statement`.
    pub(crate) async fn begin_with(
        &self,
        statement: &'static str,
    ) -> Result<sqlx::Transaction<'static, Sqlite>, sqlx::Error> {
        self.pool.begin_with(statement).await
    }

    /// Closes every connection: the idle ones now, the busy ones when their statement ends,
    /// and sqlx's pool once its connections are back.
    pub(crate) async fn close(&self) {
        self.permits.close();
        let idle = std::mem::take(&mut *lock(&self.idle));
        for connection in idle {
            connection.close().await.ok();
        }
        self.pool.close().await;
    }

    async fn lend(&self) -> Result<Lent<'_>, sqlx::Error> {
        let permit = match tokio::time::timeout(ACQUIRE_TIMEOUT, self.permits.acquire()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_closed)) => return Err(sqlx::Error::PoolClosed),
            Err(_elapsed) => return Err(sqlx::Error::PoolTimedOut),
        };
        let connection = lock(&self.idle).pop();
        let connection = match connection {
            Some(connection) => connection,
            None => SqliteConnection::connect_with(&self.options).await?,
        };
        Ok(Lent { connections: self, connection: Some(connection), finished: false, _permit: permit })
    }
}

/// A connection on loan to one statement.
struct Lent<'a> {
    connections: &'a SqliteConnections,
    connection: Option<SqliteConnection>,
    finished: bool,
    _permit: SemaphorePermit<'a>,
}

impl Lent<'_> {
    fn connection(&mut self) -> &mut SqliteConnection {
        self.connection.as_mut().expect("lent until dropped")
    }

    /// Marks the connection fit to lend again after `result`: an error of the database's own
    /// (a constraint, a busy file) leaves it as it was; an I/O error or a crashed worker does
    /// not.
    fn finish<T>(&mut self, result: &Result<T, sqlx::Error>) {
        self.finished = matches!(result, Ok(_) | Err(sqlx::Error::Database(_)));
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        let Some(connection) = self.connection.take() else { return };
        if self.finished && !self.connections.permits.is_closed() {
            lock(&self.connections.idle).push(connection);
        }
        // Otherwise dropping it ends its worker thread, which closes the database handle once
        // the statement it may still be running is done.
    }
}

// A poisoned lock still holds a whole list: pushes and pops never leave half of one.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl<'p> Executor<'p> for &'p SqliteConnections {
    type Database = Sqlite;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<SqliteQueryResult, SqliteRow>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        // The rows are collected before they are handed on: a stream that kept the connection
        // would need to own it across the caller's awaits. Every caller collects them anyway
        // (`fetch_all`, `execute`); the one stream over a whole table (the backup) reads
        // in a transaction, which sqlx's pool lends.
        let rows = async move {
            let mut lent = self.lend().await?;
            let rows = lent.connection().fetch_many(query).try_collect::<Vec<_>>().await;
            lent.finish(&rows);
            rows
        };
        Box::pin(
            futures_util::stream::once(rows)
                .map_ok(|rows| futures_util::stream::iter(rows.into_iter().map(Ok)))
                .try_flatten(),
        )
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, Result<Option<SqliteRow>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        Box::pin(async move {
            let mut lent = self.lend().await?;
            let result = lent.connection().fetch_optional(query).await;
            lent.finish(&result);
            result
        })
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [sqlx::sqlite::SqliteTypeInfo],
    ) -> BoxFuture<'e, Result<sqlx::sqlite::SqliteStatement<'q>, sqlx::Error>>
    where
        'p: 'e,
    {
        Box::pin(async move {
            let mut lent = self.lend().await?;
            let result = lent.connection().prepare_with(sql, parameters).await;
            lent.finish(&result);
            result
        })
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<Sqlite>, sqlx::Error>>
    where
        'p: 'e,
    {
        Box::pin(async move {
            let mut lent = self.lend().await?;
            let result = lent.connection().describe(sql).await;
            lent.finish(&result);
            result
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::SqliteConnections;
    use crate::testing::TestDb;

    fn connections(db: &TestDb) -> &SqliteConnections {
        let crate::Pool::Sqlite(connections) = &db.store.pool else { unreachable!("SQLite") };
        connections
    }

    fn idle(connections: &SqliteConnections) -> usize {
        super::lock(&connections.idle).len()
    }

    #[tokio::test]
    async fn a_connection_goes_back_after_its_statement_and_is_lent_again() {
        let db = TestDb::sqlite().await;
        let connections = connections(&db);
        let taken = std::mem::take(&mut *super::lock(&connections.idle)).len();
        for n in 0..5_i64 {
            let echoed: i64 =
                sqlx::query_scalar("select ?").bind(n).fetch_one(connections).await.expect("select");
            assert_eq!(echoed, n);
            assert_eq!(idle(connections), 1, "after statement {n} (had {taken} idle before)");
        }
        // A statement the database refuses is the statement's fault, not the connection's.
        let refused = sqlx::query("insert into no_such_table values (1)").execute(connections).await;
        assert!(matches!(refused, Err(sqlx::Error::Database(_))), "{refused:?}");
        assert_eq!(idle(connections), 1);
        assert_eq!(connections.permits.available_permits(), 8);
    }

    #[tokio::test]
    async fn a_statement_dropped_part_way_closes_its_connection_and_frees_its_place() {
        let db = TestDb::sqlite().await;
        let connections = connections(&db);
        let _: i64 = sqlx::query_scalar("select 1").fetch_one(connections).await.expect("select");
        assert_eq!(idle(connections), 1);
        // Counts far enough to be dropped while the worker thread still runs it.
        let slow = sqlx::query_scalar::<_, i64>(
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000000)
             select count(*) from n",
        )
        .fetch_one(connections);
        let waited = tokio::time::timeout(Duration::from_millis(50), slow).await;
        assert!(waited.is_err(), "the count finished within 50 ms: {waited:?}");
        assert_eq!(idle(connections), 0, "a connection left part-way was lent again");
        assert_eq!(connections.permits.available_permits(), 8);
        let after: i64 = sqlx::query_scalar("select 2").fetch_one(connections).await.expect("select");
        assert_eq!(after, 2);
    }

    #[tokio::test]
    async fn statements_after_close_fail() {
        let db = TestDb::sqlite().await;
        let connections = connections(&db);
        let _: i64 = sqlx::query_scalar("select 1").fetch_one(connections).await.expect("select");
        connections.close().await;
        assert_eq!(idle(connections), 0);
        let after = sqlx::query_scalar::<_, i64>("select 1").fetch_one(connections).await;
        assert!(matches!(after, Err(sqlx::Error::PoolClosed)), "{after:?}");
    }
}
