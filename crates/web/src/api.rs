//! The JSON API for integrations, by bearer token: the same actions as the back office, with
//! the same permission checks, and errors as JSON with a stable code.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use portico_content::access::Refusal;
use portico_content::{Action, DocumentId, Draft, FieldError, Kind, MediaId, Status, Transition, slugify};
use portico_store::EditableVariant;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::api_error::{ApiError, field, store_refusal};
use crate::session::ApiCaller;
use crate::workflow::{self as shared, StepError};
use crate::{App, WebError};

/// The API's routes.
pub fn routes() -> axum::Router<App> {
    axum::Router::new()
        .route("/api/v1/releases", post(create))
        .route("/api/v1/releases/{id}", get(read).patch(update))
        .route("/api/v1/releases/{id}/{action}", post(workflow))
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::BytesRejection(_) => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", "The request body is too large.")
        }
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send `Content-Type: application/json`.",
        ),
        other => ApiError::new(StatusCode::BAD_REQUEST, "invalid_json", other.body_text()),
    }
}

/// A release as the API shows it.
#[derive(Serialize)]
pub struct ReleaseOut {
    id: i64,
    site: String,
    language: String,
    status: Status,
    revision: i32,
    title: String,
    slug: String,
    dateline: String,
    published_at: Option<String>,
    summary: String,
    body_markdown: String,
    countries: Vec<String>,
    themes: Vec<String>,
    partners: Vec<String>,
    programme: String,
    contacts: Vec<String>,
    image: Option<i64>,
    goals: Vec<String>,
    url: Option<String>,
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

fn release_out(app: &App, doc: &EditableVariant) -> ReleaseOut {
    let d = &doc.draft;
    ReleaseOut {
        id: doc.document.0,
        site: app.site_by_id(doc.site).map(|s| s.key.clone()).unwrap_or_default(),
        language: doc.language.clone(),
        status: doc.status,
        revision: doc.revision,
        title: d.title.clone(),
        slug: d.slug.clone(),
        dateline: d.dateline.clone(),
        published_at: d.published_at.map(rfc3339),
        summary: d.summary.clone(),
        body_markdown: d.body_markdown.clone(),
        countries: d.countries.clone(),
        themes: d.themes.clone(),
        partners: d.partners.clone(),
        programme: d.programme.clone(),
        contacts: d.contacts.clone(),
        image: d.image.map(|m| m.0),
        goals: d.goals.clone(),
        url: (doc.status == Status::Published).then(|| format!("/{}/news/{}", doc.language, d.slug)),
    }
}

/// Fields a client may send; absent ones keep their value on PATCH.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ReleaseIn {
    site: Option<String>,
    language: Option<String>,
    title: Option<String>,
    slug: Option<String>,
    dateline: Option<String>,
    published_at: Option<String>,
    summary: Option<String>,
    body_markdown: Option<String>,
    countries: Option<Vec<String>>,
    themes: Option<Vec<String>>,
    partners: Option<Vec<String>>,
    programme: Option<String>,
    contacts: Option<Vec<String>>,
    image: Option<Option<i64>>,
    goals: Option<Vec<String>>,
    revision: Option<i32>,
}

/// Applies the sent fields onto `draft`; returns the problems with them.
async fn apply(
    app: &App,
    site: portico_content::SiteId,
    input: ReleaseIn,
    draft: &mut Draft,
) -> Result<Vec<FieldError>, ApiError> {
    let mut errors = Vec::new();
    if let Some(v) = input.title {
        draft.title = v.trim().to_owned();
    }
    if let Some(v) = input.slug {
        draft.slug = v.trim().to_owned();
    }
    if draft.slug.is_empty() {
        draft.slug = slugify(&draft.title);
    }
    if let Some(v) = input.dateline {
        draft.dateline = v.trim().to_owned();
    }
    if let Some(v) = input.published_at {
        match OffsetDateTime::parse(&v, &Rfc3339) {
            Ok(at) => draft.published_at = Some(at),
            Err(_) => errors.push(field(
                "published_at",
                "invalid_time",
                "Use RFC 3339, such as 2026-11-28T09:00:00Z.",
            )),
        }
    }
    if let Some(v) = input.summary {
        draft.summary = v.trim().to_owned();
    }
    if let Some(v) = input.body_markdown {
        draft.body_markdown = v;
    }
    if let Some(v) = input.countries {
        draft.countries = v.iter().map(|c| c.trim().to_ascii_uppercase()).collect();
    }
    if let Some(v) = input.themes {
        draft.themes = v;
    }
    if let Some(v) = input.partners {
        draft.partners = v;
    }
    if let Some(v) = input.programme {
        draft.programme = v.trim().to_owned();
    }
    if let Some(v) = input.contacts {
        draft.contacts = v;
    }
    if let Some(v) = input.goals {
        draft.goals = v.iter().map(|c| c.trim().to_owned()).collect();
    }
    if let Some(image) = input.image {
        draft.image = image.map(MediaId);
        if let Some(id) = draft.image {
            match app.store().media(id).await? {
                Some(media) if media.site == site && media.kind == "image" => {}
                _ => errors.push(field("image", "unknown_image", "No image with this id on this site.")),
            }
        }
    }
    // Parsing the body costs CPU time in proportion to it: off the async workers.
    let checked = draft.clone();
    errors.extend(
        shared::off_runtime(move || {
            checked.validate(Kind::Release, |code| portico_geo::country(code).is_some_and(|c| c.iso2 == code))
        })
        .await?,
    );
    Ok(errors)
}

/// `POST /api/v1/releases`: creates a draft.
pub async fn create(
    State(app): State<App>,
    caller: ApiCaller,
    body: Result<Json<ReleaseIn>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(input) = body.map_err(json_rejection)?;
    let user = caller.as_signed();
    let site_key = input.site.clone().unwrap_or_default();
    let site = app.site_by_key(&site_key).ok_or_else(|| {
        ApiError::validation(vec![field(
            "site",
            "unknown_site",
            "Name a site by its key, such as \"global\".",
        )])
    })?;
    user.require(Action::CreateDraft, site.id)?;
    let language = input.language.clone().unwrap_or_else(|| site.default_language().to_owned());
    if !site.has_language(&language) {
        return Err(ApiError::validation(vec![field(
            "language",
            "unknown_language",
            "The site does not publish in this language.",
        )]));
    }
    let mut draft = Draft::default();
    let mut errors = apply(&app, site.id, input, &mut draft).await?;
    draft.published_at = shared::publication_time(&user, site.id, None, draft.published_at);
    if !user.may(Action::Publish, site.id) {
        errors.retain(|e| e.field != "published_at");
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let new = portico_store::NewDocument {
        site: site.id,
        kind: Kind::Release,
        language,
        draft,
        status: Status::Draft,
        author: Some(user.user.id),
    };
    let (document, _) =
        app.store().create_document(&new, &user.doing("document.create")).await.map_err(store_refusal)?;
    let doc = app.store().editable_variant(document, None).await?.ok_or(WebError::NotFound)?;
    Ok((StatusCode::CREATED, Json(release_out(&app, &doc))).into_response())
}

async fn visible_release(
    app: &App,
    caller: &ApiCaller,
    id: i64,
    language: Option<&str>,
) -> Result<EditableVariant, ApiError> {
    let language = language.filter(|l| !l.is_empty());
    let doc = app.store().editable_variant(DocumentId(id), language).await?.ok_or(WebError::NotFound)?;
    if doc.kind != Kind::Release || !caller.as_signed().may(Action::ViewDrafts, doc.site) {
        return Err(WebError::NotFound.into());
    }
    Ok(doc)
}

/// `GET /api/v1/releases/{id}`: with a token, any status to those who may see the site's
/// drafts; without one, only the published release, as the public read API shows it.
pub async fn read(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<i64>, axum::extract::rejection::PathRejection>,
    query: crate::api_read::QueryPairs,
) -> Result<Response, ApiError> {
    // An id that is not a number names no release.
    let Ok(Path(id)) = id else { return Err(WebError::NotFound.into()) };
    if !headers.contains_key(header::AUTHORIZATION) {
        return crate::api_read::published_release(&app, &headers, id, query).await;
    }
    let caller = caller?;
    let doc = visible_release(&app, &caller, id, None).await?;
    Ok(Json(release_out(&app, &doc)).into_response())
}

/// Which language variant of a release a write addresses (`?language=fr`); the original
/// when none is named.
#[derive(Deserialize, Default)]
pub struct VariantQuery {
    language: Option<String>,
}

/// `PATCH /api/v1/releases/{id}[?language=fr]`: changes the fields sent; `revision`, when
/// sent, must be the current one. A translator's refusal on a live translation is 403
/// `translation_is_live`; a publication time sent by someone who may not publish is ignored.
pub async fn update(
    State(app): State<App>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    Query(query): Query<VariantQuery>,
    body: Result<Json<ReleaseIn>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(input) = body.map_err(json_rejection)?;
    let doc = visible_release(&app, &caller, id, query.language.as_deref()).await?;
    let user = caller.as_signed();
    shared::edit_refusal(&user, &doc).map_err(ApiError::refusal)?;
    if input.site.is_some() || input.language.is_some() {
        return Err(ApiError::validation(vec![field(
            "site",
            "immutable",
            "A release's site and language cannot change.",
        )]));
    }
    let expected = input.revision.unwrap_or(doc.revision);
    let mut draft = doc.draft.clone();
    let mut errors = apply(&app, doc.site, input, &mut draft).await?;
    draft.published_at =
        shared::publication_time(&user, doc.site, doc.draft.published_at, draft.published_at);
    if !user.may(Action::Publish, doc.site) {
        errors.retain(|e| e.field != "published_at");
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    app.store()
        .update_document(doc.document, &doc.language, expected, &draft, &user.doing("document.save"))
        .await
        .map_err(store_refusal)?;
    let doc =
        app.store().editable_variant(doc.document, Some(&doc.language)).await?.ok_or(WebError::NotFound)?;
    Ok(Json(release_out(&app, &doc)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct WorkflowIn {
    at: Option<String>,
}

/// The workflow steps the API takes; the back office's "return" and "restore draft" buttons
/// are the same move as `unpublish` there.
const API_STEPS: [Transition; 5] = [
    Transition::Submit,
    Transition::Publish,
    Transition::Schedule,
    Transition::Unpublish,
    Transition::Archive,
];

/// `POST /api/v1/releases/{id}/{submit|publish|schedule|unpublish|archive}`. Refusals come
/// with distinct statuses and codes: see [`ApiError::refusal`]; a status changed by someone
/// else meanwhile is 409 `stale_revision`.
pub async fn workflow(
    State(app): State<App>,
    caller: ApiCaller,
    Path((id, action)): Path<(i64, String)>,
    Query(query): Query<VariantQuery>,
    body: Option<Json<WorkflowIn>>,
) -> Result<Response, ApiError> {
    if !action.parse().is_ok_and(|step| API_STEPS.contains(&step)) {
        return Err(ApiError::refusal(Refusal::UnknownAction));
    }
    let doc = visible_release(&app, &caller, id, query.language.as_deref()).await?;
    let at = match body.and_then(|Json(b)| b.at) {
        Some(at) => Some(OffsetDateTime::parse(&at, &Rfc3339).map_err(|_| {
            ApiError::validation(vec![field(
                "at",
                "invalid_time",
                "Use RFC 3339, such as 2026-11-28T09:00:00Z.",
            )])
        })?),
        None => None,
    };
    let user = caller.as_signed();
    match shared::apply_workflow(&app, &user, &doc, &action, at).await {
        Ok(_) => {}
        Err(StepError::Refused(refusal)) => return Err(ApiError::refusal(refusal)),
        Err(StepError::StatusChanged) => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "stale_revision",
                "Someone else moved the release through the workflow meanwhile; GET it and try again.",
            ));
        }
        Err(StepError::Failed(err)) => return Err(err.into()),
    }
    let doc =
        app.store().editable_variant(doc.document, Some(&doc.language)).await?.ok_or(WebError::NotFound)?;
    Ok(Json(release_out(&app, &doc)).into_response())
}
