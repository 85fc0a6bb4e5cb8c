//! Where media files live: the one interface every reader and writer of them goes through.
//!
//! A media item is a row (the caller's) and files named by the row's id: its original
//! (`original.jpg`) and its renditions (`640.webp`). [`MediaStorage`] writes them
//! ([`put`](MediaStorage::put) for an upload, [`write_file`](MediaStorage::write_file) for a
//! restore), reads them whole or by byte range ([`get`](MediaStorage::get)), lists an item's
//! files for a backup ([`list`](MediaStorage::list)) and deletes them.
//!
//! An upload is written so that a failure at any step leaves neither an orphan file nor a row
//! without its files: the files are staged apart first; the caller's `record` then inserts the
//! row and, before committing it, calls [`Placement::place`] to move the files under the new
//! id; whatever fails, what was written is removed. See [`MediaStorage::put`].
//!
//! Backends are variants of one enum (the store's way with its two databases): a local folder,
//! or an S3-compatible bucket ([`Bucket`]). Every method is async; the folder's file work runs
//! on tokio's blocking threads (`tokio::fs`), never on the async workers. This module must
//! never read the database nor decide who may see a file: the caller does both.

use std::io::SeekFrom;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

use crate::bucket::{Bucket, StagedObjects};

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The item has no file by that name.
    #[error("no media file {name} for item {id}")]
    NotFound {
        /// The item's id.
        id: i64,
        /// The file asked for.
        name: String,
    },
    /// A file name that could escape the item's place or hide from listings.
    #[error("{0:?} is not a media file name")]
    BadName(String),
    /// The byte range starts at or past the end of the file.
    #[error("the range starts past the end of a {total}-byte file")]
    RangeNotSatisfiable {
        /// The file's size.
        total: u64,
    },
    /// A storage URL that names no usable storage: its scheme, its bucket, the credentials.
    #[error("the media storage {url} {problem}")]
    Config {
        /// The URL as given.
        url: String,
        /// What is wrong with it, as the end of a sentence.
        problem: String,
    },
    /// The caller's `record` returned without placing the files: a bug in the caller.
    #[error("the media files were never put in place")]
    NotPlaced,
    /// The backend failed.
    #[error("cannot {action} media files at {place}")]
    Io {
        /// What was being done ("write", "read", "move").
        action: &'static str,
        /// Where, for the log (a path or an object key; never a secret).
        place: String,
        /// The backend's error.
        #[source]
        source: std::io::Error,
    },
}

impl StorageError {
    /// Whether the file asked for does not exist (a 404, not a failure of ours).
    pub fn is_not_found(&self) -> bool {
        matches!(self, StorageError::NotFound { .. })
    }
}

/// Why [`MediaStorage::put`] stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum PutError<E: std::error::Error + 'static> {
    /// The files could not be staged or placed.
    #[error("cannot store the media files")]
    Storage(#[source] StorageError),
    /// The caller's `record` failed; its row was not committed.
    #[error("cannot record the media item")]
    Record(#[source] E),
}

/// One file of a media item: its name within the item and its bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// `original.jpg`, `640.webp`: ASCII letters, digits, `.`, `-` and `_`, not starting with a
    /// dot, at most 64 characters.
    pub name: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for MediaFile {
    // The bytes would flood logs and test failures; their length is what matters.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MediaFile").field("name", &self.name).field("bytes", &self.bytes.len()).finish()
    }
}

/// Part of a file to read, as HTTP's `Range: bytes=…` asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteRange {
    /// From this offset to the end (`bytes=500-`).
    From(u64),
    /// From `first` to `last`, both included (`bytes=0-499`); cut at the end of the file.
    Inclusive {
        /// The first byte's offset.
        first: u64,
        /// The last byte's offset.
        last: u64,
    },
    /// The last this many bytes (`bytes=-500`).
    Last(u64),
}

impl ByteRange {
    /// The offsets this range covers in a file of `total` bytes, end exclusive.
    pub fn resolve(self, total: u64) -> Result<Range<u64>, StorageError> {
        let range = match self {
            ByteRange::From(first) => first..total,
            ByteRange::Inclusive { first, last } if last >= first => first..last.saturating_add(1).min(total),
            ByteRange::Inclusive { .. } => return Err(StorageError::RangeNotSatisfiable { total }),
            ByteRange::Last(count) if count > 0 => total.saturating_sub(count)..total,
            ByteRange::Last(_) => return Err(StorageError::RangeNotSatisfiable { total }),
        };
        if range.start >= total {
            return Err(StorageError::RangeNotSatisfiable { total });
        }
        Ok(range)
    }
}

/// A file being read: which bytes, of how many, and a reader of them.
pub struct MediaRead {
    /// The whole file's size.
    pub total: u64,
    /// The bytes the reader yields, end exclusive: all of them unless a range was asked for.
    pub range: Range<u64>,
    /// Yields exactly `range.end - range.start` bytes.
    pub body: Pin<Box<dyn AsyncRead + Send>>,
}

impl std::fmt::Debug for MediaRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MediaRead").field("total", &self.total).field("range", &self.range).finish()
    }
}

/// Where media files live.
#[derive(Debug, Clone)]
pub enum MediaStorage {
    /// A folder on this machine (`DATA/media`): `{folder}/{id}/{name}`.
    Local(LocalFolder),
    /// An S3-compatible bucket: `{prefix}/{id}/{name}`.
    Bucket(Bucket),
}

impl Default for MediaStorage {
    /// The folder `data/media`, where `portico serve` keeps media unless told otherwise.
    fn default() -> Self {
        MediaStorage::local("data/media")
    }
}

impl MediaStorage {
    /// Media in a folder on this machine, created when first written to.
    pub fn local(folder: impl Into<PathBuf>) -> MediaStorage {
        MediaStorage::Local(LocalFolder::new(folder))
    }

    /// The storage a `--media` value names: `s3://bucket/prefix`, with endpoint, region and
    /// credentials from the `AWS_*` environment; see [`Bucket::from_url`].
    pub fn from_url(url: &str) -> Result<MediaStorage, StorageError> {
        Bucket::from_url(url).map(MediaStorage::Bucket)
    }

    /// Where the files are, for messages: a folder's path or `s3://bucket/prefix`.
    pub fn describe(&self) -> String {
        match self {
            MediaStorage::Local(folder) => folder.folder().display().to_string(),
            MediaStorage::Bucket(bucket) => bucket.url().to_owned(),
        }
    }

    /// Whether the storage can be used: the bucket answers (a folder is always taken).
    pub async fn check(&self) -> Result<(), StorageError> {
        match self {
            // Created when first written to; `portico serve` checks the data folder itself.
            MediaStorage::Local(_) => Ok(()),
            MediaStorage::Bucket(bucket) => bucket.check().await,
        }
    }

    /// Stores a new item's files together with its row, all or nothing.
    ///
    /// The files are staged apart first (nothing is visible under any id yet). Then `record`
    /// runs: it must insert the row in a transaction, call [`Placement::place`] with the new
    /// id before committing, and fail only if the row was not committed. If staging,
    /// `record` or the placing fails, every file written is removed and the error returned;
    /// `record` is not called when staging fails.
    pub async fn put<T, E>(
        &self,
        files: Vec<MediaFile>,
        record: impl AsyncFnOnce(Placement) -> Result<T, E>,
    ) -> Result<T, PutError<E>>
    where
        E: std::error::Error + 'static,
    {
        for file in &files {
            check_name(&file.name).map_err(PutError::Storage)?;
        }
        let staged = match self {
            MediaStorage::Local(folder) => folder.stage(&files).await.map_err(PutError::Storage)?,
            MediaStorage::Bucket(bucket) => {
                Staged::Bucket(bucket.stage(&files).await.map_err(PutError::Storage)?)
            }
        };
        let placement = Placement { storage: self.clone(), staged: Arc::new(Mutex::new(staged)) };
        let result = record(placement.clone()).await;
        let placed = placement.placed_id();
        match result {
            Ok(value) if placed.is_some() => Ok(value),
            Ok(_) => {
                placement.discard().await;
                Err(PutError::Storage(StorageError::NotPlaced))
            }
            Err(err) => {
                placement.discard().await;
                Err(PutError::Record(err))
            }
        }
    }

    /// Reads one file of item `id`, whole or the `range` of it.
    pub async fn get(
        &self,
        id: i64,
        name: &str,
        range: Option<ByteRange>,
    ) -> Result<MediaRead, StorageError> {
        check_name(name)?;
        match self {
            MediaStorage::Local(folder) => folder.get(id, name, range).await,
            MediaStorage::Bucket(bucket) => bucket.get(id, name, range).await,
        }
    }

    /// The size of one file of item `id`; `None` when there is no such file.
    pub async fn size(&self, id: i64, name: &str) -> Result<Option<u64>, StorageError> {
        check_name(name)?;
        match self {
            MediaStorage::Local(folder) => folder.size(id, name).await,
            MediaStorage::Bucket(bucket) => bucket.size(id, name).await,
        }
    }

    /// Reads one file of item `id` whole into memory.
    pub async fn read(&self, id: i64, name: &str) -> Result<Vec<u8>, StorageError> {
        let mut read = self.get(id, name, None).await?;
        let mut bytes = Vec::with_capacity(usize::try_from(read.total).unwrap_or(0));
        read.body.read_to_end(&mut bytes).await.map_err(|source| StorageError::Io {
            action: "read",
            place: format!("item {id}, {name}"),
            source,
        })?;
        Ok(bytes)
    }

    /// Writes one file of item `id` in place, replacing any of that name: for a restore, whose
    /// rows arrive in their own transaction. A reader never sees half a file.
    pub async fn write_file(&self, id: i64, name: &str, bytes: &[u8]) -> Result<(), StorageError> {
        check_name(name)?;
        match self {
            MediaStorage::Local(folder) => folder.write_file(id, name, bytes).await,
            MediaStorage::Bucket(bucket) => bucket.write_file(id, name, bytes).await,
        }
    }

    /// The names of item `id`'s files, sorted; none when it has no files.
    pub async fn list(&self, id: i64) -> Result<Vec<String>, StorageError> {
        match self {
            MediaStorage::Local(folder) => folder.list(id).await,
            MediaStorage::Bucket(bucket) => bucket.list(id).await,
        }
    }

    /// The ids of the items that have files, ascending: for a migration, or a sweep of items
    /// whose row never committed.
    pub async fn item_ids(&self) -> Result<Vec<i64>, StorageError> {
        match self {
            MediaStorage::Local(folder) => folder.item_ids().await,
            MediaStorage::Bucket(bucket) => bucket.item_ids().await,
        }
    }

    /// The ids of the items whose files were all written more than `older_than` ago: the
    /// candidates of a sweep of items without a row, none of them an upload still in flight.
    pub async fn items_modified_before(&self, older_than: Duration) -> Result<Vec<i64>, StorageError> {
        match self {
            MediaStorage::Local(folder) => folder.items_modified_before(older_than).await,
            MediaStorage::Bucket(bucket) => bucket.items_modified_before(older_than).await,
        }
    }

    /// Removes what uploads staged more than `older_than` ago and never placed: left by a
    /// process killed mid-upload. Keep `older_than` above the longest upload, or another
    /// node's upload in flight loses its files. Returns how many files (or staging folders)
    /// went.
    pub async fn remove_stale_staging(&self, older_than: Duration) -> Result<usize, StorageError> {
        match self {
            MediaStorage::Local(folder) => folder.remove_stale_staging(older_than).await,
            MediaStorage::Bucket(bucket) => bucket.remove_stale_staging(older_than).await,
        }
    }

    /// Removes every file of item `id`; nothing to remove is no error.
    pub async fn delete(&self, id: i64) -> Result<(), StorageError> {
        match self {
            MediaStorage::Local(folder) => folder.delete(id).await,
            MediaStorage::Bucket(bucket) => bucket.delete(id).await,
        }
    }
}

/// The handle [`MediaStorage::put`] gives its `record`, to put the staged files under the
/// row's id. Cheap to clone; the first successful [`place`](Placement::place) wins.
#[derive(Clone)]
pub struct Placement {
    storage: MediaStorage,
    staged: Arc<Mutex<Staged>>,
}

impl std::fmt::Debug for Placement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Placement").field("placed", &self.placed_id()).finish()
    }
}

/// Staged files, then placed ones.
#[derive(Debug)]
enum Staged {
    /// In a folder apart from every item's.
    LocalFolder(PathBuf),
    /// Under a key prefix apart from every item's.
    Bucket(StagedObjects),
    /// Moved under this id.
    Placed(i64),
    /// Nothing left: placing failed half-way and was undone, or the files were discarded.
    Gone,
}

impl Placement {
    /// Moves the staged files under item `id`. Call it once the row exists and before it
    /// commits; if it fails, do not commit.
    pub async fn place(&self, id: i64) -> Result<(), StorageError> {
        let staged = std::mem::replace(&mut *self.lock(), Staged::Gone);
        let result = match (&self.storage, &staged) {
            (MediaStorage::Local(folder), Staged::LocalFolder(staging)) => folder.place(staging, id).await,
            (MediaStorage::Bucket(bucket), Staged::Bucket(staged)) => bucket.place(staged, id).await,
            (_, Staged::LocalFolder(_) | Staged::Bucket(_) | Staged::Placed(_) | Staged::Gone) => {
                Err(StorageError::NotPlaced)
            }
        };
        *self.lock() = match (&result, staged) {
            (Ok(()), _) => Staged::Placed(id),
            (Err(_), staged) => staged,
        };
        result
    }

    fn placed_id(&self) -> Option<i64> {
        match *self.lock() {
            Staged::Placed(id) => Some(id),
            Staged::LocalFolder(_) | Staged::Bucket(_) | Staged::Gone => None,
        }
    }

    /// Removes what was written, staged or placed; the files are unwanted, so a failure here
    /// is only logged by the caller's error, never raised.
    async fn discard(&self) {
        let staged = std::mem::replace(&mut *self.lock(), Staged::Gone);
        match (&self.storage, staged) {
            (MediaStorage::Local(_), Staged::LocalFolder(staging)) => {
                let _ = tokio::fs::remove_dir_all(&staging).await;
            }
            (MediaStorage::Bucket(bucket), Staged::Bucket(staged)) => bucket.discard(&staged).await,
            // A placement is made with its own storage's staging; there is no other pairing.
            (MediaStorage::Local(_), Staged::Bucket(_))
            | (MediaStorage::Bucket(_), Staged::LocalFolder(_)) => {}
            (storage, Staged::Placed(id)) => {
                let _ = storage.delete(id).await;
            }
            (_, Staged::Gone) => {}
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Staged> {
        // A panic while holding the lock cannot leave the state half-changed: every write is
        // one assignment.
        self.staged.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Refuses names that could leave the item's folder or key, or hide from a listing.
pub(crate) fn check_name(name: &str) -> Result<(), StorageError> {
    let fine = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if fine { Ok(()) } else { Err(StorageError::BadName(name.to_owned())) }
}

/// Media in a folder on this machine: `{folder}/{id}/{name}`, uploads staged in
/// `{folder}/.upload-{random}/` and moved into place with one rename.
#[derive(Debug, Clone)]
pub struct LocalFolder {
    folder: PathBuf,
    /// A file name whose staging write fails, to test the clean-up.
    #[cfg(feature = "testing")]
    fail_writing: Option<String>,
}

impl LocalFolder {
    /// Media under `folder`.
    pub fn new(folder: impl Into<PathBuf>) -> LocalFolder {
        LocalFolder {
            folder: folder.into(),
            #[cfg(feature = "testing")]
            fail_writing: None,
        }
    }

    /// The folder media live in.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Makes every staging write of a file called `name` fail, after the files before it were
    /// written: a disk that fills up half-way, for the tests of the clean-up.
    #[cfg(feature = "testing")]
    pub fn failing_to_write(mut self, name: &str) -> LocalFolder {
        self.fail_writing = Some(name.to_owned());
        self
    }

    fn item(&self, id: i64) -> PathBuf {
        self.folder.join(id.to_string())
    }

    async fn stage(&self, files: &[MediaFile]) -> Result<Staged, StorageError> {
        let staging = self.folder.join(format!(".upload-{}", random_suffix()?));
        let written = self.write_staged(&staging, files).await;
        match written {
            Ok(()) => Ok(Staged::LocalFolder(staging)),
            Err(err) => {
                let _ = tokio::fs::remove_dir_all(&staging).await;
                Err(err)
            }
        }
    }

    async fn write_staged(&self, staging: &Path, files: &[MediaFile]) -> Result<(), StorageError> {
        tokio::fs::create_dir_all(staging).await.map_err(io("create", staging))?;
        for file in files {
            let path = staging.join(&file.name);
            #[cfg(feature = "testing")]
            if self.fail_writing.as_deref() == Some(file.name.as_str()) {
                let source = std::io::Error::new(std::io::ErrorKind::StorageFull, "failing on purpose");
                return Err(StorageError::Io { action: "write", place: path.display().to_string(), source });
            }
            write_synced(&path, &file.bytes).await?;
        }
        sync_folder(staging).await
    }

    async fn place(&self, staging: &Path, id: i64) -> Result<(), StorageError> {
        let target = self.item(id);
        // The database just gave out this id inside an open transaction, so no committed row
        // has it: a folder there is left from a crash between placing and committing.
        match tokio::fs::remove_dir_all(&target).await {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(io("clear", &target)(err)),
        }
        tokio::fs::rename(staging, &target).await.map_err(io("move", &target))?;
        sync_folder(&self.folder).await
    }

    async fn get(&self, id: i64, name: &str, range: Option<ByteRange>) -> Result<MediaRead, StorageError> {
        let path = self.item(id).join(name);
        let mut file = match tokio::fs::File::open(&path).await {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(StorageError::NotFound { id, name: name.to_owned() });
            }
            Err(err) => return Err(io("open", &path)(err)),
        };
        let metadata = file.metadata().await.map_err(io("read", &path))?;
        if !metadata.is_file() {
            return Err(StorageError::NotFound { id, name: name.to_owned() });
        }
        let total = metadata.len();
        let range = match range {
            Some(range) => range.resolve(total)?,
            None => 0..total,
        };
        if range.start > 0 {
            file.seek(SeekFrom::Start(range.start)).await.map_err(io("read", &path))?;
        }
        let body = Box::pin(file.take(range.end - range.start));
        Ok(MediaRead { total, range, body })
    }

    async fn write_file(&self, id: i64, name: &str, bytes: &[u8]) -> Result<(), StorageError> {
        let item = self.item(id);
        tokio::fs::create_dir_all(&item).await.map_err(io("create", &item))?;
        let partial = item.join(format!(".{name}.partial"));
        write_synced(&partial, bytes).await?;
        let target = item.join(name);
        tokio::fs::rename(&partial, &target).await.map_err(io("move", &target))?;
        sync_folder(&item).await
    }

    async fn list(&self, id: i64) -> Result<Vec<String>, StorageError> {
        let item = self.item(id);
        let mut entries = match tokio::fs::read_dir(&item).await {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(io("list", &item)(err)),
        };
        let mut names = Vec::new();
        while let Some(entry) = entries.next_entry().await.map_err(io("list", &item))? {
            let is_file = entry.file_type().await.is_ok_and(|kind| kind.is_file());
            // Partial writes and anything that is not a media file name are not the item's.
            if let (true, Ok(name)) = (is_file, entry.file_name().into_string())
                && check_name(&name).is_ok()
            {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    }

    async fn size(&self, id: i64, name: &str) -> Result<Option<u64>, StorageError> {
        let path = self.item(id).join(name);
        match tokio::fs::metadata(&path).await {
            Ok(metadata) if metadata.is_file() => Ok(Some(metadata.len())),
            Ok(_) => Ok(None),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(io("read", &path)(err)),
        }
    }

    async fn item_ids(&self) -> Result<Vec<i64>, StorageError> {
        let mut entries = match tokio::fs::read_dir(&self.folder).await {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(io("list", &self.folder)(err)),
        };
        let mut ids = Vec::new();
        while let Some(entry) = entries.next_entry().await.map_err(io("list", &self.folder))? {
            let is_folder = entry.file_type().await.is_ok_and(|kind| kind.is_dir());
            if let (true, Some(id)) =
                (is_folder, entry.file_name().to_str().and_then(|name| name.parse::<i64>().ok()))
            {
                ids.push(id);
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    async fn items_modified_before(&self, older_than: Duration) -> Result<Vec<i64>, StorageError> {
        let mut old = Vec::new();
        for id in self.item_ids().await? {
            let item = self.item(id);
            let mut entries = match tokio::fs::read_dir(&item).await {
                Ok(entries) => entries,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
                Err(err) => return Err(io("list", &item)(err)),
            };
            let mut youngest = None;
            while let Some(entry) = entries.next_entry().await.map_err(io("list", &item))? {
                let age = entry
                    .metadata()
                    .await
                    .ok()
                    .and_then(|m| m.modified().ok())
                    .and_then(|t| t.elapsed().ok());
                youngest = youngest.min(age).or(age);
            }
            if youngest.unwrap_or(Duration::MAX) >= older_than {
                old.push(id);
            }
        }
        Ok(old)
    }

    async fn remove_stale_staging(&self, older_than: Duration) -> Result<usize, StorageError> {
        let mut entries = match tokio::fs::read_dir(&self.folder).await {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(err) => return Err(io("list", &self.folder)(err)),
        };
        let mut removed = 0;
        while let Some(entry) = entries.next_entry().await.map_err(io("list", &self.folder))? {
            let staging = entry.file_name().to_str().is_some_and(|name| name.starts_with(".upload-"));
            let age =
                entry.metadata().await.ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
            if staging
                && age.is_some_and(|age| age >= older_than)
                && tokio::fs::remove_dir_all(entry.path()).await.is_ok()
            {
                removed += 1;
            }
        }
        Ok(removed)
    }

    async fn delete(&self, id: i64) -> Result<(), StorageError> {
        let item = self.item(id);
        match tokio::fs::remove_dir_all(&item).await {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(io("delete", &item)(err)),
        }
    }
}

fn io(action: &'static str, place: &Path) -> impl FnOnce(std::io::Error) -> StorageError {
    let place = place.display().to_string();
    move |source| StorageError::Io { action, place, source }
}

/// Writes a file and flushes it to the disk before the row naming it may commit.
async fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let mut out = tokio::fs::File::create(path).await.map_err(io("write", path))?;
    out.write_all(bytes).await.map_err(io("write", path))?;
    out.sync_all().await.map_err(io("write", path))
}

/// Flushes a folder's entries (a new name, a rename) to the disk.
async fn sync_folder(folder: &Path) -> Result<(), StorageError> {
    // Opening a folder to sync it is a Unix notion; elsewhere the rename is as durable as
    // the system makes it.
    if cfg!(unix) {
        let handle = tokio::fs::File::open(folder).await.map_err(io("sync", folder))?;
        handle.sync_all().await.map_err(io("sync", folder))?;
    }
    Ok(())
}

/// 16 random hex digits: a staging folder no other upload, on any node, will pick.
pub(crate) fn random_suffix() -> Result<String, StorageError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|err| StorageError::Io {
        action: "stage",
        place: "the random source".to_owned(),
        source: std::io::Error::other(err.to_string()),
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
