//! The store's side of single sign-on, on SQLite and PostgreSQL: a pending sign-in works once,
//! the user is found by issuer and subject (never by an unverified email), each sign-in sets
//! role and sites, everything is written with its audit entries or not at all, and only one
//! request of a session takes the turn to ask the provider.

use portico_content::{Role, SiteId, UserId};
use portico_store::testing::TestDb;
use portico_store::{
    Actor, Audit, AuditFilter, NewSession, NewSite, NewSsoLogin, NewUser, ProviderSignIn, SessionStage,
    SsoOutcome, SsoTokens, Store,
};

const ISSUER: &str = "https://id.example.org";

async fn site(store: &Store, key: &str) -> SiteId {
    let site = NewSite {
        key: key.into(),
        name: key.to_uppercase(),
        languages: vec!["en".into()],
        country: None,
        hosts: vec![format!("{key}.example.org")],
        names: Default::default(),
        fallback_to_default: true,
    };
    store.create_site(&site, &Audit::system("test", "site.create")).await.expect("site")
}

async fn pending(store: &Store, state_hash: &str) {
    let login = NewSsoLogin {
        state_hash,
        nonce: "nonce",
        verifier: "verifier",
        redirect_uri: "https://portico.example.org/admin/login/sso/callback",
        next: "/admin",
        expires_at: portico_store::now() + time::Duration::minutes(10),
    };
    store.begin_sso_login(&login).await.expect("pending sign-in");
}

fn session<'a>(token_hash: &'a str) -> NewSession<'a> {
    NewSession {
        token_hash,
        user: UserId(0),
        csrf_token: "csrf",
        expires_at: portico_store::now() + time::Duration::hours(1),
        client: "192.0.2.7",
        stage: SessionStage::Full,
    }
}

fn person<'a>(
    state_hash: &'a str,
    subject: &'a str,
    email: &'a str,
    sites: &'a [SiteId],
    tokens: &'a SsoTokens,
) -> ProviderSignIn<'a> {
    ProviderSignIn {
        state_hash,
        issuer: ISSUER,
        subject,
        email: Some(email),
        email_verified: false,
        name: "Ana",
        role: Role::Editor,
        sites,
        tokens,
    }
}

fn audits(action: &str) -> (Audit, Audit) {
    let actor = Actor::unknown("ana@example.org", "192.0.2.7");
    (actor.doing("user.provision"), actor.doing(action))
}

async fn actions(store: &Store) -> Vec<(String, String)> {
    let all = store.audit_records(&AuditFilter::default(), 100).await.expect("audit");
    all.into_iter().map(|r| (r.action, r.user_email)).collect()
}

#[tokio::test]
async fn a_provider_sign_in_provisions_once_updates_always_and_works_once() {
    for db in TestDb::each().await {
        let store = &db.store;
        let (sv, sn) = ([site(store, "sv").await], [site(store, "sn").await]);
        let tokens =
            SsoTokens { refresh_token: Some("r1".into()), access_token: Some("a1".into()), id_token: None };

        // Refused audit entries leave nothing: no user, no session, the pending sign-in still there.
        db.refuse_audit_action("refuse").await;
        pending(store, "s1").await;
        let (provision, _) = audits("login.sso");
        let (_, refused) = audits("refuse");
        let ana = person("s1", "sub-ana", "ana@example.org", &sv, &tokens);
        assert!(store.sign_in_with_provider(&ana, &session("t1"), &provision, &refused).await.is_err());
        assert!(store.user_for_login("ana@example.org").await.expect("read").is_none(), "no user");
        assert!(store.session("t1").await.expect("read").is_none(), "no session");
        assert!(store.pending_sso_login("s1").await.expect("read").is_some(), "still pending");

        let (provision, login) = audits("login.sso");
        let outcome =
            store.sign_in_with_provider(&ana, &session("t1"), &provision, &login).await.expect("sign in");
        let SsoOutcome::SignedIn { user, provisioned: true } = outcome else { panic!("{outcome:?}") };
        let live = store.session("t1").await.expect("read").expect("a session");
        assert_eq!(
            (live.user.id, live.user.role, live.user.sites.clone(), live.stage),
            (user, Role::Editor, sv.to_vec(), SessionStage::Full)
        );
        assert!(live.sso_checked_at.is_some(), "a provider's session is checked again later");
        assert_eq!(
            actions(store).await[..2],
            [
                ("login.sso".into(), "ana@example.org".into()),
                ("user.provision".into(), "ana@example.org".into())
            ]
        );
        // The user has no password of ours.
        let (_, hash) = store.user_for_login("ana@example.org").await.expect("read").expect("user");
        assert_eq!(hash, portico_store::NO_PASSWORD);

        // The same state a second time: nothing.
        let again =
            store.sign_in_with_provider(&ana, &session("t2"), &provision, &login).await.expect("replay");
        assert_eq!(again, SsoOutcome::Replayed);
        assert!(store.session("t2").await.expect("read").is_none());

        // The next sign-in finds her by subject, whatever her email now, and sets her sites.
        pending(store, "s2").await;
        let moved = person("s2", "sub-ana", "ana.new@example.org", &sn, &tokens);
        let outcome =
            store.sign_in_with_provider(&moved, &session("t3"), &provision, &login).await.expect("again");
        assert_eq!(outcome, SsoOutcome::SignedIn { user, provisioned: false });
        let now = store.user(user).await.expect("read").expect("user");
        assert_eq!((now.email.as_str(), now.sites), ("ana.new@example.org", sn.to_vec()));

        // A disabled user stays out, and the refusal is audited with the end of the pending sign-in.
        store.set_user_disabled(user, true, &Audit::system("test", "user.disable")).await.expect("disable");
        pending(store, "s3").await;
        let back = person("s3", "sub-ana", "ana.new@example.org", &sn, &tokens);
        let outcome =
            store.sign_in_with_provider(&back, &session("t4"), &provision, &login).await.expect("disabled");
        assert_eq!(outcome, SsoOutcome::Disabled);
        let no = Actor::unknown("ana.new@example.org", "192.0.2.7").doing("login.sso.refused");
        store.refuse_sso_login(Some("s3"), &no).await.expect("refuse");
        assert!(store.pending_sso_login("s3").await.expect("read").is_none(), "used up");
        assert_eq!(actions(store).await[0].0, "login.sso.refused");
    }
}

#[tokio::test]
async fn only_a_verified_email_takes_over_a_local_account() {
    for db in TestDb::each().await {
        let store = &db.store;
        let global = [site(store, "global").await];
        let local = NewUser {
            email: "ed@example.org".into(),
            name: "Ed".into(),
            password_hash: "$argon2id$fake".into(),
            role: Role::Author,
            sites: global.to_vec(),
        };
        let ed = store.create_user(&local, &Audit::system("test", "user.create")).await.expect("user");
        let tokens = SsoTokens::default();
        let (provision, login) = audits("login.sso");

        pending(store, "s1").await;
        let unverified = person("s1", "sub-ed", "ed@example.org", &global, &tokens);
        let outcome =
            store.sign_in_with_provider(&unverified, &session("t1"), &provision, &login).await.expect("try");
        assert_eq!(outcome, SsoOutcome::EmailTaken);

        pending(store, "s2").await;
        let verified = ProviderSignIn {
            email_verified: true,
            ..person("s2", "sub-ed", "ed@example.org", &global, &tokens)
        };
        let outcome =
            store.sign_in_with_provider(&verified, &session("t2"), &provision, &login).await.expect("link");
        assert_eq!(outcome, SsoOutcome::SignedIn { user: ed, provisioned: true });
        assert!(store.has_sso_identity(ed).await.expect("read"));
        assert_eq!(
            store.user(ed).await.expect("read").expect("user").role,
            Role::Editor,
            "the provider's role"
        );
    }
}

#[tokio::test]
async fn one_request_of_a_session_takes_the_turn_to_ask_the_provider() {
    for db in TestDb::each().await {
        let store = &db.store;
        let global = [site(store, "global").await];
        let tokens =
            SsoTokens { refresh_token: Some("r1".into()), access_token: None, id_token: Some("id".into()) };
        pending(store, "s1").await;
        let (provision, login) = audits("login.sso");
        let ana = person("s1", "sub-ana", "ana@example.org", &global, &tokens);
        store.sign_in_with_provider(&ana, &session("t1"), &provision, &login).await.expect("sign in");

        let opened = store.session("t1").await.expect("read").expect("live").sso_checked_at.expect("checked");
        assert_eq!(
            store.claim_sso_check("t1", opened - time::Duration::seconds(1)).await.expect("claim"),
            None,
            "not due"
        );
        let due = portico_store::now() + time::Duration::seconds(1);
        assert_eq!(
            store.claim_sso_check("t1", due).await.expect("claim"),
            Some(tokens.clone()),
            "due: the tokens"
        );
        // Another request of the same moment, with a one-second interval, finds it asked now.
        let next_request = portico_store::now() - time::Duration::seconds(1);
        assert_eq!(store.claim_sso_check("t1", next_request).await.expect("claim"), None, "taken: not twice");

        let rotated = SsoTokens { refresh_token: Some("r2".into()), ..tokens };
        store.keep_sso_tokens("t1", &rotated).await.expect("keep");
        let later = portico_store::now() + time::Duration::seconds(5);
        assert_eq!(store.claim_sso_check("t1", later).await.expect("claim"), Some(rotated));
        assert_eq!(store.sso_id_token("t1").await.expect("read").as_deref(), Some("id"));

        // Password sessions are never checked.
        assert_eq!(store.claim_sso_check("no-such-session", later).await.expect("claim"), None);
    }
}
