//! Fetching into the store, on SQLite and PostgreSQL: items stored once, filters applied,
//! validators kept, and a failing feed recorded without stopping the others.

use portico_content::SiteId;
use portico_ingest::testing::{FeedServer, GOOD_ETAG};
use portico_ingest::{Ingester, Outcome, Settings};
use portico_store::testing::TestDb;
use portico_store::{AuditFilter, FeedId, FetchStatus, NewFeedSubscription, NewSite, Store};

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

async fn subscribe(
    store: &Store,
    site: SiteId,
    url: String,
    keywords: &[&str],
    categories: &[&str],
) -> FeedId {
    store
        .create_feed_subscription(
            &NewFeedSubscription {
                site,
                url,
                title: String::new(),
                keywords: keywords.iter().map(|k| (*k).to_owned()).collect(),
                categories: categories.iter().map(|c| (*c).to_owned()).collect(),
                fetch_interval_minutes: 60,
            },
            &portico_store::Audit::system("test", "feed.create"),
        )
        .await
        .expect("subscription")
}

fn ingester(store: &Store) -> Ingester {
    Ingester::new(store.clone(), Settings { allow_loopback: true, ..Settings::default() })
}

#[tokio::test]
async fn items_are_stored_once_and_a_304_changes_nothing() {
    let server = FeedServer::start().await;
    for db in TestDb::each().await {
        let store = &db.store;
        let site = site(store).await;
        let rss = subscribe(store, site, server.url("/good.rss"), &[], &[]).await;
        let atom = subscribe(store, site, server.url("/good.atom"), &[], &[]).await;
        let ingester = ingester(store);
        let feed = |id| async move { store.feed_subscription(id).await.expect("read").expect("exists") };

        let first = ingester.refresh(&feed(rss).await).await.expect("refresh");
        assert_eq!(first, Outcome::Updated { new_items: 3, kept: 3, filtered_out: 0 }, "{}", store.backend());
        let after = feed(rss).await;
        assert_eq!(after.last_status, FetchStatus::Ok);
        assert_eq!(after.etag.as_deref(), Some(GOOD_ETAG));
        assert_eq!(after.title, "Partner News", "an empty name takes the feed's title");
        assert!(after.next_fetch_at > after.last_fetched_at);

        // The run is in the audit log as the ingest job, with what it brought.
        let filter = AuditFilter { action: Some("feed.fetch".into()), ..AuditFilter::default() };
        let fetches = || async { store.audit_records(&filter, 10).await.expect("audit") };
        let noted = fetches().await;
        assert_eq!(noted.len(), 1, "{noted:?}");
        assert_eq!(
            (noted[0].user_email.as_str(), noted[0].detail.as_str(), noted[0].entity_id),
            ("system:ingest", "3 new, 3 kept, 0 filtered out", Some(rss.0))
        );

        // The publisher answers 304 to the validators it gave.
        assert_eq!(ingester.refresh(&after).await.expect("refresh"), Outcome::NotModified);
        assert_eq!(feed(rss).await.last_status, FetchStatus::NotModified);
        assert_eq!(fetches().await.len(), 1, "a look that brings nothing is not noted");

        // The Atom feed has no validators: read again in full, its items are not stored twice.
        let once = ingester.refresh(&feed(atom).await).await.expect("refresh");
        assert_eq!(once, Outcome::Updated { new_items: 2, kept: 2, filtered_out: 0 });
        let twice = ingester.refresh(&feed(atom).await).await.expect("refresh");
        assert_eq!(twice, Outcome::Updated { new_items: 0, kept: 2, filtered_out: 0 });
        assert_eq!(store.ingested_item_count(atom).await.expect("count"), 2);

        let list = store.ingested_items(site, 1, 20).await.expect("list");
        assert_eq!(list.total, 5);
        let titles: Vec<&str> = list.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Families return to San Salvador",
                "Flood response scaled up in the north",
                "Labour migration report published",
                "Training for border officials",
                "Partners meet in Geneva",
            ],
            "newest first on {}",
            store.backend()
        );
        assert_eq!(list.items[0].source_title, "IOM El Salvador");
    }
}

#[tokio::test]
async fn keyword_and_category_filters_choose_the_items() {
    let server = FeedServer::start().await;
    for db in TestDb::each().await {
        let store = &db.store;
        let site = site(store).await;
        let by_category = subscribe(store, site, server.url("/good.rss?c"), &[], &["emergencies"]).await;
        let by_keyword =
            subscribe(store, site, server.url("/good.rss?k"), &["MIGRATION", "geneva"], &[]).await;
        let ingester = ingester(store);
        for id in [by_category, by_keyword] {
            let feed = store.feed_subscription(id).await.expect("read").expect("exists");
            ingester.refresh(&feed).await.expect("refresh");
        }
        let list = store.ingested_items(site, 1, 20).await.expect("list");
        let mut titles: Vec<(String, &str)> =
            list.items.iter().map(|i| (i.source_url.clone(), i.title.as_str())).collect();
        titles.sort();
        assert_eq!(
            titles,
            [
                (server.url("/good.rss?c"), "Flood response scaled up in the north"),
                (server.url("/good.rss?k"), "Labour migration report published"),
                (server.url("/good.rss?k"), "Partners meet in Geneva"),
            ],
            "{}",
            store.backend()
        );
    }
}

#[tokio::test]
async fn one_failing_feed_never_stops_the_others() {
    let server = FeedServer::start().await;
    for db in TestDb::each().await {
        let store = &db.store;
        let site = site(store).await;
        let bad = [
            ("/huge.xml", "larger than"),
            ("/to-metadata", "link-local"),
            ("/to-private", "private"),
            ("/not-a-feed", "not a readable"),
            ("/missing.rss", "404"),
        ];
        let mut bad_ids = Vec::new();
        for (path, _) in bad {
            bad_ids.push(subscribe(store, site, server.url(path), &[], &[]).await);
        }
        let good = subscribe(store, site, server.url("/good.atom"), &[], &[]).await;
        let latin = subscribe(store, site, server.url("/latin1.rss"), &[], &[]).await;

        let outcomes = ingester(store).refresh_due().await.expect("refresh");
        assert_eq!(outcomes.len(), 7, "every due feed was tried on {}", store.backend());
        for ((path, reason), id) in bad.iter().zip(&bad_ids) {
            let feed = store.feed_subscription(*id).await.expect("read").expect("exists");
            assert_eq!(feed.last_status, FetchStatus::Error, "{path}");
            let error = feed.last_error.unwrap_or_default();
            assert!(error.contains(reason), "{path}: {error}");
        }
        assert_eq!(store.ingested_item_count(good).await.expect("count"), 2);
        let latin_items = store.ingested_items(site, 1, 20).await.expect("list");
        assert!(latin_items.items.iter().any(|i| i.title == "Café à Genève"), "{}", store.backend());
        assert_eq!(
            store.feed_subscription(latin).await.expect("read").expect("exists").title,
            "Genève Office"
        );
        // Fetched feeds, failed or not, wait for their next turn.
        assert!(store.due_feed_subscriptions(portico_store::now()).await.expect("due").is_empty());
    }
}

#[tokio::test]
async fn paused_and_removed_feeds_lose_their_items() {
    let server = FeedServer::start().await;
    for db in TestDb::each().await {
        let store = &db.store;
        let site = site(store).await;
        let id = subscribe(store, site, server.url("/good.rss"), &[], &[]).await;
        let ingester = ingester(store);
        ingester.refresh_due().await.expect("refresh");
        assert_eq!(store.ingested_items(site, 1, 20).await.expect("list").total, 3);
        assert!(
            store
                .set_feed_subscription_enabled(
                    id,
                    false,
                    &portico_store::Audit::system("test", "feed.enable")
                )
                .await
                .expect("pause")
        );
        assert_eq!(store.ingested_items(site, 1, 20).await.expect("list").total, 0, "paused: hidden");
        assert!(store.due_feed_subscriptions(portico_store::now()).await.expect("due").is_empty());
        assert!(
            store
                .set_feed_subscription_enabled(id, true, &portico_store::Audit::system("test", "feed.enable"))
                .await
                .expect("resume")
        );
        assert_eq!(store.ingested_items(site, 1, 20).await.expect("list").total, 3);
        assert!(
            store
                .delete_feed_subscription(id, &portico_store::Audit::system("test", "feed.delete"))
                .await
                .expect("delete")
        );
        assert!(
            !store
                .delete_feed_subscription(id, &portico_store::Audit::system("test", "feed.delete"))
                .await
                .expect("delete again")
        );
        assert_eq!(store.ingested_item_count(id).await.expect("count"), 0);
    }
}
