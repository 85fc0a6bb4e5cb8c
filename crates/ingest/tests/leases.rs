//! Several nodes on one database: each fetch holds the feed's lease, so two ingesters with
//! their own store handles fetch each due feed once per round, and a lease whose holder died
//! is taken over once it ends. On SQLite and PostgreSQL, against a real feed server that
//! counts what it is asked.

use std::time::Duration;

use portico_content::SiteId;
use portico_ingest::testing::FeedServer;
use portico_ingest::{Ingester, Outcome, Settings};
use portico_store::testing::TestDb;
use portico_store::{FeedId, FetchStatus, NewFeedSubscription, NewSite, Store};

async fn site(store: &Store) -> SiteId {
    store
        .create_site(
            &NewSite {
                key: "global".into(),
                name: "Global".into(),
                languages: vec!["en".into()],
                country: None,
                hosts: vec![],
                names: Default::default(),
                fallback_to_default: true,
            },
            &portico_store::Audit::system("test", "site.create"),
        )
        .await
        .expect("site")
}

async fn subscribe(store: &Store, site: SiteId, url: String) -> FeedId {
    store
        .create_feed_subscription(
            &NewFeedSubscription {
                site,
                url,
                title: String::new(),
                keywords: vec![],
                categories: vec![],
                fetch_interval_minutes: 60,
            },
            &portico_store::Audit::system("test", "feed.create"),
        )
        .await
        .expect("subscription")
}

/// An ingester on its own connection pool to `db`, as another `portico serve` would have.
async fn node(db: &TestDb, holder: &str) -> Ingester {
    let store = Store::connect(db.url()).await.expect("a second handle on the database");
    Ingester::new(store, Settings { allow_loopback: true, ..Settings::default() }).with_holder(holder)
}

#[tokio::test]
async fn two_nodes_fetch_each_due_feed_once_per_round() {
    for db in TestDb::each().await {
        // Its own publisher per database, so that its counts are this database's.
        let server = FeedServer::start().await;
        let store = &db.store;
        let site = site(store).await;
        let paths: Vec<String> = (1..=6).map(|n| format!("/paced/{n}")).collect();
        let mut feeds = Vec::new();
        for path in &paths {
            feeds.push(subscribe(store, site, server.url(path)).await);
        }
        let (a, b) = (node(&db, "node-a").await, node(&db, "node-b").await);

        // Both read the same due list at once; each answer takes a moment, so their rounds
        // overlap feed by feed.
        let (from_a, from_b) = tokio::join!(a.refresh_due(), b.refresh_due());
        let (from_a, from_b) = (from_a.expect("node a"), from_b.expect("node b"));
        for path in &paths {
            assert_eq!(server.requests(path).len(), 1, "{path} fetched once on {}", store.backend());
        }
        let mut fetched: Vec<FeedId> = from_a.iter().chain(&from_b).map(|(id, _)| *id).collect();
        fetched.sort();
        assert_eq!(fetched, feeds, "each feed reported by the one node that fetched it");
        for (_, outcome) in from_a.iter().chain(&from_b) {
            assert!(matches!(outcome, Outcome::Updated { new_items: 3, .. }), "{outcome:?}");
        }
        for id in &feeds {
            assert_eq!(store.feed_lease(*id).await.expect("lease"), None, "released after the fetch");
            assert_eq!(store.ingested_item_count(*id).await.expect("count"), 3);
        }

        // The next round finds nothing due: no node asks again.
        let (again_a, again_b) = tokio::join!(a.refresh_due(), b.refresh_due());
        assert!(again_a.expect("node a").is_empty() && again_b.expect("node b").is_empty());
        assert_eq!(paths.iter().map(|p| server.requests(p).len()).sum::<usize>(), paths.len());
    }
}

#[tokio::test]
async fn a_lease_is_taken_only_while_free_or_ended_and_only_while_due() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = site(store).await;
        let feed = subscribe(store, site, "http://127.0.0.1:9/feed.rss".into()).await;
        let now = portico_store::now();
        let later = now + Duration::from_secs(300);

        let taken = store.take_feed_lease(feed, "node-a", now, later, true).await.expect("take");
        assert_eq!(taken.map(|f| f.id), Some(feed), "a free, due feed is leased on {}", store.backend());
        assert_eq!(store.feed_lease(feed).await.expect("lease"), Some(("node-a".to_owned(), later)));
        for holder in ["node-b", "node-a"] {
            let again = store.take_feed_lease(feed, holder, now, later, false).await.expect("take");
            assert!(again.is_none(), "{holder} cannot take a lease that is running");
        }
        assert!(!store.release_feed_lease(feed, "node-b").await.expect("release"), "not b's to end");
        assert!(store.release_feed_lease(feed, "node-a").await.expect("release"));

        // Fetched meanwhile by someone else: no longer due, so a node with an old due list
        // does not take it; "fetch now" (not only when due) still may.
        let next = now + Duration::from_secs(3600);
        let audit = portico_store::Actor::system("ingest").doing("feed.fetch");
        store.record_feed_failure(feed, now, next, "refused", &audit).await.expect("record");
        assert!(store.take_feed_lease(feed, "node-b", now, later, true).await.expect("take").is_none());
        let manual = store.take_feed_lease(feed, "node-b", now, later, false).await.expect("take");
        assert_eq!(manual.map(|f| f.last_status), Some(FetchStatus::Error), "read fresh once leased");

        // node-b dies holding it; once its lease has ended, another node takes over.
        let after_end = later + Duration::from_secs(1);
        let over =
            store.take_feed_lease(feed, "node-c", after_end, after_end + Duration::from_secs(300), false);
        assert!(over.await.expect("take").is_some(), "an ended lease is taken over");
        assert_eq!(store.release_feed_leases_of("node-c").await.expect("release"), 1);
        assert_eq!(store.feed_lease(feed).await.expect("lease"), None);
    }
}

#[tokio::test]
async fn a_dead_nodes_lease_is_taken_over_and_a_live_one_is_respected() {
    for db in TestDb::each().await {
        // Its own publisher per database, so that its counts are this database's.
        let server = FeedServer::start().await;
        let store = &db.store;
        let site = site(store).await;
        let orphaned = subscribe(store, site, server.url("/good.rss?orphaned")).await;
        let held = subscribe(store, site, server.url("/good.atom?held")).await;
        let now = portico_store::now();
        // A node that took a lease two hours ago and was killed mid-fetch; another that is
        // fetching right now.
        let two_hours_ago = now - Duration::from_secs(7200);
        let dead = store.take_feed_lease(
            orphaned,
            "dead-node",
            two_hours_ago,
            two_hours_ago + Duration::from_secs(90),
            true,
        );
        assert!(dead.await.expect("take").is_some());
        let busy = store.take_feed_lease(held, "busy-node", now, now + Duration::from_secs(3600), true);
        assert!(busy.await.expect("take").is_some());

        let a = node(&db, "node-a").await;
        let outcomes = a.refresh_due().await.expect("refresh");
        assert_eq!(outcomes.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [orphaned], "{}", store.backend());
        assert_eq!(server.requests("/good.rss?orphaned").len(), 1, "the dead node's feed is fetched");
        assert_eq!(server.requests("/good.atom?held").len(), 0, "the live node's feed is left to it");
        assert_eq!(store.feed_lease(orphaned).await.expect("lease"), None);
        assert_eq!(
            store.feed_lease(held).await.expect("lease").map(|(h, _)| h).as_deref(),
            Some("busy-node")
        );

        // "Fetch now" on a feed another node is fetching says so and fetches nothing.
        let feed = store.feed_subscription(held).await.expect("read").expect("exists");
        assert_eq!(a.refresh(&feed).await.expect("refresh"), Outcome::Busy);
        assert_eq!(server.requests("/good.atom?held").len(), 0);
        assert_eq!(
            store.feed_subscription(held).await.expect("read").expect("exists").last_status,
            FetchStatus::Never
        );
    }
}
