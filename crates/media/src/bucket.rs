//! Media in an S3-compatible bucket: `{prefix}/{id}/{name}`, uploads staged under
//! `{prefix}/staging/{random}/` and copied into place while the row's transaction is open.
//!
//! An object store has no rename, so placing is a copy per file: the item's keys are cleared
//! first (left by a node that died between placing and committing, when the database hands out
//! the id again), then each staged object is copied, then the staged ones are deleted. A copy
//! that fails removes what was copied, so the caller's rollback leaves nothing. What a node
//! killed mid-upload leaves — staged objects, or an item's objects whose row never committed —
//! no single request can see; [`MediaStorage::remove_stale_staging`] and the caller's sweep of
//! items without a row (`portico media sweep`) clear them.
//!
//! Endpoint, region and credentials come from the environment as the S3 ecosystem sets them
//! (`AWS_ENDPOINT_URL`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//! `AWS_ALLOW_HTTP`, …): see [`Bucket::from_url`]. This module never logs a credential.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as Key;
use object_store::{ClientConfigKey, GetOptions, GetRange, ObjectStore, PutPayload};

use crate::storage::{ByteRange, MediaFile, MediaRead, StorageError, check_name, random_suffix};

/// The key folder uploads are staged in, under the prefix; never a number, so never an item's.
const STAGING: &str = "staging";

/// How long one request to the store may take, its body included: a 15 MiB original read by
/// a slow client is streamed through it.
const REQUEST_TIMEOUT: &str = "300s";

/// Media in an S3-compatible bucket.
#[derive(Clone)]
pub struct Bucket {
    store: Arc<dyn ObjectStore>,
    /// `s3://bucket/prefix`, for messages and logs.
    url: String,
    bucket: String,
    prefix: Key,
    /// Whether the environment gave an access key; without one the crate asks the instance's
    /// metadata service, and a failure says so.
    has_keys: bool,
    /// A file name whose staging write fails, to test the clean-up.
    #[cfg(feature = "testing")]
    fail_writing: Option<String>,
}

impl std::fmt::Debug for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bucket").field("url", &self.url).finish()
    }
}

/// An upload's staged objects: `{prefix}/staging/{random}/{name}`.
#[derive(Debug)]
pub(crate) struct StagedObjects {
    folder: Key,
    names: Vec<String>,
}

impl Bucket {
    /// The bucket and key prefix of `s3://bucket/prefix` (the prefix may be empty), with the
    /// endpoint, region and credentials of the `AWS_*` environment variables, read as
    /// `AmazonS3Builder::from_env` reads them. Refuses another scheme or a missing bucket;
    /// whether the bucket answers is [`check`](Bucket::check)'s to say.
    pub fn from_url(url: &str) -> Result<Bucket, StorageError> {
        let vars = std::env::vars_os()
            .filter_map(|(key, value)| Some((key.into_string().ok()?, value.into_string().ok()?)));
        Bucket::with_env(url, vars)
    }

    /// [`from_url`](Bucket::from_url) with these `AWS_*` variables instead of the process's.
    pub fn with_env(
        url: &str,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Bucket, StorageError> {
        let problem =
            |problem: &str| StorageError::Config { url: url.to_owned(), problem: problem.to_owned() };
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(problem(
                "is not a URL: use s3://bucket/prefix, or leave --media out for the data folder",
            ));
        };
        if scheme != "s3" {
            return Err(problem(&format!(
                "has the unknown scheme {scheme:?}: only s3://bucket/prefix is supported"
            )));
        }
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(problem("names no bucket: use s3://bucket/prefix"));
        }
        if bucket.contains(['?', '#', '@', ':']) || prefix.contains(['?', '#']) {
            return Err(problem("holds characters a bucket or key prefix cannot: use s3://bucket/prefix"));
        }
        let prefix = prefix.trim_matches('/');
        let key_prefix =
            Key::parse(prefix).map_err(|_| problem("has a key prefix with empty or relative parts"))?;
        let mut builder = AmazonS3Builder::new();
        let mut has_keys = false;
        let mut has_timeout = false;
        for (key, value) in vars {
            // What `AmazonS3Builder::from_env` does, from the given variables.
            let Some(name) = key.strip_prefix("AWS_") else { continue };
            has_keys |= name == "ACCESS_KEY_ID";
            has_timeout |= name == "TIMEOUT";
            if let Ok(config) = key.to_ascii_lowercase().parse::<AmazonS3ConfigKey>() {
                builder = builder.with_config(config, value);
            }
        }
        builder = builder
            .with_bucket_name(bucket)
            // Few retries: an upload waits on them, and an unreachable store should say so
            // within seconds, not the crate's three minutes.
            .with_retry(object_store::RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(20),
                ..Default::default()
            });
        if !has_timeout {
            builder =
                builder.with_config(AmazonS3ConfigKey::Client(ClientConfigKey::Timeout), REQUEST_TIMEOUT);
        }
        let store = builder.build().map_err(|err| problem(&format!("cannot be used: {err}")))?;
        let url =
            if prefix.is_empty() { format!("s3://{bucket}") } else { format!("s3://{bucket}/{prefix}") };
        Ok(Bucket {
            store: Arc::new(store),
            url,
            bucket: bucket.to_owned(),
            prefix: key_prefix,
            has_keys,
            #[cfg(feature = "testing")]
            fail_writing: None,
        })
    }

    /// `s3://bucket/prefix`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Makes every staging write of a file called `name` fail, after the files before it were
    /// written: a store that refuses half-way, for the tests of the clean-up.
    #[cfg(feature = "testing")]
    pub fn failing_to_write(mut self, name: &str) -> Bucket {
        self.fail_writing = Some(name.to_owned());
        self
    }

    /// Deletes the object `key` (the whole key, prefix included) behind the storage's back:
    /// for the tests of a copy whose source vanished. moto refuses unsigned deletes.
    #[cfg(feature = "testing")]
    pub async fn remove_object(&self, key: &str) {
        self.store.delete(&Key::from(key)).await.expect("delete the object");
    }

    /// Whether the bucket answers with these credentials: one listing of the prefix.
    pub async fn check(&self) -> Result<(), StorageError> {
        let listed =
            tokio::time::timeout(Duration::from_secs(30), self.store.list_with_delimiter(Some(&self.prefix)));
        match listed.await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(err)) if !self.has_keys => Err(StorageError::Config {
                url: self.url.clone(),
                problem: format!(
                    "cannot be reached without credentials (set AWS_ACCESS_KEY_ID and \
                     AWS_SECRET_ACCESS_KEY): {err}"
                ),
            }),
            Ok(Err(err)) => Err(StorageError::Config {
                url: self.url.clone(),
                problem: format!(
                    "cannot be reached (check AWS_ENDPOINT_URL, the bucket and the credentials): {err}"
                ),
            }),
            Err(_) => Err(StorageError::Config {
                url: self.url.clone(),
                problem: "did not answer within 30 s (check AWS_ENDPOINT_URL and the credentials)".to_owned(),
            }),
        }
    }

    fn item(&self, id: i64) -> Key {
        self.prefix.child(id.to_string())
    }

    fn key(&self, id: i64, name: &str) -> Key {
        self.item(id).child(name)
    }

    fn failed(&self, action: &'static str, key: &Key, err: object_store::Error) -> StorageError {
        StorageError::Io {
            action,
            place: format!("s3://{}/{key}", self.bucket),
            source: std::io::Error::other(err),
        }
    }

    pub(crate) async fn stage(&self, files: &[MediaFile]) -> Result<StagedObjects, StorageError> {
        let folder = self.prefix.child(STAGING).child(random_suffix()?);
        let writes = files.iter().map(|file| {
            let key = folder.child(file.name.as_str());
            async move {
                #[cfg(feature = "testing")]
                if self.fail_writing.as_deref() == Some(file.name.as_str()) {
                    let source = std::io::Error::new(std::io::ErrorKind::StorageFull, "failing on purpose");
                    return Err(StorageError::Io { action: "write", place: key.to_string(), source });
                }
                let payload = PutPayload::from(file.bytes.clone());
                self.store.put(&key, payload).await.map(|_| ()).map_err(|err| self.failed("write", &key, err))
            }
        });
        let results = futures_util::future::join_all(writes).await;
        let staged = StagedObjects { folder, names: files.iter().map(|file| file.name.clone()).collect() };
        match results.into_iter().find_map(Result::err) {
            None => Ok(staged),
            Some(err) => {
                // Deleting a key never written is no error on S3, so all are deleted alike.
                self.discard(&staged).await;
                Err(err)
            }
        }
    }

    pub(crate) async fn place(&self, staged: &StagedObjects, id: i64) -> Result<(), StorageError> {
        // The id was just handed out inside an open transaction, so no committed row has it:
        // objects there are left from a node that died between placing and committing.
        self.delete(id).await?;
        let copies = staged.names.iter().map(|name| {
            let (from, to) = (staged.folder.child(name.as_str()), self.key(id, name));
            async move { self.store.copy(&from, &to).await.map_err(|err| self.failed("copy", &to, err)) }
        });
        let results = futures_util::future::join_all(copies).await;
        if let Some(err) = results.into_iter().find_map(Result::err) {
            // The staged objects stay for the caller's discard; what was copied goes now.
            let _ = self.delete(id).await;
            return Err(err);
        }
        // The copies are the item's now; a staged object left by a failed delete is only
        // garbage for the sweep, never seen under an id.
        self.discard(staged).await;
        Ok(())
    }

    pub(crate) async fn discard(&self, staged: &StagedObjects) {
        let deletes = staged.names.iter().map(|name| {
            let key = staged.folder.child(name.as_str());
            async move { self.store.delete(&key).await }
        });
        let _ = futures_util::future::join_all(deletes).await;
    }

    pub(crate) async fn get(
        &self,
        id: i64,
        name: &str,
        range: Option<ByteRange>,
    ) -> Result<MediaRead, StorageError> {
        let key = self.key(id, name);
        let wanted = match range {
            None => None,
            Some(ByteRange::From(first)) => Some(GetRange::Offset(first)),
            Some(ByteRange::Inclusive { first, last }) if last >= first => {
                Some(GetRange::Bounded(first..last.saturating_add(1)))
            }
            Some(ByteRange::Last(count)) if count > 0 => Some(GetRange::Suffix(count)),
            // Unsatisfiable whatever the size; the size is needed for the answer.
            Some(range @ (ByteRange::Inclusive { .. } | ByteRange::Last(_))) => {
                let total = self.head(id, name, &key).await?;
                range.resolve(total)?;
                return Err(StorageError::RangeNotSatisfiable { total });
            }
        };
        let options = GetOptions { range: wanted, ..Default::default() };
        let got = match self.store.get_opts(&key, options).await {
            Ok(got) => got,
            Err(object_store::Error::NotFound { .. }) => {
                return Err(StorageError::NotFound { id, name: name.to_owned() });
            }
            // A range past the end is refused by the store (416); tell it apart from a failure.
            Err(err) => match range {
                Some(range) => {
                    let total = self.head(id, name, &key).await?;
                    range.resolve(total)?;
                    return Err(self.failed("read", &key, err));
                }
                None => return Err(self.failed("read", &key, err)),
            },
        };
        let total = got.meta.size;
        let range = got.range.clone();
        let chunks = got.into_stream().map_err(std::io::Error::other);
        Ok(MediaRead { total, range, body: Box::pin(tokio_util::io::StreamReader::new(chunks)) })
    }

    async fn head(&self, id: i64, name: &str, key: &Key) -> Result<u64, StorageError> {
        match self.store.head(key).await {
            Ok(meta) => Ok(meta.size),
            Err(object_store::Error::NotFound { .. }) => {
                Err(StorageError::NotFound { id, name: name.to_owned() })
            }
            Err(err) => Err(self.failed("read", key, err)),
        }
    }

    pub(crate) async fn size(&self, id: i64, name: &str) -> Result<Option<u64>, StorageError> {
        match self.head(id, name, &self.key(id, name)).await {
            Ok(size) => Ok(Some(size)),
            Err(StorageError::NotFound { .. }) => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// A PUT replaces an object whole: a reader sees the old one or the new one.
    pub(crate) async fn write_file(&self, id: i64, name: &str, bytes: &[u8]) -> Result<(), StorageError> {
        let key = self.key(id, name);
        self.store
            .put(&key, PutPayload::from(bytes.to_vec()))
            .await
            .map_err(|err| self.failed("write", &key, err))?;
        Ok(())
    }

    pub(crate) async fn list(&self, id: i64) -> Result<Vec<String>, StorageError> {
        let item = self.item(id);
        let listed = self
            .store
            .list_with_delimiter(Some(&item))
            .await
            .map_err(|err| self.failed("list", &item, err))?;
        let mut names: Vec<String> = listed
            .objects
            .iter()
            .filter_map(|object| object.location.filename())
            .filter(|name| check_name(name).is_ok())
            .map(str::to_owned)
            .collect();
        names.sort();
        Ok(names)
    }

    pub(crate) async fn delete(&self, id: i64) -> Result<(), StorageError> {
        let item = self.item(id);
        let keys: Vec<Key> = self
            .store
            .list(Some(&item))
            .map_ok(|object| object.location)
            .try_collect()
            .await
            .map_err(|err| self.failed("list", &item, err))?;
        let deletes = keys.iter().map(|key| async move { self.store.delete(key).await });
        for (key, result) in keys.iter().zip(futures_util::future::join_all(deletes).await) {
            match result {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(err) => return Err(self.failed("delete", key, err)),
            }
        }
        Ok(())
    }

    pub(crate) async fn item_ids(&self) -> Result<Vec<i64>, StorageError> {
        let listed = self
            .store
            .list_with_delimiter(Some(&self.prefix))
            .await
            .map_err(|err| self.failed("list", &self.prefix, err))?;
        let mut ids: Vec<i64> =
            listed.common_prefixes.iter().filter_map(|folder| folder.filename()?.parse().ok()).collect();
        ids.sort_unstable();
        Ok(ids)
    }

    pub(crate) async fn items_modified_before(&self, older_than: Duration) -> Result<Vec<i64>, StorageError> {
        let cutoff = cutoff(older_than);
        let staging = self.prefix.child(STAGING);
        let mut youngest = std::collections::BTreeMap::<i64, i64>::new();
        let mut objects = self.store.list(Some(&self.prefix));
        while let Some(object) = objects.next().await {
            let object = object.map_err(|err| self.failed("list", &self.prefix, err))?;
            if object.location.prefix_matches(&staging) {
                continue;
            }
            let Some(id) = object.location.prefix_match(&self.prefix).and_then(|mut parts| parts.next())
            else {
                continue;
            };
            if let Ok(id) = id.as_ref().parse::<i64>() {
                let written = object.last_modified.timestamp();
                youngest.entry(id).and_modify(|at| *at = (*at).max(written)).or_insert(written);
            }
        }
        Ok(youngest.into_iter().filter(|(_, written)| *written <= cutoff).map(|(id, _)| id).collect())
    }

    pub(crate) async fn remove_stale_staging(&self, older_than: Duration) -> Result<usize, StorageError> {
        let staging = self.prefix.child(STAGING);
        let cutoff = cutoff(older_than);
        let stale: Vec<Key> = self
            .store
            .list(Some(&staging))
            .try_filter(|object| std::future::ready(object.last_modified.timestamp() <= cutoff))
            .map_ok(|object| object.location)
            .try_collect()
            .await
            .map_err(|err| self.failed("list", &staging, err))?;
        // Owned keys and store: a future borrowing from its stream's items is not `Send` to
        // the compiler, and a node runs this sweep as a spawned task.
        let store = Arc::clone(&self.store);
        let removed = futures_util::stream::iter(stale)
            .map(move |key| {
                let store = Arc::clone(&store);
                async move { store.delete(&key).await.is_ok() }
            })
            .buffer_unordered(8)
            .filter(|deleted| std::future::ready(*deleted))
            .count()
            .await;
        Ok(removed)
    }
}

/// The Unix time `older_than` ago, in seconds: objects last written at or before it are old.
fn cutoff(older_than: Duration) -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(now.saturating_sub(older_than).as_secs()).unwrap_or(i64::MAX)
}
