//! With the page cache off, pages still read menus and themes from memory (see
//! `portico_web`'s `remembered` module); a change to either shows on the next request, whether
//! written through this server or straight to the database as another node would.

use crate::support;

use portico::server::Tuning;
use portico_store::testing::TestDb;
use support::{TestApp, texts};

async fn uncached_servers() -> Vec<TestApp> {
    let tuning = Tuning { page_cache_mb: 0, ..Tuning::default() };
    let mut apps = Vec::new();
    for db in TestDb::each().await {
        apps.push(TestApp::on_tuned(db, &tuning).await);
    }
    apps
}

#[tokio::test]
async fn a_menu_changed_through_the_back_office_shows_on_the_next_request() {
    for app in uncached_servers().await {
        app.user("menus@example.org", portico_content::Role::Admin, &[]).await;
        let session = app.login("menus@example.org").await;
        let before = app.page("/en/who-we-are", 200).await;
        assert!(!texts(&before, ".main-nav a").is_empty(), "the demo's menu");
        let saved = session
            .post("/admin/menus/global", &[("label", "Only this entry"), ("path", "news"), ("position", "1")])
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());
        for path in ["/en/who-we-are", "/en/", "/en/news"] {
            let page = app.page(path, 200).await;
            assert_eq!(texts(&page, ".main-nav a"), ["Only this entry"], "{path} on {}", app.backend());
        }
        // Another site's menu was not the one changed.
        let sv = app.page("/sites/sv/es/", 200).await;
        assert_ne!(texts(&sv, ".main-nav a"), ["Only this entry"]);
    }
}

#[tokio::test]
async fn menus_and_themes_written_by_another_process_show_through_the_change_log() {
    for app in uncached_servers().await {
        let news = app.page("/en/news", 200).await;
        let themes = texts(&news, "select[name=theme] option");
        assert!(themes.iter().any(|t| t == "Migrant children"), "{themes:?}");
        app.page("/en/who-we-are", 200).await;

        // Written straight to the database, as another node would.
        let store = &app.server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        store
            .replace_menu(
                global.id,
                "en",
                &[portico_store::MenuItem {
                    label: "Written elsewhere".into(),
                    path: "news".into(),
                    children: vec![],
                }],
                &portico_store::Audit::system("test", "menu.replace"),
            )
            .await
            .expect("menu");
        let theme = store.themes().await.expect("themes").into_iter().find(|t| t.name == "Migrant children");
        let theme = theme.expect("the demo's theme");
        store
            .upsert_theme(&portico_store::NewTheme {
                slug: theme.slug.clone(),
                name: "Children on the move".into(),
                description: theme.description.clone(),
                names: Vec::new(),
            })
            .await
            .expect("rename");

        // The follower reads the change log every second; give it a generous while.
        let mut seen = false;
        for _ in 0..100 {
            let page = app.page("/en/news", 200).await;
            let menu = texts(&page, ".main-nav a");
            let themes = texts(&page, "select[name=theme] option");
            if menu == ["Written elsewhere"] && themes.iter().any(|t| t == "Children on the move") {
                seen = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(seen, "the new menu and theme name show ({})", app.backend());
        // A filter by the renamed theme's slug still works, under its new name.
        let filtered = app.page(&format!("/en/news?theme={}", theme.slug), 200).await;
        assert_eq!(texts(&filtered, ".active-filters strong"), ["Children on the move"], "{}", app.backend());
    }
}
