//! The store's behaviour, run against SQLite and PostgreSQL alike.

use portico_content::{Draft, Kind, Status};
use portico_store::testing::TestDb;
use portico_store::{
    ContactName, MenuItem, NewContact, NewDocument, NewPartner, NewProgramme, NewSite, NewTheme, PartnerName,
    ProgrammeName, ReleaseFilter, Store, StoreError,
};
use time::macros::date;

async fn global_site(store: &Store) -> portico_content::SiteId {
    store
        .create_site(
            &NewSite {
                key: "global".into(),
                name: "IOM".into(),
                languages: vec!["en".into(), "fr".into()],
                country: None,
                hosts: vec!["localhost".into()],
                names: Default::default(),
                fallback_to_default: true,
            },
            &portico_store::Audit::system("test", "site.create"),
        )
        .await
        .expect("create site")
}

async fn taxonomy(store: &Store) {
    store
        .upsert_theme(&NewTheme {
            slug: "children".into(),
            name: "Migrant children".into(),
            description: String::new(),
            names: Vec::new(),
        })
        .await
        .expect("theme");
    store
        .upsert_partner(&NewPartner {
            slug: "unhcr".into(),
            name: "UNHCR".into(),
            acronym: "UNHCR".into(),
            names: Vec::new(),
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
            names: Vec::new(),
        })
        .await
        .expect("contact");
    store
        .upsert_programme(&NewProgramme {
            slug: "mesoamerica".into(),
            name: "Mesoamerica Regional Programme".into(),
            description: String::new(),
            site_id: None,
            names: vec![ProgrammeName {
                language: "fr".into(),
                name: "Programme régional Mésoamérique".into(),
                description: String::new(),
            }],
        })
        .await
        .expect("programme");
}

fn draft(title: &str, date: time::Date, countries: &[&str]) -> Draft {
    Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        dateline: "San Salvador".into(),
        published_at: Some(date.midnight().assume_utc() + time::Duration::hours(9)),
        summary: "In brief.".into(),
        body_markdown: "Body with <script>alert(1)</script> **bold**.".into(),
        countries: countries.iter().map(|c| (*c).to_owned()).collect(),
        themes: vec!["children".into()],
        partners: vec!["unhcr".into()],
        programme: "mesoamerica".into(),
        contacts: vec!["aamaya".into()],
        image: None,
        goals: vec![],
        vacancy: None,
        publication: None,
        file: None,
    }
}

#[tokio::test]
async fn a_published_release_reads_back_with_its_links_and_sanitized_body() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let release = NewDocument {
            kind: Kind::Release,
            author: None,
            site,
            language: "en".into(),
            draft: draft("Protecting migrant children", date!(2015 - 08 - 21), &["SV", "gt"]),
            status: Status::Published,
        };
        store
            .create_document(&release, &portico_store::Audit::system("test", "document.create"))
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
        assert_eq!(read.programme, "Mesoamerica Regional Programme");
        assert_eq!(read.published_at.date(), date!(2015 - 08 - 21));
        assert!(read.body_html.contains("<strong>bold</strong>"));
        assert!(!read.body_html.contains("<script"));
        assert!(
            store.published_release(site, "fr", "protecting-migrant-children").await.expect("read").is_none()
        );
    }
}

#[tokio::test]
async fn upserting_a_theme_partner_or_contact_replaces_its_names_in_other_languages() {
    for db in TestDb::each().await {
        let store = &db.store;
        let theme_name = |language: &str, name: &str| portico_store::ThemeName {
            language: language.into(),
            name: name.into(),
            description: String::new(),
        };
        let partner_name = |language: &str, name: &str, acronym: &str| PartnerName {
            language: language.into(),
            name: name.into(),
            acronym: acronym.into(),
        };
        let theme = |names| NewTheme {
            slug: "children".into(),
            name: "Migrant children".into(),
            description: String::new(),
            names,
        };
        let partner = |names| NewPartner {
            slug: "unhcr".into(),
            name: "UN Refugee Agency".into(),
            acronym: "UNHCR".into(),
            names,
        };
        store
            .upsert_theme(&theme(vec![
                theme_name("fr", "Enfants migrants"),
                theme_name("es", "Niñez migrante"),
            ]))
            .await
            .expect("theme");
        store
            .upsert_partner(&partner(vec![partner_name(
                "es",
                "Agencia de la ONU para los Refugiados",
                "ACNUR",
            )]))
            .await
            .expect("partner");
        let themes = store.themes().await.expect("themes");
        assert_eq!(themes[0].name_in("es"), "Niñez migrante", "{}", store.backend());
        assert_eq!(themes[0].name_in("fr"), "Enfants migrants");
        let partners = store.partners().await.expect("partners");
        assert_eq!(partners[0].acronym_in("es"), "ACNUR");
        assert_eq!(partners[0].acronym_in("fr"), "UNHCR");

        // Loaded again with other names: those replace the earlier ones, none is left over.
        store.upsert_theme(&theme(vec![theme_name("fr", "Enfance en migration")])).await.expect("theme");
        store.upsert_partner(&partner(Vec::new())).await.expect("partner");
        let themes = store.themes().await.expect("themes");
        assert_eq!(themes.len(), 1);
        assert_eq!(themes[0].name_in("fr"), "Enfance en migration");
        assert_eq!(themes[0].name_in("es"), "Migrant children");
        let partners = store.partners().await.expect("partners");
        assert_eq!((partners.len(), partners[0].names.len()), (1, 0));
        assert_eq!(partners[0].acronym_in("es"), "UNHCR");

        let contact = |names| NewContact {
            key: "aamaya".into(),
            name: "Alba Miriam Amaya".into(),
            office: "IOM El Salvador".into(),
            phone: String::new(),
            email: String::new(),
            names,
        };
        let office =
            |language: &str, office: &str| ContactName { language: language.into(), office: office.into() };
        store.upsert_contact(&contact(vec![office("es", "OIM El Salvador")])).await.expect("contact");
        assert_eq!(store.contacts().await.expect("contacts")[0].office_in("es"), "OIM El Salvador");
        // An entry with nothing in it is left out, as the back office's saves leave it out.
        store
            .upsert_contact(&contact(vec![office("fr", "OIM Salvador"), office("de", "")]))
            .await
            .expect("contact");
        let contacts = store.contacts().await.expect("contacts");
        assert_eq!(
            (contacts[0].office_in("es"), contacts[0].office_in("fr")),
            ("IOM El Salvador", "OIM Salvador")
        );
        assert_eq!(contacts[0].names.len(), 1, "{:?}", contacts[0].names);
    }
}

#[tokio::test]
async fn drafts_and_future_releases_stay_private() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let mut draft_release = NewDocument {
            kind: Kind::Release,
            author: None,
            site,
            language: "en".into(),
            draft: draft("Still a draft", date!(2020 - 01 - 01), &["SV"]),
            status: Status::Draft,
        };
        store
            .create_document(&draft_release, &portico_store::Audit::system("test", "document.create"))
            .await
            .expect("draft");
        draft_release.draft = draft("Embargoed until later", date!(2999 - 01 - 01), &["SV"]);
        draft_release.status = Status::Published;
        store
            .create_document(&draft_release, &portico_store::Audit::system("test", "document.create"))
            .await
            .expect("future");

        let list =
            store.published_releases(site, "en", &ReleaseFilter::default(), 1, 20).await.expect("list");
        assert_eq!(list.total, 0, "{}", store.backend());
        assert!(store.published_release(site, "en", "still-a-draft").await.expect("read").is_none());
        assert!(store.published_release(site, "en", "embargoed-until-later").await.expect("read").is_none());
    }
}

#[tokio::test]
async fn the_news_list_filters_pages_and_counts() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        for (i, (year, country)) in
            [(2015, "SV"), (2016, "SV"), (2016, "MX"), (2017, "KE")].iter().enumerate()
        {
            let date = time::Date::from_calendar_date(*year, time::Month::March, 1 + i as u8).expect("date");
            let mut d = draft(&format!("Release number {i}"), date, &[country]);
            if *country == "KE" {
                d.themes.clear();
            }
            store
                .create_document(
                    &NewDocument {
                        kind: Kind::Release,
                        author: None,
                        site,
                        language: "en".into(),
                        draft: d,
                        status: Status::Published,
                    },
                    &portico_store::Audit::system("test", "document.create"),
                )
                .await
                .expect("create");
        }
        let all = store.published_releases(site, "en", &ReleaseFilter::default(), 1, 20).await.expect("list");
        assert_eq!(all.total, 4);
        assert_eq!(all.items[0].title, "Release number 3", "newest first on {}", store.backend());

        let sv = ReleaseFilter { country: Some("SV".into()), ..Default::default() };
        let list = store.published_releases(site, "en", &sv, 1, 20).await.expect("list");
        assert_eq!(list.total, 2);
        assert_eq!(list.items[0].countries, ["SV"]);

        let combined = ReleaseFilter {
            country: Some("SV".into()),
            theme: Some("children".into()),
            year: Some(2016),
            goal: None,
        };
        let list = store.published_releases(site, "en", &combined, 1, 20).await.expect("list");
        assert_eq!(list.total, 1);
        assert_eq!(list.items[0].title, "Release number 1");

        let second_page =
            store.published_releases(site, "en", &ReleaseFilter::default(), 2, 3).await.expect("list");
        assert_eq!(second_page.total, 4);
        assert_eq!(second_page.items.len(), 1);
        assert_eq!(second_page.items[0].title, "Release number 0");

        assert_eq!(store.release_facets(site, "en").await.expect("years").years, [2017, 2016, 2015]);
        let counts = store.release_counts_by_country(site, "en").await.expect("counts");
        assert_eq!(counts, [("KE".to_owned(), 1), ("MX".to_owned(), 1), ("SV".to_owned(), 2)]);
    }
}

#[tokio::test]
async fn a_taken_slug_or_unknown_reference_writes_nothing() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let release = NewDocument {
            kind: Kind::Release,
            author: None,
            site,
            language: "en".into(),
            draft: draft("Same title", date!(2020 - 01 - 01), &["SV"]),
            status: Status::Published,
        };
        store
            .create_document(&release, &portico_store::Audit::system("test", "document.create"))
            .await
            .expect("first");
        let again =
            store.create_document(&release, &portico_store::Audit::system("test", "document.create")).await;
        assert!(matches!(again, Err(StoreError::Conflict { field: "slug" })), "{again:?}");

        let mut unknown = release.clone();
        unknown.draft.slug = "other".into();
        unknown.draft.themes = vec!["no-such-theme".into()];
        let result =
            store.create_document(&unknown, &portico_store::Audit::system("test", "document.create")).await;
        assert!(matches!(result, Err(StoreError::UnknownReference { what: "theme", .. })), "{result:?}");

        let list =
            store.published_releases(site, "en", &ReleaseFilter::default(), 1, 20).await.expect("list");
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
                .create_document(
                    &NewDocument {
                        site,
                        kind: Kind::Page,
                        language: "en".into(),
                        draft: Draft {
                            title: path.into(),
                            slug: path.into(),
                            body_markdown: "Text".into(),
                            published_at: Some(portico_store::now()),
                            ..Draft::default()
                        },
                        status: Status::Published,
                        author: None,
                    },
                    &portico_store::Audit::system("test", "document.create"),
                )
                .await
                .expect("page");
        }
        let page =
            store.published_page(site, "en", "our-work/partnerships").await.expect("read").expect("found");
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
        store
            .replace_menu(site, "en", &menu, &portico_store::Audit::system("test", "menu.save"))
            .await
            .expect("menu");
        store
            .replace_menu(site, "en", &menu, &portico_store::Audit::system("test", "menu.save"))
            .await
            .expect("menu again");
        assert_eq!(store.menu(site, "en").await.expect("menu"), menu, "{}", store.backend());
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
            .create_site(
                &NewSite {
                    key: "global".into(),
                    name: "x".into(),
                    languages: vec!["en".into()],
                    country: None,
                    hosts: vec![],
                    names: Default::default(),
                    fallback_to_default: true,
                },
                &portico_store::Audit::system("test", "site.create"),
            )
            .await;
        assert!(matches!(again, Err(StoreError::Conflict { field: "key" })));
        assert_eq!(store.site_by_key("global").await.expect("site").expect("found").languages, ["en", "fr"]);
    }
}

#[tokio::test]
async fn saves_make_revisions_and_a_stale_save_is_refused() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let (document, variant) = store
            .create_document(
                &NewDocument {
                    site,
                    kind: Kind::Release,
                    language: "en".into(),
                    draft: draft("First words", date!(2020 - 01 - 01), &["SV"]),
                    status: Status::Draft,
                    author: None,
                },
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("create");
        let editable = store.editable_variant(document, None).await.expect("read").expect("found");
        assert_eq!(editable.revision, 1);
        assert_eq!(editable.draft.themes, ["children"]);
        assert_eq!(editable.draft.contacts, ["aamaya"]);

        let mut second = editable.draft.clone();
        second.title = "Second words".into();
        second.countries = vec!["GT".into(), "SV".into()];
        assert_eq!(
            store
                .update_document(
                    document,
                    "en",
                    1,
                    &second,
                    &portico_store::Audit::system("test", "document.save")
                )
                .await
                .expect("save"),
            2
        );

        let mut late = editable.draft.clone();
        late.title = "Late words".into();
        let stale = store
            .update_document(document, "en", 1, &late, &portico_store::Audit::system("test", "document.save"))
            .await;
        assert!(matches!(stale, Err(StoreError::StaleRevision)), "{stale:?} on {}", store.backend());

        let now = store.editable_variant(document, Some("en")).await.expect("read").expect("found");
        assert_eq!(now.draft.title, "Second words");
        assert_eq!(now.draft.countries, ["GT", "SV"]);
        let revisions = store.revisions(variant).await.expect("revisions");
        let titles: Vec<_> = revisions.iter().map(|r| (r.number, r.draft.title.as_str())).collect();
        assert_eq!(titles, [(2, "Second words"), (1, "First words")]);
    }
}

#[tokio::test]
async fn scheduled_releases_publish_when_due_and_status_changes_check_the_current_state() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let mut due = draft("Due now", date!(2020 - 01 - 01), &["SV"]);
        due.published_at = Some(portico_store::now() - time::Duration::seconds(5));
        let mut later = draft("Due later", date!(2020 - 01 - 01), &["SV"]);
        later.published_at = Some(portico_store::now() + time::Duration::hours(1));
        let mut ids = Vec::new();
        for d in [due, later] {
            let (id, _) = store
                .create_document(
                    &NewDocument {
                        site,
                        kind: Kind::Release,
                        language: "en".into(),
                        draft: d,
                        status: Status::Scheduled,
                        author: None,
                    },
                    &portico_store::Audit::system("test", "document.create"),
                )
                .await
                .expect("create");
            ids.push(id);
        }
        let published = store.publish_due().await.expect("publish due");
        assert_eq!(published, [(ids[0], site)], "{}", store.backend());
        assert!(store.published_release(site, "en", "due-now").await.expect("read").is_some());
        assert!(store.published_release(site, "en", "due-later").await.expect("read").is_none());

        let wrong_state = store
            .set_status(
                ids[1],
                "en",
                Status::Draft,
                Status::InReview,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await;
        assert!(matches!(wrong_state, Err(StoreError::StaleRevision)));
        store
            .set_status(
                ids[0],
                "en",
                Status::Published,
                Status::Draft,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("unpublish");
        assert!(store.published_release(site, "en", "due-now").await.expect("read").is_none());
    }
}

#[tokio::test]
async fn accounts_sessions_tokens_and_the_audit_log() {
    use portico_content::Role;
    use portico_store::{Actor, AuditFilter, NewSession, NewUser};
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        let user = store
            .create_user(
                &NewUser {
                    email: "Editor@Example.org ".into(),
                    name: "Ed".into(),
                    password_hash: "$argon2id$fake".into(),
                    role: Role::Editor,
                    sites: vec![site],
                },
                &portico_store::Audit::system("test", "user.create"),
            )
            .await
            .expect("user");
        let again = store
            .create_user(
                &NewUser {
                    email: "editor@example.org".into(),
                    name: "Ed".into(),
                    password_hash: "x".into(),
                    role: Role::Author,
                    sites: vec![],
                },
                &portico_store::Audit::system("test", "user.create"),
            )
            .await;
        assert!(matches!(again, Err(StoreError::Conflict { field: "email" })));
        let (found, hash) = store.user_for_login("EDITOR@example.org").await.expect("login").expect("found");
        assert_eq!(
            (found.id, found.role, found.sites.clone(), hash.as_str()),
            (user, Role::Editor, vec![site], "$argon2id$fake")
        );

        // Failed sign-ins back off per address; signing in forgets only its own address's, and
        // tells of the others.
        let tried = |client: &str| Actor::unknown("editor@example.org", client).doing("login.failed");
        store
            .record_login_failure("editor@example.org", "10.0.0.1", &tried("10.0.0.1"), None)
            .await
            .expect("failure");
        store
            .record_login_failure("editor@example.org", "10.0.0.2", &tried("10.0.0.2"), None)
            .await
            .expect("failure");
        let since = portico_store::now() - time::Duration::minutes(5);
        let failures = store.login_failures("EDITOR@example.org", "10.0.0.1", since).await.expect("count");
        assert_eq!((failures.by_account.0, failures.by_pair.0, failures.by_client.0), (2, 1, 1));

        let expires = portico_store::now() + time::Duration::hours(1);
        let session = |hash| NewSession {
            token_hash: hash,
            user,
            csrf_token: "csrf",
            expires_at: expires,
            client: "10.0.0.1",
            stage: portico_store::SessionStage::Full,
        };
        let ed = Actor::person(user, "editor@example.org", "10.0.0.1");
        let missed = store.sign_in(&session("hash-1"), &ed.doing("login")).await.expect("session");
        assert_eq!(missed, 1, "the other address's failure is told");
        let failures = store.login_failures("editor@example.org", "10.0.0.9", since).await.expect("count");
        assert_eq!(failures.by_account.0, 1, "another address's failures stay");
        assert_eq!(store.session("hash-1").await.expect("session").expect("live").csrf_token, "csrf");
        store.delete_session("hash-1", &ed.doing("logout")).await.expect("logout");
        assert!(store.session("hash-1").await.expect("session").is_none());

        let token = store
            .create_api_token(
                user,
                "CMS bridge",
                "token-hash",
                &portico_store::Audit::system("test", "token.create"),
            )
            .await
            .expect("token");
        assert_eq!(store.api_token_user("token-hash").await.expect("token").map(|u| u.id), Some(user));
        assert!(
            store
                .revoke_api_token(user, token, &portico_store::Audit::system("test", "token.revoke"))
                .await
                .expect("revoke")
        );
        assert!(store.api_token_user("token-hash").await.expect("token").is_none(), "revoked");

        store.sign_in(&session("hash-2"), &ed.doing("login")).await.expect("session");
        store.delete_user(user).await.expect("delete");
        assert!(store.session("hash-2").await.expect("session").is_none(), "a deleted user's session ends");

        let release = NewDocument {
            kind: Kind::Release,
            author: None,
            site,
            language: "en".into(),
            draft: Draft { title: "Filtered".into(), slug: "filtered".into(), ..Draft::default() },
            status: Status::Draft,
        };
        store
            .create_document(&release, &portico_store::Audit::system("test", "release.publish"))
            .await
            .expect("doc");
        let filter = AuditFilter {
            action: Some("release.".into()),
            site: Some("global".into()),
            ..AuditFilter::default()
        };
        let records = store.audit_records(&filter, 50).await.expect("records");
        assert_eq!(records.len(), 1, "{}", store.backend());
        assert_eq!(records[0].action, "release.publish");
        assert_eq!(records[0].site_key.as_deref(), Some("global"));
    }
}

#[tokio::test]
async fn a_translation_goes_out_of_date_when_its_original_changes() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = global_site(store).await;
        taxonomy(store).await;
        let original = draft("Protecting children", date!(2020 - 01 - 01), &["SV"]);
        let (document, _) = store
            .create_document(
                &NewDocument {
                    site,
                    kind: Kind::Release,
                    language: "en".into(),
                    draft: original.clone(),
                    status: Status::Published,
                    author: None,
                },
                &portico_store::Audit::system("test", "document.create"),
            )
            .await
            .expect("create");
        store
            .create_translation(document, "fr", &portico_store::Audit::system("test", "document.translate"))
            .await
            .expect("translate");
        let again = store
            .create_translation(document, "fr", &portico_store::Audit::system("test", "document.translate"))
            .await;
        assert!(matches!(again, Err(StoreError::Conflict { field: "language" })), "{again:?}");

        let variants = store.variants_of(document).await.expect("variants");
        let states: Vec<_> =
            variants.iter().map(|v| (v.language.as_str(), v.original, v.out_of_date, v.status)).collect();
        assert_eq!(
            states,
            [("en", true, false, Status::Published), ("fr", false, false, Status::Draft)],
            "{}",
            store.backend()
        );

        let mut changed = original.clone();
        changed.summary = "A new summary.".into();
        store
            .update_document(
                document,
                "en",
                1,
                &changed,
                &portico_store::Audit::system("test", "document.save"),
            )
            .await
            .expect("edit original");
        let fr = store.variants_of(document).await.expect("variants").remove(1);
        assert!(fr.out_of_date, "the original moved on");

        let mut french = store.editable_variant(document, Some("fr")).await.expect("read").expect("fr").draft;
        french.title = "Protéger les enfants".into();
        french.slug = "proteger-les-enfants".into();
        store
            .update_document(
                document,
                "fr",
                1,
                &french,
                &portico_store::Audit::system("test", "document.save"),
            )
            .await
            .expect("save translation");
        let status = store.translation_status(site).await.expect("status");
        assert_eq!(status.len(), 1);
        assert!(!status[0].variants[1].out_of_date, "saved against the current original");
        assert_eq!(status[0].variants[1].slug, "proteger-les-enfants");

        store
            .set_status(
                document,
                "fr",
                Status::Draft,
                Status::Published,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("publish fr");
        let published = store.published_translations(document).await.expect("published");
        assert_eq!(
            published,
            [
                ("en".to_owned(), "protecting-children".to_owned()),
                ("fr".to_owned(), "proteger-les-enfants".to_owned())
            ]
        );
        assert_eq!(
            store.document_by_slug(site, Kind::Release, "proteger-les-enfants").await.expect("find"),
            Some(document)
        );
    }
}

#[tokio::test]
async fn a_country_site_lists_its_own_releases_and_the_global_ones_about_its_country() {
    for db in TestDb::each().await {
        let store = &db.store;
        let global = global_site(store).await;
        taxonomy(store).await;
        let sv = store
            .create_site(
                &NewSite {
                    key: "sv".into(),
                    name: "OIM El Salvador".into(),
                    languages: vec!["es".into(), "en".into()],
                    country: Some("SV".into()),
                    hosts: vec!["sv.example.org".into()],
                    names: Default::default(),
                    fallback_to_default: true,
                },
                &portico_store::Audit::system("test", "site.create"),
            )
            .await
            .expect("site");
        let taken = store
            .create_site(
                &NewSite {
                    key: "sv2".into(),
                    name: "x".into(),
                    languages: vec!["es".into()],
                    country: None,
                    hosts: vec!["SV.example.org".into()],
                    names: Default::default(),
                    fallback_to_default: true,
                },
                &portico_store::Audit::system("test", "site.create"),
            )
            .await;
        assert!(matches!(taken, Err(StoreError::Conflict { field: "host" })), "{taken:?}");
        for (site, language, title, country) in [
            (global, "en", "Global about El Salvador", "SV"),
            (global, "en", "Global about Kenya", "KE"),
            (sv, "en", "Local news", "SV"),
        ] {
            store
                .create_document(
                    &NewDocument {
                        site,
                        kind: Kind::Release,
                        language: language.into(),
                        draft: draft(title, date!(2020 - 01 - 01), &[country]),
                        status: Status::Published,
                        author: None,
                    },
                    &portico_store::Audit::system("test", "document.create"),
                )
                .await
                .expect("create");
        }
        let filter = ReleaseFilter::default();
        let list = store.published_releases(sv, "en", &filter, 1, 20).await.expect("list");
        let mut titles: Vec<_> = list.items.iter().map(|r| (r.title.as_str(), r.site_id == global)).collect();
        titles.sort();
        assert_eq!(
            titles,
            [("Global about El Salvador", true), ("Local news", false)],
            "{}",
            store.backend()
        );
        assert_eq!(list.total, 2);
    }
}

/// Programmes are one list: a document links one by key, its translations show it in their
/// language, a site's own programme is refused to another site's documents, and the free
/// text versions carried before is adopted once into programmes.
#[tokio::test]
async fn programmes_are_linked_by_key_named_per_language_and_kept_to_their_site() {
    for db in TestDb::each().await {
        let store = &db.store;
        let backend = store.backend();
        let site = global_site(store).await;
        taxonomy(store).await;
        let audit = |action: &str| portico_store::Audit::system("test", action);
        let office = store
            .create_site(
                &portico_store::testing::new_site("sv", &["es", "en"], Some("SV")),
                &audit("site.create"),
            )
            .await
            .expect("office");
        let own = store
            .create_taxonomy_entry(
                portico_store::TaxonomyKind::Programme,
                "retorno-digno",
                &["Retorno digno", "Reintegration in El Salvador"],
                Some(office),
                &audit("programme.create"),
            )
            .await
            .expect("the office's own programme");

        let mut release = NewDocument {
            kind: Kind::Release,
            author: None,
            site,
            language: "en".into(),
            draft: draft("Programme links", date!(2020 - 01 - 10), &["SV"]),
            status: Status::Published,
        };
        let (document, _) = store.create_document(&release, &audit("document.create")).await.expect("create");
        store.create_translation(document, "fr", &audit("document.translate")).await.expect("translate");
        let french = store.editable_variant(document, Some("fr")).await.expect("read").expect("fr");
        assert_eq!(french.draft.programme, "mesoamerica", "{backend}: the translation shares the link");
        let mut published = french.draft.clone();
        published.slug = "liens".into();
        store
            .update_document(document, "fr", french.revision, &published, &audit("document.save"))
            .await
            .expect("save");
        store
            .set_status(
                document,
                "fr",
                Status::Draft,
                Status::Published,
                published.published_at,
                &audit("document.publish"),
            )
            .await
            .expect("publish");
        let read = store.published_release(site, "fr", "liens").await.expect("read").expect("found");
        assert_eq!(read.programme, "Programme régional Mésoamérique", "{backend}");

        // Another site's programme is unknown here; the office links it.
        release.draft = draft("Someone else's programme", date!(2020 - 01 - 11), &["SV"]);
        release.draft.programme = "retorno-digno".into();
        let refused = store.create_document(&release, &audit("document.create")).await;
        assert!(
            matches!(refused, Err(StoreError::UnknownReference { what: "programme", .. })),
            "{backend}: {refused:?}"
        );
        // So is a theme or a contact the office keeps, through the one-by-one and the bulk paths.
        store
            .create_taxonomy_entry(
                portico_store::TaxonomyKind::Theme,
                "municipios",
                &["Municipios", ""],
                Some(office),
                &audit("theme.create"),
            )
            .await
            .expect("the office's own theme");
        store
            .create_taxonomy_entry(
                portico_store::TaxonomyKind::Contact,
                "rosa",
                &["Rosa Díaz", "OIM El Salvador", "", ""],
                Some(office),
                &audit("contact.create"),
            )
            .await
            .expect("the office's own contact");
        let mut with_theme = release.clone();
        with_theme.draft.programme.clear();
        with_theme.draft.themes = vec!["municipios".into()];
        let refused = store.create_document(&with_theme, &audit("document.create")).await;
        assert!(
            matches!(refused, Err(StoreError::UnknownReference { what: "theme", .. })),
            "{backend}: {refused:?}"
        );
        let mut with_contact = with_theme.draft.clone();
        with_contact.themes.clear();
        with_contact.contacts = vec!["rosa".into()];
        let bulk = |site, draft: Draft| portico_store::ImportDocument {
            site,
            kind: Kind::Release,
            variants: vec![portico_store::ImportVariant {
                language: "es".into(),
                draft,
                status: Status::Published,
            }],
        };
        let refused = store.import_documents(vec![bulk(site, with_contact.clone())], &audit("import")).await;
        assert!(
            matches!(refused, Err(StoreError::UnknownReference { what: "contact", .. })),
            "{backend}: {refused:?}"
        );
        with_contact.slug = "con-contacto-propio".into();
        store
            .import_documents(vec![bulk(office, with_contact)], &audit("import"))
            .await
            .expect("the office's own contact");

        release.site = office;
        release.language = "es".into();
        release.draft.themes = vec!["municipios".into()];
        store.create_document(&release, &audit("document.create")).await.expect("the office links its own");
        let offered: Vec<String> =
            store.programmes_for(site).await.expect("programmes").into_iter().map(|p| p.slug).collect();
        assert_eq!(offered, ["mesoamerica"], "{backend}");
        let offered = store.programmes_for(office).await.expect("programmes");
        assert!(offered.iter().any(|p| p.id.0 == own), "{backend}");

        // Cleared, the link is gone; the programme stays.
        let english = store.editable_variant(document, Some("en")).await.expect("read").expect("en");
        let mut cleared = english.draft.clone();
        cleared.programme.clear();
        store
            .update_document(document, "en", english.revision, &cleared, &audit("document.save"))
            .await
            .expect("save");
        let read = store.published_release(site, "fr", "liens").await.expect("read").expect("found");
        assert_eq!(read.programme, "", "{backend}");

        // A database from before programmes were a list: its texts become programmes once.
        let old = NewDocument {
            draft: Draft {
                programme: String::new(),
                ..draft("Before the list", date!(2019 - 03 - 01), &["SV"])
            },
            site,
            language: "en".into(),
            ..release
        };
        let (before, _) = store.create_document(&old, &audit("document.create")).await.expect("create");
        store.create_translation(before, "fr", &audit("document.translate")).await.expect("translate");
        db.execute(&format!(
            "update variants set programme = case language when 'en' then ' Mesoamerica Regional Programme '
                 else 'Programme Mésoamérique (ancien)' end where document_id = {}",
            before.0
        ))
        .await
        .expect("old texts");
        db.execute("insert into pending_rebuilds (name) values ('programmes')").await.expect("pending");
        store.migrate().await.expect("adopt");
        let adopted = store.editable_variant(before, Some("fr")).await.expect("read").expect("fr");
        assert_eq!(
            adopted.draft.programme, "mesoamerica-regional-programme",
            "{backend}: a key from its words"
        );
        let programme = store
            .programmes()
            .await
            .expect("programmes")
            .into_iter()
            .find(|p| p.slug == "mesoamerica-regional-programme")
            .expect("adopted");
        assert_eq!(programme.name, "Mesoamerica Regional Programme", "{backend}");
        assert_eq!(programme.name_in("fr"), "Programme Mésoamérique (ancien)", "{backend}");
        assert_eq!(programme.site_id, None, "{backend}");
        store.migrate().await.expect("again");
        assert_eq!(store.programmes().await.expect("programmes").len(), 3, "{backend}: adopted once");
    }
}
