//! What the back office's overview draws: releases published per month per language, how
//! far each language has come, and what is scheduled ahead. Every number comes from counts
//! kept on write (`listing_counts`) or from an index range bounded by what is shown, never
//! from counting the archive.

use portico_content::{DocumentId, SiteId};
use time::OffsetDateTime;

use crate::listing::facet;
use crate::{Result, Store, on_pool};

/// The month counts of one site's own releases: `(year, month, language, n)`, oldest first.
pub(crate) const MONTH_COUNTS: &str =
    "select facet, n from listing_counts where site_id = $1 and language = $2 and facet >= $3 and facet < $4";

/// How many of a site's releases are published in a language, all time.
pub(crate) const LANGUAGE_TOTAL: &str =
    "select n from listing_counts where site_id = $1 and language = $2 and facet = 0";

/// The next scheduled variants of the given sites, soonest first.
pub(crate) fn scheduled_sql(sites: usize) -> String {
    let placeholders: Vec<String> = (0..sites).map(|i| format!("${}", i + 3)).collect();
    format!(
        "select v.document_id, v.site_id, v.language, v.title, v.published_at
         from variants v
         where v.status = 'scheduled' and v.published_at > $1 and v.site_id in ({})
         order by v.published_at limit $2",
        placeholders.join(", ")
    )
}

/// One month's releases of a site, per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCount {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Language code.
    pub language: String,
    /// Releases published in it.
    pub n: i64,
}

/// A scheduled language version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Scheduled {
    /// Its document.
    #[sqlx(try_from = "i64")]
    pub document_id: DocumentId,
    /// Its site.
    #[sqlx(try_from = "i64")]
    pub site_id: SiteId,
    /// Its language.
    pub language: String,
    /// Its title.
    pub title: String,
    /// When it goes live.
    pub published_at: Option<OffsetDateTime>,
}

impl Store {
    /// Releases of `site` published in each of `languages`, per month, from the month
    /// `(year, month)` `from` to `until` included: one index range per language.
    pub async fn releases_per_month(
        &self,
        site: SiteId,
        languages: &[String],
        from: (i32, u8),
        until: (i32, u8),
    ) -> Result<Vec<MonthCount>> {
        let (low, high) = (facet::with_month(0, from.0, from.1), facet::with_month(0, until.0, until.1) + 1);
        let mut counts = Vec::new();
        for language in languages {
            let rows: Vec<(i64, i64)> = on_pool!(self, |pool| {
                sqlx::query_as(MONTH_COUNTS)
                    .bind(site.0)
                    .bind(language)
                    .bind(low)
                    .bind(high)
                    .fetch_all(pool)
                    .await
            })?;
            counts.extend(rows.into_iter().filter(|(_, n)| *n > 0).map(|(key, n)| {
                let (year, month) = facet::month_of(key);
                MonthCount { year, month, language: language.clone(), n }
            }));
        }
        Ok(counts)
    }

    /// How many releases of `site` are published in each of `languages`, all time.
    pub async fn releases_per_language(
        &self,
        site: SiteId,
        languages: &[String],
    ) -> Result<Vec<(String, i64)>> {
        let mut totals = Vec::with_capacity(languages.len());
        for language in languages {
            let n: Option<i64> = on_pool!(self, |pool| {
                sqlx::query_scalar(LANGUAGE_TOTAL).bind(site.0).bind(language).fetch_optional(pool).await
            })?;
            totals.push((language.clone(), n.unwrap_or(0)));
        }
        Ok(totals)
    }

    /// The next `limit` scheduled language versions of `sites`, soonest first.
    pub async fn scheduled_ahead(&self, sites: &[SiteId], limit: i64) -> Result<Vec<Scheduled>> {
        if sites.is_empty() {
            return Ok(Vec::new());
        }
        let sql = scheduled_sql(sites.len());
        Ok(on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql).bind(crate::now()).bind(limit);
            for site in sites {
                query = query.bind(site.0);
            }
            query.fetch_all(pool).await
        })?)
    }
}
