//! The newsroom's work in a real browser: headless Chromium, driven over WebDriver, signs in,
//! uploads, writes, reviews and publishes through the back office of a real server (SQLite),
//! then reads the result on the public site. Needs `chromium` and `chromium-driver`
//! (`scripts/test-services` installs them); fails, never skips, without them.

use crate::driver;
use crate::support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use driver::Browser;
use fantoccini::key::Key;
use portico_content::{DocumentId, Kind, Role};
use portico_store::testing::TestDb;
use serde_json::json;
use support::{PASSWORD, TestApp};

/// A server over a fresh SQLite file with the demo content (site `global`, themes, contacts).
async fn sqlite_app() -> TestApp {
    TestApp::on(TestDb::sqlite().await).await
}

/// Signs in through the login form and waits for the back office (it has a sign-out form).
async fn sign_in(browser: &Browser, email: &str) {
    browser.goto("/admin/login").await;
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.press("Sign in").await;
    browser.css("form[action='/admin/logout']").await;
    assert_eq!(browser.path().await, "/admin");
}

async fn sign_out(browser: &Browser) {
    browser.press("Sign out").await;
    browser.wait_for_path("/admin/login").await;
    browser.wait_for_text(".notice", "You are signed out.").await;
}

/// Waits until the editor page shows the document's status as `expected`, such as "In review":
/// how a step knows its page has arrived.
async fn wait_for_status(browser: &Browser, expected: &str) {
    browser.wait_for_text(".doc-meta .status", expected).await;
}

/// The confirmation the page shows after a step, such as "Published.".
async fn notices(browser: &Browser) -> Vec<String> {
    browser.texts(".notice[role=status]").await
}

/// The labels of the Workflow panel's buttons.
async fn workflow_buttons(browser: &Browser) -> Vec<String> {
    browser.texts(".workflow-form button").await
}

/// What a release's editor form gets typed into it.
struct Release<'a> {
    title: &'a str,
    slug: &'a str,
    dateline: &'a str,
    summary: &'a str,
    body: &'a str,
    countries: &'a str,
}

/// Opens "New press release" from the dashboard and fills the text fields.
async fn start_release(browser: &Browser, release: &Release<'_>) {
    browser.goto("/admin").await;
    browser.follow("New press release").await;
    browser.wait_for_path("/admin/new/release").await;
    browser.fill("#f-title", release.title).await;
    browser.fill("#f-slug", release.slug).await;
    browser.fill("#f-dateline", release.dateline).await;
    browser.fill("#f-summary", release.summary).await;
    // These tests write Markdown: the rich editor's source view shows the textarea.
    browser.click(".rich-tool-source").await;
    browser.fill("#f-body_markdown", release.body).await;
    // The countries picker finds a country by its code as well as by its name.
    for code in release.countries.split(", ") {
        browser.keys(".picker-search", &(code.to_owned() + &Key::Enter)).await;
    }
}

/// Presses "Create draft" and waits for the new document's editor page.
async fn create_draft(browser: &Browser) {
    browser.click("button[name=intent][value=save]").await;
    wait_for_status(browser, "Draft").await;
    assert!(browser.path().await.starts_with("/admin/documents/"));
    assert_eq!(notices(browser).await, ["Created."]);
}

/// Ticks the first checkbox of a fieldset; returns its value.
async fn tick_first(browser: &Browser, fieldset: &str) -> String {
    let selector = format!("{fieldset} input[type=checkbox]");
    let value = browser.attr(&selector, "value").await.expect("a checkbox value");
    browser.click(&selector).await;
    value
}

/// A real 800 × 500 PNG in a temporary folder: large enough for 320 and 640 pixel renditions.
struct Photo {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Photo {
    fn new(file_name: &str) -> Photo {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join(file_name);
        let image = image::RgbImage::from_fn(800, 500, |x, y| {
            let (x, y) = (x as f32 / 800.0, y as f32 / 500.0);
            image::Rgb([(40.0 + 180.0 * x) as u8, (90.0 + 100.0 * y) as u8, (160.0 - 80.0 * x * y) as u8])
        });
        image.save(&path).expect("write the PNG");
        Photo { _dir: dir, path }
    }

    fn path(&self) -> &Path {
        &self.path
    }
}

#[tokio::test]
async fn an_author_writes_a_release_with_an_image_and_an_editor_publishes_it() {
    const TITLE: &str = "Migrants stranded at the harbour receive shelter and water";
    const ALT: &str = "Families wait under a tarpaulin at the harbour of Acajutla";
    const CREDIT: &str = "IOM / Ana Pérez";
    const DATELINE: &str = "San Salvador";

    let app = sqlite_app().await;
    let author = app.user("author@example.org", Role::Author, &["global"]).await;
    let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
    let photo = Photo::new("harbour-shelter.png");
    let browser = Browser::launch(&app.server.url(), "release-with-image").await;

    browser
        .run(move |browser| async move {
            sign_in(&browser, &author).await;
            browser.snapshot("dashboard").await;

            // The picture first, with the words around it.
            browser.follow("Media").await;
            browser.wait_for_path("/admin/media").await;
            browser.attach("#u-file", photo.path()).await;
            browser.fill("#u-alt", ALT).await;
            browser.fill("#u-credit", CREDIT).await;
            browser.press("Upload").await;
            let media_page = browser.wait_for_path("/admin/media/").await;
            browser.wait_for_text(".notice", "Uploaded.").await;
            browser.snapshot("media").await;
            let media_id = media_page.trim_start_matches("/admin/media/").to_owned();
            assert_eq!(browser.attr(".media-detail img", "alt").await.as_deref(), Some(ALT));

            // Then the release, with that picture as its lead image.
            start_release(
                &browser,
                &Release {
                    title: TITLE,
                    slug: "",
                    dateline: DATELINE,
                    summary: "IOM opened a shelter for 300 people at the port of Acajutla.",
                    body: "IOM opened a shelter on Monday for **300 people** waiting at the port.\n\n\
                           ## What they need\n\n- Water\n- Medical care",
                    countries: "SV, GT",
                },
            )
            .await;
            let theme = tick_first(&browser, "#f-themes").await;
            // A media contact by search, Enter taking the first match when it comes.
            browser.keys("#f-contacts .picker-search", &("amaya".to_owned() + &Key::Enter)).await;
            browser.wait_for_text("#f-contacts .picker-name", "Alba Miriam Amaya, IOM El Salvador").await;
            // The lead image from the grid, shown with its alt text.
            browser.activate("Choose an image…").await;
            browser.wait_for_text(".image-grid [role=option]", ALT).await;
            browser.click(".image-grid [role=option]").await;
            let chosen = browser.script("return document.querySelector('#f-image').value;", vec![]).await;
            assert_eq!(chosen, json!(media_id));
            assert_eq!(
                browser.texts(".image-chosen span").await,
                [ALT],
                "the image is shown with its alt text"
            );
            browser.snapshot("new-release").await;
            create_draft(&browser).await;
            assert!(
                !workflow_buttons(&browser).await.iter().any(|b| b == "Publish now"),
                "an author cannot publish a draft"
            );

            browser.press("Submit for review").await;
            wait_for_status(&browser, "In review").await;
            assert_eq!(notices(&browser).await, ["Sent for review."]);
            let buttons = workflow_buttons(&browser).await;
            assert!(!buttons.iter().any(|b| b == "Publish now"), "an author cannot publish: {buttons:?}");
            browser.snapshot("in-review").await;
            let document_path = browser.path().await;
            sign_out(&browser).await;

            // The editor finds it on the dashboard and publishes it.
            sign_in(&browser, &editor).await;
            browser.follow(TITLE).await;
            wait_for_status(&browser, "In review").await;
            assert_eq!(browser.path().await, document_path);
            assert_eq!(browser.attr("#f-title", "value").await.as_deref(), Some(TITLE));
            browser.press("Publish now").await;
            wait_for_status(&browser, "Published").await;
            assert_eq!(notices(&browser).await, ["Published."]);
            browser.snapshot("published").await;

            // What a reader sees.
            let public_path = browser.attr("main a.button[href^='/en/news/']", "href").await;
            let public_path = public_path.expect("a link to the public page");
            browser.follow("View on the site").await;
            browser.wait_for_text("h1#release-title", TITLE).await;
            assert_eq!(browser.path().await, public_path);
            assert!(public_path.starts_with("/en/news/migrants-stranded-at-the-harbour"), "{public_path}");
            assert_eq!(browser.texts(".release-body > .dateline .place").await, [DATELINE]);
            assert_eq!(browser.texts(".release-body h2").await, ["What they need"]);
            let image = "figure.release-image img";
            assert_eq!(browser.attr(image, "alt").await.as_deref(), Some(ALT));
            let srcset = browser.attr(image, "srcset").await.unwrap_or_default();
            assert!(srcset.contains(&format!("/media/{media_id}-")), "srcset names the renditions: {srcset}");
            assert!(srcset.contains(" 320w") && srcset.contains(" 640w"), "several widths: {srcset}");
            assert_eq!(browser.texts("figure.release-image .credit").await, [CREDIT]);
            let loaded = wait_for_image(&browser, image).await;
            assert!(loaded > 0, "the browser loaded the image");
            let countries = links(&browser, ".release-facts a[href*='country=']").await;
            assert!(countries.contains(&"/en/news?country=sv".to_owned()), "{countries:?}");
            assert!(countries.contains(&"/en/news?country=gt".to_owned()), "{countries:?}");
            let themes = links(&browser, ".release-facts a[href*='theme=']").await;
            assert_eq!(themes, [format!("/en/news?theme={theme}")]);
            assert_eq!(browser.texts(".media-contacts .contact-name").await.len(), 1, "one media contact");
            browser.snapshot("public").await;

            browser.goto("/en/news").await;
            let listed = links(&browser, ".card-title a").await;
            assert_eq!(listed.first(), Some(&public_path), "the newest release leads the news list");
        })
        .await;
}

#[tokio::test]
async fn a_scheduled_release_goes_live_on_its_own() {
    const TITLE: &str = "Regional conference on labour migration opens in Guatemala City";
    const SLUG: &str = "regional-conference-on-labour-migration";
    let public_path = format!("/en/news/{SLUG}");

    let app = sqlite_app().await;
    let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "scheduled-release").await;

    browser
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            start_release(
                &browser,
                &Release {
                    title: TITLE,
                    slug: SLUG,
                    dateline: "Guatemala City",
                    summary: "Eleven governments meet to discuss fair recruitment.",
                    body: "Delegates from eleven countries meet for two days.",
                    countries: "GT",
                },
            )
            .await;
            create_draft(&browser).await;

            // A few seconds ahead, to the second; the field is UTC. Its default step is a whole
            // minute, so the browser would refuse seconds: widen the step as well.
            let at = (time::OffsetDateTime::now_utc() + Duration::from_secs(5))
                .replace_nanosecond(0)
                .expect("whole seconds");
            let value = at
                .format(time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"))
                .expect("format the time");
            let valid = browser
                .script(
                    "const field = document.getElementById('schedule-at'); \
                     field.step = 1; field.value = arguments[0]; return field.checkValidity();",
                    vec![json!(value)],
                )
                .await;
            assert_eq!(valid, json!(true), "the browser accepts {value} in #schedule-at");
            browser.press("Schedule").await;
            wait_for_status(&browser, "Scheduled").await;
            assert_eq!(notices(&browser).await, ["Scheduled."]);
            browser.snapshot("scheduled").await;
            let not_yet = app.get(&public_path).await.status().as_u16();
            assert_eq!(not_yet, 404, "a scheduled release is not public before its time");

            // The scheduler runs every 500 ms in the test server.
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                let status = app.get(&public_path).await.status().as_u16();
                if status == 200 {
                    break;
                }
                assert_eq!(status, 404, "GET {public_path} while waiting");
                assert!(Instant::now() < deadline, "the release did not go live within 60 s of {value}");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            assert!(time::OffsetDateTime::now_utc() >= at, "the release went live before {value}");

            browser.goto(&public_path).await;
            browser.wait_for_text("h1#release-title", TITLE).await;
            assert_eq!(browser.texts(".release-body > .dateline .place").await, ["Guatemala City"]);
            browser.goto("/admin").await;
            browser.follow(TITLE).await;
            wait_for_status(&browser, "Published").await;
        })
        .await;
}

/// Waits for an image to load; returns its natural width (0 when it failed to load).
async fn wait_for_image(browser: &Browser, selector: &str) -> u64 {
    let script = "const img = document.querySelector(arguments[0]); \
                  return img && img.complete ? img.naturalWidth : null;";
    let deadline = Instant::now() + driver::PATIENCE;
    while Instant::now() < deadline {
        if let Some(width) = browser.script(script, vec![json!(selector)]).await.as_u64() {
            return width;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{selector} did not finish loading within {:?}", driver::PATIENCE)
}

/// The `href` attribute of every link matching `selector`, as written in the page.
async fn links(browser: &Browser, selector: &str) -> Vec<String> {
    let script = "return Array.from(document.querySelectorAll(arguments[0]), a => a.getAttribute('href'));";
    let hrefs = browser.script(script, vec![json!(selector)]).await;
    serde_json::from_value(hrefs).expect("a list of links")
}

/// The code `oathtool` (OATH Toolkit, not our code) computes for a base32 secret `offset`
/// seconds from now.
fn oathtool(secret: &str, offset: i64) -> String {
    let at = time::OffsetDateTime::now_utc().unix_timestamp() + offset;
    let output = std::process::Command::new("oathtool")
        .args(["--totp", "--base32", &format!("--now=@{at}"), secret])
        .output()
        .expect("oathtool runs (scripts/test-services installs it)");
    assert!(output.status.success(), "oathtool: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8").trim().to_owned()
}

#[tokio::test]
async fn an_editor_enrols_by_qr_code_and_signs_in_with_a_second_step() {
    let app = sqlite_app().await;
    let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "two-factor").await;

    browser
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            browser.follow("Account").await;
            browser.wait_for_path("/admin/account").await;
            browser.follow("Set up two-factor sign-in").await;
            browser.wait_for_path("/admin/account/two-factor").await;
            browser.press("Set up two-factor sign-in").await;
            browser.css("figure.totp-qr svg").await;
            // The QR code is drawn under the back office's content security policy.
            let width = browser
                .script(
                    "return document.querySelector('figure.totp-qr svg').getBoundingClientRect().width;",
                    vec![],
                )
                .await;
            assert!(width.as_f64().is_some_and(|w| w >= 100.0), "the QR code is drawn: {width}");
            browser.snapshot("qr-code").await;
            let secret: String = browser.texts(".totp-secret").await.concat().split_whitespace().collect();
            // The previous step's code (accepted for clock drift), so that the sign-in below
            // may use the current one without waiting for the next step.
            crate::two_factor::room_in_the_step(10).await;
            browser.fill("#e-code", &oathtool(&secret, -30)).await;
            browser.press("Switch on").await;
            browser.wait_for_text(".notice", "Two-factor sign-in is on.").await;
            assert_eq!(browser.texts(".recovery-code").await.len(), 10);
            sign_out(&browser).await;

            browser.goto("/admin/login").await;
            browser.fill("#email", &editor).await;
            browser.fill("#password", PASSWORD).await;
            browser.press("Sign in").await;
            browser.wait_for_path("/admin/login/code").await;
            browser.wait_for_text("h1", "Enter your sign-in code").await;
            assert_eq!(browser.attr("#code", "autocomplete").await.as_deref(), Some("one-time-code"));
            let near: Vec<String> = [-30, 0, 30].iter().map(|offset| oathtool(&secret, *offset)).collect();
            let wrong = if near.iter().any(|code| code == "000000") { "000001" } else { "000000" };
            browser.fill("#code", wrong).await;
            browser.press("Verify").await;
            browser
                .wait_for_text(
                    "#code-error",
                    "That code is not right. Check your phone’s clock and try the newest code.",
                )
                .await;
            browser.snapshot("code-step").await;
            browser.fill("#code", &oathtool(&secret, 0)).await;
            browser.press("Verify").await;
            // The code page has a sign-out form too: wait for the dashboard's navigation instead.
            browser.css(".admin-nav a").await;
            assert_eq!(browser.path().await, "/admin");
        })
        .await;
}

/// What a communications officer pastes from a word processor.
const PASTED_RELEASE: &str = "Partners meet on returns in Central America\n\n\
SAN SALVADOR, El Salvador, 21 August 2015 – Officials from Guatemala and Honduras met with \
UNHCR and UNICEF to review how returned children are received.\n\n\
For more information please contact Ana Morales, IOM El Salvador, Tel: +503 2521 0500, \
Email: amorales@example.org\n";

#[tokio::test]
async fn an_author_pastes_a_release_checks_the_proposals_and_saves_the_draft() {
    let app = sqlite_app().await;
    app.user("writer@example.org", Role::Author, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "paste-release").await;
    browser
        .run(|browser| async move {
            sign_in(&browser, "writer@example.org").await;
            browser.follow("Paste or upload a release").await;
            browser.wait_for_path("/admin/new/release/paste").await;
            browser.fill("#p-text", PASTED_RELEASE).await;
            browser.press("Read it").await;
            browser.wait_for_text("#proposals-h", "What Portico found").await;
            browser.snapshot("proposals").await;
            let rows = browser.texts(".proposals tbody tr").await;
            assert!(rows.iter().any(|r| r.contains("UNHCR")), "{rows:?}");
            assert!(rows.iter().any(|r| r.contains("GT Guatemala")), "{rows:?}");
            assert_eq!(
                browser.attr("#f-title", "value").await.as_deref(),
                Some("Partners meet on returns in Central America")
            );
            // The author dismisses one proposal: Honduras is not what the release is about.
            let countries = browser.attr("#f-countries", "value").await.expect("countries");
            let kept: Vec<&str> = countries.split(", ").filter(|c| *c != "HN").collect();
            browser.click(".picker-remove[data-code=HN]").await;
            create_draft(&browser).await;
            assert_eq!(
                browser.attr("#f-countries", "value").await.as_deref(),
                Some(kept.join(", ").as_str())
            );
        })
        .await;
    let rows = app.server.store.document_rows(None, None, None, 1000).await.expect("rows");
    let saved = rows.iter().find(|r| r.title == "Partners meet on returns in Central America");
    assert_eq!(saved.expect("the draft").status, "draft");
}

/// A release whose Venezuelans are named only through their people: a weaker proposal that is
/// shown, not filled in.
const PASTED_WITH_DEMONYM: &str = "Partners meet on returns in Central America\n\n\
SAN SALVADOR, El Salvador, 21 August 2015 – Officials from Guatemala and Honduras met with \
UNHCR to review how returned children are received, among them Venezuelans.\n\n\
For more information please contact Ana Morales, IOM El Salvador, Tel: +503 2521 0500, \
Email: amorales@example.org\n";

/// The state a proposal row shows and the codes the countries field holds, as the page has them.
async fn country_row(browser: &Browser, code: &str) -> (String, String) {
    let state = browser.texts(&format!("tr[data-target=countries][data-code={code}] .proposal-state")).await;
    let field = browser.script("return document.querySelector('#f-countries').value;", vec![]).await;
    (state.join(""), field.as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn an_author_accepts_and_dismisses_proposals_one_by_one_and_saves_what_they_chose() {
    let app = sqlite_app().await;
    let writer = app.user("chooser@example.org", Role::Author, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "paste-decide").await;
    let saved_at = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let saved_path = saved_at.clone();
    browser
        .run(|browser| async move {
            sign_in(&browser, "chooser@example.org").await;
            browser.goto("/admin/new/release/paste").await;
            browser.fill("#p-text", PASTED_WITH_DEMONYM).await;
            browser.press("Read it").await;
            browser.wait_for_text("#proposals-h", "What Portico found").await;
            // Honduras was filled in; Venezuela, named only through its people, was not.
            let (state, field) = country_row(&browser, "HN").await;
            assert_eq!((state.as_str(), field.contains("HN")), ("In the form", true), "{field}");
            let (state, field) = country_row(&browser, "VE").await;
            assert_eq!((state.as_str(), field.contains("VE")), ("Not in the form", false), "{field}");

            browser.click("tr[data-target=countries][data-code=HN] [data-decide=dismiss]").await;
            browser.click("tr[data-target=countries][data-code=VE] [data-decide=accept]").await;
            browser.snapshot("decided").await;
            let (state, field) = country_row(&browser, "HN").await;
            assert_eq!((state.as_str(), field.contains("HN")), ("Not in the form", false), "{field}");
            let (state, field) = country_row(&browser, "VE").await;
            assert_eq!((state.as_str(), field.contains("VE")), ("In the form", true), "{field}");
            // The countries picker shows what Accept and Dismiss did to its field.
            let shown = browser.texts("#f-countries + .picker .picker-remove").await.len();
            assert_eq!(shown, field.split(", ").count(), "{field}");
            assert!(browser.texts(".picker-remove[data-code=VE]").await.len() == 1, "Venezuela shown");
            // The field stays the truth: picking a dismissed country again shows it accepted.
            browser.keys(".picker-search", &("HN".to_owned() + &Key::Enter)).await;
            assert_eq!(country_row(&browser, "HN").await.0, "In the form");
            browser.click("tr[data-target=countries][data-code=HN] [data-decide=dismiss]").await;
            assert_eq!(
                browser
                    .attr("tr[data-target=countries][data-code=HN] [data-decide=dismiss]", "aria-pressed")
                    .await
                    .as_deref(),
                Some("true")
            );
            create_draft(&browser).await;
            *saved_path.lock().expect("path") = browser.path().await;
        })
        .await;

    // Read back through HTTP, as another session of the same person sees the saved draft.
    let path = saved_at.lock().expect("path").clone();
    let session = app.login(&writer).await;
    let html = session.page(&path, 200).await;
    let countries = support::attrs(&html, "#f-countries", "value").remove(0);
    let mut codes: Vec<&str> = countries.split(", ").collect();
    codes.sort_unstable();
    assert_eq!(codes, ["GT", "SV", "VE"], "Honduras dismissed, Venezuela accepted");
}

#[tokio::test]
async fn a_disabled_users_open_session_stops_at_their_next_click() {
    let app = sqlite_app().await;
    app.user("boss@example.org", Role::Admin, &[]).await;
    app.user("leaving@example.org", Role::Editor, &["global"]).await;
    let admin = Browser::launch(&app.server.url(), "disable-admin").await;
    let leaving = Browser::launch(&app.server.url(), "disable-user").await;
    let leaving_steps = leaving.clone();
    sign_in(&leaving, "leaving@example.org").await;
    admin
        .run(|admin| async move {
            sign_in(&admin, "boss@example.org").await;
            admin.follow("Users").await;
            admin.wait_for_path("/admin/users").await;
            admin.follow("leaving@example.org").await;
            admin.wait_for_text("h1", "User leaving@example.org").await;
            admin.press("Disable").await;
            admin
                .wait_for_text(".notice", "The user was disabled: their sessions and API tokens have ended.")
                .await;
            admin.snapshot("disabled").await;
        })
        .await;
    leaving
        .run(|_| async move {
            leaving_steps.goto("/admin").await;
            leaving_steps.wait_for_path("/admin/login").await;
        })
        .await;
}

/// The rich editor's editing surface.
const SURFACE: &str = ".rich-editor-surface .ProseMirror";

/// What the console said about the content security policy or an uncaught script error.
async fn console_problems(browser: &Browser) -> Vec<String> {
    // A message of our own first: an empty list then means a quiet console, not a deaf test.
    browser.script("console.warn('portico-console-probe');", vec![]).await;
    let messages = browser.console().await;
    assert!(
        messages.iter().any(|m| m.contains("portico-console-probe")),
        "the console log is read: {messages:?}"
    );
    messages.into_iter().filter(|m| m.contains("Content Security Policy") || m.contains("Uncaught")).collect()
}

/// A variant's stored body and revision number.
async fn stored_body(app: &TestApp, document: DocumentId, language: &str) -> (String, i32) {
    let variant = app.server.store.editable_variant(document, Some(language)).await.expect("read");
    let variant = variant.expect("the variant");
    (variant.draft.body_markdown, variant.revision)
}

#[tokio::test]
async fn the_rich_editor_saves_every_demo_release_without_rewriting_its_body() {
    let app = sqlite_app().await;
    let admin = app.user("admin@example.org", Role::Admin, &[]).await;
    let rows = app.server.store.document_rows(None, Some(Kind::Release), None, 1000).await.expect("rows");
    // The global site's English releases, and the Jordan office's Arabic ones (right to left).
    let releases: Vec<_> = rows
        .into_iter()
        .filter(|r| {
            (r.site_key == "global" && r.language == "en") || (r.site_key == "jo" && r.language == "ar")
        })
        .collect();
    assert!(releases.len() >= 20, "the demo has releases to open: {}", releases.len());
    let mut before = Vec::new();
    for row in &releases {
        before.push(stored_body(&app, row.document, &row.language).await);
    }
    let browser = Browser::launch(&app.server.url(), "rich-editor-round-trip").await;
    let opened = releases.clone();
    browser
        .run(move |browser| async move {
            sign_in(&browser, &admin).await;
            for row in &opened {
                browser.goto(&format!("/admin/documents/{}?lang={}", row.document, row.language)).await;
                browser.css(SURFACE).await;
                let shown =
                    browser.script("return !document.querySelector('.rich-editor-surface').hidden;", vec![]);
                assert_eq!(shown.await, json!(true), "{} opens in the rich view, not as source", row.title);
                let dir = browser.attr(SURFACE, "dir").await;
                let expected = if row.language == "ar" { "rtl" } else { "ltr" };
                assert_eq!(dir.as_deref(), Some(expected), "{}", row.title);
                // A change undone makes the editor write the body from its document.
                browser.keys(SURFACE, &("x".to_owned() + &Key::Backspace)).await;
                browser.keys(SURFACE, &(Key::Control + "s")).await;
                browser.wait_for_text(".notice", "Saved.").await;
            }
            browser.snapshot("saved").await;
            let problems = console_problems(&browser).await;
            assert!(problems.is_empty(), "the console reported: {problems:#?}");
        })
        .await;
    for (row, (body, revision)) in releases.iter().zip(before) {
        let (after, saved_as) = stored_body(&app, row.document, &row.language).await;
        assert_eq!(after, body, "the body of “{}” ({}) came back unchanged", row.title, row.language);
        assert_eq!(saved_as, revision + 1, "“{}” was saved once more", row.title);
    }
}

#[tokio::test]
async fn an_editor_writes_a_release_from_empty_to_published_with_the_keyboard_in_the_rich_editor() {
    const TITLE: &str = "Three shelters open at the port of Acajutla";
    let app = sqlite_app().await;
    let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "rich-editor-keyboard").await;
    browser
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            browser.follow("New press release").await;
            browser.wait_for_path("/admin/new/release").await;
            browser.fill("#f-title", TITLE).await;
            browser.fill("#f-dateline", "Acajutla").await;
            browser.fill("#f-summary", "IOM opened three shelters for people waiting at the port.").await;
            // Countries by name, accents aside, chosen with the arrow keys and Enter.
            browser.keys(".picker-search", "salv").await;
            browser.wait_for_text(".picker-options [aria-selected=true]", "El Salvador").await;
            browser.keys(".picker-search", &String::from(char::from(Key::Enter))).await;
            browser.keys(".picker-search", "cote").await;
            browser.wait_for_text(".picker-options [role=option]", "Côte d’Ivoire").await;
            browser
                .keys(".picker-search", &(char::from(Key::Down).to_string() + &Key::Up + &Key::Enter))
                .await;
            assert_eq!(browser.texts(".picker-chosen .picker-name").await, ["El Salvador", "Côte d’Ivoire"]);
            // A heading by its Markdown habit, bold by shortcut, a list, then a link.
            browser.keys(SURFACE, "## What we do\n").await;
            browser.keys(SURFACE, "IOM opened ").await;
            browser.keys(SURFACE, &(Key::Control + "b")).await;
            browser.keys(SURFACE, "three shelters").await;
            browser.keys(SURFACE, &(Key::Control + "b")).await;
            browser.keys(SURFACE, " at the port.\n- Water\nMedical care\n\nRead the report").await;
            browser.keys(SURFACE, &(Key::Shift + &Key::Home)).await;
            browser.keys(SURFACE, &(Key::Control + "k")).await;
            browser.fill(".editor-dialog input[name=href]", "https://example.org/report\n").await;
            browser
                .wait_for_text(&format!("{SURFACE} a[href='https://example.org/report']"), "Read the report")
                .await;
            let pressed = browser.attr(".rich-tool-link", "aria-pressed").await;
            assert_eq!(pressed.as_deref(), Some("true"), "the Link button shows the link under the cursor");
            browser.snapshot("written").await;
            browser.keys(SURFACE, &(Key::Control + "s")).await;
            wait_for_status(&browser, "Draft").await;
            assert_eq!(notices(&browser).await, ["Created."]);
            browser.activate("Publish now").await;
            wait_for_status(&browser, "Published").await;
            let problems = console_problems(&browser).await;
            assert!(problems.is_empty(), "the console reported: {problems:#?}");
        })
        .await;

    let rows = app.server.store.document_rows(None, Some(Kind::Release), None, 1000).await.expect("rows");
    let row = rows.iter().find(|r| r.title == TITLE).expect("the release");
    let (body, _) = stored_body(&app, row.document, "en").await;
    assert_eq!(
        body,
        "## What we do\n\nIOM opened **three shelters** at the port.\n\n- Water\n- Medical care\n\n\
         [Read the report](https://example.org/report)",
        "the stored Markdown"
    );
    let page = app.page(&format!("/en/news/{}", row.slug), 200).await;
    assert_eq!(support::texts(&page, ".release-body h2"), ["What we do"]);
    assert_eq!(support::texts(&page, ".release-body p strong"), ["three shelters"]);
    assert_eq!(support::texts(&page, ".release-body ul > li"), ["Water", "Medical care"]);
    assert_eq!(support::attrs(&page, ".release-body a", "href"), ["https://example.org/report"]);
    assert_eq!(support::texts(&page, ".release-body a"), ["Read the report"]);
    let mut countries = support::attrs(&page, ".release-facts a[href*='country=']", "href");
    countries.sort();
    assert_eq!(countries, ["/en/news?country=ci", "/en/news?country=sv"]);
}

#[tokio::test]
async fn unsaved_text_survives_a_closed_window_and_is_restored_without_overwriting_a_colleague() {
    const ADDED: &str = "Update: ";
    let app = sqlite_app().await;
    let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
    let rows = app.server.store.document_rows(None, Some(Kind::Release), None, 1000).await.expect("rows");
    let row =
        rows.into_iter().find(|r| r.site_key == "global" && r.language == "en").expect("a demo release");
    let path = format!("/admin/documents/{}?lang=en", row.document);
    let (original, revision) = stored_body(&app, row.document, "en").await;

    // Typed, kept by the autosave, then the window closes without a save.
    let first = Browser::launch(&app.server.url(), "autosave-typed").await;
    let (email, opened) = (editor.clone(), path.clone());
    first
        .run(move |browser| async move {
            sign_in(&browser, &email).await;
            browser.goto(&opened).await;
            // The caret goes to the start of the first paragraph by the page's own selection:
            // ChromeDriver puts it at the end whenever it focuses the editor itself, and a
            // Ctrl+Home sent before typing did not always outrun that.
            let at_start = "const surface = document.querySelector(arguments[0]);
                surface.focus();
                const text = document.createTreeWalker(surface, NodeFilter.SHOW_TEXT).nextNode();
                const range = document.createRange();
                range.setStart(text, 0);
                range.collapse(true);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return document.activeElement === surface;";
            assert_eq!(
                browser.script(at_start, vec![json!(SURFACE)]).await,
                json!(true),
                "the editor has focus"
            );
            browser.keys(SURFACE, ADDED).await;
            let typed = browser.texts(SURFACE).await;
            assert!(typed[0].starts_with(ADDED), "typed at the start: …{}", &typed[0][typed[0].len() - 80..]);
            wait_for_text_starting(&browser, ".autosave-status", "Unsaved changes kept at").await;
        })
        .await;
    assert_eq!(stored_body(&app, row.document, "en").await.0, original, "nothing was saved");

    // Meanwhile a colleague saves the release.
    let store = &app.server.store;
    let mut theirs =
        store.editable_variant(row.document, Some("en")).await.expect("read").expect("variant").draft;
    theirs.summary = "A colleague's new summary.".into();
    let audit = portico_store::Audit::system("test", "document.save");
    store.update_document(row.document, "en", revision, &theirs, &audit).await.expect("their save");

    // Signed in again in a new window: offered the text, restored, and the revision check
    // still says someone else saved in between; saving again replaces their version knowingly.
    let second = Browser::launch(&app.server.url(), "autosave-restored").await;
    second
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            browser.goto(&path).await;
            browser.css("[data-autosave-offer]:not([hidden])").await;
            let offer = browser.texts("[data-autosave-offer] p").await;
            assert!(offer[0].starts_with("You have unsaved changes from"), "{offer:?}");
            browser.snapshot("offer").await;
            browser.activate("Restore them").await;
            let restored = browser.texts(SURFACE).await;
            assert!(restored[0].starts_with(ADDED), "the restored text is in the editor: {restored:?}");
            browser.keys(SURFACE, &(Key::Control + "s")).await;
            wait_for_text_starting(&browser, ".error-summary p", "Someone else saved this document").await;
            let kept = browser.texts(SURFACE).await;
            assert!(kept[0].starts_with(ADDED), "the text is kept after the conflict: {kept:?}");
            browser.keys(SURFACE, &(Key::Control + "s")).await;
            browser.wait_for_text(".notice", "Saved.").await;
            let gone =
                browser.script("return document.querySelector('[data-autosave-offer]') === null;", vec![]);
            assert_eq!(gone.await, json!(true), "a saved document offers nothing back");
        })
        .await;
    let (body, _) = stored_body(&app, row.document, "en").await;
    assert_eq!(body, format!("{ADDED}{original}"), "the restored text is what was saved");
    let summary = app.server.store.editable_variant(row.document, Some("en")).await.expect("read");
    assert_eq!(summary.expect("variant").draft.summary, "A colleague's new summary.", "their summary stays");
}

#[tokio::test]
async fn a_publications_cover_is_chosen_from_the_grid_of_images() {
    const LABEL: &str = "Front page of the 2026 report";
    let app = sqlite_app().await;
    let store = &app.server.store;
    let global = store.site_by_key("global").await.expect("site").expect("global");
    let cover = support::camp_image(store, &global, &["320.webp"]).await;
    let audit = portico_store::Audit::system("test", "media.edit");
    store.update_media_text(cover, LABEL, "", "", &audit).await.expect("alt");
    let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
    let rows = store.document_rows(None, Some(Kind::Publication), None, 1000).await.expect("rows");
    let row = rows
        .into_iter()
        .find(|r| r.slug == "world-migration-report-2026" && r.language == "en")
        .expect("the demo's report");
    assert_eq!(
        store.publication_facts(row.document).await.expect("facts").expect("a publication").cover,
        None
    );
    let path = format!("/admin/documents/{}?lang=en", row.document);
    let browser = Browser::launch(&app.server.url(), "publication-cover").await;
    let wanted = json!(cover.0.to_string());
    browser
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            browser.goto(&path).await;
            let field = ".publication-fields .image-field";
            assert_eq!(
                browser.attr("#f-publication_cover", "hidden").await.as_deref(),
                Some("true"),
                "the grid replaces the number"
            );
            browser.keys(&format!("{field} .image-actions button"), &ENTER.to_string()).await;
            browser.css("dialog.image-dialog[open]").await;
            browser.wait_for_text(".image-grid [role=option]", LABEL).await;
            browser.keys(".image-grid [role=option]", &ENTER.to_string()).await;
            wait_for_value(&browser, "return document.querySelector('#f-publication_cover').value;", wanted)
                .await;
            assert_eq!(browser.texts(&format!("{field} .image-chosen span")).await, [LABEL]);
            browser.snapshot("chosen").await;
            browser.click("button[name=intent][value=save]").await;
            browser.wait_for_text(".notice", "Saved.").await;
            // The saved form shows the cover it now has, by its thumbnail.
            assert_eq!(browser.texts(&format!("{field} .image-chosen span")).await, [LABEL]);
        })
        .await;
    let facts = store.publication_facts(row.document).await.expect("facts").expect("a publication");
    assert_eq!(facts.cover, Some(cover), "the chosen image is the cover");
}

/// Waits until the first element matching `selector` reads something starting with `prefix`.
async fn wait_for_text_starting(browser: &Browser, selector: &str, prefix: &str) {
    let deadline = Instant::now() + driver::PATIENCE;
    loop {
        let texts = browser.texts(selector).await;
        if texts.first().is_some_and(|t| t.starts_with(prefix)) {
            return;
        }
        assert!(Instant::now() < deadline, "`{selector}` never started with “{prefix}”: {texts:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// What Word puts on the clipboard for a heading, a paragraph with bold and italics, a
/// bulleted list, a table and a tracking pixel: classes, styles, Office tags and comments.
const WORD_CLIPBOARD: &str = r#"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{margin:0cm;font-family:Calibri}</style></head><body lang=EN-GB>
<!--StartFragment-->
<h2 style="mso-margin-top-alt:auto"><span style="font-family:Calibri">Who was reached</span></h2>
<p class=MsoNormal style="margin:0cm"><span style="font-size:11pt">IOM teams reached <b style="mso-bidi-font-weight:normal">1,200 families</b> in <span style="font-style:italic">three</span> provinces.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style="text-indent:-18.0pt;mso-list:l0 level1 lfo1"><!--[if !supportLists]--><span style="font-family:Symbol;mso-list:Ignore">·<span style="font:7.0pt 'Times New Roman'">&nbsp;&nbsp;&nbsp; </span></span><!--[endif]-->Shelter kits<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style="text-indent:-18.0pt;mso-list:l0 level1 lfo1"><!--[if !supportLists]--><span style="font-family:Symbol;mso-list:Ignore">·<span style="font:7.0pt 'Times New Roman'">&nbsp;&nbsp;&nbsp; </span></span><!--[endif]-->Clean water<o:p></o:p></p>
<table class=MsoTableGrid border=1 style="border-collapse:collapse"><tr><td style="background:yellow"><p class=MsoNormal><b>Province</b></p></td><td><p class=MsoNormal><b>Families</b></p></td></tr>
<tr><td><p class=MsoNormal>Sofala</p></td><td><p class=MsoNormal>700</p></td></tr></table>
<p class=MsoNormal><img src="https://tracker.example.com/pixel.gif" width=1 height=1>More to follow.<o:p></o:p></p>
<!--EndFragment--></body></html>"#;

#[tokio::test]
async fn a_release_pasted_from_word_keeps_its_structure_and_loses_its_styles() {
    const TITLE: &str = "Shelter reaches families in three provinces";
    let app = sqlite_app().await;
    let author = app.user("author@example.org", Role::Author, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "rich-editor-paste").await;
    browser
        .run(move |browser| async move {
            sign_in(&browser, &author).await;
            browser.goto("/admin/new/release").await;
            browser.fill("#f-title", TITLE).await;
            browser.click(SURFACE).await;
            let paste = "const data = new DataTransfer(); \
                         data.setData('text/html', arguments[0]); data.setData('text/plain', 'plain'); \
                         document.querySelector(arguments[1]).dispatchEvent( \
                           new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));";
            browser.script(paste, vec![json!(WORD_CLIPBOARD), json!(SURFACE)]).await;
            browser.wait_for_text(&format!("{SURFACE} h2"), "Who was reached").await;
            let left = "return Array.from(document.querySelectorAll(arguments[0] + ' *'), e => e.outerHTML) \
                        .filter(html => /style=|class=\"Mso|tracker|mso-/i.test(html));";
            let noise = browser.script(left, vec![json!(SURFACE)]).await;
            assert_eq!(noise, json!([]), "no style, Office class or third-party image is left");
            assert_eq!(browser.texts(&format!("{SURFACE} ul > li")).await, ["Shelter kits", "Clean water"]);
            assert_eq!(browser.texts(&format!("{SURFACE} strong")).await, ["1,200 families", "Province", "Families"]);
            assert_eq!(browser.texts(&format!("{SURFACE} em")).await, ["three"]);
            assert_eq!(browser.texts(&format!("{SURFACE} table tr")).await.len(), 2);

            // The preview by its shortcut, rendered by the server from the Markdown.
            browser.keys(SURFACE, &(Key::Control + &Key::Shift + "p")).await;
            browser.wait_for_text(".preview .prose h2", "Who was reached").await;
            assert_eq!(browser.texts(".preview .prose td").await, ["Sofala", "700"]);
            browser.keys(SURFACE, &(Key::Control + "s")).await;
            wait_for_status(&browser, "Draft").await;
            let problems = console_problems(&browser).await;
            assert!(problems.is_empty(), "the console reported: {problems:#?}");
        })
        .await;
    let rows = app.server.store.document_rows(None, Some(Kind::Release), None, 1000).await.expect("rows");
    let row = rows.iter().find(|r| r.title == TITLE).expect("the release");
    let (body, _) = stored_body(&app, row.document, "en").await;
    assert_eq!(
        body,
        "## Who was reached\n\nIOM teams reached **1,200 families** in *three* provinces.\n\n\
         - Shelter kits\n- Clean water\n\n| **Province** | **Families** |\n| --- | --- |\n| Sofala | 700 |\n\n\
         More to follow.",
        "the stored Markdown"
    );
}

/// Waits until `script` returns `expected` in the page.
async fn wait_for_value(browser: &Browser, script: &str, expected: serde_json::Value) {
    let deadline = Instant::now() + driver::PATIENCE;
    loop {
        let value = browser.script(script, vec![]).await;
        if value == expected {
            return;
        }
        assert!(Instant::now() < deadline, "`{script}` never returned {expected}: it returned {value}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Makes Arabic the back office's language for this browser, as the account page's selector
/// does, and opens a new release.
async fn new_release_in_arabic(browser: &Browser) {
    let script = "const csrf = document.querySelector('input[name=_csrf]').value; \
                  const done = arguments[arguments.length - 1]; \
                  fetch('/admin/account/language', { method: 'POST', \
                    body: new URLSearchParams({ _csrf: csrf, language: 'ar' }) }).then(r => done(r.status));";
    let status = browser.script_async(script, vec![]).await;
    assert_eq!(status, json!(200), "the language is remembered");
    browser.goto("/admin/new/release").await;
    browser.css("html[lang=ar][dir=rtl]").await;
}

const ENTER: char = '\u{e007}';

#[tokio::test]
async fn a_region_chosen_by_its_arabic_name_adds_all_its_countries() {
    for app in TestApp::each().await {
        let author = app.user("author@example.org", Role::Author, &["global"]).await;
        let browser = Browser::launch(&app.server.url(), "region-picker").await;
        browser
            .run(move |browser| async move {
                sign_in(&browser, &author).await;
                new_release_in_arabic(&browser).await;
                browser.fill("#f-title", "Migrants in Central America").await;
                // Central America by its Arabic name: the region, offered with its countries'
                // count, comes first and is taken by Enter.
                browser.keys("#f-countries + .picker .picker-search", "أمريكا الوسطى").await;
                browser
                    .wait_for_text(".picker-options [aria-selected=true]", "أمريكا الوسطى منطقة، ٨ بلدان")
                    .await;
                let expanded = browser.attr("#f-countries + .picker .picker-search", "aria-expanded").await;
                assert_eq!(expanded.as_deref(), Some("true"));
                let active =
                    browser.attr("#f-countries + .picker .picker-search", "aria-activedescendant").await;
                let selected = browser.attr(".picker-options [aria-selected=true]", "id").await;
                assert_eq!(active, selected, "the box names the highlighted option");
                browser.keys("#f-countries + .picker .picker-search", &ENTER.to_string()).await;
                browser
                    .wait_for_text("#f-countries + .picker [role=status]", "أُضيفت بلدان أمريكا الوسطى.")
                    .await;
                let names = browser.texts("#f-countries + .picker .picker-name").await;
                assert_eq!(names.len(), 8, "{names:?}");
                assert!(
                    names.contains(&"السلفادور".to_owned()) && names.contains(&"المكسيك".to_owned()),
                    "{names:?}"
                );
                // A country already chosen is not added twice; a region with nothing left to
                // add is no longer offered.
                browser.keys("#f-countries + .picker .picker-search", "أمريكا الوسطى").await;
                tokio::time::sleep(Duration::from_millis(200)).await;
                let offered = browser.texts("#f-countries + .picker .picker-options [data-region]").await;
                assert!(offered.is_empty(), "{offered:?}");
                browser.fill("#f-countries + .picker .picker-search", "").await;
                // Backspace in the empty box takes the last country off again.
                browser.keys("#f-countries + .picker .picker-search", &'\u{e003}'.to_string()).await;
                assert_eq!(browser.texts("#f-countries + .picker .picker-name").await.len(), 7);
                let problems = console_problems(&browser).await;
                assert!(problems.is_empty(), "the console reported: {problems:#?}");
                browser.snapshot("regions-ar").await;
                browser.click("button[name=intent][value=save]").await;
                browser.css(".doc-meta .status-draft").await;
            })
            .await;
        let rows = app.server.store.document_rows(None, Some(Kind::Release), None, 1000).await.expect("rows");
        let row = rows.iter().find(|r| r.title == "Migrants in Central America").expect("the draft");
        let variant =
            app.server.store.editable_variant(row.document, None).await.expect("read").expect("variant");
        let mut countries = variant.draft.countries.clone();
        countries.sort();
        let central_america = ["BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"];
        assert_eq!(countries.len(), 7, "{} on {}", countries.join(", "), app.backend());
        assert!(countries.iter().all(|c| central_america.contains(&c.as_str())), "{countries:?}");
    }
}

#[tokio::test]
async fn partners_and_media_contacts_are_chosen_by_typing_and_the_keyboard_alone() {
    for app in TestApp::each().await {
        // More partners than a page of checkboxes could ever hold.
        for n in 0..300 {
            app.server
                .store
                .upsert_partner(&portico_store::NewPartner {
                    slug: format!("network-{n:03}"),
                    name: format!("Civil Society Network {n:03}"),
                    acronym: String::new(),
                    names: Vec::new(),
                })
                .await
                .expect("partner");
        }
        let author = app.user("author@example.org", Role::Author, &["global"]).await;
        let browser = Browser::launch(&app.server.url(), "partner-picker").await;
        let backend = app.backend();
        let saved_at = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let saved_path = saved_at.clone();
        browser
            .run(move |browser| async move {
                sign_in(&browser, &author).await;
                browser.goto("/admin/new/release").await;
                browser.fill("#f-title", "Partners meet in San Salvador").await;
                let fallbacks = browser.script("return document.querySelectorAll('.picker-fallback').length;", vec![]).await;
                assert_eq!(fallbacks, json!(0), "the fields of typed keys give way to the pickers");
                let partners = "#f-partners .picker-search";
                // Two matches, the second chosen with the arrow keys.
                browser.keys(partners, "red cross").await;
                browser
                    .wait_for_text(
                        "#f-partners .picker-options [aria-selected=true]",
                        "ICRC (International Committee of the Red Cross)",
                    )
                    .await;
                assert_eq!(browser.texts("#f-partners .picker-options [role=option]").await.len(), 2);
                browser.keys(partners, &(char::from(Key::Down).to_string() + &ENTER.to_string())).await;
                browser
                    .wait_for_text(
                        "#f-partners .picker-name",
                        "IFRC (International Federation of Red Cross and Red Crescent Societies)",
                    )
                    .await;
                // Typed and Enter at once: the first match is taken when the answer comes.
                browser.keys(partners, &format!("unhcr{ENTER}")).await;
                wait_for_value(&browser, "return document.querySelectorAll('#f-partners .picker-name').length;", json!(2))
                    .await;
                // Backspace in the empty box takes it off again; a third from the long list.
                browser.keys(partners, &'\u{e003}'.to_string()).await;
                browser.keys(partners, &format!("network 250{ENTER}")).await;
                wait_for_value(
                    &browser,
                    "return Array.from(document.querySelectorAll('#f-partners .picker-name'), e => e.textContent).join('|');",
                    json!("IFRC (International Federation of Red Cross and Red Crescent Societies)|Civil Society Network 250"),
                )
                .await;
                // A search that finds nothing says so.
                browser.keys(partners, "zzzz").await;
                browser.wait_for_text("#f-partners [role=status]", "Nothing found.").await;
                browser.fill(partners, "").await;
                browser.keys("#f-contacts .picker-search", "el salvador").await;
                browser
                    .wait_for_text("#f-contacts .picker-options [aria-selected=true]", "Alba Miriam Amaya IOM El Salvador")
                    .await;
                browser.keys("#f-contacts .picker-search", &ENTER.to_string()).await;
                browser.wait_for_text("#f-contacts .picker-name", "Alba Miriam Amaya, IOM El Salvador").await;
                // Enter in a picker never sends the form.
                assert_eq!(browser.path().await, "/admin/new/release");
                let problems = console_problems(&browser).await;
                assert!(problems.is_empty(), "the console reported: {problems:#?}");
                browser.snapshot("partners").await;
                browser.keys("#f-title", &(Key::Control + "s")).await;
                wait_for_status(&browser, "Draft").await;
                // The saved draft shows its choices as chips again.
                let chips = browser.texts("#f-partners .picker-name").await;
                assert_eq!(chips.len(), 2, "{chips:?}");
                *saved_path.lock().expect("path") = browser.path().await;
            })
            .await;
        let path = saved_at.lock().expect("path").clone();
        let id: i64 = path.trim_start_matches("/admin/documents/").parse().expect("a document id");
        let variant =
            app.server.store.editable_variant(DocumentId(id), None).await.expect("read").expect("variant");
        assert_eq!(variant.draft.partners, ["ifrc", "network-250"], "{backend}");
        assert_eq!(variant.draft.contacts, ["aamaya"], "{backend}");
    }
}

/// Drops `file_name`, a PNG drawn in the page, onto the rich editor's surface as a person
/// dragging it from their files would.
const DROP_IMAGE: &str = "const [selector, name] = arguments; const done = arguments[arguments.length - 1]; \
    const canvas = document.createElement('canvas'); canvas.width = 480; canvas.height = 300; \
    const g = canvas.getContext('2d'); g.fillStyle = '#2a6'; g.fillRect(0, 0, 480, 300); \
    g.fillStyle = '#fff'; g.fillRect(40, 40, 200, 120); \
    canvas.toBlob((blob) => { \
      const data = new DataTransfer(); data.items.add(new File([blob], name, { type: 'image/png' })); \
      const target = document.querySelector(selector); \
      for (const type of ['dragenter', 'dragover', 'drop']) \
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true })); \
      done(true); }, 'image/png');";

/// Drops a file `name` of type `type` holding a few words of text onto `selector`.
const DROP_FILE: &str = "const [selector, name, type] = arguments; const done = arguments[arguments.length - 1]; \
    const data = new DataTransfer(); data.items.add(new File(['not a picture'], name, { type })); \
    const target = document.querySelector(selector); \
    for (const kind of ['dragenter', 'dragover', 'drop']) \
      target.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true })); \
    done(true);";

#[tokio::test]
async fn the_lead_image_is_chosen_from_a_searched_grid_in_arabic_or_dropped_onto_the_editor() {
    const ALT: &str = "قوارب في ميناء أكاجوتلا";
    for app in TestApp::each().await {
        let global = app.server.store.site_by_key("global").await.expect("site").expect("global");
        let mut older = Vec::new();
        for _ in 0..30 {
            older.push(support::camp_image(&app.server.store, &global, &["320.webp"]).await);
        }
        let harbour = support::camp_image(&app.server.store, &global, &["320.webp"]).await;
        app.server
            .store
            .update_media_text(
                harbour,
                "Boats in the harbour",
                "",
                "",
                &portico_store::Audit::system("test", "media.edit"),
            )
            .await
            .expect("alt");
        let author = app.user("author@example.org", Role::Author, &["global"]).await;
        let browser = Browser::launch(&app.server.url(), "image-picker").await;
        let backend = app.backend();
        let saved_at = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let saved_path = saved_at.clone();
        let first_image = older[0].0.to_string();
        browser
            .run(move |browser| async move {
                sign_in(&browser, &author).await;
                new_release_in_arabic(&browser).await;
                browser.fill("#f-title", "Boats at the harbour").await;
                assert_eq!(
                    browser.attr("#f-image", "hidden").await.as_deref(),
                    Some("true"),
                    "the grid replaces the number"
                );
                // The grid opens from its button by Enter; typing searches it.
                browser.keys(".image-actions button", &ENTER.to_string()).await;
                browser.css("dialog.image-dialog[open]").await;
                browser.wait_for_text(".image-dialog [role=status]", "الصور المعروضة: ٢٤").await;
                let more = browser.attr(".image-dialog .form-actions button", "hidden").await;
                assert_eq!(more, None, "a second page is offered");
                browser.keys(".image-dialog input[type=search]", "harbour").await;
                browser.wait_for_text(".image-dialog [role=status]", "الصور المعروضة: ١").await;
                browser.keys(".image-dialog input[type=search]", &char::from(Key::Down).to_string()).await;
                let focused = browser.script("return document.activeElement.dataset.imageId;", vec![]).await;
                assert_eq!(focused, json!(harbour.0.to_string()), "the arrow key goes into the grid");
                browser.keys(".image-grid [role=option]", &ENTER.to_string()).await;
                wait_for_value(
                    &browser,
                    "return document.querySelector('#f-image').value;",
                    json!(harbour.0.to_string()),
                )
                .await;
                assert_eq!(browser.texts(".image-chosen span").await, ["Boats in the harbour"]);
                wait_for_value(
                    &browser,
                    "return document.activeElement.textContent;",
                    json!("اختر صورة أخرى…"),
                )
                .await;

                // The next page, then the arrow keys of a right-to-left grid: left is onward.
                browser.keys(".image-actions button", &ENTER.to_string()).await;
                browser.wait_for_text(".image-dialog [role=status]", "الصور المعروضة: ٢٤").await;
                browser.keys(".image-dialog .form-actions button", &ENTER.to_string()).await;
                browser.wait_for_text(".image-dialog [role=status]", "الصور المعروضة: ٣١").await;
                let hidden = browser
                    .script(
                        "return document.querySelector('.image-dialog .form-actions button').hidden;",
                        vec![],
                    )
                    .await;
                assert_eq!(hidden, json!(true), "no more pages");
                browser.keys(".image-grid [role=option]:focus", &(Key::End.to_string() + &Key::Left)).await;
                let focused = browser.script("return document.activeElement.dataset.imageId;", vec![]).await;
                assert_eq!(focused, json!(first_image), "End goes to the oldest image");
                browser.keys(".image-grid [role=option]:focus", &(Key::Home.to_string() + &Key::Left)).await;
                let focused = browser.script("return document.activeElement.dataset.imageId;", vec![]).await;
                assert_eq!(focused, json!(older[29].0.to_string()), "left is the next image in Arabic");
                browser.snapshot("image-grid-ar").await;
                browser.keys(".image-grid [role=option]:focus", &Key::Escape.to_string()).await;
                wait_for_value(&browser, "return document.querySelectorAll('dialog').length;", json!(0))
                    .await;
                let kept = browser.script("return document.querySelector('#f-image').value;", vec![]).await;
                assert_eq!(kept, json!(harbour.0.to_string()), "Escape changes nothing");

                // A file that is no image is not sent; one that claims to be is refused by the
                // upload's own checks, and the question of its alt text goes away.
                let dropped = browser
                    .script_async(DROP_FILE, vec![json!(SURFACE), json!("notes.txt"), json!("text/plain")])
                    .await;
                assert_eq!(dropped, json!(true));
                browser
                    .wait_for_text(".image-status", "الملف notes.txt ليس صورة. أفلت ملف JPEG أو PNG أو WebP.")
                    .await;
                let dropped = browser
                    .script_async(DROP_FILE, vec![json!(SURFACE), json!("broken.png"), json!("image/png")])
                    .await;
                assert_eq!(dropped, json!(true));
                browser.wait_for_text(".image-status", "هذا الملف ليس صورة JPEG أو PNG أو WebP.").await;
                wait_for_value(&browser, "return document.querySelectorAll('dialog').length;", json!(0))
                    .await;
                let kept = browser.script("return document.querySelector('#f-image').value;", vec![]).await;
                assert_eq!(kept, json!(harbour.0.to_string()), "a refused upload changes nothing");

                // A file dropped onto the text: uploaded with a progress bar, its alt text asked
                // at once, and made the lead image.
                let dropped =
                    browser.script_async(DROP_IMAGE, vec![json!(SURFACE), json!("dropped-boats.png")]).await;
                assert_eq!(dropped, json!(true));
                browser.css("dialog.alt-dialog[open]").await;
                wait_for_value(
                    &browser,
                    "return document.querySelector('.image-progress').value;",
                    json!(100),
                )
                .await;
                let progress = browser.attr(".image-progress", "aria-label").await;
                assert_eq!(progress.as_deref(), Some("جارٍ رفع dropped-boats.png…"));
                browser.keys("dialog.alt-dialog input[name=alt]", &format!("{ALT}{ENTER}")).await;
                browser
                    .wait_for_text(
                        ".image-status",
                        "رُفعت dropped-boats.png وأصبحت الصورة الرئيسية. حُفظ نصها البديل.",
                    )
                    .await;
                assert_eq!(browser.texts(".image-chosen span").await, [ALT]);
                let hidden =
                    browser.script("return document.querySelector('.image-progress').hidden;", vec![]).await;
                assert_eq!(hidden, json!(true), "the bar goes once done");
                assert!(
                    browser.texts(SURFACE).await.iter().all(|t| !t.contains("dropped")),
                    "nothing went into the text"
                );
                let problems = console_problems(&browser).await;
                assert!(problems.is_empty(), "the console reported: {problems:#?}");
                browser.snapshot("dropped").await;
                browser.click("button[name=intent][value=save]").await;
                browser.css(".doc-meta .status-draft").await;
                *saved_path.lock().expect("path") = browser.path().await;
            })
            .await;
        let path = saved_at.lock().expect("path").clone();
        let id: i64 = path.trim_start_matches("/admin/documents/").parse().expect("a document id");
        let variant =
            app.server.store.editable_variant(DocumentId(id), None).await.expect("read").expect("variant");
        let image = variant.draft.image.expect("a lead image");
        let media = app.server.store.media(image).await.expect("read").expect("the upload");
        assert_eq!((media.file_name.as_str(), media.alt.as_str()), ("dropped-boats.png", ALT), "{backend}");
        assert_eq!((media.width, media.height), (480, 300), "{backend}");
    }
}

#[tokio::test]
async fn an_editor_ticks_a_goal_and_types_a_target_and_the_goals_page_lists_the_release() {
    const TITLE: &str = "Coastal towns plan for people moving inland";
    let app = sqlite_app().await;
    let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "goals").await;
    browser
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            // Pages serve goals too.
            browser.goto("/admin/new/page").await;
            assert_eq!(browser.texts("#f-goals label:has(input[name=goals])").await.len(), 17);
            browser.goto("/admin").await;
            browser.follow("New press release").await;
            browser.wait_for_path("/admin/new/release").await;
            browser.fill("#f-title", TITLE).await;
            browser.click("#f-goals input[value='13']").await;
            browser.fill("#f-targets", "13.1, 11.b").await;
            browser.click("button[name=intent][value=save]").await;
            wait_for_status(&browser, "Draft").await;
            let ticked = browser.attr("#f-goals input[value='13']", "checked").await;
            assert!(ticked.is_some(), "goal 13 stays ticked");
            assert_eq!(browser.attr("#f-targets", "value").await.as_deref(), Some("11.b, 13.1"));
            browser.activate("Publish now").await;
            wait_for_status(&browser, "Published").await;
            browser.goto("/en/2030-agenda/goal-11").await;
            browser.wait_for_text(".release-card .card-title", TITLE).await;
            let problems = console_problems(&browser).await;
            assert!(problems.is_empty(), "the console reported: {problems:#?}");
        })
        .await;
    let goal = app.page("/en/2030-agenda/goal-13", 200).await;
    assert_eq!(support::texts(&goal, ".release-card .card-title").first().map(String::as_str), Some(TITLE));
}

/// Chooses `value` in the `<select>` matching `selector`, as a person picking from the list.
async fn choose(browser: &Browser, selector: &str, value: &str) {
    let select = browser.css(selector).await;
    select
        .select_by_value(value)
        .await
        .unwrap_or_else(|err| panic!("cannot choose {value} in {selector}: {err}"));
}

/// Sets a `datetime-local` field: typing into one follows the browser's locale, so its value
/// is set as a date picker would, with the events it sends.
async fn set_time(browser: &Browser, selector: &str, value: &str) {
    browser
        .script(
            "const f = document.querySelector(arguments[0]); f.value = arguments[1];
             f.dispatchEvent(new Event('input', { bubbles: true }));
             f.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(selector), json!(value)],
        )
        .await;
}

#[tokio::test]
async fn an_editor_posts_a_vacancy_edits_its_grade_and_publishes_it() {
    const TITLE: &str = "Water and Sanitation Engineer";
    let app = sqlite_app().await;
    let editor = app.user("hr@example.org", Role::Editor, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "vacancy").await;
    let day = |days: i64| {
        let at = time::OffsetDateTime::now_utc() + time::Duration::days(days);
        format!("{:04}-{:02}-{:02}T17:30", at.year(), u8::from(at.month()), at.day())
    };
    browser
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            browser.follow("New vacancy").await;
            browser.wait_for_path("/admin/new/vacancy").await;
            browser.fill("#f-title", TITLE).await;
            browser.fill("#f-summary", "Design water systems for displacement sites.").await;
            browser.click(".rich-tool-source").await;
            browser.fill("#f-body_markdown", "## Your role\n\nPlan and supervise water works.").await;
            browser.fill("#f-vacancy_reference", "VN 2026/350-P").await;
            browser.fill("#f-vacancy_duty_city", "Maiduguri").await;
            choose(&browser, "#f-vacancy_duty_country", "NG").await;
            choose(&browser, "#f-vacancy_grade", "P-3").await;
            choose(&browser, "#f-vacancy_contract", "temporary").await;
            browser.fill("#f-vacancy_duration", "Nine months").await;
            set_time(&browser, "#f-vacancy_opens_at", &day(-1)).await;
            set_time(&browser, "#f-vacancy_closes_at", &day(12)).await;
            choose(&browser, "#f-vacancy_offset", "UTC+01:00").await;
            browser.fill("#f-vacancy_apply_to", "https://recruit.example.org/vn-2026-350").await;
            create_draft(&browser).await;
            assert_eq!(
                browser.attr("#f-slug", "value").await.as_deref(),
                Some("water-and-sanitation-engineer")
            );

            choose(&browser, "#f-vacancy_grade", "P-4").await;
            browser.click("button[name=intent][value=save]").await;
            browser.wait_for_text(".notice", "Saved.").await;
            let grade = browser.attr("#f-vacancy_grade option[selected]", "value").await;
            assert_eq!(grade.as_deref(), Some("P-4"), "the edit was kept");
            assert_eq!(
                browser.attr("#f-vacancy_offset option[selected]", "value").await.as_deref(),
                Some("UTC+01:00")
            );
            browser.activate("Publish now").await;
            wait_for_status(&browser, "Published").await;

            browser.goto("/en/vacancies").await;
            browser
                .wait_for_text(".vacancy-card a[href='/en/vacancies/water-and-sanitation-engineer']", TITLE)
                .await;
            browser.follow(TITLE).await;
            browser.wait_for_text(".vacancy-status", "Open for applications").await;
            let facts = browser.texts(".vacancy-facts dd").await;
            assert_eq!(facts[1], "Maiduguri, Nigeria");
            assert_eq!(facts[2], "P-4");
            assert!(facts[7].ends_with("17:30 (UTC+01:00)"), "{facts:?}");
            let problems = console_problems(&browser).await;
            assert!(problems.is_empty(), "the console reported: {problems:#?}");
        })
        .await;
}

/// A news email, rendered from a release published through the change log, read at a phone's
/// width (375 CSS pixels): nothing overflows sideways, long words and addresses included.
#[tokio::test]
async fn a_news_email_reads_on_a_phone_without_scrolling_sideways() {
    // Nobody listens on this port: the email stays in the outbox, where the test reads it.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let mail = portico_web::outbox::MailOptions {
        host: "127.0.0.1".into(),
        port: closed,
        tls: portico_web::outbox::SmtpTls::None,
        credentials: None,
        from: "IOM News <news@example.org>".into(),
        per_minute: 100,
        retry_after: Duration::from_secs(600),
    };
    let tuning = portico::server::Tuning { mail: Some(mail), ..Default::default() };
    let app = TestApp::on_tuned(TestDb::sqlite().await, &tuning).await;
    let store = &app.server.store;
    let global = store.site_by_key("global").await.expect("site").expect("global");
    store
        .confirm_subscriber(&portico_store::NewSubscriber {
            site: global.id,
            email: "reader@example.org".into(),
            language: "en".into(),
            frequency: portico_store::Frequency::Immediate,
            countries: vec![],
            themes: vec![],
            languages: vec![],
            link_base: app.server.url(),
        })
        .await
        .expect("subscriber");
    let title = "Displacement-tracking-matrix-reports-from-the-northern-triangle-of-Central-America: \
                 a very long headline that a phone must wrap";
    let draft = portico_content::Draft {
        title: title.into(),
        slug: "displacement-tracking-matrix-reports".into(),
        published_at: Some(time::OffsetDateTime::now_utc() - time::Duration::minutes(1)),
        summary: "Read the data at https://dtm.example.org/reports/northern-triangle/2026/december/\
                  displacement-tracking-matrix-full-dataset.xlsx and share it."
            .into(),
        body_markdown: "The body.".into(),
        countries: vec!["SV".into()],
        ..portico_content::Draft::default()
    };
    support::create_release(store, &global, "en", draft, portico_content::Status::Published).await;
    let started = Instant::now();
    let html = loop {
        let news = store.outbox(10).await.expect("outbox").into_iter().find(|e| e.email.subscriber.is_some());
        if let Some(news) = news {
            break news.email.html_body;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "no news email was written");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(html.contains("northern-triangle"));
    let browser = Browser::launch(&app.server.url(), "news-email").await;
    browser
        .run(|browser| async move {
            let width = browser.content_width_at(&html, 375).await;
            assert!(width <= 375, "the email is {width} px wide at 375 px");
            // The check can fail: the same email with a fixed-width table overflows.
            let wide = html
                .replacen("<body", "<body><table width=\"600\"><tr><td>x</td></tr></table><div", 1)
                .replacen("</body>", "</div></body>", 1);
            assert!(browser.content_width_at(&wide, 375).await > 375);
        })
        .await;
}

#[tokio::test]
async fn an_editor_creates_a_publication_with_its_pdf_edits_its_year_and_publishes_it() {
    const TITLE: &str = "Remittances and Rural Households";
    let app = sqlite_app().await;
    let editor = app.user("library@example.org", Role::Editor, &["global"]).await;
    // The PDF goes through the media upload as the media page sends it; the editor then
    // names it in the publication's form.
    let session = app.login(&editor).await;
    let pdf = portico_media::text_pdf(
        TITLE,
        &[vec!["Summary".to_owned(), "Households that receive remittances invest in land.".to_owned()]],
    );
    let base = app.url("");
    let form = reqwest::multipart::Form::new()
        .text("_csrf", session.csrf.clone())
        .text("site", "global")
        .part("file", reqwest::multipart::Part::bytes(pdf).file_name("remittances.pdf"));
    let uploaded: serde_json::Value = session
        .client
        .post(format!("{base}/admin/media"))
        .header("origin", base.as_str())
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("upload")
        .json()
        .await
        .expect("json");
    let file = uploaded["id"].as_i64().expect("the PDF's id").to_string();
    let folder = tempfile::tempdir().expect("a folder");
    let survey = folder.path().join("household-survey.pdf");
    let survey_pdf = portico_media::text_pdf("Household survey", &[vec!["Method".to_owned()]]);
    std::fs::write(&survey, survey_pdf).expect("the survey's PDF");
    let browser = Browser::launch(&app.server.url(), "publication").await;
    browser
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            browser.follow("New publication").await;
            browser.wait_for_path("/admin/new/publication").await;
            browser.fill("#f-title", TITLE).await;
            browser.fill("#f-summary", "How money sent home changes farming.").await;
            browser.click(".rich-tool-source").await;
            browser.fill("#f-body_markdown", "## Findings\n\nLand and livestock come first.").await;
            browser.fill("#f-publication_year", "2026").await;
            choose(&browser, "#f-publication_form", "paper").await;
            browser.fill("#f-publication_authors", "Mendoza, Ana; Njoroge, Peter").await;
            browser.fill("#f-publication_issn", "2790-4520").await;
            browser.fill("#f-publication_series", "Migration Research Series").await;
            // A PDF uploaded from the field itself becomes the version's file at once…
            let field = ".file-field";
            assert_eq!(browser.attr("#f-publication_file", "hidden").await.as_deref(), Some("true"));
            browser.attach(&format!("{field} input[type=file]"), &survey).await;
            browser
                .wait_for_text(
                    &format!("{field} .image-status"),
                    "household-survey.pdf is uploaded and is this version’s PDF.",
                )
                .await;
            let chosen = browser.texts(&format!("{field} .chosen-file")).await;
            assert!(chosen[0].starts_with("household-survey.pdf · one page · "), "{chosen:?}");
            // …and one uploaded earlier is found in the grid of the site's PDFs by its name.
            browser.keys(&format!("{field} .image-actions button"), &ENTER.to_string()).await;
            browser.css("dialog.image-dialog[open]").await;
            browser.keys(".image-dialog input[type=search]", "remittances").await;
            let caption = ".image-grid [role=option] span[dir]";
            wait_for_text_starting(&browser, caption, "remittances.pdf · one page · ").await;
            assert_eq!(browser.texts(".image-grid [role=option]").await.len(), 1, "only what the words name");
            browser.snapshot("pdf-grid").await;
            browser.keys(".image-grid [role=option]", &ENTER.to_string()).await;
            wait_for_value(
                &browser,
                "return document.querySelector('#f-publication_file').value;",
                json!(file),
            )
            .await;
            create_draft(&browser).await;
            assert_eq!(
                browser.attr("#f-slug", "value").await.as_deref(),
                Some("remittances-and-rural-households")
            );
            let chosen = browser.texts(".chosen-file").await;
            assert!(chosen[0].starts_with("remittances.pdf · one page · "), "{chosen:?}");

            browser.fill("#f-publication_year", "2025").await;
            browser.click("button[name=intent][value=save]").await;
            browser.wait_for_text(".notice", "Saved.").await;
            assert_eq!(browser.attr("#f-publication_year", "value").await.as_deref(), Some("2025"), "kept");
            browser.activate("Publish now").await;
            wait_for_status(&browser, "Published").await;

            browser.goto("/en/publications?series=Migration%20Research%20Series").await;
            browser
                .wait_for_text(
                    ".publication-card a[href='/en/publications/remittances-and-rural-households']",
                    TITLE,
                )
                .await;
            browser.follow(TITLE).await;
            browser.wait_for_text("h1", TITLE).await;
            let downloads = browser.texts(".download-list li").await;
            assert!(
                downloads[0].contains("PDF · English · ") && downloads[0].ends_with("one page"),
                "{downloads:?}"
            );
            // The copy buttons are shown by /assets/copy.js: the page's script ran under its
            // policy, which allows no inline script.
            assert_eq!(
                browser.attr("button[data-copy='cite-apa']", "hidden").await,
                None,
                "shown by its script"
            );
            let apa = browser.texts("#cite-apa").await;
            assert!(apa[0].starts_with("Mendoza, Ana; Njoroge, Peter. (2025)."), "{apa:?}");
            let problems = console_problems(&browser).await;
            assert!(problems.is_empty(), "the console reported: {problems:#?}");
        })
        .await;
}

#[tokio::test]
async fn a_video_is_added_from_the_toolbar_and_shown_as_a_card_without_the_providers_frame() {
    const TITLE: &str = "Families go home after the Bajo Lempa floods";
    const VIDEO: &str = "Back home after the floods";
    const STILL: &str = "A family carries chairs back into their house in Usulután";
    let app = sqlite_app().await;
    // The thumbnail is one of the site's images, with a real 320 pixel rendition to show.
    let store = &app.server.store;
    let global = store.site_by_key("global").await.expect("site").expect("global");
    let still = support::camp_image(store, &global, &["320.webp"]).await;
    let audit = portico_store::Audit::system("test", "media.edit");
    store.update_media_text(still, STILL, "", "", &audit).await.expect("alt");
    let folder = app.media_dir().join(still.0.to_string());
    std::fs::create_dir_all(&folder).expect("media folder");
    image::RgbImage::from_fn(320, 180, |x, _| image::Rgb([40, (x % 256) as u8, 160]))
        .save(folder.join("320.webp"))
        .expect("write the rendition");
    let thumbnail = store.media(still).await.expect("read").expect("the image").path("320.webp");
    let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
    let browser = Browser::launch(&app.server.url(), "video-card").await;
    let src = thumbnail.clone();
    browser
        .run(move |browser| async move {
            sign_in(&browser, &editor).await;
            browser.follow("New press release").await;
            browser.wait_for_path("/admin/new/release").await;
            browser.fill("#f-title", TITLE).await;
            browser.fill("#f-dateline", "Usulután").await;
            browser.fill("#f-summary", "Most families who left in October are back.").await;
            browser.keys(".picker-search", "salv").await;
            browser.wait_for_text(".picker-options [aria-selected=true]", "El Salvador").await;
            browser.keys(".picker-search", &ENTER.to_string()).await;
            browser.keys(SURFACE, "Most families are back in their homes.").await;
            browser.keys(SURFACE, &(Key::Enter.to_string())).await;
            // An address that is no video is refused, with why, beside the field.
            browser.click(".rich-tool-video").await;
            browser.fill(".editor-dialog input[name=href]", "https://example.org/clip\n").await;
            browser
                .wait_for_text(
                    ".editor-dialog .field-error",
                    "Only YouTube and Vimeo video addresses make a video card.",
                )
                .await;
            browser.fill(".editor-dialog input[name=href]", "https://youtu.be/abc123").await;
            browser.fill(".editor-dialog input[name=title]", VIDEO).await;
            // A thumbnail may be typed, and the preview follows what is typed…
            browser.fill(".editor-dialog input[name=src]", "/assets/share.png").await;
            let preview = "return (i => i && !i.hidden && i.getAttribute('src'))\
                           (document.querySelector('.editor-dialog .dialog-preview img'));";
            wait_for_value(&browser, preview, json!("/assets/share.png")).await;
            // …or chosen from the site's images: the button after the field, by Tab then Enter.
            browser.keys(".editor-dialog input[name=src]", &Key::Tab.to_string()).await;
            let focused = "return document.activeElement.matches('.editor-dialog .dialog-choose button') \
                           && document.activeElement.textContent;";
            wait_for_value(&browser, focused, json!("Choose an image…")).await;
            browser.keys(".editor-dialog .dialog-choose button", &ENTER.to_string()).await;
            browser.css("dialog.image-dialog[open]").await;
            // Escape closes the grid alone, and the focus is back on the button.
            browser.keys(".image-dialog input[type=search]", &Key::Escape.to_string()).await;
            wait_for_value(
                &browser,
                "return document.querySelectorAll('dialog.image-dialog').length;",
                json!(0),
            )
            .await;
            wait_for_value(&browser, focused, json!("Choose an image…")).await;
            let open =
                browser.script("return document.querySelectorAll('dialog[open]').length;", vec![]).await;
            assert_eq!(open, json!(1), "the video's dialog stays open");
            browser.keys(".editor-dialog .dialog-choose button", &ENTER.to_string()).await;
            browser.css("dialog.image-dialog[open]").await;
            browser.keys(".image-dialog input[type=search]", "Usulután").await;
            // The grid is redrawn once the typing pauses: an option focused before then goes.
            browser.css(".image-grid:not([aria-busy])").await;
            browser.wait_for_text(".image-dialog [role=status]", "Images shown: 1").await;
            browser.wait_for_text(".image-grid [role=option]", STILL).await;
            browser.keys(".image-dialog input[type=search]", &char::from(Key::Down).to_string()).await;
            browser.keys(".image-grid [role=option]:focus", &ENTER.to_string()).await;
            wait_for_value(
                &browser,
                "return document.querySelector('.editor-dialog input[name=src]').value;",
                json!(src),
            )
            .await;
            wait_for_value(&browser, preview, json!(src)).await;
            assert_eq!(
                browser.texts(".editor-dialog .dialog-preview").await,
                [STILL],
                "what was chosen is said"
            );
            wait_for_value(&browser, focused, json!("Choose an image…")).await;
            browser.snapshot("video-thumbnail-chosen").await;
            browser.keys(".editor-dialog input[name=src]", &ENTER.to_string()).await;
            browser.wait_for_text(".editor-video figcaption", &format!("{VIDEO} · YouTube")).await;
            assert_eq!(browser.attr(".editor-video img", "src").await.as_deref(), Some(src.as_str()));
            // The cursor waits after the card: typing does not replace it.
            browser.keys(SURFACE, "Their stories follow.").await;
            browser.snapshot("video").await;
            browser.keys(SURFACE, &(Key::Control + "s")).await;
            wait_for_status(&browser, "Draft").await;
            browser.activate("Publish now").await;
            wait_for_status(&browser, "Published").await;
            let problems = console_problems(&browser).await;
            assert!(problems.is_empty(), "the console reported: {problems:#?}");
        })
        .await;

    let rows = app.server.store.document_rows(None, Some(Kind::Release), None, 1000).await.expect("rows");
    let row = rows.iter().find(|r| r.title == TITLE).expect("the release");
    let (body, _) = stored_body(&app, row.document, "en").await;
    assert_eq!(
        body,
        format!(
            "Most families are back in their homes.\n\n[![{VIDEO}]({thumbnail})](https://youtu.be/abc123)\n\n\
             Their stories follow."
        ),
        "the stored Markdown"
    );
    let page = app.page(&format!("/en/news/{}", row.slug), 200).await;
    assert_eq!(support::attrs(&page, ".release-body .video-card a", "href"), ["https://youtu.be/abc123"]);
    // The published body makes the chosen image public: readers see the thumbnail.
    assert_eq!(app.get(&thumbnail).await.status().as_u16(), 200, "{thumbnail} is served to readers");
    assert_eq!(support::attrs(&page, ".release-body .video-card img", "src"), [thumbnail]);
    assert_eq!(support::texts(&page, ".release-body .video-card .video-title"), [VIDEO]);
    assert_eq!(support::texts(&page, ".release-body .video-card .video-provider"), ["YouTube"]);
    assert!(support::texts(&page, "iframe").is_empty(), "no frame of the provider's");
}
