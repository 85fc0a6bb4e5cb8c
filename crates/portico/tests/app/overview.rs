//! The back office's overview: releases per month and language drawn as SVG with their
//! numbers, translation coverage, and what is scheduled ahead, for the sites a person may see.
//! Real server, real HTTP, both databases.

use crate::support;

use portico_content::{Draft, Role, Status};
use support::{TestApp, attrs, create_release, text, texts};

fn draft(title: &str, slug: &str, at: time::OffsetDateTime) -> Draft {
    Draft {
        title: title.into(),
        slug: slug.into(),
        summary: "A summary.".into(),
        body_markdown: "A body.".into(),
        published_at: Some(at),
        ..Draft::default()
    }
}

#[tokio::test]
async fn the_overview_counts_this_months_releases_per_language_and_lists_what_is_scheduled() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        let now = portico_store::now();
        for n in 0..3 {
            let d =
                draft(&format!("Published {n}"), &format!("published-{n}"), now - time::Duration::minutes(5));
            create_release(store, &global, "en", d, Status::Published).await;
        }
        let ahead = draft("Embargoed until Monday", "embargoed", now + time::Duration::days(3));
        create_release(store, &global, "en", ahead, Status::Scheduled).await;

        let editor = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let page = editor.page("/admin/overview", 200).await;
        let svg = attrs(&page, "figure.chart-figure svg", "role");
        assert_eq!(svg, ["img"], "a chart drawn on the server on {}", app.backend());
        assert!(!texts(&page, "svg title").is_empty());
        assert_eq!(text(&page, "#per-month-h ~ details tbody tr:first-child th"), "English");
        let cells = texts(&page, "#per-month-h ~ details tbody tr:first-child td");
        assert_eq!(cells.len(), 12, "a year of months");
        let this_month: i64 = cells[11].parse().expect("a count");
        assert!(this_month >= 3, "this month counts the new releases: {cells:?}");
        assert!(text(&page, "#ahead-h ~ table").contains("Embargoed until Monday"), "{}", app.backend());
        assert!(!texts(&page, "#coverage-h ~ table tbody tr").is_empty());

        // Only the sites a person may see.
        let sv_only = app.login(&app.user("sv@example.org", Role::Editor, &["sv"]).await).await;
        assert_eq!(sv_only.get("/admin/overview?site=global").await.status().as_u16(), 403);
        let theirs = sv_only.page("/admin/overview", 200).await;
        assert!(!text(&theirs, "#ahead-h ~ *").contains("Embargoed until Monday"), "not their site's");
    }
}
