//! A real Portico server on a free port, over a fresh SQLite file or PostgreSQL database,
//! with the demo content loaded, and helpers to read what a reader would see.

#![allow(dead_code, reason = "each test file uses its own share of these helpers")]

use portico::server::{ServeConfig, Server, start};
use portico_store::testing::TestDb;
use reqwest::redirect::Policy;
use scraper::{Html, Selector};

/// A running server and what it runs on.
pub struct TestApp {
    pub server: Server,
    pub db: TestDb,
    _data: tempfile::TempDir,
    /// A client that sends no `Accept-Encoding` and follows no redirect.
    pub client: reqwest::Client,
}

impl TestApp {
    /// One server per database kind, SQLite first.
    pub async fn each() -> Vec<TestApp> {
        let mut apps = Vec::new();
        for db in TestDb::each().await {
            apps.push(TestApp::on(db).await);
        }
        apps
    }

    /// A server over `db`, loading the demo content into it.
    pub async fn on(db: TestDb) -> TestApp {
        let data = tempfile::tempdir().expect("data folder");
        let config = ServeConfig {
            listen: "127.0.0.1:0".into(),
            data: data.path().to_path_buf(),
            database: Some(db.url().to_owned()),
            theme: None,
            schedule_every: std::time::Duration::from_millis(500),
        };
        let server = start(&config).await.expect("server starts");
        let client = reqwest::Client::builder()
            .redirect(Policy::none())
            .no_gzip()
            .no_brotli()
            .build()
            .expect("client");
        TestApp { server, db, _data: data, client }
    }

    /// Which database this app runs on, for assertion messages.
    pub fn backend(&self) -> &'static str {
        self.server.store.backend()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    /// GETs `path`, asserts `status`, and parses the body as HTML.
    pub async fn page(&self, path: &str, status: u16) -> Html {
        let response = self.get(path).await;
        assert_eq!(response.status().as_u16(), status, "GET {path} on {}", self.backend());
        Html::parse_document(&response.text().await.expect("body"))
    }
}

/// The trimmed text of every element matching `selector`.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The text of the first element matching `selector`, or "" when none does.
pub fn text(html: &Html, selector: &str) -> String {
    texts(html, selector).into_iter().next().unwrap_or_default()
}

/// The value of `attribute` on every element matching `selector`.
pub fn attrs(html: &Html, selector: &str, attribute: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("selector");
    html.select(&selector).filter_map(|e| e.value().attr(attribute).map(str::to_owned)).collect()
}

/// The path of the seed's release (the San Salvador meeting of August 2015).
pub async fn seed_release_path(app: &TestApp) -> String {
    let html = app.page("/en/news?country=sv&year=2015", 200).await;
    attrs(&html, ".card-title a", "href").into_iter().next().expect("the seed release is listed")
}
