//! Test databases: each test gets its own SQLite file or PostgreSQL database, so tests run
//! in parallel against real databases. PostgreSQL is found at `PORTICO_TEST_POSTGRES`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`).

use std::sync::atomic::{AtomicU32, Ordering};

use crate::{NewSite, Store};

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A site with `languages` (the first its default), for `country`'s office when given,
/// served at no host of its own, showing the default language where a translation is missing.
pub fn new_site(key: &str, languages: &[&str], country: Option<&str>) -> NewSite {
    NewSite {
        key: key.into(),
        name: key.into(),
        languages: languages.iter().map(|l| (*l).to_owned()).collect(),
        country: country.map(str::to_owned),
        hosts: vec![],
        names: Default::default(),
        fallback_to_default: true,
    }
}

/// A migrated, empty database that is removed when dropped.
pub struct TestDb {
    /// The store over it.
    pub store: Store,
    url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// One database of each kind, SQLite first.
    pub async fn each() -> Vec<TestDb> {
        vec![TestDb::sqlite().await, TestDb::postgres().await]
    }

    /// A fresh SQLite file in a temporary folder.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary folder");
        let url = format!("sqlite:{}", dir.path().join("portico.db").display());
        let store = Store::connect(&url).await.expect("open SQLite");
        store.migrate().await.expect("migrate SQLite");
        TestDb { store, url, _dir: Some(dir), postgres: None }
    }

    /// A fresh PostgreSQL database on the test server.
    pub async fn postgres() -> TestDb {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let admin_url =
            std::env::var("PORTICO_TEST_POSTGRES").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned());
        let name = format!(
            "portico_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            time::OffsetDateTime::now_utc().unix_timestamp_nanos() % 1_000_000_000
        );
        let admin = Store::connect(&admin_url).await.unwrap_or_else(|e| {
            panic!("PostgreSQL for tests is not reachable (set PORTICO_TEST_POSTGRES): {e}")
        });
        crate::on_pool!(admin, |pool| sqlx::query(&format!("create database {name}"))
            .execute(pool)
            .await
            .map(|_| ()))
        .expect("create test database");
        admin.close().await;
        let (base, _) = admin_url.rsplit_once('/').expect("database URL with a path");
        let url = format!("{base}/{name}");
        let store = Store::connect(&url).await.expect("open PostgreSQL");
        store.migrate().await.expect("migrate PostgreSQL");
        TestDb { store, url, _dir: None, postgres: Some((admin_url, name)) }
    }

    /// The URL the database opens with, for a server under test.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs SQL as written (several statements allowed), for tests that break the database on
    /// purpose, such as a trigger that refuses every insert into a table.
    pub async fn execute(&self, sql: &str) -> crate::Result<()> {
        crate::on_pool!(self.store, |pool| sqlx::raw_sql(sql).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The backends on this database through which the process `process` listens for
    /// change-log notifications (and has run its LISTEN): their pids.
    pub async fn change_listeners(&self, process: u32) -> crate::Result<Vec<i32>> {
        let crate::Pool::Postgres(pool) = &self.store.pool else { return Ok(Vec::new()) };
        Ok(sqlx::query_scalar(
            "select pid from pg_stat_activity
             where application_name = $1 and datname = current_database() and query ilike 'listen%'
             order by pid",
        )
        .bind(crate::listener_application_name(process))
        .fetch_all(pool)
        .await?)
    }

    /// Ends a PostgreSQL backend from the database's side, as a restart or a proxy's idle cut
    /// would; whether there was one to end.
    pub async fn terminate_backend(&self, pid: i32) -> crate::Result<bool> {
        let crate::Pool::Postgres(pool) = &self.store.pool else { return Ok(false) };
        Ok(sqlx::query_scalar("select pg_terminate_backend($1)").bind(pid).fetch_one(pool).await?)
    }

    /// Makes the database refuse every audit entry whose action is `action`, as a full disk
    /// or a lost connection would refuse it, so a test can see that the change it came with is
    /// not stored either.
    pub async fn refuse_audit_action(&self, action: &str) {
        // Quoted by doubling: the action is a test's own constant, but stay well-formed.
        let action = action.replace('\'', "''");
        match &self.store.pool {
            crate::Pool::Sqlite(connections) => {
                let pool = &**connections;
                sqlx::query(&format!(
                    "create trigger refuse_audit before insert on audit_log when new.action = '{action}'
                     begin select raise(abort, 'audit entry refused'); end"
                ))
                .execute(pool)
                .await
                .expect("SQLite trigger");
            }
            crate::Pool::Postgres(pool) => {
                sqlx::query(&format!(
                    "create function refuse_audit() returns trigger language plpgsql as $$
                     begin
                       if new.action = '{action}' then raise exception 'audit entry refused'; end if;
                       return new;
                     end $$"
                ))
                .execute(pool)
                .await
                .expect("PostgreSQL function");
                sqlx::query(
                    "create trigger refuse_audit before insert on audit_log
                     for each row execute function refuse_audit()",
                )
                .execute(pool)
                .await
                .expect("PostgreSQL trigger");
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime, which cannot block on itself: use a thread.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async {
                if let Ok(admin) = Store::connect(&admin_url).await {
                    let sql = format!("drop database if exists {name} with (force)");
                    let _ = crate::on_pool!(admin, |pool| sqlx::query(&sql).execute(pool).await.map(|_| ()));
                    admin.close().await;
                }
            });
            Ok::<_, std::io::Error>(())
        })
        .join();
    }
}

impl Store {
    /// The related-release scores as the first, exhaustive query gave them: every published
    /// release of the site in `language` sharing a theme or country with `document`, scored
    /// one point per shared theme and country, best first then newest, as (document, score).
    /// It reads the whole archive; tests compare the bounded query against it.
    pub async fn related_scores_exhaustive(
        &self,
        site: portico_content::SiteId,
        language: &str,
        document: portico_content::DocumentId,
        limit: i64,
    ) -> crate::Result<Vec<(i64, i64)>> {
        let sql = "select v.document_id, r.score from variants v
             join (select s.document_id, count(*) as score from (
                       select b.document_id from document_themes a
                       join document_themes b on b.theme_id = a.theme_id
                       where a.document_id = $4 and b.document_id <> $4
                       union all
                       select b.document_id from document_countries a
                       join document_countries b on b.country = a.country
                       where a.document_id = $4 and b.document_id <> $4) s
                   group by s.document_id) r on r.document_id = v.document_id
             where v.site_id = $1 and v.language = $2 and v.kind = 'release' and v.status = 'published'
               and v.published_at <= $3
             order by r.score desc, v.published_at desc, v.id desc
             limit $5";
        Ok(crate::on_pool!(self, |pool| {
            sqlx::query_as(sql)
                .bind(site.0)
                .bind(language)
                .bind(crate::now())
                .bind(document.0)
                .bind(limit)
                .fetch_all(pool)
                .await
        })?)
    }

    /// How many themes and countries two documents share.
    pub async fn shared_theme_and_country_count(
        &self,
        a: portico_content::DocumentId,
        b: portico_content::DocumentId,
    ) -> crate::Result<i64> {
        let sql = "select (select count(*) from document_themes x join document_themes y on y.theme_id = x.theme_id
                           where x.document_id = $1 and y.document_id = $2)
                        + (select count(*) from document_countries x join document_countries y on y.country = x.country
                           where x.document_id = $1 and y.document_id = $2)";
        Ok(crate::on_pool!(self, |pool| {
            sqlx::query_scalar(sql).bind(a.0).bind(b.0).fetch_one(pool).await
        })?)
    }
}

/// Every `library` row and every count, in order.
pub type LibrarySnapshot = (Vec<(i64, String, i32, i64)>, Vec<(i64, String, String, String, i64)>);

impl Store {
    /// The libraries as kept on write, for tests that compare them with a rebuild.
    pub async fn library_snapshot(&self) -> crate::Result<LibrarySnapshot> {
        Ok(crate::on_pool!(self, |pool| async {
            let rows = sqlx::query_as(
                "select site_id, selection, year, document_id from library
                 order by site_id, selection, year, document_id",
            )
            .fetch_all(pool)
            .await?;
            let counts = sqlx::query_as(
                "select site_id, selection, facet, value, n from library_counts
                 order by site_id, selection, facet, value",
            )
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((rows, counts))
        }
        .await)?)
    }

    /// A library page counted over its selection, never from the rows kept on write: what
    /// [`Store::library`] must equal.
    pub async fn library_counted_over_selection(
        &self,
        site: portico_content::SiteId,
        language: &str,
        languages: &[String],
        filter: &crate::PublicationFilter,
        limit: i64,
        offset: i64,
    ) -> crate::Result<crate::PublicationList> {
        self.library_with(site, language, languages, filter, limit, offset, false).await
    }
}

/// Every `listing` row and every non-zero count, in order.
pub type ListingSnapshot = (Vec<(i64, String, i64, i64, i64)>, Vec<(i64, String, i64, i64)>);

impl Store {
    /// The lists as kept on write, for tests that compare them with a rebuild.
    pub async fn listing_snapshot(&self) -> crate::Result<ListingSnapshot> {
        Ok(crate::on_pool!(self, |pool| async {
            let rows = sqlx::query_as(
                "select site_id, language, facet, published_at, document_id from listing
                 order by site_id, language, facet, published_at, document_id",
            )
            .fetch_all(pool)
            .await?;
            let counts = sqlx::query_as(
                "select site_id, language, facet, n from listing_counts where n <> 0
                 order by site_id, language, facet",
            )
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((rows, counts))
        }
        .await)?)
    }
}

/// A variant as the document list's tests check it: read whole, without the list's code.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListFacts {
    /// The variant.
    pub id: i64,
    /// Its site.
    pub site_id: i64,
    /// Language code.
    pub language: String,
    /// `release` or `page`.
    pub kind: String,
    /// Workflow status.
    pub status: String,
    /// Title.
    pub title: String,
    /// Publication time.
    pub published_at: Option<time::OffsetDateTime>,
    /// Last save.
    pub updated_at: time::OffsetDateTime,
    /// Creator.
    pub author_id: Option<i64>,
    /// Last saver.
    pub updated_by: Option<i64>,
    /// The document's countries, comma-separated.
    pub countries: String,
}

impl Store {
    /// Every variant with what the document list filters and sorts by. Reads the whole
    /// archive: tests compare the paged list with it.
    pub async fn list_facts(&self) -> crate::Result<Vec<ListFacts>> {
        let rows: Vec<ListFacts> = crate::on_pool!(self, |pool| {
            sqlx::query_as(
                "select v.id, v.site_id, v.language, v.kind, v.status, v.title, v.published_at, v.updated_at,
                        v.author_id, v.updated_by, '' as countries
                 from variants v order by v.id",
            )
            .fetch_all(pool)
            .await
        })?;
        let countries: Vec<(i64, String)> = crate::on_pool!(self, |pool| {
            sqlx::query_as(
                "select v.id, dc.country from variants v join document_countries dc on dc.document_id = v.document_id",
            )
            .fetch_all(pool)
            .await
        })?;
        let mut by_variant: std::collections::HashMap<i64, Vec<String>> = Default::default();
        for (id, country) in countries {
            by_variant.entry(id).or_default().push(country);
        }
        Ok(rows
            .into_iter()
            .map(|mut row| {
                row.countries = by_variant.remove(&row.id).unwrap_or_default().join(",");
                row
            })
            .collect())
    }
}
