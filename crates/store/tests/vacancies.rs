//! Vacancies on both databases: their facts are the document's and follow its saves; the lists
//! hold the open ones only, closing soonest first, filtered, with a country office's view; a
//! vacancy leaves them at its closing time without any write.

use portico_content::vacancy::{Contract, Eligibility, Vacancy};
use portico_content::{Draft, Kind, SiteId, Status};
use portico_store::testing::{TestDb, new_site as site};
use portico_store::{Audit, NewDocument, Store, VacancyFilter};
use time::{Duration, OffsetDateTime, UtcOffset};

/// A vacancy open from `opens` to `closes` (from now), set in UTC−06:00.
fn vacancy(title: &str, country: &str, grade: &str, opens: Duration, closes: Duration) -> Draft {
    let now = OffsetDateTime::now_utc().to_offset(UtcOffset::from_hms(-6, 0, 0).expect("offset"));
    Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        published_at: Some(OffsetDateTime::now_utc() - Duration::hours(1)),
        summary: format!("{title}, in brief."),
        body_markdown: "## Your role\n\nWork.".into(),
        vacancy: Some(Vacancy {
            reference: format!("VN/{title}"),
            duty_city: "San Salvador".into(),
            duty_country: country.into(),
            grade: grade.into(),
            contract: if grade == "consultant" { Contract::Consultancy } else { Contract::FixedTerm },
            duration: "One year".into(),
            unit: "Country office".into(),
            opens_at: now + opens,
            closes_at: now + closes,
            eligibility: Eligibility::External,
            apply_to: "jobs@example.org".into(),
        }),
        ..Draft::default()
    }
}

async fn post(store: &Store, site: SiteId, language: &str, draft: Draft) -> portico_content::DocumentId {
    let new = NewDocument {
        site,
        kind: Kind::Vacancy,
        language: language.into(),
        draft,
        status: Status::Published,
        author: None,
    };
    store.create_document(&new, &Audit::system("test", "document.create")).await.expect("vacancy").0
}

async fn titles(
    store: &Store,
    site: SiteId,
    country: Option<&str>,
    language: &str,
    filter: &VacancyFilter,
) -> Vec<String> {
    let list = store.open_vacancies(site, country, language, filter, 20, 0).await.expect("list");
    assert_eq!(list.total, list.items.len() as i64, "{}: one page holds them all", store.backend());
    list.items.into_iter().map(|v| v.title).collect()
}

#[tokio::test]
async fn lists_show_open_vacancies_closing_soonest_first_with_filters_and_a_country_offices_view() {
    for db in TestDb::each().await {
        let store = &db.store;
        let audit = Audit::system("test", "site.create");
        let global = store.create_site(&site("global", &["en", "fr"], None), &audit).await.expect("site");
        let sv = store.create_site(&site("sv", &["es", "en"], Some("SV")), &audit).await.expect("site");
        let day = Duration::days(1);
        post(store, global, "en", vacancy("Data analyst", "KE", "P-2", -day * 10, day * 3)).await;
        post(store, global, "en", vacancy("Legal officer", "CH", "D-1", -day * 5, day * 30)).await;
        post(store, global, "en", vacancy("Governance officer", "SV", "P-2", -day, day * 20)).await;
        post(store, global, "en", vacancy("Closed coordinator", "SV", "P-5", -day * 30, -day)).await;
        post(store, global, "en", vacancy("Future resettlement officer", "DE", "P-3", day * 2, day * 40))
            .await;
        post(store, sv, "en", vacancy("Field assistant", "SV", "G-5", -day * 2, day * 9)).await;
        let none = VacancyFilter::default();
        let backend = store.backend();

        assert_eq!(
            titles(store, global, None, "en", &none).await,
            ["Data analyst", "Governance officer", "Legal officer"],
            "{backend}: open ones only, closing soonest first"
        );
        assert_eq!(
            titles(store, sv, Some("SV"), "en", &none).await,
            ["Field assistant", "Governance officer"],
            "{backend}: a country office lists its own and the global ones in its country"
        );
        assert!(
            titles(store, sv, Some("SV"), "es", &none).await.is_empty(),
            "{backend}: no Spanish variant yet"
        );
        let p2 = VacancyFilter { grade: Some("P-2".into()), ..VacancyFilter::default() };
        assert_eq!(titles(store, global, None, "en", &p2).await, ["Data analyst", "Governance officer"]);
        let kenya = VacancyFilter { country: Some("KE".into()), ..VacancyFilter::default() };
        assert_eq!(titles(store, global, None, "en", &kenya).await, ["Data analyst"]);
        let soon = VacancyFilter { closing_soon: true, ..VacancyFilter::default() };
        assert_eq!(
            titles(store, global, None, "en", &soon).await,
            ["Data analyst"],
            "{backend}: closing within 7 days"
        );
        let consultancies =
            VacancyFilter { contract: Some(Contract::Consultancy), ..VacancyFilter::default() };
        assert!(titles(store, global, None, "en", &consultancies).await.is_empty());

        let page = store.open_vacancies(global, None, "en", &none, 2, 2).await.expect("page");
        assert_eq!((page.items.len(), page.total), (1, 3), "{backend}: the second page of two");

        let next = store.next_vacancy_change(global, None).await.expect("next").expect("a change is due");
        let future_opening = store
            .published_vacancy(global, "en", "future-resettlement-officer")
            .await
            .expect("read")
            .expect("published")
            .vacancy
            .opens_at;
        assert_eq!(next, future_opening, "{backend}: the soonest opening or closing");
        let read =
            store.published_vacancy(global, "en", "closed-coordinator").await.expect("read").expect("found");
        assert_eq!(read.vacancy.closes_at.offset(), UtcOffset::from_hms(-6, 0, 0).expect("offset"));
        assert!(read.body_html.contains("<h2>"), "{backend}: the description is rendered");
    }
}

#[tokio::test]
async fn a_vacancy_leaves_the_list_at_its_closing_time_and_its_facts_follow_the_original() {
    for db in TestDb::each().await {
        let store = &db.store;
        let audit = Audit::system("test", "site.create");
        let global = store.create_site(&site("global", &["en", "fr"], None), &audit).await.expect("site");
        let backend = store.backend();
        let draft = vacancy("Short notice", "SN", "G-4", -Duration::days(1), Duration::seconds(2));
        let document = post(store, global, "en", draft).await;
        assert_eq!(titles(store, global, None, "en", &VacancyFilter::default()).await, ["Short notice"]);
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        assert!(
            titles(store, global, None, "en", &VacancyFilter::default()).await.is_empty(),
            "{backend}: closed by the clock alone"
        );

        // The original's save changes the facts; a translation's save cannot.
        let mut original = store.editable_variant(document, Some("en")).await.expect("read").expect("found");
        let mut facts = original.draft.vacancy.clone().expect("facts");
        facts.closes_at += Duration::days(10);
        original.draft.vacancy = Some(facts.clone());
        let audit = Audit::system("test", "document.save");
        store
            .update_document(document, "en", original.revision, &original.draft, &audit)
            .await
            .expect("save");
        assert_eq!(titles(store, global, None, "en", &VacancyFilter::default()).await, ["Short notice"]);
        store
            .create_translation(document, "fr", &Audit::system("test", "document.translate"))
            .await
            .expect("fr");
        let mut french = store.editable_variant(document, Some("fr")).await.expect("read").expect("found");
        assert_eq!(french.draft.vacancy.as_ref(), Some(&facts), "{backend}: a translation shows the facts");
        let mut changed = facts.clone();
        changed.grade = "P-5".into();
        french.draft.vacancy = Some(changed);
        french.draft.title = "Préavis court".into();
        store.update_document(document, "fr", french.revision, &french.draft, &audit).await.expect("save fr");
        let facts_now = store.vacancy_facts(document).await.expect("facts").expect("kept");
        assert_eq!(facts_now.grade, "G-4", "{backend}: only the original changes the facts");
        let revisions = store.revisions(original.variant).await.expect("revisions");
        assert_eq!(revisions[0].draft.vacancy.as_ref().map(|v| v.closes_at), Some(facts.closes_at));
    }
}
