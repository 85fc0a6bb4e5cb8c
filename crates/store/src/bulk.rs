//! Importing many documents at once: the benchmark corpus, a migration from another system.
//!
//! Each document gets exactly the rows [`Store::create_document`] and a translation write —
//! the document, its variants with their rendered HTML, its taxonomy links, a first revision
//! per variant and one change-log row — but hundreds of documents share each statement and
//! one transaction, so that 100 000 releases load in about a minute instead of the better
//! part of an hour that a transaction each takes. Markdown is rendered on blocking threads,
//! in parallel.

use std::collections::HashMap;

use portico_content::{DocumentId, Draft, Kind, SiteId, Status, markdown};

use crate::audit::record_audit;
use crate::listing::{apply, change, current_rows};
use crate::{Audit, Pool, Result, Store, StoreError, normalize, now, on_pool};

/// One language version of an imported document.
#[derive(Debug, Clone)]
pub struct ImportVariant {
    /// Language code.
    pub language: String,
    /// Its fields, validated by the caller. The document's countries, themes, partners and
    /// contacts are taken from the first variant's draft.
    pub draft: Draft,
    /// Where it stands in the workflow.
    pub status: Status,
}

/// A document to import with all its language versions: the first is the original, the
/// others its translations (recorded as made from the original's first revision).
#[derive(Debug, Clone)]
pub struct ImportDocument {
    /// The site that owns it.
    pub site: SiteId,
    /// Release or page.
    pub kind: Kind,
    /// At least one variant; languages distinct.
    pub variants: Vec<ImportVariant>,
}

/// Bind parameters per statement: under SQLite's limit (32 766) and PostgreSQL's (65 535).
const MAX_PARAMS: usize = 30_000;

/// SQLite's page cache during an import's transaction (in KiB when negative), and its
/// default, which every other connection keeps.
const BULK_CACHE: &str = "pragma cache_size = -262144";
const DEFAULT_CACHE: &str = "pragma cache_size = -2000";

/// What is computed off the async threads for a variant: its HTML and its revision snapshot.
struct Rendered {
    body_html: String,
    snapshot: String,
}

use crate::listing::builder;

/// Renders every variant's Markdown and snapshot, spread over the machine's cores.
async fn render_all(documents: Vec<ImportDocument>) -> Result<Vec<(ImportDocument, Vec<Rendered>)>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let per_thread = documents.len().div_ceil(threads).max(1);
    let mut rest = documents;
    let mut tasks = Vec::new();
    while !rest.is_empty() {
        let tail = rest.split_off(per_thread.min(rest.len()));
        let chunk = std::mem::replace(&mut rest, tail);
        tasks.push(tokio::task::spawn_blocking(move || {
            chunk
                .into_iter()
                .map(|document| {
                    let rendered = document
                        .variants
                        .iter()
                        .map(|variant| {
                            Ok(Rendered {
                                body_html: markdown::render(&variant.draft.body_markdown),
                                snapshot: serde_json::to_string(&variant.draft)
                                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                            })
                        })
                        .collect::<Result<Vec<_>>>()?;
                    Ok((document, rendered))
                })
                .collect::<Result<Vec<_>>>()
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        match task.await {
            Ok(rendered) => all.extend(rendered?),
            Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
            Err(err) => return Err(StoreError::Corrupt(format!("rendering was cancelled: {err}"))),
        }
    }
    Ok(all)
}

/// Each value once, first position kept.
fn distinct<T: PartialEq + Clone>(values: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(values.len());
    for value in values {
        if !out.contains(value) {
            out.push(value.clone());
        }
    }
    out
}

/// A taxonomy row's id and the site that keeps it, `None` for every site's.
type Owned = (i64, Option<i64>);

impl Store {
    /// Key → id and keeping site of every row of a taxonomy table.
    async fn taxonomy_ids(&self, table: &'static str, key: &'static str) -> Result<HashMap<String, Owned>> {
        let sql = format!("select {key}, id, site_id from {table}");
        let rows: Vec<(String, i64, Option<i64>)> =
            on_pool!(self, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(key, id, site)| (key, (id, site))).collect())
    }

    /// Writes `documents` in one transaction and returns their ids, in order. Unknown themes,
    /// partners or contacts, a document without variants, or a slug already taken write
    /// nothing. Meant for a few hundred documents per call; call again for more.
    ///
    /// The ids are reserved up front (PostgreSQL: from the tables' sequences; SQLite: under
    /// an immediate transaction, which keeps other writers out), so rows of many documents
    /// can share a statement.
    pub async fn import_documents(
        &self,
        documents: Vec<ImportDocument>,
        audit: &Audit,
    ) -> Result<Vec<DocumentId>> {
        if documents.is_empty() {
            return Ok(Vec::new());
        }
        if documents.iter().any(|d| d.variants.is_empty()) {
            return Err(StoreError::UnknownReference { what: "variant", value: "none given".to_owned() });
        }
        let themes = self.taxonomy_ids("themes", "slug").await?;
        let partners = self.taxonomy_ids("partners", "slug").await?;
        let contacts = self.taxonomy_ids("contacts", "key").await?;
        let programmes = self.taxonomy_ids("programmes", "slug").await?;
        // Only what every site, or the document's own, keeps.
        let resolve = |map: &HashMap<String, Owned>, what: &'static str, keys: &[String], site: SiteId| {
            distinct(keys)
                .iter()
                .map(|k| match map.get(k) {
                    Some((id, owner)) if crate::taxonomy::serves(*owner, site) => Ok(*id),
                    _ => Err(StoreError::UnknownReference { what, value: k.clone() }),
                })
                .collect::<Result<Vec<i64>>>()
        };
        // Links by document, resolved before anything is written.
        let mut links = Vec::with_capacity(documents.len());
        let mut programme_ids = Vec::with_capacity(documents.len());
        for document in &documents {
            let draft = &document.variants[0].draft;
            let site = document.site;
            programme_ids.push(match draft.programme.as_str() {
                "" => None,
                key => resolve(&programmes, "programme", &[key.to_owned()], site)?.first().copied(),
            });
            links.push((
                distinct(&draft.countries.iter().map(|c| c.to_ascii_uppercase()).collect::<Vec<_>>()),
                resolve(&themes, "theme", &draft.themes, site)?,
                resolve(&partners, "partner", &draft.partners, site)?,
                resolve(&contacts, "contact", &draft.contacts, site)?,
                crate::documents::goal_links(&draft.goals),
            ));
        }
        let documents = render_all(documents).await?;
        let variant_count = documents.iter().map(|(d, _)| d.variants.len()).sum::<usize>();
        let sqlite = matches!(self.pool, Pool::Sqlite(_));
        let at = now();

        on_pool!(self, |pool| {
            async {
                let mut tx = pool.begin_with(if sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" }).await?;
                if sqlite {
                    // A batch dirties some hundred megabytes of pages, which the default
                    // cache (2 MB) spills to the write-ahead log as it goes. The bytes written
                    // stay the same, but 200 000 releases took 133 s instead of 151 s, a
                    // quarter less system time.
                    sqlx::query(BULK_CACHE).execute(&mut *tx).await?;
                }
                macro_rules! reserve {
                    ($table:literal, $count:expr) => {{
                        let count = $count as i64;
                        if sqlite {
                            let max: i64 =
                                sqlx::query_scalar(concat!("select coalesce(max(id), 0) from ", $table))
                                    .fetch_one(&mut *tx)
                                    .await?;
                            (max + 1..=max + count).collect::<Vec<i64>>()
                        } else {
                            let mut ids: Vec<i64> = sqlx::query_scalar(concat!(
                                "select nextval(pg_get_serial_sequence('",
                                $table,
                                "', 'id')) from generate_series(1, $1)"
                            ))
                            .bind(count)
                            .fetch_all(&mut *tx)
                            .await?;
                            ids.sort_unstable();
                            ids
                        }
                    }};
                }
                let document_ids = reserve!("documents", documents.len());
                let variant_ids = reserve!("variants", variant_count);

                let rows: Vec<(i64, &ImportDocument, Option<i64>)> = document_ids
                    .iter()
                    .copied()
                    .zip(documents.iter().map(|(d, _)| d))
                    .zip(&programme_ids)
                    .map(|((id, document), programme)| (id, document, *programme))
                    .collect();
                for chunk in rows.chunks(MAX_PARAMS / 6) {
                    let mut query = builder(
                        pool,
                        "insert into documents (id, site_id, kind, created_at, updated_at, programme_id) ",
                    );
                    query.push_values(chunk, |mut row, (id, document, programme)| {
                        row.push_bind(*id).push_bind(document.site.0).push_bind(document.kind.as_str());
                        row.push_bind(at).push_bind(at).push_bind(*programme);
                    });
                    query.build().execute(&mut *tx).await?;
                }

                // (variant id, document id, document, variant, rendered, index in document)
                let mut variants = Vec::with_capacity(variant_count);
                let mut next_variant = variant_ids.iter().copied();
                for (document_id, (document, rendered)) in document_ids.iter().zip(&documents) {
                    for (index, (variant, rendered)) in document.variants.iter().zip(rendered).enumerate() {
                        let id = next_variant.next().unwrap_or_default();
                        variants.push((id, *document_id, document, variant, rendered, index));
                    }
                }
                for chunk in variants.chunks(MAX_PARAMS / 18) {
                    let mut query = builder(
                        pool,
                        "insert into variants (id, document_id, site_id, kind, language, slug, title, summary,
                             body_markdown, body_html, dateline, status, published_at, revision,
                             created_at, updated_at, image_id, source_revision) ",
                    );
                    query.push_values(
                        chunk,
                        |mut row, (id, document_id, document, variant, rendered, index)| {
                            let draft = &variant.draft;
                            row.push_bind(*id).push_bind(*document_id).push_bind(document.site.0);
                            row.push_bind(document.kind.as_str()).push_bind(variant.language.as_str());
                            row.push_bind(draft.slug.as_str()).push_bind(draft.title.as_str());
                            row.push_bind(draft.summary.as_str()).push_bind(draft.body_markdown.as_str());
                            row.push_bind(rendered.body_html.as_str()).push_bind(draft.dateline.as_str());
                            let status = crate::documents::stored_status(
                                variant.status,
                                draft.published_at.map(normalize),
                                at,
                            );
                            row.push_bind(status.as_str());
                            row.push_bind(draft.published_at.map(normalize)).push_bind(1_i32);
                            row.push_bind(at).push_bind(at).push_bind(draft.image.map(|m| m.0));
                            // A translation is made from the original's first (and only) revision.
                            row.push_bind((*index > 0).then_some(1_i32));
                        },
                    );
                    query.build().execute(&mut *tx).await.map_err(StoreError::conflict_on("slug"))?;
                }

                for chunk in variants.chunks(MAX_PARAMS / 4) {
                    let mut query =
                        builder(pool, "insert into revisions (variant_id, number, snapshot, created_at) ");
                    query.push_values(chunk, |mut row, (id, _, _, _, rendered, _)| {
                        row.push_bind(*id)
                            .push_bind(1_i32)
                            .push_bind(rendered.snapshot.as_str())
                            .push_bind(at);
                    });
                    query.build().execute(&mut *tx).await?;
                }

                let mut countries: Vec<(i64, &str, i32)> = Vec::new();
                let mut by_id: [Vec<(i64, i64, i32)>; 3] = [Vec::new(), Vec::new(), Vec::new()];
                // (document, code, goal, position, site, kind)
                let mut goals: Vec<(i64, &str, i64, i32, i64, &str)> = Vec::new();
                for (
                    (document_id, (codes, theme_ids, partner_ids, contact_ids, goal_links)),
                    (document, _),
                ) in document_ids.iter().zip(&links).zip(&documents)
                {
                    for (position, (code, goal)) in goal_links.iter().enumerate() {
                        let kind = document.kind.as_str();
                        goals.push((
                            *document_id,
                            code.as_str(),
                            *goal,
                            position as i32,
                            document.site.0,
                            kind,
                        ));
                    }
                    for (position, code) in codes.iter().enumerate() {
                        countries.push((*document_id, code.as_str(), position as i32));
                    }
                    for (list, ids) in by_id.iter_mut().zip([theme_ids, partner_ids, contact_ids]) {
                        for (position, id) in ids.iter().enumerate() {
                            list.push((*document_id, *id, position as i32));
                        }
                    }
                }
                for chunk in countries.chunks(MAX_PARAMS / 3) {
                    let mut query =
                        builder(pool, "insert into document_countries (document_id, country, position) ");
                    query.push_values(chunk, |mut row, (document, country, position)| {
                        row.push_bind(*document).push_bind(*country).push_bind(*position);
                    });
                    query.build().execute(&mut *tx).await?;
                }
                let heads = [
                    "insert into document_themes (document_id, theme_id, position) ",
                    "insert into document_partners (document_id, partner_id, position) ",
                    "insert into document_contacts (document_id, contact_id, position) ",
                ];
                for (head, list) in heads.into_iter().zip(&by_id) {
                    for chunk in list.chunks(MAX_PARAMS / 3) {
                        let mut query = builder(pool, head);
                        query.push_values(chunk, |mut row, (document, id, position)| {
                            row.push_bind(*document).push_bind(*id).push_bind(*position);
                        });
                        query.build().execute(&mut *tx).await?;
                    }
                }
                for chunk in goals.chunks(MAX_PARAMS / 6) {
                    let mut query = builder(
                        pool,
                        "insert into document_goals (document_id, code, goal, position, site_id, kind) ",
                    );
                    query.push_values(chunk, |mut row, (document, code, goal, position, site, kind)| {
                        row.push_bind(*document).push_bind(*code).push_bind(*goal);
                        row.push_bind(*position).push_bind(*site).push_bind(*kind);
                    });
                    query.build().execute(&mut *tx).await?;
                }

                for chunk in rows.chunks(MAX_PARAMS / 3) {
                    let mut query =
                        builder(pool, "insert into change_log (at, site_id, entity, entity_id, action) ");
                    query.push_values(chunk, |mut row, (id, document, _)| {
                        row.push_bind(at).push_bind(document.site.0).push_bind("document");
                        row.push_bind(*id).push_bind("create");
                    });
                    query.build().execute(&mut *tx).await?;
                }
                // The media each imported variant uses, from its lead image and body.
                let mut uses: Vec<(i64, i64)> = Vec::new();
                for (variant_id, _, _, variant, _, _) in &variants {
                    let mut ids = crate::media::media_ids_in(&variant.draft.body_markdown);
                    ids.extend(variant.draft.image.map(|m| m.0));
                    ids.sort_unstable();
                    ids.dedup();
                    uses.extend(ids.into_iter().map(|media| (*variant_id, media)));
                }
                for chunk in uses.chunks(MAX_PARAMS / 2) {
                    let mut query = builder(pool, "insert into media_links (variant_id, media_id) ");
                    query.push_values(chunk, |mut row, (variant, media)| {
                        row.push_bind(*variant).push_bind(*media);
                    });
                    query.build().execute(&mut *tx).await?;
                }
                let listed = current_rows!(tx, &document_ids).await?;
                apply!(pool, tx, &change(&Default::default(), &listed)).await?;
                // One entry per site and call rather than per document: an import is one act,
                // and a million entries would bury everything else in the log.
                let mut per_site: std::collections::BTreeMap<i64, usize> = Default::default();
                for (_, document, _) in &rows {
                    *per_site.entry(document.site.0).or_default() += 1;
                }
                for (site, count) in per_site {
                    let entry = audit.clone().with_detail(format!("{count} documents"));
                    record_audit!(tx, at, &entry, site, "document", None::<i64>);
                }
                if sqlite {
                    // Back to the default before the connection returns to the pool: the
                    // commit writes the dirty pages whatever the limit, and the pages the
                    // limit then frees are clean.
                    sqlx::query(DEFAULT_CACHE).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(document_ids.into_iter().map(DocumentId).collect())
            }
            .await
        })
    }
}

/// Indexes of `variants` in an order unrelated to the import's (titles, slugs). Each batch of
/// a large import changes pages all over them, and every changed page is written to the
/// write-ahead log at each commit and again at the next checkpoint: at 200 000 releases
/// they were nearly half of the bytes written. Made once at the end, they are one sort each.
/// (The unique index on slugs stays: it is what refuses a slug already taken.)
const UNORDERED_INDEXES: [&str; 3] = ["variants_list_title", "variants_list_site_title", "variants_by_slug"];

/// How a rebuild of an index dropped for a bulk load is named in `pending_rebuilds`: its own
/// `create index` statement, so that a load cut short is finished by the next start.
const INDEX_REBUILD_PREFIX: &str = "create index ";

impl Store {
    /// Before a large import into an empty SQLite database: drops [`UNORDERED_INDEXES`], and
    /// records in `pending_rebuilds` how to make each again. [`Store::finish_bulk_load`]
    /// makes them; should the process stop before, the next [`Store::migrate`] does. On
    /// PostgreSQL nothing changes: its imports are not measured against the clock.
    pub async fn start_bulk_load(&self) -> Result<()> {
        let Pool::Sqlite(connections) = &self.pool else { return Ok(()) };
        let pool = &**connections;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        for name in UNORDERED_INDEXES {
            let sql: Option<String> =
                sqlx::query_scalar("select sql from sqlite_master where type = 'index' and name = $1")
                    .bind(name)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(sql) = sql else { continue };
            if !sql.to_ascii_lowercase().starts_with(INDEX_REBUILD_PREFIX) {
                return Err(StoreError::Corrupt(format!("index {name} is made by {sql:?}")));
            }
            sqlx::query("insert into pending_rebuilds (name) values ($1) on conflict do nothing")
                .bind(&sql)
                .execute(&mut *tx)
                .await?;
            sqlx::query(&format!("drop index {name}")).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Makes the indexes that [`Store::start_bulk_load`] dropped, each in its own transaction.
    pub async fn finish_bulk_load(&self) -> Result<()> {
        let Pool::Sqlite(connections) = &self.pool else { return Ok(()) };
        let pending: Vec<String> =
            sqlx::query_scalar("select name from pending_rebuilds").fetch_all(&**connections).await?;
        self.make_dropped_indexes(&pending).await
    }

    /// Makes each index whose `create index` statement is among `pending` (the names of
    /// `pending_rebuilds`), and takes it off the list.
    pub(crate) async fn make_dropped_indexes(&self, pending: &[String]) -> Result<()> {
        let Pool::Sqlite(connections) = &self.pool else { return Ok(()) };
        let pool = &**connections;
        for sql in pending.iter().filter(|name| name.to_ascii_lowercase().starts_with(INDEX_REBUILD_PREFIX)) {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            // A connection keeps its own copy of the schema and checks it is current only when
            // a statement runs, while `create index` refuses a name already in the copy as it
            // is prepared: on a connection that last looked before the drop, it would refuse.
            // The `drop` runs first, finds the copy stale, and reads the schema again.
            let name = sql.split_whitespace().nth(2).unwrap_or_default();
            sqlx::query(&format!("drop index if exists \"{}\"", name.replace('"', "")))
                .execute(&mut *tx)
                .await?;
            sqlx::query(sql).execute(&mut *tx).await?;
            sqlx::query("delete from pending_rebuilds where name = $1").bind(sql).execute(&mut *tx).await?;
            tx.commit().await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use portico_content::{Draft, Kind, Status};

    use super::{ImportDocument, ImportVariant};
    use crate::testing::TestDb;
    use crate::{NewContact, NewSite, NewTheme, StoreError};

    /// Every index of the database with its statement, and the rebuilds waiting.
    async fn indexes_and_pending(store: &crate::Store) -> (Vec<(String, Option<String>)>, Vec<String>) {
        let crate::Pool::Sqlite(connections) = &store.pool else { panic!("SQLite only") };
        let pool = &**connections;
        let indexes =
            sqlx::query_as("select name, sql from sqlite_master where type = 'index' order by name")
                .fetch_all(pool)
                .await
                .expect("indexes");
        let pending =
            sqlx::query_scalar("select name from pending_rebuilds").fetch_all(pool).await.expect("pending");
        (indexes, pending)
    }

    #[tokio::test]
    async fn a_bulk_load_makes_again_the_indexes_it_drops_even_when_cut_short() {
        let db = TestDb::sqlite().await;
        let store = &db.store;
        let (before, pending) = indexes_and_pending(store).await;
        assert!(pending.is_empty(), "{pending:?}");
        for name in super::UNORDERED_INDEXES {
            assert!(before.iter().any(|(index, _)| index == name), "{name} is not in the schema");
        }

        store.start_bulk_load().await.expect("start");
        let (during, pending) = indexes_and_pending(store).await;
        assert_eq!(during.len(), before.len() - super::UNORDERED_INDEXES.len());
        assert!(during.iter().all(|(name, _)| !super::UNORDERED_INDEXES.contains(&name.as_str())));
        assert_eq!(pending.len(), super::UNORDERED_INDEXES.len(), "{pending:?}");
        store.finish_bulk_load().await.expect("finish");
        assert_eq!(indexes_and_pending(store).await, (before.clone(), Vec::new()));

        // Cut short: the next start of the server (its migration) makes them.
        store.start_bulk_load().await.expect("start again");
        let reopened = crate::Store::connect(db.url()).await.expect("reopen");
        reopened.migrate().await.expect("migrate");
        assert_eq!(indexes_and_pending(&reopened).await, (before, Vec::new()));
    }

    #[tokio::test]
    async fn a_bulk_load_leaves_postgresql_as_it_is() {
        let db = TestDb::postgres().await;
        db.store.start_bulk_load().await.expect("start");
        let crate::Pool::Postgres(pool) = &db.store.pool else { panic!("PostgreSQL") };
        let kept: i64 = sqlx::query_scalar("select count(*) from pg_indexes where indexname = any($1)")
            .bind(super::UNORDERED_INDEXES.map(str::to_owned).to_vec())
            .fetch_one(pool)
            .await
            .expect("indexes");
        assert_eq!(kept, super::UNORDERED_INDEXES.len() as i64);
        db.store.finish_bulk_load().await.expect("finish");
    }

    #[tokio::test]
    async fn imported_documents_read_back_like_created_ones_on_both_databases() {
        for db in TestDb::each().await {
            let store = &db.store;
            let site = store
                .create_site(
                    &NewSite {
                        key: "global".into(),
                        name: "Global".into(),
                        languages: vec!["en".into(), "fr".into()],
                        country: None,
                        hosts: vec![],
                        names: Default::default(),
                        fallback_to_default: true,
                    },
                    &crate::Audit::system("test", "site.create"),
                )
                .await
                .expect("site");
            store
                .upsert_theme(&NewTheme {
                    slug: "health".into(),
                    name: "Health".into(),
                    description: String::new(),
                    names: Vec::new(),
                })
                .await
                .expect("theme");
            store
                .upsert_contact(&NewContact {
                    key: "press".into(),
                    name: "Press office".into(),
                    office: String::new(),
                    phone: String::new(),
                    email: String::new(),
                    names: Vec::new(),
                })
                .await
                .expect("contact");
            let before = store.last_change_id().await.expect("changes").unwrap_or(0);
            let draft = |n: usize, language: &str| Draft {
                title: format!("Release {n} {language}"),
                slug: format!("release-{n}-{language}"),
                body_markdown: format!("Body **{n}**"),
                published_at: Some(crate::now() - time::Duration::hours(n as i64 + 1)),
                countries: vec!["SV".into(), "sv".into(), "GT".into()],
                themes: vec!["health".into()],
                contacts: vec!["press".into()],
                ..Draft::default()
            };
            let documents: Vec<ImportDocument> = (0..300)
                .map(|n| ImportDocument {
                    site,
                    kind: Kind::Release,
                    variants: std::iter::once("en")
                        .chain((n % 3 == 0).then_some("fr"))
                        .map(|language| ImportVariant {
                            language: language.into(),
                            draft: draft(n, language),
                            status: Status::Published,
                        })
                        .collect(),
                })
                .collect();
            let ids = store
                .import_documents(documents, &crate::Audit::system("test", "document.import"))
                .await
                .expect("import");
            assert_eq!(ids.len(), 300, "{}", store.backend());

            let release =
                store.published_release(site, "en", "release-3-en").await.expect("read").expect("found");
            assert_eq!(release.id, ids[3]);
            assert_eq!(release.body_html.trim(), "<p>Body <strong>3</strong></p>");
            assert_eq!(release.countries, ["SV", "GT"], "duplicates dropped, order kept");
            assert_eq!(release.themes.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(), ["health"]);
            assert_eq!(release.contacts.len(), 1);
            let french = store.editable_variant(ids[3], Some("fr")).await.expect("read").expect("fr");
            assert!(french.is_translation);
            assert_eq!(french.revision, 1);
            assert_eq!(store.revisions(french.variant).await.expect("revisions").len(), 1);
            let list = store.published_releases(site, "en", &Default::default(), 1, 5).await.expect("list");
            assert_eq!(list.total, 300);
            let changes = store.changes_after(before, 1000).await.expect("changes");
            assert_eq!(changes.len(), 300, "one change-log row per document");
            let filter = crate::AuditFilter { action: Some("document.import".into()), ..Default::default() };
            let entries = store.audit_records(&filter, 10).await.expect("audit");
            assert_eq!(entries.len(), 1, "one entry for the call's one site on {}", store.backend());
            assert_eq!(entries[0].detail, "300 documents");
            assert_eq!(entries[0].user_email, "system:test");

            // Later writes get fresh ids: the sequences moved past the imported rows.
            let (next, _) = store
                .create_document(
                    &crate::NewDocument {
                        site,
                        kind: Kind::Release,
                        language: "en".into(),
                        draft: draft(1000, "en"),
                        status: Status::Draft,
                        author: None,
                    },
                    &crate::Audit::system("test", "document.create"),
                )
                .await
                .expect("create after import");
            assert!(next.0 > ids[299].0);

            let taken = ImportDocument {
                site,
                kind: Kind::Release,
                variants: vec![ImportVariant {
                    language: "en".into(),
                    draft: draft(3, "en"),
                    status: Status::Draft,
                }],
            };
            assert!(matches!(
                store.import_documents(vec![taken], &crate::Audit::system("test", "document.import")).await,
                Err(StoreError::Conflict { field: "slug" })
            ));
            let unknown = ImportDocument {
                site,
                kind: Kind::Release,
                variants: vec![ImportVariant {
                    language: "en".into(),
                    draft: Draft { themes: vec!["nope".into()], ..draft(5000, "en") },
                    status: Status::Draft,
                }],
            };
            assert!(matches!(
                store.import_documents(vec![unknown], &crate::Audit::system("test", "document.import")).await,
                Err(StoreError::UnknownReference { what: "theme", .. })
            ));
            assert_eq!(
                store.changes_after(before, 1000).await.expect("changes").len(),
                301,
                "nothing more written"
            );
        }
    }
}
