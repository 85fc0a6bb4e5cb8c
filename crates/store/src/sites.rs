use portico_content::SiteId;
use serde::Serialize;

use crate::listing::relist_site;
use crate::{Result, Store, StoreError, now, on_pool};

/// The global site or one country office's site.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    /// Its id.
    pub id: SiteId,
    /// Short stable key, as in `/sites/{key}/` (`global`, `sv`).
    pub key: String,
    /// Display name.
    pub name: String,
    /// Language codes in order; the first is the default.
    pub languages: Vec<String>,
    /// ISO 3166-1 alpha-2 of a country office.
    pub country: Option<String>,
    /// Host names that route to this site.
    pub hosts: Vec<String>,
    /// Names in other languages than the default, by language code.
    pub names: std::collections::BTreeMap<String, String>,
    /// Whether a page missing in a language falls back to the default language (else 404).
    pub fallback_to_default: bool,
}

impl Site {
    /// The site's name in `language`, or its default name.
    pub fn name_in(&self, language: &str) -> &str {
        self.names.get(language).map_or(self.name.as_str(), String::as_str)
    }

    /// The language `/` redirects to.
    pub fn default_language(&self) -> &str {
        self.languages.first().map(String::as_str).unwrap_or("en")
    }

    /// Whether the site publishes in `language`.
    pub fn has_language(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == language)
    }
}

/// A site to create.
#[derive(Debug, Clone)]
pub struct NewSite {
    /// See [`Site::key`].
    pub key: String,
    /// See [`Site::name`].
    pub name: String,
    /// See [`Site::languages`]; must not be empty.
    pub languages: Vec<String>,
    /// See [`Site::country`].
    pub country: Option<String>,
    /// See [`Site::hosts`].
    pub hosts: Vec<String>,
    /// See [`Site::names`].
    pub names: std::collections::BTreeMap<String, String>,
    /// See [`Site::fallback_to_default`].
    pub fallback_to_default: bool,
}

#[derive(sqlx::FromRow)]
struct SiteRow {
    id: i64,
    key: String,
    name: String,
    languages: String,
    country: Option<String>,
    hosts: String,
    names: String,
    missing_translation: String,
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

impl From<SiteRow> for Site {
    fn from(row: SiteRow) -> Self {
        Site {
            id: SiteId(row.id),
            key: row.key,
            name: row.name,
            languages: split_list(&row.languages),
            country: row.country,
            hosts: split_list(&row.hosts),
            names: serde_json::from_str(&row.names).unwrap_or_default(),
            fallback_to_default: row.missing_translation != "not_found",
        }
    }
}

const SITE_COLUMNS: &str =
    "select id, key, name, languages, country, hosts, names, missing_translation from sites";

impl Store {
    /// Creates a site, with its audit entry; its key and host names must be free.
    pub async fn create_site(&self, site: &NewSite, audit: &crate::Audit) -> Result<SiteId> {
        if site.languages.is_empty() {
            return Err(StoreError::UnknownReference { what: "language", value: String::new() });
        }
        self.check_hosts_free(&site.hosts, None).await?;
        let names = serde_json::to_string(&site.names).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let id: i64 = on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into sites (key, name, languages, country, hosts, names, missing_translation, created_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
            )
            .bind(&site.key)
            .bind(&site.name)
            .bind(site.languages.join(","))
            .bind(&site.country)
            .bind(site.hosts.join(","))
            .bind(names)
            .bind(if site.fallback_to_default { "fallback" } else { "not_found" })
            .bind(now())
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::conflict_on("key"))?;
            // A new country office lists the global releases about its country at once.
            relist_site!(pool, tx, id).await?;
            crate::audit::record_audit!(tx, now(), audit, id, "site", id);
            tx.commit().await?;
            Ok::<_, StoreError>(id)
        }
        .await
        })?;
        Ok(SiteId(id))
    }

    /// Changes a site's settings (not its key), with its audit entry.
    pub async fn update_site(&self, id: SiteId, site: &NewSite, audit: &crate::Audit) -> Result<()> {
        if site.languages.is_empty() {
            return Err(StoreError::UnknownReference { what: "language", value: String::new() });
        }
        self.check_hosts_free(&site.hosts, Some(id)).await?;
        let names = serde_json::to_string(&site.names).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            sqlx::query(
                "update sites set name = $1, languages = $2, country = $3, hosts = $4, names = $5,
                     missing_translation = $6 where id = $7",
            )
            .bind(&site.name)
            .bind(site.languages.join(","))
            .bind(&site.country)
            .bind(site.hosts.join(","))
            .bind(names)
            .bind(if site.fallback_to_default { "fallback" } else { "not_found" })
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            // Its languages or country may have changed what its lists show.
            relist_site!(pool, tx, id.0).await?;
            sqlx::query(
                "insert into change_log (at, site_id, entity, entity_id, action) values ($1, $2, 'site', $2, 'update')",
            )
            .bind(now())
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            crate::audit::record_audit!(tx, now(), audit, id.0, "site", id.0);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await
        })?;
        Ok(())
    }

    /// A host name may route to one site only.
    async fn check_hosts_free(&self, hosts: &[String], except: Option<SiteId>) -> Result<()> {
        for site in self.sites().await? {
            if Some(site.id) != except
                && site.hosts.iter().any(|h| hosts.iter().any(|n| n.eq_ignore_ascii_case(h)))
            {
                return Err(StoreError::Conflict { field: "host" });
            }
        }
        Ok(())
    }

    /// Every site, the global one (the first created) first.
    pub async fn sites(&self) -> Result<Vec<Site>> {
        let sql = format!("{SITE_COLUMNS} order by id");
        let rows: Vec<SiteRow> = on_pool!(self, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(Site::from).collect())
    }

    /// The site with this key.
    pub async fn site_by_key(&self, key: &str) -> Result<Option<Site>> {
        let sql = format!("{SITE_COLUMNS} where key = $1");
        let row: Option<SiteRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(key).fetch_optional(pool).await)?;
        Ok(row.map(Site::from))
    }

    /// Whether no site exists yet: a fresh database.
    pub async fn is_empty(&self) -> Result<bool> {
        let count: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar("select count(*) from sites").fetch_one(pool).await
        })?;
        Ok(count == 0)
    }
}
