//! What admins do to other people's accounts: change their role and sites, remove them, and
//! give them a one-time link to set a new password.
//!
//! Every change that could leave the organization without an enabled administrator is refused
//! inside its own transaction ([`StoreError::LastAdmin`]), whoever asks: the back office, the
//! command line or a test. Nothing here sees a password or a link's token in clear.

use portico_content::{Role, SiteId, UserId};
use time::OffsetDateTime;

use crate::audit::record_audit;
use crate::{Result, Store, StoreError, now, on_pool};

/// What an admin may change of another account.
#[derive(Debug, Clone)]
pub struct UserChange {
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Sites the role applies to (kept for admins too, used if they are made editors again).
    pub sites: Vec<SiteId>,
}

/// Counts the enabled admins, first locking their rows on PostgreSQL so that two admins
/// demoting each other at once cannot both pass the check; SQLite's write transactions are
/// already serial. Read inside the change's transaction, before and after it.
macro_rules! enabled_admins {
    ($store:expr, $tx:expr) => {{
        if $store.backend() == "postgres" {
            sqlx::query("select id from users where role = 'admin' and disabled_at is null for update")
                .execute(&mut *$tx)
                .await?;
        }
        let admins: i64 =
            sqlx::query_scalar("select count(*) from users where role = 'admin' and disabled_at is null")
                .fetch_one(&mut *$tx)
                .await?;
        admins
    }};
}

/// How a change that may leave no admin ends.
enum Outcome {
    Done,
    NotFound,
    LastAdmin,
}

impl Outcome {
    fn into_result(self) -> Result<bool> {
        match self {
            Outcome::Done => Ok(true),
            Outcome::NotFound => Ok(false),
            Outcome::LastAdmin => Err(StoreError::LastAdmin),
        }
    }
}

impl Store {
    /// Changes a user's name, role and sites. False when there is no such user;
    /// [`StoreError::LastAdmin`] when it would leave no enabled admin. A role takes effect on
    /// their next request: sessions read the user afresh.
    pub async fn update_user(&self, user: UserId, change: &UserChange, audit: &crate::Audit) -> Result<bool> {
        let outcome = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let admins_before = enabled_admins!(self, tx);
            let found = sqlx::query("update users set name = $1, role = $2 where id = $3")
                .bind(&change.name)
                .bind(change.role.as_str())
                .bind(user.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if found == 0 {
                return Ok::<_, sqlx::Error>(Outcome::NotFound);
            }
            if admins_before > 0 && enabled_admins!(self, tx) == 0 {
                tx.rollback().await?;
                return Ok(Outcome::LastAdmin);
            }
            sqlx::query("delete from user_sites where user_id = $1").bind(user.0).execute(&mut *tx).await?;
            for site in &change.sites {
                sqlx::query(
                    "insert into user_sites (user_id, site_id) values ($1, $2) on conflict do nothing",
                )
                .bind(user.0)
                .bind(site.0)
                .execute(&mut *tx)
                .await?;
            }
            record_audit!(tx, now(), audit, None::<i64>, "user", user.0);
            tx.commit().await?;
            Ok(Outcome::Done)
        }
        .await)?;
        outcome.into_result()
    }

    /// Removes a user for good: their sessions, tokens and links go with them; what they wrote
    /// stays, unattributed, and the audit log keeps their email. False when there is no such
    /// user; [`StoreError::LastAdmin`] for the last enabled admin.
    pub async fn remove_user(&self, user: UserId, audit: &crate::Audit) -> Result<bool> {
        let outcome = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let admins_before = enabled_admins!(self, tx);
            let found = sqlx::query("delete from users where id = $1").bind(user.0).execute(&mut *tx).await?;
            if found.rows_affected() == 0 {
                return Ok::<_, sqlx::Error>(Outcome::NotFound);
            }
            if admins_before > 0 && enabled_admins!(self, tx) == 0 {
                tx.rollback().await?;
                return Ok(Outcome::LastAdmin);
            }
            record_audit!(tx, now(), audit, None::<i64>, "user", user.0);
            tx.commit().await?;
            Ok(Outcome::Done)
        }
        .await)?;
        outcome.into_result()
    }

    /// Disables a user (or enables them again). Disabling ends every session of theirs and
    /// revokes every API token and password link of theirs in the same transaction; enabling
    /// gives none back. False when there is no such user; [`StoreError::LastAdmin`] when it
    /// would disable the last enabled admin.
    pub async fn set_user_disabled(
        &self,
        user: UserId,
        disabled: bool,
        audit: &crate::Audit,
    ) -> Result<bool> {
        let at = disabled.then(now);
        let outcome = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let admins_before = enabled_admins!(self, tx);
            let found = sqlx::query("update users set disabled_at = $1 where id = $2")
                .bind(at)
                .bind(user.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if found == 0 {
                return Ok::<_, sqlx::Error>(Outcome::NotFound);
            }
            if disabled {
                if admins_before > 0 && enabled_admins!(self, tx) == 0 {
                    tx.rollback().await?;
                    return Ok(Outcome::LastAdmin);
                }
                sqlx::query("delete from sessions where user_id = $1").bind(user.0).execute(&mut *tx).await?;
                sqlx::query("delete from password_resets where user_id = $1")
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "update api_tokens set revoked_at = $1 where user_id = $2 and revoked_at is null",
                )
                .bind(now())
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
            }
            record_audit!(tx, now(), audit, None::<i64>, "user", user.0);
            tx.commit().await?;
            Ok(Outcome::Done)
        }
        .await)?;
        outcome.into_result()
    }

    /// Keeps a one-time password link for `user` (by the SHA-256 of its token), valid until
    /// `expires_at`; earlier links of theirs stop working. False when there is no such
    /// enabled user.
    pub async fn create_password_reset(
        &self,
        user: UserId,
        token_hash: &str,
        expires_at: OffsetDateTime,
        audit: &crate::Audit,
    ) -> Result<bool> {
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let enabled: Option<i64> =
                sqlx::query_scalar("select id from users where id = $1 and disabled_at is null")
                    .bind(user.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            if enabled.is_none() {
                return Ok(false);
            }
            sqlx::query("delete from password_resets where user_id = $1").bind(user.0).execute(&mut *tx).await?;
            sqlx::query(
                "insert into password_resets (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(user.0)
            .bind(now())
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            record_audit!(tx, now(), audit, None::<i64>, "user", user.0);
            tx.commit().await?;
            Ok::<_, StoreError>(true)
        }
        .await
        })
    }

    /// The enabled user a password link (by the SHA-256 of its token) is for, while it works.
    pub async fn password_reset_user(&self, token_hash: &str) -> Result<Option<crate::User>> {
        let user: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "select u.id from password_resets r join users u on u.id = r.user_id
                 where r.token_hash = $1 and r.expires_at > $2 and u.disabled_at is null",
            )
            .bind(token_hash)
            .bind(now())
            .fetch_optional(pool)
            .await
        })?;
        match user {
            Some(id) => self.user(UserId(id)).await,
            None => Ok(None),
        }
    }

    /// Uses a password link: sets the new password hash, ends every session and API token of
    /// the user and forgets the link, in one transaction. `None` when the link does not work
    /// (unknown, used, expired, or its user disabled).
    pub async fn use_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        audit: &crate::Audit,
    ) -> Result<Option<UserId>> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            // Deleting first makes the link single-use even when two submissions race.
            let user: Option<i64> = sqlx::query_scalar(
                "delete from password_resets where token_hash = $1 and expires_at > $2 returning user_id",
            )
            .bind(token_hash)
            .bind(now())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(user) = user else { return Ok(None) };
            let updated =
                sqlx::query("update users set password_hash = $1 where id = $2 and disabled_at is null")
                    .bind(password_hash)
                    .bind(user)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            if updated == 0 {
                return Ok(None);
            }
            sqlx::query("delete from sessions where user_id = $1").bind(user).execute(&mut *tx).await?;
            sqlx::query("update api_tokens set revoked_at = $1 where user_id = $2 and revoked_at is null")
                .bind(now())
                .bind(user)
                .execute(&mut *tx)
                .await?;
            record_audit!(tx, now(), audit, None::<i64>, "user", user);
            tx.commit().await?;
            Ok::<_, StoreError>(Some(UserId(user)))
        }
        .await)
    }
}
