//! The change-log follower: reads the change log once, in order, and hands each batch of new
//! entries to every subscriber (the page cache, the search indexer, and whatever comes later:
//! CDN purges, webhooks), each from its own resume position.
//!
//! Gaps: on PostgreSQL a transaction that took an earlier id may commit after one that took a
//! later id, so a young gap in the ids may still fill. A subscriber's position stops before
//! it; the entries after it are handed over once and remembered, and the position moves on
//! when the gap fills, or when the entry after it is older than [`GAP_GRACE`] (the gap is then
//! a rolled-back transaction's). SQLite has one writer and shows no such gap; the rule costs
//! nothing there.
//!
//! It wakes on [`ChangeFollower::wake`] (writes of this process), on PostgreSQL on the
//! notification every commit that adds to the log sends (writes of other processes and nodes,
//! see [`ChangeSignals`]), and polls every [`POLL_INTERVAL`] (by default) for whatever a lost
//! notification did not tell. A subscriber that fails is retried from its position at the next
//! round while the others go on.
//!
//! This module reads the log through [`Store::changes_after`] and hears of it through
//! [`Store::change_signals`] only — no SQL of its own — and knows nothing of what a change
//! means: that is each subscriber's business.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use time::OffsetDateTime;
use tokio::sync::{Mutex, Notify, oneshot};
use tokio::task::JoinHandle;

use crate::{ChangeEntry, ChangeSignal, ChangeSignals, Store, StoreError};

/// How often the change log is read when nobody signals a change: within the second we promise
/// between a write and its effect on search and cached pages, should a notification be lost.
pub const POLL_INTERVAL: Duration = Duration::from_millis(POLL_INTERVAL_MS);
/// [`POLL_INTERVAL`] in milliseconds, as `portico serve --change-poll-ms` takes it.
pub const POLL_INTERVAL_MS: u64 = 500;
/// How long to wait before listening again after the listening connection could not be
/// opened: the poll serves meanwhile.
pub const LISTEN_RETRY: Duration = Duration::from_secs(1);
/// Change-log entries read per query.
pub const CHANGE_BATCH: i64 = 500;
/// How long a gap in change-log ids may be waited for: far longer than any of our write
/// transactions.
pub const GAP_GRACE: time::Duration = time::Duration::seconds(30);

/// A boxed future, as [`Subscriber`]'s methods return (the trait is used as `dyn`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// What a subscriber's failure carries: its own error, whatever its type.
pub type SubscriberError = Box<dyn std::error::Error + Send + Sync>;

/// What a subscriber is handed: entries it has not seen, and where it then stands.
#[derive(Debug)]
pub struct Batch<'a> {
    /// New entries, oldest first, none handed to this subscriber before.
    pub entries: &'a [ChangeEntry],
    /// Once this batch is applied, every entry up to this id has been: the position to resume
    /// from after a restart (entries after it may be handed over again then; apply them twice
    /// harmlessly).
    pub position: i64,
}

/// One follower of the change log.
///
/// Methods are called one at a time per subscriber. An error leaves the subscriber's position
/// where it was: the same entries come again at the next round.
pub trait Subscriber: Send + 'static {
    /// A short name for log lines: `page cache`, `search index`.
    fn name(&self) -> &'static str;

    /// Called once before the first batch, with the position the subscriber starts from.
    fn start(&mut self, position: i64) -> BoxFuture<'_, Result<(), SubscriberError>> {
        let _ = position;
        Box::pin(async { Ok(()) })
    }

    /// Applies new entries (possibly none, when only the position moved).
    fn apply<'a>(&'a mut self, batch: Batch<'a>) -> BoxFuture<'a, Result<(), SubscriberError>>;

    /// Called after every round that applied everything: for work driven by the clock rather
    /// than by the log, such as publications coming due.
    fn tick(&mut self) -> BoxFuture<'_, Result<(), SubscriberError>> {
        Box::pin(async { Ok(()) })
    }
}

/// Where a new subscriber starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// After this change-log id: its own record of what it applied.
    After(i64),
    /// After the newest entry when it first runs: for state that starts empty, like a cache.
    End,
}

/// How the background follower hears of new entries; see [`ChangeFollower::spawn_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wakeups {
    /// How often the log is read when nothing else wakes the follower.
    pub poll: Duration,
    /// On PostgreSQL, whether to listen for the notification each commit that adds to the log
    /// sends. Off behind a pooler that cannot keep a listening session (PgBouncer in
    /// transaction mode): the poll alone then brings other nodes' writes.
    pub listen: bool,
}

impl Default for Wakeups {
    fn default() -> Self {
        Wakeups { poll: POLL_INTERVAL, listen: true }
    }
}

/// Names one subscription, to catch it up alone or to end it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SubscriptionId(u64);

/// Why a round did not bring every subscriber up to date.
#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    /// The change log could not be read.
    #[error("cannot read the change log")]
    Store(#[from] StoreError),
    /// A subscriber failed; it is retried from its position.
    #[error("the {name} cannot apply the change log")]
    Subscriber {
        /// The subscriber's name.
        name: &'static str,
        /// Its error.
        #[source]
        source: SubscriberError,
    },
}

/// A subscriber's place in the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Position {
    /// Every entry up to this id has been handed over.
    settled: i64,
    /// Entries after `settled` already handed over (read past a gap that may still fill).
    ahead: BTreeSet<i64>,
}

impl Position {
    /// The entries of `read` not handed over yet, and the position once they are. `read` must
    /// hold, in id order, every entry after `settled` that the log held when it was read and
    /// that is not in `ahead` (a read that starts at or before `settled`, or continues one).
    fn advance(&self, read: &[ChangeEntry], now: OffsetDateTime) -> (Vec<ChangeEntry>, Position) {
        let mut next = self.clone();
        let mut fresh = Vec::new();
        for entry in read.iter().filter(|entry| entry.id > self.settled) {
            if !next.ahead.contains(&entry.id) {
                fresh.push(entry.clone());
            }
            // Only the first entry after the position may move it: over a gap when old enough.
            let first = next.ahead.range(..entry.id).next().is_none();
            if first && (entry.id == next.settled + 1 || entry.at < now - GAP_GRACE) {
                next.settled = entry.id;
                next.ahead.remove(&entry.id);
            } else {
                next.ahead.insert(entry.id);
            }
        }
        (fresh, next)
    }
}

struct Slot {
    subscriber: Box<dyn Subscriber>,
    start: Start,
    /// `None` until started.
    position: Option<Position>,
    /// Whether its last attempt failed: failures are logged once per failing spell.
    failing: bool,
}

struct Subscription {
    id: SubscriptionId,
    name: &'static str,
    /// Held while the subscriber works, so that two rounds never hand it the same entries.
    slot: Mutex<Slot>,
}

/// Reads the change log for every subscriber; see the module docs. Shared as an `Arc`.
pub struct ChangeFollower {
    store: Store,
    subscriptions: std::sync::Mutex<Vec<Arc<Subscription>>>,
    next_id: AtomicU64,
    wake: Notify,
}

impl ChangeFollower {
    /// A follower of `store`'s change log with no subscriber yet; see [`ChangeFollower::spawn`].
    pub fn new(store: Store) -> Arc<ChangeFollower> {
        Arc::new(ChangeFollower {
            store,
            subscriptions: std::sync::Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1),
            wake: Notify::new(),
        })
    }

    fn list(&self) -> std::sync::MutexGuard<'_, Vec<Arc<Subscription>>> {
        // The list is pushed to and filtered whole: a poisoned lock still guards a valid list.
        self.subscriptions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a subscriber; it takes part from the next round on.
    pub fn subscribe(&self, subscriber: impl Subscriber, start: Start) -> SubscriptionId {
        let id = SubscriptionId(self.next_id.fetch_add(1, Ordering::Relaxed));
        let name = subscriber.name();
        let slot = Slot { subscriber: Box::new(subscriber), start, position: None, failing: false };
        self.list().push(Arc::new(Subscription { id, name, slot: Mutex::new(slot) }));
        id
    }

    /// Removes a subscriber, waiting for the work it has in hand, and drops it.
    pub async fn unsubscribe(&self, id: SubscriptionId) {
        let removed: Vec<Arc<Subscription>> = {
            let mut list = self.list();
            let (removed, kept) = list.drain(..).partition(|s| s.id == id);
            *list = kept;
            removed
        };
        for subscription in removed {
            drop(subscription.slot.lock().await);
        }
    }

    /// Asks for a round now rather than at the next poll. Cheap; call it after any write.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// One round for every subscriber: reads the log from the earliest position and hands
    /// each subscriber what it has not seen, then ticks those that are up to date. A failing
    /// subscriber does not hold the others back; the first error is returned.
    pub async fn catch_up(&self) -> Result<(), FollowError> {
        let subscriptions = self.list().clone();
        self.round(subscriptions).await
    }

    /// One round for one subscriber alone: for a caller that must see its own write applied
    /// before it goes on (the page cache, before a write request is answered).
    pub async fn catch_up_one(&self, id: SubscriptionId) -> Result<(), FollowError> {
        let subscriptions: Vec<_> = self.list().iter().filter(|s| s.id == id).cloned().collect();
        self.round(subscriptions).await
    }

    /// Runs rounds in the background with the default [`Wakeups`].
    pub fn spawn(self: &Arc<Self>) -> FollowerTask {
        self.spawn_with(Wakeups::default())
    }

    /// Runs rounds in the background: after each wake, each change-log signal when
    /// `wakeups.listen` (PostgreSQL), and every `wakeups.poll`.
    pub fn spawn_with(self: &Arc<Self>, wakeups: Wakeups) -> FollowerTask {
        let listener = match self.store.change_signals() {
            Some(signals) if wakeups.listen => Some(tokio::spawn(listen(self.clone(), signals))),
            _ => None,
        };
        let (stop, mut stopped) = oneshot::channel::<()>();
        let follower = self.clone();
        let task = tokio::spawn(async move {
            let mut failing = false;
            loop {
                // Subscribers' failures are logged by the round; the log's own here, once per
                // failing spell rather than every half second.
                match follower.catch_up().await {
                    Err(FollowError::Store(err)) if !failing => {
                        tracing::warn!(error = %err, "cannot read the change log; retrying");
                        failing = true;
                    }
                    Err(FollowError::Store(_)) => {}
                    _ if failing => {
                        tracing::info!("the change log can be read again");
                        failing = false;
                    }
                    _ => {}
                }
                tokio::select! {
                    _ = &mut stopped => return,
                    () = follower.wake.notified() => {}
                    () = tokio::time::sleep(wakeups.poll) => {}
                }
            }
        });
        FollowerTask { stop, task, listener }
    }

    async fn round(&self, subscriptions: Vec<Arc<Subscription>>) -> Result<(), FollowError> {
        let mut first_error = None;
        let mut active = Vec::new();
        let mut from = i64::MAX;
        for subscription in subscriptions {
            let mut slot = subscription.slot.lock().await;
            let started = self.start(&mut slot).await;
            match noted(&subscription, &mut slot, started) {
                Ok(settled) => {
                    from = from.min(settled);
                    drop(slot);
                    active.push(subscription);
                }
                Err(err) => {
                    first_error.get_or_insert(err);
                }
            }
        }
        // Every position is at or after `from` and positions only grow, so the reads below
        // cover every subscriber's unseen entries, as `Position::advance` requires.
        let mut cursor = from;
        while !active.is_empty() {
            let entries = self.store.changes_after(cursor, CHANGE_BATCH).await?;
            let now = crate::now();
            let mut still = Vec::with_capacity(active.len());
            for subscription in active {
                let mut slot = subscription.slot.lock().await;
                let delivered = deliver(&mut slot, &entries, now).await;
                match noted(&subscription, &mut slot, delivered) {
                    Ok(()) => {
                        drop(slot);
                        still.push(subscription);
                    }
                    // Handing it later batches would break their order: it waits for the next round.
                    Err(err) => {
                        first_error.get_or_insert(err);
                    }
                }
            }
            active = still;
            match entries.last() {
                Some(last) if entries.len() == CHANGE_BATCH as usize => cursor = last.id,
                _ => break,
            }
        }
        for subscription in active {
            let mut slot = subscription.slot.lock().await;
            let ticked =
                slot.subscriber.tick().await.map_err(|source| subscriber_error(&subscription, source));
            if let Err(err) = noted(&subscription, &mut slot, ticked) {
                first_error.get_or_insert(err);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Starts a subscriber not started yet; its settled position.
    async fn start(&self, slot: &mut Slot) -> Result<i64, FollowError> {
        if let Some(position) = &slot.position {
            return Ok(position.settled);
        }
        let settled = match slot.start {
            Start::After(id) => id,
            Start::End => self.store.last_change_id().await?.unwrap_or(0),
        };
        let name = slot.subscriber.name();
        slot.subscriber.start(settled).await.map_err(|source| FollowError::Subscriber { name, source })?;
        slot.position = Some(Position { settled, ahead: BTreeSet::new() });
        Ok(settled)
    }
}

/// Wakes `follower` on every change-log signal, listening again after a failure. Failures
/// are logged once per failing spell: the poll keeps the follower going meanwhile.
async fn listen(follower: Arc<ChangeFollower>, mut signals: ChangeSignals) {
    let mut listened = false;
    let mut failing = false;
    loop {
        match signals.next().await {
            Ok(signal) => {
                if signal == ChangeSignal::Listening {
                    if listened {
                        tracing::info!("listening for change-log notifications again");
                    } else {
                        tracing::info!("listening for change-log notifications");
                    }
                    listened = true;
                }
                failing = false;
                follower.wake();
            }
            Err(err) => {
                if !failing {
                    tracing::warn!(error = %err, "cannot listen for change-log notifications; polling meanwhile");
                    failing = true;
                }
                tokio::time::sleep(LISTEN_RETRY).await;
            }
        }
    }
}

/// Hands a started subscriber the entries of `read` it has not seen.
async fn deliver(slot: &mut Slot, read: &[ChangeEntry], now: OffsetDateTime) -> Result<(), FollowError> {
    let Some(position) = &slot.position else { return Ok(()) };
    let (fresh, next) = position.advance(read, now);
    if fresh.is_empty() && next.settled == position.settled {
        return Ok(());
    }
    let name = slot.subscriber.name();
    slot.subscriber
        .apply(Batch { entries: &fresh, position: next.settled })
        .await
        .map_err(|source| FollowError::Subscriber { name, source })?;
    slot.position = Some(next);
    Ok(())
}

fn subscriber_error(subscription: &Subscription, source: SubscriberError) -> FollowError {
    FollowError::Subscriber { name: subscription.name, source }
}

/// Logs a subscriber's failure once per failing spell, and its recovery.
fn noted<T>(
    subscription: &Subscription,
    slot: &mut Slot,
    result: Result<T, FollowError>,
) -> Result<T, FollowError> {
    match &result {
        Err(err) if !slot.failing => {
            let cause = std::error::Error::source(err).map(ToString::to_string).unwrap_or_default();
            tracing::warn!(subscriber = subscription.name, error = %err, cause = %cause, "retrying from its position");
            slot.failing = true;
        }
        Ok(_) if slot.failing => {
            tracing::info!(subscriber = subscription.name, "follows the change log again");
            slot.failing = false;
        }
        _ => {}
    }
    result
}

/// The follower running in the background; see [`ChangeFollower::spawn`].
pub struct FollowerTask {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
    /// Listens for change-log signals (PostgreSQL, when asked to).
    listener: Option<JoinHandle<()>>,
}

impl FollowerTask {
    /// Stops listening, stops after the round in hand, and waits.
    pub async fn shutdown(self) {
        if let Some(listener) = self.listener {
            // It holds nothing but its connection, which closes when the task is dropped.
            listener.abort();
            let _ = listener.await;
        }
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, age_seconds: i64, now: OffsetDateTime) -> ChangeEntry {
        ChangeEntry {
            id,
            at: now - time::Duration::seconds(age_seconds),
            site_id: Some(1),
            entity: "document".into(),
            entity_id: id,
            action: "update".into(),
            lists: None,
        }
    }

    fn ids(entries: &[ChangeEntry]) -> Vec<i64> {
        entries.iter().map(|e| e.id).collect()
    }

    #[test]
    fn a_recent_gap_holds_the_position_and_an_old_one_is_passed() {
        let now = crate::now();
        let at = |settled| Position { settled, ahead: BTreeSet::new() };
        let (fresh, next) = at(4).advance(&[entry(5, 1, now), entry(6, 1, now)], now);
        assert_eq!((ids(&fresh), next.settled), (vec![5, 6], 6), "no gap");
        let (fresh, next) = at(4).advance(&[entry(5, 1, now), entry(7, 1, now)], now);
        assert_eq!((ids(&fresh), next.settled), (vec![5, 7], 5), "6 may still commit");
        let (fresh, next) = at(4).advance(&[entry(6, 1, now)], now);
        assert_eq!((ids(&fresh), next.settled), (vec![6], 4), "5 may still commit");
        let (_, next) = at(4).advance(&[entry(5, 90, now), entry(7, 90, now)], now);
        assert_eq!(next.settled, 7, "an old gap is a rollback");
        let (_, next) = at(4).advance(&[entry(6, 1, now), entry(7, 90, now)], now);
        assert_eq!(next.settled, 4, "an old entry behind a young gap does not pass it");
    }

    #[test]
    fn entries_past_a_gap_are_handed_over_once_and_the_gap_fills_later() {
        let now = crate::now();
        let held = Position { settled: 4, ahead: BTreeSet::new() };
        let (_, held) = held.advance(&[entry(6, 1, now), entry(7, 1, now)], now);
        assert_eq!((held.settled, held.ahead.len()), (4, 2));
        let (fresh, next) = held.advance(&[entry(6, 1, now), entry(7, 1, now)], now);
        assert_eq!((ids(&fresh), next.settled), (vec![], 4), "nothing new while the gap stays");
        let (fresh, next) = held.advance(&[entry(5, 1, now), entry(6, 1, now), entry(7, 1, now)], now);
        assert_eq!((ids(&fresh), next.settled), (vec![5], 7), "the late entry alone, then past all");
        assert!(next.ahead.is_empty());
        let (fresh, next) = held.advance(&[entry(6, 60, now), entry(7, 60, now)], now);
        assert_eq!((ids(&fresh), next.settled), (vec![], 7), "given up on 5 once 6 is old");
    }

    /// What a test subscriber saw; shared with the test.
    #[derive(Default)]
    struct Seen {
        ids: Vec<i64>,
        positions: Vec<i64>,
        started_at: Option<i64>,
        ticks: usize,
    }

    /// Records what it is handed; fails while `fail` is set.
    struct Recorder {
        seen: Arc<std::sync::Mutex<Seen>>,
        fail: Arc<std::sync::atomic::AtomicBool>,
    }

    impl Recorder {
        fn new() -> (Recorder, Arc<std::sync::Mutex<Seen>>, Arc<std::sync::atomic::AtomicBool>) {
            let seen = Arc::new(std::sync::Mutex::new(Seen::default()));
            let fail = Arc::new(std::sync::atomic::AtomicBool::new(false));
            (Recorder { seen: seen.clone(), fail: fail.clone() }, seen, fail)
        }
    }

    #[derive(Debug, thiserror::Error)]
    #[error("told to fail")]
    struct ToldToFail;

    impl Subscriber for Recorder {
        fn name(&self) -> &'static str {
            "recorder"
        }

        fn start(&mut self, position: i64) -> BoxFuture<'_, Result<(), SubscriberError>> {
            self.seen.lock().expect("seen").started_at = Some(position);
            Box::pin(async { Ok(()) })
        }

        fn apply<'a>(&'a mut self, batch: Batch<'a>) -> BoxFuture<'a, Result<(), SubscriberError>> {
            Box::pin(async move {
                if self.fail.load(Ordering::Relaxed) {
                    return Err(ToldToFail.into());
                }
                let mut seen = self.seen.lock().expect("seen");
                seen.ids.extend(batch.entries.iter().map(|e| e.id));
                seen.positions.push(batch.position);
                Ok(())
            })
        }

        fn tick(&mut self) -> BoxFuture<'_, Result<(), SubscriberError>> {
            self.seen.lock().expect("seen").ticks += 1;
            Box::pin(async { Ok(()) })
        }
    }

    /// Appends `count` entries with ids of the database's choosing, written now.
    async fn append(store: &Store, count: i64) {
        crate::on_pool!(store, |pool| sqlx::query(
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < $1)
             insert into change_log (at, site_id, entity, entity_id, action)
             select $2, null, 'test', i, 'update' from n"
        )
        .bind(count)
        .bind(crate::now())
        .execute(pool)
        .await
        .map(|_| ()))
        .expect("append");
    }

    /// Appends one entry with this id, written `age_seconds` ago: how a gap looks to a reader
    /// (an id taken by a transaction that has not committed, or never will).
    async fn append_with_id(store: &Store, id: i64, age_seconds: i64) {
        crate::on_pool!(store, |pool| sqlx::query(
            "insert into change_log (id, at, site_id, entity, entity_id, action)
             values ($1, $2, null, 'test', $1, 'update')"
        )
        .bind(id)
        .bind(crate::now() - time::Duration::seconds(age_seconds))
        .execute(pool)
        .await
        .map(|_| ()))
        .expect("append with id");
    }

    #[tokio::test]
    async fn entries_reach_every_subscriber_once_in_order_on_both_databases() {
        for db in crate::testing::TestDb::each().await {
            let store = &db.store;
            append(store, 3).await;
            let follower = ChangeFollower::new(store.clone());
            let (from_start, first, _) = Recorder::new();
            let (from_end, second, _) = Recorder::new();
            follower.subscribe(from_start, Start::After(0));
            follower.subscribe(from_end, Start::End);
            follower.catch_up().await.expect("first round");
            // More than one read's worth, so that a round reads in several batches.
            append(store, CHANGE_BATCH + 20).await;
            follower.catch_up().await.expect("second round");
            follower.catch_up().await.expect("a round with nothing new");
            append(store, 2).await;
            follower.catch_up().await.expect("third round");

            let all: Vec<i64> =
                store.changes_after(0, 10_000).await.expect("log").iter().map(|e| e.id).collect();
            assert_eq!(all.len(), 3 + CHANGE_BATCH as usize + 20 + 2, "{}", store.backend());
            let first = first.lock().expect("seen");
            assert_eq!(first.ids, all, "every entry once, in order, on {}", store.backend());
            assert_eq!(first.started_at, Some(0));
            assert_eq!(
                first.positions,
                [all[2], all[502], all[522], all[524]],
                "one batch per read, and nothing handed over when nothing is new"
            );
            assert_eq!(first.ticks, 4, "ticked after every round");
            let second = second.lock().expect("seen");
            assert_eq!(second.started_at, Some(3), "started at the end");
            let after: Vec<i64> = all.iter().copied().filter(|id| *id > 3).collect();
            assert_eq!(second.ids, after, "from the end on, once, in order, on {}", store.backend());
            assert_eq!(second.positions.last(), all.last(), "up to date");
        }
    }

    #[tokio::test]
    async fn a_gap_younger_than_the_grace_holds_the_position_on_both_databases() {
        for db in crate::testing::TestDb::each().await {
            let store = &db.store;
            let follower = ChangeFollower::new(store.clone());
            let (recorder, seen, _) = Recorder::new();
            follower.subscribe(recorder, Start::After(0));
            for id in [1, 2, 3, 5] {
                append_with_id(store, id, 1).await;
            }
            follower.catch_up().await.expect("round");
            {
                let seen = seen.lock().expect("seen");
                assert_eq!(seen.ids, [1, 2, 3, 5], "handed over past the gap on {}", store.backend());
                assert_eq!(seen.positions, [3], "held before 4, which may still commit");
            }
            follower.catch_up().await.expect("round");
            assert_eq!(seen.lock().expect("seen").ids.len(), 4, "5 is not handed over twice");

            // 4 commits late: it alone is new, and the position passes 5.
            append_with_id(store, 4, 0).await;
            // 6 never commits; 7 is older than the grace, so 6 was rolled back.
            append_with_id(store, 7, 60).await;
            follower.catch_up().await.expect("round");
            let seen = seen.lock().expect("seen");
            assert_eq!(seen.ids, [1, 2, 3, 5, 4, 7], "on {}", store.backend());
            assert_eq!(seen.positions, [3, 7], "on {}", store.backend());
        }
    }

    #[tokio::test]
    async fn a_postgresql_transaction_that_commits_late_is_not_missed() {
        let db = crate::testing::TestDb::postgres().await;
        let crate::Pool::Postgres(pool) = &db.store.pool else { unreachable!("a PostgreSQL test database") };
        let insert = "insert into change_log (at, site_id, entity, entity_id, action)
                      values ($1, null, 'test', 0, 'update') returning id";
        let follower = ChangeFollower::new(db.store.clone());
        let (recorder, seen, _) = Recorder::new();
        follower.subscribe(recorder, Start::After(0));
        // The slow transaction takes its id first and commits last.
        let mut slow = pool.begin().await.expect("begin");
        let early: i64 =
            sqlx::query_scalar(insert).bind(crate::now()).fetch_one(&mut *slow).await.expect("early");
        let late: i64 = sqlx::query_scalar(insert).bind(crate::now()).fetch_one(pool).await.expect("late");
        assert!(early < late);
        follower.catch_up().await.expect("round");
        assert_eq!(seen.lock().expect("seen").ids, [late]);
        slow.commit().await.expect("commit");
        follower.catch_up().await.expect("round");
        let seen = seen.lock().expect("seen");
        assert_eq!(seen.ids, [late, early], "the late commit reached the subscriber");
        assert_eq!(seen.positions, [early - 1, late]);
    }

    /// The backends of this process's change listeners on `pool`'s database: (pid, last query).
    async fn listeners(pool: &sqlx::PgPool) -> Vec<(i32, String)> {
        sqlx::query_as(
            "select pid, query from pg_stat_activity
             where application_name = $1 and datname = current_database() order by pid",
        )
        .bind(crate::listener_application_name(std::process::id()))
        .fetch_all(pool)
        .await
        .expect("pg_stat_activity")
    }

    /// Waits until one listener backend other than `old` has run its LISTEN; its pid.
    async fn a_new_listener(pool: &sqlx::PgPool, old: Option<i32>) -> i32 {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let now = listeners(pool).await;
            match now.as_slice() {
                [(pid, query)] if Some(*pid) != old && query.starts_with("LISTEN") => return *pid,
                _ if tokio::time::Instant::now() > deadline => panic!("no new listener: {now:?}"),
                _ => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    /// Waits until the recorder has seen `count` entries or 10 s have passed.
    async fn seen_count(seen: &std::sync::Mutex<Seen>, count: usize) -> usize {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let now = seen.lock().expect("seen").ids.len();
            if now >= count || tokio::time::Instant::now() > deadline {
                return now;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Whether nothing is heard for a while (a pass proves little alone; a failure is real).
    async fn quiet(signals: &mut ChangeSignals) -> bool {
        tokio::time::timeout(Duration::from_millis(300), signals.next()).await.is_err()
    }

    #[tokio::test]
    async fn a_commit_notifies_once_and_only_when_it_commits_on_postgresql() {
        let db = crate::testing::TestDb::postgres().await;
        let crate::Pool::Postgres(pool) = &db.store.pool else { unreachable!("a PostgreSQL test database") };
        let mut signals = db.store.change_signals().expect("signals on PostgreSQL");
        assert_eq!(signals.next().await.expect("listen"), ChangeSignal::Listening);

        let mut tx = pool.begin().await.expect("begin");
        // A bulk insert, then one more row: one transaction, several statements.
        sqlx::query(
            "insert into change_log (at, site_id, entity, entity_id, action)
             select $1, null, 'test', i, 'update' from generate_series(1, 600) i",
        )
        .bind(crate::now())
        .execute(&mut *tx)
        .await
        .expect("bulk insert");
        sqlx::query("insert into change_log (at, site_id, entity, entity_id, action) values ($1, null, 'test', 0, 'update')")
            .bind(crate::now())
            .execute(&mut *tx)
            .await
            .expect("insert");
        assert!(quiet(&mut signals).await, "nothing is heard before the commit");
        tx.commit().await.expect("commit");
        let heard = tokio::time::timeout(Duration::from_secs(10), signals.next()).await;
        assert_eq!(heard.expect("heard after the commit").expect("signal"), ChangeSignal::Notified);
        assert!(quiet(&mut signals).await, "one notification for the transaction");

        let mut rolled_back = pool.begin().await.expect("begin");
        sqlx::query("insert into change_log (at, site_id, entity, entity_id, action) values ($1, null, 'test', 0, 'update')")
            .bind(crate::now())
            .execute(&mut *rolled_back)
            .await
            .expect("insert");
        rolled_back.rollback().await.expect("rollback");
        assert!(quiet(&mut signals).await, "a rolled-back transaction notifies nobody");
    }

    #[tokio::test]
    async fn another_connections_commit_wakes_the_follower_and_a_killed_listener_comes_back_on_postgresql() {
        let db = crate::testing::TestDb::postgres().await;
        let crate::Pool::Postgres(pool) = &db.store.pool else { unreachable!("a PostgreSQL test database") };
        let follower = ChangeFollower::new(db.store.clone());
        let (recorder, seen, _) = Recorder::new();
        follower.subscribe(recorder, Start::End);
        // A poll far longer than the test: only a notification can bring the writes below.
        let task = follower.spawn_with(Wakeups { poll: Duration::from_secs(3600), listen: true });
        let first = a_new_listener(pool, None).await;
        // The first round starts the subscriber at the end; a write before it would be skipped.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while seen.lock().expect("seen").started_at.is_none() && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }

        // Written through the store's pool without `wake`: as another node writes.
        append(&db.store, 2).await;
        assert_eq!(seen_count(&seen, 2).await, 2, "the notification woke the follower");

        // The database ends the listening connection (a restart, a proxy's idle cut).
        let ended: bool = sqlx::query_scalar("select pg_terminate_backend($1)")
            .bind(first)
            .fetch_one(pool)
            .await
            .expect("terminate");
        assert!(ended);
        let second = a_new_listener(pool, Some(first)).await;
        assert_ne!(first, second);
        append(&db.store, 1).await;
        assert_eq!(seen_count(&seen, 3).await, 3, "the new connection listens");
        task.shutdown().await;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while !listeners(pool).await.is_empty() && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(listeners(pool).await, [], "a stopped follower listens no more");
    }

    #[tokio::test]
    async fn without_listening_the_poll_alone_brings_other_writes() {
        for db in crate::testing::TestDb::each().await {
            let follower = ChangeFollower::new(db.store.clone());
            let (recorder, seen, _) = Recorder::new();
            follower.subscribe(recorder, Start::After(0));
            let task = follower.spawn_with(Wakeups { poll: Duration::from_millis(50), listen: false });
            append(&db.store, 1).await;
            assert_eq!(seen_count(&seen, 1).await, 1, "polled on {}", db.store.backend());
            if let crate::Pool::Postgres(pool) = &db.store.pool {
                assert_eq!(listeners(pool).await, [], "nothing listens when told not to");
            } else {
                assert!(db.store.change_signals().is_none(), "SQLite has no notifications");
            }
            task.shutdown().await;
        }
    }

    #[tokio::test]
    async fn a_failing_subscriber_is_retried_from_its_position_on_both_databases() {
        for db in crate::testing::TestDb::each().await {
            let store = &db.store;
            let follower = ChangeFollower::new(store.clone());
            let (failing, failed, fail) = Recorder::new();
            let (healthy, other, _) = Recorder::new();
            follower.subscribe(failing, Start::After(0));
            follower.subscribe(healthy, Start::After(0));
            append(store, 2).await;
            follower.catch_up().await.expect("both apply");
            append(store, 3).await;
            fail.store(true, Ordering::Relaxed);
            let err = follower.catch_up().await.expect_err("one fails");
            assert!(matches!(err, FollowError::Subscriber { name: "recorder", .. }), "{err:?}");
            assert_eq!(other.lock().expect("seen").ids.len(), 5, "the other went on");
            assert_eq!(failed.lock().expect("seen").ticks, 1, "no tick while behind");

            fail.store(false, Ordering::Relaxed);
            follower.catch_up().await.expect("retried");
            let all: Vec<i64> =
                store.changes_after(0, 100).await.expect("log").iter().map(|e| e.id).collect();
            assert_eq!(
                failed.lock().expect("seen").ids,
                all,
                "from its position, once, on {}",
                store.backend()
            );
            assert_eq!(other.lock().expect("seen").ids, all, "nothing twice for the other");
        }
    }

    #[tokio::test]
    async fn the_background_follower_applies_writes_and_lets_go_when_unsubscribed() {
        for db in crate::testing::TestDb::each().await {
            let store = &db.store;
            let follower = ChangeFollower::new(store.clone());
            let (recorder, seen, _) = Recorder::new();
            let id = follower.subscribe(recorder, Start::End);
            let task = follower.spawn();
            let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
            // Started at the end once the first round ran.
            while seen.lock().expect("seen").started_at.is_none() && tokio::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            append(store, 1).await;
            follower.wake();
            while seen.lock().expect("seen").ids.is_empty() && tokio::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            assert_eq!(
                seen.lock().expect("seen").ids.len(),
                1,
                "applied in the background on {}",
                store.backend()
            );
            task.shutdown().await;
            follower.unsubscribe(id).await;
            assert_eq!(Arc::strong_count(&seen), 1, "the subscriber was dropped");
        }
    }
}
