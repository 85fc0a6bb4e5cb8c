//! The search indexer: keeps the full-text index in `DATA/search` in step with what readers
//! can see, as a subscriber of the change-log follower ([`ChangeFollower`]); and the full
//! rebuild behind `portico reindex`.
//!
//! The index records, with every commit, the change-log position the follower hands it, so
//! after a crash or a stop the server resumes from there: nothing is lost between a write and
//! its indexing. A new, emptied or foreign index is rebuilt from the store instead.
//!
//! The index holds every language variant, drafts included, for the back office's document
//! list; a variant readers may not see is indexed hidden, and the public search never shows
//! it. This module never decides what is public: the store marks each variant visible or not,
//! with the same rule as every public page. Index calls block, so they run on tokio's
//! blocking threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use portico_content::{DocumentId, SiteId, VariantId};
use portico_search::{DeskQuery, IndexDoc, SearchError, SearchIndex};
use portico_store::follower::{Batch, BoxFuture, ChangeFollower, Start, Subscriber, SubscriberError};
use portico_store::{IndexableVariant, Store};
use time::OffsetDateTime;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Variants read per query during a rebuild.
const REBUILD_PAGE: i64 = 250;
/// Variants upserted between two commits of a rebuild: bounds the writer's queue (see
/// [`SearchIndex`]) without paying for a commit per document.
const REBUILD_COMMIT_EVERY: u64 = 1_000;
/// The commit payload while a rebuild is under way: not a point to resume from, so an
/// interrupted rebuild starts again at the next start.
const REBUILDING: i64 = -1;
/// How long a rebuild that has caught up with a running import waits before looking again.
const FOLLOW_PAUSE: Duration = Duration::from_millis(200);
/// How long to wait before trying again after the index could not be prepared (another
/// process holds it, the database is down).
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// Where the index of a data folder lives.
pub fn index_dir(data: &Path) -> PathBuf {
    data.join("search")
}

/// Opens (creating when missing) the index of a data folder. An index written by another
/// version of Portico is derived data: it is deleted and created anew, empty, to be rebuilt.
pub async fn open_index(data: &Path) -> Result<SearchIndex> {
    let dir = index_dir(data);
    tokio::task::spawn_blocking(move || match SearchIndex::open(&dir) {
        Err(SearchError::IncompatibleIndex { .. }) => {
            tracing::warn!(path = %dir.display(), "the search index is from another version: rebuilding it");
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove the old search index {}", dir.display()))?;
            SearchIndex::open(&dir).with_context(|| format!("cannot open the search index {}", dir.display()))
        }
        other => other.with_context(|| format!("cannot open the search index {}", dir.display())),
    })
    .await
    .context("search index task")?
}

/// Runs index work on a blocking thread.
async fn blocking<T: Send + 'static>(
    index: &SearchIndex,
    work: impl FnOnce(&SearchIndex) -> Result<T, SearchError> + Send + 'static,
) -> Result<T> {
    let index = index.clone();
    Ok(tokio::task::spawn_blocking(move || work(&index)).await.context("search index task")??)
}

/// What the index takes of a variant: hidden unless readers may see it now.
fn index_doc(variant: IndexableVariant) -> IndexDoc {
    IndexDoc {
        hidden: !variant.visible,
        status: variant.status,
        author_id: variant.author.unwrap_or(0),
        editor_id: variant.editor.unwrap_or(0),
        updated_at: variant.updated_at.unix_timestamp(),
        variant_id: variant.variant.0,
        document_id: variant.document.0,
        site_id: variant.site.0,
        language: variant.language,
        kind: variant.kind,
        slug: variant.slug,
        title: variant.title,
        summary: variant.summary,
        body_text: variant.body_text,
        dateline: variant.dateline,
        countries: variant.countries,
        themes: variant.themes,
        published_at: variant.published_at.map_or(0, OffsetDateTime::unix_timestamp),
    }
}

/// Whether `error` is another process holding the index's write lock.
pub fn is_locked(error: &anyhow::Error) -> bool {
    matches!(error.downcast_ref::<SearchError>(), Some(SearchError::Locked))
}

/// Empties the index and fills it with every variant of every site (those readers may not see
/// hidden), then records the change-log position it reflects. `progress(done, total)` is called after each page.
///
/// Changes written while it runs are not lost: the position is read before the content, so
/// the indexer applies them again afterwards (applying a change twice is harmless).
pub async fn rebuild(store: &Store, index: &SearchIndex, progress: impl FnMut(u64, u64)) -> Result<u64> {
    rebuild_following(store, index, None, progress).await
}

/// As [`rebuild`], alongside the one writer that is still filling the database (`portico
/// demo`'s import): while `writing` holds `true`, having caught up means waiting for more
/// rather than finishing, so the index is built on the other core while the import runs
/// instead of after it. The position is then read once the writer is done, before the last
/// pass: nothing else writes meanwhile, so the index holds everything up to it and the
/// server does not index the import's changes again.
pub async fn rebuild_following(
    store: &Store,
    index: &SearchIndex,
    mut writing: Option<tokio::sync::watch::Receiver<bool>>,
    mut progress: impl FnMut(u64, u64),
) -> Result<u64> {
    let mut position = store.last_change_id().await?.unwrap_or(0);
    let mut total = u64::try_from(store.count_variants().await?).unwrap_or(0);
    progress(0, total);
    blocking(index, |index| index.clear()).await?;
    let mut done: u64 = 0;
    let mut since_commit: u64 = 0;
    let mut after = VariantId(0);
    loop {
        let page = store.variants_after(after, REBUILD_PAGE).await?;
        let Some(last) = page.last() else {
            let Some(watch) = writing.as_mut() else { break };
            // Woken by the writer's end, or in a moment to read what it wrote since; a
            // writer gone without a word is done too.
            let finished = !*watch.borrow_and_update()
                || matches!(tokio::time::timeout(FOLLOW_PAUSE, watch.changed()).await, Ok(Err(_)));
            if finished {
                writing = None;
                position = store.last_change_id().await?.unwrap_or(0);
            }
            continue;
        };
        after = last.variant;
        let count = page.len() as u64;
        let docs: Vec<IndexDoc> = page.into_iter().map(index_doc).collect();
        since_commit += count;
        let commit = since_commit >= REBUILD_COMMIT_EVERY;
        blocking(index, move |index| {
            for doc in &docs {
                index.upsert(doc)?;
            }
            if commit { index.commit(REBUILDING) } else { Ok(()) }
        })
        .await?;
        if commit {
            since_commit = 0;
        }
        done += count;
        // Variants published meanwhile (or still being imported) make `done` pass the first count.
        total = total.max(done);
        progress(done, total);
    }
    blocking(index, move |index| index.commit(position)).await?;
    Ok(done)
}

/// Documents to look at again at a given time: published variants dated in the future become
/// visible then without any change-log entry.
#[derive(Debug, Default)]
struct Later(BTreeMap<OffsetDateTime, Vec<DocumentId>>);

impl Later {
    fn add(&mut self, at: OffsetDateTime, document: DocumentId) {
        let documents = self.0.entry(at).or_default();
        if !documents.contains(&document) {
            documents.push(document);
        }
    }

    /// Removes and returns the documents whose time has come.
    fn take_due(&mut self, now: OffsetDateTime) -> Vec<DocumentId> {
        let later = self.0.split_off(&(now + time::Duration::seconds(1)));
        let due = std::mem::replace(&mut self.0, later);
        let mut documents: Vec<DocumentId> = due.into_values().flatten().collect();
        documents.sort_unstable();
        documents.dedup();
        documents
    }
}

/// Makes the index show a document as the store has it now: its variants upserted, hidden
/// unless readers may see them, and those it no longer has removed. Not committed.
async fn apply_document(
    store: &Store,
    index: &SearchIndex,
    document: DocumentId,
    site: Option<SiteId>,
    later: &mut Later,
) -> Result<()> {
    let variants = store.indexable_variants(document).await?;
    if variants.is_empty() {
        // Deleted: the store no longer knows its variants, the index does.
        let Some(site) = site else { return Ok(()) };
        return blocking(index, move |index| {
            for variant in indexed_variants_of(index, site, document)? {
                index.delete(variant)?;
            }
            Ok(())
        })
        .await;
    }
    let now = portico_store::now();
    let mut upserts = Vec::new();
    for variant in variants {
        // Shown to readers when its time comes, without a change-log entry.
        if let Some(at) = variant.published_at.filter(|at| !variant.visible && *at > now) {
            later.add(at, document);
        }
        upserts.push(index_doc(variant));
    }
    blocking(index, move |index| {
        for doc in &upserts {
            index.upsert(doc)?;
        }
        Ok(())
    })
    .await
}

/// The variant ids the index holds for a document, hidden or not, found by listing the site's
/// documents: slow on a large site, but only deleted documents need it.
fn indexed_variants_of(
    index: &SearchIndex,
    site: SiteId,
    document: DocumentId,
) -> Result<Vec<i64>, SearchError> {
    let mut found = Vec::new();
    let limit = portico_search::MAX_DESK_LIMIT;
    for page in 0.. {
        let query =
            DeskQuery { sites: Some(vec![site.0]), offset: page * limit, limit, ..DeskQuery::default() };
        let results = index.desk_search(&query)?;
        found.extend(
            results.hits.iter().filter(|hit| hit.document_id == document.0).map(|hit| hit.variant_id),
        );
        let seen = (page + 1) * limit;
        if results.hits.is_empty() || seen >= results.total.min(portico_search::MAX_RESULT_WINDOW) {
            break;
        }
    }
    Ok(found)
}

/// Re-applies documents whose publication time has come since they were last indexed.
async fn publish_due(store: &Store, index: &SearchIndex, later: &mut Later) -> Result<()> {
    let due = later.take_due(portico_store::now());
    if due.is_empty() {
        return Ok(());
    }
    for document in due {
        apply_document(store, index, document, None, later).await?;
    }
    let position = index.last_applied_change().unwrap_or(0).max(0);
    blocking(index, move |index| index.commit(position)).await
}

/// Gets the index ready to follow the change log: rebuilt when it is new, was emptied, was
/// left by an unfinished rebuild or is ahead of this database (another database's index);
/// else claimed with an empty commit, so that the write lock is ours from the start and a
/// `portico reindex` run alongside is refused rather than fighting over it.
async fn prepare(store: &Store, index: &SearchIndex) -> Result<Later> {
    let last_change = store.last_change_id().await?.unwrap_or(0);
    let rebuild_needed = match index.last_applied_change() {
        None => true,
        Some(position) if position < 0 || position > last_change => true,
        Some(_) => index.num_docs() == 0 && store.count_variants().await? > 0,
    };
    if rebuild_needed {
        let count = rebuild(store, index, |_, _| {}).await?;
        tracing::info!(documents = count, "search index rebuilt");
    } else {
        let position = index.last_applied_change().unwrap_or(0);
        blocking(index, move |index| index.commit(position)).await?;
    }
    let mut later = Later::default();
    for (document, at) in store.published_later().await? {
        later.add(at, document);
    }
    Ok(later)
}

/// The index as a change-log subscriber: each batch's documents applied, then one commit that
/// records the batch's position.
struct IndexFollower {
    store: Store,
    index: SearchIndex,
    later: Later,
}

impl Subscriber for IndexFollower {
    fn name(&self) -> &'static str {
        "search index"
    }

    fn apply<'a>(&'a mut self, batch: Batch<'a>) -> BoxFuture<'a, Result<(), SubscriberError>> {
        Box::pin(async move {
            let mut documents: Vec<(DocumentId, Option<SiteId>)> = Vec::new();
            for entry in batch.entries.iter().filter(|entry| entry.entity == "document") {
                let document = (DocumentId(entry.entity_id), entry.site_id.map(SiteId));
                if !documents.contains(&document) {
                    documents.push(document);
                }
            }
            for (document, site) in documents {
                apply_document(&self.store, &self.index, document, site, &mut self.later).await?;
            }
            let position = batch.position;
            blocking(&self.index, move |index| index.commit(position)).await?;
            if !batch.entries.is_empty() {
                tracing::debug!(changes = batch.entries.len(), "search index updated");
            }
            Ok(())
        })
    }

    fn tick(&mut self) -> BoxFuture<'_, Result<(), SubscriberError>> {
        Box::pin(async move { Ok(publish_due(&self.store, &self.index, &mut self.later).await?) })
    }
}

/// The indexer running in the background; see [`spawn`].
pub struct Indexer {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Indexer {
    /// Stops and waits for the work in hand, so that the index's write lock is released when
    /// this returns (once the web side has dropped its handle too).
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Prepares `index` (see the module docs), retrying while that fails, then subscribes it to
/// `change_log` from the position it records, until [`Indexer::shutdown`].
pub fn spawn(store: Store, index: SearchIndex, change_log: Arc<ChangeFollower>) -> Indexer {
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(run(store, index, change_log, stopped));
    Indexer { stop, task }
}

async fn run(
    store: Store,
    index: SearchIndex,
    change_log: Arc<ChangeFollower>,
    mut stopped: oneshot::Receiver<()>,
) {
    let later = loop {
        match prepare(&store, &index).await {
            Ok(later) => break later,
            Err(err) => {
                if is_locked(&err) {
                    tracing::warn!(
                        "another process holds the search index; search follows changes once it stops"
                    );
                } else {
                    tracing::warn!(error = %format!("{err:#}"), "cannot prepare the search index");
                }
                tokio::select! {
                    _ = &mut stopped => return,
                    () = tokio::time::sleep(RETRY_AFTER) => continue,
                }
            }
        }
    };
    let position = index.last_applied_change().unwrap_or(0).max(0);
    let subscription = change_log.subscribe(IndexFollower { store, index, later }, Start::After(position));
    // Whatever was written while the index was prepared is applied now, not at the next poll.
    change_log.wake();
    let _ = stopped.await;
    change_log.unsubscribe(subscription).await;
}

/// `portico reindex`: rebuilds the index of a data folder from its database, drawing a
/// progress bar on a terminal. Refused while a server holds the index.
pub async fn reindex(store: &Store, data: &Path) -> Result<u64> {
    let dir = index_dir(data);
    let index = open_index(data).await?;
    let bar = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages and releases ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let result = rebuild(store, &index, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .await;
    bar.finish_and_clear();
    match result {
        Err(err) if is_locked(&err) => Err(anyhow!(
            "the search index in {} is in use by a running Portico server, which keeps it up to date; \
             stop the server first to rebuild it",
            dir.display()
        )),
        other => other.with_context(|| format!("cannot rebuild the search index in {}", dir.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_documents_come_due_in_time_order() {
        let now = portico_store::now();
        let mut later = Later::default();
        later.add(now + time::Duration::hours(1), DocumentId(3));
        later.add(now - time::Duration::seconds(5), DocumentId(1));
        later.add(now, DocumentId(2));
        later.add(now, DocumentId(2));
        assert_eq!(later.take_due(now), [DocumentId(1), DocumentId(2)]);
        assert!(later.take_due(now).is_empty(), "taken once");
        assert_eq!(later.take_due(now + time::Duration::hours(2)), [DocumentId(3)]);
    }
}
