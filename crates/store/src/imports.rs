//! Documents brought in from another system (`portico import`): each language version
//! remembers its id at the source, so that importing the same archive again updates what the
//! first run wrote instead of adding copies, and skips what did not change.
//!
//! A document and all its variants are written in one transaction with the same rows as
//! [`Store::create_document`] and [`Store::update_document`] (variants, revisions, taxonomy
//! links, listing rows, media links, one change-log row, one audit entry), plus its source
//! ids and its old addresses as redirects. A failure anywhere leaves nothing of it behind.
//! This module never decides what to import: the caller validated every draft.

use std::collections::HashMap;

use portico_content::{DocumentId, Draft, Kind, MediaId, SiteId, Status, UserId, markdown};

use crate::audit::record_audit;
use crate::documents::{log_change, stored_status, write_links};
use crate::listing::{apply, change, current_rows};
use crate::media::relink_media;
use crate::{Audit, Result, Store, StoreError, normalize, now, on_pool};

/// One language version to import.
#[derive(Debug, Clone)]
pub struct SourcedVariant {
    /// Its id at the source (`wordpress:https://site/?p=123`).
    pub source: String,
    /// Language code, one of the site's.
    pub language: String,
    /// Its fields, validated by the caller.
    pub draft: Draft,
    /// Where it stands in the workflow.
    pub status: Status,
    /// A digest of everything imported for it: equal to the last run's, nothing is written.
    pub fingerprint: String,
    /// Its author, when they have an account here.
    pub author: Option<UserId>,
}

/// A document to import: its variants (the first is the original when it is created; its
/// countries, themes, partners and contacts are the document's) and its old addresses.
#[derive(Debug, Clone)]
pub struct SourcedDocument {
    /// The site that owns it.
    pub site: SiteId,
    /// Release or page (kept from the first import on later runs).
    pub kind: Kind,
    /// At least one; languages distinct.
    pub variants: Vec<SourcedVariant>,
    /// `(old path, new path)` pairs to answer with a permanent redirect.
    pub redirects: Vec<(String, String)>,
}

/// What an import did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A new document.
    Created(DocumentId),
    /// An existing one, with at least one variant added or changed.
    Updated(DocumentId),
    /// An existing one that the source has not changed since the last run.
    Unchanged(DocumentId),
}

/// What an earlier import left of a document, for a dry run to tell what would happen.
#[derive(Debug, Clone, Default)]
pub struct ImportedState {
    /// The document the sources were imported into.
    pub document: Option<DocumentId>,
    /// Fingerprint by source id.
    pub fingerprints: HashMap<String, String>,
    /// The languages the document has now.
    pub languages: Vec<String>,
}

/// `$1, $2, …` from `start`, `count` of them.
fn placeholders(start: usize, count: usize) -> String {
    (start..start + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// The document these sources were imported into (the first found), with each source's
    /// last fingerprint. Two documents for one group of sources is a conflict.
    pub async fn imported_state(&self, site: SiteId, sources: &[String]) -> Result<ImportedState> {
        if sources.is_empty() {
            return Ok(ImportedState::default());
        }
        let sql = format!(
            "select source, document_id, fingerprint from import_sources
             where site_id = $1 and source in ({})",
            placeholders(2, sources.len())
        );
        let rows: Vec<(String, i64, String)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql).bind(site.0);
            for source in sources {
                query = query.bind(source);
            }
            query.fetch_all(pool).await
        })?;
        let mut documents: Vec<i64> = rows.iter().map(|(_, d, _)| *d).collect();
        documents.sort_unstable();
        documents.dedup();
        if documents.len() > 1 {
            return Err(StoreError::Conflict { field: "source" });
        }
        let Some(document) = documents.first().copied() else { return Ok(ImportedState::default()) };
        let languages: Vec<String> = on_pool!(self, |pool| {
            sqlx::query_scalar("select language from variants where document_id = $1 order by id")
                .bind(document)
                .fetch_all(pool)
                .await
        })?;
        Ok(ImportedState {
            document: Some(DocumentId(document)),
            fingerprints: rows.into_iter().map(|(s, _, f)| (s, f)).collect(),
            languages,
        })
    }

    /// The document of `kind` in `language` on `site` whose slug is `slug`, if any: a dry run's
    /// answer to "would this slug be taken".
    pub async fn slug_owner(
        &self,
        site: SiteId,
        kind: Kind,
        language: &str,
        slug: &str,
    ) -> Result<Option<DocumentId>> {
        let id: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "select document_id from variants where site_id = $1 and kind = $2 and language = $3 and slug = $4",
            )
            .bind(site.0)
            .bind(kind.as_str())
            .bind(language)
            .bind(slug)
            .fetch_optional(pool)
            .await
        })?;
        Ok(id.map(DocumentId))
    }

    /// The media an earlier import made of the file `source`, if it still exists.
    pub async fn imported_media(&self, site: SiteId, source: &str) -> Result<Option<MediaId>> {
        let id: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar("select media_id from import_media where site_id = $1 and source = $2")
                .bind(site.0)
                .bind(source)
                .fetch_optional(pool)
                .await
        })?;
        Ok(id.map(MediaId))
    }

    /// Remembers that the file `source` was imported as `media`.
    pub async fn record_imported_media(&self, site: SiteId, source: &str, media: MediaId) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "insert into import_media (site_id, source, media_id) values ($1, $2, $3)
                 on conflict (site_id, source) do update set media_id = excluded.media_id",
            )
            .bind(site.0)
            .bind(source)
            .bind(media.0)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(())
    }

    /// Creates or updates the document imported from `document`'s sources, all its variants,
    /// source ids and redirects in one transaction. A slug taken by another document is
    /// [`StoreError::Conflict`] on `slug`; unknown themes, partners or contacts are
    /// [`StoreError::UnknownReference`]; either way nothing is written.
    pub async fn import_sourced(&self, document: &SourcedDocument, audit: &Audit) -> Result<ImportOutcome> {
        let Some(first) = document.variants.first() else {
            return Err(StoreError::UnknownReference { what: "variant", value: "none given".to_owned() });
        };
        let draft = &first.draft;
        let countries: Vec<String> = draft.countries.iter().map(|c| c.to_ascii_uppercase()).collect();
        let themes = self.resolve_ids("themes", "slug", "theme", &draft.themes, document.site).await?;
        let partners =
            self.resolve_ids("partners", "slug", "partner", &draft.partners, document.site).await?;
        let contacts = self.resolve_ids("contacts", "key", "contact", &draft.contacts, document.site).await?;
        let goals = crate::documents::goal_links(&draft.goals);
        let programme = self.resolve_programme(&draft.programme, document.site).await?;
        let links = crate::documents::Links { countries, themes, partners, contacts, programme, goals };
        let sources: Vec<String> = document.variants.iter().map(|v| v.source.clone()).collect();
        let state = self.imported_state(document.site, &sources).await?;

        // Rendering and snapshots are CPU work: off the async threads, before the transaction.
        let variants = document.variants.clone();
        let rendered: Vec<(String, String)> = tokio::task::spawn_blocking(move || {
            variants
                .iter()
                .map(|v| {
                    let snapshot =
                        serde_json::to_string(&v.draft).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    Ok((markdown::render(&v.draft.body_markdown), snapshot))
                })
                .collect::<Result<Vec<_>>>()
        })
        .await
        .map_err(|err| StoreError::Aborted(Box::new(err)))??;

        let at = now();
        let site = document.site.0;
        on_pool!(self, |pool| {
            async {
                let mut tx = pool.begin_with(self.begin_write()).await?;
                let (document_id, outcome) = match state.document {
                    None => {
                        let id: i64 = sqlx::query_scalar(
                            "insert into documents (site_id, kind, created_at, updated_at) values ($1, $2, $3, $3) returning id",
                        )
                        .bind(site)
                        .bind(document.kind.as_str())
                        .bind(at)
                        .fetch_one(&mut *tx)
                        .await?;
                        (id, ImportOutcome::Created(DocumentId(id)))
                    }
                    Some(id) => (id.0, ImportOutcome::Unchanged(id)),
                };
                let listed_before = current_rows!(tx, &[document_id]).await?;
                let existing: Vec<(i64, String, i32)> = sqlx::query_as(
                    "select id, language, revision from variants where document_id = $1 order by id",
                )
                .bind(document_id)
                .fetch_all(&mut *tx)
                .await?;
                let mut original_revision = existing.first().map(|(_, _, r)| *r);
                let mut changed = false;
                for (variant, (body_html, snapshot)) in document.variants.iter().zip(&rendered) {
                    let draft = &variant.draft;
                    let published_at = draft.published_at.map(normalize);
                    let status = stored_status(variant.status, published_at, at);
                    let author = variant.author.map(|u| u.0);
                    let same = state.fingerprints.get(&variant.source) == Some(&variant.fingerprint);
                    let current = existing.iter().find(|(_, language, _)| *language == variant.language);
                    let (variant_id, revision) = match current {
                        Some(_) if same => continue,
                        Some((id, _, revision)) => {
                            sqlx::query(
                                "update variants set slug = $1, title = $2, summary = $3, body_markdown = $4,
                                     body_html = $5, dateline = $6, published_at = $7,
                                     image_id = $8, updated_at = $9, status = $10, revision = revision + 1
                                 where id = $11",
                            )
                            .bind(&draft.slug)
                            .bind(&draft.title)
                            .bind(&draft.summary)
                            .bind(&draft.body_markdown)
                            .bind(body_html)
                            .bind(&draft.dateline)
                            .bind(published_at)
                            .bind(draft.image.map(|m| m.0))
                            .bind(at)
                            .bind(status.as_str())
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(StoreError::conflict_on("slug"))?;
                            (*id, revision + 1)
                        }
                        None => {
                            // A translation records the original's revision it was made from.
                            let source_revision = original_revision;
                            let id: i64 = sqlx::query_scalar(
                                "insert into variants (document_id, site_id, kind, language, slug, title, summary,
                                     body_markdown, body_html, dateline, status, published_at,
                                     revision, created_at, updated_at, image_id, author_id, source_revision)
                                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13, $14, $15, $16)
                                 returning id",
                            )
                            .bind(document_id)
                            .bind(site)
                            .bind(document.kind.as_str())
                            .bind(&variant.language)
                            .bind(&draft.slug)
                            .bind(&draft.title)
                            .bind(&draft.summary)
                            .bind(&draft.body_markdown)
                            .bind(body_html)
                            .bind(&draft.dateline)
                            .bind(status.as_str())
                            .bind(published_at)
                            .bind(at)
                            .bind(draft.image.map(|m| m.0))
                            .bind(author)
                            .bind(source_revision)
                            .fetch_one(&mut *tx)
                            .await
                            .map_err(StoreError::conflict_on("slug"))?;
                            original_revision.get_or_insert(1);
                            (id, 1)
                        }
                    };
                    changed = true;
                    sqlx::query(
                        "insert into revisions (variant_id, number, snapshot, created_at, author_id)
                         values ($1, $2, $3, $4, $5)",
                    )
                    .bind(variant_id)
                    .bind(revision)
                    .bind(snapshot)
                    .bind(at)
                    .bind(author)
                    .execute(&mut *tx)
                    .await?;
                }
                let outcome = match outcome {
                    ImportOutcome::Unchanged(id) if changed => ImportOutcome::Updated(id),
                    other => other,
                };
                if changed {
                    write_links!(tx, document_id, links);
                    sqlx::query("update documents set updated_at = $1 where id = $2")
                        .bind(at)
                        .bind(document_id)
                        .execute(&mut *tx)
                        .await?;
                    let listed = current_rows!(tx, &[document_id]).await?;
                    apply!(pool, tx, &change(&listed_before, &listed)).await?;
                    relink_media!(tx, document_id).await?;
                    let action = if matches!(outcome, ImportOutcome::Created(_)) { "create" } else { "update" };
                    log_change!(tx, at, site, "document", document_id, action);
                    record_audit!(tx, at, audit, site, "document", document_id);
                }
                for variant in &document.variants {
                    sqlx::query(
                        "insert into import_sources (site_id, source, document_id, language, fingerprint, imported_at)
                         values ($1, $2, $3, $4, $5, $6)
                         on conflict (site_id, source) do update set document_id = excluded.document_id,
                             language = excluded.language, fingerprint = excluded.fingerprint,
                             imported_at = excluded.imported_at",
                    )
                    .bind(site)
                    .bind(&variant.source)
                    .bind(document_id)
                    .bind(&variant.language)
                    .bind(&variant.fingerprint)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                for (old, new) in &document.redirects {
                    crate::redirects::upsert_redirect!(tx, site, old, new, at).await?;
                }
                tx.commit().await?;
                Ok(outcome)
            }
            .await
        })
    }
}

#[cfg(test)]
mod tests {
    use portico_content::{Draft, Kind, Status};

    use super::{ImportOutcome, SourcedDocument, SourcedVariant};
    use crate::testing::TestDb;
    use crate::{Audit, NewSite, StoreError};

    fn variant(source: &str, language: &str, slug: &str, fingerprint: &str) -> SourcedVariant {
        SourcedVariant {
            source: source.into(),
            language: language.into(),
            draft: Draft {
                title: format!("Title {language}"),
                slug: slug.into(),
                body_markdown: format!("Body {fingerprint}"),
                published_at: Some(crate::now() - time::Duration::days(1)),
                countries: vec!["SV".into()],
                ..Draft::default()
            },
            status: Status::Published,
            fingerprint: fingerprint.into(),
            author: None,
        }
    }

    #[tokio::test]
    async fn a_second_import_updates_or_skips_and_a_taken_slug_writes_nothing_on_both_databases() {
        for db in TestDb::each().await {
            let store = &db.store;
            let site = store
                .create_site(
                    &NewSite {
                        key: "sv".into(),
                        name: "El Salvador".into(),
                        languages: vec!["en".into(), "fr".into()],
                        country: None,
                        hosts: vec![],
                        names: Default::default(),
                        fallback_to_default: true,
                    },
                    &Audit::system("test", "site.create"),
                )
                .await
                .expect("site");
            let audit = Audit::system("import", "document.import");
            let document = SourcedDocument {
                site,
                kind: Kind::Release,
                variants: vec![
                    variant("wp:1", "en", "campaign", "a"),
                    variant("wp:2", "fr", "campagne", "a"),
                ],
                redirects: vec![("/2015/08/campaign".into(), "/en/news/campaign".into())],
            };
            let before = store.last_change_id().await.expect("changes").unwrap_or(0);
            let ImportOutcome::Created(id) = store.import_sourced(&document, &audit).await.expect("import")
            else {
                panic!("created")
            };
            let french = store.editable_variant(id, Some("fr")).await.expect("read").expect("fr");
            assert!(french.is_translation);
            assert_eq!(
                store.redirect_for(site, "/2015/08/campaign/").await.expect("redirect").as_deref(),
                Some("/en/news/campaign")
            );
            assert_eq!(
                store.import_sourced(&document, &audit).await.expect("again"),
                ImportOutcome::Unchanged(id)
            );

            let mut changed = document.clone();
            changed.variants[1] = variant("wp:2", "fr", "campagne", "b");
            assert_eq!(
                store.import_sourced(&changed, &audit).await.expect("changed"),
                ImportOutcome::Updated(id)
            );
            let french = store.editable_variant(id, Some("fr")).await.expect("read").expect("fr");
            assert_eq!((french.revision, french.draft.body_markdown.as_str()), (2, "Body b"));
            assert_eq!(store.changes_after(before, 100).await.expect("changes").len(), 2, "create, update");

            let taken = SourcedDocument {
                site,
                kind: Kind::Release,
                variants: vec![variant("wp:9", "en", "other", "c"), variant("wp:10", "fr", "campagne", "c")],
                redirects: vec![("/old/other".into(), "/en/news/other".into())],
            };
            assert!(matches!(
                store.import_sourced(&taken, &audit).await,
                Err(StoreError::Conflict { field: "slug" })
            ));
            assert_eq!(store.slug_owner(site, Kind::Release, "en", "other").await.expect("slug"), None);
            assert_eq!(
                store.redirect_for(site, "/old/other").await.expect("redirect"),
                None,
                "nothing half-written"
            );
            assert!(store.imported_state(site, &["wp:9".into()]).await.expect("state").document.is_none());
        }
    }
}
