//! Feed ingest, the aggregator: a site subscribes to external RSS or Atom feeds (another
//! Portico site, any publisher), and this crate fetches them on a schedule and stores their
//! items — deduplicated, sanitized, dated in UTC, marked with their source — for the site's
//! "elsewhere" news list.
//!
//! Everything a feed sends is hostile until cleaned. This crate must never fetch from a
//! non-public address (unless loopback is allowed for tests), never read more than its byte
//! cap or wait longer than its time limit, never store HTML that was not sanitized, and never
//! let one feed's failure stop the others.
//!
//! Without its default feature `store`, the crate is the fetcher and the parser alone (what the
//! fuzz targets build, without a database driver).

mod fetch;
mod filter;
mod parse;
mod policy;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

use std::time::Duration;

#[cfg(feature = "store")]
use portico_store::{Actor, FeedId, FeedSubscription, FeedUpdate, NewIngestedItem, Store, StoreError};
#[cfg(feature = "store")]
use time::OffsetDateTime;

pub use fetch::{Conditional, FetchError, Fetched, Fetcher, Limits, feed_url};
pub use filter::Filter;
pub use parse::{MAX_ITEMS, ParseError, ParsedFeed, ParsedItem, parse_feed, plain_text};
pub use policy::{AddressPolicy, Refused, non_public_reason};

/// How often the background job looks for feeds that are due.
pub const CHECK_INTERVAL: Duration = Duration::from_secs(60);
/// Fewest minutes between two fetches of one feed.
pub const MIN_INTERVAL_MINUTES: i32 = 5;
/// Most minutes between two fetches of one feed (a week).
pub const MAX_INTERVAL_MINUTES: i32 = 7 * 24 * 60;
/// Minutes between fetches unless the subscription says otherwise.
pub const DEFAULT_INTERVAL_MINUTES: i32 = 60;

/// How feeds are fetched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settings {
    /// Let feeds be fetched from loopback addresses (127.0.0.0/8, ::1): for tests and local
    /// development. Every other non-public address stays refused.
    pub allow_loopback: bool,
    /// Time, size and redirect limits.
    pub limits: Limits,
}

/// How one refresh of a feed went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The feed was read.
    Updated {
        /// Items stored for the first time.
        new_items: u64,
        /// Items that passed the filters (new or already stored).
        kept: usize,
        /// Items the filters left out.
        filtered_out: usize,
    },
    /// The publisher answered 304: nothing new.
    NotModified,
    /// The fetch or the parse failed; the reason was recorded and logged.
    Failed(String),
    /// Another fetch of the feed holds its lease (another node's, or this one's background
    /// job): nothing was fetched or recorded.
    Busy,
}

/// This process's name on the feed leases it takes: the host, the process id and a random
/// number, since two nodes in containers may share both of the others (process 1 on `web`).
pub fn process_holder() -> &'static str {
    static HOLDER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HOLDER.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        // The standard library seeds each `RandomState` from the system's randomness: enough
        // to tell processes apart, without a dependency for it.
        let nonce = std::collections::hash_map::RandomState::new().build_hasher().finish();
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .or_else(|| std::env::var("HOSTNAME").ok())
            .map(|h| h.trim().chars().take(64).collect::<String>())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "node".to_owned());
        format!("{host}/{}/{nonce:016x}", std::process::id())
    })
}

/// Fetches subscribed feeds into the store. Each fetch holds the feed's lease in the database
/// (see [`Store::take_feed_lease`]), so that nodes sharing a database fetch a feed once.
#[cfg(feature = "store")]
#[derive(Debug, Clone)]
pub struct Ingester {
    store: Store,
    fetcher: Fetcher,
    holder: std::sync::Arc<str>,
}

#[cfg(feature = "store")]
impl Ingester {
    /// An ingester writing to `store`, fetching by `settings`, holding leases as this
    /// process ([`process_holder`]).
    pub fn new(store: Store, settings: Settings) -> Ingester {
        let policy = AddressPolicy { allow_loopback: settings.allow_loopback };
        Ingester {
            store,
            fetcher: Fetcher { policy, limits: settings.limits },
            holder: std::sync::Arc::from(process_holder()),
        }
    }

    /// The same ingester holding leases under another name: for tests that play several nodes
    /// in one process.
    pub fn with_holder(mut self, holder: &str) -> Ingester {
        self.holder = std::sync::Arc::from(holder);
        self
    }

    /// The name this ingester's leases carry.
    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// How long the longest refresh may take: [`Ingester::refresh_due`] abandons one after it.
    fn deadline(&self) -> Duration {
        self.fetcher.limits.timeout + Duration::from_secs(30)
    }

    /// How long a lease lasts: beyond the deadline, so that a live fetch never loses it and
    /// no renewal is needed; a dead node's lease is taken over once it ends.
    pub fn lease_length(&self) -> Duration {
        self.deadline() + Duration::from_secs(60)
    }

    /// Takes the feed's lease, or says who cannot.
    async fn lease(&self, id: FeedId, only_if_due: bool) -> Result<Option<FeedSubscription>, StoreError> {
        let at = portico_store::now();
        let until = at + self.lease_length();
        self.store.take_feed_lease(id, &self.holder, at, until, only_if_due).await
    }

    /// Ends this ingester's lease on a feed. A failure only delays the next fetch to the
    /// lease's end, so it is logged, not returned.
    async fn release(&self, id: FeedId) {
        if let Err(err) = self.store.release_feed_lease(id, &self.holder).await {
            tracing::warn!(feed.id = %id, error = %err, "cannot release a feed's lease");
        }
    }

    /// Ends every lease this ingester still holds: for a node that stops mid-fetch, so that
    /// another takes its feeds at once rather than when the leases end.
    pub async fn release_all(&self) -> Result<u64, StoreError> {
        self.store.release_feed_leases_of(&self.holder).await
    }

    /// Checks a feed address before subscribing: see [`Fetcher::check`]. Returns it normalized.
    pub fn check_url(&self, url: &str) -> Result<String, FetchError> {
        self.fetcher.check(url).map(String::from)
    }

    /// Fetches one feed now, whatever its schedule, and records how it went, as the ingest
    /// job (`system:ingest` in the audit log). Only a store failure is an error; a feed's own
    /// failure is an [`Outcome::Failed`].
    pub async fn refresh(&self, feed: &FeedSubscription) -> Result<Outcome, StoreError> {
        self.refresh_as(feed, &Actor::system("ingest")).await
    }

    /// [`Ingester::refresh`] on behalf of `actor` (a person pressing "fetch now"), whose audit
    /// entry the store writes with the fetch's record. [`Outcome::Busy`] when another fetch of
    /// the feed holds its lease.
    pub async fn refresh_as(&self, feed: &FeedSubscription, actor: &Actor) -> Result<Outcome, StoreError> {
        let Some(leased) = self.lease(feed.id, false).await? else { return Ok(Outcome::Busy) };
        let outcome = self.fetch_and_record(&leased, actor).await;
        self.release(feed.id).await;
        outcome
    }

    /// Fetches a feed whose lease this ingester holds, and records how it went.
    async fn fetch_and_record(&self, feed: &FeedSubscription, actor: &Actor) -> Result<Outcome, StoreError> {
        let started = portico_store::now();
        let minutes = feed.fetch_interval_minutes.clamp(MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES);
        let next_at = started + time::Duration::minutes(i64::from(minutes));
        let conditional =
            Conditional { etag: feed.etag.as_deref(), last_modified: feed.last_modified.as_deref() };
        let (bytes, url, etag, last_modified) = match self.fetcher.fetch(&feed.url, conditional).await {
            Ok(Fetched::NotModified) => {
                let audit = actor.doing("feed.fetch").with_detail("not modified");
                self.store.record_feed_not_modified(feed.id, started, next_at, &audit).await?;
                tracing::info!(feed.id = %feed.id, feed.url = %feed.url, "feed not modified");
                return Ok(Outcome::NotModified);
            }
            Ok(Fetched::Body { bytes, url, etag, last_modified }) => (bytes, url, etag, last_modified),
            Err(err) => return self.fail(feed, actor, started, next_at, err.to_string()).await,
        };
        let source = url.to_string();
        let parsed = tokio::task::spawn_blocking(move || parse_feed(&bytes, &source, started)).await;
        let parsed = match parsed {
            Ok(Ok(parsed)) => parsed,
            Ok(Err(err)) => return self.fail(feed, actor, started, next_at, err.to_string()).await,
            Err(err) => {
                let reason = format!("reading the feed failed: {err}");
                return self.fail(feed, actor, started, next_at, reason).await;
            }
        };
        for note in &parsed.notes {
            tracing::info!(feed.id = %feed.id, note = %note, "feed item fixed or left out");
        }
        let update = to_update(feed, parsed, etag, last_modified);
        let (kept, filtered_out) = (update.kept, update.filtered_out);
        let audit =
            actor.doing("feed.fetch").with_detail(format!("{kept} kept, {filtered_out} filtered out"));
        let new_items =
            self.store.record_feed_update(feed.id, started, next_at, &update.update, &audit).await?;
        tracing::info!(feed.id = %feed.id, feed.url = %feed.url, new_items, kept, filtered_out, "feed read");
        Ok(Outcome::Updated { new_items, kept, filtered_out })
    }

    async fn fail(
        &self,
        feed: &FeedSubscription,
        actor: &Actor,
        at: OffsetDateTime,
        next_at: OffsetDateTime,
        reason: String,
    ) -> Result<Outcome, StoreError> {
        tracing::warn!(feed.id = %feed.id, feed.url = %feed.url, error = %reason, "feed fetch failed");
        let audit = actor.doing("feed.fetch").with_detail(reason.chars().take(500).collect::<String>());
        self.store.record_feed_failure(feed.id, at, next_at, &reason, &audit).await?;
        Ok(Outcome::Failed(reason))
    }

    /// Refreshes every enabled feed that is due, one after the other, each under its lease:
    /// a feed another node is fetching, or fetched since the due list was read, is left out.
    /// Returns the feeds this ingester fetched. Each runs in its own task under a deadline,
    /// so a feed that fails, hangs or panics never stops the rest.
    pub async fn refresh_due(&self) -> Result<Vec<(FeedId, Outcome)>, StoreError> {
        let due = self.store.due_feed_subscriptions(portico_store::now()).await?;
        let deadline = self.deadline();
        let mut outcomes = Vec::with_capacity(due.len());
        for feed in due {
            let id = feed.id;
            let Some(leased) = self.lease(id, true).await? else { continue };
            let ingester = self.clone();
            let actor = Actor::system("ingest");
            let task = tokio::spawn(async move { ingester.fetch_and_record(&leased, &actor).await });
            // Also when a stopping server drops this round: the fetch must stop with it.
            let abort = AbortOnDrop(task.abort_handle());
            let outcome = match tokio::time::timeout(deadline, task).await {
                Ok(Ok(Ok(outcome))) => outcome,
                Ok(Ok(Err(err))) => {
                    tracing::warn!(feed.id = %id, error = %err, "cannot record a feed fetch");
                    Outcome::Failed(err.to_string())
                }
                Ok(Err(err)) => {
                    tracing::error!(feed.id = %id, error = %err, "feed refresh task failed");
                    Outcome::Failed(format!("refresh task failed: {err}"))
                }
                Err(_) => {
                    abort.0.abort();
                    let reason = format!("no result within {} seconds", deadline.as_secs());
                    tracing::warn!(feed.id = %id, error = %reason, "feed refresh abandoned");
                    let now = portico_store::now();
                    let retry = now + time::Duration::minutes(i64::from(MIN_INTERVAL_MINUTES));
                    let audit = Actor::system("ingest").doing("feed.fetch").with_detail(reason.clone());
                    if let Err(err) = self.store.record_feed_failure(id, now, retry, &reason, &audit).await {
                        self.release(id).await;
                        return Err(err);
                    }
                    Outcome::Failed(reason)
                }
            };
            self.release(id).await;
            outcomes.push((id, outcome));
        }
        Ok(outcomes)
    }

    /// The background job: refreshes due feeds now and then every `every`, until dropped.
    pub async fn run(self, every: Duration) {
        let mut interval = tokio::time::interval(every);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if let Err(err) = self.refresh_due().await {
                tracing::warn!(error = %err, "cannot refresh feeds");
            }
        }
    }
}

/// Aborts a spawned task when dropped.
#[cfg(feature = "store")]
struct AbortOnDrop(tokio::task::AbortHandle);

#[cfg(feature = "store")]
impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(feature = "store")]
struct Filtered {
    update: FeedUpdate,
    kept: usize,
    filtered_out: usize,
}

/// The items that pass the subscription's filters, shaped for the store.
#[cfg(feature = "store")]
fn to_update(
    feed: &FeedSubscription,
    parsed: ParsedFeed,
    etag: Option<String>,
    last_modified: Option<String>,
) -> Filtered {
    let filter = Filter::new(&feed.keywords, &feed.categories);
    let total = parsed.items.len();
    let items: Vec<NewIngestedItem> = parsed
        .items
        .into_iter()
        .filter(|item| filter.keeps(item))
        .map(|item| NewIngestedItem {
            guid: item.guid,
            link: item.link,
            title: item.title,
            summary_html: item.summary_html,
            published_at: item.published_at,
        })
        .collect();
    let kept = items.len();
    Filtered {
        update: FeedUpdate { etag, last_modified, feed_title: parsed.title, items },
        kept,
        filtered_out: total - kept,
    }
}
