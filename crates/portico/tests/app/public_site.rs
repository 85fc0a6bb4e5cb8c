//! The public site as a reader meets it: real server, real HTTP, parsed HTML, on SQLite and
//! PostgreSQL.

use crate::support;

use portico_content::{Draft, Kind, Status};
use portico_store::{NewDocument, ReleaseFilter};
use support::{TestApp, attrs, seed_release_path, text, texts};

#[tokio::test]
async fn the_root_redirects_to_english_and_the_home_page_shows_news_and_sections() {
    for app in TestApp::each().await {
        let root = app.get("/").await;
        assert!(root.status().is_redirection(), "{}", app.backend());
        assert_eq!(root.headers()["location"], "/en/");
        assert_eq!(app.get("/en").await.headers()["location"], "/en/");

        let home = app.page("/en/", 200).await;
        assert_eq!(text(&home, "h1"), "International Organization for Migration");
        let latest = texts(&home, ".card-title");
        assert_eq!(latest.len(), 6, "six latest releases on {}", app.backend());
        let sections = texts(&home, ".teaser h3");
        for section in
            ["Who we are", "Our work", "Where we work", "Take action", "Data and research", "2030 Agenda"]
        {
            assert!(sections.iter().any(|s| s == section), "teaser for {section}: {sections:?}");
        }
        assert_eq!(attrs(&home, "a.skip-link", "href"), ["#main"]);
        assert_eq!(attrs(&home, "main", "id"), ["main"]);
    }
}

#[tokio::test]
async fn every_menu_section_renders_with_the_current_section_marked() {
    for app in TestApp::each().await {
        let home = app.page("/en/", 200).await;
        let links = attrs(&home, ".main-nav a", "href");
        for expected in [
            "/en/who-we-are",
            "/en/our-work",
            "/en/our-work/what-we-do",
            "/en/our-work/partnerships",
            "/en/our-work/highlights",
            "/en/where-we-work",
            "/en/take-action",
            "/en/take-action/work-with-us",
            "/en/take-action/get-involved",
            "/en/data-and-research",
            "/en/2030-agenda",
            "/en/news",
        ] {
            assert!(links.iter().any(|l| l == expected), "menu links {expected}");
        }
        for link in &links {
            let page = app.page(link, 200).await;
            assert!(!text(&page, "h1").is_empty(), "{link} has a heading");
        }

        let partnerships = app.page("/en/our-work/partnerships", 200).await;
        assert_eq!(text(&partnerships, "h1"), "Partnerships");
        let current = texts(&partnerships, ".menu-item.is-current > a");
        assert_eq!(current, ["Our work"]);
        assert_eq!(attrs(&partnerships, "a[aria-current=page]", "href"), ["/en/our-work/partnerships"]);
        assert_eq!(texts(&partnerships, ".breadcrumbs li"), ["Home", "Our work", "Partnerships"]);

        let our_work = app.page("/en/our-work", 200).await;
        let children = attrs(&our_work, ".section-nav a", "href");
        assert_eq!(
            children,
            ["/en/our-work/what-we-do", "/en/our-work/partnerships", "/en/our-work/highlights"]
        );

        let who = app.page("/en/who-we-are", 200).await;
        let body = text(&who, "main");
        for fact in ["1951", "175", "171"] {
            assert!(body.contains(fact), "Who we are states {fact}");
        }
    }
}

#[tokio::test]
async fn the_news_list_is_newest_first_paginated_and_filterable() {
    for app in TestApp::each().await {
        let first = app.page("/en/news", 200).await;
        let dates = attrs(&first, ".release-card time", "datetime");
        assert_eq!(dates.len(), 20, "20 a page on {}", app.backend());
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "newest first");
        assert_eq!(attrs(&first, ".pagination a[rel=next]", "href"), ["/en/news?page=2"]);

        let second = app.page("/en/news?page=2", 200).await;
        let rest = texts(&second, ".card-title");
        assert!(!rest.is_empty());
        assert!(rest.iter().all(|t| !texts(&first, ".card-title").contains(t)), "pages do not overlap");
        app.page("/en/news?page=50", 404).await;

        let salvador = app.page("/en/news?country=SV", 200).await;
        assert_eq!(text(&salvador, "h1"), "News about El Salvador");
        let cards = texts(&salvador, ".release-card");
        assert!(cards.len() >= 3, "El Salvador has several releases");
        assert!(cards.iter().all(|c| c.contains("El Salvador")));
        assert_eq!(texts(&salvador, ".active-filters li span"), ["Country: El Salvador"]);
        assert_eq!(attrs(&salvador, ".active-filters a.remove", "href"), ["/en/news"]);

        let combined = app.page("/en/news?country=sv&year=2015&theme=migrant-children", 200).await;
        let titles = texts(&combined, ".card-title");
        assert_eq!(titles.len(), 1, "{titles:?}");
        assert!(titles[0].contains("San Salvador"));
        let removals = attrs(&combined, ".active-filters a.remove", "href");
        assert_eq!(
            removals,
            [
                "/en/news?theme=migrant-children&year=2015",
                "/en/news?country=sv&year=2015",
                "/en/news?country=sv&theme=migrant-children",
            ]
        );
        let empty = app.page("/en/news?country=fr&year=2016", 200).await;
        assert_eq!(text(&empty, ".empty"), "No press releases match these filters.");
    }
}

#[tokio::test]
async fn a_release_page_leads_with_its_dateline_and_gives_the_media_contact() {
    for app in TestApp::each().await {
        let path = seed_release_path(&app).await;
        let release = app.page(&path, 200).await;
        assert_eq!(text(&release, ".kicker"), "Press release");
        assert_eq!(text(&release, ".release-body > .dateline .place"), "San Salvador");
        assert_eq!(attrs(&release, ".release-body > .dateline time", "datetime"), ["2015-08-21"]);
        assert_eq!(text(&release, ".release-body > .dateline time"), "21 August 2015");
        let first_child = texts(&release, ".release-body > :first-child");
        assert!(first_child[0].starts_with("San Salvador"), "the dateline leads the body");

        let body = text(&release, ".release-body");
        for fact in [
            "Belize",
            "Canada",
            "RNCOM",
            "Jorge Peraza",
            "Guatemala in 2014",
            "Mesoamerica Regional Programme",
        ] {
            assert!(body.contains(fact), "the release mentions {fact}");
        }
        let countries = attrs(&release, ".release-facts a[href*='country=']", "href");
        assert_eq!(countries.len(), 11, "{}", app.backend());
        assert!(countries.contains(&"/en/news?country=sv".to_owned()));
        let themes = attrs(&release, ".release-facts a[href*='theme=']", "href");
        assert!(themes.contains(&"/en/news?theme=migrant-children".to_owned()));
        let partners = texts(&release, ".release-facts abbr");
        for partner in ["UNHCR", "ICRC", "RNCOM"] {
            assert!(partners.iter().any(|p| p == partner), "partner {partner}");
        }
        assert!(text(&release, ".release-facts").contains("Mesoamerica Regional Programme"));
        // The demo names its partners and offices in Spanish: the Spanish version says ACNUR and
        // CICR, and OIM for the contact's office.
        let spanish = app
            .page("/es/news/once-gobiernos-examinan-la-proteccion-de-la-ninez-migrante-y-refugiada", 200)
            .await;
        let partners = texts(&spanish, ".release-facts abbr");
        for partner in ["ACNUR", "CICR", "RROCM"] {
            assert!(partners.iter().any(|p| p == partner), "partner {partner} in {partners:?}");
        }
        assert!(!partners.iter().any(|p| p == "UNHCR"), "{partners:?}");
        assert_eq!(text(&spanish, ".media-contacts .contact-office"), "OIM El Salvador");

        assert_eq!(text(&release, ".media-contacts .contact-name"), "Alba Miriam Amaya");
        assert_eq!(text(&release, ".media-contacts .contact-office"), "IOM El Salvador");
        assert_eq!(attrs(&release, ".media-contacts a[href^='tel:']", "href"), ["tel:+50325210500"]);
        assert_eq!(attrs(&release, ".media-contacts a[href^='mailto:']", "href"), ["mailto:aamaya@iom.int"]);
        assert_eq!(texts(&release, ".breadcrumbs li a"), ["Home", "News"]);

        let country_link = app.page("/en/news?country=sv", 200).await;
        assert!(texts(&country_link, ".card-title a").iter().any(|t| t.contains("San Salvador")));
    }
}

#[tokio::test]
async fn where_we_work_groups_countries_by_region_and_each_country_lists_its_releases() {
    for app in TestApp::each().await {
        let index = app.page("/en/where-we-work", 200).await;
        let regions = texts(&index, ".region h2");
        assert_eq!(regions[..5], ["Africa", "Americas", "Asia", "Europe", "Oceania"], "{}", app.backend());
        let americas = texts(&index, "#region-019 .country-list a");
        assert!(americas.iter().any(|c| c == "El Salvador"));
        assert!(!americas.iter().any(|c| c == "Kenya"));
        assert!(attrs(&index, ".country-list a", "href").len() >= 249);
        // The map: one labelled image drawn on the server, offices marked, each country linked.
        assert_eq!(attrs(&index, "svg.world-map", "role"), ["group"]);
        assert_eq!(text(&index, "svg.world-map > title"), "Map of the countries where we work");
        let offices = attrs(&index, "svg.world-map a:has(path.office)", "href");
        assert!(offices.contains(&"/en/where-we-work/sv".to_owned()), "the El Salvador office: {offices:?}");
        assert!(attrs(&index, "svg.world-map a", "href").len() > 170);
        assert!(!attrs(&index, "svg.world-map path.disputed", "d").is_empty(), "disputed areas are dashed");
        assert!(text(&index, ".map-disclaimer").contains("do not imply official endorsement"));
        let french = app.page("/fr/where-we-work", 200).await;
        assert_eq!(text(&french, "svg.world-map > title"), "Carte des pays où nous travaillons");
        assert_eq!(
            attrs(&french, "svg.world-map", "dir"),
            ["ltr"],
            "a map is never mirrored, even in Arabic"
        );

        let salvador = app.page("/en/where-we-work/sv", 200).await;
        assert_eq!(text(&salvador, "h1"), "El Salvador");
        assert!(text(&salvador, ".kicker").contains("Central America"));
        assert!(texts(&salvador, ".card-title").len() >= 3);
        assert_eq!(texts(&salvador, ".breadcrumbs li"), ["Home", "Where we work", "El Salvador"]);
        assert_eq!(texts(&salvador, ".menu-item.is-current > a"), ["Where we work"]);

        let upper = app.get("/en/where-we-work/SV").await;
        assert_eq!(upper.status().as_u16(), 308);
        assert_eq!(upper.headers()["location"], "/en/where-we-work/sv");
        app.page("/en/where-we-work/zz", 404).await;
        let quiet = app.page("/en/where-we-work/aq", 200).await;
        assert!(text(&quiet, ".empty").contains("no press releases"));
    }
}

#[tokio::test]
async fn bad_input_gets_a_clear_400_and_unknown_addresses_the_404_page() {
    for app in TestApp::each().await {
        for (query, says) in [
            ("page=-1", "page number"),
            ("page=abc", "page number"),
            ("page=0", "page number"),
            ("year=abc", "not a year"),
            ("country=ZZ", "not a country code"),
            ("country=%C3%A9s", "not a country code"),
            ("theme=%3Cscript%3Ealert(1)%3C/script%3E", "not one of our themes"),
            ("theme=no-such-theme", "not one of our themes"),
        ] {
            let response = app.get(&format!("/en/news?{query}")).await;
            assert_eq!(response.status().as_u16(), 400, "{query} on {}", app.backend());
            assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/html"));
            let body = response.text().await.expect("body");
            assert!(body.contains(says), "{query}: {body}");
            assert!(!body.contains("<script>alert"), "input is escaped");
        }
        for path in [
            "/xx/",
            "/de/news",
            "/en/no-such-section",
            "/en/news/no-such-release",
            "/en/our-work/../etc",
            "/nothing",
        ] {
            let page = app.page(path, 404).await;
            assert_eq!(text(&page, "h1"), "Page not found", "{path}");
            assert!(!attrs(&page, ".main-nav a", "href").is_empty() || path.starts_with("/xx"));
        }
    }
}

#[tokio::test]
async fn responses_carry_etags_compression_and_security_headers() {
    for app in TestApp::each().await {
        let path = seed_release_path(&app).await;
        let plain = app.get(&path).await;
        let headers = plain.headers().clone();
        assert_eq!(headers["content-type"], "text/html; charset=utf-8");
        assert_eq!(headers["content-language"], "en");
        assert!(headers.get("content-encoding").is_none());
        let etag = headers["etag"].to_str().expect("etag").to_owned();
        assert!(etag.starts_with('"') && !etag.starts_with("W/"), "strong ETag: {etag}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers.contains_key("referrer-policy"));
        let csp = headers["content-security-policy"].to_str().expect("csp");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let identity = plain.text().await.expect("body");

        let revalidated =
            app.client.get(app.url(&path)).header("if-none-match", &etag).send().await.expect("304");
        assert_eq!(revalidated.status().as_u16(), 304, "{}", app.backend());
        assert!(revalidated.text().await.expect("body").is_empty());
        let stale =
            app.client.get(app.url(&path)).header("if-none-match", "\"other\"").send().await.expect("200");
        assert_eq!(stale.status().as_u16(), 200);

        for encoding in ["br", "gzip"] {
            let raw =
                app.client.get(app.url(&path)).header("accept-encoding", encoding).send().await.expect("raw");
            assert_eq!(raw.headers()["content-encoding"], encoding);
            assert_eq!(raw.headers()["vary"], "Accept-Encoding, Save-Data");
            let compressed_etag = raw.headers()["etag"].to_str().expect("etag").to_owned();
            assert_ne!(compressed_etag, etag, "each coding has its own strong ETag");
            assert!(raw.bytes().await.expect("bytes").len() < identity.len() / 2);
            let revalidated = app
                .client
                .get(app.url(&path))
                .header("accept-encoding", encoding)
                .header("if-none-match", &compressed_etag)
                .send()
                .await
                .expect("304");
            assert_eq!(revalidated.status().as_u16(), 304);
        }
        let decoding = reqwest::Client::builder().build().expect("client");
        let decoded = decoding.get(app.url(&path)).send().await.expect("decoded").text().await.expect("body");
        assert_eq!(decoded, identity, "compressed bodies decode to the same page");

        let head = app.client.head(app.url(&path)).send().await.expect("head");
        assert_eq!(head.status().as_u16(), 200);
        assert_eq!(head.headers()["etag"].to_str().expect("etag"), etag);
        assert!(head.text().await.expect("body").is_empty());

        let health = app.get("/healthz").await;
        assert_eq!(health.status().as_u16(), 200);
        let css = app.get("/assets/style.css").await;
        assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    }
}

#[tokio::test]
async fn hostile_markdown_never_reaches_the_page() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let site = store.site_by_key("global").await.expect("site").expect("global site");
        let draft = Draft {
            title: "Hostile body".into(),
            slug: "hostile-body".into(),
            published_at: Some(time::macros::datetime!(2020-01-01 09:00 UTC)),
            body_markdown: concat!(
                "Safe **text**.\n\n<script>alert('x')</script>\n\n",
                "<img src=x onerror=alert(1)>\n\n[link](javascript:alert(2))\n\n",
                "<a href=\"jAvAsCrIpT:alert(3)\" onclick=\"alert(4)\">a</a>\n\n<svg onload=alert(5)></svg>\n",
            )
            .into(),
            ..Draft::default()
        };
        store
            .create_document(
                &NewDocument {
                    site: site.id,
                    kind: Kind::Release,
                    language: "en".into(),
                    draft,
                    status: Status::Published,
                    author: None,
                },
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("create");
        let response = app.get("/en/news/hostile-body").await;
        assert_eq!(response.status().as_u16(), 200, "{}", app.backend());
        let page = response.text().await.expect("body").to_ascii_lowercase();
        // The release's structured data is the one script element a page may carry: data, not code.
        let body = page.replace("<script type=\"application/ld+json\">", "");
        assert!(body.contains("<strong>text</strong>"));
        for banned in ["<script", "onerror", "onclick", "onload", "javascript:", "<svg"] {
            assert!(!body.contains(banned), "{banned} reached the page on {}", app.backend());
        }
        let filter = ReleaseFilter { year: Some(2020), ..ReleaseFilter::default() };
        let list = store.published_releases(site.id, "en", &filter, 1, 20).await.expect("list");
        assert!(list.items.iter().any(|r| r.slug == "hostile-body"), "listed with its year");
    }
}

#[tokio::test]
async fn a_failing_database_gives_a_500_page_that_leaks_nothing() {
    for app in TestApp::each().await {
        app.page("/en/news", 200).await;
        app.server.store.close().await;
        // A page not asked for before, so that no cached copy can answer for it.
        let response = app.get("/en/news?year=2016").await;
        assert_eq!(response.status().as_u16(), 500, "{}", app.backend());
        let body = response.text().await.expect("body");
        let page = scraper::Html::parse_document(&body);
        assert_eq!(text(&page, "h1"), "Something went wrong on our side");
        for secret in ["sqlx", "pool", "database", "postgres", "sqlite", "closed", "portico_test"] {
            assert!(!body.to_lowercase().contains(secret), "{secret} leaked: {body}");
        }
        assert_eq!(app.get("/healthz").await.status().as_u16(), 503);
    }
}
