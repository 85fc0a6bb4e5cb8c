//! Who is asking: sessions for people in the back office, bearer tokens for the API, and the
//! checks around them (password hashing, login back-off, CSRF, the client's address).
//!
//! Never log a password, a token or a session id; only their owner's email.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use portico_content::{Action, SiteId};
use portico_store::{SessionStage, User};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::{App, WebError};

/// The session cookie's name over plain HTTP (development, tests).
pub const COOKIE: &str = "portico_session";
/// The session cookie's name behind HTTPS: the `__Host-` prefix pins it to this host and path.
pub const SECURE_COOKIE: &str = "__Host-portico_session";
/// How long a session lasts.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);
/// How long a session waits at the second step for a code.
pub const CODE_STEP_LIFETIME: Duration = Duration::minutes(10);
/// How long a session that must enrol may take to do so.
pub const ENROL_LIFETIME: Duration = Duration::hours(1);
/// Where a half session types its code.
pub const CODE_STEP_PATH: &str = "/admin/login/code";
/// Where a session whose role requires two-factor sign-in enrols.
pub const ENROL_PATH: &str = "/admin/account/two-factor";
/// Shortest password we accept.
pub const MIN_PASSWORD: usize = 12;

/// A fresh random secret: 32 bytes as 64 hex digits.
pub fn random_token() -> Result<String, WebError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| WebError::Internal(format!("random source: {e}")))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a session or API token: its SHA-256, so a leaked table opens nothing.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Compares secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Hashes a password with Argon2id on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, WebError> {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHasher, SaltString};
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| format!("random source: {e}"))?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| WebError::Internal(format!("hashing task: {e}")))?
    .map_err(WebError::Internal)
}

/// Checks a password against an Argon2id hash on a blocking thread.
pub async fn verify_password(password: String, hash: String) -> Result<bool, WebError> {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHash, PasswordVerifier};
        PasswordHash::new(&hash)
            .map(|parsed| argon2::Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .map_err(|e| WebError::Internal(format!("hashing task: {e}")))
}

/// A hash of nothing in particular, checked when the email is unknown so that a failed
/// login takes as long whether or not the account exists.
pub const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0dq0lHuB8T5fXxbxE3ovsm3A9mV0g7kN6cc2dLp2ZgA";

/// The client's address as the server saw it.
pub fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_default()
}

/// The client's address, as an extractor.
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_address(parts)))
    }
}

/// Whether the request came in over HTTPS (directly or through a proxy that says so).
pub fn is_https(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https")
}

use crate::http::cookie;

/// `Set-Cookie` for a cookie only the server reads.
pub fn set_cookie(headers: &HeaderMap, name: &str, value: &str, max_age: Duration) -> HeaderValue {
    let secure = if is_https(headers) { "; Secure" } else { "" };
    let cookie = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        max_age.whole_seconds().max(0)
    );
    // Names and values are our own hex tokens: always a valid header.
    HeaderValue::from_str(&cookie).unwrap_or(HeaderValue::from_static("portico_session=; Max-Age=0"))
}

/// The session cookie's name for this request.
pub fn session_cookie_name(headers: &HeaderMap) -> &'static str {
    if is_https(headers) { SECURE_COOKIE } else { COOKIE }
}

/// Failures in an hour on one account from one address before that pair backs off.
pub const FREE_FAILURES_PER_PAIR: i64 = 3;
/// Failures in an hour from one address, on any accounts, before that address backs off:
/// more than for a pair, since an office behind one address has many people.
pub const FREE_FAILURES_PER_CLIENT: i64 = 10;
/// The longest a sign-in waits because its account is under attack from elsewhere: the
/// attack slows the owner down a little but never locks them out.
pub const ACCOUNT_DELAY_CAP: Duration = Duration::seconds(2);

/// Growing back-off after failed logins: nothing for the first `free` failures in an hour,
/// then 2, 4, 8 … seconds, at most 15 minutes. Returns how long the caller must still wait.
pub fn backoff_remaining(
    failures: i64,
    free: i64,
    last: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Option<Duration> {
    let last = last?;
    if failures < free {
        return None;
    }
    let exponent = u32::try_from(failures - free + 1).unwrap_or(u32::MAX).min(10);
    let wait = Duration::seconds(2i64.pow(exponent).min(900));
    let remaining = last + wait - now;
    remaining.is_positive().then_some(remaining)
}

/// A signed-in person in the back office.
#[derive(Debug, Clone)]
pub struct Signed {
    /// Who.
    pub user: User,
    /// The token every form must carry back.
    pub csrf: String,
    /// The stored form of their session token.
    pub session_hash: String,
    /// Where they are.
    pub client: String,
    /// The back office's language for them; see [`crate::admin::language`].
    pub lang: &'static str,
    /// The interface's strings.
    pub i18n: std::sync::Arc<crate::i18n::I18n>,
    /// How far the session has come. The `Signed` extractor lets only full sessions through;
    /// [`Enrolling`], [`AwaitingCode`] and [`AnySession`] let the others reach their pages.
    pub stage: SessionStage,
}

impl Signed {
    /// An interface string in their language.
    pub fn t(&self, key: &str) -> String {
        self.i18n.t(self.lang, key, None)
    }

    /// An interface string with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Into<fluent_bundle::FluentValue<'static>>) -> String {
        self.i18n.t1(self.lang, key, name, value)
    }

    /// A moment in UTC as their language writes it: "28 November 2026, 14:05 UTC".
    pub fn time(&self, at: OffsetDateTime) -> String {
        let at = at.to_offset(time::UtcOffset::UTC);
        let clock = self.i18n.digits(self.lang, &format!("{:02}:{:02}", at.hour(), at.minute()));
        self.t_with("date-time", &[("date", self.i18n.date(self.lang, at).into()), ("time", clock.into())])
    }

    /// An interface string with several arguments.
    pub fn t_with<'a>(&self, key: &str, args: &[(&'a str, fluent_bundle::FluentValue<'a>)]) -> String {
        self.i18n.with(self.lang, key, args)
    }

    /// Whether they may do `action` on `site`.
    pub fn may(&self, action: Action, site: SiteId) -> bool {
        portico_content::access::may(self.user.role, &self.user.sites, action, site)
    }

    /// `Forbidden` unless they may do `action` on `site`.
    pub fn require(&self, action: Action, site: SiteId) -> Result<(), WebError> {
        if self.may(action, site) { Ok(()) } else { Err(WebError::Forbidden) }
    }

    /// The sites they act on: `None` for all (admins).
    pub fn site_scope(&self) -> Option<&[SiteId]> {
        (self.user.role != portico_content::Role::Admin).then_some(&self.user.sites[..])
    }

    /// Checks a submitted form's CSRF token.
    pub fn check_csrf(&self, submitted: Option<&str>) -> Result<(), WebError> {
        match submitted {
            Some(token) if same_secret(token, &self.csrf) => Ok(()),
            _ => Err(WebError::CsrfRejected),
        }
    }
}

/// The session the request's cookie names, at whatever stage.
async fn any_session(parts: &Parts, app: &App) -> Result<Signed, WebError> {
    let name = session_cookie_name(&parts.headers);
    let login = || {
        let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/admin");
        WebError::LoginRequired { next: next.to_owned() }
    };
    let Some(token) = cookie(&parts.headers, name) else { return Err(login()) };
    let session_hash = token_hash(token);
    let Some(session) = app.store().session(&session_hash).await? else { return Err(login()) };
    if let Some(checked_at) = session.sso_checked_at
        && !crate::sso_check::session_may_go_on(app, &session_hash, checked_at, &session.user).await?
    {
        return Err(login());
    }
    crate::request_log::note_user(&parts.extensions, session.user.id);
    Ok(Signed {
        user: session.user,
        csrf: session.csrf_token,
        session_hash,
        client: client_address(parts),
        lang: crate::i18n::from_headers(&parts.headers, &app.i18n()),
        i18n: app.i18n(),
        stage: session.stage,
    })
}

/// Where a session at `stage` must go before it may do anything else.
fn step_for(stage: SessionStage, parts: &Parts) -> WebError {
    match stage {
        SessionStage::Code => {
            let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/admin");
            WebError::StepRequired {
                path: format!("{CODE_STEP_PATH}?next={}", crate::http::percent_encode(next)),
            }
        }
        SessionStage::Enrol | SessionStage::Full => WebError::StepRequired { path: ENROL_PATH.into() },
    }
}

impl FromRequestParts<App> for Signed {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let signed = any_session(parts, app).await?;
        match signed.stage {
            SessionStage::Full => Ok(signed),
            other => Err(step_for(other, parts)),
        }
    }
}

/// A full session, or one that must enrol in two-factor sign-in before anything else: for
/// the enrolment pages.
pub struct Enrolling(pub Signed);

impl FromRequestParts<App> for Enrolling {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let signed = any_session(parts, app).await?;
        match signed.stage {
            SessionStage::Full | SessionStage::Enrol => Ok(Enrolling(signed)),
            SessionStage::Code => Err(step_for(SessionStage::Code, parts)),
        }
    }
}

/// A session whose password passed and which waits for a code: for the second step's page.
pub struct AwaitingCode(pub Signed);

impl FromRequestParts<App> for AwaitingCode {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let signed = any_session(parts, app).await?;
        match signed.stage {
            SessionStage::Code => Ok(AwaitingCode(signed)),
            SessionStage::Enrol => Err(step_for(SessionStage::Enrol, parts)),
            SessionStage::Full => Err(WebError::StepRequired { path: "/admin".into() }),
        }
    }
}

/// A session at any stage: for signing out, which every session may do.
pub struct AnySession(pub Signed);

impl FromRequestParts<App> for AnySession {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        any_session(parts, app).await.map(AnySession)
    }
}

/// A caller of the JSON API, by bearer token.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// Whose token.
    pub user: User,
    /// Where they are.
    pub client: String,
    /// The interface's strings (the API answers in English).
    i18n: std::sync::Arc<crate::i18n::I18n>,
}

impl ApiCaller {
    /// As a [`Signed`] user, for the shared permission and audit helpers; its messages are
    /// in English, the API's language.
    pub fn as_signed(&self) -> Signed {
        Signed {
            user: self.user.clone(),
            csrf: String::new(),
            session_hash: String::new(),
            client: self.client.clone(),
            lang: "en",
            i18n: self.i18n.clone(),
            stage: SessionStage::Full,
        }
    }
}

impl FromRequestParts<App> for ApiCaller {
    type Rejection = crate::api_error::ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(crate::api_error::ApiError::unauthorized)?;
        let user = app
            .store()
            .api_token_user(&token_hash(token))
            .await
            .map_err(|e| crate::api_error::ApiError::from(WebError::from(e)))?
            .ok_or_else(crate::api_error::ApiError::unauthorized)?;
        crate::request_log::note_user(&parts.extensions, user.id);
        Ok(ApiCaller { user, client: client_address(parts), i18n: app.i18n() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_expires() {
        let now = time::macros::datetime!(2026-01-01 12:00 UTC);
        assert_eq!(backoff_remaining(2, 3, Some(now), now), None);
        assert_eq!(backoff_remaining(3, 3, Some(now), now), Some(Duration::seconds(2)));
        assert_eq!(backoff_remaining(5, 3, Some(now), now), Some(Duration::seconds(8)));
        assert_eq!(backoff_remaining(40, 3, Some(now), now), Some(Duration::seconds(900)));
        assert_eq!(backoff_remaining(5, 3, Some(now - Duration::seconds(9)), now), None);
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
    }

    #[test]
    fn cookies_are_found_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; portico_session=xyz; b=2"));
        assert_eq!(cookie(&headers, COOKIE), Some("xyz"));
        assert_eq!(cookie(&headers, "c"), None);
    }

    #[tokio::test]
    async fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), hash.clone()).await.expect("verify"));
        assert!(!verify_password("wrong".into(), hash).await.expect("verify"));
        assert!(!verify_password("x".into(), DECOY_HASH.into()).await.expect("decoy"));
    }
}
