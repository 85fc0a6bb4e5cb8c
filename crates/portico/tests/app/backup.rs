//! `portico backup` and `portico restore` as an operator runs them, on SQLite and PostgreSQL:
//! a backup taken while the server runs restores into a fresh data folder and database with
//! every row and media file; restore refuses data it would mix with, and bad archives.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use portico::server::{ServeConfig, start};
use portico_store::testing::TestDb;
use portico_store::{NewMedia, Store};

const PORTICO: &str = env!("CARGO_BIN_EXE_portico");

fn config(db_url: &str, data: &Path) -> ServeConfig {
    ServeConfig {
        listen: "127.0.0.1:0".into(),
        data: data.to_path_buf(),
        database: Some(db_url.to_owned()),
        demo: true,
        ..ServeConfig::default()
    }
}

/// Runs `portico {command} FILE --data DATA --database URL` off the async threads.
async fn portico(command: &'static str, file: &Path, data: &Path, db_url: &str) -> Output {
    let (file, data, db_url) = (file.to_owned(), data.to_owned(), db_url.to_owned());
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(PORTICO)
            .arg(command)
            .arg(&file)
            .arg("--data")
            .arg(&data)
            .arg("--database")
            .arg(&db_url)
            .env_remove("PORTICO_DATA")
            .env_remove("PORTICO_DATABASE")
            .output()
            .expect("run portico")
    })
    .await
    .expect("portico task")
}

/// The one line a failed command prints.
fn one_error_line(output: &Output) -> String {
    assert!(!output.status.success(), "fails: {}", String::from_utf8_lossy(&output.stdout));
    let stderr = String::from_utf8_lossy(&output.stderr).trim_end().to_owned();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

/// Every table's rows, as the database renders them.
async fn every_row(store: &Store) -> BTreeMap<String, Vec<String>> {
    let mut snapshot = store.snapshot().await.expect("snapshot");
    let mut tables = BTreeMap::new();
    for table in snapshot.tables() {
        let mut rows = Vec::new();
        snapshot
            .each_row(&table, async |line| {
                rows.push(line);
                true
            })
            .await
            .expect("rows");
        // In the order of their first column only: rows that share it (a site's kept counts)
        // come in whatever order the database keeps them, which a restore need not repeat.
        rows.sort();
        tables.insert(table, rows);
    }
    snapshot.finish().await.expect("finish");
    tables
}

/// Every file under `dir`, by its path relative to it.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).expect("under").to_string_lossy().into_owned();
                files.insert(name, std::fs::read(&path).expect("read file"));
            }
        }
    }
    files
}

/// An image as the upload leaves it: a row, its original and its renditions.
async fn add_image(store: &Store, data: &Path) {
    let site = store.site_by_key("global").await.expect("site").expect("the global site").id;
    let renditions = vec!["640.webp".to_owned(), "640.jpg".to_owned()];
    let id = store
        .create_media(
            &NewMedia {
                site,
                kind: "image".into(),
                file_name: "camp.jpg".into(),
                mime: "image/jpeg".into(),
                width: 1280,
                height: 720,
                bytes: 5,
                alt: "A camp at dawn".into(),
                caption: String::new(),
                credit: "© IOM".into(),
                renditions: renditions.clone(),
                created_by: None,
                pdf: None,
            },
            &portico_store::Audit::system("test", "media.upload"),
        )
        .await
        .expect("media");
    let dir = data.join("media").join(id.0.to_string());
    std::fs::create_dir_all(&dir).expect("media folder");
    std::fs::write(dir.join("original.jpg"), b"jpeg!").expect("original");
    for name in renditions {
        std::fs::write(dir.join(&name), format!("{name} bytes")).expect("rendition");
    }
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_every_row_and_media_file() {
    for db in TestDb::each().await {
        let data = tempfile::tempdir().expect("data");
        let server = start(&config(db.url(), data.path())).await.expect("server starts with the demo");
        add_image(&db.store, data.path()).await;
        // The server's own writer (related releases of the demo, weighed in the background)
        // finishes first, so that the rows compared below are the rows backed up.
        for _ in 0..600 {
            if db.store.related_queue_length().await.expect("queue") == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let archive = tempfile::tempdir().expect("archive folder");
        let file = archive.path().join("portico.tar.gz");

        let backed_up = portico("backup", &file, data.path(), db.url()).await;
        assert!(backed_up.status.success(), "backup: {}", String::from_utf8_lossy(&backed_up.stderr));
        server.stop().await.expect("stops");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).expect("archive").permissions().mode();
            assert_eq!(mode & 0o077, 0, "only its owner may read it: it holds password hashes");
        }

        let fresh = match db.store.backend() {
            "sqlite" => TestDb::sqlite().await,
            _ => TestDb::postgres().await,
        };
        let target = tempfile::tempdir().expect("target");
        let restored_data = target.path().join("data");
        let restored = portico("restore", &file, &restored_data, fresh.url()).await;
        assert!(restored.status.success(), "restore: {}", String::from_utf8_lossy(&restored.stderr));

        let before = every_row(&db.store).await;
        let after = every_row(&fresh.store).await;
        assert!(before["variants"].len() > 10, "the demo's releases are there");
        assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
        for (table, rows) in &before {
            assert_eq!(rows, &after[table], "table {table} on {}", db.store.backend());
        }
        let media = files_under(&data.path().join("media"));
        // Besides the demo publications' PDFs, which the backup carries too.
        let images = media.keys().filter(|name| !name.ends_with(".pdf")).count();
        assert_eq!(images, 3, "the image's original and renditions");
        assert!(media.keys().filter(|name| name.ends_with("original.pdf")).count() >= 12, "the demo's PDFs");
        assert_eq!(media, files_under(&restored_data.join("media")), "on {}", db.store.backend());

        // New rows get new ids: the sequences were set past the restored ones.
        add_image(&fresh.store, &restored_data).await;
        let server = start(&config(fresh.url(), &restored_data)).await.expect("the restored site starts");
        let home = reqwest::get(format!("{}/en/", server.url())).await.expect("home");
        assert_eq!(home.status().as_u16(), 200);
        server.stop().await.expect("stops");
    }
}

#[tokio::test]
async fn restore_refuses_a_data_folder_or_database_that_holds_something() {
    for db in TestDb::each().await {
        let data = tempfile::tempdir().expect("data");
        portico::server::open(&config(db.url(), data.path())).await.expect("demo loaded");
        let archive = tempfile::tempdir().expect("archive folder");
        let file = archive.path().join("portico.tar.gz");
        let backed_up = portico("backup", &file, data.path(), db.url()).await;
        assert!(backed_up.status.success(), "backup: {}", String::from_utf8_lossy(&backed_up.stderr));

        let line = one_error_line(&portico("restore", &file, data.path(), db.url()).await);
        assert!(line.contains("data folder") && line.contains("not empty"), "{line}");

        let empty = tempfile::tempdir().expect("empty");
        let line = one_error_line(&portico("restore", &file, empty.path(), db.url()).await);
        assert!(line.contains("the database") && line.contains("is not empty (table"), "{line}");
        assert_eq!(std::fs::read_dir(empty.path()).expect("read").count(), 0, "nothing left behind");
    }
}

#[tokio::test]
async fn bad_archives_are_refused_with_one_line_naming_the_file() {
    for db in TestDb::each().await {
        let data = tempfile::tempdir().expect("data");
        portico::server::open(&config(db.url(), data.path())).await.expect("demo loaded");
        let folder = tempfile::tempdir().expect("archive folder");
        let good = folder.path().join("good.tar.gz");
        let backed_up = portico("backup", &good, data.path(), db.url()).await;
        assert!(backed_up.status.success(), "backup: {}", String::from_utf8_lossy(&backed_up.stderr));
        let bytes = std::fs::read(&good).expect("archive");

        // A media file its row names has gone missing: no archive that looks whole is left.
        add_image(&db.store, data.path()).await;
        let lost = files_under(&data.path().join("media")).into_keys().find(|name| name.ends_with("640.jpg"));
        std::fs::remove_file(data.path().join("media").join(lost.expect("a rendition"))).expect("remove");
        let incomplete = folder.path().join("incomplete.tar.gz");
        let line = one_error_line(&portico("backup", &incomplete, data.path(), db.url()).await);
        assert!(line.contains("640.jpg"), "names the missing file: {line}");
        assert!(!incomplete.exists(), "no archive");
        assert!(!folder.path().join("incomplete.tar.gz.partial").exists(), "no partial archive");

        let not_archive = folder.path().join("notes.txt");
        std::fs::write(&not_archive, "shopping list").expect("write");
        let truncated = folder.path().join("truncated.tar.gz");
        std::fs::write(&truncated, &bytes[..bytes.len() * 2 / 3]).expect("write");
        let future = folder.path().join("future.tar.gz");
        write_archive_with_manifest(&future, r#"{"format":"portico-backup","version":99}"#);

        for (file, problem) in [
            (&not_archive, "is not a Portico backup"),
            (&truncated, "is truncated or damaged"),
            (&future, "format version 99"),
        ] {
            let fresh = match db.store.backend() {
                "sqlite" => TestDb::sqlite().await,
                _ => TestDb::postgres().await,
            };
            let target = tempfile::tempdir().expect("target");
            let line = one_error_line(&portico("restore", file, target.path(), fresh.url()).await);
            assert!(line.contains(&file.display().to_string()), "names the file: {line}");
            assert!(line.contains(problem), "{problem}: {line}");
            assert_eq!(std::fs::read_dir(target.path()).expect("read").count(), 0, "nothing left: {line}");
            assert!(fresh.store.is_empty().await.expect("empty"), "nothing restored: {line}");
        }
    }
}

fn write_archive_with_manifest(path: &Path, manifest: &str) {
    let out = std::fs::File::create(path).expect("create");
    let mut tar = tar::Builder::new(flate2::write::GzEncoder::new(out, flate2::Compression::default()));
    let mut header = tar::Header::new_gnu();
    header.set_size(manifest.len() as u64);
    header.set_mode(0o644);
    tar.append_data(&mut header, "portico-backup.json", manifest.as_bytes()).expect("append");
    tar.into_inner().expect("tar").finish().expect("gzip");
}
