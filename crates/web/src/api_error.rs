//! The JSON API's error: an HTTP status, a stable code, a sentence and per-field problems,
//! with the error behind it kept for the request's log line. Shared by the read and write
//! APIs and the token extractor, below all of them.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_content::FieldError;
use portico_content::access::Refusal;
use portico_store::StoreError;
use serde_json::json;

use crate::error::WebError;
use crate::request_log::LoggedError;

/// An API failure: an HTTP status, a stable code, a sentence, and per-field problems.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: Vec<FieldError>,
    /// The error behind it, with its causes, for the request's log line; never sent.
    cause: Option<LoggedError>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into(), fields: Vec::new(), cause: None }
    }

    pub(crate) fn caused_by(mut self, cause: LoggedError) -> ApiError {
        self.cause = Some(cause);
        self
    }

    /// No token, or one that opens nothing (unknown, revoked, its user deleted).
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Send a valid API token as `Authorization: Bearer …`.",
        )
    }

    /// A rule's refusal, with a status by its kind: 403 for who the caller is, 400 for a
    /// step that does not exist, 409 for a step the document's status does not allow, 422 for
    /// a field the step needs (named in `fields` with the same code).
    pub fn refusal(refusal: Refusal) -> ApiError {
        let (status, message) = match refusal {
            Refusal::Forbidden => (StatusCode::FORBIDDEN, "Your role does not allow this on that site."),
            Refusal::TranslationIsLive => (
                StatusCode::FORBIDDEN,
                "This translation is published or scheduled; only an editor may change it.",
            ),
            Refusal::UnknownAction => (
                StatusCode::BAD_REQUEST,
                "No such workflow step; use submit, publish, schedule, unpublish or archive.",
            ),
            Refusal::InvalidTransition => (
                StatusCode::CONFLICT,
                "The release's status does not allow this step; GET it to see its status.",
            ),
            Refusal::MissingPublishTime => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Scheduling needs `at`, the time to publish at (RFC 3339).",
            ),
            Refusal::PublishTimePassed => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "`at` has passed; send a time in the future, or publish now.",
            ),
            Refusal::MissingAltText => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "The lead image has no alternative text; add it before the release goes public.",
            ),
        };
        let mut error = ApiError::new(status, refusal.code(), message);
        if let Some(name) = refusal.field() {
            error.fields = vec![field(name, refusal.code(), message)];
        }
        error
    }

    pub(crate) fn validation(fields: Vec<FieldError>) -> ApiError {
        let mut error = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "Some fields are not valid.",
        );
        error.fields = fields;
        error
    }
}

impl From<WebError> for ApiError {
    fn from(err: WebError) -> Self {
        let cause = err.logged();
        let error = match err {
            WebError::NotFound => {
                ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such release, or not one you may see.")
            }
            WebError::BadRequest(message) => ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message),
            WebError::Gone(message) => ApiError::new(StatusCode::GONE, "gone", message),
            WebError::Forbidden => ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Your role does not allow this on that site.",
            ),
            WebError::TooLarge(message) => ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message),
            WebError::CsrfRejected | WebError::LoginRequired { .. } | WebError::StepRequired { .. } => {
                ApiError::unauthorized()
            }
            WebError::TooManyRequests { .. } => {
                ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_requests", "Slow down.")
            }
            WebError::Conflict(err) | WebError::Unprocessable(err) => store_refusal(err),
            WebError::Store(err) if err.is_unavailable() => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The database cannot be reached just now; try again in a few seconds.",
            ),
            WebError::Store(_) | WebError::Media(_) | WebError::Render(_) | WebError::Internal(_) => {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side.",
                )
            }
        };
        error.caused_by(cause)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        ApiError::from(WebError::from(err))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code, "message": self.message, "fields": self.fields } });
        let logged = match &self.cause {
            Some(cause) => cause.context(self.code),
            None => LoggedError::message(self.code),
        };
        let mut response = (self.status, Json(body)).into_response();
        response.extensions_mut().insert(logged);
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from_static(crate::error::UNAVAILABLE_RETRY_AFTER),
            );
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// A store refusal as the API answers it: a conflict on a field, an unknown reference, a
/// stale revision; anything else as [`WebError`] sorts it.
pub(crate) fn store_refusal(err: StoreError) -> ApiError {
    let cause = LoggedError::new(&err);
    let error = match err {
        StoreError::Conflict { field: f } => {
            let mut error =
                ApiError::new(StatusCode::CONFLICT, "conflict", "A value that must be unique is taken.");
            error.fields = vec![field(f, "taken", "Another release in this language already uses it.")];
            error
        }
        StoreError::UnknownReference { what, value } => {
            let name = match what {
                "theme" => "themes",
                "partner" => "partners",
                "programme" => "programme",
                _ => "contacts",
            };
            ApiError::validation(vec![field(name, "unknown_reference", format!("{value:?} is not known."))])
        }
        StoreError::StaleRevision => ApiError::new(
            StatusCode::CONFLICT,
            "stale_revision",
            "The release was changed since the revision you sent; GET it and apply your change again.",
        ),
        other => return other.into(),
    };
    error.caused_by(cause)
}

pub(crate) fn field(field: &'static str, code: &'static str, message: impl Into<String>) -> FieldError {
    FieldError { field, code, message: message.into() }
}
