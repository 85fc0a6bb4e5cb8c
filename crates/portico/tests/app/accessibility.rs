//! Automated accessibility checks in a real browser: Deque's axe-core (pinned in tests/axe,
//! installed by `scripts/test-services`) runs in headless Chromium on every screen of the back
//! office, found by following its links, and on each kind of public page, in a left-to-right
//! and a right-to-left language. A serious or critical violation of WCAG 2.1 A or AA fails the
//! test, with the rule and the elements it found; so does a page that scrolls sideways in a
//! 1280-pixel window.

use crate::driver;
use crate::support;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use driver::Browser;
use portico_content::Role;
use portico_store::testing::TestDb;
use serde_json::Value;
use support::{PASSWORD, TestApp};

/// The screens pictured in `docs/screenshots` (by `scripts/screenshots`, which sets
/// `PORTICO_SCREENSHOTS` to that folder): the path's kind, and the picture's name.
const PICTURED: &[(&str, &str)] = &[
    ("/", "public-home"),
    ("/en/news", "public-news"),
    ("/en/where-we-work", "public-where-we-work"),
    ("/sites/jo/ar/", "public-arabic-office"),
    ("/admin/login", "admin-sign-in"),
    ("/admin", "admin-documents"),
    ("/admin/new/release", "admin-new-release"),
    ("/admin/documents/N", "admin-editor"),
    ("/admin/overview", "admin-overview"),
    ("/admin/users", "admin-users"),
    ("/admin/taxonomy", "admin-taxonomy"),
    ("/admin/media", "admin-media"),
    ("/admin/sites/global/translations", "admin-translations"),
    ("/admin/documents/N?lang=fr", "admin-translation-beside-original"),
    ("/admin/new/release/paste", "admin-paste"),
];

/// Saves a picture of the page for the documentation when `PORTICO_SCREENSHOTS` names a
/// folder and `path` is one of the [`PICTURED`] screens.
async fn picture(browser: &Browser, path: &str) {
    let Some(folder) = std::env::var_os("PORTICO_SCREENSHOTS") else { return };
    let kind = kind_of(path);
    if let Some((_, name)) = PICTURED.iter().find(|(pictured, _)| *pictured == kind) {
        browser.screenshot_to(&Path::new(&folder).join(format!("{name}.png"))).await;
    }
}

/// The most back-office screens one run visits: enough for every kind, each once.
const MAX_SCREENS: usize = 60;

fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!("{}: {err}; scripts/test-services installs axe-core (npm ci in tests/axe)", path.display())
    })
}

/// Runs axe-core on the page shown and returns its serious and critical violations, each as
/// "rule (impact): help — elements".
async fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    let script = format!(
        "{axe}\n;const done = arguments[arguments.length - 1];
        axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }})
          .then(result => done(result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
              + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', '))))
          .catch(error => done(['axe failed: ' + error]));"
    );
    match browser.script_async(&script, vec![]).await {
        Value::Array(found) => found.into_iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        other => vec![format!("axe returned {other}")],
    }
}

/// What sticks out past the right edge of a 1280-pixel window (a page that scrolls sideways
/// fails WCAG's reflow and looks broken): the outermost such elements, named.
async fn overflow(browser: &Browser) -> Vec<String> {
    let found = browser
        .script(
            "const width = document.documentElement.clientWidth;
             if (document.documentElement.scrollWidth <= width) return [];
             const out = [];
             for (const e of document.querySelectorAll('body *')) {
               const r = e.getBoundingClientRect();
               if (r.right > width + 1 && r.width > 0 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 1)) {
                 out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ends at ' + Math.round(r.right) + ' px');
               }
             }
             return ['the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px in ' + width].concat(out.slice(0, 5));",
            vec![],
        )
        .await;
    found
        .as_array()
        .map(|l| l.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// `path` with each number as `N`: one screen per kind (`/admin/documents/N`).
fn kind_of(path: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in path.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

/// The same-origin paths the page links to under `prefix`, without query or fragment.
async fn links_under(browser: &Browser, prefix: &str) -> Vec<String> {
    let found = browser
        .script(
            "return Array.from(document.querySelectorAll('a[href]'))
               .map(a => new URL(a.href, location.href))
               .filter(u => u.origin === location.origin)
               .map(u => u.pathname);",
            vec![],
        )
        .await;
    found
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|v| v.as_str())
                .filter(|p| p.starts_with(prefix))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_back_office_screen_and_public_page_passes_axe_core() {
    // With an SMTP server named (nobody listens there), so that the subscribe form shows.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let mail = portico_web::outbox::MailOptions {
        host: "127.0.0.1".into(),
        port: closed,
        tls: portico_web::outbox::SmtpTls::None,
        credentials: None,
        from: "news@example.org".into(),
        per_minute: 10,
        retry_after: std::time::Duration::from_secs(600),
    };
    let tuning = portico::server::Tuning { mail: Some(mail), ..Default::default() };
    let app = TestApp::on_tuned(TestDb::sqlite().await, &tuning).await;
    let admin = app.user("a11y@example.org", Role::Admin, &[]).await;
    let axe = axe_source();
    let base = app.server.url();
    let browser = Browser::launch(&base, "accessibility").await;
    browser
        .run(move |browser| async move {
            let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let check = async |browser: &Browser, path: &str, found: &mut BTreeMap<String, Vec<String>>| {
                browser.goto(path).await;
                picture(browser, path).await;
                let mut problems = violations(browser, &axe).await;
                problems.extend(overflow(browser).await);
                if !problems.is_empty() {
                    found.insert(path.to_owned(), problems);
                }
            };

            // The public site: each kind of page, in English and in Arabic (right to left).
            let mut public: Vec<String> =
                ["/", "/en/news", "/en/search?q=migrants", "/en/where-we-work"].map(str::to_owned).to_vec();
            browser.goto("/en/news").await;
            let release =
                links_under(&browser, "/en/news/").await.into_iter().next().expect("a release in the list");
            public.push(release);
            browser.goto("/en/where-we-work").await;
            public.extend(links_under(&browser, "/en/where-we-work/").await.into_iter().take(1));
            // The Jordan office's site, in Arabic, under its path on the server's own host.
            public.extend(["/sites/jo/ar/".to_owned(), "/sites/jo/ar/news".to_owned()]);
            // The 2030 Agenda: the goals' tiles in their colours, and a goal's page.
            public.extend(
                ["/en/2030-agenda", "/en/2030-agenda/goal-10", "/sites/jo/ar/2030-agenda/goal-16"]
                    .map(str::to_owned),
            );
            browser.goto("/sites/jo/ar/news").await;
            public.extend(links_under(&browser, "/sites/jo/ar/news/").await.into_iter().take(1));
            // Vacancies: the list with its filters, an open one and a closed one.
            public.extend(
                [
                    "/en/vacancies",
                    "/en/vacancies/programme-officer-migration-health-geneva",
                    "/en/vacancies/regional-emergency-coordinator-amman",
                ]
                .map(str::to_owned),
            );
            // News by email: the subscribe form, in both directions.
            public.extend(["/en/subscribe", "/sites/jo/ar/subscribe"].map(str::to_owned));
            // Publications: the library with its facets, a narrowed one, and a publication's
            // page with its downloads and citations.
            public.extend(
                [
                    "/en/publications",
                    "/en/publications?series=Migration%20Research%20Series",
                    "/en/publications/world-migration-report-2026",
                ]
                .map(str::to_owned),
            );
            for path in &public {
                check(&browser, path, &mut found).await;
            }
            assert!(public.len() >= 12, "each kind of public page was found: {public:?}");

            // The sign-in form, then every screen of the back office, one of each kind.
            check(&browser, "/admin/login", &mut found).await;
            browser.fill("#email", &admin).await;
            browser.fill("#password", PASSWORD).await;
            browser.press("Sign in").await;
            browser.css("form[action='/admin/logout']").await;
            let mut seen: BTreeSet<String> = BTreeSet::new();
            let mut queue: VecDeque<String> = VecDeque::from([
                "/admin".to_owned(),
                "/admin/new/release".to_owned(),
                "/admin/new/vacancy".to_owned(),
                "/admin/new/publication".to_owned(),
            ]);
            let mut visited = Vec::new();
            while let Some(path) = queue.pop_front() {
                if !seen.insert(kind_of(&path)) || visited.len() >= MAX_SCREENS {
                    continue;
                }
                check(&browser, &path, &mut found).await;
                visited.push(path);
                for next in links_under(&browser, "/admin").await {
                    // Signing in again or out, and downloads, are not screens.
                    let leaves = next.starts_with("/admin/login")
                        || next.starts_with("/admin/password/")
                        || next.rsplit('/').next().is_some_and(|last| last.contains('.'));
                    if !leaves && !seen.contains(&kind_of(&next)) {
                        queue.push_back(next);
                    }
                }
            }
            for screen in ["/admin", "/admin/users", "/admin/taxonomy", "/admin/sites", "/admin/media"] {
                assert!(visited.iter().any(|p| p == screen), "{screen} was reached: {visited:?}");
            }
            assert!(visited.iter().any(|p| kind_of(p) == "/admin/documents/N"), "a document: {visited:?}");
            let report: Vec<String> =
                found.iter().map(|(path, problems)| format!("{path}\n  {}", problems.join("\n  "))).collect();
            assert!(
                found.is_empty(),
                "serious or critical accessibility violations on {} of {} pages:\n{}",
                found.len(),
                public.len() + visited.len() + 1,
                report.join("\n")
            );
        })
        .await;
}

#[tokio::test]
async fn the_original_stands_beside_its_translation_and_passes_axe_core() {
    use portico_content::{Draft, Status};
    use portico_store::Audit;
    let app = TestApp::on(TestDb::sqlite().await).await;
    let translator = app.user("translator@example.org", Role::Editor, &["global"]).await;
    let store = &app.server.store;
    let site = store.site_by_key("global").await.expect("site").expect("global");
    let draft = Draft {
        title: "Health teams reach the border".into(),
        slug: "health-teams-reach-the-border".into(),
        body_markdown: "Mobile teams reached 4,000 people.\n\nThey offered vaccinations.".into(),
        ..Draft::default()
    };
    let document = support::create_release(store, &site, "en", draft, Status::Draft).await;
    store.create_translation(document, "fr", &Audit::system("test", "translation.create")).await.expect("fr");
    let now = store.editable_variant(document, Some("en")).await.expect("read").expect("en");
    let reworded = Draft {
        body_markdown: "Mobile teams reached 5,000 people.\n\nThey offered vaccinations.".into(),
        ..now.draft
    };
    store
        .update_document(document, "en", now.revision, &reworded, &Audit::system("test", "save"))
        .await
        .expect("save");
    let axe = axe_source();
    let browser = Browser::launch(&app.server.url(), "translation-view").await;
    browser
        .run(move |browser| async move {
            browser.goto("/admin/login").await;
            browser.fill("#email", &translator).await;
            browser.fill("#password", PASSWORD).await;
            browser.press("Sign in").await;
            browser.css("form[action='/admin/logout']").await;
            browser.goto(&format!("/admin/documents/{document}?lang=fr")).await;
            picture(&browser, &format!("/admin/documents/{document}?lang=fr")).await;
            let marked = browser.texts(".translation-source .source-block.changed").await;
            assert_eq!(marked.len(), 1, "{marked:?}");
            assert!(marked[0].contains("5,000"), "{marked:?}");
            // Side by side on a wide screen: the original to the right of the form, as wide.
            let boxes = browser
                .script(
                    "const f = document.querySelector('form.editor').getBoundingClientRect();
                     const s = document.querySelector('.translation-source').getBoundingClientRect();
                     return [f.left, f.right, f.width, s.left, s.width];",
                    vec![],
                )
                .await;
            let n = |i: usize| boxes[i].as_f64().expect("a number");
            assert!(n(3) >= n(1), "the original is beside the form, not under it: {boxes}");
            assert!((n(2) - n(4)).abs() < n(2) * 0.25, "about as wide as the form: {boxes}");
            let problems = violations(&browser, &axe).await;
            assert!(problems.is_empty(), "{problems:#?}");
        })
        .await;
}
