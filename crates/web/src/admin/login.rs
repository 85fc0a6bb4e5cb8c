//! Signing in and out.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde::Deserialize;

use super::{FormData, admin_page_with_status, notice_in};
use crate::session as auth;
use crate::{App, WebError};
use portico_store::{Actor, NewSession, SessionStage};

/// Where the single sign-on button leads (`sso::start`).
const SSO_START_PATH: &str = "/admin/login/sso";

/// The cookie that carries the login form's CSRF token before any session exists.
const LOGIN_CSRF_COOKIE: &str = "portico_login";

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    notice: Option<String>,
}

/// Only back-office paths are valid places to return to: no open redirect.
pub(super) fn safe_next(next: &str) -> &str {
    if next.starts_with("/admin") && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/admin"
    }
}

/// The login form; `error` is the Fluent key of what went wrong, `notice` a notice code.
fn render(
    app: &App,
    headers: &HeaderMap,
    status: StatusCode,
    next: &str,
    email: &str,
    error: Option<&str>,
    notice: Option<&str>,
) -> Result<Response, WebError> {
    let lang = crate::i18n::from_headers(headers, &app.i18n());
    let error = error.map(|key| app.i18n().t(lang, key, None));
    render_page(app, headers, status, next, email, error, notice)
}

/// The login form with `error` already in the visitor's language: also the page a refused
/// single sign-on lands on. With single sign-on it offers the provider's button, and only
/// that when passwords are off.
pub(super) fn render_page(
    app: &App,
    headers: &HeaderMap,
    status: StatusCode,
    next: &str,
    email: &str,
    error: Option<String>,
    notice: Option<&str>,
) -> Result<Response, WebError> {
    let csrf = auth::random_token()?;
    // Nobody is signed in yet: the page speaks the browser's language (or a remembered choice).
    let i18n = app.i18n();
    let lang = crate::i18n::from_headers(headers, &i18n);
    let notice = notice_in(&i18n, lang, notice);
    let layout = context! { lang, dir => crate::i18n::I18n::direction(lang) };
    let sso = app.sso().map(|provider| {
        context! {
            label => i18n.t1(lang, "admin-sign-in-with", "provider", provider.config().display_name.clone()),
            href => format!("{}?next={}", SSO_START_PATH, crate::http::percent_encode(next)),
            only => provider.config().sso_only,
        }
    });
    let mut response = admin_page_with_status(
        app,
        headers,
        status,
        "admin/login.html",
        context! {
            layout, csrf, next, email, error, notice, sso,
            css_version => app.theme().admin_css_version.clone(),
        },
    )?;
    let cookie = auth::set_cookie(headers, LOGIN_CSRF_COOKIE, &csrf, time::Duration::hours(2));
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

/// `GET /admin/login`.
pub async fn form(
    State(app): State<App>,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> Result<Response, WebError> {
    let next = safe_next(query.next.as_deref().unwrap_or("/admin"));
    render(&app, &headers, StatusCode::OK, next, "", None, query.notice.as_deref())
}

/// `POST /admin/login`: checks the password (Argon2id, off the async threads), with a
/// growing back-off per client address and per (account, address), a bounded delay on an
/// account under attack, and a notice to its owner; every failure is audited.
pub async fn submit(
    State(app): State<App>,
    headers: HeaderMap,
    auth::ClientAddr(client): auth::ClientAddr,
    form: FormData,
) -> Result<Response, WebError> {
    let email = form.get("email").trim().to_lowercase();
    let password = form.get("password").to_owned();
    let next = safe_next(form.get("next")).to_owned();
    let expected = crate::http::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    if expected.is_empty() || !auth::same_secret(expected, form.get("_csrf")) {
        return Err(WebError::CsrfRejected);
    }
    // Refused here, not only left off the form: with single sign-on only, no password opens
    // the back office, whatever is posted.
    if app.sso_only() {
        let error = "error-login-sso-only";
        return render(&app, &headers, StatusCode::FORBIDDEN, &next, "", Some(error), None);
    }
    if email.is_empty() || password.is_empty() || email.len() > 320 || password.len() > 1024 {
        let error = "error-login-empty";
        return render(&app, &headers, StatusCode::UNPROCESSABLE_ENTITY, &next, &email, Some(error), None);
    }

    let store = app.store();
    let now = portico_store::now();
    let window = now - time::Duration::hours(1);
    let failures = store.login_failures(&email, &client, window).await?;
    // Refused before the password is checked: this address, and this address on this account.
    // Never the account from everywhere, or anyone could lock its owner out.
    let wait = [
        auth::backoff_remaining(
            failures.by_client.0,
            auth::FREE_FAILURES_PER_CLIENT,
            failures.by_client.1,
            now,
        ),
        auth::backoff_remaining(failures.by_pair.0, auth::FREE_FAILURES_PER_PAIR, failures.by_pair.1, now),
    ]
    .into_iter()
    .flatten()
    .max();
    if let Some(wait) = wait {
        return Err(WebError::TooManyRequests { retry_after: wait.whole_seconds().max(1) });
    }
    // An account under attack from elsewhere slows every attempt on it, by a bounded delay.
    let (account_failures, account_last) = failures.by_account;
    if let Some(delay) =
        auth::backoff_remaining(account_failures, auth::FREE_FAILURES_PER_PAIR, account_last, now)
    {
        let delay = delay.min(auth::ACCOUNT_DELAY_CAP).unsigned_abs();
        tokio::time::sleep(delay).await;
    }

    let account = store.user_for_login(&email).await?;
    let hash = match &account {
        Some((_, hash)) => hash.clone(),
        None => app.decoy_hash().await?,
    };
    let valid = auth::verify_password(password, hash).await? && account.is_some();
    let owner = account.as_ref().map(|(user, _)| user.id);
    let Some((user, _)) = account.filter(|_| valid) else {
        let failed = Actor::unknown(&email, &client).doing("login.failed");
        // Once per burst, when the account starts backing off: its owner sees it in the
        // audit log and at their next sign-in.
        let attacked = owner.filter(|_| account_failures + 1 == auth::FREE_FAILURES_PER_PAIR).map(|owner| {
            let detail = format!("{} failed sign-ins within an hour", account_failures + 1);
            (owner, Actor::person(owner, &email, &client).doing("login.attacked").with_detail(detail))
        });
        let attacked = attacked.as_ref().map(|(owner, audit)| (*owner, audit));
        store.record_login_failure(&email, &client, &failed, attacked).await?;
        let error = "error-login-wrong";
        return render(&app, &headers, StatusCode::UNAUTHORIZED, &next, &email, Some(error), None);
    };

    // The password alone opens the back office only to those who have no second factor and
    // whose role does not require one.
    let enrolled = store.totp(user.id).await?.is_some_and(|e| e.confirmed_at.is_some());
    let must_enrol = !enrolled && store.two_factor_roles().await?.contains(&user.role);
    let (stage, lifetime, action) = if enrolled {
        (SessionStage::Code, auth::CODE_STEP_LIFETIME, "login.password")
    } else if must_enrol {
        (SessionStage::Enrol, auth::ENROL_LIFETIME, "login.enrol")
    } else {
        (SessionStage::Full, auth::SESSION_LIFETIME, "login")
    };
    let token = auth::random_token()?;
    let csrf = auth::random_token()?;
    let token_hash = auth::token_hash(&token);
    let session = NewSession {
        token_hash: &token_hash,
        user: user.id,
        csrf_token: &csrf,
        expires_at: now + lifetime,
        client: &client,
        stage,
    };
    let missed = store.sign_in(&session, &Actor::person(user.id, &user.email, &client).doing(action)).await?;
    // Failed attempts since the last sign-in: the owner is told, where they can change it.
    let next = if missed > 0 { "/admin/account?notice=failed_logins".to_owned() } else { next };
    let target = match stage {
        SessionStage::Code => format!("{}?next={}", auth::CODE_STEP_PATH, crate::http::percent_encode(&next)),
        SessionStage::Enrol => auth::ENROL_PATH.to_owned(),
        SessionStage::Full => next,
    };
    let mut response = Redirect::to(&target).into_response();
    let name = auth::session_cookie_name(&headers);
    response.headers_mut().append(header::SET_COOKIE, auth::set_cookie(&headers, name, &token, lifetime));
    response
        .headers_mut()
        .append(header::SET_COOKIE, auth::set_cookie(&headers, LOGIN_CSRF_COOKIE, "", time::Duration::ZERO));
    Ok(response)
}

/// `POST /admin/logout`: ends the session in the database, not just in the browser; a half
/// session (waiting for a code or for enrolment) may sign out too.
pub async fn logout(
    State(app): State<App>,
    headers: HeaderMap,
    auth::AnySession(user): auth::AnySession,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let id_token = match app.sso() {
        Some(_) => app.store().sso_id_token(&user.session_hash).await?,
        None => None,
    };
    app.store().delete_session(&user.session_hash, &user.doing("logout")).await?;
    let signed_out = "/admin/login?notice=loggedout";
    // A session the provider opened ends there too, when it offers RP-initiated logout; the
    // provider sends the browser back to our signed-out page.
    let mut target = signed_out.to_owned();
    if let (Some(provider), Some(id_token)) = (app.sso(), id_token) {
        let back = format!(
            "{}{signed_out}",
            crate::http::request_origin(&headers, &axum::http::Uri::from_static("/"))
        );
        if let Some(url) = provider.end_session_url(Some(&id_token), &back).await {
            target = url;
        }
    }
    let mut response = Redirect::to(&target).into_response();
    let name = auth::session_cookie_name(&headers);
    response
        .headers_mut()
        .append(header::SET_COOKIE, auth::set_cookie(&headers, name, "", time::Duration::ZERO));
    Ok(response)
}
