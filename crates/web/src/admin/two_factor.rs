//! Two-factor sign-in in the back office: the second step after the password, enrolment from
//! one's own account (QR code, secret, recovery codes), and the admin's part (roles that must
//! use it, resetting a user's).
//!
//! Never log or audit a secret, a code or a recovery code; the audit says only what happened.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use portico_content::{Action, Role, UserId};
use portico_store::{Promotion, SessionStage, TotpSecret};
use serde::Deserialize;

use super::{AdminLayout, FormData, admin_page_with_status, notice, see_other, totp};
use crate::session::{self as auth, AwaitingCode, Enrolling, Signed};
use crate::{App, WebError};

/// Wrong codes in an hour, per account, before the second step backs off. Whoever gets this
/// far has the password, so the back-off follows the account, from every address: with three
/// codes valid at a time, at most a handful of guesses an hour after the first five.
pub const FREE_CODE_FAILURES: i64 = 5;

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// The second step's page, standing alone like the login form (no navigation: the session
/// opens nothing yet).
fn render_code(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    next: &str,
    error: Option<&str>,
) -> Result<Response, WebError> {
    let layout = context! { lang => user.lang, dir => crate::i18n::I18n::direction(user.lang) };
    let error = error.map(|key| user.t(key));
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/login_code.html",
        context! {
            layout, next, error, csrf => user.csrf.clone(), email => user.user.email.clone(),
            css_version => app.theme().admin_css_version.clone(),
        },
    )
}

/// `GET /admin/login/code`.
pub async fn code_form(
    State(app): State<App>,
    headers: HeaderMap,
    AwaitingCode(user): AwaitingCode,
    Query(query): Query<NextQuery>,
) -> Result<Response, WebError> {
    let next = super::login::safe_next(query.next.as_deref().unwrap_or("/admin"));
    render_code(&app, &headers, &user, StatusCode::OK, next, None)
}

/// `POST /admin/login/code`: a current code from the app, or an unused recovery code. Wrong
/// and replayed codes count towards the account's back-off; a right one turns the half
/// session into a full one under a new token.
pub async fn code_submit(
    State(app): State<App>,
    headers: HeaderMap,
    AwaitingCode(user): AwaitingCode,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let next = super::login::safe_next(form.get("next")).to_owned();
    let store = app.store();
    let now = portico_store::now();
    let (failures, last) = store.second_factor_failures(user.user.id, now - time::Duration::hours(1)).await?;
    if let Some(wait) = auth::backoff_remaining(failures, FREE_CODE_FAILURES, last, now) {
        return Err(WebError::TooManyRequests { retry_after: wait.whole_seconds().max(1) });
    }
    let input = form.get("code");
    if input.trim().is_empty() || input.len() > 64 {
        return render_code(
            &app,
            &headers,
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            &next,
            Some("error-code-empty"),
        );
    }
    // An admin may have reset the second factor meanwhile; that ended this session too.
    let Some(enrolment) = store.totp(user.user.id).await?.filter(|e| e.confirmed_at.is_some()) else {
        return Err(WebError::LoginRequired { next });
    };

    let mut refusal = "error-code-wrong";
    let mut with_recovery = false;
    let accepted = if let Some(code) = totp::typed_code(input) {
        match totp::matching_step(&enrolment.secret.0, &code, now.unix_timestamp()) {
            Some(step) if store.use_totp_step(user.user.id, step).await? => true,
            Some(_) => {
                refusal = "error-code-used";
                false
            }
            None => false,
        }
    } else if let Some(hash) = totp::recovery_hash(input) {
        with_recovery = true;
        store.use_recovery_code(user.user.id, &hash).await?
    } else {
        false
    };
    if !accepted {
        let detail = if with_recovery { "recovery code" } else { "" };
        let audit = user.doing("login.code.failed").with_detail(detail);
        store.record_second_factor_failure(user.user.id, &user.client, &audit).await?;
        return render_code(&app, &headers, &user, StatusCode::UNAUTHORIZED, &next, Some(refusal));
    }

    store.clear_second_factor_failures(user.user.id).await?;
    let token = auth::random_token()?;
    let promotion = Promotion {
        from_hash: &user.session_hash,
        from_stage: SessionStage::Code,
        to_hash: &auth::token_hash(&token),
        expires_at: now + auth::SESSION_LIFETIME,
    };
    let detail = if with_recovery { "with a recovery code" } else { "with a code" };
    if !store.promote_session(promotion, &user.doing("login").with_detail(detail)).await? {
        return Err(WebError::LoginRequired { next });
    }
    // Someone who needed a recovery code may have lost their phone: show them how many remain.
    let next = if with_recovery { format!("{}?notice=recovery_used", auth::ENROL_PATH) } else { next };
    let mut response = Redirect::to(&next).into_response();
    let name = auth::session_cookie_name(&headers);
    response
        .headers_mut()
        .append(header::SET_COOKIE, auth::set_cookie(&headers, name, &token, auth::SESSION_LIFETIME));
    Ok(response)
}

/// The enrolment page in each of its states: not set up, pending (QR code and secret), on,
/// and just switched on (the recovery codes, shown this once).
async fn render_enrolment(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
    recovery_codes: Option<Vec<String>>,
) -> Result<Response, WebError> {
    let store = app.store();
    let enrolment = store.totp(user.user.id).await?;
    let required = store.two_factor_roles().await?.contains(&user.user.role);
    let (state, on_since, pending) = match &enrolment {
        Some(e) => match e.confirmed_at {
            Some(at) => ("on", Some(user.time(at)), None),
            None => {
                let issuer = app.sites().first().map(|s| s.name.clone()).unwrap_or_else(|| "Portico".into());
                let uri = totp::otpauth_uri(&issuer, &user.user.email, &e.secret.0);
                let qr = minijinja::Value::from_safe_string(totp::qr_svg(&uri)?);
                let secret = totp::base32_for_people(&e.secret.0);
                ("pending", None, Some(context! { qr, secret }))
            }
        },
        None => ("off", None, None),
    };
    let recovery_left = if state == "on" { store.recovery_codes_left(user.user.id).await? } else { 0 };
    let layout =
        AdminLayout::new(app, user, &user.t("admin-title-two-factor"), "/admin/account").with_notice(notice);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/two_factor.html",
        context! {
            layout, state, on_since, pending, error, recovery_codes, recovery_left, required,
            must_enrol => user.stage == SessionStage::Enrol,
        },
    )
}

/// `GET /admin/account/two-factor`.
pub async fn enrolment(
    State(app): State<App>,
    headers: HeaderMap,
    Enrolling(user): Enrolling,
    Query(query): Query<super::documents::NoticeQuery>,
) -> Result<Response, WebError> {
    let notice = notice(&user, query.notice.as_deref());
    render_enrolment(&app, &headers, &user, StatusCode::OK, notice, None, None).await
}

/// `POST /admin/account/two-factor/start`: a new pending secret (replacing an unconfirmed
/// one, never a confirmed one).
pub async fn start(
    State(app): State<App>,
    Enrolling(user): Enrolling,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let secret = TotpSecret(totp::new_secret()?);
    if !app.store().begin_totp(user.user.id, &secret).await? {
        return Err(WebError::BadRequest(user.t("error-two-factor-already-on")));
    }
    Ok(Redirect::to(auth::ENROL_PATH).into_response())
}

/// `POST /admin/account/two-factor/confirm`: a current code from the new secret switches it
/// on, makes ten recovery codes (shown once) and, for a session that had to enrol, opens the
/// back office under a new session token.
pub async fn confirm(
    State(app): State<App>,
    headers: HeaderMap,
    Enrolling(user): Enrolling,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let store = app.store();
    let Some(enrolment) = store.totp(user.user.id).await? else {
        return Err(WebError::BadRequest(user.t("error-two-factor-not-started")));
    };
    if enrolment.confirmed_at.is_some() {
        return Err(WebError::BadRequest(user.t("error-two-factor-already-on")));
    }
    let now = portico_store::now();
    let step = totp::typed_code(form.get("code"))
        .and_then(|code| totp::matching_step(&enrolment.secret.0, &code, now.unix_timestamp()));
    let Some(step) = step else {
        let error = Some(user.t("error-code-enrol"));
        return render_enrolment(&app, &headers, &user, StatusCode::UNPROCESSABLE_ENTITY, None, error, None)
            .await;
    };
    let codes = totp::new_recovery_codes()?;
    let hashes: Vec<String> = codes.iter().filter_map(|c| totp::recovery_hash(c)).collect();
    let token = auth::random_token()?;
    let token_hash = auth::token_hash(&token);
    let promotion = (user.stage == SessionStage::Enrol).then(|| Promotion {
        from_hash: &user.session_hash,
        from_stage: SessionStage::Enrol,
        to_hash: &token_hash,
        expires_at: now + auth::SESSION_LIFETIME,
    });
    let audit = user.doing("account.twofactor.on");
    if !store.confirm_totp(user.user.id, step, &hashes, promotion, &audit).await? {
        let error = Some(user.t("error-code-enrol"));
        return render_enrolment(&app, &headers, &user, StatusCode::UNPROCESSABLE_ENTITY, None, error, None)
            .await;
    }
    let promoted = promotion.is_some();
    let mut shown = user.clone();
    shown.stage = SessionStage::Full;
    if promoted {
        shown.session_hash = token_hash.clone();
    }
    let notice = Some(user.t("notice-two-factor-on"));
    let mut response =
        render_enrolment(&app, &headers, &shown, StatusCode::OK, notice, None, Some(codes)).await?;
    if promoted {
        let name = auth::session_cookie_name(&headers);
        response
            .headers_mut()
            .append(header::SET_COOKIE, auth::set_cookie(&headers, name, &token, auth::SESSION_LIFETIME));
    }
    Ok(response)
}

/// `POST /admin/users/two-factor` (admins only): the roles whose members must use two-factor
/// sign-in. Members without it are sent to enrol at their next sign-in.
pub async fn set_required_roles(
    State(app): State<App>,
    user: Signed,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    super::manage::require_admin(&app, &user, Action::ManageUsers)?;
    let roles: Vec<Role> = form
        .all("roles")
        .iter()
        .map(|r| r.parse::<Role>().map_err(|_| WebError::BadRequest(user.t("error-role"))))
        .collect::<Result<_, _>>()?;
    let detail = roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
    app.store().set_two_factor_roles(&roles, &user.doing("twofactor.roles").with_detail(detail)).await?;
    Ok(see_other("/admin/users", "two_factor_roles").into_response())
}

/// `POST /admin/users/{id}/two-factor/reset` (admins only): for a lost phone. Removes the
/// user's second factor and recovery codes and ends their sessions; they enrol again.
pub async fn reset(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    super::manage::require_admin(&app, &user, Action::ManageUsers)?;
    if app.store().user(UserId(id)).await?.is_none() {
        return Err(WebError::NotFound);
    }
    if !app.store().reset_two_factor(UserId(id), &user.doing("user.twofactor.reset")).await? {
        return Err(WebError::BadRequest(user.t("error-two-factor-none")));
    }
    Ok(see_other("/admin/users", "two_factor_reset").into_response())
}
