//! Single sign-on: who a user is at the OpenID Connect provider, the sign-ins on their way to
//! the provider and back, and the provider's tokens a session keeps to ask again later.
//!
//! The provider's tokens are secrets: they reach this module only to be stored with their
//! session and are never logged or shown. A user the provider made has no password (its hash
//! is `!`, which no password matches).

use portico_content::{Role, SiteId, UserId};
use time::OffsetDateTime;

use crate::audit::record_audit;
use crate::{Audit, NewSession, Result, Store, now, on_pool};

/// What no Argon2 string is: the password hash of a user who signs in only through the provider.
pub const NO_PASSWORD: &str = "!";

/// A sign-in sent to the provider, to be found again by its state.
#[derive(Debug, Clone, Copy)]
pub struct NewSsoLogin<'a> {
    /// SHA-256 of the `state` the browser carries.
    pub state_hash: &'a str,
    /// The nonce the ID token must carry back.
    pub nonce: &'a str,
    /// The PKCE verifier.
    pub verifier: &'a str,
    /// The redirect URI sent, which the code exchange must repeat.
    pub redirect_uri: &'a str,
    /// Where to go once signed in.
    pub next: &'a str,
    /// When it stops being usable.
    pub expires_at: OffsetDateTime,
}

/// A sign-in waiting for the provider's answer.
#[derive(Debug, Clone)]
pub struct PendingSsoLogin {
    /// The nonce the ID token must carry back.
    pub nonce: String,
    /// The PKCE verifier.
    pub verifier: String,
    /// The redirect URI sent.
    pub redirect_uri: String,
    /// Where to go once signed in.
    pub next: String,
}

/// The provider's tokens kept with a session.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SsoTokens {
    /// For the refresh grant.
    pub refresh_token: Option<String>,
    /// For the userinfo endpoint.
    pub access_token: Option<String>,
    /// The hint for the provider's logout.
    pub id_token: Option<String>,
}

impl std::fmt::Debug for SsoTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SsoTokens(..)")
    }
}

/// A person the provider vouched for, with what their groups give them.
#[derive(Debug, Clone)]
pub struct ProviderSignIn<'a> {
    /// SHA-256 of the state of the pending sign-in this finishes; it is used up.
    pub state_hash: &'a str,
    /// The provider's issuer.
    pub issuer: &'a str,
    /// The provider's id of the person.
    pub subject: &'a str,
    /// Their email, lowercased.
    pub email: Option<&'a str>,
    /// Whether the provider vouches for the email: only then may it take over a local
    /// account of the same email.
    pub email_verified: bool,
    /// Their display name; empty keeps the one we have.
    pub name: &'a str,
    /// The role their groups give.
    pub role: Role,
    /// The sites their groups give.
    pub sites: &'a [SiteId],
    /// The provider's tokens, kept with the session.
    pub tokens: &'a SsoTokens,
}

/// How a sign-in through the provider ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoOutcome {
    /// Signed in; `provisioned` when this sign-in made (or linked) the Portico user.
    SignedIn {
        /// The user.
        user: UserId,
        /// Whether the user was made or linked now.
        provisioned: bool,
    },
    /// The pending sign-in is gone: used already, expired, or never there.
    Replayed,
    /// The Portico user is disabled here; only an admin enables them again.
    Disabled,
    /// The provider gave no email, and Portico users need one.
    NoEmail,
    /// A local user has this email, and the provider does not vouch for it.
    EmailTaken,
}

impl Store {
    /// Keeps a sign-in on its way to the provider (and forgets expired ones).
    pub async fn begin_sso_login(&self, login: &NewSsoLogin<'_>) -> Result<()> {
        let at = now();
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            sqlx::query("delete from sso_logins where expires_at <= $1").bind(at).execute(&mut *tx).await?;
            sqlx::query(
                "insert into sso_logins (state_hash, nonce, verifier, redirect_uri, next, created_at, expires_at)
                 values ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(login.state_hash)
            .bind(login.nonce)
            .bind(login.verifier)
            .bind(login.redirect_uri)
            .bind(login.next)
            .bind(at)
            .bind(crate::normalize(login.expires_at))
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await
        })?;
        Ok(())
    }

    /// The live pending sign-in with this state hash.
    pub async fn pending_sso_login(&self, state_hash: &str) -> Result<Option<PendingSsoLogin>> {
        let row: Option<(String, String, String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "select nonce, verifier, redirect_uri, next from sso_logins where state_hash = $1 and expires_at > $2",
            )
            .bind(state_hash)
            .bind(now())
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(nonce, verifier, redirect_uri, next)| PendingSsoLogin {
            nonce,
            verifier,
            redirect_uri,
            next,
        }))
    }

    /// Refuses a sign-in through the provider: uses up its pending sign-in, when there is one,
    /// and writes the refusal's audit entry in the same transaction.
    pub async fn refuse_sso_login(&self, state_hash: Option<&str>, audit: &Audit) -> Result<()> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            if let Some(state_hash) = state_hash {
                sqlx::query("delete from sso_logins where state_hash = $1")
                    .bind(state_hash)
                    .execute(&mut *tx)
                    .await?;
            }
            record_audit!(tx, at, audit, None::<i64>, "", None::<i64>);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// Signs in a person the provider vouched for, in one transaction: uses up the pending
    /// sign-in (a second use answers [`SsoOutcome::Replayed`]), finds the user by issuer and
    /// subject or makes one (or links the local user of a verified email), sets their email,
    /// name, role and sites from the provider, opens a full session that keeps the provider's
    /// tokens, and writes the audit entries: `provision` when the user was made or linked now,
    /// then `login`, both naming the user (whatever actor they came with). `session.user` is
    /// ignored: the session is the found or made user's. Any outcome but `SignedIn` changes
    /// nothing.
    pub async fn sign_in_with_provider(
        &self,
        person: &ProviderSignIn<'_>,
        session: &NewSession<'_>,
        provision: &Audit,
        login: &Audit,
    ) -> Result<SsoOutcome> {
        let at = now();
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let pending = sqlx::query("delete from sso_logins where state_hash = $1 and expires_at > $2")
                .bind(person.state_hash)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if pending != 1 {
                return Ok::<_, sqlx::Error>(SsoOutcome::Replayed);
            }
            let known: Option<i64> =
                sqlx::query_scalar("select user_id from user_identities where issuer = $1 and subject = $2")
                    .bind(person.issuer)
                    .bind(person.subject)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (id, provisioned) = match known {
                Some(id) => (id, false),
                None => {
                    let Some(email) = person.email else { return Ok(SsoOutcome::NoEmail) };
                    let local: Option<(i64, bool)> = sqlx::query_as(
                        "select u.id, exists (select 1 from user_identities i where i.user_id = u.id)
                         from users u where u.email = $1",
                    )
                    .bind(email)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let id = match local {
                        // Only a verified email may take over an account someone else made.
                        Some((id, false)) if person.email_verified => id,
                        Some(_) => return Ok(SsoOutcome::EmailTaken),
                        None => {
                            sqlx::query_scalar(
                                "insert into users (email, name, password_hash, role, created_at)
                                 values ($1, $2, $3, $4, $5) returning id",
                            )
                            .bind(email)
                            .bind(person.name)
                            .bind(NO_PASSWORD)
                            .bind(person.role.as_str())
                            .bind(at)
                            .fetch_one(&mut *tx)
                            .await?
                        }
                    };
                    sqlx::query(
                        "insert into user_identities (issuer, subject, user_id, created_at) values ($1, $2, $3, $4)",
                    )
                    .bind(person.issuer)
                    .bind(person.subject)
                    .bind(id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    (id, true)
                }
            };
            let disabled: Option<OffsetDateTime> =
                sqlx::query_scalar("select disabled_at from users where id = $1").bind(id).fetch_one(&mut *tx).await?;
            if disabled.is_some() {
                return Ok(SsoOutcome::Disabled);
            }
            // The provider's email wins unless another user already has it.
            if let Some(email) = person.email {
                sqlx::query(
                    "update users set email = $1 where id = $2
                     and not exists (select 1 from users o where o.email = $1 and o.id <> $2)",
                )
                .bind(email)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query(
                "update users set role = $1, last_login_at = $2,
                 name = case when $3 = '' then name else $3 end where id = $4",
            )
            .bind(person.role.as_str())
            .bind(at)
            .bind(person.name)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("delete from user_sites where user_id = $1").bind(id).execute(&mut *tx).await?;
            for site in person.sites {
                sqlx::query("insert into user_sites (user_id, site_id) values ($1, $2) on conflict do nothing")
                    .bind(id)
                    .bind(site.0)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at, client, stage,
                   sso_refresh_token, sso_access_token, sso_id_token, sso_checked_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4)",
            )
            .bind(session.token_hash)
            .bind(id)
            .bind(session.csrf_token)
            .bind(at)
            .bind(crate::normalize(session.expires_at))
            .bind(session.client)
            .bind(session.stage.as_str())
            .bind(&person.tokens.refresh_token)
            .bind(&person.tokens.access_token)
            .bind(&person.tokens.id_token)
            .execute(&mut *tx)
            .await?;
            let email: String =
                sqlx::query_scalar("select email from users where id = $1").bind(id).fetch_one(&mut *tx).await?;
            let named = |audit: &Audit| {
                let mut audit = audit.clone();
                audit.actor.user = Some(UserId(id));
                audit.actor.email = email.clone();
                audit
            };
            if provisioned {
                let provision = named(provision);
                record_audit!(tx, at, provision, None::<i64>, "user", id);
            }
            let login = named(login);
            record_audit!(tx, at, login, None::<i64>, "", None::<i64>);
            tx.commit().await?;
            Ok(SsoOutcome::SignedIn { user: UserId(id), provisioned })
        }
        .await)
        .map_err(Into::into)
    }

    /// Takes the turn to ask the provider about the session with this token hash: when it was
    /// opened by the provider and last asked at or before `due`, marks it asked now and
    /// answers its tokens. One statement, so that of a burst of requests only one asks.
    pub async fn claim_sso_check(&self, token_hash: &str, due: OffsetDateTime) -> Result<Option<SsoTokens>> {
        let row: Option<(Option<String>, Option<String>, Option<String>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "update sessions set sso_checked_at = $1
                 where token_hash = $2 and sso_checked_at is not null and sso_checked_at <= $3
                 returning sso_refresh_token, sso_access_token, sso_id_token",
            )
            .bind(now())
            .bind(token_hash)
            .bind(crate::normalize(due))
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(refresh_token, access_token, id_token)| SsoTokens {
            refresh_token,
            access_token,
            id_token,
        }))
    }

    /// Live sessions the provider opened whose last check was at or before `due`, oldest check
    /// first, at most `limit`: for the background round that asks about idle sessions too, so
    /// that a person who makes no request still loses their API tokens.
    pub async fn due_sso_sessions(
        &self,
        due: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<(String, UserId, OffsetDateTime)>> {
        let rows: Vec<(String, i64, OffsetDateTime)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "select s.token_hash, s.user_id, s.sso_checked_at from sessions s join users u on u.id = s.user_id
                 where s.sso_checked_at <= $1 and s.expires_at > $2 and u.disabled_at is null
                 order by s.sso_checked_at limit $3",
            )
            .bind(crate::normalize(due))
            .bind(now())
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(hash, user, at)| (hash, UserId(user), at)).collect())
    }

    /// Keeps the tokens the provider gave at a check (a provider may rotate refresh tokens).
    pub async fn keep_sso_tokens(&self, token_hash: &str, tokens: &SsoTokens) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
                "update sessions set sso_refresh_token = $1, sso_access_token = $2, sso_id_token = $3
                 where token_hash = $4",
            )
            .bind(&tokens.refresh_token)
            .bind(&tokens.access_token)
            .bind(&tokens.id_token)
            .bind(token_hash)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(())
    }

    /// The ID token kept with a session, as the hint for the provider's logout.
    pub async fn sso_id_token(&self, token_hash: &str) -> Result<Option<String>> {
        let token: Option<Option<String>> = on_pool!(self, |pool| {
            sqlx::query_scalar("select sso_id_token from sessions where token_hash = $1")
                .bind(token_hash)
                .fetch_optional(pool)
                .await
        })?;
        Ok(token.flatten())
    }

    /// Whether the user signs in through a provider (and so has no password of ours).
    pub async fn has_sso_identity(&self, user: UserId) -> Result<bool> {
        let found: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar("select user_id from user_identities where user_id = $1")
                .bind(user.0)
                .fetch_optional(pool)
                .await
        })?;
        Ok(found.is_some())
    }
}
