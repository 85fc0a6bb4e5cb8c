//! The audit log: who did what privileged thing, to what, when, from where.

use portico_content::UserId;
use serde::Serialize;
use time::OffsetDateTime;

use crate::{Result, Store, on_pool};

/// Who makes a change: a person (by session or API token) or one of Portico's own jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The person, `None` for a system job.
    pub user: Option<UserId>,
    /// The person's email, or `system:{job}` for a job.
    pub email: String,
    /// The client address; empty for a job.
    pub client: String,
}

impl Actor {
    /// A person.
    pub fn person(user: UserId, email: &str, client: &str) -> Actor {
        Actor { user: Some(user), email: email.to_owned(), client: client.to_owned() }
    }

    /// Someone who has proved nothing yet: a failed sign-in with the email they tried. What
    /// was typed may be anything: text that is not an email address is logged as
    /// `typed:{text}`, so nobody can write `system:scheduler` into the log's "who" column, and
    /// it is cut to an address's greatest length so a sign-in form cannot fill the log.
    pub fn unknown(typed: &str, client: &str) -> Actor {
        const LONGEST_ADDRESS: usize = 254;
        let typed: String = typed.chars().take(LONGEST_ADDRESS).collect();
        let plausible =
            typed.contains('@') && !typed.starts_with(SYSTEM_PREFIX) && !typed.starts_with("typed:");
        let email = if plausible { typed } else { format!("typed:{typed}") };
        Actor { user: None, email, client: client.to_owned() }
    }

    /// One of Portico's own jobs (`scheduler`, `ingest`, `demo`): the audit log names it as
    /// `system:{job}`, which no email address can be, so it never passes for a person.
    pub fn system(job: &str) -> Actor {
        Actor { user: None, email: format!("{SYSTEM_PREFIX}{job}"), client: String::new() }
    }

    /// Whether this is one of Portico's own jobs.
    pub fn is_system(&self) -> bool {
        self.user.is_none() && self.email.starts_with(SYSTEM_PREFIX)
    }

    /// The audit note for `action` (`document.save`) by this actor.
    pub fn doing(&self, action: &str) -> Audit {
        Audit { actor: self.clone(), action: action.to_owned(), detail: String::new() }
    }
}

/// How a system actor's email begins.
const SYSTEM_PREFIX: &str = "system:";

/// What a write tells the audit log: who, which action, and a short note. Every store
/// operation that changes something takes one and writes its entry in the change's own
/// transaction, so the change and its entry are stored together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    /// Who.
    pub actor: Actor,
    /// What (`document.publish`).
    pub action: String,
    /// A short note; the operation adds its own when it has one (`draft → published`).
    pub detail: String,
}

impl Audit {
    /// A system job's note for `action`.
    pub fn system(job: &str, action: &str) -> Audit {
        Actor::system(job).doing(action)
    }

    /// With a short note.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Audit {
        self.detail = detail.into();
        self
    }
}

/// Writes the audit entry of `$audit` on the entity (`"document"`, id) in `$site`, in the
/// current transaction `$tx`.
macro_rules! record_audit {
    ($tx:expr, $at:expr, $audit:expr, $site:expr, $entity:expr, $id:expr) => {
        sqlx::query(
            "insert into audit_log (at, user_id, user_email, action, site_id, entity, entity_id, detail, client)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind($at)
        .bind($audit.actor.user.map(|u: portico_content::UserId| u.0))
        .bind(&$audit.actor.email)
        .bind(&$audit.action)
        .bind($site)
        .bind($entity)
        .bind($id)
        .bind(&$audit.detail)
        .bind(&$audit.actor.client)
        .execute(&mut *$tx)
        .await?
    };
}
pub(crate) use record_audit;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_typed_at_sign_in_never_reads_as_one_of_our_jobs() {
        assert_eq!(Actor::unknown("ed@example.org", "10.0.0.1").email, "ed@example.org");
        assert_eq!(Actor::unknown("system:scheduler", "").email, "typed:system:scheduler");
        assert_eq!(Actor::unknown("system:x@y", "").email, "typed:system:x@y");
        assert_eq!(Actor::unknown("typed:a@b", "").email, "typed:typed:a@b");
        assert_eq!(Actor::unknown("admin", "").email, "typed:admin");
        assert!(!Actor::unknown("system:scheduler", "").is_system());
        assert_eq!(Actor::unknown(&"a@".repeat(1000), "").email.chars().count(), 254);
    }
}
