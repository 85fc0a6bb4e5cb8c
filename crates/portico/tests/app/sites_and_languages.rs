//! Country sites and languages from one install: routing by host and by path, language
//! switchers and hreflang, missing translations, aggregation, right-to-left pages, and the
//! rights of each site's people — on SQLite and PostgreSQL.

use crate::support;

use portico_content::{Draft, Kind, Role, Status};
use support::{TestApp, attrs, text, texts};

async fn with_host(app: &TestApp, host: &str, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).header("host", host).send().await.expect("request")
}

#[tokio::test]
async fn sites_are_found_by_host_name_and_by_path_prefix() {
    for app in TestApp::each().await {
        let by_host = with_host(&app, "sv.localhost", "/es/").await;
        assert_eq!(by_host.status().as_u16(), 200, "{}", app.backend());
        let by_host = scraper::Html::parse_document(&by_host.text().await.expect("body"));
        assert_eq!(text(&by_host, ".brand-name"), "OIM El Salvador");
        let by_path = app.page("/sites/sv/es/", 200).await;
        assert_eq!(text(&by_path, ".brand-name"), "OIM El Salvador");
        assert!(attrs(&by_path, ".main-nav a", "href").iter().all(|h| h.starts_with("/sites/sv/es/")));
        let root = with_host(&app, "sv.localhost:8080", "/").await;
        assert_eq!(root.headers()["location"], "/es/", "the site's default language");
        assert_eq!(app.get("/sites/sv/").await.headers()["location"], "/sites/sv/es/");

        let unknown = with_host(&app, "unknown.example", "/en/").await;
        assert_eq!(unknown.status().as_u16(), 200, "falls back to the configured site");
        assert_eq!(
            with_host(&app, "sv.localhost", "/fr/").await.status().as_u16(),
            404,
            "not a language of the site"
        );
        app.page("/sites/sv/de/", 404).await;
        app.page("/sites/nowhere/en/", 404).await;
        app.page("/de/", 404).await;

        let english = app.page("/sites/sv/en/", 200).await;
        assert_eq!(text(&english, ".brand-name"), "IOM El Salvador", "names per language");
    }
}

#[tokio::test]
async fn without_a_fallback_an_unknown_host_gets_nothing_of_any_site() {
    let db = portico_store::testing::TestDb::sqlite().await;
    let data = tempfile::tempdir().expect("data");
    let config = portico::server::ServeConfig {
        listen: "127.0.0.1:0".into(),
        data: data.path().to_path_buf(),
        database: Some(db.url().to_owned()),
        theme: None,
        schedule_every: std::time::Duration::from_secs(5),
        fallback_site: None,
        demo: true,
        ..portico::server::ServeConfig::default()
    };
    let server = portico::server::start(&config).await.expect("start");
    let client = reqwest::Client::new();
    let response = client
        .get(format!("{}/en/news", server.url()))
        .header("host", "elsewhere.example")
        .send()
        .await
        .expect("get");
    assert_eq!(response.status().as_u16(), 404);
    let body = response.text().await.expect("body");
    assert!(!body.contains("International Organization for Migration"), "{body}");
    let known = client
        .get(format!("{}/en/news", server.url()))
        .header("host", "localhost")
        .send()
        .await
        .expect("get");
    assert_eq!(known.status().as_u16(), 200);
    server.stop().await.expect("stop");
}

#[tokio::test]
async fn the_language_switcher_and_hreflang_follow_the_translations() {
    for app in TestApp::each().await {
        let who = app.page("/en/who-we-are", 200).await;
        let hreflang: Vec<(String, String)> = attrs(&who, "link[rel=alternate][hreflang]", "hreflang")
            .into_iter()
            .zip(attrs(&who, "link[rel=alternate][hreflang]", "href"))
            .collect();
        let langs: Vec<&str> = hreflang.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["en", "fr", "es", "x-default"], "{}", app.backend());
        assert!(hreflang[1].1.ends_with("/fr/qui-sommes-nous"), "{hreflang:?}");
        assert!(hreflang[3].1.ends_with("/en/who-we-are"));
        assert_eq!(attrs(&who, ".language-switcher a", "href"), ["/fr/qui-sommes-nous", "/es/quienes-somos"]);
        assert_eq!(texts(&who, ".language-switcher [aria-current]"), ["English"]);

        let untranslated = app.page("/en/2030-agenda", 200).await;
        assert_eq!(attrs(&untranslated, "link[rel=alternate][hreflang]", "hreflang"), ["en", "x-default"]);
        assert_eq!(
            attrs(&untranslated, ".language-switcher a", "href"),
            ["/fr/", "/es/"],
            "missing languages link home"
        );

        let french = app.page("/fr/qui-sommes-nous", 200).await;
        assert_eq!(attrs(&french, "html", "lang"), ["fr"]);
        assert_eq!(text(&french, "h1"), "Qui sommes-nous");

        let redirected = app.get("/fr/who-we-are").await;
        assert!(redirected.status().is_redirection());
        assert_eq!(redirected.headers()["location"], "/fr/qui-sommes-nous", "the French slug differs");

        let list = app.page("/es/news", 200).await;
        assert_eq!(
            attrs(&list, "link[rel=alternate][hreflang]", "hreflang"),
            ["en", "fr", "es", "x-default"]
        );
    }
}

#[tokio::test]
async fn a_missing_translation_falls_back_or_is_not_found_as_the_site_says() {
    for app in TestApp::each().await {
        let fallback = app.page("/fr/2030-agenda", 200).await;
        assert_eq!(attrs(&fallback, "html", "lang"), ["fr"], "{}", app.backend());
        assert_eq!(attrs(&fallback, "main", "lang"), ["en"], "the content says it is English");
        // One language throughout: French names both languages ("la version en anglais").
        assert_eq!(
            text(&fallback, ".translation-notice"),
            "Cette page n'existe pas en français. Voici la version en anglais."
        );
        assert_eq!(text(&fallback, "h1"), "2030 Agenda");

        // Jordan answers 404 for what exists only in Arabic.
        let store = &app.server.store;
        let jordan = store.site_by_key("jo").await.expect("site").expect("jo");
        let status = store.translation_status(jordan.id).await.expect("status");
        let only_arabic = status
            .iter()
            .find(|row| row.kind == "page" && row.variants.len() == 1)
            .map(|row| row.variants[0].slug.clone())
            .expect("a page only in Arabic");
        app.page(&format!("/sites/jo/ar/{only_arabic}"), 200).await;
        app.page(&format!("/sites/jo/en/{only_arabic}"), 404).await;
    }
}

#[tokio::test]
async fn country_sites_show_global_releases_about_their_country_with_canonical_links() {
    for app in TestApp::each().await {
        let news = app.page("/sites/sv/es/news", 200).await;
        let marked = texts(&news, ".release-card .from-site");
        assert!(!marked.is_empty(), "global releases are marked on {}", app.backend());
        assert!(marked.iter().all(|m| m == "Del sitio mundial"));
        let links = attrs(&news, ".release-card .card-title a", "href");
        assert!(links.iter().any(|l| l.starts_with("/sites/global/es/news/")), "{links:?}");
        assert!(links.iter().any(|l| l.starts_with("/sites/sv/es/news/")), "and its own");
        let global_link = links.iter().find(|l| l.starts_with("/sites/global/")).expect("a global release");
        let global_release = app.page(global_link, 200).await;
        let canonical = attrs(&global_release, "link[rel=canonical]", "href");
        assert!(canonical[0].contains("/es/news/"), "{canonical:?}");

        let by_host = with_host(&app, "sv.localhost", "/es/news").await;
        let html = scraper::Html::parse_document(&by_host.text().await.expect("body"));
        let host_links = attrs(&html, ".release-card .card-title a", "href");
        assert!(
            host_links.iter().any(|l| l.starts_with("http://localhost/es/news/")),
            "the global site's own host: {host_links:?}"
        );

        let country = app.page("/en/where-we-work/sv", 200).await;
        assert_eq!(attrs(&country, ".office-link a", "href"), ["http://sv.localhost/en/"]);
    }
}

#[tokio::test]
async fn arabic_pages_are_right_to_left_and_dates_follow_the_language() {
    for app in TestApp::each().await {
        let arabic = app.page("/sites/jo/ar/", 200).await;
        assert_eq!(attrs(&arabic, "html", "dir"), ["rtl"], "{}", app.backend());
        assert_eq!(attrs(&arabic, "html", "lang"), ["ar"]);
        let date = text(&arabic, ".release-card time");
        assert!(date.chars().any(|c| ('\u{660}'..='\u{669}').contains(&c)), "Arabic-Indic digits: {date}");
        let english = app.page("/sites/jo/en/", 200).await;
        assert_eq!(attrs(&english, "html", "dir"), ["ltr"]);

        let spanish = app.page("/es/news?country=sv&year=2015", 200).await;
        assert_eq!(texts(&spanish, ".release-card time")[0], "21 de agosto de 2015");
        let french = app.page("/fr/news?country=sv&year=2015", 200).await;
        assert_eq!(texts(&french, ".release-card time")[0], "21 août 2015");
    }
}

#[tokio::test]
async fn translations_start_from_the_original_and_go_out_of_date_when_it_changes() {
    for app in TestApp::each().await {
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let store = &app.server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        let draft = Draft {
            title: "Port health desks open".into(),
            slug: "port-health-desks-open".into(),
            body_markdown: "Original text.".into(),
            published_at: Some(portico_store::now() - time::Duration::hours(2)),
            ..Draft::default()
        };
        let (document, _) = store
            .create_document(
                &portico_store::NewDocument {
                    site: global.id,
                    kind: Kind::Release,
                    language: "en".into(),
                    draft: draft.clone(),
                    status: Status::Published,
                    author: None,
                },
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("create");
        let id = document.0;
        let started = session.post(&format!("/admin/documents/{id}/translate"), &[("language", "fr")]).await;
        assert_eq!(started.status().as_u16(), 303, "{}", app.backend());
        assert_eq!(
            started.headers()["location"],
            format!("/admin/documents/{id}?lang=fr&notice=translation")
        );
        let again = session.post(&format!("/admin/documents/{id}/translate"), &[("language", "fr")]).await;
        assert_eq!(again.status().as_u16(), 400);
        assert!(again.text().await.expect("body").contains("already has a fr version"));
        let unknown = session.post(&format!("/admin/documents/{id}/translate"), &[("language", "de")]).await;
        assert_eq!(unknown.status().as_u16(), 400);

        let editor = session.page(&format!("/admin/documents/{id}?lang=fr"), 200).await;
        assert_eq!(text(&editor, "#f-body_markdown"), "Original text.", "prefilled from the original");
        assert_eq!(attrs(&editor, "#f-title", "value"), ["Port health desks open"]);
        let saved = session
            .post(
                &format!("/admin/documents/{id}"),
                &[
                    ("lang", "fr"),
                    ("title", "Ouverture de bureaux de santé"),
                    ("slug", "bureaux-de-sante"),
                    ("body_markdown", "Texte."),
                    ("revision", "1"),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303);
        let published = session
            .post(&format!("/admin/documents/{id}/workflow"), &[("lang", "fr"), ("action", "publish")])
            .await;
        assert_eq!(published.status().as_u16(), 303);
        app.page("/fr/news/bureaux-de-sante", 200).await;
        let english = app.page("/en/news/port-health-desks-open", 200).await;
        assert!(
            attrs(&english, ".language-switcher a", "href").contains(&"/fr/news/bureaux-de-sante".to_owned())
        );

        let status = session.page("/admin/sites/global/translations", 200).await;
        let row = texts(&status, ".translation-table tbody tr")
            .into_iter()
            .find(|r| r.contains("Port health desks open"))
            .expect("row");
        assert!(row.contains("Up to date") && row.contains("Missing"), "{row}");

        let edited = session
            .post(
                &format!("/admin/documents/{id}"),
                &[
                    ("lang", "en"),
                    ("title", "Port health desks open"),
                    ("slug", "port-health-desks-open"),
                    ("body_markdown", "Changed."),
                    ("revision", "1"),
                ],
            )
            .await;
        assert_eq!(edited.status().as_u16(), 303);
        let status = session.page("/admin/sites/global/translations", 200).await;
        let row = texts(&status, ".translation-table tbody tr")
            .into_iter()
            .find(|r| r.contains("Port health desks open"))
            .expect("row");
        assert!(row.contains("Out of date"), "{row}");
    }
}

#[tokio::test]
async fn a_country_editor_never_sees_or_changes_another_sites_drafts_media_or_menus() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        let (draft, _) = store
            .create_document(
                &portico_store::NewDocument {
                    site: global.id,
                    kind: Kind::Release,
                    language: "en".into(),
                    draft: Draft {
                        title: "Global draft".into(),
                        slug: "global-draft".into(),
                        ..Draft::default()
                    },
                    status: Status::Draft,
                    author: None,
                },
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("draft");
        let sv = app.login(&app.user("sv@example.org", Role::Editor, &["sv"]).await).await;
        sv.page(&format!("/admin/documents/{}", draft.0), 404).await;
        let dashboard = sv.page("/admin", 200).await;
        assert!(
            !texts(&dashboard, "tbody td:first-child").iter().any(|t| t == "Global draft"),
            "{}",
            app.backend()
        );
        assert!(texts(&dashboard, "tbody td:nth-child(3)").iter().all(|site| site == "sv"));
        assert_eq!(sv.get("/admin/menus/global").await.status().as_u16(), 403);
        assert_eq!(
            sv.post("/admin/menus/global", &[("label", "x"), ("path", "")]).await.status().as_u16(),
            403
        );
        sv.page("/admin/menus/sv", 200).await;
        assert_eq!(sv.get("/admin/sites/global/translations").await.status().as_u16(), 404);
        assert_eq!(sv.get("/admin/sites").await.status().as_u16(), 403);
        let translate =
            sv.post(&format!("/admin/documents/{}/translate", draft.0), &[("language", "fr")]).await;
        assert_eq!(translate.status().as_u16(), 404);
    }
}

#[tokio::test]
async fn sites_are_created_by_admins_and_from_the_command_line_with_clear_refusals() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("admin@example.org", Role::Admin, &[]).await).await;
        let taken_host = admin
            .post(
                "/admin/sites",
                &[
                    ("key", "ke"),
                    ("name", "IOM Kenya"),
                    ("languages", "en, sw"),
                    ("hosts", "sv.localhost"),
                    ("country", "KE"),
                ],
            )
            .await;
        assert_eq!(taken_host.status().as_u16(), 422, "{}", app.backend());
        assert!(taken_host.text().await.expect("body").contains("already used by another site"));
        let taken_key =
            admin.post("/admin/sites", &[("key", "sv"), ("name", "x"), ("languages", "es")]).await;
        assert_eq!(taken_key.status().as_u16(), 422);
        let bad_country = admin
            .post("/admin/sites", &[("key", "zz"), ("name", "x"), ("languages", "en"), ("country", "ZZ")])
            .await;
        assert_eq!(bad_country.status().as_u16(), 422);
        let made = admin
            .post(
                "/admin/sites",
                &[
                    ("key", "ke"),
                    ("name", "IOM Kenya"),
                    ("languages", "en, sw"),
                    ("hosts", "ke.localhost"),
                    ("country", "KE"),
                ],
            )
            .await;
        assert_eq!(made.status().as_u16(), 303);
        // The new site answers at once, its language list included.
        app.page("/sites/ke/en/", 200).await;
        app.page("/sites/ke/fr/", 404).await;
    }
}

#[test]
fn portico_site_add_checks_its_arguments() {
    let data = tempfile::tempdir().expect("data");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_portico"))
            .args(["site", "add", "--data", data.path().to_str().expect("path")])
            .args(args)
            .env_remove("PORTICO_DATABASE")
            .output()
            .expect("run")
    };
    let ok = run(&[
        "--key",
        "ke",
        "--name",
        "IOM Kenya",
        "--host",
        "ke.example.org",
        "--languages",
        "en,sw",
        "--country",
        "KE",
    ]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    for (args, says) in [
        (vec!["--key", "ke", "--name", "Again", "--languages", "en"], "already used"),
        (
            vec!["--key", "k2", "--name", "Host", "--host", "ke.example.org", "--languages", "en"],
            "already used",
        ),
        (vec!["--key", "k3", "--name", "Lang", "--languages", "english"], "languages"),
        (vec!["--key", "k4", "--name", "Country", "--languages", "en", "--country", "ZZ"], "country code"),
        (vec!["--key", "Bad Key", "--name", "Key", "--languages", "en"], "key"),
    ] {
        let out = run(&args);
        assert!(!out.status.success(), "{args:?} should fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

#[tokio::test]
async fn absolute_links_never_echo_a_host_no_site_claims() {
    for app in TestApp::each().await {
        for path in ["/robots.txt", "/en/", "/en/news", "/sitemap.xml", "/en/news.atom", "/en/news.rss"] {
            let response = with_host(&app, "evil.example", path).await;
            assert_eq!(response.status().as_u16(), 200, "{path} on {}", app.backend());
            let body = response.text().await.expect("body");
            assert!(!body.contains("evil.example"), "{path} echoes the Host header on {}", app.backend());
        }
        let robots = with_host(&app, "evil.example", "/robots.txt").await.text().await.expect("body");
        assert!(
            robots.contains("Sitemap: http://localhost/sitemap.xml"),
            "the fallback site's address: {robots}"
        );
        let home = with_host(&app, "evil.example:8080", "/en/").await.text().await.expect("body");
        let home = scraper::Html::parse_document(&home);
        assert_eq!(attrs(&home, "link[rel=canonical]", "href"), ["http://localhost/en/"]);

        // A host the site is configured with is its own address, port and all.
        let robots = with_host(&app, "sv.localhost:8080", "/robots.txt").await.text().await.expect("body");
        assert!(robots.contains("Sitemap: http://sv.localhost:8080/sitemap.xml"), "{robots}");
    }
}
