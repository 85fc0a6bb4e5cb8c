//! Who may read `/metrics`: this machine by default (not through a proxy), the holder of a
//! token, or nobody. A real server on SQLite and PostgreSQL.

use crate::support;

use portico::server::Tuning;
use portico_store::testing::TestDb;
use portico_web::metrics::MetricsAccess;
use support::TestApp;

fn with(metrics: MetricsAccess) -> Tuning {
    Tuning { metrics, ..Tuning::default() }
}

#[tokio::test]
async fn metrics_answer_this_machine_by_default_and_never_through_a_proxy() {
    for app in TestApp::each().await {
        let direct = app.get("/metrics").await;
        assert_eq!(direct.status().as_u16(), 200, "{}", app.backend());
        assert!(direct.text().await.expect("body").contains("portico_"));
        for header in ["x-forwarded-for", "forwarded", "x-real-ip"] {
            let proxied = app
                .client
                .get(app.url("/metrics"))
                .header(header, "203.0.113.9")
                .send()
                .await
                .expect("request");
            assert_eq!(proxied.status().as_u16(), 404, "{header} on {}", app.backend());
        }
    }
}

#[tokio::test]
async fn metrics_can_ask_for_a_token_or_be_off() {
    for db in TestDb::each().await {
        let app = TestApp::on_tuned(db, &with(MetricsAccess::Token("s3cret-metrics".into()))).await;
        let anonymous = app.get("/metrics").await;
        assert_eq!(anonymous.status().as_u16(), 401, "{}", app.backend());
        assert_eq!(anonymous.headers()["www-authenticate"], "Bearer");
        let wrong = app.client.get(app.url("/metrics")).bearer_auth("guess").send().await.expect("request");
        assert_eq!(wrong.status().as_u16(), 401);
        let right =
            app.client.get(app.url("/metrics")).bearer_auth("s3cret-metrics").send().await.expect("request");
        assert_eq!(right.status().as_u16(), 200, "{}", app.backend());
    }
    for db in TestDb::each().await {
        let app = TestApp::on_tuned(db, &with(MetricsAccess::Off)).await;
        assert_eq!(app.get("/metrics").await.status().as_u16(), 404, "{}", app.backend());
    }
}
