//! Publications: their facts and each language version's PDF (written with the document, see
//! `documents.rs`), the library with its facets, and one publication as its page shows it.
//!
//! Every read starts from the `publications` index range of one site. The library and its
//! facet counts are bounded by the size of that site's library (hundreds, a few thousand
//! over decades), never by the news archive that shares the `variants` table: variants are
//! only ever reached by document id.

use portico_content::publication::{Form, Publication};
use portico_content::{DocumentId, MediaId, SiteId, VariantId};
use serde::Serialize;
use time::OffsetDateTime;

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
    /// Themes, by name.
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
    let branch = |site: &str| {
        format!(
            "select {columns} from publications p {joins}
             where {site}
               and ($3 is null or p.year = $3) and ($4 is null or p.series = $4)
               and ($5 is null or exists (select 1 from document_countries c
                                          where c.document_id = p.document_id and c.country = $5))
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
        branch("p.site_id = $1"),
        branch(
            "$9 is not null and p.site_id = (select min(id) from sites) and p.site_id <> $1
             and exists (select 1 from document_countries oc where oc.document_id = p.document_id and oc.country = $9)"
        )
    )
}

/// A page of [`selection_sql`] in language `$10` (each publication in it, or in its first
/// published version), newest year first: `$11` rows from `$12`. The page's ids are chosen
/// first, by the publications' index ranges alone; only then is each one's version picked
/// and read by primary key, so no planner joins the selection to the whole `variants` table.
pub(crate) fn library_page_sql() -> String {
    format!(
        "select p.document_id, v.id as variant_id, p.site_id, v.language, v.slug, v.title, v.summary,
                '' as body_html, v.published_at, v.updated_at, {FACTS}
         from (select chosen.document_id,
                      (select o.id from variants o where o.document_id = chosen.document_id
                         and o.status = 'published' and o.published_at <= $2
                       order by case when o.language = $10 then 0 else 1 end, o.id limit 1) as variant_id
               from (select * from ({}) listed order by year desc, document_id desc limit $11 offset $12) chosen
              ) shown
         join publications p on p.document_id = shown.document_id
         join variants v on v.id = shown.variant_id
         order by p.year desc, p.document_id desc",
        selection_sql("p.document_id, p.year", "")
    )
}

/// How many rows [`selection_sql`] has.
pub(crate) fn library_count_sql() -> String {
    format!("select count(*) from ({}) listed", selection_sql("p.document_id", ""))
}

/// The facet `facet` (`year` or `series`) of [`selection_sql`]: (value, label, count) rows.
/// Languages are counted apart, one [`library_count_sql`] each; countries and themes by
/// [`taxonomy_facet_sql`] over the selection's ids.
pub(crate) fn facet_sql(facet: &str) -> String {
    let (value, extra) = match facet {
        "year" => ("cast(p.year as text)", ""),
        _ => ("p.series", "and p.series <> ''"),
    };
    format!(
        "select {value} as value, {value} as label, count(*) as count from ({}) p
         where 1 = 1 {extra} group by {value}",
        selection_sql("p.document_id, p.year, p.series", "")
    )
}

/// The country (`country`), goal (`goal`) or theme facet of the documents `ids` (a comma-separated list of
/// integers, which is safe to inline): read by document id through the taxonomy tables'
/// primary keys. Given as a list rather than joined to the selection, so that no planner
/// hashes a whole taxonomy table to join it to a small library.
pub(crate) fn taxonomy_facet_sql(facet: &str, ids: &str) -> String {
    match facet {
        "country" => format!(
            "select country as value, country as label, count(*) as count from document_countries
             where document_id in ({ids}) group by country"
        ),
        // A document names a goal once for itself and once per target: counted once.
        "goal" => format!(
            "select cast(goal as text) as value, cast(goal as text) as label, count(distinct document_id) as count
             from document_goals where document_id in ({ids}) group by goal"
        ),
        _ => format!(
            "select t.slug as value, t.name as label, count(*) as count
             from document_themes d join themes t on t.id = d.theme_id
             where d.document_id in ({ids}) group by t.slug, t.name"
        ),
    }
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

/// How many publications of site `$1` with a version published at `$2` serve each goal, and
/// on a country office those of the global site about its country too (as its library lists
/// them): one range of `document_goals_by_site` per site, bounded by their tagged publications.
pub(crate) const GOAL_PUBLICATION_COUNTS: &str = "
    select goal, count(distinct document_id) from (
      select g.goal, g.document_id from document_goals g
      where g.site_id = $1 and g.kind = 'publication'
        and exists (select 1 from variants o where o.document_id = g.document_id
                    and o.status = 'published' and o.published_at <= $2 limit 1 offset 0)
      union all
      select g.goal, g.document_id from document_goals g
      where g.site_id = (select min(id) from sites) and g.site_id <> $1 and g.kind = 'publication'
        and exists (select 1 from document_countries c where c.document_id = g.document_id
                    and c.country = (select country from sites where id = $1))
        and exists (select 1 from variants o where o.document_id = g.document_id
                    and o.status = 'published' and o.published_at <= $2 limit 1 offset 0)
    ) tagged group by goal";

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

#[derive(sqlx::FromRow)]
struct FacetRow {
    value: String,
    label: String,
    count: i64,
}

impl Store {
    /// A page of the library of `site` in `language`, newest year first, with how many the
    /// selection has and its facets; the language facet counts each of `languages` (the
    /// site's), whatever language the filter names.
    pub async fn library(
        &self,
        site: SiteId,
        language: &str,
        languages: &[String],
        filter: &PublicationFilter,
        limit: i64,
        offset: i64,
    ) -> Result<PublicationList> {
        let at = now();
        let items = self.library_items(site, at, language, filter, limit, offset).await?;
        let count_sql = library_count_sql();
        // The whole selection's ids: bounded by the site's library, and what the country,
        // theme and goal facets are counted over.
        let ids_sql = selection_sql("p.document_id", "");
        let ids: Vec<i64> =
            on_pool!(self, |pool| bind_selection!(sqlx::query_scalar(&ids_sql), site, at, filter)
                .fetch_all(pool)
                .await)?;
        let total = i64::try_from(ids.len()).unwrap_or(i64::MAX);
        let mut facets = PublicationFacets::default();
        for available in languages {
            let in_language = PublicationFilter { language: Some(available.clone()), ..filter.clone() };
            let count: i64 = on_pool!(self, |pool| {
                bind_selection!(sqlx::query_scalar(&count_sql), site, at, in_language).fetch_one(pool).await
            })?;
            if count > 0 {
                facets.languages.push(FacetCount {
                    value: available.clone(),
                    label: available.clone(),
                    count,
                });
            }
        }
        facets.languages.sort_by(|a, b| a.value.cmp(&b.value));
        if ids.is_empty() {
            return Ok(PublicationList { items, total, facets });
        }
        let id_list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        for (facet, into) in [
            ("year", &mut facets.years),
            ("theme", &mut facets.themes),
            ("country", &mut facets.countries),
            ("series", &mut facets.series),
            ("goal", &mut facets.goals),
        ] {
            let rows: Vec<FacetRow> = if matches!(facet, "theme" | "country" | "goal") {
                let sql = taxonomy_facet_sql(facet, &id_list);
                on_pool!(self, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?
            } else {
                let sql = facet_sql(facet);
                on_pool!(self, |pool| bind_selection!(sqlx::query_as(&sql), site, at, filter)
                    .fetch_all(pool)
                    .await)?
            };
            let mut counts: Vec<FacetCount> = rows
                .into_iter()
                .map(|r| FacetCount { value: r.value, label: r.label, count: r.count })
                .collect();
            match facet {
                "year" => counts.sort_by(|a, b| b.value.cmp(&a.value)),
                "goal" => counts.sort_by_key(|c| c.value.parse::<u8>().unwrap_or(u8::MAX)),
                _ => counts.sort_by(|a, b| a.label.cmp(&b.label)),
            }
            *into = counts;
        }
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
        let items = self.library_items(site, at, language, filter, limit, offset).await?;
        let count_sql = library_count_sql();
        let total: i64 = on_pool!(self, |pool| {
            bind_selection!(sqlx::query_scalar(&count_sql), site, at, filter).fetch_one(pool).await
        })?;
        Ok((items, total))
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
        let rows: Vec<PublicationRow> = on_pool!(self, |pool| {
            bind_selection!(sqlx::query_as(&sql), site, at, filter)
                .bind(language)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(PublicationRow::into_published).collect()
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
