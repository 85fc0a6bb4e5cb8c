//! The 2030 Agenda as readers, editors and API clients meet it: the goals on the *2030
//! Agenda* section, a page per goal, goal badges on releases and pages, and goals set in the
//! editor and the API; real server, real HTTP, parsed HTML, on SQLite and PostgreSQL.

use crate::support;

use portico_content::Role;
use support::{TestApp, attrs, text, texts};

#[tokio::test]
async fn the_agenda_shows_the_seventeen_goals_with_what_was_published_for_each() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let agenda = app.page("/en/2030-agenda", 200).await;
        assert_eq!(text(&agenda, "h1"), "2030 Agenda", "{backend}");
        assert!(!text(&agenda, ".prose").is_empty(), "the section's own words stay");
        let names = texts(&agenda, ".goal-tile .goal-name");
        assert_eq!(names.len(), 17, "{backend}");
        assert_eq!(names[0], "Goal 1: No Poverty");
        assert_eq!(names[9], "Goal 10: Reduced Inequalities");
        assert_eq!(names[16], "Goal 17: Partnerships for the Goals");
        let links = attrs(&agenda, ".goal-tile a", "href");
        assert_eq!(links[9], "/en/2030-agenda/goal-10");
        assert!(attrs(&agenda, ".goal-tile", "class")[9].split(' ').any(|c| c == "sdg-10"));
        // Twelve demo releases serve migration's goal (most through target 10.7), and the
        // *What we do* section and seven publications do too.
        let published = texts(&agenda, ".goal-tile .goal-published");
        assert_eq!(published[9], "12 press releases · 1 page · 7 publications", "{backend}");
        assert_eq!(published[16], "2 press releases · 2 pages · 2 publications", "{backend}");
        assert_eq!(published[2], "4 press releases · One publication", "{backend}");
        assert_eq!(published[13], "Nothing published yet", "{backend}");

        // The goals with something published are in the sitemap, in each language.
        let sitemap = app.get("/sitemap.xml").await.text().await.expect("sitemap");
        for language in ["en", "fr", "es"] {
            assert!(
                sitemap.contains(&app.url(&format!("/{language}/2030-agenda/goal-10</loc>"))),
                "{backend}"
            );
        }
        assert!(!sitemap.contains("/2030-agenda/goal-14<"), "nothing published for goal 14 on {backend}");

        // In French, the goals' official French names.
        let french = app.page("/fr/2030-agenda", 200).await;
        let names = texts(&french, ".goal-tile .goal-name");
        assert_eq!(names[9], "Objectif 10 : Inégalités réduites", "{backend}");
    }
}

#[tokio::test]
async fn a_goals_page_lists_its_pages_and_releases_and_country_offices_see_theirs() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let goal = app.page("/en/2030-agenda/goal-10", 200).await;
        assert_eq!(text(&goal, "h1"), "Goal 10: Reduced Inequalities", "{backend}");
        assert_eq!(texts(&goal, ".breadcrumbs li"), ["Home", "2030 Agenda", "Goal 10: Reduced Inequalities"]);
        assert_eq!(texts(&goal, ".release-card").len(), 12, "{backend}");
        assert_eq!(text(&goal, ".page-header .lead"), "12 press releases");
        assert_eq!(attrs(&goal, ".goal-pages a", "href"), ["/en/our-work/what-we-do"], "{backend}");
        // Its six newest publications, and the library narrowed to the goal for the seventh.
        let years: Vec<String> = texts(&goal, ".goal-publications .publication-card .meta");
        assert_eq!(years.len(), 6, "{backend}: {years:?}");
        assert!(years[0].contains("2026") && years[5].contains("2024"), "newest first: {years:?}");
        assert_eq!(attrs(&goal, ".goal-publications .more-link a", "href"), ["/en/publications?goal=10"]);
        assert_eq!(text(&goal, ".goal-publications .more-link a"), "All 7 publications on this goal");
        assert_eq!(attrs(&goal, "a[rel=prev]", "href"), ["/en/2030-agenda/goal-9"]);
        assert_eq!(attrs(&goal, "a[rel=next]", "href"), ["/en/2030-agenda/goal-11"]);
        let dates = attrs(&goal, ".release-card time", "datetime");
        let mut newest_first = dates.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, newest_first, "newest first on {backend}");

        let partnerships = app.page("/en/2030-agenda/goal-17", 200).await;
        assert_eq!(
            attrs(&partnerships, ".goal-pages a", "href"),
            ["/en/data-and-research", "/en/our-work/partnerships"],
            "pages by title on {backend}"
        );

        // El Salvador's office: the global releases about its country that serve the goal.
        let sv = app.page("/sites/sv/en/2030-agenda/goal-10", 200).await;
        assert_eq!(texts(&sv, ".release-card").len(), 3, "{backend}");
        assert!(texts(&sv, ".from-site").iter().all(|s| !s.is_empty()));

        // What is no goal's page is refused plainly.
        for missing in ["/en/2030-agenda/goal-18", "/en/2030-agenda/goal-0", "/en/2030-agenda/goal-10?page=2"]
        {
            assert_eq!(app.get(missing).await.status().as_u16(), 404, "{missing} on {backend}");
        }
        // The goal's own feeds, linked from its page, and its list in the newsroom.
        let feeds = attrs(&goal, "link[rel=alternate][type='application/atom+xml']", "href");
        assert!(feeds.iter().any(|f| f.ends_with("/en/news.atom?goal=10")), "{feeds:?}");
        let atom = app.get("/en/news.atom?goal=10").await;
        assert_eq!(atom.status().as_u16(), 200, "{backend}");
        let atom = atom.text().await.expect("feed");
        assert_eq!(atom.matches("<entry>").count(), 12, "{backend}");
        assert!(atom.contains("Goal 10: Reduced Inequalities"), "the feed says what it follows");
        let news = app.page("/en/news?goal=10", 200).await;
        assert_eq!(texts(&news, ".release-card").len(), 12, "{backend}");
        assert_eq!(texts(&news, ".active-filters strong"), ["Reduced Inequalities"]);
        for (bad, says) in [
            ("/en/news?goal=18", "is not a Sustainable Development Goal"),
            ("/en/news.rss?goal=10&country=sv", "cannot be narrowed"),
        ] {
            let response = app.get(bad).await;
            assert_eq!(response.status().as_u16(), 400, "{bad} on {backend}");
            assert!(response.text().await.expect("body").contains(says), "{bad}");
        }
        let bad = app.get("/en/2030-agenda/goal-10?page=zero").await;
        assert_eq!(bad.status().as_u16(), 400, "{backend}");
        assert!(bad.text().await.expect("body").contains("is not a page number"));
    }
}

#[tokio::test]
async fn releases_and_pages_show_their_goals_and_the_api_gives_their_codes() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let release_path = support::seed_release_path(&app).await;
        let release = app.page(&release_path, 200).await;
        assert_eq!(
            texts(&release, ".goal-badges a"),
            ["Goal 10: Reduced Inequalities", "Goal 16: Peace, Justice and Strong Institutions"],
            "{backend}"
        );
        assert_eq!(texts(&release, ".goal-targets"), ["Targets 10.7", "Targets 16.2"]);
        assert_eq!(attrs(&release, ".goal-badges a", "href")[1], "/en/2030-agenda/goal-16");

        let page = app.page("/en/our-work/partnerships", 200).await;
        assert_eq!(texts(&page, ".page-goals .goal-badges a"), ["Goal 17: Partnerships for the Goals"]);
        assert_eq!(texts(&page, ".page-goals .goal-targets"), ["Targets 17.17"]);

        let slug = release_path.rsplit('/').next().expect("slug");
        let api: serde_json::Value =
            app.get("/api/v1/releases?language=en&limit=100").await.json().await.expect("json");
        let item = api["data"]
            .as_array()
            .expect("data")
            .iter()
            .find(|r| r["slug"] == slug)
            .unwrap_or_else(|| panic!("{slug} in the API on {backend}"));
        assert_eq!(item["goals"], serde_json::json!(["10", "10.7", "16", "16.2"]), "{backend}");
    }
}

#[tokio::test]
async fn an_editor_sets_goals_and_targets_and_the_goals_page_follows_at_once() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let email = app.user("ed@example.org", Role::Editor, &["global"]).await;
        let session = app.login(&email).await;
        // The goal page is cached before the release exists.
        let before = app.page("/en/2030-agenda/goal-14", 200).await;
        assert!(texts(&before, ".release-card").is_empty(), "{backend}");

        let refused = session
            .post(
                "/admin/new/release",
                &[("site", "global"), ("title", "Oceans"), ("targets", "14.8, 19"), ("intent", "save")],
            )
            .await;
        assert_eq!(refused.status().as_u16(), 422, "{backend}");
        let html = scraper::Html::parse_document(&refused.text().await.expect("body"));
        assert!(text(&html, "#goals-error").contains("1 to 17"), "{}", text(&html, "#goals-error"));
        assert_eq!(attrs(&html, "#f-targets", "value"), ["14.8, 19"], "what was typed is kept");

        let made = session
            .post(
                "/admin/new/release",
                &[
                    ("site", "global"),
                    ("title", "Fishing communities and migration"),
                    ("slug", "fishing-communities"),
                    ("goals", "14"),
                    ("goals", "1"),
                    ("targets", "14.b 10.7"),
                    ("intent", "save"),
                ],
            )
            .await;
        assert_eq!(made.status().as_u16(), 303, "{backend}");
        let location = made.headers()["location"].to_str().expect("location").to_owned();
        let id = location.trim_start_matches("/admin/documents/").split('?').next().expect("id").to_owned();
        let form = session.page(&format!("/admin/documents/{id}"), 200).await;
        let mut ticked = attrs(&form, "#f-goals input[name=goals][checked]", "value");
        ticked.sort();
        assert_eq!(ticked, ["1", "14"], "{backend}");
        assert_eq!(attrs(&form, "#f-targets", "value"), ["10.7, 14.b"], "{backend}");

        let published =
            session.post(&format!("/admin/documents/{id}/workflow"), &[("action", "publish")]).await;
        assert!(published.status().is_redirection(), "{backend}");
        let after = app.page("/en/2030-agenda/goal-14", 200).await;
        assert_eq!(
            texts(&after, ".release-card .card-title"),
            ["Fishing communities and migration"],
            "{backend}"
        );
        let agenda = app.page("/en/2030-agenda", 200).await;
        assert_eq!(texts(&agenda, ".goal-tile .goal-published")[13], "1 press release", "{backend}");
        let release = app.page("/en/news/fishing-communities", 200).await;
        assert_eq!(texts(&release, ".goal-targets"), ["Targets 10.7", "Targets 14.b"], "{backend}");
    }
}
