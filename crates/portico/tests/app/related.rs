//! Related releases come from bounded candidates and are kept on write; on the demo they must
//! be as good as the exhaustive ranking that read the whole archive, whether weighed on the
//! spot or kept, and the kept ones follow new and withdrawn releases.

use portico_content::{Draft, Status};
use portico_store::testing::TestDb;
use portico_store::{ReleaseFilter, Store};

/// Runs the background job until the queue is empty.
async fn weigh_all(store: &Store) {
    while store.refresh_related(64, &portico_geo::nearby_countries).await.expect("weigh") > 0 {}
    assert_eq!(store.related_queue_length().await.expect("queue"), 0);
}

#[tokio::test]
async fn related_releases_on_the_demo_share_as_much_as_the_exhaustive_ranking_on_both_databases() {
    for db in TestDb::each().await {
        let store = &db.store;
        portico::demo::load(
            store,
            &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
        )
        .await
        .expect("demo content");
        assert!(store.related_queue_length().await.expect("queue") > 20, "the demo's releases are queued");
        // First weighed on the spot (nothing kept yet), then as kept by the background job.
        for kept in [false, true] {
            if kept {
                weigh_all(store).await;
            }
            let mut compared = 0;
            for site in store.sites().await.expect("sites") {
                for language in &site.languages {
                    let list = store
                        .published_releases(site.id, language, &ReleaseFilter::default(), 1, 1000)
                        .await
                        .expect("list");
                    for release in &list.items {
                        let bounded = store
                            .related_releases(site.id, language, release.id, &[], 4)
                            .await
                            .expect("related");
                        let best = store
                            .related_scores_exhaustive(site.id, language, release.id, 4)
                            .await
                            .expect("exhaustive");
                        for (position, (_, best_score)) in best.iter().enumerate() {
                            let Some(got) = bounded.get(position) else {
                                panic!(
                                    "{}: {} ({language}) has {} related, the exhaustive ranking {}",
                                    store.backend(),
                                    release.title,
                                    bounded.len(),
                                    best.len()
                                );
                            };
                            let score = store
                                .shared_theme_and_country_count(release.id, got.id)
                                .await
                                .expect("score");
                            assert!(
                                score >= *best_score,
                                "{} (kept: {kept}): related #{} of {:?} ({language}) shares {score}, the exhaustive one {best_score}",
                                store.backend(),
                                position + 1,
                                release.title
                            );
                            compared += 1;
                        }
                    }
                }
            }
            assert!(compared > 100, "only {compared} related releases compared");
        }
    }
}

#[tokio::test]
async fn kept_related_releases_follow_a_new_release_and_its_withdrawal_on_both_databases() {
    for db in TestDb::each().await {
        let store = &db.store;
        portico::demo::load(
            store,
            &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
        )
        .await
        .expect("demo content");
        weigh_all(store).await;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        let newest =
            store.published_releases(global.id, "en", &ReleaseFilter::default(), 1, 1).await.expect("list");
        let older = store
            .published_release(global.id, "en", &newest.items[0].slug)
            .await
            .expect("read")
            .expect("older");
        let related_ids =
            |list: Vec<portico_store::ReleaseSummary>| list.into_iter().map(|r| r.id).collect::<Vec<_>>();
        let before =
            related_ids(store.related_releases(global.id, "en", older.id, &[], 4).await.expect("related"));

        // A newer release on exactly the same countries and themes shares the most with it.
        let draft = Draft {
            title: "Kept on write".into(),
            slug: "kept-on-write".into(),
            published_at: Some(time::OffsetDateTime::now_utc() - time::Duration::minutes(1)),
            summary: "A release about the same places and themes.".into(),
            body_markdown: "Body.".into(),
            countries: older.countries.clone(),
            themes: older.themes.iter().map(|t| t.slug.clone()).collect(),
            ..Draft::default()
        };
        let twin = store
            .create_document(
                &portico_store::NewDocument {
                    site: global.id,
                    kind: portico_content::Kind::Release,
                    language: "en".into(),
                    draft,
                    status: Status::Published,
                    author: None,
                },
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("create")
            .0;
        // Until the job reaches it, pages show what was kept: proof that they read it.
        let stale =
            related_ids(store.related_releases(global.id, "en", older.id, &[], 4).await.expect("related"));
        assert_eq!(stale, before, "{}: the kept list is read until the job runs", store.backend());
        weigh_all(store).await;
        let after =
            related_ids(store.related_releases(global.id, "en", older.id, &[], 4).await.expect("related"));
        assert_eq!(
            after.first(),
            Some(&twin),
            "{}: the twin leads the older release's related",
            store.backend()
        );
        let own = related_ids(store.related_releases(global.id, "en", twin, &[], 4).await.expect("related"));
        assert!(
            own.contains(&older.id),
            "{}: and the older one is among the twin's: {own:?}",
            store.backend()
        );

        // Withdrawn: it leaves the lists, and the kept lists that showed it.
        store
            .set_status(
                twin,
                "en",
                Status::Published,
                Status::Draft,
                None,
                &portico_store::Audit::system("test", "document.unpublish"),
            )
            .await
            .expect("unpublish");
        weigh_all(store).await;
        let withdrawn =
            related_ids(store.related_releases(global.id, "en", older.id, &[], 4).await.expect("related"));
        assert!(!withdrawn.contains(&twin), "{}: {withdrawn:?}", store.backend());
        assert_eq!(withdrawn.len(), 4, "{}: still a full list", store.backend());
    }
}
