//! `Store::initialize`: an organization's site, its pages, menus and first administrator in
//! one transaction, on SQLite and PostgreSQL alike; all of it or nothing.

use portico_content::{Draft, Role};
use portico_store::testing::TestDb;
use portico_store::{
    ALREADY_INITIALIZED, AuditFilter, InitialPage, Installation, MenuItem, NewSite, NewUser, StoreError,
};

fn page(versions: &[(&str, &str, &str)]) -> InitialPage {
    InitialPage {
        variants: versions
            .iter()
            .map(|(language, title, path)| {
                (
                    (*language).to_owned(),
                    Draft { title: (*title).into(), slug: (*path).into(), ..Draft::default() },
                )
            })
            .collect(),
    }
}

fn installation(pages: Vec<InitialPage>) -> Installation {
    let item =
        |label: &str, path: &str| MenuItem { label: label.into(), path: path.into(), children: vec![] };
    Installation {
        site: NewSite {
            key: "global".into(),
            name: "Agency".into(),
            languages: vec!["en".into(), "fr".into()],
            country: None,
            hosts: vec!["news.example.org".into()],
            names: [("fr".to_owned(), "Agence".to_owned())].into(),
            fallback_to_default: true,
        },
        pages,
        menus: vec![
            (
                "en".into(),
                vec![MenuItem {
                    children: vec![item("Partnerships", "our-work/partnerships")],
                    ..item("Our work", "our-work")
                }],
            ),
            ("fr".into(), vec![item("Notre action", "notre-action")]),
        ],
        admin: NewUser {
            email: "Admin@Example.org".into(),
            name: "Admin".into(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$c29tZWhhc2g".into(),
            role: Role::Admin,
            sites: vec![],
        },
        client: "cli".into(),
    }
}

#[tokio::test]
async fn an_installation_is_written_whole_and_only_once() {
    for db in TestDb::each().await {
        let store = &db.store;
        let pages = vec![
            page(&[("en", "Our work", "our-work"), ("fr", "Notre action", "notre-action")]),
            page(&[("en", "Partnerships", "our-work/partnerships")]),
        ];
        let done = store.initialize(&installation(pages.clone())).await.expect("initialize");
        assert_eq!(done.variants, 3);
        assert!(!store.is_empty().await.expect("empty"));
        let site = store.site_by_key("global").await.expect("site").expect("global");
        assert_eq!(site.names.get("fr").map(String::as_str), Some("Agence"));
        let menu = store.menu(site.id, "en").await.expect("menu");
        assert_eq!(menu[0].children[0].path, "our-work/partnerships", "on {}", store.backend());
        assert_eq!(store.menu(site.id, "fr").await.expect("menu")[0].label, "Notre action");
        let (admin, _) = store.user_for_login("admin@example.org").await.expect("user").expect("admin");
        assert_eq!((admin.id, admin.role), (done.admin, Role::Admin));
        let audit = store
            .audit_records(&AuditFilter { action: Some("site.initialize".into()), ..Default::default() }, 5)
            .await
            .expect("audit");
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].client, "cli");

        match store.initialize(&installation(pages)).await {
            Err(StoreError::Conflict { field }) => assert_eq!(field, ALREADY_INITIALIZED),
            other => panic!("a second installation is refused on {}: {other:?}", store.backend()),
        }
        assert_eq!(store.sites().await.expect("sites").len(), 1);
    }
}

#[tokio::test]
async fn a_failure_part_way_leaves_the_database_empty() {
    for db in TestDb::each().await {
        let store = &db.store;
        // The second page takes the first one's path: the write fails after the site, the
        // first page and its revision are in.
        let pages = vec![page(&[("en", "Our work", "our-work")]), page(&[("en", "Again", "our-work")])];
        match store.initialize(&installation(pages)).await {
            Err(StoreError::Conflict { field: "slug" }) => {}
            other => panic!("a taken path is a conflict on {}: {other:?}", store.backend()),
        }
        assert!(store.is_empty().await.expect("empty"), "no site left behind on {}", store.backend());
        assert!(store.user_for_login("admin@example.org").await.expect("user").is_none());
        let audit = store.audit_records(&AuditFilter::default(), 5).await.expect("audit");
        assert!(audit.is_empty());
    }
}
