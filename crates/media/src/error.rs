//! Why an upload was refused, with a stable code for the UI and API clients.

/// Why an upload was refused or could not be processed.
///
/// [`code`](Self::code) is a stable key that the back office translates and API clients match
/// on; `Display` is a sentence in English for a person (and for logs).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    /// The file has no bytes at all.
    #[error("The file is empty.")]
    Empty,
    /// The file is larger than the byte limit; nothing of it was parsed.
    #[error("The file is {} MB; files may be at most {} MB.", megabytes(*bytes), megabytes(*max))]
    TooLarge {
        /// The file's size, in bytes.
        bytes: usize,
        /// The limit, in bytes.
        max: usize,
    },
    /// The content is not of a type accepted here, whatever the file's name says.
    #[error("This file is not {expected}.")]
    UnsupportedType {
        /// What was expected, as a phrase for a person ("a JPEG, PNG or WebP image").
        expected: &'static str,
    },
    /// The file claims an accepted type but is damaged, truncated or malformed.
    #[error("The file is damaged or incomplete ({0}).")]
    Corrupt(String),
    /// The image's dimensions are above the pixel or side limit (a decompression bomb, or just
    /// too big a picture); refused from its header, before decoding.
    #[error(
        "The image is {width} × {height} pixels; images may be at most {max_side} pixels on a \
         side and {} in all.",
        area(*max_pixels)
    )]
    TooManyPixels {
        /// Width claimed by the header.
        width: u32,
        /// Height claimed by the header.
        height: u32,
        /// The area limit, in pixels.
        max_pixels: u64,
        /// The side limit, in pixels.
        max_side: u32,
    },
    /// A PDF carries content that runs in a reader (JavaScript, a launch action, embedded
    /// files, an XFA form): refused, since readers would open it from our site.
    #[error(
        "The PDF contains {0}, which is not accepted; save it without (for example, print it to a new PDF) and upload it again."
    )]
    ActiveContent(&'static str),
    /// A valid image could not be re-encoded: our fault, not the uploader's.
    #[error("The image could not be converted ({0}).")]
    EncodeFailed(String),
}

impl MediaError {
    /// A stable key for translation and for API clients; never changes once published.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::TooLarge { .. } => "too_large",
            Self::UnsupportedType { .. } => "unsupported_type",
            Self::Corrupt(_) => "corrupt",
            Self::TooManyPixels { .. } => "too_many_pixels",
            Self::ActiveContent(_) => "active_content",
            Self::EncodeFailed(_) => "encode_failed",
        }
    }

    /// Whether the uploader can fix this by sending another file (a 4xx), as opposed to a
    /// failure on our side that the caller should log (a 5xx).
    pub fn is_client_error(&self) -> bool {
        !matches!(self, Self::EncodeFailed(_))
    }
}

/// Bytes as megabytes (MiB) with one decimal, for messages.
fn megabytes(bytes: usize) -> String {
    // Precision loss is irrelevant for a one-decimal display.
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// An area for messages: "50 megapixels", "2.5 megapixels", or "10000 pixels" when small.
fn area(pixels: u64) -> String {
    if pixels < 100_000 {
        return format!("{pixels} pixels");
    }
    let megapixels = format!("{:.1}", pixels as f64 / 1_000_000.0);
    let megapixels = megapixels.strip_suffix(".0").unwrap_or(&megapixels);
    format!("{megapixels} megapixels")
}
