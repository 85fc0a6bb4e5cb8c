//! Errors of the web layer, and the marks that ask for the themed page showing them.
//!
//! A handler's error becomes a bare response that carries an [`ErrorPage`] extension; the
//! [`crate::error_page::render_error_pages`] middleware, which has the theme and the store, turns it into the
//! site's themed error page. The error itself, with its whole cause chain, rides along as a
//! [`crate::request_log::LoggedError`] for the request's one log line: server errors are logged
//! there, once, and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use portico_store::StoreError;

use crate::request_log::LoggedError;

/// What can go wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Nothing public lives at this address.
    #[error("not found")]
    NotFound,
    /// Something public lived here and was taken down for good (a vacancy a year after it
    /// closed); the message says what and when.
    #[error("gone")]
    Gone(String),
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
    /// The media storage failed: our fault, logged with its cause, never shown.
    #[error("media storage failure")]
    Media(#[source] portico_media::StorageError),
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
            WebError::Gone(_) => StatusCode::GONE,
            WebError::Forbidden | WebError::CsrfRejected => StatusCode::FORBIDDEN,
            WebError::LoginRequired { .. } | WebError::StepRequired { .. } => StatusCode::SEE_OTHER,
            WebError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            // The database restarting is no bug of ours: the client may retry.
            WebError::Store(err) if err.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Store(_) | WebError::Media(_) | WebError::Render(_) | WebError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    /// This error and every cause under it, for the request's log line.
    pub(crate) fn logged(&self) -> LoggedError {
        LoggedError::new(self)
    }
}

/// Seconds a client is told to wait when the database is unreachable: about what a
/// PostgreSQL restart takes.
pub(crate) const UNAVAILABLE_RETRY_AFTER: &str = "5";

/// Sorts store errors by whose fault they are: the client's (a 4xx with a reason) or ours.
impl From<StoreError> for WebError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::StaleRevision | StoreError::Conflict { .. } | StoreError::LastAdmin => {
                WebError::Conflict(err)
            }
            StoreError::UnknownReference { .. } => WebError::Unprocessable(err),
            // A row the request named vanished under it (deleted between two queries).
            _ if err.is_row_not_found() => WebError::NotFound,
            _ => WebError::Store(err),
        }
    }
}

/// A media file that is not there is a 404 (so is a name that could never be one); any other
/// storage failure is ours.
impl From<portico_media::StorageError> for WebError {
    fn from(err: portico_media::StorageError) -> Self {
        match err {
            portico_media::StorageError::NotFound { .. } | portico_media::StorageError::BadName(_) => {
                WebError::NotFound
            }
            other => WebError::Media(other),
        }
    }
}

/// Marks a response as an error to be shown on the themed error page.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub(crate) status: StatusCode,
    pub(crate) message: Option<Message>,
}

/// What the error page says under its heading.
#[derive(Debug, Clone)]
pub(crate) enum Message {
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
    /// The bare response, marked for the themed error page; see [`crate::error_page::render_error_pages`].
    fn page_response(self) -> Response {
        let status = self.status();
        let message = match self {
            WebError::LoginRequired { next } => {
                let next = if next.starts_with("/admin") && !next.starts_with("/admin/login") {
                    next
                } else {
                    "/admin".to_owned()
                };
                let target = format!("/admin/login?next={}", crate::http::percent_encode(&next));
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
            WebError::Store(err) if err.is_unavailable() => {
                let mut response = error_response(status, None);
                response.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from_static(UNAVAILABLE_RETRY_AFTER),
                );
                return response;
            }
            WebError::TooLarge(message) | WebError::BadRequest(message) | WebError::Gone(message) => {
                Some(Message::Text(message))
            }
            WebError::Conflict(StoreError::LastAdmin) => Some(Message::Key("error-last-admin")),
            WebError::Conflict(_) => Some(Message::Key("error-conflict-message")),
            WebError::Unprocessable(_) => Some(Message::Key("error-unprocessable-message")),
            WebError::NotFound
            | WebError::Store(_)
            | WebError::Media(_)
            | WebError::Render(_)
            | WebError::Internal(_) => None,
        };
        error_response(status, message)
    }
}

fn error_response(status: StatusCode, message: Option<Message>) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(ErrorPage { status, message });
    response
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
