//! Built-in files: the stylesheets, the back office's scripts, the favicons and the share image.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::App;
use crate::head::SHARE_IMAGE;
use crate::http::{BodyMeta, respond};

/// `GET /assets/style.css`: immutable for a year when asked by its current fingerprint.
pub async fn stylesheet(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let theme = app.theme();
    let fingerprinted = query.as_deref() == Some(&format!("v={}", theme.css_version));
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: "text/css; charset=utf-8",
        language: None,
        cache_control: if fingerprinted {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=300"
        },
    };
    respond(&headers, meta, &theme.css)
}

/// `GET /assets/admin.css`.
pub async fn admin_stylesheet(
    State(app): State<App>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    static_asset(&headers, &app, query, "text/css; charset=utf-8", app.theme().admin_css().as_bytes())
}

/// `GET /assets/admin.js`.
pub async fn admin_script(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    static_asset(
        &headers,
        &app,
        query,
        "text/javascript; charset=utf-8",
        crate::templates::ADMIN_JS.as_bytes(),
    )
}

/// `GET /assets/copy.js`: the citation copy buttons of publication pages.
pub async fn copy_script(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    static_asset(
        &headers,
        &app,
        query,
        "text/javascript; charset=utf-8",
        crate::templates::COPY_JS.as_bytes(),
    )
}

/// `GET /assets/editor.js`: the rich editor, loaded by the document editor's page only.
pub async fn editor_script(
    State(app): State<App>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    static_asset(
        &headers,
        &app,
        query,
        "text/javascript; charset=utf-8",
        crate::templates::EDITOR_JS.as_bytes(),
    )
}

/// `GET /assets/editor.css`.
pub async fn editor_stylesheet(
    State(app): State<App>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    static_asset(&headers, &app, query, "text/css; charset=utf-8", crate::templates::EDITOR_CSS.as_bytes())
}

/// The site icon, linked from every page.
pub const FAVICON_SVG: &[u8] = include_bytes!("../../../../themes/default/static/favicon.svg");
/// The same icon for clients that ask for `/favicon.ico` without reading the page.
pub const FAVICON_ICO: &[u8] = include_bytes!("../../../../themes/default/static/favicon.ico");

/// A built-in file that changes only with a release of Portico: a day in caches.
fn built_in(headers: &HeaderMap, content_type: &'static str, body: &[u8]) -> Response {
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type,
        language: None,
        cache_control: "public, max-age=86400",
    };
    respond(headers, meta, body)
}

/// `GET /favicon.svg`.
pub async fn favicon_svg(headers: HeaderMap) -> Response {
    built_in(&headers, "image/svg+xml", FAVICON_SVG)
}

/// `GET /favicon.ico`.
pub async fn favicon_ico(headers: HeaderMap) -> Response {
    built_in(&headers, "image/x-icon", FAVICON_ICO)
}

/// `GET /assets/share.png`.
pub async fn share_image(headers: HeaderMap) -> Response {
    built_in(&headers, "image/png", SHARE_IMAGE)
}

fn static_asset(
    headers: &HeaderMap,
    app: &App,
    query: Option<String>,
    content_type: &'static str,
    body: &[u8],
) -> Response {
    let fingerprinted = query.as_deref() == Some(&format!("v={}", app.theme().admin_css_version));
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type,
        language: None,
        cache_control: if fingerprinted {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=300"
        },
    };
    respond(headers, meta, body)
}
