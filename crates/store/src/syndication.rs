//! What feeds, sitemaps and "related releases" read: published content only, in the same
//! order and under the same visibility rule as the public pages (see [`crate::reading`]).

use std::collections::HashMap;

use portico_content::{DocumentId, Kind, SiteId};
use serde::Serialize;
use time::OffsetDateTime;

use crate::reading::VISIBLE;
use crate::{ReleaseFilter, ReleaseSummary, Result, Store, StoreError, Theme, now, on_pool};

/// A release as a feed entry: its list summary plus what a feed reader shows in full.
#[derive(Debug, Clone, Serialize)]
pub struct FeedRelease {
    /// Slug, title, summary, dateline, publication time and countries.
    pub summary: ReleaseSummary,
    /// Sanitized HTML of the body.
    pub body_html: String,
    /// When the variant was last saved.
    pub updated_at: OffsetDateTime,
    /// When the document was created; never changes, so it can anchor a stable entry id.
    pub created_at: OffsetDateTime,
    /// Themes, in order.
    pub themes: Vec<Theme>,
}

/// One published variant as the sitemap lists it.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapEntry {
    /// Its document.
    pub document: DocumentId,
    /// Page or release.
    pub kind: Kind,
    /// Language code.
    pub language: String,
    /// Release slug, or the page's path.
    pub slug: String,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
    /// Every published variant of the same document in the site's languages, this one
    /// included, as (language, slug), by language.
    pub alternates: Vec<(String, String)>,
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    document_id: i64,
    body_html: String,
    updated_at: OffsetDateTime,
    created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct DocumentTheme {
    document_id: i64,
    #[sqlx(flatten)]
    theme: Theme,
}

#[derive(sqlx::FromRow)]
struct SitemapRow {
    document_id: i64,
    kind: String,
    language: String,
    slug: String,
    updated_at: OffsetDateTime,
}

/// `$n, $n+1, …` for `count` parameters starting at `$first`.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// The site's languages as one parameter, matched with [`IN_LANGUAGES`]: a comma-separated
/// list, so that the count, page and range queries share their first three parameters.
fn language_list(languages: &[String]) -> String {
    format!(",{},", languages.join(","))
}

/// `v.language` is one of the languages bound as `$2` by [`language_list`]. Language codes
/// hold no comma or `%`, so the pattern matches whole codes only.
const IN_LANGUAGES: &str = "$2 like ('%,' || v.language || ',%')";

impl Store {
    /// The newest `limit` published releases of the site in `language` matching `filter` —
    /// the first page of the news list — with their bodies and themes, for a feed.
    pub async fn feed_releases(
        &self,
        site: SiteId,
        language: &str,
        filter: &ReleaseFilter,
        limit: u32,
    ) -> Result<Vec<FeedRelease>> {
        // The list itself comes from the news list's own query, so that a feed can never
        // disagree with the page it syndicates.
        let list = self.published_releases(site, language, filter, 1, limit).await?;
        if list.items.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = list.items.iter().map(|r| r.id.0).collect();
        let details_sql = format!(
            "select v.document_id, v.body_html, v.updated_at, d.created_at
             from variants v join documents d on d.id = v.document_id
             where v.language = $1 and v.document_id in ({})",
            placeholders(2, ids.len())
        );
        let themes_sql = format!(
            "select dt.document_id, t.id, t.slug, t.name, t.description
             from document_themes dt join themes t on t.id = dt.theme_id
             where dt.document_id in ({}) order by dt.document_id, dt.position",
            placeholders(1, ids.len())
        );
        let (details, themes): (Vec<DetailRow>, Vec<DocumentTheme>) = on_pool!(self, |pool| {
            let mut details = sqlx::query_as(&details_sql).bind(language);
            let mut themes = sqlx::query_as(&themes_sql);
            for id in &ids {
                details = details.bind(id);
                themes = themes.bind(id);
            }
            Ok::<_, sqlx::Error>((details.fetch_all(pool).await?, themes.fetch_all(pool).await?))
        })?;
        let mut details: HashMap<i64, DetailRow> = details.into_iter().map(|d| (d.document_id, d)).collect();
        let mut themes_of: HashMap<i64, Vec<Theme>> = HashMap::new();
        for row in themes {
            themes_of.entry(row.document_id).or_default().push(row.theme);
        }
        Ok(list
            .items
            .into_iter()
            // A release unpublished between the two queries simply drops out.
            .filter_map(|summary| {
                let detail = details.remove(&summary.id.0)?;
                let themes = themes_of.remove(&summary.id.0).unwrap_or_default();
                Some(FeedRelease {
                    summary,
                    body_html: detail.body_html,
                    updated_at: detail.updated_at,
                    created_at: detail.created_at,
                    themes,
                })
            })
            .collect())
    }

    /// How many published pages and releases the site has in `languages`.
    pub async fn sitemap_count(&self, site: SiteId, languages: &[String]) -> Result<i64> {
        let sql = format!(
            "select count(*) from variants v
             where v.site_id = $1 and {IN_LANGUAGES} and v.kind in ('page', 'release') and {VISIBLE}"
        );
        let languages = language_list(languages);
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar(&sql).bind(site.0).bind(&languages).bind(now()).fetch_one(pool).await
        })?)
    }

    /// Published pages and releases of the site in `languages`, `limit` from `offset` in a
    /// stable order (by document, then language), each with its translations.
    pub async fn sitemap_entries(
        &self,
        site: SiteId,
        languages: &[String],
        offset: i64,
        limit: i64,
    ) -> Result<Vec<SitemapEntry>> {
        let columns = "v.document_id, v.kind, v.language, v.slug, v.updated_at";
        let scope = format!(
            "from variants v
             where v.site_id = $1 and {IN_LANGUAGES} and v.kind in ('page', 'release') and {VISIBLE}"
        );
        let page_sql =
            format!("select {columns} {scope} order by v.document_id, v.language limit $4 offset $5");
        let languages = language_list(languages);
        let at = now();
        let rows: Vec<SitemapRow> = on_pool!(self, |pool| {
            sqlx::query_as(&page_sql)
                .bind(site.0)
                .bind(&languages)
                .bind(at)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await
        })?;
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return Ok(Vec::new());
        };
        // The page is ordered by document, so the translations of its documents are exactly
        // the variants in its range of document ids, even where a document straddles pages.
        let range_sql = format!(
            "select {columns} {scope} and v.document_id between $4 and $5
             order by v.document_id, v.language"
        );
        let (low, high) = (first.document_id, last.document_id);
        let siblings: Vec<SitemapRow> = on_pool!(self, |pool| {
            sqlx::query_as(&range_sql)
                .bind(site.0)
                .bind(&languages)
                .bind(at)
                .bind(low)
                .bind(high)
                .fetch_all(pool)
                .await
        })?;
        let mut alternates: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        for row in siblings {
            alternates.entry(row.document_id).or_default().push((row.language, row.slug));
        }
        rows.into_iter()
            .map(|row| {
                let kind =
                    row.kind.parse().map_err(|_| StoreError::Corrupt(format!("kind {:?}", row.kind)))?;
                Ok(SitemapEntry {
                    document: DocumentId(row.document_id),
                    kind,
                    alternates: alternates.get(&row.document_id).cloned().unwrap_or_default(),
                    language: row.language,
                    slug: row.slug,
                    updated_at: row.updated_at,
                })
            })
            .collect()
    }

    /// For each language of the site with published content, when any of it last changed.
    pub async fn last_published_change(&self, site: SiteId) -> Result<Vec<(String, OffsetDateTime)>> {
        let sql = format!(
            "select v.language, max(v.updated_at) from variants v
             where v.site_id = $1 and v.kind in ('page', 'release') and {VISIBLE} and $2 = $2
             group by v.language order by v.language"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(0_i64).bind(now()).fetch_all(pool).await
        })?)
    }

    /// Up to `limit` published releases of the site in `language` related to `document`:
    /// those sharing the most themes and countries with it (newest first among equals), then,
    /// to fill up, the newest releases about any of `nearby_countries` (upper-case ISO codes,
    /// such as the countries of the same region). Never `document` itself.
    pub async fn related_releases(
        &self,
        site: SiteId,
        language: &str,
        document: DocumentId,
        nearby_countries: &[String],
        limit: u32,
    ) -> Result<Vec<ReleaseSummary>> {
        let limit = i64::from(limit);
        let columns =
            "v.document_id as id, v.site_id, v.slug, v.title, v.summary, v.dateline, v.published_at";
        // A score per release: one point per shared theme and per shared country.
        let shared_sql = format!(
            "select {columns} from variants v
             join (select s.document_id, count(*) as score from (
                       select b.document_id from document_themes a
                       join document_themes b on b.theme_id = a.theme_id
                       where a.document_id = $4 and b.document_id <> $4
                       union all
                       select b.document_id from document_countries a
                       join document_countries b on b.country = a.country
                       where a.document_id = $4 and b.document_id <> $4) s
                   group by s.document_id) r on r.document_id = v.document_id
             where v.site_id = $1 and v.language = $2 and v.kind = 'release' and {VISIBLE}
             order by r.score desc, v.published_at desc, v.id desc
             limit $5"
        );
        let at = now();
        let mut related: Vec<ReleaseSummary> = on_pool!(self, |pool| {
            sqlx::query_as(&shared_sql)
                .bind(site.0)
                .bind(language)
                .bind(at)
                .bind(document.0)
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        let missing = limit - related.len() as i64;
        if missing > 0 && !nearby_countries.is_empty() {
            let excluded: Vec<i64> =
                std::iter::once(document.0).chain(related.iter().map(|r| r.id.0)).collect();
            let nearby_sql = format!(
                "select {columns} from variants v
                 where v.site_id = $1 and v.language = $2 and v.kind = 'release' and {VISIBLE}
                   and v.document_id not in ({})
                   and exists (select 1 from document_countries dc
                               where dc.document_id = v.document_id and dc.country in ({}))
                 order by v.published_at desc, v.id desc
                 limit $4",
                placeholders(5, excluded.len()),
                placeholders(5 + excluded.len(), nearby_countries.len())
            );
            let nearby: Vec<ReleaseSummary> = on_pool!(self, |pool| {
                let mut query =
                    sqlx::query_as(&nearby_sql).bind(site.0).bind(language).bind(at).bind(missing);
                for id in &excluded {
                    query = query.bind(id);
                }
                for code in nearby_countries {
                    query = query.bind(code);
                }
                query.fetch_all(pool).await
            })?;
            related.extend(nearby);
        }
        let ids: Vec<i64> = related.iter().map(|r| r.id.0).collect();
        let mut countries = self.countries_of(&ids).await?;
        for item in &mut related {
            item.countries = countries.remove(&item.id.0).unwrap_or_default();
        }
        Ok(related)
    }
}
