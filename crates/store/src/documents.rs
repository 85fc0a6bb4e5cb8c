//! Writing documents: each save is one transaction holding the variant, its revision and
//! its change-log row, so that readers, the search index and caches never see half a save.

use portico_content::{DocumentId, Draft, Kind, MediaId, SiteId, Status, UserId, VariantId, markdown};
use serde::Serialize;
use time::OffsetDateTime;

use crate::audit::record_audit;
use crate::listing::{apply, change, current_rows, touched_lists};
use crate::media::relink_media;
use crate::publications::{write_publication, write_publication_file};
use crate::vacancies::write_vacancy;
use crate::{Audit, Result, Store, StoreError, normalize, now, on_pool};

/// A document to create: its first language variant.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// The site that owns it.
    pub site: SiteId,
    /// Release or page.
    pub kind: Kind,
    /// The language of this first variant.
    pub language: String,
    /// Its fields, validated by the caller.
    pub draft: Draft,
    /// Where it starts in the workflow.
    pub status: Status,
    /// Who writes it; `None` for imports and the demo.
    pub author: Option<UserId>,
}

/// A document's variant as the back office edits it.
#[derive(Debug, Clone, Serialize)]
pub struct EditableVariant {
    /// Its document.
    pub document: DocumentId,
    /// This variant.
    pub variant: VariantId,
    /// The site that owns the document.
    pub site: SiteId,
    /// Release or page.
    pub kind: Kind,
    /// Language code.
    pub language: String,
    /// Workflow status.
    pub status: Status,
    /// Revision number of the last save; a save must name it to succeed.
    pub revision: i32,
    /// The fields as last saved.
    pub draft: Draft,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
    /// Whether this variant translates another (the document's first variant is the original).
    pub is_translation: bool,
}

/// One row of the back office's document list.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DocumentRow {
    /// Its document.
    #[sqlx(try_from = "i64")]
    pub document: DocumentId,
    /// Site key.
    pub site_key: String,
    /// `release` or `page`.
    pub kind: String,
    /// Language code.
    pub language: String,
    /// Title.
    pub title: String,
    /// Slug or path.
    pub slug: String,
    /// Workflow status.
    pub status: String,
    /// When it goes or went public.
    pub published_at: Option<OffsetDateTime>,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
}

/// A saved revision of a variant.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// 1 for the first save, then counting up.
    pub number: i32,
    /// When it was saved.
    pub created_at: OffsetDateTime,
    /// Who saved it, when known.
    pub author_email: Option<String>,
    /// The fields as saved.
    pub draft: Draft,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    id: i64,
    document_id: i64,
    site_id: i64,
    kind: String,
    language: String,
    status: String,
    revision: i32,
    title: String,
    slug: String,
    summary: String,
    body_markdown: String,
    dateline: String,
    programme: String,
    published_at: Option<OffsetDateTime>,
    image_id: Option<i64>,
    updated_at: OffsetDateTime,
    original_id: i64,
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    number: i32,
    created_at: OffsetDateTime,
    author_email: Option<String>,
    snapshot: String,
}

/// The links of a document to taxonomy rows, resolved to ids.
pub(crate) struct Links {
    pub countries: Vec<String>,
    pub themes: Vec<i64>,
    pub partners: Vec<i64>,
    pub contacts: Vec<i64>,
    /// The programme, when it has one.
    pub programme: Option<i64>,
    /// Goal and target codes with the goal each names, in the Agenda's order.
    pub goals: Vec<(String, i64)>,
}

/// A draft's goal codes, each once in the Agenda's order, with the goal each names; codes
/// that name none were refused by validation and are dropped here.
pub(crate) fn goal_links(codes: &[String]) -> Vec<(String, i64)> {
    portico_content::sdg::sorted_codes(codes)
        .into_iter()
        .filter_map(|code| {
            let goal = portico_content::sdg::goal_of(&code)?.number;
            Some((code, i64::from(goal)))
        })
        .collect()
}

/// Writes the change-log row for `entity` in the current transaction.
macro_rules! log_change {
    ($tx:expr, $at:expr, $site:expr, $entity:expr, $id:expr, $action:expr) => {
        $crate::documents::log_change!($tx, $at, $site, $entity, $id, $action, None::<String>)
    };
    // With the lists the change touched, as `crate::listing::touched_lists` says them.
    ($tx:expr, $at:expr, $site:expr, $entity:expr, $id:expr, $action:expr, $lists:expr) => {
        sqlx::query(
            "insert into change_log (at, site_id, entity, entity_id, action, lists) values ($1, $2, $3, $4, $5, $6)",
        )
        .bind($at)
        .bind($site)
        .bind($entity)
        .bind($id)
        .bind($action)
        .bind($lists)
        .execute(&mut *$tx)
        .await?
    };
}
pub(crate) use log_change;

/// Replaces the document's taxonomy links in the current transaction.
macro_rules! write_links {
    ($tx:expr, $document:expr, $links:expr) => {{
        for table in ["document_countries", "document_themes", "document_partners", "document_contacts", "document_goals"] {
            sqlx::query(&format!("delete from {table} where document_id = $1"))
                .bind($document)
                .execute(&mut *$tx)
                .await?;
        }
        for (position, country) in $links.countries.iter().enumerate() {
            sqlx::query(
                "insert into document_countries (document_id, country, position) values ($1, $2, $3)
                 on conflict do nothing",
            )
            .bind($document)
            .bind(country)
            .bind(position as i32)
            .execute(&mut *$tx)
            .await?;
        }
        for (table, column, ids) in [
            ("document_themes", "theme_id", &$links.themes),
            ("document_partners", "partner_id", &$links.partners),
            ("document_contacts", "contact_id", &$links.contacts),
        ] {
            let sql = format!(
                "insert into {table} (document_id, {column}, position) values ($1, $2, $3) on conflict do nothing"
            );
            for (position, id) in ids.iter().enumerate() {
                sqlx::query(&sql)
                    .bind($document)
                    .bind(id)
                    .bind(position as i32)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        for (position, (code, goal)) in $links.goals.iter().enumerate() {
            sqlx::query(
                "insert into document_goals (document_id, code, goal, position, site_id, kind)
                 select id, $2, $3, $4, site_id, kind from documents where id = $1
                 on conflict do nothing",
            )
            .bind($document)
            .bind(code)
            .bind(goal)
            .bind(position as i32)
            .execute(&mut *$tx)
            .await?;
        }
        sqlx::query("update documents set programme_id = $2 where id = $1")
            .bind($document)
            .bind($links.programme)
            .execute(&mut *$tx)
            .await?;
    }};
}
pub(crate) use write_links;

/// "Published" with a publication time still to come is stored as scheduled, so that a
/// published variant is always one readers see now and the scheduler lists it when its time
/// comes.
pub(crate) fn stored_status(
    status: Status,
    published_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Status {
    match (status, published_at) {
        (Status::Published, Some(at)) if at > now => Status::Scheduled,
        _ => status,
    }
}

fn snapshot_json(draft: &Draft) -> Result<String> {
    serde_json::to_string(draft).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Renders a body on the blocking pool: a long body is CPU work that must not hold one of the
/// async workers every other request (`/healthz` among them) shares.
async fn render_body(source: &str) -> Result<String> {
    let source = source.to_owned();
    tokio::task::spawn_blocking(move || markdown::render(&source))
        .await
        .map_err(|err| StoreError::Aborted(Box::new(err)))
}

impl Store {
    /// The site a document belongs to.
    async fn document_site(&self, document: DocumentId) -> Result<SiteId> {
        let site: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar("select site_id from documents where id = $1")
                .bind(document.0)
                .fetch_optional(pool)
                .await
        })?;
        site.map(SiteId)
            .ok_or_else(|| StoreError::UnknownReference { what: "document", value: document.to_string() })
    }

    /// A draft's links for a document of `site`.
    async fn resolve_links(&self, draft: &Draft, site: SiteId) -> Result<Links> {
        Ok(Links {
            countries: draft.countries.iter().map(|c| c.to_ascii_uppercase()).collect(),
            themes: self.resolve_ids("themes", "slug", "theme", &draft.themes, site).await?,
            partners: self.resolve_ids("partners", "slug", "partner", &draft.partners, site).await?,
            contacts: self.resolve_ids("contacts", "key", "contact", &draft.contacts, site).await?,
            programme: self.resolve_programme(&draft.programme, site).await?,
            goals: goal_links(&draft.goals),
        })
    }

    /// Creates a document with one variant, its first revision, a change-log row and the
    /// audit entry. Unknown themes, partners or contacts, or a slug already taken, write nothing.
    pub async fn create_document(&self, new: &NewDocument, audit: &Audit) -> Result<(DocumentId, VariantId)> {
        let draft = &new.draft;
        let links = self.resolve_links(draft, new.site).await?;
        let at = now();
        let published_at = draft.published_at.map(normalize);
        let body_html = render_body(&draft.body_markdown).await?;
        let snapshot = snapshot_json(draft)?;
        let author = new.author.map(|u| u.0);
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let document_id: i64 = sqlx::query_scalar(
                "insert into documents (site_id, kind, created_at, updated_at) values ($1, $2, $3, $3) returning id",
            )
            .bind(new.site.0)
            .bind(new.kind.as_str())
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            let variant_id: i64 = sqlx::query_scalar(
                "insert into variants (document_id, site_id, kind, language, slug, title, summary,
                     body_markdown, body_html, dateline, status, published_at,
                     revision, created_at, updated_at, image_id, author_id, updated_by)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13, $14, $15, $15)
                 returning id",
            )
            .bind(document_id)
            .bind(new.site.0)
            .bind(new.kind.as_str())
            .bind(&new.language)
            .bind(&draft.slug)
            .bind(&draft.title)
            .bind(&draft.summary)
            .bind(&draft.body_markdown)
            .bind(&body_html)
            .bind(&draft.dateline)
            .bind(stored_status(new.status, published_at, at).as_str())
            .bind(published_at)
            .bind(at)
            .bind(draft.image.map(|m| m.0))
            .bind(author)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::conflict_on("slug"))?;
            write_links!(tx, document_id, links);
            write_vacancy!(tx, document_id, draft.vacancy.as_ref());
            write_publication!(tx, document_id, draft.publication.as_ref());
            write_publication_file!(tx, variant_id, draft.file);
            sqlx::query(
                "insert into revisions (variant_id, number, snapshot, created_at, author_id) values ($1, 1, $2, $3, $4)",
            )
            .bind(variant_id)
            .bind(&snapshot)
            .bind(at)
            .bind(author)
            .execute(&mut *tx)
            .await?;
            let listed = current_rows!(tx, &[document_id]).await?;
            let choices = apply!(pool, tx, &change(&Default::default(), &listed)).await?;
            relink_media!(tx, document_id).await?;
            let release = new.kind == Kind::Release;
            let lists = touched_lists(&Default::default(), &listed, document_id, &choices, release);
            log_change!(tx, at, new.site.0, "document", document_id, "create", lists);
            record_audit!(tx, at, audit, new.site.0, "document", document_id);
            tx.commit().await?;
            Ok((DocumentId(document_id), VariantId(variant_id)))
        }
        .await
        })
    }

    /// Saves a new revision of a variant, by the audit's actor, if nobody saved since
    /// `expected_revision`; otherwise [`StoreError::StaleRevision`] and nothing is written.
    /// Returns the new revision number.
    pub async fn update_document(
        &self,
        document: DocumentId,
        language: &str,
        expected_revision: i32,
        draft: &Draft,
        audit: &Audit,
    ) -> Result<i32> {
        let site = self.document_site(document).await?;
        let links = self.resolve_links(draft, site).await?;
        let at = now();
        let published_at = draft.published_at.map(normalize);
        let body_html = render_body(&draft.body_markdown).await?;
        let snapshot = snapshot_json(draft)?;
        let author = audit.actor.user.map(|u: UserId| u.0);
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let listed_before = current_rows!(tx, &[document.0]).await?;
            // A published variant whose time is moved into the future waits for it as a
            // scheduled one, so that "published" always means "visible now".
            let updated: Option<(i64, i64, i32)> = sqlx::query_as(
                "update variants set slug = $1, title = $2, summary = $3, body_markdown = $4, body_html = $5,
                     dateline = $6, published_at = $7, image_id = $8, updated_at = $9,
                     updated_by = $13, revision = revision + 1,
                     status = case when status = 'published' and $7 > $9 then 'scheduled' else status end,
                     source_revision = (select o.revision from variants o where o.document_id = $10
                                        order by o.id limit 1)
                 where document_id = $10 and language = $11 and revision = $12
                 returning id, site_id, revision",
            )
            .bind(&draft.slug)
            .bind(&draft.title)
            .bind(&draft.summary)
            .bind(&draft.body_markdown)
            .bind(&body_html)
            .bind(&draft.dateline)
            .bind(published_at)
            .bind(draft.image.map(|m| m.0))
            .bind(at)
            .bind(document.0)
            .bind(language)
            .bind(expected_revision)
            .bind(author)
            .fetch_optional(&mut *tx)
            .await
            .map_err(StoreError::conflict_on("slug"))?;
            let Some((variant_id, site_id, revision)) = updated else {
                return Err(StoreError::StaleRevision);
            };
            write_links!(tx, document.0, links);
            // A vacancy's or a publication's facts are the document's: its translations show them, but only the
            // original's editors change them.
            let original: i64 =
                sqlx::query_scalar("select min(id) from variants where document_id = $1")
                    .bind(document.0)
                    .fetch_one(&mut *tx)
                    .await?;
            if original == variant_id {
                write_vacancy!(tx, document.0, draft.vacancy.as_ref());
                write_publication!(tx, document.0, draft.publication.as_ref());
            }
            // Each language version has its own PDF.
            write_publication_file!(tx, variant_id, draft.file);
            let kind: String = sqlx::query_scalar("update documents set updated_at = $1 where id = $2 returning kind")
                .bind(at)
                .bind(document.0)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(
                "insert into revisions (variant_id, number, snapshot, created_at, author_id) values ($1, $2, $3, $4, $5)",
            )
            .bind(variant_id)
            .bind(revision)
            .bind(&snapshot)
            .bind(at)
            .bind(author)
            .execute(&mut *tx)
            .await?;
            let listed = current_rows!(tx, &[document.0]).await?;
            let choices = apply!(pool, tx, &change(&listed_before, &listed)).await?;
            relink_media!(tx, document.0).await?;
            let lists = touched_lists(&listed_before, &listed, document.0, &choices, kind == "release");
            log_change!(tx, at, site_id, "document", document.0, "update", lists);
            record_audit!(tx, at, audit, site_id, "document", document.0);
            tx.commit().await?;
            Ok(revision)
        }
        .await
        })
    }

    /// Moves a variant to `status`, optionally setting its publication time, if it is still
    /// at `from` (so two editors cannot both act on the same state). The audit entry notes
    /// the step (`draft → published`) unless the caller wrote a note.
    pub async fn set_status(
        &self,
        document: DocumentId,
        language: &str,
        from: Status,
        to: Status,
        published_at: Option<OffsetDateTime>,
        audit: &Audit,
    ) -> Result<()> {
        let at = now();
        let mut audit = audit.clone();
        if audit.detail.is_empty() {
            audit.detail = format!("{from} → {to}");
        }
        let published_at = published_at.map(normalize);
        on_pool!(self, |pool| {
            async {
                let mut tx = pool.begin_with(self.begin_write()).await?;
                let listed_before = current_rows!(tx, &[document.0]).await?;
                // Published with a time still to come is scheduled: see `update_document`.
                let site: Option<i64> = sqlx::query_scalar(
                    "update variants set published_at = coalesce($2, published_at), updated_at = $3,
                     updated_by = $7,
                     status = case when $1 = 'published' and coalesce($2, published_at) > $3
                                   then 'scheduled' else $1 end
                 where document_id = $4 and language = $5 and status = $6 returning site_id",
                )
                .bind(to.as_str())
                .bind(published_at)
                .bind(at)
                .bind(document.0)
                .bind(language)
                .bind(from.as_str())
                .bind(audit.actor.user.map(|u: UserId| u.0))
                .fetch_optional(&mut *tx)
                .await?;
                let Some(site) = site else { return Err(StoreError::StaleRevision) };
                let listed = current_rows!(tx, &[document.0]).await?;
                let choices = apply!(pool, tx, &change(&listed_before, &listed)).await?;
                let kind: String = sqlx::query_scalar("select kind from documents where id = $1")
                    .bind(document.0)
                    .fetch_one(&mut *tx)
                    .await?;
                let lists = touched_lists(&listed_before, &listed, document.0, &choices, kind == "release");
                log_change!(tx, at, site, "document", document.0, to.as_str(), lists);
                record_audit!(tx, at, audit, site, "document", document.0);
                tx.commit().await?;
                Ok(())
            }
            .await
        })
    }

    /// Publishes every scheduled variant whose time has come, each with an audit entry by the
    /// scheduler; returns the documents changed.
    pub async fn publish_due(&self) -> Result<Vec<(DocumentId, SiteId)>> {
        let at = now();
        let audit = Audit::system("scheduler", "document.publish").with_detail(format!(
            "{} → {}",
            Status::Scheduled,
            Status::Published
        ));
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let mut due_documents: Vec<i64> = sqlx::query_scalar(
                "select document_id from variants where status = 'scheduled' and published_at <= $1",
            )
            .bind(at)
            .fetch_all(&mut *tx)
            .await?;
            due_documents.sort_unstable();
            due_documents.dedup();
            let listed_before = current_rows!(tx, &due_documents).await?;
            let due: Vec<(i64, i64)> = sqlx::query_as(
                "update variants set status = 'published', updated_at = $1, updated_by = null
                 where status = 'scheduled' and published_at <= $1 returning document_id, site_id",
            )
            .bind(at)
            .fetch_all(&mut *tx)
            .await?;
            let listed = current_rows!(tx, &due_documents).await?;
            let choices = apply!(pool, tx, &change(&listed_before, &listed)).await?;
            for (document, site) in &due {
                // Only a release gains rows by being published: one without any is no release.
                let lists = touched_lists(&listed_before, &listed, *document, &choices, false);
                log_change!(tx, at, *site, "document", *document, "published", lists);
                record_audit!(tx, at, audit, *site, "document", *document);
            }
            tx.commit().await?;
            Ok(due.into_iter().map(|(d, s)| (DocumentId(d), SiteId(s))).collect())
        }
        .await)
    }

    /// A variant with all its fields, whatever its status, for the back office.
    pub async fn editable_variant(
        &self,
        document: DocumentId,
        language: Option<&str>,
    ) -> Result<Option<EditableVariant>> {
        let row: Option<VariantRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "select id, document_id, site_id, kind, language, status, revision, title, slug, summary,
                        body_markdown, dateline, published_at, image_id, updated_at,
                        coalesce((select p.slug from documents d join programmes p on p.id = d.programme_id
                                  where d.id = variants.document_id), '') as programme,
                        (select min(o.id) from variants o where o.document_id = variants.document_id) as original_id
                 from variants where document_id = $1 and ($2 is null or language = $2)
                 order by id limit 1",
            )
            .bind(document.0)
            .bind(language)
            .fetch_optional(pool)
            .await
        })?;
        let Some(row) = row else { return Ok(None) };
        let countries: Vec<String> = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "select country from document_countries where document_id = $1 order by position",
            )
            .bind(row.document_id)
            .fetch_all(pool)
            .await
        })?;
        let keys = |table: &'static str, key: &'static str, column: &'static str| {
            let sql = format!(
                "select t.{key} from {table} t join document_{table} d on d.{column} = t.id
                 where d.document_id = $1 order by d.position"
            );
            async move {
                let keys: Vec<String> = on_pool!(self, |pool| sqlx::query_scalar(&sql)
                    .bind(row.document_id)
                    .fetch_all(pool)
                    .await)?;
                Ok::<_, StoreError>(keys)
            }
        };
        let themes = keys("themes", "slug", "theme_id").await?;
        let partners = keys("partners", "slug", "partner_id").await?;
        let contacts = keys("contacts", "key", "contact_id").await?;
        let goals: Vec<String> = on_pool!(self, |pool| {
            sqlx::query_scalar("select code from document_goals where document_id = $1 order by position")
                .bind(row.document_id)
                .fetch_all(pool)
                .await
        })?;
        let parse = |what: &str, value: &str| StoreError::Corrupt(format!("{what} {value:?}"));
        let kind: Kind = row.kind.parse().map_err(|_| parse("kind", &row.kind))?;
        let vacancy = match kind {
            Kind::Vacancy => self.vacancy_facts(DocumentId(row.document_id)).await?,
            _ => None,
        };
        let (publication, file) = match kind {
            Kind::Publication => (
                self.publication_facts(DocumentId(row.document_id)).await?,
                self.publication_file_of(VariantId(row.id)).await?,
            ),
            _ => (None, None),
        };
        Ok(Some(EditableVariant {
            document: DocumentId(row.document_id),
            variant: VariantId(row.id),
            site: SiteId(row.site_id),
            kind,
            language: row.language,
            status: row.status.parse().map_err(|_| parse("status", &row.status))?,
            revision: row.revision,
            updated_at: row.updated_at,
            is_translation: row.id != row.original_id,
            draft: Draft {
                title: row.title,
                slug: row.slug,
                dateline: row.dateline,
                published_at: row.published_at,
                summary: row.summary,
                body_markdown: row.body_markdown,
                countries,
                themes,
                partners,
                programme: row.programme,
                contacts,
                image: row.image_id.map(MediaId),
                goals,
                vacancy,
                publication,
                file,
            },
        }))
    }

    /// Documents of the given sites (all sites when `sites` is `None`), newest change first.
    pub async fn document_rows(
        &self,
        sites: Option<&[SiteId]>,
        kind: Option<Kind>,
        status: Option<Status>,
        limit: i64,
    ) -> Result<Vec<DocumentRow>> {
        let site_filter = match sites {
            None => String::new(),
            Some([]) => " and 1 = 0".to_owned(),
            Some(ids) => format!(
                " and v.site_id in ({})",
                ids.iter().map(|s| s.0.to_string()).collect::<Vec<_>>().join(", ")
            ),
        };
        let sql = format!(
            "select v.document_id as document, s.key as site_key, v.kind, v.language, v.title, v.slug,
                    v.status, v.published_at, v.updated_at
             from variants v join sites s on s.id = v.site_id
             where ($1 is null or v.kind = $1) and ($2 is null or v.status = $2){site_filter}
             order by v.updated_at desc, v.id desc limit $3"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(kind.map(Kind::as_str))
                .bind(status.map(Status::as_str))
                .bind(limit)
                .fetch_all(pool)
                .await
        })?)
    }

    /// Every revision of a variant, newest first.
    pub async fn revisions(&self, variant: VariantId) -> Result<Vec<Revision>> {
        let rows: Vec<RevisionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "select r.number, r.created_at, u.email as author_email, r.snapshot
                 from revisions r left join users u on u.id = r.author_id
                 where r.variant_id = $1 order by r.number desc",
            )
            .bind(variant.0)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|row| {
                Ok(Revision {
                    number: row.number,
                    created_at: row.created_at,
                    author_email: row.author_email,
                    draft: serde_json::from_str(&row.snapshot)
                        .map_err(|e| StoreError::Corrupt(format!("revision {}: {e}", row.number)))?,
                })
            })
            .collect()
    }
}
