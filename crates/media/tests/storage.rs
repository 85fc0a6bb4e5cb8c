//! The local folder behind `MediaStorage`, on a real disk: an upload is all or nothing whatever
//! step fails, and files read back whole or by byte range.

use std::path::Path;

use portico_media::{ByteRange, LocalFolder, MediaFile, MediaStorage, PutError, StorageError};
use tokio::io::AsyncReadExt;

fn files() -> Vec<MediaFile> {
    vec![
        MediaFile { name: "original.jpg".into(), bytes: (0..=255u8).cycle().take(1000).collect() },
        MediaFile { name: "320.jpg".into(), bytes: b"small jpeg".to_vec() },
        MediaFile { name: "640.webp".into(), bytes: b"medium webp".to_vec() },
        MediaFile { name: "640.jpg".into(), bytes: b"medium jpeg".to_vec() },
    ]
}

/// Everything in the folder, hidden entries included, as `dir/file` paths.
fn everything_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().expect("type").is_dir() {
            let inner = everything_in(&entry.path());
            if inner.is_empty() {
                found.push(format!("{name}/"));
            }
            found.extend(inner.into_iter().map(|file| format!("{name}/{file}")));
        } else {
            found.push(name);
        }
    }
    found.sort();
    found
}

fn refused(reason: &str) -> std::io::Error {
    std::io::Error::other(reason.to_owned())
}

#[tokio::test]
async fn a_placed_upload_is_listed_and_read_whole_and_by_range() {
    let dir = tempfile::tempdir().expect("folder");
    let storage = MediaStorage::local(dir.path());
    let id = storage
        .put(files(), async |placement| {
            placement.place(7).await.map_err(|err| refused(&err.to_string()))?;
            Ok::<_, std::io::Error>(7)
        })
        .await
        .expect("stored");
    assert_eq!(id, 7);
    assert_eq!(
        everything_in(dir.path()),
        ["7/320.jpg", "7/640.jpg", "7/640.webp", "7/original.jpg"],
        "no staging folder is left behind"
    );
    assert_eq!(storage.list(7).await.expect("list"), ["320.jpg", "640.jpg", "640.webp", "original.jpg"]);
    let original = files().remove(0).bytes;
    assert_eq!(storage.read(7, "original.jpg").await.expect("read"), original);

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
    assert!(storage.get(8, "original.jpg", None).await.expect_err("no item").is_not_found());
    for bad in ["../../portico.db", ".upload-x", "a/b", "", "original.jpg\0"] {
        let err = storage.get(7, bad, None).await.expect_err("bad name");
        assert!(matches!(err, StorageError::BadName(_)), "{bad:?}: {err}");
    }
}

#[tokio::test]
async fn a_failed_row_insert_leaves_no_file() {
    let dir = tempfile::tempdir().expect("folder");
    let storage = MediaStorage::local(dir.path());
    let result = storage.put(files(), async |_placement| Err::<(), _>(refused("insert refused"))).await;
    assert!(matches!(result, Err(PutError::Record(_))), "{result:?}");
    assert_eq!(everything_in(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn a_commit_that_fails_after_placing_takes_the_placed_files_back() {
    let dir = tempfile::tempdir().expect("folder");
    let storage = MediaStorage::local(dir.path());
    let result = storage
        .put(files(), async |placement| {
            placement.place(3).await.map_err(|err| refused(&err.to_string()))?;
            Err::<(), _>(refused("commit failed"))
        })
        .await;
    assert!(matches!(result, Err(PutError::Record(_))), "{result:?}");
    assert_eq!(everything_in(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn a_failed_rendition_write_leaves_no_file_and_records_nothing() {
    let dir = tempfile::tempdir().expect("folder");
    let storage = MediaStorage::Local(LocalFolder::new(dir.path()).failing_to_write("640.webp"));
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
    assert_eq!(everything_in(dir.path()), Vec::<String>::new(), "the original and 320.jpg are gone");
}

#[tokio::test]
async fn a_failed_move_into_place_leaves_no_file_and_the_row_is_not_committed() {
    let dir = tempfile::tempdir().expect("folder");
    // A plain file where the item's folder should go: the move cannot happen.
    std::fs::write(dir.path().join("5"), b"in the way").expect("obstacle");
    let storage = MediaStorage::local(dir.path());
    let mut committed = false;
    let result = storage
        .put(files(), async |placement| {
            placement.place(5).await.map_err(|err| refused(&err.to_string()))?;
            committed = true;
            Ok::<_, std::io::Error>(())
        })
        .await;
    assert!(matches!(result, Err(PutError::Record(_))), "{result:?}");
    assert!(!committed);
    assert_eq!(everything_in(dir.path()), ["5"], "only the obstacle is left");
}

#[tokio::test]
async fn files_left_by_a_crash_under_a_new_id_are_replaced() {
    let dir = tempfile::tempdir().expect("folder");
    std::fs::create_dir_all(dir.path().join("9")).expect("leftover");
    std::fs::write(dir.path().join("9").join("original.png"), b"from before the crash").expect("leftover");
    let storage = MediaStorage::local(dir.path());
    storage
        .put(files(), async |placement| placement.place(9).await.map_err(|err| refused(&err.to_string())))
        .await
        .expect("stored");
    assert_eq!(storage.list(9).await.expect("list"), ["320.jpg", "640.jpg", "640.webp", "original.jpg"]);
}

#[tokio::test]
async fn a_record_that_never_places_the_files_is_refused_and_cleaned_up() {
    let dir = tempfile::tempdir().expect("folder");
    let storage = MediaStorage::local(dir.path());
    let result = storage.put(files(), async |_placement| Ok::<_, std::io::Error>(())).await;
    assert!(matches!(result, Err(PutError::Storage(StorageError::NotPlaced))), "{result:?}");
    assert_eq!(everything_in(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn bad_file_names_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("folder");
    let storage = MediaStorage::local(dir.path());
    let mut sneaky = files();
    sneaky.push(MediaFile { name: "../escape.jpg".into(), bytes: b"x".to_vec() });
    let result = storage
        .put(sneaky, async |placement| placement.place(2).await.map_err(|err| refused(&err.to_string())))
        .await;
    assert!(matches!(result, Err(PutError::Storage(StorageError::BadName(_)))), "{result:?}");
    assert_eq!(everything_in(dir.path()), Vec::<String>::new());
    let err = storage.write_file(2, "..", b"x").await.expect_err("bad name");
    assert!(matches!(err, StorageError::BadName(_)), "{err}");
}

#[tokio::test]
async fn a_restore_writes_files_in_place_and_delete_removes_an_item() {
    let dir = tempfile::tempdir().expect("folder");
    let storage = MediaStorage::local(dir.path());
    storage.write_file(12, "original.pdf", b"%PDF-1.4\n%%EOF\n").await.expect("write");
    storage.write_file(12, "original.pdf", b"%PDF-1.7\n%%EOF\n").await.expect("overwrite");
    assert_eq!(everything_in(dir.path()), ["12/original.pdf"], "no partial file is left");
    assert_eq!(storage.read(12, "original.pdf").await.expect("read"), b"%PDF-1.7\n%%EOF\n");
    // A partial write interrupted by a crash is not one of the item's files.
    std::fs::write(dir.path().join("12").join(".640.webp.partial"), b"half").expect("partial");
    assert_eq!(storage.list(12).await.expect("list"), ["original.pdf"]);
    storage.delete(12).await.expect("delete");
    assert_eq!(everything_in(dir.path()), Vec::<String>::new());
    assert!(storage.list(12).await.expect("list").is_empty());
    storage.delete(12).await.expect("deleting nothing is no error");
}
