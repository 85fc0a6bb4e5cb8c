//! Admins manage other people's accounts through the back office: role and sites, removal,
//! one-time password links; and the organization is never left without an enabled admin.
//! Real server, real HTTP, both databases.

use crate::support;

use portico_content::{Role, UserId};
use reqwest::redirect::Policy;
use scraper::Html;
use support::{PASSWORD, TestApp, attrs, text};

async fn id_of(app: &TestApp, email: &str) -> i64 {
    let users = app.server.store.users().await.expect("users");
    users.iter().find(|u| u.email == email).expect("known user").id.0
}

/// Leaves `keep` the only enabled admin, whatever else the demo made.
async fn only_admin(app: &TestApp, keep: &str) {
    let store = &app.server.store;
    for user in store.users().await.expect("users") {
        if user.role == Role::Admin && user.email != keep && !user.disabled {
            let audit = portico_store::Audit::system("test", "user.disable");
            store.set_user_disabled(user.id, true, &audit).await.expect("disable");
        }
    }
}

#[tokio::test]
async fn an_admin_changes_a_role_and_sites_and_it_applies_at_the_next_request() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("boss@example.org", Role::Admin, &[]).await).await;
        let editor_email = app.user("ed@example.org", Role::Editor, &["global"]).await;
        let editor = app.login(&editor_email).await;
        let id = id_of(&app, &editor_email).await;
        assert_eq!(editor.get("/admin/sites").await.status().as_u16(), 403, "{}", app.backend());
        assert_eq!(
            editor.get(&format!("/admin/users/{id}")).await.status().as_u16(),
            403,
            "not theirs to see"
        );

        let page = admin.page(&format!("/admin/users/{id}"), 200).await;
        assert_eq!(attrs(&page, "#p-role option[selected]", "value"), ["editor"]);
        assert_eq!(attrs(&page, "input[name=sites][checked]", "value"), ["global"]);

        let saved = admin
            .post(
                &format!("/admin/users/{id}"),
                &[("name", "Ed Itor"), ("role", "admin"), ("sites", "global")],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());
        assert_eq!(
            editor.get("/admin/sites").await.status().as_u16(),
            200,
            "the same session is now an admin's"
        );

        // An author without a site could do nothing: refused, and the form keeps what was typed.
        let refused =
            admin.post(&format!("/admin/users/{id}"), &[("name", "Ed Two"), ("role", "author")]).await;
        assert_eq!(refused.status().as_u16(), 422, "{}", app.backend());
        let html = Html::parse_document(&refused.text().await.expect("body"));
        assert!(text(&html, ".error-summary").contains("at least one site"), "{}", app.backend());
        assert_eq!(attrs(&html, "#p-role option[selected]", "value"), ["author"]);
        assert_eq!(attrs(&html, "#p-name", "value"), ["Ed Two"]);
        let stored = app.server.store.user(UserId(id)).await.expect("user").expect("found");
        assert_eq!((stored.role, stored.name.as_str()), (Role::Admin, "Ed Itor"), "nothing was written");

        let unknown =
            admin.post(&format!("/admin/users/{id}"), &[("role", "author"), ("sites", "nowhere")]).await;
        assert_eq!(unknown.status().as_u16(), 400, "{}", app.backend());
    }
}

#[tokio::test]
async fn the_last_enabled_admin_cannot_be_demoted_disabled_or_removed() {
    for app in TestApp::each().await {
        let boss_email = app.user("boss@example.org", Role::Admin, &[]).await;
        let boss = app.login(&boss_email).await;
        only_admin(&app, &boss_email).await;
        let boss_id = id_of(&app, &boss_email).await;

        let demoted =
            boss.post(&format!("/admin/users/{boss_id}"), &[("role", "editor"), ("sites", "global")]).await;
        assert_eq!(demoted.status().as_u16(), 422, "{}", app.backend());
        let html = Html::parse_document(&demoted.text().await.expect("body"));
        assert!(text(&html, ".error-summary").contains("at least one enabled administrator"));
        let removed = boss.post(&format!("/admin/users/{boss_id}/remove"), &[("confirm", "1")]).await;
        assert_eq!(removed.status().as_u16(), 422, "nobody removes themselves on {}", app.backend());

        // The rule is the store's, whoever asks.
        let store = &app.server.store;
        let audit = portico_store::Audit::system("test", "user.disable");
        let err = store.set_user_disabled(UserId(boss_id), true, &audit).await.expect_err("refused");
        assert!(matches!(err, portico_store::StoreError::LastAdmin), "{err:?}");
        let err = store.remove_user(UserId(boss_id), &audit).await.expect_err("refused");
        assert!(matches!(err, portico_store::StoreError::LastAdmin), "{err:?}");
        assert!(!store.user(UserId(boss_id)).await.expect("user").expect("kept").disabled);

        // With a second admin, the first may step down.
        let other = app.user("second@example.org", Role::Admin, &[]).await;
        let stepped =
            boss.post(&format!("/admin/users/{boss_id}"), &[("role", "editor"), ("sites", "global")]).await;
        assert_eq!(stepped.status().as_u16(), 303, "{}", app.backend());
        let second = app.login(&other).await;
        let removed = second.post(&format!("/admin/users/{boss_id}/remove"), &[("confirm", "1")]).await;
        assert_eq!(removed.status().as_u16(), 303, "{}", app.backend());
        assert_eq!(boss.get("/admin").await.status().as_u16(), 303, "the removed user's session ended");
        assert!(store.user(UserId(boss_id)).await.expect("user").is_none());
    }
}

#[tokio::test]
async fn removing_needs_the_box_ticked_and_ends_sessions_and_tokens() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("boss@example.org", Role::Admin, &[]).await).await;
        let author_email = app.user("au@example.org", Role::Author, &["global"]).await;
        let author = app.login(&author_email).await;
        let token = app.token(&author_email).await;
        let id = id_of(&app, &author_email).await;

        let with_token = |token: String| {
            let request = reqwest::Client::new().get(app.url("/api/v1/releases/1")).bearer_auth(token);
            async move { request.send().await.expect("api").status().as_u16() }
        };
        assert_ne!(with_token(token.clone()).await, 401, "the token works before on {}", app.backend());
        let unconfirmed = admin.post(&format!("/admin/users/{id}/remove"), &[]).await;
        assert_eq!(unconfirmed.status().as_u16(), 422, "{}", app.backend());
        assert_eq!(author.get("/admin").await.status().as_u16(), 200, "nothing happened");

        let removed = admin.post(&format!("/admin/users/{id}/remove"), &[("confirm", "1")]).await;
        assert_eq!(removed.status().as_u16(), 303, "{}", app.backend());
        assert_eq!(author.get("/admin").await.status().as_u16(), 303, "their session ended");
        assert_eq!(with_token(token).await, 401, "their token ended on {}", app.backend());
        let users = admin.page("/admin/users?notice=user_removed", 200).await;
        assert!(!text(&users, "table").contains(&author_email));
        let entries =
            app.server.store.audit_records(&portico_store::AuditFilter::default(), 50).await.expect("audit");
        assert!(entries.iter().any(|e| e.action == "user.remove" && e.detail == author_email));
        assert_eq!(
            admin.post("/admin/users/999999/remove", &[("confirm", "1")]).await.status().as_u16(),
            404
        );
    }
}

#[tokio::test]
async fn a_password_link_works_once_and_ends_every_old_session() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("boss@example.org", Role::Admin, &[]).await).await;
        let email = app.user("ed@example.org", Role::Editor, &["global"]).await;
        let old_session = app.login(&email).await;
        let id = id_of(&app, &email).await;

        let made = admin.post(&format!("/admin/users/{id}/password-link"), &[]).await;
        assert_eq!(made.status().as_u16(), 200, "{}", app.backend());
        let html = Html::parse_document(&made.text().await.expect("body"));
        let link = attrs(&html, "#reset-link", "value").remove(0);
        let path = link.split_once("/admin/password/").map(|(_, token)| format!("/admin/password/{token}"));
        let path = path.expect("a link to the reset page");
        assert_eq!(
            admin.page(&format!("/admin/users/{id}"), 200).await.select(&sel("#reset-link")).count(),
            0,
            "shown once"
        );

        let browser = reqwest::Client::builder().redirect(Policy::none()).build().expect("client");
        let form = browser.get(app.url(&path)).send().await.expect("form");
        assert_eq!(form.status().as_u16(), 200, "{}", app.backend());
        assert_eq!(form.headers()["referrer-policy"], "no-referrer", "the address is the secret");
        let form = Html::parse_document(&form.text().await.expect("body"));
        assert!(text(&form, "form p").contains(&email));

        let new_password = "a brand new passphrase";
        let differ = browser
            .post(app.url(&path))
            .form(&[("new", new_password), ("confirm", "something else")])
            .send()
            .await
            .expect("post");
        assert_eq!(differ.status().as_u16(), 422, "{}", app.backend());
        assert_eq!(old_session.get("/admin").await.status().as_u16(), 200, "nothing changed yet");

        let done = browser
            .post(app.url(&path))
            .form(&[("new", new_password), ("confirm", new_password)])
            .send()
            .await;
        let done = done.expect("post");
        assert_eq!(done.status().as_u16(), 303, "{}", app.backend());
        assert_eq!(done.headers()["location"], "/admin/login?notice=password_reset");
        assert_eq!(old_session.get("/admin").await.status().as_u16(), 303, "old sessions ended");
        let store = &app.server.store;
        let (_, hash) = store.user_for_login(&email).await.expect("user").expect("found");
        assert!(
            portico_web::session::verify_password(new_password.to_owned(), hash.clone())
                .await
                .expect("verify")
        );
        assert!(!portico_web::session::verify_password(PASSWORD.to_owned(), hash).await.expect("verify"));

        let again = browser.get(app.url(&path)).send().await.expect("again");
        assert_eq!(again.status().as_u16(), 404, "a link works once on {}", app.backend());
        let again = browser.post(app.url(&path)).form(&[("new", "x"), ("confirm", "x")]).send().await;
        assert_eq!(again.expect("post").status().as_u16(), 404);
        let forged = browser.get(app.url("/admin/password/not-a-token")).send().await.expect("forged");
        assert_eq!(forged.status().as_u16(), 404);
    }
}

fn sel(selector: &str) -> scraper::Selector {
    scraper::Selector::parse(selector).expect("selector")
}

#[tokio::test]
async fn back_office_errors_show_on_back_office_pages_in_the_users_language() {
    for app in TestApp::each().await {
        let editor = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let chosen = editor.post("/admin/account/language", &[("language", "fr")]).await;
        assert_eq!(chosen.status().as_u16(), 303, "{}", app.backend());

        let forbidden = editor.get("/admin/users").await;
        assert_eq!(forbidden.status().as_u16(), 403, "{}", app.backend());
        let html = Html::parse_document(&forbidden.text().await.expect("body"));
        assert_eq!(attrs(&html, "html", "lang"), ["fr"], "the user's language on {}", app.backend());
        assert_eq!(text(&html, "h1"), "Accès refusé");
        assert_eq!(
            attrs(&html, "link[rel=stylesheet]", "href").iter().filter(|h| h.contains("admin.css")).count(),
            1
        );
        assert!(attrs(&html, "nav a", "href").iter().any(|h| h == "/admin"), "the back office's own menu");

        let missing = editor.page("/admin/documents/99999999", 404).await;
        assert_eq!(text(&missing, "h1"), "Page introuvable", "{}", app.backend());
        assert!(attrs(&missing, "link[rel=stylesheet]", "href").iter().all(|h| !h.contains("style.css")));

        // Not signed in: still a back-office page, in the browser's language.
        let anonymous = reqwest::Client::new()
            .get(app.url("/admin/password/nothing"))
            .header("accept-language", "es")
            .send()
            .await
            .expect("page");
        assert_eq!(anonymous.status().as_u16(), 404);
        let html = Html::parse_document(&anonymous.text().await.expect("body"));
        assert_eq!(attrs(&html, "html", "lang"), ["es"]);
        assert!(text(&html, ".error-summary").contains("Este enlace no funciona"));
    }
}
