//! The back office at `/admin`: server-rendered forms for writing, reviewing and publishing,
//! media, menus, the audit log and accounts. Every handler checks the signed-in user's role
//! and site scope on the server before it reads or changes anything.

pub mod auth;
mod documents;
pub use manage::is_plausible_email;
pub use media::extension_of as media_extension;

/// The workflow and edit rules, shared with the JSON API.
pub mod documents_api {
    pub use super::documents::{apply_workflow, may_edit};
}
mod login;
mod manage;
mod media;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, Request};
use axum::http::HeaderMap;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use serde::Serialize;

use crate::http::{BodyMeta, respond};
use crate::{App, WebError};
use auth::Signed;

/// Largest form we read, except uploads.
const FORM_LIMIT: usize = 2 * 1024 * 1024;
/// Largest upload we read.
pub const UPLOAD_LIMIT: usize = 25 * 1024 * 1024;

/// The back office's routes, under `/admin`.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/admin", get(documents::dashboard))
        .route("/admin/", get(documents::dashboard))
        .route("/admin/login", get(login::form).post(login::submit))
        .route("/admin/logout", post(login::logout))
        .route("/admin/account", get(manage::account))
        .route("/admin/account/password", post(manage::change_password))
        .route("/admin/account/tokens", post(manage::create_token))
        .route("/admin/account/tokens/{id}/revoke", post(manage::revoke_token))
        .route("/admin/users", get(manage::users).post(manage::create_user))
        .route("/admin/audit", get(manage::audit))
        .route("/admin/menus/{site}", get(manage::menu_form).post(manage::save_menu))
        .route("/admin/new/{kind}", get(documents::new_form).post(documents::create))
        .route("/admin/documents/{id}", get(documents::edit_form).post(documents::save))
        .route("/admin/documents/{id}/workflow", post(documents::workflow))
        .route("/admin/documents/{id}/revisions", get(documents::revisions))
        .route("/admin/documents/{id}/diff", get(documents::diff))
        .route("/admin/documents/{id}/revisions/{number}/restore", post(documents::restore))
        .route(
            "/admin/media",
            get(media::list).post(media::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/admin/media/{id}", get(media::edit_form).post(media::save))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
}

/// Percent-encodes a value for a query string.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A submitted form as ordered pairs, so repeated fields (checkboxes) keep every value.
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }

    /// The CSRF token the form carried.
    pub fn csrf(&self) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == "_csrf").map(|(_, v)| v.as_str())
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::FormRejection;
        match axum::Form::<Vec<(String, String)>>::from_request(request, state).await {
            Ok(axum::Form(pairs)) => Ok(FormData(pairs)),
            Err(FormRejection::BytesRejection(_)) => Err(WebError::TooLarge(format!(
                "The form is larger than the {} MB we accept. Shorten the text and try again.",
                FORM_LIMIT / (1024 * 1024)
            ))),
            Err(other) => {
                Err(WebError::BadRequest(format!("The form could not be read: {}", other.body_text())))
            }
        }
    }
}

/// One entry of the back office's navigation.
#[derive(Serialize)]
struct NavItem {
    label: &'static str,
    url: &'static str,
    current: bool,
}

/// The frame of every back-office page.
#[derive(Serialize)]
pub struct AdminLayout {
    title: String,
    user_email: String,
    user_role: &'static str,
    csrf: String,
    nav: Vec<NavItem>,
    notice: Option<String>,
    css_version: String,
}

impl AdminLayout {
    /// The frame for `user` on a page titled `title` in section `section` (a nav URL).
    pub fn new(app: &App, user: &Signed, title: &str, section: &str) -> AdminLayout {
        let is_admin = user.user.role == portico_content::Role::Admin;
        let mut nav = vec![
            NavItem { label: "Documents", url: "/admin", current: false },
            NavItem { label: "Media", url: "/admin/media", current: false },
        ];
        if user.user.role == portico_content::Role::Admin || user.user.role == portico_content::Role::Editor {
            nav.push(NavItem { label: "Menus", url: "/admin/menus/global", current: false });
        }
        if is_admin {
            nav.push(NavItem { label: "Users", url: "/admin/users", current: false });
            nav.push(NavItem { label: "Audit log", url: "/admin/audit", current: false });
        }
        nav.push(NavItem { label: "Account", url: "/admin/account", current: false });
        for item in &mut nav {
            item.current = item.url == section;
        }
        AdminLayout {
            title: title.to_owned(),
            user_email: user.user.email.clone(),
            user_role: user.user.role.as_str(),
            csrf: user.csrf.clone(),
            nav,
            notice: None,
            css_version: app.theme().admin_css_version.clone(),
        }
    }

    /// Adds a one-line notice at the top ("Saved.").
    pub fn with_notice(mut self, notice: Option<String>) -> AdminLayout {
        self.notice = notice;
        self
    }
}

/// Renders a back-office page; never cached, never framed.
pub fn admin_page(
    app: &App,
    headers: &HeaderMap,
    template: &str,
    context: minijinja::Value,
) -> Result<Response, WebError> {
    admin_page_with_status(app, headers, axum::http::StatusCode::OK, template, context)
}

/// Like [`admin_page`] with another status (a form shown again with its errors: 422).
pub fn admin_page_with_status(
    app: &App,
    headers: &HeaderMap,
    status: axum::http::StatusCode,
    template: &str,
    context: minijinja::Value,
) -> Result<Response, WebError> {
    let body = app.theme().render(template, context)?;
    let meta = BodyMeta {
        status,
        content_type: "text/html; charset=utf-8",
        language: Some("en"),
        cache_control: "no-store",
    };
    Ok(respond(headers, meta, body.as_bytes()))
}

/// After a successful POST: back to a page, with a notice code it shows.
pub fn see_other(path: &str, notice: &str) -> Redirect {
    let separator = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{separator}notice={notice}"))
}

/// The sentence for a notice code carried in the query string.
pub fn notice_text(code: Option<&str>) -> Option<String> {
    let text = match code? {
        "saved" => "Saved.",
        "created" => "Created.",
        "submitted" => "Sent for review.",
        "published" => "Published.",
        "scheduled" => "Scheduled.",
        "unpublished" => "Taken off the public site.",
        "archived" => "Archived.",
        "returned" => "Sent back to draft.",
        "restored" => "The revision was restored as a new revision.",
        "uploaded" => "Uploaded.",
        "password" => "Your password was changed. Other sessions were signed out.",
        "revoked" => "The token was revoked.",
        "menu" => "The menu was saved.",
        "user" => "The user was created.",
        "loggedout" => "You are signed out.",
        _ => return None,
    };
    Some(text.to_owned())
}
