//! The audit log: who did what privileged thing, to what, when, from where.

use portico_content::{SiteId, UserId};
use serde::Serialize;
use time::OffsetDateTime;

use crate::{Result, Store, now, on_pool};

/// An entry to append.
#[derive(Debug, Clone, Default)]
pub struct AuditEntry {
    /// Who, when known (a failed login has no user).
    pub user: Option<UserId>,
    /// Their email, or the email tried.
    pub user_email: String,
    /// What (`login`, `login_failed`, `release.publish`, …).
    pub action: String,
    /// On which site.
    pub site: Option<SiteId>,
    /// What kind of thing (`document`, `media`, `menu`, `token`).
    pub entity: String,
    /// Which one.
    pub entity_id: Option<i64>,
    /// A short note.
    pub detail: String,
    /// The client address.
    pub client: String,
}

/// An entry as read back.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AuditRecord {
    /// When.
    pub at: OffsetDateTime,
    /// Who.
    pub user_email: String,
    /// What.
    pub action: String,
    /// Site key, when the entry names a site.
    pub site_key: Option<String>,
    /// What kind of thing.
    pub entity: String,
    /// Which one.
    pub entity_id: Option<i64>,
    /// A short note.
    pub detail: String,
    /// From where.
    pub client: String,
}

/// Filters for reading the log; each optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Email contains this.
    pub user: Option<String>,
    /// Action starts with this.
    pub action: Option<String>,
    /// Site key.
    pub site: Option<String>,
    /// At or after.
    pub since: Option<OffsetDateTime>,
    /// Before.
    pub until: Option<OffsetDateTime>,
}

impl Store {
    /// Appends an entry.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "insert into audit_log (at, user_id, user_email, action, site_id, entity, entity_id, detail, client)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(now())
            .bind(entry.user.map(|u| u.0))
            .bind(&entry.user_email)
            .bind(&entry.action)
            .bind(entry.site.map(|s| s.0))
            .bind(&entry.entity)
            .bind(entry.entity_id)
            .bind(&entry.detail)
            .bind(&entry.client)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(())
    }

    /// Entries matching `filter`, newest first, at most `limit`.
    pub async fn audit_records(&self, filter: &AuditFilter, limit: i64) -> Result<Vec<AuditRecord>> {
        let user = filter.user.as_ref().map(|u| format!("%{}%", u.to_lowercase().replace(['%', '_'], "")));
        let action = filter.action.as_ref().map(|a| format!("{}%", a.replace(['%', '_'], "")));
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "select a.at, a.user_email, a.action, s.key as site_key, a.entity, a.entity_id, a.detail, a.client
                 from audit_log a left join sites s on s.id = a.site_id
                 where ($1 is null or a.user_email like $1) and ($2 is null or a.action like $2)
                   and ($3 is null or s.key = $3) and ($4 is null or a.at >= $4) and ($5 is null or a.at < $5)
                 order by a.id desc limit $6",
            )
            .bind(user)
            .bind(action)
            .bind(&filter.site)
            .bind(filter.since.map(crate::normalize))
            .bind(filter.until.map(crate::normalize))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?)
    }
}
