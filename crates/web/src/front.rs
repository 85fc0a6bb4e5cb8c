//! Cached pages answered in front of the middleware: the one path a busy site takes most.
//!
//! A page in the page cache was answered through nine layers (transport, request log,
//! security headers, cross-site check, CORS, write wake-up, set-up check, site routing, the
//! cache), each of which cloned the services below it and boxed its future: a third of the
//! time of a cached page. Here a `GET` or `HEAD` whose answer the cache holds is answered by
//! calling the same steps as plain functions, in the same order, with the same headers and
//! log line. Anything else — a miss, a write, the back office, a request the layers would
//! refuse or reroute — goes to the router untouched: nothing here changes the request.
//! The server asks here first, on the thread that read the request; requests rendered
//! in-process (the exporter) are never answered from the cache.
//!
//! Keep this in step with the layers in [`crate::App::router`]: a test compares a hit's
//! headers with the miss's that filled the cache.

use axum::http::Method;
use axum::response::Response;

use crate::app::App;
use crate::request_log::Began;
use crate::sites::Routed;

impl App {
    /// The answer the router would give `request`, received over the network, from the page
    /// cache; `None` when the router must answer it. The server calls it on the thread that
    /// reads the connection, before the router.
    pub fn answer_from_cache<B>(&self, request: &axum::http::Request<B>) -> Option<Response> {
        from_cache(self, request)
    }
}

/// The answer the layers would give `request` from the page cache, or `None` when it needs
/// them.
fn from_cache<B>(app: &App, request: &axum::http::Request<B>) -> Option<Response> {
    if !(request.method() == Method::GET || request.method() == Method::HEAD)
        || !app.inner.page_cache.enabled()
        || app.sites().is_empty()
    {
        return None;
    }
    // `security::transport`: in-process renders (the exporter) are left to the layers.
    let (https, _) = app.inner.transport.settle(request)?;
    // `sites::route_site`.
    let Routed::Site(scope, inner) = crate::sites::scope_of(app, request.headers(), request.uri(), https)
    else {
        return None;
    };
    let uri = inner.as_ref().unwrap_or(request.uri());
    // `cache::layer`.
    let key = crate::cache::layer::key_of(&scope, uri, request.headers())?;
    let mut response = crate::cache::layer::hit(app, &key, request.headers())?;
    // Begun once the answer is in hand, so that a miss makes no request id; the lookup it
    // leaves out of the duration takes microseconds, the line counts tenths of milliseconds.
    let began = Began::now(request);
    // What the layers above the cache add, innermost first. Pages are never the back office's.
    crate::security::add_headers(false, response.headers_mut());
    began.end(&mut response, Some(&scope.site.key), None);
    if https {
        crate::security::mark_https(&mut response);
    }
    Some(response)
}
