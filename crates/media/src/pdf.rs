//! PDF uploads (publications): a structural sanity check of the header and end marker.
//!
//! This module must never render, parse objects of, or run anything in a PDF: it only checks
//! that the bytes look like a whole PDF file so that a truncated or mislabelled upload is
//! caught at once.

use serde::Serialize;

use crate::error::MediaError;
use crate::kind::{FileKind, sniff};
use crate::{Limits, check_size};

const EXPECTED: &str = "a PDF document";
/// How far from the end the `%%EOF` marker may sit (readers such as Acrobat allow 1 KiB).
const EOF_WINDOW: usize = 1024;
const EOF_MARKER: &[u8] = b"%%EOF";

/// What [`check_pdf`] learned about an accepted PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PdfInfo {
    /// The file's size, in bytes.
    pub bytes: usize,
    /// The PDF version from the header ("1.7", "2.0").
    pub version: String,
}

/// Checks an uploaded PDF: size limit first, then the `%PDF-1.x` or `%PDF-2.0` header at the
/// very start and a `%%EOF` marker in the last KiB (followed only by whitespace).
///
/// An image, or anything else that does not start with `%PDF-`, is
/// [`MediaError::UnsupportedType`]; a PDF header with an unknown version or no end marker
/// (a truncated upload) is [`MediaError::Corrupt`].
pub fn check_pdf(bytes: &[u8], limits: &Limits) -> Result<PdfInfo, MediaError> {
    check_size(bytes, limits)?;
    if sniff(bytes) != Some(FileKind::Pdf) {
        return Err(MediaError::UnsupportedType { expected: EXPECTED });
    }
    let version = header_version(bytes)?;
    if !ends_with_eof_marker(bytes) {
        return Err(MediaError::Corrupt("no %%EOF marker at the end: the file looks truncated".into()));
    }
    Ok(PdfInfo { bytes: bytes.len(), version })
}

/// The version after `%PDF-`: 1.0 to 1.7, or 2.0.
fn header_version(bytes: &[u8]) -> Result<String, MediaError> {
    let rest = bytes.get(5..).unwrap_or_default();
    let version = match rest {
        [major @ b'1', b'.', minor @ b'0'..=b'7', ..] | [major @ b'2', b'.', minor @ b'0', ..] => {
            format!("{}.{}", char::from(*major), char::from(*minor))
        }
        _ => {
            return Err(MediaError::Corrupt("unknown PDF version in the header".into()));
        }
    };
    // "%PDF-1.70" or "%PDF-1.7.1" is no version we know; a line end, space or comment follows.
    match rest.get(3) {
        Some(byte) if !byte.is_ascii_digit() && *byte != b'.' => Ok(version),
        _ => Err(MediaError::Corrupt("malformed PDF header line".into())),
    }
}

/// Whether the last `%%EOF` in the final KiB is followed only by whitespace.
fn ends_with_eof_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    let Some(at) = tail.windows(EOF_MARKER.len()).rposition(|window| window == EOF_MARKER) else {
        return false;
    };
    tail[at + EOF_MARKER.len()..].iter().all(|byte| is_pdf_whitespace(*byte))
}

/// PDF's white-space characters (ISO 32000-1, 7.2.2), NUL included.
fn is_pdf_whitespace(byte: u8) -> bool {
    matches!(byte, b'\0' | b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}
