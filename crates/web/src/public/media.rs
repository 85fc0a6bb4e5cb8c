//! Uploaded media files, served to whoever may see them.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use crate::http::{BodyMeta, respond};
use crate::{App, WebError};

type Result<T, E = WebError> = std::result::Result<T, E>;

/// Who may fetch a media file, and so how it may be cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MediaAudience {
    /// Anyone: something published uses it, or an editor made it public. Cached for a year
    /// (a media item's files never change; new uploads get new ids).
    Everyone,
    /// Only signed-in users who may see its site's drafts; never stored by a cache.
    SignedIn,
}

/// `GET /media/{id}-{token}/{file}`: an original or a rendition.
///
/// An item nothing published uses is private: the signed-in users of its site get it, anyone
/// else a 404 (never a 403, which would say it exists). The old `/media/{id}/{file}` address,
/// without the token, still serves public items.
pub async fn file(
    State(app): State<App>,
    headers: HeaderMap,
    viewer: std::result::Result<crate::session::Signed, WebError>,
    Path((key, file)): Path<(String, String)>,
) -> Result<Response> {
    let (stem, extension) = file.split_once('.').ok_or(WebError::NotFound)?;
    let content_type = match extension {
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => return Err(WebError::NotFound),
    };
    if !(stem == "original"
        || (!stem.is_empty() && stem.len() <= 5 && stem.bytes().all(|b| b.is_ascii_digit())))
    {
        return Err(WebError::NotFound);
    }
    let (id, token) = match key.split_once('-') {
        Some((id, token)) => (id, Some(token)),
        None => (key.as_str(), None),
    };
    let id = id.parse::<i64>().map_err(|_| WebError::NotFound)?;
    let media = app.store().media(portico_content::MediaId(id)).await?.ok_or(WebError::NotFound)?;
    if token.is_some_and(|token| !crate::session::same_secret(token, &media.token)) {
        return Err(WebError::NotFound);
    }
    let may_see_drafts = viewer.is_ok_and(|user| user.may(portico_content::Action::ViewDrafts, media.site));
    // Reading published bodies costs a scan: only for a request that knows the token, so that
    // guessing ids stays cheap for us. Staff need no answer at all.
    let audience = if may_see_drafts {
        MediaAudience::SignedIn
    } else if app.store().media_is_public(&media, token.is_some()).await? {
        MediaAudience::Everyone
    } else {
        return Err(WebError::NotFound);
    };
    let bytes = app.media().read(media.id.0, &file).await?;
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type,
        language: None,
        cache_control: match audience {
            MediaAudience::Everyone => "public, max-age=31536000, immutable",
            MediaAudience::SignedIn => "private, no-store",
        },
    };
    let mut response = respond(&headers, meta, &bytes);
    if extension == "pdf" {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, axum::http::HeaderValue::from_static("inline"));
    }
    Ok(response)
}
