//! Test databases: each test gets its own SQLite file or PostgreSQL database, so tests run
//! in parallel against real databases. PostgreSQL is found at `PORTICO_TEST_POSTGRES`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`).

use std::sync::atomic::{AtomicU32, Ordering};

use crate::Store;

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

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
