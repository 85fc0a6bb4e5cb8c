//! Subscribers to news by email (admins only): each site's list, a page at a time, its CSV
//! export, and deleting one on request (with what they were still owed). Addresses are
//! personal data: no other role sees them, and nothing here shows one outside this screen.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::Action;
use portico_store::{SUBSCRIBER_PAGE, Site, Subscriber, SubscriberId};
use serde::Serialize;
use std::sync::Arc;

use super::{AdminLayout, FormData, admin_page, notice, see_other};
use crate::session::Signed;
use crate::{App, WebError};

/// Subscribers read per query of the export.
const EXPORT_BATCH: i64 = 1000;

/// The sites whose subscribers `user` may see: those they administer.
fn administered(app: &App, user: &Signed) -> Vec<Arc<Site>> {
    app.sites().iter().filter(|s| user.may(Action::ManageUsers, s.id)).cloned().collect()
}

/// The site `key` names among `sites`, else the first; 403 when there is none to show.
fn chosen(sites: &[Arc<Site>], key: Option<&str>) -> Result<Arc<Site>, WebError> {
    match key.filter(|k| !k.is_empty()) {
        Some(key) => sites.iter().find(|s| s.key == key).cloned().ok_or(WebError::Forbidden),
        None => sites.first().cloned().ok_or(WebError::Forbidden),
    }
}

#[derive(Serialize)]
struct Row {
    id: i64,
    email: String,
    frequency: String,
    language: String,
    filters: String,
    confirmed: String,
}

fn filters(subscriber: &Subscriber) -> String {
    let sub = &subscriber.subscription;
    [sub.countries.join(" "), sub.themes.join(" "), sub.languages.join(" ")]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

fn pairs_get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// `GET /admin/subscribers?site=…&after=…`.
pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, WebError> {
    let sites = administered(&app, &user);
    let site = chosen(&sites, None)?;
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(user.t("bad-query")))?;
    let site = match pairs_get(&pairs, "site") {
        Some(key) => chosen(&sites, Some(key))?,
        None => site,
    };
    let after = match pairs_get(&pairs, "after").filter(|a| !a.is_empty()) {
        Some(after) => after
            .parse::<i64>()
            .ok()
            .filter(|a| *a >= 0)
            .ok_or_else(|| WebError::BadRequest(user.t1("bad-page", "value", after.to_owned())))?,
        None => 0,
    };
    let store = app.store();
    let count = store.subscriber_count(site.id).await?;
    let page = store.subscribers_of_site(site.id, SubscriberId(after), SUBSCRIBER_PAGE).await?;
    let next = (page.len() as i64 == SUBSCRIBER_PAGE)
        .then(|| page.last().map(|last| format!("/admin/subscribers?site={}&after={}", site.key, last.id.0)))
        .flatten();
    let rows: Vec<Row> = page
        .iter()
        .map(|s| Row {
            id: s.id.0,
            email: s.subscription.email.clone(),
            frequency: user.t(&format!("subscribe-frequency-{}", s.subscription.frequency.as_str())),
            language: s.subscription.language.clone(),
            filters: filters(s),
            confirmed: user.time(s.confirmed_at),
        })
        .collect();
    let notice = notice(&user, pairs_get(&pairs, "notice"));
    let layout = AdminLayout::new(&app, &user, &user.t("admin-title-subscribers"), "/admin/subscribers")
        .with_notice(notice);
    let site_view = context! { key => site.key, name => site.name };
    let choices: Vec<_> = sites.iter().map(|s| context! { key => s.key, name => s.name }).collect();
    admin_page(
        &app,
        &headers,
        "admin/subscribers.html",
        context! { layout, site => site_view, sites => choices, count, rows, next },
    )
}

/// A CSV field, quoted when it must be, and never read as a formula by a spreadsheet.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// `GET /admin/subscribers.csv?site=…`: every subscriber of the site.
pub async fn export(
    State(app): State<App>,
    user: Signed,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, WebError> {
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(user.t("bad-query")))?;
    let sites = administered(&app, &user);
    let site = chosen(&sites, pairs_get(&pairs, "site"))?;
    let store = app.store();
    let mut csv = String::from("email,frequency,language,countries,themes,languages,confirmed_at\r\n");
    let mut after = SubscriberId(0);
    loop {
        let batch = store.subscribers_of_site(site.id, after, EXPORT_BATCH).await?;
        for s in &batch {
            let sub = &s.subscription;
            let confirmed =
                s.confirmed_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
            let fields = [
                sub.email.as_str(),
                sub.frequency.as_str(),
                sub.language.as_str(),
                &sub.countries.join(" "),
                &sub.themes.join(" "),
                &sub.languages.join(" "),
                &confirmed,
            ];
            csv.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            csv.push_str("\r\n");
        }
        match batch.last() {
            Some(last) if batch.len() as i64 == EXPORT_BATCH => after = last.id,
            _ => break,
        }
    }
    let mut response = csv.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let disposition = format!("attachment; filename=\"subscribers-{}.csv\"", site.key);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `POST /admin/subscribers/{id}/delete`: deletes a subscriber and what they were owed.
pub async fn delete(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let id = id.parse::<i64>().map_err(|_| WebError::NotFound)?;
    let subscriber = app.store().subscriber(SubscriberId(id)).await?.ok_or(WebError::NotFound)?;
    user.require(Action::ManageUsers, subscriber.subscription.site)?;
    app.store().delete_subscriber(subscriber.id, &user.doing("mail_subscriber.delete")).await?;
    let key = app.sites().iter().find(|s| s.id == subscriber.subscription.site).map(|s| s.key.clone());
    let back = format!("/admin/subscribers?site={}", key.unwrap_or_default());
    Ok(see_other(&back, "subscriber_deleted").into_response())
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("a@example.org"), "a@example.org");
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
