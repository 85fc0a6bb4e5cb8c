//! The themed error page: a middleware that replaces the bare response a handler's
//! [`WebError`] left (marked with [`ErrorPage`]) with the site's page, in the page's language.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::error::{ErrorPage, Message, WebError};
use crate::http::{BodyMeta, respond};
use crate::request_log::LoggedError;
use crate::sites::Scope;

/// Replaces bare error responses with the themed error page.
pub async fn render_error_pages(State(app): State<App>, request: Request, next: Next) -> Response {
    let headers = request.headers().clone();
    let path = request.uri().path().to_owned();
    // Old addresses may be queries (WordPress's `/2015/?p=123`): redirects see them whole.
    let address = request.uri().path_and_query().map_or_else(|| path.clone(), |a| a.as_str().to_owned());
    let scope = request.extensions().get::<Scope>().cloned();
    let readable = matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    let response = next.run(request).await;
    let Some(error) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    // An old address (from an import, or made by hand) that now finds nothing: one indexed
    // lookup, on this path only, so pages that exist never pay for redirects. A 404 is never
    // cached (the cache keeps 200s only), so a new redirect answers at once.
    if error.status == StatusCode::NOT_FOUND
        && readable
        && let Some(scope) = &scope
        && !crate::sites::is_shared(&path)
    {
        match app.store().redirect_for(scope.site.id, &address).await {
            Ok(Some(target)) => return moved(&scope.base, &target),
            Ok(None) => {}
            Err(err) => tracing::warn!(error = %err, "cannot look up a redirect"),
        }
    }
    // The request line logs the handler's error, so the page keeps it.
    let mut logged = response.extensions().get::<LoggedError>().cloned();
    let mut page = match error_page(&app, &headers, &path, scope.as_ref(), &error).await {
        Ok(mut page) => {
            if let Some(retry_after) = response.headers().get(axum::http::header::RETRY_AFTER) {
                page.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after.clone());
            }
            page
        }
        Err(err) => {
            let failed = LoggedError::new(&err).context("cannot render the error page");
            logged = Some(match logged {
                Some(first) => first.and(&failed),
                None => failed,
            });
            let mut bare = (error.status, "Error").into_response();
            bare.extensions_mut().insert(error);
            bare
        }
    };
    if let Some(logged) = logged {
        page.extensions_mut().insert(logged);
    }
    page
}

/// A permanent redirect to `target`, a path within the site (under its `base`) or a URL.
pub(crate) fn moved(base: &str, target: &str) -> Response {
    let location = if target.starts_with('/') { format!("{base}{target}") } else { target.to_owned() };
    match axum::http::HeaderValue::from_str(&location) {
        Ok(value) => {
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            response.headers_mut().insert(axum::http::header::LOCATION, value);
            // Permanent, but an admin may change it: shared caches keep it a day at most.
            response.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("public, max-age=86400"),
            );
            response
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn error_page(
    app: &App,
    headers: &HeaderMap,
    path: &str,
    scope: Option<&Scope>,
    error: &ErrorPage,
) -> Result<Response, WebError> {
    if path.starts_with("/admin") {
        return admin_error_page(app, headers, path, error).await;
    }
    // The shared paths have no site of their own: they borrow the first site's frame. A public path no site answers for gets a bare page, nothing of any site's.
    let first = app.sites().first().cloned();
    let (site, base) = match (scope, first) {
        (Some(scope), _) => (scope.site.clone(), scope.base.clone()),
        (None, Some(first)) if crate::sites::is_shared(path) => (first, String::new()),
        _ => return Ok((error.status, "Not found\n").into_response()),
    };
    // A back-office page speaks the back office's language; a public one, the language of its
    // address.
    let lang = if path.starts_with("/admin") {
        crate::i18n::from_headers(headers, &app.i18n()).to_owned()
    } else {
        path.split('/')
            .nth(1)
            .filter(|l| site.has_language(l))
            .unwrap_or_else(|| site.default_language())
            .to_owned()
    };
    let origin =
        scope.map_or_else(|| crate::http::request_origin(headers, &Default::default()), |s| s.origin.clone());
    let ctx = crate::ctx::Ctx { site, lang, base, origin, i18n: app.i18n() };
    let (heading, message) = words(error, |key, arg| match arg {
        Some((name, value)) => ctx.t1(key, name, value),
        None => ctx.t(key),
    });
    // The menu needs the database, which may be what failed: show the page without it then.
    let menu = app.menu(ctx.site.id, &ctx.lang).await.unwrap_or_default();
    let layout = crate::views::Layout::new(app, &ctx, &menu, &heading, "", "");
    let body = app.theme().render(
        "error.html",
        minijinja::context! {
            layout,
            status => error.status.as_u16(),
            heading,
            message,
            news_url => ctx.url("news"),
        },
    )?;
    let meta = BodyMeta {
        status: error.status,
        content_type: "text/html; charset=utf-8",
        language: Some(&ctx.lang),
        cache_control: "no-store",
    };
    Ok(respond(headers, meta, body.as_bytes()))
}

/// The heading and the sentence under it for `error`, through `t` (a key, and maybe one
/// numeric argument) in the page's language.
fn words(error: &ErrorPage, t: impl Fn(&str, Option<(&str, i64)>) -> String) -> (String, String) {
    let message = error.message.as_ref().map(|message| match message {
        Message::Text(text) => text.clone(),
        Message::Key(key) => t(key, None),
        Message::Wait(seconds) => t("error-too-many-message", Some(("seconds", *seconds))),
    });
    let heading = |key| t(key, None);
    match error.status {
        StatusCode::NOT_FOUND => (heading("error-not-found-heading"), heading("error-not-found-message")),
        StatusCode::BAD_REQUEST => (
            heading("error-bad-request-heading"),
            message.unwrap_or_else(|| heading("error-bad-request-message")),
        ),
        StatusCode::GONE => (heading("error-gone-heading"), message.unwrap_or_default()),
        StatusCode::FORBIDDEN => (heading("error-forbidden-heading"), message.unwrap_or_default()),
        StatusCode::TOO_MANY_REQUESTS => (heading("error-too-many-heading"), message.unwrap_or_default()),
        StatusCode::PAYLOAD_TOO_LARGE => (heading("error-too-large-heading"), message.unwrap_or_default()),
        StatusCode::CONFLICT => (heading("error-conflict-heading"), message.unwrap_or_default()),
        StatusCode::UNPROCESSABLE_ENTITY => {
            (heading("error-unprocessable-heading"), message.unwrap_or_default())
        }
        _ => (heading("error-server-heading"), heading("error-server-message")),
    }
}

/// A back-office error on a back-office page, in the back office's language: inside the
/// signed-in person's frame (their menu, their language), or a bare back-office page for
/// someone not signed in. Never the public site's page.
async fn admin_error_page(
    app: &App,
    headers: &HeaderMap,
    path: &str,
    error: &ErrorPage,
) -> Result<Response, WebError> {
    use axum::extract::FromRequestParts;
    let (mut parts, ()) = axum::http::Request::new(()).into_parts();
    parts.headers = headers.clone();
    parts.uri = path.parse().unwrap_or_default();
    // Unavailable is the database gone: asking it who is signed in would wait for it again.
    let user = if error.status == StatusCode::SERVICE_UNAVAILABLE {
        None
    } else {
        crate::session::Signed::from_request_parts(&mut parts, app).await.ok()
    };
    let i18n = app.i18n();
    let lang = user.as_ref().map_or_else(|| crate::i18n::from_headers(headers, &i18n), |u| u.lang);
    let (heading, message) = words(error, |key, arg| match arg {
        Some((name, value)) => i18n.t1(lang, key, name, value),
        None => i18n.t(lang, key, None),
    });
    let status = error.status.as_u16();
    match user {
        Some(user) => {
            let layout = crate::admin::AdminLayout::new(app, &user, &heading, "");
            crate::admin::admin_page_with_status(
                app,
                headers,
                error.status,
                "admin/error.html",
                minijinja::context! { layout, heading, message, status, signed_in => true },
            )
        }
        None => {
            let layout = minijinja::context! { lang, dir => crate::i18n::I18n::direction(lang) };
            crate::admin::admin_page_with_status(
                app,
                headers,
                error.status,
                "admin/error_plain.html",
                minijinja::context! {
                    layout, heading, message, status, signed_in => false,
                    css_version => app.theme().admin_css_version.clone(),
                },
            )
        }
    }
}
