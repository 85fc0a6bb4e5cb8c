//! Publications on both databases: their facts are the document's and follow only the
//! original's saves, each language version keeps its own PDF, the library lists them newest
//! year first with facets counted over the selection, and a PDF's text reaches search.

use portico_content::publication::{Form, Publication};
use portico_content::{Draft, Kind, MediaId, SiteId, Status};
use portico_store::testing::{TestDb, new_site as site};
use portico_store::{Audit, NewDocument, NewMedia, NewTheme, PdfFacts, PublicationFilter, Store, StoreError};
use time::{Duration, OffsetDateTime};

async fn pdf(store: &Store, site: SiteId, name: &str, pages: i32, text: &str) -> MediaId {
    let new = NewMedia {
        site,
        kind: "file".into(),
        file_name: format!("{name}.pdf"),
        mime: "application/pdf".into(),
        width: 0,
        height: 0,
        bytes: 4_321,
        alt: String::new(),
        caption: String::new(),
        credit: String::new(),
        renditions: Vec::new(),
        created_by: None,
        pdf: Some(PdfFacts { pages, text: text.into() }),
    };
    store.create_media(&new, &Audit::system("test", "media.upload")).await.expect("pdf")
}

fn publication(title: &str, year: i32, series: &str, countries: &[&str], themes: &[&str]) -> Draft {
    Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        published_at: Some(OffsetDateTime::now_utc() - Duration::hours(1)),
        summary: format!("{title}, in brief."),
        body_markdown: "What the study found.".into(),
        countries: countries.iter().map(|c| (*c).to_owned()).collect(),
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        publication: Some(Publication {
            year,
            authors: "Migration Research Division".into(),
            form: Form::Report,
            isbn: String::new(),
            issn: if series.is_empty() { String::new() } else { "2049-3630".into() },
            series: series.into(),
            cover: None,
        }),
        ..Draft::default()
    }
}

async fn publish(store: &Store, site: SiteId, language: &str, draft: Draft) -> portico_content::DocumentId {
    let new = NewDocument {
        site,
        kind: Kind::Publication,
        language: language.into(),
        draft,
        status: Status::Published,
        author: None,
    };
    store.create_document(&new, &Audit::system("test", "document.create")).await.expect("publication").0
}

async fn themes(store: &Store) {
    for (slug, name) in [("labour-migration", "Labour migration"), ("climate", "Climate and migration")] {
        store
            .upsert_theme(&NewTheme {
                slug: slug.into(),
                name: name.into(),
                description: String::new(),
                names: Vec::new(),
            })
            .await
            .expect("theme");
    }
}

fn counts(facet: &[portico_store::FacetCount]) -> Vec<(String, i64)> {
    facet.iter().map(|f| (f.value.clone(), f.count)).collect()
}

#[tokio::test]
async fn the_library_lists_newest_first_with_filters_and_facets_counted_over_the_selection() {
    for db in TestDb::each().await {
        let store = &db.store;
        let backend = store.backend();
        let audit = Audit::system("test", "site.create");
        let global = store.create_site(&site("global", &["en", "fr"], None), &audit).await.expect("site");
        let other = store.create_site(&site("sv", &["es"], Some("SV")), &audit).await.expect("site");
        themes(store).await;
        let wmr = "World Migration Report";
        let mrs = "Migration Research Series";
        publish(store, global, "en", publication("Report 2024", 2024, wmr, &["SV"], &["labour-migration"]))
            .await;
        let report =
            publish(store, global, "en", publication("Report 2026", 2026, wmr, &[], &["climate"])).await;
        publish(
            store,
            global,
            "en",
            publication("Remittances", 2025, mrs, &["SV", "GT"], &["labour-migration"]),
        )
        .await;
        let mut draft = publication("Unpublished", 2026, mrs, &[], &[]);
        draft.published_at = None;
        store
            .create_document(
                &NewDocument {
                    site: global,
                    kind: Kind::Publication,
                    language: "en".into(),
                    draft,
                    status: Status::Draft,
                    author: None,
                },
                &Audit::system("test", "document.create"),
            )
            .await
            .expect("draft");
        publish(store, other, "es", publication("Informe nacional", 2026, "", &["SV"], &[])).await;
        store
            .create_translation(report, "fr", &Audit::system("test", "document.translate"))
            .await
            .expect("fr");
        let mut french = store.editable_variant(report, Some("fr")).await.expect("read").expect("fr");
        french.draft.title = "Rapport 2026".into();
        french.draft.slug = "rapport-2026".into();
        french.draft.published_at = Some(OffsetDateTime::now_utc() - Duration::minutes(5));
        store
            .update_document(
                report,
                "fr",
                french.revision,
                &french.draft,
                &Audit::system("test", "document.save"),
            )
            .await
            .expect("save fr");
        store
            .set_status(
                report,
                "fr",
                Status::Draft,
                Status::Published,
                None,
                &Audit::system("test", "document.publish"),
            )
            .await
            .expect("publish fr");

        let langs = ["en".to_owned(), "fr".to_owned()];
        let all =
            store.library(global, "en", &langs, &PublicationFilter::default(), 12, 0).await.expect("library");
        let titles: Vec<_> = all.items.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Report 2026", "Remittances", "Report 2024"], "{backend}");
        assert_eq!(all.total, 3);
        assert_eq!(counts(&all.facets.years), [("2026".into(), 1), ("2025".into(), 1), ("2024".into(), 1)]);
        assert_eq!(counts(&all.facets.languages), [("en".into(), 3), ("fr".into(), 1)], "{backend}");
        assert_eq!(counts(&all.facets.series), [(mrs.into(), 1), (wmr.into(), 2)]);
        assert_eq!(counts(&all.facets.countries), [("GT".into(), 1), ("SV".into(), 2)]);
        assert_eq!(all.facets.themes[0].label, "Climate and migration");

        // In French, a publication with a French version shows it; the others their original.
        let french =
            store.library(global, "fr", &langs, &PublicationFilter::default(), 12, 0).await.expect("fr");
        assert_eq!(french.items[0].title, "Rapport 2026", "{backend}");
        assert_eq!(french.items[1].language, "en");

        let filter = PublicationFilter { series: Some(wmr.into()), ..Default::default() };
        let list = store.library(global, "en", &langs, &filter, 12, 0).await.expect("series");
        assert_eq!(list.total, 2, "{backend}");
        assert_eq!(counts(&list.facets.years), [("2026".into(), 1), ("2024".into(), 1)], "facets follow");
        let filter = PublicationFilter {
            country: Some("SV".into()),
            theme: Some("labour-migration".into()),
            ..Default::default()
        };
        let list = store.library(global, "en", &langs, &filter, 12, 0).await.expect("country and theme");
        assert_eq!(
            list.items.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(),
            ["Remittances", "Report 2024"]
        );
        let filter = PublicationFilter { language: Some("fr".into()), ..Default::default() };
        assert_eq!(store.library(global, "en", &langs, &filter, 12, 0).await.expect("fr").total, 1);
        let filter = PublicationFilter { year: Some(1999), ..Default::default() };
        assert_eq!(store.library(global, "en", &langs, &filter, 12, 0).await.expect("none").total, 0);
        let page =
            store.library(global, "en", &langs, &PublicationFilter::default(), 2, 2).await.expect("page 2");
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.total, 3);
    }
}

#[tokio::test]
async fn facts_belong_to_the_document_and_each_version_keeps_its_own_pdf_whose_text_is_searched() {
    for db in TestDb::each().await {
        let store = &db.store;
        let backend = store.backend();
        let audit = Audit::system("test", "site.create");
        let global = store.create_site(&site("global", &["en", "fr"], None), &audit).await.expect("site");
        let english = pdf(store, global, "report-en", 12, "Seasonal workers and their remittances").await;
        let french = pdf(store, global, "report-fr", 14, "Travailleurs saisonniers").await;
        let mut draft = publication("Seasonal work", 2025, "", &[], &[]);
        draft.file = Some(english);
        let document = publish(store, global, "en", draft).await;

        let original = store.editable_variant(document, Some("en")).await.expect("read").expect("en");
        assert_eq!(original.draft.file, Some(english), "{backend}");
        assert_eq!(original.draft.publication.as_ref().map(|p| p.year), Some(2025));
        store
            .create_translation(document, "fr", &Audit::system("test", "document.translate"))
            .await
            .expect("fr");
        let mut fr = store.editable_variant(document, Some("fr")).await.expect("read").expect("fr");
        assert_eq!(fr.draft.publication, original.draft.publication, "a translation shows the facts");
        fr.draft.title = "Travail saisonnier".into();
        fr.draft.slug = "travail-saisonnier".into();
        fr.draft.file = Some(french);
        let mut changed = fr.draft.publication.clone().expect("facts");
        changed.year = 2019;
        changed.authors = "Someone else".into();
        fr.draft.publication = Some(changed);
        fr.draft.published_at = Some(OffsetDateTime::now_utc() - Duration::minutes(1));
        let save = Audit::system("test", "document.save");
        store.update_document(document, "fr", fr.revision, &fr.draft, &save).await.expect("save fr");
        store
            .set_status(
                document,
                "fr",
                Status::Draft,
                Status::Published,
                None,
                &Audit::system("test", "document.publish"),
            )
            .await
            .expect("publish fr");
        let facts = store.publication_facts(document).await.expect("facts").expect("kept");
        assert_eq!(
            (facts.year, facts.authors.as_str()),
            (2025, "Migration Research Division"),
            "{backend}: only the original changes them"
        );

        let files = store.publication_files(document).await.expect("files");
        let summary: Vec<_> = files.iter().map(|f| (f.language.as_str(), f.pages, f.bytes)).collect();
        assert_eq!(summary, [("en", 12, 4_321), ("fr", 14, 4_321)], "{backend}");
        assert!(files[0].path.starts_with(&format!("/media/{}-", english.0)));

        let indexed = store.indexable_variants(document).await.expect("indexable");
        assert!(indexed[0].body_text.contains("Seasonal workers and their remittances"), "{backend}");
        assert!(indexed[1].body_text.contains("Travailleurs saisonniers"), "{backend}");
        assert!(!indexed[0].body_text.contains("Travailleurs"), "each version its own PDF");

        // A published publication's PDF may be served to anyone.
        let media = store.media(english).await.expect("media").expect("row");
        assert_eq!(media.page_count, 12);
        assert!(store.media_is_public(&media, false).await.expect("public"), "{backend}");

        // An image is no PDF: nothing is written.
        let mut bad = store.editable_variant(document, Some("en")).await.expect("read").expect("en");
        let revision = bad.revision;
        bad.draft.file = Some(MediaId(english.0 + 1_000));
        let refused = store.update_document(document, "en", revision, &bad.draft, &save).await;
        assert!(
            matches!(refused, Err(StoreError::UnknownReference { what: "PDF", .. })),
            "{backend}: {refused:?}"
        );
        let unchanged = store.editable_variant(document, Some("en")).await.expect("read").expect("en");
        assert_eq!((unchanged.revision, unchanged.draft.file), (revision, Some(english)));
    }
}

/// Each facet's values, labels and counts.
type Facets = Vec<Vec<(String, String, i64)>>;

/// What a reader sees of a library page: the publications, the total and every facet.
fn seen(list: &portico_store::PublicationList) -> (Vec<i64>, i64, Facets) {
    let f = &list.facets;
    (
        list.items.iter().map(|p| p.id.0).collect(),
        list.total,
        [&f.years, &f.languages, &f.themes, &f.countries, &f.series, &f.goals]
            .iter()
            .map(|facet| facet.iter().map(|c| (c.value.clone(), c.label.clone(), c.count)).collect())
            .collect(),
    )
}

#[tokio::test]
async fn libraries_kept_on_write_equal_a_rebuild_and_what_their_selections_count() {
    for db in TestDb::each().await {
        let store = &db.store;
        let backend = store.backend();
        let audit = Audit::system("test", "site.create");
        let global = store.create_site(&site("global", &["en", "fr"], None), &audit).await.expect("site");
        let sv = store.create_site(&site("sv", &["es", "en"], Some("SV")), &audit).await.expect("site");
        themes(store).await;
        let wmr = "World Migration Report";
        let mrs = "Migration Research Series";
        let with_goals = |mut draft: Draft, goals: &[&str]| {
            draft.goals = goals.iter().map(|g| (*g).to_owned()).collect();
            draft
        };
        publish(
            store,
            global,
            "en",
            with_goals(
                publication("Report 2024", 2024, wmr, &["SV"], &["labour-migration"]),
                &["10", "10.7"],
            ),
        )
        .await;
        let report = publish(
            store,
            global,
            "en",
            with_goals(publication("Report 2026", 2026, wmr, &["SV", "MX"], &["climate"]), &["13"]),
        )
        .await;
        let moved = publish(
            store,
            global,
            "en",
            publication("Remittances", 2025, mrs, &["SV", "GT"], &["labour-migration", "climate"]),
        )
        .await;
        publish(store, sv, "es", publication("Informe nacional", 2026, "", &["SV"], &["climate"])).await;
        let archived = publish(store, global, "en", publication("Old brief", 2019, mrs, &["SV"], &[])).await;
        store
            .create_translation(report, "fr", &Audit::system("test", "document.translate"))
            .await
            .expect("fr");
        let step = Audit::system("test", "document.publish");
        store.set_status(report, "fr", Status::Draft, Status::Published, None, &step).await.expect("fr");
        // Retagged: it leaves the office's library and a country's selections.
        let mut editable = store.editable_variant(moved, Some("en")).await.expect("read").expect("en");
        editable.draft.countries = vec!["GT".into()];
        editable.draft.publication.as_mut().expect("facts").year = 2023;
        store
            .update_document(moved, "en", editable.revision, &editable.draft, &Audit::system("test", "save"))
            .await
            .expect("retag");
        store
            .set_status(archived, "en", Status::Published, Status::Archived, None, &step)
            .await
            .expect("archive");
        // Scheduled a second ahead, then published by the scheduler.
        let mut soon = publication("Coming soon", 2027, wmr, &["MX"], &[]);
        soon.published_at = Some(OffsetDateTime::now_utc() + Duration::seconds(1));
        publish(store, global, "en", soon).await;
        let before =
            store.library(global, "en", &["en".into()], &Default::default(), 12, 0).await.expect("lib");
        assert_eq!(before.total, 3, "{backend}: scheduled is not in the library yet");
        tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
        store.publish_due().await.expect("publish due");
        // An office opened after its country's publications lists them at once.
        let mx = store.create_site(&site("mx", &["es"], Some("MX")), &audit).await.expect("site");

        let kept = store.library_snapshot().await.expect("snapshot");
        assert!(!kept.0.is_empty());
        store.rebuild_library().await.expect("rebuild");
        let rebuilt = store.library_snapshot().await.expect("snapshot");
        assert_eq!(kept.0, rebuilt.0, "{backend}: library rows differ from a rebuild");
        assert_eq!(kept.1, rebuilt.1, "{backend}: library counts differ from a rebuild");

        let whole = store.library(mx, "es", &["es".into()], &Default::default(), 12, 0).await.expect("mx");
        let titles: Vec<_> = whole.items.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Coming soon", "Report 2026"], "{backend}");

        // Every selection of up to three filters answers from the kept rows as it does counted
        // over the publications: list, total and facets (a narrowed facet counts the others).
        let years = [None, Some(2026), Some(2024), Some(1999)];
        let series = [None, Some(wmr), Some(mrs)];
        let countries = [None, Some("SV"), Some("GT")];
        let themes = [None, Some("climate"), Some("labour-migration"), Some("none")];
        let languages = [None, Some("fr"), Some("es")];
        let goals = [None, Some(10), Some(13)];
        let mut compared = 0;
        for year in years {
            for series in series {
                for country in countries {
                    for theme in themes {
                        for language in languages {
                            for goal in goals {
                                let filter = PublicationFilter {
                                    year,
                                    series: series.map(str::to_owned),
                                    country: country.map(str::to_owned),
                                    theme: theme.map(str::to_owned),
                                    language: language.map(str::to_owned),
                                    goal,
                                    office: None,
                                };
                                let narrowing = [
                                    year.is_some(),
                                    series.is_some(),
                                    country.is_some(),
                                    theme.is_some(),
                                    language.is_some(),
                                    goal.is_some(),
                                ]
                                .iter()
                                .filter(|n| **n)
                                .count();
                                if narrowing > 3 {
                                    continue;
                                }
                                for (site, languages, office) in [
                                    (global, vec!["en".to_owned(), "fr".to_owned()], None),
                                    (sv, vec!["es".to_owned(), "en".to_owned()], Some("SV")),
                                ] {
                                    let filter = PublicationFilter {
                                        office: office.map(str::to_owned),
                                        ..filter.clone()
                                    };
                                    let read = store
                                        .library(site, "en", &languages, &filter, 2, 0)
                                        .await
                                        .expect("kept");
                                    let counted = store
                                        .library_counted_over_selection(site, "en", &languages, &filter, 2, 0)
                                        .await
                                        .expect("counted");
                                    assert_eq!(seen(&read), seen(&counted), "{backend}: {filter:?}");
                                    compared += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(compared > 500, "{compared}");
    }
}
