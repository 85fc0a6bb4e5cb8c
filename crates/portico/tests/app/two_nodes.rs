//! Two `portico serve` processes on one PostgreSQL database, each with its own data folder
//! (its own search index and page cache), as nodes behind a load balancer run. A release
//! published through node A is served by node B — its page, the news list and feed B had
//! cached, B's search — through the change log, B woken by PostgreSQL's notification; a lost
//! notification costs only latency: a listening connection the database ends is replaced, and
//! a change nobody was notified of comes with the poll.
//!
//! PostgreSQL only (`PORTICO_TEST_POSTGRES`). Nothing here asserts on speed: B is read every
//! 20 ms up to a deadline only a broken node reaches, and the delays seen are printed
//! (`cargo test -p portico --test app -- two_nodes:: --nocapture`); bench/two-nodes measures them.

use crate::support;

use std::time::{Duration, Instant};

use portico_store::testing::TestDb;
use scraper::Html;
use serde_json::json;
use support::nodes::{DEADLINE, EVERY, Node, admin_token};
use support::texts;

/// A poll far longer than the test: what reaches a node started with it came by notification.
const NOTIFICATIONS_ONLY: &[&str] = &["--change-poll-ms", "3600000"];

/// A release to publish, found on B by its title and by the one word only it has.
struct Story {
    title: String,
    word: &'static str,
}

impl Story {
    fn new(word: &'static str) -> Story {
        Story { title: format!("Rangers count every {word} along the coast"), word }
    }
}

/// A release written as a draft through `a`, not yet published: (id, public path).
async fn draft(a: &Node, token: &str, story: &Story) -> (i64, String) {
    let body = json!({
        "site": "global", "language": "en", "title": story.title,
        "body_markdown": format!("The count found more of the {} than last year.", story.word),
    });
    let (status, created) = a.api("POST", "/api/v1/releases", token, Some(body)).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let path = format!("/en/news/{}", created["slug"].as_str().expect("slug"));
    (id, path)
}

/// Reads on `b`, until they are all served from its page cache, the pages the release will
/// change: its page (not found yet), the news list, the feed, and a search for its word.
async fn warm(b: &Node, path: &str, story: &Story) {
    let search = format!("/en/search?q={}", story.word);
    let until = Instant::now() + DEADLINE;
    loop {
        for page in [path, "/en/news", "/en/news.atom", &search] {
            b.get(page).await;
        }
        let hits = b.cache_counter("hits_total").await;
        let misses = b.cache_counter("misses_total").await;
        b.get("/en/news").await;
        b.get("/en/news.atom").await;
        // Both answered from the cache: warm, unless a change (the draft's) dropped them.
        if b.cache_counter("hits_total").await >= hits + 2 && b.cache_counter("misses_total").await == misses
        {
            break;
        }
        assert!(Instant::now() < until, "node B never served the news list and feed from its cache");
    }
    let (status, _) = b.get(path).await;
    assert_eq!(status, 404, "a draft is not served");
    assert!(!sees(b, View::List, path, story).await && !sees(b, View::Search, path, story).await);
    assert!(!sees(b, View::Feed, path, story).await, "the draft is in no list");
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Page,
    List,
    Search,
    Feed,
}

const VIEWS: [View; 4] = [View::Page, View::List, View::Search, View::Feed];

/// Whether `node` shows the release at `path` in `view`, as a reader would find it.
async fn sees(node: &Node, view: View, path: &str, story: &Story) -> bool {
    match view {
        View::Page => {
            let (status, body) = node.get(path).await;
            status == 200 && texts(&Html::parse_document(&body), "h1#release-title") == [story.title.clone()]
        }
        View::List => {
            let (_, body) = node.get("/en/news").await;
            texts(&Html::parse_document(&body), ".card-title").contains(&story.title)
        }
        View::Search => {
            let (_, body) = node.get(&format!("/en/search?q={}", story.word)).await;
            texts(&Html::parse_document(&body), ".search-hit .card-title").contains(&story.title)
        }
        View::Feed => {
            let (_, body) = node.get("/en/news.atom").await;
            feed_rs::parser::parse(body.as_bytes())
                .expect("a feed reader reads it")
                .entries
                .iter()
                .any(|entry| entry.title.as_ref().is_some_and(|t| t.content == story.title))
        }
    }
}

/// Publishes draft `id` through `a` and reads `b` every [`EVERY`] until each view shows it, or
/// the deadline; asserts all did, and returns after how long each was first seen (counted
/// from A's answer to the publish).
async fn publish_and_watch(
    a: &Node,
    b: &Node,
    token: &str,
    id: i64,
    path: &str,
    story: &Story,
) -> Vec<Duration> {
    let invalidated = b.cache_counter("invalidations_total").await;
    let (status, published) = a.api("POST", &format!("/api/v1/releases/{id}/publish"), token, None).await;
    let answered = Instant::now();
    assert_eq!((status, published["status"].as_str()), (200, Some("published")), "{published}");
    assert_eq!(published["url"].as_str(), Some(path));
    // Each view read on its own, at once: a slow one does not delay seeing the others.
    let first_seen = |view: View| async move {
        while answered.elapsed() < DEADLINE {
            if sees(b, view, path, story).await {
                return Some(answered.elapsed());
            }
            tokio::time::sleep(EVERY).await;
        }
        None
    };
    let (page, list, search, feed) = tokio::join!(
        first_seen(View::Page),
        first_seen(View::List),
        first_seen(View::Search),
        first_seen(View::Feed)
    );
    let seen = [page, list, search, feed];
    let missing: Vec<View> = VIEWS.iter().zip(&seen).filter(|(_, w)| w.is_none()).map(|(v, _)| *v).collect();
    assert!(missing.is_empty(), "node B never showed the release in {missing:?}");
    assert!(
        b.cache_counter("invalidations_total").await > invalidated,
        "node B dropped the cached pages the release changed"
    );
    seen.into_iter().flatten().collect()
}

fn report(what: &str, delays: &[Duration]) {
    let shown: Vec<String> =
        VIEWS.iter().zip(delays).map(|(view, delay)| format!("{view:?} {} ms", delay.as_millis())).collect();
    eprintln!("two nodes, {what}: seen on B after {}", shown.join(", "));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_on_one_node_is_served_by_the_other_and_a_lost_notification_costs_only_latency() {
    let db = TestDb::postgres().await;
    portico::demo::load(
        &db.store,
        &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
    )
    .await
    .expect("demo content");
    let token = admin_token(&db.store).await;
    let (data_a, data_b) = (tempfile::tempdir().expect("A's data"), tempfile::tempdir().expect("B's data"));
    let a = Node::start(db.url(), data_a.path(), &[]);
    let b = Node::start(db.url(), data_b.path(), NOTIFICATIONS_ONLY);
    let listener = b.listening(&db, None).await;

    // B polls once an hour: only the notification can bring it the release in time.
    let story = Story::new("quokka");
    let (id, path) = draft(&a, &token, &story).await;
    warm(&b, &path, &story).await;
    let delays = publish_and_watch(&a, &b, &token, id, &path, &story).await;
    report("notified", &delays);

    // The database ends B's listening connection (a restart, a proxy's idle cut): B listens
    // again on a new one, which brings the next release.
    assert!(db.terminate_backend(listener).await.expect("terminate"), "B's listener was there to end");
    let replaced = b.listening(&db, Some(listener)).await;
    assert_ne!(replaced, listener);
    let until = Instant::now() + DEADLINE;
    while !b.logged("listening for change-log notifications again") {
        assert!(Instant::now() < until, "B says it listens again: {:?}", b.log.lock().expect("log"));
        tokio::time::sleep(EVERY).await;
    }
    let story = Story::new("pangolin");
    let (id, path) = draft(&a, &token, &story).await;
    warm(&b, &path, &story).await;
    let delays = publish_and_watch(&a, &b, &token, id, &path, &story).await;
    report("notified after the listener was replaced", &delays);

    // A notification that never comes: B, restarted on its data folder with the default poll,
    // learns of the release from the log all the same.
    drop(b);
    let b = Node::start(db.url(), data_b.path(), &[]);
    b.listening(&db, None).await;
    let story = Story::new("axolotl");
    let (id, path) = draft(&a, &token, &story).await;
    warm(&b, &path, &story).await;
    db.execute("alter table change_log disable trigger change_log_notify").await.expect("silence");
    let delays = publish_and_watch(&a, &b, &token, id, &path, &story).await;
    db.execute("alter table change_log enable trigger change_log_notify").await.expect("unsilence");
    report("not notified, polled", &delays);
}

#[tokio::test]
async fn a_node_told_not_to_listen_does_not() {
    let db = TestDb::postgres().await;
    portico::demo::load(
        &db.store,
        &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
    )
    .await
    .expect("demo content");
    let (data, other_data) = (tempfile::tempdir().expect("data"), tempfile::tempdir().expect("data"));
    let node = Node::start(db.url(), data.path(), &["--change-listen", "false"]);
    let listening = Node::start(db.url(), other_data.path(), &[]);
    // Once the other node listens, this one had as long to start listening and did not.
    listening.listening(&db, None).await;
    assert_eq!((node.get("/readyz").await.0, node.get("/en/news").await.0), (200, 200));
    assert_eq!(db.change_listeners(node.pid()).await.expect("pg_stat_activity"), [] as [i32; 0]);
}
