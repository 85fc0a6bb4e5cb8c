//! The store's behaviour, run against SQLite and PostgreSQL alike.

use portico_content::{ReleaseDraft, Status};
use portico_store::testing::TestDb;
use portico_store::{
    MenuItem, NewContact, NewPage, NewPartner, NewRelease, NewSite, NewTheme, ReleaseFilter, Store,
    StoreError,
};
use time::macros::date;

async fn global_site(store: &Store) -> portico_content::SiteId {
    store
        .create_site(&NewSite {
            key: "global".into(),
            name: "IOM".into(),
            languages: vec!["en".into(), "fr".into()],
            country: None,
            hosts: vec!["localhost".into()],
        })
        .await
        .expect("create site")
}

async fn taxonomy(store: &Store) {
    store
        .upsert_theme(&NewTheme {
            slug: "children".into(),
            name: "Migrant children".into(),
            description: String::new(),
        })
        .await
        .expect("theme");
    store
        .upsert_partner(&NewPartner {
            slug: "unhcr".into(),
            name: "UNHCR".into(),
            acronym: "UNHCR".into(),
        })
        .await
        .expect("partner");
    store
        .upsert_contact(&NewContact {
            key: "aamaya".into(),
            name: "Alba Miriam Amaya".into(),
            office: "IOM El Salvador".into(),
            phone: "+503 2521 0500".into(),
            email: "aamaya@iom.int".into(),
        })
        .await
        .expect("contact");
}

fn draft(title: &str, date: time::Date, countries: &[&str]) -> ReleaseDraft {
    ReleaseDraft {
        title: title.into(),
        slug: portico_content::slugify(title),
        dateline: "San Salvador".into(),
        date: Some(date),
        summary: "In brief.".into(),
        body_markdown: "Body with <script>alert(1)</script> **bold**.".into(),
        countries: countries.iter().map(|c| (*c).to_owned()).collect(),
        themes: vec!["children".into()],
        partners: vec!["unhcr".into()],
        programme: "Mesoamerica Regional Programme".into(),
        contacts: vec!["aamaya".into()],
    }
}

#[tokio::test]
async fn a_published_release_reads_back_with_its_links_and_sanitized_body() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let release = NewRelease {
            site,
            language: "en".into(),
            draft: draft(
                "Protecting migrant children",
                date!(2015 - 08 - 21),
                &["SV", "gt"],
            ),
            status: Status::Published,
        };
        store
            .create_release(&release)
            .await
            .expect("create release");

        let read = store
            .published_release(site, "en", "protecting-migrant-children")
            .await
            .expect("read")
            .expect("found");
        assert_eq!(read.dateline, "San Salvador", "{}", store.backend());
        assert_eq!(read.countries, ["SV", "GT"]);
        assert_eq!(read.themes[0].slug, "children");
        assert_eq!(read.partners[0].acronym, "UNHCR");
        assert_eq!(read.contacts[0].phone, "+503 2521 0500");
        assert_eq!(read.published_at.date(), date!(2015 - 08 - 21));
        assert!(read.body_html.contains("<strong>bold</strong>"));
        assert!(!read.body_html.contains("<script"));
        assert!(
            store
                .published_release(site, "fr", "protecting-migrant-children")
                .await
                .expect("read")
                .is_none()
        );
    }
}

#[tokio::test]
async fn drafts_and_future_releases_stay_private() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let mut draft_release = NewRelease {
            site,
            language: "en".into(),
            draft: draft("Still a draft", date!(2020 - 01 - 01), &["SV"]),
            status: Status::Draft,
        };
        store.create_release(&draft_release).await.expect("draft");
        draft_release.draft = draft("Embargoed until later", date!(2999 - 01 - 01), &["SV"]);
        draft_release.status = Status::Published;
        store.create_release(&draft_release).await.expect("future");

        let list = store
            .published_releases(site, "en", &ReleaseFilter::default(), 1, 20)
            .await
            .expect("list");
        assert_eq!(list.total, 0, "{}", store.backend());
        assert!(
            store
                .published_release(site, "en", "still-a-draft")
                .await
                .expect("read")
                .is_none()
        );
        assert!(
            store
                .published_release(site, "en", "embargoed-until-later")
                .await
                .expect("read")
                .is_none()
        );
    }
}

#[tokio::test]
async fn the_news_list_filters_pages_and_counts() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        for (i, (year, country)) in [(2015, "SV"), (2016, "SV"), (2016, "MX"), (2017, "KE")]
            .iter()
            .enumerate()
        {
            let date = time::Date::from_calendar_date(*year, time::Month::March, 1 + i as u8)
                .expect("date");
            let mut d = draft(&format!("Release number {i}"), date, &[country]);
            if *country == "KE" {
                d.themes.clear();
            }
            store
                .create_release(&NewRelease {
                    site,
                    language: "en".into(),
                    draft: d,
                    status: Status::Published,
                })
                .await
                .expect("create");
        }
        let all = store
            .published_releases(site, "en", &ReleaseFilter::default(), 1, 20)
            .await
            .expect("list");
        assert_eq!(all.total, 4);
        assert_eq!(
            all.items[0].title,
            "Release number 3",
            "newest first on {}",
            store.backend()
        );

        let sv = ReleaseFilter {
            country: Some("SV".into()),
            ..Default::default()
        };
        let list = store
            .published_releases(site, "en", &sv, 1, 20)
            .await
            .expect("list");
        assert_eq!(list.total, 2);
        assert_eq!(list.items[0].countries, ["SV"]);

        let combined = ReleaseFilter {
            country: Some("SV".into()),
            theme: Some("children".into()),
            year: Some(2016),
        };
        let list = store
            .published_releases(site, "en", &combined, 1, 20)
            .await
            .expect("list");
        assert_eq!(list.total, 1);
        assert_eq!(list.items[0].title, "Release number 1");

        let second_page = store
            .published_releases(site, "en", &ReleaseFilter::default(), 2, 3)
            .await
            .expect("list");
        assert_eq!(second_page.total, 4);
        assert_eq!(second_page.items.len(), 1);
        assert_eq!(second_page.items[0].title, "Release number 0");

        assert_eq!(
            store.release_years(site, "en").await.expect("years"),
            [2017, 2016, 2015]
        );
        let counts = store
            .release_counts_by_country(site, "en")
            .await
            .expect("counts");
        assert_eq!(
            counts,
            [
                ("KE".to_owned(), 1),
                ("MX".to_owned(), 1),
                ("SV".to_owned(), 2)
            ]
        );
    }
}

#[tokio::test]
async fn a_taken_slug_or_unknown_reference_writes_nothing() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let release = NewRelease {
            site,
            language: "en".into(),
            draft: draft("Same title", date!(2020 - 01 - 01), &["SV"]),
            status: Status::Published,
        };
        store.create_release(&release).await.expect("first");
        let again = store.create_release(&release).await;
        assert!(
            matches!(again, Err(StoreError::Conflict { field: "slug" })),
            "{again:?}"
        );

        let mut unknown = release.clone();
        unknown.draft.slug = "other".into();
        unknown.draft.themes = vec!["no-such-theme".into()];
        let result = store.create_release(&unknown).await;
        assert!(
            matches!(
                result,
                Err(StoreError::UnknownReference { what: "theme", .. })
            ),
            "{result:?}"
        );

        let list = store
            .published_releases(site, "en", &ReleaseFilter::default(), 1, 20)
            .await
            .expect("list");
        assert_eq!(list.total, 1, "{}", store.backend());
    }
}

#[tokio::test]
async fn pages_and_menus_read_back_in_order() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        for path in ["our-work", "our-work/partnerships"] {
            store
                .create_page(&NewPage {
                    site,
                    language: "en".into(),
                    path: path.into(),
                    title: path.into(),
                    summary: String::new(),
                    body_markdown: "Text".into(),
                    status: Status::Published,
                    published_at: Some(portico_store::now()),
                })
                .await
                .expect("page");
        }
        let page = store
            .published_page(site, "en", "our-work/partnerships")
            .await
            .expect("read")
            .expect("found");
        assert_eq!(page.body_html, "<p>Text</p>\n");
        let menu = vec![MenuItem {
            label: "Our work".into(),
            path: "our-work".into(),
            children: vec![MenuItem {
                label: "Partnerships".into(),
                path: "our-work/partnerships".into(),
                children: vec![],
            }],
        }];
        store.replace_menu(site, "en", &menu).await.expect("menu");
        store
            .replace_menu(site, "en", &menu)
            .await
            .expect("menu again");
        assert_eq!(
            store.menu(site, "en").await.expect("menu"),
            menu,
            "{}",
            store.backend()
        );
        assert!(store.menu(site, "fr").await.expect("menu").is_empty());
    }
}

#[tokio::test]
async fn site_keys_are_unique() {
    for db in TestDb::each().await {
        let store = &db.store;
        assert!(store.is_empty().await.expect("empty"));
        global_site(store).await;
        assert!(!store.is_empty().await.expect("empty"));
        let again = store
            .create_site(&NewSite {
                key: "global".into(),
                name: "x".into(),
                languages: vec!["en".into()],
                country: None,
                hosts: vec![],
            })
            .await;
        assert!(matches!(again, Err(StoreError::Conflict { field: "key" })));
        assert_eq!(
            store
                .site_by_key("global")
                .await
                .expect("site")
                .expect("found")
                .languages,
            ["en", "fr"]
        );
    }
}
