//! Which site a public request is for: by the `Host` header, or by a `/sites/{key}/…`
//! prefix (development and tests), decided before routing.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portico_store::Site;

use crate::{App, WebError};

/// The site a request is for, and the prefix its links need.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The site.
    pub site: Arc<Site>,
    /// "" on the site's own host, "/sites/{key}" under the development prefix.
    pub base: String,
    /// Scheme and host the request was sent to ("https://www.example.org"), for the absolute
    /// URLs of feeds, sitemaps and canonical links; see [`crate::http::request_origin`].
    pub origin: String,
}

/// Paths that belong to the whole install, not to one site.
pub fn is_shared(path: &str) -> bool {
    ["/admin", "/api/", "/assets/", "/media/"].iter().any(|p| path.starts_with(p))
        || is_probe(path)
        || path == "/metrics"
}

/// The supervisor's and load balancer's questions (see [`crate::probes`]): answered whatever
/// the host, and before the database has a site.
pub fn is_probe(path: &str) -> bool {
    matches!(path, "/healthz" | "/livez" | "/readyz")
}

/// Chooses the site, strips a `/sites/{key}` prefix, and records the choice for handlers.
pub async fn route_site(State(app): State<App>, mut request: Request, next: Next) -> Response {
    let https = crate::http::says_https(request.headers());
    let scope = match scope_of(&app, request.headers(), request.uri(), https) {
        Routed::Shared => return next.run(request).await,
        Routed::Unknown => return WebError::NotFound.into_response(),
        Routed::Site(scope, uri) => {
            if let Some(uri) = uri {
                *request.uri_mut() = uri;
            }
            scope
        }
    };
    crate::request_log::note_site(request.extensions(), &scope.site.key);
    request.extensions_mut().insert(scope);
    next.run(request).await
}

/// Where [`route_site`] sends a request.
pub(crate) enum Routed {
    /// An address of the whole install (the back office, the API, media, probes).
    Shared,
    /// No site: a `404`.
    Unknown,
    /// A site's address, and the address within the site when a `/sites/{key}` prefix is cut.
    Site(Scope, Option<Uri>),
}

/// Routes a request sent to `uri` with `headers`, over TLS or not.
pub(crate) fn scope_of(app: &App, headers: &HeaderMap, uri: &Uri, https: bool) -> Routed {
    let path = uri.path();
    if is_shared(path) {
        return Routed::Shared;
    }
    let origin = crate::http::origin_over(https, headers, uri);
    if let Some(rest) = path.strip_prefix("/sites/") {
        let (key, tail) = rest.split_once('/').unwrap_or((rest, ""));
        // The back office, API and media have one address each, with their own headers; a
        // second one under a site would answer with the public site's (framable) headers.
        if is_shared(&format!("/{tail}")) {
            return Routed::Unknown;
        }
        let Some(site) = app.site_by_key(key) else { return Routed::Unknown };
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        let Ok(inner) = format!("/{tail}{query}").parse::<Uri>() else { return Routed::Unknown };
        let origin = public_origin(app, &site, origin);
        Routed::Site(Scope { site, base: format!("/sites/{key}"), origin }, Some(inner))
    } else {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        match app.site_for_host(host) {
            Some(site) => {
                let origin = public_origin(app, &site, origin);
                Routed::Site(Scope { site, base: String::new(), origin }, None)
            }
            None => Routed::Unknown,
        }
    }
}

/// The scheme and authority of the absolute links (canonical, OpenGraph, feeds, sitemaps) of
/// a request for `site`. The host the client sent is kept only when a site is configured with
/// it (its port too: digits, or it would not have matched); any other name would write itself
/// into our pages, feeds and caches, so it gets the site's first configured host instead, or
/// `localhost` when it has none.
fn public_origin(app: &App, site: &Site, requested: String) -> String {
    let (scheme, authority) = requested.split_once("://").unwrap_or(("http", ""));
    let name = authority
        .rsplit_once(':')
        .filter(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(authority, |(name, _)| name);
    let claimed = app.sites().iter().any(|s| s.hosts.iter().any(|h| h.eq_ignore_ascii_case(name)));
    if claimed {
        return requested;
    }
    format!("{scheme}://{}", site.hosts.first().map_or("localhost", String::as_str))
}

impl FromRequestParts<App> for Scope {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &App) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Scope>().cloned().ok_or(WebError::NotFound)
    }
}

/// What every page says while the database has no site: a server started on an empty
/// database (other than the embedded default, which loads the demo) waits for
/// `portico init`, and picks the new site up within a minute.
const NOT_INITIALIZED: &str = "<!doctype html>
<html lang=\"en\">
<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<meta name=\"robots\" content=\"noindex\"><title>Not initialized yet</title></head>
<body>
<main>
<h1>This site is not initialized yet</h1>
<p>Portico is running, but its database holds no site yet.</p>
<p>The operator sets up the organization's site with <code>portico init</code>
(<code>portico init --help</code> lists what it asks for); this page turns into the site within
a minute. To look around first, <code>portico serve --demo</code> loads the demo content
instead.</p>
</main>
</body>
</html>
";

/// Answers every request with [`NOT_INITIALIZED`] (503) while there is no site, except the
/// probes and the stylesheets, so that monitoring sees a live process.
pub async fn require_initialized(State(app): State<App>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !app.sites().is_empty() || is_probe(path) || path.starts_with("/assets/") {
        return next.run(request).await;
    }
    (
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::RETRY_AFTER, "60"),
        ],
        NOT_INITIALIZED,
    )
        .into_response()
}
