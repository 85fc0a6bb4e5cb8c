//! `portico media`: move a media folder to an object store and back (`migrate`), and clear
//! what uploads cut short left behind (`sweep`).
//!
//! A migration copies file by file and skips a file the target already holds at the same
//! size, so running it again after an interruption resumes where it stopped, and running it
//! twice changes nothing. It never deletes from the source: the source stays whole until the
//! nodes serve from the target and its owner removes it.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use portico_content::MediaId;
use portico_media::MediaStorage;
use portico_store::Store;
use tokio::task::JoinSet;

/// Items copied at once: an object store answers each request in tens of milliseconds, so
/// one at a time would take hours over a large archive.
const COPIES_AT_ONCE: usize = 16;

/// What a migration did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Migrated {
    /// Items found in the source.
    pub items: usize,
    /// Files written to the target.
    pub copied: usize,
    /// Files the target already held at the same size.
    pub skipped: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Copies every item of `from` into `to`, skipping the files `to` already holds at the same
/// size. Both are checked first, so a bad bucket or an unreachable endpoint stops it before
/// anything is copied.
pub async fn migrate(from: &MediaStorage, to: &MediaStorage) -> Result<Migrated> {
    from.check().await?;
    to.check().await?;
    if let MediaStorage::Local(folder) = from
        && !folder.folder().is_dir()
    {
        bail!("there is no media folder at {} to migrate", folder.folder().display());
    }
    let ids =
        from.item_ids().await.with_context(|| format!("cannot list the media in {}", from.describe()))?;
    let mut done = Migrated { items: ids.len(), ..Migrated::default() };
    let mut copies = JoinSet::new();
    for id in ids {
        if copies.len() >= COPIES_AT_ONCE {
            add(&mut done, copies.join_next().await)?;
        }
        let (from, to) = (from.clone(), to.clone());
        copies.spawn(async move { copy_item(&from, &to, id).await });
    }
    while let Some(joined) = copies.join_next().await {
        add(&mut done, Some(joined))?;
    }
    Ok(done)
}

fn add(done: &mut Migrated, joined: Option<Result<Result<Migrated>, tokio::task::JoinError>>) -> Result<()> {
    if let Some(joined) = joined {
        let item = joined.context("a copy stopped")??;
        done.copied += item.copied;
        done.skipped += item.skipped;
        done.bytes += item.bytes;
    }
    Ok(())
}

async fn copy_item(from: &MediaStorage, to: &MediaStorage, id: i64) -> Result<Migrated> {
    let mut done = Migrated::default();
    for name in from.list(id).await? {
        let size = from.size(id, &name).await?;
        if size.is_some() && to.size(id, &name).await? == size {
            done.skipped += 1;
            continue;
        }
        let bytes =
            from.read(id, &name).await.with_context(|| format!("cannot read media item {id}'s {name}"))?;
        to.write_file(id, &name, &bytes)
            .await
            .with_context(|| format!("cannot write media item {id}'s {name}"))?;
        done.copied += 1;
        done.bytes += bytes.len() as u64;
    }
    Ok(done)
}

/// What a sweep removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Staged files (or staging folders) of uploads that never finished.
    pub staged: usize,
    /// Items whose row never committed.
    pub items: usize,
}

/// Removes what uploads cut short left, once older than `older_than`: staged files, and the
/// files of items without a row (a process killed between placing them and committing).
/// Keep `older_than` above the longest upload: younger files may be an upload in flight on
/// another node.
pub async fn sweep(store: &Store, media: &MediaStorage, older_than: Duration) -> Result<Swept> {
    let staged = media.remove_stale_staging(older_than).await?;
    let mut items = 0;
    for id in media.items_modified_before(older_than).await? {
        if store.media(MediaId(id)).await?.is_none() {
            media.delete(id).await?;
            tracing::info!(media.id = id, "removed the files of a media item that has no row");
            items += 1;
        }
    }
    Ok(Swept { staged, items })
}
