//! A node whose PostgreSQL goes away and comes back, on a private cluster this test makes with
//! `initdb` and stops with `pg_ctl` (the shared test database cannot be stopped): while the
//! database is down the node serves its cached pages, refuses writes with a 503 that says to
//! retry (JSON with `Retry-After` for the API, an HTML page for the back office) rather than a
//! 500, and takes writes again by itself once the database is back.
//!
//! Needs PostgreSQL's server binaries (/usr/lib/postgresql/*/bin; `scripts/test-services`
//! installs them); fails, never skips, without them. Takes about 15 s: a write while the
//! database is down waits for the pool's acquire timeout (3 s) before it is refused.

use crate::support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use serde_json::json;
use support::nodes::{DEADLINE, EVERY, Node, admin_token};

/// A PostgreSQL cluster of this test's own, in a temporary folder, on a free port.
struct PrivateCluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    _dir: tempfile::TempDir,
}

impl PrivateCluster {
    fn bin() -> PathBuf {
        let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .map(|version| version.path().join("bin"))
            .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
            .collect();
        found.sort();
        found.pop().unwrap_or_else(|| {
            panic!("no initdb and pg_ctl under /usr/lib/postgresql/*/bin: run scripts/test-services")
        })
    }

    /// PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        // `id -u` rather than libc: the tests have no libc dependency.
        let root = Command::new("id").arg("-u").output().is_ok_and(|out| out.stdout.starts_with(b"0\n"));
        if root {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }

    fn run(&self, command: &mut Command, what: &str) {
        let output = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(output.status.success(), "{what}: {}", String::from_utf8_lossy(&output.stderr));
    }

    fn start_new() -> PrivateCluster {
        let dir = tempfile::tempdir().expect("cluster folder");
        let data = dir.path().join("pg");
        std::fs::create_dir(&data).expect("data folder");
        let _ = Command::new("chown").args(["-R", "postgres"]).arg(dir.path()).status();
        let port =
            std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
        let cluster = PrivateCluster { bin: PrivateCluster::bin(), data, port, _dir: dir };
        cluster.run(
            cluster.command("initdb").arg("-D").arg(&cluster.data).args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]),
            "initdb",
        );
        cluster.start();
        cluster
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn start(&self) {
        let options =
            format!("-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=off", self.port, self.data.display());
        let log = self.data.join("server.log");
        self.run(
            self.command("pg_ctl")
                .arg("-D")
                .arg(&self.data)
                .arg("-l")
                .arg(&log)
                .args(["-w", "-o", &options, "start"]),
            "pg_ctl start",
        );
    }

    fn stop(&self) {
        self.run(
            self.command("pg_ctl").arg("-D").arg(&self.data).args(["-m", "fast", "-w", "stop"]),
            "pg_ctl stop",
        );
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let _ = self.command("pg_ctl").arg("-D").arg(&self.data).args(["-m", "immediate", "stop"]).output();
    }
}

/// The back office's login form as a browser holds it: its CSRF token and cookie.
async fn login_form(node: &Node) -> (String, String) {
    let form = node.http.get(format!("{}/admin/login", node.url)).send().await.expect("login form");
    let cookie = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    let html = scraper::Html::parse_document(&form.text().await.expect("body"));
    let csrf = support::attrs(&html, "input[name=_csrf]", "value").remove(0);
    (csrf, cookie)
}

async fn release(node: &Node, token: &str, title: &str) -> (u16, Option<String>, serde_json::Value) {
    let response = node
        .http
        .post(format!("{}/api/v1/releases", node.url))
        .bearer_auth(token)
        .json(&json!({ "site": "global", "language": "en", "title": title, "body_markdown": "Text." }))
        .send()
        .await
        .expect("API call");
    let status = response.status().as_u16();
    let retry = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_owned);
    (status, retry, response.json().await.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_serves_cached_pages_refuses_writes_with_503_while_postgresql_restarts_and_recovers() {
    let started = Instant::now();
    let cluster = PrivateCluster::start_new();
    let store = portico_store::Store::connect(&cluster.url()).await.expect("connect");
    store.migrate().await.expect("migrate");
    portico::demo::load(
        &store,
        &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
    )
    .await
    .expect("demo content");
    let token = admin_token(&store).await;
    store.close().await;
    let data = tempfile::tempdir().expect("data");
    let node = Node::start(&cluster.url(), data.path(), &[]);

    // Read until served from the page cache (the follower's first round empties it once).
    let until = Instant::now() + DEADLINE;
    loop {
        let hits = node.cache_counter("hits_total").await;
        assert_eq!(node.get("/en/news").await.0, 200);
        if node.cache_counter("hits_total").await > hits {
            break;
        }
        assert!(Instant::now() < until, "the node never served the news list from its cache");
        tokio::time::sleep(EVERY).await;
    }
    let hits = node.cache_counter("hits_total").await;
    let (csrf, cookie) = login_form(&node).await;

    cluster.stop();
    let (status, body) = node.get("/en/news").await;
    assert_eq!(status, 200, "the cached news list is served without the database");
    assert!(body.contains("card-title"));
    assert!(node.cache_counter("hits_total").await > hits, "from the page cache");

    // Both writes wait for the pool at once: one acquire timeout for the two.
    let admin_login = node
        .http
        .post(format!("{}/admin/login", node.url))
        .header("cookie", &cookie)
        .header("origin", &node.url)
        .form(&[("_csrf", csrf.as_str()), ("email", "ops@example.org"), ("password", support::PASSWORD)])
        .send();
    let (api, admin) =
        tokio::join!(release(&node, &token, "Written while the database is down"), admin_login);
    let (status, retry, body) = api;
    assert_eq!(status, 503, "the API refuses the write as unavailable: {body}");
    assert_eq!(body["error"]["code"], "unavailable", "{body}");
    assert_eq!(retry.as_deref(), Some("5"), "and says when to retry");
    let admin = admin.expect("back-office answer");
    assert_eq!(admin.status().as_u16(), 503, "the back office too");
    assert!(admin.headers().contains_key("retry-after"));
    let content_type =
        admin.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(content_type.starts_with("text/html"), "an HTML page for the back office: {content_type}");

    cluster.start();
    let back = Instant::now();
    loop {
        let (status, _, body) = release(&node, &token, "Written once the database is back").await;
        if status == 201 {
            break;
        }
        assert!(back.elapsed() < DEADLINE, "the node takes writes again by itself: {status} {body}");
        tokio::time::sleep(EVERY).await;
    }
    eprintln!(
        "postgres restart: writes again {} ms after PostgreSQL accepts connections; whole test {} ms",
        back.elapsed().as_millis(),
        started.elapsed().as_millis()
    );
    let (status, _) = node.get("/en/news").await;
    assert_eq!(status, 200);
}
