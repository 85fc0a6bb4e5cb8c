//! The store's side of two-factor sign-in, where only the database can keep a promise: a code's
//! step and a recovery code are spent once even when two requests race, and half sessions
//! become full ones only from the stage they are at.

use portico_content::{Role, UserId};
use portico_store::testing::TestDb;
use portico_store::{Audit, NewSession, NewUser, Promotion, SessionStage, Store, TotpSecret};

fn by_test(action: &str) -> Audit {
    Audit::system("test", action)
}

async fn user(store: &Store, email: &str) -> UserId {
    store
        .create_user(
            &NewUser {
                email: email.into(),
                name: String::new(),
                password_hash: "$argon2id$fake".into(),
                role: Role::Editor,
                sites: vec![],
            },
            &by_test("user.create"),
        )
        .await
        .expect("user")
}

/// Runs `attempt` eight times at once on worker threads; returns how many succeeded.
async fn race<F, Fut>(store: &Store, attempt: F) -> usize
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = bool> + Send + 'static,
{
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        tasks.spawn(attempt(store.clone()));
    }
    tasks.join_all().await.into_iter().filter(|won| *won).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_step_and_a_recovery_code_are_spent_once_even_by_racing_requests() {
    for db in TestDb::each().await {
        let store = &db.store;
        let backend = store.backend();
        let ed = user(store, "ed@example.org").await;
        let secret = TotpSecret(b"12345678901234567890".to_vec());
        assert!(store.begin_totp(ed, &secret).await.expect("begin"));
        assert!(!store.use_totp_step(ed, 5).await.expect("step"), "a pending enrolment takes no codes");
        let hashes: Vec<String> = (0..10).map(|n| format!("hash-{n}")).collect();
        assert!(
            store
                .confirm_totp(ed, 100, &hashes, None, &by_test("account.twofactor.on"))
                .await
                .expect("confirm"),
            "on {backend}"
        );
        let enrolment = store.totp(ed).await.expect("read").expect("enrolled");
        assert_eq!((enrolment.secret, enrolment.last_step), (secret.clone(), 100));
        assert!(enrolment.confirmed_at.is_some());
        assert!(!store.begin_totp(ed, &secret).await.expect("begin"), "a confirmed secret stays");

        let wins =
            race(store, move |store| async move { store.use_totp_step(ed, 101).await.expect("step") }).await;
        assert_eq!(wins, 1, "one of eight racing uses of a step wins on {backend}");
        assert!(!store.use_totp_step(ed, 100).await.expect("step"), "an older step is a replay");

        let wins =
            race(
                store,
                move |store| async move { store.use_recovery_code(ed, "hash-3").await.expect("code") },
            )
            .await;
        assert_eq!(wins, 1, "one of eight racing uses of a recovery code wins on {backend}");
        assert!(!store.use_recovery_code(ed, "hash-unknown").await.expect("code"));
        assert_eq!(store.recovery_codes_left(ed).await.expect("left"), 9);

        // A half session is promoted only from its own stage, under a new token.
        let expires = portico_store::now() + time::Duration::minutes(10);
        let half = NewSession {
            token_hash: "half",
            user: ed,
            csrf_token: "csrf",
            expires_at: expires,
            client: "",
            stage: SessionStage::Code,
        };
        store.sign_in(&half, &by_test("login.password")).await.expect("session");
        assert_eq!(store.session("half").await.expect("read").expect("live").stage, SessionStage::Code);
        let wrong_stage = Promotion {
            from_hash: "half",
            from_stage: SessionStage::Enrol,
            to_hash: "full",
            expires_at: expires,
        };
        assert!(!store.promote_session(wrong_stage, &by_test("login")).await.expect("promote"));
        let right = Promotion { from_stage: SessionStage::Code, ..wrong_stage };
        assert!(store.promote_session(right, &by_test("login")).await.expect("promote"));
        assert!(store.session("half").await.expect("read").is_none(), "the half token is spent");
        assert_eq!(store.session("full").await.expect("read").expect("live").stage, SessionStage::Full);

        // A reset removes the factor, its codes and every session.
        store
            .record_second_factor_failure(ed, "10.0.0.1", &by_test("login.code.failed"))
            .await
            .expect("failure");
        assert!(store.reset_two_factor(ed, &by_test("user.twofactor.reset")).await.expect("reset"));
        assert!(store.totp(ed).await.expect("read").is_none());
        assert_eq!(store.recovery_codes_left(ed).await.expect("left"), 0);
        assert!(store.session("full").await.expect("read").is_none());
        let since = portico_store::now() - time::Duration::hours(1);
        assert_eq!(store.second_factor_failures(ed, since).await.expect("failures").0, 0);
        assert!(
            !store.reset_two_factor(ed, &by_test("user.twofactor.reset")).await.expect("reset"),
            "nothing left to reset"
        );

        store
            .set_two_factor_roles(&[Role::Editor, Role::Admin], &by_test("twofactor.roles"))
            .await
            .expect("roles");
        let mut roles = store.two_factor_roles().await.expect("roles");
        roles.sort_by_key(|r| r.as_str());
        assert_eq!(roles, [Role::Admin, Role::Editor]);
    }
}
