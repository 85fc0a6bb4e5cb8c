//! The lists kept on write are exactly what a rebuild from the documents gives, after every
//! kind of write, on both databases.

use portico_content::{Draft, Kind, SiteId, Status};
use portico_store::testing::TestDb;
use portico_store::{ImportDocument, ImportVariant, NewDocument, NewSite, NewTheme, ReleaseFilter, Store};
use time::macros::datetime;

fn site(key: &str, languages: &[&str], country: Option<&str>) -> NewSite {
    NewSite {
        key: key.into(),
        name: key.into(),
        languages: languages.iter().map(|l| (*l).to_owned()).collect(),
        country: country.map(str::to_owned),
        hosts: vec![],
        names: Default::default(),
        fallback_to_default: true,
    }
}

fn release(title: &str, at: time::OffsetDateTime, countries: &[&str], themes: &[&str]) -> Draft {
    Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        published_at: Some(at),
        countries: countries.iter().map(|c| (*c).to_owned()).collect(),
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        ..Draft::default()
    }
}

/// Fails unless the lists as kept equal the lists rebuilt from scratch.
async fn assert_lists_match_a_rebuild(store: &Store, after: &str) {
    let kept = store.listing_snapshot().await.expect("snapshot");
    store.rebuild_listing().await.expect("rebuild");
    let rebuilt = store.listing_snapshot().await.expect("snapshot");
    assert_eq!(kept.0, rebuilt.0, "{}: rows differ after {after}", store.backend());
    assert_eq!(kept.1, rebuilt.1, "{}: counts differ after {after}", store.backend());
}

async fn titles(store: &Store, site: SiteId, language: &str, filter: &ReleaseFilter) -> (Vec<String>, i64) {
    let list = store.published_releases(site, language, filter, 1, 50).await.expect("list");
    (list.items.into_iter().map(|r| r.title).collect(), list.total)
}

#[tokio::test]
async fn lists_kept_on_write_equal_a_rebuild_through_every_kind_of_write() {
    for db in TestDb::each().await {
        let store = &db.store;
        let global = store
            .create_site(
                &site("global", &["en", "fr"], None),
                &portico_store::Audit::system("test", "site.create"),
            )
            .await
            .expect("site");
        let sv = store
            .create_site(
                &site("sv", &["es", "en"], Some("SV")),
                &portico_store::Audit::system("test", "site.create"),
            )
            .await
            .expect("site");
        for slug in ["health", "children"] {
            store
                .upsert_theme(&NewTheme { slug: slug.into(), name: slug.into(), description: String::new() })
                .await
                .expect("theme");
        }
        let new = |site, title: &str, countries: &[&str], status| NewDocument {
            site,
            kind: Kind::Release,
            language: "en".into(),
            draft: release(title, datetime!(2015-08-21 09:00 UTC), countries, &["health"]),
            status,
            author: None,
        };
        let (about_sv, _) = store
            .create_document(
                &new(global, "About El Salvador", &["SV", "GT"], Status::Published),
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("doc");
        let (draft, _) = store
            .create_document(
                &new(global, "A draft", &["SV"], Status::Draft),
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("doc");
        store
            .create_document(
                &new(sv, "Local news", &["SV"], Status::Published),
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("doc");
        assert_lists_match_a_rebuild(store, "creating").await;

        // The country office lists the global release about its country; filters combine.
        let sv_filter =
            ReleaseFilter { country: Some("SV".into()), theme: Some("health".into()), year: Some(2015) };
        assert_eq!(titles(store, sv, "en", &sv_filter).await.1, 2, "{}", store.backend());
        assert_eq!(titles(store, global, "en", &sv_filter).await.0, ["About El Salvador"]);
        let other_year = ReleaseFilter { year: Some(2016), ..sv_filter.clone() };
        assert_eq!(titles(store, global, "en", &other_year).await.1, 0);

        // Moving the release's countries and themes moves it between lists.
        let editable = store.editable_variant(about_sv, Some("en")).await.expect("read").expect("variant");
        let moved = release("About El Salvador", datetime!(2016-01-05 09:00 UTC), &["GT"], &["children"]);
        store
            .update_document(
                about_sv,
                "en",
                editable.revision,
                &moved,
                &portico_store::Audit::system("test", "document.save"),
            )
            .await
            .expect("update");
        assert_lists_match_a_rebuild(store, "an update").await;
        assert_eq!(titles(store, sv, "en", &ReleaseFilter::default()).await.0, ["Local news"]);
        let counts = store.release_counts_by_country(global, "en").await.expect("counts");
        assert_eq!(counts, [("GT".to_owned(), 1)], "{}", store.backend());
        assert_eq!(store.release_years(global, "en").await.expect("years"), [2016]);

        // Publishing, archiving and translating.
        store
            .set_status(
                draft,
                "en",
                Status::Draft,
                Status::Published,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("publish");
        assert_lists_match_a_rebuild(store, "publishing").await;
        store
            .set_status(
                draft,
                "en",
                Status::Published,
                Status::Archived,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("archive");
        assert_lists_match_a_rebuild(store, "archiving").await;
        store
            .create_translation(about_sv, "fr", &portico_store::Audit::system("test", "document.translate"))
            .await
            .expect("translate");
        let fr = store.editable_variant(about_sv, Some("fr")).await.expect("read").expect("variant");
        store
            .set_status(
                about_sv,
                "fr",
                fr.status,
                Status::Published,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("publish fr");
        assert_lists_match_a_rebuild(store, "translating").await;
        assert_eq!(titles(store, global, "fr", &ReleaseFilter::default()).await.1, 1);

        // A time moved into the future takes a published release off the lists until then.
        let editable = store.editable_variant(about_sv, Some("en")).await.expect("read").expect("variant");
        let later =
            release("About El Salvador", portico_store::now() + time::Duration::days(2), &["GT"], &[]);
        store
            .update_document(
                about_sv,
                "en",
                editable.revision,
                &later,
                &portico_store::Audit::system("test", "document.save"),
            )
            .await
            .expect("update");
        let now_status =
            store.editable_variant(about_sv, Some("en")).await.expect("read").expect("variant").status;
        assert_eq!(now_status, Status::Scheduled, "{}", store.backend());
        assert_eq!(titles(store, global, "en", &ReleaseFilter::default()).await.1, 0);
        assert_lists_match_a_rebuild(store, "postponing").await;

        // Importing, a scheduled release coming due, and sites changing.
        store
            .import_documents(
                vec![ImportDocument {
                    site: global,
                    kind: Kind::Release,
                    variants: vec![ImportVariant {
                        language: "en".into(),
                        draft: release(
                            "Imported",
                            datetime!(2014-03-01 09:00 UTC),
                            &["SV", "JO"],
                            &["children"],
                        ),
                        status: Status::Published,
                    }],
                }],
                &portico_store::Audit::system("test", "document.import"),
            )
            .await
            .expect("import");
        let (due, _) = store
            .create_document(
                &NewDocument {
                    draft: release("Due", portico_store::now() - time::Duration::hours(1), &["SV"], &[]),
                    ..new(global, "Due", &["SV"], Status::Scheduled)
                },
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("doc");
        assert_eq!(store.publish_due().await.expect("due").len(), 1);
        assert_lists_match_a_rebuild(store, "importing and publishing what was due").await;
        assert!(titles(store, sv, "en", &ReleaseFilter::default()).await.0.contains(&"Due".to_owned()));
        let _ = due;
        let jo = store
            .create_site(
                &site("jo", &["ar", "en"], Some("JO")),
                &portico_store::Audit::system("test", "site.create"),
            )
            .await
            .expect("site");
        assert_eq!(titles(store, jo, "en", &ReleaseFilter::default()).await.0, ["Imported"]);
        store
            .update_site(
                sv,
                &site("sv", &["es"], Some("SV")),
                &portico_store::Audit::system("test", "site.edit"),
            )
            .await
            .expect("update site");
        // Its own English release stays; the global ones in English are no longer its to show.
        assert_eq!(titles(store, sv, "en", &ReleaseFilter::default()).await.0, ["Local news"]);
        assert_lists_match_a_rebuild(store, "changing sites").await;
    }
}
