use portico_content::SiteId;
use serde::Serialize;

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
}

impl Site {
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
}

#[derive(sqlx::FromRow)]
struct SiteRow {
    id: i64,
    key: String,
    name: String,
    languages: String,
    country: Option<String>,
    hosts: String,
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
        }
    }
}

const SITE_COLUMNS: &str = "select id, key, name, languages, country, hosts from sites";

impl Store {
    /// Creates a site; its key must be free.
    pub async fn create_site(&self, site: &NewSite) -> Result<SiteId> {
        if site.languages.is_empty() {
            return Err(StoreError::UnknownReference { what: "language", value: String::new() });
        }
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "insert into sites (key, name, languages, country, hosts, created_at)
                 values ($1, $2, $3, $4, $5, $6) returning id",
            )
            .bind(&site.key)
            .bind(&site.name)
            .bind(site.languages.join(","))
            .bind(&site.country)
            .bind(site.hosts.join(","))
            .bind(now())
            .fetch_one(pool)
            .await
        })
        .map_err(StoreError::conflict_on("key"))?;
        Ok(SiteId(id))
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
