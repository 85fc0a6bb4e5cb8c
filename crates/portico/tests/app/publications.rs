//! Publications as researchers, search engines and editors meet them: the library with its
//! facets and refused filters, a publication's page with its downloads, structured data and
//! citations, its PDFs downloaded whole and by range, a PDF with active content refused at
//! upload, and a publication created and edited in the back office; real server, real HTTP,
//! parsed HTML, on SQLite and PostgreSQL, over the demo content.

use crate::support;

use portico_content::Role;
use support::{Session, TestApp, attrs, text, texts};

async fn upload_pdf(session: &Session, base: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("_csrf", session.csrf.clone())
        .text("site", "global")
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()));
    session
        .client
        .post(format!("{base}/admin/media"))
        .header("origin", base)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

fn pages(texts: &[&str]) -> Vec<Vec<String>> {
    texts.iter().map(|t| vec!["Heading".to_owned(), (*t).to_owned()]).collect()
}

#[tokio::test]
async fn the_library_lists_the_demo_publications_with_facets_and_refuses_filters_that_name_nothing() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let library = app.page("/en/publications", 200).await;
        assert_eq!(text(&library, "h1"), "Publications");
        assert_eq!(text(&library, ".page-header .lead"), "12 publications", "{backend}");
        let titles = texts(&library, ".publication-card .card-title");
        assert_eq!(titles.len(), 12);
        assert!(texts(&library, ".publication-card .meta")[0].contains("2026"), "newest year first");
        let years = texts(&library, "#facet-year + ul a");
        assert_eq!(years[0], "2026 (2)", "{backend}: {years:?}");
        let languages = texts(&library, "#facet-language + ul a");
        assert!(languages.contains(&"French (3)".to_owned()), "{backend}: {languages:?}");
        let series = texts(&library, "#facet-series + ul a");
        assert_eq!(series, ["Migration Research Series (4)", "World Migration Report (2)"], "{backend}");

        let narrowed =
            app.page("/en/publications?series=Migration%20Research%20Series&country=sn", 200).await;
        assert_eq!(
            texts(&narrowed, ".publication-card .card-title"),
            [
                "Return and Reintegration in West Africa: Lessons from Five Years",
                "Climate and Mobility in the Sahel"
            ],
            "{backend}"
        );
        assert_eq!(texts(&narrowed, ".active-filters li").len(), 2, "both filters shown, removable");
        let french = app.page("/en/publications?language=fr", 200).await;
        assert_eq!(texts(&french, ".publication-card").len(), 3, "{backend}");
        // A chosen facet counts what each of its values would give instead: its links lead
        // there. The other facets count the selection.
        let in_2024 = app.page("/en/publications?year=2024", 200).await;
        let years_2024 = texts(&in_2024, "#facet-year + ul a");
        assert_eq!(years_2024, years, "{backend}: the years stay to choose from");
        assert_eq!(texts(&in_2024, "#facet-language + ul a"), ["English (2)"], "{backend}");
        // A combination nothing is in still shows what was chosen, to be taken back.
        let nothing = app.page("/en/publications?year=2024&language=fr", 200).await;
        assert!(texts(&nothing, ".publication-card").is_empty(), "{backend}");
        assert_eq!(texts(&nothing, ".active-filters li").len(), 2, "{backend}");
        assert!(texts(&nothing, "#facet-year + ul a").contains(&"2024 (0)".to_owned()), "{backend}");
        assert!(texts(&nothing, "#facet-language + ul a").contains(&"French (0)".to_owned()), "{backend}");

        // The goals they serve: a facet counting each publication once, though most name a
        // target as well as its goal, and a filter a goal's page links to.
        let goals = texts(&library, "#facet-goal + ul a");
        assert!(goals.contains(&"Goal 10: Reduced Inequalities (7)".to_owned()), "{backend}: {goals:?}");
        assert_eq!(goals.len(), 11, "{backend}: every goal named, once: {goals:?}");
        let migration = app.page("/en/publications?goal=10", 200).await;
        assert_eq!(text(&migration, ".page-header .lead"), "7 publications", "{backend}");
        assert_eq!(
            texts(&migration, ".active-filters strong"),
            ["Goal 10: Reduced Inequalities"],
            "{backend}"
        );
        let and_sv = app.page("/en/publications?goal=10&country=sv", 200).await;
        assert_eq!(
            texts(&and_sv, ".publication-card .card-title"),
            ["Migration Governance Indicators: El Salvador", "Remittance Corridors in Central America"],
            "{backend}"
        );
        // El Salvador's office lists the global site's publications about its country, each
        // leading to its page there, in the version of the office's language where it has one.
        let office = app.page("/sites/sv/es/publications", 200).await;
        let menu = attrs(&office, ".menu-item a", "href");
        assert!(
            menu.contains(&"/sites/sv/es/publications".to_owned()),
            "{backend}: the office's menu has it"
        );
        assert_eq!(text(&office, ".page-header .lead"), "2 publicaciones", "{backend}");
        let links = attrs(&office, ".publication-card .card-title a", "href");
        assert!(
            links.iter().any(
                |l| l.ends_with("/es/publications/indicadores-de-gobernanza-de-la-migracion-el-salvador")
            ),
            "{backend}: {links:?}"
        );
        assert!(links.iter().all(|l| !l.starts_with("/sites/sv/")), "on the global site: {links:?}");
        assert_eq!(texts(&office, ".publication-card .from-site").len(), 2, "{backend}");
        let goal = app.page("/sites/sv/es/2030-agenda/goal-10", 200).await;
        assert_eq!(texts(&goal, ".goal-publications .publication-card").len(), 2, "{backend}");
        let agenda = app.page("/sites/sv/es/2030-agenda", 200).await;
        let published = texts(&agenda, ".goal-tile .goal-published");
        assert!(published[9].ends_with(" · 2 publicaciones"), "{backend}: {published:?}");
        let api = app.get("/api/v1/publications?site=sv").await.text().await.expect("api");
        let api: serde_json::Value = serde_json::from_str(&api).expect("json");
        assert_eq!(api["total"], 2, "{backend}: {api}");

        // The demo names its themes in French: the French news list offers them so.
        let fr_news = texts(&app.page("/fr/news", 200).await, "select[name=theme] option");
        assert!(fr_news.contains(&"Migration de main-d'œuvre".to_owned()), "{backend}: {fr_news:?}");
        // A theme an admin names in French is named so in the French library's facet.
        let store = &app.server.store;
        let theme = store.theme_by_slug("labour-migration").await.expect("read").expect("demo theme");
        let french_name = portico_store::ThemeName {
            language: "fr".into(),
            name: "Travail et mobilité".into(),
            description: String::new(),
        };
        let audit = portico_store::Audit::system("test", "theme.save");
        store
            .save_theme(theme.id, &theme.name, &theme.description, &[french_name], &audit)
            .await
            .expect("saved");
        let fr_themes = texts(&app.page("/fr/publications", 200).await, "#facet-theme + ul a");
        assert!(fr_themes.contains(&"Travail et mobilité (3)".to_owned()), "{backend}: {fr_themes:?}");
        assert!(texts(&library, "#facet-theme + ul a").contains(&"Labour migration (3)".to_owned()));

        for (query, named) in [
            ("year=twenty", "twenty"),
            ("year=1800", "1800"),
            ("country=zz", "zz"),
            ("theme=astrology", "astrology"),
            ("language=xx", "xx"),
            ("goal=18", "18"),
            ("goal=010", "010"),
            ("page=0", "0"),
        ] {
            let response = app.get(&format!("/en/publications?{query}")).await;
            assert_eq!(response.status().as_u16(), 400, "{backend}: {query}");
            let body = response.text().await.expect("body");
            assert!(body.contains(&format!("“{named}”")), "{backend}: {query} names the value");
        }
        assert_eq!(app.get("/en/publications?page=9").await.status().as_u16(), 404, "past the last page");
    }
}

#[tokio::test]
async fn a_publication_page_has_its_downloads_structured_data_and_citations_and_its_pdfs_come_by_range() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let page = app.page("/en/publications/world-migration-report-2026", 200).await;
        assert_eq!(text(&page, "h1"), "World Migration Report 2026");
        let downloads = texts(&page, ".download-list li");
        assert_eq!(downloads.len(), 3, "{backend}: {downloads:?}");
        assert!(downloads[0].starts_with("World Migration Report 2026 PDF · English · "), "{downloads:?}");
        assert!(downloads[0].contains(" KB · ") && downloads[0].ends_with(" pages"), "{downloads:?}");
        assert!(downloads.iter().any(|d| d.contains("État de la migration dans le monde 2026")));
        let facts = texts(&page, ".publication-facts dd");
        assert!(facts.contains(&"978-929268901-8".to_owned()), "{facts:?}");
        // What it serves, each leading to more of the same.
        assert_eq!(
            attrs(&page, ".publication-facts .goal-badges a", "href"),
            ["/en/2030-agenda/goal-10", "/en/2030-agenda/goal-17"],
            "{backend}"
        );
        let remittances = app.page("/en/publications/remittance-corridors-central-america", 200).await;
        let places = attrs(&remittances, ".publication-facts .tags a[href*='country=']", "href");
        assert!(places.contains(&"/en/publications?country=sv".to_owned()), "{backend}: {places:?}");

        let json: Vec<String> = support::texts(&page, "script[type='application/ld+json']");
        let data: serde_json::Value = serde_json::from_str(&json[0]).expect("JSON-LD");
        assert_eq!(data["@type"], "Book", "{backend}");
        assert_eq!(data["isbn"], "9789292689018");
        assert_eq!(data["datePublished"], "2026");
        assert_eq!(data["isPartOf"]["name"], "World Migration Report");
        assert_eq!(data["associatedMedia"]["encodingFormat"], "application/pdf");
        let paper = app.page("/en/publications/remittance-corridors-central-america", 200).await;
        let json = texts(&paper, "script[type='application/ld+json']");
        let data: serde_json::Value = serde_json::from_str(&json[0]).expect("JSON-LD");
        assert_eq!(data["@type"], "ScholarlyArticle");
        assert_eq!(data["author"][0]["@type"], "Person");
        assert_eq!(data["isPartOf"]["issn"], "2790-4520");

        let apa = text(&page, "#cite-apa");
        assert!(apa.starts_with("Migration Research and Data Division. (2026). World Migration Report 2026 (World Migration Report)."), "{apa}");
        let bibtex = text(&page, "#cite-bibtex");
        assert!(bibtex.starts_with("@book{world2026,"), "{bibtex}");
        assert!(bibtex.contains("author = {{Migration Research and Data Division}}"), "{bibtex}");
        assert_eq!(attrs(&page, "button[data-copy]", "data-copy"), ["cite-apa", "cite-bibtex"]);
        assert_eq!(attrs(&page, "script[src^='/assets/copy.js']", "defer").len(), 1, "no inline script");
        let script = app.get("/assets/copy.js").await;
        assert_eq!(script.status().as_u16(), 200);

        let href = attrs(&page, ".download-list a", "href")[0].clone();
        let whole = app.get(&href).await;
        assert_eq!(whole.status().as_u16(), 200, "{backend}: a published publication's PDF is public");
        assert_eq!(whole.headers()["content-type"], "application/pdf");
        assert_eq!(whole.headers()["x-content-type-options"], "nosniff");
        assert_eq!(
            whole.headers()["content-disposition"],
            "attachment; filename=\"world-migration-report-2026.pdf\""
        );
        let bytes = whole.bytes().await.expect("pdf");
        assert!(bytes.starts_with(b"%PDF-1.7"));
        let part =
            app.client.get(app.url(&href)).header("range", "bytes=100-199").send().await.expect("range");
        assert_eq!(part.status().as_u16(), 206, "{backend}");
        assert_eq!(part.headers()["content-range"], format!("bytes 100-199/{}", bytes.len()).as_str());
        assert_eq!(part.bytes().await.expect("part").as_ref(), &bytes[100..200]);

        let sitemap = app.get("/sitemap.xml").await.text().await.expect("sitemap");
        for path in [
            "/en/publications<",
            "/en/publications/world-migration-report-2026<",
            "/fr/publications/etat-de-la-migration-dans-le-monde-2026<",
        ] {
            assert!(sitemap.contains(path), "{backend}: {path} in the sitemap");
        }
        let french = app.page("/fr/publications/etat-de-la-migration-dans-le-monde-2026", 200).await;
        assert!(
            texts(&french, ".download-list li")[0].starts_with("État de la migration"),
            "its own PDF first"
        );
    }
}

#[tokio::test]
async fn an_editor_uploads_pdfs_creates_and_edits_a_publication_and_a_pdf_with_javascript_is_refused() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let base = app.url("");
        let email = app.user("library@example.org", Role::Editor, &["global"]).await;
        let session = app.login(&email).await;
        let dashboard = session.page("/admin", 200).await;
        assert!(attrs(&dashboard, ".page-head a", "href").contains(&"/admin/new/publication".to_owned()));

        for what in ["javascript", "launch", "embedded", "xfa"] {
            let bytes = portico_media::testing::pdf_with_active_content(what);
            let refused = upload_pdf(&session, &base, "active.pdf", bytes).await;
            assert_eq!(refused.status().as_u16(), 422, "{backend}: {what}");
            let body: serde_json::Value = refused.json().await.expect("json");
            assert!(body["error"].as_str().unwrap_or_default().contains("not accepted"), "{what}: {body}");
        }
        let pdf = portico_media::text_pdf("Seasonal work", &pages(&["Seasonal workers in orchards", "Two"]));
        let uploaded = upload_pdf(&session, &base, "seasonal work.pdf", pdf).await;
        assert_eq!(uploaded.status().as_u16(), 201, "{backend}");
        let uploaded: serde_json::Value = uploaded.json().await.expect("json");
        let file = uploaded["id"].as_i64().expect("id").to_string();
        let media = app.server.store.media(portico_content::MediaId(file.parse().expect("id"))).await;
        assert_eq!(media.expect("read").expect("row").page_count, 2, "{backend}");

        let form = session.page("/admin/new/publication", 200).await;
        assert_eq!(text(&form, "h1"), "New publication");
        assert_eq!(attrs(&form, "#f-publication_form option", "value"), ["report", "book", "paper"]);
        let mut fields = vec![
            ("site", "global"),
            ("title", "Seasonal Work in Europe"),
            ("summary", "Who picks the fruit."),
            ("body_markdown", "## Findings\n\nMany."),
            ("publication_year", "2026"),
            ("publication_form", "book"),
            ("publication_authors", "Labour Mobility Unit"),
            ("publication_isbn", "978-92-9268-901-9"),
            ("publication_issn", ""),
            ("publication_series", "Migration Research Series"),
            ("publication_cover", ""),
            ("publication_file", "999999"),
            ("countries", "DE, IT"),
            ("themes", "labour-migration"),
            ("intent", "save"),
        ];
        let refused = session.post("/admin/new/publication", &fields).await;
        assert_eq!(refused.status().as_u16(), 422, "{backend}");
        let html = scraper::Html::parse_document(&refused.text().await.expect("body"));
        assert!(text(&html, "#publication_isbn-error").starts_with("This is not a valid ISBN"), "{backend}");
        assert_eq!(
            text(&html, "#publication_file-error"),
            "Give the number of a PDF in this site’s media library."
        );
        assert_eq!(
            attrs(&html, "#f-publication_authors", "value"),
            ["Labour Mobility Unit"],
            "what was typed stays"
        );

        for field in fields.iter_mut() {
            match field.0 {
                "publication_isbn" => field.1 = "978-92-9268-901-8",
                "publication_file" => field.1 = file.as_str(),
                _ => {}
            }
        }
        let made = session.post("/admin/new/publication", &fields).await;
        assert_eq!(made.status().as_u16(), 303, "{backend}");
        let location = made.headers()["location"].to_str().expect("location").to_owned();
        let id = location.trim_start_matches("/admin/documents/").split('?').next().expect("id").to_owned();
        let edit = session.page(&format!("/admin/documents/{id}"), 200).await;
        assert_eq!(
            attrs(&edit, "#f-publication_isbn", "value"),
            ["9789292689018"],
            "{backend}: stored as 13 digits"
        );
        assert_eq!(attrs(&edit, "#f-publication_file", "value"), [file.as_str()]);
        assert!(text(&edit, ".chosen-file").starts_with("seasonal work.pdf · "), "{backend}");
        assert!(text(&edit, ".chosen-file").contains(" · 2 pages · "), "name, pages, size");

        let revision = attrs(&edit, "input[name=revision]", "value")[0].clone();
        let mut changed = fields.clone();
        changed.retain(|(k, _)| *k != "site");
        for field in changed.iter_mut() {
            if field.0 == "publication_year" {
                field.1 = "2025";
            }
        }
        changed.push(("revision", revision.as_str()));
        changed.push(("lang", "en"));
        changed.push(("slug", "seasonal-work-in-europe"));
        let saved = session.post(&format!("/admin/documents/{id}"), &changed).await;
        assert!(saved.status().is_redirection(), "{backend}: {}", saved.status());
        let published =
            session.post(&format!("/admin/documents/{id}/workflow"), &[("action", "publish")]).await;
        assert!(published.status().is_redirection(), "{backend}");
        let library = app.page("/en/publications", 200).await;
        assert!(
            texts(&library, ".publication-card .card-title").contains(&"Seasonal Work in Europe".to_owned()),
            "{backend}: the cached library is dropped when a publication is published"
        );
        let page = app.page("/en/publications/seasonal-work-in-europe", 200).await;
        assert!(texts(&page, ".publication-facts dd").contains(&"2025".to_owned()), "{backend}");
        assert_eq!(texts(&page, ".download-list li").len(), 1);
    }
}
