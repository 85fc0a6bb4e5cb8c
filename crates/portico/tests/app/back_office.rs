//! The back office and the JSON API, as people and programs use them: real server, real
//! HTTP, on SQLite and PostgreSQL.

use crate::support;

use portico_content::access::may;
use portico_content::{Action, Draft, Kind, Role, SiteId, Status};
use portico_store::{AuditFilter, NewDocument, Store};
use serde_json::{Value, json};
use support::{Session, TestApp, attrs, text, texts};

async fn site_id(store: &Store, key: &str) -> SiteId {
    store.site_by_key(key).await.expect("site").expect("known site").id
}

/// A release straight in the store, in `status`, for tests that act on it.
async fn release(store: &Store, site: &str, title: &str, status: Status) -> i64 {
    let site = site_id(store, site).await;
    let language = if site.0 == 1 { "en" } else { "es" };
    let draft = Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        published_at: (status == Status::Published).then(|| portico_store::now() - time::Duration::hours(1)),
        body_markdown: "Body.".into(),
        ..Draft::default()
    };
    let new =
        NewDocument { site, kind: Kind::Release, language: language.into(), draft, status, author: None };
    store
        .create_document(&new, &portico_store::Audit::system("test", "document.create"))
        .await
        .expect("release")
        .0
        .0
}

async fn status_of(store: &Store, id: i64) -> Status {
    store.editable_variant(portico_content::DocumentId(id), None).await.expect("read").expect("found").status
}

/// A small real PNG.
fn png(width: u32, height: u32) -> Vec<u8> {
    // A minimal valid PNG built by the image crate would pull a dependency; this one is made
    // by the media crate's own encoder path instead: we upload a JPEG made by hand below.
    let mut out = Vec::new();
    let raw: Vec<u8> = (0..height)
        .flat_map(|y| {
            std::iter::once(0u8).chain((0..width).flat_map(move |x| [(x * 7) as u8, (y * 5) as u8, 120]))
        })
        .collect();
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, &raw).expect("deflate");
    let data = encoder.finish().expect("deflate");
    let chunk = |out: &mut Vec<u8>, kind: &[u8; 4], body: &[u8]| {
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(body);
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    };
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &data);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

async fn upload(
    session: &Session,
    base: &str,
    site: &str,
    name: &str,
    bytes: Vec<u8>,
    alt: &str,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("_csrf", session.csrf.clone())
        .text("site", site.to_owned())
        .text("alt", alt.to_owned())
        .text("caption", "Delegates in San Salvador")
        .text("credit", "© IOM 2015")
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()));
    session
        .client
        .post(format!("{base}/admin/media"))
        .header("origin", base)
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

#[tokio::test]
async fn the_back_office_asks_for_a_login_and_sessions_really_end() {
    // Behind a proxy: its X-Forwarded-Proto is believed at the end.
    for app in TestApp::each_behind_proxy().await {
        for path in ["/admin", "/admin/documents/1", "/admin/media", "/admin/audit"] {
            let response = app.get(path).await;
            assert_eq!(response.status().as_u16(), 303, "{path} on {}", app.backend());
            let location = response.headers()["location"].to_str().expect("location").to_owned();
            assert!(
                location.starts_with("/admin/login?next=%2Fadmin")
                    || location.starts_with("/admin/login?next=/admin"),
                "{location}"
            );
        }
        let login = app.page("/admin/login", 200).await;
        assert_eq!(attrs(&login, "input[name=email]", "type"), ["email"]);
        assert_eq!(attrs(&login, "input[name=password]", "type"), ["password"]);

        app.user("ed@example.org", Role::Editor, &["global"]).await;
        // Log in by hand to read the cookie's attributes.
        let form = app.get("/admin/login").await;
        let jar: String = form.headers()["set-cookie"]
            .to_str()
            .expect("cookie")
            .split(';')
            .next()
            .expect("pair")
            .to_owned();
        let html = scraper::Html::parse_document(&form.text().await.expect("body"));
        let csrf = attrs(&html, "input[name=_csrf]", "value").remove(0);
        let response = app
            .client
            .post(app.url("/admin/login"))
            .header("cookie", &jar)
            .form(&[
                ("_csrf", csrf.as_str()),
                ("email", "ED@example.org"),
                ("password", support::PASSWORD),
                ("next", "/admin/media"),
            ])
            .send()
            .await
            .expect("login");
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(response.headers()["location"], "/admin/media", "back to where they were going");
        let session_cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().expect("cookie").to_owned())
            .find(|c| c.starts_with("portico_session="))
            .expect("session cookie");
        assert!(session_cookie.contains("HttpOnly"), "{session_cookie}");
        assert!(session_cookie.contains("SameSite=Lax"), "{session_cookie}");
        let pair = session_cookie.split(';').next().expect("pair").to_owned();
        let dashboard =
            app.client.get(app.url("/admin")).header("cookie", &pair).send().await.expect("dashboard");
        assert_eq!(dashboard.status().as_u16(), 200);
        let html = scraper::Html::parse_document(&dashboard.text().await.expect("body"));
        let csrf = attrs(&html, "form[action='/admin/logout'] input[name=_csrf]", "value").remove(0);
        let logout = app
            .client
            .post(app.url("/admin/logout"))
            .header("cookie", &pair)
            .form(&[("_csrf", csrf.as_str())])
            .send()
            .await
            .expect("logout");
        assert_eq!(logout.status().as_u16(), 303);
        let replayed =
            app.client.get(app.url("/admin")).header("cookie", &pair).send().await.expect("replay");
        assert_eq!(replayed.status().as_u16(), 303, "a logged-out session cookie opens nothing");

        // Behind HTTPS (as the trusted proxy says) the cookie is Secure and host-bound.
        let secure = app
            .client
            .get(app.url("/admin/login"))
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .expect("form");
        assert!(secure.headers()["set-cookie"].to_str().expect("cookie").contains("Secure"));
    }
}

#[tokio::test]
async fn failed_logins_back_off_with_429_and_are_audited() {
    for app in TestApp::each().await {
        app.user("au@example.org", Role::Author, &["global"]).await;
        let attempt = || async {
            let form = app.client.get(app.url("/admin/login")).send().await.expect("form");
            let jar = form.headers()["set-cookie"]
                .to_str()
                .expect("cookie")
                .split(';')
                .next()
                .expect("pair")
                .to_owned();
            let html = scraper::Html::parse_document(&form.text().await.expect("body"));
            let csrf = attrs(&html, "input[name=_csrf]", "value").remove(0);
            app.client
                .post(app.url("/admin/login"))
                .header("cookie", jar)
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("email", "au@example.org"),
                    ("password", "wrong password!!"),
                ])
                .send()
                .await
                .expect("login")
        };
        for _ in 0..3 {
            let response = attempt().await;
            assert_eq!(response.status().as_u16(), 401, "{}", app.backend());
            assert!(response.text().await.expect("body").contains("do not match"));
        }
        let blocked = attempt().await;
        assert_eq!(blocked.status().as_u16(), 429, "{}", app.backend());
        let retry: i64 = blocked.headers()["retry-after"].to_str().expect("retry").parse().expect("seconds");
        assert!((1..=2).contains(&retry));
        let records = app
            .server
            .store
            .audit_records(&AuditFilter { action: Some("login.failed".into()), ..AuditFilter::default() }, 10)
            .await
            .expect("audit");
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].user_email, "au@example.org");
        assert_eq!(records[0].client, "127.0.0.1");
    }
}

/// Posts the login form for `email` from `client` (a reqwest client bound to one loopback
/// address), with its own CSRF cookie.
async fn try_login(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let form = client.get(app.url("/admin/login")).send().await.expect("form");
    let jar =
        form.headers()["set-cookie"].to_str().expect("cookie").split(';').next().expect("pair").to_owned();
    let html = scraper::Html::parse_document(&form.text().await.expect("body"));
    let csrf = attrs(&html, "input[name=_csrf]", "value").remove(0);
    client
        .post(app.url("/admin/login"))
        .header("cookie", jar)
        .form(&[("_csrf", csrf.as_str()), ("email", email), ("password", password), ("next", "/admin")])
        .send()
        .await
        .expect("login")
}

/// A client whose connections come from `ip` (any 127.x.y.z reaches the loopback server).
fn client_from(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .local_address(std::net::IpAddr::from(ip))
        .build()
        .expect("client")
}

#[tokio::test]
async fn an_attack_on_an_account_does_not_lock_its_owner_out_and_is_reported_to_them() {
    for app in TestApp::each().await {
        let email = app.user("victim@example.org", Role::Editor, &["global"]).await;
        let attacker = client_from([127, 0, 0, 7]);
        for _ in 0..3 {
            let response = try_login(&app, &attacker, &email, "wrong password!!").await;
            assert_eq!(response.status().as_u16(), 401, "{}", app.backend());
        }
        let blocked = try_login(&app, &attacker, &email, "wrong password!!").await;
        assert_eq!(blocked.status().as_u16(), 429, "the attacker's address backs off on {}", app.backend());

        // The owner, from another address, with the right password: in after a short wait.
        let owner = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .local_address(std::net::IpAddr::from([127, 0, 0, 8]))
            .cookie_store(true)
            .build()
            .expect("client");
        let started = std::time::Instant::now();
        let response = try_login(&app, &owner, &email, support::PASSWORD).await;
        assert_eq!(response.status().as_u16(), 303, "the owner signs in on {}", app.backend());
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "a bounded delay: {:?}",
            started.elapsed()
        );
        let location = response.headers()["location"].to_str().expect("location").to_owned();
        let account = owner.get(app.url(&location)).send().await.expect("account");
        assert_eq!(account.status().as_u16(), 200);
        let html = scraper::Html::parse_document(&account.text().await.expect("body"));
        let notice = text(&html, ".notice");
        assert!(notice.contains("Someone tried to sign in"), "{notice:?} on {}", app.backend());

        let records = app
            .server
            .store
            .audit_records(
                &AuditFilter { action: Some("login.attacked".into()), ..AuditFilter::default() },
                10,
            )
            .await
            .expect("audit");
        assert_eq!(records.len(), 1, "{}", app.backend());
        assert_eq!(records[0].user_email, email);
        assert_eq!(records[0].client, "127.0.0.7");

        // Told once: the next sign-in goes where it was asked to.
        let again = try_login(&app, &client_from([127, 0, 0, 9]), &email, support::PASSWORD).await;
        assert_eq!(again.headers()["location"], "/admin", "{}", app.backend());
    }
}

/// One row of the permission table: what to try, and how to tell it happened.
#[derive(Debug, Clone, Copy)]
enum Try {
    CreateDraft,
    EditDraft,
    Submit,
    Publish,
    Unpublish,
    CreatePage,
    EditMenu,
    Upload,
    ReadAudit,
    AddUser,
}

impl Try {
    const ALL: [Try; 10] = [
        Try::CreateDraft,
        Try::EditDraft,
        Try::Submit,
        Try::Publish,
        Try::Unpublish,
        Try::CreatePage,
        Try::EditMenu,
        Try::Upload,
        Try::ReadAudit,
        Try::AddUser,
    ];

    fn allowed(self, role: Role, site: SiteId) -> bool {
        let own = [SiteId(1)];
        let can = |action| may(role, &own, action, site);
        match self {
            Try::CreateDraft => can(Action::CreateDraft),
            Try::EditDraft => can(Action::EditDraft),
            Try::Submit => can(Action::Submit),
            Try::Publish => can(Action::Publish),
            Try::Unpublish => can(Action::Unpublish),
            Try::CreatePage => can(Action::CreateDraft) && can(Action::EditPages),
            Try::EditMenu => can(Action::EditMenus),
            Try::Upload => can(Action::UploadMedia),
            Try::ReadAudit => can(Action::ViewAudit),
            Try::AddUser => can(Action::ManageUsers),
        }
    }
}

#[tokio::test]
async fn every_role_may_do_exactly_its_actions_on_its_own_site_and_none_on_another() {
    for app in TestApp::each_with_sites(&[("sv", &["es", "en"], "SV")]).await {
        let store = app.server.store.clone();
        let sv = site_id(&store, "sv").await;
        for (n, role) in Role::ALL.into_iter().enumerate() {
            let email = app.user(&format!("{role}@example.org"), role, &["global"]).await;
            let session = app.login(&email).await;
            for (key, site) in [("global", SiteId(1)), ("sv", sv)] {
                for action in Try::ALL {
                    let expected = action.allowed(role, site);
                    let tag = format!("{role} {action:?} on {key} ({})", app.backend());
                    let title = format!("Permission check {n} {key} {action:?}");
                    let response = match action {
                        Try::CreateDraft => {
                            session
                                .post(
                                    "/admin/new/release",
                                    &[("site", key), ("title", &title), ("intent", "save")],
                                )
                                .await
                        }
                        Try::EditDraft => {
                            let id = release(&store, key, &title, Status::Draft).await;
                            let slug = format!("changed-{id}");
                            let fields = [
                                ("title", "Changed"),
                                ("slug", slug.as_str()),
                                ("revision", "1"),
                                ("intent", "save"),
                            ];
                            let response = session.post(&format!("/admin/documents/{id}"), &fields).await;
                            let doc = store
                                .editable_variant(portico_content::DocumentId(id), None)
                                .await
                                .expect("read");
                            assert_eq!(doc.expect("doc").draft.title == "Changed", expected, "saved: {tag}");
                            response
                        }
                        Try::Submit | Try::Publish | Try::Unpublish => {
                            let (from, verb) = match action {
                                Try::Submit => (Status::Draft, "submit"),
                                Try::Publish => (Status::InReview, "publish"),
                                _ => (Status::Published, "unpublish"),
                            };
                            let id = release(&store, key, &title, from).await;
                            let response = session
                                .post(&format!("/admin/documents/{id}/workflow"), &[("action", verb)])
                                .await;
                            assert_eq!(status_of(&store, id).await != from, expected, "state changed: {tag}");
                            response
                        }
                        Try::CreatePage => {
                            let path = format!("check-{n}-{key}");
                            session
                                .post(
                                    "/admin/new/page",
                                    &[("site", key), ("title", &title), ("slug", &path), ("intent", "save")],
                                )
                                .await
                        }
                        Try::EditMenu => {
                            session
                                .post(
                                    &format!("/admin/menus/{key}"),
                                    &[("label", "Home"), ("path", ""), ("position", "1")],
                                )
                                .await
                        }
                        Try::Upload => {
                            upload(&session, &app.server.url(), key, "photo.png", png(40, 30), "A test image")
                                .await
                        }
                        Try::ReadAudit => session.get("/admin/audit").await,
                        Try::AddUser => {
                            let new = format!("new-{n}-{key}@example.org");
                            session
                                .post(
                                    "/admin/users",
                                    &[
                                        ("email", &new),
                                        ("role", "author"),
                                        ("password", "a long enough password"),
                                        ("sites", key),
                                    ],
                                )
                                .await
                        }
                    };
                    let status = response.status().as_u16();
                    if expected {
                        assert!(matches!(status, 200 | 303), "{tag}: allowed, got {status}");
                    } else {
                        assert!(matches!(status, 403 | 404), "{tag}: refused, got {status}");
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn the_editor_validates_each_field_and_keeps_the_text() {
    for app in TestApp::each().await {
        let email = app.user("ed@example.org", Role::Editor, &["global"]).await;
        let session = app.login(&email).await;
        let response = session
            .post(
                "/admin/new/release",
                &[
                    ("site", "global"),
                    ("title", ""),
                    ("body_markdown", "My careful <b>text</b>"),
                    ("countries", "SV, ZZ"),
                    ("published_at", "yesterday"),
                    ("intent", "save"),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 422, "{}", app.backend());
        let html = scraper::Html::parse_document(&response.text().await.expect("body"));
        assert_eq!(text(&html, "#title-error"), "This field is required.");
        assert!(text(&html, "#countries-error").contains("\"ZZ\""));
        assert!(text(&html, "#published_at-error").contains("2026-11-28T09:00"));
        assert_eq!(text(&html, "#f-body_markdown"), "My careful <b>text</b>", "the text is kept");
        assert_eq!(attrs(&html, "#f-title", "aria-invalid"), ["true"]);

        let huge = "x".repeat(10 * 1024 * 1024);
        let too_big = session.post("/admin/new/release", &[("site", "global"), ("title", &huge)]).await;
        assert_eq!(too_big.status().as_u16(), 413);
        assert!(too_big.text().await.expect("body").contains("larger than"));

        let made = session
            .post(
                "/admin/new/release",
                &[
                    ("site", "global"),
                    ("title", "<script>alert(1)</script> Talks"),
                    ("slug", "talks"),
                    ("intent", "save"),
                ],
            )
            .await;
        assert_eq!(made.status().as_u16(), 303);
        let duplicate = session
            .post(
                "/admin/new/release",
                &[("site", "global"), ("title", "Other"), ("slug", "talks"), ("intent", "save")],
            )
            .await;
        assert_eq!(duplicate.status().as_u16(), 422);
        let html = scraper::Html::parse_document(&duplicate.text().await.expect("body"));
        assert!(text(&html, "#slug-error").contains("already uses this slug"));

        let location = made.headers()["location"].to_str().expect("location").to_owned();
        let id: i64 = location
            .trim_start_matches("/admin/documents/")
            .split('?')
            .next()
            .expect("id")
            .parse()
            .expect("id");
        let past = session
            .post(
                &format!("/admin/documents/{id}/workflow"),
                &[("action", "schedule"), ("schedule_at", "2001-01-01T09:00")],
            )
            .await;
        assert_eq!(past.status().as_u16(), 400);
        assert!(past.text().await.expect("body").contains("has passed"));
        let publish =
            session.post(&format!("/admin/documents/{id}/workflow"), &[("action", "publish")]).await;
        assert_eq!(publish.status().as_u16(), 303);
        let public = app.get("/en/news/talks").await.text().await.expect("body");
        assert!(
            public.contains("&lt;script&gt;alert(1)&lt;/script&gt; Talks"),
            "HTML in a title is shown as text"
        );
        assert!(!public.contains("<script>alert(1)"));
    }
}

#[tokio::test]
async fn a_second_save_from_the_same_revision_is_refused_with_the_text_kept() {
    for app in TestApp::each().await {
        let id = release(&app.server.store, "global", "Shared draft", Status::Draft).await;
        let first = app.login(&app.user("one@example.org", Role::Editor, &["global"]).await).await;
        let second = app.login(&app.user("two@example.org", Role::Editor, &["global"]).await).await;
        let path = format!("/admin/documents/{id}");
        let form = |title: &'static str, body: &'static str| {
            vec![
                ("title", title),
                ("slug", "shared-draft"),
                ("body_markdown", body),
                ("revision", "1"),
                ("intent", "save"),
            ]
        };
        assert_eq!(first.post(&path, &form("Shared draft", "First words.")).await.status().as_u16(), 303);
        let late =
            second.post(&path, &form("Shared draft, second take", "Second words, not to be lost.")).await;
        assert_eq!(late.status().as_u16(), 409, "{}", app.backend());
        let html = scraper::Html::parse_document(&late.text().await.expect("body"));
        assert!(text(&html, ".error-summary").contains("Someone else saved this document"));
        assert_eq!(text(&html, "#f-body_markdown"), "Second words, not to be lost.");
        assert_eq!(attrs(&html, "#f-title", "value"), ["Shared draft, second take"]);
        assert_eq!(attrs(&html, "input[name=revision]", "value"), ["2"], "saving again overwrites knowingly");
        let stored = app
            .server
            .store
            .editable_variant(portico_content::DocumentId(id), None)
            .await
            .expect("read")
            .expect("doc");
        assert_eq!(stored.draft.body_markdown, "First words.");
    }
}

#[tokio::test]
async fn revisions_list_compare_and_restore() {
    for app in TestApp::each().await {
        let id = release(&app.server.store, "global", "Version one", Status::Draft).await;
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let path = format!("/admin/documents/{id}");
        let saved = session
            .post(
                &path,
                &[
                    ("title", "Version two"),
                    ("slug", "version-one"),
                    ("body_markdown", "Body.\nA new line."),
                    ("revision", "1"),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303);
        let list = session.page(&format!("{path}/revisions"), 200).await;
        assert_eq!(texts(&list, "tbody tr td:first-child").len(), 2);
        let diff = session.page(&format!("{path}/diff?from=1&to=2"), 200).await;
        assert_eq!(texts(&diff, ".diff h2")[..2], ["Title", "Body"]);
        assert!(texts(&diff, ".diff-del").iter().any(|l| l.contains("Version one")));
        assert!(texts(&diff, ".diff-ins").iter().any(|l| l.contains("A new line.")));
        let bad = session.get(&format!("{path}/diff?from=1&to=9")).await;
        assert_eq!(bad.status().as_u16(), 400);

        let restored = session.post(&format!("{path}/revisions/1/restore"), &[]).await;
        assert_eq!(restored.status().as_u16(), 303, "{}", app.backend());
        let doc = app
            .server
            .store
            .editable_variant(portico_content::DocumentId(id), None)
            .await
            .expect("read")
            .expect("doc");
        assert_eq!(
            (doc.revision, doc.draft.title.as_str()),
            (3, "Version one"),
            "restoring makes a new revision"
        );

        // A revision from before programmes were a list holds the programme's text: restoring
        // it keeps the programme the document has instead of refusing.
        let store = &app.server.store;
        let mut linked = doc.draft.clone();
        linked.programme = "mesoamerica-regional".into();
        let audit = portico_store::Audit::system("test", "document.save");
        store.update_document(doc.document, "en", doc.revision, &linked, &audit).await.expect("save");
        app.db
            .execute(&format!(
                "update revisions set snapshot = replace(snapshot, '\"programme\":\"\"', '\"programme\":\"Mesoamerica Regional Programme\"')
                 where number = 1 and variant_id = {}",
                doc.variant.0
            ))
            .await
            .expect("an old snapshot");
        let restored = session.post(&format!("{path}/revisions/1/restore"), &[]).await;
        assert_eq!(restored.status().as_u16(), 303, "{}", app.backend());
        let doc = store.editable_variant(doc.document, None).await.expect("read").expect("doc");
        assert_eq!(
            (doc.revision, doc.draft.programme.as_str()),
            (5, "mesoamerica-regional"),
            "{}",
            app.backend()
        );
    }
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_images_need_alt_text_before_publishing() {
    for app in TestApp::each().await {
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let base = app.server.url();
        // The demo's publications come with their PDFs: the refused uploads add nothing to them.
        let demo_media = app.server.store.media_list(None, 1000).await.expect("media").len();
        for (name, bytes, says) in [
            ("photo.jpg", b"just some text, not a photo".to_vec(), "not a JPEG, PNG or WebP image"),
            ("empty.png", Vec::new(), "empty"),
            ("broken.png", png(20, 20)[..40].to_vec(), "damaged"),
            ("page.html", b"<html><script>alert(1)</script></html>".to_vec(), "not a JPEG"),
        ] {
            let response = upload(&session, &base, "global", name, bytes, "alt").await;
            assert_eq!(response.status().as_u16(), 422, "{name} on {}", app.backend());
            assert!(response.text().await.expect("body").contains(says), "{name}");
        }
        let mut bomb = png(1, 1);
        bomb[16..24].copy_from_slice(&[0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60]);
        let ihdr_crc = crc32(&bomb[12..29]).to_be_bytes();
        bomb[29..33].copy_from_slice(&ihdr_crc);
        let response = upload(&session, &base, "global", "bomb.png", bomb, "alt").await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.expect("body").contains("60000 × 60000"));
        assert_eq!(
            app.server.store.media_list(None, 1000).await.expect("media").len(),
            demo_media,
            "nothing was kept"
        );

        let response = upload(&session, &base, "global", "delegates.png", png(900, 600), "").await;
        assert_eq!(response.status().as_u16(), 303);
        let media = app.server.store.media_list(None, 10).await.expect("media").remove(0);
        assert_eq!((media.width, media.height), (900, 600));
        assert!(
            media.renditions.contains(&"640.webp".to_owned())
                && media.renditions.contains(&"640.png".to_owned())
        );
        let file = session.get(&media.path("640.webp")).await;
        assert_eq!(file.status().as_u16(), 200);
        assert_eq!(file.headers()["content-type"], "image/webp");
        assert_eq!(file.headers()["cache-control"], "private, no-store", "nothing published uses it yet");
        assert_eq!(app.get(&format!("/media/{}/../../portico.db", media.id)).await.status().as_u16(), 404);

        let id = release(&app.server.store, "global", "With a picture", Status::Draft).await;
        let image = media.id.to_string();
        let saved = session
            .post(
                &format!("/admin/documents/{id}"),
                &[
                    ("title", "With a picture"),
                    ("slug", "with-a-picture"),
                    ("image", &image),
                    ("revision", "1"),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303);
        let refused =
            session.post(&format!("/admin/documents/{id}/workflow"), &[("action", "publish")]).await;
        assert_eq!(refused.status().as_u16(), 400);
        assert!(refused.text().await.expect("body").contains("alternative text"));
        let described = session
            .post(
                &format!("/admin/media/{}", media.id),
                &[("alt", "Delegates around a table"), ("caption", "The meeting"), ("credit", "© IOM")],
            )
            .await;
        assert_eq!(described.status().as_u16(), 303);
        let published =
            session.post(&format!("/admin/documents/{id}/workflow"), &[("action", "publish")]).await;
        assert_eq!(published.status().as_u16(), 303);
        let page = app.page("/en/news/with-a-picture", 200).await;
        assert_eq!(attrs(&page, ".release-image img", "alt"), ["Delegates around a table"]);
        assert!(attrs(&page, ".release-image img", "srcset")[0].contains("/640.png 640w"));
        assert!(attrs(&page, ".release-image source", "srcset")[0].contains("/320.webp 320w"));
        assert_eq!(text(&page, ".release-image .credit"), "© IOM");
        let file = app.get(&media.path("640.webp")).await;
        assert_eq!(file.status().as_u16(), 200, "public once published");
        assert!(file.headers()["cache-control"].to_str().expect("cache").contains("immutable"));
    }
}

#[tokio::test]
async fn cross_site_posts_and_missing_tokens_are_refused_and_headers_guard_the_back_office() {
    for app in TestApp::each().await {
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let base = app.server.url();
        let forged = session
            .client
            .post(format!("{base}/admin/new/release"))
            .header("origin", "https://evil.example")
            .form(&[("_csrf", session.csrf.as_str()), ("site", "global"), ("title", "Forged")])
            .send()
            .await
            .expect("post");
        assert_eq!(forged.status().as_u16(), 403, "{}", app.backend());
        let tokenless = session
            .client
            .post(format!("{base}/admin/new/release"))
            .header("origin", &base)
            .form(&[("site", "global"), ("title", "No token")])
            .send()
            .await
            .expect("post");
        assert_eq!(tokenless.status().as_u16(), 403);
        let rows = app
            .server
            .store
            .document_rows(None, Some(Kind::Release), Some(Status::Draft), 10)
            .await
            .expect("rows");
        assert!(rows.is_empty(), "nothing was created");

        let page = session.get("/admin").await;
        let csp = page.headers()["content-security-policy"].to_str().expect("csp").to_owned();
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(page.headers()["x-content-type-options"], "nosniff");
        assert_eq!(page.headers()["cache-control"], "no-store");
    }
}

async fn api(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app.client.request(method.parse().expect("method"), app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("api");
    let status = response.status().as_u16();
    let json = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, json)
}

#[tokio::test]
async fn a_password_change_or_disabling_a_user_ends_their_api_tokens_and_sessions_at_once() {
    for app in TestApp::each().await {
        let editor = app.user("ed@example.org", Role::Editor, &["global"]).await;
        let token = app.token(&editor).await;
        let (status, _) = api(&app, "GET", "/api/v1/releases/1", Some(&token), None).await;
        assert_ne!(status, 401, "the token works on {}", app.backend());
        let session = app.login(&editor).await;
        let new_password = "a much longer new password";
        let changed = session
            .post(
                "/admin/account/password",
                &[("current", support::PASSWORD), ("new", new_password), ("confirm", new_password)],
            )
            .await;
        assert_eq!(changed.status().as_u16(), 303, "{}", app.backend());
        let (status, body) = api(&app, "GET", "/api/v1/releases/1", Some(&token), None).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (401, Some("unauthorized")),
            "{}",
            app.backend()
        );
        let (status, _) = api(&app, "GET", "/api/v1/releases/1", Some(&app.token(&editor).await), None).await;
        assert_ne!(status, 401, "a token made after the change works on {}", app.backend());

        let admin = app.user("boss@example.org", Role::Admin, &[]).await;
        let admin = app.login(&admin).await;
        let author = app.user("au@example.org", Role::Author, &["global"]).await;
        let author_token = app.token(&author).await;
        let author_session = app.login(&author).await;
        let (status, _) = api(&app, "GET", "/api/v1/releases/1", Some(&author_token), None).await;
        assert_ne!(status, 401, "{}", app.backend());
        let (user, _) = app.server.store.user_for_login(&author).await.expect("user").expect("found");
        let disabled =
            admin.post(&format!("/admin/users/{}/disabled", user.id.0), &[("disabled", "1")]).await;
        assert_eq!(disabled.status().as_u16(), 303, "{}", app.backend());
        let (status, _) = api(&app, "GET", "/api/v1/releases/1", Some(&author_token), None).await;
        assert_eq!(status, 401, "a disabled user's token ends on {}", app.backend());
        let back_office = author_session.get("/admin").await;
        assert_eq!(back_office.status().as_u16(), 303, "their session ends on {}", app.backend());
        let again = try_login(&app, &client_from([127, 0, 0, 1]), &author, support::PASSWORD).await;
        assert_eq!(again.status().as_u16(), 401, "nor can they sign in on {}", app.backend());
        let users = admin.page("/admin/users", 200).await;
        assert!(texts(&users, "tr").iter().any(|row| row.contains(&author) && row.contains("Disabled")));
    }
}

#[tokio::test]
async fn the_api_creates_edits_and_publishes_with_the_same_rights_as_the_back_office() {
    for app in TestApp::each_with_sites(&[("sv", &["es", "en"], "SV")]).await {
        let author = app.token(&app.user("au@example.org", Role::Author, &["global"]).await).await;
        let editor = app.token(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let stranger = app.token(&app.user("sv@example.org", Role::Editor, &["sv"]).await).await;

        let (status, body) =
            api(&app, "POST", "/api/v1/releases", None, Some(json!({"site": "global", "title": "x"}))).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (401, Some("unauthorized")),
            "{}",
            app.backend()
        );

        let draft = json!({
            "site": "global", "language": "en", "title": "Border officials trained in Tapachula",
            "body_markdown": "Forty officials **took part**.", "dateline": "Tapachula",
            "countries": ["mx", "GT"], "themes": ["migrant-protection"], "contacts": ["aamaya"],
        });
        let (status, created) = api(&app, "POST", "/api/v1/releases", Some(&author), Some(draft)).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["status"], "draft");
        assert_eq!(created["slug"], "border-officials-trained-in-tapachula");
        assert_eq!(created["countries"], json!(["MX", "GT"]));
        let id = created["id"].as_i64().expect("id");

        let (status, read) = api(&app, "GET", &format!("/api/v1/releases/{id}"), Some(&editor), None).await;
        assert_eq!((status, read["title"].as_str()), (200, Some("Border officials trained in Tapachula")));
        let (status, _) = api(&app, "GET", &format!("/api/v1/releases/{id}"), Some(&stranger), None).await;
        assert_eq!(status, 404, "another site's editor does not see the draft");
        assert_eq!(app.get("/en/news/border-officials-trained-in-tapachula").await.status().as_u16(), 404);

        let (status, patched) = api(
            &app,
            "PATCH",
            &format!("/api/v1/releases/{id}"),
            Some(&author),
            Some(json!({"summary": "In brief.", "revision": 1})),
        )
        .await;
        assert_eq!((status, patched["revision"].as_i64()), (200, Some(2)));
        let (status, stale) = api(
            &app,
            "PATCH",
            &format!("/api/v1/releases/{id}"),
            Some(&author),
            Some(json!({"summary": "Late.", "revision": 1})),
        )
        .await;
        assert_eq!((status, stale["error"]["code"].as_str()), (409, Some("stale_revision")));

        let (status, submitted) =
            api(&app, "POST", &format!("/api/v1/releases/{id}/submit"), Some(&author), None).await;
        assert_eq!((status, submitted["status"].as_str()), (200, Some("in_review")));
        let (status, refused) =
            api(&app, "POST", &format!("/api/v1/releases/{id}/publish"), Some(&author), None).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("forbidden")));
        let (status, _) =
            api(&app, "POST", &format!("/api/v1/releases/{id}/publish"), Some(&stranger), None).await;
        assert_eq!(status, 404);
        let (status, published) =
            api(&app, "POST", &format!("/api/v1/releases/{id}/publish"), Some(&editor), None).await;
        assert_eq!((status, published["status"].as_str()), (200, Some("published")), "{published}");
        assert_eq!(published["url"], "/en/news/border-officials-trained-in-tapachula");
        let page = app.page("/en/news/border-officials-trained-in-tapachula", 200).await;
        assert_eq!(text(&page, ".release-body > .dateline .place"), "Tapachula");
        let (status, _) =
            api(&app, "POST", &format!("/api/v1/releases/{id}/unpublish"), Some(&editor), None).await;
        assert_eq!(status, 200);
        assert_eq!(app.get("/en/news/border-officials-trained-in-tapachula").await.status().as_u16(), 404);
    }
}

/// Calls a workflow step through the API; returns the status, the error code and the fields
/// the error names.
async fn api_step(
    app: &TestApp,
    id: i64,
    step: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, String, Vec<String>) {
    let (status, answer) =
        api(app, "POST", &format!("/api/v1/releases/{id}/{step}"), Some(token), body).await;
    let code = answer["error"]["code"].as_str().unwrap_or_default().to_owned();
    let fields = answer["error"]["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .map(|f| {
                    format!("{}:{}", f["field"].as_str().unwrap_or(""), f["code"].as_str().unwrap_or(""))
                })
                .collect()
        })
        .unwrap_or_default();
    (status, code, fields)
}

#[tokio::test]
async fn the_api_answers_each_workflow_refusal_with_its_own_status_and_code() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let backend = app.backend();
        let editor = app.token(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let author = app.token(&app.user("au@example.org", Role::Author, &["global"]).await).await;
        let id = release(store, "global", "Border officials trained", Status::Draft).await;
        let audit_count = || async {
            let filter = AuditFilter { action: Some("document.".into()), ..AuditFilter::default() };
            store.audit_records(&filter, 100).await.expect("audit").len()
        };
        let before = audit_count().await;

        let yesterday = rfc3339(portico_store::now() - time::Duration::days(1));
        let refusals = [
            ("promote", &editor, None, (400, "unknown_action", vec![])),
            ("return", &editor, None, (400, "unknown_action", vec![])),
            ("publish", &author, None, (403, "forbidden", vec![])),
            ("archive", &editor, None, (409, "invalid_transition", vec![])),
            ("schedule", &editor, None, (422, "missing_publish_time", vec!["at:missing_publish_time"])),
            (
                "schedule",
                &editor,
                Some(json!({ "at": yesterday })),
                (422, "publish_time_passed", vec!["at:publish_time_passed"]),
            ),
        ];
        for (step, token, body, (status, code, fields)) in refusals {
            let fields: Vec<String> = fields.into_iter().map(str::to_owned).collect();
            assert_eq!(
                api_step(&app, id, step, token, body).await,
                (status, code.to_owned(), fields),
                "{step} on {backend}"
            );
        }
        assert_eq!(api_step(&app, 999_999, "publish", &editor, None).await.0, 404);
        assert_eq!(status_of(store, id).await, Status::Draft, "no refusal moved it");
        assert_eq!(audit_count().await, before, "no refusal left an audit entry");

        // A lead image without alternative text keeps the release from going public.
        let image = store
            .create_media(
                &portico_store::NewMedia {
                    site: site_id(store, "global").await,
                    kind: "image".into(),
                    file_name: "clinic.jpg".into(),
                    mime: "image/jpeg".into(),
                    width: 640,
                    height: 480,
                    bytes: 9,
                    alt: String::new(),
                    caption: String::new(),
                    credit: String::new(),
                    renditions: vec![],
                    created_by: None,
                    pdf: None,
                },
                &portico_store::Audit::system("test", "media.upload"),
            )
            .await
            .expect("media");
        let (status, _) = api(
            &app,
            "PATCH",
            &format!("/api/v1/releases/{id}"),
            Some(&editor),
            Some(json!({ "image": image.0 })),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(
            api_step(&app, id, "publish", &editor, None).await,
            (422, "missing_alt_text".to_owned(), vec!["image:missing_alt_text".to_owned()]),
            "{backend}"
        );
        let audit = portico_store::Audit::system("test", "media.edit");
        store.update_media_text(image, "A clinic in San Salvador", "", "", &audit).await.expect("alt");
        assert_eq!(api_step(&app, id, "publish", &editor, None).await, (200, String::new(), vec![]));
        assert_eq!(status_of(store, id).await, Status::Published);

        // The step is in the audit log, by the token's user, written with the move.
        let filter = AuditFilter {
            action: Some("document.".into()),
            user: Some("ed@example.org".into()),
            ..AuditFilter::default()
        };
        let entries = store.audit_records(&filter, 10).await.expect("audit");
        let noted: Vec<_> = entries.iter().map(|e| (e.action.as_str(), e.detail.as_str())).collect();
        assert_eq!(noted, [("document.publish", "draft → published"), ("document.save", "")], "{backend}");
    }
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).expect("a time")
}

#[tokio::test]
async fn the_api_answers_bad_input_with_json_errors() {
    for app in TestApp::each().await {
        let email = app.user("ed@example.org", Role::Editor, &["global"]).await;
        let token = app.token(&email).await;
        let malformed = app
            .client
            .post(app.url("/api/v1/releases"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{\"title\": ")
            .send()
            .await
            .expect("post");
        assert_eq!(malformed.status().as_u16(), 400, "{}", app.backend());
        let body: Value = malformed.json().await.expect("json");
        assert_eq!(body["error"]["code"], "invalid_json");

        let (status, body) = api(
            &app,
            "POST",
            "/api/v1/releases",
            Some(&token),
            Some(json!({"site": "global", "title": "", "countries": ["ZZ"], "themes": ["nope"]})),
        )
        .await;
        assert_eq!((status, body["error"]["code"].as_str()), (422, Some("validation_failed")));
        let fields: Vec<&str> = body["error"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .filter_map(|f| f["field"].as_str())
            .collect();
        assert!(fields.contains(&"title") && fields.contains(&"countries"), "{fields:?}");

        let (status, body) = api(
            &app,
            "POST",
            "/api/v1/releases",
            Some(&token),
            Some(json!({"site": "global", "title": "T", "themes": ["nope"]})),
        )
        .await;
        assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (422, Some("themes")));
        let (status, body) =
            api(&app, "POST", "/api/v1/releases", Some(&token), Some(json!({"site": "mars", "title": "T"})))
                .await;
        assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (422, Some("site")));
        let (status, body) = api(
            &app,
            "POST",
            "/api/v1/releases",
            Some(&token),
            Some(json!({"site": "global", "title": "T", "colour": "red"})),
        )
        .await;
        assert_eq!((status, body["error"]["code"].as_str()), (400, Some("invalid_json")));
        let (status, _) = api(&app, "GET", "/api/v1/releases/999999", Some(&token), None).await;
        assert_eq!(status, 404);

        let (user, _) = app.server.store.user_for_login(&email).await.expect("user").expect("found");
        let tokens = app.server.store.api_tokens(user.id).await.expect("tokens");
        app.server
            .store
            .revoke_api_token(user.id, tokens[0].id, &portico_store::Audit::system("test", "token.revoke"))
            .await
            .expect("revoke");
        let (status, body) = api(&app, "GET", "/api/v1/releases/1", Some(&token), None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (401, Some("unauthorized")), "a revoked token");

        let other = app.token(&email).await;
        app.server.store.delete_user(user.id).await.expect("delete");
        let (status, _) = api(&app, "GET", "/api/v1/releases/1", Some(&other), None).await;
        assert_eq!(status, 401, "a deleted user's token");
    }
}

#[tokio::test]
async fn a_scheduled_release_goes_live_after_a_restart() {
    for app in TestApp::each().await {
        let id = release(&app.server.store, "global", "Embargoed statement", Status::Draft).await;
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let at = portico_store::now() + time::Duration::seconds(2);
        let at_text = format!("{}T{:02}:{:02}:{:02}", at.date(), at.hour(), at.minute(), at.second());
        let scheduled = session
            .post(
                &format!("/admin/documents/{id}/workflow"),
                &[("action", "schedule"), ("schedule_at", &at_text)],
            )
            .await;
        assert_eq!(scheduled.status().as_u16(), 303, "{}", app.backend());
        assert_eq!(app.get("/en/news/embargoed-statement").await.status().as_u16(), 404, "embargoed");
        let news = app.page("/en/news", 200).await;
        assert!(!texts(&news, ".card-title").iter().any(|t| t.contains("Embargoed")), "not listed either");

        // Stop the server before the time comes, and start a new one on the same database.
        let TestApp { server, db, .. } = app;
        server.stop().await.expect("stop");
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        let again = TestApp::on(db).await;
        let mut live = false;
        for _ in 0..40 {
            if again.get("/en/news/embargoed-statement").await.status().as_u16() == 200 {
                live = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        assert!(live, "published by the restarted server on {}", again.backend());
        assert_eq!(status_of(&again.server.store, id).await, Status::Published);

        // Both steps are in the audit log: the editor's schedule, the scheduler's publication.
        let filter = AuditFilter { action: Some("document.".into()), ..AuditFilter::default() };
        let entries = again.server.store.audit_records(&filter, 10).await.expect("audit");
        let steps: Vec<_> = entries
            .iter()
            .filter(|e| e.entity_id == Some(id))
            .map(|e| (e.user_email.as_str(), e.action.as_str(), e.detail.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                ("system:scheduler", "document.publish", "scheduled → published"),
                ("ed@example.org", "document.schedule", "draft → scheduled"),
                ("system:test", "document.create", ""),
            ],
            "{}",
            again.backend()
        );
    }
}

/// One language variant of a document, as stored.
async fn variant_of(store: &Store, id: i64, language: &str) -> portico_store::EditableVariant {
    store
        .editable_variant(portico_content::DocumentId(id), Some(language))
        .await
        .expect("read")
        .expect("variant")
}

#[tokio::test]
async fn a_translator_writes_and_submits_translations_but_never_publishes_them() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let id = release(store, "global", "Port health desks open", Status::Published).await;
        let document = portico_content::DocumentId(id);
        for language in ["fr", "es"] {
            store
                .create_translation(
                    document,
                    language,
                    &portico_store::Audit::system("test", "document.translate"),
                )
                .await
                .expect("translation");
        }
        // French is embargoed until next week; Spanish is live.
        let embargo = portico_store::now() + time::Duration::days(7);
        store
            .set_status(
                document,
                "fr",
                Status::Draft,
                Status::Scheduled,
                Some(embargo),
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("schedule");
        store
            .set_status(
                document,
                "es",
                Status::Draft,
                Status::Published,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("publish");
        let translator = app.user("tr@example.org", Role::Translator, &["global"]).await;
        let session = app.login(&translator).await;
        let yesterday = (portico_store::now() - time::Duration::days(1)).date().to_string() + "T09:00";

        for language in ["fr", "es"] {
            let before = variant_of(store, id, language).await;
            let tag = format!("{language} on {}", app.backend());
            let editor = session.page(&format!("/admin/documents/{id}?lang={language}"), 200).await;
            assert!(text(&editor, ".error-summary").contains("published or scheduled"), "warned: {tag}");
            let revision = before.revision.to_string();
            let saved = session
                .post(
                    &format!("/admin/documents/{id}"),
                    &[
                        ("lang", language),
                        ("title", "Changed by the translator"),
                        ("slug", &before.draft.slug),
                        ("published_at", &yesterday),
                        ("revision", &revision),
                    ],
                )
                .await;
            assert_eq!(saved.status().as_u16(), 403, "{tag}");
            let page = scraper::Html::parse_document(&saved.text().await.expect("body"));
            assert!(text(&page, ".error-summary").contains("Ask an editor"), "{tag}");
            assert_eq!(
                attrs(&page, "#f-title", "value"),
                ["Changed by the translator"],
                "the text is kept: {tag}"
            );
            let after = variant_of(store, id, language).await;
            assert_eq!(
                (after.status, after.draft.published_at, after.revision, after.draft.title),
                (before.status, before.draft.published_at, before.revision, before.draft.title),
                "nothing stored: {tag}"
            );
            let published = session
                .post(
                    &format!("/admin/documents/{id}/workflow"),
                    &[("lang", language), ("action", "publish")],
                )
                .await;
            assert_eq!(published.status().as_u16(), 403, "{tag}");
            assert_eq!(variant_of(store, id, language).await.status, before.status, "{tag}");
        }

        // A draft translation is theirs to write, but its time stays the document's.
        store
            .set_status(
                document,
                "fr",
                Status::Scheduled,
                Status::Draft,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("return");
        let before = variant_of(store, id, "fr").await;
        let french = session.page(&format!("/admin/documents/{id}?lang=fr"), 200).await;
        assert_eq!(attrs(&french, "#f-published_at[readonly]", "name"), ["published_at"]);
        let saved = session
            .post(
                &format!("/admin/documents/{id}"),
                &[
                    ("lang", "fr"),
                    ("title", "Ouverture de bureaux de santé"),
                    ("slug", "bureaux-de-sante"),
                    ("published_at", &yesterday),
                    ("revision", &before.revision.to_string()),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());
        let after = variant_of(store, id, "fr").await;
        assert_eq!(after.draft.title, "Ouverture de bureaux de santé");
        assert_eq!(after.draft.published_at, before.draft.published_at, "the time is not the translator's");
        let submitted = session
            .post(&format!("/admin/documents/{id}/workflow"), &[("lang", "fr"), ("action", "submit")])
            .await;
        assert_eq!(submitted.status().as_u16(), 303);
        assert_eq!(variant_of(store, id, "fr").await.status, Status::InReview);
        let published = session
            .post(&format!("/admin/documents/{id}/workflow"), &[("lang", "fr"), ("action", "publish")])
            .await;
        assert_eq!(published.status().as_u16(), 403);
        assert_eq!(variant_of(store, id, "fr").await.status, Status::InReview);
        assert_eq!(app.get("/fr/news/bureaux-de-sante").await.status().as_u16(), 404);
    }
}

#[tokio::test]
async fn the_api_refuses_a_translator_a_live_translation_and_a_publication_time() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let id = release(store, "global", "Port health desks open", Status::Published).await;
        let document = portico_content::DocumentId(id);
        for language in ["fr", "es"] {
            store
                .create_translation(
                    document,
                    language,
                    &portico_store::Audit::system("test", "document.translate"),
                )
                .await
                .expect("translation");
        }
        let embargo = portico_store::now() + time::Duration::days(7);
        store
            .set_status(
                document,
                "fr",
                Status::Draft,
                Status::Scheduled,
                Some(embargo),
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("schedule");
        let token = app.token(&app.user("tr@example.org", Role::Translator, &["global"]).await).await;

        let before = variant_of(store, id, "fr").await;
        let (status, body) = api(
            &app,
            "PATCH",
            &format!("/api/v1/releases/{id}?language=fr"),
            Some(&token),
            Some(json!({"title": "Changed", "published_at": "2020-01-01T00:00:00Z"})),
        )
        .await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (403, Some("translation_is_live")),
            "{}",
            app.backend()
        );
        let after = variant_of(store, id, "fr").await;
        assert_eq!(
            (after.status, after.draft.published_at, after.revision, after.draft.title),
            (before.status, before.draft.published_at, before.revision, before.draft.title)
        );

        let before = variant_of(store, id, "es").await;
        let (status, body) = api(
            &app,
            "PATCH",
            &format!("/api/v1/releases/{id}?language=es"),
            Some(&token),
            Some(json!({"title": "Oficinas de salud", "published_at": "2020-01-01T00:00:00Z"})),
        )
        .await;
        assert_eq!((status, body["title"].as_str()), (200, Some("Oficinas de salud")), "{body}");
        let after = variant_of(store, id, "es").await;
        assert_eq!(after.draft.published_at, before.draft.published_at, "the time is not the translator's");
        let (status, body) =
            api(&app, "POST", &format!("/api/v1/releases/{id}/publish?language=es"), Some(&token), None)
                .await;
        assert_eq!((status, body["error"]["code"].as_str()), (403, Some("forbidden")));
        let (status, body) =
            api(&app, "POST", &format!("/api/v1/releases/{id}/submit?language=es"), Some(&token), None).await;
        assert_eq!((status, body["status"].as_str()), (200, Some("in_review")), "{body}");
        let (status, _) =
            api(&app, "PATCH", &format!("/api/v1/releases/{id}"), Some(&token), Some(json!({"title": "x"})))
                .await;
        assert_eq!(status, 403, "the original is not a translator's");
    }
}

#[tokio::test]
async fn a_deeply_nested_body_is_refused_at_once_and_the_server_keeps_answering() {
    // Generous: before the bound, one such preview took 10 s and the API minutes.
    let soon = std::time::Duration::from_secs(5);
    for app in TestApp::each().await {
        let email = app.user("ed@example.org", Role::Editor, &["global"]).await;
        let session = app.login(&email).await;
        let token = app.token(&email).await;
        let id = release(&app.server.store, "global", "Nested", Status::Draft).await;
        let deep = format!("{}Deep.", "> ".repeat(50_000));
        let path = format!("/admin/documents/{id}");
        let post = |intent: &'static str| {
            let fields = [
                ("title", "Nested"),
                ("slug", "nested"),
                ("body_markdown", deep.as_str()),
                ("revision", "1"),
                ("intent", intent),
            ];
            let session = &session;
            let path = path.clone();
            async move { session.post(&path, &fields).await }
        };
        let api_path = format!("/api/v1/releases/{id}");
        let api_call =
            api(&app, "PATCH", &api_path, Some(&token), Some(json!({"body_markdown": "> ".repeat(199_500)})));
        let health = async {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            tokio::time::timeout(soon, app.get("/healthz")).await
        };
        let (preview, saved, (api_status, api_body), health) = tokio::time::timeout(soon * 2, async {
            tokio::join!(post("preview"), post("save"), api_call, health)
        })
        .await
        .expect("every request answers");
        let health = health.expect("/healthz answers meanwhile");
        assert_eq!(health.status().as_u16(), 200, "{}", app.backend());
        for (what, response) in [("preview", preview), ("save", saved)] {
            assert_eq!(response.status().as_u16(), 422, "{what} on {}", app.backend());
            let page = scraper::Html::parse_document(&response.text().await.expect("body"));
            assert!(
                text(&page, "#body_markdown-error").contains("32 levels"),
                "{what}: {}",
                text(&page, "#body_markdown-error")
            );
            assert!(texts(&page, ".prose blockquote").is_empty(), "{what}: nothing rendered");
        }
        assert_eq!(api_status, 422, "{api_body}");
        assert_eq!(api_body["error"]["fields"][0]["code"], "too_deep");
        assert!(api_body["error"]["fields"][0]["message"].as_str().expect("message").contains("32 levels"));
        let stored = variant_of(&app.server.store, id, "en").await;
        assert_eq!((stored.revision, stored.draft.body_markdown.as_str()), (1, "Body."), "nothing stored");

        let large = "Forty officials took part. ".repeat(20_000);
        let (status, body) = api(
            &app,
            "PATCH",
            &format!("/api/v1/releases/{id}"),
            Some(&token),
            Some(json!({"body_markdown": large})),
        )
        .await;
        assert_eq!((status, body["error"]["fields"][0]["code"].as_str()), (422, Some("too_large")), "{body}");
        assert!(body["error"]["fields"][0]["message"].as_str().expect("message").contains("512 KB"));
    }
}

#[tokio::test]
async fn the_back_office_has_one_address_with_its_own_headers() {
    for app in TestApp::each().await {
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        for path in [
            "/sites/global/admin",
            "/sites/global/admin/",
            "/sites/global/admin/login",
            "/sites/global/admin/documents/1",
            "/sites/sv/admin/media",
            "/sites/global/api/v1/releases/1",
            "/sites/global/media/1/original.png",
        ] {
            assert_eq!(app.get(path).await.status().as_u16(), 404, "{path} on {}", app.backend());
            let signed_in = session.get(path).await;
            assert_eq!(signed_in.status().as_u16(), 404, "{path}, signed in, on {}", app.backend());
            assert!(signed_in.headers().get("set-cookie").is_none(), "{path}: no session touched");
        }
        let response = app.get("/sites/global/admin/login").await;
        assert!(!response.text().await.expect("body").contains("name=\"password\""), "no login form");
        for path in ["/admin/login", "/admin"] {
            let response = session.get(path).await;
            assert_eq!(response.headers()["x-frame-options"], "DENY", "{path}");
            let csp = response.headers()["content-security-policy"].to_str().expect("csp").to_owned();
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        }
        // The public site under its development prefix still answers.
        assert_eq!(app.get("/sites/global/en/").await.status().as_u16(), 200);
    }
}

/// A PDF straight in the store and the data folder, attached to nothing.
async fn stored_pdf(app: &TestApp, name: &str) -> portico_store::Media {
    let store = &app.server.store;
    let id = store
        .create_media(
            &portico_store::NewMedia {
                site: site_id(store, "global").await,
                kind: "file".into(),
                file_name: name.into(),
                mime: "application/pdf".into(),
                width: 0,
                height: 0,
                bytes: 9,
                alt: String::new(),
                caption: String::new(),
                credit: String::new(),
                renditions: vec![],
                created_by: None,
                pdf: None,
            },
            &portico_store::Audit::system("test", "media.upload"),
        )
        .await
        .expect("media");
    let folder = app.media_dir().join(id.to_string());
    std::fs::create_dir_all(&folder).expect("media folder");
    std::fs::write(folder.join("original.pdf"), b"%PDF-1.4\n").expect("media file");
    store.media(id).await.expect("media").expect("stored")
}

#[tokio::test]
async fn media_stay_private_until_something_published_uses_them() {
    for app in TestApp::each_with_sites(&[("sv", &["es", "en"], "SV")]).await {
        let store = &app.server.store;
        let editor = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let stranger = app.login(&app.user("sv@example.org", Role::Editor, &["sv"]).await).await;
        let uploaded = upload(&editor, &app.server.url(), "global", "camp.png", png(700, 400), "Tents").await;
        assert_eq!(uploaded.status().as_u16(), 303, "{}", app.backend());
        let image = store.media_list(None, 1).await.expect("media").remove(0);
        assert_eq!(image.token.len(), 32, "a random token");

        // Attached to an embargoed release only.
        let draft = Draft {
            title: "Camp opens".into(),
            slug: "camp-opens".into(),
            published_at: Some(portico_store::now() + time::Duration::days(3)),
            body_markdown: "The camp opened.".into(),
            image: Some(image.id),
            ..Draft::default()
        };
        let new = NewDocument {
            site: site_id(store, "global").await,
            kind: Kind::Release,
            language: "en".into(),
            draft,
            status: Status::Scheduled,
            author: None,
        };
        let (document, _) = store
            .create_document(&new, &portico_store::Audit::system("test", "document.create"))
            .await
            .expect("release");
        let file = image.path("640.png");
        let guessed = format!("/media/{}/640.png", image.id);
        let wrong_token = format!("/media/{}-{}/640.png", image.id, "0".repeat(32));
        for path in [&file, &guessed, &wrong_token] {
            let response = app.get(path).await;
            assert_eq!(response.status().as_u16(), 404, "anonymous {path} on {}", app.backend());
            assert!(!response.headers()["cache-control"].to_str().expect("cache").contains("immutable"));
            assert_eq!(stranger.get(path).await.status().as_u16(), 404, "another site's editor: {path}");
        }
        let private = editor.get(&file).await;
        assert_eq!(private.status().as_u16(), 200);
        assert_eq!(private.headers()["cache-control"], "private, no-store");

        let published =
            editor.post(&format!("/admin/documents/{}/workflow", document.0), &[("action", "publish")]).await;
        assert_eq!(published.status().as_u16(), 303);
        let page = app.page("/en/news/camp-opens", 200).await;
        assert!(attrs(&page, ".release-image img", "srcset")[0].contains(&file), "pages link the token");
        for path in [&file, &guessed] {
            let public = app.get(path).await;
            assert_eq!(public.status().as_u16(), 200, "anonymous {path}, published, on {}", app.backend());
            assert_eq!(public.headers()["cache-control"], "public, max-age=31536000, immutable");
        }
        assert_eq!(app.get(&wrong_token).await.status().as_u16(), 404);

        // A PDF attached to nothing, then linked from a published body.
        let report = stored_pdf(&app, "report.pdf").await;
        let report_file = report.path("original.pdf");
        assert_eq!(app.get(&report_file).await.status().as_u16(), 404, "{}", app.backend());
        assert_eq!(editor.get(&report_file).await.status().as_u16(), 200);
        let linking = release(store, "global", "Report out", Status::Draft).await;
        let body = format!("Read [the report]({report_file}).");
        let saved = editor
            .post(
                &format!("/admin/documents/{linking}"),
                &[
                    ("title", "Report out"),
                    ("slug", "report-out"),
                    ("body_markdown", &body),
                    ("revision", "1"),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303);
        assert_eq!(app.get(&report_file).await.status().as_u16(), 404, "a draft body publishes nothing");
        editor.post(&format!("/admin/documents/{linking}/workflow"), &[("action", "publish")]).await;
        assert_eq!(app.get(&report_file).await.status().as_u16(), 200, "linked from a published body");

        // An editor may make an item public ahead of any use.
        let notes = stored_pdf(&app, "notes.pdf").await;
        assert_eq!(app.get(&notes.path("original.pdf")).await.status().as_u16(), 404);
        let marked = editor
            .post(
                &format!("/admin/media/{}", notes.id),
                &[("alt", ""), ("caption", ""), ("credit", ""), ("public", "on")],
            )
            .await;
        assert_eq!(marked.status().as_u16(), 303);
        assert_eq!(app.get(&notes.path("original.pdf")).await.status().as_u16(), 200, "{}", app.backend());
    }
}

/// [`Session::post`] with fields built at run time.
async fn post(session: &Session, path: &str, fields: Vec<(&str, String)>) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    session.post(path, &borrowed).await
}

/// Whether the editor page offers unsaved text back, and which body it offers.
fn offered_body(page: &scraper::Html) -> Option<String> {
    attrs(page, "[data-autosave-offer]", "data-body").into_iter().next()
}

#[tokio::test]
async fn autosaves_are_each_persons_own_offered_back_and_cleared_by_saving() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let id = release(store, "global", "Draft in progress", Status::Draft).await;
        let live = release(store, "global", "Already out", Status::Published).await;
        let writer = app.login(&app.user("writer@example.org", Role::Editor, &["global"]).await).await;
        let colleague = app.login(&app.user("colleague@example.org", Role::Editor, &["global"]).await).await;
        let elsewhere = app.login(&app.user("sv@example.org", Role::Editor, &["sv"]).await).await;
        let author = app.login(&app.user("author@example.org", Role::Author, &["global"]).await).await;
        let (doc, live) = (id.to_string(), live.to_string());
        let path = format!("/admin/documents/{id}");
        let typed = |document: &str, body: &str| {
            vec![
                ("document", document.to_owned()),
                ("lang", "en".to_owned()),
                ("title", "Draft in progress, longer".to_owned()),
                ("body_markdown", body.to_owned()),
                ("revision", "1".to_owned()),
            ]
        };

        let kept = post(&writer, "/admin/autosave", typed(&doc, "Typed, not saved.")).await;
        assert_eq!(kept.status().as_u16(), 200, "{}", app.backend());
        let answer: Value = kept.json().await.expect("JSON");
        assert!(
            answer["message"].as_str().is_some_and(|m| m.starts_with("Unsaved changes kept at")),
            "{answer}"
        );
        let page = writer.page(&path, 200).await;
        assert_eq!(offered_body(&page).as_deref(), Some("Typed, not saved."));
        assert_eq!(attrs(&page, "[data-autosave-offer]", "data-revision"), ["1"]);
        assert!(text(&page, "[data-autosave-offer] p").starts_with("You have unsaved changes from"));
        assert_eq!(offered_body(&colleague.page(&path, 200).await), None, "nobody else is offered it");

        // Only for a document the person may edit now, and never a server error.
        let refused = [
            (&elsewhere, typed(&doc, "x"), 404, None),
            (&author, typed(&live, "x"), 403, Some("Your role does not allow this here.")),
            (&writer, typed("twelve", "x"), 400, Some("Name the document")),
            (
                &writer,
                vec![("document", String::new()), ("kind", "poem".into())],
                400,
                Some("Name the document"),
            ),
            (&writer, typed("999999", "x"), 404, None),
            (
                &writer,
                [typed(&doc, "x"), vec![("revision", "x".into())]].concat(),
                400,
                Some("The form lost"),
            ),
            (
                &writer,
                [typed(&doc, "x"), vec![("title", "t".repeat(301))]].concat(),
                400,
                Some("The title may be at most 300 characters."),
            ),
            (&writer, typed(&doc, &"x".repeat(513 * 1024)), 413, Some("The body may be at most 512 KB.")),
        ];
        for (session, mut fields, status, message) in refused {
            // A repeated field counts once, as the first: put the override first.
            fields.reverse();
            let response = post(session, "/admin/autosave", fields.clone()).await;
            assert_eq!(response.status().as_u16(), status, "{fields:?} on {}", app.backend());
            let body = response.text().await.expect("body");
            if let Some(message) = message {
                assert!(
                    body.contains(message),
                    "{status} says “{message}”: {}",
                    &body[..body.len().min(2000)]
                );
            }
        }
        let fields =
            [("document", doc.as_str()), ("lang", "en"), ("body_markdown", "Forged."), ("revision", "1")];
        let send = |client: &reqwest::Client| {
            client.post(app.url("/admin/autosave")).header("origin", app.server.url()).form(&fields).send()
        };
        let no_token = send(&writer.client).await.expect("request");
        assert_eq!(no_token.status().as_u16(), 403, "a form without the session's CSRF token");
        let signed_out = send(&app.client).await.expect("request");
        assert_eq!(signed_out.status().as_u16(), 303, "no session: to the login page");
        assert_eq!(offered_body(&writer.page(&path, 200).await).as_deref(), Some("Typed, not saved."));

        // A new document's text, then discarded.
        let new_text = vec![
            ("document", String::new()),
            ("kind", "release".into()),
            ("title", "Not created yet".into()),
            ("body_markdown", "Started.".into()),
            ("revision", "0".into()),
        ];
        assert_eq!(post(&writer, "/admin/autosave", new_text).await.status().as_u16(), 200);
        assert_eq!(offered_body(&writer.page("/admin/new/release", 200).await).as_deref(), Some("Started."));
        let page_kind = vec![("document", String::new()), ("kind", "page".into()), ("revision", "0".into())];
        assert_eq!(
            post(&author, "/admin/autosave", page_kind).await.status().as_u16(),
            403,
            "authors write no pages"
        );
        let discard = vec![("document", String::new()), ("kind", "release".into())];
        assert_eq!(post(&writer, "/admin/autosave/discard", discard).await.status().as_u16(), 204);
        assert_eq!(offered_body(&writer.page("/admin/new/release", 200).await), None);

        // Saving the document clears its autosave.
        let saved = writer
            .post(
                &path,
                &[
                    ("title", "Draft in progress, longer"),
                    ("slug", "draft-in-progress"),
                    ("body_markdown", "Typed, not saved."),
                    ("revision", "1"),
                    ("intent", "save"),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());
        assert_eq!(offered_body(&writer.page(&path, 200).await), None, "saved, so nothing to offer");
        let target = portico_store::AutosaveTarget::Document {
            document: portico_content::DocumentId(id),
            language: "en".into(),
        };
        let (writer_id, _) = store.user_for_login("writer@example.org").await.expect("read").expect("user");
        let writer_id = writer_id.id;
        assert_eq!(store.autosave(writer_id, &target).await.expect("read"), None);
    }
}
