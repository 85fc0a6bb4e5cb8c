//! Uploads through the back office as an editor sends them, on SQLite and PostgreSQL: the
//! original kept is stripped of its metadata, and an upload that fails half-way (the row
//! refused by the database, a rendition that cannot be written) leaves neither a file nor a
//! row behind.

use crate::support;

use std::io::Cursor;
use std::path::Path;

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader};
use portico::server::Tuning;
use portico_content::Role;
use portico_media::testing::{SECRETS, camera_jpeg, icc_profile};
use portico_media::{LocalFolder, MediaStorage};
use portico_store::testing::TestDb;
use support::{Session, TestApp};

async fn upload(session: &Session, base: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("_csrf", session.csrf.clone())
        .text("site", "global")
        .text("alt", "Delegates around a table")
        .text("caption", "")
        .text("credit", "© IOM")
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

/// Every entry under `folder`, hidden ones included, as relative paths.
fn everything_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        found.push(name.clone());
        if entry.file_type().expect("type").is_dir() {
            found.extend(everything_in(&entry.path()).into_iter().map(|inner| format!("{name}/{inner}")));
        }
    }
    found.sort();
    found
}

/// A small real PNG, 300 × 200: its renditions are 300 pixels wide, none of them 640.
fn small_png() -> Vec<u8> {
    let pixels = portico_media::testing::pixels(300, 200);
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        &pixels,
        300,
        200,
        image::ExtendedColorType::Rgb8,
    )
    .expect("encode");
    out
}

#[tokio::test]
async fn an_uploaded_photo_is_kept_and_served_without_gps_or_comments_but_with_its_profile_and_orientation() {
    for app in TestApp::each().await {
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let sent = camera_jpeg();
        let response = upload(&session, &app.server.url(), "camera.jpg", sent.clone()).await;
        assert_eq!(response.status().as_u16(), 303, "{}", app.backend());
        let media = app.server.store.media_list(None, 1).await.expect("media").remove(0);
        assert_eq!((media.width, media.height), (32, 48), "upright: the camera held it sideways");

        let served = session.get(&media.path("original.jpg")).await;
        assert_eq!(served.status().as_u16(), 200, "{}", app.backend());
        let served = served.bytes().await.expect("body").to_vec();
        let stored = std::fs::read(app.media_dir().join(media.id.to_string()).join("original.jpg"))
            .expect("stored original");
        assert_eq!(served, stored, "what is served is what is stored");
        assert_eq!(media.bytes, i64::try_from(stored.len()).expect("size"), "the row counts the kept bytes");
        for secret in SECRETS {
            assert!(sent.windows(secret.len()).any(|w| w == secret), "the photo sent carries it");
            assert!(
                !stored.windows(secret.len()).any(|w| w == secret),
                "{:?} is gone from the original on {}",
                String::from_utf8_lossy(secret),
                app.backend()
            );
        }
        let mut decoder =
            ImageReader::with_format(Cursor::new(&stored), ImageFormat::Jpeg).into_decoder().expect("a JPEG");
        assert_eq!(decoder.icc_profile().expect("icc"), Some(icc_profile()), "the colour profile stays");
        assert_eq!(
            decoder.orientation().expect("orientation"),
            Orientation::Rotate90,
            "so does the orientation"
        );
        assert_eq!(decoder.dimensions(), (48, 32), "the pixels are as the camera stored them");
    }
}

#[tokio::test]
async fn a_row_the_database_refuses_leaves_no_file_behind() {
    for app in TestApp::each().await {
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let refuse = match app.backend() {
            "sqlite" => {
                "create trigger refuse_media before insert on media
                 begin select raise(abort, 'media refused by the test'); end"
            }
            _ => {
                "create function refuse_media() returns trigger language plpgsql as
                     $$ begin raise exception 'media refused by the test'; end $$;
                 create trigger refuse_media before insert on media
                     for each row execute function refuse_media()"
            }
        };
        app.db.execute(refuse).await.expect("trigger");
        // The demo's publications keep their PDFs there; the refused upload adds nothing.
        let demo_files = everything_in(&app.media_dir());
        let response = upload(&session, &app.server.url(), "camera.jpg", camera_jpeg()).await;
        assert_eq!(response.status().as_u16(), 500, "{}", app.backend());
        assert!(images(&app).await.is_empty(), "no row");
        assert_eq!(everything_in(&app.media_dir()), demo_files, "no file, staged or placed");
    }
}

#[tokio::test]
async fn a_rendition_that_cannot_be_written_leaves_no_row_and_no_file() {
    for db in TestDb::each().await {
        let media = tempfile::tempdir().expect("media folder");
        let failing = MediaStorage::Local(LocalFolder::new(media.path()).failing_to_write("640.webp"));
        let app = TestApp::on_tuned(db, &Tuning { media: Some(failing), ..Tuning::default() }).await;
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        // The demo's publications keep their PDFs in the same storage.
        let demo_files = everything_in(media.path());
        let response = upload(&session, &app.server.url(), "camera.jpg", big_jpeg()).await;
        assert_eq!(response.status().as_u16(), 500, "{}", app.backend());
        assert!(images(&app).await.is_empty(), "no row");
        assert_eq!(everything_in(media.path()), demo_files, "the original and 320s are gone");

        // The same storage takes a picture that needs no 640-pixel rendition.
        let response = upload(&session, &app.server.url(), "small.png", small_png()).await;
        assert_eq!(response.status().as_u16(), 303, "{}", app.backend());
        let stored = images(&app).await;
        assert_eq!(stored.len(), 1);
        let id = stored[0].id;
        let own: Vec<String> = everything_in(media.path())
            .into_iter()
            .filter(|name| name == &id.to_string() || name.starts_with(&format!("{id}/")))
            .collect();
        assert_eq!(
            own,
            [id.to_string(), format!("{id}/300.png"), format!("{id}/300.webp"), format!("{id}/original.png")]
        );
        assert_eq!(session.get(&stored[0].path("300.webp")).await.status().as_u16(), 200);
    }
}

/// A real 900 × 600 JPEG: it gets renditions 320 and 640 pixels wide.
fn big_jpeg() -> Vec<u8> {
    let pixels = portico_media::testing::pixels(900, 600);
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80),
        &pixels,
        900,
        600,
        image::ExtendedColorType::Rgb8,
    )
    .expect("encode");
    out
}

#[tokio::test]
async fn media_answer_one_byte_range_and_refuse_one_outside_the_file() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let session = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let response = upload(&session, &app.server.url(), "camera.jpg", camera_jpeg()).await;
        assert_eq!(response.status().as_u16(), 303, "{backend}");
        let media = app.server.store.media_list(None, 1).await.expect("media").remove(0);
        let path = media.path("original.jpg");
        let whole = session.get(&path).await;
        assert_eq!(whole.status().as_u16(), 200);
        assert_eq!(whole.headers()["accept-ranges"], "bytes", "{backend}");
        let whole = whole.bytes().await.expect("body").to_vec();
        let total = whole.len();

        let ranged = |range: &'static str| {
            let request = session.client.get(app.url(&path)).header("range", range);
            async move { request.send().await.expect("request") }
        };
        for (range, expected) in [
            ("bytes=0-9", 0..10),
            ("bytes=10-", 10..total),
            ("bytes=-4", total - 4..total),
            ("bytes=5-999999", 5..total),
        ] {
            let response = ranged(range).await;
            assert_eq!(response.status().as_u16(), 206, "{range} on {backend}");
            assert_eq!(
                response.headers()["content-range"],
                format!("bytes {}-{}/{total}", expected.start, expected.end - 1).as_str(),
                "{range}"
            );
            assert_eq!(response.headers()["cache-control"], "private, no-store", "unpublished: private");
            assert_eq!(response.bytes().await.expect("body").to_vec(), whole[expected].to_vec(), "{range}");
        }
        let outside = ranged("bytes=999999-").await;
        assert_eq!(outside.status().as_u16(), 416, "{backend}");
        assert_eq!(outside.headers()["content-range"], format!("bytes */{total}").as_str());
        // Several ranges, another unit or nonsense: the whole file, as the standard allows.
        for range in ["bytes=0-1,4-5", "items=0-1", "bytes=x-y"] {
            let response = ranged(range).await;
            assert_eq!(response.status().as_u16(), 200, "{range} on {backend}");
            assert_eq!(response.bytes().await.expect("body").len(), total);
        }
        // Nobody else gets a part of a private file either.
        let anonymous =
            app.client.get(app.url(&path)).header("range", "bytes=0-9").send().await.expect("get");
        assert_eq!(anonymous.status().as_u16(), 404, "{backend}");
    }
}

/// The images in the media library: the demo's publications bring PDFs of their own.
async fn images(app: &TestApp) -> Vec<portico_store::Media> {
    let media = app.server.store.media_list(None, 1000).await.expect("media");
    media.into_iter().filter(|m| m.kind == "image").collect()
}
