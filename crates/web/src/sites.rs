//! Which site a public request is for: by the `Host` header, or by a `/sites/{key}/…`
//! prefix (development and tests), decided before routing.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Uri, header};
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
        || path == "/healthz"
        || path == "/metrics"
}

/// Chooses the site, strips a `/sites/{key}` prefix, and records the choice for handlers.
pub async fn route_site(State(app): State<App>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if is_shared(&path) {
        return next.run(request).await;
    }
    let origin = crate::http::request_origin(request.headers(), request.uri());
    let scope = if let Some(rest) = path.strip_prefix("/sites/") {
        let (key, tail) = rest.split_once('/').unwrap_or((rest, ""));
        // The back office, API and media have one address each, with their own headers; a
        // second one under a site would answer with the public site's (framable) headers.
        if is_shared(&format!("/{tail}")) {
            return WebError::NotFound.into_response();
        }
        let Some(site) = app.site_by_key(key) else { return WebError::NotFound.into_response() };
        let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
        match format!("/{tail}{query}").parse::<Uri>() {
            Ok(uri) => *request.uri_mut() = uri,
            Err(_) => return WebError::NotFound.into_response(),
        }
        let origin = public_origin(&app, &site, origin);
        Scope { site, base: format!("/sites/{key}"), origin }
    } else {
        let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
        match app.site_for_host(host) {
            Some(site) => {
                let origin = public_origin(&app, &site, origin);
                Scope { site, base: String::new(), origin }
            }
            None => return WebError::NotFound.into_response(),
        }
    };
    crate::request_log::note_site(request.extensions(), &scope.site.key);
    request.extensions_mut().insert(scope);
    next.run(request).await
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
