//! What readers see: only published variants whose publication time has come.

use std::sync::LazyLock;

use portico_content::{ContactId, DocumentId, PartnerId, SiteId, ThemeId, VariantId};
use serde::Serialize;
use time::{Date, Month, OffsetDateTime};

use crate::one_row::{one_row_sql, rows_of};
use crate::syndication::{SUMMARY_JSON_COLUMNS, SUMMARY_JSON_ORDER, SummaryJson, SummaryRow};
use crate::{Contact, Partner, Result, Store, StoreError, Theme, listing, now, on_pool};

/// Filters of the news list; each is optional and they combine.
///
/// A country-office site's lists also show the global site's releases about its country:
/// that is part of the site's lists as kept on write (see `listing`), not a filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseFilter {
    /// ISO 3166-1 alpha-2, uppercase.
    pub country: Option<String>,
    /// Theme slug.
    pub theme: Option<String>,
    /// Publication year.
    pub year: Option<i32>,
    /// A Sustainable Development Goal's number. Its list stands alone: with a country or a
    /// theme as well, the list is empty (the listing keeps no such combination).
    pub goal: Option<u8>,
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
    /// The name of the programme that funded or ran the work, in the release's language; ""
    /// when it has none.
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
    /// Goal and target codes it serves, in the Agenda's order.
    pub goals: Vec<String>,
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
    /// Goal and target codes it serves, comma-separated in the Agenda's order; see
    /// [`Page::goals`].
    #[serde(skip)]
    pub goal_codes: Option<String>,
}

impl Page {
    /// The goal and target codes the page serves, in the Agenda's order.
    pub fn goals(&self) -> Vec<String> {
        self.goal_codes
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// The releases and pages of a site that serve each Sustainable Development Goal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GoalCount {
    /// 1 to 17.
    pub goal: u8,
    /// Published releases in the site's lists in the language.
    pub releases: i64,
    /// Published pages of the site in the language.
    pub pages: i64,
    /// Published publications of the site, in any language (the library lists each in the
    /// page's language or its first version).
    pub publications: i64,
}
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

/// A list's rows as `listing` keeps them: which list (facet) and the time range of a year.
pub(crate) struct ListScope {
    /// The facet; `None` when the filter names something that cannot be listed (an
    /// unknown theme), so the list is empty.
    pub facet: Option<i64>,
    /// Publication times (Unix seconds) from, inclusive.
    pub from: i64,
    /// Publication times until, exclusive.
    pub until: i64,
}

/// The publication time of a listed row that is later than any real one.
const END_OF_TIME: i64 = 253_402_300_800; // 10000-01-01

impl Store {
    /// The listing facet and time range of `filter`.
    pub(crate) async fn list_scope(&self, filter: &ReleaseFilter) -> Result<ListScope> {
        let empty = ListScope { facet: None, from: 0, until: 0 };
        if let Some(goal) = filter.goal {
            let alone = filter.country.is_none() && filter.theme.is_none();
            if !alone || portico_content::sdg::Goal::by_number(goal).is_none() {
                return Ok(empty);
            }
        }
        let theme = match &filter.theme {
            Some(slug) => match self.theme_by_slug(slug).await? {
                Some(theme) => Some(theme.id.0),
                None => return Ok(ListScope { facet: None, from: 0, until: 0 }),
            },
            None => None,
        };
        let facet = match filter.goal {
            Some(goal) => Some(listing::facet::goal(goal)),
            None => listing::facet::key(filter.country.as_deref(), theme, None),
        };
        let (from, until) = match filter.year {
            Some(year) => {
                let start = |y: i32| {
                    Date::from_calendar_date(y, Month::January, 1)
                        .map(|d| d.midnight().assume_utc().unix_timestamp())
                        .map_err(|_| StoreError::UnknownReference { what: "year", value: y.to_string() })
                };
                (start(year)?, start(year + 1)?)
            }
            None => (i64::MIN, END_OF_TIME),
        };
        Ok(ListScope { facet, from, until })
    }

    /// How many rows the list of `filter` has, from the counts kept on write: the site's own,
    /// and those it shows from the global site.
    async fn list_count(
        &self,
        site: SiteId,
        language: &str,
        filter: &ReleaseFilter,
        facets: [i64; 2],
    ) -> Result<[i64; 2]> {
        let keys = facets.map(|facet| match filter.year {
            Some(year) => listing::facet::with_year(facet, year),
            None => facet,
        });
        let rows: Vec<(i64, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(LIST_COUNTS)
                .bind(site.0)
                .bind(language)
                .bind(keys[0])
                .bind(keys[1])
                .fetch_all(pool)
                .await
        })?;
        let mut counts = [0; 2];
        for (count, key) in counts.iter_mut().zip(keys) {
            *count = rows.iter().filter(|(k, _)| *k == key).map(|(_, n)| *n).sum::<i64>().max(0);
        }
        Ok(counts)
    }
}

/// The name of the programme of `v`'s document in `v`'s language, or its default name, or ""
/// when it has none: three lookups by key.
pub(crate) const PROGRAMME_NAME: &str = "coalesce((select coalesce(
         (select n.name from programme_names n where n.programme_id = p.id and n.language = v.language
              and n.name <> ''), p.name)
     from documents d join programmes p on p.id = d.programme_id where d.id = v.document_id), '')";

/// One published release by its slug; `$3` is the time.
pub(crate) fn release_by_slug_sql() -> String {
    format!(
        "select v.id, v.document_id, v.language, v.slug, v.title, v.summary, v.body_html,
                v.dateline, {PROGRAMME_NAME} as programme, v.published_at, v.updated_at, v.image_id
         from variants v
         where v.site_id = $1 and v.language = $2 and v.kind = 'release' and {VISIBLE} and v.slug = $4"
    )
}

/// One published page of site `$1` in language `$2` at path `$4`, visible at `$3`.
pub(crate) fn page_by_path_sql() -> String {
    format!(
        "select v.document_id as id, v.slug, v.title, v.summary, v.body_html, v.updated_at,
                (select string_agg(g.code, ',' order by g.position) from document_goals g
                 where g.document_id = v.document_id) as goal_codes
         from variants v
         where v.site_id = $1 and v.language = $2 and v.kind = 'page' and {VISIBLE} and v.slug = $4"
    )
}

/// The published pages of site `$1` in language `$2` at `$3`, by path: bounded by the pages.
pub(crate) fn page_teasers_sql() -> String {
    format!(
        "select v.slug, v.title, v.summary from variants v
         where v.site_id = $1 and v.language = $2 and v.kind = 'page' and {VISIBLE}
         order by v.slug"
    )
}

/// The countries of `n` documents, bound as `$1…$n`.
pub(crate) fn countries_of_sql(n: usize) -> String {
    let placeholders: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    format!(
        "select document_id, country from document_countries where document_id in ({})
         order by document_id, position",
        placeholders.join(", ")
    )
}

/// What the news list's filters offer; see [`Store::release_facets`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseFacets {
    /// Upper-case ISO codes with their number of releases, by code.
    pub countries: Vec<(String, i64)>,
    /// Years with releases, newest first.
    pub years: Vec<i32>,
}

/// A release's countries, themes, partners and contacts, in their order, in one round trip:
/// `kind` 0–3 says which, and the text columns `a`–`e` hold each one's fields in the order of
/// its struct.
pub(crate) const RELEASE_LINKS: &str = "
    select 0 as kind, position, 0 as id, country as a, '' as b, '' as c, '' as d, '' as e
      from document_countries where document_id = $1
    union all
    select 1, dt.position, t.id, t.slug, coalesce(nullif(tn.name, ''), t.name),
           coalesce(nullif(tn.description, ''), t.description), '', ''
      from document_themes dt join themes t on t.id = dt.theme_id
      left join theme_names tn on tn.theme_id = t.id and tn.language = $2
     where dt.document_id = $1
    union all
    select 2, dp.position, p.id, p.slug, coalesce(nullif(pn.name, ''), p.name),
           coalesce(nullif(pn.acronym, ''), p.acronym),
           case when p.logo_id is null then '' else p.logo_path end, ''
      from document_partners dp join partners p on p.id = dp.partner_id
      left join partner_names pn on pn.partner_id = p.id and pn.language = $2
     where dp.document_id = $1
    union all
    select 3, dc.position, c.id, c.key, c.name, coalesce(nullif(cn.office, ''), c.office), c.phone, c.email
      from document_contacts dc join contacts c on c.id = dc.contact_id
      left join contact_names cn on cn.contact_id = c.id and cn.language = $2
     where dc.document_id = $1
    union all
    select 4, position, goal, code, '', '', '', '' from document_goals where document_id = $1
    order by kind, position";

#[derive(sqlx::FromRow)]
struct LinkRow {
    kind: i32,
    id: i64,
    a: String,
    b: String,
    c: String,
    d: String,
    e: String,
}

/// Pages that start deeper than this many rows into their list are narrowed to a period
/// first (see `Store::narrow`); shallower ones skip fewer index entries than that costs.
const NARROW_BEYOND: i64 = 200;

/// The rows a page reads: publication times in [`from`, `until`), from the `offset`-th on.
#[derive(Debug, Clone, Copy)]
struct Window {
    from: i64,
    until: i64,
    offset: i64,
}

/// Of periods with their row counts, the newest-first one that holds row `offset`, with the
/// number of rows in the newer periods; `None` when the counts fall short of it.
fn period_holding<P: Ord>(periods: impl Iterator<Item = (P, i64)>, offset: i64) -> Option<(P, i64)> {
    let mut periods: Vec<(P, i64)> = periods.filter(|(_, n)| *n > 0).collect();
    periods.sort_by(|a, b| b.0.cmp(&a.0));
    let mut before = 0;
    for (period, n) in periods {
        if before + n > offset {
            return Some((period, before));
        }
        before += n;
    }
    None
}

/// The first second (Unix, UTC) of a month.
fn month_start(year: i32, month: u8) -> Option<i64> {
    let month = Month::try_from(month).ok()?;
    Some(Date::from_calendar_date(year, month, 1).ok()?.midnight().assume_utc().unix_timestamp())
}

/// The sizes of two lists (a site's own rows and those it shows from the global site).
pub(crate) const LIST_COUNTS: &str =
    "select facet, n from listing_counts where site_id = $1 and language = $2 and facet in ($3, $4)";

/// One page of a list with one range only (see [`LIST_PAGE`]): site `$1`, language `$2`,
/// facet `$3`, times in [`$4`, `$5`) and not after `$8`, `$6` rows from `$7`.
pub(crate) const LIST_PAGE_OWN: &str = concat!(
    "
    select v.document_id as id, v.site_id, v.slug, v.title, v.summary, v.dateline, v.published_at,
           v.status, v.kind, ",
    crate::syndication::country_codes!(),
    "
    from (select l.document_id, l.published_at from listing l
          where l.site_id = $1 and l.language = $2 and l.facet = $3
            and l.published_at >= $4 and l.published_at < $5 and l.published_at <= $8
          order by l.published_at desc, l.document_id desc
          limit $6 offset $7) page
    join variants v on v.document_id = page.document_id and v.language = $2
    order by page.published_at desc, page.document_id desc"
);

/// One page of a list, with the `$extra` columns (a literal ending in a comma, or empty):
/// the listed rows in index order, limited and offset there, and only then joined to their
/// variants, so that a deep page skips index entries, not rows. A list is two ranges,
/// merged: the site's own releases (`$3`) and those it shows from the global site (`$4`);
/// each gives at most `$9` (offset plus limit) rows, so the cost is bounded by the page's
/// depth. The variants' status is checked on the rows returned ([`crate::syndication`]'s
/// `SummaryRow`): a condition on it here tempts SQLite's planner into the status index,
/// which spans the archive.
macro_rules! list_page_sql {
    ($extra:literal) => {
        concat!(
            "
    select v.document_id as id, v.site_id, v.slug, v.title, v.summary, v.dateline, v.published_at,
           v.status, v.kind, ",
            $extra,
            crate::syndication::country_codes!(),
            "
    from (select document_id, published_at from (
              select l.document_id, l.published_at from listing l
              where l.site_id = $1 and l.language = $2 and l.facet = $3
                and l.published_at >= $5 and l.published_at < $6 and l.published_at <= $10
              order by l.published_at desc, l.document_id desc limit $9) own
          union all
          select document_id, published_at from (
              select l.document_id, l.published_at from listing l
              where l.site_id = $1 and l.language = $2 and l.facet = $4
                and l.published_at >= $5 and l.published_at < $6 and l.published_at <= $10
              order by l.published_at desc, l.document_id desc limit $9) shown
          order by published_at desc, document_id desc
          limit $7 offset $8) page
    join variants v on v.document_id = page.document_id and v.language = $2
    order by page.published_at desc, page.document_id desc"
        )
    };
}

/// See [`list_page_sql`].
pub(crate) const LIST_PAGE: &str = list_page_sql!("");

/// The first page of a list as its feed shows it ([`LIST_PAGE`] with each release's body,
/// times and theme ids), read in one round trip: a query to SQLite's worker thread costs
/// tens of microseconds in thread switches, whatever it reads (see [`crate::one_row`]).
pub(crate) const FEED_PAGE: &str = list_page_sql!(
    "v.body_html, v.updated_at,
           (select d.created_at from documents d where d.id = v.document_id) as created_at,
           (select string_agg(cast(dt.theme_id as text), ',' order by dt.position) from document_themes dt
            where dt.document_id = v.document_id) as theme_ids, "
);

/// [`LIST_PAGE_OWN`] as one row, for SQLite (see [`crate::one_row`]).
pub(crate) static LIST_PAGE_OWN_ONE_ROW: LazyLock<String> =
    LazyLock::new(|| one_row_sql(SUMMARY_JSON_COLUMNS, Some(SUMMARY_JSON_ORDER), LIST_PAGE_OWN));

/// [`LIST_PAGE`] as one row, for SQLite (see [`crate::one_row`]).
pub(crate) static LIST_PAGE_ONE_ROW: LazyLock<String> =
    LazyLock::new(|| one_row_sql(SUMMARY_JSON_COLUMNS, Some(SUMMARY_JSON_ORDER), LIST_PAGE));

/// The [`SummaryRow`]s of a summary query: `$sql` on PostgreSQL, `$one_row` (the same as one
/// row) on SQLite, bound by `$bind` on `$query`.
macro_rules! summary_rows {
    ($store:expr, $sql:expr, $one_row:expr, |$query:ident| $bind:expr) => {
        match &$store.pool {
            crate::Pool::Sqlite(connections) => {
                let pool = &**connections;
                let $query = sqlx::query_scalar::<_, String>(&$one_row);
                let json = $bind.fetch_one(pool).await?;
                rows_of::<SummaryJson>(&json, "a list's page")?
                    .into_iter()
                    .map(SummaryRow::from_json)
                    .collect::<Result<Vec<SummaryRow>>>()?
            }
            crate::Pool::Postgres(pool) => {
                let $query = sqlx::query_as::<_, SummaryRow>($sql);
                $bind.fetch_all(pool).await?
            }
        }
    };
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
        let scope = self.list_scope(filter).await?;
        let Some(facet) = scope.facet else {
            return Ok(ReleaseList { items: Vec::new(), total: 0 });
        };
        let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
        let facets = [facet, listing::facet::aggregated(facet)];
        let [own, shown] = self.list_count(site, language, filter, facets).await?;
        let total = own + shown;
        let window = Window { from: scope.from, until: scope.until, offset };
        let Window { from, until, offset } = if offset > NARROW_BEYOND && offset < total {
            let facets: &[i64] = if shown == 0 { &facets[..1] } else { &facets };
            self.narrow(site, language, facets, filter.year, window).await?
        } else {
            window
        };
        let rows: Vec<SummaryRow> = if offset >= total {
            Vec::new()
        } else if shown == 0 {
            // Nothing aggregated (the global site, or none about this filter): one range,
            // read in index order with no merge to sort.
            summary_rows!(self, LIST_PAGE_OWN, LIST_PAGE_OWN_ONE_ROW, |query| query
                .bind(site.0)
                .bind(language)
                .bind(facets[0])
                .bind(from)
                .bind(until)
                .bind(i64::from(per_page))
                .bind(offset)
                .bind(now().unix_timestamp()))
        } else {
            summary_rows!(self, LIST_PAGE, LIST_PAGE_ONE_ROW, |query| query
                .bind(site.0)
                .bind(language)
                .bind(facets[0])
                .bind(facets[1])
                .bind(from)
                .bind(until)
                .bind(i64::from(per_page))
                .bind(offset)
                .bind(offset + i64::from(per_page))
                .bind(now().unix_timestamp()))
        };
        let at = now();
        let items: Vec<ReleaseSummary> = rows
            .into_iter()
            .filter(|row| row.is_visible(at))
            .map(crate::syndication::SummaryRow::into_summary)
            .collect();
        Ok(ReleaseList { items, total })
    }

    /// The window of a deep page: it starts in the year, and on an unfiltered list the
    /// month, that holds its first row (found from the counts kept on write), so the list
    /// query skips the rows of that period only, not those of every newer one; the page
    /// goes on into older periods as the list does. `facets` are the list's own and, when it
    /// has any, its aggregated facet.
    async fn narrow(
        &self,
        site: SiteId,
        language: &str,
        facets: &[i64],
        year: Option<i32>,
        window: Window,
    ) -> Result<Window> {
        let mut window = window;
        let year = match year {
            Some(year) => year,
            None => {
                let years = self.period_counts(site, language, facets, listing::facet::years_of).await?;
                let years = years.into_iter().filter_map(|(key, n)| Some((listing::facet::year_of(key)?, n)));
                let Some((year, before)) = period_holding(years, window.offset) else {
                    return Ok(window);
                };
                let Some(until) = month_start(year + 1, 1) else { return Ok(window) };
                window = Window { until: window.until.min(until), offset: window.offset - before, ..window };
                year
            }
        };
        if listing::facet::own(facets[0]) != 0 || window.offset <= NARROW_BEYOND {
            return Ok(window);
        }
        let months =
            self.period_counts(site, language, facets, |key| listing::facet::months_of(key, year)).await?;
        let months = months.into_iter().map(|(key, n)| (listing::facet::month_of(key).1, n));
        let Some((month, before)) = period_holding(months, window.offset) else {
            return Ok(window);
        };
        let next = if month == 12 { month_start(year + 1, 1) } else { month_start(year, month + 1) };
        let Some(until) = next else { return Ok(window) };
        Ok(Window { until: window.until.min(until), offset: window.offset - before, ..window })
    }

    /// The counts in `range(facet)` of each of `facets`, added up by key with the
    /// [`listing::facet::AGGREGATED`] mark taken off.
    async fn period_counts(
        &self,
        site: SiteId,
        language: &str,
        facets: &[i64],
        range: impl Fn(i64) -> (i64, i64),
    ) -> Result<Vec<(i64, i64)>> {
        let ranges: Vec<(i64, i64)> = facets.iter().map(|facet| range(*facet)).collect();
        let mut sums = std::collections::BTreeMap::new();
        for (key, n) in self.counts_in(site, language, &ranges).await? {
            *sums.entry(listing::facet::own(key)).or_insert(0) += n;
        }
        Ok(sums.into_iter().collect())
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
        let sql = countries_of_sql(ids.len());
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
        let sql = release_by_slug_sql();
        let row: Option<ReleaseRow> = on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).bind(slug).fetch_optional(pool).await
        })?;
        let Some(row) = row else { return Ok(None) };
        let document = row.document_id;
        let links: Vec<LinkRow> = on_pool!(self, |pool| {
            sqlx::query_as(RELEASE_LINKS).bind(document).bind(&row.language).fetch_all(pool).await
        })?;
        let (mut countries, mut themes, mut partners, mut contacts) = (vec![], vec![], vec![], vec![]);
        let mut goals = Vec::new();
        for link in links {
            let LinkRow { kind, id, a, b, c, d, e } = link;
            match kind {
                4 => goals.push(a),
                0 => countries.push(a),
                1 => themes.push(Theme {
                    id: ThemeId(id),
                    slug: a,
                    name: b,
                    description: c,
                    names: vec![],
                    site_id: None,
                }),
                2 => partners.push(Partner {
                    id: PartnerId(id),
                    slug: a,
                    name: b,
                    acronym: c,
                    names: vec![],
                    logo_path: d,
                    site_id: None,
                }),
                _ => contacts.push(Contact {
                    id: ContactId(id),
                    key: a,
                    name: b,
                    office: c,
                    phone: d,
                    email: e,
                    site_id: None,
                    names: vec![],
                }),
            }
        }
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
            goals,
        }))
    }

    /// The published page at `path`.
    pub async fn published_page(&self, site: SiteId, language: &str, path: &str) -> Result<Option<Page>> {
        let sql = page_by_path_sql();
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).bind(path).fetch_optional(pool).await
        })?)
    }

    /// Titles and summaries of every published page, by path.
    pub async fn published_page_teasers(&self, site: SiteId, language: &str) -> Result<Vec<PageTeaser>> {
        let sql = page_teasers_sql();
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(site.0).bind(language).bind(now()).fetch_all(pool).await
        })?)
    }

    /// How many published releases each country has in the site's lists, for countries with
    /// at least one, by country code.
    pub async fn release_counts_by_country(
        &self,
        site: SiteId,
        language: &str,
    ) -> Result<Vec<(String, i64)>> {
        Ok(self.facets_of(site, language, &[listing::facet::COUNTRY]).await?.countries)
    }

    /// For every goal, how many of the site's published releases (in its lists, from the
    /// counts kept on write), pages in `language` and publications serve it; goals with none
    /// are left out.
    pub async fn goal_counts(&self, site: SiteId, language: &str) -> Result<Vec<GoalCount>> {
        let mut counts: std::collections::BTreeMap<u8, GoalCount> = Default::default();
        let ranges = release_facet_ranges(&[listing::facet::GOAL]);
        for (facet, n) in self.counts_in(site, language, &ranges).await? {
            if let Some(goal) = listing::facet::goal_number(facet) {
                counts.entry(goal).or_insert(GoalCount { goal, ..GoalCount::default() }).releases += n;
            }
        }
        let pages: Vec<(i64, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(GOAL_PAGE_COUNTS).bind(site.0).bind(language).bind(now()).fetch_all(pool).await
        })?;
        for (goal, n) in pages {
            if let Ok(goal) = u8::try_from(goal) {
                counts.entry(goal).or_insert(GoalCount { goal, ..GoalCount::default() }).pages += n;
            }
        }
        let publications: Vec<(String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(crate::publications::GOAL_PUBLICATION_COUNTS).bind(site.0).fetch_all(pool).await
        })?;
        for (goal, n) in publications {
            if let Ok(goal) = goal.parse::<u8>() {
                counts.entry(goal).or_insert(GoalCount { goal, ..GoalCount::default() }).publications += n;
            }
        }
        Ok(counts.into_values().collect())
    }

    /// The site's published pages in `language` that serve goal `goal`, by title; at most
    /// [`GOAL_PAGES`].
    pub async fn goal_pages(&self, site: SiteId, language: &str, goal: u8) -> Result<Vec<PageTeaser>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(GOAL_PAGES_SQL)
                .bind(site.0)
                .bind(language)
                .bind(now())
                .bind(i64::from(goal))
                .bind(GOAL_PAGES)
                .fetch_all(pool)
                .await
        })?)
    }

    /// What the news list's filters offer: the countries and the years of the site's lists in
    /// `language`, in one round trip.
    pub async fn release_facets(&self, site: SiteId, language: &str) -> Result<ReleaseFacets> {
        self.facets_of(site, language, &[listing::facet::COUNTRY, listing::facet::YEAR]).await
    }

    /// The counts of facets of these shapes (of [`listing::facet::COUNTRY`] and
    /// [`listing::facet::YEAR`]), the site's own and those it shows from the global site added up.
    async fn facets_of(&self, site: SiteId, language: &str, shapes: &[i64]) -> Result<ReleaseFacets> {
        let ranges = release_facet_ranges(shapes);
        let mut counts: std::collections::BTreeMap<i64, i64> = Default::default();
        for (facet, n) in self.counts_in(site, language, &ranges).await? {
            *counts.entry(listing::facet::own(facet)).or_default() += n;
        }
        let mut facets = ReleaseFacets::default();
        for (key, n) in counts {
            if let Some(country) = listing::facet::country_of(key) {
                facets.countries.push((country, n));
            } else if let Some(year) = listing::facet::year_of(key) {
                facets.years.push(year);
            }
        }
        facets.countries.sort();
        facets.years.sort_unstable_by(|a, b| b.cmp(a));
        Ok(facets)
    }

    /// The non-empty counts of the site's lists in `language` whose facets lie in any of the
    /// half-open `ranges`, in one round trip.
    pub(crate) async fn counts_in(
        &self,
        site: SiteId,
        language: &str,
        ranges: &[(i64, i64)],
    ) -> Result<Vec<(i64, i64)>> {
        if ranges.is_empty() {
            return Ok(Vec::new());
        }
        let sql = facet_counts_sql(ranges.len());
        match &self.pool {
            crate::Pool::Sqlite(connections) => {
                let pool = &**connections;
                let one_row = one_row_sql("facet, n", None, &sql);
                let mut query = sqlx::query_scalar(&one_row).bind(site.0).bind(language);
                for (low, high) in ranges {
                    query = query.bind(low).bind(high);
                }
                let json: String = query.fetch_one(pool).await?;
                rows_of(&json, "list counts")
            }
            crate::Pool::Postgres(pool) => {
                let mut query = sqlx::query_as(&sql).bind(site.0).bind(language);
                for (low, high) in ranges {
                    query = query.bind(low).bind(high);
                }
                Ok(query.fetch_all(pool).await?)
            }
        }
    }
}

/// The most pages a goal's page lists: a site has tens of sections, not thousands.
pub const GOAL_PAGES: i64 = 100;

/// How many published pages of site `$1` in language `$2` at `$3` serve each goal: one range
/// of `document_goals_by_site`, bounded by the site's tagged pages.
pub(crate) const GOAL_PAGE_COUNTS: &str = "
    select g.goal, count(distinct g.document_id) from document_goals g
    join variants v on v.document_id = g.document_id and v.language = $2
    where g.site_id = $1 and g.kind = 'page'
      and v.status = 'published' and v.published_at is not null and v.published_at <= $3
    group by g.goal";

/// The published pages of site `$1` in language `$2` at `$3` that serve goal `$4`, by title,
/// at most `$5`.
pub(crate) const GOAL_PAGES_SQL: &str = "
    select v.slug, v.title, v.summary from
      (select distinct document_id from document_goals
       where site_id = $1 and kind = 'page' and goal = $4) g
    join variants v on v.document_id = g.document_id and v.language = $2
    where v.status = 'published' and v.published_at is not null and v.published_at <= $3
    order by v.title limit $5";

/// The facet ranges holding the counts of `shapes`, own and aggregated.
pub(crate) fn release_facet_ranges(shapes: &[i64]) -> Vec<(i64, i64)> {
    shapes
        .iter()
        .flat_map(|&shape| [shape, shape | listing::facet::AGGREGATED])
        .map(listing::facet::shape_range)
        .collect()
}

/// The non-empty counts of `n` ranges of facets (bound in pairs from `$3`) of site `$1`'s lists
/// in language `$2`, one index range each: bounded by the number of countries, themes, years
/// or months the ranges hold.
pub(crate) fn facet_counts_sql(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "select facet, n from listing_counts
                 where site_id = $1 and language = $2 and facet >= ${} and facet < ${} and n > 0",
                2 * i + 3,
                2 * i + 4
            )
        })
        .collect::<Vec<_>>()
        .join(" union all ")
}
