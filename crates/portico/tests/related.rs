//! Related releases come from bounded candidates; on the demo they must be as good as the
//! exhaustive ranking that read the whole archive.

use portico_store::ReleaseFilter;
use portico_store::testing::TestDb;

#[tokio::test]
async fn related_releases_on_the_demo_share_as_much_as_the_exhaustive_ranking_on_both_databases() {
    for db in TestDb::each().await {
        let store = &db.store;
        portico::demo::load(store).await.expect("demo content");
        let mut compared = 0;
        for site in store.sites().await.expect("sites") {
            for language in &site.languages {
                let list = store
                    .published_releases(site.id, language, &ReleaseFilter::default(), 1, 1000)
                    .await
                    .expect("list");
                for release in &list.items {
                    let bounded =
                        store.related_releases(site.id, language, release.id, &[], 4).await.expect("related");
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
                        let score =
                            store.shared_theme_and_country_count(release.id, got.id).await.expect("score");
                        assert!(
                            score >= *best_score,
                            "{}: related #{} of {:?} ({language}) shares {score}, the exhaustive one {best_score}",
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
