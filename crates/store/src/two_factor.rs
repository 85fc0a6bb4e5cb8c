//! Two-factor sign-in: each user's TOTP secret, their recovery codes, the failures at the
//! second step, the roles that must use it, and how far a session has come.
//!
//! The secret is kept as its bytes and never leaves this module except to the code check and
//! the enrolment page; [`TotpSecret`] prints as `TotpSecret(..)` so no `Debug` or log line can
//! carry it. Recovery codes arrive already hashed (SHA-256 of 80 random bits, like tokens).

use portico_content::{Role, UserId};
use time::OffsetDateTime;

use crate::audit::record_audit;
use crate::{Audit, Result, Store, StoreError, now, on_pool};

/// How far a session has come since the password passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// Signed in: password and, where enrolled, a code.
    Full,
    /// The password passed; a code (or a recovery code) is awaited.
    Code,
    /// The password passed, but the role requires two-factor sign-in and there is none yet:
    /// this session may only enrol or sign out.
    Enrol,
}

impl SessionStage {
    /// As stored in `sessions.stage`.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::Full => "",
            SessionStage::Code => "code",
            SessionStage::Enrol => "enrol",
        }
    }

    pub(crate) fn parse(stored: &str) -> Result<SessionStage> {
        match stored {
            "" => Ok(SessionStage::Full),
            "code" => Ok(SessionStage::Code),
            "enrol" => Ok(SessionStage::Enrol),
            other => Err(StoreError::Corrupt(format!("session stage {other:?}"))),
        }
    }
}

/// A TOTP secret's bytes. Its `Debug` hides them.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(pub Vec<u8>);

impl TotpSecret {
    /// As stored: hex, since backups carry rows as JSON, which holds no bytes.
    fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn from_hex(hex: &str) -> Option<TotpSecret> {
        if !hex.len().is_multiple_of(2) {
            return None;
        }
        (0..hex.len())
            .step_by(2)
            .map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
            .collect::<Option<Vec<u8>>>()
            .map(TotpSecret)
    }
}

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(..)")
    }
}

/// A user's TOTP enrolment.
#[derive(Debug, Clone)]
pub struct TotpEnrolment {
    /// The shared secret.
    pub secret: TotpSecret,
    /// When its owner proved they hold it; `None` while enrolment is pending.
    pub confirmed_at: Option<OffsetDateTime>,
    /// The newest time step a code was accepted for.
    pub last_step: i64,
}

/// A session to promote to a full one as part of another change: the half session's token
/// hash, the new token's hash, and when the full session ends.
#[derive(Debug, Clone, Copy)]
pub struct Promotion<'a> {
    /// The stored form of the half session's token.
    pub from_hash: &'a str,
    /// The stage it must still be at.
    pub from_stage: SessionStage,
    /// The stored form of the new token.
    pub to_hash: &'a str,
    /// When the full session ends.
    pub expires_at: OffsetDateTime,
}

impl Store {
    /// A user's TOTP enrolment, pending or confirmed.
    pub async fn totp(&self, user: UserId) -> Result<Option<TotpEnrolment>> {
        let row: Option<(String, Option<OffsetDateTime>, i64)> = on_pool!(self, |pool| {
            sqlx::query_as("select secret, confirmed_at, last_step from user_totp where user_id = $1")
                .bind(user.0)
                .fetch_optional(pool)
                .await
        })?;
        let Some((secret, confirmed_at, last_step)) = row else { return Ok(None) };
        let secret = TotpSecret::from_hex(&secret)
            .ok_or_else(|| StoreError::Corrupt(format!("the TOTP secret of user {}", user.0)))?;
        Ok(Some(TotpEnrolment { secret, confirmed_at, last_step }))
    }

    /// Starts (or starts over) a pending enrolment with a new secret. False when the user has
    /// a confirmed one already: that is replaced only after an admin resets it.
    pub async fn begin_totp(&self, user: UserId, secret: &TotpSecret) -> Result<bool> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "insert into user_totp (user_id, secret, created_at) values ($1, $2, $3)
                 on conflict (user_id) do update set secret = excluded.secret,
                   created_at = excluded.created_at, last_step = 0
                 where user_totp.confirmed_at is null",
            )
            .bind(user.0)
            .bind(secret.to_hex())
            .bind(now())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Switches a pending enrolment on, in one transaction: marks it confirmed with the code's
    /// step as used, replaces the user's recovery codes with `recovery_hashes`, and promotes
    /// `promotion` (an enrol-stage session) to a full one, and writes the audit entry. False,
    /// with nothing changed, when there is no pending enrolment, the step was used, or the
    /// session is gone.
    pub async fn confirm_totp(
        &self,
        user: UserId,
        step: i64,
        recovery_hashes: &[String],
        promotion: Option<Promotion<'_>>,
        audit: &Audit,
    ) -> Result<bool> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let confirmed = sqlx::query(
                "update user_totp set confirmed_at = $1, last_step = $2
                 where user_id = $3 and confirmed_at is null and last_step < $2",
            )
            .bind(at)
            .bind(step)
            .bind(user.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if confirmed != 1 {
                return Ok::<_, sqlx::Error>(false);
            }
            sqlx::query("delete from recovery_codes where user_id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
            for hash in recovery_hashes {
                sqlx::query("insert into recovery_codes (user_id, code_hash) values ($1, $2)")
                    .bind(user.0)
                    .bind(hash)
                    .execute(&mut *tx)
                    .await?;
            }
            if let Some(promotion) = promotion {
                let promoted = sqlx::query(
                    "update sessions set token_hash = $1, stage = '', expires_at = $2
                     where token_hash = $3 and stage = $4 and user_id = $5 and expires_at > $6",
                )
                .bind(promotion.to_hash)
                .bind(crate::normalize(promotion.expires_at))
                .bind(promotion.from_hash)
                .bind(promotion.from_stage.as_str())
                .bind(user.0)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if promoted != 1 {
                    return Ok(false);
                }
            }
            record_audit!(tx, at, audit, None::<i64>, "user", user.0);
            tx.commit().await?;
            Ok(true)
        }
        .await)
        .map_err(Into::into)
    }

    /// Marks `step` used for a confirmed enrolment; false when it, or a later step, already
    /// was (a replayed code) or the user has no confirmed enrolment. The check and the mark
    /// are one statement, so two requests with the same code cannot both pass.
    pub async fn use_totp_step(&self, user: UserId, step: i64) -> Result<bool> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "update user_totp set last_step = $1
                 where user_id = $2 and confirmed_at is not null and last_step < $1",
            )
            .bind(step)
            .bind(user.0)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Spends a recovery code by its hash; false when it is not one of the user's unused
    /// codes.
    pub async fn use_recovery_code(&self, user: UserId, code_hash: &str) -> Result<bool> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "update recovery_codes set used_at = $1
                 where user_id = $2 and code_hash = $3 and used_at is null",
            )
            .bind(now())
            .bind(user.0)
            .bind(code_hash)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// How many unused recovery codes the user has.
    pub async fn recovery_codes_left(&self, user: UserId) -> Result<i64> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar("select count(*) from recovery_codes where user_id = $1 and used_at is null")
                .bind(user.0)
                .fetch_one(pool)
                .await
        })?)
    }

    /// The users with a confirmed enrolment.
    pub async fn two_factor_users(&self) -> Result<Vec<UserId>> {
        let ids: Vec<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "select user_id from user_totp where confirmed_at is not null order by user_id",
            )
            .fetch_all(pool)
            .await
        })?;
        Ok(ids.into_iter().map(UserId).collect())
    }

    /// Removes a user's second factor (enrolment, recovery codes, failures) and ends their
    /// sessions, in one transaction: whoever held the lost phone may hold a session too.
    /// False, and no audit entry, when they had no enrolment.
    pub async fn reset_two_factor(&self, user: UserId, audit: &Audit) -> Result<bool> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let removed = sqlx::query("delete from user_totp where user_id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            for statement in [
                "delete from recovery_codes where user_id = $1",
                "delete from second_factor_failures where user_id = $1",
                "delete from sessions where user_id = $1",
            ] {
                sqlx::query(statement).bind(user.0).execute(&mut *tx).await?;
            }
            if removed == 1 {
                record_audit!(tx, now(), audit, None::<i64>, "user", user.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(removed == 1)
        }
        .await)
        .map_err(Into::into)
    }

    /// Records a wrong code at the second step, with its audit entry in the same transaction.
    pub async fn record_second_factor_failure(
        &self,
        user: UserId,
        client: &str,
        audit: &Audit,
    ) -> Result<()> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            sqlx::query("insert into second_factor_failures (user_id, client, at) values ($1, $2, $3)")
                .bind(user.0)
                .bind(client)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            record_audit!(tx, at, audit, None::<i64>, "user", user.0);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// Wrong codes for the user since `since`: how many and the latest.
    pub async fn second_factor_failures(
        &self,
        user: UserId,
        since: OffsetDateTime,
    ) -> Result<(i64, Option<OffsetDateTime>)> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "select count(*), max(at) from second_factor_failures where user_id = $1 and at > $2",
            )
            .bind(user.0)
            .bind(crate::normalize(since))
            .fetch_one(pool)
            .await
        })?)
    }

    /// Forgets the user's wrong codes, after a right one.
    pub async fn clear_second_factor_failures(&self, user: UserId) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query("delete from second_factor_failures where user_id = $1")
                .bind(user.0)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// The roles whose members must use two-factor sign-in.
    pub async fn two_factor_roles(&self) -> Result<Vec<Role>> {
        let roles: Vec<String> = on_pool!(self, |pool| {
            sqlx::query_scalar("select role from two_factor_roles order by role").fetch_all(pool).await
        })?;
        roles.into_iter().map(|r| r.parse().map_err(|_| StoreError::Corrupt(format!("role {r:?}")))).collect()
    }

    /// Replaces the roles whose members must use two-factor sign-in, with the audit entry.
    pub async fn set_two_factor_roles(&self, roles: &[Role], audit: &Audit) -> Result<()> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            sqlx::query("delete from two_factor_roles").execute(&mut *tx).await?;
            for role in roles {
                sqlx::query("insert into two_factor_roles (role) values ($1) on conflict do nothing")
                    .bind(role.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            record_audit!(tx, now(), audit, None::<i64>, "", None::<i64>);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// Turns a half session into a full one under a new token (so the token that waited at
    /// the second step is worth nothing afterwards), with the audit entry of the sign-in;
    /// false, and no entry, when it is gone, expired or not at `promotion.from_stage`.
    pub async fn promote_session(&self, promotion: Promotion<'_>, audit: &Audit) -> Result<bool> {
        let at = now();
        let done = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let done = sqlx::query(
                "update sessions set token_hash = $1, stage = '', expires_at = $2
                 where token_hash = $3 and stage = $4 and expires_at > $5",
            )
            .bind(promotion.to_hash)
            .bind(crate::normalize(promotion.expires_at))
            .bind(promotion.from_hash)
            .bind(promotion.from_stage.as_str())
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 1 {
                record_audit!(tx, at, audit, None::<i64>, "", None::<i64>);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(done)
        }
        .await)?;
        Ok(done == 1)
    }
}
