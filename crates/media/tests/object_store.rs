//! The S3 bucket behind `MediaStorage`, against moto's S3 server (`scripts/test-services`
//! installs it; a test fails, never skips, without it): an upload is all or nothing whatever
//! step fails, files read back whole or by byte range (a ranged GET), and what a killed upload
//! staged is swept.

use std::time::Duration;

use portico_media::testing::S3Server;
use portico_media::{Bucket, ByteRange, MediaFile, MediaStorage, PutError, StorageError};
use tokio::io::AsyncReadExt;

fn files() -> Vec<MediaFile> {
    vec![
        MediaFile { name: "original.jpg".into(), bytes: (0..=255u8).cycle().take(1000).collect() },
        MediaFile { name: "320.jpg".into(), bytes: b"small jpeg".to_vec() },
        MediaFile { name: "640.webp".into(), bytes: b"medium webp".to_vec() },
        MediaFile { name: "640.jpg".into(), bytes: b"medium jpeg".to_vec() },
    ]
}

fn refused(reason: &str) -> std::io::Error {
    std::io::Error::other(reason.to_owned())
}

#[tokio::test]
async fn a_placed_upload_is_listed_and_read_whole_and_by_range() {
    let s3 = S3Server::shared();
    let storage = s3.storage("placed", "media");
    let id = storage
        .put(files(), async |placement| {
            placement.place(7).await.map_err(|err| refused(&err.to_string()))?;
            Ok::<_, std::io::Error>(7)
        })
        .await
        .expect("stored");
    assert_eq!(id, 7);
    assert_eq!(
        s3.keys("placed"),
        ["media/7/320.jpg", "media/7/640.jpg", "media/7/640.webp", "media/7/original.jpg"],
        "nothing staged is left behind"
    );
    assert_eq!(storage.list(7).await.expect("list"), ["320.jpg", "640.jpg", "640.webp", "original.jpg"]);
    assert_eq!(storage.item_ids().await.expect("ids"), [7]);
    let original = files().remove(0).bytes;
    assert_eq!(storage.read(7, "original.jpg").await.expect("read"), original);
    assert_eq!(storage.size(7, "original.jpg").await.expect("size"), Some(1000));
    assert_eq!(storage.size(7, "1280.jpg").await.expect("size"), None);

    for (range, expected) in [
        (ByteRange::Inclusive { first: 0, last: 9 }, 0..10),
        (ByteRange::Inclusive { first: 990, last: 5000 }, 990..1000),
        (ByteRange::From(600), 600..1000),
        (ByteRange::Last(24), 976..1000),
        (ByteRange::Last(5000), 0..1000),
    ] {
        let mut read = storage.get(7, "original.jpg", Some(range)).await.expect("range");
        assert_eq!((read.total, read.range.clone()), (1000, expected.clone()), "{range:?}");
        let mut bytes = Vec::new();
        read.body.read_to_end(&mut bytes).await.expect("read range");
        assert_eq!(bytes, original[expected.start as usize..expected.end as usize], "{range:?}");
    }
    for range in [ByteRange::From(1000), ByteRange::Inclusive { first: 9, last: 3 }, ByteRange::Last(0)] {
        let err = storage.get(7, "original.jpg", Some(range)).await.expect_err("unsatisfiable");
        assert!(matches!(err, StorageError::RangeNotSatisfiable { total: 1000 }), "{range:?}: {err}");
    }
    let missing = storage.get(7, "1280.jpg", None).await.expect_err("missing");
    assert!(missing.is_not_found(), "{missing}");
    assert!(
        storage.get(8, "original.jpg", Some(ByteRange::From(3))).await.expect_err("no item").is_not_found()
    );
    for bad in ["../../portico.db", ".upload-x", "a/b", "", "original.jpg\0"] {
        let err = storage.get(7, bad, None).await.expect_err("bad name");
        assert!(matches!(err, StorageError::BadName(_)), "{bad:?}: {err}");
    }
    storage.delete(7).await.expect("delete");
    assert_eq!(s3.keys("placed"), Vec::<String>::new());
    assert_eq!(storage.list(7).await.expect("list"), Vec::<String>::new());
}

#[tokio::test]
async fn a_failed_row_insert_leaves_no_object() {
    let s3 = S3Server::shared();
    let storage = s3.storage("failed-insert", "");
    let result = storage.put(files(), async |_placement| Err::<(), _>(refused("insert refused"))).await;
    assert!(matches!(result, Err(PutError::Record(_))), "{result:?}");
    assert_eq!(s3.keys("failed-insert"), Vec::<String>::new());
}

#[tokio::test]
async fn a_commit_that_fails_after_placing_takes_the_placed_objects_back() {
    let s3 = S3Server::shared();
    let storage = s3.storage("failed-commit", "m");
    let result = storage
        .put(files(), async |placement| {
            placement.place(3).await.map_err(|err| refused(&err.to_string()))?;
            Err::<(), _>(refused("commit failed"))
        })
        .await;
    assert!(matches!(result, Err(PutError::Record(_))), "{result:?}");
    assert_eq!(s3.keys("failed-commit"), Vec::<String>::new());
}

#[tokio::test]
async fn a_failed_rendition_write_leaves_no_object_and_records_nothing() {
    let s3 = S3Server::shared();
    s3.bucket("failed-write");
    let bucket = Bucket::with_env("s3://failed-write/media", s3.env()).expect("bucket");
    let storage = MediaStorage::Bucket(bucket.failing_to_write("640.webp"));
    let mut recorded = false;
    let result = storage
        .put(files(), async |placement| {
            recorded = true;
            placement.place(1).await.map_err(|err| refused(&err.to_string()))
        })
        .await;
    let Err(PutError::Storage(StorageError::Io { action: "write", place, .. })) = result else {
        panic!("the write fails: {result:?}");
    };
    assert!(place.ends_with("640.webp"), "{place}");
    assert!(!recorded, "no row is inserted for files that could not be written");
    assert_eq!(
        s3.keys("failed-write"),
        Vec::<String>::new(),
        "the original and the other renditions are gone"
    );
}

#[tokio::test]
async fn a_failed_copy_into_place_leaves_no_object_and_the_row_is_not_committed() {
    let s3 = S3Server::shared();
    let storage = s3.storage("failed-copy", "media");
    let MediaStorage::Bucket(bucket) = storage.clone() else { unreachable!("a bucket") };
    let mut committed = false;
    let result = storage
        .put(files(), async |placement| {
            // One staged object vanishes before it is copied: its copy fails, the others succeed.
            let staged = s3.keys("failed-copy");
            let victim = staged.iter().find(|key| key.ends_with("/640.jpg")).expect("staged 640.jpg");
            bucket.remove_object(victim).await;
            placement.place(5).await.map_err(|err| refused(&err.to_string()))?;
            committed = true;
            Ok::<_, std::io::Error>(())
        })
        .await;
    assert!(matches!(result, Err(PutError::Record(_))), "{result:?}");
    assert!(!committed);
    assert_eq!(s3.keys("failed-copy"), Vec::<String>::new(), "neither copies nor staged objects are left");
}

#[tokio::test]
async fn a_bucket_that_does_not_exist_fails_the_upload_before_any_row() {
    let s3 = S3Server::shared();
    let storage = MediaStorage::Bucket(Bucket::with_env("s3://no-such-bucket", s3.env()).expect("bucket"));
    let mut recorded = false;
    let result = storage
        .put(files(), async |placement| {
            recorded = true;
            placement.place(5).await.map_err(|err| refused(&err.to_string()))
        })
        .await;
    assert!(matches!(result, Err(PutError::Storage(StorageError::Io { action: "write", .. }))), "{result:?}");
    assert!(!recorded);
}

#[tokio::test]
async fn objects_left_by_a_crash_under_a_new_id_are_replaced() {
    let s3 = S3Server::shared();
    let storage = s3.storage("leftover", "media");
    storage.write_file(9, "original.png", b"from before the crash").await.expect("leftover");
    storage
        .put(files(), async |placement| placement.place(9).await.map_err(|err| refused(&err.to_string())))
        .await
        .expect("stored");
    assert_eq!(storage.list(9).await.expect("list"), ["320.jpg", "640.jpg", "640.webp", "original.jpg"]);
}

#[tokio::test]
async fn a_record_that_never_places_the_files_is_refused_and_cleaned_up() {
    let s3 = S3Server::shared();
    let storage = s3.storage("never-placed", "media");
    let result = storage.put(files(), async |_placement| Ok::<_, std::io::Error>(())).await;
    assert!(matches!(result, Err(PutError::Storage(StorageError::NotPlaced))), "{result:?}");
    assert_eq!(s3.keys("never-placed"), Vec::<String>::new());
}

#[tokio::test]
async fn what_a_killed_upload_staged_is_swept_once_old_enough() {
    let s3 = S3Server::shared();
    let storage = s3.storage("swept", "media");
    // A record that never returns while the test looks: what a process killed mid-upload
    // leaves is this, staged objects and no row.
    let (staged, seen) = tokio::sync::oneshot::channel::<()>();
    let upload = {
        let storage = storage.clone();
        tokio::spawn(async move {
            storage
                .put(files(), async move |_placement| {
                    let _ = staged.send(());
                    std::future::pending::<Result<(), std::io::Error>>().await
                })
                .await
        })
    };
    seen.await.expect("staged");
    upload.abort();
    let _ = upload.await;
    let left = s3.keys("swept");
    assert_eq!(left.len(), 4, "{left:?}");
    assert!(left.iter().all(|key| key.starts_with("media/staging/")), "{left:?}");
    assert_eq!(storage.item_ids().await.expect("ids"), Vec::<i64>::new(), "staging is no item");
    assert_eq!(storage.remove_stale_staging(Duration::from_secs(3600)).await.expect("sweep"), 0, "too young");
    assert_eq!(storage.remove_stale_staging(Duration::ZERO).await.expect("sweep"), 4);
    assert_eq!(s3.keys("swept"), Vec::<String>::new());
}

#[tokio::test]
async fn bad_storage_urls_say_what_is_wrong() {
    let env = S3Server::shared().env();
    for (url, words) in [
        ("gs://bucket/media", "unknown scheme \"gs\""),
        ("s3:///media", "names no bucket"),
        ("s3://", "names no bucket"),
        ("bucket/media", "is not a URL"),
        ("s3://bucket/a//b", "empty or relative"),
    ] {
        let err = Bucket::with_env(url, env.clone()).expect_err(url);
        let message = err.to_string();
        assert!(message.contains(words) && message.contains(url), "{url}: {message}");
    }
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let mut unreachable = env.clone();
    unreachable.retain(|(key, _)| key != "AWS_ENDPOINT_URL");
    unreachable.push(("AWS_ENDPOINT_URL".into(), format!("http://127.0.0.1:{closed}")));
    let bucket = Bucket::with_env("s3://media", unreachable).expect("parsed");
    let err = MediaStorage::Bucket(bucket).check().await.expect_err("unreachable");
    assert!(err.to_string().contains("cannot be reached"), "{err}");
    let missing = MediaStorage::Bucket(Bucket::with_env("s3://not-made", env).expect("parsed"));
    let err = missing.check().await.expect_err("no bucket");
    assert!(err.to_string().contains("s3://not-made cannot be reached"), "{err}");
}

/// Figures for bench/RESULTS.md, not a check: uploads (staged, placed) and ranged reads of
/// the same files in a local folder and in moto's bucket. Run with
/// `cargo test -p portico-media --release --test object_store -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a measurement, run by hand"]
async fn measure_uploads_and_ranged_reads_in_a_folder_and_a_bucket() {
    let s3 = S3Server::shared();
    let dir = tempfile::tempdir().expect("folder");
    let uploads = 50;
    // An upload's files as a photo makes them: a 2 MB original and ten renditions.
    let mut set = vec![MediaFile { name: "original.jpg".into(), bytes: vec![42; 2_000_000] }];
    for width in [320, 640, 960, 1280, 1920] {
        for extension in ["jpg", "webp"] {
            set.push(MediaFile { name: format!("{width}.{extension}"), bytes: vec![7; width * 60] });
        }
    }
    let bytes: usize = set.iter().map(|file| file.bytes.len()).sum();
    for (label, storage) in
        [("local folder", MediaStorage::local(dir.path())), ("moto bucket", s3.storage("measured", "media"))]
    {
        let started = std::time::Instant::now();
        for id in 1..=uploads {
            storage
                .put(set.clone(), async |placement| {
                    placement.place(id).await.map_err(|err| refused(&err.to_string()))
                })
                .await
                .expect("stored");
        }
        let upload = started.elapsed() / u32::try_from(uploads).expect("small");
        let reads = 200u32;
        let started = std::time::Instant::now();
        for n in 0..reads {
            let first = u64::from(n) * 4096;
            let mut read = storage
                .get(
                    i64::from(n % 50 + 1),
                    "original.jpg",
                    Some(ByteRange::Inclusive { first, last: first + 65_535 }),
                )
                .await
                .expect("range");
            let mut part = Vec::new();
            read.body.read_to_end(&mut part).await.expect("read");
            assert_eq!(part.len(), 65_536);
        }
        let ranged = started.elapsed() / reads;
        let started = std::time::Instant::now();
        for id in 1..=10 {
            assert_eq!(storage.read(id, "original.jpg").await.expect("whole").len(), 2_000_000);
        }
        let whole = started.elapsed() / 10;
        println!(
            "{label}: upload of {} files ({:.1} MB) {:.1} ms; 64 KiB ranged read {:.2} ms; whole 2 MB original {:.1} ms",
            set.len(),
            bytes as f64 / 1e6,
            upload.as_secs_f64() * 1e3,
            ranged.as_secs_f64() * 1e3,
            whole.as_secs_f64() * 1e3
        );
    }
}
