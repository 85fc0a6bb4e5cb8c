//! What every back-office screen shares: reading a submitted form, the frame around a screen
//! (navigation, notices, the signed-in user's language), redirects with a notice.

use axum::extract::{FromRequest, Request};
use axum::http::HeaderMap;
use axum::response::{Redirect, Response};
use serde::Serialize;

use crate::app::App;
use crate::error::WebError;
use crate::http::{BodyMeta, respond};
use crate::session::Signed;

/// Largest form we read, except uploads.
pub(super) const FORM_LIMIT: usize = 2 * 1024 * 1024;

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
        let lang = crate::i18n::from_headers(request.headers(), &i18n);
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
            NavItem { label: user.t("admin-nav-overview"), url: "/admin/overview".into(), current: false },
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
                label: user.t("admin-nav-taxonomy"),
                url: "/admin/taxonomy".into(),
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
            nav.push(NavItem {
                label: user.t("admin-nav-redirects"),
                url: "/admin/redirects".into(),
                current: false,
            });
            nav.push(NavItem {
                label: user.t("admin-nav-subscribers"),
                url: "/admin/subscribers".into(),
                current: false,
            });
        }
        nav.push(NavItem {
            label: user.t("admin-nav-account"),
            url: "/admin/account".into(),
            current: false,
        });
        // A session that must enrol first may go nowhere else: no links that only bounce back.
        if user.stage != portico_store::SessionStage::Full {
            nav.clear();
        }
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
