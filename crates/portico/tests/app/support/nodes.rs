//! `portico serve` processes for the tests that run several nodes on one PostgreSQL database
//! (two_nodes.rs, varnish.rs, postgres_restart.rs, media_s3.rs): started on a free port, their log kept,
//! read and written over HTTP like any client.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portico_content::Role;
use portico_store::testing::TestDb;
use serde_json::Value;

use super::PASSWORD;

const PORTICO: &str = env!("CARGO_BIN_EXE_portico");
/// A bound on waits that only a broken node reaches; no test asserts on speed.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How often a node is read while waiting for a change.
pub const EVERY: Duration = Duration::from_millis(20);

/// A `portico serve` process and what it logged.
pub struct Node {
    pub child: Child,
    pub url: String,
    pub log: Arc<Mutex<Vec<String>>>,
    pub http: reqwest::Client,
}

impl Node {
    /// Starts a node on `database` with its own data folder `data`; returns once it serves.
    pub fn start(database: &str, data: &Path, extra: &[&str]) -> Node {
        Node::start_with_env(database, data, extra, &[])
    }

    /// [`Node::start`] with these environment variables besides the test's own (`AWS_*` for
    /// media in a bucket).
    pub fn start_with_env(database: &str, data: &Path, extra: &[&str], env: &[(String, String)]) -> Node {
        let mut child = Command::new(PORTICO)
            .args(["serve", "--listen", "127.0.0.1:0", "--database", database, "--data"])
            .arg(data)
            .args(extra)
            // The address it serves and what the change-log follower says; no request lines.
            .env("PORTICO_LOG", "warn,portico::server=info,portico_store::follower=info")
            .env("PORTICO_LOG_FORMAT", "text")
            .env_remove("PORTICO_DATABASE")
            .env_remove("PORTICO_CHANGE_POLL_MS")
            .env_remove("PORTICO_CHANGE_LISTEN")
            .env_remove("PORTICO_PAGE_CACHE_MB")
            .env_remove("PORTICO_MEDIA")
            .envs(env.iter().map(|(key, value)| (key, value)))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start portico");
        let (found, url) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = log.clone();
        // Read to the end, or the node would block on a full pipe once the test stops reading.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                    let _ = found.send(url.trim_end_matches('/').to_owned());
                }
                lines.lock().expect("log").push(line);
            }
        });
        let url = url.recv_timeout(Duration::from_secs(60)).expect("the node logs the URL it serves");
        let http =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        Node { child, url, log, http }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// GET `path`: (status, body).
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self.http.get(format!("{}{path}", self.url)).send().await.expect("GET");
        (response.status().as_u16(), response.text().await.expect("body"))
    }

    /// Calls the API as the holder of `token`; (status, JSON body).
    pub async fn api(&self, method: &str, path: &str, token: &str, body: Option<Value>) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self.http.request(method, format!("{}{path}", self.url)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("API call");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// The page cache's counter `name` from /metrics (readable from this machine).
    pub async fn cache_counter(&self, name: &str) -> u64 {
        let (status, body) = self.get("/metrics").await;
        assert_eq!(status, 200, "/metrics");
        let metric = format!("portico_page_cache_{name} ");
        body.lines()
            .find_map(|line| line.strip_prefix(&metric))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {metric} in /metrics"))
    }

    /// Whether it logged a line containing `words`.
    pub fn logged(&self, words: &str) -> bool {
        self.log.lock().expect("log").iter().any(|line| line.contains(words))
    }

    /// Waits until this node listens for change-log notifications; the listening backend's pid.
    pub async fn listening(&self, db: &TestDb, not: Option<i32>) -> i32 {
        let until = Instant::now() + DEADLINE;
        loop {
            let pids = db.change_listeners(self.pid()).await.expect("pg_stat_activity");
            match pids.as_slice() {
                [pid] if Some(*pid) != not => return *pid,
                _ if Instant::now() > until => panic!("node {} does not listen: {pids:?}", self.pid()),
                _ => tokio::time::sleep(EVERY).await,
            }
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An administrator's API token, written straight into the database.
pub async fn admin_token(store: &portico_store::Store) -> String {
    let email = "ops@example.org";
    let password_hash = portico_web::session::hash_password(PASSWORD.to_owned()).await.expect("hash");
    let user = store
        .create_user(
            &portico_store::NewUser {
                email: email.to_owned(),
                name: "Ops".to_owned(),
                password_hash,
                role: Role::Admin,
                sites: vec![],
            },
            &portico_store::Audit::system("test", "user.create"),
        )
        .await
        .expect("user");
    let token = format!("ptc_test_{}", portico_web::session::random_token().expect("random"));
    store
        .create_api_token(
            user,
            "two nodes",
            &portico_web::session::token_hash(&token),
            &portico_store::Audit::system("test", "token.create"),
        )
        .await
        .expect("token");
    token
}
