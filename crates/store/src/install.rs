//! An organization's own site, set up in one transaction (`portico init`): the global site,
//! its section pages, its menus and the first administrator.
//!
//! One transaction, so that a failure leaves the database as empty as it was and the command
//! can simply be run again; and it refuses any database that already has a site (the demo or
//! an earlier setup), checked inside the transaction so two setups at once cannot both win.

use portico_content::{Draft, Kind, SiteId, UserId, markdown};

use crate::listing::{apply, change, current_rows};
use crate::{MenuItem, NewSite, NewUser, Result, Store, StoreError, now, on_pool};

/// One section page: its language versions, the original (in the site's default language)
/// first. Every version is published at once, empty, for the organization to fill.
#[derive(Debug, Clone)]
pub struct InitialPage {
    /// (language, fields), languages distinct.
    pub variants: Vec<(String, Draft)>,
}

/// Everything `portico init` writes.
#[derive(Debug, Clone)]
pub struct Installation {
    /// The global site.
    pub site: NewSite,
    /// Its section pages.
    pub pages: Vec<InitialPage>,
    /// Its menu in each language.
    pub menus: Vec<(String, Vec<MenuItem>)>,
    /// The first administrator (an admin needs no sites).
    pub admin: NewUser,
    /// The audit log's client for the administrator's creation ("cli").
    pub client: String,
}

/// What was written.
#[derive(Debug, Clone, Copy)]
pub struct Installed {
    /// The global site.
    pub site: SiteId,
    /// The administrator.
    pub admin: UserId,
    /// Page versions written, over every language.
    pub variants: usize,
}

/// The field named by [`StoreError::Conflict`] when the database already has a site.
pub const ALREADY_INITIALIZED: &str = "installation";

impl Store {
    /// Writes the whole installation in one transaction, or nothing. A database that already
    /// has a site is refused with [`StoreError::Conflict`] on [`ALREADY_INITIALIZED`].
    pub async fn initialize(&self, setup: &Installation) -> Result<Installed> {
        if setup.site.languages.is_empty() {
            return Err(StoreError::UnknownReference { what: "language", value: String::new() });
        }
        let at = now();
        let names =
            serde_json::to_string(&setup.site.names).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        // Rendered before the transaction: nothing slow while it holds the write lock.
        let mut pages = Vec::with_capacity(setup.pages.len());
        for page in &setup.pages {
            let mut variants = Vec::with_capacity(page.variants.len());
            for (language, draft) in &page.variants {
                let snapshot =
                    serde_json::to_string(draft).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                variants.push((language, draft, markdown::render(&draft.body_markdown), snapshot));
            }
            pages.push(variants);
        }
        let email = setup.admin.email.trim().to_lowercase();
        on_pool!(self, |pool| {
            async {
                let mut tx = pool.begin_with(self.begin_write()).await?;
                let sites: i64 = sqlx::query_scalar("select count(*) from sites").fetch_one(&mut *tx).await?;
                if sites > 0 {
                    return Err(StoreError::Conflict { field: ALREADY_INITIALIZED });
                }
                let site: i64 = sqlx::query_scalar(
                    "insert into sites (key, name, languages, country, hosts, names, missing_translation, created_at)
                     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
                )
                .bind(&setup.site.key)
                .bind(&setup.site.name)
                .bind(setup.site.languages.join(","))
                .bind(&setup.site.country)
                .bind(setup.site.hosts.join(","))
                .bind(&names)
                .bind(if setup.site.fallback_to_default { "fallback" } else { "not_found" })
                .bind(at)
                // Another setup that began at the same time took the key first.
                .fetch_one(&mut *tx)
                .await
                .map_err(StoreError::conflict_on(ALREADY_INITIALIZED))?;
                let mut documents = Vec::with_capacity(pages.len());
                let mut written = 0;
                for variants in &pages {
                    let document: i64 = sqlx::query_scalar(
                        "insert into documents (site_id, kind, created_at, updated_at) values ($1, $2, $3, $3) returning id",
                    )
                    .bind(site)
                    .bind(Kind::Page.as_str())
                    .bind(at)
                    .fetch_one(&mut *tx)
                    .await?;
                    for (position, (language, draft, body_html, snapshot)) in variants.iter().enumerate() {
                        // Translations say which revision of the original they were made from.
                        let source_revision = (position > 0).then_some(1_i32);
                        let variant: i64 = sqlx::query_scalar(
                            "insert into variants (document_id, site_id, kind, language, slug, title, summary,
                                 body_markdown, body_html, dateline, programme, status, published_at,
                                 revision, created_at, updated_at, source_revision)
                             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', '', 'published', $10, 1, $10, $10, $11)
                             returning id",
                        )
                        .bind(document)
                        .bind(site)
                        .bind(Kind::Page.as_str())
                        .bind(*language)
                        .bind(&draft.slug)
                        .bind(&draft.title)
                        .bind(&draft.summary)
                        .bind(&draft.body_markdown)
                        .bind(body_html)
                        .bind(at)
                        .bind(source_revision)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(StoreError::conflict_on("slug"))?;
                        sqlx::query(
                            "insert into revisions (variant_id, number, snapshot, created_at) values ($1, 1, $2, $3)",
                        )
                        .bind(variant)
                        .bind(snapshot)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                        written += 1;
                    }
                    sqlx::query(
                        "insert into change_log (at, site_id, entity, entity_id, action) values ($1, $2, 'document', $3, 'create')",
                    )
                    .bind(at)
                    .bind(site)
                    .bind(document)
                    .execute(&mut *tx)
                    .await?;
                    documents.push(document);
                }
                // Pages are in no list today; kept so that the lists stay derived from the rows
                // whatever a later rule lists.
                let listed = current_rows!(tx, &documents).await?;
                apply!(pool, tx, &change(&Default::default(), &listed)).await?;
                for (language, items) in &setup.menus {
                    let mut flat: Vec<(Option<usize>, i32, &MenuItem)> = Vec::new();
                    flatten(items, None, &mut flat);
                    let mut ids: Vec<i64> = Vec::with_capacity(flat.len());
                    for (parent, position, item) in &flat {
                        let id: i64 = sqlx::query_scalar(
                            "insert into menu_items (site_id, language, parent_id, position, label, path)
                             values ($1, $2, $3, $4, $5, $6) returning id",
                        )
                        .bind(site)
                        .bind(language)
                        .bind(parent.map(|p| ids[p]))
                        .bind(position)
                        .bind(&item.label)
                        .bind(&item.path)
                        .fetch_one(&mut *tx)
                        .await?;
                        ids.push(id);
                    }
                }
                sqlx::query(
                    "insert into change_log (at, site_id, entity, entity_id, action) values ($1, $2, 'menu', $2, 'replace')",
                )
                .bind(at)
                .bind(site)
                .execute(&mut *tx)
                .await?;
                let admin: i64 = sqlx::query_scalar(
                    "insert into users (email, name, password_hash, role, created_at) values ($1, $2, $3, $4, $5) returning id",
                )
                .bind(&email)
                .bind(&setup.admin.name)
                .bind(&setup.admin.password_hash)
                .bind(setup.admin.role.as_str())
                .bind(at)
                .fetch_one(&mut *tx)
                .await
                .map_err(StoreError::conflict_on("email"))?;
                sqlx::query(
                    "insert into audit_log (at, user_id, user_email, action, site_id, entity, entity_id, detail, client)
                     values ($1, $2, $3, 'site.initialize', $4, 'site', $4, $5, $6)",
                )
                .bind(at)
                .bind(admin)
                .bind(&email)
                .bind(site)
                .bind(format!("{} with {written} page versions; {email} as admin", setup.site.key))
                .bind(&setup.client)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Installed { site: SiteId(site), admin: UserId(admin), variants: written })
            }
            .await
        })
    }
}

/// Depth-first, parents before children, so each child can name its parent's new id.
fn flatten<'a>(
    items: &'a [MenuItem],
    parent: Option<usize>,
    flat: &mut Vec<(Option<usize>, i32, &'a MenuItem)>,
) {
    for (position, item) in items.iter().enumerate() {
        flat.push((parent, i32::try_from(position).unwrap_or(i32::MAX), item));
        let index = flat.len() - 1;
        flatten(&item.children, Some(index), flat);
    }
}
