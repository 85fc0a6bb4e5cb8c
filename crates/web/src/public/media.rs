//! Uploaded media files, served to whoever may see them.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_media::{ByteRange, StorageError};

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
    let cache_control = match audience {
        MediaAudience::Everyone => "public, max-age=31536000, immutable",
        MediaAudience::SignedIn => "private, no-store",
    };
    let mut response = match requested_range(&headers) {
        Some(range) => part(&app, media.id.0, &file, range, content_type, cache_control).await?,
        None => whole(&app, &headers, &media, &file, content_type, cache_control).await?,
    };
    let headers = response.headers_mut();
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if extension == "pdf" {
        // Saved, never shown in a tab of this site's origin: whatever a PDF might carry past
        // the upload's checks runs, if at all, in the reader's own viewer.
        let disposition = format!("attachment; filename=\"{}\"", download_name(&media.file_name));
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    }
    Ok(response)
}

/// A PDF's name as uploaded, safe inside a quoted `filename`: ASCII letters, digits, `-`, `_`
/// and `.` kept, anything else `_`, ending in `.pdf`.
fn download_name(uploaded: &str) -> String {
    let stem = uploaded.strip_suffix(".pdf").or_else(|| uploaded.strip_suffix(".PDF")).unwrap_or(uploaded);
    let stem: String = stem
        .chars()
        .take(100)
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    let stem = stem.trim_matches(|c| c == '.' || c == '_');
    format!("{}.pdf", if stem.is_empty() { "document" } else { stem })
}

/// The one byte range a request asks for, if it asks for exactly one in a form we read.
/// Anything else — several ranges, another unit, a malformed header, or an `If-Range` (whose
/// validator we would have to check) — is answered with the whole file, as RFC 9110 allows.
fn requested_range(headers: &HeaderMap) -> Option<ByteRange> {
    if headers.contains_key(header::IF_RANGE) {
        return None;
    }
    let spec = headers.get(header::RANGE)?.to_str().ok()?.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let number = |text: &str| -> Option<u64> {
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
    };
    match (first.trim(), last.trim()) {
        ("", count) => Some(ByteRange::Last(number(count)?)),
        (first, "") => Some(ByteRange::From(number(first)?)),
        (first, last) => Some(ByteRange::Inclusive { first: number(first)?, last: number(last)? }),
    }
}

/// The whole file, streamed from storage as it arrives (from an object store, a 15 MiB PDF
/// is never held in memory), or `304` when the client's copy is current.
///
/// A media item's files never change (a new upload gets a new id), so the validator is the
/// item's id, the size of its original and the file's name, known before any byte is read:
/// a revalidation costs no read of the storage. Files go out as stored: images and PDFs are
/// compressed already.
async fn whole(
    app: &App,
    headers: &HeaderMap,
    media: &portico_store::Media,
    file: &str,
    content_type: &'static str,
    cache_control: &'static str,
) -> Result<Response> {
    let tag = format!("m{}-{}-{}", media.id.0, media.bytes, file);
    let etag = format!("\"{tag}\"");
    if crate::http::if_none_match_hits(headers, &tag) {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, cache_control.to_owned())],
        )
            .into_response());
    }
    let read = app.media().get(media.id.0, file, None).await?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(read.body));
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_LENGTH, read.total.to_string()),
            (header::CACHE_CONTROL, cache_control.to_owned()),
            (header::ETAG, etag),
        ],
        body,
    )
        .into_response())
}

/// `206 Partial Content` with the bytes of `range`, streamed from storage rather than read
/// whole; `416` when the range lies outside the file.
async fn part(
    app: &App,
    id: i64,
    file: &str,
    range: ByteRange,
    content_type: &'static str,
    cache_control: &'static str,
) -> Result<Response> {
    let read = match app.media().get(id, file, Some(range)).await {
        Ok(read) => read,
        Err(StorageError::RangeNotSatisfiable { total }) => {
            return Ok((
                StatusCode::RANGE_NOT_SATISFIABLE,
                [
                    (header::CONTENT_RANGE, format!("bytes */{total}")),
                    (header::CACHE_CONTROL, cache_control.into()),
                ],
            )
                .into_response());
        }
        Err(err) => return Err(err.into()),
    };
    let length = read.range.end - read.range.start;
    let content_range = format!("bytes {}-{}/{}", read.range.start, read.range.end - 1, read.total);
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(read.body));
    Ok((
        StatusCode::PARTIAL_CONTENT,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_RANGE, content_range),
            (header::CONTENT_LENGTH, length.to_string()),
            (header::CACHE_CONTROL, cache_control.to_owned()),
        ],
        body,
    )
        .into_response())
}
