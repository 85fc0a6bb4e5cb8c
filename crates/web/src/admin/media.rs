//! Media: uploads checked by content (never by name), images resized into renditions, PDFs
//! for publications; and the words around each image.

use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::{Action, MediaId};
use portico_media::{Limits, MediaError};
use portico_store::Media;
use serde::Serialize;

use super::documents::NoticeQuery;
use super::{AdminLayout, FormData, admin_page, admin_page_with_status, notice, see_other};
use crate::session::Signed;
use crate::uploads::{NewUpload, UploadError, store_upload};
use crate::{App, WebError};

/// Longest alt text, caption or credit.
const MAX_TEXT: usize = 1_000;

#[derive(Serialize)]
struct MediaView {
    id: i64,
    url: String,
    thumbnail: Option<String>,
    file_name: String,
    kind: String,
    size: String,
    dimensions: String,
    alt: String,
    caption: String,
    credit: String,
    uploaded: String,
    site: String,
    /// Marked public by an editor, ahead of any published use.
    public: bool,
}

fn media_view(app: &App, user: &Signed, media: &Media) -> MediaView {
    let digits = |n: i32| user.i18n.digits(user.lang, &n.to_string());
    let thumbnail = (!media.renditions.is_empty()).then(|| thumbnail_of(media));
    MediaView {
        id: media.id.0,
        url: media.path(&format!("original.{}", crate::http::media_extension(&media.mime))),
        thumbnail,
        file_name: media.file_name.clone(),
        kind: media.kind.clone(),
        // Below a megabyte, kilobytes: "0.0 MB" tells nobody anything.
        size: if media.bytes < 1_048_576 {
            user.t1(
                "admin-size-kb",
                "size",
                user.i18n.decimal(user.lang, (media.bytes as f64 / 1024.0).max(1.0), 0),
            )
        } else {
            user.t1(
                "admin-size-mb",
                "size",
                user.i18n.decimal(user.lang, media.bytes as f64 / 1_048_576.0, 1),
            )
        },
        dimensions: if media.width > 0 {
            format!("{} × {}", digits(media.width), digits(media.height))
        } else {
            String::new()
        },
        alt: media.alt.clone(),
        caption: media.caption.clone(),
        credit: media.credit.clone(),
        uploaded: user.time(media.created_at),
        site: app.site_by_id(media.site).map(|s| s.key.clone()).unwrap_or_default(),
        public: media.marked_public,
    }
}

/// How an image is named where it is chosen: its alt text, or its file name and that it has
/// none yet (it needs one before the release is published).
pub(crate) fn image_label(user: &Signed, media: &Media) -> String {
    if media.alt.is_empty() {
        user.t1("admin-image-no-alt", "file", media.file_name.clone())
    } else {
        media.alt.clone()
    }
}

/// What a picker says of an item: an image's alt text (or that it lacks one), a PDF's file
/// name with its pages and size.
pub(crate) fn media_label(user: &Signed, media: &Media) -> String {
    if media.kind != "file" {
        return image_label(user, media);
    }
    let mut parts = vec![media.file_name.clone()];
    if media.page_count > 0 {
        parts.push(user.t1("publication-pages", "count", i64::from(media.page_count)));
    }
    parts.push(user.i18n.file_size(user.lang, media.bytes));
    parts.join(" · ")
}

/// The thumbnail a picker shows: none for a PDF, which has no rendition to show.
pub(crate) fn picker_thumbnail(media: &Media) -> String {
    if media.kind == "file" { String::new() } else { thumbnail_of(media) }
}

/// The address of an item's smallest rendition (WebP first), or of its original when it has
/// none: what a grid of thumbnails shows.
pub(super) fn thumbnail_of(media: &Media) -> String {
    media
        .renditions
        .iter()
        .find(|r| r.ends_with(".webp"))
        .or_else(|| media.renditions.first())
        .map(|r| media.path(r))
        .unwrap_or_else(|| media.path(&format!("original.{}", crate::http::media_extension(&media.mime))))
}

#[derive(Serialize)]
struct SiteChoice {
    key: String,
    name: String,
}

async fn render_list(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, WebError> {
    let items: Vec<MediaView> = app
        .store()
        .media_list(user.site_scope(), 300)
        .await?
        .iter()
        .map(|m| media_view(app, user, m))
        .collect();
    let sites: Vec<SiteChoice> = app
        .sites()
        .iter()
        .filter(|s| user.may(Action::UploadMedia, s.id))
        .map(|s| SiteChoice { key: s.key.clone(), name: s.name.clone() })
        .collect();
    let layout =
        AdminLayout::new(app, user, &user.t("admin-title-media"), "/admin/media").with_notice(notice);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/media.html",
        context! { layout, items, sites, error, max_mb => Limits::default().max_bytes / 1_048_576 },
    )
}

/// `GET /admin/media`.
pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    render_list(&app, &headers, &user, StatusCode::OK, notice(&user, query.notice.as_deref()), None).await
}

/// The parts of the upload form.
#[derive(Default)]
pub(super) struct Upload {
    pub(super) csrf: String,
    site: String,
    alt: String,
    caption: String,
    credit: String,
    pub(super) file_name: String,
    pub(super) bytes: Vec<u8>,
}

pub(super) async fn read_upload(user: &Signed, mut multipart: Multipart) -> Result<Upload, WebError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(user.t1(
                "error-upload-too-large",
                "mb",
                Limits::default().max_bytes / 1_048_576,
            ))
        } else {
            WebError::BadRequest(user.t1("error-upload-unreadable", "reason", e.body_text()))
        }
    };
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            upload.file_name =
                field.file_name().unwrap_or("upload").chars().filter(|c| !c.is_control()).take(200).collect();
            upload.bytes = field.bytes().await.map_err(unreadable)?.to_vec();
        } else {
            let text = field.text().await.map_err(unreadable)?;
            let text = text.trim().to_owned();
            match name.as_str() {
                "_csrf" => upload.csrf = text,
                "site" => upload.site = text,
                "alt" => upload.alt = text,
                "caption" => upload.caption = text,
                "credit" => upload.credit = text,
                _ => {}
            }
        }
    }
    Ok(upload)
}

/// Why an upload was refused, in the person's language (`media-{code}` in the Fluent files).
pub(crate) fn media_error_text(user: &Signed, err: &MediaError) -> String {
    let megabytes = |bytes: usize| user.i18n.decimal(user.lang, bytes as f64 / 1_048_576.0, 1);
    // Sizes of an image are shown as written, without grouping, like the numbers people type.
    let plain = |n: u64| user.i18n.digits(user.lang, &n.to_string());
    match err {
        MediaError::Empty => user.t("media-empty"),
        MediaError::TooLarge { bytes, max } => user.t_with(
            "media-too-large",
            &[("size", megabytes(*bytes).into()), ("max", megabytes(*max).into())],
        ),
        MediaError::UnsupportedType { expected } if expected.contains("PDF") => user.t("media-not-pdf"),
        MediaError::UnsupportedType { .. } => user.t("media-not-image"),
        MediaError::Corrupt(detail) => user.t1("media-corrupt", "detail", detail.clone()),
        MediaError::ActiveContent(what) => user.t1("media-active-content", "what", (*what).to_owned()),
        MediaError::TooManyPixels { width, height, max_pixels, max_side } => {
            let megapixels = *max_pixels as f64 / 1_000_000.0;
            let megapixels = if megapixels.fract() == 0.0 {
                user.i18n.decimal(user.lang, megapixels, 0)
            } else {
                user.i18n.decimal(user.lang, megapixels, 1)
            };
            user.t_with(
                "media-too-many-pixels",
                &[
                    ("width", plain(u64::from(*width)).into()),
                    ("height", plain(u64::from(*height)).into()),
                    ("side", plain(u64::from(*max_side)).into()),
                    ("megapixels", megapixels.into()),
                ],
            )
        }
        MediaError::EncodeFailed(detail) => user.t1("media-encode-failed", "detail", detail.clone()),
    }
}

fn too_long(value: &str) -> bool {
    value.chars().count() > MAX_TEXT
}

/// Why an upload was not stored, before anything is shown.
enum NotStored {
    /// The file or its words are refused: shown with the upload form, or as JSON.
    Refused(StatusCode, String),
    /// The request itself is wrong (no token, no site, not allowed) or our side failed.
    Error(WebError),
}

impl From<WebError> for NotStored {
    fn from(err: WebError) -> Self {
        NotStored::Error(err)
    }
}

/// Reads, authorizes and stores an upload through [`store_upload`].
async fn receive(app: &App, user: &Signed, multipart: Multipart) -> Result<MediaId, NotStored> {
    let upload = read_upload(user, multipart).await?;
    user.check_csrf(Some(&upload.csrf))?;
    let site =
        app.site_by_key(&upload.site).ok_or_else(|| WebError::BadRequest(user.t("error-choose-site")))?;
    user.require(Action::UploadMedia, site.id)?;
    if [&upload.alt, &upload.caption, &upload.credit].iter().any(|t| too_long(t)) {
        return Err(NotStored::Refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            user.t1("error-media-text-too-long", "max", MAX_TEXT),
        ));
    }
    let new = NewUpload {
        site: site.id,
        file_name: upload.file_name.clone(),
        bytes: upload.bytes,
        alt: upload.alt,
        caption: upload.caption,
        credit: upload.credit,
        uploader: user.user.id,
        audit: user.doing("media.upload").with_detail(upload.file_name.clone()),
    };
    match store_upload(app, new).await {
        Ok(id) => Ok(id),
        Err(UploadError::Refused(err)) => {
            let status = if err.code() == "too_large" {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            Err(NotStored::Refused(status, media_error_text(user, &err)))
        }
        Err(UploadError::Failed(err)) => Err(NotStored::Error(err)),
    }
}

/// What the editor's script is told of an upload it sent.
#[derive(Serialize)]
struct Uploaded {
    id: i64,
    thumbnail: String,
    alt: String,
    file_name: String,
    label: String,
}

#[derive(Serialize)]
struct UploadRefused {
    /// Why, in the person's language.
    error: String,
}

/// Whether the request is the editor's script, which reads JSON, rather than the form.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"))
}

/// A client error in words for the editor's script, which shows it next to the upload.
fn client_error_text(user: &Signed, err: &WebError) -> String {
    match err {
        WebError::BadRequest(message) | WebError::TooLarge(message) => message.clone(),
        WebError::Forbidden => user.t("error-forbidden-message"),
        WebError::CsrfRejected => user.t("error-csrf-message"),
        _ => user.t("error-bad-request-message"),
    }
}

/// `POST /admin/media`: hands the file to [`store_upload`], which checks it by its content and
/// stores its files and row together; a failure leaves nothing behind. The upload form gets
/// the item's page or the form again with the reason; the editor's script (`Accept:
/// application/json`) gets the item or the reason as JSON, through the same checks.
pub async fn upload(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let json = wants_json(&headers);
    match receive(&app, &user, multipart).await {
        Ok(id) if json => {
            let media = app.store().media(id).await?.ok_or(WebError::NotFound)?;
            let uploaded = Uploaded {
                id: id.0,
                thumbnail: picker_thumbnail(&media),
                label: media_label(&user, &media),
                alt: media.alt,
                file_name: media.file_name,
            };
            Ok((StatusCode::CREATED, Json(uploaded)).into_response())
        }
        Ok(id) => Ok(see_other(&format!("/admin/media/{id}"), "uploaded").into_response()),
        Err(NotStored::Refused(status, error)) if json => {
            Ok((status, Json(UploadRefused { error })).into_response())
        }
        Err(NotStored::Refused(status, error)) => {
            render_list(&app, &headers, &user, status, None, Some(error)).await
        }
        Err(NotStored::Error(err)) if json && err.status().is_client_error() => {
            let error = client_error_text(&user, &err);
            Ok((err.status(), Json(UploadRefused { error })).into_response())
        }
        Err(NotStored::Error(err)) => Err(err),
    }
}

async fn visible_media(app: &App, user: &Signed, id: i64) -> Result<Media, WebError> {
    let media = app.store().media(MediaId(id)).await?.ok_or(WebError::NotFound)?;
    if !user.may(Action::ViewDrafts, media.site) && !user.may(Action::UploadMedia, media.site) {
        return Err(WebError::NotFound);
    }
    Ok(media)
}

/// `GET /admin/media/{id}`.
pub async fn edit_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let media = visible_media(&app, &user, id).await?;
    let can_edit = user.may(Action::UploadMedia, media.site);
    let can_publish = user.may(Action::Publish, media.site);
    let layout = AdminLayout::new(&app, &user, &media.file_name, "/admin/media")
        .with_notice(notice(&user, query.notice.as_deref()));
    let item = media_view(&app, &user, &media);
    admin_page(
        &app,
        &headers,
        "admin/media_edit.html",
        context! { layout, item, can_edit, can_publish, error => None::<String> },
    )
}

/// `POST /admin/media/{id}`: alt text, caption, credit.
pub async fn save(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let media = visible_media(&app, &user, id).await?;
    user.require(Action::UploadMedia, media.site)?;
    let (alt, caption, credit) =
        (form.get("alt").trim(), form.get("caption").trim(), form.get("credit").trim());
    if [alt, caption, credit].iter().any(|t| too_long(t)) {
        let layout = AdminLayout::new(&app, &user, &media.file_name, "/admin/media");
        let mut item = media_view(&app, &user, &media);
        (item.alt, item.caption, item.credit) = (alt.to_owned(), caption.to_owned(), credit.to_owned());
        let error = Some(user.t1("error-media-text-too-long", "max", MAX_TEXT));
        return admin_page_with_status(
            &app,
            &headers,
            StatusCode::UNPROCESSABLE_ENTITY,
            "admin/media_edit.html",
            context! { layout, item, can_edit => true, can_publish => user.may(Action::Publish, media.site), error },
        );
    }
    // Making an item public is publishing it: an editor's call, like a release's.
    let public = form.get("public") == "on";
    if public != media.marked_public && user.may(Action::Publish, media.site) {
        let action = if public { "media.make_public" } else { "media.make_private" };
        app.store().set_media_public(media.id, public, &user.doing(action)).await?;
    }
    app.store().update_media_text(media.id, alt, caption, credit, &user.doing("media.edit")).await?;
    app.changed(crate::cache::Change::Media(media.id));
    Ok(see_other(&format!("/admin/media/{id}"), "saved").into_response())
}
