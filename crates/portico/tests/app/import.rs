//! `portico import` on fixture files of each format (written to each format's documented
//! shapes, in crates/import/tests/fixtures), on both databases, with a real server answering
//! the old addresses.

use crate::support;

use std::path::{Path, PathBuf};

use portico::import::{ImportOptions, Outcome, Report, Source, run};
use portico_content::{Kind, MediaId};
use support::TestApp;

const SITE: &str = "imported";

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures").join(path)
}

async fn apps() -> Vec<TestApp> {
    TestApp::each_with_sites(&[(SITE, &["en", "fr", "es"], "SV")]).await
}

async fn import(app: &TestApp, source: Source, dry_run: bool) -> Report {
    let media = portico_media::MediaStorage::local(app.media_dir());
    let options = ImportOptions { site: SITE.into(), source, dry_run, progress: false };
    run(&app.db.store, &media, &options).await.expect("import runs")
}

fn wordpress(file: &Path) -> Source {
    Source::WordPress { file: file.to_path_buf(), uploads: Some(fixture("wordpress/uploads")) }
}

/// The report's line for the entry whose place contains `at`.
fn line<'a>(report: &'a Report, at: &str) -> &'a portico::import::Entry {
    report
        .entries
        .iter()
        .find(|e| e.at.contains(at))
        .unwrap_or_else(|| panic!("no entry at {at} in\n{}", report.to_text()))
}

fn counts(report: &Report) -> [usize; 4] {
    [Outcome::Created, Outcome::Updated, Outcome::Skipped, Outcome::Refused].map(|o| report.count(o))
}

async fn document_of(
    app: &TestApp,
    kind: Kind,
    language: &str,
    slug: &str,
) -> Option<portico_content::DocumentId> {
    let site = app.db.store.site_by_key(SITE).await.expect("site").expect("exists");
    app.db.store.slug_owner(site.id, kind, language, slug).await.expect("slug")
}

#[tokio::test]
async fn a_wordpress_export_is_imported_once_updated_on_a_rerun_and_its_old_addresses_redirect() {
    for app in apps().await {
        let store = &app.db.store;
        let export = fixture("wordpress/export.xml");
        let before = store.last_change_id().await.expect("changes");

        let dry = import(&app, wordpress(&export), true).await;
        assert_eq!(counts(&dry), [5, 0, 2, 0], "{}", dry.to_text());
        assert!(dry.to_text().ends_with("(dry run: nothing was written)\n"));
        assert_eq!(store.last_change_id().await.expect("changes"), before, "a dry run writes nothing");
        assert_eq!(document_of(&app, Kind::Release, "en", "safe-migration-campaign").await, None);

        let first = import(&app, wordpress(&export), false).await;
        assert_eq!(counts(&first), [5, 0, 2, 0], "{} on {}", first.to_text(), app.backend());
        let entry = line(&first, "(post 123)");
        assert!(
            entry.reason.contains("/en/news/safe-migration-campaign, /fr/news/campagne-migration-sure"),
            "{}",
            entry.reason
        );

        // Translations linked, the featured image attached, the author matched or left.
        let id = document_of(&app, Kind::Release, "en", "safe-migration-campaign").await.expect("imported");
        assert_eq!(document_of(&app, Kind::Release, "fr", "campagne-migration-sure").await, Some(id));
        let french = store.editable_variant(id, Some("fr")).await.expect("read").expect("fr");
        assert!(french.is_translation);
        let english = store.editable_variant(id, Some("en")).await.expect("read").expect("en");
        let image = store.media(english.draft.image.expect("image")).await.expect("media").expect("row");
        assert_eq!(image.alt, "Families queue at a border post");
        assert_eq!((image.width, image.height), (64, 48));
        let wpml = document_of(&app, Kind::Release, "es", "centro-retornados").await.expect("es");
        assert_eq!(document_of(&app, Kind::Release, "en", "returnee-centre").await, Some(wpml), "WPML group");
        assert!(document_of(&app, Kind::Page, "en", "who-we-are/partnerships").await.is_some());

        // Over HTTP: the new address answers, the old ones move there permanently.
        app.page(&format!("/sites/{SITE}/en/news/safe-migration-campaign"), 200).await;
        for (old, new) in [
            ("/2015/08/21/safe-migration-campaign/", "/en/news/safe-migration-campaign"),
            ("/fr/2015/08/21/campagne-migration-sure", "/fr/news/campagne-migration-sure"),
            ("/who-we-are/partnerships/", "/en/who-we-are/partnerships"),
        ] {
            let response = app.get(&format!("/sites/{SITE}{old}")).await;
            assert_eq!(response.status().as_u16(), 301, "{old} on {}", app.backend());
            let location = response.headers()["location"].to_str().expect("location");
            assert_eq!(location, format!("/sites/{SITE}{new}"));
        }
        assert_eq!(app.get(&format!("/sites/{SITE}/2015/08/21/never-was/")).await.status().as_u16(), 404);

        // Again: nothing changed, nothing written.
        let changes = store.last_change_id().await.expect("changes");
        let again = import(&app, wordpress(&export), false).await;
        assert_eq!(counts(&again), [0, 0, 7, 0], "{}", again.to_text());
        assert_eq!(store.last_change_id().await.expect("changes"), changes);
        let media_count = store.media_list(None, 1000).await.expect("media").len();

        // A changed post updates its document, as a new revision, without a copy.
        let dir = tempfile::tempdir().expect("dir");
        let edited = dir.path().join("export.xml");
        let text = std::fs::read_to_string(&export).expect("read");
        std::fs::write(
            &edited,
            text.replace("reached 10,000 families in eastern", "reached 12,000 families in eastern"),
        )
        .expect("write");
        let dry = import(&app, wordpress(&edited), true).await;
        assert_eq!(counts(&dry), [0, 1, 6, 0], "{}", dry.to_text());
        let edit = import(&app, wordpress(&edited), false).await;
        assert_eq!(counts(&edit), [0, 1, 6, 0], "{}", edit.to_text());
        let english = store.editable_variant(id, Some("en")).await.expect("read").expect("en");
        assert_eq!(english.revision, 2);
        assert!(english.draft.body_markdown.contains("12,000"));
        assert_eq!(store.media_list(None, 1000).await.expect("media").len(), media_count, "the image reused");
    }
}

#[tokio::test]
async fn bad_input_is_refused_by_file_and_item_and_leaves_nothing_behind() {
    for app in apps().await {
        let bad = fixture("wordpress/bad-input.xml");
        let report = import(&app, wordpress(&bad), false).await;
        assert_eq!(counts(&report), [2, 0, 0, 3], "{} on {}", report.to_text(), app.backend());
        let file = bad.display().to_string();
        let klingon = line(&report, "(post 502)");
        assert!(klingon.at.starts_with(&format!("{file}:")), "{}", klingon.at);
        assert!(klingon.reason.contains("unknown language \"xx\""), "{}", klingon.reason);
        assert!(line(&report, "(post 503)").reason.contains("missing image"), "{}", report.to_text());
        assert!(
            line(&report, "(post 505)").reason.contains("duplicate slug \"same-slug\""),
            "{}",
            report.to_text()
        );
        assert_eq!(document_of(&app, Kind::Release, "en", "photo-lost").await, None);
        assert!(document_of(&app, Kind::Release, "en", "a-good-one").await.is_some());

        // A slug another document already has: refused, nothing of it written.
        let taken = tempfile::tempdir().expect("dir");
        let copy = taken.path().join("taken.xml");
        let text = std::fs::read_to_string(&bad).expect("read");
        std::fs::write(&copy, text.replace("?p=501", "?p=901")).expect("write");
        let report = import(&app, wordpress(&copy), false).await;
        assert!(line(&report, "(post 501)").reason.contains("duplicate slug"), "{}", report.to_text());

        let malformed = fixture("wordpress/malformed.xml");
        let media = portico_media::MediaStorage::local(app.media_dir());
        let options = ImportOptions {
            site: SITE.into(),
            source: wordpress(&malformed),
            dry_run: false,
            progress: false,
        };
        let err = run(&app.db.store, &media, &options).await.expect_err("malformed");
        assert!(
            format!("{err:#}").starts_with(&format!("{}:51: malformed XML", malformed.display())),
            "{err:#}"
        );
    }
}

/// Every file under `dir`, however deep.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() { folders.push(path) } else { files.push(path) }
        }
    }
    files.sort();
    files
}

#[tokio::test]
async fn a_document_refused_after_its_image_was_stored_leaves_no_image_behind() {
    for app in apps().await {
        let store = &app.db.store;
        let site = store.site_by_key(SITE).await.expect("site").expect("exists");
        // Someone already wrote a release at the address post 123 would take.
        let draft = portico_content::Draft {
            title: "Written here first".into(),
            slug: "safe-migration-campaign".into(),
            body_markdown: "Ours.".into(),
            ..portico_content::Draft::default()
        };
        support::create_release(store, &site, "en", draft, portico_content::Status::Draft).await;
        let files_before = files_under(&app.media_dir());

        let report = import(&app, wordpress(&fixture("wordpress/export.xml")), false).await;
        let refused = line(&report, "(post 123)");
        assert_eq!(refused.outcome, Outcome::Refused, "{}", report.to_text());
        assert!(refused.reason.contains("duplicate slug"), "{}", refused.reason);
        assert_eq!(report.count(Outcome::Created), 4, "the others still come: {}", report.to_text());

        // Its featured image was stored before the slug was found taken: gone again, row,
        // files and source record.
        assert_eq!(
            store.media_list(Some(&[site.id]), 100).await.expect("media").len(),
            0,
            "{}",
            app.backend()
        );
        assert_eq!(store.imported_media(site.id, "2015/08/border-crossing.png").await.expect("source"), None);
        assert_eq!(files_under(&app.media_dir()), files_before, "on {}", app.backend());
    }
}

#[tokio::test]
async fn markdown_folders_import_with_translations_images_and_aliases() {
    for app in apps().await {
        let report = import(&app, Source::Markdown { dir: fixture("hugo") }, false).await;
        assert_eq!(counts(&report), [3, 0, 1, 0], "{} on {}", report.to_text(), app.backend());
        let id = document_of(&app, Kind::Release, "en", "safe-migration-campaign").await.expect("en");
        assert_eq!(document_of(&app, Kind::Release, "fr", "campagne-migration-sure").await, Some(id));
        let bundle = document_of(&app, Kind::Release, "en", "returnee-centre").await.expect("bundle");
        let variant = app.db.store.editable_variant(bundle, None).await.expect("read").expect("en");
        assert!(variant.draft.image.is_some(), "the bundle's image");
        let response = app.get(&format!("/sites/{SITE}/noticias/campana-migracion-segura")).await;
        assert_eq!(response.status().as_u16(), 301);
        assert_eq!(
            response.headers()["location"],
            format!("/sites/{SITE}/en/news/safe-migration-campaign").as_str()
        );
        let again = import(&app, Source::Markdown { dir: fixture("hugo") }, false).await;
        assert_eq!(counts(&again), [0, 0, 4, 0], "{}", again.to_text());

        let bad = import(&app, Source::Markdown { dir: fixture("markdown-bad") }, false).await;
        assert_eq!(counts(&bad), [2, 0, 0, 5], "{}", bad.to_text());
        for (file, why) in [
            ("unclosed.md:1", "never closed"),
            ("bad-yaml.md:", "malformed YAML"),
            ("klingon.md", "unknown language \"tlh\""),
            ("missing-image.md", "missing image"),
            ("same-slug-b.md", "duplicate slug"),
        ] {
            assert!(line(&bad, file).reason.contains(why), "{file}: {}", bad.to_text());
        }
    }
}

#[tokio::test]
async fn drupal_feeds_and_release_folders_import_too() {
    for app in apps().await {
        let store = &app.db.store;
        let drupal =
            Source::Drupal { path: fixture("drupal/responses"), uploads: Some(fixture("drupal/files")) };
        let report = import(&app, drupal.clone(), false).await;
        assert_eq!(counts(&report), [3, 0, 0, 0], "{} on {}", report.to_text(), app.backend());
        let id = document_of(&app, Kind::Release, "en", "safe-migration-campaign").await.expect("en");
        assert_eq!(document_of(&app, Kind::Release, "fr", "campagne-migration-sure").await, Some(id));
        assert!(
            store.editable_variant(id, Some("en")).await.expect("read").expect("en").draft.image.is_some()
        );
        let response = app.get(&format!("/sites/{SITE}/node/42")).await;
        assert_eq!(response.status().as_u16(), 301);
        assert_eq!(counts(&import(&app, drupal, false).await), [0, 0, 3, 0]);
        let bad = Source::Drupal { path: fixture("drupal/bad.json"), uploads: Some(fixture("drupal/files")) };
        let bad = import(&app, bad, false).await;
        assert_eq!(counts(&bad), [0, 0, 0, 2], "{}", bad.to_text());
        assert!(line(&bad, "node/50").reason.contains("unknown language \"tlh\""));
        assert!(line(&bad, "node/51").reason.contains("missing image"));

        let feed = import(&app, Source::Feed { file: fixture("feed/archive.rss") }, false).await;
        // The first entry has the slug the Drupal node took: refused, not merged into it.
        assert_eq!(counts(&feed), [1, 0, 0, 2], "{}", feed.to_text());
        assert!(line(&feed, "entry 1").reason.contains("duplicate slug"), "{}", feed.to_text());
        assert!(document_of(&app, Kind::Release, "en", "returnee-centre").await.is_some());

        let releases = import(&app, Source::Releases { dir: fixture("releases") }, false).await;
        assert_eq!(counts(&releases), [2, 0, 0, 1], "{}", releases.to_text());
        assert!(line(&releases, "broken.docx").reason.contains("cannot be read"));
        let chad = document_of(&app, Kind::Release, "en", "chad-displacement").await.expect("chad");
        let chad = store.editable_variant(chad, None).await.expect("read").expect("en");
        assert!(chad.draft.countries.contains(&"TD".to_owned()), "{:?}", chad.draft.countries);
        assert_eq!(chad.draft.title, "Agency scales up aid as displacement grows in eastern Chad");
        assert!(!chad.draft.dateline.is_empty());
        let moz = document_of(&app, Kind::Release, "en", "mozambique-floods").await.expect("docx");
        let moz = store.editable_variant(moz, None).await.expect("read").expect("en");
        assert!(moz.draft.countries.contains(&"MZ".to_owned()), "{:?}", moz.draft.countries);
    }
}

#[tokio::test]
async fn admins_add_and_remove_redirects_by_hand_and_others_may_not() {
    for app in apps().await {
        let old = format!("/sites/{SITE}/old/annual-report");
        assert_eq!(app.get(&old).await.status().as_u16(), 404, "nothing there yet");

        let admin = app.user("admin@example.org", portico_content::Role::Admin, &[]).await;
        let session = app.login(&admin).await;
        let page = session.page("/admin/redirects", 200).await;
        assert!(support::text(&page, "h1").contains("Redirects"));
        let refused = session
            .post("/admin/redirects", &[("site", SITE), ("old_path", "no slash"), ("new_path", "/en/")])
            .await;
        assert_eq!(refused.status().as_u16(), 422);
        let added = session
            .post(
                "/admin/redirects",
                &[("site", SITE), ("old_path", "/old/annual-report/"), ("new_path", "/en/who-we-are")],
            )
            .await;
        assert_eq!(added.status().as_u16(), 303, "on {}", app.backend());

        // The 404 seen a moment ago is not kept over the new redirect.
        let response = app.get(&old).await;
        assert_eq!(response.status().as_u16(), 301, "on {}", app.backend());
        assert_eq!(response.headers()["location"], format!("/sites/{SITE}/en/who-we-are").as_str());
        let page = session.page("/admin/redirects", 200).await;
        assert_eq!(support::attrs(&page, "tr[data-old-path]", "data-old-path"), ["/old/annual-report"]);

        let editor = app.user("editor@example.org", portico_content::Role::Editor, &[SITE]).await;
        let editor = app.login(&editor).await;
        assert_eq!(editor.get("/admin/redirects").await.status().as_u16(), 403);
        let removed = editor
            .post("/admin/redirects/delete", &[("site", SITE), ("old_path", "/old/annual-report")])
            .await;
        assert_eq!(removed.status().as_u16(), 403);

        let removed = session
            .post("/admin/redirects/delete", &[("site", SITE), ("old_path", "/old/annual-report")])
            .await;
        assert_eq!(removed.status().as_u16(), 303);
        assert_eq!(app.get(&old).await.status().as_u16(), 404);
    }
}

/// Runs the real `portico import` with `args` on the app's database and `data` folder: its
/// exit code, standard output and standard error. Waited for off the test's thread: the
/// server under test runs on this test's runtime, and a thread waiting for the command would
/// stop it wherever it is, with SQLite's write lock if it holds it, until the command gives up.
async fn portico_import(app: &TestApp, data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_portico"));
    command
        .args(["import"])
        .args(args)
        .args(["--site", SITE, "--database", app.db.url()])
        .arg("--data")
        .arg(data);
    let output = tokio::task::spawn_blocking(move || command.output()).await.expect("joins").expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Where `old` (under the site) answers with a permanent redirect to, within the site.
async fn moved_to(app: &TestApp, old: &str) -> String {
    let response = app.get(&format!("/sites/{SITE}{old}")).await;
    assert_eq!(response.status().as_u16(), 301, "{old} on {}", app.backend());
    let location = response.headers()["location"].to_str().expect("location");
    location.strip_prefix(&format!("/sites/{SITE}")).expect("within the site").to_owned()
}

#[tokio::test]
async fn wordpress_plain_addresses_redirect_after_a_real_import_and_admins_edit_them() {
    for app in apps().await {
        let data = tempfile::tempdir().expect("data");
        let export = fixture("wordpress/export.xml").display().to_string();
        let uploads = fixture("wordpress/uploads").display().to_string();
        let (code, out, err) =
            portico_import(&app, data.path(), &["wordpress", &export, "--uploads", &uploads]).await;
        assert_eq!(code, Some(0), "{out}{err}");

        let english = "/en/news/safe-migration-campaign";
        let french = "/fr/news/campagne-migration-sure";
        for (old, new) in [
            ("/?p=123", english),
            ("/?p=124", french),
            ("/?p=123&lang=fr", french),
            ("/?lang=fr&p=123", french),
            ("/?p=124&lang=en", english),
            ("/?p=123&utm_source=newsletter", english),
            ("/?page_id=11", "/en/who-we-are/partnerships"),
            ("/?p=11", "/en/who-we-are/partnerships"),
        ] {
            assert_eq!(moved_to(&app, old).await, new, "{old} on {}", app.backend());
        }
        // An id nobody imported is the root as before; a page that exists ignores its query.
        let unknown = app.get(&format!("/sites/{SITE}/?p=999999")).await;
        assert_eq!(unknown.status().as_u16(), 303, "on {}", app.backend());
        assert_eq!(unknown.headers()["location"], format!("/sites/{SITE}/en/").as_str());
        app.page(&format!("/sites/{SITE}{english}?p=124"), 200).await;

        // Admins make, change and remove such addresses by hand.
        let admin = app.user("admin@example.org", portico_content::Role::Admin, &[]).await;
        let session = app.login(&admin).await;
        let added = session
            .post(
                "/admin/redirects",
                &[("site", SITE), ("old_path", "/?page_id=77&lang=en"), ("new_path", english)],
            )
            .await;
        assert_eq!(added.status().as_u16(), 303, "on {}", app.backend());
        assert_eq!(moved_to(&app, "/?page_id=77&lang=en").await, english);
        assert_eq!(moved_to(&app, "/?lang=en&page_id=77").await, english, "in any order");
        let page = session.page("/admin/redirects", 200).await;
        let listed = support::attrs(&page, "tr[data-old-path]", "data-old-path");
        assert!(listed.contains(&"/?lang=en&page_id=77".to_owned()), "{listed:?}");
        assert!(listed.contains(&"/?p=123".to_owned()), "imported ones are listed: {listed:?}");
        let changed = session
            .post("/admin/redirects", &[("site", SITE), ("old_path", "/?p=123"), ("new_path", french)])
            .await;
        assert_eq!(changed.status().as_u16(), 303);
        assert_eq!(moved_to(&app, "/?p=123").await, french);
        let removed = session
            .post("/admin/redirects/delete", &[("site", SITE), ("old_path", "/?lang=en&page_id=77")])
            .await;
        assert_eq!(removed.status().as_u16(), 303);
        assert_eq!(app.get(&format!("/sites/{SITE}/?page_id=77&lang=en")).await.status().as_u16(), 303);
        let spaced = session
            .post("/admin/redirects", &[("site", SITE), ("old_path", "/?p= 1"), ("new_path", english)])
            .await;
        assert_eq!(spaced.status().as_u16(), 422, "spaces are refused with the form kept");
    }
}

#[tokio::test]
async fn the_command_reports_each_document_and_fails_in_one_line() {
    for app in apps().await {
        let data = tempfile::tempdir().expect("data");
        let export = fixture("wordpress/export.xml").display().to_string();
        let uploads = fixture("wordpress/uploads").display().to_string();
        let (code, out, _) =
            portico_import(&app, data.path(), &["wordpress", &export, "--uploads", &uploads, "--dry-run"])
                .await;
        assert_eq!(code, Some(0), "{out}");
        assert!(
            out.ends_with("5 created, 0 updated, 2 skipped, 0 refused (dry run: nothing was written)\n"),
            "{out}"
        );
        assert!(out.contains(&format!("created  {export}:")), "{out}");

        let bad = fixture("wordpress/bad-input.xml").display().to_string();
        let (code, out, err) =
            portico_import(&app, data.path(), &["wordpress", &bad, "--uploads", &uploads]).await;
        assert_eq!(code, Some(2), "{out}{err}");
        assert!(
            out.lines().any(|l| l.starts_with(&format!("refused  {bad}:")) && l.contains("(post 502)")),
            "{out}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{err}");

        let missing = fixture("wordpress/nowhere.xml").display().to_string();
        let (code, _, err) = portico_import(&app, data.path(), &["wordpress", &missing]).await;
        assert_eq!(code, Some(1));
        assert_eq!(err.lines().filter(|l| l.starts_with("error: ")).count(), 1, "{err}");
        assert!(err.contains(&missing), "{err}");
    }
}

/// A real 640 × 400 PNG, as a camera's picture saved into a release would be.
fn photo_png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(640, 400, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("PNG");
    bytes
}

/// The media ids a body shows, in order.
fn media_in(body: &str) -> Vec<i64> {
    body.match_indices("](/media/")
        .filter_map(|(at, found)| {
            let rest = &body[at + found.len()..];
            rest[..rest.find('-')?].parse().ok()
        })
        .collect()
}

#[tokio::test]
async fn a_release_folder_brings_its_pictures_into_the_media_library() {
    use portico_tagger::testing::Docx;
    for app in apps().await {
        let store = &app.db.store;
        let site = store.site_by_key(SITE).await.expect("site").expect("exists");
        let root = tempfile::tempdir().expect("temp");
        let dir = root.path().join("releases");
        std::fs::create_dir_all(dir.join("photos")).expect("folders");
        // Beside the folder, not in it: an HTML file may not reach it.
        std::fs::write(root.path().join("outside.png"), photo_png()).expect("outside");
        std::fs::write(dir.join("photos/camp site.png"), photo_png()).expect("photo");
        let docx = Docx::new()
            .styled("Title", "Flood waters recede as families return in Sofala")
            .paragraph("BEIRA, Mozambique, 3 April 2019 – Families began returning to their villages.")
            .image("image1.png", &photo_png(), "A family carries belongings along a flooded road")
            .styled("Caption", "Returning home near Beira. Photo: IOM/Ana Lopes")
            .paragraph("Shelter kits were handed out in twelve sites.")
            .image("image2.emf", b"a vector drawing Word keeps", "A chart")
            .build();
        std::fs::write(dir.join("sofala-returns.docx"), docx).expect("docx");
        std::fs::write(
            dir.join("camp-opens.html"),
            r#"<html lang="en"><body><h1>New camp opens for families displaced in Cabo Delgado</h1>
<p><strong>PEMBA, Mozambique, 5 May 2019</strong> – A new site opened for displaced families.</p>
<figure><img src="photos/camp%20site.png" alt="Rows of tents"><figcaption>The new site outside Pemba. Photo: IOM/Rui Sousa</figcaption></figure>
<p><img src="missing.png" alt="Nothing here"></p>
<p><img src="../outside.png" alt="Out of reach"></p>
<p><img src="https://example.org/map.png" alt="Map of the province"></p>
</body></html>"#,
        )
        .expect("html");

        let dry = import(&app, Source::Releases { dir: dir.clone() }, true).await;
        assert_eq!(counts(&dry), [2, 0, 0, 0], "{}", dry.to_text());
        assert!(
            store.media_list(Some(&[site.id]), 100).await.expect("media").is_empty(),
            "a dry run stores none"
        );

        let report = import(&app, Source::Releases { dir: dir.clone() }, false).await;
        assert_eq!(counts(&report), [2, 0, 0, 0], "{} on {}", report.to_text(), app.backend());
        let sofala = line(&report, "sofala-returns.docx");
        assert!(sofala.reason.contains("picture word/media/image2.emf left out"), "{}", sofala.reason);
        let camp = line(&report, "camp-opens.html");
        assert!(camp.reason.contains("missing.png left out: missing.png is not there"), "{}", camp.reason);
        assert!(
            camp.reason.contains("../outside.png left out") && camp.reason.contains("outside the folder")
        );

        let media = store.media_list(Some(&[site.id]), 100).await.expect("media");
        assert_eq!(media.len(), 2, "the two pictures that are images, once each: {media:?}");

        let sofala_id =
            document_of(&app, Kind::Release, "en", "sofala-returns").await.expect("docx imported");
        let body =
            store.editable_variant(sofala_id, None).await.expect("read").expect("en").draft.body_markdown;
        let shown = media_in(&body);
        assert_eq!(shown.len(), 1, "{body}");
        assert!(!body.contains("word/media"), "no link into the .docx is left: {body}");
        assert!(body.contains("Returning home near Beira"), "the caption stays: {body}");
        let photo = store.media(MediaId(shown[0])).await.expect("read").expect("stored");
        assert_eq!(photo.alt, "A family carries belongings along a flooded road");
        assert_eq!(photo.credit, "IOM/Ana Lopes");
        assert_eq!(photo.file_name, "sofala-returns-image1.png");

        let camp_id = document_of(&app, Kind::Release, "en", "camp-opens").await.expect("html imported");
        let body =
            store.editable_variant(camp_id, None).await.expect("read").expect("en").draft.body_markdown;
        assert_eq!(media_in(&body).len(), 1, "{body}");
        assert!(!body.contains("missing.png") && !body.contains("outside.png"), "{body}");
        assert!(
            body.contains("https://example.org/map.png"),
            "a picture on the web stays where it is: {body}"
        );
        let tents = store.media(MediaId(media_in(&body)[0])).await.expect("read").expect("stored");
        assert_eq!((tents.file_name.as_str(), tents.credit.as_str()), ("camp site.png", "IOM/Rui Sousa"));

        // The published release shows its picture, and the picture is served.
        let page = app.get("/sites/imported/en/news/sofala-returns").await;
        assert_eq!(page.status().as_u16(), 200);
        let html = page.text().await.expect("html");
        let src = scraper::Html::parse_document(&html)
            .select(&scraper::Selector::parse("main img").expect("selector"))
            .filter_map(|img| img.value().attr("src").map(str::to_owned))
            .find(|src| src.starts_with(&format!("/media/{}-", photo.id)))
            .unwrap_or_else(|| panic!("the body's picture is on the page: {html}"));
        assert_eq!(app.get(&src).await.status().as_u16(), 200, "{src}");

        // Again: nothing changed, nothing stored twice.
        let again = import(&app, Source::Releases { dir: dir.clone() }, false).await;
        assert_eq!(counts(&again), [0, 0, 2, 0], "{}", again.to_text());
        assert_eq!(store.media_list(Some(&[site.id]), 100).await.expect("media").len(), 2);

        // A changed picture is a new one, and the release is updated to show it.
        let changed = image::RgbImage::from_fn(500, 300, |x, _| image::Rgb([(x % 256) as u8, 10, 200]));
        let mut bytes = Vec::new();
        changed.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("PNG");
        std::fs::write(dir.join("photos/camp site.png"), bytes).expect("photo");
        let third = import(&app, Source::Releases { dir: dir.clone() }, false).await;
        assert_eq!(counts(&third), [0, 1, 1, 0], "{}", third.to_text());
        let body =
            store.editable_variant(camp_id, None).await.expect("read").expect("en").draft.body_markdown;
        assert_ne!(media_in(&body), vec![tents.id.0], "{body}");
    }
}
