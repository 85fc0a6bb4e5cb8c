//! Publications: their facts and each language version's PDF (written with the document, see
//! `documents.rs`), the library with its facets, and one publication as its page shows it.
//!
//! A library page reads the rows kept on write (`library.rs`) when it is narrowed by at most
//! two filters: one range for its ids, one for its counts, then its publications by primary
//! key. Narrowed further, it starts from the `publications` index range of one site and is
//! counted over that selection's ids, which its filters already bound. Variants are only ever
//! reached by document id, never through the news archive that shares their table.

use portico_content::publication::{Form, Publication};
use portico_content::{DocumentId, MediaId, SiteId, VariantId};
use serde::Serialize;
use time::OffsetDateTime;

use crate::library::{FACETS, KEPT_FILTERS};
use crate::{Result, Store, StoreError, now, on_pool};

/// How many publications a library page shows.
pub const PUBLICATION_PAGE: i64 = 12;

/// What a library is narrowed to. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PublicationFilter {
    /// Year of publication.
    pub year: Option<i32>,
    /// A language the publication is available in.
    pub language: Option<String>,
    /// A theme's slug.
    pub theme: Option<String>,
    /// A country, alpha-2.
    pub country: Option<String>,
    /// A series' exact name.
    pub series: Option<String>,
    /// A Sustainable Development Goal the publication serves, 1 to 17.
    pub goal: Option<u8>,
    /// Not a reader's filter but the library's scope: on a country office, its country, whose
    /// publications on the global site it lists beside its own.
    pub office: Option<String>,
}

/// One publication as a list or its page shows it, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedPublication {
    /// Its document.
    pub id: DocumentId,
    /// The variant shown.
    pub variant_id: VariantId,
    /// The site that published it.
    pub site: SiteId,
    /// The variant's language: the page's, or the original's where it has no version in it.
    pub language: String,
    /// Its slug under `/{lang}/publications/`.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// What it is about, in a paragraph.
    pub summary: String,
    /// The body, rendered and sanitized (empty in lists).
    pub body_html: String,
    /// When this version was published.
    pub published_at: OffsetDateTime,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
    /// Its facts.
    pub publication: Publication,
}

/// One language version's file, for a publication's downloads.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationFile {
    /// The version's language.
    pub language: String,
    /// The version's title.
    pub title: String,
    /// The version's slug.
    pub slug: String,
    /// The PDF's media item.
    pub media: MediaId,
    /// The PDF's address, `/media/{id}-{token}/original.pdf`.
    pub path: String,
    /// Its size in bytes.
    pub bytes: i64,
    /// Its page count (0 when unknown).
    pub pages: i32,
}

/// One value of a facet and how many publications of the current selection have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value as filters name it (`2025`, `en`, a theme's slug, `SV`, a series).
    pub value: String,
    /// A name to show, where the value is not one (a theme's name); else the value.
    pub label: String,
    /// How many publications have it.
    pub count: i64,
}

/// The facets of a library selection.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PublicationFacets {
    /// Years, newest first.
    pub years: Vec<FacetCount>,
    /// Languages with a published version.
    pub languages: Vec<FacetCount>,
    /// Themes, by their name in the library's language.
    pub themes: Vec<FacetCount>,
    /// Countries, by code.
    pub countries: Vec<FacetCount>,
    /// Series, by name.
    pub series: Vec<FacetCount>,
    /// Sustainable Development Goals, by number.
    pub goals: Vec<FacetCount>,
}

/// A page of a library.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationList {
    /// The publications on this page, newest year first.
    pub items: Vec<PublishedPublication>,
    /// How many the whole selection has.
    pub total: i64,
    /// Its facets.
    pub facets: PublicationFacets,
}

#[derive(sqlx::FromRow)]
struct PublicationRow {
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

/// A publication's facts as [`FACTS`] selects them.
#[derive(sqlx::FromRow)]
struct FactsRow {
    year: i32,
    authors: String,
    form: String,
    isbn: String,
    issn: String,
    series: String,
    cover_id: Option<i64>,
}

impl FactsRow {
    fn into_publication(self) -> Result<Publication> {
        Ok(Publication {
            year: self.year,
            authors: self.authors,
            form: Form::parse(&self.form)
                .ok_or_else(|| StoreError::Corrupt(format!("publication form {:?}", self.form)))?,
            isbn: self.isbn,
            issn: self.issn,
            series: self.series,
            cover: self.cover_id.map(MediaId),
        })
    }
}

impl PublicationRow {
    fn into_published(self) -> Result<PublishedPublication> {
        Ok(PublishedPublication {
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
            publication: self.facts.into_publication()?,
        })
    }
}

/// The facts' columns, for reads that join a variant `v` to its publication `p`.
const FACTS: &str = "p.year, p.authors, p.form, p.isbn, p.issn, p.series, p.cover_id";

/// The publications of site `$1` with a version published at `$2`, narrowed by `$3` (year),
/// `$4` (series), `$5` (country), `$6` (theme slug), `$7` (a language with a published
/// version) and `$8` (a goal's number), each ignored when null; on a country office (`$9`,
/// its country, not null) the global site's about that country too, as its news list and
/// vacancies show them. One index range of each site's publications; the narrowing probes
/// are by document id. The `offset 0` keeps PostgreSQL from turning the version check into
/// a join that hashes every published variant of the archive.
pub(crate) fn selection_sql(columns: &str, joins: &str) -> String {
    let branch = |site: &str, country: &str| {
        format!(
            "select {columns} from publications p {joins}
             where {site}
               and ($3 is null or p.year = $3) and ($4 is null or p.series = $4)
               and ($5 is null or {country})
               and ($6 is null or exists (select 1 from document_themes t join themes th on th.id = t.theme_id
                                          where t.document_id = p.document_id and th.slug = $6))
               and ($8 is null or exists (select 1 from document_goals g
                                          where g.document_id = p.document_id and g.goal = $8))
               and exists (select 1 from variants o where o.document_id = p.document_id
                           and o.status = 'published' and o.published_at <= $2
                           and ($7 is null or o.language = $7) limit 1 offset 0)"
        )
    };
    format!(
        "{} union all {}",
        branch(
            "p.site_id = $1",
            "exists (select 1 from document_countries c where c.document_id = p.document_id and c.country = $5)"
        ),
        // On the office, a global publication is about the office's country alone (see
        // `library::entries`).
        branch(
            "$9 is not null and p.site_id = (select min(id) from sites) and p.site_id <> $1
             and exists (select 1 from document_countries oc where oc.document_id = p.document_id and oc.country = $9)",
            "$5 = $9"
        )
    )
}

/// The ids of a page of [`selection_sql`], newest year first: `$10` rows from `$11`; their
/// rows are read by [`publications_by_ids_sql`].
pub(crate) fn library_page_sql() -> String {
    format!(
        "select document_id from ({}) listed order by year desc, document_id desc limit $10 offset $11",
        selection_sql("p.document_id, p.year", "")
    )
}

/// The publications `ids` (a comma-separated list of integers, which is safe to inline),
/// newest year first, each in language `$2` or else in its first version published at `$1`.
/// A page's ids are chosen first, from the kept rows or the publications' index ranges; only
/// then are they read by primary key, so that no planner joins a library to the whole
/// `variants` or `publications` table.
pub(crate) fn publications_by_ids_sql(ids: &str) -> String {
    format!(
        "select p.document_id, v.id as variant_id, p.site_id, v.language, v.slug, v.title, v.summary,
                '' as body_html, v.published_at, v.updated_at, {FACTS}
         from publications p join variants v on v.id = (
             select o.id from variants o where o.document_id = p.document_id
               and o.status = 'published' and o.published_at <= $1
             order by case when o.language = $2 then 0 else 1 end, o.id limit 1)
         where p.document_id in ({ids})
         order by p.year desc, p.document_id desc"
    )
}

/// How many rows [`selection_sql`] has.
pub(crate) fn library_count_sql() -> String {
    format!("select count(*) from ({}) listed", selection_sql("p.document_id", ""))
}

/// The ids of a page of the kept selection `$2` of site `$1` (see `library.rs`), newest year
/// first: `$3` rows from `$4`. One range of the `library` key.
pub(crate) const KEPT_PAGE: &str = "select document_id from library where site_id = $1 and selection = $2
     order by year desc, document_id desc limit $3 offset $4";

/// The counts of the kept selection `$2` of site `$1`: its size (facet `''`) and every value
/// of each facet it does not narrow.
pub(crate) const KEPT_COUNTS: &str =
    "select facet, value, n from library_counts where site_id = $1 and selection = $2 and n > 0";

/// The counts of facet `$3` of the kept selection `$2` of site `$1`.
pub(crate) const KEPT_FACET: &str = "select facet, value, n from library_counts where site_id = $1 and selection = $2 and facet = $3 and n > 0";

/// The values of facet `facet` (one of [`crate::library::FACETS`]) among the publications
/// `ids` (a comma-separated list of integers, which is safe to inline), with how many have
/// each, as [`KEPT_COUNTS`] gives them: a theme by its id. Read by document id through the
/// tables' primary keys, for a library narrowed further than the kept selections; `$1` is
/// the moment, bound for languages only.
pub(crate) fn facet_of_ids_sql(facet: &str, ids: &str) -> String {
    let (value, from) = match facet {
        "year" => ("cast(year as text)", "publications"),
        "series" => ("series", "publications"),
        "country" => ("country", "document_countries"),
        "theme" => ("cast(theme_id as text)", "document_themes"),
        "goal" => ("cast(goal as text)", "document_goals"),
        _ => {
            return format!(
                "select 'language' as facet, language as value, count(distinct document_id) as n from variants
                 where document_id in ({ids}) and kind = 'publication' and status = 'published'
                   and published_at <= $1
                 group by language"
            );
        }
    };
    // A document names a goal once for itself and once per target: counted once.
    format!(
        "select '{facet}' as facet, {value} as value, count(distinct document_id) as n from {from}
         where document_id in ({ids}) and {value} <> '' group by {value}"
    )
}

/// One published publication of site `$1` in language `$2` at `$3` by slug `$4`.
pub(crate) fn publication_by_slug_sql() -> String {
    format!(
        "select p.document_id, v.id as variant_id, p.site_id, v.language, v.slug, v.title, v.summary,
                v.body_html, v.published_at, v.updated_at, {FACTS}
         from variants v join publications p on p.document_id = v.document_id
         where v.site_id = $1 and v.language = $2 and v.kind = 'publication' and {} and v.slug = $4",
        crate::reading::VISIBLE
    )
}

/// Publication `$1` at `$2` in language `$3`, or in its first published version.
pub(crate) fn publication_by_id_sql() -> String {
    format!(
        "select p.document_id, v.id as variant_id, p.site_id, v.language, v.slug, v.title, v.summary,
                v.body_html, v.published_at, v.updated_at, {FACTS}
         from publications p join variants v on v.id = (
             select o.id from variants o where o.document_id = p.document_id
               and o.status = 'published' and o.published_at <= $2
             order by case when o.language = $3 then 0 else 1 end, o.id limit 1)
         where p.document_id = $1"
    )
}

/// The published versions of document `$1` at `$2` with their PDFs, by variant.
pub(crate) const PUBLICATION_FILES: &str = "
    select v.language, v.title, v.slug, m.id as media_id, m.token, m.bytes, m.page_count
    from variants v join publication_files f on f.variant_id = v.id join media m on m.id = f.media_id
    where v.document_id = $1 and v.status = 'published' and v.published_at <= $2
    order by v.id";

/// The publication variants of site `$1`, with what the sitemap checks: one range of the
/// slug index (site, kind), never the site's news.
pub(crate) const SITEMAP_PUBLICATIONS: &str = "
    select v.document_id, v.kind, v.language, v.slug, v.updated_at, v.status, v.published_at
    from variants v where v.site_id = $1 and v.kind = 'publication'";

/// Binds [`selection_sql`]'s `$1` to `$9`: the site, the moment, and the filter with its scope.
macro_rules! bind_selection {
    ($query:expr, $site:expr, $at:expr, $filter:expr) => {
        $query
            .bind($site.0)
            .bind($at)
            .bind($filter.year)
            .bind($filter.series.as_deref())
            .bind($filter.country.as_deref())
            .bind($filter.theme.as_deref())
            .bind($filter.language.as_deref())
            .bind($filter.goal.map(i64::from))
            .bind($filter.office.as_deref())
    };
}

/// How many publications of site `$1`'s library serve each goal: the goal facet of its
/// whole kept library.
pub(crate) const GOAL_PUBLICATION_COUNTS: &str =
    "select value, n from library_counts where site_id = $1 and selection = '' and facet = 'goal' and n > 0";

#[derive(sqlx::FromRow)]
struct FileRow {
    language: String,
    title: String,
    slug: String,
    media_id: i64,
    token: String,
    bytes: i64,
    page_count: i32,
}

/// One `library_counts` row, or its like counted over a selection's ids.
type CountRow = (String, String, i64);

/// A library selection as `library.rs` keeps it: at most [`KEPT_FILTERS`] filters, a theme
/// by its id.
struct Narrowed {
    /// (facet index in [`FACETS`], value) per filter.
    filters: Vec<(usize, String)>,
}

impl Narrowed {
    fn key(&self) -> String {
        crate::library::key(&self.filters.iter().map(|(f, v)| (*f, v.as_str())).collect::<Vec<_>>())
    }

    /// The same selection without facet `facet`'s filter.
    fn without(&self, facet: usize) -> Narrowed {
        Narrowed { filters: self.filters.iter().filter(|(f, _)| *f != facet).cloned().collect() }
    }
}

/// The filter without facet `facet` (one of [`FACETS`]).
fn filter_without(filter: &PublicationFilter, facet: &str) -> PublicationFilter {
    let mut filter = filter.clone();
    match facet {
        "year" => filter.year = None,
        "series" => filter.series = None,
        "country" => filter.country = None,
        "theme" => filter.theme = None,
        "language" => filter.language = None,
        _ => filter.goal = None,
    }
    filter
}

impl Store {
    /// A page of the library of `site` in `language`, newest year first, with how many the
    /// selection has and its facets; the language facet counts each of `languages` (the
    /// site's), whatever language the filter names. A facet the filter narrows counts what
    /// each of its values would give instead, as its links lead there.
    ///
    /// A library narrowed by at most [`KEPT_FILTERS`] filters reads its page and counts from
    /// the rows kept on write (`library.rs`); further narrowed, it is counted over its
    /// selection, which those filters already bound.
    pub async fn library(
        &self,
        site: SiteId,
        language: &str,
        languages: &[String],
        filter: &PublicationFilter,
        limit: i64,
        offset: i64,
    ) -> Result<PublicationList> {
        self.library_with(site, language, languages, filter, limit, offset, true).await
    }

    /// [`Store::library`], from the kept rows only when `kept` allows (tests compare both).
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn library_with(
        &self,
        site: SiteId,
        language: &str,
        languages: &[String],
        filter: &PublicationFilter,
        limit: i64,
        offset: i64,
        kept: bool,
    ) -> Result<PublicationList> {
        let at = now();
        let mut counts: Vec<CountRow> = Vec::new();
        let narrowed = if kept { self.narrowed(filter).await? } else { None };
        let (items, total) = match narrowed {
            Some(narrowed) => {
                let key = narrowed.key();
                let items = self.kept_items(site, at, language, &key, limit, offset).await?;
                counts = on_pool!(self, |pool| {
                    sqlx::query_as(KEPT_COUNTS).bind(site.0).bind(&key).fetch_all(pool).await
                })?;
                for (facet, _) in &narrowed.filters {
                    let key = narrowed.without(*facet).key();
                    let rows: Vec<CountRow> = on_pool!(self, |pool| {
                        sqlx::query_as(KEPT_FACET)
                            .bind(site.0)
                            .bind(&key)
                            .bind(FACETS[*facet])
                            .fetch_all(pool)
                            .await
                    })?;
                    counts.extend(rows);
                }
                let total = counts.iter().find(|(facet, ..)| facet.is_empty()).map_or(0, |(.., n)| *n);
                (items, total)
            }
            None => {
                let items = self.library_items(site, at, language, filter, limit, offset).await?;
                let ids = self.selection_ids(site, at, filter).await?;
                for facet in FACETS {
                    let narrows = filter_without(filter, facet) != *filter;
                    let over = if narrows {
                        self.selection_ids(site, at, &filter_without(filter, facet)).await?
                    } else {
                        ids.clone()
                    };
                    if let (true, Some(office)) = (facet == "country", &filter.office) {
                        // The global site's, listed here, are about the office's country alone.
                        let own: Vec<(i64, i64)> =
                            over.iter().copied().filter(|(_, s)| *s == site.0).collect();
                        let global = i64::try_from(over.len() - own.len()).unwrap_or(0);
                        counts.extend(self.facet_of_ids(facet, &own, at).await?);
                        if global > 0 {
                            counts.push((facet.into(), office.clone(), global));
                        }
                    } else {
                        counts.extend(self.facet_of_ids(facet, &over, at).await?);
                    }
                }
                (items, i64::try_from(ids.len()).unwrap_or(i64::MAX))
            }
        };
        let facets = self.library_facets(counts, language, languages).await?;
        Ok(PublicationList { items, total, facets })
    }

    /// A page of the library of `site` in `language` narrowed by `filter`, newest year first,
    /// with how many the selection has; no facets, for pages that only list (a goal's page).
    pub async fn library_page(
        &self,
        site: SiteId,
        language: &str,
        filter: &PublicationFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<PublishedPublication>, i64)> {
        let at = now();
        if let Some(narrowed) = self.narrowed(filter).await? {
            let key = narrowed.key();
            let items = self.kept_items(site, at, language, &key, limit, offset).await?;
            let total: Option<CountRow> = on_pool!(self, |pool| {
                sqlx::query_as(KEPT_FACET).bind(site.0).bind(&key).bind("").fetch_optional(pool).await
            })?;
            return Ok((items, total.map_or(0, |(.., n)| n)));
        }
        let items = self.library_items(site, at, language, filter, limit, offset).await?;
        let count_sql = library_count_sql();
        let total: i64 = on_pool!(self, |pool| {
            bind_selection!(sqlx::query_scalar(&count_sql), site, at, filter).fetch_one(pool).await
        })?;
        Ok((items, total))
    }

    /// The kept selection `filter` is, when it has at most [`KEPT_FILTERS`] filters. The
    /// office is not one: its library's rows hold the global site's publications it shows.
    async fn narrowed(&self, filter: &PublicationFilter) -> Result<Option<Narrowed>> {
        let mut filters: Vec<(usize, String)> = Vec::new();
        if let Some(year) = filter.year {
            filters.push((0, year.to_string()));
        }
        if let Some(series) = &filter.series {
            filters.push((1, series.clone()));
        }
        if let Some(country) = &filter.country {
            filters.push((2, country.clone()));
        }
        if let Some(language) = &filter.language {
            filters.push((4, language.clone()));
        }
        if let Some(goal) = filter.goal {
            filters.push((5, goal.to_string()));
        }
        let theme_filters = usize::from(filter.theme.is_some());
        if filters.len() + theme_filters > KEPT_FILTERS {
            return Ok(None);
        }
        if let Some(slug) = &filter.theme {
            let id: Option<i64> = on_pool!(self, |pool| {
                sqlx::query_scalar("select id from themes where slug = $1")
                    .bind(slug)
                    .fetch_optional(pool)
                    .await
            })?;
            // No theme has that slug: a selection nothing is in.
            filters.push((3, id.unwrap_or(0).to_string()));
        }
        Ok(Some(Narrowed { filters }))
    }

    /// [`KEPT_PAGE`]'s publications.
    async fn kept_items(
        &self,
        site: SiteId,
        at: OffsetDateTime,
        language: &str,
        key: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<PublishedPublication>> {
        let ids: Vec<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(KEPT_PAGE)
                .bind(site.0)
                .bind(key)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await
        })?;
        self.publications_by_ids(&ids, at, language).await
    }

    /// [`publications_by_ids_sql`]'s publications.
    async fn publications_by_ids(
        &self,
        ids: &[i64],
        at: OffsetDateTime,
        language: &str,
    ) -> Result<Vec<PublishedPublication>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = publications_by_ids_sql(&ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", "));
        let rows: Vec<PublicationRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(at).bind(language).fetch_all(pool).await)?;
        rows.into_iter().map(PublicationRow::into_published).collect()
    }

    /// The ids of [`selection_sql`], each with its site.
    async fn selection_ids(
        &self,
        site: SiteId,
        at: OffsetDateTime,
        filter: &PublicationFilter,
    ) -> Result<Vec<(i64, i64)>> {
        let sql = selection_sql("p.document_id, p.site_id", "");
        Ok(on_pool!(self, |pool| bind_selection!(sqlx::query_as(&sql), site, at, filter)
            .fetch_all(pool)
            .await)?)
    }

    /// [`facet_of_ids_sql`]'s rows.
    async fn facet_of_ids(
        &self,
        facet: &str,
        ids: &[(i64, i64)],
        at: OffsetDateTime,
    ) -> Result<Vec<CountRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql =
            facet_of_ids_sql(facet, &ids.iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>().join(", "));
        Ok(on_pool!(self, |pool| {
            let query = sqlx::query_as(&sql);
            if facet == "language" { query.bind(at) } else { query }.fetch_all(pool).await
        })?)
    }

    /// The facets of a library from its count rows: a theme by its slug and its name in
    /// `language`, the languages only those of the site, each facet in the order a reader
    /// scans it.
    async fn library_facets(
        &self,
        counts: Vec<CountRow>,
        language: &str,
        languages: &[String],
    ) -> Result<PublicationFacets> {
        let theme_ids: Vec<i64> = counts
            .iter()
            .filter(|(facet, ..)| facet == "theme")
            .filter_map(|(_, v, _)| v.parse().ok())
            .collect();
        let themes: std::collections::HashMap<String, (String, String)> = if theme_ids.is_empty() {
            Default::default()
        } else {
            let sql = format!(
                "select t.id, t.slug, coalesce(nullif(n.name, ''), t.name) from themes t
                 left join theme_names n on n.theme_id = t.id and n.language = $1
                 where t.id in ({})",
                theme_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
            );
            let rows: Vec<(i64, String, String)> =
                on_pool!(self, |pool| sqlx::query_as(&sql).bind(language).fetch_all(pool).await)?;
            rows.into_iter().map(|(id, slug, name)| (id.to_string(), (slug, name))).collect()
        };
        // A value counted in two parts (an office's own and the global site's) is one value.
        let mut merged: std::collections::BTreeMap<(String, String), i64> = Default::default();
        for (facet, value, count) in counts {
            *merged.entry((facet, value)).or_default() += count;
        }
        let mut facets = PublicationFacets::default();
        for ((facet, value), count) in merged {
            let (into, value, label) = match facet.as_str() {
                "year" => (&mut facets.years, value.clone(), value),
                "series" => (&mut facets.series, value.clone(), value),
                "country" => (&mut facets.countries, value.clone(), value),
                "goal" => (&mut facets.goals, value.clone(), value),
                "language" if languages.contains(&value) => (&mut facets.languages, value.clone(), value),
                "theme" => match themes.get(&value) {
                    Some((slug, name)) => (&mut facets.themes, slug.clone(), name.clone()),
                    None => continue,
                },
                _ => continue,
            };
            into.push(FacetCount { value, label, count });
        }
        facets.years.sort_by(|a, b| b.value.cmp(&a.value));
        facets.goals.sort_by_key(|c| c.value.parse::<u8>().unwrap_or(u8::MAX));
        facets.languages.sort_by(|a, b| a.value.cmp(&b.value));
        for by_label in [&mut facets.themes, &mut facets.countries, &mut facets.series] {
            by_label.sort_by(|a, b| a.label.cmp(&b.label));
        }
        Ok(facets)
    }

    /// The publications of [`library_page_sql`]: `limit` from `offset` of the selection at `at`.
    async fn library_items(
        &self,
        site: SiteId,
        at: OffsetDateTime,
        language: &str,
        filter: &PublicationFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<PublishedPublication>> {
        let sql = library_page_sql();
        let ids: Vec<i64> = on_pool!(self, |pool| {
            bind_selection!(sqlx::query_scalar(&sql), site, at, filter)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await
        })?;
        self.publications_by_ids(&ids, at, language).await
    }

    /// The published publication of `site` with `slug` in `language`.
    pub async fn published_publication(
        &self,
        site: SiteId,
        language: &str,
        slug: &str,
    ) -> Result<Option<PublishedPublication>> {
        let sql = publication_by_slug_sql();
        let row: Option<PublicationRow> = on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).bind(slug).fetch_optional(pool).await
        })?;
        row.map(PublicationRow::into_published).transpose()
    }

    /// Published publication `document` in `language`, or in its first published version
    /// when it has none in that language (or `language` is `None`).
    pub async fn published_publication_by_id(
        &self,
        document: DocumentId,
        language: Option<&str>,
    ) -> Result<Option<PublishedPublication>> {
        let sql = publication_by_id_sql();
        let row: Option<PublicationRow> = on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(document.0).bind(now()).bind(language).fetch_optional(pool).await
        })?;
        row.map(PublicationRow::into_published).transpose()
    }

    /// The PDFs of a publication's published versions, by version.
    pub async fn publication_files(&self, document: DocumentId) -> Result<Vec<PublicationFile>> {
        let rows: Vec<FileRow> = on_pool!(self, |pool| {
            sqlx::query_as(PUBLICATION_FILES).bind(document.0).bind(now()).fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .map(|r| PublicationFile {
                language: r.language,
                title: r.title,
                slug: r.slug,
                media: MediaId(r.media_id),
                path: format!("/media/{}-{}/original.pdf", r.media_id, r.token),
                bytes: r.bytes,
                pages: r.page_count,
            })
            .collect())
    }

    /// The published publications of `site` in `languages`, for the sitemap and the export.
    pub async fn sitemap_publications(
        &self,
        site: SiteId,
        languages: &[String],
    ) -> Result<Vec<crate::SitemapEntry>> {
        let rows: Vec<crate::syndication::SitemapCandidate> = on_pool!(self, |pool| {
            sqlx::query_as(SITEMAP_PUBLICATIONS).bind(site.0).fetch_all(pool).await
        })?;
        crate::syndication::sitemap_entries_of(rows, languages)
    }

    /// A document's publication facts, whatever its status, for the back office.
    pub async fn publication_facts(&self, document: DocumentId) -> Result<Option<Publication>> {
        let sql = format!("select {FACTS} from publications p where p.document_id = $1");
        let row: Option<FactsRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(document.0).fetch_optional(pool).await)?;
        row.map(FactsRow::into_publication).transpose()
    }

    /// A variant's PDF, whatever its status, for the back office.
    pub async fn publication_file_of(&self, variant: VariantId) -> Result<Option<MediaId>> {
        let id: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar("select media_id from publication_files where variant_id = $1")
                .bind(variant.0)
                .fetch_optional(pool)
                .await
        })?;
        Ok(id.map(MediaId))
    }
}

/// Replaces a publication document's facts in the current transaction. Does nothing for a
/// document of another kind.
macro_rules! write_publication {
    ($tx:expr, $document:expr, $publication:expr) => {{
        sqlx::query("delete from publications where document_id = $1")
            .bind($document)
            .execute(&mut *$tx)
            .await?;
        if let Some(publication) = $publication {
            let publication: portico_content::publication::Publication = publication.normalized();
            if let Some(cover) = publication.cover {
                let image: Option<i64> = sqlx::query_scalar("select id from media where id = $1 and kind = 'image'")
                    .bind(cover.0)
                    .fetch_optional(&mut *$tx)
                    .await?;
                if image.is_none() {
                    return Err($crate::StoreError::UnknownReference {
                        what: "cover image",
                        value: cover.0.to_string(),
                    });
                }
            }
            sqlx::query(
                "insert into publications (document_id, site_id, year, authors, form, isbn, issn, series, cover_id)
                 select id, site_id, $2, $3, $4, $5, $6, $7, $8
                 from documents where id = $1 and kind = 'publication'",
            )
            .bind($document)
            .bind(publication.year)
            .bind(&publication.authors)
            .bind(publication.form.as_str())
            .bind(&publication.isbn)
            .bind(&publication.issn)
            .bind(&publication.series)
            .bind(publication.cover.map(|m| m.0))
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
pub(crate) use write_publication;

/// Replaces a publication variant's PDF in the current transaction. Does nothing for a
/// variant of another kind.
macro_rules! write_publication_file {
    ($tx:expr, $variant:expr, $file:expr) => {{
        sqlx::query("delete from publication_files where variant_id = $1")
            .bind($variant)
            .execute(&mut *$tx)
            .await?;
        if let Some(file) = $file {
            let file: portico_content::MediaId = file;
            let pdf: Option<i64> =
                sqlx::query_scalar("select id from media where id = $1 and mime = 'application/pdf'")
                    .bind(file.0)
                    .fetch_optional(&mut *$tx)
                    .await?;
            if pdf.is_none() {
                return Err($crate::StoreError::UnknownReference { what: "PDF", value: file.0.to_string() });
            }
            sqlx::query(
                "insert into publication_files (variant_id, document_id, media_id)
                 select id, document_id, $2 from variants where id = $1 and kind = 'publication'",
            )
            .bind($variant)
            .bind(file.0)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
pub(crate) use write_publication_file;
