//! Feed ingest: the external feeds a site subscribes to, how their last fetch went, and the
//! items read from them. Fetching and cleaning live in `portico-ingest`; this module only
//! stores what it hands over, already sanitized.

use portico_content::SiteId;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::audit::record_audit;
use crate::{Result, Store, StoreError, now, on_pool};

/// A feed subscription's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FeedId(pub i64);

impl std::fmt::Display for FeedId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How the last fetch of a feed went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FetchStatus {
    /// Never fetched yet.
    Never,
    /// Fetched and read.
    Ok,
    /// The publisher answered 304: nothing new since the last fetch.
    NotModified,
    /// Failed; [`FeedSubscription::last_error`] says why.
    Error,
}

impl FetchStatus {
    fn parse(text: &str) -> FetchStatus {
        match text {
            "ok" => FetchStatus::Ok,
            "not_modified" => FetchStatus::NotModified,
            "error" => FetchStatus::Error,
            _ => FetchStatus::Never,
        }
    }
}

/// An external RSS or Atom feed a site takes items from.
#[derive(Debug, Clone, Serialize)]
pub struct FeedSubscription {
    /// Its id.
    pub id: FeedId,
    /// The site whose "elsewhere" list shows its items.
    pub site: SiteId,
    /// The feed's address (http or https).
    pub url: String,
    /// The source's name shown beside its items; the feed's own title when left empty.
    pub title: String,
    /// An item must mention one of these (in its title or summary) to be kept; none: all kept.
    pub keywords: Vec<String>,
    /// An item must carry one of these categories to be kept; none: all kept.
    pub categories: Vec<String>,
    /// The validator of the last full answer, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The date of the last full answer, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// When it was last fetched, successfully or not.
    pub last_fetched_at: Option<OffsetDateTime>,
    /// When it is due again; `None`: due now.
    pub next_fetch_at: Option<OffsetDateTime>,
    /// How the last fetch went.
    pub last_status: FetchStatus,
    /// Why the last fetch failed.
    pub last_error: Option<String>,
    /// Minutes between fetches.
    pub fetch_interval_minutes: i32,
    /// Whether it is fetched and its items shown.
    pub enabled: bool,
}

/// A subscription to create.
#[derive(Debug, Clone)]
pub struct NewFeedSubscription {
    /// See [`FeedSubscription::site`].
    pub site: SiteId,
    /// See [`FeedSubscription::url`].
    pub url: String,
    /// See [`FeedSubscription::title`].
    pub title: String,
    /// See [`FeedSubscription::keywords`].
    pub keywords: Vec<String>,
    /// See [`FeedSubscription::categories`].
    pub categories: Vec<String>,
    /// See [`FeedSubscription::fetch_interval_minutes`].
    pub fetch_interval_minutes: i32,
}

/// An item read from a feed, ready to store: sanitized, its date in UTC.
#[derive(Debug, Clone)]
pub struct NewIngestedItem {
    /// Its id in the feed, else its link: what makes it the same item on the next fetch.
    pub guid: String,
    /// The origin page, http(s), or "".
    pub link: String,
    /// Plain-text title.
    pub title: String,
    /// Sanitized HTML.
    pub summary_html: String,
    /// When it was published, UTC.
    pub published_at: OffsetDateTime,
}

/// A successful fetch to record.
#[derive(Debug, Clone)]
pub struct FeedUpdate {
    /// The answer's `ETag`.
    pub etag: Option<String>,
    /// The answer's `Last-Modified`.
    pub last_modified: Option<String>,
    /// The feed's own title, kept as the source's name when the subscription has none.
    pub feed_title: String,
    /// The items that passed the filters.
    pub items: Vec<NewIngestedItem>,
}

/// An item as shown in the "elsewhere" list.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct IngestedItem {
    /// Its row.
    pub id: i64,
    /// The origin page, or "".
    pub link: String,
    /// Plain-text title.
    pub title: String,
    /// Sanitized HTML.
    pub summary_html: String,
    /// When it was published, UTC.
    pub published_at: OffsetDateTime,
    /// The subscription's name for the source (may be empty: then show the host).
    pub source_title: String,
    /// The feed's address.
    pub source_url: String,
}

/// One page of ingested items.
#[derive(Debug, Clone, Serialize)]
pub struct IngestedList {
    /// Newest first.
    pub items: Vec<IngestedItem>,
    /// How many there are in all.
    pub total: i64,
}

#[derive(sqlx::FromRow)]
struct FeedRow {
    id: i64,
    site_id: i64,
    url: String,
    title: String,
    keywords: String,
    categories: String,
    etag: Option<String>,
    last_modified: Option<String>,
    last_fetched_at: Option<OffsetDateTime>,
    next_fetch_at: Option<OffsetDateTime>,
    last_status: String,
    last_error: Option<String>,
    fetch_interval_minutes: i32,
    enabled: bool,
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Commas separate the stored list, so a value cannot hold one.
fn join_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| v.replace(',', " ").trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(",")
}

impl From<FeedRow> for FeedSubscription {
    fn from(row: FeedRow) -> Self {
        FeedSubscription {
            id: FeedId(row.id),
            site: SiteId(row.site_id),
            url: row.url,
            title: row.title,
            keywords: split_list(&row.keywords),
            categories: split_list(&row.categories),
            etag: row.etag,
            last_modified: row.last_modified,
            last_fetched_at: row.last_fetched_at,
            next_fetch_at: row.next_fetch_at,
            last_status: FetchStatus::parse(&row.last_status),
            last_error: row.last_error,
            fetch_interval_minutes: row.fetch_interval_minutes,
            enabled: row.enabled,
        }
    }
}

/// The columns a [`FeedRow`] reads, for `select` and `returning` alike.
macro_rules! feed_columns {
    () => {
        "id, site_id, url, title, keywords, categories, etag, last_modified, last_fetched_at,
         next_fetch_at, last_status, last_error, fetch_interval_minutes, enabled"
    };
}

const FEED_RETURNING: &str = feed_columns!();
const FEED_COLUMNS: &str = concat!("select ", feed_columns!(), " from feed_subscriptions");

/// Appends a change-log row for a subscription in the current transaction.
macro_rules! log_feed_change {
    ($tx:expr, $at:expr, $site:expr, $id:expr, $action:expr) => {
        sqlx::query(
            "insert into change_log (at, site_id, entity, entity_id, action)
             values ($1, $2, 'feed_subscription', $3, $4)",
        )
        .bind($at)
        .bind($site)
        .bind($id)
        .bind($action)
        .execute(&mut *$tx)
        .await?
    };
}

/// Whether a feed write by `audit`'s actor leaves an audit entry: a person's always; a system
/// job's (the scheduled fetch, every few minutes per feed) only when it stored something, so
/// that the log shows what ingest brought in rather than every look at a feed.
fn audits(audit: &crate::Audit, changed: bool) -> bool {
    changed || !audit.actor.is_system()
}

impl Store {
    /// Subscribes a site to a feed, with its audit entry; the same address twice on one site
    /// is a conflict on `url`.
    pub async fn create_feed_subscription(
        &self,
        new: &NewFeedSubscription,
        audit: &crate::Audit,
    ) -> Result<FeedId> {
        let at = now();
        let id: i64 = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into feed_subscriptions (site_id, url, title, keywords, categories,
                     fetch_interval_minutes, created_at)
                 values ($1, $2, $3, $4, $5, $6, $7) returning id",
            )
            .bind(new.site.0)
            .bind(&new.url)
            .bind(&new.title)
            .bind(join_list(&new.keywords))
            .bind(join_list(&new.categories))
            .bind(new.fetch_interval_minutes)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            log_feed_change!(tx, at, new.site.0, id, "create");
            record_audit!(tx, at, audit, new.site.0, "feed", id);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }
        .await)
        .map_err(StoreError::conflict_on("url"))?;
        Ok(FeedId(id))
    }

    /// Every subscription, by site then address.
    pub async fn feed_subscriptions(&self) -> Result<Vec<FeedSubscription>> {
        let sql = format!("{FEED_COLUMNS} order by site_id, url");
        let rows: Vec<FeedRow> = on_pool!(self, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(FeedSubscription::from).collect())
    }

    /// The subscription with this id.
    pub async fn feed_subscription(&self, id: FeedId) -> Result<Option<FeedSubscription>> {
        let sql = format!("{FEED_COLUMNS} where id = $1");
        let row: Option<FeedRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(FeedSubscription::from))
    }

    /// Enabled subscriptions whose next fetch time has come (or that were never fetched).
    pub async fn due_feed_subscriptions(&self, at: OffsetDateTime) -> Result<Vec<FeedSubscription>> {
        let sql = format!(
            "{FEED_COLUMNS} where enabled and (next_fetch_at is null or next_fetch_at <= $1)
             order by next_fetch_at, id"
        );
        let rows: Vec<FeedRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(crate::normalize(at)).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(FeedSubscription::from).collect())
    }

    /// Takes the lease on a feed for `holder` until `until`, in one conditional update: only
    /// when nobody holds it or the holder's lease ended by `at` (a node that died mid-fetch),
    /// and, with `only_if_due`, only while the feed is still enabled and due at `at` — so a
    /// node that read the due list before another recorded its fetch does not fetch again.
    /// Returns the feed as it stands once leased (its validators fresh), or `None` when the
    /// lease is someone else's, the feed is no longer due, or it is gone. Even the same
    /// holder cannot take a lease it holds: one fetch of a feed per process at a time too.
    pub async fn take_feed_lease(
        &self,
        id: FeedId,
        holder: &str,
        at: OffsetDateTime,
        until: OffsetDateTime,
        only_if_due: bool,
    ) -> Result<Option<FeedSubscription>> {
        let due =
            if only_if_due { "and enabled and (next_fetch_at is null or next_fetch_at <= $4)" } else { "" };
        let sql = format!(
            "update feed_subscriptions set lease_holder = $1, lease_until = $2
             where id = $3 and (lease_holder is null or lease_until <= $4) {due}
             returning {FEED_RETURNING}"
        );
        let row: Option<FeedRow> = on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(holder)
                .bind(crate::normalize(until))
                .bind(id.0)
                .bind(crate::normalize(at))
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(FeedSubscription::from))
    }

    /// Ends `holder`'s lease on a feed, so that the next due fetch may be any node's; a lease
    /// taken over by another holder meanwhile stays theirs. `false` when `holder` held none.
    pub async fn release_feed_lease(&self, id: FeedId, holder: &str) -> Result<bool> {
        let released = on_pool!(self, |pool| {
            sqlx::query(
                "update feed_subscriptions set lease_holder = null, lease_until = null
                 where id = $1 and lease_holder = $2",
            )
            .bind(id.0)
            .bind(holder)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(released > 0)
    }

    /// Ends every lease `holder` still has (a node stopping mid-fetch); returns how many.
    pub async fn release_feed_leases_of(&self, holder: &str) -> Result<u64> {
        let released = on_pool!(self, |pool| {
            sqlx::query(
                "update feed_subscriptions set lease_holder = null, lease_until = null
                 where lease_holder = $1",
            )
            .bind(holder)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(released)
    }

    /// Who holds the lease on a feed and until when; `None` when nobody does.
    pub async fn feed_lease(&self, id: FeedId) -> Result<Option<(String, OffsetDateTime)>> {
        let row: Option<(Option<String>, Option<OffsetDateTime>)> = on_pool!(self, |pool| {
            sqlx::query_as("select lease_holder, lease_until from feed_subscriptions where id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.and_then(|(holder, until)| holder.zip(until)))
    }

    /// Turns fetching (and showing the items) on or off; `false` when there is no such subscription.
    pub async fn set_feed_subscription_enabled(
        &self,
        id: FeedId,
        enabled: bool,
        audit: &crate::Audit,
    ) -> Result<bool> {
        let at = now();
        Ok(on_pool!(self, |pool| {
            async {
                let mut tx = pool.begin_with(self.begin_write()).await?;
                let site: Option<i64> = sqlx::query_scalar(
                    "update feed_subscriptions set enabled = $1, next_fetch_at = null
                 where id = $2 returning site_id",
                )
                .bind(enabled)
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(site) = site {
                    log_feed_change!(tx, at, site, id.0, if enabled { "enable" } else { "disable" });
                    record_audit!(tx, at, audit, site, "feed", id.0);
                }
                tx.commit().await?;
                Ok::<_, sqlx::Error>(site.is_some())
            }
            .await
        })?)
    }

    /// Removes a subscription and every item read from it; `false` when there was none.
    pub async fn delete_feed_subscription(&self, id: FeedId, audit: &crate::Audit) -> Result<bool> {
        let at = now();
        Ok(on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            // Explicitly, not only by the foreign key's cascade: SQLite enforces it only when
            // the connection enabled foreign keys.
            sqlx::query("delete from ingested_items where subscription_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            let site: Option<i64> =
                sqlx::query_scalar("delete from feed_subscriptions where id = $1 returning site_id")
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(site) = site {
                log_feed_change!(tx, at, site, id.0, "delete");
                record_audit!(tx, at, audit, site, "feed", id.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(site.is_some())
        }
        .await)?)
    }

    /// Records a fetch that read the feed: new validators, the feed's title, and the items not
    /// stored before (an item already stored under the same guid is left as it is). Returns
    /// how many items were new. The audit entry's note starts with that count (`3 new, …`).
    pub async fn record_feed_update(
        &self,
        id: FeedId,
        at: OffsetDateTime,
        next_at: OffsetDateTime,
        update: &FeedUpdate,
        audit: &crate::Audit,
    ) -> Result<u64> {
        let (at, next_at) = (crate::normalize(at), crate::normalize(next_at));
        Ok(on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let site: Option<i64> = sqlx::query_scalar(
                "update feed_subscriptions set etag = $1, last_modified = $2, last_fetched_at = $3,
                     next_fetch_at = $4, last_status = 'ok', last_error = null,
                     title = case when title = '' then $5 else title end
                 where id = $6 returning site_id",
            )
            .bind(&update.etag)
            .bind(&update.last_modified)
            .bind(at)
            .bind(next_at)
            .bind(&update.feed_title)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            // Removed while it was being fetched: nothing to record.
            let Some(site) = site else { return Ok(0) };
            let mut new_items = 0;
            for item in &update.items {
                new_items += sqlx::query(
                    "insert into ingested_items (subscription_id, guid, link, title, summary_html,
                         published_at, fetched_at)
                     values ($1, $2, $3, $4, $5, $6, $7)
                     on conflict (subscription_id, guid) do nothing",
                )
                .bind(id.0)
                .bind(&item.guid)
                .bind(&item.link)
                .bind(&item.title)
                .bind(&item.summary_html)
                .bind(crate::normalize(item.published_at))
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            if new_items > 0 {
                log_feed_change!(tx, at, site, id.0, "ingest");
            }
            if audits(audit, new_items > 0) {
                let mut audit = audit.clone();
                audit.detail = match audit.detail.as_str() {
                    "" => format!("{new_items} new"),
                    rest => format!("{new_items} new, {rest}"),
                };
                record_audit!(tx, at, audit, site, "feed", id.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(new_items)
        }
        .await)?)
    }

    /// Records a fetch the publisher answered with 304 Not Modified.
    pub async fn record_feed_not_modified(
        &self,
        id: FeedId,
        at: OffsetDateTime,
        next_at: OffsetDateTime,
        audit: &crate::Audit,
    ) -> Result<()> {
        let at = crate::normalize(at);
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let site: Option<i64> = sqlx::query_scalar(
                "update feed_subscriptions set last_fetched_at = $1, next_fetch_at = $2,
                     last_status = 'not_modified', last_error = null
                 where id = $3 returning site_id",
            )
            .bind(at)
            .bind(crate::normalize(next_at))
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(site) = site.filter(|_| audits(audit, false)) {
                record_audit!(tx, at, audit, site, "feed", id.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// Records a failed fetch and why; the validators of the last good answer are kept.
    pub async fn record_feed_failure(
        &self,
        id: FeedId,
        at: OffsetDateTime,
        next_at: OffsetDateTime,
        error: &str,
        audit: &crate::Audit,
    ) -> Result<()> {
        let at = crate::normalize(at);
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let site: Option<i64> = sqlx::query_scalar(
                "update feed_subscriptions set last_fetched_at = $1, next_fetch_at = $2,
                     last_status = 'error', last_error = $3
                 where id = $4 returning site_id",
            )
            .bind(at)
            .bind(crate::normalize(next_at))
            .bind(error)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(site) = site.filter(|_| audits(audit, false)) {
                record_audit!(tx, at, audit, site, "feed", id.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// One page of the items of the site's enabled subscriptions, newest first; `page`
    /// counts from 1.
    pub async fn ingested_items(&self, site: SiteId, page: u32, per_page: u32) -> Result<IngestedList> {
        let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
        let (items, total) = on_pool!(self, |pool| async {
            let items: Vec<IngestedItem> = sqlx::query_as(
                "select i.id, i.link, i.title, i.summary_html, i.published_at,
                        s.title as source_title, s.url as source_url
                 from ingested_items i join feed_subscriptions s on s.id = i.subscription_id
                 where s.site_id = $1 and s.enabled
                 order by i.published_at desc, i.id desc limit $2 offset $3",
            )
            .bind(site.0)
            .bind(i64::from(per_page))
            .bind(offset)
            .fetch_all(pool)
            .await?;
            let total: i64 = sqlx::query_scalar(
                "select count(*) from ingested_items i join feed_subscriptions s on s.id = i.subscription_id
                 where s.site_id = $1 and s.enabled",
            )
            .bind(site.0)
            .fetch_one(pool)
            .await?;
            Ok::<_, sqlx::Error>((items, total))
        }
        .await)?;
        Ok(IngestedList { items, total })
    }

    /// How many items a subscription has stored.
    pub async fn ingested_item_count(&self, id: FeedId) -> Result<i64> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar("select count(*) from ingested_items where subscription_id = $1")
                .bind(id.0)
                .fetch_one(pool)
                .await
        })?)
    }
}
