//! The news lists as rows kept up to date on write, so that a public list, count or related
//! query reads rows bounded by what the page shows, never by the size of the archive.
//!
//! Every published release variant has one `listing` row per site whose lists show it (its
//! own site, and each country-office site that aggregates the global site's releases about its
//! country, in that site's languages) and per *facet*: every combination of at most one of its
//! countries and at most one of its themes. A filtered list is then one index range read
//! newest first; a year filter narrows `published_at` inside that range. `listing_counts`
//! holds the size of every list, years included as facets, for the pager and the filters.
//!
//! Rows are derived from the database by [`Facts`] and [`rows`] alone, so every write
//! computes the rows of the documents it touches before and after its change, in its own
//! transaction, and applies the difference ([`apply!`]). Nothing here may read a whole table
//! on a public path.

use std::collections::{BTreeSet, HashMap};

use time::OffsetDateTime;

/// The facet encoding: which filters a list has (`shape` bits) and their values, packed
/// into one integer so that every list is one index prefix.
pub(crate) mod facet {
    /// A country filter is present.
    pub const COUNTRY: i64 = 1;
    /// A theme filter is present.
    pub const THEME: i64 = 2;
    /// A year filter is present (counts only: rows carry the year in `published_at`).
    pub const YEAR: i64 = 4;
    /// The rows are another site's releases shown on a country office's lists, kept apart
    /// from its own so that "this site's releases" (the API) stays one range too.
    pub const AGGREGATED: i64 = 8;
    /// Counts only: how many of a site's own release variants in a language fall in one
    /// window of [`super::SITEMAP_WINDOW`] document ids, for the sitemap's parts.
    pub const WINDOW: i64 = 16;
    /// Counts only, of unfiltered lists (own or [`AGGREGATED`]): how many rows fall in one
    /// calendar month (UTC), so that a deep page finds its month without skipping the rows
    /// of every month before it. The value is `year × 12 + month − 1`.
    pub const MONTH: i64 = 32;
    /// A Sustainable Development Goal filter, alone: a goal's list is never narrowed by
    /// country or theme, so tagging costs one row per goal rather than a product.
    pub const GOAL: i64 = 64;

    const SHAPE_SHIFT: u32 = 56;
    const COUNTRY_SHIFT: u32 = 40;
    const THEME_SHIFT: u32 = 16;
    /// Theme ids above this do not fit the encoding (16.7 million themes).
    const MAX_THEME: i64 = (1 << 24) - 1;

    /// `SV` → 1 + 18 × 26 + 21; only two upper-case ASCII letters have a number.
    pub fn country_number(code: &str) -> Option<i64> {
        match code.as_bytes() {
            [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => Some(1 + i64::from(a - b'A') * 26 + i64::from(b - b'A')),
            _ => None,
        }
    }

    /// The inverse of [`country_number`].
    pub fn country_code(number: i64) -> Option<String> {
        let n = number.checked_sub(1).filter(|n| (0..26 * 26).contains(n))?;
        let (a, b) = (u8::try_from(n / 26).ok()?, u8::try_from(n % 26).ok()?);
        Some(String::from_utf8_lossy(&[b'A' + a, b'A' + b]).into_owned())
    }

    /// The facet of a list filtered by these; `None` when a value cannot be encoded (such
    /// a list is empty).
    pub fn key(country: Option<&str>, theme: Option<i64>, year: Option<i32>) -> Option<i64> {
        let mut key = 0;
        let mut shape = 0;
        if let Some(country) = country {
            key |= country_number(country)? << COUNTRY_SHIFT;
            shape |= COUNTRY;
        }
        if let Some(theme) = theme {
            if !(1..=MAX_THEME).contains(&theme) {
                return None;
            }
            key |= theme << THEME_SHIFT;
            shape |= THEME;
        }
        if let Some(year) = year {
            if !(1..=9999).contains(&year) {
                return None;
            }
            key |= i64::from(year);
            shape |= YEAR;
        }
        Some(key | shape << SHAPE_SHIFT)
    }

    /// The facet of the list of releases serving goal `goal` (1–17).
    pub fn goal(goal: u8) -> i64 {
        i64::from(goal) << THEME_SHIFT | GOAL << SHAPE_SHIFT
    }

    /// The goal of a [`goal`] facet (own or aggregated, without a year).
    pub fn goal_number(key: i64) -> Option<u8> {
        let shape = own(key) >> SHAPE_SHIFT;
        (shape == GOAL).then(|| u8::try_from((key >> THEME_SHIFT) & 0xFF).ok()).flatten()
    }

    /// The same list's rows that come from the global site, on a country office.
    pub fn aggregated(key: i64) -> i64 {
        key | AGGREGATED << SHAPE_SHIFT
    }

    /// Whether a count of `key` is one of the choices a list's filters offer (a country, a
    /// year): a list that shows the choices changes when such a count turns zero or leaves it.
    pub fn is_choice(key: i64) -> bool {
        let shape = own(key) >> SHAPE_SHIFT;
        shape == COUNTRY || shape == YEAR
    }

    /// The list a listing row of facet `key` on `site` belongs to, when it is one a page shows
    /// alone (unfiltered, a country's, a theme's, a goal's): combinations are each within
    /// their country's list.
    pub fn touched(site: portico_content::SiteId, key: i64) -> Option<crate::TouchedList> {
        use crate::TouchedList;
        let key = own(key);
        Some(match key >> SHAPE_SHIFT {
            0 => TouchedList::Unfiltered(site),
            COUNTRY => {
                let code = country_of(key)?;
                let [a, b] = code.as_bytes() else { return None };
                TouchedList::Country(site, [*a, *b])
            }
            THEME => TouchedList::Theme(site, (key >> THEME_SHIFT) & MAX_THEME),
            GOAL => TouchedList::Goal(site, goal_number(key)?),
            _ => return None,
        })
    }

    /// The facet without the [`AGGREGATED`] mark.
    pub fn own(key: i64) -> i64 {
        key & !(AGGREGATED << SHAPE_SHIFT)
    }

    /// The count of the sitemap window holding `document`.
    pub fn window_of(document: i64) -> i64 {
        document.div_euclid(super::SITEMAP_WINDOW) | WINDOW << SHAPE_SHIFT
    }

    /// The window number of a [`WINDOW`] count.
    pub fn window_number(key: i64) -> i64 {
        key & ((1 << SHAPE_SHIFT) - 1)
    }

    /// The count of month `month` (1–12) of `year` in the unfiltered list `key` (`0` or
    /// its [`aggregated`] form).
    pub fn with_month(key: i64, year: i32, month: u8) -> i64 {
        debug_assert_eq!(own(key), 0, "months are counted for unfiltered lists only");
        key | MONTH << SHAPE_SHIFT | (i64::from(year) * 12 + i64::from(month) - 1)
    }

    /// The half-open range of the month counts of `year` in the unfiltered list `key`.
    pub fn months_of(key: i64, year: i32) -> (i64, i64) {
        (with_month(key, year, 1), with_month(key, year, 12) + 1)
    }

    /// The year and month (1–12) of a [`with_month`] count.
    pub fn month_of(key: i64) -> (i32, u8) {
        let value = key & ((1 << COUNTRY_SHIFT) - 1);
        (i32::try_from(value / 12).unwrap_or(0), u8::try_from(value % 12 + 1).unwrap_or(1))
    }

    /// The half-open range of the year counts of list `key`.
    pub fn years_of(key: i64) -> (i64, i64) {
        (with_year(key, 1), with_year(key, 9999) + 1)
    }

    /// The same facet with a year added.
    pub fn with_year(key: i64, year: i32) -> i64 {
        key | i64::from(year) | YEAR << SHAPE_SHIFT
    }

    /// The half-open range of keys whose shape is exactly `shape`: all countries' lists, say.
    pub fn shape_range(shape: i64) -> (i64, i64) {
        (shape << SHAPE_SHIFT, (shape + 1) << SHAPE_SHIFT)
    }

    /// The country of a key, when it has one.
    pub fn country_of(key: i64) -> Option<String> {
        country_code((key >> COUNTRY_SHIFT) & 0xFFFF)
    }

    /// The year of a key, when it has one.
    pub fn year_of(key: i64) -> Option<i32> {
        i32::try_from(key & 0xFFFF).ok().filter(|y| *y > 0)
    }
}

/// Document ids per part of a large sitemap: each part lists the published releases of one
/// window of ids in every language, at most this many documents' worth.
pub const SITEMAP_WINDOW: i64 = 500;

/// What decides a release's listing rows, read in the writing transaction.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub document: i64,
    /// The site that owns it.
    pub site: i64,
    /// Its visible release variants: language and publication time (Unix seconds).
    pub variants: Vec<(String, i64)>,
    pub countries: Vec<String>,
    pub themes: Vec<i64>,
    /// Goal numbers, each once.
    pub goals: Vec<u8>,
}

/// The sites as the listing needs them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sites {
    /// The global site: the first one created.
    pub global: Option<i64>,
    /// Country-office sites by their country, with their languages.
    pub by_country: HashMap<String, Vec<(i64, Vec<String>)>>,
}

impl Sites {
    pub(crate) fn from_rows(rows: Vec<(i64, String, Option<String>)>) -> Sites {
        let mut sites = Sites::default();
        for (id, languages, country) in rows {
            if sites.global.is_none() {
                sites.global = Some(id);
                continue;
            }
            if let Some(country) = country {
                let languages = languages.split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect();
                sites.by_country.entry(country).or_default().push((id, languages));
            }
        }
        sites
    }
}

/// One `listing` row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Row {
    pub site: i64,
    pub language: String,
    pub facet: i64,
    pub published_at: i64,
    pub document: i64,
}

/// Every row the documents described by `facts` have.
pub(crate) fn rows(facts: &[Facts], sites: &Sites) -> BTreeSet<Row> {
    let mut out = BTreeSet::new();
    for fact in facts {
        let mut countries: Vec<Option<&str>> = vec![None];
        countries.extend(fact.countries.iter().map(|c| Some(c.as_str())));
        let mut themes: Vec<Option<i64>> = vec![None];
        themes.extend(fact.themes.iter().map(|t| Some(*t)));
        let mut facets: Vec<i64> = countries
            .iter()
            .flat_map(|c| themes.iter().filter_map(move |t| facet::key(*c, *t, None)))
            .collect();
        facets.extend(fact.goals.iter().map(|g| facet::goal(*g)));
        // The owner's lists, and those of the country offices that aggregate the global
        // site's releases about their country, in the languages they show.
        let mut shown_on: Vec<(i64, Option<&[String]>)> = vec![(fact.site, None)];
        if sites.global == Some(fact.site) {
            for country in &fact.countries {
                for (site, languages) in sites.by_country.get(country).into_iter().flatten() {
                    if *site != fact.site && !shown_on.iter().any(|(s, _)| s == site) {
                        shown_on.push((*site, Some(languages)));
                    }
                }
            }
        }
        for (site, languages) in shown_on {
            for (language, published_at) in &fact.variants {
                if languages.is_some_and(|l| !l.contains(language)) {
                    continue;
                }
                for facet in &facets {
                    let facet = if site == fact.site { *facet } else { facet::aggregated(*facet) };
                    out.insert(Row {
                        site,
                        language: language.clone(),
                        facet,
                        published_at: *published_at,
                        document: fact.document,
                    });
                }
            }
        }
    }
    out
}

/// The year and month (UTC) of a Unix time.
fn year_month_of(unix: i64) -> (i32, u8) {
    OffsetDateTime::from_unix_timestamp(unix).map_or((1970, 1), |t| (t.year(), u8::from(t.month())))
}

/// Everything some documents put in the lists kept on write: the news lists' rows and the
/// libraries' entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Listed {
    pub news: BTreeSet<Row>,
    pub library: crate::library::Entries,
}

/// What changes between two sets of rows: rows to delete, rows to insert, and the change of
/// every count (without zeros); and the same of the libraries.
pub(crate) struct Change {
    pub removed: Vec<Row>,
    pub added: Vec<Row>,
    pub counts: Vec<((i64, String, i64), i64)>,
    pub library: crate::library::Change,
}

pub(crate) fn change(before: &Listed, after: &Listed) -> Change {
    let library = crate::library::change(&before.library, &after.library);
    let (before, after) = (&before.news, &after.news);
    let removed: Vec<Row> = before.difference(after).cloned().collect();
    let added: Vec<Row> = after.difference(before).cloned().collect();
    let mut counts: HashMap<(i64, String, i64), i64> = HashMap::new();
    for (rows, delta) in [(&removed, -1), (&added, 1)] {
        for row in rows {
            *counts.entry((row.site, row.language.clone(), row.facet)).or_default() += delta;
            let (year, month) = year_month_of(row.published_at);
            let with_year = facet::with_year(row.facet, year);
            *counts.entry((row.site, row.language.clone(), with_year)).or_default() += delta;
            if facet::own(row.facet) == 0 {
                let with_month = facet::with_month(row.facet, year, month);
                *counts.entry((row.site, row.language.clone(), with_month)).or_default() += delta;
            }
            if row.facet == 0 {
                let window = facet::window_of(row.document);
                *counts.entry((row.site, row.language.clone(), window)).or_default() += delta;
            }
        }
    }
    let mut counts: Vec<_> = counts.into_iter().filter(|(_, n)| *n != 0).collect();
    counts.sort();
    Change { removed, added, counts, library }
}

/// What the change log says `document`'s change did to the lists (see
/// [`crate::TouchedList`]): every list it is on before or after, and every narrowed list of the
/// sites in `choices_changed` — nothing for a release on no list either side (a draft). `None`
/// for a document that is no `release`: pages and vacancies are not in these lists, so
/// readers assume any list of its site.
pub(crate) fn touched_lists(
    before: &Listed,
    after: &Listed,
    document: i64,
    choices_changed: &[i64],
    release: bool,
) -> Option<String> {
    let mut touched: BTreeSet<crate::TouchedList> = before
        .news
        .iter()
        .chain(&after.news)
        .filter(|row| row.document == document)
        .filter_map(|row| facet::touched(portico_content::SiteId(row.site), row.facet))
        .collect();
    if !release && touched.is_empty() {
        return None;
    }
    touched.extend(
        choices_changed.iter().map(|site| crate::TouchedList::AllNarrowed(portico_content::SiteId(*site))),
    );
    Some(touched.into_iter().map(crate::TouchedList::token).collect::<Vec<_>>().join(" "))
}

/// Bind parameters per statement, under both databases' limits.
pub(crate) const CHUNK: usize = 500;

/// Reads the [`Facts`] of `$ids` (a slice of document ids) through `$tx` (a connection or
/// transaction), as visible at `$at`.
macro_rules! load_facts {
    ($tx:expr, $ids:expr, $at:expr) => {
        async {
            let ids: &[i64] = $ids;
            let at: time::OffsetDateTime = $at;
            let mut facts: std::collections::BTreeMap<i64, $crate::listing::Facts> = Default::default();
            for chunk in ids.chunks($crate::listing::CHUNK) {
                let list = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
                let variants_sql = format!(
                    "select v.document_id, d.site_id, v.language, v.published_at from variants v
                     join documents d on d.id = v.document_id
                     where v.document_id in ({list}) and v.kind = 'release' and v.status = 'published'
                       and v.published_at is not null"
                );
                let mut query = sqlx::query_as::<_, (i64, i64, String, time::OffsetDateTime)>(&variants_sql);
                for id in chunk {
                    query = query.bind(id);
                }
                for (document, site, language, published_at) in query.fetch_all(&mut *$tx).await? {
                    if published_at > at {
                        continue;
                    }
                    let fact = facts.entry(document).or_default();
                    fact.document = document;
                    fact.site = site;
                    fact.variants.push((language, published_at.unix_timestamp()));
                }
                let listed: Vec<i64> = chunk.iter().copied().filter(|id| facts.contains_key(id)).collect();
                let (countries, themes, goals) = $crate::listing::load_tags!($tx, &listed).await?;
                for (document, country) in countries {
                    if let Some(fact) = facts.get_mut(&document) {
                        fact.countries.push(country);
                    }
                }
                for (document, theme) in themes {
                    if let Some(fact) = facts.get_mut(&document) {
                        fact.themes.push(theme);
                    }
                }
                for (document, goal) in goals {
                    if let (Some(fact), Ok(goal)) = (facts.get_mut(&document), u8::try_from(goal)) {
                        fact.goals.push(goal);
                    }
                }
            }
            Ok::<Vec<$crate::listing::Facts>, sqlx::Error>(facts.into_values().collect())
        }
    };
}
pub(crate) use load_facts;

/// Reads the countries, theme ids and goals (each once) of the documents `$ids` (at most
/// [`CHUNK`]) through `$tx`, in their order.
macro_rules! load_tags {
    ($tx:expr, $ids:expr) => {
        async {
            let ids: &[i64] = $ids;
            let mut countries: Vec<(i64, String)> = Vec::new();
            let mut themes: Vec<(i64, i64)> = Vec::new();
            let mut goals: Vec<(i64, i64)> = Vec::new();
            if !ids.is_empty() {
                let list = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
                let countries_sql = format!(
                    "select document_id, country from document_countries where document_id in ({list})
                     order by document_id, position"
                );
                let mut query = sqlx::query_as::<_, (i64, String)>(&countries_sql);
                for id in ids {
                    query = query.bind(id);
                }
                countries = query.fetch_all(&mut *$tx).await?;
                let themes_sql = format!(
                    "select document_id, theme_id from document_themes where document_id in ({list})
                     order by document_id, position"
                );
                let mut query = sqlx::query_as::<_, (i64, i64)>(&themes_sql);
                for id in ids {
                    query = query.bind(id);
                }
                themes = query.fetch_all(&mut *$tx).await?;
                let goals_sql = format!(
                    "select distinct document_id, goal from document_goals where document_id in ({list})
                     order by document_id, goal"
                );
                let mut query = sqlx::query_as::<_, (i64, i64)>(&goals_sql);
                for id in ids {
                    query = query.bind(id);
                }
                goals = query.fetch_all(&mut *$tx).await?;
            }
            Ok::<_, sqlx::Error>((countries, themes, goals))
        }
    };
}
pub(crate) use load_tags;

/// Reads the [`Sites`] through `$tx`.
macro_rules! load_sites {
    ($tx:expr) => {
        async {
            let rows: Vec<(i64, String, Option<String>)> =
                sqlx::query_as("select id, languages, country from sites order by id")
                    .fetch_all(&mut *$tx)
                    .await?;
            Ok::<$crate::listing::Sites, sqlx::Error>($crate::listing::Sites::from_rows(rows))
        }
    };
}
pub(crate) use load_sites;

/// The listing rows and library entries of the documents `$ids` as they stand in `$tx`.
macro_rules! current_rows {
    ($tx:expr, $ids:expr) => {
        async {
            let at = $crate::now();
            let sites = $crate::listing::load_sites!($tx).await?;
            let facts = $crate::listing::load_facts!($tx, $ids, at).await?;
            let publications = $crate::library::load_facts!($tx, $ids, at).await?;
            Ok::<_, sqlx::Error>($crate::listing::Listed {
                news: $crate::listing::rows(&facts, &sites),
                library: $crate::library::entries(&publications, &sites),
            })
        }
    };
}
pub(crate) use current_rows;

/// Writes a [`Change`] through `$tx`; `$pool` only picks the query builder's database.
macro_rules! apply {
    ($pool:expr, $tx:expr, $change:expr) => {
        async {
            let change: &$crate::listing::Change = $change;
            for row in &change.removed {
                sqlx::query(
                    "delete from listing where site_id = $1 and language = $2 and facet = $3
                     and published_at = $4 and document_id = $5",
                )
                .bind(row.site)
                .bind(&row.language)
                .bind(row.facet)
                .bind(row.published_at)
                .bind(row.document)
                .execute(&mut *$tx)
                .await?;
            }
            for chunk in change.added.chunks($crate::listing::CHUNK) {
                let mut query = $crate::listing::builder(
                    $pool,
                    "insert into listing (site_id, language, facet, published_at, document_id) ",
                );
                query.push_values(chunk, |mut b, row| {
                    b.push_bind(row.site)
                        .push_bind(row.language.clone())
                        .push_bind(row.facet)
                        .push_bind(row.published_at)
                        .push_bind(row.document);
                });
                query.push(" on conflict do nothing");
                query.build().execute(&mut *$tx).await?;
            }
            // Whatever changed a release's rows may change what it is related to, and what
            // it is related to in turn: weighed again by the background job.
            let mut changed: Vec<i64> =
                change.removed.iter().chain(change.added.iter()).map(|row| row.document).collect();
            changed.sort_unstable();
            changed.dedup();
            $crate::related::queue_related!($pool, $tx, &changed, 1).await?;
            let mut choices_changed: Vec<i64> = Vec::new();
            for chunk in change.counts.chunks($crate::listing::CHUNK) {
                let mut query = $crate::listing::builder(
                    $pool,
                    "insert into listing_counts (site_id, language, facet, n) ",
                );
                query.push_values(chunk, |mut b, ((site, language, facet), n)| {
                    b.push_bind(*site).push_bind(language.clone()).push_bind(*facet).push_bind(*n);
                });
                query.push(
                    " on conflict (site_id, language, facet) do update set n = listing_counts.n + excluded.n
                     returning site_id, facet, n",
                );
                let counted: Vec<(i64, i64, i64)> = query.build_query_as().fetch_all(&mut *$tx).await?;
                for (site, facet, n) in counted {
                    if $crate::listing::facet::is_choice(facet)
                        && chunk
                            .iter()
                            .any(|((s, _, f), delta)| *s == site && *f == facet && (n == 0 || n == *delta))
                    {
                        choices_changed.push(site);
                    }
                }
            }
            choices_changed.sort_unstable();
            choices_changed.dedup();
            $crate::library::apply!($pool, $tx, &change.library).await?;
            Ok::<Vec<i64>, sqlx::Error>(choices_changed)
        }
    };
}
pub(crate) use apply;

/// A query builder for the database of `pool`, so that macro-expanded bodies of
/// [`crate::on_pool!`] get the right one without naming it.
pub(crate) fn builder<'args, 'p, E: sqlx::Executor<'p>>(
    _: E,
    head: &str,
) -> sqlx::QueryBuilder<'args, E::Database> {
    sqlx::QueryBuilder::new(head)
}

/// Lists site `$site` anew from its own releases and, for a country office, the global
/// site's releases about its country: after it was created or its languages or country
/// changed. Bounded by that site's lists, not by the archive.
macro_rules! relist_site {
    ($pool:expr, $tx:expr, $site:expr) => {
        async {
            let site: i64 = $site;
            sqlx::query("delete from listing where site_id = $1").bind(site).execute(&mut *$tx).await?;
            sqlx::query("delete from listing_counts where site_id = $1").bind(site).execute(&mut *$tx).await?;
            sqlx::query("delete from library where site_id = $1").bind(site).execute(&mut *$tx).await?;
            sqlx::query("delete from library_counts where site_id = $1").bind(site).execute(&mut *$tx).await?;
            let sites = $crate::listing::load_sites!($tx).await?;
            let mut documents: Vec<i64> =
                sqlx::query_scalar(
                    "select id from documents where site_id = $1 and kind in ('release', 'publication')",
                )
                    .bind(site)
                    .fetch_all(&mut *$tx)
                    .await?;
            let country = sites
                .by_country
                .iter()
                .find(|(_, offices)| offices.iter().any(|(id, _)| *id == site))
                .map(|(country, _)| country.clone());
            if let (Some(country), Some(global)) = (country, sites.global) {
                let about: Vec<i64> = sqlx::query_scalar(
                    "select dc.document_id from document_countries dc join documents d on d.id = dc.document_id
                     where dc.country = $1 and d.site_id = $2",
                )
                .bind(country)
                .bind(global)
                .fetch_all(&mut *$tx)
                .await?;
                documents.extend(about);
            }
            documents.sort_unstable();
            documents.dedup();
            for chunk in documents.chunks($crate::listing::CHUNK) {
                let listed = $crate::listing::current_rows!($tx, chunk).await?;
                let listed = $crate::listing::Listed {
                    news: listed.news.into_iter().filter(|r| r.site == site).collect(),
                    library: listed.library.of_site(site),
                };
                let change = $crate::listing::change(&Default::default(), &listed);
                $crate::listing::apply!($pool, $tx, &change).await?;
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}
pub(crate) use relist_site;

impl crate::Store {
    /// Builds every list anew from the documents, in batches of their own transactions.
    /// Run once after the migration that added the lists; the public lists are incomplete
    /// until it finishes. Tests compare the lists kept on write with its result.
    pub async fn rebuild_listing(&self) -> crate::Result<()> {
        crate::on_pool!(self, |pool| async {
            sqlx::query("delete from listing").execute(pool).await?;
            sqlx::query("delete from listing_counts").execute(pool).await?;
            let mut last = 0_i64;
            loop {
                let mut tx = pool.begin_with(self.begin_write()).await?;
                let batch: Vec<i64> = sqlx::query_scalar(
                    "select id from documents where kind = 'release' and id > $1 order by id limit $2",
                )
                .bind(last)
                .bind(CHUNK as i64)
                .fetch_all(&mut *tx)
                .await?;
                let Some(&end) = batch.last() else { break };
                let rows = current_rows!(tx, &batch).await?;
                apply!(pool, tx, &change(&Default::default(), &rows)).await?;
                tx.commit().await?;
                last = end;
            }
            sqlx::query("delete from pending_rebuilds where name = 'listing'").execute(pool).await?;
            Ok::<(), sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// Runs the rebuilds that a migration asked for.
    pub(crate) async fn run_pending_rebuilds(&self) -> crate::Result<()> {
        let pending: Vec<String> = crate::on_pool!(self, |pool| {
            sqlx::query_scalar("select name from pending_rebuilds").fetch_all(pool).await
        })?;
        if pending.iter().any(|name| name == "listing") {
            self.rebuild_listing().await?;
        }
        if pending.iter().any(|name| name == "library") {
            self.rebuild_library().await?;
        }
        if pending.iter().any(|name| name == "programmes") {
            self.adopt_programmes().await?;
        }
        if pending.iter().any(|name| name == "media_links") {
            self.rebuild_media_links().await?;
        }
        // Indexes a bulk load dropped and did not make again (it was cut short).
        self.make_dropped_indexes(&pending).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_numbers_round_trip_and_reject_what_is_not_a_code() {
        for code in ["AA", "SV", "ZZ", "JO"] {
            let n = facet::country_number(code).expect("a code");
            assert_eq!(facet::country_code(n).as_deref(), Some(code));
        }
        for bad in ["", "S", "sv", "SVN", "É1"] {
            assert_eq!(facet::country_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn facets_of_one_shape_sort_together_and_decode() {
        let sv = facet::key(Some("SV"), None, None).expect("facet");
        let jo = facet::key(Some("JO"), None, None).expect("facet");
        let sv_health = facet::key(Some("SV"), Some(3), None).expect("facet");
        let (low, high) = facet::shape_range(facet::COUNTRY);
        assert!((low..high).contains(&sv) && (low..high).contains(&jo));
        assert!(!(low..high).contains(&sv_health));
        assert_eq!(facet::country_of(sv_health).as_deref(), Some("SV"));
        let year = facet::with_year(0, 2015);
        assert_eq!(facet::year_of(year), Some(2015));
        assert_eq!(Some(year), facet::key(None, None, Some(2015)));
        assert_eq!(facet::key(Some("sv"), None, None), None);
        assert_eq!(facet::key(None, Some(0), None), None);
        let goal = facet::goal(17);
        assert_eq!(facet::goal_number(goal), Some(17));
        assert_eq!(facet::goal_number(facet::aggregated(goal)), Some(17));
        assert_eq!(facet::goal_number(facet::with_year(goal, 2020)), None);
        assert_eq!(facet::goal_number(sv_health), None);
        assert_eq!(facet::year_of(facet::with_year(goal, 2020)), Some(2020));
        let (low, high) = facet::shape_range(facet::GOAL);
        assert!((low..high).contains(&goal) && !(low..high).contains(&facet::aggregated(goal)));
        assert!(goal > 0 && facet::aggregated(goal) > 0, "the sign bit stays clear");
    }

    #[test]
    fn a_global_release_is_listed_on_the_country_offices_about_its_countries_in_their_languages() {
        let sites = Sites::from_rows(vec![
            (1, "en,fr,es".into(), None),
            (2, "es,en".into(), Some("SV".into())),
            (3, "ar,en".into(), Some("JO".into())),
        ]);
        let fact = Facts {
            document: 7,
            site: 1,
            variants: vec![("en".into(), 100), ("fr".into(), 100)],
            countries: vec!["SV".into(), "GT".into()],
            themes: vec![4],
            goals: vec![10],
        };
        let rows = rows(&[fact], &sites);
        // Facets: none, SV, GT, theme 4, SV+4, GT+4, goal 10 = 7; global in en and fr, El
        // Salvador in en.
        assert_eq!(rows.len(), 7 * 3);
        let goal_rows: Vec<&Row> = rows.iter().filter(|r| facet::goal_number(r.facet) == Some(10)).collect();
        assert_eq!(goal_rows.len(), 3, "a goal's list is never multiplied by countries or themes");
        assert!(rows.iter().all(|r| r.site != 3));
        let on_office: Vec<&Row> = rows.iter().filter(|r| r.site == 2).collect();
        assert!(
            on_office.iter().all(|r| r.language == "en" && r.facet == facet::aggregated(facet::own(r.facet)))
        );
        assert!(on_office.iter().all(|r| r.facet != facet::own(r.facet)));
    }

    #[test]
    fn counts_change_by_what_was_added_and_removed_with_years() {
        let sites = Sites::from_rows(vec![(1, "en".into(), None)]);
        let at_2015 = OffsetDateTime::from_unix_timestamp(1_430_000_000).expect("time").unix_timestamp();
        let fact = |themes: Vec<i64>| Facts {
            document: 1,
            site: 1,
            variants: vec![("en".into(), at_2015)],
            countries: vec![],
            themes,
            goals: vec![],
        };
        let listed = |themes| Listed { news: rows(&[fact(themes)], &sites), ..Listed::default() };
        let change = change(&listed(vec![1]), &listed(vec![2]));
        assert_eq!(change.removed.len(), 1);
        assert_eq!(change.added.len(), 1);
        let theme_1 = facet::key(None, Some(1), None).expect("facet");
        let counts: HashMap<i64, i64> = change.counts.iter().map(|((_, _, f), n)| (*f, *n)).collect();
        assert_eq!(counts.get(&theme_1), Some(&-1));
        assert_eq!(counts.get(&facet::with_year(theme_1, 2015)), Some(&-1));
        // The unfiltered list did not change size.
        assert_eq!(counts.get(&facet::key(None, None, None).expect("facet")), None);
    }
}
