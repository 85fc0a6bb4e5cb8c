//! One person's account, as an admin manages it: name, role and sites, access, removal, and a
//! one-time link to set a new password; and the page that link opens.
//!
//! The rules that protect the organization (never without an enabled admin) live in the
//! store, inside each change's transaction; this module only asks and shows the answer.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use portico_content::{Action, Role, SiteId, UserId};
use portico_store::{Actor, StoreError, User, UserChange};
use serde::Serialize;

use super::documents::NoticeQuery;
use super::manage::require_admin;
use super::{AdminLayout, FormData, admin_page_with_status, notice, role_label, see_other};
use crate::session::{self as auth, Signed};
use crate::{App, WebError};

/// How long a password link works.
const RESET_LINK_LIFETIME: time::Duration = time::Duration::hours(24);

/// Where a password link leads; the token follows.
const RESET_PATH: &str = "/admin/password/";

#[derive(Serialize)]
struct SiteChoice {
    key: String,
    name: String,
    checked: bool,
}

/// What the edit form shows again after a refused save, so nothing typed is lost.
struct Typed {
    name: String,
    role: Role,
    sites: Vec<SiteId>,
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page drawn for the form, a refusal, a new link or a notice"
)]
async fn render_person(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    person: &User,
    status: StatusCode,
    error: Option<String>,
    typed: Option<Typed>,
    reset_link: Option<String>,
    notice_text: Option<String>,
) -> Result<Response, WebError> {
    let (name, role, sites) = match typed {
        Some(t) => (t.name, t.role, t.sites),
        None => (person.name.clone(), person.role, person.sites.clone()),
    };
    let site_choices: Vec<SiteChoice> = app
        .sites()
        .iter()
        .map(|s| SiteChoice { key: s.key.clone(), name: s.name.clone(), checked: sites.contains(&s.id) })
        .collect();
    let roles: Vec<(&str, String, bool)> =
        Role::ALL.iter().map(|r| (r.as_str(), role_label(user, *r), *r == role)).collect();
    let title = user.t1("admin-title-person", "email", person.email.clone());
    let layout = AdminLayout::new(app, user, &title, "/admin/users").with_notice(notice_text);
    let is_self = person.id == user.user.id;
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/person.html",
        context! {
            layout, error, name, roles, is_self, reset_link,
            sites => site_choices,
            id => person.id.0,
            email => person.email.clone(),
            disabled => person.disabled,
            passwords => !app.sso_only(),
            lifetime_hours => RESET_LINK_LIFETIME.whole_hours(),
        },
    )
}

async fn person(app: &App, id: i64) -> Result<User, WebError> {
    app.store().user(UserId(id)).await?.ok_or(WebError::NotFound)
}

/// `GET /admin/users/{id}` (admins only).
pub async fn edit_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    require_admin(&app, &user, Action::ManageUsers)?;
    let person = person(&app, id).await?;
    let notice = notice(&user, query.notice.as_deref());
    render_person(&app, &headers, &user, &person, StatusCode::OK, None, None, None, notice).await
}

/// `POST /admin/users/{id}` (admins only): name, role and sites. Refused, with the form kept,
/// when it would leave no enabled admin.
pub async fn save(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageUsers)?;
    let person = person(&app, id).await?;
    let name: String = form.get("name").trim().chars().take(200).collect();
    let role = form.get("role").parse::<Role>().map_err(|_| WebError::BadRequest(user.t("error-role")))?;
    let mut sites = Vec::new();
    for key in form.all("sites") {
        let site = app
            .site_by_key(&key)
            .ok_or_else(|| WebError::BadRequest(user.t1("error-unknown-site", "key", key.clone())))?;
        sites.push(site.id);
    }
    let refused = |error: String, typed: Typed| {
        let (app, headers, user, person) = (&app, &headers, &user, &person);
        async move {
            render_person(
                app,
                headers,
                user,
                person,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(error),
                Some(typed),
                None,
                None,
            )
            .await
        }
    };
    // Everyone but an admin works within sites: without one they could do nothing.
    if role != Role::Admin && sites.is_empty() {
        return refused(user.t("error-user-no-site"), Typed { name, role, sites }).await;
    }
    let change = UserChange { name: name.clone(), role, sites: sites.clone() };
    let audit = user.doing("user.update").with_detail(format!("{} as {}", person.email, role));
    match app.store().update_user(person.id, &change, &audit).await {
        Ok(true) => Ok(see_other(&format!("/admin/users/{id}"), "user_saved").into_response()),
        Ok(false) => Err(WebError::NotFound),
        Err(StoreError::LastAdmin) => refused(user.t("error-last-admin"), Typed { name, role, sites }).await,
        Err(err) => Err(err.into()),
    }
}

/// `POST /admin/users/{id}/remove` (admins only): needs the box ticked that says the admin
/// understands; never oneself, never the last enabled admin.
pub async fn remove(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageUsers)?;
    let person = person(&app, id).await?;
    let error = if person.id == user.user.id {
        Some(user.t("error-remove-self"))
    } else if form.get("confirm") != "1" {
        Some(user.t("error-remove-confirm"))
    } else {
        None
    };
    let refuse = |error| {
        render_person(
            &app,
            &headers,
            &user,
            &person,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(error),
            None,
            None,
            None,
        )
    };
    if let Some(error) = error {
        return refuse(error).await;
    }
    let audit = user.doing("user.remove").with_detail(person.email.clone());
    match app.store().remove_user(person.id, &audit).await {
        Ok(true) => Ok(see_other("/admin/users", "user_removed").into_response()),
        Ok(false) => Err(WebError::NotFound),
        Err(StoreError::LastAdmin) => refuse(user.t("error-last-admin")).await,
        Err(err) => Err(err.into()),
    }
}

/// `POST /admin/users/{id}/password-link` (admins only): makes a one-time link for the person
/// to set a new password, shown once to the admin to pass on. Their password keeps working
/// until the link is used; earlier links stop working.
pub async fn password_link(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageUsers)?;
    // With single sign-on only, no password opens anything: a link would mislead.
    if app.sso_only() {
        return Err(WebError::Forbidden);
    }
    let person = person(&app, id).await?;
    if person.disabled {
        return Err(WebError::BadRequest(user.t("error-reset-disabled")));
    }
    let token = auth::random_token()?;
    let expires = portico_store::now() + RESET_LINK_LIFETIME;
    let audit = user.doing("user.password_link").with_detail(person.email.clone());
    if !app.store().create_password_reset(person.id, &auth::token_hash(&token), expires, &audit).await? {
        return Err(WebError::NotFound);
    }
    let origin = crate::http::request_origin(&headers, &axum::http::Uri::from_static("/"));
    let link = format!("{origin}{RESET_PATH}{token}");
    let notice = Some(user.t("notice-password-link"));
    render_person(&app, &headers, &user, &person, StatusCode::OK, None, None, Some(link), notice).await
}

/// The page a password link opens, in the browser's language. The token in the address is the
/// secret that a forged form would lack, so it also stands as the form's CSRF token.
fn render_reset(
    app: &App,
    headers: &HeaderMap,
    status: StatusCode,
    email: Option<&str>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let i18n = app.i18n();
    let lang = crate::i18n::from_headers(headers, &i18n);
    let layout = context! { lang, dir => crate::i18n::I18n::direction(lang) };
    let mut response = admin_page_with_status(
        app,
        headers,
        status,
        "admin/password_reset.html",
        context! {
            layout, email, error,
            min_password => auth::MIN_PASSWORD,
            css_version => app.theme().admin_css_version.clone(),
        },
    )?;
    // The address holds the secret: no other site learns it from a link's referrer.
    response
        .headers_mut()
        .insert(header::REFERRER_POLICY, axum::http::HeaderValue::from_static("no-referrer"));
    Ok(response)
}

fn link_problem(app: &App, headers: &HeaderMap) -> Result<Response, WebError> {
    let lang = crate::i18n::from_headers(headers, &app.i18n());
    let error = app.i18n().t(lang, "error-reset-link", None);
    render_reset(app, headers, StatusCode::NOT_FOUND, None, Some(error))
}

/// `GET /admin/password/{token}`: the form to choose a new password, while the link works.
pub async fn reset_form(
    State(app): State<App>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    if app.sso_only() || token.len() > 200 {
        return link_problem(&app, &headers);
    }
    match app.store().password_reset_user(&auth::token_hash(&token)).await? {
        Some(person) => render_reset(&app, &headers, StatusCode::OK, Some(&person.email), None),
        None => link_problem(&app, &headers),
    }
}

/// `POST /admin/password/{token}`: sets the password, ends every session and token of the
/// person, and sends them to sign in.
pub async fn reset_submit(
    State(app): State<App>,
    headers: HeaderMap,
    auth::ClientAddr(client): auth::ClientAddr,
    Path(token): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    if app.sso_only() || token.len() > 200 {
        return link_problem(&app, &headers);
    }
    let token_hash = auth::token_hash(&token);
    let Some(person) = app.store().password_reset_user(&token_hash).await? else {
        return link_problem(&app, &headers);
    };
    let (new, confirm) = (form.get("new"), form.get("confirm"));
    let lang = crate::i18n::from_headers(&headers, &app.i18n());
    let problem = if new.chars().count() < auth::MIN_PASSWORD || new.len() > 1024 {
        Some(app.i18n().t1(lang, "error-password-short", "min", auth::MIN_PASSWORD))
    } else if new != confirm {
        Some(app.i18n().t(lang, "error-password-differ", None))
    } else {
        None
    };
    if let Some(problem) = problem {
        return render_reset(
            &app,
            &headers,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(&person.email),
            Some(problem),
        );
    }
    let hash = auth::hash_password(new.to_owned()).await?;
    let audit = Actor::person(person.id, &person.email, &client).doing("account.password_reset");
    match app.store().use_password_reset(&token_hash, &hash, &audit).await? {
        Some(_) => Ok(Redirect::to("/admin/login?notice=password_reset").into_response()),
        None => link_problem(&app, &headers),
    }
}
