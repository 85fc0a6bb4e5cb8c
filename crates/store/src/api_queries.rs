//! Reads for the public JSON API: published releases a page at a time by keyset (so that a
//! client walking the list never skips or repeats one while others are published), and one
//! published release by id.
//!
//! Like `reading`, this module shows only what readers may see: a published variant whose
//! publication time has come. It must never return a draft, a scheduled or an archived one.

use portico_content::{DocumentId, SiteId};
use serde::Serialize;
use time::OffsetDateTime;

use crate::{ReleaseFilter, Result, Store, now, on_pool};

/// Where a page of the API's release list starts: right after the release with this
/// publication time and document id, in newest-first order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReleaseCursor {
    /// The publication time of the last release already seen.
    pub published_at: OffsetDateTime,
    /// Its document id, which breaks ties between releases published at the same second.
    pub id: DocumentId,
}

/// A published release as the public API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedRelease {
    /// Its document.
    pub id: DocumentId,
    /// The site that owns it.
    pub site: SiteId,
    /// Language code of this variant.
    pub language: String,
    /// URL slug.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// The news in brief.
    pub summary: String,
    /// Place leading the body.
    pub dateline: String,
    /// Sanitized HTML of the body.
    pub body_html: String,
    /// When it went public.
    pub published_at: OffsetDateTime,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
    /// Country codes (ISO 3166-1 alpha-2, upper case), in the author's order.
    pub countries: Vec<String>,
    /// Theme slugs, in the author's order.
    pub themes: Vec<String>,
    /// Sustainable Development Goal and target codes (`"10"`, `"10.7"`), in the Agenda's order.
    pub goals: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct PublishedRow {
    document_id: i64,
    site_id: i64,
    language: String,
    slug: String,
    title: String,
    summary: String,
    dateline: String,
    body_html: String,
    published_at: Option<OffsetDateTime>,
    updated_at: OffsetDateTime,
    #[sqlx(default)]
    status: Option<String>,
    #[sqlx(default)]
    kind: Option<String>,
    #[sqlx(flatten)]
    tags: TagsRow,
}

/// A document's tags as [`tag_columns`] reads them: each kind comma-separated, in order.
#[derive(sqlx::FromRow)]
struct TagsRow {
    country_codes: Option<String>,
    theme_slugs: Option<String>,
    goal_codes: Option<String>,
}

impl TagsRow {
    fn into_tags(self) -> DocumentTags {
        let split = |list: Option<String>| -> Vec<String> {
            list.as_deref().unwrap_or("").split(',').filter(|k| !k.is_empty()).map(str::to_owned).collect()
        };
        DocumentTags {
            countries: split(self.country_codes),
            themes: split(self.theme_slugs),
            goals: split(self.goal_codes),
        }
    }
}

/// The countries, theme slugs and goal codes of `document` (an SQL expression), each
/// comma-separated in its order, read with the row rather than in three more round trips.
/// None of the three holds a comma: country codes are two letters, goal codes digits and
/// dots, theme slugs are made by `slugify`.
fn tag_columns(document: &str) -> String {
    format!(
        "(select string_agg(dc.country, ',' order by dc.position) from document_countries dc
          where dc.document_id = {document}) as country_codes,
         (select string_agg(t.slug, ',' order by dt.position) from document_themes dt
          join themes t on t.id = dt.theme_id where dt.document_id = {document}) as theme_slugs,
         (select string_agg(g.code, ',' order by g.position) from document_goals g
          where g.document_id = {document}) as goal_codes"
    )
}

/// A page of the API's list: site `$1`, language `$2`, facet `$3`, times in `[$4, $5)` and
/// not after `$6` (Unix seconds), `$7` rows; with a cursor, after (`$8`, `$9`).
pub(crate) fn api_list_sql(with_cursor: bool) -> String {
    // The cursor as a row-value bound, which both databases read as an index range.
    let after_cursor = if with_cursor { "and (l.published_at, l.document_id) < ($8, $9)" } else { "" };
    // Visibility is checked on the rows returned (see `with_taxonomy`'s caller): the listing
    // holds visible releases only, and a condition on the variant's status here tempts
    // SQLite's planner into the status index, which spans the archive.
    format!(
        "select v.document_id, v.site_id, v.language, v.slug, v.title, v.summary,
                v.dateline, v.body_html, v.published_at, v.updated_at, v.status, v.kind, {}
         from (select l.document_id, l.published_at from listing l
               where l.site_id = $1 and l.language = $2 and l.facet = $3
                 and l.published_at >= $4 and l.published_at < $5 and l.published_at <= $6 {after_cursor}
               order by l.published_at desc, l.document_id desc
               limit $7) page
         join variants v on v.document_id = page.document_id and v.language = $2
         order by page.published_at desc, page.document_id desc",
        tag_columns("v.document_id")
    )
}

/// One release by document `$1`, in language `$2` or any, visible at `$3`.
pub(crate) fn release_by_id_sql() -> String {
    format!(
        "select v.document_id, v.site_id, v.language, v.slug, v.title, v.summary,
                v.dateline, v.body_html, v.published_at, v.updated_at, {}
         from variants v
         where v.document_id = $1 and ($2 is null or v.language = $2) and {VISIBLE}
         order by v.id limit 1",
        tag_columns("v.document_id")
    )
}

/// The tags of document `$1`.
pub(crate) fn document_tags_sql() -> String {
    format!("select {}", tag_columns("$1"))
}

/// What readers may see; the same rule as `reading::VISIBLE`, with the time as `$3`.
const VISIBLE: &str = "v.kind = 'release' and v.status = 'published' and v.published_at is not null
     and v.published_at <= $3";

impl Store {
    /// Up to `limit` of the site's published releases in `language` matching `filter`,
    /// newest first (publication time, then document id, both descending), starting after
    /// `after` when given.
    pub async fn published_releases_after(
        &self,
        site: SiteId,
        language: &str,
        filter: &ReleaseFilter,
        after: Option<ReleaseCursor>,
        limit: u32,
    ) -> Result<Vec<PublishedRelease>> {
        let scope = self.list_scope(filter).await?;
        let Some(facet) = scope.facet else { return Ok(Vec::new()) };
        let sql = api_list_sql(after.is_some());
        let at = now();
        let rows: Vec<PublishedRow> = on_pool!(self, |pool| {
            let query = sqlx::query_as(&sql)
                .bind(site.0)
                .bind(language)
                .bind(facet)
                .bind(scope.from)
                .bind(scope.until)
                .bind(at.unix_timestamp())
                .bind(i64::from(limit));
            let query = match after {
                Some(cursor) => query.bind(cursor.published_at.unix_timestamp()).bind(cursor.id.0),
                None => query,
            };
            query.fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .filter(|row| {
                row.status.as_deref() == Some("published")
                    && row.kind.as_deref() == Some("release")
                    && row.published_at.is_some_and(|p| p <= at)
            })
            .map(PublishedRow::into_release)
            .collect())
    }

    /// The published release with this document id: the variant in `language` when given,
    /// else its first published variant. `None` for anything a reader may not see.
    pub async fn published_release_by_id(
        &self,
        document: DocumentId,
        language: Option<&str>,
    ) -> Result<Option<PublishedRelease>> {
        let sql = release_by_id_sql();
        let row: Option<PublishedRow> = on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(document.0).bind(language).bind(now()).fetch_optional(pool).await
        })?;
        Ok(row.map(PublishedRow::into_release))
    }

    /// The countries (alpha-2), theme slugs and goal codes of `document`, each in its order,
    /// in one round trip.
    pub async fn document_tags(&self, document: DocumentId) -> Result<DocumentTags> {
        let sql = document_tags_sql();
        let row: TagsRow =
            on_pool!(self, |pool| { sqlx::query_as(&sql).bind(document.0).fetch_one(pool).await })?;
        Ok(row.into_tags())
    }
}

impl PublishedRow {
    fn into_release(self) -> PublishedRelease {
        let tags = self.tags.into_tags();
        PublishedRelease {
            id: DocumentId(self.document_id),
            site: SiteId(self.site_id),
            countries: tags.countries,
            themes: tags.themes,
            goals: tags.goals,
            language: self.language,
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            dateline: self.dateline,
            body_html: self.body_html,
            // The VISIBLE condition guarantees a publication time.
            published_at: self.published_at.unwrap_or(self.updated_at),
            updated_at: self.updated_at,
        }
    }
}

/// What a document is tagged with, as keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentTags {
    /// Countries, alpha-2.
    pub countries: Vec<String>,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Goal and target codes (`10`, `10.7`).
    pub goals: Vec<String>,
}

#[cfg(test)]
mod tests {
    use portico_content::{Draft, Kind, Status};

    use super::*;
    use crate::testing::TestDb;
    use crate::{NewDocument, NewSite};

    async fn site(store: &Store) -> SiteId {
        store
            .create_site(
                &NewSite {
                    key: "global".into(),
                    name: "Global".into(),
                    languages: vec!["en".into()],
                    country: None,
                    hosts: vec![],
                    names: Default::default(),
                    fallback_to_default: true,
                },
                &crate::Audit::system("test", "site.create"),
            )
            .await
            .expect("site")
    }

    async fn release(
        store: &Store,
        site: SiteId,
        title: &str,
        at: OffsetDateTime,
        status: Status,
    ) -> DocumentId {
        let draft = Draft {
            title: title.into(),
            slug: portico_content::slugify(title),
            countries: vec!["SV".into()],
            published_at: Some(at),
            ..Draft::default()
        };
        let new =
            NewDocument { site, kind: Kind::Release, language: "en".into(), draft, status, author: None };
        store
            .create_document(&new, &crate::Audit::system("test", "document.create"))
            .await
            .expect("document")
            .0
    }

    #[tokio::test]
    async fn keyset_pages_walk_newest_first_and_skip_what_readers_may_not_see() {
        for db in TestDb::each().await {
            let store = &db.store;
            let site = site(store).await;
            let noon = time::macros::datetime!(2024-05-01 12:00 UTC);
            let a = release(store, site, "Alpha", noon, Status::Published).await;
            let b = release(store, site, "Beta", noon, Status::Published).await;
            let c = release(store, site, "Gamma", noon - time::Duration::days(1), Status::Published).await;
            let draft = release(store, site, "Draft", noon, Status::Draft).await;
            let future =
                release(store, site, "Later", now() + time::Duration::days(3), Status::Published).await;

            let filter = ReleaseFilter::default();
            let first = store.published_releases_after(site, "en", &filter, None, 2).await.expect("page");
            let ids: Vec<DocumentId> = first.iter().map(|r| r.id).collect();
            assert_eq!(ids, vec![b, a], "same second: the higher id first ({})", store.backend());
            assert_eq!(first[0].countries, vec!["SV".to_owned()]);
            let last = first.last().expect("two");
            let cursor = ReleaseCursor { published_at: last.published_at, id: last.id };
            let second =
                store.published_releases_after(site, "en", &filter, Some(cursor), 2).await.expect("page");
            assert_eq!(second.iter().map(|r| r.id).collect::<Vec<_>>(), vec![c]);

            for hidden in [draft, future] {
                assert!(store.published_release_by_id(hidden, None).await.expect("read").is_none());
            }
            let one = store.published_release_by_id(a, None).await.expect("read").expect("published");
            assert_eq!(one.title, "Alpha");
            assert!(store.published_release_by_id(a, Some("fr")).await.expect("read").is_none());
        }
    }
}
