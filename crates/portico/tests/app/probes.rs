//! Liveness and readiness, on SQLite and PostgreSQL: `/livez` answers while the process does,
//! `/readyz` only while the database answers with its schema migrated, and neither is ever
//! kept by the page cache. `/healthz` answers as it always has. The 503 of a server shutting
//! down is in `graceful_shutdown.rs`, with a real process.

use crate::support;

use portico::server::{ServeConfig, start};
use portico_store::testing::TestDb;
use support::TestApp;

async fn probe(app: &TestApp, path: &str) -> (u16, String, String) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    let cache_control =
        response.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    (status, cache_control, response.text().await.expect("body"))
}

#[tokio::test]
async fn readiness_follows_the_schema_and_the_database_and_liveness_does_not() {
    for app in TestApp::each().await {
        let backend = app.backend();
        assert_eq!(probe(&app, "/livez").await, (200, "no-store".into(), "alive\n".into()), "{backend}");
        assert_eq!(probe(&app, "/readyz").await, (200, "no-store".into(), "ready\n".into()), "{backend}");
        assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
        // Under a site's prefix they are not the probes: one address each.
        assert_eq!(app.get("/sites/global/readyz").await.status().as_u16(), 404);

        // A migration this build knows is missing (a database an older node set up, before
        // this node's start-up migrated it): not ready, though alive and healthy.
        app.db
            .execute(
                "delete from _sqlx_migrations where version = (select max(version) from _sqlx_migrations)",
            )
            .await
            .expect("forget a migration");
        assert_eq!(probe(&app, "/readyz").await, (503, "no-store".into(), "schema not migrated\n".into()));
        assert_eq!(probe(&app, "/livez").await.0, 200);
        assert_eq!(app.get("/healthz").await.status().as_u16(), 200);

        // The database gone: not ready, still alive. Had either answer been cached, it would
        // still say what it said before.
        app.server.store.close().await;
        assert_eq!(
            probe(&app, "/readyz").await,
            (503, "no-store".into(), "database unavailable\n".into()),
            "{backend}"
        );
        assert_eq!(probe(&app, "/livez").await, (200, "no-store".into(), "alive\n".into()));
        assert_eq!(app.get("/healthz").await.status().as_u16(), 503);
    }
}

#[tokio::test]
async fn probes_answer_before_the_database_has_a_site() {
    for db in TestDb::each().await {
        let data = tempfile::tempdir().expect("data folder");
        let config = ServeConfig {
            listen: "127.0.0.1:0".into(),
            data: data.path().to_path_buf(),
            database: Some(db.url().to_owned()),
            demo: false,
            allow_loopback_feeds: true,
            ..ServeConfig::default()
        };
        let server = start(&config).await.expect("server starts");
        let get = |path: &'static str| {
            let url = format!("{}{path}", server.url());
            async move { reqwest::get(url).await.expect("request").status().as_u16() }
        };
        assert_eq!(get("/en/").await, 503, "pages wait for `portico init`");
        assert_eq!(get("/livez").await, 200);
        assert_eq!(get("/readyz").await, 200, "a migrated database is ready for `portico init`");
        server.stop().await.expect("stop");
    }
}
