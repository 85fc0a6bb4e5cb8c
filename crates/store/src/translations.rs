//! Translations: a document has one variant per language. The first variant written is the
//! original; a translation remembers which revision of the original it was last saved
//! against, and is out of date once the original has moved on.

use portico_content::{DocumentId, Draft, Kind, SiteId, Status, UserId, VariantId};
use serde::Serialize;

use crate::{Result, Store, StoreError, now, on_pool};

/// One language variant of a document, as the back office lists them.
#[derive(Debug, Clone, Serialize)]
pub struct VariantInfo {
    /// Language code.
    pub language: String,
    /// Slug or path in that language.
    pub slug: String,
    /// Title in that language.
    pub title: String,
    /// Workflow status.
    pub status: Status,
    /// Revision of this variant.
    pub revision: i32,
    /// Whether this is the original the others translate.
    pub original: bool,
    /// For a translation: the original changed after this was last saved.
    pub out_of_date: bool,
}

/// What a translation translates, for the editor to show beside it: the original as it is
/// now, and as it was when the translation was last saved.
#[derive(Debug, Clone)]
pub struct TranslationSource {
    /// The original's language.
    pub language: String,
    /// The original's revision now.
    pub revision: i32,
    /// The original's revision the translation was last saved against, when known.
    pub translated_revision: Option<i32>,
    /// The original's fields now.
    pub now: Draft,
    /// The original's fields at `translated_revision`, when that revision is kept.
    pub then: Option<Draft>,
}

/// A document's state in each language of its site, for the translation status page.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationRow {
    /// The document.
    pub document: DocumentId,
    /// Release or page.
    pub kind: String,
    /// Its title in the original language.
    pub title: String,
    /// The original's language.
    pub original_language: String,
    /// Its variants.
    pub variants: Vec<VariantInfo>,
}

#[derive(sqlx::FromRow)]
struct InfoRow {
    id: i64,
    document_id: i64,
    kind: String,
    language: String,
    slug: String,
    title: String,
    status: String,
    revision: i32,
    source_revision: Option<i32>,
}

fn infos(rows: Vec<InfoRow>) -> Result<Vec<(i64, String, VariantInfo)>> {
    // Rows come ordered by document, then variant id: the first of each document is its original.
    let mut out = Vec::with_capacity(rows.len());
    let mut original: Option<(i64, i32)> = None;
    for row in rows {
        let is_original = original.is_none_or(|(doc, _)| doc != row.document_id);
        if is_original {
            original = Some((row.document_id, row.revision));
        }
        let original_revision = original.map_or(row.revision, |(_, r)| r);
        let status =
            row.status.parse().map_err(|_| StoreError::Corrupt(format!("status {:?}", row.status)))?;
        let info = VariantInfo {
            language: row.language,
            slug: row.slug,
            title: row.title,
            status,
            revision: row.revision,
            original: is_original,
            out_of_date: !is_original && row.source_revision.unwrap_or(0) < original_revision,
        };
        let _ = row.id;
        out.push((row.document_id, row.kind, info));
    }
    Ok(out)
}

const INFO_COLUMNS: &str =
    "select id, document_id, kind, language, slug, title, status, revision, source_revision from variants";

impl Store {
    /// Every variant of a document, the original first.
    pub async fn variants_of(&self, document: DocumentId) -> Result<Vec<VariantInfo>> {
        let sql = format!("{INFO_COLUMNS} where document_id = $1 order by id");
        let rows: Vec<InfoRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(document.0).fetch_all(pool).await)?;
        Ok(infos(rows)?.into_iter().map(|(_, _, info)| info).collect())
    }

    /// The original that `document`'s variant in `language` translates, now and as it was
    /// when the translation was last saved; `None` when that variant is the original or does
    /// not exist. Reads the document's variants (one per language) and one revision.
    pub async fn translation_source(
        &self,
        document: DocumentId,
        language: &str,
    ) -> Result<Option<TranslationSource>> {
        let sql = format!("{INFO_COLUMNS} where document_id = $1 order by id");
        let rows: Vec<InfoRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(document.0).fetch_all(pool).await)?;
        let (Some(original), Some(translation)) =
            (rows.first(), rows.iter().find(|r| r.language == language))
        else {
            return Ok(None);
        };
        if original.id == translation.id {
            return Ok(None);
        }
        let Some(now) = self.editable_variant(document, Some(&original.language)).await? else {
            return Ok(None);
        };
        let then = match translation.source_revision {
            Some(number) => {
                let snapshot: Option<String> = on_pool!(self, |pool| {
                    sqlx::query_scalar("select snapshot from revisions where variant_id = $1 and number = $2")
                        .bind(original.id)
                        .bind(number)
                        .fetch_optional(pool)
                        .await
                })?;
                snapshot
                    .map(|json| {
                        serde_json::from_str::<Draft>(&json)
                            .map_err(|e| StoreError::Corrupt(format!("revision {number}: {e}")))
                    })
                    .transpose()?
            }
            None => None,
        };
        Ok(Some(TranslationSource {
            language: original.language.clone(),
            revision: original.revision,
            translated_revision: translation.source_revision,
            now: now.draft,
            then,
        }))
    }

    /// Starts a translation of `document` into `language`, prefilled with the original's
    /// fields, as a draft, by the audit's actor, with its audit entry. A variant in that
    /// language already existing is a conflict.
    pub async fn create_translation(
        &self,
        document: DocumentId,
        language: &str,
        audit: &crate::Audit,
    ) -> Result<VariantId> {
        let at = now();
        let author = audit.actor.user;
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let original: Option<(i64, i64, String, i32)> = sqlx::query_as(
                "select id, site_id, kind, revision from variants where document_id = $1 order by id limit 1",
            )
            .bind(document.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((original_id, site, _kind, revision)) = original else {
                return Err(StoreError::UnknownReference { what: "document", value: document.to_string() });
            };
            let id: i64 = sqlx::query_scalar(
                "insert into variants (document_id, site_id, kind, language, slug, title, summary, body_markdown,
                     body_html, dateline, status, published_at, revision, created_at, updated_at,
                     image_id, author_id, updated_by, source_revision)
                 select document_id, site_id, kind, $1, slug, title, summary, body_markdown, body_html, dateline,
                     'draft', published_at, 1, $2, $2, image_id, $3, $3, $4
                 from variants where id = $5
                 returning id",
            )
            .bind(language)
            .bind(at)
            .bind(author.map(|u: UserId| u.0))
            .bind(revision)
            .bind(original_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(|err| match err.as_database_error() {
                // Either (document, language) or (site, kind, language, slug) is taken; the
                // first is what the caller can act on, and is checked below.
                Some(db) if db.is_unique_violation() => StoreError::Conflict { field: "language" },
                _ => StoreError::Database(err),
            })?;
            sqlx::query(
                "insert into revisions (variant_id, number, snapshot, created_at, author_id)
                 select $1, 1, r.snapshot, $2, $3 from revisions r
                 where r.variant_id = $4 order by r.number desc limit 1",
            )
            .bind(id)
            .bind(at)
            .bind(author.map(|u: UserId| u.0))
            .bind(original_id)
            .execute(&mut *tx)
            .await?;
            crate::media::relink_media!(tx, document.0).await?;
            sqlx::query(
                "insert into change_log (at, site_id, entity, entity_id, action) values ($1, $2, 'document', $3, 'translate')",
            )
            .bind(at)
            .bind(site)
            .bind(document.0)
            .execute(&mut *tx)
            .await?;
            crate::audit::record_audit!(tx, at, audit, site, "document", document.0);
            tx.commit().await?;
            Ok(VariantId(id))
        }
        .await
        })
    }

    /// The published, visible variants of a document: (language, slug or path).
    pub async fn published_translations(&self, document: DocumentId) -> Result<Vec<(String, String)>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(PUBLISHED_TRANSLATIONS).bind(document.0).bind(now()).fetch_all(pool).await
        })?)
    }

    /// The document of `kind` on `site` that has a published variant at `slug` in any language.
    pub async fn document_by_slug(&self, site: SiteId, kind: Kind, slug: &str) -> Result<Option<DocumentId>> {
        let id: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(DOCUMENT_BY_SLUG)
                .bind(site.0)
                .bind(kind.as_str())
                .bind(slug)
                .bind(now())
                .fetch_optional(pool)
                .await
        })?;
        Ok(id.map(DocumentId))
    }

    /// Every document of a site with its variants, for the translation status page.
    pub async fn translation_status(&self, site: SiteId) -> Result<Vec<TranslationRow>> {
        let sql = format!("{INFO_COLUMNS} where site_id = $1 order by document_id, id");
        let rows: Vec<InfoRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(site.0).fetch_all(pool).await)?;
        let mut table: Vec<TranslationRow> = Vec::new();
        for (document, kind, info) in infos(rows)? {
            match table.last_mut() {
                Some(row) if row.document.0 == document => row.variants.push(info),
                _ => table.push(TranslationRow {
                    document: DocumentId(document),
                    kind,
                    title: info.title.clone(),
                    original_language: info.language.clone(),
                    variants: vec![info],
                }),
            }
        }
        Ok(table)
    }
}

/// The visible variants of document `$1` at `$2`: (language, slug), in the order made.
pub(crate) const PUBLISHED_TRANSLATIONS: &str = "select language, slug from variants
     where document_id = $1 and status = 'published' and published_at is not null and published_at <= $2
     order by id";

/// The document of kind `$2` on site `$1` with a variant visible at `$4` at slug `$3`. The
/// time is compared through `coalesce` so that no planner reads it as a range of
/// `variants_list_site_published`: SQLite without statistics did, and walked every published
/// variant of the site (0.2–0.5 s for a page shown in its default language at 100 000
/// releases) instead of the few at this slug.
pub(crate) const DOCUMENT_BY_SLUG: &str = "select document_id from variants
     where site_id = $1 and kind = $2 and slug = $3 and status = 'published'
       and published_at is not null and coalesce(published_at, $4) <= $4
     order by id limit 1";
