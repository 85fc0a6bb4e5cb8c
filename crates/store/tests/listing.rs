//! The lists kept on write are exactly what a rebuild from the documents gives, after every
//! kind of write, on both databases.

use portico_content::{Draft, Kind, SiteId, Status};
use portico_store::testing::{TestDb, new_site as site};
use portico_store::{
    ImportDocument, ImportVariant, NewDocument, NewTheme, ReleaseFilter, Store, TouchedList,
};
use time::macros::datetime;

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
                .upsert_theme(&NewTheme {
                    slug: slug.into(),
                    name: slug.into(),
                    description: String::new(),
                    names: Vec::new(),
                })
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
        let sv_filter = ReleaseFilter {
            country: Some("SV".into()),
            theme: Some("health".into()),
            year: Some(2015),
            goal: None,
        };
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
        assert_eq!(store.release_facets(global, "en").await.expect("years").years, [2016]);

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

/// Deep pages are narrowed to the year and month that hold them (from the counts kept on
/// write) before the list is read; every page must still hold exactly the rows that skipping
/// through the whole list gives, on lists with and without aggregated rows, filters, ties of
/// publication time, and page sizes that cross month boundaries.
#[tokio::test]
async fn deep_pages_hold_the_rows_that_skipping_through_the_whole_list_gives() {
    for db in TestDb::each().await {
        let store = &db.store;
        let audit = portico_store::Audit::system("test", "site.create");
        let global = store.create_site(&site("global", &["en"], None), &audit).await.expect("site");
        let sv = store.create_site(&site("sv", &["es", "en"], Some("SV")), &audit).await.expect("site");
        for slug in ["health", "children"] {
            store
                .upsert_theme(&NewTheme {
                    slug: slug.into(),
                    name: slug.into(),
                    description: String::new(),
                    names: Vec::new(),
                })
                .await
                .expect("theme");
        }
        let start = datetime!(2012-11-20 08:00 UTC);
        let mut documents = Vec::new();
        for i in 0..900_i64 {
            // About a day and a half apart, every seventh at the same second as the one before.
            let step = i - i64::from(i % 7 == 6);
            let at = start + time::Duration::minutes(step * 2_100);
            let countries: &[&str] = match i % 3 {
                0 => &["SV"],
                1 => &["GT"],
                _ => &["GT", "SV"],
            };
            let themes: &[&str] = if i % 2 == 0 { &["health"] } else { &["children"] };
            let owner = if i % 10 == 0 { sv } else { global };
            documents.push(ImportDocument {
                site: owner,
                kind: Kind::Release,
                variants: vec![ImportVariant {
                    language: "en".into(),
                    draft: release(&format!("Release {i:04}"), at, countries, themes),
                    status: Status::Published,
                }],
            });
        }
        store
            .import_documents(documents, &portico_store::Audit::system("test", "document.import"))
            .await
            .expect("import");
        let lists = [
            (global, ReleaseFilter::default()),
            (global, ReleaseFilter { country: Some("SV".into()), ..ReleaseFilter::default() }),
            (global, ReleaseFilter { theme: Some("health".into()), ..ReleaseFilter::default() }),
            (global, ReleaseFilter { year: Some(2014), ..ReleaseFilter::default() }),
            (
                global,
                ReleaseFilter {
                    country: Some("GT".into()),
                    theme: Some("children".into()),
                    year: None,
                    goal: None,
                },
            ),
            (sv, ReleaseFilter::default()),
            (sv, ReleaseFilter { year: Some(2015), ..ReleaseFilter::default() }),
            (sv, ReleaseFilter { theme: Some("health".into()), ..ReleaseFilter::default() }),
        ];
        for (site, filter) in &lists {
            let whole = store.published_releases(*site, "en", filter, 1, 10_000).await.expect("list");
            let whole: Vec<String> = whole.items.into_iter().map(|r| r.title).collect();
            assert!(whole.len() > 100, "{}: {filter:?} lists {}", store.backend(), whole.len());
            for per_page in [20_u32, 7] {
                let pages = u32::try_from(whole.len()).expect("len").div_ceil(per_page);
                for page in 1..=pages + 1 {
                    let list =
                        store.published_releases(*site, "en", filter, page, per_page).await.expect("page");
                    let got: Vec<String> = list.items.into_iter().map(|r| r.title).collect();
                    let from = ((page - 1) * per_page) as usize;
                    let expected = whole.get(from..).unwrap_or_default().iter().take(per_page as usize);
                    assert_eq!(
                        got,
                        expected.cloned().collect::<Vec<_>>(),
                        "{}: site {site:?} {filter:?} page {page} of {per_page}",
                        store.backend()
                    );
                    assert_eq!(list.total, whole.len() as i64);
                }
            }
        }

        // The migration that counted the months of lists made before the store kept them
        // counts them as the store does.
        let kept = store.listing_snapshot().await.expect("snapshot");
        db.execute("delete from listing_counts where facet >= 2305843009213693952").await.expect("delete");
        let migration = match store.backend() {
            "postgres" => include_str!("../migrations/postgres/0018_month_counts.sql"),
            _ => include_str!("../migrations/sqlite/0018_month_counts.sql"),
        };
        db.execute(migration).await.expect("migration");
        assert_eq!(kept.1, store.listing_snapshot().await.expect("snapshot").1, "{}", store.backend());
    }
}

#[tokio::test]
async fn a_goals_list_holds_the_releases_serving_it_and_its_pages_on_both_databases() {
    for db in TestDb::each().await {
        let store = &db.store;
        let audit = || portico_store::Audit::system("test", "document.create");
        let global = store.create_site(&site("global", &["en", "fr"], None), &audit()).await.expect("site");
        let sv = store.create_site(&site("sv", &["es", "en"], Some("SV")), &audit()).await.expect("site");
        let tagged = |title: &str, day: u8, countries: &[&str], goals: &[&str]| Draft {
            goals: goals.iter().map(|g| (*g).to_owned()).collect(),
            ..release(
                title,
                datetime!(2020-03-01 09:00 UTC) + time::Duration::days(i64::from(day)),
                countries,
                &[],
            )
        };
        let create = |site, kind, draft: Draft| {
            let new = NewDocument {
                site,
                kind,
                language: "en".into(),
                draft,
                status: Status::Published,
                author: None,
            };
            async move { store.create_document(&new, &audit()).await.expect("create").0 }
        };
        // A target counts for its goal; a goal named twice (goal and target) is listed once.
        let both = create(
            global,
            Kind::Release,
            tagged("Safe migration in El Salvador", 1, &["SV"], &["10", "10.7", "16.2"]),
        )
        .await;
        create(global, Kind::Release, tagged("Climate and mobility", 2, &["FJ"], &["13"])).await;
        create(sv, Kind::Release, tagged("Local labour rights", 3, &["SV"], &["8.8", "10.7"])).await;
        create(global, Kind::Release, tagged("Untagged", 4, &["SV"], &[])).await;
        let page = Draft {
            title: "Partnerships".into(),
            slug: "our-work/partnerships".into(),
            published_at: Some(datetime!(2020-01-01 09:00 UTC)),
            goals: vec!["17.17".into(), "10".into()],
            ..Draft::default()
        };
        create(global, Kind::Page, page).await;
        assert_lists_match_a_rebuild(store, "tagging").await;

        let goal = |n: u8| ReleaseFilter { goal: Some(n), ..ReleaseFilter::default() };
        let backend = store.backend();
        assert_eq!(
            titles(store, global, "en", &goal(10)).await,
            (vec!["Safe migration in El Salvador".to_owned()], 1),
            "{backend}"
        );
        assert_eq!(titles(store, global, "en", &goal(13)).await.0, ["Climate and mobility"], "{backend}");
        assert_eq!(titles(store, global, "en", &goal(1)).await.1, 0, "{backend}");
        // The country office lists its own and the global release about its country.
        assert_eq!(
            titles(store, sv, "en", &goal(10)).await.0,
            ["Local labour rights", "Safe migration in El Salvador"],
            "{backend}"
        );
        // A goal with a country is no list the listing keeps: empty, not wrong.
        let with_country = ReleaseFilter { country: Some("SV".into()), ..goal(10) };
        assert_eq!(titles(store, global, "en", &with_country).await.1, 0, "{backend}");
        assert_eq!(titles(store, global, "en", &goal(18)).await.1, 0, "{backend}");

        let counts = store.goal_counts(global, "en").await.expect("counts");
        let of = |n: u8| counts.iter().find(|c| c.goal == n).map(|c| (c.releases, c.pages));
        assert_eq!(
            (of(10), of(13), of(16), of(17), of(8)),
            (Some((1, 1)), Some((1, 0)), Some((1, 0)), Some((0, 1)), None),
            "{backend}"
        );
        let pages = store.goal_pages(global, "en", 17).await.expect("pages");
        assert_eq!(
            pages.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
            ["our-work/partnerships"],
            "{backend}"
        );
        assert!(store.goal_pages(global, "fr", 17).await.expect("pages").is_empty(), "no French variant");
        assert!(store.goal_pages(sv, "en", 17).await.expect("pages").is_empty(), "another site's page");

        // The codes come back in the Agenda's order, for the editor and the public page.
        let editable = store.editable_variant(both, Some("en")).await.expect("read").expect("variant");
        assert_eq!(editable.draft.goals, ["10", "10.7", "16.2"], "{backend}");
        let public =
            store.published_release(global, "en", "safe-migration-in-el-salvador").await.expect("read");
        assert_eq!(public.expect("published").goals, ["10", "10.7", "16.2"], "{backend}");

        // Untagging moves the release off the goal's list and its counts.
        let retagged = Draft { goals: vec!["13.1".into()], ..editable.draft.clone() };
        store
            .update_document(
                both,
                "en",
                editable.revision,
                &retagged,
                &portico_store::Audit::system("test", "document.save"),
            )
            .await
            .expect("update");
        assert_lists_match_a_rebuild(store, "retagging").await;
        assert_eq!(titles(store, global, "en", &goal(10)).await.1, 0, "{backend}");
        assert_eq!(titles(store, global, "en", &goal(13)).await.1, 2, "{backend}");
        let counts = store.goal_counts(global, "en").await.expect("counts");
        assert_eq!(
            counts.iter().find(|c| c.goal == 10).map(|c| (c.releases, c.pages)),
            Some((0, 1)),
            "{backend}"
        );
    }
}

/// The lists the newest change-log entry says it touched, sorted; `None` when it says nothing.
async fn last_touched(store: &Store) -> Option<Vec<TouchedList>> {
    let last = store.last_change_id().await.expect("last").expect("an entry");
    let entries = store.changes_after(last - 1, 1).await.expect("entries");
    let mut touched = entries[0].touched_lists()?;
    touched.sort();
    Some(touched)
}

#[tokio::test]
async fn a_release_change_names_exactly_the_lists_it_touched_and_other_documents_name_none() {
    for db in TestDb::each().await {
        let store = &db.store;
        let audit = portico_store::Audit::system("test", "write");
        let global = store.create_site(&site("global", &["en"], None), &audit).await.expect("site");
        let sv = store.create_site(&site("sv", &["en"], Some("SV")), &audit).await.expect("site");
        store
            .upsert_theme(&NewTheme {
                slug: "health".into(),
                name: "Health".into(),
                description: String::new(),
                names: Vec::new(),
            })
            .await
            .expect("theme");
        let health =
            store.themes().await.expect("themes").into_iter().find(|t| t.slug == "health").expect("health");
        let health = health.id.0;
        let new = |title: &str, countries: &[&str], status| NewDocument {
            site: global,
            kind: Kind::Release,
            language: "en".into(),
            draft: release(title, datetime!(2015-08-21 09:00 UTC), countries, &["health"]),
            status,
            author: None,
        };
        use TouchedList::{AllNarrowed, Country, Theme, Unfiltered};

        // The first release about El Salvador: its lists here and on the office that shows
        // the global site's releases about its country, and new choices in every filter.
        let (first, _) =
            store.create_document(&new("First", &["SV"], Status::Published), &audit).await.expect("doc");
        // Where a release about El Salvador on health is listed.
        let mut its_lists = vec![
            Unfiltered(global),
            Unfiltered(sv),
            Country(global, *b"SV"),
            Country(sv, *b"SV"),
            Theme(global, health),
            Theme(sv, health),
        ];
        its_lists.sort();
        let mut expected = [its_lists.clone(), vec![AllNarrowed(global), AllNarrowed(sv)]].concat();
        expected.sort();
        assert_eq!(last_touched(store).await, Some(expected), "{}: first release", store.backend());

        // A second one about El Salvador, of the same year: every choice was there already.
        store.create_document(&new("Second", &["SV"], Status::Published), &audit).await.expect("doc");
        let touched = last_touched(store).await.expect("said");
        assert!(touched.contains(&Country(sv, *b"SV")), "{}: {touched:?}", store.backend());
        assert!(
            !touched.iter().any(|list| matches!(list, AllNarrowed(_))),
            "{}: no new choice: {touched:?}",
            store.backend()
        );
        // One about Guatemala as well: a new choice wherever it is listed.
        store.create_document(&new("Third", &["SV", "GT"], Status::Published), &audit).await.expect("doc");
        let touched = last_touched(store).await.expect("said");
        assert!(touched.contains(&Country(global, *b"GT")) && touched.contains(&AllNarrowed(global)));
        assert!(touched.contains(&Country(sv, *b"GT")) && touched.contains(&AllNarrowed(sv)));

        // Retitled: the same lists show it, and no choice changes.
        let editable = store.editable_variant(first, Some("en")).await.expect("read").expect("variant");
        let draft = Draft { title: "First, retitled".into(), ..editable.draft };
        store.update_document(first, "en", editable.revision, &draft, &audit).await.expect("update");
        assert_eq!(last_touched(store).await, Some(its_lists), "{}: retitled", store.backend());

        // A draft release is on no list: it touches none. A page is in none of these lists:
        // readers assume any list of the site.
        let (draft, _) =
            store.create_document(&new("Draft", &["SV"], Status::Draft), &audit).await.expect("draft");
        assert_eq!(last_touched(store).await, Some(vec![]), "{}: a draft", store.backend());
        let editable = store.editable_variant(draft, Some("en")).await.expect("read").expect("variant");
        let edited = Draft { title: "Draft, retitled".into(), ..editable.draft };
        store.update_document(draft, "en", editable.revision, &edited, &audit).await.expect("update");
        assert_eq!(last_touched(store).await, Some(vec![]), "{}: a draft edited", store.backend());
        store.set_status(draft, "en", Status::Draft, Status::Published, None, &audit).await.expect("publish");
        assert!(
            last_touched(store).await.is_some_and(|lists| lists.contains(&Country(sv, *b"SV"))),
            "{}: published, it is on El Salvador's lists",
            store.backend()
        );
        let page = NewDocument {
            site: global,
            kind: Kind::Page,
            language: "en".into(),
            draft: Draft { title: "Who we are".into(), slug: "who-we-are".into(), ..Draft::default() },
            status: Status::Published,
            author: None,
        };
        store.create_document(&page, &audit).await.expect("page");
        assert_eq!(last_touched(store).await, None, "{}: a page", store.backend());
    }
}
