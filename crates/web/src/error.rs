//! Errors of the web layer and the pages that show them.
//!
//! A handler's error becomes a bare response that carries an [`ErrorPage`] extension; the
//! [`render_error_pages`] middleware, which has the theme and the store, turns it into the
//! site's themed error page. The error itself, with its whole cause chain, rides along as a
//! [`crate::request_log::LoggedError`] for the request's one log line: server errors are logged
//! there, once, and never shown.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use portico_store::StoreError;

use crate::App;
use crate::http::{BodyMeta, respond};
use crate::request_log::LoggedError;

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
    /// The session is only half signed in and must finish a step first: the second factor, or
    /// enrolling in it. `path` is where that step is.
    #[error("sign-in step required")]
    StepRequired {
        /// The step's page.
        path: String,
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
    /// The request collides with what is stored: a stale revision, a value already taken.
    #[error("conflict")]
    Conflict(#[source] StoreError),
    /// The request names something that does not exist, or a value the store refuses.
    #[error("unprocessable request")]
    Unprocessable(#[source] StoreError),
    /// The store failed: our fault, logged with its cause, never shown.
    #[error("store failure")]
    Store(#[source] StoreError),
    /// A template failed: our fault, logged with its cause, never shown.
    #[error("cannot render the page")]
    Render(#[from] crate::RenderError),
    /// Our fault: logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Forbidden | WebError::CsrfRejected => StatusCode::FORBIDDEN,
            WebError::LoginRequired { .. } | WebError::StepRequired { .. } => StatusCode::SEE_OTHER,
            WebError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Store(_) | WebError::Render(_) | WebError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    /// This error and every cause under it, for the request's log line.
    pub(crate) fn logged(&self) -> LoggedError {
        LoggedError::new(self)
    }
}

/// Sorts store errors by whose fault they are: the client's (a 4xx with a reason) or ours.
impl From<StoreError> for WebError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::StaleRevision | StoreError::Conflict { .. } => WebError::Conflict(err),
            StoreError::UnknownReference { .. } => WebError::Unprocessable(err),
            // A row the request named vanished under it (deleted between two queries).
            _ if err.is_row_not_found() => WebError::NotFound,
            _ => WebError::Store(err),
        }
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
        let logged = self.logged();
        let mut response = self.page_response();
        response.extensions_mut().insert(logged);
        response
    }
}

impl WebError {
    /// The bare response, marked for the themed error page; see [`render_error_pages`].
    fn page_response(self) -> Response {
        let status = self.status();
        let message = match self {
            WebError::LoginRequired { next } => {
                let next = if next.starts_with("/admin") && !next.starts_with("/admin/login") {
                    next
                } else {
                    "/admin".to_owned()
                };
                let target = format!("/admin/login?next={}", crate::admin::percent_encode(&next));
                return axum::response::Redirect::to(&target).into_response();
            }
            WebError::StepRequired { path } => return axum::response::Redirect::to(&path).into_response(),
            WebError::Forbidden => Some(Message::Key("error-forbidden-message")),
            WebError::CsrfRejected => Some(Message::Key("error-csrf-message")),
            WebError::TooManyRequests { retry_after } => {
                let mut response = error_response(status, Some(Message::Wait(retry_after)));
                if let Ok(value) = axum::http::HeaderValue::from_str(&retry_after.to_string()) {
                    response.headers_mut().insert(axum::http::header::RETRY_AFTER, value);
                }
                return response;
            }
            WebError::TooLarge(message) | WebError::BadRequest(message) => Some(Message::Text(message)),
            WebError::Conflict(_) => Some(Message::Key("error-conflict-message")),
            WebError::Unprocessable(_) => Some(Message::Key("error-unprocessable-message")),
            WebError::NotFound | WebError::Store(_) | WebError::Render(_) | WebError::Internal(_) => None,
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
        StatusCode::CONFLICT => (ctx.t("error-conflict-heading"), message.unwrap_or_default()),
        StatusCode::UNPROCESSABLE_ENTITY => {
            (ctx.t("error-unprocessable-heading"), message.unwrap_or_default())
        }
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

#[cfg(test)]
mod tests {
    use std::error::Error;

    use super::*;

    fn logged(response: &Response) -> String {
        response.extensions().get::<LoggedError>().map(ToString::to_string).unwrap_or_default()
    }

    #[test]
    fn a_store_failure_keeps_its_cause_for_the_log_and_shows_nothing() {
        let err = WebError::from(StoreError::Corrupt("status \"flying\"".to_owned()));
        let source = err.source().and_then(|s| s.downcast_ref::<StoreError>());
        assert!(matches!(source, Some(StoreError::Corrupt(_))), "the store error is the source: {source:?}");
        let response = err.into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(logged(&response), "store failure: corrupt value in the database: status \"flying\"");
        let page = response.extensions().get::<ErrorPage>().expect("an error page");
        assert!(page.message.is_none(), "a server error says nothing of its cause to the client");
    }

    #[test]
    fn conflicts_are_409_unknown_references_422_and_others_500() {
        let status = |err: StoreError| WebError::from(err).status();
        assert_eq!(status(StoreError::StaleRevision), StatusCode::CONFLICT);
        assert_eq!(status(StoreError::Conflict { field: "slug" }), StatusCode::CONFLICT);
        assert_eq!(
            status(StoreError::UnknownReference { what: "theme", value: "x".to_owned() }),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(status(StoreError::Corrupt(String::new())), StatusCode::INTERNAL_SERVER_ERROR);
        let stale = WebError::from(StoreError::StaleRevision).into_response();
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        assert_eq!(logged(&stale), "conflict: the document was changed by someone else");
    }
}
