//! A site of one's own: `portico init` sets up an organization's empty, working site on
//! either database and refuses bad answers and initialized databases in one line; the demo
//! loads only into the embedded default or with `--demo`, and an empty database otherwise
//! says it waits for `portico init`, in the logs (JSON ones too) and on every page.

use crate::support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use portico::server::{ServeConfig, start};
use portico_store::testing::TestDb;
use support::{PASSWORD, TestApp, attrs, text, texts};

const PORTICO: &str = env!("CARGO_BIN_EXE_portico");

/// Runs `portico init` with `args` on `data` and `database`, with no terminal and no
/// password in the environment, off the async threads.
async fn init(data: &Path, database: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(PORTICO);
    command.arg("init").arg("--data").arg(data).args(args);
    match database {
        Some(url) => command.arg("--database").arg(url),
        None => command.env_remove("PORTICO_DATABASE"),
    };
    command.env_remove("PORTICO_ADMIN_PASSWORD").stdin(Stdio::null());
    tokio::task::spawn_blocking(move || command.output().expect("run portico init")).await.expect("join")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The flags of a complete, valid `portico init`, with the password in `password_file`.
fn answers(password_file: &Path) -> Vec<String> {
    [
        "--name",
        "Agency for Orderly Migration",
        "--name-in",
        "fr=Agence pour des migrations ordonnées",
        "--languages",
        "en,fr",
        "--public-url",
        "https://news.example.org",
        "--admin-email",
        "Web.Admin@example.org",
        "--password-file",
        password_file.to_str().expect("path"),
    ]
    .map(str::to_owned)
    .to_vec()
}

#[tokio::test]
async fn init_sets_up_an_empty_working_site_with_sections_menus_and_an_administrator() {
    for db in TestDb::each().await {
        let backend = db.store.backend();
        let data = tempfile::tempdir().expect("data");
        let password_file = data.path().join("password");
        std::fs::write(&password_file, format!("{PASSWORD}\n")).expect("password file");
        let args = answers(&password_file);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let done = init(data.path(), Some(db.url()), &args).await;
        assert!(done.status.success(), "init on {backend}: {}", stderr(&done));
        let said = String::from_utf8_lossy(&done.stdout).into_owned() + &stderr(&done);
        assert!(!said.contains(PASSWORD), "the password is never printed");

        let sites = db.store.sites().await.expect("sites");
        assert_eq!(sites.len(), 1, "one site, no demo country sites, on {backend}");
        assert_eq!(sites[0].key, "global");
        assert_eq!(sites[0].hosts, ["news.example.org"]);
        assert_eq!(sites[0].languages, ["en", "fr"]);

        let app = TestApp::on(db).await;
        let home = app.page("/en/", 200).await;
        assert_eq!(text(&home, ".brand-name"), "Agency for Orderly Migration");
        let menu = attrs(&home, "nav.main-nav a", "href");
        for path in [
            "/en/who-we-are",
            "/en/our-work/partnerships",
            "/en/take-action/work-with-us",
            "/en/2030-agenda",
            "/en/contact",
            "/en/news",
        ] {
            assert!(menu.iter().any(|href| href == path), "{path} in the menu on {backend}: {menu:?}");
        }
        let french = app.page("/fr/", 200).await;
        assert_eq!(text(&french, ".brand-name"), "Agence pour des migrations ordonnées");
        let menu = attrs(&french, "nav.main-nav a", "href");
        assert!(menu.iter().any(|href| href == "/fr/qui-sommes-nous"), "{menu:?}");
        let page = app.page("/fr/notre-action/partenariats", 200).await;
        assert_eq!(text(&page, "main h1"), "Partenariats");
        let page = app.page("/en/data-and-research", 200).await;
        assert_eq!(text(&page, "main h1"), "Data and research");
        // An empty newsroom, and nothing of the demo.
        let news = app.page("/en/news", 200).await;
        assert!(texts(&news, ".card-title").is_empty(), "no releases: {:?}", texts(&news, ".card-title"));
        app.page("/sites/sv/es/", 404).await;

        // The administrator signs in with the password from the file, by their email in any case.
        app.login("web.admin@example.org").await;

        // A second init refuses, in one line, and changes nothing.
        let again = init(data.path(), Some(app.db.url()), &args).await;
        assert!(!again.status.success());
        let message = stderr(&again);
        assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
        assert!(message.contains("already has a site"), "{message}");
        assert_eq!(app.server.store.sites().await.expect("sites").len(), 1);
    }
}

#[tokio::test]
async fn init_refuses_a_database_holding_the_demo() {
    for db in TestDb::each().await {
        portico::demo::load(
            &db.store,
            &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
        )
        .await
        .expect("demo");
        let data = tempfile::tempdir().expect("data");
        let password_file = data.path().join("password");
        std::fs::write(&password_file, PASSWORD).expect("password file");
        let args = answers(&password_file);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let refused = init(data.path(), Some(db.url()), &args).await;
        assert!(!refused.status.success());
        assert!(stderr(&refused).contains("already has a site (the demo"), "{}", stderr(&refused));
        let admin = db.store.user_for_login("web.admin@example.org").await.expect("user");
        assert!(admin.is_none(), "no administrator was added on {}", db.store.backend());
    }
}

#[tokio::test]
async fn init_names_each_bad_answer_in_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let good = dir.path().join("good-password");
    std::fs::write(&good, PASSWORD).expect("password");
    let short = dir.path().join("short-password");
    std::fs::write(&short, "hunter2").expect("password");
    let missing = dir.path().join("no-such-file");
    let cases: Vec<(&str, &str, String, &str)> = vec![
        ("--admin-email", "Web.Admin@example.org", "not-an-email".into(), "--admin-email"),
        (
            "--password-file",
            good.to_str().expect("path"),
            short.display().to_string(),
            "at least 12 characters",
        ),
        ("--password-file", good.to_str().expect("path"), missing.display().to_string(), "no-such-file"),
        ("--public-url", "https://news.example.org", "news.example.org".into(), "--public-url"),
        ("--public-url", "https://news.example.org", "https://news.example.org/path".into(), "--public-url"),
        ("--languages", "en,fr", "en,english".into(), "languages"),
        ("--languages", "en,fr", "en,en".into(), "twice"),
        ("--name-in", "fr=Agence pour des migrations ordonnées", "es=Agencia".into(), "--name-in"),
        ("--name-in", "fr=Agence pour des migrations ordonnées", "Agence".into(), "LANG=NAME"),
    ];
    for (flag, value, bad, named) in cases {
        let data = tempfile::tempdir().expect("data");
        let args: Vec<String> =
            answers(&good).into_iter().map(|arg| if arg == value { bad.clone() } else { arg }).collect();
        assert!(args.contains(&bad), "{flag} replaced");
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let refused = init(data.path(), None, &args).await;
        let message = stderr(&refused);
        assert!(!refused.status.success(), "{flag} {bad:?} is refused");
        assert_eq!(message.trim_end().lines().count(), 1, "one line: {message}");
        assert!(message.contains(named), "{flag} {bad:?}: {message}");
        assert!(!data.path().join("portico.db").exists(), "{flag} {bad:?}: no database was made");
    }
    // Without a terminal to ask on, a missing answer is named; so is a missing password.
    let data = tempfile::tempdir().expect("data");
    let refused = init(data.path(), None, &["--languages", "en"]).await;
    assert!(stderr(&refused).contains("--name is missing"), "{}", stderr(&refused));
    let without_password: Vec<String> = answers(&good).into_iter().take(10).collect();
    let args: Vec<&str> = without_password.iter().map(String::as_str).collect();
    let refused = init(data.path(), None, &args).await;
    assert!(stderr(&refused).contains("--password-file"), "{}", stderr(&refused));
    assert!(!data.path().join("portico.db").exists());
}

#[tokio::test]
async fn the_embedded_default_shows_the_demo_and_another_empty_database_waits_for_init() {
    // The embedded default: SQLite in the data folder, no database named.
    let data = tempfile::tempdir().expect("data");
    let config = ServeConfig {
        listen: "127.0.0.1:0".into(),
        data: data.path().to_path_buf(),
        ..ServeConfig::default()
    };
    let server = start(&config).await.expect("start");
    let news = reqwest::get(format!("{}/en/news", server.url())).await.expect("news");
    assert_eq!(news.status().as_u16(), 200);
    assert!(news.text().await.expect("body").contains("card-title"), "the demo's releases");
    server.stop().await.expect("stop");

    for db in TestDb::each().await {
        let backend = db.store.backend();
        let data = tempfile::tempdir().expect("data");
        let config = ServeConfig {
            listen: "127.0.0.1:0".into(),
            data: data.path().to_path_buf(),
            database: Some(db.url().to_owned()),
            ..ServeConfig::default()
        };
        let server = start(&config).await.expect("an empty database still starts");
        assert!(db.store.is_empty().await.expect("empty"), "no demo on {backend} without --demo");
        for path in ["/", "/en/", "/en/news", "/admin/login", "/api/v1/releases"] {
            let response = reqwest::get(format!("{}{path}", server.url())).await.expect("request");
            assert_eq!(response.status().as_u16(), 503, "{path} on {backend}");
            let body = response.text().await.expect("body");
            let html = scraper::Html::parse_document(&body);
            assert_eq!(text(&html, "h1"), "This site is not initialized yet");
            assert!(text(&html, "main").contains("portico init"), "{body}");
        }
        let health = reqwest::get(format!("{}/healthz", server.url())).await.expect("health");
        assert_eq!(health.status().as_u16(), 200);
        server.stop().await.expect("stop");

        // With --demo, the same kind of database gets the demo.
        let demo = ServeConfig { demo: true, ..config };
        let server = start(&demo).await.expect("start with the demo");
        let news = reqwest::get(format!("{}/en/news", server.url())).await.expect("news");
        assert_eq!(news.status().as_u16(), 200, "the demo on {backend}");
        server.stop().await.expect("stop");
    }
}

/// The next line of the server's log that is a JSON object, parsed; any other line fails.
fn next_object(lines: &mut impl Iterator<Item = String>) -> serde_json::Value {
    let line = lines.next().expect("the server goes on logging");
    serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

#[tokio::test]
async fn json_logs_say_to_run_init_and_write_each_request_as_one_object() {
    let db = TestDb::postgres().await;
    let data = tempfile::tempdir().expect("data");
    let mut child = Command::new(PORTICO)
        .args(["serve", "--listen", "127.0.0.1:0", "--database", db.url()])
        .arg("--data")
        .arg(data.path())
        .env("PORTICO_LOG_FORMAT", "json")
        .env_remove("PORTICO_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start portico");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines().map_while(Result::ok);
    let mut parsed = Vec::new();
    let url = loop {
        let object = next_object(&mut lines);
        let message = object["message"].as_str().unwrap_or_default().to_owned();
        parsed.push(object);
        if let Some(url) = message.split_whitespace().find(|w| w.starts_with("http://")) {
            break url.trim_end_matches('/').to_owned();
        }
    };
    let init_hint = parsed
        .iter()
        .find(|o| o["message"].as_str().is_some_and(|m| m.contains("run `portico init`")))
        .expect("a line tells the operator to run portico init");
    assert_eq!(init_hint["level"], "WARN");

    let response = reqwest::Client::new()
        .get(format!("{url}/en/news"))
        .header("x-request-id", "json-log-test-1")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 503);
    let request_id = response.headers()["x-request-id"].to_str().expect("id").to_owned();
    // Read on a blocking thread: the server's pipe is read a line at a time.
    let (request_line, lines) = tokio::task::spawn_blocking(move || {
        loop {
            let object = next_object(&mut lines);
            if object["message"] == "request" {
                break (object, lines);
            }
        }
    })
    .await
    .expect("join");
    assert_eq!(request_line["http.method"], "GET", "{request_line}");
    assert_eq!(request_line["http.path"], "/en/news");
    assert_eq!(request_line["http.status"], 503);
    assert_eq!(request_line["request.id"], request_id.as_str());
    assert_eq!(request_id, "json-log-test-1");
    assert!(request_line["duration_ms"].is_number());
    assert!(request_line["timestamp"].is_string());

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    let exit = child.wait().expect("wait");
    assert!(exit.success(), "{exit:?}");
    // Kept open until the server has exited, so that its last lines have a reader.
    drop(lines);
    drop(db);
}
