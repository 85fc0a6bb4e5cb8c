//! Persistence for Portico: one [`Store`] over SQLite (the zero-configuration default) or
//! PostgreSQL (for many nodes), with the same meaning on both.
//!
//! All SQL lives in this crate. Queries are written once in portable SQL (`$1…$n`,
//! `returning`, `on conflict`) and dispatched per pool by [`on_pool!`]; where the dialects
//! truly differ the branch stays in here. Every write that changes what readers see appends
//! to the change log in the same transaction.

mod accounts;
mod api_queries;
mod audit;
mod autosaves;
pub mod backup;
mod bulk;
mod cache_feed;
mod change_signals;
mod document_list;
mod documents;
mod error;
pub mod follower;
mod identity;
mod imports;
mod ingest;
mod install;
mod library;
mod listing;
mod mail;
mod media;
mod menus;
mod one_row;
mod overview;
mod pickers;
mod plans;
mod programmes;
mod publications;
mod reading;
mod redirects;
mod related;
mod search_feed;
mod sites;
mod sqlite_connections;
mod syndication;
mod taxonomy;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod translations;
mod two_factor;
mod user_admin;
mod vacancies;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{ConnectOptions, Connection};
use time::OffsetDateTime;

pub use accounts::{ApiToken, LoginFailures, NewSession, NewUser, SessionInfo, User};
pub use api_queries::{DocumentTags, PublishedRelease, ReleaseCursor};
pub use audit::{Actor, Audit, AuditFilter, AuditRecord};
pub use autosaves::{Autosave, AutosaveTarget};
pub use bulk::{ImportDocument, ImportVariant};
pub use change_signals::{CHANGE_CHANNEL, ChangeSignal, ChangeSignals, listener_application_name};
pub use document_list::{
    COUNT_CAP, DOCUMENT_PAGE_SIZE, DateField, DocumentPage, DocumentQuery, ListOrder, ListPosition,
    ListTotal, ListedDocument, PageFrom, SCAN_BUDGET, SortValue,
};
pub use documents::{DocumentRow, EditableVariant, NewDocument, Revision};
pub use error::StoreError;
pub use identity::{NO_PASSWORD, NewSsoLogin, PendingSsoLogin, ProviderSignIn, SsoOutcome, SsoTokens};
pub use imports::{ImportOutcome, ImportedState, SourcedDocument, SourcedVariant};
pub use ingest::{
    FeedId, FeedSubscription, FeedUpdate, FetchStatus, IngestedItem, IngestedList, NewFeedSubscription,
    NewIngestedItem,
};
pub use install::{ALREADY_INITIALIZED, InitialPage, Installation, Installed};
pub use mail::{
    DIGEST_HOUR_UTC, Frequency, MailRelease, MailRequests, MailVariant, NewEmail, NewSubscriber,
    OUTBOX_BATCH, OutboxEmail, SUBSCRIBER_PAGE, Subscriber, SubscriberId,
};
pub use media::{IMAGE_SEARCH_WINDOW, ImagePage, Media, NewMedia, PdfFacts, Picked};
pub use menus::{MenuItem, NewMenuItem};
pub use overview::{MonthCount, Scheduled};
pub use programmes::{NewProgramme, Programme, ProgrammeName};
pub use publications::{
    FacetCount, PUBLICATION_PAGE, PublicationFacets, PublicationFile, PublicationFilter, PublicationList,
    PublishedPublication,
};
pub use reading::{
    GOAL_PAGES, GoalCount, Page, PageTeaser, Release, ReleaseFacets, ReleaseFilter, ReleaseList,
    ReleaseSummary,
};
pub use redirects::{Redirect, redirect_path};
pub use related::RELATED_KEPT;
pub use search_feed::{ChangeEntry, IndexableVariant, TouchedList};
pub use sites::{NewSite, Site};
pub use syndication::{FeedRelease, SitemapEntry};
pub use taxonomy::{
    Contact, ContactName, NewContact, NewPartner, NewTheme, Partner, PartnerName, TaxonomyKind, Theme,
    ThemeName,
};
pub use translations::{TranslationRow, TranslationSource, VariantInfo};
pub use two_factor::{Promotion, SessionStage, TotpEnrolment, TotpSecret};
pub use user_admin::UserChange;
pub use vacancies::{PublishedVacancy, VACANCY_PAGE, VacancyFilter, VacancyList};

/// A result whose error is a [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database a [`Store`] talks to.
#[derive(Clone)]
enum Pool {
    Sqlite(std::sync::Arc<sqlite_connections::SqliteConnections>),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool. The body is compiled once per
/// database, so it must be written in SQL both understand.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pool {
            $crate::Pool::Sqlite(connections) => match &**connections {
                $pool => $body,
            },
            $crate::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// The database behind Portico. Cheap to clone: it is a handle to a connection pool.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    /// The key that signs subscription links, once read: it never changes once made (see
    /// [`Store::mail_signing_key`]), and every email composed is signed with it.
    mail_key: std::sync::Arc<std::sync::OnceLock<String>>,
}

impl std::fmt::Debug for Store {
    // Never print the URL: it may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend()).finish()
    }
}

/// How long a PostgreSQL request waits for a connection before it is refused as unavailable
/// (a 503 with `Retry-After`). sqlx retries a refused connection until then, so it is also
/// how long a write waits while the database restarts: long enough to ride out a fast
/// restart or failover, short enough that an editor hears within seconds, and that a node
/// whose 16 connections are all busy sheds load rather than queueing it.
pub const POOL_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// sqlx logs a slow statement with its whole text, which for a bulk insert is a line of
/// hundreds of kilobytes: only at debug level, where someone looking for it reads it.
const SLOW_STATEMENT_LOG: log::LevelFilter = log::LevelFilter::Debug;
const SLOW_STATEMENT: Duration = Duration::from_secs(1);

impl Store {
    /// Opens the database named by `url`: `postgres://…` (or `postgresql://…`), or
    /// `sqlite:PATH` / a bare file path for SQLite, created when missing.
    pub async fn connect(url: &str) -> Result<Store> {
        let pool = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)
                .map_err(StoreError::Connect)?
                .log_slow_statements(SLOW_STATEMENT_LOG, SLOW_STATEMENT);
            // One direct attempt first: the pool would retry a refused connection until its
            // acquire timeout, and an operator with a wrong URL should hear so at once.
            PgConnection::connect_with(&options)
                .await
                .map_err(StoreError::Connect)?
                .close()
                .await
                .map_err(StoreError::Connect)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(POOL_ACQUIRE_TIMEOUT)
                .connect_lazy_with(options);
            Pool::Postgres(pool)
        } else {
            let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"));
            let options = match path {
                Some(_) => SqliteConnectOptions::from_str(url).map_err(StoreError::Connect)?,
                None => SqliteConnectOptions::new().filename(Path::new(url)),
            }
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // After a checkpoint the log file is cut back to this size rather than kept at
            // its largest.
            .pragma("journal_size_limit", "67108864")
            // Reads through a memory map of the whole file: a page read is a memory access,
            // not a `pread` system call copying it out of the kernel's page cache, which was
            // the largest cost of reading a sitemap part at 100 000 releases. The bundled
            // SQLite allows 2 GiB unless built with a higher ceiling, which
            // .cargo/config.toml sets (1 TiB); built without it, this is 2 GiB. Mapped pages
            // are the kernel's file cache, not the process's own memory.
            .pragma("mmap_size", "1099511627776")
            .log_slow_statements(SLOW_STATEMENT_LOG, SLOW_STATEMENT);
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                // sqlx pings a connection each time the pool hands it out, to find one a
                // network peer dropped; a file does not drop connections, and on SQLite the
                // ping is one more round trip to the connection's worker thread per query.
                .test_before_acquire(false)
                .connect_with(options.clone())
                .await
                .map_err(StoreError::Connect)?;
            // Single statements run on connections of their own, given back without the ping
            // sqlx's pool sends on every return (see `sqlite_connections`).
            Pool::Sqlite(std::sync::Arc::new(sqlite_connections::SqliteConnections::new(pool, options, 8)))
        };
        Ok(Store { pool, mail_key: Default::default() })
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite(connections) => SQLITE_MIGRATIONS.run(connections.pool()).await?,
            Pool::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        self.run_pending_rebuilds().await
    }

    /// Whether every migration this build knows has been applied: what a node needs before it
    /// takes traffic (readiness). Migrations a newer node applied do not count against it:
    /// since 0009 they only add (the README's "Run it for real" says which did more).
    pub async fn schema_is_current(&self) -> Result<bool> {
        let applied: Vec<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar("select version from _sqlx_migrations where success").fetch_all(pool).await
        })?;
        let known = match self.pool {
            Pool::Sqlite(_) => &SQLITE_MIGRATIONS,
            Pool::Postgres(_) => &POSTGRES_MIGRATIONS,
        };
        Ok(known.iter().filter(|m| m.migration_type.is_up_migration()).all(|m| applied.contains(&m.version)))
    }

    /// The statement that opens a transaction that will write. On SQLite it takes the write
    /// lock at once: a transaction that reads first and writes later cannot wait for the
    /// lock when another writer holds it, and fails with "database is locked" instead.
    pub(crate) fn begin_write(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "BEGIN IMMEDIATE",
            Pool::Postgres(_) => "BEGIN",
        }
    }

    /// Answers when the database answers.
    pub async fn ping(&self) -> Result<()> {
        on_pool!(self, |pool| sqlx::query("select 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Called between the batches of a long run of large writes (an import). SQLite: copies
    /// the write-ahead log into the database and empties it, waiting for readers to move on;
    /// the log otherwise grows without bound, since the automatic checkpoints never find a
    /// moment without a reader. PostgreSQL: refreshes the planner's statistics of the tables
    /// an import grows; autovacuum lags behind, and a planner that still takes them for
    /// empty reads a whole table for each batch's lookups (seen: 1.7 s for 500 ids).
    pub async fn checkpoint(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite(connections) => {
                let pool = &**connections;
                sqlx::query("pragma wal_checkpoint(truncate)").execute(pool).await?;
            }
            Pool::Postgres(pool) => {
                sqlx::query(
                    "analyze documents, variants, revisions, document_countries, document_themes,
                     document_partners, document_contacts, listing, listing_counts, related_pending",
                )
                .execute(pool)
                .await?;
            }
        }
        Ok(())
    }

    /// How many bytes the database takes on disk now (PostgreSQL: this database's size; SQLite:
    /// the file and its write-ahead log).
    pub async fn disk_bytes(&self, sqlite_file: Option<&Path>) -> Result<u64> {
        match &self.pool {
            Pool::Postgres(pool) => {
                let bytes: i64 =
                    sqlx::query_scalar("select pg_database_size(current_database())").fetch_one(pool).await?;
                Ok(u64::try_from(bytes).unwrap_or(0))
            }
            Pool::Sqlite(_) => {
                let Some(file) = sqlite_file else { return Ok(0) };
                let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                let mut wal = file.as_os_str().to_owned();
                wal.push("-wal");
                Ok(size(file) + size(Path::new(&wal)))
            }
        }
    }

    /// Closes every connection; later calls fail.
    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }
}

/// The current time as stored: UTC, whole seconds, so that SQLite's text timestamps compare
/// in the same order as PostgreSQL's.
pub fn now() -> OffsetDateTime {
    normalize(OffsetDateTime::now_utc())
}

/// A time as stored: UTC, whole seconds.
pub fn normalize(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use crate::testing::TestDb;

    /// A database larger than 2 GiB is read through its memory map only when SQLite was
    /// built with the higher ceiling (.cargo/config.toml); without it the pragma is cut
    /// back to 2 GiB without a word.
    #[tokio::test]
    async fn sqlite_maps_files_larger_than_two_gibibytes() {
        let db = TestDb::sqlite().await;
        let crate::Pool::Sqlite(connections) = &db.store.pool else { unreachable!("SQLite") };
        let pool = &**connections;
        let mapped: i64 = sqlx::query_scalar("pragma mmap_size").fetch_one(pool).await.expect("pragma");
        assert_eq!(mapped, 1 << 40, "the mmap ceiling SQLite was built with");
    }
}
