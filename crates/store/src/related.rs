//! Related releases kept on write. Weighing them reads a few hundred candidate rows (see
//! [`Store::weigh_related`]); a release page reads the few rows kept here instead.
//!
//! Every change to the lists (the one place, `listing::apply!`) queues the releases whose
//! rows changed in `related_pending`, in the writing transaction, so no write is missed,
//! whichever command or node made it. [`Store::refresh_related`], run by a background job,
//! weighs the queued releases newest first and keeps [`RELATED_KEPT`] per list. A release
//! queued because it changed also queues, once, the releases it shares something with and
//! those that show it, since it may now belong among theirs or have left their lists — those
//! weighed before the change only, so an archive imported at once is weighed once. Until
//! a release is weighed, a read weighs it on the spot, so a page is never without them.

use std::collections::{BTreeSet, HashMap};

use portico_content::{DocumentId, SiteId};

use crate::listing::current_rows;
use crate::syndication::Weighing;
use crate::{ReleaseSummary, Result, Store, on_pool};

/// Related releases kept per list: more than a page shows, so that one unpublished since
/// (filtered out when read, until its turn in the queue) still leaves enough.
pub const RELATED_KEPT: u32 = 8;

/// The kept related releases of document `$1` in site `$2`'s lists in language `$3`, best
/// first: no row when it was not weighed yet; one row with no id when nothing is related.
pub(crate) const KEPT_RELATED: &str = "select r.related_id from related_computed c
     left join related_releases r
       on r.document_id = c.document_id and r.site_id = c.site_id and r.language = c.language
     where c.document_id = $1 and c.site_id = $2 and c.language = $3
     order by r.rank";

/// The next `$1` queued releases below id `$2`, newest first: a range of the key read from
/// its end, so both planners read `$1` rows whatever the queue's length.
pub(crate) const NEXT_PENDING: &str = "select document_id, neighbours, seq, queued_at from related_pending
     where document_id < $2 order by document_id desc limit $1";

/// The releases that show document `$1` as related.
pub(crate) const SHOWN_BY: &str = "select distinct document_id from related_releases where related_id = $1";

/// Which of `n` releases (bound from `$2`) were weighed at or before `$1` (Unix microseconds).
pub(crate) fn weighed_before_sql(n: usize) -> String {
    format!(
        "select distinct document_id from related_computed where document_id in ({}) and weighed_at <= $1",
        (2..n + 2).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
    )
}

/// Unix microseconds: when a release was queued and when it was weighed, compared.
pub(crate) fn micros(at: time::OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX)
}

/// Queues the documents `$ids` (a `&[i64]`) through `$tx`; `$neighbours` (an `i32`, 1 or 0)
/// says whether the releases around them are weighed again too. A document already queued
/// keeps the stronger mark and its new turn (`seq`), so a weighing under way does not take it
/// off the queue.
macro_rules! queue_related {
    ($pool:expr, $tx:expr, $ids:expr, $neighbours:expr) => {
        async {
            let ids: &[i64] = $ids;
            let neighbours: i32 = $neighbours;
            let queued_at = $crate::related::micros($crate::now());
            for chunk in ids.chunks($crate::listing::CHUNK) {
                let mut query = $crate::listing::builder(
                    $pool,
                    "insert into related_pending (document_id, neighbours, queued_at) ",
                );
                query.push_values(chunk, |mut b, id| {
                    b.push_bind(*id).push_bind(neighbours).push_bind(queued_at);
                });
                query.push(
                    " on conflict (document_id) do update set seq = related_pending.seq + 1,
                      queued_at = excluded.queued_at,
                      neighbours = case when excluded.neighbours > related_pending.neighbours
                                   then excluded.neighbours else related_pending.neighbours end",
                );
                query.build().execute(&mut *$tx).await?;
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}
pub(crate) use queue_related;

impl Store {
    /// Up to `limit` published releases of the site in `language` related to `document`, as
    /// weighed by [`Store::weigh_related`]: the kept ones, or weighed now when the background
    /// job has not reached it yet. `nearby_countries` fill up a short list (see there).
    pub async fn related_releases(
        &self,
        site: SiteId,
        language: &str,
        document: DocumentId,
        nearby_countries: &[String],
        limit: u32,
    ) -> Result<Vec<ReleaseSummary>> {
        let kept: Vec<Option<i64>> = on_pool!(self, |pool| {
            sqlx::query_scalar(KEPT_RELATED)
                .bind(document.0)
                .bind(site.0)
                .bind(language)
                .fetch_all(pool)
                .await
        })?;
        let ids: Vec<i64> = if kept.is_empty() {
            self.weigh_related(site, language, document, nearby_countries, limit).await?.0
        } else {
            kept.into_iter().flatten().collect()
        };
        let mut summaries = self.release_summaries(language, &ids).await?;
        summaries.truncate(limit as usize);
        Ok(summaries)
    }

    /// Weighs up to `batch` queued releases, newest first, and keeps what they are related to;
    /// how many it weighed (0 when the queue is empty). `nearby` gives the countries whose
    /// releases fill up a short list, from a release's own countries.
    ///
    /// The batch is weighed outside any writing transaction (it reads hundreds of rows, and
    /// the worst a write in between can do is queue a release again), through one
    /// [`Weighing`] so that the lists and candidates its releases share are read once, then
    /// kept in one transaction.
    pub async fn refresh_related(
        &self,
        batch: i64,
        nearby: &(dyn Fn(&[String]) -> Vec<String> + Sync),
    ) -> Result<usize> {
        let pending: Vec<(i64, i32, i64, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(NEXT_PENDING).bind(batch).bind(i64::MAX).fetch_all(pool).await
        })?;
        if pending.is_empty() {
            return Ok(0);
        }
        let ids: Vec<i64> = pending.iter().map(|(document, ..)| *document).collect();
        let rows = on_pool!(self, |pool| {
            async {
                let mut connection = pool.acquire().await?;
                current_rows!(connection, &ids).await
            }
            .await
        })?;
        let mut lists: HashMap<i64, BTreeSet<(i64, String)>> = HashMap::new();
        for row in rows.news {
            lists.entry(row.document).or_default().insert((row.site, row.language));
        }
        let mut memo = Weighing::default();
        memo.load_links(self, &ids).await?;
        // Taken before weighing: a change queued while weighing counts as after it.
        let weighed_at = micros(crate::now());
        let mut outcomes = Vec::with_capacity(pending.len());
        for (document, neighbours, seq, queued_at) in &pending {
            let changed_at = (*neighbours != 0).then_some(*queued_at);
            let countries =
                memo.links.get(document).map(|(countries, _)| countries.clone()).unwrap_or_default();
            let nearby = nearby(&countries);
            let mut weighed = Vec::new();
            let mut around: BTreeSet<i64> = BTreeSet::new();
            for (site, language) in lists.remove(document).unwrap_or_default() {
                let (related, sharing) = self
                    .weigh_related_in(
                        &mut memo,
                        SiteId(site),
                        &language,
                        DocumentId(*document),
                        &nearby,
                        RELATED_KEPT,
                    )
                    .await?;
                if changed_at.is_some() {
                    around.extend(sharing);
                }
                weighed.push((site, language, related));
            }
            outcomes.push(Weighed { document: *document, seq: *seq, changed_at, weighed, around });
        }
        on_pool!(self, |pool| {
            async {
                let mut tx = pool.begin_with(self.begin_write()).await?;
                for Weighed { document, seq, changed_at, weighed, around } in &mut outcomes {
                    let document = *document;
                    if let Some(changed_at) = *changed_at {
                        let showing: Vec<i64> =
                            sqlx::query_scalar(SHOWN_BY).bind(document).fetch_all(&mut *tx).await?;
                        around.extend(showing);
                        around.remove(&document);
                        // Only those weighed before the change: a release weighed since saw it.
                        let ids: Vec<i64> = std::mem::take(around).into_iter().collect();
                        for chunk in ids.chunks(crate::listing::CHUNK) {
                            let sql = weighed_before_sql(chunk.len());
                            let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(changed_at);
                            for id in chunk {
                                query = query.bind(id);
                            }
                            around.extend(query.fetch_all(&mut *tx).await?);
                        }
                    }
                    for statement in [
                        "delete from related_releases where document_id = $1",
                        "delete from related_computed where document_id = $1",
                    ] {
                        sqlx::query(statement).bind(document).execute(&mut *tx).await?;
                    }
                    for (site, language, related) in weighed.iter() {
                        sqlx::query(
                            "insert into related_computed (document_id, site_id, language, weighed_at)
                             values ($1, $2, $3, $4)",
                        )
                        .bind(document)
                        .bind(site)
                        .bind(language)
                        .bind(weighed_at)
                        .execute(&mut *tx)
                        .await?;
                        if related.is_empty() {
                            continue;
                        }
                        let mut query = crate::listing::builder(
                            pool,
                            "insert into related_releases (document_id, site_id, language, rank, related_id) ",
                        );
                        query.push_values(related.iter().enumerate(), |mut b, (rank, id)| {
                            b.push_bind(document)
                                .push_bind(*site)
                                .push_bind(language)
                                .push_bind(rank as i32)
                                .push_bind(*id);
                        });
                        query.build().execute(&mut *tx).await?;
                    }
                    let around: Vec<i64> = std::mem::take(around).into_iter().collect();
                    queue_related!(pool, tx, &around, 0).await?;
                    sqlx::query("delete from related_pending where document_id = $1 and seq = $2")
                        .bind(document)
                        .bind(*seq)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok::<(), sqlx::Error>(())
            }
            .await
        })?;
        Ok(pending.len())
    }

    /// How many releases wait to be weighed.
    pub async fn related_queue_length(&self) -> Result<i64> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar("select count(*) from related_pending").fetch_one(pool).await
        })?)
    }
}

/// What weighing one queued release found, kept in the batch's transaction.
struct Weighed {
    document: i64,
    seq: i64,
    /// When it changed, if the releases around it are weighed again too (Unix microseconds).
    changed_at: Option<i64>,
    /// (site, language, related releases best first) of each of its lists.
    weighed: Vec<(i64, String, Vec<i64>)>,
    /// The releases that share something with it.
    around: BTreeSet<i64>,
}
