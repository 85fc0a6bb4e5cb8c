//! Single sign-on as people meet it: the sign-in button, the provider's own login and consent
//! pages, the callback, the role and sites their groups give, the refusals, SSO-only mode, and
//! losing access once the provider disables them — through a real Portico server and a real
//! OpenID Connect provider (panva's `oidc-provider` from npm, `tests/oidc-provider/`), both on
//! loopback, over HTTP with a cookie jar, on SQLite and PostgreSQL.

use crate::support;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use portico::server::Tuning;
use portico_store::AuditFilter;
use portico_store::testing::TestDb;
use reqwest::redirect::Policy;
use scraper::{Html, Selector};
use support::{PASSWORD, TestApp, attrs, text, texts};

/// The provider in `tests/oidc-provider`, on a free loopback port, ended when dropped.
struct TestProvider {
    child: Child,
    issuer: String,
}

impl TestProvider {
    fn start() -> TestProvider {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oidc-provider");
        assert!(
            dir.join("node_modules/oidc-provider").is_dir(),
            "the test provider is not installed: run scripts/test-services (npm ci in {})",
            dir.display()
        );
        let mut child = Command::new("node")
            .arg("server.mjs")
            .arg("0")
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node runs (Node.js 20 or later)");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("the provider says where it listens");
        let issuer = line.trim().strip_prefix("listening ").expect("listening http://…").to_owned();
        // Read the rest, so that the provider never writes into a closed pipe (and dies of it);
        // its errors are shown, its start-up warnings about development mode are not.
        std::thread::spawn(move || stdout.lines().map_while(Result::ok).for_each(drop));
        let stderr = BufReader::new(child.stderr.take().expect("stderr"));
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                if !line.starts_with("oidc-provider WARNING") {
                    eprintln!("test provider: {line}");
                }
            }
        });
        TestProvider { child, issuer }
    }

    /// New signing keys under new key ids at the provider; the old ones are gone.
    async fn rotate_keys(&self) {
        let response = reqwest::Client::new()
            .post(format!("{}/test/rotate-keys", self.issuer))
            .send()
            .await
            .expect("rotate");
        assert_eq!(response.status().as_u16(), 204);
    }

    /// The provider's test-only switch: `disable` makes the account gone, so refresh grants
    /// fail; `enable` brings it back.
    async fn switch(&self, account: &str, action: &str) {
        let response = reqwest::Client::new()
            .post(format!("{}/test/accounts/{account}/{action}", self.issuer))
            .send()
            .await
            .expect("switch");
        assert_eq!(response.status().as_u16(), 204);
    }
}

impl Drop for TestProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `portico serve`'s options for the test provider, read by the same code as the command line.
fn sso_options(provider: &TestProvider, client_id: &str, sso_only: bool, recheck_seconds: u64) -> Tuning {
    let args = portico::sso::SsoArgs {
        oidc_issuer: Some(provider.issuer.clone()),
        oidc_client_id: Some(client_id.into()),
        oidc_client_secret_file: None,
        oidc_name: "Staff ID".into(),
        oidc_scopes: "openid email profile groups offline_access".into(),
        oidc_groups_claim: "groups".into(),
        oidc_groups: vec![
            "portico-admins=admin".into(),
            "portico-editors-sv=editor@sv".into(),
            "portico-editors-sn=editor@sn".into(),
            "portico-translators=translator@global".into(),
        ],
        sso_only,
        oidc_recheck_seconds: recheck_seconds,
    };
    let sso = args.config_with_secret(Some("portico-test-secret".into())).expect("valid options");
    Tuning { sso, ..Tuning::default() }
}

/// One Portico per database kind with single sign-on through `provider`, as the client
/// `portico` (ID tokens signed with RS256).
async fn apps(provider: &TestProvider, sso_only: bool, recheck_seconds: u64) -> Vec<TestApp> {
    apps_as(provider, "portico", sso_only, recheck_seconds).await
}

/// [`apps`] as another of the provider's clients.
async fn apps_as(
    provider: &TestProvider,
    client_id: &str,
    sso_only: bool,
    recheck_seconds: u64,
) -> Vec<TestApp> {
    let tuning = sso_options(provider, client_id, sso_only, recheck_seconds);
    let mut apps = Vec::new();
    for db in TestDb::each().await {
        apps.push(TestApp::on_tuned(db, &tuning).await);
    }
    apps
}

/// A browser: one cookie jar for Portico and the provider, no redirect followed on its own.
struct Browser {
    client: reqwest::Client,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
}

impl Browser {
    fn new() -> Browser {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .redirect(Policy::none())
            .cookie_provider(jar.clone())
            .build()
            .expect("client");
        Browser { client, jar }
    }

    /// Puts the `state` of `callback` back into the cookie that carried it, as a browser
    /// replaying an old callback with its old cookies would.
    fn restore_state_cookie(&self, callback: &str) {
        let url = reqwest::Url::parse(callback).expect("url");
        let state = url.query_pairs().find(|(k, _)| k == "state").expect("a state").1.into_owned();
        self.jar.add_cookie_str(&format!("portico_sso={state}; Path=/"), &url);
    }

    async fn get(&self, url: &str) -> reqwest::Response {
        self.client.get(url).send().await.expect("request")
    }

    /// From Portico's sign-in page through the provider's login and consent pages, as
    /// `account`; answers the address the provider sends the browser back to (Portico's
    /// callback), not yet visited.
    async fn through_provider(&self, app: &TestApp, account: &str) -> String {
        let page =
            Html::parse_document(&self.get(&app.url("/admin/login")).await.text().await.expect("body"));
        let button = attrs(&page, ".sso-sign-in a", "href");
        assert_eq!(button.len(), 1, "one sign-in button on {}", app.backend());
        let mut url = app.url(&button[0]);
        let mut response = self.get(&url).await;
        for _ in 0..20 {
            if response.status().is_redirection() {
                let location = response.headers()["location"].to_str().expect("ascii").to_owned();
                url = reqwest::Url::parse(&url).expect("url").join(&location).expect("location").to_string();
                if url.starts_with(&app.server.url()) {
                    return url;
                }
                response = self.get(&url).await;
                continue;
            }
            assert_eq!(response.status().as_u16(), 200, "the provider's page {url}");
            let html = Html::parse_document(&response.text().await.expect("body"));
            let form = Selector::parse("form").expect("selector");
            let form = html.select(&form).next().expect("the provider's page has a form");
            let action = form.value().attr("action").expect("action");
            let mut fields: Vec<(String, String)> = Vec::new();
            let inputs = Selector::parse("input").expect("selector");
            for input in form.select(&inputs) {
                let name = input.value().attr("name").unwrap_or("").to_owned();
                let value = match name.as_str() {
                    "login" => account.to_owned(),
                    "password" => "any password works here".to_owned(),
                    _ => input.value().attr("value").unwrap_or("").to_owned(),
                };
                if !name.is_empty() {
                    fields.push((name, value));
                }
            }
            url = reqwest::Url::parse(&url).expect("url").join(action).expect("action").to_string();
            response = self.client.post(&url).form(&fields).send().await.expect("post");
        }
        panic!("the provider never sent the browser back to Portico");
    }

    /// Signs in through the provider as `account`; answers the callback's response.
    async fn sign_in(&self, app: &TestApp, account: &str) -> reqwest::Response {
        let callback = self.through_provider(app, account).await;
        self.get(&callback).await
    }

    /// A back-office page: its status and parsed body.
    async fn page(&self, app: &TestApp, path: &str) -> (u16, Html) {
        let response = self.get(&app.url(path)).await;
        let status = response.status().as_u16();
        (status, Html::parse_document(&response.text().await.expect("body")))
    }

    /// Posts a back-office form with the session's CSRF token, from the same origin.
    async fn post(
        &self,
        app: &TestApp,
        csrf: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut form = vec![("_csrf", csrf)];
        form.extend_from_slice(fields);
        self.client
            .post(app.url(path))
            .header("origin", app.server.url())
            .form(&form)
            .send()
            .await
            .expect("post")
    }
}

/// The session's CSRF token, from the sign-out form every back-office page has.
fn csrf(html: &Html) -> String {
    attrs(html, "form[action='/admin/logout'] input[name=_csrf]", "value").remove(0)
}

/// The audit log's entries of exactly `action`: who and the note.
async fn actions(app: &TestApp, action: &str) -> Vec<(String, String)> {
    let filter = AuditFilter { action: Some(action.to_owned()), ..AuditFilter::default() };
    let records = app.server.store.audit_records(&filter, 100).await.expect("audit");
    records.into_iter().filter(|r| r.action == action).map(|r| (r.user_email, r.detail)).collect()
}

#[tokio::test]
async fn a_person_signs_in_through_the_provider_with_the_role_and_sites_their_groups_give() {
    let provider = TestProvider::start();
    for app in apps(&provider, false, 300).await {
        let backend = app.backend();
        let ana = Browser::new();
        let response = ana.sign_in(&app, "ana").await;
        assert_eq!(response.status().as_u16(), 303, "{backend}");
        // A full session at once: the provider owns the factors, Portico asks no code.
        assert_eq!(response.headers()["location"], "/admin", "{backend}");
        let (status, account) = ana.page(&app, "/admin/account").await;
        assert_eq!(status, 200, "{backend}");
        let sv = app.server.store.site_by_key("sv").await.expect("site").expect("sv").name;
        let sn = app.server.store.site_by_key("sn").await.expect("site").expect("sn").name;
        let who = text(&account, "main h1 + p");
        assert!(who.contains("ana@example.org") && who.contains("editor"), "{who} on {backend}");
        assert!(who.contains(&sv) && who.contains(&sn), "{who} names both sites on {backend}");
        // Their password is the provider's: no form to change it here.
        assert!(attrs(&account, "form[action='/admin/account/password']", "action").is_empty(), "{backend}");
        assert!(text(&account, ".sso-account").contains("Staff ID"), "{backend}");
        // Nor Portico's own second factor, which such a sign-in never asks for.
        assert!(texts(&account, ".two-factor-state").is_empty(), "{backend}");

        // An admin from the provider sees Ana as the provider described her.
        let root = Browser::new();
        assert_eq!(root.sign_in(&app, "root").await.status().as_u16(), 303, "{backend}");
        let (status, users) = root.page(&app, "/admin/users").await;
        assert_eq!(status, 200, "an admin by their group on {backend}");
        let rows = Selector::parse("tbody tr").expect("selector");
        let cells = Selector::parse("td").expect("selector");
        let ana_row: Vec<String> = users
            .select(&rows)
            .map(|row| {
                row.select(&cells).map(|c| c.text().collect::<String>().trim().to_owned()).collect::<Vec<_>>()
            })
            .find(|cells| cells.first().is_some_and(|email| email == "ana@example.org"))
            .expect("Ana is listed");
        let mut sites: Vec<&str> = ana_row[3].split(", ").collect();
        sites.sort_unstable();
        assert_eq!(
            (&ana_row[1][..], &ana_row[2][..], sites),
            ("Ana Editor", "editor", vec!["sn", "sv"]),
            "{backend}"
        );

        // The second sign-in updates, and provisions nothing new.
        assert_eq!(Browser::new().sign_in(&app, "ana").await.status().as_u16(), 303, "{backend}");
        let provisioned = actions(&app, "user.provision").await;
        assert_eq!(provisioned.len(), 2, "Ana and Root, once each, on {backend}: {provisioned:?}");
        let logins = actions(&app, "login.sso").await;
        assert_eq!(logins.iter().filter(|(who, _)| who == "ana@example.org").count(), 2, "{backend}");
        assert!(logins.iter().any(|(_, detail)| detail == "editor on sn, sv"), "{logins:?} on {backend}");

        // Signing out ends the session here, then at the provider.
        let (_, dashboard) = ana.page(&app, "/admin").await;
        let out = ana.post(&app, &csrf(&dashboard), "/admin/logout", &[]).await;
        assert_eq!(out.status().as_u16(), 303, "{backend}");
        let location = out.headers()["location"].to_str().expect("ascii").to_owned();
        assert!(
            location.starts_with(&format!("{}/session/end?", provider.issuer)),
            "{location} on {backend}"
        );
        assert!(location.contains("id_token_hint="), "{location} on {backend}");
        let (status, _) = ana.page(&app, "/admin").await;
        assert_eq!(status, 303, "signed out on {backend}");
    }
}

#[tokio::test]
async fn a_state_that_is_not_this_browsers_or_a_used_callback_is_refused() {
    let provider = TestProvider::start();
    for app in apps(&provider, false, 300).await {
        let backend = app.backend();
        let ana = Browser::new();
        let callback = ana.through_provider(&app, "ana").await;

        // Another browser cannot finish Ana's sign-in: the state is not in its cookies.
        let mallory = Browser::new();
        let stolen = mallory.get(&callback).await;
        assert_eq!(stolen.status().as_u16(), 400, "{backend}");
        let page = Html::parse_document(&stolen.text().await.expect("body"));
        assert!(text(&page, "#login-error").contains("started in another browser"), "{backend}");

        // Nor can Ana's own browser with a state changed on the way.
        let url = reqwest::Url::parse(&callback).expect("url");
        let mut tampered = url.clone();
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let v = if k == "state" { format!("{v}x") } else { v.into_owned() };
                (k.into_owned(), v)
            })
            .collect();
        tampered.query_pairs_mut().clear().extend_pairs(pairs);
        assert_eq!(ana.get(tampered.as_str()).await.status().as_u16(), 400, "{backend}");

        // A code is bound to the sign-in that asked for it (PKCE): the code of an earlier
        // sign-in brought to a later one's callback is refused by the provider.
        let later = ana.through_provider(&app, "ana").await;
        let mut crossed = reqwest::Url::parse(&later).expect("url");
        let earlier_code = url.query_pairs().find(|(k, _)| k == "code").expect("a code").1.into_owned();
        let pairs: Vec<(String, String)> = crossed
            .query_pairs()
            .map(|(k, v)| {
                let v = if k == "code" { earlier_code.clone() } else { v.into_owned() };
                (k.into_owned(), v)
            })
            .collect();
        crossed.query_pairs_mut().clear().extend_pairs(pairs);
        assert_eq!(ana.get(crossed.as_str()).await.status().as_u16(), 401, "{backend}");

        // The real callback works once; the same code and state a second time do not, even
        // with the state's cookie back in place: the server has used the pending sign-in up.
        ana.restore_state_cookie(&callback);
        assert_eq!(ana.get(&callback).await.status().as_u16(), 303, "{backend}");
        ana.restore_state_cookie(&callback);
        let replayed = ana.get(&callback).await;
        assert_eq!(replayed.status().as_u16(), 400, "a replayed code on {backend}");
        let refusals = actions(&app, "login.sso.refused").await;
        let details: Vec<&str> = refusals.iter().map(|(_, detail)| detail.as_str()).collect();
        assert_eq!(details.len(), 4, "every refusal audited on {backend}: {details:?}");
        assert!(details[0].starts_with("State: no pending sign-in"), "{details:?}");
        assert!(details[1].starts_with("Provider: ") && details[1].contains("invalid_grant"), "{details:?}");
        assert!(
            details[2..].iter().all(|d| d.starts_with("State: the state is not this browser's")),
            "{details:?}"
        );
        assert_eq!(actions(&app, "login.sso").await.len(), 1, "one sign-in on {backend}");
    }
}

#[tokio::test]
async fn a_person_whose_groups_give_no_role_is_refused_with_a_clear_page() {
    let provider = TestProvider::start();
    for app in apps(&provider, false, 300).await {
        let backend = app.backend();
        let ben = Browser::new();
        let response = ben.sign_in(&app, "ben").await;
        assert_eq!(response.status().as_u16(), 403, "{backend}");
        let page = Html::parse_document(&response.text().await.expect("body"));
        let error = text(&page, "#login-error");
        assert!(error.contains("no group that gives access to Portico"), "{error} on {backend}");
        assert!(
            app.server.store.user_for_login("ben@example.org").await.expect("store").is_none(),
            "{backend}"
        );
        let refusals = actions(&app, "login.sso.refused").await;
        assert_eq!(refusals.len(), 1, "{backend}");
        assert_eq!(refusals[0].0, "ben@example.org", "{backend}");
        let (status, _) = ben.page(&app, "/admin").await;
        assert_eq!(status, 303, "not signed in on {backend}");
    }
}

#[tokio::test]
async fn with_sso_only_the_server_refuses_passwords() {
    let provider = TestProvider::start();
    for app in apps(&provider, true, 300).await {
        let backend = app.backend();
        let local = app.user("local@example.org", portico_content::Role::Admin, &[]).await;
        let browser = Browser::new();
        let (status, form) = browser.page(&app, "/admin/login").await;
        assert_eq!(status, 200, "{backend}");
        assert!(attrs(&form, "input[name=password]", "name").is_empty(), "no password field on {backend}");
        assert_eq!(texts(&form, ".sso-sign-in a"), vec!["Sign in with Staff ID"], "{backend}");

        // A hand-made password post is refused on the server, with the right password too.
        let login_csrf = attrs(&form, "input[name=_csrf]", "value");
        let login_token = login_csrf.first().cloned().unwrap_or_default();
        let response = browser
            .client
            .post(app.url("/admin/login"))
            .form(&[
                ("_csrf", login_token.as_str()),
                ("email", local.as_str()),
                ("password", PASSWORD),
                ("next", "/admin"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status().as_u16(), 403, "{backend}");
        assert!(
            response
                .headers()
                .get_all("set-cookie")
                .iter()
                .all(|c| !c.to_str().unwrap_or("").starts_with("portico_session="))
        );
        assert!(actions(&app, "login").await.is_empty(), "{backend}");

        // The provider still signs people in, and nobody changes a password here.
        assert_eq!(browser.sign_in(&app, "root").await.status().as_u16(), 303, "{backend}");
        let (_, account) = browser.page(&app, "/admin/account").await;
        let changed = browser
            .post(
                &app,
                &csrf(&account),
                "/admin/account/password",
                &[("current", "x"), ("new", "y"), ("confirm", "y")],
            )
            .await;
        assert_eq!(changed.status().as_u16(), 403, "{backend}");
    }
}

#[tokio::test]
async fn a_person_disabled_at_the_provider_loses_sessions_and_tokens_at_the_next_check() {
    let provider = TestProvider::start();
    for app in apps(&provider, false, 1).await {
        let backend = app.backend();
        // One provider for both databases: Ana is back for the second.
        provider.switch("ana", "enable").await;
        let ana = Browser::new();
        assert_eq!(ana.sign_in(&app, "ana").await.status().as_u16(), 303, "{backend}");
        let (_, account) = ana.page(&app, "/admin/account").await;
        let made = ana.post(&app, &csrf(&account), "/admin/account/tokens", &[("name", "scripts")]).await;
        let made = Html::parse_document(&made.text().await.expect("body"));
        let token = text(&made, "#new-token");
        assert!(token.starts_with("ptc_"), "{backend}");
        let api = |token: String| {
            let client = app.client.clone();
            let url = app.url("/api/v1/releases/1");
            async move { client.get(url).bearer_auth(token).send().await.expect("api").status().as_u16() }
        };
        assert_ne!(api(token.clone()).await, 401, "the token works on {backend}");

        // Past the interval the provider is asked (the refresh grant) and still says yes.
        wait_past_interval().await;
        let (status, _) = ana.page(&app, "/admin").await;
        assert_eq!(status, 200, "still signed in on {backend}");

        provider.switch("ana", "disable").await;
        wait_past_interval().await;
        let (status, _) = ana.page(&app, "/admin").await;
        assert_eq!(status, 303, "signed out at the next check on {backend}");
        assert_eq!(api(token.clone()).await, 401, "the API token ends too on {backend}");
        let user = app.server.store.users().await.expect("users");
        let ana_user = user.iter().find(|u| u.email == "ana@example.org").expect("Ana");
        assert!(ana_user.disabled, "disabled here on {backend}");
        let disabled = actions(&app, "user.disable").await;
        assert_eq!(disabled.len(), 1, "{backend}");
        assert_eq!(disabled[0].0, "system:sso", "{backend}");
        assert!(disabled[0].1.contains("invalid_grant"), "{:?} on {backend}", disabled[0]);
    }
}

#[tokio::test]
async fn the_api_tokens_of_someone_who_makes_no_request_end_too() {
    let provider = TestProvider::start();
    for app in apps(&provider, false, 1).await {
        let backend = app.backend();
        provider.switch("ana", "enable").await;
        let ana = Browser::new();
        assert_eq!(ana.sign_in(&app, "ana").await.status().as_u16(), 303, "{backend}");
        let (_, account) = ana.page(&app, "/admin/account").await;
        let made = ana.post(&app, &csrf(&account), "/admin/account/tokens", &[("name", "nightly")]).await;
        let token = text(&Html::parse_document(&made.text().await.expect("body")), "#new-token");
        let api = || app.client.get(app.url("/api/v1/releases/1")).bearer_auth(&token).send();
        assert_ne!(api().await.expect("api").status().as_u16(), 401, "{backend}");

        // From now on only the script calls, never the browser: the server's own round asks
        // the provider about the idle session, once a second here.
        provider.switch("ana", "disable").await;
        let mut status = 0;
        for _ in 0..100 {
            status = api().await.expect("api").status().as_u16();
            if status == 401 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        assert_eq!(status, 401, "the token ended without a request of the session on {backend}");
        let disabled = actions(&app, "user.disable").await;
        assert_eq!(disabled.len(), 1, "{backend}");
        assert_eq!(disabled[0].0, "system:sso", "{backend}");
        let (status, _) = ana.page(&app, "/admin").await;
        assert_eq!(status, 303, "and the session is over on {backend}");
    }
}

/// Past a one-second re-check interval, whose times are kept in whole seconds.
async fn wait_past_interval() {
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
}

#[tokio::test]
async fn an_id_token_signed_with_es256_is_accepted() {
    let provider = TestProvider::start();
    for app in apps_as(&provider, "portico-es256", false, 300).await {
        let response = Browser::new().sign_in(&app, "ana").await;
        assert_eq!(response.status().as_u16(), 303, "{}", app.backend());
        assert_eq!(response.headers()["location"], "/admin", "{}", app.backend());
    }
}

#[tokio::test]
async fn keys_rotated_at_the_provider_are_fetched_again() {
    let provider = TestProvider::start();
    for app in apps(&provider, false, 300).await {
        let backend = app.backend();
        // The first sign-in reads the provider's keys; the next one's ID token is signed with a
        // key that was not among them.
        assert_eq!(Browser::new().sign_in(&app, "ana").await.status().as_u16(), 303, "{backend}");
        provider.rotate_keys().await;
        assert_eq!(Browser::new().sign_in(&app, "root").await.status().as_u16(), 303, "{backend}");
        assert_eq!(actions(&app, "login.sso").await.len(), 2, "{backend}");
        assert!(actions(&app, "login.sso.refused").await.is_empty(), "{backend}");
    }
}

/// Runs `portico serve` with single sign-on `args`, which must stop it at start-up with one
/// line; answers that line.
fn refused_start(args: &[&str]) -> String {
    let data = tempfile::tempdir().expect("data");
    let output = Command::new(env!("CARGO_BIN_EXE_portico"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data", data.path().to_str().expect("path")])
        .args(["--oidc-issuer", "https://id.example.org", "--oidc-client-id", "portico"])
        .args(args)
        .env_remove("PORTICO_DATABASE")
        .env("PORTICO_OIDC_CLIENT_SECRET", "the-secret-itself")
        .output()
        .expect("run portico");
    assert!(!output.status.success(), "portico serve {args:?} must not start");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(
        !stderr.contains("the-secret-itself") && !stdout.contains("the-secret-itself"),
        "no secret: {stderr}"
    );
    stderr
}

#[test]
fn serve_names_a_wrong_group_mapping_in_one_line_and_does_not_start() {
    let stderr = refused_start(&["--oidc-group", "web=boss"]);
    assert!(stderr.contains("--oidc-group") && stderr.contains("unknown role \"boss\""), "{stderr}");
    let stderr = refused_start(&["--oidc-group", "comms=editor"]);
    assert!(stderr.contains("needs sites"), "{stderr}");
    // The demo's sites are there; "atlantis" is not one of them.
    let stderr = refused_start(&["--oidc-group", "comms=editor@sv,atlantis"]);
    assert!(stderr.contains("names the site \"atlantis\""), "{stderr}");
    let stderr = refused_start(&["--sso-only"]);
    assert!(stderr.contains("--oidc-group"), "{stderr}");
}
