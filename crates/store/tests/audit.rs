//! Every write is one transaction with its audit entry: the entry is there when the change is,
//! and a change whose entry cannot be written is not stored either. Run on SQLite and
//! PostgreSQL alike.
//!
//! Each test makes the database refuse audit entries of the action `refuse` (a trigger), then
//! tries the operation with that action — it must fail and leave nothing — and again with a
//! normal action, which must leave the change and its entry.

use portico_content::{Draft, Kind, MediaId, Role, SiteId, Status, UserId};
use portico_store::testing::TestDb;
use portico_store::{
    Actor, Audit, AuditFilter, AuditRecord, FeedUpdate, MenuItem, NewDocument, NewFeedSubscription, NewMedia,
    NewSession, NewSite, NewUser, Promotion, SessionStage, Store, StoreError, TotpSecret,
};

const REFUSED: &str = "refuse";

fn editor() -> Actor {
    Actor::person(UserId(1), "ed@example.org", "192.0.2.7")
}

fn refused() -> Audit {
    editor().doing(REFUSED)
}

async fn entries(store: &Store) -> Vec<AuditRecord> {
    store.audit_records(&AuditFilter::default(), 1_000).await.expect("audit log")
}

/// The newest entry, which must be the one for `action`.
async fn last_entry(store: &Store, action: &str) -> AuditRecord {
    let all = entries(store).await;
    let entry = all.first().cloned().unwrap_or_else(|| panic!("no audit entry at all, wanted {action}"));
    assert_eq!(entry.action, action, "{all:?}");
    entry
}

/// Runs the refused attempt and checks it failed and left the audit log as it was.
async fn refused_attempt<T: std::fmt::Debug>(
    store: &Store,
    what: &str,
    attempt: impl std::future::Future<Output = Result<T, StoreError>>,
) {
    let before = entries(store).await.len();
    let result = attempt.await;
    assert!(result.is_err(), "{what} must fail when its audit entry cannot be written: {result:?}");
    assert_eq!(entries(store).await.len(), before, "{what}: no audit entry");
}

fn site_named(key: &str, host: &str) -> NewSite {
    NewSite {
        key: key.into(),
        name: key.to_uppercase(),
        languages: vec!["en".into(), "fr".into()],
        country: None,
        hosts: vec![host.into()],
        names: Default::default(),
        fallback_to_default: true,
    }
}

/// The global site and the editor behind [`editor`], then the trigger that refuses `refuse`.
async fn setup(db: &TestDb) -> SiteId {
    let by_cli = Audit::system("cli", "site.create");
    let site = db.store.create_site(&site_named("global", "localhost"), &by_cli).await.expect("site");
    let ed = NewUser {
        email: "ed@example.org".into(),
        name: "Ed".into(),
        password_hash: "$argon2id$fake".into(),
        role: Role::Editor,
        sites: vec![site],
    };
    let id = db.store.create_user(&ed, &Audit::system("cli", "user.create")).await.expect("editor");
    assert_eq!(Some(id), editor().user, "the editor is the first user");
    db.refuse_audit_action(REFUSED).await;
    site
}

fn release(title: &str, status: Status) -> NewDocument {
    NewDocument {
        site: SiteId(0),
        kind: Kind::Release,
        language: "en".into(),
        draft: Draft {
            title: title.into(),
            slug: portico_content::slugify(title),
            published_at: Some(portico_store::now() - time::Duration::days(1)),
            ..Draft::default()
        },
        status,
        author: Some(UserId(1)),
    }
}

#[tokio::test]
async fn creating_saving_and_moving_a_document_is_stored_with_its_audit_entry_or_not_at_all() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = setup(&db).await;
        let new = NewDocument { site, ..release("Border officials trained", Status::Draft) };

        refused_attempt(store, "create", store.create_document(&new, &refused())).await;
        assert!(store.document_rows(None, None, None, 10).await.expect("rows").is_empty(), "no document");
        let (document, variant) =
            store.create_document(&new, &editor().doing("document.create")).await.expect("create");
        let entry = last_entry(store, "document.create").await;
        assert_eq!(
            (entry.user_email.as_str(), entry.client.as_str(), entry.entity.as_str(), entry.entity_id),
            ("ed@example.org", "192.0.2.7", "document", Some(document.0))
        );
        assert_eq!(entry.site_key.as_deref(), Some("global"));

        let mut changed = new.draft.clone();
        changed.summary = "In brief.".into();
        refused_attempt(store, "save", store.update_document(document, "en", 1, &changed, &refused())).await;
        assert_eq!(store.revisions(variant).await.expect("revisions").len(), 1, "no revision");
        let audit = editor().doing("document.save");
        assert_eq!(store.update_document(document, "en", 1, &changed, &audit).await.expect("save"), 2);
        assert_eq!(last_entry(store, "document.save").await.entity_id, Some(document.0));
        // A stale save writes neither a revision nor an entry.
        let before = entries(store).await.len();
        let stale = store.update_document(document, "en", 1, &changed, &audit).await;
        assert!(matches!(stale, Err(StoreError::StaleRevision)), "{stale:?}");
        assert_eq!(entries(store).await.len(), before);

        let step = |audit| store.set_status(document, "en", Status::Draft, Status::InReview, None, audit);
        let refusal = refused();
        refused_attempt(store, "transition", step(&refusal)).await;
        let status = || async move {
            store.editable_variant(document, None).await.expect("variant").expect("there").status
        };
        assert_eq!(status().await, Status::Draft, "not moved");
        let submit = editor().doing("document.submit");
        step(&submit).await.expect("submit");
        assert_eq!(status().await, Status::InReview);
        assert_eq!(last_entry(store, "document.submit").await.detail, "draft → in_review");

        refused_attempt(store, "translate", store.create_translation(document, "fr", &refused())).await;
        assert_eq!(store.variants_of(document).await.expect("variants").len(), 1, "no translation");
        store
            .create_translation(document, "fr", &editor().doing("document.translate"))
            .await
            .expect("translate");
        assert_eq!(last_entry(store, "document.translate").await.entity_id, Some(document.0));
        let before = entries(store).await.len();
        let again = store.create_translation(document, "fr", &editor().doing("document.translate")).await;
        assert!(matches!(again, Err(StoreError::Conflict { .. })), "{again:?}");
        assert_eq!(entries(store).await.len(), before, "a refused translation leaves no entry");
    }
}

#[tokio::test]
async fn the_scheduler_publishes_as_the_system_actor() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = setup(&db).await;
        let new = NewDocument { site, ..release("Due now", Status::Draft) };
        let (document, _) =
            store.create_document(&new, &editor().doing("document.create")).await.expect("create");
        // Far enough ahead that a loaded machine does not reach it before the first look.
        let soon = portico_store::now() + time::Duration::seconds(4);
        let audit = editor().doing("document.schedule");
        store
            .set_status(document, "en", Status::Draft, Status::Scheduled, Some(soon), &audit)
            .await
            .expect("schedule");
        assert!(store.publish_due().await.expect("nothing due yet").is_empty());
        tokio::time::sleep(std::time::Duration::from_millis(4_100)).await;
        assert_eq!(store.publish_due().await.expect("publish"), vec![(document, site)]);
        let entry = last_entry(store, "document.publish").await;
        assert_eq!(
            (entry.user_email.as_str(), entry.entity_id, entry.detail.as_str()),
            ("system:scheduler", Some(document.0), "scheduled → published")
        );
        assert!(Actor::system("scheduler").is_system() && !editor().is_system());
    }
}

#[tokio::test]
async fn media_writes_are_stored_with_their_audit_entry_or_not_at_all() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = setup(&db).await;
        let new = NewMedia {
            site,
            kind: "image".into(),
            file_name: "clinic.jpg".into(),
            mime: "image/jpeg".into(),
            width: 640,
            height: 480,
            bytes: 1_000,
            alt: String::new(),
            caption: String::new(),
            credit: String::new(),
            renditions: vec!["640.jpg".into()],
            created_by: Some(UserId(1)),
            pdf: None,
        };
        refused_attempt(store, "upload", store.create_media(&new, &refused())).await;
        assert!(store.media_list(None, 10).await.expect("media").is_empty(), "no media row");
        let id = store.create_media(&new, &editor().doing("media.upload")).await.expect("upload");
        assert_eq!(last_entry(store, "media.upload").await.entity_id, Some(id.0));

        refused_attempt(store, "alt text", store.update_media_text(id, "A clinic", "", "", &refused())).await;
        let alt = || async move { store.media(id).await.expect("media").expect("there").alt };
        assert_eq!(alt().await, "", "unchanged");
        store.update_media_text(id, "A clinic", "", "", &editor().doing("media.edit")).await.expect("edit");
        assert_eq!(alt().await, "A clinic");
        last_entry(store, "media.edit").await;

        refused_attempt(store, "make public", store.set_media_public(id, true, &refused())).await;
        store.set_media_public(id, true, &editor().doing("media.make_public")).await.expect("public");
        last_entry(store, "media.make_public").await;

        refused_attempt(store, "delete", store.delete_media(id, &refused())).await;
        assert!(store.media(id).await.expect("media").is_some(), "not deleted");
        store.delete_media(id, &editor().doing("media.delete")).await.expect("delete");
        assert!(store.media(id).await.expect("media").is_none());
        last_entry(store, "media.delete").await;
        // Nothing there: nothing changed, nothing to note.
        let before = entries(store).await.len();
        store.delete_media(MediaId(id.0 + 100), &editor().doing("media.delete")).await.expect("no-op");
        assert_eq!(entries(store).await.len(), before);
    }
}

#[tokio::test]
async fn site_user_token_and_menu_writes_are_stored_with_their_audit_entry_or_not_at_all() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = setup(&db).await;
        refused_attempt(
            store,
            "create site",
            store.create_site(&site_named("sv", "sv.example.org"), &refused()),
        )
        .await;
        assert_eq!(store.sites().await.expect("sites").len(), 1, "no site");
        let sv = store
            .create_site(&site_named("sv", "sv.example.org"), &editor().doing("site.create"))
            .await
            .expect("site");
        assert_eq!(last_entry(store, "site.create").await.site_key.as_deref(), Some("sv"));

        let renamed = NewSite { name: "El Salvador".into(), ..site_named("sv", "sv.example.org") };
        refused_attempt(store, "edit site", store.update_site(sv, &renamed, &refused())).await;
        let name = || async move { store.site_by_key("sv").await.expect("site").expect("there").name };
        assert_eq!(name().await, "SV");
        store.update_site(sv, &renamed, &editor().doing("site.edit")).await.expect("edit");
        assert_eq!(name().await, "El Salvador");
        last_entry(store, "site.edit").await;

        let new_user = NewUser {
            email: "author@example.org".into(),
            name: "Au".into(),
            password_hash: "$argon2id$fake".into(),
            role: Role::Author,
            sites: vec![site],
        };
        refused_attempt(store, "create user", store.create_user(&new_user, &refused())).await;
        assert_eq!(store.users().await.expect("users").len(), 1, "no user but the editor");
        let user = store.create_user(&new_user, &editor().doing("user.create")).await.expect("user");
        assert_eq!(last_entry(store, "user.create").await.entity_id, Some(user.0));

        refused_attempt(store, "password", store.set_password(user, "$argon2id$new", None, &refused())).await;
        let hash = || async move {
            store.user_for_login("author@example.org").await.expect("user").expect("there").1
        };
        assert_eq!(hash().await, "$argon2id$fake");
        store
            .set_password(user, "$argon2id$new", None, &editor().doing("account.password"))
            .await
            .expect("password");
        assert_eq!(hash().await, "$argon2id$new");

        refused_attempt(store, "disable", store.set_user_disabled(user, true, &refused())).await;
        assert!(!store.user(user).await.expect("user").expect("there").disabled);
        assert!(store.set_user_disabled(user, true, &editor().doing("user.disable")).await.expect("disable"));
        last_entry(store, "user.disable").await;

        refused_attempt(store, "token", store.create_api_token(user, "bridge", "hash-1", &refused())).await;
        assert!(store.api_tokens(user).await.expect("tokens").is_empty(), "no token");
        let token = store
            .create_api_token(user, "bridge", "hash-1", &editor().doing("token.create"))
            .await
            .expect("token");
        refused_attempt(store, "revoke", store.revoke_api_token(user, token, &refused())).await;
        assert!(store.api_tokens(user).await.expect("tokens")[0].revoked_at.is_none(), "not revoked");
        assert!(store.revoke_api_token(user, token, &editor().doing("token.revoke")).await.expect("revoke"));
        last_entry(store, "token.revoke").await;

        let menu = vec![MenuItem { label: "Who we are".into(), path: "who-we-are".into(), children: vec![] }];
        refused_attempt(store, "menu", store.replace_menu(site, "en", &menu, &refused())).await;
        assert!(store.menu(site, "en").await.expect("menu").is_empty(), "no menu");
        store.replace_menu(site, "en", &menu, &editor().doing("menu.save")).await.expect("menu");
        assert_eq!(store.menu(site, "en").await.expect("menu").len(), 1);
        last_entry(store, "menu.save").await;
    }
}

#[tokio::test]
async fn feed_writes_are_audited_and_ingest_leaves_entries_only_when_it_brings_something() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = setup(&db).await;
        let new = NewFeedSubscription {
            site,
            url: "https://partner.example.org/feed.xml".into(),
            title: String::new(),
            keywords: vec![],
            categories: vec![],
            fetch_interval_minutes: 60,
        };
        refused_attempt(store, "subscribe", store.create_feed_subscription(&new, &refused())).await;
        assert!(store.feed_subscriptions().await.expect("feeds").is_empty(), "no subscription");
        let feed = store.create_feed_subscription(&new, &editor().doing("feed.create")).await.expect("feed");
        last_entry(store, "feed.create").await;

        let at = portico_store::now();
        let ingest = Audit::system("ingest", "feed.fetch").with_detail("1 kept, 0 filtered out");
        let nothing =
            FeedUpdate { etag: None, last_modified: None, feed_title: "Partner".into(), items: vec![] };
        let before = entries(store).await.len();
        store.record_feed_update(feed, at, at, &nothing, &ingest).await.expect("empty fetch");
        assert_eq!(entries(store).await.len(), before, "a system fetch that brings nothing is not noted");
        let item = portico_store::NewIngestedItem {
            guid: "item-1".into(),
            link: "https://partner.example.org/1".into(),
            title: "News".into(),
            summary_html: String::new(),
            published_at: at,
        };
        let one = FeedUpdate { items: vec![item], ..nothing.clone() };
        let refused_ingest = Audit::system("ingest", REFUSED);
        refused_attempt(store, "ingest", store.record_feed_update(feed, at, at, &one, &refused_ingest)).await;
        assert_eq!(store.ingested_item_count(feed).await.expect("count"), 0, "no item");
        assert_eq!(store.record_feed_update(feed, at, at, &one, &ingest).await.expect("ingest"), 1);
        let entry = last_entry(store, "feed.fetch").await;
        assert_eq!(
            (entry.user_email.as_str(), entry.detail.as_str(), entry.entity_id),
            ("system:ingest", "1 new, 1 kept, 0 filtered out", Some(feed.0))
        );
        // A person's fetch is noted even when it brings nothing.
        store.record_feed_not_modified(feed, at, at, &editor().doing("feed.fetch")).await.expect("304");
        assert_eq!(last_entry(store, "feed.fetch").await.user_email, "ed@example.org");

        refused_attempt(store, "pause", store.set_feed_subscription_enabled(feed, false, &refused())).await;
        assert!(store.feed_subscription(feed).await.expect("feed").expect("there").enabled);
        store
            .set_feed_subscription_enabled(feed, false, &editor().doing("feed.disable"))
            .await
            .expect("pause");
        last_entry(store, "feed.disable").await;
        refused_attempt(store, "delete feed", store.delete_feed_subscription(feed, &refused())).await;
        assert!(store.feed_subscription(feed).await.expect("feed").is_some(), "not deleted");
        assert!(store.delete_feed_subscription(feed, &editor().doing("feed.delete")).await.expect("delete"));
        last_entry(store, "feed.delete").await;
    }
}

#[tokio::test]
async fn sign_ins_sign_outs_and_two_factor_changes_are_stored_with_their_audit_entry_or_not_at_all() {
    for db in TestDb::each().await {
        let store = &db.store;
        setup(&db).await;
        let ed = editor().user.expect("a person");
        let client = editor().client;
        let since = || portico_store::now() - time::Duration::hours(1);
        let failures =
            || async { store.login_failures("ed@example.org", &client, since()).await.expect("count") };

        // A failed sign-in counts towards the back-off only when the log shows it.
        let intruder = Actor::unknown("ed@example.org", &client);
        let (failed, refusal) = (intruder.doing("login.failed"), refused());
        let attacked = editor().doing("login.attacked").with_detail("5 failed sign-ins within an hour");
        let refused_failure = intruder.doing(REFUSED);
        let failure = store.record_login_failure("ed@example.org", &client, &refused_failure, None);
        refused_attempt(store, "failed sign-in", failure).await;
        let failure = store.record_login_failure("ed@example.org", &client, &failed, Some((ed, &refusal)));
        refused_attempt(store, "failed sign-in on an account under attack", failure).await;
        assert_eq!(failures().await.by_pair.0, 0, "no failure counted");
        let failed = intruder.doing("login.failed");
        store
            .record_login_failure("ed@example.org", &client, &failed, Some((ed, &attacked)))
            .await
            .expect("failure");
        assert_eq!(failures().await.by_pair.0, 1);
        let all = entries(store).await;
        let (newest, failed) = (&all[0], &all[1]);
        assert_eq!(
            (newest.action.as_str(), newest.entity.as_str(), newest.entity_id, newest.detail.as_str()),
            ("login.attacked", "user", Some(ed.0), "5 failed sign-ins within an hour")
        );
        assert_eq!(
            (failed.action.as_str(), failed.user_email.as_str(), failed.client.as_str(), failed.entity_id),
            ("login.failed", "ed@example.org", client.as_str(), None)
        );

        // A sign-in whose entry is refused opens no session and forgets no failure.
        let expires = portico_store::now() + time::Duration::minutes(10);
        let half = NewSession {
            token_hash: "half",
            user: ed,
            csrf_token: "csrf",
            expires_at: expires,
            client: &client,
            stage: SessionStage::Code,
        };
        refused_attempt(store, "sign-in", store.sign_in(&half, &refused())).await;
        assert!(store.session("half").await.expect("session").is_none(), "no session");
        assert_eq!(failures().await.by_pair.0, 1, "the failure is not forgotten");
        store.sign_in(&half, &editor().doing("login.password")).await.expect("sign in");
        assert_eq!(store.session("half").await.expect("session").expect("live").stage, SessionStage::Code);
        assert_eq!(failures().await.by_pair.0, 0);
        last_entry(store, "login.password").await;

        // Two-factor enrolment is switched on with its entry or not at all.
        let secret = TotpSecret(b"12345678901234567890".to_vec());
        assert!(store.begin_totp(ed, &secret).await.expect("begin"));
        let hashes: Vec<String> = (0..10).map(|n| format!("hash-{n}")).collect();
        refused_attempt(store, "enrolment", store.confirm_totp(ed, 100, &hashes, None, &refused())).await;
        let enrolment = store.totp(ed).await.expect("read").expect("pending");
        assert!(enrolment.confirmed_at.is_none(), "not switched on");
        assert_eq!(store.recovery_codes_left(ed).await.expect("codes"), 0, "no recovery codes");
        let on = editor().doing("account.twofactor.on");
        assert!(store.confirm_totp(ed, 100, &hashes, None, &on).await.expect("confirm"));
        assert!(store.totp(ed).await.expect("read").expect("on").confirmed_at.is_some());
        assert_eq!(last_entry(store, "account.twofactor.on").await.entity_id, Some(ed.0));

        // A wrong code counts only with its entry.
        let wrong = store.record_second_factor_failure(ed, &client, &refusal);
        refused_attempt(store, "wrong code", wrong).await;
        assert_eq!(store.second_factor_failures(ed, since()).await.expect("count").0, 0);
        let code_failed = editor().doing("login.code.failed").with_detail("recovery code");
        store.record_second_factor_failure(ed, &client, &code_failed).await.expect("wrong code");
        assert_eq!(store.second_factor_failures(ed, since()).await.expect("count").0, 1);
        assert_eq!(last_entry(store, "login.code.failed").await.detail, "recovery code");

        // The half session becomes a full one only with the sign-in's entry.
        let promotion = Promotion {
            from_hash: "half",
            from_stage: SessionStage::Code,
            to_hash: "full",
            expires_at: expires,
        };
        refused_attempt(store, "second step", store.promote_session(promotion, &refused())).await;
        assert_eq!(store.session("half").await.expect("session").expect("live").stage, SessionStage::Code);
        let login = editor().doing("login").with_detail("with a code");
        assert!(store.promote_session(promotion, &login).await.expect("promote"));
        assert_eq!(store.session("full").await.expect("session").expect("live").stage, SessionStage::Full);
        assert_eq!(last_entry(store, "login").await.detail, "with a code");

        refused_attempt(store, "required roles", store.set_two_factor_roles(&[Role::Editor], &refused()))
            .await;
        assert!(store.two_factor_roles().await.expect("roles").is_empty(), "no role required");
        let roles = editor().doing("twofactor.roles").with_detail("editor");
        store.set_two_factor_roles(&[Role::Editor], &roles).await.expect("roles");
        assert_eq!(store.two_factor_roles().await.expect("roles"), [Role::Editor]);
        assert_eq!(last_entry(store, "twofactor.roles").await.detail, "editor");

        refused_attempt(store, "sign-out", store.delete_session("full", &refused())).await;
        assert!(store.session("full").await.expect("session").is_some(), "still signed in");
        store.delete_session("full", &editor().doing("logout")).await.expect("sign out");
        assert!(store.session("full").await.expect("session").is_none());
        last_entry(store, "logout").await;

        refused_attempt(store, "reset", store.reset_two_factor(ed, &refused())).await;
        assert!(store.totp(ed).await.expect("read").is_some(), "still enrolled");
        assert!(store.reset_two_factor(ed, &editor().doing("user.twofactor.reset")).await.expect("reset"));
        assert!(store.totp(ed).await.expect("read").is_none());
        assert_eq!(last_entry(store, "user.twofactor.reset").await.entity_id, Some(ed.0));
        let before = entries(store).await.len();
        assert!(!store.reset_two_factor(ed, &editor().doing("user.twofactor.reset")).await.expect("reset"));
        assert_eq!(entries(store).await.len(), before, "nothing to reset, nothing noted");
    }
}
