//! The document list: what the user may see on their sites, newest change first.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use minijinja::context;
use portico_content::{Action, Kind, Status};
use serde::{Deserialize, Serialize};

use crate::admin::{AdminLayout, admin_page, notice};
use crate::session::Signed;
use crate::{App, WebError};

use super::status_text;

#[derive(Deserialize)]
pub struct ListQuery {
    kind: Option<String>,
    status: Option<String>,
    notice: Option<String>,
}

#[derive(Serialize)]
struct Row {
    url: String,
    title: String,
    kind: String,
    site: String,
    language: String,
    status: String,
    status_label: String,
    updated: String,
}

/// `GET /admin`: the documents of the user's sites, newest change first.
pub async fn dashboard(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let kind = query.kind.as_deref().filter(|k| !k.is_empty()).and_then(|k| k.parse::<Kind>().ok());
    let status = query.status.as_deref().filter(|s| !s.is_empty()).and_then(|s| s.parse::<Status>().ok());
    let rows = app.store().document_rows(user.site_scope(), kind, status, 300).await?;
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|r| Row {
            url: format!("/admin/documents/{}", r.document),
            status_label: status_text(&user, &r.status),
            title: r.title,
            kind: user.t(&format!("kind-{}", r.kind)),
            site: r.site_key,
            language: r.language,
            status: r.status,
            updated: user.time(r.updated_at),
        })
        .collect();
    let any_site = |action| app.sites().iter().any(|s| user.may(action, s.id));
    let can_write = any_site(Action::CreateDraft);
    let can_pages = any_site(Action::EditPages);
    let layout = AdminLayout::new(&app, &user, &user.t("admin-nav-documents"), "/admin")
        .with_notice(notice(&user, query.notice.as_deref()));
    admin_page(
        &app,
        &headers,
        "admin/dashboard.html",
        context! {
            layout, rows, can_write, can_pages,
            kind => kind.map(Kind::as_str), status => status.map(Status::as_str),
            statuses => Status::ALL.iter().map(|s| (s.as_str(), status_text(&user, s.as_str()))).collect::<Vec<_>>(),
        },
    )
}
