use portico_content::{ContactId, MediaId, PartnerId, SiteId, ThemeId};
use serde::Serialize;

use crate::audit::record_audit;
use crate::{Audit, Result, Store, StoreError, now, on_pool};

/// Writes, in `$tx`, a change-log entry for something every site shows (no site of its own):
/// every server forgets its cached pages and what it keeps in memory.
macro_rules! log_shared_change {
    ($tx:expr, $entity:expr, $id:expr) => {
        sqlx::query(
            "insert into change_log (at, site_id, entity, entity_id, action) values ($1, null, $2, $3, 'upsert')",
        )
        .bind(now())
        .bind($entity)
        .bind($id)
        .execute(&mut *$tx)
        .await
    };
}

/// A name of a taxonomy entry in one language, kept in a table of its own (`theme_names`, …)
/// beside the entry's default name.
pub(crate) trait LocalName {
    /// The table's columns after the entry's id and the language, in the order of `values`.
    const COLUMNS: &'static [&'static str];
    fn language(&self) -> &str;
    fn values(&self) -> Vec<&str>;
}

impl LocalName for ThemeName {
    const COLUMNS: &'static [&'static str] = &["name", "description"];
    fn language(&self) -> &str {
        &self.language
    }
    fn values(&self) -> Vec<&str> {
        vec![&self.name, &self.description]
    }
}

impl LocalName for PartnerName {
    const COLUMNS: &'static [&'static str] = &["name", "acronym"];
    fn language(&self) -> &str {
        &self.language
    }
    fn values(&self) -> Vec<&str> {
        vec![&self.name, &self.acronym]
    }
}

impl LocalName for ContactName {
    const COLUMNS: &'static [&'static str] = &["office"];
    fn language(&self) -> &str {
        &self.language
    }
    fn values(&self) -> Vec<&str> {
        vec![&self.office]
    }
}

/// The statements that forget an entry's names and insert one, for [`replace_names!`].
pub(crate) fn names_sql<N: LocalName>(_: &[N], table: &str, id_column: &str) -> (String, String) {
    let columns = N::COLUMNS.join(", ");
    let placeholders: Vec<String> = (3..N::COLUMNS.len() + 3).map(|i| format!("${i}")).collect();
    (
        format!("delete from {table} where {id_column} = $1"),
        format!(
            "insert into {table} ({id_column}, language, {columns}) values ($1, $2, {})",
            placeholders.join(", ")
        ),
    )
}

/// Replaces the names of entry `$id` in `$table` by `$names`, in transaction `$tx`. An entry
/// with every field empty says nothing and is left out, whether it came from a form or a file.
macro_rules! replace_names {
    ($tx:expr, $table:expr, $id_column:expr, $id:expr, $names:expr) => {
        async {
            let names = $names;
            let (forget, insert) = $crate::taxonomy::names_sql(names, $table, $id_column);
            sqlx::query(&forget).bind($id).execute(&mut *$tx).await?;
            for n in names {
                let values = $crate::taxonomy::LocalName::values(n);
                if values.iter().all(|v| v.is_empty()) {
                    continue;
                }
                let mut query = sqlx::query(&insert).bind($id).bind($crate::taxonomy::LocalName::language(n));
                for value in values {
                    query = query.bind(value);
                }
                query.execute(&mut *$tx).await?;
            }
            Ok::<(), sqlx::Error>(())
        }
        .await
    };
}
pub(crate) use replace_names;

/// A theme of the taxonomy ("Migrant children").
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Theme {
    /// Its id.
    #[sqlx(try_from = "i64")]
    pub id: ThemeId,
    /// URL key, as in `/en/news?theme=migrant-children`.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// One sentence about it.
    pub description: String,
    /// Its name and description in other languages; [`Theme::name_in`] picks one.
    #[sqlx(skip)]
    pub names: Vec<ThemeName>,
    /// The id of the site that keeps it for its own documents; `None` for every site's (and
    /// when the query did not ask).
    #[sqlx(default)]
    pub site_id: Option<i64>,
}

/// A theme's name and description in one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, sqlx::FromRow)]
pub struct ThemeName {
    /// Language code.
    pub language: String,
    /// Name in that language.
    pub name: String,
    /// Description in that language.
    pub description: String,
}

/// Whether an entry kept by `owner` (`None`: every site's) may be linked from documents of
/// `site`.
pub fn serves(owner: Option<i64>, site: SiteId) -> bool {
    owner.is_none_or(|owner| owner == site.0)
}

impl Theme {
    /// Whether documents of `site` may link it.
    pub fn serves(&self, site: SiteId) -> bool {
        serves(self.site_id, site)
    }

    /// Its name in `language`, or the default name when it has none there.
    pub fn name_in(&self, language: &str) -> &str {
        self.names
            .iter()
            .find(|n| n.language == language && !n.name.is_empty())
            .map_or(&self.name, |n| &n.name)
    }

    /// Its description in `language`, or the default one.
    pub fn description_in(&self, language: &str) -> &str {
        self.names
            .iter()
            .find(|n| n.language == language && !n.description.is_empty())
            .map_or(&self.description, |n| &n.description)
    }
}

/// A partner organization.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Partner {
    /// Its id.
    #[sqlx(try_from = "i64")]
    pub id: PartnerId,
    /// Stable key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Acronym ("UNHCR"), possibly empty.
    pub acronym: String,
    /// Its name and acronym in other languages ("ACNUR" in Spanish).
    #[sqlx(skip)]
    pub names: Vec<PartnerName>,
    /// The address of its logo's image, or "" when it has none (or the query did not ask).
    #[sqlx(default)]
    pub logo_path: String,
    /// See [`Theme::site_id`].
    #[sqlx(default)]
    pub site_id: Option<i64>,
}

impl Partner {
    /// Its name in `language`, or the default name when it has none there.
    pub fn name_in(&self, language: &str) -> &str {
        self.names
            .iter()
            .find(|n| n.language == language && !n.name.is_empty())
            .map_or(&self.name, |n| &n.name)
    }

    /// Its acronym in `language` ("ACNUR"), or the default one (possibly empty).
    pub fn acronym_in(&self, language: &str) -> &str {
        self.names
            .iter()
            .find(|n| n.language == language && !n.acronym.is_empty())
            .map_or(&self.acronym, |n| &n.acronym)
    }
}

/// A partner's name and acronym in one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, sqlx::FromRow)]
pub struct PartnerName {
    /// Language code.
    pub language: String,
    /// Name in that language.
    pub name: String,
    /// Acronym in that language, possibly empty.
    pub acronym: String,
}

/// A media contact.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Contact {
    /// Its id.
    #[sqlx(try_from = "i64")]
    pub id: ContactId,
    /// Stable key.
    pub key: String,
    /// Person's name.
    pub name: String,
    /// Office ("IOM El Salvador").
    pub office: String,
    /// Phone number as written for people ("+503 2521 0500").
    pub phone: String,
    /// Email address.
    pub email: String,
    /// See [`Theme::site_id`].
    #[sqlx(default)]
    pub site_id: Option<i64>,
    /// Its office named in other languages ("OIM El Salvador" in Spanish).
    #[sqlx(skip)]
    pub names: Vec<ContactName>,
}

/// A media contact's office in one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, sqlx::FromRow)]
pub struct ContactName {
    /// Language code.
    pub language: String,
    /// The office in that language.
    pub office: String,
}

impl Contact {
    /// Its office in `language`, or the default one.
    pub fn office_in(&self, language: &str) -> &str {
        self.names
            .iter()
            .find(|n| n.language == language && !n.office.is_empty())
            .map_or(&self.office, |n| &n.office)
    }
}

/// Which list of the taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyKind {
    /// Themes.
    Theme,
    /// Partner organizations.
    Partner,
    /// Media contacts.
    Contact,
    /// Programmes.
    Programme,
}

impl TaxonomyKind {
    /// As the audit and change logs name it.
    pub fn as_str(self) -> &'static str {
        match self {
            TaxonomyKind::Theme => "theme",
            TaxonomyKind::Partner => "partner",
            TaxonomyKind::Contact => "contact",
            TaxonomyKind::Programme => "programme",
        }
    }
}

/// A theme to create or update, by slug.
#[derive(Debug, Clone)]
pub struct NewTheme {
    /// See [`Theme::slug`].
    pub slug: String,
    /// See [`Theme::name`].
    pub name: String,
    /// See [`Theme::description`].
    pub description: String,
    /// See [`Theme::names`]; they replace the earlier ones.
    pub names: Vec<ThemeName>,
}

/// A partner to create or update, by slug.
#[derive(Debug, Clone)]
pub struct NewPartner {
    /// See [`Partner::slug`].
    pub slug: String,
    /// See [`Partner::name`].
    pub name: String,
    /// See [`Partner::acronym`].
    pub acronym: String,
    /// See [`Partner::names`]; they replace the earlier ones.
    pub names: Vec<PartnerName>,
}

/// A contact to create or update, by key.
#[derive(Debug, Clone)]
pub struct NewContact {
    /// See [`Contact::key`].
    pub key: String,
    /// See [`Contact::name`].
    pub name: String,
    /// See [`Contact::office`].
    pub office: String,
    /// See [`Contact::phone`].
    pub phone: String,
    /// See [`Contact::email`].
    pub email: String,
    /// See [`Contact::names`]; they replace the earlier ones.
    pub names: Vec<ContactName>,
}

impl Store {
    /// Creates the theme, or updates the one with that slug. Logged as a change of every
    /// site: theme names show on every list, and servers hold them in memory.
    pub async fn upsert_theme(&self, theme: &NewTheme) -> Result<ThemeId> {
        let id: i64 = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into themes (slug, name, description) values ($1, $2, $3)
                 on conflict (slug) do update set name = excluded.name, description = excluded.description
                 returning id",
            )
            .bind(&theme.slug)
            .bind(&theme.name)
            .bind(&theme.description)
            .fetch_one(&mut *tx)
            .await?;
            replace_names!(tx, "theme_names", "theme_id", id, &theme.names)?;
            sqlx::query(
                "insert into change_log (at, site_id, entity, entity_id, action)
                 values ($1, null, 'theme', $2, 'upsert')",
            )
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }
        .await)?;
        Ok(ThemeId(id))
    }

    /// Creates the partner, or updates the one with that slug, with its names in other
    /// languages, in one transaction.
    pub async fn upsert_partner(&self, partner: &NewPartner) -> Result<PartnerId> {
        let id: i64 = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into partners (slug, name, acronym) values ($1, $2, $3)
                 on conflict (slug) do update set name = excluded.name, acronym = excluded.acronym
                 returning id",
            )
            .bind(&partner.slug)
            .bind(&partner.name)
            .bind(&partner.acronym)
            .fetch_one(&mut *tx)
            .await?;
            replace_names!(tx, "partner_names", "partner_id", id, &partner.names)?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }
        .await)?;
        Ok(PartnerId(id))
    }

    /// Creates the contact, or updates the one with that key.
    pub async fn upsert_contact(&self, contact: &NewContact) -> Result<ContactId> {
        let id: i64 = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into contacts (key, name, office, phone, email) values ($1, $2, $3, $4, $5)
                 on conflict (key) do update set name = excluded.name, office = excluded.office,
                     phone = excluded.phone, email = excluded.email
                 returning id",
            )
            .bind(&contact.key)
            .bind(&contact.name)
            .bind(&contact.office)
            .bind(&contact.phone)
            .bind(&contact.email)
            .fetch_one(&mut *tx)
            .await?;
            replace_names!(tx, "contact_names", "contact_id", id, &contact.names)?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }
        .await)?;
        Ok(ContactId(id))
    }

    /// Every theme, by name, with its names in other languages.
    pub async fn themes(&self) -> Result<Vec<Theme>> {
        let (mut themes, names): (Vec<Theme>, Vec<(i64, ThemeName)>) = on_pool!(self, |pool| async {
            let themes =
                sqlx::query_as("select id, slug, name, description, site_id from themes order by name")
                    .fetch_all(pool)
                    .await?;
            let names: Vec<(i64, String, String, String)> = sqlx::query_as(
                "select theme_id, language, name, description from theme_names order by theme_id, language",
            )
            .fetch_all(pool)
            .await?;
            let names = names
                .into_iter()
                .map(|(id, language, name, description)| (id, ThemeName { language, name, description }))
                .collect();
            Ok::<_, sqlx::Error>((themes, names))
        }
        .await)?;
        for (id, name) in names {
            if let Some(theme) = themes.iter_mut().find(|t| t.id.0 == id) {
                theme.names.push(name);
            }
        }
        Ok(themes)
    }

    /// Every partner, by name, with its names in other languages.
    pub async fn partners(&self) -> Result<Vec<Partner>> {
        let (mut partners, names): (Vec<Partner>, Vec<(i64, PartnerName)>) = on_pool!(self, |pool| async {
            let partners = sqlx::query_as(
                "select id, slug, name, acronym, site_id,
                    case when logo_id is null then '' else logo_path end as logo_path
             from partners order by name",
            )
            .fetch_all(pool)
            .await?;
            let names: Vec<(i64, String, String, String)> = sqlx::query_as(
                "select partner_id, language, name, acronym from partner_names order by partner_id, language",
            )
            .fetch_all(pool)
            .await?;
            let names = names
                .into_iter()
                .map(|(id, language, name, acronym)| (id, PartnerName { language, name, acronym }))
                .collect();
            Ok::<_, sqlx::Error>((partners, names))
        }
        .await)?;
        for (id, name) in names {
            if let Some(partner) = partners.iter_mut().find(|p| p.id.0 == id) {
                partner.names.push(name);
            }
        }
        Ok(partners)
    }

    /// Saves a theme edited in the back office: its default name and description and its
    /// names in other languages (replacing the earlier ones), with the audit entry and a
    /// change-log entry for every site, in one transaction. The slug, its address, stays.
    pub async fn save_theme(
        &self,
        id: ThemeId,
        name: &str,
        description: &str,
        names: &[ThemeName],
        audit: &Audit,
    ) -> Result<bool> {
        self.save_described(TaxonomyKind::Theme, id.0, name, description, names, audit).await
    }

    /// Saves a theme or a programme: entries with a name and a description, each also per
    /// language. See [`Store::save_theme`].
    pub(crate) async fn save_described(
        &self,
        kind: TaxonomyKind,
        id: i64,
        name: &str,
        description: &str,
        names: &[ThemeName],
        audit: &Audit,
    ) -> Result<bool> {
        let (table, names_table, id_column) = match kind {
            TaxonomyKind::Theme => ("themes", "theme_names", "theme_id"),
            TaxonomyKind::Programme => ("programmes", "programme_names", "programme_id"),
            TaxonomyKind::Partner | TaxonomyKind::Contact => {
                return Err(StoreError::Corrupt(format!("a {} has no description", kind.as_str())));
            }
        };
        let update = format!("update {table} set name = $1, description = $2 where id = $3");
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let found = sqlx::query(&update)
                .bind(name)
                .bind(description)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if found == 0 {
                return Ok(false);
            }
            replace_names!(tx, names_table, id_column, id, names)?;
            log_shared_change!(tx, kind.as_str(), id)?;
            record_audit!(tx, now(), audit, None::<i64>, kind.as_str(), id);
            tx.commit().await?;
            Ok::<_, StoreError>(true)
        }
        .await)
    }

    /// Gives a partner its logo (an image of the media library, shown from `path`), or takes
    /// it away, with its audit entry; the image becomes public, as a logo is shown on public
    /// pages. `false` when there is no such partner; an unknown image is an error.
    pub async fn set_partner_logo(
        &self,
        id: PartnerId,
        logo: Option<(MediaId, &str)>,
        audit: &Audit,
    ) -> Result<bool> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            if let Some((media, _)) = logo {
                let found =
                    sqlx::query("update media set marked_public = 1 where id = $1 and kind = 'image'")
                        .bind(media.0)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                if found == 0 {
                    return Err(StoreError::UnknownReference { what: "image", value: media.to_string() });
                }
            }
            let found = sqlx::query("update partners set logo_id = $1, logo_path = $2 where id = $3")
                .bind(logo.map(|(media, _)| media.0))
                .bind(logo.map_or("", |(_, path)| path))
                .bind(id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if found == 0 {
                return Ok(false);
            }
            log_shared_change!(tx, "partner", id.0)?;
            record_audit!(tx, now(), audit, None::<i64>, "partner", id.0);
            tx.commit().await?;
            Ok::<_, StoreError>(true)
        }
        .await)
    }

    /// Saves a partner edited in the back office, as [`Store::save_theme`] does a theme.
    pub async fn save_partner(
        &self,
        id: PartnerId,
        name: &str,
        acronym: &str,
        names: &[PartnerName],
        audit: &Audit,
    ) -> Result<bool> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let found = sqlx::query("update partners set name = $1, acronym = $2 where id = $3")
                .bind(name)
                .bind(acronym)
                .bind(id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if found == 0 {
                return Ok(false);
            }
            replace_names!(tx, "partner_names", "partner_id", id.0, names)?;
            log_shared_change!(tx, "partner", id.0)?;
            record_audit!(tx, now(), audit, None::<i64>, "partner", id.0);
            tx.commit().await?;
            Ok::<_, StoreError>(true)
        }
        .await)
    }

    /// Adds a theme, partner or contact from the back office, with its audit and change-log
    /// entries; [`StoreError::Conflict`] on `key` when the key is taken. `entity` is
    /// `theme`, `partner`, `contact` or `programme`; the fields are the table's own, in its
    /// column order after the key (theme and programme: name, description; partner: name,
    /// acronym; contact: name, office, phone, email). `owner` is the site that keeps the entry
    /// for its own documents, `None` for every site's; it cannot change later.
    pub async fn create_taxonomy_entry(
        &self,
        entity: TaxonomyKind,
        key: &str,
        fields: &[&str],
        owner: Option<SiteId>,
        audit: &Audit,
    ) -> Result<i64> {
        let (sql, wanted) = match entity {
            TaxonomyKind::Theme => (
                "insert into themes (slug, name, description, site_id) values ($1, $2, $3, $4) returning id",
                2,
            ),
            TaxonomyKind::Partner => (
                "insert into partners (slug, name, acronym, site_id) values ($1, $2, $3, $4) returning id",
                2,
            ),
            TaxonomyKind::Contact => (
                "insert into contacts (key, name, office, phone, email, site_id)
                 values ($1, $2, $3, $4, $5, $6) returning id",
                4,
            ),
            TaxonomyKind::Programme => (
                "insert into programmes (slug, name, description, site_id) values ($1, $2, $3, $4) returning id",
                2,
            ),
        };
        if fields.len() != wanted {
            return Err(StoreError::Corrupt(format!("{} fields for a {}", fields.len(), entity.as_str())));
        }
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let mut query = sqlx::query_scalar(sql).bind(key);
            for field in fields {
                query = query.bind(*field);
            }
            query = query.bind(owner.map(|site| site.0));
            let id: i64 = query.fetch_one(&mut *tx).await.map_err(StoreError::conflict_on("key"))?;
            log_shared_change!(tx, entity.as_str(), id)?;
            record_audit!(tx, now(), audit, None::<i64>, entity.as_str(), id);
            tx.commit().await?;
            Ok::<_, StoreError>(id)
        }
        .await)
    }

    /// Saves a media contact edited in the back office (its key stays), with its office in
    /// other languages (replacing the earlier ones; empty ones are left out) and its audit and
    /// change-log entries, in one transaction.
    pub async fn save_contact(&self, id: ContactId, contact: &NewContact, audit: &Audit) -> Result<bool> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let found = sqlx::query(
                "update contacts set name = $1, office = $2, phone = $3, email = $4 where id = $5",
            )
            .bind(&contact.name)
            .bind(&contact.office)
            .bind(&contact.phone)
            .bind(&contact.email)
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if found == 0 {
                return Ok(false);
            }
            replace_names!(tx, "contact_names", "contact_id", id.0, &contact.names)?;
            log_shared_change!(tx, "contact", id.0)?;
            record_audit!(tx, now(), audit, None::<i64>, "contact", id.0);
            tx.commit().await?;
            Ok::<_, StoreError>(true)
        }
        .await)
    }

    /// Every contact, by name, with its office in other languages.
    pub async fn contacts(&self) -> Result<Vec<Contact>> {
        let (mut contacts, names): (Vec<Contact>, Vec<(i64, String, String)>) =
            on_pool!(self, |pool| async {
                let contacts = sqlx::query_as(
                    "select id, key, name, office, phone, email, site_id from contacts order by name",
                )
                .fetch_all(pool)
                .await?;
                let names = sqlx::query_as(
                    "select contact_id, language, office from contact_names order by contact_id, language",
                )
                .fetch_all(pool)
                .await?;
                Ok::<_, sqlx::Error>((contacts, names))
            }
            .await)?;
        for (id, language, office) in names {
            if let Some(contact) = contacts.iter_mut().find(|c| c.id.0 == id) {
                contact.names.push(ContactName { language, office });
            }
        }
        Ok(contacts)
    }

    /// The theme with this slug.
    pub async fn theme_by_slug(&self, slug: &str) -> Result<Option<Theme>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("select id, slug, name, description, site_id from themes where slug = $1")
                .bind(slug)
                .fetch_optional(pool)
                .await
        })?)
    }

    /// Resolves keys of `table` (by its `key_column`) to ids, in the given order, for a
    /// document of `site`; a key that is unknown, or kept by another site, is an error naming
    /// `what`.
    pub(crate) async fn resolve_ids(
        &self,
        table: &'static str,
        key_column: &'static str,
        what: &'static str,
        keys: &[String],
        site: SiteId,
    ) -> Result<Vec<i64>> {
        let sql =
            format!("select id from {table} where {key_column} = $1 and (site_id is null or site_id = $2)");
        let mut ids = Vec::with_capacity(keys.len());
        for key in keys {
            let id: Option<i64> = on_pool!(self, |pool| {
                sqlx::query_scalar(&sql).bind(key).bind(site.0).fetch_optional(pool).await
            })?;
            ids.push(id.ok_or_else(|| StoreError::UnknownReference { what, value: key.clone() })?);
        }
        Ok(ids)
    }
}
