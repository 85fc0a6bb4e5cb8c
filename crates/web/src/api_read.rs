//! The public, read-only JSON API: published releases (filtered, a page at a time by an
//! opaque cursor), one published release by id, the countries, themes and sites, and the
//! OpenAPI document that describes every `/api` route.
//!
//! Anyone may read it, from any origin (CORS for GET only), and every body goes out with a
//! strong ETag and a short `Cache-Control`. It must never show what readers may not see:
//! drafts and embargoed releases stay behind the token-guarded write API in `api`.

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use portico_content::DocumentId;
use portico_geo::Lang;
use portico_store::{PublishedRelease, ReleaseCursor, ReleaseFilter, Site};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::App;
use crate::api_error::ApiError;
use crate::http::{BodyMeta, respond};
use crate::pagination::shorten;

/// The OpenAPI 3.1 document, kept by hand next to the code it describes.
const OPENAPI: &str = include_str!("openapi.json");

/// How long clients and CDNs may reuse a read without asking again: short, so that a
/// release taken down disappears within a minute.
const CACHE_CONTROL: &str = "public, max-age=60";

/// Releases per page when the client does not say.
const DEFAULT_LIMIT: u32 = 20;

/// The most releases one page may hold.
const MAX_LIMIT: u32 = 100;

/// The query string as name–value pairs, or why it could not be read.
pub type QueryPairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The read API's routes. `GET /api/v1/releases/{id}` lives in `api`, which hands callers
/// without a token to [`published_release`].
pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/releases", get(list))
        .route("/api/v1/vacancies", get(vacancies))
        .route("/api/v1/publications", get(publications))
        .route("/api/v1/publications/{id}", get(publication))
        .route("/api/v1/countries", get(countries))
        .route("/api/v1/themes", get(themes))
        .route("/api/v1/sites", get(sites))
        .route("/api/openapi.json", get(openapi))
        // An API client should get a JSON error, not the site's HTML error page.
        .route("/api/{*rest}", any(no_such_route))
}

/// Whether `path` belongs to what any origin may read.
fn is_readable_cross_origin(path: &str) -> bool {
    path.starts_with("/api/v1/") || path == "/api/openapi.json"
}

/// CORS for the read API: any origin may GET (and HEAD); a preflight is granted for those
/// methods only, so a browser on another site can never send a write.
pub async fn cors(request: Request, next: Next) -> Response {
    if !is_readable_cross_origin(request.uri().path()) {
        return next.run(request).await;
    }
    let method = request.method().clone();
    if method == Method::OPTIONS {
        // An address that is no route gets the API's 404 below, not a grant.
        if let Some(allow) = allowed_methods(request.uri().path()) {
            return preflight(request.headers(), allow);
        }
    }
    let mut response = next.run(request).await;
    if method == Method::GET || method == Method::HEAD {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        // Neither is among the headers a cross-origin script may read by default; the request
        // id is what an integrator quotes when reporting a problem.
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("ETag, X-Request-Id"));
    }
    response
}

/// The methods an API address really takes, for `Allow`; `None` when it is no route. Keep in
/// step with [`routes`] and `api::routes`.
fn allowed_methods(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let is_id = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match segments.as_slice() {
        ["api", "openapi.json"] | ["api", "v1", "countries" | "themes" | "sites" | "vacancies"] => {
            Some("GET, HEAD, OPTIONS")
        }
        ["api", "v1", "publications"] => Some("GET, HEAD, OPTIONS"),
        ["api", "v1", "publications", id] if is_id(id) => Some("GET, HEAD, OPTIONS"),
        ["api", "v1", "releases"] => Some("GET, HEAD, POST, OPTIONS"),
        ["api", "v1", "releases", id] if is_id(id) => Some("GET, HEAD, PATCH, OPTIONS"),
        ["api", "v1", "releases", id, "submit" | "publish" | "schedule" | "unpublish" | "archive"]
            if is_id(id) =>
        {
            Some("POST, OPTIONS")
        }
        _ => None,
    }
}

fn preflight(headers: &HeaderMap, allow: &'static str) -> Response {
    let requested = headers.get(header::ACCESS_CONTROL_REQUEST_METHOD).map(HeaderValue::as_bytes);
    if requested.is_some_and(|m| m != b"GET" && m != b"HEAD") {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "cross_origin_write",
            "Other origins may only read this API (GET). Send writes from a server, with a token.",
        )
        .into_response();
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let out = response.headers_mut();
    out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    out.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, HEAD"));
    out.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("If-None-Match"));
    out.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    out.insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

/// Any other address under `/api/`.
async fn no_such_route() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such API route; see /api/openapi.json.")
}

/// `GET /api/openapi.json`.
async fn openapi(headers: HeaderMap) -> Response {
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: "application/json",
        language: None,
        cache_control: "public, max-age=300",
    };
    respond(&headers, meta, OPENAPI.as_bytes())
}

/// `value` as a JSON response with a strong ETag, a short cache lifetime and compression.
fn json<T: Serialize>(headers: &HeaderMap, language: Option<&str>, value: &T) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value)
        .map_err(|e| ApiError::from(crate::WebError::Internal(format!("cannot encode JSON: {e}"))))?;
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: "application/json",
        language,
        cache_control: CACHE_CONTROL,
    };
    Ok(respond(headers, meta, body))
}

fn invalid(parameter: &str, message: impl std::fmt::Display) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_parameter", format!("`{parameter}`: {message}"))
}

/// The query parameters of one request, each named at most once and known to the route.
struct Params(Vec<(String, String)>);

impl Params {
    /// Reads the query string; an unknown, repeated or empty parameter is a client error, so
    /// that a typo (`contry=sv`, `country=`) never silently widens the answer: the published
    /// schema gives every parameter a non-empty form.
    fn parse(query: QueryPairs, allowed: &[&str]) -> Result<Params, ApiError> {
        let Query(pairs) = query.map_err(|_| {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_parameter", "The query string could not be read.")
        })?;
        let mut seen: Vec<(String, String)> = Vec::new();
        for (name, value) in pairs {
            if !allowed.contains(&name.as_str()) {
                return Err(invalid(
                    &shorten(&name),
                    format_args!("unknown parameter; this route takes {}.", allowed.join(", ")),
                ));
            }
            if seen.iter().any(|(n, _)| *n == name) {
                return Err(invalid(&name, "given more than once."));
            }
            if value.trim().is_empty() {
                return Err(invalid(&name, "empty; leave the parameter out or give it a value."));
            }
            seen.push((name, value.trim().to_owned()));
        }
        Ok(Params(seen))
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, v)| n == name && !v.is_empty()).map(|(_, v)| v.as_str())
    }
}

/// The site named by `site=`, else the one the request's host name belongs to, else the
/// first (global) site.
fn site_param(app: &App, headers: &HeaderMap, params: &Params) -> Result<std::sync::Arc<Site>, ApiError> {
    if let Some(key) = params.get("site") {
        return app.site_by_key(key).ok_or_else(|| {
            invalid("site", format_args!("“{}” is not a site key; see /api/v1/sites.", shorten(key)))
        });
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    app.site_for_host(host)
        .or_else(|| app.sites().first().cloned())
        .ok_or_else(|| ApiError::from(crate::WebError::Internal("no site".to_owned())))
}

/// The alpha-2 code `country=` names, in either case; `None` without the parameter.
fn country_param(params: &Params) -> Result<Option<String>, ApiError> {
    let Some(code) = params.get("country") else { return Ok(None) };
    let country = portico_geo::country(code).ok_or_else(|| {
        invalid("country", format_args!("“{}” is not an ISO 3166-1 alpha-2 code such as SV.", shorten(code)))
    })?;
    Ok(Some(country.iso2.to_owned()))
}

/// The prefix of a site's public paths as the API gives them: none on the site's own host
/// name; `/sites/{key}` for a site reached by no host name of its own (other than the
/// fallback).
fn site_prefix(app: &App, site: Option<&Site>) -> (String, String) {
    let key = site.map(|s| s.key.clone()).unwrap_or_default();
    let own_host = site
        .is_some_and(|s| !s.hosts.is_empty() || app.inner.fallback_site.as_deref() == Some(s.key.as_str()));
    let prefix = if own_host { String::new() } else { format!("/sites/{key}") };
    (key, prefix)
}

fn language_param(site: &Site, params: &Params) -> Result<String, ApiError> {
    match params.get("language") {
        None => Ok(site.default_language().to_owned()),
        Some(lang) if site.has_language(lang) => Ok(lang.to_owned()),
        Some(lang) => Err(invalid(
            "language",
            format_args!(
                "the site “{}” does not publish in “{}”; it publishes in {}.",
                site.key,
                shorten(lang),
                site.languages.join(", ")
            ),
        )),
    }
}

/// The opaque position after `release` in the newest-first list: hex of
/// `r1:{publication time in Unix nanoseconds}:{document id}`.
fn encode_cursor(release: &PublishedRelease) -> String {
    let plain = format!("r1:{}:{}", release.published_at.unix_timestamp_nanos(), release.id.0);
    plain.bytes().map(|b| format!("{b:02x}")).collect()
}

fn decode_cursor(cursor: &str) -> Option<ReleaseCursor> {
    if !cursor.len().is_multiple_of(2) || cursor.len() > 128 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..cursor.len())
        .step_by(2)
        .map(|i| cursor.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect();
    let plain = String::from_utf8(bytes?).ok()?;
    let mut parts = plain.strip_prefix("r1:")?.split(':');
    let nanos: i128 = parts.next()?.parse().ok()?;
    let id: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    let published_at = OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
    Some(ReleaseCursor { published_at, id: DocumentId(id) })
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

/// An open vacancy as the read API shows it.
#[derive(Serialize)]
struct VacancyItem {
    id: i64,
    site: String,
    language: String,
    slug: String,
    url: String,
    title: String,
    summary: String,
    reference: String,
    duty_city: String,
    duty_country: String,
    grade: String,
    contract: &'static str,
    duration: String,
    unit: String,
    eligibility: &'static str,
    /// In the offset the vacancy was set in.
    opens_at: String,
    /// In the offset the vacancy was set in.
    closes_at: String,
    apply_to: String,
    published_at: String,
}

#[derive(Serialize)]
struct VacancyPage {
    data: Vec<VacancyItem>,
    total: i64,
    page: u32,
    next_page: Option<u32>,
}

/// `GET /api/v1/vacancies`: the open vacancies of a site in a language, closing soonest
/// first, a page at a time. Cached no longer than until one of the site's vacancies opens or
/// closes.
async fn vacancies(
    State(app): State<App>,
    headers: HeaderMap,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    use portico_content::vacancy::{Contract, GRADES};
    let params =
        Params::parse(query, &["site", "language", "country", "grade", "contract", "closing", "page"])?;
    let site = site_param(&app, &headers, &params)?;
    let language = language_param(&site, &params)?;
    let mut filter = portico_store::VacancyFilter { country: country_param(&params)?, ..Default::default() };
    if let Some(grade) = params.get("grade") {
        let known = GRADES.iter().find(|g| g.eq_ignore_ascii_case(grade)).ok_or_else(|| {
            invalid(
                "grade",
                format_args!("“{}” is not a grade; use one of {}.", shorten(grade), GRADES.join(", ")),
            )
        })?;
        filter.grade = Some((*known).to_owned());
    }
    if let Some(contract) = params.get("contract") {
        filter.contract = Some(Contract::parse(contract).ok_or_else(|| {
            invalid(
                "contract",
                format_args!(
                    "“{}” is not a contract type; use one of {}.",
                    shorten(contract),
                    Contract::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )
        })?);
    }
    match params.get("closing") {
        None => {}
        Some("soon") => filter.closing_soon = true,
        Some(other) => {
            return Err(invalid("closing", format_args!("“{}”: the only value is soon.", shorten(other))));
        }
    }
    let page: u32 = match params.get("page") {
        None => 1,
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .ok_or_else(|| invalid("page", "a whole number from 1."))?,
    };
    let per_page = portico_store::VACANCY_PAGE;
    let store = app.store();
    let country = site.country.as_deref();
    let list = store
        .open_vacancies(site.id, country, &language, &filter, per_page, i64::from(page - 1) * per_page)
        .await
        .map_err(crate::WebError::from)?;
    let next_change = store.next_vacancy_change(site.id, country).await.map_err(crate::WebError::from)?;
    let data = list
        .items
        .into_iter()
        .map(|item| {
            let (key, prefix) = site_prefix(&app, app.site_by_id(item.site).as_deref());
            let v = item.vacancy;
            VacancyItem {
                id: item.id.0,
                url: format!("{prefix}/{}/vacancies/{}", item.language, item.slug),
                site: key,
                language: item.language,
                slug: item.slug,
                title: item.title,
                summary: item.summary,
                reference: v.reference,
                duty_city: v.duty_city,
                duty_country: v.duty_country,
                grade: v.grade,
                contract: v.contract.as_str(),
                duration: v.duration,
                unit: v.unit,
                eligibility: v.eligibility.as_str(),
                opens_at: v.opens_at.format(&Rfc3339).unwrap_or_default(),
                closes_at: v.closes_at.format(&Rfc3339).unwrap_or_default(),
                apply_to: v.apply_to,
                published_at: rfc3339(item.published_at),
            }
        })
        .collect();
    let next_page = (i64::from(page) * per_page < list.total).then_some(page + 1);
    let mut response =
        json(&headers, Some(&language), &VacancyPage { data, total: list.total, page, next_page })?;
    crate::http::limit_lifetime(&mut response, next_change, 60);
    Ok(response)
}

/// A language version's PDF as the read API shows it.
#[derive(Serialize)]
struct PublicationFileItem {
    language: String,
    url: String,
    bytes: i64,
    pages: i32,
}

/// A publication as the read API shows it, in one language.
#[derive(Serialize)]
struct PublicationItem {
    id: i64,
    site: String,
    language: String,
    slug: String,
    url: String,
    title: String,
    summary: String,
    year: i32,
    authors: String,
    form: &'static str,
    isbn: Option<String>,
    issn: Option<String>,
    series: Option<String>,
    published_at: String,
    /// Only on the item: the list leaves them out, to stay one query per page.
    #[serde(skip_serializing_if = "Option::is_none")]
    files: Option<Vec<PublicationFileItem>>,
    /// Only on the item, as the files: what it is about and what it serves.
    #[serde(skip_serializing_if = "Option::is_none")]
    countries: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    themes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    goals: Option<Vec<String>>,
}

impl PublicationItem {
    fn new(app: &App, item: portico_store::PublishedPublication) -> PublicationItem {
        let (key, prefix) = site_prefix(app, app.site_by_id(item.site).as_deref());
        let p = item.publication;
        let given = |text: String| (!text.is_empty()).then_some(text);
        PublicationItem {
            id: item.id.0,
            url: format!("{prefix}/{}/publications/{}", item.language, item.slug),
            site: key,
            language: item.language,
            slug: item.slug,
            title: item.title,
            summary: item.summary,
            year: p.year,
            authors: p.authors,
            form: p.form.as_str(),
            isbn: given(p.isbn),
            issn: given(p.issn),
            series: given(p.series),
            published_at: rfc3339(item.published_at),
            files: None,
            countries: None,
            themes: None,
            goals: None,
        }
    }
}

#[derive(Serialize)]
struct PublicationPage {
    data: Vec<PublicationItem>,
    total: i64,
    page: u32,
    next_page: Option<u32>,
}

/// `GET /api/v1/publications`: a site's library in a language, newest year first, narrowed
/// by year, language, theme, country, series and goal, a page at a time.
async fn publications(
    State(app): State<App>,
    headers: HeaderMap,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    let params = Params::parse(
        query,
        &["site", "language", "year", "available_in", "theme", "country", "series", "goal", "page"],
    )?;
    let site = site_param(&app, &headers, &params)?;
    let language = language_param(&site, &params)?;
    let mut filter = portico_store::PublicationFilter {
        country: country_param(&params)?,
        office: site.country.clone(),
        ..Default::default()
    };
    if let Some(year) = params.get("year") {
        filter.year = Some(
            year.parse::<i32>()
                .ok()
                .filter(|y| year.len() == 4 && *y >= portico_content::publication::FIRST_YEAR)
                .ok_or_else(|| {
                    invalid("year", format_args!("“{}” is not a year such as 2026.", shorten(year)))
                })?,
        );
    }
    if let Some(available) = params.get("available_in") {
        if !site.has_language(available) {
            return Err(invalid(
                "available_in",
                format_args!(
                    "“{}” is not one of the site's languages ({}).",
                    shorten(available),
                    site.languages.join(", ")
                ),
            ));
        }
        filter.language = Some(available.to_owned());
    }
    if let Some(theme) = params.get("theme") {
        let themes = app.store().themes().await.map_err(crate::WebError::from)?;
        if !themes.iter().any(|t| t.slug == theme) {
            return Err(invalid(
                "theme",
                format_args!("“{}” is not a theme; see /api/v1/themes.", shorten(theme)),
            ));
        }
        filter.theme = Some(theme.to_owned());
    }
    if let Some(series) = params.get("series") {
        if series.chars().count() > 200 {
            return Err(invalid("series", "at most 200 characters."));
        }
        filter.series = Some(series.to_owned());
    }
    if let Some(goal) = params.get("goal") {
        let number = goal
            .parse::<u8>()
            .ok()
            .filter(|_| !goal.starts_with('0'))
            .and_then(portico_content::sdg::Goal::by_number)
            .ok_or_else(|| {
                invalid("goal", format_args!("“{}” is not a goal; goals are 1 to 17.", shorten(goal)))
            })?;
        filter.goal = Some(number.number);
    }
    let page: u32 = match params.get("page") {
        None => 1,
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .ok_or_else(|| invalid("page", "a whole number from 1."))?,
    };
    let per_page = portico_store::PUBLICATION_PAGE;
    let list = app
        .store()
        .library(site.id, &language, &site.languages, &filter, per_page, i64::from(page - 1) * per_page)
        .await
        .map_err(crate::WebError::from)?;
    let data = list.items.into_iter().map(|item| PublicationItem::new(&app, item)).collect();
    let next_page = (i64::from(page) * per_page < list.total).then_some(page + 1);
    json(&headers, Some(&language), &PublicationPage { data, total: list.total, page, next_page })
}

/// `GET /api/v1/publications/{id}`: one published publication, in `language=` when it has a
/// version in it, with the PDF of every published version.
async fn publication(
    State(app): State<App>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    let params = Params::parse(query, &["language"])?;
    let id: i64 = id.parse().map_err(|_| ApiError::from(crate::WebError::NotFound))?;
    let store = app.store();
    let item = store
        .published_publication_by_id(DocumentId(id), params.get("language"))
        .await
        .map_err(crate::WebError::from)?
        .ok_or(crate::WebError::NotFound)?;
    let files = store.publication_files(item.id).await.map_err(crate::WebError::from)?;
    let tags = store.document_tags(item.id).await.map_err(crate::WebError::from)?;
    let language = item.language.clone();
    let mut shown = PublicationItem::new(&app, item);
    shown.countries = Some(tags.countries);
    shown.themes = Some(tags.themes);
    shown.goals = Some(tags.goals);
    shown.files = Some(
        files
            .into_iter()
            .map(|f| PublicationFileItem {
                language: f.language,
                url: app.public_media_url(&f.path),
                bytes: f.bytes,
                pages: f.pages,
            })
            .collect(),
    );
    let mut response = json(&headers, Some(&language), &shown)?;
    response.extensions_mut().insert(crate::cache::Shows {
        documents: vec![DocumentId(id)],
        media: vec![],
        lists: vec![],
    });
    Ok(response)
}

/// A published release as the read API shows it.
#[derive(Serialize)]
struct ReleaseItem {
    id: i64,
    site: String,
    language: String,
    slug: String,
    url: String,
    title: String,
    summary: String,
    dateline: String,
    published_at: String,
    updated_at: String,
    countries: Vec<String>,
    themes: Vec<String>,
    goals: Vec<String>,
    body_html: String,
}

impl ReleaseItem {
    fn new(app: &App, release: PublishedRelease) -> ReleaseItem {
        let site = app.site_by_id(release.site);
        let (key, prefix) = site_prefix(app, site.as_deref());
        ReleaseItem {
            id: release.id.0,
            url: format!("{prefix}/{}/news/{}", release.language, release.slug),
            site: key,
            language: release.language,
            slug: release.slug,
            title: release.title,
            summary: release.summary,
            dateline: release.dateline,
            published_at: rfc3339(release.published_at),
            updated_at: rfc3339(release.updated_at),
            countries: release.countries,
            themes: release.themes,
            goals: release.goals,
            body_html: release.body_html,
        }
    }
}

#[derive(Serialize)]
struct ReleasePage {
    data: Vec<ReleaseItem>,
    next_cursor: Option<String>,
}

/// The validated parameters of a release-list request.
struct ListQuery {
    site: std::sync::Arc<Site>,
    language: String,
    filter: ReleaseFilter,
    limit: u32,
    after: Option<ReleaseCursor>,
}

impl ListQuery {
    async fn parse(app: &App, headers: &HeaderMap, query: QueryPairs) -> Result<ListQuery, ApiError> {
        let params =
            Params::parse(query, &["site", "language", "country", "theme", "year", "limit", "cursor"])?;
        let site = site_param(app, headers, &params)?;
        let language = language_param(&site, &params)?;
        let mut filter = ReleaseFilter { country: country_param(&params)?, ..ReleaseFilter::default() };
        if let Some(slug) = params.get("theme") {
            let theme = if portico_content::is_valid_slug(slug) {
                app.store().theme_by_slug(slug).await?
            } else {
                None
            };
            let theme = theme.ok_or_else(|| {
                invalid("theme", format_args!("“{}” is not a theme slug; see /api/v1/themes.", shorten(slug)))
            })?;
            filter.theme = Some(theme.slug);
        }
        if let Some(year) = params.get("year") {
            let parsed = year.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y));
            let parsed = parsed.ok_or_else(|| {
                invalid("year", format_args!("“{}” is not a four-digit year.", shorten(year)))
            })?;
            filter.year = Some(parsed);
        }
        let limit = match params.get("limit") {
            None => DEFAULT_LIMIT,
            Some(limit) => {
                limit.parse::<u32>().ok().filter(|l| (1..=MAX_LIMIT).contains(l)).ok_or_else(|| {
                    invalid(
                        "limit",
                        format_args!("“{}” is not a whole number from 1 to {MAX_LIMIT}.", shorten(limit)),
                    )
                })?
            }
        };
        let after = match params.get("cursor") {
            None => None,
            Some(cursor) => Some(decode_cursor(cursor).ok_or_else(|| {
                invalid(
                    "cursor",
                    "not a cursor this API gave out; pass `next_cursor` from a previous page as it is.",
                )
            })?),
        };
        Ok(ListQuery { site, language, filter, limit, after })
    }
}

/// `GET /api/v1/releases`: published releases, newest first, a page at a time.
async fn list(State(app): State<App>, headers: HeaderMap, query: QueryPairs) -> Result<Response, ApiError> {
    let q = ListQuery::parse(&app, &headers, query).await?;
    // One more than asked tells whether another page follows.
    let mut releases =
        app.store().published_releases_after(q.site.id, &q.language, &q.filter, q.after, q.limit + 1).await?;
    let more = releases.len() > q.limit as usize;
    releases.truncate(q.limit as usize);
    let next_cursor = if more { releases.last().map(encode_cursor) } else { None };
    let data = releases.into_iter().map(|r| ReleaseItem::new(&app, r)).collect();
    json(&headers, Some(&q.language), &ReleasePage { data, next_cursor })
}

/// `GET /api/v1/releases/{id}` without a token: the published release, in `language=` when
/// given; a 404 for anything else, so that an embargo never leaks.
pub async fn published_release(
    app: &App,
    headers: &HeaderMap,
    id: i64,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    let params = Params::parse(query, &["language"])?;
    let release = app
        .store()
        .published_release_by_id(DocumentId(id), params.get("language"))
        .await?
        .ok_or(crate::WebError::NotFound)?;
    let language = release.language.clone();
    let mut response = json(headers, Some(&language), &ReleaseItem::new(app, release))?;
    // Purged with the release alone, not with every list (see `crate::cache`).
    response.extensions_mut().insert(crate::cache::Shows {
        documents: vec![DocumentId(id)],
        media: vec![],
        lists: vec![],
    });
    Ok(response)
}

#[derive(Serialize)]
struct Listing<T> {
    data: Vec<T>,
}

#[derive(Serialize)]
struct Area {
    code: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct CountryItem {
    code: &'static str,
    iso3: &'static str,
    name: &'static str,
    region: Option<Area>,
    subregion: Option<Area>,
}

/// `GET /api/v1/countries`: every ISO 3166-1 country, named in `language=` (default en).
async fn countries(headers: HeaderMap, query: QueryPairs) -> Result<Response, ApiError> {
    let params = Params::parse(query, &["language"])?;
    let lang = match params.get("language") {
        None => Lang::En,
        Some(code) => Lang::from_code(code).ok_or_else(|| {
            invalid(
                "language",
                format_args!("“{}”: country names come in en, fr, es, de and ar.", shorten(code)),
            )
        })?,
    };
    let area = |r: &'static portico_geo::Region| Area { code: r.code, name: r.name(lang) };
    let data = portico_geo::countries()
        .iter()
        .map(|c| CountryItem {
            code: c.iso2,
            iso3: c.iso3,
            name: c.name(lang),
            region: c.region.map(area),
            subregion: c.subregion.map(area),
        })
        .collect();
    json(&headers, Some(lang.code()), &Listing::<CountryItem> { data })
}

#[derive(Serialize)]
struct ThemeItem {
    slug: String,
    name: String,
    description: String,
    /// Its name and description in other languages, by language code.
    names: std::collections::BTreeMap<String, ThemeNameItem>,
    /// The key of the site that keeps it for its own releases; `None` for every site's.
    site: Option<String>,
}

#[derive(Serialize)]
struct ThemeNameItem {
    name: String,
    description: String,
}

/// `GET /api/v1/themes`.
async fn themes(State(app): State<App>, headers: HeaderMap, query: QueryPairs) -> Result<Response, ApiError> {
    Params::parse(query, &[])?;
    let data = app
        .store()
        .themes()
        .await?
        .into_iter()
        .map(|t| ThemeItem {
            site: t.site_id.and_then(|id| app.sites().iter().find(|s| s.id.0 == id).map(|s| s.key.clone())),
            names: t
                .names
                .into_iter()
                .map(|n| (n.language, ThemeNameItem { name: n.name, description: n.description }))
                .collect(),
            slug: t.slug,
            name: t.name,
            description: t.description,
        })
        .collect();
    json(&headers, None, &Listing::<ThemeItem> { data })
}

#[derive(Serialize)]
struct SiteItem {
    key: String,
    name: String,
    languages: Vec<String>,
    country: Option<String>,
    hosts: Vec<String>,
}

/// `GET /api/v1/sites`: every site, the global one first.
async fn sites(State(app): State<App>, headers: HeaderMap, query: QueryPairs) -> Result<Response, ApiError> {
    Params::parse(query, &[])?;
    let data = app
        .sites()
        .iter()
        .map(|s| SiteItem {
            key: s.key.clone(),
            name: s.name.clone(),
            languages: s.languages.clone(),
            country: s.country.clone(),
            hosts: s.hosts.clone(),
        })
        .collect();
    json(&headers, None, &Listing::<SiteItem> { data })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_tampering() {
        let release = PublishedRelease {
            id: DocumentId(42),
            site: portico_content::SiteId(1),
            language: "en".into(),
            slug: "s".into(),
            title: "t".into(),
            summary: String::new(),
            dateline: String::new(),
            body_html: String::new(),
            published_at: time::macros::datetime!(2015-08-20 09:00 UTC),
            updated_at: time::macros::datetime!(2015-08-20 09:00 UTC),
            countries: vec![],
            themes: vec![],
            goals: vec![],
        };
        let cursor = encode_cursor(&release);
        assert_eq!(
            decode_cursor(&cursor),
            Some(ReleaseCursor { published_at: release.published_at, id: DocumentId(42) })
        );
        for bad in ["", "zz", "abc", &cursor[..cursor.len() - 1], &format!("{cursor}3a31"), "72313a783a31"] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}
