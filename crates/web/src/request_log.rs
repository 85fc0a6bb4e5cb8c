//! One log line per request: method, path, status, duration, site, user, request id, and the
//! error with its causes when there was one.
//!
//! The layer puts a [`LogSlot`] in the request's extensions; the site router and the
//! authentication extractors write the site key and the user id into it, and an error
//! response carries a [`LoggedError`] extension. The request id is taken from a well-formed
//! incoming `X-Request-Id` (a proxy's) or made here, and returned in the same header.
//!
//! Never log the query string (it may carry tokens), an email, a session id or a password.

use std::error::Error;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request};
use axum::http::{Extensions, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use portico_content::UserId;
use tracing::Instrument;

/// The header that carries the request id, both ways.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest incoming request id we keep; a longer one is replaced by our own.
const MAX_REQUEST_ID: usize = 64;

/// What handlers add to their request's log line. Shared by the layer and the handlers,
/// since the request's extensions do not come back with the response.
#[derive(Debug, Clone, Default)]
pub struct LogSlot(Arc<Mutex<LogFields>>);

#[derive(Debug, Default)]
struct LogFields {
    site: Option<String>,
    user: Option<UserId>,
}

impl LogSlot {
    fn with(&self, change: impl FnOnce(&mut LogFields)) {
        // A poisoned slot still holds plain values, set whole.
        let mut fields = self.0.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut fields);
    }

    fn fields(&self) -> (Option<String>, Option<UserId>) {
        let fields = self.0.lock().unwrap_or_else(|e| e.into_inner());
        (fields.site.clone(), fields.user)
    }
}

/// Names the site in the line of the request whose extensions these are.
pub fn note_site(extensions: &Extensions, key: &str) {
    if let Some(slot) = extensions.get::<LogSlot>() {
        slot.with(|fields| fields.site = Some(key.to_owned()));
    }
}

/// Names the signed-in user (by id only) in the line of the request whose extensions these
/// are.
pub fn note_user(extensions: &Extensions, user: UserId) {
    if let Some(slot) = extensions.get::<LogSlot>() {
        slot.with(|fields| fields.user = Some(user));
    }
}

/// An error and every cause under it, in one line, as the request log shows it.
#[derive(Debug, Clone)]
pub struct LoggedError(Arc<str>);

impl LoggedError {
    /// `err: its cause: the cause's cause…`, each said once.
    pub fn new(err: &(dyn Error + 'static)) -> LoggedError {
        let mut line = err.to_string();
        let mut source = err.source();
        while let Some(cause) = source {
            let text = cause.to_string();
            // Many errors print their cause in their own message too; say it once.
            if !line.contains(&text) {
                line.push_str(": ");
                line.push_str(&text);
            }
            source = cause.source();
        }
        LoggedError(line.into())
    }

    /// A plain message, for failures that are not error values.
    pub fn message(text: impl Into<String>) -> LoggedError {
        LoggedError(text.into().into())
    }

    /// This error, with what was being done when it happened in front.
    pub fn context(&self, doing: &str) -> LoggedError {
        LoggedError(format!("{doing}: {}", self.0).into())
    }

    /// Two errors of one request, the first one first.
    pub fn and(&self, then: &LoggedError) -> LoggedError {
        LoggedError(format!("{}; then {}", self.0, then.0).into())
    }
}

impl std::fmt::Display for LoggedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The id of the request: the caller's, when it is a short token of safe characters (so it
/// cannot forge log lines or headers), else a fresh random one.
fn request_id<B>(request: &axum::http::Request<B>) -> String {
    let incoming = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).filter(|id| {
        !id.is_empty()
            && id.len() <= MAX_REQUEST_ID
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    });
    match incoming {
        Some(id) => id.to_owned(),
        None => fresh_id(),
    }
}

/// 24 hex digits that no one can guess from earlier ones: a counter run through SipHash under
/// a key drawn once per process. The operating system's random source costs a system call
/// per request; the ids need to be unique and opaque, not secret.
fn fresh_id() -> String {
    use std::fmt::Write;
    use std::hash::BuildHasher;
    use std::sync::atomic::{AtomicU64, Ordering};
    static KEY: std::sync::OnceLock<std::hash::RandomState> = std::sync::OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let key = KEY.get_or_init(std::hash::RandomState::new);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let (high, low) = (key.hash_one((n, 0u8)), key.hash_one((n, 1u8)));
    let mut id = String::with_capacity(24);
    // Writing into a String cannot fail.
    let _ = write!(id, "{high:016x}{:08x}", low as u32);
    id
}

/// Logs one line per request and returns the request id in `X-Request-Id`.
///
/// A request that did not come over the network (the exporter renders every page through the
/// router in-process) is logged at debug level: one info line per exported page is noise.
pub async fn layer(mut request: Request, next: Next) -> Response {
    let began = Began::now(&request);
    let slot = LogSlot::default();
    request.extensions_mut().insert(slot.clone());
    // Whatever is logged while answering carries the request id too.
    let span = tracing::info_span!("request", request.id = %began.id);
    let mut response = next.run(request).instrument(span).await;
    let (site, user) = slot.fields();
    began.end(&mut response, site.as_deref(), user);
    response
}

/// A request being answered, as its log line will tell it.
pub(crate) struct Began {
    started: Instant,
    id: String,
    method: Method,
    path: String,
    served: bool,
}

impl Began {
    pub(crate) fn now<B>(request: &axum::http::Request<B>) -> Began {
        Began {
            started: Instant::now(),
            id: request_id(request),
            method: request.method().clone(),
            path: request.uri().path().to_owned(),
            served: request.extensions().get::<ConnectInfo<std::net::SocketAddr>>().is_some(),
        }
    }

    /// Returns the request id with the response and writes the request's line.
    pub(crate) fn end(self, response: &mut Response, site: Option<&str>, user: Option<UserId>) {
        let Began { started, id, method, path, served } = self;
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(REQUEST_ID.clone(), value);
        }
        let status = response.status();
        let site = site.unwrap_or("-");
        let user = user.map_or_else(|| "-".to_owned(), |u| u.0.to_string());
        let duration_ms = (started.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0;
        let error = response.extensions().get::<LoggedError>();
        macro_rules! request_line {
            ($level:ident, $($error:tt)*) => {
                tracing::$level!(
                    http.method = %method,
                    http.path = %path,
                    http.status = status.as_u16(),
                    duration_ms,
                    site.key = %site,
                    user.id = %user,
                    request.id = %id,
                    $($error)*
                    "request"
                )
            };
        }
        match error {
            Some(error) if status.is_server_error() => request_line!(error, error = %error,),
            Some(error) if served => request_line!(info, error = %error,),
            Some(error) => request_line!(debug, error = %error,),
            None if served => request_line!(info,),
            None => request_line!(debug,),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Outer(#[source] Middle);

    #[derive(Debug, thiserror::Error)]
    #[error("middle: {0}")]
    struct Middle(#[source] std::io::Error);

    #[test]
    fn a_logged_error_names_every_cause_once() {
        let err = Outer(Middle(std::io::Error::other("disk on fire")));
        assert_eq!(LoggedError::new(&err).to_string(), "outer: middle: disk on fire");
    }

    #[test]
    fn only_short_safe_request_ids_are_taken_from_the_caller() {
        let with = |value: &str| {
            let request = Request::builder().header("x-request-id", value).body(axum::body::Body::empty());
            request_id(&request.expect("request"))
        };
        assert_eq!(with("abc-123_X.y"), "abc-123_X.y");
        let forged = with("abc\" user.id=1");
        assert_ne!(forged, "abc\" user.id=1");
        assert_eq!(forged.len(), 24, "a fresh id replaces it: {forged}");
        assert_eq!(with(&"a".repeat(65)).len(), 24);
        assert_ne!(with(""), with(""), "fresh ids differ");
    }
}
