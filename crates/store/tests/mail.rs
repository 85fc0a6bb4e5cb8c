//! News by email in the store, on both databases: a release is owed to a subscriber once
//! however often the change log is replayed, an email is enqueued once per dedupe key, one
//! node at a time holds an email's lease, an accepted email is never due again, a refused one
//! comes back after its back-off, and deleting a subscriber takes what they were owed.

use portico_content::{Draft, Kind, SiteId, Status};
use portico_store::testing::TestDb;
use portico_store::{Audit, Frequency, NewDocument, NewEmail, NewSite, NewSubscriber, Store, SubscriberId};
use time::{Duration, OffsetDateTime, macros::datetime};

async fn site(store: &Store) -> SiteId {
    let new = NewSite {
        key: "global".into(),
        name: "Global".into(),
        languages: vec!["en".into(), "fr".into()],
        country: None,
        hosts: vec![],
        names: Default::default(),
        fallback_to_default: true,
    };
    store.create_site(&new, &Audit::system("test", "site.create")).await.expect("site")
}

async fn release(store: &Store, site: SiteId, title: &str) -> portico_content::DocumentId {
    let draft = Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        published_at: Some(OffsetDateTime::now_utc() - Duration::minutes(5)),
        summary: "In brief.".into(),
        body_markdown: "Body.".into(),
        countries: vec!["SV".into()],
        ..Draft::default()
    };
    let new = NewDocument {
        site,
        kind: Kind::Release,
        language: "en".into(),
        draft,
        status: Status::Published,
        author: None,
    };
    store.create_document(&new, &Audit::system("test", "document.create")).await.expect("release").0
}

fn subscription(site: SiteId, email: &str) -> NewSubscriber {
    NewSubscriber {
        site,
        email: email.into(),
        language: "en".into(),
        frequency: Frequency::Immediate,
        countries: vec!["SV".into()],
        themes: vec![],
        languages: vec![],
        link_base: "http://localhost:8080".into(),
    }
}

fn email(subscriber: Option<SubscriberId>, key: &str) -> NewEmail {
    NewEmail {
        subscriber,
        dedupe_key: key.into(),
        message_id: format!("<{key}@example.org>"),
        recipient: "reader@example.org".into(),
        subject: "Subject".into(),
        text_body: "Text".into(),
        html_body: "<p>HTML</p>".into(),
        unsubscribe_url: "http://localhost:8080/en/unsubscribe?id=1&s=x".into(),
    }
}

#[tokio::test]
async fn a_release_is_owed_once_and_carried_by_one_email_on_both_databases() {
    for db in TestDb::each().await {
        let store = &db.store;
        let site = site(store).await;
        let reader =
            store.confirm_subscriber(&subscription(site, "Reader@Example.org")).await.expect("subscribe");
        assert_eq!(reader.subscription.email, "reader@example.org", "addresses are kept lower-case");
        // Confirming again (new preferences) keeps one subscriber.
        let again = store
            .confirm_subscriber(&NewSubscriber {
                frequency: Frequency::Weekly,
                ..subscription(site, "reader@example.org")
            })
            .await
            .expect("subscribe again");
        assert_eq!(again.id, reader.id);
        assert_eq!(again.subscription.frequency, Frequency::Weekly);
        assert_eq!(store.subscriber_count(site).await.expect("count"), 1);

        let document = release(store, site, "Floods in the east").await;
        let found = store.mail_release(document).await.expect("release").expect("published");
        assert_eq!(found.countries, ["SV"]);
        assert_eq!(found.variants.len(), 1);

        let now = OffsetDateTime::now_utc();
        assert_eq!(store.owe_release(document, &[(reader.id, now)]).await.expect("owe"), 1);
        // A replay of the change log owes it again: nothing new.
        assert_eq!(store.owe_release(document, &[(reader.id, now)]).await.expect("owe"), 0);
        let due = store.due_items(now + Duration::seconds(1), 100).await.expect("due");
        assert_eq!(due, vec![(reader.id, vec![document])]);

        let news = email(Some(reader.id), "news:1");
        assert!(store.enqueue_items_email(&news, &[document]).await.expect("enqueue"));
        // A second node composing the same item writes nothing.
        assert!(
            !store
                .enqueue_items_email(&email(Some(reader.id), "news:other"), &[document])
                .await
                .expect("enqueue")
        );
        assert!(store.due_items(now + Duration::seconds(1), 100).await.expect("due").is_empty());
        assert_eq!(
            store.owe_release(document, &[(reader.id, now)]).await.expect("owe"),
            0,
            "sent items stay owed-once"
        );
        assert_eq!(store.outbox(10).await.expect("outbox").len(), 1);

        // Deleting the subscriber takes their email and items with them.
        assert!(
            store
                .delete_subscriber(reader.id, &Audit::system("test", "mail_subscriber.delete"))
                .await
                .expect("delete")
        );
        assert!(
            !store
                .delete_subscriber(reader.id, &Audit::system("test", "mail_subscriber.delete"))
                .await
                .expect("delete")
        );
        assert!(store.outbox(10).await.expect("outbox").is_empty());
        assert!(store.subscriber(reader.id).await.expect("read").is_none());
    }
}

#[tokio::test]
async fn the_outbox_is_leased_sent_once_and_retried_after_its_back_off_on_both_databases() {
    for db in TestDb::each().await {
        let store = &db.store;
        assert!(store.enqueue_email(&email(None, "confirm:a")).await.expect("enqueue"));
        assert!(
            !store.enqueue_email(&email(None, "confirm:a")).await.expect("enqueue"),
            "one email per dedupe key"
        );
        let now = OffsetDateTime::now_utc() + Duration::seconds(1);
        let due = store.due_emails(now, 10).await.expect("due");
        assert_eq!(due.len(), 1);
        let id = due[0];

        let held =
            store.take_email_lease(id, "node-a", now, now + Duration::minutes(2)).await.expect("lease");
        assert_eq!(held.expect("a takes it").email.message_id, "<confirm:a@example.org>");
        assert!(
            store
                .take_email_lease(id, "node-b", now, now + Duration::minutes(2))
                .await
                .expect("lease")
                .is_none()
        );
        assert!(store.due_emails(now, 10).await.expect("due").is_empty(), "a held email is nobody else's");
        // A node that died holds it for one lease at most.
        let later = now + Duration::minutes(3);
        assert!(
            store
                .take_email_lease(id, "node-b", later, later + Duration::minutes(2))
                .await
                .expect("lease")
                .is_some()
        );

        // Refused for now: due again at the retry time, not before.
        store
            .mark_email_failed(id, "451 try later", Some(later + Duration::minutes(1)))
            .await
            .expect("failed");
        assert!(store.due_emails(later, 10).await.expect("due").is_empty());
        let retry = later + Duration::minutes(1) + Duration::seconds(1);
        assert_eq!(store.due_emails(retry, 10).await.expect("due"), vec![id]);
        assert!(
            store
                .take_email_lease(id, "node-a", retry, retry + Duration::minutes(2))
                .await
                .expect("lease")
                .is_some()
        );
        store.mark_email_sent(id).await.expect("sent");
        // Accepted: never due again, whoever asks and whenever.
        assert!(store.due_emails(retry + Duration::days(1), 10).await.expect("due").is_empty());
        assert!(
            store
                .take_email_lease(id, "node-b", retry + Duration::days(1), retry + Duration::days(2))
                .await
                .expect("lease")
                .is_none()
        );
        let row = store.outbox(1).await.expect("outbox").remove(0);
        assert_eq!(row.attempts, 2);
        assert!(row.sent_at.is_some());
        assert_eq!(
            store.emails_sent_since(OffsetDateTime::now_utc() - Duration::minutes(1)).await.expect("count"),
            1
        );

        // Refused for good: never due again.
        assert!(store.enqueue_email(&email(None, "confirm:b")).await.expect("enqueue"));
        let id = store.due_emails(now, 10).await.expect("due")[0];
        store.mark_email_failed(id, "550 no such user", None).await.expect("failed");
        assert!(store.due_emails(now + Duration::days(1), 10).await.expect("due").is_empty());

        // What was sent or given up on is forgotten after a while; what waits is kept.
        assert!(store.enqueue_email(&email(None, "confirm:c")).await.expect("enqueue"));
        let long_ago = OffsetDateTime::now_utc() - Duration::days(1);
        assert_eq!(store.forget_old_mail(long_ago, long_ago).await.expect("forget"), 0);
        let soon = OffsetDateTime::now_utc() + Duration::seconds(2);
        assert_eq!(store.forget_old_mail(soon, long_ago).await.expect("forget"), 2);
        let left = store.outbox(10).await.expect("outbox");
        assert_eq!(left.iter().map(|e| e.email.dedupe_key.as_str()).collect::<Vec<_>>(), ["confirm:c"]);
    }
}

#[tokio::test]
async fn the_signing_key_is_made_once_and_the_position_never_moves_back_on_both_databases() {
    for db in TestDb::each().await {
        let store = &db.store;
        assert_eq!(store.mail_position().await.expect("position"), None);
        let key = store.mail_signing_key().await.expect("key");
        assert_eq!(key.len(), 64);
        assert_eq!(store.mail_signing_key().await.expect("key"), key);
        store.set_mail_position(40).await.expect("position");
        store.set_mail_position(30).await.expect("position");
        assert_eq!(store.mail_position().await.expect("position"), Some(40));
        let requests = store
            .record_mail_request("A@example.org", "10.0.0.1", OffsetDateTime::now_utc() - Duration::hours(1))
            .await
            .expect("request");
        assert_eq!((requests.by_email, requests.by_client), (0, 0));
        let requests = store
            .record_mail_request("a@example.org", "10.0.0.2", OffsetDateTime::now_utc() - Duration::hours(1))
            .await
            .expect("request");
        assert_eq!(
            (requests.by_email, requests.by_client),
            (1, 0),
            "the address is counted whatever its case"
        );
    }
}

#[test]
fn digests_go_out_at_the_next_fixed_hour() {
    let monday_noon = datetime!(2026-12-07 12:00 UTC);
    assert_eq!(Frequency::Immediate.due_after(monday_noon), monday_noon);
    assert_eq!(Frequency::Daily.due_after(monday_noon), datetime!(2026-12-08 07:00 UTC));
    assert_eq!(Frequency::Daily.due_after(datetime!(2026-12-08 06:59 UTC)), datetime!(2026-12-08 07:00 UTC));
    assert_eq!(Frequency::Weekly.due_after(monday_noon), datetime!(2026-12-14 07:00 UTC));
    assert_eq!(Frequency::Weekly.due_after(datetime!(2026-12-07 06:00 UTC)), datetime!(2026-12-07 07:00 UTC));
    assert_eq!(Frequency::Weekly.due_after(datetime!(2026-12-10 06:00 UTC)), datetime!(2026-12-14 07:00 UTC));
}
