//! The back office at `/admin`: server-rendered forms for writing, reviewing and publishing,
//! media, menus, the audit log and accounts. Every handler checks the signed-in user's role
//! and site scope on the server before it reads or changes anything.

pub mod auth;
mod documents;
mod feeds;
pub use manage::is_plausible_email;
pub use media::extension_of as media_extension;

/// The workflow and edit rules, shared with the JSON API.
pub mod documents_api {
    pub use super::documents::{StepError, apply_workflow, edit_refusal, off_runtime, publication_time};
}
pub mod language;
mod login;
mod manage;
mod media;
pub mod sites;

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
        .route("/admin/account/language", post(language::set))
        .route("/admin/account/tokens", post(manage::create_token))
        .route("/admin/account/tokens/{id}/revoke", post(manage::revoke_token))
        .route("/admin/users", get(manage::users).post(manage::create_user))
        .route("/admin/users/{id}/disabled", post(manage::set_disabled))
        .route("/admin/audit", get(manage::audit))
        .route("/admin/feeds", get(feeds::list).post(feeds::create))
        .route("/admin/feeds/{id}/fetch", post(feeds::fetch_now))
        .route("/admin/feeds/{id}/enabled", post(feeds::set_enabled))
        .route("/admin/feeds/{id}/delete", post(feeds::delete))
        .route("/admin/menus/{site}", get(manage::menu_form).post(manage::save_menu))
        .route("/admin/new/{kind}", get(documents::new_form).post(documents::create))
        .route("/admin/documents/{id}", get(documents::edit_form).post(documents::save))
        .route("/admin/documents/{id}/workflow", post(documents::workflow))
        .route("/admin/documents/{id}/translate", post(sites::translate))
        .route("/admin/sites", get(sites::index).post(sites::create))
        .route("/admin/sites/{key}", get(sites::edit).post(sites::save))
        .route("/admin/sites/{key}/translations", get(sites::translations))
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

impl Signed {
    /// Who they are, as the audit log names the actor of a change.
    pub fn actor(&self) -> portico_store::Actor {
        portico_store::Actor::person(self.user.id, &self.user.email, &self.client)
    }

    /// The audit note of a change they make: the store writes it with the change.
    pub fn doing(&self, action: &str) -> portico_store::Audit {
        self.actor().doing(action)
    }
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

impl FromRequest<App> for FormData {
    type Rejection = WebError;

    async fn from_request(request: Request, app: &App) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::FormRejection;
        let i18n = app.i18n();
        let lang = language::from_headers(request.headers(), &i18n);
        match axum::Form::<Vec<(String, String)>>::from_request(request, app).await {
            Ok(axum::Form(pairs)) => Ok(FormData(pairs)),
            Err(FormRejection::BytesRejection(_)) => Err(WebError::TooLarge(i18n.t1(
                lang,
                "error-form-too-large",
                "mb",
                FORM_LIMIT / (1024 * 1024),
            ))),
            Err(other) => {
                Err(WebError::BadRequest(i18n.t1(lang, "error-form-unreadable", "reason", other.body_text())))
            }
        }
    }
}

/// One entry of the back office's navigation.
#[derive(Serialize)]
struct NavItem {
    label: String,
    url: String,
    current: bool,
}

/// The frame of every back-office page.
#[derive(Serialize)]
pub struct AdminLayout {
    /// The back office's language for this person, and its direction.
    lang: &'static str,
    dir: &'static str,
    title: String,
    user_email: String,
    /// Their role, in words of their language.
    user_role: String,
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
            NavItem { label: user.t("admin-nav-documents"), url: "/admin".into(), current: false },
            NavItem { label: user.t("admin-nav-media"), url: "/admin/media".into(), current: false },
        ];
        let sites = app.sites();
        let first = |action| sites.iter().find(|s| user.may(action, s.id)).map(|s| s.key.clone());
        if let Some(key) = first(portico_content::Action::ViewDrafts) {
            nav.push(NavItem {
                label: user.t("admin-nav-translations"),
                url: format!("/admin/sites/{key}/translations"),
                current: false,
            });
        }
        if let Some(key) = first(portico_content::Action::EditMenus) {
            nav.push(NavItem {
                label: user.t("admin-nav-menus"),
                url: format!("/admin/menus/{key}"),
                current: false,
            });
        }
        if is_admin {
            nav.push(NavItem {
                label: user.t("admin-nav-sites"),
                url: "/admin/sites".into(),
                current: false,
            });
            nav.push(NavItem {
                label: user.t("admin-nav-users"),
                url: "/admin/users".into(),
                current: false,
            });
            nav.push(NavItem {
                label: user.t("admin-nav-audit"),
                url: "/admin/audit".into(),
                current: false,
            });
            nav.push(NavItem {
                label: user.t("admin-nav-feeds"),
                url: "/admin/feeds".into(),
                current: false,
            });
        }
        nav.push(NavItem {
            label: user.t("admin-nav-account"),
            url: "/admin/account".into(),
            current: false,
        });
        for item in &mut nav {
            item.current = item.url == section
                || (section == "/admin/translations" && item.url.ends_with("/translations"))
                || (section == "/admin/menus/global" && item.url.starts_with("/admin/menus/"));
        }
        AdminLayout {
            lang: user.lang,
            dir: crate::i18n::I18n::direction(user.lang),
            title: title.to_owned(),
            user_email: user.user.email.clone(),
            user_role: role_label(user, user.user.role),
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
    // The page's language is the one its frame was drawn in.
    let language = context
        .get_attr("layout")
        .ok()
        .and_then(|layout| layout.get_attr("lang").ok())
        .and_then(|lang| lang.as_str().map(str::to_owned))
        .unwrap_or_else(|| "en".to_owned());
    let body = app.theme().render(template, context)?;
    let meta = BodyMeta {
        status,
        content_type: "text/html; charset=utf-8",
        language: Some(&language),
        cache_control: "no-store",
    };
    Ok(respond(headers, meta, body.as_bytes()))
}

/// After a successful POST: back to a page, with a notice code it shows.
pub fn see_other(path: &str, notice: &str) -> Redirect {
    let separator = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{separator}notice={notice}"))
}

/// A role in words of the person's language.
pub fn role_label(user: &Signed, role: portico_content::Role) -> String {
    user.t(&format!("role-{}", role.as_str()))
}

/// The sentence, in the person's language, for a notice code carried in the query string
/// (`notice-{code}` in the Fluent files); `None` for a code we do not know.
pub fn notice(user: &Signed, code: Option<&str>) -> Option<String> {
    notice_in(&user.i18n, user.lang, code)
}

/// [`notice`] for a page without a signed-in person (the login form).
pub fn notice_in(i18n: &crate::i18n::I18n, lang: &str, code: Option<&str>) -> Option<String> {
    let code = code?;
    if code.is_empty() || code.len() > 40 || !code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    let key = format!("notice-{}", code.replace('_', "-"));
    i18n.has(&key).then(|| i18n.t(lang, &key, None))
}
