//! The probes a supervisor or load balancer asks: `/livez` (the process answers), `/readyz`
//! (this node should get traffic) and `/healthz` (the database answers; kept for the scripts
//! and monitors that already ask it).
//!
//! They belong to the install, not to a site (see [`crate::sites::is_shared`]), so they are
//! never cached, and they must never do more than a query or two: a prober asks every few
//! seconds.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::App;

/// A plain-text probe answer that no cache or proxy keeps.
fn answer(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], text)
        .into_response()
}

/// `GET /livez`: 200 while the process serves requests at all. Asks nothing of the database,
/// so that a database outage never gets every node restarted.
pub async fn livez() -> Response {
    answer(StatusCode::OK, "alive\n")
}

/// `GET /readyz`: 200 when the database answers with every migration this build knows
/// applied and the server is not shutting down; otherwise 503 with the reason in a line.
pub async fn readyz(State(app): State<App>) -> Response {
    if app.is_draining() {
        return answer(StatusCode::SERVICE_UNAVAILABLE, "shutting down\n");
    }
    match app.store().schema_is_current().await {
        Ok(true) => answer(StatusCode::OK, "ready\n"),
        Ok(false) => answer(StatusCode::SERVICE_UNAVAILABLE, "schema not migrated\n"),
        // The migrations' table unreadable: either the database is away or it was never
        // migrated; a ping tells which.
        Err(err) => match app.store().ping().await {
            Ok(()) => {
                tracing::warn!(error = %err, "readiness: cannot read the applied migrations");
                answer(StatusCode::SERVICE_UNAVAILABLE, "schema not migrated\n")
            }
            Err(err) => {
                tracing::warn!(error = %err, "readiness: the database does not answer");
                answer(StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
            }
        },
    }
}

/// `GET /healthz`: 200 when the database answers.
pub async fn healthz(State(app): State<App>) -> Response {
    match app.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}
