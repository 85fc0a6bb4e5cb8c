//! A real Portico server on a free port, over a fresh SQLite file or PostgreSQL database,
//! with the demo content loaded (as with `--demo`: neither is the embedded default), and
//! helpers to read what a reader would see.

#![allow(dead_code, reason = "each test file uses its own share of these helpers")]

pub mod nodes;

use portico::server::{ServeConfig, Server, Tuning, start_tuned};
use portico_content::Role;
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

    /// One server per database kind, each with `transport` (TLS and trusted proxies).
    pub async fn each_with_transport(transport: portico_web::Transport) -> Vec<TestApp> {
        let tuning = Tuning { transport, ..Tuning::default() };
        let mut apps = Vec::new();
        for db in TestDb::each().await {
            apps.push(TestApp::on_tuned(db, &tuning).await);
        }
        apps
    }

    /// One server per database kind that believes the forwarding headers of loopback
    /// addresses: the test client plays the proxy that ends TLS.
    pub async fn each_behind_proxy() -> Vec<TestApp> {
        TestApp::each_with_transport(behind_loopback_proxy()).await
    }

    /// One server per database kind, with the demo content and these extra country sites
    /// (key, languages, country), created before the server starts.
    pub async fn each_with_sites(sites: &[(&str, &[&str], &str)]) -> Vec<TestApp> {
        let mut apps = Vec::new();
        for db in TestDb::each().await {
            let data = tempfile::tempdir().expect("data folder");
            let media = portico_media::MediaStorage::local(data.path().join("media"));
            portico::demo::load(&db.store, &media).await.expect("demo content");
            for (key, languages, country) in sites {
                // The demo content has country sites of its own; reuse one with the same key.
                if db.store.site_by_key(key).await.expect("site").is_some() {
                    continue;
                }
                db.store
                    .create_site(
                        &portico_store::NewSite {
                            key: (*key).to_owned(),
                            name: format!("IOM {country}"),
                            languages: languages.iter().map(|l| (*l).to_owned()).collect(),
                            country: Some((*country).to_owned()),
                            hosts: vec![],
                            names: Default::default(),
                            fallback_to_default: true,
                        },
                        &portico_store::Audit::system("test", "site.create"),
                    )
                    .await
                    .expect("site");
            }
            apps.push(TestApp::on_tuned_in(db, &Tuning::default(), data).await);
        }
        apps
    }

    /// Creates a user with `role` on the sites with these keys; returns their email.
    pub async fn user(&self, email: &str, role: Role, sites: &[&str]) -> String {
        let store = &self.server.store;
        let mut ids = Vec::new();
        for key in sites {
            ids.push(store.site_by_key(key).await.expect("site").expect("known site").id);
        }
        let password_hash = portico_web::session::hash_password(PASSWORD.to_owned()).await.expect("hash");
        store
            .create_user(
                &portico_store::NewUser {
                    email: email.to_owned(),
                    name: email.to_owned(),
                    password_hash,
                    role,
                    sites: ids,
                },
                &portico_store::Audit::system("test", "user.create"),
            )
            .await
            .expect("user");
        email.to_owned()
    }

    /// Signs `email` in through the real login form; returns a browser-like session.
    pub async fn login(&self, email: &str) -> Session {
        login_at(&self.server.url(), email, self.backend()).await
    }

    /// A fresh API token for `email`.
    pub async fn token(&self, email: &str) -> String {
        let store = &self.server.store;
        let (user, _) = store.user_for_login(email).await.expect("user").expect("known user");
        let token = format!("ptc_test_{}", portico_web::session::random_token().expect("random"));
        store
            .create_api_token(
                user.id,
                "test",
                &portico_web::session::token_hash(&token),
                &portico_store::Audit::system("test", "token.create"),
            )
            .await
            .expect("token");
        token
    }

    /// A server over `db`, loading the demo content into it.
    pub async fn on(db: TestDb) -> TestApp {
        TestApp::on_tuned(db, &Tuning::default()).await
    }

    /// [`TestApp::on`] with other timeouts, connection cap or page cache.
    pub async fn on_tuned(db: TestDb, tuning: &Tuning) -> TestApp {
        TestApp::on_tuned_in(db, tuning, tempfile::tempdir().expect("data folder")).await
    }

    /// [`TestApp::on_tuned`] over the data folder `data`, where the demo content may have
    /// put its media already.
    pub async fn on_tuned_in(db: TestDb, tuning: &Tuning, data: tempfile::TempDir) -> TestApp {
        let config = ServeConfig {
            listen: "127.0.0.1:0".into(),
            data: data.path().to_path_buf(),
            database: Some(db.url().to_owned()),
            media: None,
            theme: None,
            schedule_every: std::time::Duration::from_millis(500),
            allow_loopback_feeds: true,
            fallback_site: Some("global".into()),
            demo: true,
        };
        let server = start_tuned(&config, tuning).await.expect("server starts");
        let client = reqwest::Client::builder()
            .redirect(Policy::none())
            .no_gzip()
            .no_brotli()
            .build()
            .expect("client");
        TestApp { server, db, _data: data, client }
    }

    /// Where the server keeps uploaded media (`DATA/media`).
    pub fn media_dir(&self) -> std::path::PathBuf {
        self._data.path().join("media")
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

/// Forwarding headers believed from 127.0.0.1 only.
pub fn behind_loopback_proxy() -> portico_web::Transport {
    portico_web::Transport {
        https: false,
        trusted_proxies: vec![portico_web::Transport::parse_proxy("127.0.0.1").expect("proxy")],
    }
}

/// Signs `email` in at the server `base` (`http://127.0.0.1:PORT`), on `backend` for messages.
pub async fn login_at(base: &str, email: &str, backend: &str) -> Session {
    let client =
        reqwest::Client::builder().redirect(Policy::none()).cookie_store(true).build().expect("client");
    let form = client.get(format!("{base}/admin/login")).send().await.expect("login form");
    let html = Html::parse_document(&form.text().await.expect("body"));
    let csrf = attrs(&html, "input[name=_csrf]", "value").remove(0);
    let response = client
        .post(format!("{base}/admin/login"))
        .form(&[("_csrf", csrf.as_str()), ("email", email), ("password", PASSWORD), ("next", "/admin")])
        .send()
        .await
        .expect("login");
    assert_eq!(response.status().as_u16(), 303, "{email} signs in on {backend}");
    let dashboard = client.get(format!("{base}/admin")).send().await.expect("dashboard");
    let html = Html::parse_document(&dashboard.text().await.expect("body"));
    let csrf = attrs(&html, "form[action='/admin/logout'] input[name=_csrf]", "value").remove(0);
    Session { client, csrf, base: base.to_owned() }
}

/// The password every test user gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// A signed-in back-office session: a cookie jar and the session's CSRF token.
pub struct Session {
    pub client: reqwest::Client,
    pub csrf: String,
    base: String,
}

impl Session {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.expect("request")
    }

    /// POSTs a form with the session's CSRF token added, from the same origin.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("_csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .form(&form)
            .send()
            .await
            .expect("request")
    }

    pub async fn page(&self, path: &str, status: u16) -> Html {
        let response = self.get(path).await;
        assert_eq!(response.status().as_u16(), status, "GET {path}");
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

/// Creates a release on `site` as a test writes it (a system actor in the audit log).
pub async fn create_release(
    store: &portico_store::Store,
    site: &portico_store::Site,
    language: &str,
    draft: portico_content::Draft,
    status: portico_content::Status,
) -> portico_content::DocumentId {
    store
        .create_document(
            &portico_store::NewDocument {
                site: site.id,
                kind: portico_content::Kind::Release,
                language: language.to_owned(),
                draft,
                status,
                author: None,
            },
            &portico_store::Audit::system("test", "document.create"),
        )
        .await
        .expect("create")
        .0
}

/// Records a 1600 × 900 JPEG on `site` ("Tents in a camp") with these renditions, as an upload
/// would have named them; no file is written.
pub async fn camp_image(
    store: &portico_store::Store,
    site: &portico_store::Site,
    renditions: &[&str],
) -> portico_content::MediaId {
    store
        .create_media(
            &portico_store::NewMedia {
                site: site.id,
                kind: "image".into(),
                file_name: "camp.jpg".into(),
                mime: "image/jpeg".into(),
                width: 1600,
                height: 900,
                bytes: 1000,
                alt: "Tents in a camp".into(),
                caption: String::new(),
                credit: String::new(),
                renditions: renditions.iter().map(|r| (*r).to_owned()).collect(),
                created_by: None,
                pdf: None,
            },
            &portico_store::Audit::system("test", "media.upload"),
        )
        .await
        .expect("media")
}
