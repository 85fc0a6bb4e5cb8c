//! Old addresses that answer with a permanent redirect to new ones, per site: filled by
//! `portico import` from the source's addresses, edited by admins in the back office.
//!
//! The public site asks [`Store::redirect_for`] only for a path that found nothing, by the
//! table's primary key, so a redirect costs no query on any page that exists. Paths are kept
//! without a trailing slash or query ([`redirect_path`]).

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

/// A path as redirects keep it: starting with `/`, without query, fragment or trailing
/// slash, at most 2000 bytes, no spaces or control characters; `None` when it is none (or
/// the site's root, which always answers).
pub fn redirect_path(path: &str) -> Option<String> {
    let path = path.trim().split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/')
        || path.len() > 2000
        || path.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return None;
    }
    let path = path.trim_end_matches('/');
    (!path.is_empty()).then(|| path.to_owned())
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

impl Store {
    /// Where the old address `path` of `site` now is, if it has moved.
    pub async fn redirect_for(&self, site: SiteId, path: &str) -> Result<Option<String>> {
        let Some(path) = redirect_path(path) else { return Ok(None) };
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar("select new_path from redirects where site_id = $1 and old_path = $2")
                .bind(site.0)
                .bind(&path)
                .fetch_optional(pool)
                .await
        })?)
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
    use super::redirect_path;

    #[test]
    fn paths_are_kept_without_trailing_slash_or_query() {
        assert_eq!(redirect_path("/2015/08/slug/?amp=1").as_deref(), Some("/2015/08/slug"));
        assert_eq!(redirect_path("/"), None);
        assert_eq!(redirect_path("news/slug"), None);
        assert_eq!(redirect_path("/a b"), None);
    }
}
