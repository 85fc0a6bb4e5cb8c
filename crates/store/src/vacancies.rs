//! Vacancies: their facts (written with the document, see `documents.rs`), the lists of open
//! ones, and one vacancy as its public page shows it.
//!
//! Every list reads the `vacancies` index range from "now" on, so it is bounded by the
//! vacancies open now, never by the closed ones that accumulate for years. A country office
//! lists its own vacancies and the global site's in its country, as its news list does.

use portico_content::vacancy::{Contract, Eligibility, Vacancy};
use portico_content::{DocumentId, SiteId, VariantId};
use serde::Serialize;
use time::{OffsetDateTime, UtcOffset};

use crate::{Result, Store, StoreError, now, on_pool};

/// How many vacancies a list page shows.
pub const VACANCY_PAGE: i64 = 20;

/// What a vacancy list is narrowed to. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VacancyFilter {
    /// The duty station's country, alpha-2.
    pub country: Option<String>,
    /// One of `portico_content::vacancy::GRADES`.
    pub grade: Option<String>,
    /// A contract's stored text.
    pub contract: Option<Contract>,
    /// Only those closing within `CLOSING_SOON`.
    pub closing_soon: bool,
}

/// One vacancy, published in a language.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedVacancy {
    /// Its document.
    pub id: DocumentId,
    /// This language's variant.
    pub variant_id: VariantId,
    /// The site that posted it.
    pub site: SiteId,
    /// Language of this variant.
    pub language: String,
    /// Its slug under `/{lang}/vacancies/`.
    pub slug: String,
    /// The position's title.
    pub title: String,
    /// A line or two on the position.
    pub summary: String,
    /// The description, rendered and sanitized (empty in lists).
    pub body_html: String,
    /// When it was published.
    pub published_at: OffsetDateTime,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
    /// Its facts, times in the offset they were set in.
    pub vacancy: Vacancy,
}

/// A page of a vacancy list.
#[derive(Debug, Clone, Serialize)]
pub struct VacancyList {
    /// The vacancies on this page, closing soonest first.
    pub items: Vec<PublishedVacancy>,
    /// How many the whole list has.
    pub total: i64,
}

#[derive(sqlx::FromRow)]
struct VacancyRow {
    document_id: i64,
    variant_id: i64,
    site_id: i64,
    language: String,
    slug: String,
    title: String,
    summary: String,
    body_html: String,
    published_at: Option<OffsetDateTime>,
    updated_at: OffsetDateTime,
    #[sqlx(flatten)]
    facts: FactsRow,
}

/// A vacancy's facts as [`FACTS`] selects them.
#[derive(sqlx::FromRow)]
struct FactsRow {
    reference: String,
    duty_city: String,
    duty_country: String,
    grade: String,
    contract: String,
    duration: String,
    unit: String,
    opens_at: OffsetDateTime,
    closes_at: OffsetDateTime,
    utc_offset_minutes: i32,
    eligibility: String,
    apply_to: String,
}

impl FactsRow {
    fn into_vacancy(self) -> Result<Vacancy> {
        let offset = UtcOffset::from_whole_seconds(self.utc_offset_minutes * 60)
            .map_err(|_| StoreError::Corrupt(format!("vacancy offset {}", self.utc_offset_minutes)))?;
        Ok(Vacancy {
            reference: self.reference,
            duty_city: self.duty_city,
            duty_country: self.duty_country,
            grade: self.grade,
            contract: Contract::parse(&self.contract)
                .ok_or_else(|| StoreError::Corrupt(format!("vacancy contract {:?}", self.contract)))?,
            duration: self.duration,
            unit: self.unit,
            opens_at: self.opens_at.to_offset(offset),
            closes_at: self.closes_at.to_offset(offset),
            eligibility: Eligibility::parse(&self.eligibility)
                .ok_or_else(|| StoreError::Corrupt(format!("vacancy eligibility {:?}", self.eligibility)))?,
            apply_to: self.apply_to,
        })
    }
}

impl VacancyRow {
    fn into_published(self) -> Result<PublishedVacancy> {
        let vacancy = self.facts.into_vacancy()?;
        Ok(PublishedVacancy {
            id: DocumentId(self.document_id),
            variant_id: VariantId(self.variant_id),
            site: SiteId(self.site_id),
            language: self.language,
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            body_html: self.body_html,
            published_at: self.published_at.unwrap_or(self.updated_at),
            updated_at: self.updated_at,
            vacancy,
        })
    }
}

/// The facts' columns, for reads that join a variant `v` to its vacancy `x`.
const FACTS: &str = "x.reference, x.duty_city, x.duty_country, x.grade, x.contract, x.duration, x.unit,
     x.opens_at, x.closes_at, x.utc_offset_minutes, x.eligibility, x.apply_to";

/// The open vacancies of site `$1` in language `$2` at `$3`, with the filters `$4` (country),
/// `$5` (grade), `$6` (contract) and `$7` (closing before), each ignored when null; on a
/// country office (`$8`, its country, not null) the global site's in that country too. One
/// index range per site from `$3` on: bounded by the vacancies open now.
pub(crate) fn open_vacancies_sql(columns: &str) -> String {
    let branch = |site: &str| {
        format!(
            "select {columns} from vacancies x
             join variants v on v.document_id = x.document_id and v.language = $2
             where {site} and x.closes_at > $3 and x.opens_at <= $3
               and v.status = 'published' and v.published_at <= $3
               and ($4 is null or x.duty_country = $4) and ($5 is null or x.grade = $5)
               and ($6 is null or x.contract = $6) and ($7 is null or x.closes_at <= $7)"
        )
    };
    format!(
        "{} union all {}",
        branch("x.site_id = $1"),
        branch(
            "$8 is not null and x.duty_country = $8 and x.site_id = (select min(id) from sites) and x.site_id <> $1"
        )
    )
}

/// A page of [`open_vacancies_sql`], closing soonest first: `$9` rows from `$10`.
pub(crate) fn vacancy_page_sql() -> String {
    let columns = format!(
        "x.document_id, v.id as variant_id, x.site_id, v.language, v.slug, v.title, v.summary,
         '' as body_html, v.published_at, v.updated_at, {FACTS}"
    );
    format!(
        "select * from ({}) listed order by closes_at, document_id limit $9 offset $10",
        open_vacancies_sql(&columns)
    )
}

/// How many rows [`open_vacancies_sql`] has.
pub(crate) fn vacancy_count_sql() -> String {
    format!("select count(*) from ({}) listed", open_vacancies_sql("x.document_id"))
}

/// The next moment after `$3` at which a vacancy of site `$1` (or, on a country office with
/// country `$2`, of the global site there) opens or closes: what a list may be cached until.
/// Two index probes per site.
pub(crate) const NEXT_VACANCY_CHANGE: &str = "select min(at) from (
        select (select min(closes_at) from vacancies where site_id = $1 and closes_at > $3) as at
        union all select (select min(opens_at) from vacancies where site_id = $1 and opens_at > $3)
        union all select (select min(closes_at) from vacancies where duty_country = $2 and closes_at > $3
                          and site_id = (select min(id) from sites))
        union all select (select min(opens_at) from vacancies where duty_country = $2 and opens_at > $3
                          and site_id = (select min(id) from sites))
    ) changes";

/// One published vacancy of site `$1` in language `$2` at `$3` by slug `$4`, open or not.
pub(crate) fn vacancy_by_slug_sql() -> String {
    format!(
        "select x.document_id, v.id as variant_id, x.site_id, v.language, v.slug, v.title, v.summary,
                v.body_html, v.published_at, v.updated_at, {FACTS}
         from variants v join vacancies x on x.document_id = v.document_id
         where v.site_id = $1 and v.language = $2 and v.kind = 'vacancy' and {} and v.slug = $4",
        crate::reading::VISIBLE
    )
}

/// The vacancies of site `$1` still findable at `$2` (closed for less than a year), each
/// variant with what the sitemap checks: one index range from a year ago on.
pub(crate) const FINDABLE_VACANCIES: &str = "
    select v.document_id, v.kind, v.language, v.slug, v.updated_at, v.status, v.published_at
    from vacancies x join variants v on v.document_id = x.document_id
    where x.site_id = $1 and x.closes_at > $2";

impl Store {
    /// The published vacancies of `site` in `languages` still findable (closed for less than
    /// [`FINDABLE_AFTER_CLOSING`](portico_content::vacancy::FINDABLE_AFTER_CLOSING)), by
    /// document then language, each with its translations: for the sitemap and the export.
    pub async fn sitemap_vacancies(
        &self,
        site: SiteId,
        languages: &[String],
    ) -> Result<Vec<crate::SitemapEntry>> {
        let since = now() - portico_content::vacancy::FINDABLE_AFTER_CLOSING;
        let rows: Vec<crate::syndication::SitemapCandidate> = on_pool!(self, |pool| {
            sqlx::query_as(FINDABLE_VACANCIES).bind(site.0).bind(since).fetch_all(pool).await
        })?;
        crate::syndication::sitemap_entries_of(rows, languages)
    }

    /// A page of the open vacancies of `site` (with `country`, a country office's) in
    /// `language`, closing soonest first, and how many the whole list has.
    pub async fn open_vacancies(
        &self,
        site: SiteId,
        country: Option<&str>,
        language: &str,
        filter: &VacancyFilter,
        limit: i64,
        offset: i64,
    ) -> Result<VacancyList> {
        let at = now();
        let closing_before = filter.closing_soon.then(|| at + portico_content::vacancy::CLOSING_SOON);
        let page_sql = vacancy_page_sql();
        let count_sql = vacancy_count_sql();
        macro_rules! bind_filters {
            ($query:expr) => {
                $query
                    .bind(site.0)
                    .bind(language)
                    .bind(at)
                    .bind(filter.country.as_deref())
                    .bind(filter.grade.as_deref())
                    .bind(filter.contract.map(Contract::as_str))
                    .bind(closing_before)
                    .bind(country)
            };
        }
        let rows: Vec<VacancyRow> = on_pool!(self, |pool| {
            bind_filters!(sqlx::query_as(&page_sql)).bind(limit).bind(offset).fetch_all(pool).await
        })?;
        let total: i64 =
            on_pool!(self, |pool| { bind_filters!(sqlx::query_scalar(&count_sql)).fetch_one(pool).await })?;
        let items = rows.into_iter().map(VacancyRow::into_published).collect::<Result<_>>()?;
        Ok(VacancyList { items, total })
    }

    /// When the open vacancies of `site` (with `country`, a country office's) next change
    /// by the clock alone: one opens or closes. `None` when none is due to.
    pub async fn next_vacancy_change(
        &self,
        site: SiteId,
        country: Option<&str>,
    ) -> Result<Option<OffsetDateTime>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar(NEXT_VACANCY_CHANGE)
                .bind(site.0)
                .bind(country)
                .bind(now())
                .fetch_one(pool)
                .await
        })?)
    }

    /// The published vacancy of `site` with `slug` in `language`, open, closed or not yet
    /// open: its page says which.
    pub async fn published_vacancy(
        &self,
        site: SiteId,
        language: &str,
        slug: &str,
    ) -> Result<Option<PublishedVacancy>> {
        let sql = vacancy_by_slug_sql();
        let row: Option<VacancyRow> = on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).bind(slug).fetch_optional(pool).await
        })?;
        row.map(VacancyRow::into_published).transpose()
    }

    /// A document's vacancy facts, whatever its status, for the back office.
    pub async fn vacancy_facts(&self, document: DocumentId) -> Result<Option<Vacancy>> {
        let sql = format!("select {FACTS} from vacancies x where x.document_id = $1");
        let row: Option<FactsRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(document.0).fetch_optional(pool).await)?;
        row.map(FactsRow::into_vacancy).transpose()
    }
}

/// Replaces a vacancy document's facts in the current transaction: `$1` the document, the
/// rest the facts. Does nothing for a document of another kind.
macro_rules! write_vacancy {
    ($tx:expr, $document:expr, $vacancy:expr) => {{
        sqlx::query("delete from vacancies where document_id = $1")
            .bind($document)
            .execute(&mut *$tx)
            .await?;
        if let Some(vacancy) = $vacancy {
            let vacancy: &portico_content::vacancy::Vacancy = vacancy;
            sqlx::query(
                "insert into vacancies (document_id, site_id, reference, duty_city, duty_country, grade,
                     contract, duration, unit, opens_at, closes_at, utc_offset_minutes, eligibility, apply_to)
                 select id, site_id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
                 from documents where id = $1 and kind = 'vacancy'",
            )
            .bind($document)
            .bind(vacancy.reference.trim())
            .bind(vacancy.duty_city.trim())
            .bind(vacancy.duty_country.to_ascii_uppercase())
            .bind(&vacancy.grade)
            .bind(vacancy.contract.as_str())
            .bind(vacancy.duration.trim())
            .bind(vacancy.unit.trim())
            .bind($crate::normalize(vacancy.opens_at))
            .bind($crate::normalize(vacancy.closes_at))
            .bind(i32::from(vacancy.closes_at.offset().whole_minutes()))
            .bind(vacancy.eligibility.as_str())
            .bind(vacancy.apply_to.trim())
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
pub(crate) use write_vacancy;
