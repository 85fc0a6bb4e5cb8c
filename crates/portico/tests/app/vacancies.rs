//! Vacancies as job seekers, search engines, feed readers and editors meet them: the list
//! and its filters, a vacancy's page open, closed, not yet open and gone, its `JobPosting`,
//! the feeds, and a vacancy closing by the clock while every cache holds it; real server,
//! real HTTP, parsed HTML, on SQLite and PostgreSQL.

use crate::support;

use portico_content::vacancy::{Contract, Eligibility, Vacancy};
use portico_content::{Draft, Kind, Role, Status};
use portico_store::{Audit, NewDocument};
use support::{TestApp, attrs, text, texts};
use time::{Duration, OffsetDateTime};

/// The demo's open vacancies on the global site, in English, closing soonest first.
const OPEN: &[&str] = &[
    "Data Analyst, Displacement Tracking",
    "Communications Intern",
    "Consultant, Study on Labour Mobility in West Africa",
    "Programme Officer, Migration Health",
    "Migration Governance Officer",
    "Senior Legal Officer",
];

/// Posts a published vacancy on the global site straight into the store, open from `opens`
/// to `closes` (from now).
async fn post_vacancy(app: &TestApp, slug: &str, opens: Duration, closes: Duration) {
    let store = &app.server.store;
    let global = store.site_by_key("global").await.expect("site").expect("global").id;
    let now = OffsetDateTime::now_utc();
    let draft = Draft {
        title: format!("Vacancy {slug}"),
        slug: slug.into(),
        published_at: Some(now + opens.min(Duration::ZERO)),
        vacancy: Some(Vacancy {
            reference: format!("VN/{slug}"),
            duty_city: "Geneva".into(),
            duty_country: "CH".into(),
            grade: "P-4".into(),
            contract: Contract::FixedTerm,
            duration: String::new(),
            unit: String::new(),
            opens_at: now + opens,
            closes_at: now + closes,
            eligibility: Eligibility::External,
            apply_to: "https://jobs.example.org/x".into(),
        }),
        ..Draft::default()
    };
    let new = NewDocument {
        site: global,
        kind: Kind::Vacancy,
        language: "en".into(),
        draft,
        status: Status::Published,
        author: None,
    };
    store.create_document(&new, &Audit::system("test", "document.create")).await.expect("vacancy");
}

#[tokio::test]
async fn job_seekers_find_open_vacancies_filter_them_and_read_each_one() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let list = app.page("/en/vacancies", 200).await;
        assert_eq!(text(&list, "h1"), "Vacancies", "{backend}");
        assert_eq!(text(&list, ".page-header .lead"), "6 open vacancies");
        assert_eq!(texts(&list, ".vacancy-card .card-title"), OPEN, "closing soonest first on {backend}");
        assert_eq!(texts(&list, ".vacancy-card .closing-soon").len(), 2, "two close within the week");
        let first = texts(&list, ".vacancy-card .meta")[0].clone();
        assert_eq!(first, "Nairobi, Kenya · P-2 · Fixed-term appointment", "{backend}");
        assert!(
            texts(&list, ".vacancy-card .closes")[0].contains("23:59 (UTC+03:00)"),
            "the duty station's time"
        );
        let feeds = attrs(&list, "link[rel=alternate][type='application/atom+xml']", "href");
        assert_eq!(feeds, [app.url("/en/vacancies.atom")], "{backend}");

        let geneva = app.page("/en/vacancies?country=ch&closing=soon", 200).await;
        assert_eq!(texts(&geneva, ".vacancy-card .card-title"), ["Communications Intern"], "{backend}");
        assert_eq!(texts(&geneva, ".active-filters li").len(), 2);
        let p2 = app.page("/en/vacancies?grade=P-2", 200).await;
        assert_eq!(
            texts(&p2, ".vacancy-card .card-title"),
            ["Data Analyst, Displacement Tracking", "Migration Governance Officer"]
        );
        let none = app.page("/en/vacancies?contract=consultancy&grade=P-5", 200).await;
        assert_eq!(text(&none, ".empty"), "No open vacancy matches these filters.", "{backend}");
        for (query, words) in [
            ("grade=P-9", "is not a grade"),
            ("contract=permanent", "is not a contract type"),
            ("country=zz", "is not a country code"),
            ("closing=later", "is not a closing filter"),
            ("page=abc", "is not a page number"),
        ] {
            let refused = app.page(&format!("/en/vacancies?{query}"), 400).await;
            assert!(
                text(&refused, "main").contains(words),
                "{query} on {backend}: {}",
                text(&refused, "main")
            );
        }
        app.page("/en/vacancies?page=2", 404).await;

        // El Salvador's office: its own vacancy in Spanish; the global one there in English.
        let sv = app.page("/sites/sv/es/vacancies", 200).await;
        assert_eq!(
            texts(&sv, ".vacancy-card .card-title"),
            ["Asistente de proyecto, retorno y reintegración"]
        );
        assert_eq!(text(&sv, "h1"), "Vacantes", "{backend}");
        let sv_en = app.page("/sites/sv/en/vacancies", 200).await;
        assert_eq!(texts(&sv_en, ".vacancy-card .card-title"), ["Migration Governance Officer"]);
        assert_eq!(texts(&sv_en, ".vacancy-card .from-site"), ["From the global site"]);
        assert_eq!(
            attrs(&sv_en, ".vacancy-card a", "href"),
            ["/sites/global/en/vacancies/migration-governance-officer-san-salvador"],
            "the global vacancy lives on the global site, on {backend}"
        );

        // An open vacancy: its facts, the button to apply and its JobPosting.
        let open = app.page("/en/vacancies/programme-officer-migration-health-geneva", 200).await;
        assert_eq!(text(&open, "h1"), "Programme Officer, Migration Health");
        assert_eq!(text(&open, ".vacancy-status"), "Open for applications", "{backend}");
        assert_eq!(attrs(&open, ".apply a", "href"), ["https://recruit.example.org/vn-2026-301"]);
        let facts = texts(&open, ".vacancy-facts dt");
        assert_eq!(
            facts,
            [
                "Reference",
                "Duty station",
                "Grade",
                "Contract",
                "Duration",
                "Office or division",
                "Who may apply",
                "Applications open",
                "Applications close",
                "Posted"
            ]
        );
        let json_ld = texts(&open, "script[type='application/ld+json']");
        assert_eq!(json_ld.len(), 1, "{backend}");
        let posting: serde_json::Value = serde_json::from_str(&json_ld[0]).expect("JSON-LD");
        assert_eq!(posting["@type"], "JobPosting");
        assert_eq!(posting["title"], "Programme Officer, Migration Health");
        assert_eq!(posting["jobLocation"]["address"]["addressCountry"], "CH");
        assert_eq!(posting["jobLocation"]["address"]["addressLocality"], "Geneva");
        assert_eq!(posting["employmentType"], "FULL_TIME");
        assert_eq!(posting["identifier"]["value"], "VN 2026/301-P");
        assert!(posting["description"].as_str().expect("description").contains("<h2>"), "HTML description");
        for required in ["datePosted", "validThrough", "hiringOrganization"] {
            assert!(!posting[required].is_null(), "{required} on {backend}");
        }

        // Closed: said so, no button, no JobPosting; not yet open: said when.
        let closed = app.page("/en/vacancies/regional-emergency-coordinator-amman", 200).await;
        assert!(text(&closed, ".vacancy-status").starts_with("This vacancy is closed"), "{backend}");
        assert!(texts(&closed, ".apply a").is_empty());
        assert!(texts(&closed, "script[type='application/ld+json']").is_empty(), "{backend}");
        let ahead = app.page("/en/vacancies/resettlement-officer-berlin", 200).await;
        assert!(text(&ahead, ".vacancy-status").starts_with("Applications open on"), "{backend}");
        assert!(texts(&ahead, ".apply a").is_empty());

        // A year after closing, the address is gone for good.
        post_vacancy(&app, "long-closed", -Duration::days(500), -Duration::days(400)).await;
        let gone = app.page("/en/vacancies/long-closed", 410).await;
        assert!(text(&gone, "main").contains("no longer published"), "{backend}: {}", text(&gone, "main"));
        app.page("/en/vacancies/no-such-vacancy", 404).await;

        // The feeds carry the open ones, as a feed reader reads them.
        for format in ["atom", "rss"] {
            let body = app.get(&format!("/en/vacancies.{format}")).await.bytes().await.expect("feed");
            let feed = feed_rs::parser::parse(&body[..]).expect("a feed");
            let titles: Vec<String> =
                feed.entries.iter().filter_map(|e| e.title.as_ref().map(|t| t.content.clone())).collect();
            assert_eq!(titles, OPEN, "{format} on {backend}");
        }
        let sitemap = app.get("/sitemap.xml").await.text().await.expect("sitemap");
        assert!(
            sitemap.contains("/en/vacancies/programme-officer-migration-health-geneva</loc>"),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_vacancy_leaves_every_cache_at_its_closing_time() {
    for app in TestApp::each().await {
        let backend = app.backend();
        post_vacancy(&app, "closes-shortly", -Duration::days(3), Duration::seconds(4)).await;
        // The change log reaches the page cache within a second.
        let mut listed = Vec::new();
        for _ in 0..20 {
            listed = texts(&app.page("/en/vacancies", 200).await, ".vacancy-card .card-title");
            if listed.first().is_some_and(|t| t == "Vacancy closes-shortly") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(listed.first().map(String::as_str), Some("Vacancy closes-shortly"), "{backend}");
        let response = app.get("/en/vacancies").await;
        let cache_control = response.headers()["cache-control"].to_str().expect("ascii").to_owned();
        let shared: i64 = cache_control
            .split(", ")
            .find_map(|d| d.strip_prefix("s-maxage="))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("a shared lifetime: {cache_control}"));
        assert!(shared <= 4 && !cache_control.contains("stale"), "{cache_control} on {backend}");
        let page = app.get("/en/vacancies/closes-shortly").await;
        assert!(page.headers()["cache-control"].to_str().expect("ascii").contains("s-maxage="), "{backend}");
        let feed = app.get("/en/vacancies.atom").await;
        assert!(
            !feed.headers()["cache-control"].to_str().expect("ascii").contains("max-age=300"),
            "{backend}"
        );
        assert_eq!(
            text(&app.page("/en/vacancies/closes-shortly", 200).await, ".vacancy-status"),
            "Open for applications, closing within a week"
        );

        tokio::time::sleep(std::time::Duration::from_millis(4200)).await;
        // No write happened: only the entries' own lifetimes can drop them.
        let after = app.page("/en/vacancies", 200).await;
        assert_eq!(texts(&after, ".vacancy-card .card-title"), OPEN, "{backend}");
        let closed = app.page("/en/vacancies/closes-shortly", 200).await;
        assert!(text(&closed, ".vacancy-status").starts_with("This vacancy is closed"), "{backend}");
        let feed = app.get("/en/vacancies.atom").await.text().await.expect("feed");
        assert!(!feed.contains("closes-shortly"), "{backend}");
    }
}

#[tokio::test]
async fn an_editor_posts_a_vacancy_through_the_back_office() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let email = app.user("hr@example.org", Role::Editor, &["global"]).await;
        let session = app.login(&email).await;
        let dashboard = session.page("/admin", 200).await;
        assert!(
            attrs(&dashboard, ".page-head a", "href").contains(&"/admin/new/vacancy".to_owned()),
            "{backend}"
        );
        let form = session.page("/admin/new/vacancy", 200).await;
        assert_eq!(text(&form, "h1"), "New vacancy");
        assert!(texts(&form, "#f-goals").is_empty(), "no goals on a vacancy");
        assert_eq!(attrs(&form, "#f-vacancy_offset option[selected]", "value"), ["UTC"]);

        let later = OffsetDateTime::now_utc() + Duration::days(22);
        let local = |at: OffsetDateTime| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}",
                at.year(),
                u8::from(at.month()),
                at.day(),
                at.hour(),
                at.minute()
            )
        };
        let (opens, closes) = (local(OffsetDateTime::now_utc() - Duration::days(1)), local(later));
        let mut fields = vec![
            ("site", "global"),
            ("title", "Protection Officer"),
            ("summary", "Lead protection work in the field."),
            ("body_markdown", "## Your role\n\nProtect."),
            ("vacancy_reference", "VN 2026/400-P"),
            ("vacancy_duty_city", "Tegucigalpa"),
            ("vacancy_duty_country", "HN"),
            ("vacancy_grade", "P-3"),
            ("vacancy_contract", "fixed_term"),
            ("vacancy_duration", "One year"),
            ("vacancy_unit", "Country Office for Honduras"),
            ("vacancy_opens_at", opens.as_str()),
            ("vacancy_closes_at", opens.as_str()),
            ("vacancy_offset", "UTC-06:00"),
            ("vacancy_eligibility", "external"),
            ("vacancy_apply_to", "javascript:alert(1)"),
            ("intent", "save"),
        ];
        let refused = session.post("/admin/new/vacancy", &fields).await;
        assert_eq!(refused.status().as_u16(), 422, "{backend}");
        let html = scraper::Html::parse_document(&refused.text().await.expect("body"));
        assert_eq!(text(&html, "#vacancy_closes_at-error"), "Applications must close after they open.");
        assert_eq!(text(&html, "#vacancy_apply_to-error"), "Give an https:// address or an email address.");
        assert_eq!(attrs(&html, "#f-vacancy_reference", "value"), ["VN 2026/400-P"], "what was typed stays");
        assert_eq!(attrs(&html, "#f-vacancy_offset option[selected]", "value"), ["UTC-06:00"]);

        for field in fields.iter_mut() {
            match field.0 {
                "vacancy_closes_at" => field.1 = closes.as_str(),
                "vacancy_apply_to" => field.1 = "jobs.honduras@example.org",
                _ => {}
            }
        }
        let made = session.post("/admin/new/vacancy", &fields).await;
        assert_eq!(made.status().as_u16(), 303, "{backend}");
        let location = made.headers()["location"].to_str().expect("location").to_owned();
        let id = location.trim_start_matches("/admin/documents/").split('?').next().expect("id").to_owned();
        let edit = session.page(&format!("/admin/documents/{id}"), 200).await;
        assert_eq!(attrs(&edit, "#f-vacancy_closes_at", "value"), std::slice::from_ref(&closes), "{backend}");
        assert_eq!(attrs(&edit, "#f-vacancy_duty_country option[selected]", "value"), ["HN"]);
        assert_eq!(attrs(&edit, "#f-slug", "value"), ["protection-officer"], "made from the title");

        let published =
            session.post(&format!("/admin/documents/{id}/workflow"), &[("action", "publish")]).await;
        assert!(published.status().is_redirection(), "{backend}");
        let list = app.page("/en/vacancies", 200).await;
        assert!(
            texts(&list, ".vacancy-card .card-title").contains(&"Protection Officer".to_owned()),
            "{backend}"
        );
        let page = app.page("/en/vacancies/protection-officer", 200).await;
        let close_fact = texts(&page, ".vacancy-facts dd")[8].clone();
        assert!(close_fact.ends_with("(UTC-06:00)"), "{close_fact} on {backend}");
        assert_eq!(attrs(&page, ".apply a", "href"), ["mailto:jobs.honduras@example.org"]);

        // Extended by a week: the history shows the closing time that moved, in its zone.
        let edit = session.page(&format!("/admin/documents/{id}"), 200).await;
        let revision = attrs(&edit, "input[name=revision]", "value").remove(0);
        let extended = local(later + Duration::days(7));
        let mut fields: Vec<(&str, &str)> =
            fields.into_iter().filter(|(name, _)| *name != "site" && *name != "intent").collect();
        for field in fields.iter_mut() {
            if field.0 == "vacancy_closes_at" {
                field.1 = extended.as_str();
            }
        }
        fields.extend([("revision", revision.as_str()), ("intent", "save")]);
        let saved = session.post(&format!("/admin/documents/{id}"), &fields).await;
        assert_eq!(saved.status().as_u16(), 303, "{backend}");
        let diff = session.page(&format!("/admin/documents/{id}/diff?from=1&to=2"), 200).await;
        assert_eq!(texts(&diff, ".diff h2"), ["Applications close"], "{backend}");
        let shown = |class: &str| texts(&diff, class).join(" ");
        assert!(shown(".diff-del").ends_with("(UTC-06:00)"), "{}", shown(".diff-del"));
        assert!(shown(".diff-ins").contains(&extended[..10]), "{} on {backend}", shown(".diff-ins"));
    }
}
