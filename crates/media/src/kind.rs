//! The file types we accept, recognized by their magic numbers alone.

use serde::Serialize;

/// A type of upload that Portico accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// A JPEG image.
    Jpeg,
    /// A PNG image.
    Png,
    /// A WebP image.
    Webp,
    /// A PDF document.
    Pdf,
}

impl FileKind {
    /// The MIME type to serve this kind of file with (`image/jpeg`).
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Pdf => "application/pdf",
        }
    }

    /// The file name extension to store this kind of file under, without the dot (`jpg`).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
            Self::Pdf => "pdf",
        }
    }

    /// Whether this kind is one of the images that [`process_image`](crate::process_image)
    /// takes.
    pub fn is_image(self) -> bool {
        !matches!(self, Self::Pdf)
    }
}

const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG_MAGIC: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const PDF_MAGIC: &[u8] = b"%PDF-";

/// The kind of file `bytes` hold, judged by their first bytes only; `None` for anything we do
/// not accept (text, HTML, SVG, GIF, TIFF, BMP…).
///
/// This is the only way Portico types an upload: a file's name and the MIME type its sender
/// declares are never trusted.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(JPEG_MAGIC) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(PNG_MAGIC) {
        Some(FileKind::Png)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(FileKind::Webp)
    } else if bytes.starts_with(PDF_MAGIC) {
        Some(FileKind::Pdf)
    } else {
        None
    }
}
