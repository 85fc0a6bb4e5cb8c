//! A real Varnish, with deploy/varnish/portico.vcl and the xkey module, in front of two
//! `portico serve` nodes on one PostgreSQL database, which it addresses in turn (round robin).
//! Both nodes purge it (`--purge-url`). A release published through node A drops from Varnish
//! exactly the pages that show it — the news list, the feed, its country's page, and later its
//! own page when it is edited — while the page of a release that does not show it stays cached.
//!
//! Needs `varnishd` and varnish-modules (`scripts/test-services` installs them) and PostgreSQL
//! (`PORTICO_TEST_POSTGRES`); fails, never skips, without them. Nothing here asserts on speed;
//! the delays from a publish's answer to the purge are printed
//! (`cargo test -p portico --test app -- varnish:: --nocapture`).

use crate::support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use portico_store::testing::TestDb;
use scraper::Html;
use serde_json::json;
use support::nodes::{DEADLINE, EVERY, Node, admin_token};
use support::texts;

/// Where varnishd is, or a failure that says how to get it.
fn varnishd() -> PathBuf {
    let found = ["/usr/sbin/varnishd", "/usr/bin/varnishd", "/usr/local/sbin/varnishd"]
        .iter()
        .map(PathBuf::from)
        .find(|path| path.exists());
    let xkey = std::fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .any(|dir| dir.path().join("varnish/vmods/libvmod_xkey.so").exists())
        || Path::new("/usr/lib/varnish/vmods/libvmod_xkey.so").exists();
    match found {
        Some(path) if xkey => path,
        Some(_) => panic!("the xkey module of varnish-modules is missing: run scripts/test-services"),
        None => panic!(
            "varnishd is not installed: run scripts/test-services (it installs varnish and varnish-modules)"
        ),
    }
}

/// A free TCP port on 127.0.0.1 (free when asked; Varnish binds it right after).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

/// A varnishd in the foreground on its own working folder.
struct Varnish {
    child: Child,
    url: String,
    http: reqwest::Client,
    _dir: tempfile::TempDir,
}

impl Varnish {
    /// Starts Varnish on `port` with deploy/varnish/portico.vcl in front of `nodes` (their
    /// `http://host:port` URLs); returns once it answers.
    async fn start(port: u16, nodes: &[&str]) -> Varnish {
        let varnishd = varnishd();
        let dir = tempfile::tempdir().expect("varnish folder");
        let vcl = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/varnish/portico.vcl");
        let vcl = vcl.canonicalize().expect("deploy/varnish/portico.vcl");
        std::fs::write(dir.path().join("portico-backends.vcl"), backends_vcl(nodes)).expect("backends");
        // varnishd, started as root, hands its folder to its own users.
        let _ = Command::new("chmod").arg("755").arg(dir.path()).status();
        let child = Command::new(varnishd)
            .arg("-F")
            .arg("-n")
            .arg(dir.path().join("work"))
            .args(["-a", &format!("127.0.0.1:{port}"), "-s", "malloc,64m"])
            .arg("-p")
            .arg(format!("vcl_path={}", dir.path().display()))
            .arg("-f")
            .arg(&vcl)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start varnishd");
        let http =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        let varnish = Varnish { child, url: format!("http://127.0.0.1:{port}"), http, _dir: dir };
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(response) = varnish.http.get(format!("{}/healthz", varnish.url)).send().await
                && response.status().is_success()
            {
                return varnish;
            }
            assert!(Instant::now() < until, "Varnish did not answer on {}", varnish.url);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// GET `path` through Varnish: status, whether it came from the cache, body.
    async fn get(&self, path: &str) -> (u16, bool, String) {
        let response =
            self.http.get(format!("{}{path}", self.url)).send().await.expect("GET through Varnish");
        let status = response.status().as_u16();
        let hit = response.headers().get("x-cache").is_some_and(|v| v == "HIT");
        (status, hit, response.text().await.expect("body"))
    }

    /// Reads `path` until Varnish answers it from its cache.
    async fn warm(&self, path: &str) {
        let until = Instant::now() + DEADLINE;
        while !self.get(path).await.1 {
            assert!(Instant::now() < until, "Varnish never kept {path}");
            tokio::time::sleep(EVERY).await;
        }
    }
}

impl Drop for Varnish {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The backends file deploy/varnish/portico.vcl includes: `nodes`, round robin over `urls`.
fn backends_vcl(urls: &[&str]) -> String {
    let mut vcl = String::new();
    let mut adds = String::new();
    for (n, url) in urls.iter().enumerate() {
        let (host, port) = url.trim_start_matches("http://").rsplit_once(':').expect("host:port");
        vcl.push_str(&format!("backend node{n} {{ .host = \"{host}\"; .port = \"{port}\"; }}\n"));
        adds.push_str(&format!("    nodes.add_backend(node{n});\n"));
    }
    vcl.push_str(&format!("sub vcl_init {{\n    new nodes = directors.round_robin();\n{adds}}}\n"));
    vcl
}

/// The card titles of a list page.
fn card_titles(body: &str) -> Vec<String> {
    texts(&Html::parse_document(body), ".card-title")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_purges_from_varnish_the_pages_that_show_the_release_and_no_other() {
    // Before anything else: a machine without Varnish fails here, saying what to run.
    varnishd();
    let db = TestDb::postgres().await;
    portico::demo::load(
        &db.store,
        &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
    )
    .await
    .expect("demo content");
    let token = admin_token(&db.store).await;
    let port = free_port();
    let purge = format!("http://127.0.0.1:{port}/");
    let (data_a, data_b) = (tempfile::tempdir().expect("A's data"), tempfile::tempdir().expect("B's data"));
    let a = Node::start(db.url(), data_a.path(), &["--purge-url", &purge]);
    let b = Node::start(db.url(), data_b.path(), &["--purge-url", &purge]);
    let varnish = Varnish::start(port, &[&a.url, &b.url]).await;

    // A response names its keys: a list page its site's lists, a release page its documents.
    let news = a.http.get(format!("{}/en/news", a.url)).send().await.expect("news");
    let keys = news.headers().get("xkey").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(keys.split(' ').any(|k| k.starts_with("lists-")), "the news list's keys: {keys:?}");
    let style = a.http.get(format!("{}/assets/style.css", a.url)).send().await.expect("stylesheet");
    assert_eq!(
        style.headers().get("xkey").map(|v| v.as_bytes()),
        Some(&b"portico"[..]),
        "no list drops an asset"
    );
    let (_, list) = a.get("/en/news").await;
    let other = Html::parse_document(&list)
        .select(&scraper::Selector::parse(".card-title a").expect("selector"))
        .filter_map(|link| link.value().attr("href").map(str::to_owned))
        .next()
        .expect("a release on the news list");
    let release = a.http.get(format!("{}{other}", a.url)).send().await.expect("release");
    let release_keys =
        release.headers().get("xkey").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(
        release_keys.contains("doc-") && !release_keys.contains("lists-"),
        "a release page is purged with what it shows: {release_keys:?}"
    );

    // A release about El Salvador, written as a draft through A.
    let title = "Volunteers map every mangrove of the Gulf of Fonseca";
    let body = json!({
        "site": "global", "language": "en", "title": title, "countries": ["SV"],
        "body_markdown": "The map shows the mangroves the volunteers walked.",
    });
    let (status, created) = a.api("POST", "/api/v1/releases", &token, Some(body)).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let path = format!("/en/news/{}", created["slug"].as_str().expect("slug"));

    let showing = ["/en/news", "/en/news.atom", "/en/where-we-work/sv", "/en/news?country=sv"];
    // Lists of other countries do not show it: a publish leaves them cached.
    let not_showing = ["/en/where-we-work/gt", "/en/news?country=gt", "/en/news.atom?country=gt"];
    for page in showing.iter().chain(&not_showing).chain([&other.as_str()]) {
        varnish.warm(page).await;
    }
    let sv = a.http.get(format!("{}/en/news?country=sv", a.url)).send().await.expect("a country's list");
    let sv_keys = sv.headers().get("xkey").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(
        sv_keys.split(' ').any(|k| k.starts_with("c-") && k.ends_with("-sv"))
            && !sv_keys.split(' ').any(|k| k.starts_with("lists-")),
        "a country's list is purged with that country's releases only: {sv_keys:?}"
    );

    let (status, published) = a.api("POST", &format!("/api/v1/releases/{id}/publish"), &token, None).await;
    let answered = Instant::now();
    assert_eq!((status, published["status"].as_str()), (200, Some("published")), "{published}");
    let mut delays = Vec::new();
    for page in showing {
        let until = answered + DEADLINE;
        loop {
            let (status, hit, body) = varnish.get(page).await;
            if !hit && status == 200 && body.contains(title) {
                delays.push(format!("{page} {} ms", answered.elapsed().as_millis()));
                break;
            }
            assert!(Instant::now() < until, "Varnish still serves {page} without the release (hit: {hit})");
            tokio::time::sleep(EVERY).await;
        }
    }
    let (status, hit, _) = varnish.get(&other).await;
    assert_eq!((status, hit), (200, true), "{other} does not show the release: still cached");
    for page in not_showing {
        let (status, hit, _) = varnish.get(page).await;
        assert_eq!((status, hit), (200, true), "{page} does not show the release: still cached");
    }
    assert!(card_titles(&varnish.get("/en/news").await.2).iter().any(|t| t == title));
    eprintln!("varnish, publish through A: purged after {}", delays.join(", "));

    // The release's own page, kept by Varnish, is dropped when it is edited through B.
    varnish.warm(&path).await;
    varnish.warm(&other).await;
    let renamed = "Volunteers map every mangrove and lagoon of the Gulf of Fonseca";
    let (status, edited) =
        b.api("PATCH", &format!("/api/v1/releases/{id}"), &token, Some(json!({ "title": renamed }))).await;
    assert_eq!(status, 200, "{edited}");
    if edited["status"].as_str() != Some("published") {
        let (status, published) =
            b.api("POST", &format!("/api/v1/releases/{id}/publish"), &token, None).await;
        assert_eq!(status, 200, "{published}");
    }
    let answered = Instant::now();
    let until = answered + DEADLINE;
    loop {
        let (status, hit, body) = varnish.get(&path).await;
        if !hit && status == 200 && body.contains(renamed) {
            eprintln!("varnish, edit through B: its page purged after {} ms", answered.elapsed().as_millis());
            break;
        }
        assert!(Instant::now() < until, "Varnish still serves the release's old page (hit: {hit})");
        tokio::time::sleep(EVERY).await;
    }
    let (status, hit, _) = varnish.get(&other).await;
    assert_eq!((status, hit), (200, true), "{other} still cached after the edit");
    for node in [&a, &b] {
        let (_, metrics) = node.get("/metrics").await;
        let sent = metrics
            .lines()
            .find_map(|line| line.strip_prefix("portico_purge_requests_total "))
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(0);
        assert!(sent > 0, "node {} sent purges Varnish acknowledged", node.url);
    }
}
