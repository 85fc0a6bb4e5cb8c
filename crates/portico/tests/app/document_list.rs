//! The back office's document list through a real server, on SQLite and PostgreSQL: a site
//! scope holds against any query string; filters, orders and pages; bad input is a 400 that
//! says why.

use crate::support;

use portico_content::{Draft, Kind, Role, Status};
use portico_store::{NewDocument, Store};
use scraper::Html;
use support::{Session, TestApp, attrs, text, texts};

/// A release straight in the store.
async fn release(store: &Store, site: &str, language: &str, title: &str, status: Status) {
    let site = store.site_by_key(site).await.expect("site").expect("known site").id;
    let draft = Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        published_at: (status == Status::Published).then(|| portico_store::now() - time::Duration::hours(1)),
        countries: vec!["SV".into()],
        ..Draft::default()
    };
    let new =
        NewDocument { site, kind: Kind::Release, language: language.into(), draft, status, author: None };
    store
        .create_document(&new, &portico_store::Audit::system("test", "document.create"))
        .await
        .expect("release");
}

/// A draft on `site` whose body says what its title does not.
async fn draft_with_body(store: &Store, site: &str, title: &str, body: &str) {
    let site = store.site_by_key(site).await.expect("site").expect("known site").id;
    let draft = Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        body_markdown: body.into(),
        ..Draft::default()
    };
    let new = NewDocument {
        site,
        kind: Kind::Release,
        language: "en".into(),
        draft,
        status: Status::Draft,
        author: None,
    };
    store
        .create_document(&new, &portico_store::Audit::system("test", "document.create"))
        .await
        .expect("draft");
}

/// `path` once `ready` holds of it (the index follows writes within moments), or as it is after
/// twenty seconds.
async fn poll(session: &Session, path: &str, ready: impl Fn(&Html) -> bool) -> Html {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let html = session.page(path, 200).await;
        if ready(&html) || std::time::Instant::now() > deadline {
            return html;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// The list's rows as (title, site, language, status) from the table.
fn rows(html: &Html) -> Vec<Vec<String>> {
    let row = scraper::Selector::parse("table.table tbody tr").expect("selector");
    let cell = scraper::Selector::parse("td").expect("selector");
    html.select(&row)
        .map(|tr| {
            tr.select(&cell)
                .map(|td| td.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .collect()
}

fn titles(html: &Html) -> Vec<String> {
    texts(html, "table.table tbody td:first-child")
}

/// A link of the pager (`rel` = next, prev, first), made relative to the server.
fn pager_link(html: &Html, rel: &str) -> Option<String> {
    attrs(html, &format!("nav.pager a[rel={rel}]"), "href")
        .into_iter()
        .next()
        .map(|h| h.replace("&amp;", "&"))
}

async fn status_and_body(session: &Session, path: &str) -> (u16, Html) {
    let response = session.get(path).await;
    let status = response.status().as_u16();
    (status, Html::parse_document(&response.text().await.expect("body")))
}

#[tokio::test]
async fn a_scoped_user_never_lists_another_sites_documents_whatever_the_query_string() {
    for app in TestApp::each_with_sites(&[("sv", &["es", "en"], "SV")]).await {
        let store = &app.server.store;
        release(store, "global", "en", "Global draft about El Salvador", Status::Draft).await;
        release(store, "sv", "es", "Borrador de la oficina", Status::Draft).await;
        let office = app.login(&app.user("sv@example.org", Role::Editor, &["sv"]).await).await;

        let html = office.page("/admin", 200).await;
        let sites: Vec<String> = rows(&html).into_iter().map(|r| r[2].clone()).collect();
        assert!(!sites.is_empty(), "{}", app.backend());
        assert!(sites.iter().all(|s| s == "sv"), "only the office's rows on {}: {sites:?}", app.backend());
        assert!(titles(&html).iter().any(|t| t == "Borrador de la oficina"));

        for crafted in ["/admin?site=global", "/admin?site=global&status=draft", "/admin?site=nowhere"] {
            let (status, html) = status_and_body(&office, crafted).await;
            assert_eq!(status, 400, "{crafted} on {}", app.backend());
            assert!(text(&html, "main").contains("is not one of your sites"), "{crafted}: says why");
        }
        // Filters that would select the global site's rows select nothing outside the scope.
        for path in ["/admin?q=Global+draft", "/admin?country=sv&status=draft", "/admin?lang=en&status=draft"]
        {
            let html = office.page(path, 200).await;
            assert!(titles(&html).iter().all(|t| !t.contains("Global draft")), "{path} on {}", app.backend());
        }

        let admin = app.login(&app.user("admin@example.org", Role::Admin, &[]).await).await;
        let html = admin.page("/admin?site=global&status=draft", 200).await;
        assert_eq!(titles(&html), ["Global draft about El Salvador"], "{}", app.backend());
    }
}

#[tokio::test]
async fn filters_orders_and_pages_keep_their_values_in_shareable_links() {
    for app in TestApp::each_with_sites(&[("hn", &["es", "en"], "HN")]).await {
        let store = &app.server.store;
        for n in 0..120 {
            let status = if n % 4 == 0 { Status::Draft } else { Status::Published };
            release(store, "hn", "es", &format!("Comunicado {n:03}"), status).await;
        }
        let editor = app.login(&app.user("ed@example.org", Role::Editor, &["hn", "global"]).await).await;

        // Paging: 50 rows, then 50 others, then the rest; every row once.
        let first = editor.page("/admin?site=hn", 200).await;
        assert_eq!(titles(&first).len(), 50, "{}", app.backend());
        assert_eq!(text(&first, ".list-total"), "120 documents", "{}", app.backend());
        assert_eq!(text(&first, "nav.pager [aria-current=page]"), "Page 1");
        assert!(pager_link(&first, "prev").is_none());
        let next = pager_link(&first, "next").expect("a next page");
        assert!(next.starts_with("/admin?site=hn&after="), "{next}");
        let second = editor.page(&next, 200).await;
        assert_eq!(text(&second, "nav.pager [aria-current=page]"), "Page 2");
        let third = editor.page(&pager_link(&second, "next").expect("a third page"), 200).await;
        assert!(pager_link(&third, "next").is_none(), "the last page on {}", app.backend());
        let mut seen: Vec<String> = [&first, &second, &third].iter().flat_map(|h| titles(h)).collect();
        assert_eq!(seen.len(), 120, "{}", app.backend());
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 120, "no row twice on {}", app.backend());
        // Back from the third page: the second again.
        let back = editor.page(&pager_link(&third, "prev").expect("a previous page"), 200).await;
        assert_eq!(titles(&back), titles(&second), "{}", app.backend());

        // Filters keep their values in the form.
        let drafts = editor.page("/admin?site=hn&status=draft&sort=title&dir=asc", 200).await;
        let listed = titles(&drafts);
        assert_eq!(listed.len(), 30, "{}", app.backend());
        assert_eq!(listed.first().map(String::as_str), Some("Comunicado 000"));
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted, "title order on {}", app.backend());
        assert_eq!(attrs(&drafts, "#f-site option[selected]", "value"), ["hn"]);
        assert_eq!(attrs(&drafts, "#f-status option[selected]", "value"), ["draft"]);
        assert_eq!(attrs(&drafts, "#f-sort option[selected]", "value"), ["title"]);
        assert_eq!(attrs(&drafts, "#f-dir option[selected]", "value"), ["asc"]);
        assert_eq!(attrs(&drafts, "th[aria-sort]", "aria-sort"), ["ascending"]);

        // Country, language and publication dates.
        let today = time::OffsetDateTime::now_utc().date();
        let yesterday = today.previous_day().expect("a day before");
        let published_today = format!(
            "/admin?site=hn&country=sv&lang=es&date=published&from={yesterday}&to={today}&status=published"
        );
        let html = editor.page(&published_today, 200).await;
        assert_eq!(titles(&html).len(), 50, "{}", app.backend());
        assert!(rows(&html).iter().all(|r| r[3] == "es"));
        // A range of publication dates with no order asked for is read in publication order.
        let html =
            editor.page(&format!("/admin?site=hn&date=published&from={yesterday}&to={today}"), 200).await;
        assert_eq!(attrs(&html, "#f-sort option[selected]", "value"), ["published"], "{}", app.backend());
        assert!(!titles(&html).is_empty());
        let html =
            editor.page(&format!("/admin?site=hn&date=published&from={yesterday}&sort=title"), 200).await;
        assert_eq!(
            attrs(&html, "#f-sort option[selected]", "value"),
            ["title"],
            "an order asked for is kept"
        );
        let html = editor.page("/admin?date=published&to=2000-01-01&site=hn", 200).await;
        assert!(titles(&html).is_empty(), "{}", app.backend());
        assert!(text(&html, ".empty").contains("No documents match"));

        // Accessible form: every field has its label.
        let ids = attrs(&first, "form.filters select, form.filters input", "id");
        let labels = attrs(&first, "form.filters label", "for");
        assert!(ids.iter().all(|id| labels.contains(id)), "{ids:?} / {labels:?}");
    }
}

#[tokio::test]
async fn unreadable_list_parameters_answer_400_with_the_reason_and_unknown_ones_are_ignored() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("admin@example.org", Role::Admin, &[]).await).await;
        for (path, says) in [
            (
                "/admin?kind=memo",
                "is not a kind of document. Use one of: page, release, vacancy, publication",
            ),
            ("/admin?status=lost", "is not a status"),
            ("/admin?sort=colour", "is not an order"),
            ("/admin?dir=up", "is not a direction"),
            ("/admin?from=2025-13-01", "is not a date"),
            ("/admin?from=2025-03-02&to=2025-03-01", "The start date is after the end date"),
            ("/admin?date=created", "is not a date to filter by"),
            ("/admin?country=zz", "is not a country code"),
            ("/admin?lang=xx", "is not a language of any site"),
            ("/admin?author=bob", "is not a user"),
            ("/admin?after=12", "is not a position in this list"),
            ("/admin?sort=title&after=12.t1700000000000000000", "is not a position in this list"),
            ("/admin?after=1.t99999999999999999999999999999", "is not a position in this list"),
            ("/admin?page=0", "is not a page number"),
        ] {
            let (status, html) = status_and_body(&admin, path).await;
            assert_eq!(status, 400, "{path} on {}", app.backend());
            assert!(text(&html, "main").contains(says), "{path}: {}", text(&html, "main"));
        }
        let long = format!("/admin?q={}", "a".repeat(201));
        assert_eq!(status_and_body(&admin, &long).await.0, 400);
        assert_eq!(status_and_body(&admin, "/admin?colour=blue&kind=").await.0, 200, "{}", app.backend());
    }
}

/// Words are looked up in the search index, which holds drafts too (hidden from readers): a
/// draft is found by a word of its body, best match first, within the user's sites and the
/// filters, paged by number; the public search never finds it.
#[tokio::test]
async fn words_find_drafts_by_their_text_within_the_filters_and_never_on_the_public_search() {
    for app in TestApp::each_with_sites(&[("hn", &["es", "en"], "HN")]).await {
        let store = &app.server.store;
        let backend = app.backend();
        for n in 0..60 {
            let status = if n % 4 == 0 { Status::Draft } else { Status::Published };
            release(store, "hn", "es", &format!("Comunicado {n:03}"), status).await;
        }
        draft_with_body(store, "global", "Weekly note", "The xylographer visited the camps.").await;
        let admin = app.login(&app.user("admin@example.org", Role::Admin, &[]).await).await;

        let found = poll(&admin, "/admin?q=xylographer", |h| !titles(h).is_empty()).await;
        assert_eq!(titles(&found), ["Weekly note"], "{backend}: found by a word of its body");
        assert_eq!(text(&found, ".list-total"), "One document", "{backend}");
        assert_eq!(attrs(&found, "#f-q", "value"), ["xylographer"]);
        assert_eq!(attrs(&found, "#f-sort option[selected]", "value"), ["relevance"], "best match first");
        let public = app.page("/en/search?q=xylographer", 200).await;
        assert!(!text(&public, "main").contains("Weekly note"), "{backend}: readers never find a draft");
        let office = app.login(&app.user("hn@example.org", Role::Editor, &["hn"]).await).await;
        let scoped = office.page("/admin?q=xylographer", 200).await;
        assert!(titles(&scoped).is_empty(), "{backend}: another site's draft stays out of scope");

        // Paged by number, every row once; filters narrow what the words find.
        let all =
            poll(&admin, "/admin?q=comunicado&site=hn", |h| text(h, ".list-total") == "60 documents").await;
        assert_eq!(text(&all, ".list-total"), "60 documents", "{backend}");
        assert_eq!(titles(&all).len(), 50, "{backend}");
        let next = pager_link(&all, "next").expect("a second page");
        assert!(next.contains("q=comunicado") && next.contains("page=2"), "{next}");
        let second = admin.page(&next, 200).await;
        assert_eq!(titles(&second).len(), 10, "{backend}");
        assert!(pager_link(&second, "next").is_none(), "{backend}: the last page");
        let mut seen: Vec<String> = titles(&all).into_iter().chain(titles(&second)).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 60, "{backend}: no row twice");
        let drafts = admin.page("/admin?q=comunicado&site=hn&status=draft&sort=updated&dir=asc", 200).await;
        assert_eq!(text(&drafts, ".list-total"), "15 documents", "{backend}");
        assert_eq!(attrs(&drafts, "#f-sort option[selected]", "value"), ["updated"]);
        assert!(titles(&drafts).iter().all(|t| t.starts_with("Comunicado")), "{backend}");
        let english = admin.page("/admin?q=comunicado&site=hn&lang=en", 200).await;
        assert!(titles(&english).is_empty(), "{backend}: the language filter applies");
    }
}
