//! Media in an S3-compatible bucket, against moto's S3 server (`scripts/test-services` installs
//! it; without it these tests fail, never skip): uploads through a real server land in the
//! bucket and are served whole, by range and privately until published (then through the CDN
//! address); `portico media migrate` moves a folder there and back; bad settings stop a
//! command with one line; and with two nodes on PostgreSQL, a node killed during a stream of
//! uploads leaves every acknowledged upload whole, nothing without a row once swept, and the
//! other node serving.

use crate::support;

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use portico::server::Tuning;
use portico_content::{Draft, MediaId, Role, Status};
use portico_media::testing::{S3Server, camera_jpeg};
use portico_store::testing::TestDb;
use support::nodes::Node;
use support::{Session, TestApp, attrs, login_at};

const PORTICO: &str = env!("CARGO_BIN_EXE_portico");
const CDN: &str = "https://cdn.example.org/media";

/// Uploads `bytes` through the back office's media form, asking for JSON: (status, id).
async fn upload(
    session: &Session,
    base: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Result<(u16, Option<i64>)> {
    let form = reqwest::multipart::Form::new()
        .text("_csrf", session.csrf.clone())
        .text("site", "global")
        .text("alt", "Tents in a camp")
        .text("caption", "")
        .text("credit", "© IOM")
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()));
    let response = session
        .client
        .post(format!("{base}/admin/media"))
        .header("origin", base)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await?;
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    Ok((status, body["id"].as_i64()))
}

/// Runs `portico ARGS` with the environment `env` (and no `AWS_*` of the test's own).
fn portico(args: &[&str], env: &[(String, String)]) -> Output {
    let mut command = Command::new(PORTICO);
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") || key.starts_with("PORTICO_") {
            command.env_remove(key);
        }
    }
    command
        .args(args)
        .envs(env.iter().map(|(key, value)| (key, value)))
        .stdin(Stdio::null())
        .output()
        .expect("portico runs")
}

/// Asserts that `output` is a failure told in one line containing `words`, never a panic.
fn fails_saying(output: &Output, words: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|line| line.starts_with("error:")).collect();
    assert!(!output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(lines.len(), 1, "one error line: {stderr}");
    assert!(lines[0].contains(words), "{words:?} in {stderr}");
}

#[tokio::test]
async fn an_upload_lands_in_the_bucket_and_is_served_by_range_and_privately_until_published() {
    let s3 = S3Server::shared();
    for db in TestDb::each().await {
        let bucket = format!("uploads-{}", db.store.backend()).to_lowercase();
        let tuning = Tuning {
            media: Some(s3.storage(&bucket, "site/media")),
            media_public_url: Some(CDN.to_owned()),
            ..Tuning::default()
        };
        let app = TestApp::on_tuned(db, &tuning).await;
        let editor = app.user("editor@example.org", Role::Editor, &["global"]).await;
        let session = app.login(&editor).await;
        let (status, id) =
            upload(&session, &app.server.url(), "camp.jpg", camera_jpeg()).await.expect("upload");
        assert_eq!(status, 201, "on {}", app.backend());
        let id = id.expect("the new item's id");
        let media = app.db.store.media(MediaId(id)).await.expect("read").expect("its row");
        let mut expected: Vec<String> =
            media.renditions.iter().map(|name| format!("site/media/{id}/{name}")).collect();
        expected.push(format!("site/media/{id}/original.jpg"));
        expected.sort();
        // The demo's publications put their PDFs in the bucket too; this upload's are its own.
        let keys = s3.keys(&bucket);
        let own: Vec<String> =
            keys.iter().filter(|key| key.starts_with(&format!("site/media/{id}/"))).cloned().collect();
        assert_eq!(own, expected, "the original and every rendition");
        assert!(!keys.iter().any(|key| key.starts_with("site/media/staging/")), "nothing staged: {keys:?}");

        let original = media.path("original.jpg");
        let whole = session.get(&original).await;
        assert_eq!(whole.status().as_u16(), 200);
        assert_eq!(whole.headers()["cache-control"], "private, no-store");
        assert_eq!(
            whole.headers()["content-length"],
            media.bytes.to_string().as_str(),
            "streamed, its size known"
        );
        let etag = whole.headers()["etag"].clone();
        let whole = whole.bytes().await.expect("body");
        assert_eq!(whole.len() as i64, media.bytes);
        let again =
            session.client.get(app.url(&original)).header("if-none-match", etag).send().await.expect("again");
        assert_eq!(again.status().as_u16(), 304, "a copy still current is not sent again");
        let part = session
            .client
            .get(app.url(&original))
            .header("range", "bytes=10-19")
            .send()
            .await
            .expect("range");
        assert_eq!(part.status().as_u16(), 206);
        assert_eq!(part.headers()["content-range"], format!("bytes 10-19/{}", whole.len()).as_str());
        assert_eq!(part.bytes().await.expect("part"), whole[10..20]);
        let tail =
            session.client.get(app.url(&original)).header("range", "bytes=-7").send().await.expect("range");
        assert_eq!(tail.bytes().await.expect("tail"), whole[whole.len() - 7..]);
        let past = session
            .client
            .get(app.url(&original))
            .header("range", "bytes=999999-")
            .send()
            .await
            .expect("range");
        assert_eq!(past.status().as_u16(), 416);
        assert_eq!(app.get(&original).await.status().as_u16(), 404, "a draft's image stays private");

        // Published as a lead image and linked from the body, it is public: pages link it
        // through the CDN, and the node (the CDN's origin) serves it to anyone.
        let site = app.db.store.site_by_key("global").await.expect("site").expect("global");
        let title = "Families settle in the new camp";
        let draft = Draft {
            title: title.into(),
            slug: portico_content::slugify(title),
            published_at: Some(portico_store::now() - time::Duration::hours(1)),
            body_markdown: format!(
                "The camp holds 400 families.\n\n![Tents]({})",
                media.path("original.jpg")
            ),
            image: Some(MediaId(id)),
            ..Draft::default()
        };
        support::create_release(&app.db.store, &site, "en", draft, Status::Published).await;
        let page = app.page(&format!("/en/news/{}", portico_content::slugify(title)), 200).await;
        let sources = attrs(&page, "picture source, picture img, .release-body img", "srcset")
            .into_iter()
            .chain(attrs(&page, "img", "src"))
            .filter(|url| url.contains(&format!("{id}-")))
            .collect::<Vec<_>>();
        assert!(!sources.is_empty(), "the page shows the image");
        for url in &sources {
            assert!(url.starts_with(&format!("{CDN}/{id}-")), "through the CDN: {url}");
        }
        let public = app.get(&original).await;
        assert_eq!(public.status().as_u16(), 200, "the CDN's origin serves it to anyone");
        assert_eq!(public.headers()["cache-control"], "public, max-age=31536000, immutable");

        // `backup` reads the files from the bucket, `restore` writes them into another.
        if app.db.store.backend() == "sqlite" {
            let archive = tempfile::tempdir().expect("folder");
            let file = archive.path().join("portico.tar.gz");
            let (file_arg, archive_arg) =
                (file.to_str().expect("utf-8"), archive.path().to_str().expect("utf-8"));
            let from = format!("s3://{bucket}/site/media");
            let backup = portico(
                &["backup", file_arg, "--database", app.db.url(), "--media", &from, "--data", archive_arg],
                &s3.env(),
            );
            assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
            s3.bucket("restored");
            let fresh = tempfile::tempdir().expect("folder");
            let restore = portico(
                &[
                    "restore",
                    file_arg,
                    "--data",
                    fresh.path().to_str().expect("utf-8"),
                    "--media",
                    "s3://restored/m",
                ],
                &s3.env(),
            );
            assert!(restore.status.success(), "{}", String::from_utf8_lossy(&restore.stderr));
            // Every file the bucket holds, the upload's and the demo's PDFs alike.
            let mut restored: Vec<String> =
                s3.keys(&bucket).iter().map(|key| key.replacen("site/media/", "m/", 1)).collect();
            restored.sort();
            assert!(restored.iter().any(|key| key.starts_with(&format!("m/{id}/"))), "{restored:?}");
            let mut got = s3.keys("restored");
            got.sort();
            assert_eq!(got, restored);
        }
        app.server.stop().await.expect("stop");
    }
}

#[tokio::test]
async fn media_migrate_moves_a_folder_to_the_bucket_and_back_and_resumes() {
    let s3 = S3Server::shared();
    s3.bucket("migrated");
    let data = tempfile::tempdir().expect("data");
    let media = data.path().join("media");
    let files = [
        ("1/original.jpg", b"jpeg bytes".to_vec()),
        ("1/640.webp", vec![7; 5000]),
        ("2/original.pdf", b"%PDF".to_vec()),
    ];
    for (path, bytes) in &files {
        std::fs::create_dir_all(media.join(path).parent().expect("folder")).expect("folder");
        std::fs::write(media.join(path), bytes).expect("file");
    }
    // An upload cut short: not an item, not migrated.
    std::fs::create_dir_all(media.join(".upload-0123")).expect("staging");
    std::fs::write(media.join(".upload-0123/original.jpg"), b"half").expect("staging");
    let data_arg = data.path().to_str().expect("utf-8");
    let env = s3.env();

    let first = portico(&["media", "migrate", "--to", "s3://migrated/media", "--data", data_arg], &env);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let said = String::from_utf8_lossy(&first.stdout);
    assert!(said.contains("Migrated 2 media items") && said.contains("3 files copied"), "{said}");
    assert_eq!(s3.keys("migrated"), ["media/1/640.webp", "media/1/original.jpg", "media/2/original.pdf"]);
    let again = portico(&["media", "migrate", "--to", "s3://migrated/media", "--data", data_arg], &env);
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("0 files copied") && said.contains("3 already there"), "idempotent: {said}");

    let back = tempfile::tempdir().expect("data");
    let back_arg = back.path().to_str().expect("utf-8");
    // Half done before: one file there already, one cut short (a wrong size is copied again).
    std::fs::create_dir_all(back.path().join("media/1")).expect("folder");
    std::fs::write(back.path().join("media/1/original.jpg"), b"jpeg bytes").expect("file");
    std::fs::write(back.path().join("media/1/640.webp"), [7; 10]).expect("file");
    let home = portico(&["media", "migrate", "--from", "s3://migrated/media", "--data", back_arg], &env);
    assert!(home.status.success(), "{}", String::from_utf8_lossy(&home.stderr));
    let said = String::from_utf8_lossy(&home.stdout);
    assert!(said.contains("2 files copied") && said.contains("1 already there"), "resumed: {said}");
    for (path, bytes) in &files {
        assert_eq!(&std::fs::read(back.path().join("media").join(path)).expect(path), bytes, "{path}");
    }

    fails_saying(
        &portico(&["media", "migrate", "--to", "gs://migrated/media", "--data", data_arg], &env),
        "unknown scheme",
    );
    fails_saying(
        &portico(&["media", "migrate", "--to", "s3:///media", "--data", data_arg], &env),
        "names no bucket",
    );
    fails_saying(
        &portico(&["media", "migrate", "--to", "s3://no-such-bucket/media", "--data", data_arg], &env),
        "s3://no-such-bucket/media cannot be reached",
    );
    let mut closed = env.clone();
    closed.retain(|(key, _)| key != "AWS_ENDPOINT_URL");
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    closed.push(("AWS_ENDPOINT_URL".into(), format!("http://127.0.0.1:{port}")));
    fails_saying(
        &portico(&["media", "migrate", "--to", "s3://migrated/media", "--data", data_arg], &closed),
        "cannot be reached",
    );
    let empty = tempfile::tempdir().expect("data");
    fails_saying(
        &portico(
            &[
                "media",
                "migrate",
                "--to",
                "s3://migrated/media",
                "--data",
                empty.path().to_str().expect("utf-8"),
            ],
            &env,
        ),
        "no media folder",
    );
}

#[tokio::test]
async fn serve_with_a_bad_media_setting_stops_with_one_line() {
    let s3 = S3Server::shared();
    let data = tempfile::tempdir().expect("data");
    let data_arg = data.path().to_str().expect("utf-8");
    let serve = |media: &str, env: &[(String, String)]| {
        portico(&["serve", "--listen", "127.0.0.1:0", "--data", data_arg, "--media", media], env)
    };
    let env = s3.env();
    fails_saying(&serve("ftp://media", &env), "unknown scheme \"ftp\"");
    fails_saying(&serve("s3://", &env), "names no bucket");
    fails_saying(&serve("s3://never-made/media", &env), "s3://never-made/media cannot be reached");
    let mut half = env.clone();
    half.retain(|(key, _)| key != "AWS_SECRET_ACCESS_KEY");
    fails_saying(&serve("s3://never-made/media", &half), "cannot be used");
    // No keys at all: the instance's metadata service is asked (here a closed port), and
    // the line says which variables to set.
    let mut none = env.clone();
    none.retain(|(key, _)| !key.starts_with("AWS_ACCESS_KEY_ID") && !key.starts_with("AWS_SECRET"));
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    none.push(("AWS_METADATA_ENDPOINT".into(), format!("http://127.0.0.1:{port}")));
    fails_saying(&serve("s3://never-made/media", &none), "without credentials (set AWS_ACCESS_KEY_ID");
    let bad_cdn = portico(
        &["serve", "--listen", "127.0.0.1:0", "--data", data_arg, "--media-public-url", "cdn.example.org"],
        &env,
    );
    fails_saying(&bad_cdn, "--media-public-url");
}

/// One upload's fate, as the uploader saw it.
enum Sent {
    /// Acknowledged: the server said 201 with this id.
    Stored(i64),
    /// Refused, or cut off by the kill: no promise was made.
    Unacknowledged,
}

#[tokio::test]
async fn a_node_killed_during_uploads_leaves_every_acknowledged_upload_whole_and_the_other_serving() {
    let s3 = S3Server::shared();
    s3.bucket("two-nodes");
    let db = TestDb::postgres().await;
    portico::demo::load(
        &db.store,
        &portico_media::MediaStorage::local(tempfile::tempdir().expect("media").keep()),
    )
    .await
    .expect("demo");
    support::nodes::admin_token(&db.store).await;
    let env = s3.env();
    let media = ["--media", "s3://two-nodes/media"];
    let (data_a, data_b) = (tempfile::tempdir().expect("data"), tempfile::tempdir().expect("data"));
    let mut a = Node::start_with_env(db.url(), data_a.path(), &media, &env);
    let b = Node::start_with_env(db.url(), data_b.path(), &media, &env);
    let session = login_at(&a.url, "ops@example.org", "PostgreSQL").await;

    // Four uploaders send photos to A without pause; A is killed once a few were stored.
    let photo = camera_jpeg();
    let (sent, mut outcomes) = tokio::sync::mpsc::unbounded_channel();
    let session = std::sync::Arc::new(session);
    let mut uploaders = Vec::new();
    for worker in 0..4 {
        let (session, sent, photo, base) = (session.clone(), sent.clone(), photo.clone(), a.url.clone());
        uploaders.push(tokio::spawn(async move {
            for n in 0.. {
                let outcome =
                    match upload(&session, &base, &format!("camp-{worker}-{n}.jpg"), photo.clone()).await {
                        Ok((201, Some(id))) => Sent::Stored(id),
                        Ok(_) | Err(_) => Sent::Unacknowledged,
                    };
                let refused = matches!(outcome, Sent::Unacknowledged);
                if sent.send(outcome).is_err() || refused {
                    break;
                }
            }
        }));
    }
    drop(sent);
    let mut stored = Vec::new();
    let mut unacknowledged = 0;
    let started = Instant::now();
    while stored.len() < 12 {
        match tokio::time::timeout(Duration::from_secs(30), outcomes.recv()).await {
            Ok(Some(Sent::Stored(id))) => stored.push(id),
            Ok(Some(Sent::Unacknowledged)) => panic!("an upload failed before the kill"),
            Ok(None) | Err(_) => panic!("the uploads stopped before the kill"),
        }
    }
    a.child.kill().expect("SIGKILL node A");
    let _ = a.child.wait();
    while let Some(outcome) = outcomes.recv().await {
        match outcome {
            Sent::Stored(id) => stored.push(id),
            Sent::Unacknowledged => unacknowledged += 1,
        }
    }
    for uploader in uploaders {
        uploader.await.expect("uploader");
    }
    eprintln!(
        "{} uploads acknowledged and {unacknowledged} cut off by the kill, in {:.1} s",
        stored.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(unacknowledged > 0, "the kill came during uploads");

    // Every acknowledged upload has its row and all its files, and B serves it.
    let on_b = login_at(&b.url, "ops@example.org", "PostgreSQL").await;
    let keys = s3.keys("two-nodes");
    for id in &stored {
        let media =
            db.store.media(MediaId(*id)).await.expect("read").expect("an acknowledged upload has its row");
        for name in media.renditions.iter().map(String::as_str).chain(["original.jpg"]) {
            assert!(keys.contains(&format!("media/{id}/{name}")), "item {id} has its {name}");
        }
        let served = on_b.get(&media.path("original.jpg")).await;
        assert_eq!(served.status().as_u16(), 200, "B serves item {id}");
        assert_eq!(served.bytes().await.expect("body").len() as i64, media.bytes);
    }

    // What the killed uploads left (staged objects; at worst an item placed but never
    // committed) goes with the sweep; acknowledged uploads stay.
    let swept = portico(
        &[
            "media",
            "sweep",
            "--older-than",
            "0",
            "--database",
            db.url(),
            "--media",
            "s3://two-nodes/media",
            "--data",
            data_b.path().to_str().expect("utf-8"),
        ],
        &env,
    );
    assert!(swept.status.success(), "{}", String::from_utf8_lossy(&swept.stderr));
    let left = s3.keys("two-nodes");
    for key in &left {
        let id: i64 = key
            .strip_prefix("media/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("only items' files are left, not {key}"));
        assert!(db.store.media(MediaId(id)).await.expect("read").is_some(), "{key} has a row");
    }
    for id in &stored {
        assert!(left.iter().any(|key| key.starts_with(&format!("media/{id}/"))), "the sweep kept item {id}");
    }
    let (status, _) = b.get("/en/news").await;
    assert_eq!(status, 200, "B keeps serving");
}
