//! Two-factor sign-in as people meet it: enrolling from their account by QR code, signing in
//! with a password and a code, recovery codes, the back-off, roles that must enrol, and an
//! admin's reset — through a real server over HTTP, on SQLite and PostgreSQL.
//!
//! The codes come from `oathtool` (OATH Toolkit, installed by `scripts/test-services`), never
//! from Portico's own TOTP code, so a mistake there cannot hide behind itself.

use crate::support;

use std::process::Command;
use std::sync::Arc;

use portico_content::Role;
use portico_store::AuditFilter;
use reqwest::cookie::{CookieStore, Jar};
use reqwest::redirect::Policy;
use scraper::Html;
use support::{PASSWORD, TestApp, attrs, text, texts};

/// The code `oathtool` computes for a base32 secret at a moment (seconds since 1970).
fn oathtool_at(secret: &str, unix_seconds: i64) -> String {
    let output = Command::new("oathtool")
        .args(["--totp", "--base32", &format!("--now=@{unix_seconds}"), secret])
        .output()
        .expect("oathtool runs (scripts/test-services installs it)");
    assert!(output.status.success(), "oathtool: {}", String::from_utf8_lossy(&output.stderr));
    let code = String::from_utf8(output.stdout).expect("utf-8").trim().to_owned();
    assert_eq!(code.len(), 6, "a six-digit code: {code}");
    code
}

/// The code for now.
fn oathtool(secret: &str) -> String {
    oathtool_at(secret, time::OffsetDateTime::now_utc().unix_timestamp())
}

/// Waits, when less than `seconds` are left of the current 30-second step, until the next
/// step begins. A test that sends the previous step's code has until the step ends before
/// that code is two steps old and refused; on a loaded machine a few seconds are not enough.
pub(crate) async fn room_in_the_step(seconds: u64) {
    let into = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970");
    let left = std::time::Duration::from_secs(30)
        - std::time::Duration::from_nanos((into.as_nanos() % 30_000_000_000) as u64);
    if left < std::time::Duration::from_secs(seconds) {
        tokio::time::sleep(left + std::time::Duration::from_millis(200)).await;
    }
}

/// A six-digit code that is valid in no step near now, for wrong-code tests.
fn wrong_code(secret: &str) -> String {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let near: Vec<String> = (-3..=3).map(|k| oathtool_at(secret, now + 30 * k)).collect();
    (0..)
        .map(|n: u32| format!("{:06}", (123_457 + n * 7_919) % 1_000_000))
        .find(|code| !near.contains(code))
        .expect("some code is wrong")
}

/// A browser-like client: a cookie jar we can read, no redirects followed.
struct Visitor {
    client: reqwest::Client,
    jar: Arc<Jar>,
    base: String,
    /// Where the password step sent this visitor last.
    sent_to: std::sync::Mutex<String>,
}

impl Visitor {
    fn new(app: &TestApp) -> Visitor {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .redirect(Policy::none())
            .cookie_provider(jar.clone())
            .build()
            .expect("client");
        Visitor {
            client,
            jar,
            base: app.server.url(),
            sent_to: std::sync::Mutex::new("/admin/login/code".into()),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The `Cookie` header the jar would send.
    fn cookies(&self) -> String {
        let url = reqwest::Url::parse(&self.base).expect("url");
        self.jar.cookies(&url).map(|v| v.to_str().expect("ascii").to_owned()).unwrap_or_default()
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    async fn page(&self, path: &str, status: u16) -> Html {
        let response = self.get(path).await;
        assert_eq!(response.status().as_u16(), status, "GET {path}");
        Html::parse_document(&response.text().await.expect("body"))
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(self.url(path)).form(fields).send().await.expect("request")
    }

    /// Submits the password step; returns where it sends the visitor.
    async fn password_step(&self, email: &str) -> String {
        let form = self.page("/admin/login", 200).await;
        let csrf = attrs(&form, "input[name=_csrf]", "value").remove(0);
        let response = self
            .post(
                "/admin/login",
                &[("_csrf", &csrf), ("email", email), ("password", PASSWORD), ("next", "/admin/media")],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303, "the password of {email} is right");
        let to = location(&response);
        *self.sent_to.lock().expect("lock") = to.clone();
        to
    }

    /// Submits a code at the second step, reading the form (with its CSRF token and where to
    /// go next) at the address the password step sent us to.
    async fn code_step(&self, code: &str) -> reqwest::Response {
        let path = self.sent_to.lock().expect("lock").clone();
        assert!(path.starts_with("/admin/login/code"), "the password step sent us to {path}");
        let form = self.page(&path, 200).await;
        let csrf = attrs(&form, "form[action='/admin/login/code'] input[name=_csrf]", "value").remove(0);
        let next = attrs(&form, "input[name=next]", "value").remove(0);
        self.post("/admin/login/code", &[("_csrf", &csrf), ("next", &next), ("code", code)]).await
    }

    /// The CSRF token of a back-office page's sign-out form.
    async fn csrf_of(&self, path: &str) -> String {
        let html = self.page(path, 200).await;
        attrs(&html, "form[action='/admin/logout'] input[name=_csrf]", "value").remove(0)
    }

    /// Enrols from the two-factor page: starts, reads the secret, confirms with oathtool's
    /// code for the previous step. Returns the secret and the recovery codes shown.
    async fn enrol(&self) -> (String, Vec<String>) {
        let csrf = self.csrf_of("/admin/account/two-factor").await;
        let started = self.post("/admin/account/two-factor/start", &[("_csrf", &csrf)]).await;
        assert_eq!(started.status().as_u16(), 303);
        assert_eq!(location(&started), "/admin/account/two-factor");
        let page = self.page("/admin/account/two-factor", 200).await;
        assert_eq!(attrs(&page, "figure.totp-qr > svg", "viewBox").len(), 1, "an inline SVG QR code");
        let secret: String = text(&page, ".totp-secret").split_whitespace().collect();
        assert_eq!(secret.len(), 32, "160 bits in base32: {secret}");
        // The previous step's code, which clock drift allows: a code is good once, so the
        // current one stays free for the sign-in that follows.
        room_in_the_step(10).await;
        let previous = oathtool_at(&secret, time::OffsetDateTime::now_utc().unix_timestamp() - 30);
        let confirmed =
            self.post("/admin/account/two-factor/confirm", &[("_csrf", &csrf), ("code", &previous)]).await;
        assert_eq!(confirmed.status().as_u16(), 200);
        let page = Html::parse_document(&confirmed.text().await.expect("body"));
        let codes = texts(&page, ".recovery-code-list .recovery-code");
        (secret, codes)
    }
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().expect("location").to_owned()
}

async fn audited(app: &TestApp, action: &str) -> Vec<portico_store::AuditRecord> {
    let filter = AuditFilter { action: Some(action.into()), ..AuditFilter::default() };
    app.server.store.audit_records(&filter, 100).await.expect("audit")
}

#[tokio::test]
async fn enrol_by_qr_code_then_sign_in_with_a_code_and_recovery_codes_work_once() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let email = app.user("ed@example.org", Role::Editor, &["global"]).await;
        let visitor = Visitor::new(&app);
        assert_eq!(visitor.password_step(&email).await, "/admin/media", "no second factor yet");
        let account = visitor.page("/admin/account", 200).await;
        assert_eq!(attrs(&account, ".two-factor-state", "data-state"), ["off"]);

        // A wrong code does not switch it on; the page says why, with the QR code still there.
        let csrf = visitor.csrf_of("/admin/account/two-factor").await;
        visitor.post("/admin/account/two-factor/start", &[("_csrf", &csrf)]).await;
        let page = visitor.page("/admin/account/two-factor", 200).await;
        let secret: String = text(&page, ".totp-secret").split_whitespace().collect();
        let view_box = attrs(&page, "figure.totp-qr > svg", "viewBox");
        assert_eq!(view_box.len(), 1, "the QR code is inline SVG on {backend}");
        assert_eq!(attrs(&page, "figure.totp-qr > svg path", "d").len(), 1, "with its modules drawn");
        let refused = visitor
            .post("/admin/account/two-factor/confirm", &[("_csrf", &csrf), ("code", &wrong_code(&secret))])
            .await;
        assert_eq!(refused.status().as_u16(), 422);
        let html = Html::parse_document(&refused.text().await.expect("body"));
        assert!(
            text(&html, ".error-summary").contains("does not match"),
            "{}",
            text(&html, ".error-summary")
        );
        let account = visitor.page("/admin/account", 200).await;
        assert_eq!(
            attrs(&account, ".two-factor-state", "data-state"),
            ["off"],
            "still off after a wrong code"
        );

        // The right code from oathtool switches it on and shows ten recovery codes once.
        let (secret, recovery) = visitor.enrol().await;
        assert_eq!(recovery.len(), 10, "ten recovery codes on {backend}");
        let account = visitor.page("/admin/account", 200).await;
        assert_eq!(attrs(&account, ".two-factor-state", "data-state"), ["on"]);
        let again = visitor.page("/admin/account/two-factor", 200).await;
        assert!(texts(&again, ".recovery-code").is_empty(), "recovery codes are never shown again");
        assert!(text(&again, ".recovery-left").starts_with("10 "), "{}", text(&again, ".recovery-left"));
        assert_eq!(audited(&app, "account.twofactor.on").await.len(), 1);

        // Signing in now takes a code: the password alone opens nothing.
        let fresh = Visitor::new(&app);
        let step = fresh.password_step(&email).await;
        assert_eq!(step, "/admin/login/code?next=/admin/media", "on {backend}");
        let half_cookie = fresh.cookies();
        for path in ["/admin", "/admin/media", "/admin/account", "/admin/account/two-factor"] {
            let response = fresh.get(path).await;
            assert_eq!(response.status().as_u16(), 303, "{path} with only a password on {backend}");
            assert!(location(&response).starts_with("/admin/login/code"), "{path} → {}", location(&response));
        }
        let french = fresh
            .client
            .get(fresh.url("/admin/login/code"))
            .header("accept-language", "fr")
            .send()
            .await
            .expect("code form");
        assert!(
            french.headers()["content-security-policy"].to_str().expect("csp").contains("script-src 'self'")
        );
        let french = Html::parse_document(&french.text().await.expect("body"));
        assert_eq!(text(&french, "h1"), "Saisissez votre code de connexion");

        // Without the form's CSRF token the step refuses before looking at the code.
        let forged = fresh.post("/admin/login/code", &[("code", &oathtool(&secret))]).await;
        assert_eq!(forged.status().as_u16(), 403);

        let wrong = fresh.code_step(&wrong_code(&secret)).await;
        assert_eq!(wrong.status().as_u16(), 401, "a wrong code is refused on {backend}");
        let html = Html::parse_document(&wrong.text().await.expect("body"));
        assert!(text(&html, "#code-error").contains("not right"), "{}", text(&html, "#code-error"));
        assert_eq!(audited(&app, "login.code.failed").await.len(), 1);

        let code = oathtool(&secret);
        let passed = fresh.code_step(&code).await;
        assert_eq!(passed.status().as_u16(), 303, "oathtool's code passes on {backend}");
        assert_eq!(location(&passed), "/admin/media", "on to where they were going");
        assert_ne!(fresh.cookies(), half_cookie, "the full session has a new token");
        assert_eq!(fresh.get("/admin/media").await.status().as_u16(), 200);
        let stale =
            app.client.get(app.url("/admin")).header("cookie", &half_cookie).send().await.expect("stale");
        assert_eq!(stale.status().as_u16(), 303, "the half session's token opens nothing afterwards");

        // The same code again, from another sign-in within its window: a replay.
        let replayer = Visitor::new(&app);
        replayer.password_step(&email).await;
        let replayed = replayer.code_step(&code).await;
        assert_eq!(replayed.status().as_u16(), 401, "a used code is refused on {backend}");
        let html = Html::parse_document(&replayed.text().await.expect("body"));
        assert!(text(&html, "#code-error").contains("used already"), "{}", text(&html, "#code-error"));
        assert_eq!(replayer.get("/admin").await.status().as_u16(), 303);

        // A recovery code signs in once, typed as people type (upper case, spaces).
        let typed = recovery[3].to_uppercase().replace('-', " ");
        let recovered = replayer.code_step(&typed).await;
        assert_eq!(recovered.status().as_u16(), 303, "a recovery code works on {backend}");
        assert_eq!(location(&recovered), "/admin/account/two-factor?notice=recovery_used");
        let page = replayer.page("/admin/account/two-factor?notice=recovery_used", 200).await;
        assert!(text(&page, ".recovery-left").starts_with("9 "), "{}", text(&page, ".recovery-left"));
        let once_more = Visitor::new(&app);
        once_more.password_step(&email).await;
        let reused = once_more.code_step(&recovery[3]).await;
        assert_eq!(reused.status().as_u16(), 401, "a recovery code works only once on {backend}");
        let other = once_more.code_step(&recovery[4]).await;
        assert_eq!(other.status().as_u16(), 303, "another one still works");

        // Nothing secret reached the audit log.
        let everything = app.server.store.audit_records(&AuditFilter::default(), 500).await.expect("audit");
        for record in everything {
            for secret_text in [secret.as_str(), code.as_str(), recovery[3].as_str()] {
                assert!(!record.detail.contains(secret_text), "{} in the audit log", record.action);
            }
        }
    }
}

#[tokio::test]
async fn the_code_step_backs_off_per_account_and_a_lost_session_cannot_skip_it() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let email = app.user("au@example.org", Role::Author, &["global"]).await;
        let owner = Visitor::new(&app);
        owner.password_step(&email).await;
        let (secret, _) = owner.enrol().await;

        // Five wrong codes from two sign-ins (two addresses' worth of sessions) …
        let first = Visitor::new(&app);
        first.password_step(&email).await;
        let second = Visitor::new(&app);
        second.password_step(&email).await;
        for (n, visitor) in [&first, &second, &first, &second, &first].into_iter().enumerate() {
            let response = visitor.code_step(&wrong_code(&secret)).await;
            assert_eq!(response.status().as_u16(), 401, "wrong code {n} on {backend}");
        }
        // … and the account's second step waits, even for the right code, from either session.
        for visitor in [&first, &second] {
            let response = visitor.code_step(&oathtool(&secret)).await;
            assert_eq!(response.status().as_u16(), 429, "backing off on {backend}");
            let retry: i64 =
                response.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
            assert!((1..=900).contains(&retry), "Retry-After {retry}");
        }
        assert_eq!(first.get("/admin").await.status().as_u16(), 303, "still only half signed in");

        // Bad input is a clear 4xx, never a 500.
        let empty = owner.post("/admin/login/code", &[("code", "")]).await;
        assert_eq!(empty.status().as_u16(), 303, "a full session has no second step to take");
        let fresh = Visitor::new(&app);
        fresh.password_step(&email).await;
        let form = fresh.page("/admin/login/code", 200).await;
        let csrf = attrs(&form, "input[name=_csrf]", "value").remove(0);
        let blank = fresh.post("/admin/login/code", &[("_csrf", &csrf), ("code", "  ")]).await;
        assert!(matches!(blank.status().as_u16(), 422 | 429), "blank code: {}", blank.status());
        let huge = "9".repeat(5000);
        let long = fresh.post("/admin/login/code", &[("_csrf", &csrf), ("code", &huge)]).await;
        assert!(matches!(long.status().as_u16(), 422 | 429), "huge code: {}", long.status());
    }
}

#[tokio::test]
async fn a_required_role_is_sent_to_enrol_first_and_an_admin_can_reset_it() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let admin_email = app.user("admin@example.org", Role::Admin, &[]).await;
        let editor_email = app.user("editor@example.org", Role::Editor, &["global"]).await;
        let author_email = app.user("author@example.org", Role::Author, &["global"]).await;
        let admin = app.login(&admin_email).await;

        let users = admin.page("/admin/users", 200).await;
        assert!(attrs(&users, "input[name=roles][checked]", "value").is_empty(), "nothing required at first");
        let bad = admin.post("/admin/users/two-factor", &[("roles", "superuser")]).await;
        assert_eq!(bad.status().as_u16(), 400, "an unknown role is refused on {backend}");
        let saved = admin.post("/admin/users/two-factor", &[("roles", "editor")]).await;
        assert_eq!(saved.status().as_u16(), 303);
        let users = admin.page("/admin/users", 200).await;
        assert_eq!(attrs(&users, "input[name=roles][checked]", "value"), ["editor"]);
        assert_eq!(audited(&app, "twofactor.roles").await[0].detail, "editor");

        // An author is not concerned; an editor is sent to enrol and can do nothing else.
        let author = Visitor::new(&app);
        assert_eq!(author.password_step(&author_email).await, "/admin/media");
        let editor = Visitor::new(&app);
        assert_eq!(editor.password_step(&editor_email).await, "/admin/account/two-factor", "on {backend}");
        for path in ["/admin", "/admin/media", "/admin/account", "/admin/new/release", "/admin/login/code"] {
            let response = editor.get(path).await;
            assert_eq!(response.status().as_u16(), 303, "{path} before enrolling on {backend}");
            assert_eq!(location(&response), "/admin/account/two-factor", "{path}");
        }
        let page = editor.page("/admin/account/two-factor", 200).await;
        assert!(
            text(&page, ".error-summary").contains("requires two-factor"),
            "{}",
            text(&page, ".error-summary")
        );
        assert!(texts(&page, ".admin-nav a").is_empty(), "no way elsewhere while enrolling");
        let csrf = attrs(&page, "form[action='/admin/logout'] input[name=_csrf]", "value").remove(0);
        let create = editor
            .post("/admin/new/release", &[("_csrf", &csrf), ("title", "Sneaked in"), ("intent", "save")])
            .await;
        assert_eq!(create.status().as_u16(), 303, "writing is refused before enrolling");
        assert_eq!(location(&create), "/admin/account/two-factor");

        let (secret, _) = editor.enrol().await;
        assert_eq!(editor.get("/admin").await.status().as_u16(), 200, "enrolled: the back office opens");
        // An editor may not touch two-factor settings.
        let editor_csrf = editor.csrf_of("/admin").await;
        let editor_id =
            app.server.store.user_for_login(&editor_email).await.expect("user").expect("editor").0.id;
        let forbidden = editor
            .post(&format!("/admin/users/{}/two-factor/reset", editor_id.0), &[("_csrf", &editor_csrf)])
            .await;
        assert_eq!(forbidden.status().as_u16(), 403, "only admins reset on {backend}");
        let forbidden = editor.post("/admin/users/two-factor", &[("_csrf", &editor_csrf)]).await;
        assert_eq!(forbidden.status().as_u16(), 403);

        // The next sign-in asks for the code.
        let later = Visitor::new(&app);
        assert!(later.password_step(&editor_email).await.starts_with("/admin/login/code"));
        assert_eq!(later.code_step(&oathtool(&secret)).await.status().as_u16(), 303);

        // The admin resets it (a lost phone): sessions end, and the next sign-in enrols again.
        let users = admin.page("/admin/users", 200).await;
        let reset_forms = attrs(&users, "form[action$='/two-factor/reset']", "action");
        assert_eq!(reset_forms, [format!("/admin/users/{}/two-factor/reset", editor_id.0)]);
        let reset = admin.post(&reset_forms[0], &[]).await;
        assert_eq!(reset.status().as_u16(), 303, "reset on {backend}");
        assert_eq!(audited(&app, "user.twofactor.reset").await.len(), 1);
        assert_eq!(editor.get("/admin").await.status().as_u16(), 303, "the editor's sessions ended");
        assert_eq!(later.get("/admin").await.status().as_u16(), 303);
        let again = admin.post(&reset_forms[0], &[]).await;
        assert_eq!(again.status().as_u16(), 400, "nothing left to reset");
        let missing = admin.post("/admin/users/999999/two-factor/reset", &[]).await;
        assert_eq!(missing.status().as_u16(), 404);
        let back = Visitor::new(&app);
        assert_eq!(back.password_step(&editor_email).await, "/admin/account/two-factor");
    }
}

/// Runs `portico user …` against the app's database; returns (success, stdout, stderr).
fn portico_user(app: &TestApp, args: &[&str], stdin: &str) -> (bool, String, String) {
    use std::io::Write;
    let data = tempfile::tempdir().expect("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_portico"))
        .arg("user")
        .args(args)
        .args(["--data", data.path().to_str().expect("path"), "--database", app.db.url()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run portico");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let output = child.wait_with_output().expect("portico exits");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_last_admin_gets_back_in_from_the_command_line() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let email = app.user("only-admin@example.org", Role::Admin, &[]).await;
        let admin = Visitor::new(&app);
        admin.password_step(&email).await;
        admin.enrol().await;
        let token = app.token(&email).await;

        // Phone and recovery codes lost: the operator removes the second factor.
        let (ok, out, err) =
            portico_user(&app, &["reset-two-factor", "--email", "Only-Admin@example.org"], "");
        assert!(ok, "reset on {backend}: {err}");
        assert!(out.contains("Removed the two-factor sign-in of only-admin@example.org"), "{out}");
        assert_eq!(admin.get("/admin").await.status().as_u16(), 303, "their sessions ended on {backend}");
        let audit = audited(&app, "user.twofactor.reset").await;
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].user_email, "system:cli");
        let back = Visitor::new(&app);
        assert_eq!(back.password_step(&email).await, "/admin/media", "no code asked any more");
        let (ok, out, _) = portico_user(&app, &["reset-two-factor", "--email", &email], "");
        assert!(ok && out.contains("nothing to remove"), "{out}");

        // A forgotten password: set from the command line; tokens stop working at once.
        let api = |token: String| {
            let client = app.client.clone();
            let url = app.url("/api/v1/releases/999999999");
            async move { client.get(url).bearer_auth(token).send().await.expect("api").status().as_u16() }
        };
        assert_eq!(api(token.clone()).await, 404, "the token opens the API: no such release");
        let (ok, _, err) =
            portico_user(&app, &["set-password", "--email", &email, "--password-stdin"], "short\n");
        assert!(!ok, "a short password is refused");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(err.contains("at least"), "{err}");
        let (ok, out, err) = portico_user(
            &app,
            &["set-password", "--email", &email, "--password-stdin"],
            "a much longer new password\n",
        );
        assert!(ok, "set-password on {backend}: {err}");
        assert!(out.contains("Set the password of only-admin@example.org"), "{out}");
        assert_eq!(api(token).await, 401, "the old token is revoked on {backend}");
        assert_eq!(back.get("/admin").await.status().as_u16(), 303, "sessions ended");
        assert_eq!(audited(&app, "user.password.set").await[0].user_email, "system:cli");

        let (ok, _, err) = portico_user(&app, &["set-password", "--email", "nobody@example.org"], "");
        assert!(!ok);
        assert!(err.contains("\"nobody@example.org\": no such user"), "{err}");
    }
}
