//! Asking the identity provider again whether a person it signed in still has access: at most
//! once per interval for each session, on a request of that session, awaiting the provider
//! without holding a thread. A refusal disables the user here, which ends all their sessions
//! and API tokens in one transaction. A provider that cannot be reached ends nothing (an
//! outage must not sign the whole newsroom out); the next interval asks again.
//!
//! Password sessions are never checked, and nothing here logs a token. A background round
//! ([`App::check_idle_sso_sessions`]) asks about the sessions that make no request, so that
//! the API tokens of someone who stopped using the back office end as well.

use portico_oidc::{Check, Tokens};
use portico_store::{Audit, SsoTokens, User};
use time::OffsetDateTime;

use crate::{App, WebError};

/// Whether the session with `token_hash`, last checked at `checked_at`, may go on. Answers
/// true without asking while the interval has not passed, or when another request of the
/// session is asking already.
pub(crate) async fn session_may_go_on(
    app: &App,
    token_hash: &str,
    checked_at: OffsetDateTime,
    user: &User,
) -> Result<bool, WebError> {
    let Some(provider) = app.sso() else { return Ok(true) };
    let every =
        time::Duration::try_from(provider.config().recheck_every).unwrap_or(time::Duration::minutes(5));
    let now = portico_store::now();
    if checked_at + every > now {
        return Ok(true);
    }
    let Some(kept) = app.store().claim_sso_check(token_hash, now - every).await? else { return Ok(true) };
    let tokens = Tokens {
        refresh_token: kept.refresh_token.clone(),
        access_token: kept.access_token.clone(),
        id_token: kept.id_token.clone(),
    };
    match provider.check(&tokens).await {
        Check::Active(fresh) => {
            let fresh = SsoTokens {
                refresh_token: fresh.refresh_token,
                access_token: fresh.access_token,
                id_token: fresh.id_token,
            };
            if fresh != kept {
                app.store().keep_sso_tokens(token_hash, &fresh).await?;
            }
            Ok(true)
        }
        Check::Unknown(why) => {
            tracing::warn!(user.id = user.id.0, reason = %why, "cannot ask the identity provider; the session goes on");
            Ok(true)
        }
        Check::Refused(why) => {
            tracing::info!(user.id = user.id.0, reason = %why, "the identity provider refused: disabling the user");
            let audit = Audit::system("sso", "user.disable")
                .with_detail(format!("the identity provider refused: {why}"));
            match app.store().set_user_disabled(user.id, true, &audit).await {
                Ok(_) => {}
                // The account stays enabled so that someone can still manage users (from the
                // command line if need be); this session ends all the same.
                Err(portico_store::StoreError::LastAdmin) => {
                    tracing::warn!(
                        user.id = user.id.0,
                        "the identity provider refused the last enabled admin: ending the session, keeping the account"
                    );
                    app.store().delete_session(token_hash, &Audit::system("sso", "session.end")).await?;
                }
                Err(err) => return Err(err.into()),
            }
            Ok(false)
        }
    }
}

/// Sessions asked about in one background round at most; the rest wait for the next.
const ROUND_LIMIT: i64 = 200;

impl App {
    /// Asks the provider about every live session of its whose check is due, as a request of
    /// the session would; answers how many sessions were asked about.
    pub async fn check_idle_sso_sessions(&self) -> Result<usize, WebError> {
        let Some(provider) = self.sso() else { return Ok(0) };
        let every =
            time::Duration::try_from(provider.config().recheck_every).unwrap_or(time::Duration::minutes(5));
        let due = self.store().due_sso_sessions(portico_store::now() - every, ROUND_LIMIT).await?;
        let mut asked = 0;
        for (token_hash, user, checked_at) in due {
            // Disabled meanwhile (an earlier session of the same person was refused): nothing to ask.
            let Some(user) = self.store().user(user).await?.filter(|u| !u.disabled) else { continue };
            session_may_go_on(self, &token_hash, checked_at, &user).await?;
            asked += 1;
        }
        Ok(asked)
    }
}
