//! Signing in through the organization's OpenID Connect provider: the start, which sends the
//! browser there with `state`, `nonce` and a PKCE challenge, and the callback, which checks
//! all three, trades the code for an ID token, maps the person's groups to a role and sites,
//! and opens a full session. The provider owns the person's factors, so Portico's own second
//! factor is not asked for.
//!
//! `state` is bound to the browser twice: it sits in a short-lived cookie that must equal the
//! one in the callback, and its SHA-256 names the pending sign-in in the database, which the
//! callback uses up. Server-side rather than a signed cookie because single use needs a record
//! of use, and every node of a cluster sees the same database. Every refusal lands on the
//! sign-in page with a sentence and a 4xx (503 when the provider cannot be reached), and an
//! audit entry.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use portico_content::SiteId;
use portico_oidc::{OidcError, Pkce, SignIn};
use portico_store::{Actor, NewSession, NewSsoLogin, ProviderSignIn, SessionStage, SsoOutcome, SsoTokens};
use serde::Deserialize;

use super::login::{render_page, safe_next};
use crate::session as auth;
use crate::{App, WebError};

/// Where the provider sends the browser back; register `{public URL}/admin/login/sso/callback`.
pub const CALLBACK_PATH: &str = "/admin/login/sso/callback";
/// The cookie that carries `state` to the provider and back.
const STATE_COOKIE: &str = "portico_sso";
/// How long a sign-in may stay at the provider.
const PENDING_LIFETIME: time::Duration = time::Duration::minutes(10);

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /admin/login/sso`: sends the browser to the provider.
pub async fn start(
    State(app): State<App>,
    headers: HeaderMap,
    uri: Uri,
    auth::ClientAddr(client): auth::ClientAddr,
    Query(query): Query<StartQuery>,
) -> Result<Response, WebError> {
    let Some(provider) = app.sso() else { return Err(WebError::NotFound) };
    let next = safe_next(query.next.as_deref().unwrap_or("/admin"));
    let random = |e: OidcError| WebError::Internal(e.to_string());
    let state = portico_oidc::random_string().map_err(random)?;
    let nonce = portico_oidc::random_string().map_err(random)?;
    let pkce = Pkce::new().map_err(random)?;
    let redirect_uri = format!("{}{CALLBACK_PATH}", crate::http::request_origin(&headers, &uri));
    let url = match provider.authorization_url(&redirect_uri, &state, &nonce, &pkce.challenge).await {
        Ok(url) => url,
        Err(err) => return refuse(&app, &headers, &client, None, "", err_kind(&err), &err.to_string()).await,
    };
    let state_hash = auth::token_hash(&state);
    app.store()
        .begin_sso_login(&NewSsoLogin {
            state_hash: &state_hash,
            nonce: &nonce,
            verifier: &pkce.verifier,
            redirect_uri: &redirect_uri,
            next,
            expires_at: portico_store::now() + PENDING_LIFETIME,
        })
        .await?;
    let mut response = Redirect::to(&url).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, auth::set_cookie(&headers, STATE_COOKIE, &state, PENDING_LIFETIME));
    Ok(response)
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

/// Why a sign-in through the provider was refused: the message shown and the status.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    /// The state is not this browser's, or its sign-in was used or expired.
    State,
    /// The provider said no (the person cancelled, or the code was refused).
    Provider,
    /// The ID token failed a check.
    Token,
    /// The provider could not be reached.
    Unreachable,
    /// No group of the person's gives a role.
    NoRole,
    /// The Portico user is disabled.
    Disabled,
    /// No email, or an email a local account holds unverified.
    Email,
}

impl Refusal {
    fn key_and_status(self) -> (&'static str, StatusCode) {
        match self {
            Refusal::State => ("error-sso-state", StatusCode::BAD_REQUEST),
            Refusal::Provider => ("error-sso-refused", StatusCode::UNAUTHORIZED),
            Refusal::Token => ("error-sso-token", StatusCode::UNAUTHORIZED),
            Refusal::Unreachable => ("error-sso-unreachable", StatusCode::SERVICE_UNAVAILABLE),
            Refusal::NoRole => ("error-sso-no-role", StatusCode::FORBIDDEN),
            Refusal::Disabled => ("error-sso-disabled", StatusCode::FORBIDDEN),
            Refusal::Email => ("error-sso-email", StatusCode::CONFLICT),
        }
    }
}

fn err_kind(err: &OidcError) -> Refusal {
    match err {
        OidcError::Unreachable(_) | OidcError::Random(_) => Refusal::Unreachable,
        OidcError::Refused(_) => Refusal::Provider,
        OidcError::InvalidToken(_) => Refusal::Token,
    }
}

/// The sign-in page with the refusal's sentence, after its audit entry (`login.sso.refused`,
/// with what went wrong) is written with the end of the pending sign-in.
async fn refuse(
    app: &App,
    headers: &HeaderMap,
    client: &str,
    state_hash: Option<&str>,
    who: &str,
    refusal: Refusal,
    detail: &str,
) -> Result<Response, WebError> {
    tracing::info!(refusal = ?refusal, detail, "single sign-on refused");
    let audit =
        Actor::unknown(who, client).doing("login.sso.refused").with_detail(format!("{refusal:?}: {detail}"));
    app.store().refuse_sso_login(state_hash, &audit).await?;
    let (key, status) = refusal.key_and_status();
    let i18n = app.i18n();
    let lang = crate::i18n::from_headers(headers, &i18n);
    let provider = app.sso().map(|p| p.config().display_name.clone()).unwrap_or_default();
    let message = i18n.t1(lang, key, "provider", provider);
    let mut response = render_page(app, headers, status, "/admin", "", Some(message), None)?;
    // A state that was not this browser's leaves the browser's own sign-in alone: a forged
    // link must not cut it short.
    if state_hash.is_some() {
        let forget = auth::set_cookie(headers, STATE_COOKIE, "", time::Duration::ZERO);
        response.headers_mut().append(header::SET_COOKIE, forget);
    }
    Ok(response)
}

/// `GET /admin/login/sso/callback`: finishes the sign-in the provider sends back.
pub async fn callback(
    State(app): State<App>,
    headers: HeaderMap,
    auth::ClientAddr(client): auth::ClientAddr,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, WebError> {
    let Some(provider) = app.sso() else { return Err(WebError::NotFound) };
    let state = query.state.as_deref().unwrap_or("");
    let ours = crate::http::cookie(&headers, STATE_COOKIE).unwrap_or("");
    if state.is_empty() || ours.is_empty() || !auth::same_secret(state, ours) {
        return refuse(&app, &headers, &client, None, "", Refusal::State, "the state is not this browser's")
            .await;
    }
    let state_hash = auth::token_hash(state);
    let Some(pending) = app.store().pending_sso_login(&state_hash).await? else {
        return refuse(
            &app,
            &headers,
            &client,
            None,
            "",
            Refusal::State,
            "no pending sign-in: used or expired",
        )
        .await;
    };
    let hash = Some(state_hash.as_str());
    // RFC 9207: a provider that names itself in the response must be ours (no mix-up).
    if query.iss.as_ref().is_some_and(|iss| *iss != provider.config().issuer) {
        return refuse(
            &app,
            &headers,
            &client,
            hash,
            "",
            Refusal::Provider,
            "the response names another issuer",
        )
        .await;
    }
    if let Some(error) = &query.error {
        let detail: String = error.chars().take(100).collect();
        return refuse(&app, &headers, &client, hash, "", Refusal::Provider, &detail).await;
    }
    let code = query.code.as_deref().unwrap_or("");
    let SignIn { identity, tokens } = match provider
        .exchange(code, &pending.verifier, &pending.redirect_uri, &pending.nonce)
        .await
    {
        Ok(signed) => signed,
        Err(err) => return refuse(&app, &headers, &client, hash, "", err_kind(&err), &err.to_string()).await,
    };
    let who = identity.email.clone().unwrap_or_else(|| identity.subject.clone());
    let Some(grant) = provider.config().grant_for(&identity.groups) else {
        let detail = format!("groups {:?} give no role", identity.groups);
        return refuse(&app, &headers, &client, hash, &who, Refusal::NoRole, &detail).await;
    };
    let sites: Vec<SiteId> =
        grant.sites.iter().filter_map(|key| app.site_by_key(key)).map(|s| s.id).collect();
    let token = auth::random_token()?;
    let csrf = auth::random_token()?;
    let token_hash = auth::token_hash(&token);
    let session = NewSession {
        token_hash: &token_hash,
        user: portico_content::UserId(0),
        csrf_token: &csrf,
        expires_at: portico_store::now() + auth::SESSION_LIFETIME,
        client: &client,
        stage: SessionStage::Full,
    };
    let kept = SsoTokens {
        refresh_token: tokens.refresh_token,
        access_token: tokens.access_token,
        id_token: tokens.id_token,
    };
    let person = ProviderSignIn {
        state_hash: &state_hash,
        issuer: &identity.issuer,
        subject: &identity.subject,
        email: identity.email.as_deref(),
        email_verified: identity.email_verified,
        name: &identity.name,
        role: grant.role,
        sites: &sites,
        tokens: &kept,
    };
    let granted = format!(
        "{} on {}",
        grant.role,
        if grant.sites.is_empty() { "every site".to_owned() } else { grant.sites.join(", ") }
    );
    let actor = Actor::unknown(&who, &client);
    let provision = actor.doing("user.provision").with_detail(format!("from {}: {granted}", identity.issuer));
    let login = actor.doing("login.sso").with_detail(granted);
    let outcome = app.store().sign_in_with_provider(&person, &session, &provision, &login).await?;
    let refusal = match outcome {
        SsoOutcome::SignedIn { .. } => None,
        SsoOutcome::Replayed => Some((Refusal::State, "the pending sign-in was used meanwhile")),
        SsoOutcome::Disabled => Some((Refusal::Disabled, "the user is disabled in Portico")),
        SsoOutcome::NoEmail => Some((Refusal::Email, "the provider gave no email")),
        SsoOutcome::EmailTaken => {
            Some((Refusal::Email, "a local user has this email, unverified by the provider"))
        }
    };
    if let Some((refusal, detail)) = refusal {
        return refuse(&app, &headers, &client, hash, &who, refusal, detail).await;
    }
    let next = safe_next(&pending.next).to_owned();
    let mut response = Redirect::to(&next).into_response();
    let name = auth::session_cookie_name(&headers);
    let cookies = response.headers_mut();
    cookies.append(header::SET_COOKIE, auth::set_cookie(&headers, name, &token, auth::SESSION_LIFETIME));
    cookies.append(header::SET_COOKIE, auth::set_cookie(&headers, STATE_COOKIE, "", time::Duration::ZERO));
    Ok(response)
}
