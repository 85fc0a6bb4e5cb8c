//! What readers see: only published variants whose publication time has come.

use portico_content::{DocumentId, SiteId, VariantId};
use serde::Serialize;
use time::{Date, Month, OffsetDateTime};

use crate::{Contact, Partner, Result, Store, StoreError, Theme, now, on_pool};

/// Filters of the news list; each is optional and they combine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseFilter {
    /// ISO 3166-1 alpha-2, uppercase.
    pub country: Option<String>,
    /// Theme slug.
    pub theme: Option<String>,
    /// Publication year.
    pub year: Option<i32>,
    /// On a country site: also list this (global) site's releases tagged with this country.
    pub also_from: Option<(SiteId, String)>,
}

/// A release as shown in lists.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReleaseSummary {
    /// Its document.
    #[sqlx(try_from = "i64")]
    pub id: DocumentId,
    /// The site that published it (another site's when aggregated).
    #[sqlx(try_from = "i64")]
    pub site_id: SiteId,
    /// URL slug.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// The news in brief.
    pub summary: String,
    /// Place leading the body.
    pub dateline: String,
    /// When it went public.
    pub published_at: OffsetDateTime,
    /// Country codes, in the order the author gave them.
    #[sqlx(skip)]
    pub countries: Vec<String>,
}

/// One page of the news list.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseList {
    /// The releases on this page, newest first.
    pub items: Vec<ReleaseSummary>,
    /// How many match the filters in all.
    pub total: i64,
}

/// A press release as shown on its own page.
#[derive(Debug, Clone, Serialize)]
pub struct Release {
    /// Its document.
    pub id: DocumentId,
    /// This language variant.
    pub variant_id: VariantId,
    /// Language code.
    pub language: String,
    /// URL slug.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// The news in brief.
    pub summary: String,
    /// Sanitized HTML of the body.
    pub body_html: String,
    /// Place leading the body.
    pub dateline: String,
    /// The programme that funded or ran the work.
    pub programme: String,
    /// When it went public.
    pub published_at: OffsetDateTime,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
    /// Country codes, in order.
    pub countries: Vec<String>,
    /// Themes, in order.
    pub themes: Vec<Theme>,
    /// Partner organizations, in order.
    pub partners: Vec<Partner>,
    /// Media contacts, in order.
    pub contacts: Vec<Contact>,
    /// The lead image.
    pub image: Option<crate::Media>,
}

/// A page of the site.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Page {
    /// Its document.
    #[sqlx(try_from = "i64")]
    pub id: DocumentId,
    /// Path in the site ("our-work/partnerships").
    #[sqlx(rename = "slug")]
    pub path: String,
    /// Title.
    pub title: String,
    /// Teaser and meta description.
    pub summary: String,
    /// Sanitized HTML of the body.
    pub body_html: String,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
}

/// A page's title and summary, for teasers and breadcrumbs.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PageTeaser {
    /// Path in the site.
    #[sqlx(rename = "slug")]
    pub path: String,
    /// Title.
    pub title: String,
    /// Teaser.
    pub summary: String,
}

#[derive(sqlx::FromRow)]
struct ReleaseRow {
    id: i64,
    document_id: i64,
    language: String,
    slug: String,
    title: String,
    summary: String,
    body_html: String,
    dateline: String,
    programme: String,
    published_at: Option<OffsetDateTime>,
    updated_at: OffsetDateTime,
    image_id: Option<i64>,
}

/// The condition every public read carries: published, and its time has come.
pub(crate) const VISIBLE: &str =
    "v.status = 'published' and v.published_at is not null and v.published_at <= $3";

/// Which site's releases a list shows: its own, plus (parameters `$10`, `$11`) another site's
/// tagged with a country.
const LIST_SITES: &str =
    "(v.site_id = $1 or (v.site_id = $10 and exists (select 1 from document_countries dca
     where dca.document_id = v.document_id and dca.country = $11)))";

/// The news-list conditions after [`VISIBLE`]; parameters `$4`–`$6`.
const LIST_FILTERS: &str = "
    and ($4 is null or exists (select 1 from document_countries dc
                               where dc.document_id = v.document_id and dc.country = $4))
    and ($5 is null or exists (select 1 from document_themes dt join themes t on t.id = dt.theme_id
                               where dt.document_id = v.document_id and t.slug = $5))
    and ($6 is null or (v.published_at >= $6 and v.published_at < $7))";

fn year_bounds(year: Option<i32>) -> Result<(Option<OffsetDateTime>, Option<OffsetDateTime>)> {
    let Some(year) = year else {
        return Ok((None, None));
    };
    let start = |y: i32| {
        Date::from_calendar_date(y, Month::January, 1)
            .map(|d| d.midnight().assume_utc())
            .map_err(|_| StoreError::UnknownReference { what: "year", value: y.to_string() })
    };
    Ok((Some(start(year)?), Some(start(year + 1)?)))
}

impl Store {
    /// One page of the site's published releases in `language` matching `filter`, newest
    /// first; `page` counts from 1.
    pub async fn published_releases(
        &self,
        site: SiteId,
        language: &str,
        filter: &ReleaseFilter,
        page: u32,
        per_page: u32,
    ) -> Result<ReleaseList> {
        let (from, until) = year_bounds(filter.year)?;
        let at = now();
        let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
        let list_sql = format!(
            "select v.document_id as id, v.site_id, v.slug, v.title, v.summary, v.dateline, v.published_at
             from variants v
             where {LIST_SITES} and v.language = $2 and v.kind = 'release' and {VISIBLE} {LIST_FILTERS}
             order by v.published_at desc, v.id desc limit $8 offset $9"
        );
        let count_sql = format!(
            "select count(*) from variants v
             where {LIST_SITES} and v.language = $2 and v.kind = 'release' and {VISIBLE} {LIST_FILTERS}
               and $8 = $8 and $9 = $9"
        );
        let (mut items, total): (Vec<ReleaseSummary>, i64) = on_pool!(self, |pool| {
            macro_rules! bound {
                ($query:expr) => {
                    $query
                        .bind(site.0)
                        .bind(language)
                        .bind(at)
                        .bind(&filter.country)
                        .bind(&filter.theme)
                        .bind(from)
                        .bind(until)
                        .bind(i64::from(per_page))
                        .bind(offset)
                        .bind(filter.also_from.as_ref().map(|(s, _)| s.0))
                        .bind(filter.also_from.as_ref().map(|(_, c)| c.as_str()))
                };
            }
            let items = bound!(sqlx::query_as(&list_sql)).fetch_all(pool).await?;
            let total = bound!(sqlx::query_scalar(&count_sql)).fetch_one(pool).await?;
            Ok::<_, sqlx::Error>((items, total))
        })?;
        let ids: Vec<i64> = items.iter().map(|r| r.id.0).collect();
        let mut countries = self.countries_of(&ids).await?;
        for item in &mut items {
            item.countries = countries.remove(&item.id.0).unwrap_or_default();
        }
        Ok(ReleaseList { items, total })
    }

    /// Country codes of each document, in order.
    pub(crate) async fn countries_of(
        &self,
        ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, Vec<String>>> {
        let mut map = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(map);
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "select document_id, country from document_countries where document_id in ({})
             order by document_id, position",
            placeholders.join(", ")
        );
        let rows: Vec<(i64, String)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql);
            for id in ids {
                query = query.bind(id);
            }
            query.fetch_all(pool).await
        })?;
        for (id, country) in rows {
            map.entry(id).or_insert_with(Vec::new).push(country);
        }
        Ok(map)
    }

    /// The published release with this slug, with its countries, themes, partners and contacts.
    pub async fn published_release(
        &self,
        site: SiteId,
        language: &str,
        slug: &str,
    ) -> Result<Option<Release>> {
        let sql = format!(
            "select v.id, v.document_id, v.language, v.slug, v.title, v.summary, v.body_html,
                    v.dateline, v.programme, v.published_at, v.updated_at, v.image_id
             from variants v
             where v.site_id = $1 and v.language = $2 and v.kind = 'release' and {VISIBLE} and v.slug = $4"
        );
        let row: Option<ReleaseRow> = on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).bind(slug).fetch_optional(pool).await
        })?;
        let Some(row) = row else { return Ok(None) };
        let document = row.document_id;
        let countries = self.countries_of(&[document]).await?.remove(&document).unwrap_or_default();
        let (themes, partners, contacts) = on_pool!(self, |pool| {
            let themes: Vec<Theme> = sqlx::query_as(
                "select t.id, t.slug, t.name, t.description from themes t
                 join document_themes dt on dt.theme_id = t.id
                 where dt.document_id = $1 order by dt.position",
            )
            .bind(document)
            .fetch_all(pool)
            .await?;
            let partners: Vec<Partner> = sqlx::query_as(
                "select p.id, p.slug, p.name, p.acronym from partners p
                 join document_partners dp on dp.partner_id = p.id
                 where dp.document_id = $1 order by dp.position",
            )
            .bind(document)
            .fetch_all(pool)
            .await?;
            let contacts: Vec<Contact> = sqlx::query_as(
                "select c.id, c.key, c.name, c.office, c.phone, c.email from contacts c
                 join document_contacts dc on dc.contact_id = c.id
                 where dc.document_id = $1 order by dc.position",
            )
            .bind(document)
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((themes, partners, contacts))
        })?;
        Ok(Some(Release {
            id: DocumentId(row.document_id),
            variant_id: VariantId(row.id),
            language: row.language,
            slug: row.slug,
            title: row.title,
            summary: row.summary,
            body_html: row.body_html,
            dateline: row.dateline,
            programme: row.programme,
            // VISIBLE guarantees a publication time.
            published_at: row.published_at.unwrap_or(row.updated_at),
            updated_at: row.updated_at,
            countries,
            themes,
            partners,
            contacts,
            image: match row.image_id {
                Some(id) => self.media(portico_content::MediaId(id)).await?,
                None => None,
            },
        }))
    }

    /// The published page at `path`.
    pub async fn published_page(&self, site: SiteId, language: &str, path: &str) -> Result<Option<Page>> {
        let sql = format!(
            "select v.document_id as id, v.slug, v.title, v.summary, v.body_html, v.updated_at
             from variants v
             where v.site_id = $1 and v.language = $2 and v.kind = 'page' and {VISIBLE} and v.slug = $4"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).bind(path).fetch_optional(pool).await
        })?)
    }

    /// Titles and summaries of every published page, by path.
    pub async fn published_page_teasers(&self, site: SiteId, language: &str) -> Result<Vec<PageTeaser>> {
        let sql = format!(
            "select v.slug, v.title, v.summary from variants v
             where v.site_id = $1 and v.language = $2 and v.kind = 'page' and {VISIBLE}
             order by v.slug"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).fetch_all(pool).await
        })?)
    }

    /// How many published releases each country has, for countries with at least one.
    pub async fn release_counts_by_country(
        &self,
        site: SiteId,
        language: &str,
    ) -> Result<Vec<(String, i64)>> {
        let sql = format!(
            "select dc.country, count(*) from variants v
             join document_countries dc on dc.document_id = v.document_id
             where v.site_id = $1 and v.language = $2 and v.kind = 'release' and {VISIBLE}
             group by dc.country order by dc.country"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).fetch_all(pool).await
        })?)
    }

    /// The years that have published releases, newest first.
    pub async fn release_years(&self, site: SiteId, language: &str) -> Result<Vec<i32>> {
        let year = match self.pool {
            crate::Pool::Sqlite(_) => "cast(substr(v.published_at, 1, 4) as integer)",
            crate::Pool::Postgres(_) => "cast(extract(year from v.published_at) as integer)",
        };
        let sql = format!(
            "select distinct {year} as year from variants v
             where v.site_id = $1 and v.language = $2 and v.kind = 'release' and {VISIBLE}
             order by year desc"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar(&sql).bind(site.0).bind(language).bind(now()).fetch_all(pool).await
        })?)
    }
}
