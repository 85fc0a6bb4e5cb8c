//! What feeds, sitemaps and "related releases" read: published content only, in the same
//! order and under the same visibility rule as the public pages (see [`crate::reading`]).

use std::collections::HashMap;
use std::sync::Arc;

use portico_content::{DocumentId, Kind, SiteId, ThemeId};
use serde::Serialize;
use time::OffsetDateTime;

use crate::one_row::{rows_of, time_of};
use crate::reading::VISIBLE;
use crate::{ReleaseFilter, ReleaseSummary, Result, Store, StoreError, listing, now, on_pool};

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
    /// Its themes' ids, in order.
    pub theme_ids: Vec<ThemeId>,
}

/// One published variant as the sitemap lists it.
#[derive(Debug, Clone)]
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
    /// included, as (language, slug), by language; one list shared by those variants.
    pub alternates: Arc<[(String, String)]>,
}

/// A row of [`FEED_PAGE`](crate::reading::FEED_PAGE).
#[derive(sqlx::FromRow)]
struct FeedRow {
    #[sqlx(flatten)]
    row: SummaryRow,
    body_html: String,
    updated_at: OffsetDateTime,
    created_at: OffsetDateTime,
    /// Comma-separated, in order.
    theme_ids: Option<String>,
}

/// A variant that may go in the sitemap, checked in code (see [`SummaryRow`] for why).
#[derive(sqlx::FromRow)]
pub(crate) struct SitemapCandidate {
    document_id: i64,
    kind: String,
    language: String,
    slug: String,
    updated_at: OffsetDateTime,
    status: String,
    published_at: Option<OffsetDateTime>,
    #[sqlx(default)]
    site_id: Option<i64>,
}

/// The published pages of site `$1`.
pub(crate) const SITEMAP_PAGES: &str = "
    select v.document_id, v.kind, v.language, v.slug, v.updated_at, v.status, v.published_at
    from variants v where v.site_id = $1 and v.kind = 'page'";

/// Every variant with a document id in [`$1`, `$2`), of any site or kind: the caller keeps
/// one site's releases. A condition on the site here would lead SQLite's planner to the
/// site's whole list of releases rather than the range of ids.
pub(crate) const SITEMAP_WINDOW_RELEASES: &str = "
    select v.document_id, v.kind, v.language, v.slug, v.updated_at, v.status, v.published_at, v.site_id
    from variants v where v.document_id >= $1 and v.document_id < $2";

/// [`SITEMAP_WINDOW_RELEASES`] as one row for SQLite, site `$3`'s published releases alone:
/// a JSON array of `[document_id, kind, language, slug, updated_at, status, published_at,
/// site_id]`, times as Unix seconds (stored times are whole seconds). sqlx hands each row of
/// an SQLite query from its worker thread to the task that asked, and for a window's ~700
/// rows those hand-offs were most of a sitemap part's time; one row is one hand-off.
///
/// The covering index is named so that the site's condition cannot lead the planner to the
/// site's whole list (see [`SITEMAP_WINDOW_RELEASES`]); checked from the index, it keeps the
/// array to the rows the part shows (at a million releases, 63 % of a window for the global
/// site, 9 % for an office's).
pub(crate) const SITEMAP_WINDOW_RELEASES_ONE_ROW: &str = "
    select json_group_array(json_array(v.document_id, v.kind, v.language, v.slug, unixepoch(v.updated_at),
                                       v.status, unixepoch(v.published_at), v.site_id))
    from variants v indexed by variants_sitemap
    where v.document_id >= $1 and v.document_id < $2 and v.site_id = $3 and v.kind = 'release'
      and v.status = 'published'";

/// One element of [`SITEMAP_WINDOW_RELEASES_ONE_ROW`]'s array.
type WindowRow = (i64, String, String, String, i64, String, Option<i64>, Option<i64>);

/// The publication time of the newest release on the site's own list in language `$2`.
pub(crate) const NEWEST_LISTED: &str = "
    select published_at from listing where site_id = $1 and language = $2 and facet = 0
    order by published_at desc limit 1";

/// The visible ones of `rows` in `languages`, by document then language, with alternates.
pub(crate) fn sitemap_entries_of(
    rows: Vec<SitemapCandidate>,
    languages: &[String],
) -> Result<Vec<SitemapEntry>> {
    let at = now();
    let mut rows: Vec<SitemapCandidate> = rows
        .into_iter()
        .filter(|r| {
            r.status == "published"
                && r.published_at.is_some_and(|p| p <= at)
                && languages.contains(&r.language)
        })
        .collect();
    rows.sort_by(|a, b| (a.document_id, &a.language).cmp(&(b.document_id, &b.language)));
    let mut entries = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while let Some(first) = rows.next() {
        let document = first.document_id;
        let mut variants = vec![first];
        while let Some(next) = rows.next_if(|next| next.document_id == document) {
            variants.push(next);
        }
        let alternates: Arc<[(String, String)]> =
            variants.iter().map(|row| (row.language.clone(), row.slug.clone())).collect();
        for row in variants {
            entries.push(SitemapEntry {
                document: DocumentId(document),
                kind: kind_of(&row.kind)?,
                alternates: alternates.clone(),
                language: row.language,
                slug: row.slug,
                updated_at: row.updated_at,
            });
        }
    }
    Ok(entries)
}

fn kind_of(kind: &str) -> Result<Kind> {
    kind.parse().map_err(|_| StoreError::Corrupt(format!("kind {kind:?}")))
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

/// How many releases site `$1` published in `n` languages (`$2`…), from the counts kept on
/// write: one key lookup per language, in one round trip.
pub(crate) fn own_release_count_sql(n: usize) -> String {
    format!(
        "select cast(coalesce(sum(case when n > 0 then n else 0 end), 0) as bigint) from listing_counts
         where site_id = $1 and facet = 0 and language in ({})",
        placeholders(2, n)
    )
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
        // The news list's own scope and query, so that a feed can never disagree with the
        // page it syndicates; its first page needs no count.
        let scope = self.list_scope(filter).await?;
        let Some(facet) = scope.facet else { return Ok(Vec::new()) };
        let rows: Vec<FeedRow> = on_pool!(self, |pool| {
            sqlx::query_as(crate::reading::FEED_PAGE)
                .bind(site.0)
                .bind(language)
                .bind(facet)
                .bind(listing::facet::aggregated(facet))
                .bind(scope.from)
                .bind(scope.until)
                .bind(i64::from(limit))
                .bind(0_i64)
                .bind(i64::from(limit))
                .bind(now().unix_timestamp())
                .fetch_all(pool)
                .await
        })?;
        let at = now();
        Ok(rows
            .into_iter()
            .filter(|row| row.row.is_visible(at))
            .map(|row| FeedRelease {
                summary: row.row.into_summary(),
                body_html: row.body_html,
                updated_at: row.updated_at,
                created_at: row.created_at,
                theme_ids: row
                    .theme_ids
                    .as_deref()
                    .unwrap_or("")
                    .split(',')
                    .filter_map(|id| id.parse().ok().map(ThemeId))
                    .collect(),
            })
            .collect())
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
        // The siblings come by document: each run of them is one document's translations.
        let alternates: HashMap<i64, Arc<[(String, String)]>> = siblings
            .chunk_by(|a, b| a.document_id == b.document_id)
            .map(|variants| {
                let document = variants.first().map_or(0, |row| row.document_id);
                (document, variants.iter().map(|row| (row.language.clone(), row.slug.clone())).collect())
            })
            .collect();
        rows.into_iter()
            .map(|row| {
                Ok(SitemapEntry {
                    document: DocumentId(row.document_id),
                    kind: kind_of(&row.kind)?,
                    alternates: alternates.get(&row.document_id).cloned().unwrap_or_else(|| Arc::new([])),
                    language: row.language,
                    slug: row.slug,
                    updated_at: row.updated_at,
                })
            })
            .collect()
    }

    /// The windows of document ids that hold published releases of the site in `languages`,
    /// with how many URLs each has, in order: the parts of a large sitemap. Read from the
    /// counts kept on write, so bounded by the number of windows.
    pub async fn sitemap_windows(&self, site: SiteId, languages: &[String]) -> Result<Vec<(i64, i64)>> {
        let (low, high) = listing::facet::shape_range(listing::facet::WINDOW);
        let mut windows: std::collections::BTreeMap<i64, i64> = Default::default();
        for language in languages {
            for (key, n) in self.counts_in(site, language, &[(low, high)]).await? {
                *windows.entry(listing::facet::window_number(key)).or_default() += n;
            }
        }
        Ok(windows.into_iter().collect())
    }

    /// How many release variants the site lists as its own in `languages`: the release URLs
    /// of its sitemap, from the counts kept on write.
    pub async fn own_release_count(&self, site: SiteId, languages: &[String]) -> Result<i64> {
        if languages.is_empty() {
            return Ok(0);
        }
        let sql = own_release_count_sql(languages.len());
        let n: i64 = on_pool!(self, |pool| {
            let mut query = sqlx::query_scalar(&sql).bind(site.0);
            for language in languages {
                query = query.bind(language);
            }
            query.fetch_one(pool).await
        })?;
        Ok(n)
    }

    /// The published pages of the site in `languages`, by document then language, each with
    /// its translations: bounded by the site's pages.
    pub async fn sitemap_pages(&self, site: SiteId, languages: &[String]) -> Result<Vec<SitemapEntry>> {
        let rows: Vec<SitemapCandidate> =
            on_pool!(self, |pool| { sqlx::query_as(SITEMAP_PAGES).bind(site.0).fetch_all(pool).await })?;
        sitemap_entries_of(rows, languages)
    }

    /// The published releases of the site in `languages` whose document id falls in `window`
    /// (see [`Store::sitemap_windows`]), by document then language, each with its
    /// translations: bounded by the window's size.
    pub async fn sitemap_window(
        &self,
        site: SiteId,
        languages: &[String],
        window: i64,
    ) -> Result<Vec<SitemapEntry>> {
        let first = window.saturating_mul(listing::SITEMAP_WINDOW);
        let end = first.saturating_add(listing::SITEMAP_WINDOW);
        let rows: Vec<SitemapCandidate> = match &self.pool {
            crate::Pool::Sqlite(connections) => {
                let pool = &**connections;
                let json: String = sqlx::query_scalar(SITEMAP_WINDOW_RELEASES_ONE_ROW)
                    .bind(first)
                    .bind(end)
                    .bind(site.0)
                    .fetch_one(pool)
                    .await?;
                let what = format!("the sitemap window {window}");
                let time = |at: i64| time_of(at, &what);
                rows_of::<WindowRow>(&json, &what)?
                    .into_iter()
                    .map(|(document_id, kind, language, slug, updated_at, status, published_at, site_id)| {
                        Ok(SitemapCandidate {
                            document_id,
                            kind,
                            language,
                            slug,
                            updated_at: time(updated_at)?,
                            status,
                            published_at: published_at.map(time).transpose()?,
                            site_id,
                        })
                    })
                    .collect::<Result<_>>()?
            }
            crate::Pool::Postgres(pool) => {
                sqlx::query_as(SITEMAP_WINDOW_RELEASES).bind(first).bind(end).fetch_all(pool).await?
            }
        };
        // PostgreSQL's rows are of every site and kind.
        let rows = rows.into_iter().filter(|r| r.site_id == Some(site.0) && r.kind == "release").collect();
        sitemap_entries_of(rows, languages)
    }

    /// For each of `languages`, when the site's lists and pages in it last changed: its
    /// newest release's publication or its latest page edit, whichever is later.
    pub async fn lists_changed_at(
        &self,
        site: SiteId,
        languages: &[String],
    ) -> Result<Vec<(String, OffsetDateTime)>> {
        let pages = self.sitemap_pages(site, languages).await?;
        let mut out = Vec::new();
        for language in languages {
            let newest: Option<i64> = on_pool!(self, |pool| {
                sqlx::query_scalar(NEWEST_LISTED).bind(site.0).bind(language).fetch_optional(pool).await
            })?;
            let release = newest.and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok());
            let page = pages.iter().filter(|p| &p.language == language).map(|p| p.updated_at).max();
            if let Some(at) = release.max(page) {
                out.push((language.clone(), at));
            }
        }
        Ok(out)
    }

    /// Weighs the releases related to `document` in the site's lists in `language`: up to
    /// `limit` of them, best first — those sharing the most themes and countries with it
    /// (newest first among equals), then, to fill up, the newest releases about any of
    /// `nearby_countries` (upper-case ISO codes, such as the countries of the same region).
    /// Never `document` itself. Also returns every candidate that shares something with it:
    /// the releases whose own related releases it may now belong to.
    ///
    /// Candidates are the newest [`RELATED_CANDIDATES`] of each list the document is in
    /// (each of its countries and themes, and each country with each theme), so the work is
    /// bounded by the document's links, not by the archive; the most specific lists find the
    /// releases sharing the most.
    pub(crate) async fn weigh_related(
        &self,
        site: SiteId,
        language: &str,
        document: DocumentId,
        nearby_countries: &[String],
        limit: u32,
    ) -> Result<(Vec<i64>, Vec<i64>)> {
        self.weigh_related_in(&mut Weighing::default(), site, language, document, nearby_countries, limit)
            .await
    }

    /// [`Store::weigh_related`], reading through `memo`: releases weighed one after another
    /// mostly share their lists' newest rows and their candidates, so a batch reads each once.
    pub(crate) async fn weigh_related_in(
        &self,
        memo: &mut Weighing,
        site: SiteId,
        language: &str,
        document: DocumentId,
        nearby_countries: &[String],
        limit: u32,
    ) -> Result<(Vec<i64>, Vec<i64>)> {
        let limit = limit as usize;
        memo.load_links(self, &[document.0]).await?;
        let (countries, themes) = memo.links.get(&document.0).cloned().unwrap_or_default();
        let mut facets = Vec::new();
        for country in countries.iter().map(|c| Some(c.as_str())).chain([None]) {
            for theme in themes.iter().map(|t| Some(*t)).chain([None]) {
                if (country.is_some() || theme.is_some())
                    && let Some(facet) = listing::facet::key(country, theme, None)
                {
                    facets.extend([facet, listing::facet::aggregated(facet)]);
                }
            }
        }
        let mut candidates: Vec<(i64, i64)> = memo
            .newest(self, site, language, &facets, RELATED_CANDIDATES)
            .await?
            .into_iter()
            .filter(|(id, _)| *id != document.0)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let ids: Vec<i64> = candidates.iter().map(|(id, _)| *id).collect();
        memo.load_links(self, &ids).await?;
        let shared = |id: &i64| {
            memo.links.get(id).map_or(0, |(their_countries, their_themes)| {
                let countries = their_countries.iter().filter(|c| countries.contains(c)).count();
                let themes = their_themes.iter().filter(|t| themes.contains(t)).count();
                (countries + themes) as i64
            })
        };
        let mut ranked: Vec<(i64, i64, i64)> = candidates
            .iter()
            .map(|(id, published)| (shared(id), *published, *id))
            .filter(|(score, _, _)| *score > 0)
            .collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let sharing: Vec<i64> = ranked.iter().map(|(_, _, id)| *id).collect();
        let mut chosen: Vec<i64> = sharing.iter().take(limit).copied().collect();

        let missing = limit.saturating_sub(chosen.len());
        if missing > 0 && !nearby_countries.is_empty() {
            let nearby: Vec<i64> = nearby_countries
                .iter()
                .filter_map(|c| listing::facet::key(Some(c), None, None))
                .flat_map(|f| [f, listing::facet::aggregated(f)])
                .collect();
            // Enough of each list that `missing` remain after leaving out those already chosen.
            let per_list = (missing + chosen.len() + 1) as i64;
            let mut newest = memo.newest(self, site, language, &nearby, per_list).await?;
            newest.sort_unstable_by_key(|&(id, published)| std::cmp::Reverse((published, id)));
            for (id, _) in newest {
                if chosen.len() >= limit {
                    break;
                }
                if id != document.0 && !chosen.contains(&id) {
                    chosen.push(id);
                }
            }
        }
        Ok((chosen, sharing))
    }

    /// List summaries of these published releases in `language`, in the order given.
    pub(crate) async fn release_summaries(&self, language: &str, ids: &[i64]) -> Result<Vec<ReleaseSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = release_summaries_sql(ids.len());
        let rows: Vec<SummaryRow> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql).bind(language);
            for id in ids {
                query = query.bind(id);
            }
            query.fetch_all(pool).await
        })?;
        let at = now();
        let rows = rows.into_iter().filter(|row| row.is_visible(at)).map(SummaryRow::into_summary);
        let mut by_id: HashMap<i64, ReleaseSummary> = rows.into_iter().map(|r| (r.id.0, r)).collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }
}

/// The newest `$4` rows of each of `n` facets (bound from `$5`) of site `$1` in language `$2`,
/// visible at `$3`: (facet, document, publication time).
pub(crate) fn newest_in_facets_sql(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "select facet, document_id, published_at from (select l.facet, l.document_id, l.published_at from listing l
                     where l.site_id = $1 and l.language = $2 and l.published_at <= $3 and l.facet = ${}
                     order by l.published_at desc, l.document_id desc limit $4) f{i}",
                i + 5
            )
        })
        .collect::<Vec<_>>()
        .join(" union all ")
}

/// The themes of `n` documents, bound as `$1…$n`, in order.
pub(crate) fn theme_ids_of_sql(n: usize) -> String {
    format!(
        "select document_id, theme_id from document_themes where document_id in ({})
         order by document_id, position",
        placeholders(1, n)
    )
}

/// A list of one site in one language (site, language, facet), and how many of its newest
/// rows were asked for.
type ListHead = (i64, String, i64, i64);

/// What weighing related releases read, kept while a batch is weighed (see
/// [`Store::weigh_related_in`]); nothing is kept between batches.
#[derive(Debug, Default)]
pub(crate) struct Weighing {
    /// The newest rows of a list (site, language, facet) as (document, publication time), by
    /// how many were asked for.
    newest: HashMap<ListHead, Vec<(i64, i64)>>,
    /// Each document's countries and themes.
    pub links: HashMap<i64, (Vec<String>, Vec<i64>)>,
}

impl Weighing {
    /// The newest `per_facet` rows of each of `facets` of the site's lists in `language`.
    async fn newest(
        &mut self,
        store: &Store,
        site: SiteId,
        language: &str,
        facets: &[i64],
        per_facet: i64,
    ) -> Result<Vec<(i64, i64)>> {
        let key = |facet: i64| (site.0, language.to_owned(), facet, per_facet);
        let mut missing: Vec<i64> =
            facets.iter().copied().filter(|f| !self.newest.contains_key(&key(*f))).collect();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            let sql = newest_in_facets_sql(missing.len());
            let rows: Vec<(i64, i64, i64)> = on_pool!(store, |pool| {
                let mut query = sqlx::query_as(&sql)
                    .bind(site.0)
                    .bind(language)
                    .bind(now().unix_timestamp())
                    .bind(per_facet);
                for facet in &missing {
                    query = query.bind(facet);
                }
                query.fetch_all(pool).await
            })?;
            for facet in &missing {
                self.newest.insert(key(*facet), Vec::new());
            }
            for (facet, document, published) in rows {
                self.newest.entry(key(facet)).or_default().push((document, published));
            }
        }
        Ok(facets.iter().flat_map(|f| self.newest.get(&key(*f)).into_iter().flatten().copied()).collect())
    }

    /// Reads the countries and themes of those of `ids` not read yet.
    pub(crate) async fn load_links(&mut self, store: &Store, ids: &[i64]) -> Result<()> {
        let mut missing: Vec<i64> = ids.iter().copied().filter(|id| !self.links.contains_key(id)).collect();
        missing.sort_unstable();
        missing.dedup();
        for chunk in missing.chunks(listing::CHUNK) {
            let mut countries = store.countries_of(chunk).await?;
            let sql = theme_ids_of_sql(chunk.len());
            let themes: Vec<(i64, i64)> = on_pool!(store, |pool| {
                let mut query = sqlx::query_as(&sql);
                for id in chunk {
                    query = query.bind(id);
                }
                query.fetch_all(pool).await
            })?;
            let mut themes_of: HashMap<i64, Vec<i64>> = HashMap::new();
            for (document, theme) in themes {
                themes_of.entry(document).or_default().push(theme);
            }
            for id in chunk {
                let links =
                    (countries.remove(id).unwrap_or_default(), themes_of.remove(id).unwrap_or_default());
                self.links.insert(*id, links);
            }
        }
        Ok(())
    }
}

/// The variants in language `$1` of `n` documents (bound from `$2`), with their status and
/// publication time for the caller to check: a condition on those here would tempt the
/// planner into the status index, which spans the whole archive.
pub(crate) fn release_summaries_sql(n: usize) -> String {
    format!(
        "select v.document_id as id, v.site_id, v.slug, v.title, v.summary, v.dateline, v.published_at,
                v.status, v.kind, {}
         from variants v
         where v.language = $1 and v.document_id in ({})",
        country_codes!(),
        placeholders(2, n)
    )
}

/// How many of the newest releases of each of a document's lists are weighed as related.
pub const RELATED_CANDIDATES: i64 = 24;

/// A list summary with what decides whether readers may see it.
#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    #[sqlx(flatten)]
    pub summary: ReleaseSummary,
    status: String,
    kind: String,
    /// The release's countries, comma-separated in order (see [`COUNTRY_CODES`]).
    country_codes: Option<String>,
}

/// The column of a summary query that gives a variant `v`'s countries in their order, read
/// with the row rather than in a second round trip. (`string_agg … order by` is both
/// PostgreSQL's and, since 3.44, SQLite's.)
macro_rules! country_codes {
    () => {
        "(select string_agg(dc.country, ',' order by dc.position) from document_countries dc
          where dc.document_id = v.document_id) as country_codes"
    };
}
pub(crate) use country_codes;

/// The columns of a summary query's row as [`one_row_sql`](crate::one_row::one_row_sql) reads
/// them, in [`SummaryJson`]'s order; newest first.
pub(crate) const SUMMARY_JSON_COLUMNS: &str =
    "id, site_id, slug, title, summary, dateline, unixepoch(published_at), status, kind, country_codes";
pub(crate) const SUMMARY_JSON_ORDER: &str = "unixepoch(published_at) desc, id desc";

/// A summary row in [`SUMMARY_JSON_COLUMNS`]' order.
pub(crate) type SummaryJson = (i64, i64, String, String, String, String, i64, String, String, Option<String>);

impl SummaryRow {
    /// The row of a summary query read as JSON (see [`SUMMARY_JSON_COLUMNS`]).
    pub(crate) fn from_json(row: SummaryJson) -> Result<SummaryRow> {
        let (id, site_id, slug, title, summary, dateline, published_at, status, kind, country_codes) = row;
        Ok(SummaryRow {
            summary: ReleaseSummary {
                id: DocumentId(id),
                site_id: SiteId(site_id),
                slug,
                title,
                summary,
                dateline,
                published_at: crate::one_row::time_of(published_at, "a list's release")?,
                countries: Vec::new(),
            },
            status,
            kind,
            country_codes,
        })
    }

    /// The summary, with its countries.
    pub(crate) fn into_summary(self) -> ReleaseSummary {
        let mut summary = self.summary;
        summary.countries = self
            .country_codes
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        summary
    }

    /// A published release whose time has come.
    pub(crate) fn is_visible(&self, at: OffsetDateTime) -> bool {
        self.kind == "release" && self.status == "published" && self.summary.published_at <= at
    }
}
