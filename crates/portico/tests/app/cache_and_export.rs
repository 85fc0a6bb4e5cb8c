//! The page cache, the static export and the corpus generator, through the real server over
//! SQLite and PostgreSQL: what a reader gets after each kind of write, what the cache counts
//! in `/metrics`, and the exported files against the bytes the server sends.

use crate::support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use portico::export::{ExportOptions, MANIFEST, export, read_manifest};
use portico::server::{ServeConfig, Server, start};
use portico_content::{DocumentId, Role, Status};
use portico_store::testing::TestDb;
use support::{Session, TestApp, attrs, text, texts};

/// A counter or gauge of `/metrics` (`hits_total`, `misses_total`, …).
async fn metric(app: &TestApp, name: &str) -> u64 {
    let response = app.get("/metrics").await;
    assert_eq!(response.status().as_u16(), 200);
    let body = response.text().await.expect("metrics");
    let line = format!("portico_page_cache_{name} ");
    body.lines()
        .find_map(|l| l.strip_prefix(&line))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {name} in /metrics:\n{body}"))
}

/// Requests `path` until it is in the cache, proving it with the hit counter; returns the
/// cached body.
async fn cached(app: &TestApp, path: &str) -> String {
    let first = app.get(path).await;
    assert_eq!(first.status().as_u16(), 200, "GET {path} on {}", app.backend());
    let hits = metric(app, "hits_total").await;
    let misses = metric(app, "misses_total").await;
    let body = app.get(path).await.text().await.expect("body");
    assert_eq!(
        metric(app, "hits_total").await,
        hits + 1,
        "{path} is answered from the cache ({})",
        app.backend()
    );
    assert_eq!(metric(app, "misses_total").await, misses);
    body
}

async fn admin(app: &TestApp) -> Session {
    let email = app.user("cache-admin@example.org", Role::Admin, &["global"]).await;
    app.login(&email).await
}

/// The editor's form for a variant as a person would submit it unchanged: every field as
/// shown, `changes` applied on top.
async fn edit_form(
    session: &Session,
    id: i64,
    lang: &str,
    changes: &[(&str, &str)],
) -> Vec<(String, String)> {
    let html = session.page(&format!("/admin/documents/{id}?lang={lang}"), 200).await;
    let value = |selector: &str| attrs(&html, selector, "value").into_iter().next().unwrap_or_default();
    let raw_text = |selector: &str| {
        let selector = scraper::Selector::parse(selector).expect("selector");
        html.select(&selector).next().map(|e| e.text().collect::<String>()).unwrap_or_default()
    };
    let mut fields: Vec<(String, String)> = vec![
        ("lang".into(), lang.into()),
        ("intent".into(), "save".into()),
        ("revision".into(), value("input[name=revision]")),
        ("summary".into(), raw_text("#f-summary")),
        ("body_markdown".into(), raw_text("#f-body_markdown")),
        ("image".into(), value("#f-image")),
        ("programme".into(), value("#f-programme option[selected]")),
    ];
    for name in ["title", "slug", "dateline", "published_at", "countries"] {
        fields.push((name.into(), value(&format!("#f-{name}"))));
    }
    for group in ["themes", "partners", "contacts"] {
        for checked in attrs(&html, &format!("input[name={group}][checked]"), "value") {
            fields.push((group.into(), checked));
        }
    }
    for (name, new) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push(((*name).into(), (*new).into()));
    }
    fields
}

/// Submits the editor's form with `changes`.
async fn edit(session: &Session, id: i64, lang: &str, changes: &[(&str, &str)]) -> reqwest::Response {
    let fields = edit_form(session, id, lang, changes).await;
    let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    session.post(&format!("/admin/documents/{id}"), &fields).await
}

/// The document id in a `/admin/documents/{id}…` redirect.
fn document_id(response: &reqwest::Response) -> i64 {
    let location = response.headers()["location"].to_str().expect("location");
    location
        .trim_start_matches("/admin/documents/")
        .split(['?', '/'])
        .next()
        .expect("id")
        .parse()
        .expect("id")
}

/// The response's headers but the ones that differ from request to request, in order.
fn lasting_headers(response: &reqwest::Response) -> Vec<(String, String)> {
    response
        .headers()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "x-request-id" | "date"))
        .map(|(name, value)| (name.as_str().to_owned(), value.to_str().expect("an ASCII header").to_owned()))
        .collect()
}

#[tokio::test]
async fn a_hit_answered_in_front_of_the_layers_carries_every_header_the_render_carried() {
    // Claims of TLS from the loopback "proxy" are believed: HSTS and the https origin come
    // from the layers on a render, and must come from the front path on a hit.
    let claims: [&[(&str, &str)]; 4] = [
        &[],
        &[("x-forwarded-proto", "https")],
        &[("save-data", "on")],
        // A key of its own (each pair must be a miss first), with a coding to choose.
        &[("accept-encoding", "gzip"), ("x-forwarded-proto", "https"), ("save-data", "on")],
    ];
    for app in TestApp::each_behind_proxy().await {
        for path in ["/en/", "/en/news?page=2", "/en/who-we-are", "/sites/jo/ar/", "/en/news.atom"] {
            for claim in claims {
                let send = || {
                    let mut request = app.client.get(app.url(path));
                    for (name, value) in claim {
                        request = request.header(*name, *value);
                    }
                    request.send()
                };
                let misses = metric(&app, "misses_total").await;
                let rendered = send().await.expect("render");
                assert_eq!(rendered.status().as_u16(), 200, "{path} {claim:?}");
                assert_eq!(metric(&app, "misses_total").await, misses + 1, "{path} {claim:?} is rendered");
                let hits = metric(&app, "hits_total").await;
                let hit = send().await.expect("hit");
                assert_eq!(metric(&app, "hits_total").await, hits + 1, "{path} {claim:?} is a hit");
                assert_eq!(lasting_headers(&hit), lasting_headers(&rendered), "{path} {claim:?}");
                assert_ne!(hit.headers()["x-request-id"], rendered.headers()["x-request-id"]);
                let https = claim.contains(&("x-forwarded-proto", "https"));
                assert_eq!(
                    hit.headers().contains_key("strict-transport-security"),
                    https,
                    "{path} {claim:?}"
                );
                assert_eq!(
                    hit.bytes().await.expect("body"),
                    rendered.bytes().await.expect("body"),
                    "{path} {claim:?} on {}",
                    app.backend()
                );
            }
        }
    }
}

#[tokio::test]
async fn a_second_request_is_served_from_the_cache_with_the_same_bytes_and_validators() {
    for app in TestApp::each().await {
        let fresh = app.get("/en/").await;
        let etag = fresh.headers()["etag"].clone();
        let fresh_body = fresh.bytes().await.expect("body");
        let hit_body = cached(&app, "/en/").await;
        assert_eq!(hit_body.as_bytes(), fresh_body, "a hit sends the bytes the render sent");

        let conditional = app
            .client
            .get(app.url("/en/"))
            .header("if-none-match", etag.clone())
            .send()
            .await
            .expect("request");
        assert_eq!(conditional.status().as_u16(), 304, "ETags still work on hits ({})", app.backend());
        assert_eq!(conditional.headers()["etag"], etag);

        let zipped =
            app.client.get(app.url("/en/")).header("accept-encoding", "gzip").send().await.expect("request");
        assert_eq!(zipped.headers()["content-encoding"], "gzip");
        assert_eq!(zipped.headers()["vary"], "Accept-Encoding, Save-Data");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped.bytes().await.expect("body")[..])
            .read_to_end(&mut unzipped)
            .expect("gunzip");
        assert_eq!(unzipped, fresh_body);

        let head = app.client.head(app.url("/en/")).send().await.expect("request");
        assert_eq!(head.status().as_u16(), 200);
        assert!(head.bytes().await.expect("body").is_empty());

        let metrics = app.get("/metrics").await;
        assert!(
            metrics.headers()["content-type"]
                .to_str()
                .expect("type")
                .starts_with("text/plain; version=0.0.4")
        );
        let body = metrics.text().await.expect("body");
        for name in
            ["hits_total", "misses_total", "evictions_total", "invalidations_total", "bytes", "entries"]
        {
            assert!(body.contains(&format!("# TYPE portico_page_cache_{name} ")), "{name} is declared");
        }
        let queued =
            body.lines().find_map(|l| l.strip_prefix("portico_related_queue ")).expect("the queue gauge");
        let queued: i64 = queued.trim().parse().expect("a number");
        // The queue only shrinks while nobody writes: the gauge read first is never below it.
        assert!(queued >= app.server.store.related_queue_length().await.expect("queue"), "{queued}");
        assert!(metric(&app, "bytes").await > fresh_body.len() as u64);
        assert_eq!(metric(&app, "capacity_bytes").await, 64 * 1024 * 1024);
        // Search is never cached: its index follows writes on its own clock.
        let misses = metric(&app, "misses_total").await;
        app.get("/en/search?q=migrants").await;
        app.get("/en/search?q=migrants").await;
        assert_eq!(metric(&app, "misses_total").await, misses);
    }
}

#[tokio::test]
async fn publish_edit_unpublish_menu_change_and_translation_show_on_the_next_request() {
    for app in TestApp::each().await {
        let session = admin(&app).await;
        for path in ["/en/", "/en/news", "/en/news.atom", "/sitemap.xml"] {
            cached(&app, path).await;
        }

        // Publish.
        let made = session
            .post(
                "/admin/new/release",
                &[
                    ("site", "global"),
                    ("title", "Cache test release goes out"),
                    ("slug", "cache-test-release"),
                    ("summary", "A release written by the cache tests."),
                    ("body_markdown", "First words."),
                    ("intent", "save"),
                ],
            )
            .await;
        assert_eq!(made.status().as_u16(), 303, "{}", app.backend());
        let id = document_id(&made);
        assert!(!app.get("/en/news").await.text().await.expect("body").contains("Cache test release"));
        let published =
            session.post(&format!("/admin/documents/{id}/workflow"), &[("action", "publish")]).await;
        assert_eq!(published.status().as_u16(), 303);
        let news = app.page("/en/news", 200).await;
        assert!(
            texts(&news, ".card-title").iter().any(|t| t == "Cache test release goes out"),
            "{}",
            app.backend()
        );
        let home = app.page("/en/", 200).await;
        assert!(texts(&home, ".card-title").iter().any(|t| t == "Cache test release goes out"));
        assert!(
            app.get("/en/news.atom")
                .await
                .text()
                .await
                .expect("feed")
                .contains("Cache test release goes out")
        );
        assert!(
            app.get("/sitemap.xml")
                .await
                .text()
                .await
                .expect("sitemap")
                .contains("/en/news/cache-test-release")
        );

        // Edit.
        cached(&app, "/en/news/cache-test-release").await;
        cached(&app, "/en/news").await;
        let saved = edit(
            &session,
            id,
            "en",
            &[("title", "Cache test release, corrected"), ("body_markdown", "Corrected words.")],
        )
        .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());
        let page = app.page("/en/news/cache-test-release", 200).await;
        assert_eq!(text(&page, "h1"), "Cache test release, corrected");
        assert!(text(&page, "main").contains("Corrected words."));
        let news = app.page("/en/news", 200).await;
        assert!(texts(&news, ".card-title").iter().any(|t| t == "Cache test release, corrected"));

        // Translation added and published.
        cached(&app, "/en/news/cache-test-release").await;
        cached(&app, "/fr/news").await;
        let translate =
            session.post(&format!("/admin/documents/{id}/translate"), &[("language", "fr")]).await;
        assert_eq!(translate.status().as_u16(), 303);
        let french = edit(
            &session,
            id,
            "fr",
            &[
                ("title", "Communiqué de test du cache"),
                ("slug", "communique-test-cache"),
                ("body_markdown", "Premiers mots."),
            ],
        )
        .await;
        assert_eq!(french.status().as_u16(), 303);
        let out = session
            .post(&format!("/admin/documents/{id}/workflow"), &[("lang", "fr"), ("action", "publish")])
            .await;
        assert_eq!(out.status().as_u16(), 303);
        let english = app.page("/en/news/cache-test-release", 200).await;
        assert!(
            attrs(&english, ".language-switcher a", "href")
                .contains(&"/fr/news/communique-test-cache".to_owned()),
            "the cached English page links its new translation ({})",
            app.backend()
        );
        let french_news = app.page("/fr/news", 200).await;
        assert!(texts(&french_news, ".card-title").iter().any(|t| t == "Communiqué de test du cache"));

        // Unpublish.
        cached(&app, "/en/news/cache-test-release").await;
        cached(&app, "/en/news").await;
        let withdrawn =
            session.post(&format!("/admin/documents/{id}/workflow"), &[("action", "unpublish")]).await;
        assert_eq!(withdrawn.status().as_u16(), 303);
        assert_eq!(app.get("/en/news/cache-test-release").await.status().as_u16(), 404, "{}", app.backend());
        let news = app.page("/en/news", 200).await;
        assert!(!texts(&news, ".card-title").iter().any(|t| t.starts_with("Cache test release")));

        // Menu change.
        let menu_before = cached(&app, "/en/who-we-are").await;
        assert!(!menu_before.contains("Newsroom of the cache"));
        let menu = session
            .post(
                "/admin/menus/global",
                &[("label", "Newsroom of the cache"), ("path", "news"), ("position", "1")],
            )
            .await;
        assert_eq!(menu.status().as_u16(), 303, "{}", app.backend());
        for path in ["/en/who-we-are", "/en/"] {
            let page = app.page(path, 200).await;
            assert_eq!(texts(&page, ".main-nav a"), ["Newsroom of the cache"], "{path} on {}", app.backend());
        }
    }
}

#[tokio::test]
async fn a_change_drops_only_the_pages_that_show_it() {
    for app in TestApp::each().await {
        let session = admin(&app).await;
        // A release of the Salvadoran office, and pages of the global site that do not show it.
        let sv_news = app.page("/sites/sv/es/news", 200).await;
        let sv_release = attrs(&sv_news, ".card-title a", "href")
            .into_iter()
            .find(|href| href.starts_with("/sites/sv/es/news/"))
            .expect("a release of the office");
        let global_news = app.page("/en/news", 200).await;
        let global_release = attrs(&global_news, ".card-title a", "href").remove(0);
        // A narrowed list of the office that does not show it: Kenya's releases.
        let kenya = "/sites/sv/es/where-we-work/ke";
        for path in [sv_release.as_str(), global_release.as_str(), "/en/", "/sites/sv/es/", kenya] {
            cached(&app, path).await;
        }
        let slug = sv_release.rsplit('/').next().expect("slug");
        let store = &app.server.store;
        let sv = store.site_by_key("sv").await.expect("site").expect("sv");
        let document = store
            .document_by_slug(sv.id, portico_content::Kind::Release, slug)
            .await
            .expect("read")
            .expect("the release");
        let saved = edit(&session, document.0, "es", &[("title", "Título cambiado por la prueba")]).await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());

        let hits = metric(&app, "hits_total").await;
        app.get(&global_release).await;
        app.get("/en/").await;
        app.get(kenya).await;
        assert_eq!(
            metric(&app, "hits_total").await,
            hits + 3,
            "the global site's pages, and the office's list of another country, stay cached ({})",
            app.backend()
        );
        let misses = metric(&app, "misses_total").await;
        let changed = app.page(&sv_release, 200).await;
        assert_eq!(text(&changed, "h1"), "Título cambiado por la prueba");
        let home = app.get("/sites/sv/es/").await.text().await.expect("body");
        assert!(home.contains("Título cambiado por la prueba"), "the office's lists show it");
        assert_eq!(metric(&app, "misses_total").await, misses + 2, "exactly the office's pages were dropped");
    }
}

#[tokio::test]
async fn new_words_around_an_image_show_on_the_next_request() {
    for app in TestApp::each().await {
        let session = admin(&app).await;
        let store = &app.server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        let media = store
            .create_media(
                &portico_store::NewMedia {
                    site: global.id,
                    kind: "image".into(),
                    file_name: "photo.png".into(),
                    mime: "image/png".into(),
                    width: 1280,
                    height: 720,
                    bytes: 10,
                    alt: "Families wait at the border post".into(),
                    caption: String::new(),
                    credit: String::new(),
                    renditions: vec!["640.png".into(), "1280.png".into()],
                    created_by: None,
                    pdf: None,
                },
                &portico_store::Audit::system("test", "media.upload"),
            )
            .await
            .expect("media");
        let news = app.page("/en/news", 200).await;
        let href = attrs(&news, ".card-title a", "href").remove(0);
        let slug = href.rsplit('/').next().expect("slug");
        let document = store
            .document_by_slug(global.id, portico_content::Kind::Release, slug)
            .await
            .expect("read")
            .expect("release");
        let image = media.to_string();
        let saved = edit(&session, document.0, "en", &[("image", image.as_str())]).await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());
        let page = cached(&app, &href).await;
        assert!(page.contains("Families wait at the border post"), "{}", app.backend());

        let words = session
            .post(
                &format!("/admin/media/{media}"),
                &[("alt", "Families queue at the reopened border post"), ("caption", ""), ("credit", "")],
            )
            .await;
        assert_eq!(words.status().as_u16(), 303);
        let page = app.page(&href, 200).await;
        assert_eq!(
            attrs(&page, "main img", "alt"),
            ["Families queue at the reopened border post"],
            "{}",
            app.backend()
        );
    }
}

#[tokio::test]
async fn a_request_with_a_session_cookie_never_touches_the_cache() {
    for app in TestApp::each().await {
        let session = admin(&app).await;
        cached(&app, "/en/").await;
        let (hits, misses) = (metric(&app, "hits_total").await, metric(&app, "misses_total").await);
        let signed_in = session.get("/en/").await;
        assert_eq!(signed_in.status().as_u16(), 200);
        let only_for_them = session.get("/en/where-we-work").await;
        assert_eq!(only_for_them.status().as_u16(), 200);
        assert_eq!(
            (metric(&app, "hits_total").await, metric(&app, "misses_total").await),
            (hits, misses),
            "neither served from the cache nor stored in it ({})",
            app.backend()
        );
        // What the signed-in request rendered was not kept for others.
        let misses = metric(&app, "misses_total").await;
        app.get("/en/where-we-work").await;
        assert_eq!(metric(&app, "misses_total").await, misses + 1);
        // A forged or stale session cookie is treated the same way.
        let hits = metric(&app, "hits_total").await;
        let forged = app
            .client
            .get(app.url("/en/"))
            .header("cookie", "portico_session=forged")
            .send()
            .await
            .expect("request");
        assert_eq!(forged.status().as_u16(), 200);
        assert_eq!(metric(&app, "hits_total").await, hits);
    }
}

#[tokio::test]
async fn a_write_by_another_process_reaches_the_cache_through_the_change_log() {
    for app in TestApp::each().await {
        let news = app.page("/en/news", 200).await;
        let href = attrs(&news, ".card-title a", "href").remove(0);
        let title = texts(&news, ".card-title").remove(0);
        cached(&app, "/en/news").await;
        cached(&app, &href).await;
        // Written straight to the database, as another node or `publish_due` would.
        let store = &app.server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        let slug = href.rsplit('/').next().expect("slug");
        let document: DocumentId = store
            .document_by_slug(global.id, portico_content::Kind::Release, slug)
            .await
            .expect("read")
            .expect("release");
        store
            .set_status(
                document,
                "en",
                Status::Published,
                Status::Draft,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("unpublish");
        // The follower reads the change log every second; give it a generous while.
        let mut gone = false;
        for _ in 0..100 {
            // 404, or a redirect to a translation that is still published.
            if app.get(&href).await.status().as_u16() != 200 {
                gone = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(gone, "the release page was dropped ({})", app.backend());
        let news = app.page("/en/news", 200).await;
        assert!(!texts(&news, ".card-title").contains(&title), "and the list it was on");
    }
}

/// A server over `db` with a data folder the test can reach (for media).
async fn server_with_data(db: &TestDb) -> (Server, tempfile::TempDir, ServeConfig) {
    let data = tempfile::tempdir().expect("data folder");
    let config = ServeConfig {
        listen: "127.0.0.1:0".into(),
        data: data.path().to_path_buf(),
        database: Some(db.url().to_owned()),
        demo: true,
        ..ServeConfig::default()
    };
    let server = start(&config).await.expect("server starts");
    (server, data, config)
}

#[tokio::test]
async fn the_export_holds_every_public_page_byte_for_byte_as_served() {
    for db in TestDb::each().await {
        let (server, data, config) = server_with_data(&db).await;
        let store = &server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        let media = store
            .create_media(
                &portico_store::NewMedia {
                    site: global.id,
                    kind: "file".into(),
                    file_name: "report.pdf".into(),
                    mime: "application/pdf".into(),
                    width: 0,
                    height: 0,
                    bytes: 9,
                    alt: String::new(),
                    caption: String::new(),
                    credit: String::new(),
                    renditions: vec![],
                    created_by: None,
                    pdf: None,
                },
                &portico_store::Audit::system("test", "media.upload"),
            )
            .await
            .expect("media");
        let folder = data.path().join("media").join(media.to_string());
        std::fs::create_dir_all(&folder).expect("media folder");
        std::fs::write(folder.join("original.pdf"), b"%PDF-1.4\n").expect("media file");
        // Only what anyone may fetch goes into a static copy; this file an editor made public.
        store
            .set_media_public(media, true, &portico_store::Audit::system("test", "media.make_public"))
            .await
            .expect("public");
        let media = store.media(media).await.expect("media").expect("stored");

        let out = tempfile::tempdir().expect("output");
        let options = ExportOptions {
            site: "global".into(),
            out: out.path().to_path_buf(),
            origin: Some(server.url()),
            jobs: 4,
            only: None,
        };
        let summary = export(&config, &options).await.expect("export");
        assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);

        let client = reqwest::Client::builder().no_gzip().no_brotli().build().expect("client");
        let news = client
            .get(format!("{}/en/news", server.url()))
            .send()
            .await
            .expect("news")
            .text()
            .await
            .expect("body");
        let release = scraper::Html::parse_document(&news);
        let release = attrs(&release, ".card-title a", "href").remove(0);
        let release_file = format!("{}.html", release.trim_start_matches('/'));
        let samples = [
            ("/en/", "en/index.html"),
            ("/fr/", "fr/index.html"),
            ("/es/", "es/index.html"),
            ("/en/news", "en/news.html"),
            ("/en/news?page=2", "en/news.page-2.html"),
            (release.as_str(), release_file.as_str()),
            ("/en/who-we-are", "en/who-we-are.html"),
            ("/en/our-work/partnerships", "en/our-work/partnerships.html"),
            ("/en/where-we-work", "en/where-we-work.html"),
            ("/en/where-we-work/sv", "en/where-we-work/sv.html"),
            ("/fr/where-we-work/sn", "fr/where-we-work/sn.html"),
            ("/en/news.atom", "en/news.atom"),
            ("/fr/news.rss", "fr/news.rss"),
            ("/sitemap.xml", "sitemap.xml"),
            ("/robots.txt", "robots.txt"),
            ("/assets/style.css", "assets/style.css"),
        ];
        let media_address = media.path("original.pdf");
        let media_file = media_address.trim_start_matches('/').to_owned();
        for (address, file) in samples.iter().copied().chain([(media_address.as_str(), media_file.as_str())])
        {
            let written = std::fs::read(out.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            let served = client.get(format!("{}{address}", server.url())).send().await.expect("request");
            assert_eq!(served.status().as_u16(), 200, "{address}");
            let served = served.bytes().await.expect("body");
            assert!(written == served, "{file} is byte-identical to GET {address} ({})", store.backend());
        }
        assert!(!out.path().join("en/search.html").exists(), "search needs the server");
        let sv_site_files = out.path().join("sites");
        assert!(!sv_site_files.exists(), "only the global site's files");
        assert!(summary.files as usize > 200 * 3, "every country page in every language");
        server.stop().await.expect("stop");
    }
}

#[tokio::test]
async fn the_export_of_a_site_without_its_host_name_lives_under_its_prefix() {
    let db = TestDb::sqlite().await;
    let (server, _data, config) = server_with_data(&db).await;
    let out = tempfile::tempdir().expect("output");
    let options = ExportOptions {
        site: "sv".into(),
        out: out.path().to_path_buf(),
        origin: Some(server.url()),
        jobs: 2,
        only: None,
    };
    let summary = export(&config, &options).await.expect("export");
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    let written = std::fs::read(out.path().join("sites/sv/es/index.html")).expect("home");
    let served = reqwest::get(format!("{}/sites/sv/es/", server.url()))
        .await
        .expect("get")
        .bytes()
        .await
        .expect("body");
    assert!(written == served);
    let some = tempfile::tempdir().expect("output");
    let only = ExportOptions {
        out: some.path().to_path_buf(),
        only: Some(vec!["/sites/sv/es/news".into(), "/sites/sv/en/".into()]),
        ..options.clone()
    };
    let summary = export(&config, &only).await.expect("export some");
    assert_eq!(summary.files, 2, "only what was asked for");
    assert!(
        some.path().join("sites/sv/es/news.html").is_file()
            && some.path().join("sites/sv/en/index.html").is_file()
    );
    // Into the earlier export, an `only` export replaces just its files.
    let home = std::fs::read(out.path().join("sites/sv/es/index.html")).expect("home");
    let manifest = std::fs::read(out.path().join(MANIFEST)).expect("manifest");
    let files = files_under(out.path()).len();
    let news = out.path().join("sites/sv/es/news.html");
    std::fs::write(&news, "stale").expect("an old news page");
    let refresh = ExportOptions { only: Some(vec!["/sites/sv/es/news".into()]), ..options.clone() };
    assert_eq!(export(&config, &refresh).await.expect("refresh").files, 1);
    assert_ne!(std::fs::read(&news).expect("news"), b"stale");
    assert_eq!(std::fs::read(out.path().join("sites/sv/es/index.html")).expect("home"), home);
    assert_eq!(std::fs::read(out.path().join(MANIFEST)).expect("manifest"), manifest);
    assert_eq!(files_under(out.path()).len(), files);
    let unknown = ExportOptions { site: "nowhere".into(), ..options };
    let error = export(&config, &unknown).await.expect_err("unknown site");
    assert!(error.to_string().contains("no site has the key \"nowhere\""), "{error}");
    server.stop().await.expect("stop");
}

/// Every file under `folder`, relative to it, with `/` between folders.
fn files_under(folder: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(here) = folders.pop() {
        for entry in std::fs::read_dir(&here).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(folder).expect("inside");
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

/// Every link of every HTML file of the export in `out` to an address of `host`, root-relative
/// or absolute, as (file, address), the fragment left out; read by an HTML parser, apart from
/// the export's own scan.
fn links_of_the_export(out: &Path, host: &str) -> Vec<(String, String)> {
    let selector = scraper::Selector::parse("[href], [src], [srcset]").expect("selector");
    let mut links = Vec::new();
    for file in files_under(out).into_iter().filter(|f| f.ends_with(".html")) {
        let html = scraper::Html::parse_document(&std::fs::read_to_string(out.join(&file)).expect("html"));
        for element in html.select(&selector) {
            let element = element.value();
            let mut values: Vec<&str> =
                ["href", "src"].iter().filter_map(|name| element.attr(name)).collect();
            if let Some(srcset) = element.attr("srcset") {
                values.extend(srcset.split(',').filter_map(|c| c.split_whitespace().next()));
            }
            for value in values {
                let value = value.split('#').next().unwrap_or_default();
                let on_host = ["http://", "https://"]
                    .iter()
                    .find_map(|scheme| value.strip_prefix(scheme)?.strip_prefix(host))
                    .filter(|rest| rest.is_empty() || rest.starts_with('/'));
                let address = match on_host {
                    Some("") => "/",
                    Some(rest) => rest,
                    None if value.starts_with('/') && !value.starts_with("//") => value,
                    None => continue,
                };
                links.push((file.clone(), address.to_owned()));
            }
        }
    }
    links
}

/// What a static host serving `out` answers for `address`, as nginx with `bench/nginx.conf`
/// does: `$uri`, `$uri.html`, `$uri/index.html`, and `?page=N` rewritten to `.page-N.html`;
/// a version query (`?v=`) is ignored. `None` when it would need the server (another query).
fn served_from(out: &Path, address: &str) -> Option<bool> {
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    let path = path.trim_start_matches('/');
    let candidates = match query {
        "" => vec![path.to_owned(), format!("{path}.html"), format!("{path}/index.html")],
        query if query.starts_with("v=") => vec![path.to_owned()],
        query => {
            let page = query.strip_prefix("page=").filter(|n| n.bytes().all(|b| b.is_ascii_digit()))?;
            vec![format!("{path}.page-{page}.html")]
        }
    };
    Some(candidates.iter().any(|file| out.join(file).is_file()))
}

/// The El Salvador office's demo site, exported for its own host name.
fn sv_export(out: &Path) -> ExportOptions {
    ExportOptions {
        site: "sv".into(),
        out: out.to_path_buf(),
        origin: Some("http://sv.localhost".into()),
        jobs: 2,
        only: None,
    }
}

#[tokio::test]
async fn every_link_of_the_el_salvador_export_resolves_inside_it() {
    for db in TestDb::each().await {
        let (server, _data, config) = server_with_data(&db).await;
        let folder = tempfile::tempdir().expect("output");
        let out = folder.path().join("site");
        let summary = export(&config, &sv_export(&out)).await.expect("export");

        let links = links_of_the_export(&out, "sv.localhost");
        let missing: BTreeMap<&str, &str> = links
            .iter()
            .filter(|(_, address)| served_from(&out, address) == Some(false))
            .map(|(file, address)| (address.as_str(), file.as_str()))
            .collect();
        assert!(missing.is_empty(), "linked (from) but not exported ({}): {missing:#?}", db.store.backend());
        // The demo's real case: the contact page is in Spanish only, and the English pages
        // link it; the server answers with the Spanish page and a notice.
        let contact = links.iter().find(|(_, address)| address == "/en/contacto");
        assert!(contact.is_some(), "an English page links the contact page");
        let written =
            std::fs::read(out.join("en/contacto.html")).expect("the English address of the contact page");
        let client = reqwest::Client::builder().no_gzip().no_brotli().build().expect("client");
        let served = client
            .get(format!("{}/en/contacto", server.url()))
            .header("host", "sv.localhost")
            .send()
            .await
            .expect("request");
        assert_eq!(served.status().as_u16(), 200);
        assert!(written == served.bytes().await.expect("body"), "byte-identical to what the server sends");
        assert!(summary.found_through_links >= 1, "found through links: the sitemap does not list it");
        assert!(summary.unresolved.is_empty(), "{:#?}", summary.unresolved);
        let distinct: BTreeSet<&str> = links.iter().map(|(_, address)| address.as_str()).collect();
        assert!(summary.links_checked as usize >= distinct.len(), "{} links checked", summary.links_checked);
        server.stop().await.expect("stop");
    }
}

/// A goal's page lists its releases in pages, as the news list does. A goal that 40 pages
/// of releases serve reaches past the export's bound on following links (pages 16–18 of
/// these were never rendered when only links led to them), so its pages are listed like the
/// news list's.
#[tokio::test]
async fn every_page_of_a_long_goal_list_is_exported() {
    let db = TestDb::sqlite().await;
    let (server, _data, config) = server_with_data(&db).await;
    let store = &server.store;
    let sv = store.site_by_key("sv").await.expect("site").expect("sv");
    let published_at = time::OffsetDateTime::now_utc() - time::Duration::days(30);
    let documents = (0..800)
        .map(|n| portico_store::ImportDocument {
            site: sv.id,
            kind: portico_content::Kind::Release,
            variants: vec![portico_store::ImportVariant {
                language: "es".into(),
                draft: portico_content::Draft {
                    title: format!("Igualdad de género, comunicado {n}"),
                    slug: format!("igualdad-{n}"),
                    published_at: Some(published_at + time::Duration::minutes(n)),
                    goals: vec!["5".into()],
                    ..Default::default()
                },
                status: Status::Published,
            }],
        })
        .collect();
    store.import_documents(documents, &portico_store::Audit::system("test", "import")).await.expect("import");
    let folder = tempfile::tempdir().expect("output");
    let out = folder.path().join("site");
    let summary = export(&config, &sv_export(&out)).await.expect("export");
    assert!(summary.unresolved.is_empty(), "{:#?}", summary.unresolved);
    let counts = store.goal_counts(sv.id, "es").await.expect("counts");
    let releases = counts.iter().find(|count| count.goal == 5).map_or(0, |count| count.releases);
    assert!(releases >= 800, "{releases} releases serve goal 5");
    let last = (releases + 19) / 20;
    let file = |n: i64| out.join(format!("es/2030-agenda/goal-5.page-{n}.html"));
    let missing: Vec<i64> = (2..=last).filter(|n| !file(*n).is_file()).collect();
    assert!(missing.is_empty(), "pages of the goal's list not exported: {missing:?} of {last}");
    assert!(!file(last + 1).exists(), "no page past the last");
    server.stop().await.expect("stop");
}

/// Every file of the export in `out`, with its bytes.
fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(out)
        .into_iter()
        .map(|file| (file.clone(), std::fs::read(out.join(&file)).expect("file")))
        .collect()
}

/// The names in `folder` that start with `prefix`, sorted.
fn names_in(folder: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("folder")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// The id of a process that has ended, as an export's would be after a kill.
fn dead_process() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("a process");
    let pid = child.id();
    child.wait().expect("it ends");
    pid
}

#[tokio::test]
async fn a_failed_stopped_or_killed_export_leaves_the_previous_export_as_it_was() {
    let db = TestDb::sqlite().await;
    let (server, _data, config) = server_with_data(&db).await;
    let folder = tempfile::tempdir().expect("output");
    let out = folder.path().join("site");
    export(&config, &sv_export(&out)).await.expect("the first export");
    let before = snapshot(&out);
    assert!(before.iter().any(|(file, _)| file == MANIFEST));

    // A theme whose release page does not render: the server answers 500 for every release,
    // well after the first files of the export are written.
    let theme = tempfile::tempdir().expect("theme");
    std::fs::create_dir_all(theme.path().join("templates")).expect("templates");
    std::fs::write(theme.path().join("templates/release.html"), "{{ a_value_no_page_has }}")
        .expect("template");
    let broken = ServeConfig { theme: Some(theme.path().to_path_buf()), ..config.clone() };
    let error = export(&broken, &sv_export(&out)).await.expect_err("a release does not render");
    assert!(format!("{error:#}").contains("answered 500"), "{error:#}");
    assert!(snapshot(&out) == before, "the previous export, byte for byte");
    assert_eq!(names_in(folder.path(), ""), ["site"], "no staging folder left behind");

    // A killed export that had moved the previous one aside, and another killed while writing:
    // the next export puts the first back and removes the second, even when it fails itself.
    let dead = dead_process();
    std::fs::rename(&out, folder.path().join(format!("site.previous-{dead}-0"))).expect("moved aside");
    let staging = folder.path().join(format!("site.partial-{dead}-1"));
    std::fs::create_dir_all(staging.join("es")).expect("staging folder");
    std::fs::write(staging.join("es/index.html"), "half a pa").expect("half a page");
    export(&broken, &sv_export(&out)).await.expect_err("still no release renders");
    assert!(snapshot(&out) == before, "the previous export is back, byte for byte");
    assert_eq!(names_in(folder.path(), ""), ["site"]);

    // An export stopped midway (its future dropped, as a timeout or Ctrl-C handler would):
    // the files it had written go with it.
    let running = tokio::spawn({
        let (config, options) = (config.clone(), sv_export(&out));
        async move { export(&config, &options).await }
    });
    let mut partial = None;
    for _ in 0..2_000 {
        partial = names_in(folder.path(), "site.partial-").pop().map(|name| folder.path().join(name));
        if partial.as_ref().is_some_and(|partial| partial.join("es").is_dir()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert!(partial.is_some_and(|partial| partial.join("es").is_dir()), "caught while writing");
    running.abort();
    assert!(running.await.expect_err("stopped").is_cancelled());
    assert!(snapshot(&out) == before, "the previous export, byte for byte");
    assert_eq!(names_in(folder.path(), ""), ["site"], "the staging folder is gone");

    let summary = export(&config, &sv_export(&out)).await.expect("an export that works");
    assert_eq!(names_in(folder.path(), ""), ["site"]);
    assert_eq!(files_under(&out).len() as u64, summary.files + 1, "its files and its manifest, nothing else");
    server.stop().await.expect("stop");
}

#[tokio::test]
async fn a_folder_that_is_not_an_earlier_export_is_never_replaced() {
    let db = TestDb::sqlite().await;
    let (server, _data, config) = server_with_data(&db).await;
    let home = tempfile::tempdir().expect("someone's folder");
    std::fs::write(home.path().join("notes.txt"), "mine").expect("their file");
    let only = ExportOptions { only: Some(vec!["/es/".into()]), ..sv_export(home.path()) };
    for options in [sv_export(home.path()), only] {
        let error = export(&config, &options).await.expect_err("refused");
        let message = error.to_string();
        assert!(
            message.starts_with("refusing to replace")
                && message.contains("not an earlier export (no .portico-export.json)")
                && !message.contains('\n'),
            "{message}"
        );
        assert_eq!(files_under(home.path()), ["notes.txt"]);
    }
    let file = home.path().join("notes.txt");
    let error = export(&config, &sv_export(&file)).await.expect_err("a file");
    assert!(error.to_string().ends_with("is a file, not a folder"), "{error}");
    assert_eq!(std::fs::read(&file).expect("still there"), b"mine");
    let name = home.path().file_name().expect("name").to_string_lossy().into_owned();
    let parent = home.path().parent().expect("parent");
    assert_eq!(names_in(parent, &name), [name], "no staging folder beside it");
    assert_eq!(names_in(home.path(), ""), ["notes.txt"]);
    server.stop().await.expect("stop");
}

#[tokio::test]
async fn links_to_filtered_lists_are_counted_as_pointing_to_the_live_site() {
    let db = TestDb::sqlite().await;
    let (server, _data, config) = server_with_data(&db).await;
    let folder = tempfile::tempdir().expect("output");
    let out = folder.path().join("site");
    let summary = export(&config, &sv_export(&out)).await.expect("export");
    let needs_the_server: BTreeSet<String> = links_of_the_export(&out, "sv.localhost")
        .into_iter()
        .map(|(_, address)| address)
        .filter(|address| served_from(&out, address).is_none())
        .collect();
    assert!(needs_the_server.contains("/es/news?country=sv"), "{needs_the_server:#?}");
    assert!(needs_the_server.iter().any(|address| address.contains("?theme=")));
    assert_eq!(summary.live_site, needs_the_server.iter().cloned().collect::<Vec<_>>());
    let manifest = read_manifest(&out).expect("manifest");
    assert_eq!((manifest.site.as_str(), manifest.origin.as_str()), ("sv", "http://sv.localhost"));
    assert_eq!(manifest.live_site_total, needs_the_server.len() as u64);
    assert_eq!(manifest.live_site.len(), needs_the_server.len().min(100));
    assert!(manifest.live_site.iter().all(|address| needs_the_server.contains(address)));
    let lists: BTreeSet<&str> = needs_the_server.iter().filter_map(|a| a.split('?').next()).collect();
    let named: BTreeSet<&str> = manifest.live_site.iter().filter_map(|a| a.split('?').next()).collect();
    assert_eq!(named, lists, "the manifest names an address of each filtered list and feed");
    assert!(manifest.live_site_note.contains("point to the live site"), "{}", manifest.live_site_note);
    assert_eq!((manifest.files, manifest.links_checked), (summary.files, summary.links_checked));
    server.stop().await.expect("stop");
}

#[tokio::test]
async fn a_generated_corpus_spreads_over_sites_and_languages_and_needs_a_fresh_database() {
    for db in TestDb::each().await {
        let data = tempfile::tempdir().expect("data folder");
        let config = ServeConfig {
            data: data.path().to_path_buf(),
            database: Some(db.url().to_owned()),
            ..ServeConfig::default()
        };
        let options = portico::corpus::CorpusOptions { releases: 1_200, seed: 42 };
        let summary = portico::corpus::generate(&config, options).await.expect("generate");
        assert_eq!(summary.releases, 1_200);
        assert!(summary.variants > 1_300, "some releases are translated");
        let store = &db.store;
        let mut total = 0;
        for site in store.sites().await.expect("sites") {
            for language in &site.languages {
                let list = store
                    .published_releases(site.id, language, &Default::default(), 1, 1)
                    .await
                    .expect("list");
                total += list.total;
                if language == site.default_language() {
                    assert!(list.total > 50, "{} has releases in {language} ({})", site.key, store.backend());
                }
            }
        }
        assert!(total >= summary.variants as i64, "every generated language version is public");
        // The search index was built alongside the import, to its last change: a server
        // started on this folder neither rebuilds it nor indexes the import again.
        let variants = store.count_variants().await.expect("count");
        assert_eq!(summary.indexed, u64::try_from(variants).expect("count"), "{}", store.backend());
        assert!(summary.index_bytes > 0 && summary.largest_disk_bytes >= summary.index_bytes);
        let index = portico::indexer::open_index(data.path()).await.expect("index");
        assert_eq!(index.num_docs(), summary.indexed);
        assert_eq!(index.last_applied_change(), store.last_change_id().await.expect("position"));
        drop(index);
        let again = portico::corpus::generate(&config, options).await.expect_err("used database");
        assert!(again.to_string().contains("already has content"), "{again}");
    }
}
