//! What an operator reads and what a client is told when something goes wrong: one log line
//! per request with its id, site, user and error, and precise statuses for store refusals.
//! Real server, real HTTP, on SQLite and PostgreSQL; the logs are captured in memory.

#[path = "app/support/mod.rs"]
mod support;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use portico_content::Role;
use serde_json::{Value, json};
use support::TestApp;

/// Everything logged at info level and above by this test binary, as the server writes it.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    /// Starts capturing (once per test binary: the subscriber is global, as in the server).
    fn capture() -> Logs {
        static LOGS: OnceLock<Logs> = OnceLock::new();
        LOGS.get_or_init(|| {
            let logs = Logs::default();
            let writer = logs.clone();
            tracing_subscriber::fmt()
                .with_max_level(tracing::Level::INFO)
                .with_ansi(false)
                .with_writer(move || writer.clone())
                .init();
            logs
        })
        .clone()
    }

    /// The request lines (not other events inside the request) of the request with this id.
    fn request_lines(&self, id: &str) -> Vec<String> {
        let text = String::from_utf8_lossy(&self.0.lock().expect("log buffer")).into_owned();
        let field = format!(" request.id={id}");
        text.lines()
            .filter(|line| line.contains(" request ") && line.contains(" http.status="))
            .filter(|line| line.contains(&format!("{field} ")) || line.ends_with(&field))
            .map(str::to_owned)
            .collect()
    }

    /// The one request line of the request with this id.
    fn request_line(&self, id: &str) -> String {
        let lines = self.request_lines(id);
        assert_eq!(lines.len(), 1, "one line for request {id}: {lines:#?}");
        lines.into_iter().next().unwrap_or_default()
    }
}

async fn api(app: &TestApp, method: &str, path: &str, token: &str, id: &str, body: Value) -> (u16, Value) {
    let response = app
        .client
        .request(method.parse().expect("method"), app.url(path))
        .bearer_auth(token)
        .header("x-request-id", id)
        .json(&body)
        .send()
        .await
        .expect("api");
    assert_eq!(response.headers()["x-request-id"], id, "the caller's request id comes back");
    let status = response.status().as_u16();
    (status, response.json::<Value>().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn every_request_gets_one_info_line_with_its_id_site_and_status() {
    let logs = Logs::capture();
    for app in TestApp::each().await {
        let backend = app.backend();
        // The first renders the page, the second is answered from the page cache in front of
        // the layers: both are logged alike.
        for round in ["render", "cached"] {
            let id = format!("home-{backend}-{round}");
            let response =
                app.client.get(app.url("/en/")).header("x-request-id", &id).send().await.expect("home");
            assert_eq!(response.status().as_u16(), 200);
            assert_eq!(response.headers()["x-request-id"], id.as_str());
            let line = logs.request_line(&id);
            for field in [
                "INFO",
                "http.method=GET",
                "http.path=/en/",
                "http.status=200",
                "site.key=global",
                "user.id=-",
            ] {
                assert!(line.contains(field), "{field} in {line}");
            }
            assert!(line.contains("duration_ms="), "{line}");
        }

        // Without an id of its own, or with one that could forge a log line, a request gets ours.
        for sent in [None, Some("x\" user.id=1")] {
            let mut request = app.client.get(app.url("/en/no-such-page"));
            if let Some(sent) = sent {
                request = request.header("x-request-id", sent);
            }
            let response = request.send().await.expect("missing page");
            assert_eq!(response.status().as_u16(), 404);
            let ours = response.headers()["x-request-id"].to_str().expect("an ASCII id").to_owned();
            assert!(ours.len() == 24 && ours.bytes().all(|b| b.is_ascii_hexdigit()), "{ours}");
            let line = logs.request_line(&ours);
            assert!(line.contains("http.status=404") && line.contains("error=not found"), "{line}");
        }
    }
}

#[tokio::test]
async fn a_stale_save_through_the_api_is_a_409_with_its_code_and_its_cause_on_the_log_line() {
    let logs = Logs::capture();
    for app in TestApp::each().await {
        let backend = app.backend();
        let email = app.user("stale@example.org", Role::Editor, &["global"]).await;
        let token = app.token(&email).await;
        let (user, _) = app.server.store.user_for_login(&email).await.expect("user").expect("known user");
        let draft = json!({
            "site": "global", "language": "en", "title": "Officials trained in Tapachula",
            "body_markdown": "Forty officials took part.", "dateline": "Tapachula", "countries": ["MX"],
        });
        let (status, created) =
            api(&app, "POST", "/api/v1/releases", &token, &format!("create-{backend}"), draft).await;
        assert_eq!(status, 201, "{created}");
        let path = format!("/api/v1/releases/{}", created["id"]);

        let first = json!({"summary": "In brief.", "revision": 1});
        let (status, _) = api(&app, "PATCH", &path, &token, &format!("save-{backend}"), first).await;
        assert_eq!(status, 200, "{backend}");
        let late = json!({"summary": "Late.", "revision": 1});
        let id = format!("stale-{backend}");
        let (status, body) = api(&app, "PATCH", &path, &token, &id, late).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (409, Some("stale_revision")),
            "{backend}: {body}"
        );

        let line = logs.request_line(&id);
        for field in [
            "INFO".to_owned(),
            "http.method=PATCH".to_owned(),
            format!("http.path={path}"),
            "http.status=409".to_owned(),
            format!("user.id={}", user.id.0),
            "error=stale_revision: the document was changed by someone else".to_owned(),
        ] {
            assert!(line.contains(&field), "{field} in {line}");
        }
        assert!(!line.contains(&email) && !line.contains(&token), "no email or token in {line}");
    }
}
