//! Running the back office: one's own account and API tokens, users, the audit log, menus.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::{Action, Role, SiteId};
use portico_store::{AuditFilter, MenuItem, NewUser, StoreError};
use serde::{Deserialize, Serialize};

use super::documents::NoticeQuery;
use super::{AdminLayout, FormData, admin_page, admin_page_with_status, notice, role_label, see_other};
use crate::session::{self as auth, Signed};
use crate::{App, WebError};

#[derive(Serialize)]
struct TokenView {
    id: i64,
    name: String,
    created: String,
    last_used: String,
    revoked: bool,
}

async fn render_account(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    notice: Option<String>,
    password_error: Option<String>,
    new_token: Option<String>,
) -> Result<Response, WebError> {
    let tokens: Vec<TokenView> = app
        .store()
        .api_tokens(user.user.id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            created: user.time(t.created_at),
            last_used: t.last_used_at.map(|at| user.time(at)).unwrap_or_else(|| user.t("admin-never")),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    let sites: Vec<String> = match user.site_scope() {
        None => vec![user.t("admin-all-sites")],
        Some(ids) => ids.iter().filter_map(|id| app.site_by_id(*id)).map(|s| s.name.clone()).collect(),
    };
    let layout =
        AdminLayout::new(app, user, &user.t("admin-title-account"), "/admin/account").with_notice(notice);
    let languages = super::language::choices(headers, user);
    let two_factor_on = app.store().totp(user.user.id).await?.is_some_and(|e| e.confirmed_at.is_some());
    // Their password is the provider's business: the form would only mislead.
    let sso_name = password_at_provider(app, user).await?;
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/account.html",
        context! {
            layout, tokens, sites, password_error, new_token, languages, two_factor_on, sso_name,
            min_password => auth::MIN_PASSWORD, role => role_label(user, user.user.role),
        },
    )
}

/// `GET /admin/account`.
pub async fn account(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    render_account(&app, &headers, &user, StatusCode::OK, notice(&user, query.notice.as_deref()), None, None)
        .await
}

/// The provider's name when `user`'s password is not Portico's to change: with single sign-on
/// only, or for a user the provider signs in.
async fn password_at_provider(app: &App, user: &Signed) -> Result<Option<String>, WebError> {
    let Some(provider) = app.sso() else { return Ok(None) };
    let theirs = app.sso_only() || app.store().has_sso_identity(user.user.id).await?;
    Ok(theirs.then(|| provider.config().display_name.clone()))
}

/// `POST /admin/account/password`: needs the current password; ends every other session.
/// Refused where the provider owns the password.
pub async fn change_password(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    if password_at_provider(&app, &user).await?.is_some() {
        return Err(WebError::Forbidden);
    }
    let (current, new, confirm) = (form.get("current"), form.get("new"), form.get("confirm"));
    let (_, hash) = app.store().user_for_login(&user.user.email).await?.ok_or(WebError::Forbidden)?;
    let problem = if !auth::verify_password(current.to_owned(), hash).await? {
        Some(user.t("error-password-current"))
    } else if new.chars().count() < auth::MIN_PASSWORD || new.len() > 1024 {
        Some(user.t1("error-password-short", "min", auth::MIN_PASSWORD))
    } else if new != confirm {
        Some(user.t("error-password-differ"))
    } else {
        None
    };
    if let Some(problem) = problem {
        return render_account(
            &app,
            &headers,
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(problem),
            None,
        )
        .await;
    }
    let hash = auth::hash_password(new.to_owned()).await?;
    app.store()
        .set_password(user.user.id, &hash, Some(&user.session_hash), &user.doing("account.password"))
        .await?;
    Ok(see_other("/admin/account", "password").into_response())
}

/// Creates an API token for `user`; returns the token, shown once and stored hashed.
pub async fn issue_token(app: &App, user: &Signed, name: &str) -> Result<String, WebError> {
    let token = format!("ptc_{}", auth::random_token()?);
    app.store()
        .create_api_token(user.user.id, name, &auth::token_hash(&token), &user.doing("token.create"))
        .await?;
    Ok(token)
}

/// `POST /admin/account/tokens`.
pub async fn create_token(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let name = form.get("name").trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(WebError::BadRequest(user.t("error-token-name")));
    }
    let token = issue_token(&app, &user, name).await?;
    let notice = Some(user.t("notice-token-once"));
    render_account(&app, &headers, &user, StatusCode::OK, notice, None, Some(token)).await
}

/// `POST /admin/account/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    if !app.store().revoke_api_token(user.user.id, id, &user.doing("token.revoke")).await? {
        return Err(WebError::NotFound);
    }
    Ok(see_other("/admin/account", "revoked").into_response())
}

#[derive(Serialize)]
struct UserView {
    id: i64,
    disabled: bool,
    two_factor: bool,
    email: String,
    name: String,
    role: String,
    sites: String,
}

async fn render_users(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let enrolled = app.store().two_factor_users().await?;
    let required = app.store().two_factor_roles().await?;
    let users: Vec<UserView> = app
        .store()
        .users()
        .await?
        .into_iter()
        .map(|u| UserView {
            id: u.id.0,
            disabled: u.disabled,
            two_factor: enrolled.contains(&u.id),
            sites: if u.role == Role::Admin {
                user.t("admin-sites-all")
            } else {
                u.sites
                    .iter()
                    .filter_map(|id| app.site_by_id(*id))
                    .map(|s| s.key.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            email: u.email,
            name: u.name,
            role: role_label(user, u.role),
        })
        .collect();
    let sites: Vec<(String, String)> = app.sites().iter().map(|s| (s.key.clone(), s.name.clone())).collect();
    let roles: Vec<(&str, String)> = Role::ALL.iter().map(|r| (r.as_str(), role_label(user, *r))).collect();
    let two_factor_roles: Vec<(&str, String, bool)> =
        Role::ALL.iter().map(|r| (r.as_str(), role_label(user, *r), required.contains(r))).collect();
    let layout =
        AdminLayout::new(app, user, &user.t("admin-title-users"), "/admin/users").with_notice(notice);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/users.html",
        context! { layout, users, sites, roles, two_factor_roles, error },
    )
}

/// `GET /admin/users` (admins only).
pub async fn users(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    require_admin(&app, &user, Action::ManageUsers)?;
    render_users(&app, &headers, &user, StatusCode::OK, notice(&user, query.notice.as_deref()), None).await
}

pub(super) fn require_admin(app: &App, user: &Signed, action: Action) -> Result<(), WebError> {
    let site = app.sites().first().map(|s| s.id).unwrap_or(SiteId(0));
    user.require(action, site)
}

/// `POST /admin/users` (admins only).
pub async fn create_user(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageUsers)?;
    let email = form.get("email").trim().to_lowercase();
    let password = form.get("password");
    let role = form.get("role").parse::<Role>();
    let sites: Result<Vec<SiteId>, String> = form
        .all("sites")
        .iter()
        .map(|key| {
            app.site_by_key(key)
                .map(|s| s.id)
                .ok_or_else(|| user.t1("error-unknown-site", "key", key.clone()))
        })
        .collect();
    let problem = if !is_plausible_email(&email) {
        Some(user.t("error-email"))
    } else if password.chars().count() < auth::MIN_PASSWORD || password.len() > 1024 {
        Some(user.t1("error-user-password", "min", auth::MIN_PASSWORD))
    } else if role.is_err() {
        Some(user.t("error-role"))
    } else {
        sites.as_ref().err().cloned()
    };
    let (Ok(role), Ok(sites), None) = (role, sites, problem.clone()) else {
        return render_users(&app, &headers, &user, StatusCode::UNPROCESSABLE_ENTITY, None, problem).await;
    };
    let new = NewUser {
        email,
        name: form.get("name").trim().chars().take(200).collect(),
        password_hash: auth::hash_password(password.to_owned()).await?,
        role,
        sites,
    };
    let audit = user.doing("user.create").with_detail(format!("{} as {}", new.email, new.role));
    match app.store().create_user(&new, &audit).await {
        Ok(_) => Ok(see_other("/admin/users", "user").into_response()),
        Err(StoreError::Conflict { .. }) => {
            let problem = Some(user.t("error-user-exists"));
            render_users(&app, &headers, &user, StatusCode::UNPROCESSABLE_ENTITY, None, problem).await
        }
        Err(err) => Err(err.into()),
    }
}

/// `POST /admin/users/{id}/disabled` (admins only): `disabled=1` disables the user, ending
/// their sessions and API tokens at once; `disabled=0` lets them sign in again.
pub async fn set_disabled(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageUsers)?;
    let disabled = form.get("disabled") == "1";
    // An admin who disables themselves may leave nobody able to undo it.
    if disabled && id == user.user.id.0 {
        return Err(WebError::BadRequest(user.t("error-disable-self")));
    }
    let audit = user.doing(if disabled { "user.disable" } else { "user.enable" });
    if !app.store().set_user_disabled(portico_content::UserId(id), disabled, &audit).await? {
        return Err(WebError::NotFound);
    }
    let back =
        if form.get("back") == "person" { format!("/admin/users/{id}") } else { "/admin/users".to_owned() };
    Ok(see_other(&back, if disabled { "user_disabled" } else { "user_enabled" }).into_response())
}

/// Good enough to catch typing mistakes; the mail server is the real judge.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 320
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
}

#[derive(Deserialize)]
pub struct AuditQuery {
    user: Option<String>,
    action: Option<String>,
    site: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

#[derive(Serialize)]
struct AuditView {
    at: String,
    user: String,
    action: String,
    site: String,
    target: String,
    detail: String,
    client: String,
}

/// `GET /admin/audit` (admins only), filterable by user, action, site and dates.
pub async fn audit(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<AuditQuery>,
) -> Result<Response, WebError> {
    require_admin(&app, &user, Action::ViewAudit)?;
    let date = |value: &Option<String>, field: &str| -> Result<Option<time::OffsetDateTime>, WebError> {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => time::Date::parse(v, time::macros::format_description!("[year]-[month]-[day]"))
                .map(|d| Some(d.midnight().assume_utc()))
                .map_err(|_| WebError::BadRequest(user.t1("error-date-field", "field", user.t(field)))),
        }
    };
    let nonempty =
        |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let filter = AuditFilter {
        user: nonempty(&query.user),
        action: nonempty(&query.action),
        site: nonempty(&query.site),
        since: date(&query.since, "admin-audit-since")?,
        until: date(&query.until, "admin-audit-until")?.map(|d| d + time::Duration::days(1)),
    };
    let records: Vec<AuditView> = app
        .store()
        .audit_records(&filter, 500)
        .await?
        .into_iter()
        .map(|r| AuditView {
            at: user.time(r.at),
            user: r.user_email,
            action: r.action,
            site: r.site_key.unwrap_or_default(),
            target: match r.entity_id {
                Some(id) if !r.entity.is_empty() => format!("{} {id}", r.entity),
                _ => r.entity,
            },
            detail: r.detail,
            client: r.client,
        })
        .collect();
    let layout = AdminLayout::new(&app, &user, &user.t("admin-title-audit"), "/admin/audit");
    let filters = context! {
        user => query.user, action => query.action, site => query.site, since => query.since, until => query.until,
    };
    admin_page(&app, &headers, "admin/audit.html", context! { layout, records, filters })
}

#[derive(Serialize)]
struct MenuRow {
    label: String,
    path: String,
    child: bool,
}

fn flatten(items: &[MenuItem]) -> Vec<MenuRow> {
    let mut rows = Vec::new();
    for item in items {
        rows.push(MenuRow { label: item.label.clone(), path: item.path.clone(), child: false });
        for child in &item.children {
            rows.push(MenuRow { label: child.label.clone(), path: child.path.clone(), child: true });
        }
    }
    rows
}

#[expect(clippy::too_many_arguments, reason = "a form page shown fresh, after saving, and with errors")]
async fn render_menu(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    site: &portico_store::Site,
    rows: Vec<MenuRow>,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let mut rows = rows;
    rows.extend((0..4).map(|_| MenuRow { label: String::new(), path: String::new(), child: false }));
    let sites: Vec<(String, String)> = app
        .sites()
        .iter()
        .filter(|s| user.may(Action::EditMenus, s.id))
        .map(|s| (s.key.clone(), s.name.clone()))
        .collect();
    let layout = AdminLayout::new(
        app,
        user,
        &user.t1("admin-title-menu", "site", site.name.clone()),
        "/admin/menus/global",
    )
    .with_notice(notice);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/menus.html",
        context! { layout, rows, sites, site_key => site.key.clone(), language => site.default_language(), error },
    )
}

/// `GET /admin/menus/{site}`.
pub async fn menu_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(key): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let site = app.site_by_key(&key).ok_or(WebError::NotFound)?;
    user.require(Action::EditMenus, site.id)?;
    let menu = app.store().menu(site.id, site.default_language()).await?;
    render_menu(
        &app,
        &headers,
        &user,
        &site,
        flatten(&menu),
        StatusCode::OK,
        notice(&user, query.notice.as_deref()),
        None,
    )
    .await
}

/// `POST /admin/menus/{site}`: rows in order; a row marked as a child goes under the
/// nearest top-level row above it; rows without a label are dropped.
pub async fn save_menu(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(key): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let site = app.site_by_key(&key).ok_or(WebError::NotFound)?;
    user.require(Action::EditMenus, site.id)?;
    let labels = form.all("label");
    let paths = form.all("path");
    let positions = form.all("position");
    let children = form.all("child");
    let mut rows: Vec<(f64, usize, MenuRow)> = Vec::new();
    let mut error = None;
    for (index, label) in labels.iter().enumerate() {
        let label = label.trim();
        let path = paths.get(index).map(|p| p.trim().trim_matches('/')).unwrap_or("");
        if label.is_empty() {
            continue;
        }
        let position =
            positions.get(index).and_then(|p| p.trim().parse::<f64>().ok()).unwrap_or(index as f64 + 1.0);
        if label.chars().count() > 100 || !(path.is_empty() || portico_content::is_valid_path(path)) {
            error = Some(user.t1("error-menu-row", "row", index + 1));
        }
        let child = children.iter().any(|c| c == &index.to_string());
        rows.push((position, index, MenuRow { label: label.to_owned(), path: path.to_owned(), child }));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let rows: Vec<MenuRow> = rows.into_iter().map(|(_, _, row)| row).collect();
    if rows.first().is_some_and(|r| r.child) {
        error = Some(user.t("error-menu-first-child"));
    }
    if let Some(error) = error {
        return render_menu(
            &app,
            &headers,
            &user,
            &site,
            rows,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(error),
        )
        .await;
    }
    let mut menu: Vec<MenuItem> = Vec::new();
    for row in rows {
        let item = MenuItem { label: row.label, path: row.path, children: Vec::new() };
        match (row.child, menu.last_mut()) {
            (true, Some(parent)) => parent.children.push(item),
            _ => menu.push(item),
        }
    }
    app.store().replace_menu(site.id, site.default_language(), &menu, &user.doing("menu.save")).await?;
    Ok(see_other(&format!("/admin/menus/{}", site.key), "menu").into_response())
}
