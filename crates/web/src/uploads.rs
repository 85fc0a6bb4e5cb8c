//! An upload, from the bytes a person sent to stored files and a row: the one path every
//! upload takes (the back office's form now; the API and importers later).
//!
//! The file is checked by its content and turned into renditions on a blocking thread; the
//! original is kept without its metadata. Then the media storage stages the files and the
//! store records the row, the files going into place inside the row's transaction, so that a
//! failure anywhere leaves neither a file nor a row behind. This module decides nothing about
//! who may upload: its callers have checked that.

use portico_content::{MediaId, SiteId, UserId};
use portico_media::{FileKind, Limits, MediaError, MediaFile, PutError};
use portico_store::NewMedia;

use crate::{App, WebError};

/// An upload to store, already authorized.
#[derive(Debug)]
pub struct NewUpload {
    /// The site it belongs to.
    pub site: SiteId,
    /// The name it was sent under, for display only.
    pub file_name: String,
    /// The file as sent.
    pub bytes: Vec<u8>,
    /// Alternative text.
    pub alt: String,
    /// Caption.
    pub caption: String,
    /// Credit.
    pub credit: String,
    /// Who sent it.
    pub uploader: UserId,
    /// The audit entry written with the row.
    pub audit: portico_store::Audit,
}

/// Why an upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// The file is refused (wrong type, damaged, too large): the uploader can send another.
    #[error(transparent)]
    Refused(MediaError),
    /// Our side failed; nothing was stored.
    #[error(transparent)]
    Failed(#[from] WebError),
}

/// What processing produced, ready to store.
struct Processed {
    kind: FileKind,
    width: u32,
    height: u32,
    /// The file named `original.{extension}`.
    original: Vec<u8>,
    /// `{width}.{extension}` and their bytes.
    renditions: Vec<MediaFile>,
    /// A PDF's pages and text.
    pdf: Option<portico_store::PdfFacts>,
}

/// Checks the file and makes what is stored of it: a PDF as sent, an image stripped of its
/// metadata and with its renditions. Slow CPU work: run it on a blocking thread.
fn process(bytes: Vec<u8>) -> Result<Processed, MediaError> {
    let limits = Limits::default();
    if portico_media::sniff(&bytes) == Some(FileKind::Pdf) {
        portico_media::check_pdf(&bytes, &limits)?;
        let contents = portico_media::inspect_pdf(&bytes)?;
        return Ok(Processed {
            kind: FileKind::Pdf,
            width: 0,
            height: 0,
            original: bytes,
            renditions: Vec::new(),
            pdf: Some(portico_store::PdfFacts {
                pages: i32::try_from(contents.pages).unwrap_or(i32::MAX),
                text: contents.text,
            }),
        });
    }
    let image = portico_media::process_image(&bytes, &limits, &portico_media::DEFAULT_WIDTHS)?;
    let renditions = image
        .renditions
        .into_iter()
        .map(|r| MediaFile { name: format!("{}.{}", r.width, r.kind.extension()), bytes: r.bytes })
        .collect();
    Ok(Processed {
        kind: image.info.kind,
        width: image.info.width,
        height: image.info.height,
        original: image.original,
        renditions,
        pdf: None,
    })
}

/// Checks, processes and stores an upload: its files and its row, or nothing at all.
pub async fn store_upload(app: &App, upload: NewUpload) -> Result<MediaId, UploadError> {
    let NewUpload { site, file_name, bytes, alt, caption, credit, uploader, audit } = upload;
    let processed = tokio::task::spawn_blocking(move || process(bytes))
        .await
        .map_err(|e| WebError::Internal(format!("media task: {e}")))?;
    let processed = match processed {
        Ok(processed) => processed,
        Err(err) if err.is_client_error() => return Err(UploadError::Refused(err)),
        Err(err) => return Err(WebError::Internal(err.to_string()).into()),
    };
    let new = NewMedia {
        site,
        kind: if processed.kind == FileKind::Pdf { "file".into() } else { "image".into() },
        file_name,
        mime: processed.kind.mime().to_owned(),
        width: i32::try_from(processed.width).unwrap_or(0),
        height: i32::try_from(processed.height).unwrap_or(0),
        bytes: i64::try_from(processed.original.len()).unwrap_or(i64::MAX),
        alt,
        caption,
        credit,
        renditions: processed.renditions.iter().map(|file| file.name.clone()).collect(),
        created_by: Some(uploader),
        pdf: processed.pdf,
    };
    let original =
        MediaFile { name: format!("original.{}", processed.kind.extension()), bytes: processed.original };
    let files = std::iter::once(original).chain(processed.renditions).collect();
    let store = app.store();
    let stored = app
        .media()
        .put(files, async |placement| {
            store.create_media_placing(&new, &audit, async |id| placement.place(id.0).await).await
        })
        .await;
    match stored {
        Ok(id) => Ok(id),
        Err(PutError::Storage(err)) => Err(WebError::Media(err).into()),
        Err(PutError::Record(err)) => Err(WebError::from(err).into()),
    }
}
