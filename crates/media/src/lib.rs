//! Portico's media: the upload checks for JPEG, PNG and WebP images and PDF files, and the
//! storage their files live in.
//!
//! An image is typed by its content ([`sniff`]), never by its file name or declared MIME type;
//! refused if too large in bytes or in pixels (decompression bombs are caught from the header,
//! before any pixel is decoded); and turned into resized [`Rendition`]s, each in WebP and in
//! the original's format, for `srcset`. A PDF is checked for its header and end marker
//! ([`check_pdf`]), never rendered. An image's original is kept as uploaded, pixels untouched,
//! but without its metadata (camera, GPS position, comments), orientation and colour profile
//! kept ([`strip_metadata`]). Every refusal is a [`MediaError`] with a stable
//! [`code`](MediaError::code); bad input never panics.
//!
//! The checks never do I/O: bytes come in from the caller and bytes go back out. Files are
//! written and read only through [`MediaStorage`] (a local folder or an S3-compatible bucket),
//! which stages an upload and cleans up after a failure; no module here touches a database.
//!
//! Every check is synchronous CPU work (processing a 12-megapixel photo takes about a quarter
//! of a second in a release build): async callers run it on a blocking thread
//! (`tokio::task::spawn_blocking`). The storage's methods are async.

mod bucket;
mod error;
mod images;
mod kind;
mod pdf;
mod storage;
mod strip;
#[cfg(feature = "testing")]
pub mod testing;

use serde::{Deserialize, Serialize};

pub use crate::bucket::Bucket;
pub use crate::error::MediaError;
pub use crate::images::{
    DEFAULT_WIDTHS, ImageInfo, ProcessedImage, Rendition, inspect_image, process_image, scaled_height,
};
pub use crate::kind::{FileKind, sniff};
pub use crate::pdf::{MAX_PDF_TEXT, PdfContents, PdfInfo, check_pdf, inspect_pdf, text_pdf};
pub use crate::storage::{
    ByteRange, LocalFolder, MediaFile, MediaRead, MediaStorage, Placement, PutError, StorageError,
};
pub use crate::strip::strip_metadata;

/// What an upload may weigh, in bytes and in pixels. The defaults suit a newsroom's photos.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Largest accepted file, in bytes; checked before anything is parsed. Default 15 MiB.
    pub max_bytes: usize,
    /// Largest accepted image area, width × height, in pixels. Default 50 megapixels.
    pub max_pixels: u64,
    /// Longest accepted image side, in pixels. Default 12 000.
    pub max_side: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_bytes: 15 * 1024 * 1024, max_pixels: 50_000_000, max_side: 12_000 }
    }
}

/// Refuses an empty file or one above `limits.max_bytes`, before anything is parsed.
fn check_size(bytes: &[u8], limits: &Limits) -> Result<(), MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(MediaError::TooLarge { bytes: bytes.len(), max: limits.max_bytes });
    }
    Ok(())
}
