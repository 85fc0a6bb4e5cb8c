//! Backups of the database: a consistent read of every table as JSON Lines (one object per row,
//! keyed by column), and writing such lines back into an empty database of the same kind.
//!
//! Consistent: the whole read is one transaction — on PostgreSQL `REPEATABLE READ READ ONLY`,
//! on SQLite a read transaction, which in WAL mode sees one snapshot while writers go on — so
//! a backup taken while the site serves and editors write is a state the database really had.
//! Tables come parents first (found from the foreign keys), so that a restore inserts each
//! row after the rows it references; PostgreSQL's id sequences are set past the restored ids.
//!
//! JSON is made and read by the database itself (`row_to_json` / `json_populate_recordset`,
//! `json_object` / `json_extract`), so every value comes back with its type and exact text.
//! This module never touches files: the archive and the media are the binary's.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::TryStreamExt;
use sqlx::{Postgres, Sqlite, Transaction};

use crate::{Pool, Store, StoreError};

/// Tables a fresh migration fills: a restore empties them first, and they do not make a
/// database count as used.
const FILLED_BY_MIGRATIONS: &[&str] = &["pending_rebuilds", "related_pending"];

/// Why a backup or a restore failed in the database.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A restore was asked into a database that holds data.
    #[error("the database is not empty (table {table} has rows)")]
    NotEmpty {
        /// A table that has rows.
        table: String,
    },
    /// The backup names a table this database does not have.
    #[error("the backup has a table this database does not know: {0}")]
    UnknownTable(String),
    /// Rows that the database refused.
    #[error("cannot restore the rows of table {table}: {source}")]
    Rows {
        /// Their table.
        table: String,
        /// The database's reason.
        #[source]
        source: sqlx::Error,
    },
}

impl From<sqlx::Error> for BackupError {
    fn from(err: sqlx::Error) -> Self {
        BackupError::Store(StoreError::Database(err))
    }
}

enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$tx` bound to the transaction's connection.
macro_rules! on_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match &mut $tx {
            Tx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}

/// Quotes an identifier read from the catalog (names of tables and columns).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// (table, column) or (child table, parent table) pairs, as the catalog lists them.
type Pairs = Vec<(String, String)>;

/// Every table but the migrations' own, parents before children, and each table's columns.
async fn catalog(tx: &mut Tx) -> Result<Vec<(String, Vec<String>)>, BackupError> {
    let (tables, references, columns): (Vec<String>, Pairs, Pairs) = match tx {
        Tx::Sqlite(tx) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "select name from sqlite_master where type = 'table'
                     and name not like 'sqlite_%' and name <> '_sqlx_migrations' order by name",
            )
            .fetch_all(&mut **tx)
            .await?;
            let mut references = Vec::new();
            let mut columns = Vec::new();
            for table in &tables {
                let parents: Vec<String> =
                    sqlx::query_scalar("select \"table\" from pragma_foreign_key_list($1)")
                        .bind(table)
                        .fetch_all(&mut **tx)
                        .await?;
                references.extend(parents.into_iter().map(|parent| (table.clone(), parent)));
                let names: Vec<String> =
                    sqlx::query_scalar("select name from pragma_table_info($1) order by cid")
                        .bind(table)
                        .fetch_all(&mut **tx)
                        .await?;
                columns.extend(names.into_iter().map(|name| (table.clone(), name)));
            }
            (tables, references, columns)
        }
        Tx::Postgres(tx) => {
            let tables = sqlx::query_scalar(
                "select table_name::text from information_schema.tables
                     where table_schema = current_schema() and table_type = 'BASE TABLE'
                     and table_name <> '_sqlx_migrations' order by table_name",
            )
            .fetch_all(&mut **tx)
            .await?;
            let references = sqlx::query_as(
                "select child.relname::text, parent.relname::text from pg_constraint c
                     join pg_class child on child.oid = c.conrelid
                     join pg_class parent on parent.oid = c.confrelid
                     where c.contype = 'f' and c.connamespace = current_schema()::regnamespace",
            )
            .fetch_all(&mut **tx)
            .await?;
            let columns = sqlx::query_as(
                "select table_name::text, column_name::text from information_schema.columns
                     where table_schema = current_schema() order by table_name, ordinal_position",
            )
            .fetch_all(&mut **tx)
            .await?;
            (tables, references, columns)
        }
    };
    let mut columns_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column) in columns {
        columns_of.entry(table).or_default().push(column);
    }
    // Parents first; a table that references itself (a menu's parent item) keeps its rows in
    // id order, in which parents come first.
    let mut parents: BTreeMap<&str, BTreeSet<&str>> =
        tables.iter().map(|t| (t.as_str(), BTreeSet::new())).collect();
    for (child, parent) in &references {
        if child != parent && tables.contains(parent) && tables.contains(child) {
            parents.entry(child.as_str()).or_default().insert(parent.as_str());
        }
    }
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut ordered: Vec<String> = Vec::with_capacity(tables.len());
    while ordered.len() < tables.len() {
        let ready: Vec<&str> = parents
            .iter()
            .filter(|(table, waiting)| !done.contains(*table) && waiting.is_subset(&done))
            .map(|(table, _)| *table)
            .collect();
        if ready.is_empty() {
            // A cycle of foreign keys: not in our schema; the rest go in name order.
            ordered.extend(tables.iter().filter(|t| !done.contains(t.as_str())).cloned());
            break;
        }
        done.extend(ready.iter().copied());
        ordered.extend(ready.into_iter().map(str::to_owned));
    }
    Ok(ordered
        .into_iter()
        .map(|table| {
            let columns = columns_of.remove(&table).unwrap_or_default();
            (table, columns)
        })
        .collect())
}

/// A consistent read of the whole database; see the module docs.
pub struct Snapshot {
    tx: Tx,
    tables: Vec<(String, Vec<String>)>,
}

impl Store {
    /// The version of the newest migration applied: a backup restores only into the same.
    pub async fn schema_version(&self) -> Result<i64, BackupError> {
        let version: Option<i64> = crate::on_pool!(self, |pool| {
            sqlx::query_scalar("select max(version) from _sqlx_migrations where success")
                .fetch_one(pool)
                .await
        })?;
        Ok(version.unwrap_or(0))
    }

    /// Starts a consistent read of every table.
    pub async fn snapshot(&self) -> Result<Snapshot, BackupError> {
        let mut tx = match &self.pool {
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("set transaction isolation level repeatable read, read only")
                    .execute(&mut *tx)
                    .await?;
                Tx::Postgres(tx)
            }
        };
        let tables = catalog(&mut tx).await?;
        Ok(Snapshot { tx, tables })
    }

    /// Starts writing a backup into this database, which must be migrated and hold nothing
    /// (see [`BackupError::NotEmpty`]). Nothing is visible until [`Restore::finish`].
    pub async fn restore(&self) -> Result<Restore, BackupError> {
        let mut tx = match &self.pool {
            Pool::Sqlite(connections) => Tx::Sqlite(connections.begin_with(self.begin_write()).await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        };
        let tables = catalog(&mut tx).await?;
        for (table, _) in &tables {
            let sql = format!("select count(*) from {}", quoted(table));
            let rows: i64 = on_tx!(tx, |conn| sqlx::query_scalar(&sql).fetch_one(conn).await)?;
            if FILLED_BY_MIGRATIONS.contains(&table.as_str()) {
                let sql = format!("delete from {}", quoted(table));
                on_tx!(tx, |conn| sqlx::query(&sql).execute(conn).await.map(|_| ()))?;
            } else if rows > 0 {
                return Err(BackupError::NotEmpty { table: table.clone() });
            }
        }
        Ok(Restore { tx, tables })
    }
}

impl Snapshot {
    /// The tables, parents first.
    pub fn tables(&self) -> Vec<String> {
        self.tables.iter().map(|(table, _)| table.clone()).collect()
    }

    /// How many rows `table` holds, for a progress bar.
    pub async fn count(&mut self, table: &str) -> Result<u64, BackupError> {
        let table = self.known(table)?.0;
        let sql = format!("select count(*) from {}", quoted(&table));
        let rows: i64 = on_tx!(self.tx, |conn| sqlx::query_scalar(&sql).fetch_one(conn).await)?;
        Ok(u64::try_from(rows).unwrap_or(0))
    }

    /// Hands every row of `table` to `each` as one line of JSON, in the order of its first
    /// column (its id); stops early when `each` answers `false`. Returns the rows handed over.
    pub async fn each_row(
        &mut self,
        table: &str,
        mut each: impl AsyncFnMut(String) -> bool,
    ) -> Result<u64, BackupError> {
        let (table, columns) = self.known(table)?;
        let first = columns.first().map(|c| quoted(c)).unwrap_or_else(|| "1".to_owned());
        let sql = match self.tx {
            Tx::Postgres(_) => {
                format!("select row_to_json(t)::text from {} t order by t.{first}", quoted(&table))
            }
            Tx::Sqlite(_) => {
                let pairs: Vec<String> =
                    columns.iter().map(|c| format!("'{}', {}", c.replace('\'', "''"), quoted(c))).collect();
                format!("select json_object({}) from {} order by {first}", pairs.join(", "), quoted(&table))
            }
        };
        let mut count = 0;
        on_tx!(self.tx, |conn| {
            let mut rows = sqlx::query_scalar::<_, String>(&sql).fetch(conn);
            while let Some(line) = rows.try_next().await? {
                count += 1;
                if !each(line).await {
                    break;
                }
            }
        });
        Ok(count)
    }

    /// The media rows: each id with the file names its row names besides the original
    /// (`media/{id}/original.*`).
    pub async fn media(&mut self) -> Result<Vec<(i64, Vec<String>)>, BackupError> {
        let rows: Vec<(i64, String)> =
            on_tx!(self.tx, |conn| sqlx::query_as("select id, renditions from media order by id")
                .fetch_all(conn)
                .await)?;
        Ok(rows
            .into_iter()
            .map(|(id, renditions)| {
                (id, renditions.split(',').filter(|name| !name.is_empty()).map(str::to_owned).collect())
            })
            .collect())
    }

    /// Ends the read.
    pub async fn finish(self) -> Result<(), BackupError> {
        match self.tx {
            Tx::Sqlite(tx) => tx.rollback().await?,
            Tx::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }

    fn known(&self, table: &str) -> Result<(String, Vec<String>), BackupError> {
        self.tables
            .iter()
            .find(|(name, _)| name == table)
            .cloned()
            .ok_or_else(|| BackupError::UnknownTable(table.to_owned()))
    }
}

/// A restore under way: one transaction; see [`Store::restore`].
pub struct Restore {
    tx: Tx,
    tables: Vec<(String, Vec<String>)>,
}

impl Restore {
    /// Inserts rows (lines of [`Snapshot::each_row`]) into `table`.
    pub async fn insert(&mut self, table: &str, lines: &[String]) -> Result<(), BackupError> {
        if lines.is_empty() {
            return Ok(());
        }
        let (table, columns) = self
            .tables
            .iter()
            .find(|(name, _)| name == table)
            .cloned()
            .ok_or_else(|| BackupError::UnknownTable(table.to_owned()))?;
        let rows = format!("[{}]", lines.join(","));
        let sql = match self.tx {
            Tx::Postgres(_) => format!(
                "insert into {name} select * from json_populate_recordset(null::{name}, $1::json)",
                name = quoted(&table)
            ),
            Tx::Sqlite(_) => {
                let names: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
                let values: Vec<String> = columns
                    .iter()
                    .map(|c| {
                        format!("json_extract(value, '$.\"{}\"')", c.replace('\'', "''").replace('"', ""))
                    })
                    .collect();
                format!(
                    "insert into {} ({}) select {} from json_each($1)",
                    quoted(&table),
                    names.join(", "),
                    values.join(", ")
                )
            }
        };
        on_tx!(self.tx, |conn| sqlx::query(&sql).bind(&rows).execute(conn).await.map(|_| ()))
            .map_err(|source| BackupError::Rows { table: table.clone(), source })?;
        Ok(())
    }

    /// Sets PostgreSQL's id sequences past the restored ids, and commits.
    pub async fn finish(mut self) -> Result<(), BackupError> {
        if let Tx::Postgres(tx) = &mut self.tx {
            let identities: Vec<(String, String)> = sqlx::query_as(
                "select table_name::text, column_name::text from information_schema.columns
                 where table_schema = current_schema()
                 and (is_identity = 'YES' or column_default like 'nextval(%')",
            )
            .fetch_all(&mut **tx)
            .await?;
            for (table, column) in identities {
                let sql = format!(
                    "select setval(pg_get_serial_sequence($1, $2), coalesce(max({c}), 0) + 1, false) from {t}",
                    c = quoted(&column),
                    t = quoted(&table)
                );
                sqlx::query(&sql).bind(quoted(&table)).bind(&column).execute(&mut **tx).await?;
            }
        }
        match self.tx {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}
