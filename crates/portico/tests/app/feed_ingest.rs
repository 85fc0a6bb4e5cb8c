//! Feed ingest end to end: an administrator follows feeds in the back office, the feed job
//! fetches them from a real local publisher serving good and hostile feeds, and readers see
//! the items, sanitized and marked with their source, on `/en/news/elsewhere` — on SQLite and
//! PostgreSQL.

use crate::support;

use portico_content::Role;
use portico_ingest::testing::{FeedServer, GOOD_ETAG, GOOD_LAST_MODIFIED};
use portico_ingest::{Ingester, Settings};
use portico_store::{AuditFilter, FeedId, FetchStatus};
use scraper::{Html, Selector};
use support::{Session, TestApp, attrs, text, texts};

/// An administrator's session.
async fn admin(app: &TestApp) -> Session {
    app.login(&app.user("feeds-admin@example.org", Role::Admin, &[]).await).await
}

/// Follows `url` as `name` on the global site through the back-office form.
async fn follow(session: &Session, url: &str, name: &str, categories: &str) {
    let response = session
        .post(
            "/admin/feeds",
            &[
                ("site", "global"),
                ("url", url),
                ("title", name),
                ("keywords", ""),
                ("categories", categories),
                ("every", "60"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303, "following {url}");
    let location = response.headers()["location"].to_str().expect("location").to_owned();
    assert_eq!(location, "/admin/feeds?notice=feed_added");
}

/// The id of the subscription to `url`, as the back office lists it.
async fn feed_id(session: &Session, url: &str) -> i64 {
    let html = session.page("/admin/feeds", 200).await;
    let ids = attrs(&html, &format!("tr[data-feed-url='{url}']"), "id");
    let id = ids.first().unwrap_or_else(|| panic!("{url} is listed"));
    id.trim_start_matches("feed-").parse().expect("numeric id")
}

/// One pass of the background feed job over the server's database: what runs every minute.
async fn run_feed_job(app: &TestApp) {
    let settings = Settings { allow_loopback: true, ..Settings::default() };
    Ingester::new(app.server.store.clone(), settings).refresh_due().await.expect("the feed job runs");
}

/// The cards of `/en/news/elsewhere` (or another page of it): (source, title, link, date).
fn cards(html: &Html) -> Vec<(String, String, Option<String>, String)> {
    let card = Selector::parse("article.elsewhere-card").expect("selector");
    let pick = |s: &str| Selector::parse(s).expect("selector");
    html.select(&card)
        .map(|c| {
            let text_of = |s: &str| {
                c.select(&pick(s))
                    .next()
                    .map(|e| e.text().collect::<String>().trim().to_owned())
                    .unwrap_or_default()
            };
            let link = c
                .select(&pick(".card-title a"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .map(str::to_owned);
            let date = c
                .select(&pick("time"))
                .next()
                .and_then(|t| t.value().attr("datetime"))
                .unwrap_or("")
                .to_owned();
            (text_of(".source"), text_of(".card-title"), link, date)
        })
        .collect()
}

#[tokio::test]
async fn admins_follow_feeds_and_editors_may_not() {
    let publisher = FeedServer::start().await;
    for app in TestApp::each().await {
        let backend = app.backend();
        let session = admin(&app).await;
        let page = session.page("/admin/feeds", 200).await;
        assert!(texts(&page, ".admin-nav a").contains(&"Feeds".to_owned()), "{backend}");
        assert!(!text(&page, "#site-global-h").is_empty(), "each site has its section");

        let url = publisher.url("/good.rss");
        follow(&session, &url, "Partner News", "").await;
        let page = session.page("/admin/feeds?notice=feed_added", 200).await;
        assert!(text(&page, ".notice").starts_with("The feed was added"));
        assert_eq!(texts(&page, "table.feeds code"), vec![url.clone()]);
        assert_eq!(text(&page, ".feed-status"), "not fetched yet");

        // What the form refuses, and says why.
        let refusals = [
            ("ftp://partner.example.org/feed", "", "neither http nor https"),
            ("http://10.0.0.1/feed.rss", "", "private"),
            ("http://169.254.169.254/latest/meta-data/", "", "link-local"),
            (url.as_str(), "", "already follows"),
            ("https://partner.example.org/feed", "3", "Fetch every 5 to"),
        ];
        for (bad_url, every, message) in refusals {
            let response = session
                .post(
                    "/admin/feeds",
                    &[("site", "global"), ("url", bad_url), ("title", ""), ("every", every)],
                )
                .await;
            assert_eq!(response.status().as_u16(), 422, "{bad_url} on {backend}");
            let html = Html::parse_document(&response.text().await.expect("body"));
            assert!(
                text(&html, ".error-summary").contains(message),
                "{bad_url}: {}",
                text(&html, ".error-summary")
            );
        }
        let unknown_site = session
            .post("/admin/feeds", &[("site", "nowhere"), ("url", "https://partner.example.org/x")])
            .await;
        assert_eq!(unknown_site.status().as_u16(), 422);

        // No form without its token.
        let forged = session
            .client
            .post(app.url("/admin/feeds"))
            .header("origin", app.server.url())
            .form(&[("site", "global"), ("url", "https://partner.example.org/other")])
            .send()
            .await
            .expect("request");
        assert_eq!(forged.status().as_u16(), 403);

        // An editor may not see or touch feeds.
        let id = feed_id(&session, &url).await;
        let editor = app.login(&app.user("feeds-editor@example.org", Role::Editor, &["global"]).await).await;
        let editor_page = editor.page("/admin", 200).await;
        assert!(!texts(&editor_page, ".admin-nav a").contains(&"Feeds".to_owned()));
        assert_eq!(editor.get("/admin/feeds").await.status().as_u16(), 403, "{backend}");
        let attempts = [
            ("/admin/feeds".to_owned(), vec![("site", "global"), ("url", "https://partner.example.org/e")]),
            (format!("/admin/feeds/{id}/fetch"), vec![]),
            (format!("/admin/feeds/{id}/enabled"), vec![("enabled", "false")]),
            (format!("/admin/feeds/{id}/delete"), vec![]),
        ];
        for (path, fields) in &attempts {
            assert_eq!(editor.post(path, fields).await.status().as_u16(), 403, "{path} as an editor");
        }
        assert_eq!(app.server.store.feed_subscriptions().await.expect("feeds").len(), 1);
        assert_eq!(publisher.requests("/good.rss").len(), 0, "nothing was fetched on {backend}");
        assert_eq!(session.post("/admin/feeds/999999/fetch", &[]).await.status().as_u16(), 404);

        let filter = AuditFilter { action: Some("feed.".into()), ..AuditFilter::default() };
        let audit = app.server.store.audit_records(&filter, 10).await.expect("audit");
        assert_eq!(audit.len(), 1);
        assert_eq!((audit[0].action.as_str(), audit[0].detail.as_str()), ("feed.create", url.as_str()));
    }
}

#[tokio::test]
async fn one_run_ingests_the_good_feeds_and_records_why_the_bad_ones_failed() {
    let publisher = FeedServer::start().await;
    let feeds = [
        ("/good.rss", "Partner News"),
        ("/good.atom", "IOM El Salvador"),
        ("/hostile.rss", "Hostile Source"),
        ("/bomb.xml", "Laughing Source"),
        ("/dates.rss", "Dateless Source"),
        ("/latin1.rss", "Geneva Office"),
        ("/huge.xml", "Huge Source"),
        ("/wrong-encoding.rss", "Mislabelled Source"),
        ("/to-metadata", "Metadata Redirect"),
        ("/to-private", "Private Redirect"),
    ];
    for app in TestApp::each().await {
        let backend = app.backend();
        let session = admin(&app).await;
        for (path, name) in feeds {
            follow(&session, &publisher.url(path), name, "").await;
        }
        run_feed_job(&app).await;

        // The back office shows each feed's last fetch; the bad ones with their reason.
        let admin_page = session.page("/admin/feeds", 200).await;
        let failures = [
            ("/huge.xml", "larger than"),
            ("/wrong-encoding.rss", "cannot decode input using UTF-8"),
            ("/to-metadata", "169.254.169.254, a link-local address"),
            ("/to-private", "10.0.0.1, a private address"),
        ];
        for (path, reason) in failures {
            let row = format!("tr[data-feed-url='{}']", publisher.url(path));
            assert_eq!(text(&admin_page, &format!("{row} .feed-status")), "failed", "{path} on {backend}");
            let error = text(&admin_page, &format!("{row} .feed-error"));
            assert!(error.contains(reason), "{path}: {error}");
        }
        for (path, _) in &feeds[..6] {
            let row = format!("tr[data-feed-url='{}']", publisher.url(path));
            assert_eq!(text(&admin_page, &format!("{row} .feed-status")), "ok", "{path} on {backend}");
            assert_eq!(text(&admin_page, &format!("{row} .feed-error")), "", "{path}");
        }

        // Readers see the good feeds' items, newest first, each marked with its source.
        let html = app.page("/en/news/elsewhere", 200).await;
        let items = cards(&html);
        // good.rss 3, good.atom 2, hostile 2, bomb 1, dates 5, latin1 1.
        assert_eq!(items.len(), 14, "{backend}: {items:?}");
        let named: Vec<&str> = feeds[..6].iter().map(|(_, name)| *name).collect();
        for (source, title, link, _) in &items {
            assert!(named.contains(&source.as_str()), "{title} is marked with a known source: {source}");
            if let Some(link) = link {
                assert!(link.starts_with("https://"), "{title} links to its origin: {link}");
            }
        }
        let dates: Vec<&str> = items.iter().map(|(_, _, _, date)| date.as_str()).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "newest first on {backend}");
        let find = |wanted: &str| {
            items
                .iter()
                .find(|(_, title, _, _)| title == wanted)
                .unwrap_or_else(|| panic!("{wanted} is listed"))
        };
        assert_eq!(find("Café à Genève").0, "Geneva Office", "ISO-8859-1 decoded");
        assert_eq!(
            find("Families return to San Salvador").2.as_deref(),
            Some("https://sv.portico.example/en/news/families-return")
        );
        assert_eq!(find("Breaking news").2, None, "a javascript: link is not linked");
        assert!(items.iter().any(|(source, title, _, _)| source == "Laughing Source" && title.len() < 40));

        // Unusable dates became the time of the fetch.
        let dates_feed = app
            .server
            .store
            .feed_subscriptions()
            .await
            .expect("feeds")
            .into_iter()
            .find(|f| f.url == publisher.url("/dates.rss"))
            .expect("dates feed");
        let fetched_on = dates_feed.last_fetched_at.expect("fetched").date().to_string();
        for undated in ["Undated item", "Nonsense date", "Impossible date", "Far future date"] {
            assert_eq!(find(undated).3, fetched_on, "{undated} on {backend}");
        }
        assert_eq!(find("Well dated").3, "2026-02-01");

        // Nothing executable and no third-party image reached the page.
        let list = Selector::parse(".elsewhere-list *").expect("selector");
        for element in html.select(&list) {
            let name = element.value().name();
            assert!(
                !["script", "iframe", "style", "img", "svg", "form", "input"].contains(&name),
                "<{name}> survived"
            );
            for (attribute, value) in element.value().attrs() {
                assert!(!attribute.starts_with("on"), "{attribute} survived on <{name}>");
                assert!(!value.to_ascii_lowercase().contains("javascript:"), "{attribute}={value} survived");
            }
        }
        for rel in attrs(&html, ".elsewhere-card .card-title a", "rel") {
            assert_eq!(rel, "noopener nofollow");
        }
        let summary = Selector::parse(".elsewhere-card .card-summary").expect("selector");
        let flood = html
            .select(&summary)
            .map(|s| s.inner_html())
            .find(|s| s.contains("arrived"))
            .expect("the flood item's summary");
        assert!(flood.contains("<b>arrived</b>"), "harmless markup stays: {flood}");
        assert!(flood.contains("href=\"https://partner.example.org/regions/north\""), "{flood}");
    }
}

#[tokio::test]
async fn fetch_now_sends_validators_keeps_items_unique_and_answers_to_pause_and_removal() {
    for app in TestApp::each().await {
        let backend = app.backend();
        // A publisher of its own per database, so its request log is this server's alone.
        let publisher = FeedServer::start().await;
        let session = admin(&app).await;
        let (rss, atom, filtered) =
            (publisher.url("/good.rss"), publisher.url("/good.atom"), publisher.url("/good.rss?emergencies"));
        follow(&session, &rss, "Partner News", "").await;
        follow(&session, &atom, "", "").await;
        follow(&session, &filtered, "Partner Emergencies", "Emergencies").await;
        let (rss_id, atom_id, filtered_id) = (
            feed_id(&session, &rss).await,
            feed_id(&session, &atom).await,
            feed_id(&session, &filtered).await,
        );

        let fetch = |id: i64| {
            let session = &session;
            async move {
                let response = session.post(&format!("/admin/feeds/{id}/fetch"), &[]).await;
                assert_eq!(response.status().as_u16(), 303);
                response.headers()["location"].to_str().expect("location").to_owned()
            }
        };
        assert_eq!(fetch(rss_id).await, "/admin/feeds?notice=feed_fetched", "{backend}");
        assert_eq!(fetch(rss_id).await, "/admin/feeds?notice=feed_not_modified", "{backend}");
        let seen = publisher.requests("/good.rss");
        assert!(seen.len() >= 2);
        assert_eq!(seen[0].if_none_match, None);
        for later in &seen[1..] {
            assert_eq!(later.if_none_match.as_deref(), Some(GOOD_ETAG), "{backend}");
            assert_eq!(later.if_modified_since.as_deref(), Some(GOOD_LAST_MODIFIED), "{backend}");
        }
        let page = session.page("/admin/feeds", 200).await;
        let row = format!("tr#feed-{rss_id}");
        assert_eq!(text(&page, &format!("{row} .feed-status")), "ok (not modified)");

        // A feed without validators is read in full each time; its items are stored once.
        fetch(atom_id).await;
        fetch(atom_id).await;
        fetch(filtered_id).await;
        let html = app.page("/en/news/elsewhere", 200).await;
        let items = cards(&html);
        let from = |source: &str| items.iter().filter(|(s, _, _, _)| s == source).count();
        assert_eq!(from("Partner News"), 3, "{backend}: {items:?}");
        assert_eq!(from("IOM El Salvador"), 2, "an unnamed source takes the feed's title");
        assert_eq!(from("Partner Emergencies"), 1, "only the category asked for");

        // Paused: hidden; resumed: back; removed: gone with its items.
        let pause = session.post(&format!("/admin/feeds/{rss_id}/enabled"), &[("enabled", "false")]).await;
        assert_eq!(pause.status().as_u16(), 303);
        let items = cards(&app.page("/en/news/elsewhere", 200).await);
        assert!(!items.iter().any(|(s, _, _, _)| s == "Partner News"), "{backend}");
        assert_eq!(text(&session.page("/admin/feeds", 200).await, &format!("{row} .feed-status")), "paused");
        let bad = session.post(&format!("/admin/feeds/{rss_id}/enabled"), &[("enabled", "maybe")]).await;
        assert_eq!(bad.status().as_u16(), 400);
        session.post(&format!("/admin/feeds/{rss_id}/enabled"), &[("enabled", "true")]).await;
        assert_eq!(cards(&app.page("/en/news/elsewhere", 200).await).len(), 6);
        let removed = session.post(&format!("/admin/feeds/{atom_id}/delete"), &[]).await;
        assert_eq!(removed.status().as_u16(), 303);
        let items = cards(&app.page("/en/news/elsewhere", 200).await);
        assert!(!items.iter().any(|(s, _, _, _)| s == "IOM El Salvador"));
        assert!(app.server.store.feed_subscription(FeedId(atom_id)).await.expect("read").is_none());
        let stored = app.server.store.feed_subscription(FeedId(rss_id)).await.expect("read").expect("kept");
        assert_eq!(stored.last_status, FetchStatus::NotModified);

        let filter = AuditFilter { action: Some("feed.".into()), ..AuditFilter::default() };
        let mut actions: Vec<String> = app
            .server
            .store
            .audit_records(&filter, 50)
            .await
            .expect("audit")
            .into_iter()
            .map(|r| r.action)
            .collect();
        actions.sort();
        actions.dedup();
        assert_eq!(actions, ["feed.create", "feed.delete", "feed.disable", "feed.enable", "feed.fetch"]);
    }
}

#[tokio::test]
async fn news_from_elsewhere_comes_twenty_a_page() {
    let publisher = FeedServer::start().await;
    for app in TestApp::each().await {
        let backend = app.backend();
        let session = admin(&app).await;
        let empty = app.page("/en/news/elsewhere", 200).await;
        assert_eq!(text(&empty, ".empty"), "Nothing from elsewhere yet.");
        assert!(cards(&empty).is_empty());
        // Following and fetching go through the back office, so the list is fresh at once.
        follow(&session, &publisher.url("/many.rss"), "Many Things", "").await;
        let id = feed_id(&session, &publisher.url("/many.rss")).await;
        session.post(&format!("/admin/feeds/{id}/fetch"), &[]).await;

        let first = app.page("/en/news/elsewhere", 200).await;
        let items = cards(&first);
        assert_eq!(items.len(), 20, "{backend}");
        assert_eq!(items[0].1, "Item number 0");
        assert_eq!(attrs(&first, ".pagination a[rel=next]", "href"), vec!["/en/news/elsewhere?page=2"]);
        assert!(attrs(&first, ".pagination a[rel=prev]", "href").is_empty());
        let second = app.page("/en/news/elsewhere?page=2", 200).await;
        let items = cards(&second);
        assert_eq!(items.len(), 5);
        assert_eq!(items[4].1, "Item number 24");
        assert_eq!(attrs(&second, ".pagination a[rel=prev]", "href"), vec!["/en/news/elsewhere"]);
        app.page("/en/news/elsewhere?page=3", 404).await;
        let bad = app.page("/en/news/elsewhere?page=abc", 400).await;
        assert!(text(&bad, "main").contains("not a page number"), "{backend}");
        app.page("/xx/news/elsewhere", 404).await;
    }
}

#[tokio::test]
async fn a_stopping_server_cuts_its_feed_fetch_short_and_hands_the_feed_back() {
    let publisher = FeedServer::start().await;
    for db in portico_store::testing::TestDb::each().await {
        portico::demo::load(
            &db.store,
            &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
        )
        .await
        .expect("demo content");
        let site = db.store.site_by_key("global").await.expect("site").expect("global site");
        // A publisher that takes minutes to answer: the server's first round is still on it
        // when the server stops.
        let path = format!("/slow.rss?{}", db.store.backend());
        let new = portico_store::NewFeedSubscription {
            site: site.id,
            url: publisher.url(&path),
            title: "Slow".into(),
            keywords: vec![],
            categories: vec![],
            fetch_interval_minutes: 60,
        };
        let audit = portico_store::Audit::system("test", "feed.create");
        let feed = db.store.create_feed_subscription(&new, &audit).await.expect("subscription");
        let app = TestApp::on(db).await;
        let store = app.server.store.clone();
        let mut holder = None;
        // Until the fetch is under way: the lease taken, and the request at the publisher (a
        // busy machine can take a while between the two).
        for _ in 0..1200 {
            holder = store.feed_lease(feed).await.expect("lease").map(|(holder, _)| holder);
            if holder.is_some() && !publisher.requests(&path).is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(holder.as_deref(), Some(portico_ingest::process_holder()), "{}", store.backend());

        let TestApp { server, db, .. } = app;
        server.stop().await.expect("stop");
        assert_eq!(
            db.store.feed_lease(feed).await.expect("lease"),
            None,
            "handed back on {}",
            db.store.backend()
        );
        assert_eq!(publisher.requests(&path).len(), 1);
        let after = db.store.feed_subscription(feed).await.expect("read").expect("exists");
        assert_eq!(after.last_status, FetchStatus::Never, "the cut fetch recorded nothing");
    }
}
