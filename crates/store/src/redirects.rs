//! Old addresses that answer with a permanent redirect to new ones, per site: filled by
//! `portico import` from the source's addresses, edited by admins in the back office.
//!
//! The public site asks [`Store::redirect_for`] only for a path that found nothing, by the
//! table's primary key, so a redirect costs no query on any page that exists. Paths are kept
//! without a trailing slash, queries with their parameters sorted ([`redirect_path`]).

use portico_content::SiteId;
use serde::Serialize;
use time::OffsetDateTime;

use crate::audit::record_audit;
use crate::{Audit, Result, Store, now, on_pool};

/// One redirect.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Redirect {
    /// Its site.
    #[sqlx(try_from = "i64")]
    pub site: SiteId,
    /// The site's key, for lists across sites.
    pub site_key: String,
    /// The old address, a path within the site (`/2015/08/21/slug`).
    pub old_path: String,
    /// Where it now is (`/en/news/slug`), a path within the site.
    pub new_path: String,
    /// When it was made.
    pub created_at: OffsetDateTime,
}

/// Query parameters looked at in an old address: enough for any real one, and a bound on the
/// keys one lookup tries.
const MAX_QUERY_PARAMETERS: usize = 8;

/// An old address as redirects keep it: a path starting with `/`, without fragment or trailing
/// slash, then its query, if any, with its parameters sorted (`/?lang=fr&p=123`): some systems
/// address pages by query alone (WordPress's `/?p=123`). At most 2000 bytes, no spaces or
/// control characters; `None` when it is none (or the site's bare root, which always answers).
pub fn redirect_path(address: &str) -> Option<String> {
    let (path, query) = split_address(address)?;
    let mut parameters = query_parameters(query);
    parameters.sort_unstable();
    join_address(path, &parameters.join("&"))
}

/// The keys an address that found nothing is looked up by, most specific first: its whole
/// query, each of its parameters alone in the order given (`/?p=123&lang=fr` finds `/?p=123`),
/// then its path without the query (`/2015/08/slug/?amp=1` finds `/2015/08/slug`).
pub fn redirect_candidates(address: &str) -> Vec<String> {
    let Some((path, query)) = split_address(address) else { return Vec::new() };
    let parameters = query_parameters(query);
    let mut keys: Vec<String> = Vec::new();
    let mut push = |key: Option<String>| {
        if let Some(key) = key
            && !keys.contains(&key)
        {
            keys.push(key);
        }
    };
    push(redirect_path(address));
    for parameter in parameters.iter().take(MAX_QUERY_PARAMETERS) {
        push(join_address(path, parameter));
    }
    push(join_address(path, ""));
    keys
}

/// The path (without trailing slash, "" for the root) and the query of an address that is
/// acceptable as one at all.
fn split_address(address: &str) -> Option<(&str, &str)> {
    let address = address.trim();
    let address = address.split('#').next().unwrap_or("");
    if !address.starts_with('/')
        || address.len() > 2000
        || address.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return None;
    }
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    Some((path.trim_end_matches('/'), query))
}

/// The non-empty parameters of a query, as written.
fn query_parameters(query: &str) -> Vec<&str> {
    query.split('&').filter(|p| !p.is_empty() && !p.starts_with('=')).collect()
}

fn join_address(path: &str, query: &str) -> Option<String> {
    match (path.is_empty(), query.is_empty()) {
        (true, true) => None,
        (_, true) => Some(path.to_owned()),
        (true, false) => Some(format!("/?{query}")),
        (false, false) => Some(format!("{path}?{query}")),
    }
}

/// Writes or replaces the redirect from `$old` on site `$site` in the transaction `$tx`.
macro_rules! upsert_redirect {
    ($tx:expr, $site:expr, $old:expr, $new:expr, $at:expr) => {
        sqlx::query(
            "insert into redirects (site_id, old_path, new_path, created_at) values ($1, $2, $3, $4)
             on conflict (site_id, old_path) do update set new_path = excluded.new_path",
        )
        .bind($site)
        .bind($old)
        .bind($new)
        .bind($at)
        .execute(&mut *$tx)
    };
}
pub(crate) use upsert_redirect;

/// The redirects of site `$1` from any of `n` old addresses (bound from `$2`): by the primary
/// key, one probe per address.
pub(crate) fn redirect_lookup_sql(n: usize) -> String {
    format!(
        "select old_path, new_path from redirects where site_id = $1 and old_path in ({})",
        (2..n + 2).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
    )
}

impl Store {
    /// Where the old address `address` (a path and its query) of `site` now is, if it has
    /// moved: the most specific of its [`redirect_candidates`] that has a redirect, in one
    /// query by the primary key.
    pub async fn redirect_for(&self, site: SiteId, address: &str) -> Result<Option<String>> {
        let keys = redirect_candidates(address);
        if keys.is_empty() {
            return Ok(None);
        }
        let sql = redirect_lookup_sql(keys.len());
        let found: Vec<(String, String)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql).bind(site.0);
            for key in &keys {
                query = query.bind(key);
            }
            query.fetch_all(pool).await
        })?;
        Ok(keys.iter().find_map(|key| found.iter().find(|(old, _)| old == key).map(|(_, new)| new.clone())))
    }

    /// The redirects of `sites` (all when `None`), newest first, at most `limit`.
    pub async fn redirects(&self, sites: Option<&[SiteId]>, limit: i64) -> Result<Vec<Redirect>> {
        let filter = match sites {
            None => String::new(),
            Some([]) => " where 1 = 0".to_owned(),
            Some(ids) => format!(
                " where r.site_id in ({})",
                ids.iter().map(|s| s.0.to_string()).collect::<Vec<_>>().join(", ")
            ),
        };
        let sql = format!(
            "select r.site_id as site, s.key as site_key, r.old_path, r.new_path, r.created_at
             from redirects r join sites s on s.id = r.site_id{filter}
             order by r.created_at desc, r.old_path limit $1"
        );
        Ok(on_pool!(self, |pool| sqlx::query_as(&sql).bind(limit).fetch_all(pool).await)?)
    }

    /// Makes `old` on `site` redirect to `new` (replacing any earlier target), with its audit
    /// entry. Both must already be [`redirect_path`]s (or `new` an absolute `https://` URL).
    pub async fn set_redirect(&self, site: SiteId, old: &str, new: &str, audit: &Audit) -> Result<()> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            upsert_redirect!(tx, site.0, old, new, at).await?;
            let audit = audit.clone().with_detail(format!("{old} → {new}"));
            record_audit!(tx, at, audit, site.0, "redirect", None::<i64>);
            tx.commit().await?;
            Ok::<(), crate::StoreError>(())
        }
        .await)
    }

    /// Removes the redirect from `old` on `site`, with its audit entry; false when there was none.
    pub async fn delete_redirect(&self, site: SiteId, old: &str, audit: &Audit) -> Result<bool> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let gone = sqlx::query("delete from redirects where site_id = $1 and old_path = $2")
                .bind(site.0)
                .bind(old)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if gone > 0 {
                let audit = audit.clone().with_detail(old.to_owned());
                record_audit!(tx, at, audit, site.0, "redirect", None::<i64>);
            }
            tx.commit().await?;
            Ok::<bool, crate::StoreError>(gone > 0)
        }
        .await)
    }
}

#[cfg(test)]
mod tests {
    use super::{redirect_candidates, redirect_path};

    #[test]
    fn paths_are_kept_without_trailing_slash_and_queries_in_order() {
        assert_eq!(redirect_path("/2015/08/slug/").as_deref(), Some("/2015/08/slug"));
        assert_eq!(redirect_path("/2015/08/slug/?amp=1#top").as_deref(), Some("/2015/08/slug?amp=1"));
        assert_eq!(redirect_path("/?p=123").as_deref(), Some("/?p=123"));
        assert_eq!(redirect_path("/?p=123&&lang=fr").as_deref(), Some("/?lang=fr&p=123"));
        assert_eq!(redirect_path("/"), None);
        assert_eq!(redirect_path("/?"), None);
        assert_eq!(redirect_path("news/slug"), None);
        assert_eq!(redirect_path("/a b"), None);
        assert_eq!(redirect_path("/?p=1 2"), None);
    }

    #[test]
    fn an_address_is_looked_up_by_its_whole_query_then_each_parameter_then_its_path() {
        assert_eq!(redirect_candidates("/?p=123&lang=fr"), ["/?lang=fr&p=123", "/?p=123", "/?lang=fr"]);
        assert_eq!(redirect_candidates("/2015/08/slug/?amp=1"), ["/2015/08/slug?amp=1", "/2015/08/slug"]);
        assert_eq!(redirect_candidates("/2015/08/slug/"), ["/2015/08/slug"]);
        assert!(redirect_candidates("/").is_empty());
        let many = format!("/x?{}", (0..100).map(|n| format!("a{n}=1")).collect::<Vec<_>>().join("&"));
        assert_eq!(redirect_candidates(&many).len(), 1 + super::MAX_QUERY_PARAMETERS + 1, "bounded");
    }
}
