//! Redirects (admins only): the old addresses of each site that answer with a permanent
//! redirect to new ones — listed, added by hand, removed. Imports fill the same table.
//! This screen never decides when a redirect answers: the public site asks the store only
//! for a path that found nothing.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::{Action, SiteId};
use portico_store::redirect_path;
use serde::Serialize;

use super::documents::NoticeQuery;
use super::{AdminLayout, FormData, admin_page_with_status, notice, see_other};
use crate::session::Signed;
use crate::{App, WebError};

/// Most redirects listed per site; the rest stay in force, unlisted.
const LISTED: i64 = 500;

/// Redirects change where a site's addresses lead: an administrator's task, like its feeds.
fn require_admin(user: &Signed, site: SiteId) -> Result<(), WebError> {
    user.require(Action::ManageUsers, site)
}

#[derive(Serialize)]
struct Row {
    old_path: String,
    new_path: String,
    created: String,
}

#[derive(Serialize)]
struct SiteRedirects {
    key: String,
    name: String,
    redirects: Vec<Row>,
}

/// What the add form was filled with, shown again with its error.
#[derive(Serialize, Default)]
struct AddForm {
    site: String,
    old_path: String,
    new_path: String,
}

async fn render(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    notice: Option<String>,
    form: AddForm,
    error: Option<String>,
) -> Result<Response, WebError> {
    let mut sites = Vec::new();
    for site in app.sites().iter() {
        let redirects = app
            .store()
            .redirects(Some(&[site.id]), LISTED)
            .await?
            .into_iter()
            .map(|r| Row { old_path: r.old_path, new_path: r.new_path, created: user.time(r.created_at) })
            .collect();
        sites.push(SiteRedirects { key: site.key.clone(), name: site.name.clone(), redirects });
    }
    let layout =
        AdminLayout::new(app, user, &user.t("admin-title-redirects"), "/admin/redirects").with_notice(notice);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/redirects.html",
        context! { layout, sites, form, error },
    )
}

/// `GET /admin/redirects`.
pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    require_admin(&user, app.sites().first().map_or(SiteId(0), |s| s.id))?;
    let notice = notice(&user, query.notice.as_deref());
    render(&app, &headers, &user, StatusCode::OK, notice, AddForm::default(), None).await
}

/// The target of a redirect: a path within the site, or an absolute http(s) address.
fn target(text: &str) -> Option<String> {
    let text = text.trim();
    if text.starts_with("https://") || text.starts_with("http://") {
        let ok = text.len() <= 2000 && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        return ok.then(|| text.to_owned());
    }
    redirect_path(text).or_else(|| (text == "/").then(|| "/".to_owned()))
}

/// `POST /admin/redirects`: adds a redirect, or changes where an old address leads.
pub async fn create(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let filled = AddForm {
        site: form.get("site").to_owned(),
        old_path: form.get("old_path").trim().to_owned(),
        new_path: form.get("new_path").trim().to_owned(),
    };
    let site = app.site_by_key(&filled.site);
    require_admin(&user, site.as_ref().map_or(SiteId(0), |s| s.id))?;
    let checked = match (site, redirect_path(&filled.old_path), target(&filled.new_path)) {
        (None, _, _) => Err(user.t("error-choose-site")),
        (_, None, _) => Err(user.t("error-redirect-old")),
        (_, _, None) => Err(user.t("error-redirect-new")),
        (Some(_), Some(old), Some(new)) if old == new.trim_end_matches('/') => {
            Err(user.t("error-redirect-loop"))
        }
        (Some(site), Some(old), Some(new)) => Ok((site, old, new)),
    };
    let (site, old, new) = match checked {
        Ok(checked) => checked,
        Err(problem) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&app, &headers, &user, status, None, filled, Some(problem)).await;
        }
    };
    app.store().set_redirect(site.id, &old, &new, &user.doing("redirect.set")).await?;
    Ok(see_other("/admin/redirects", "redirect_added").into_response())
}

/// `POST /admin/redirects/delete`: removes the redirect of `old_path` on `site`.
pub async fn delete(State(app): State<App>, user: Signed, form: FormData) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&user, app.sites().first().map_or(SiteId(0), |s| s.id))?;
    let site = app.site_by_key(form.get("site")).ok_or(WebError::NotFound)?;
    require_admin(&user, site.id)?;
    // The list sends the key as stored; one typed by hand is normalized the same way.
    let old = redirect_path(form.get("old_path")).unwrap_or_else(|| form.get("old_path").to_owned());
    let removed = app.store().delete_redirect(site.id, &old, &user.doing("redirect.delete")).await?;
    if !removed {
        return Err(WebError::NotFound);
    }
    Ok(see_other("/admin/redirects", "redirect_removed").into_response())
}
