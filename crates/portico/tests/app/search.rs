//! Search as a reader meets it at `/{lang}/search`, on SQLite and PostgreSQL: the demo content
//! ranked with highlighted snippets and facet counts that agree with the store; the index
//! following publish, edit and unpublish; catching up after the server was down; and
//! `portico reindex`.

use crate::support;

use std::path::Path;
use std::time::Duration;

use portico::server::{ServeConfig, Server, start};
use portico_content::{DocumentId, Draft, Kind, SiteId, Status};
use portico_search::{IndexDoc, SearchIndex};
use portico_store::{NewDocument, ReleaseFilter, Store};
use scraper::Html;
use support::{TestApp, attrs, text, texts};

/// How long a test waits for the index to show a change: the promise is a second.
const FOLLOW_WAIT: Duration = Duration::from_secs(5);
/// How long a test waits for a freshly started server's first index build.
const FIRST_BUILD_WAIT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(100);

/// GETs `path` until `done` holds for the parsed page or `wait` has passed; returns the last
/// page, on which the caller asserts.
async fn poll_page(base: &str, path: &str, wait: Duration, done: impl Fn(&Html) -> bool) -> Html {
    let client = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let response = client.get(format!("{base}{path}")).send().await.expect("request");
        assert_eq!(response.status().as_u16(), 200, "GET {path}");
        let html = Html::parse_document(&response.text().await.expect("body"));
        if done(&html) || tokio::time::Instant::now() >= deadline {
            return html;
        }
        tokio::time::sleep(POLL).await;
    }
}

fn hit_titles(html: &Html) -> Vec<String> {
    texts(html, ".search-hit .card-title")
}

/// The number of results an English page announces ("31 results · page 1 of 2" → 31).
fn total(html: &Html) -> usize {
    let line = text(html, ".search-total");
    if line.starts_with("No results") {
        return 0;
    }
    line.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a total in {line:?}"))
}

/// The count shown beside a facet value, found by the value's link parameter.
fn facet_count(html: &Html, param: &str, value: &str) -> Option<u64> {
    let selector = scraper::Selector::parse(&format!(".facet-{param} a.facet-value")).expect("selector");
    let count = scraper::Selector::parse(".count").expect("selector");
    html.select(&selector)
        .find(|a| {
            let href = a.value().attr("href").unwrap_or_default();
            href.split(['?', '&']).any(|pair| pair == format!("{param}={value}"))
        })
        .and_then(|a| a.select(&count).next())
        .and_then(|c| c.text().collect::<String>().trim().parse().ok())
}

/// Waits until the server's first index build is searchable.
async fn indexed(base: &str) {
    let html =
        poll_page(base, "/en/search?kind=release", FIRST_BUILD_WAIT, |h| !hit_titles(h).is_empty()).await;
    assert!(!hit_titles(&html).is_empty(), "the demo content was indexed");
}

/// A published release in `language` on `site`, written straight to the store.
async fn publish_release(store: &Store, site: SiteId, language: &str, title: &str, body: &str) -> DocumentId {
    let draft = Draft {
        title: title.to_owned(),
        slug: portico_content::slugify(title),
        summary: String::new(),
        body_markdown: body.to_owned(),
        countries: vec!["SV".to_owned()],
        published_at: Some(portico_store::now()),
        ..Draft::default()
    };
    let new = NewDocument {
        site,
        kind: Kind::Release,
        language: language.to_owned(),
        draft,
        status: Status::Published,
        author: None,
    };
    store
        .create_document(&new, &portico_store::Audit::system("test", "document.create"))
        .await
        .expect("release")
        .0
}

async fn site_id(store: &Store, key: &str) -> SiteId {
    store.site_by_key(key).await.expect("site").expect("known site").id
}

#[tokio::test]
async fn demo_content_is_ranked_highlighted_and_faceted_like_the_store_says() {
    for app in TestApp::each().await {
        let base = app.server.url();
        indexed(&base).await;
        let backend = app.backend();

        let html = app.page("/en/search?q=migrants", 200).await;
        assert!(total(&html) > 0, "migrants finds releases on {backend}");
        let marked: Vec<String> =
            texts(&html, ".search-hit mark").into_iter().map(|m| m.to_lowercase()).collect();
        assert!(marked.iter().all(|m| m.starts_with("migrant")), "only matches are marked: {marked:?}");
        let links = attrs(&html, ".search-hit .card-title a", "href");
        assert!(links.iter().any(|l| l.starts_with("/en/news/")), "releases link to the news: {links:?}");

        let html = app.page("/en/search?q=Geneva&kind=page&language=en", 200).await;
        let links = attrs(&html, ".search-hit .card-title a", "href");
        assert!(links.contains(&"/en/who-we-are".to_owned()), "a page is found by its body: {links:?}");

        // Facet counts agree with the news list's filters over the same releases.
        let global = site_id(&app.server.store, "global").await;
        let in_store =
            |country: &str| ReleaseFilter { country: Some(country.to_owned()), ..ReleaseFilter::default() };
        let store_sv =
            app.server.store.published_releases(global, "en", &in_store("SV"), 1, 1).await.expect("list");
        let all = app
            .server
            .store
            .published_releases(global, "en", &ReleaseFilter::default(), 1, 1)
            .await
            .expect("list");
        let html = app.page("/en/search?kind=release&language=en", 200).await;
        assert_eq!(total(&html) as i64, all.total, "every English release is listed on {backend}");
        assert_eq!(facet_count(&html, "country", "sv"), Some(store_sv.total as u64), "SV count on {backend}");

        // A facet narrows the words' results, and each hit then has the country.
        let words = total(&app.page("/en/search?q=migrants&language=en", 200).await);
        let html = app.page("/en/search?q=migrants&language=en&country=sv", 200).await;
        let narrowed = total(&html);
        assert!(narrowed > 0 && narrowed < words, "{narrowed} of {words} on {backend}");
        for tags in texts(&html, ".search-hit .tags") {
            assert!(tags.contains("El Salvador"), "{tags}");
        }
        let selected = attrs(&html, ".facet-country a.is-selected", "href");
        assert_eq!(selected.len(), 1, "El Salvador is shown selected");
        assert!(!selected[0].contains("country=sv"), "its link removes it: {}", selected[0]);
        assert_eq!(texts(&html, ".active-filters li").len(), 2, "language and country are active filters");

        // Several values of one facet widen the search.
        let either = total(&app.page("/en/search?q=migrants&language=en&country=sv&country=ne", 200).await);
        assert!(either > narrowed, "SV or NE: {either} > {narrowed}");

        // Pagination: 20 a page, the rest on the next, no hit twice.
        let first = app.page("/en/search?kind=release&language=en", 200).await;
        let next = attrs(&first, ".pagination a[rel=next]", "href");
        assert_eq!(next, ["/en/search?kind=release&language=en&page=2"], "on {backend}");
        let second = app.page(&next[0], 200).await;
        let (one, two) = (
            attrs(&first, ".search-hit .card-title a", "href"),
            attrs(&second, ".search-hit .card-title a", "href"),
        );
        assert_eq!(one.len(), 20);
        assert_eq!(one.len() + two.len(), total(&first));
        assert!(two.iter().all(|link| !one.contains(link)), "page 2 holds other releases");
        app.page("/en/search?kind=release&language=en&page=40", 404).await;

        // No words and no filters: the form, no results.
        let html = app.page("/en/search", 200).await;
        assert_eq!(attrs(&html, "main form[role=search] input[name=q]", "value"), [""]);
        assert!(hit_titles(&html).is_empty() && text(&html, ".no-results").is_empty());
        let html = app.page("/en/search?q=qwxzvbnmplk", 200).await;
        assert_eq!(total(&html), 0);
        assert!(text(&html, ".no-results").contains("Nothing matched"), "a friendly message");

        // Every page offers the search box.
        let home = app.page("/en/", 200).await;
        assert_eq!(attrs(&home, "header form[role=search]", "action"), ["/en/search"]);
        assert_eq!(attrs(&home, "header form[role=search] input", "name"), ["q"]);
    }
}

#[tokio::test]
async fn hostile_titles_and_queries_never_break_the_page() {
    for app in TestApp::each().await {
        let base = app.server.url();
        indexed(&base).await;
        let global = site_id(&app.server.store, "global").await;
        publish_release(
            &app.server.store,
            global,
            "en",
            "<script>alert('owned')</script> Hostile headline about migrants",
            "Nothing to see.",
        )
        .await;
        let html = poll_page(&base, "/en/search?q=hostile+headline", FOLLOW_WAIT, |h| total(h) == 1).await;
        assert_eq!(total(&html), 1, "the hostile release is found on {}", app.backend());
        let title = scraper::Selector::parse(".search-hit .card-title").expect("selector");
        let inner = html.select(&title).next().expect("hit").inner_html();
        assert!(inner.contains("&lt;script&gt;"), "escaped: {inner}");
        assert!(inner.contains("<mark>Hostile</mark>"), "highlighted: {inner}");
        let scripts = scraper::Selector::parse("main script").expect("selector");
        assert_eq!(html.select(&scripts).count(), 0, "no script element from a title");

        let long = "migrants ".repeat(1200);
        let long_query = format!("/en/search?q={}", long.replace(' ', "+"));
        let attempts = [
            "/en/search?q=%22unclosed",
            "/en/search?q=AND+OR+NOT",
            "/en/search?q=title:%28%28%5B*%3F~",
            long_query.as_str(),
            "/en/search?q=%01%02%1b%7f+migrants",
            "/en/search?q=%00",
            "/en/search?q=%FF%FE",
            "/en/search?q=migrants&country=zz",
            "/en/search?q=migrants&region=999",
            "/en/search?q=migrants&theme=%3Cscript%3E",
            "/en/search?q=migrants&kind=vacancy",
            "/en/search?q=migrants&year=15",
            "/en/search?q=migrants&language=xx",
            "/en/search?q=migrants&page=0",
            "/en/search?q=migrants&page=abc",
            "/en/search?q=migrants&page=999",
        ];
        for path in attempts {
            let response = app.get(path).await;
            let status = response.status().as_u16();
            let body = response.text().await.expect("body");
            let short = &path[..path.len().min(60)];
            assert!(matches!(status, 200 | 400 | 404), "{short} answered {status} on {}", app.backend());
            if status == 400 {
                let html = Html::parse_document(&body);
                assert!(!text(&html, "main .lead").is_empty(), "{short}: a message says what is wrong");
            }
        }
        let html = app.page(&long_query, 200).await;
        assert!(total(&html) > 0, "a long query still searches its start");
        assert!(text(&html, ".search-notice").contains("500 characters"), "and says it was cut");
        assert_eq!(app.get("/en/search?q=%22unclosed").await.status().as_u16(), 200);
        let html = app.page("/en/search?country=zz", 400).await;
        assert!(
            text(&html, "main .lead").contains("“zz” is not a country code"),
            "a message names the value"
        );
        let html = app.page("/en/search?kind=poem", 400).await;
        assert!(
            text(&html, "main .lead").contains("Use one of: page, release, vacancy, publication"),
            "a message names every kind: {}",
            text(&html, "main .lead")
        );
    }
}

#[tokio::test]
async fn search_follows_publish_edit_and_unpublish() {
    for app in TestApp::each().await {
        let base = app.server.url();
        indexed(&base).await;
        let store = &app.server.store;
        let global = site_id(store, "global").await;
        let document = publish_release(
            store,
            global,
            "en",
            "Quokka census volunteers count migrants on Rottnest",
            "Volunteers walked the island.",
        )
        .await;
        let search = "/en/search?q=quokka";
        let html = poll_page(&base, search, FOLLOW_WAIT, |h| total(h) == 1).await;
        assert_eq!(
            hit_titles(&html),
            ["Quokka census volunteers count migrants on Rottnest"],
            "published on {}",
            app.backend()
        );

        let editable = store.editable_variant(document, Some("en")).await.expect("read").expect("variant");
        let mut draft = editable.draft.clone();
        draft.title = "Quokka census finds more families than expected".to_owned();
        store
            .update_document(
                document,
                "en",
                editable.revision,
                &draft,
                &portico_store::Audit::system("test", "document.save"),
            )
            .await
            .expect("edit");
        let html = poll_page(&base, search, FOLLOW_WAIT, |h| {
            hit_titles(h) == ["Quokka census finds more families than expected"]
        })
        .await;
        assert_eq!(hit_titles(&html), ["Quokka census finds more families than expected"], "edited");
        assert_eq!(total(&app.page("/en/search?q=Rottnest", 200).await), 0, "the old title is gone");

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
        let html = poll_page(&base, search, FOLLOW_WAIT, |h| total(h) == 0).await;
        assert_eq!(total(&html), 0, "unpublished on {}", app.backend());
    }
}

#[tokio::test]
async fn words_are_found_in_their_other_forms_in_spanish_french_and_english() {
    let sites: &[(&str, &[&str], &str)] = &[("hn", &["es", "en"], "HN"), ("ci", &["fr", "en"], "CI")];
    for app in TestApp::each_with_sites(sites).await {
        let base = app.server.url();
        indexed(&base).await;
        let store = &app.server.store;
        let (honduras, ivory_coast) = (site_id(store, "hn").await, site_id(store, "ci").await);
        publish_release(
            store,
            honduras,
            "es",
            "Apoyo a un niño migrante en Choluteca",
            "Un programa de acogida.",
        )
        .await;
        publish_release(store, honduras, "en", "A migrant family rebuilds in Choluteca", "A new home.").await;
        publish_release(
            store,
            ivory_coast,
            "fr",
            "Abidjan relève la cote d'alerte des migrations",
            "Un suivi renforcé.",
        )
        .await;
        publish_release(
            store,
            ivory_coast,
            "fr",
            "Retour volontaire en Côte d'Ivoire",
            "Des familles rentrent.",
        )
        .await;

        let html =
            poll_page(&base, "/sites/hn/es/search?q=niños", FOLLOW_WAIT, |h| hit_titles(h).len() == 1).await;
        assert_eq!(
            hit_titles(&html),
            ["Apoyo a un niño migrante en Choluteca"],
            "niños finds niño on {}",
            app.backend()
        );
        assert_eq!(texts(&html, ".search-hit mark"), ["niño"]);
        let links = attrs(&html, ".search-hit .card-title a", "href");
        let slug = portico_content::slugify("Apoyo a un niño migrante en Choluteca");
        assert_eq!(links, [format!("/sites/hn/es/news/{slug}")], "a hit links to its page on the site");

        let html = poll_page(&base, "/sites/hn/en/search?q=migrants&language=en", FOLLOW_WAIT, |h| {
            hit_titles(h).len() == 1
        })
        .await;
        assert_eq!(hit_titles(&html), ["A migrant family rebuilds in Choluteca"], "migrants finds migrant");

        // From the English page, a Spanish hit links to its own language and says so.
        let html = app.page("/sites/hn/en/search?q=Choluteca", 200).await;
        assert_eq!(hit_titles(&html).len(), 2, "both languages by default");
        assert_eq!(attrs(&html, ".search-hit[lang=es] .card-title a", "href").len(), 1);
        assert_eq!(facet_count(&html, "language", "es"), Some(1));
        assert_eq!(hit_titles(&app.page("/sites/hn/en/search?q=Choluteca&language=en", 200).await).len(), 1);

        let html =
            poll_page(&base, "/sites/ci/fr/search?q=Côte", FOLLOW_WAIT, |h| hit_titles(h).len() == 2).await;
        let mut titles = hit_titles(&html);
        titles.sort();
        assert_eq!(
            titles,
            ["Abidjan relève la cote d'alerte des migrations", "Retour volontaire en Côte d'Ivoire"],
            "Côte finds cote, and itself"
        );
        assert_eq!(
            hit_titles(&app.page("/sites/ci/fr/search?q=cote", 200).await).len(),
            2,
            "cote finds Côte"
        );
        assert_eq!(
            total(&app.page("/en/search?q=Choluteca", 200).await),
            0,
            "other sites' content stays there"
        );
    }
}

/// A server over `db` with its data in `data`, the same way on every start.
fn config(db_url: &str, data: &Path) -> ServeConfig {
    ServeConfig {
        listen: "127.0.0.1:0".into(),
        data: data.to_path_buf(),
        database: Some(db_url.to_owned()),
        media: None,
        theme: None,
        schedule_every: Duration::from_millis(500),
        allow_loopback_feeds: true,
        fallback_site: Some("global".into()),
        demo: true,
    }
}

/// Puts a document the store does not know into a stopped server's index, keeping its
/// position: it survives a catch-up and disappears in a rebuild.
fn plant_marker(data: &Path, site: SiteId) -> Option<i64> {
    let index = SearchIndex::open(&data.join("search")).expect("index");
    let position = index.last_applied_change();
    index
        .upsert(&IndexDoc {
            variant_id: 987_654_321,
            document_id: 987_654_321,
            site_id: site.0,
            language: "en".into(),
            kind: "release".into(),
            slug: "planted".into(),
            title: "Planted xylophonist marker".into(),
            ..IndexDoc::default()
        })
        .expect("plant");
    index.commit(position.expect("a position")).expect("commit");
    position
}

/// The index of a data folder as a reader opens it: (documents, last applied change).
fn index_state(data: &Path) -> (u64, Option<i64>) {
    let index = SearchIndex::open(&data.join("search")).expect("index");
    (index.num_docs(), index.last_applied_change())
}

#[tokio::test]
async fn a_restarted_server_catches_up_from_the_last_change_it_applied() {
    for db in portico_store::testing::TestDb::each().await {
        let data = tempfile::tempdir().expect("data");
        let config = config(db.url(), data.path());
        let server: Server = start(&config).await.expect("server starts");
        indexed(&server.url()).await;
        let store = &db.store;
        let global = site_id(store, "global").await;
        let demo =
            store.published_releases(global, "en", &ReleaseFilter::default(), 1, 1).await.expect("list");
        let gone = &demo.items[0];
        let quoted = format!("/en/search?q=%22{}%22", encode(&gone.title));
        assert!(
            hit_titles(&app_page(&server.url(), &quoted).await).contains(&gone.title),
            "found while published"
        );
        server.stop().await.expect("stops");

        // While it is down: a release is published, a demo release unpublished.
        let document = publish_release(
            store,
            global,
            "en",
            "Wombat shelters open for displaced families",
            "Written offline.",
        )
        .await;
        store
            .set_status(
                gone.id,
                "en",
                Status::Published,
                Status::Draft,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("unpublish");
        let before = plant_marker(data.path(), global);

        let server = start(&config).await.expect("server restarts");
        let base = server.url();
        let html = poll_page(&base, "/en/search?q=wombat", FOLLOW_WAIT, |h| total(h) == 1).await;
        assert_eq!(
            hit_titles(&html),
            ["Wombat shelters open for displaced families"],
            "on {}",
            store.backend()
        );
        // The same commit applied both changes, so the unpublished release is gone by now.
        let html = app_page(&base, &quoted).await;
        assert!(!hit_titles(&html).contains(&gone.title), "the unpublished release left the index");
        assert_eq!(
            total(&app_page(&base, "/en/search?q=xylophonist").await),
            1,
            "no rebuild: the marker stayed"
        );

        let (documents, position) = index_state(data.path());
        let variants = store.count_variants().await.expect("count") as u64;
        assert_eq!(documents, variants + 1, "the store's variants and the marker");
        assert_eq!(position, store.last_change_id().await.expect("last"), "caught up to the last change");
        assert!(position > before, "past where it stopped");
        assert!(store.indexable_variants(document).await.expect("variants")[0].visible);
        server.stop().await.expect("stops");
    }
}

/// Percent-encodes text for a query string.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// One GET of a page that must answer 200.
async fn app_page(base: &str, path: &str) -> Html {
    poll_page(base, path, Duration::ZERO, |_| true).await
}

const PORTICO: &str = env!("CARGO_BIN_EXE_portico");

fn reindex(db_url: &str, data: &Path) -> std::process::Output {
    std::process::Command::new(PORTICO)
        .arg("reindex")
        .arg("--data")
        .arg(data)
        .arg("--database")
        .arg(db_url)
        .env_remove("PORTICO_DATA")
        .env_remove("PORTICO_DATABASE")
        .output()
        .expect("run portico reindex")
}

#[tokio::test]
async fn reindex_rebuilds_the_index_and_refuses_while_a_server_holds_it() {
    for db in portico_store::testing::TestDb::each().await {
        let data = tempfile::tempdir().expect("data");
        let config = config(db.url(), data.path());
        let server = start(&config).await.expect("server starts");
        indexed(&server.url()).await;

        let refused = tokio::task::spawn_blocking({
            let (url, path) = (db.url().to_owned(), data.path().to_owned());
            move || reindex(&url, &path)
        })
        .await
        .expect("reindex");
        assert!(!refused.status.success(), "refused while the server runs on {}", db.store.backend());
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains("in use by a running Portico server"), "{stderr}");
        server.stop().await.expect("stops");

        let global = site_id(&db.store, "global").await;
        plant_marker(data.path(), global);
        let rebuilt = tokio::task::spawn_blocking({
            let (url, path) = (db.url().to_owned(), data.path().to_owned());
            move || reindex(&url, &path)
        })
        .await
        .expect("reindex");
        let stderr = String::from_utf8_lossy(&rebuilt.stderr);
        assert!(rebuilt.status.success(), "reindex succeeds once the server stopped: {stderr}");
        let (documents, position) = index_state(data.path());
        let variants = db.store.count_variants().await.expect("count") as u64;
        assert_eq!(documents, variants, "rebuilt from the store alone: the marker is gone");
        assert_eq!(position, db.store.last_change_id().await.expect("last"));
    }
}
