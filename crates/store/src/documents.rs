//! Writing documents: each save is one transaction holding the variant, its revision and
//! its change-log row, so that readers, the search index and caches never see half a save.

use portico_content::{DocumentId, Kind, ReleaseDraft, SiteId, Status, VariantId, markdown};
use serde::Serialize;
use time::OffsetDateTime;

use crate::{Result, Store, StoreError, normalize, now, on_pool};

/// A press release to create: its first language variant.
#[derive(Debug, Clone)]
pub struct NewRelease {
    /// The site that owns it.
    pub site: SiteId,
    /// The language of this first variant.
    pub language: String,
    /// Its fields, validated by the caller.
    pub draft: ReleaseDraft,
    /// Where it starts in the workflow.
    pub status: Status,
}

/// A page to create: its first language variant.
#[derive(Debug, Clone)]
pub struct NewPage {
    /// The site that owns it.
    pub site: SiteId,
    /// The language of this first variant.
    pub language: String,
    /// Its path in the site ("our-work/partnerships").
    pub path: String,
    /// Title.
    pub title: String,
    /// Teaser and meta description.
    pub summary: String,
    /// Markdown body.
    pub body_markdown: String,
    /// Where it starts in the workflow.
    pub status: Status,
    /// When it went or goes public.
    pub published_at: Option<OffsetDateTime>,
}

/// What a revision remembers of a variant.
#[derive(Serialize)]
struct Snapshot<'a> {
    title: &'a str,
    slug: &'a str,
    summary: &'a str,
    body_markdown: &'a str,
    dateline: &'a str,
    programme: &'a str,
    status: &'a str,
    published_at: Option<OffsetDateTime>,
    countries: &'a [String],
    themes: &'a [String],
    partners: &'a [String],
    contacts: &'a [String],
}

/// The columns of a variant as written.
struct VariantValues<'a> {
    site: SiteId,
    kind: Kind,
    language: &'a str,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    body_markdown: &'a str,
    dateline: &'a str,
    programme: &'a str,
    status: Status,
    published_at: Option<OffsetDateTime>,
}

/// The links of a document to taxonomy rows, resolved to ids.
#[derive(Default)]
struct Links {
    countries: Vec<String>,
    themes: Vec<i64>,
    partners: Vec<i64>,
    contacts: Vec<i64>,
}

impl Store {
    /// Creates a press release with one variant, its first revision and a change-log row.
    /// Unknown themes, partners or contacts, or a slug already taken, write nothing.
    pub async fn create_release(&self, release: &NewRelease) -> Result<(DocumentId, VariantId)> {
        let draft = &release.draft;
        let links = Links {
            countries: draft
                .countries
                .iter()
                .map(|c| c.to_ascii_uppercase())
                .collect(),
            themes: self
                .resolve_ids("themes", "slug", "theme", &draft.themes)
                .await?,
            partners: self
                .resolve_ids("partners", "slug", "partner", &draft.partners)
                .await?,
            contacts: self
                .resolve_ids("contacts", "key", "contact", &draft.contacts)
                .await?,
        };
        let published_at = draft
            .date
            .map(|date| date.with_hms(9, 0, 0).map(|dt| dt.assume_utc()))
            .transpose()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let values = VariantValues {
            site: release.site,
            kind: Kind::Release,
            language: &release.language,
            slug: &draft.slug,
            title: &draft.title,
            summary: &draft.summary,
            body_markdown: &draft.body_markdown,
            dateline: &draft.dateline,
            programme: &draft.programme,
            status: release.status,
            published_at,
        };
        let snapshot = Snapshot {
            title: &draft.title,
            slug: &draft.slug,
            summary: &draft.summary,
            body_markdown: &draft.body_markdown,
            dateline: &draft.dateline,
            programme: &draft.programme,
            status: release.status.as_str(),
            published_at,
            countries: &draft.countries,
            themes: &draft.themes,
            partners: &draft.partners,
            contacts: &draft.contacts,
        };
        self.insert_document(&values, &links, &snapshot).await
    }

    /// Creates a page with one variant, its first revision and a change-log row.
    pub async fn create_page(&self, page: &NewPage) -> Result<(DocumentId, VariantId)> {
        let values = VariantValues {
            site: page.site,
            kind: Kind::Page,
            language: &page.language,
            slug: &page.path,
            title: &page.title,
            summary: &page.summary,
            body_markdown: &page.body_markdown,
            dateline: "",
            programme: "",
            status: page.status,
            published_at: page.published_at,
        };
        let snapshot = Snapshot {
            title: &page.title,
            slug: &page.path,
            summary: &page.summary,
            body_markdown: &page.body_markdown,
            dateline: "",
            programme: "",
            status: page.status.as_str(),
            published_at: page.published_at,
            countries: &[],
            themes: &[],
            partners: &[],
            contacts: &[],
        };
        self.insert_document(&values, &Links::default(), &snapshot)
            .await
    }

    async fn insert_document(
        &self,
        v: &VariantValues<'_>,
        links: &Links,
        snapshot: &Snapshot<'_>,
    ) -> Result<(DocumentId, VariantId)> {
        let at = now();
        let published_at = v.published_at.map(normalize);
        let body_html = markdown::render(v.body_markdown);
        let snapshot =
            serde_json::to_string(snapshot).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin().await?;
            let document_id: i64 = sqlx::query_scalar(
                "insert into documents (site_id, kind, created_at, updated_at)
                 values ($1, $2, $3, $3) returning id",
            )
            .bind(v.site.0)
            .bind(v.kind.as_str())
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            let variant_id: i64 = sqlx::query_scalar(
                "insert into variants (document_id, site_id, kind, language, slug, title, summary,
                     body_markdown, body_html, dateline, programme, status, published_at,
                     revision, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)
                 returning id",
            )
            .bind(document_id)
            .bind(v.site.0)
            .bind(v.kind.as_str())
            .bind(v.language)
            .bind(v.slug)
            .bind(v.title)
            .bind(v.summary)
            .bind(v.body_markdown)
            .bind(&body_html)
            .bind(v.dateline)
            .bind(v.programme)
            .bind(v.status.as_str())
            .bind(published_at)
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::conflict_on("slug"))?;
            for (position, country) in links.countries.iter().enumerate() {
                sqlx::query(
                    "insert into document_countries (document_id, country, position) values ($1, $2, $3)
                     on conflict do nothing",
                )
                .bind(document_id)
                .bind(country)
                .bind(position as i32)
                .execute(&mut *tx)
                .await?;
            }
            for (table, column, ids) in [
                ("document_themes", "theme_id", &links.themes),
                ("document_partners", "partner_id", &links.partners),
                ("document_contacts", "contact_id", &links.contacts),
            ] {
                let sql = format!(
                    "insert into {table} (document_id, {column}, position) values ($1, $2, $3)
                     on conflict do nothing"
                );
                for (position, id) in ids.iter().enumerate() {
                    sqlx::query(&sql)
                        .bind(document_id)
                        .bind(id)
                        .bind(position as i32)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            sqlx::query(
                "insert into revisions (variant_id, number, snapshot, created_at) values ($1, 1, $2, $3)",
            )
            .bind(variant_id)
            .bind(&snapshot)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "insert into change_log (at, site_id, entity, entity_id, action)
                 values ($1, $2, 'document', $3, 'create')",
            )
            .bind(at)
            .bind(v.site.0)
            .bind(document_id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok((DocumentId(document_id), VariantId(variant_id)))
        }
        .await
        })
    }
}
