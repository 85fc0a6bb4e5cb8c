//! Users, their site scopes, sessions, failed logins and API tokens.
//!
//! Secrets never reach this module in clear: sessions and tokens are stored by the SHA-256 of
//! their value, passwords as Argon2id strings, both computed by the caller.

use portico_content::{Role, SiteId, UserId};
use serde::Serialize;
use time::OffsetDateTime;

use crate::audit::record_audit;
use crate::{Result, Store, StoreError, now, on_pool};

/// A back-office user.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Login, lowercased.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Sites the role applies to (admins act on every site whatever this says).
    pub sites: Vec<SiteId>,
    /// Disabled users sign in to nothing and their tokens open nothing.
    pub disabled: bool,
}

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login; stored lowercased.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Sites the role applies to.
    pub sites: Vec<SiteId>,
}

/// A session as found from its cookie.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    /// Whose session.
    pub user: User,
    /// The token forms must echo back.
    pub csrf_token: String,
    /// How far it has come: only a full session opens the back office.
    pub stage: crate::SessionStage,
    /// When the identity provider was last asked about this session; `None` for a session
    /// opened with a password.
    pub sso_checked_at: Option<OffsetDateTime>,
}

/// Failed logins in a window, each as (count, latest), counted per client address (any
/// account), per (account, address) and per account (any address). The first two may refuse a
/// sign-in; the third only slows one down, so that nobody can lock an owner out.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoginFailures {
    /// From this address, on any account.
    pub by_client: (i64, Option<OffsetDateTime>),
    /// On this account from this address.
    pub by_pair: (i64, Option<OffsetDateTime>),
    /// On this account from any address.
    pub by_account: (i64, Option<OffsetDateTime>),
}

/// A session to open at sign-in.
#[derive(Debug, Clone, Copy)]
pub struct NewSession<'a> {
    /// The stored form of its token (never the token).
    pub token_hash: &'a str,
    /// Whose session.
    pub user: UserId,
    /// The token its forms must echo back.
    pub csrf_token: &'a str,
    /// When it ends.
    pub expires_at: OffsetDateTime,
    /// The client address it was opened from.
    pub client: &'a str,
    /// How far it has come: a half session waits for a code or for enrolment.
    pub stage: crate::SessionStage,
}

/// An API token as listed to its owner (never the token itself).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    /// Its id.
    pub id: i64,
    /// What the owner called it.
    pub name: String,
    /// When it was made.
    pub created_at: OffsetDateTime,
    /// When it was last used.
    pub last_used_at: Option<OffsetDateTime>,
    /// When it was revoked; a revoked token opens nothing.
    pub revoked_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    disabled_at: Option<OffsetDateTime>,
}

impl Store {
    async fn user_from_row(&self, row: UserRow) -> Result<User> {
        let sites: Vec<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar("select site_id from user_sites where user_id = $1 order by site_id")
                .bind(row.id)
                .fetch_all(pool)
                .await
        })?;
        Ok(User {
            id: UserId(row.id),
            role: row.role.parse().map_err(|_| StoreError::Corrupt(format!("role {:?}", row.role)))?,
            email: row.email,
            name: row.name,
            sites: sites.into_iter().map(SiteId).collect(),
            disabled: row.disabled_at.is_some(),
        })
    }

    /// Creates a user, with its audit entry; the email must be free.
    pub async fn create_user(&self, user: &NewUser, audit: &crate::Audit) -> Result<UserId> {
        let email = user.email.trim().to_lowercase();
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into users (email, name, password_hash, role, created_at) values ($1, $2, $3, $4, $5) returning id",
            )
            .bind(&email)
            .bind(&user.name)
            .bind(&user.password_hash)
            .bind(user.role.as_str())
            .bind(now())
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::conflict_on("email"))?;
            for site in &user.sites {
                sqlx::query("insert into user_sites (user_id, site_id) values ($1, $2) on conflict do nothing")
                    .bind(id)
                    .bind(site.0)
                    .execute(&mut *tx)
                    .await?;
            }
            record_audit!(tx, now(), audit, None::<i64>, "user", id);
            tx.commit().await?;
            Ok(UserId(id))
        }
        .await
        })
    }

    /// The user with this email and their password hash, for logging in.
    pub async fn user_for_login(&self, email: &str) -> Result<Option<(User, String)>> {
        let row: Option<(i64, String, String, String, String)> = on_pool!(self, |pool| {
            // A disabled user has no password that works.
            sqlx::query_as(
                "select id, email, name, role, password_hash from users where email = $1 and disabled_at is null",
            )
                .bind(email.trim().to_lowercase())
                .fetch_optional(pool)
                .await
        })?;
        let Some((id, email, name, role, hash)) = row else {
            return Ok(None);
        };
        Ok(Some((self.user_from_row(UserRow { id, email, name, role, disabled_at: None }).await?, hash)))
    }

    /// The user with this id.
    pub async fn user(&self, id: UserId) -> Result<Option<User>> {
        let row: Option<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as("select id, email, name, role, disabled_at from users where id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await
        })?;
        match row {
            Some(row) => Ok(Some(self.user_from_row(row).await?)),
            None => Ok(None),
        }
    }

    /// Every user, by email.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows: Vec<UserRow> = on_pool!(self, |pool| {
            sqlx::query_as("select id, email, name, role, disabled_at from users order by email")
                .fetch_all(pool)
                .await
        })?;
        let mut users = Vec::with_capacity(rows.len());
        for row in rows {
            users.push(self.user_from_row(row).await?);
        }
        Ok(users)
    }

    /// Replaces a user's password hash, ends every session of theirs but `keep_session` and
    /// revokes every API token of theirs, in one transaction: whoever held the old password may
    /// have made a token with it.
    pub async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        keep_session: Option<&str>,
        audit: &crate::Audit,
    ) -> Result<()> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            sqlx::query("update users set password_hash = $1 where id = $2")
                .bind(password_hash)
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query("delete from sessions where user_id = $1 and token_hash <> $2")
                .bind(user.0)
                .bind(keep_session.unwrap_or(""))
                .execute(&mut *tx)
                .await?;
            sqlx::query("update api_tokens set revoked_at = $1 where user_id = $2 and revoked_at is null")
                .bind(now())
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
            record_audit!(tx, now(), audit, None::<i64>, "user", user.0);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// Deletes a user; their sessions and tokens go with them. No rule is checked: for tests
    /// and repairs; the back office removes people with [`Store::remove_user`].
    pub async fn delete_user(&self, user: UserId) -> Result<()> {
        on_pool!(self, |pool| sqlx::query("delete from users where id = $1")
            .bind(user.0)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Signs `session.user` in, in one transaction with the audit entry: forgets their failed
    /// sign-ins from this address, notes the sign-in, opens the session. Answers how many
    /// failed attempts on the account there were since the previous sign-in (from other
    /// addresses), so that its owner learns of an attack.
    pub async fn sign_in(&self, session: &NewSession<'_>, audit: &crate::Audit) -> Result<i64> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let (email, last): (String, Option<OffsetDateTime>) =
                sqlx::query_as("select email, last_login_at from users where id = $1")
                    .bind(session.user.0)
                    .fetch_one(&mut *tx)
                    .await?;
            // This address's failures were the person's own typing; other addresses' stay, and
            // keep their own back-off.
            sqlx::query("delete from login_failures where email = $1 and client = $2")
                .bind(&email)
                .bind(session.client)
                .execute(&mut *tx)
                .await?;
            let missed: i64 = match last {
                Some(last) => {
                    sqlx::query_scalar("select count(*) from login_failures where email = $1 and at > $2")
                        .bind(&email)
                        .bind(last)
                        .fetch_one(&mut *tx)
                        .await?
                }
                None => {
                    sqlx::query_scalar("select count(*) from login_failures where email = $1")
                        .bind(&email)
                        .fetch_one(&mut *tx)
                        .await?
                }
            };
            sqlx::query("update users set last_login_at = $1 where id = $2")
                .bind(at)
                .bind(session.user.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at, client, stage)
                 values ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(session.token_hash)
            .bind(session.user.0)
            .bind(session.csrf_token)
            .bind(at)
            .bind(crate::normalize(session.expires_at))
            .bind(session.client)
            .bind(session.stage.as_str())
            .execute(&mut *tx)
            .await?;
            record_audit!(tx, at, audit, None::<i64>, "", None::<i64>);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(missed)
        }
        .await)
        .map_err(Into::into)
    }

    /// The live session with this token hash, with its user.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionInfo>> {
        let row: Option<(i64, String, String, Option<OffsetDateTime>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "select s.user_id, s.csrf_token, s.stage, s.sso_checked_at from sessions s join users u on u.id = s.user_id
                 where s.token_hash = $1 and s.expires_at > $2 and u.disabled_at is null",
            )
            .bind(token_hash)
            .bind(now())
            .fetch_optional(pool)
            .await
        })?;
        let Some((user_id, csrf_token, stage, sso_checked_at)) = row else {
            return Ok(None);
        };
        let stage = crate::SessionStage::parse(&stage)?;
        Ok(self.user(UserId(user_id)).await?.map(|user| SessionInfo {
            user,
            csrf_token,
            stage,
            sso_checked_at,
        }))
    }

    /// Ends a session (and any expired ones), with the audit entry of signing out.
    pub async fn delete_session(&self, token_hash: &str, audit: &crate::Audit) -> Result<()> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            sqlx::query("delete from sessions where token_hash = $1 or expires_at <= $2")
                .bind(token_hash)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            record_audit!(tx, at, audit, None::<i64>, "", None::<i64>);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// Records a failed sign-in with `email` from `client`, with its audit entry `failed` and,
    /// when the account behind the email starts backing off, `attacked`: an entry on that
    /// account for its owner to see. Both go in the back-off record's transaction, so no
    /// failure counts that the log does not show.
    pub async fn record_login_failure(
        &self,
        email: &str,
        client: &str,
        failed: &crate::Audit,
        attacked: Option<(UserId, &crate::Audit)>,
    ) -> Result<()> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            sqlx::query("insert into login_failures (email, client, at) values ($1, $2, $3)")
                .bind(email.trim().to_lowercase())
                .bind(client)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            record_audit!(tx, at, failed, None::<i64>, "", None::<i64>);
            if let Some((owner, attacked)) = attacked {
                record_audit!(tx, at, attacked, None::<i64>, "user", owner.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// Failed logins since `since`, counted three ways for the back-off (see [`LoginFailures`]).
    pub async fn login_failures(
        &self,
        email: &str,
        client: &str,
        since: OffsetDateTime,
    ) -> Result<LoginFailures> {
        let email = email.trim().to_lowercase();
        let since = crate::normalize(since);
        let (by_client, by_pair, by_account) = on_pool!(self, |pool| async {
            let by_client: (i64, Option<OffsetDateTime>) =
                sqlx::query_as("select count(*), max(at) from login_failures where client = $1 and at > $2")
                    .bind(client)
                    .bind(since)
                    .fetch_one(pool)
                    .await?;
            let by_pair: (i64, Option<OffsetDateTime>) = sqlx::query_as(
                "select count(*), max(at) from login_failures where email = $1 and client = $2 and at > $3",
            )
            .bind(&email)
            .bind(client)
            .bind(since)
            .fetch_one(pool)
            .await?;
            let by_account: (i64, Option<OffsetDateTime>) =
                sqlx::query_as("select count(*), max(at) from login_failures where email = $1 and at > $2")
                    .bind(&email)
                    .bind(since)
                    .fetch_one(pool)
                    .await?;
            Ok::<_, sqlx::Error>((by_client, by_pair, by_account))
        }
        .await)?;
        Ok(LoginFailures { by_client, by_pair, by_account })
    }

    /// Stores a new API token of `user` by its hash, with its audit entry.
    pub async fn create_api_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &str,
        audit: &crate::Audit,
    ) -> Result<i64> {
        Ok(on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into api_tokens (user_id, name, token_hash, created_at) values ($1, $2, $3, $4) returning id",
            )
            .bind(user.0)
            .bind(name)
            .bind(token_hash)
            .bind(now())
            .fetch_one(&mut *tx)
            .await?;
            record_audit!(tx, now(), audit, None::<i64>, "token", id);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }
        .await
        })?)
    }

    /// The user a live (unrevoked) token belongs to; marks it used.
    pub async fn api_token_user(&self, token_hash: &str) -> Result<Option<User>> {
        let user: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "update api_tokens set last_used_at = $1 where token_hash = $2 and revoked_at is null
                 and user_id in (select id from users where disabled_at is null) returning user_id",
            )
            .bind(now())
            .bind(token_hash)
            .fetch_optional(pool)
            .await
        })?;
        match user {
            Some(id) => self.user(UserId(id)).await,
            None => Ok(None),
        }
    }

    /// A user's tokens, newest first.
    pub async fn api_tokens(&self, user: UserId) -> Result<Vec<ApiToken>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "select id, name, created_at, last_used_at, revoked_at from api_tokens where user_id = $1 order by id desc",
            )
            .bind(user.0)
            .fetch_all(pool)
            .await
        })?)
    }

    /// Revokes a token of `user`, with its audit entry; false (and no entry) when they have
    /// no such live token.
    pub async fn revoke_api_token(&self, user: UserId, token: i64, audit: &crate::Audit) -> Result<bool> {
        let done = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let done = sqlx::query(
                "update api_tokens set revoked_at = $1 where id = $2 and user_id = $3 and revoked_at is null",
            )
            .bind(now())
            .bind(token)
            .bind(user.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 1 {
                record_audit!(tx, now(), audit, None::<i64>, "token", token);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(done)
        }
        .await)?;
        Ok(done == 1)
    }
}
