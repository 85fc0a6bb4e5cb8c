//! The tagger, as the API and the command line use it: what the organization already knows
//! (partners, media contacts, themes) read from the store, and `POST /api/v1/tag`, which
//! reads a release in any of its formats and answers with every proposal and its evidence.
//!
//! Nothing here saves anything: proposals are for a person to accept or dismiss.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use portico_content::Action;
use portico_store::{Store, StoreError};
use portico_tagger::{Format, Input, KnownContact, KnownPartner, KnownTheme, Proposal, Registry, TagError};
use serde::{Deserialize, Serialize};

use crate::App;
use crate::api_error::ApiError;
use crate::session::ApiCaller;

/// The largest release the API reads: a `.docx` with its images fits.
const TAG_BODY_LIMIT: usize = 10 * 1024 * 1024;

/// The `.docx` media type.
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// What the organization already knows, for the tagger to match rather than duplicate.
#[derive(Debug, Default)]
pub struct Known {
    partners: Vec<KnownPartner>,
    contacts: Vec<KnownContact>,
    themes: Vec<KnownTheme>,
}

impl Known {
    /// Reads partners (every name and acronym in every language), contacts and themes.
    pub async fn read(store: &Store) -> Result<Known, StoreError> {
        let partners = store
            .partners()
            .await?
            .into_iter()
            .map(|p| {
                let mut names = vec![p.name.clone()];
                let mut acronyms: Vec<String> =
                    Some(p.acronym.clone()).into_iter().filter(|a| !a.is_empty()).collect();
                for n in &p.names {
                    if !n.name.is_empty() && !names.contains(&n.name) {
                        names.push(n.name.clone());
                    }
                    if !n.acronym.is_empty() && !acronyms.contains(&n.acronym) {
                        acronyms.push(n.acronym.clone());
                    }
                }
                KnownPartner { id: p.id.0, names, acronyms }
            })
            .collect();
        let contacts = store
            .contacts()
            .await?
            .into_iter()
            .map(|c| KnownContact {
                id: c.id.0,
                name: c.name,
                email: Some(c.email).filter(|e| !e.is_empty()),
            })
            .collect();
        let themes = store
            .themes()
            .await?
            .into_iter()
            .map(|t| {
                let mut names = vec![t.name.clone()];
                names.extend(t.names.iter().map(|n| n.name.clone()).filter(|n| !n.is_empty()));
                KnownTheme { slug: t.slug, names, keywords: Vec::new() }
            })
            .collect();
        Ok(Known { partners, contacts, themes })
    }

    /// Tags one release against what is known.
    pub fn tag(&self, format: Format, bytes: &[u8], language: Option<&str>) -> Result<Proposal, TagError> {
        let registry = Registry { partners: &self.partners, contacts: &self.contacts, themes: &self.themes };
        portico_tagger::tag(&Input { format, bytes, language }, &registry)
    }
}

/// The format a file's name says, else what its bytes look like.
pub fn format_of(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    match lower.rsplit_once('.').map(|(_, ext)| ext) {
        Some("docx") => Format::Docx,
        Some("html" | "htm") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        Some("txt") => Format::Text,
        _ => Format::detect(bytes),
    }
}

/// The API's tagging route.
pub fn routes() -> axum::Router<App> {
    axum::Router::new().route("/api/v1/tag", post(tag_release)).layer(DefaultBodyLimit::max(TAG_BODY_LIMIT))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagQuery {
    language: Option<String>,
}

#[derive(Serialize)]
struct Tagged {
    data: Proposal,
}

/// `POST /api/v1/tag?language=fr`: the body is the release, its `Content-Type` its format
/// (`text/plain`, `text/markdown`, `text/html`, or the `.docx` type); for anyone who may
/// write a draft on some site.
async fn tag_release(
    State(app): State<App>,
    caller: ApiCaller,
    headers: HeaderMap,
    query: Result<Query<TagQuery>, axum::extract::rejection::QueryRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let user = caller.as_signed();
    if !app.sites().iter().any(|s| user.may(Action::CreateDraft, s.id)) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Your role does not allow writing releases.",
        ));
    }
    let Query(query) = query.map_err(|rejection| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            format!("{}; the only parameter is `language`.", rejection.body_text()),
        )
    })?;
    let language = query.language.map(|l| l.to_ascii_lowercase());
    if language
        .as_deref()
        .is_some_and(|l| !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()))
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_language",
            "Give `language` as a two- or three-letter code, such as fr.",
        ));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let format = match content_type.as_str() {
        "text/plain" => Format::Text,
        "text/markdown" => Format::Markdown,
        "text/html" => Format::Html,
        DOCX => Format::Docx,
        "application/octet-stream" => Format::detect(&body),
        _ => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                format!("Send the release as text/plain, text/markdown, text/html or {DOCX}."),
            ));
        }
    };
    if body.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "empty_body",
            "Send the release as the request body.",
        ));
    }
    let known = Known::read(app.store()).await?;
    // Parsing a large document is CPU work: off the async threads.
    let tagged = tokio::task::spawn_blocking(move || known.tag(format, &body, language.as_deref()))
        .await
        .map_err(|err| ApiError::from(crate::WebError::Internal(format!("the tagger stopped: {err}"))))?;
    match tagged {
        Ok(proposal) => Ok(axum::Json(Tagged { data: proposal }).into_response()),
        Err(err) => {
            Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "unreadable_release", err.to_string()))
        }
    }
}
