//! Errors of the web layer and the pages that show them.
//!
//! A handler's error becomes a bare response that carries an [`ErrorPage`] extension; the
//! [`render_error_pages`] middleware, which has the theme and the store, turns it into the
//! site's themed error page. Server errors are logged once, here, and never shown.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::App;
use crate::http::{BodyMeta, respond};

/// What can go wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Nothing public lives at this address.
    #[error("not found")]
    NotFound,
    /// The request is malformed; the message says what to fix, for a person.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Signed in, but the role or site scope does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// A state-changing request without a valid CSRF token or from another origin.
    #[error("cross-site request refused")]
    CsrfRejected,
    /// The back office needs a signed-in user; `next` is where to return after login.
    #[error("login required")]
    LoginRequired {
        /// The path and query to come back to.
        next: String,
    },
    /// Too many failed logins; try again after this many seconds.
    #[error("too many attempts")]
    TooManyRequests {
        /// Seconds to wait.
        retry_after: i64,
    },
    /// The request body is larger than we accept.
    #[error("request too large")]
    TooLarge(String),
    /// Our fault: logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<portico_store::StoreError> for WebError {
    fn from(err: portico_store::StoreError) -> Self {
        WebError::Internal(err.to_string())
    }
}

impl From<crate::RenderError> for WebError {
    fn from(err: crate::RenderError) -> Self {
        WebError::Internal(err.to_string())
    }
}

/// Marks a response as an error to be shown on the themed error page.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    status: StatusCode,
    message: Option<Message>,
}

/// What the error page says under its heading.
#[derive(Debug, Clone)]
enum Message {
    /// Written by the handler, in the language it answered in.
    Text(String),
    /// An interface string, put in the page's language when the page is drawn.
    Key(&'static str),
    /// Too many failed attempts: wait this many seconds.
    Wait(i64),
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            WebError::LoginRequired { next } => {
                let next = if next.starts_with("/admin") && !next.starts_with("/admin/login") {
                    next
                } else {
                    "/admin".to_owned()
                };
                let target = format!("/admin/login?next={}", crate::admin::percent_encode(&next));
                return axum::response::Redirect::to(&target).into_response();
            }
            WebError::Forbidden => (StatusCode::FORBIDDEN, Some(Message::Key("error-forbidden-message"))),
            WebError::CsrfRejected => (StatusCode::FORBIDDEN, Some(Message::Key("error-csrf-message"))),
            WebError::TooManyRequests { retry_after } => {
                let mut response =
                    error_response(StatusCode::TOO_MANY_REQUESTS, Some(Message::Wait(retry_after)));
                if let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string()) {
                    response.headers_mut().insert(axum::http::header::RETRY_AFTER, value);
                }
                return response;
            }
            WebError::TooLarge(message) => (StatusCode::PAYLOAD_TOO_LARGE, Some(Message::Text(message))),
            WebError::NotFound => (StatusCode::NOT_FOUND, None),
            WebError::BadRequest(message) => (StatusCode::BAD_REQUEST, Some(Message::Text(message))),
            WebError::Internal(detail) => {
                tracing::error!(error = %detail, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, None)
            }
        };
        error_response(status, message)
    }
}

fn error_response(status: StatusCode, message: Option<Message>) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(ErrorPage { status, message });
    response
}

/// Replaces bare error responses with the themed error page.
pub async fn render_error_pages(State(app): State<App>, request: Request, next: Next) -> Response {
    let headers = request.headers().clone();
    let path = request.uri().path().to_owned();
    let scope = request.extensions().get::<crate::Scope>().cloned();
    let response = next.run(request).await;
    let Some(error) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    match error_page(&app, &headers, &path, scope.as_ref(), &error).await {
        Ok(mut page) => {
            if let Some(retry_after) = response.headers().get(axum::http::header::RETRY_AFTER) {
                page.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after.clone());
            }
            page
        }
        Err(err) => {
            tracing::error!(error = %err, "cannot render the error page");
            let mut bare = (error.status, "Error").into_response();
            bare.extensions_mut().insert(error);
            bare
        }
    }
}

async fn error_page(
    app: &App,
    headers: &HeaderMap,
    path: &str,
    scope: Option<&crate::Scope>,
    error: &ErrorPage,
) -> Result<Response, WebError> {
    // The back office and the shared paths have no site of their own: they borrow the first
    // site's frame. A public path no site answers for gets a bare page, nothing of any site's.
    let first = app.sites().first().cloned();
    let (site, base) = match (scope, first) {
        (Some(scope), _) => (scope.site.clone(), scope.base.clone()),
        (None, Some(first)) if crate::sites::is_shared(path) => (first, String::new()),
        _ => return Ok((error.status, "Not found\n").into_response()),
    };
    // A back-office page speaks the back office's language; a public one, the language of its
    // address.
    let lang = if path.starts_with("/admin") {
        crate::admin::language::from_headers(headers, &app.i18n()).to_owned()
    } else {
        path.split('/')
            .nth(1)
            .filter(|l| site.has_language(l))
            .unwrap_or_else(|| site.default_language())
            .to_owned()
    };
    let origin =
        scope.map_or_else(|| crate::seo::request_origin(headers, &Default::default()), |s| s.origin.clone());
    let ctx = crate::views::Ctx { site, lang, base, origin, i18n: app.i18n() };
    let message = error.message.as_ref().map(|message| match message {
        Message::Text(text) => text.clone(),
        Message::Key(key) => ctx.t(key),
        Message::Wait(seconds) => ctx.t1("error-too-many-message", "seconds", *seconds),
    });
    let (heading, message) = match error.status {
        StatusCode::NOT_FOUND => (ctx.t("error-not-found-heading"), ctx.t("error-not-found-message")),
        StatusCode::BAD_REQUEST => (
            ctx.t("error-bad-request-heading"),
            message.unwrap_or_else(|| ctx.t("error-bad-request-message")),
        ),
        StatusCode::FORBIDDEN => (ctx.t("error-forbidden-heading"), message.unwrap_or_default()),
        StatusCode::TOO_MANY_REQUESTS => (ctx.t("error-too-many-heading"), message.unwrap_or_default()),
        StatusCode::PAYLOAD_TOO_LARGE => (ctx.t("error-too-large-heading"), message.unwrap_or_default()),
        _ => (ctx.t("error-server-heading"), ctx.t("error-server-message")),
    };
    // The menu needs the database, which may be what failed: show the page without it then.
    let menu = app.store().menu(ctx.site.id, &ctx.lang).await.unwrap_or_default();
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
