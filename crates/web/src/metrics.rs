//! Who may read `/metrics`: nobody, the holder of a token, or only this machine (the default).
//!
//! The counters say how busy the site is and what it caches; they are for the operator's
//! scraper, not the public. This module decides access only; the text is `cache`'s.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::App;
pub use crate::app::MetricsAccess;
use crate::session::{self as auth, ClientAddr};

/// Headers a reverse proxy adds: a request carrying one came from elsewhere through a proxy
/// on this machine, whatever its loopback address says.
const FORWARDED: [&str; 3] = ["forwarded", "x-forwarded-for", "x-real-ip"];

/// `GET /metrics`, as [`MetricsAccess`] allows.
pub async fn serve(State(app): State<App>, ClientAddr(client): ClientAddr, headers: HeaderMap) -> Response {
    match app.metrics_access() {
        MetricsAccess::Off => StatusCode::NOT_FOUND.into_response(),
        MetricsAccess::Loopback => {
            let loopback = client.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
            if loopback && !FORWARDED.iter().any(|name| headers.contains_key(*name)) {
                crate::cache::layer::metrics(State(app)).await
            } else {
                StatusCode::NOT_FOUND.into_response()
            }
        }
        MetricsAccess::Token(token) => {
            let given = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .unwrap_or("");
            if !token.is_empty() && auth::same_secret(given.trim(), token) {
                crate::cache::layer::metrics(State(app.clone())).await
            } else {
                (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response()
            }
        }
    }
}
