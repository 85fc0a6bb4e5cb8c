//! PDF uploads (publications): a structural sanity check of the header and end marker, then
//! (with lopdf, pure Rust) a read of the objects for the page count, the text that search
//! indexes, and any active content, which is refused.
//!
//! This module must never render or run anything in a PDF: it reads objects as data only.

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

/// The most text kept from one PDF for search: a long report's first pages say what it is
/// about, and an index entry must stay small.
pub const MAX_PDF_TEXT: usize = 64 * 1024;

/// The most bytes one content stream may inflate to while its text is read: a zip bomb in a
/// page must not take the server's memory.
const MAX_INFLATED: usize = 8 * 1024 * 1024;

/// What [`inspect_pdf`] read from an accepted PDF's objects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PdfContents {
    /// How many pages it has.
    pub pages: u32,
    /// Its text, pages in order, at most [`MAX_PDF_TEXT`] bytes (cut at a character
    /// boundary); empty for a scan without a text layer.
    pub text: String,
}

/// Reads a PDF that [`check_pdf`] accepted: refuses one that carries active content
/// (JavaScript, launch actions, embedded files, XFA forms) with
/// [`MediaError::ActiveContent`], one lopdf cannot read or with no page as
/// [`MediaError::Corrupt`]; otherwise counts its pages and extracts its text.
pub fn inspect_pdf(bytes: &[u8]) -> Result<PdfContents, MediaError> {
    // A parser bug on a hostile file must cost the upload, not the process: a panic inside
    // lopdf becomes a refusal.
    std::panic::catch_unwind(|| inspect_unguarded(bytes))
        .unwrap_or_else(|_| Err(MediaError::Corrupt("the PDF's objects could not be read".into())))
}

fn inspect_unguarded(bytes: &[u8]) -> Result<PdfContents, MediaError> {
    let document = lopdf::Document::load_mem(bytes)
        .map_err(|e| MediaError::Corrupt(format!("the PDF's objects could not be read: {e}")))?;
    if document.is_encrypted() {
        return Err(MediaError::ActiveContent("an encrypted PDF, whose content cannot be checked"));
    }
    for object in document.objects.values() {
        if let Some(problem) = active_content(object) {
            return Err(MediaError::ActiveContent(problem));
        }
    }
    if let Some(problem) = document.trailer.iter().find_map(|(_, value)| active_content(value)) {
        return Err(MediaError::ActiveContent(problem));
    }
    let pages = document.get_pages();
    if pages.is_empty() {
        return Err(MediaError::Corrupt("the PDF has no page".into()));
    }
    let mut text = String::new();
    for number in pages.keys() {
        // A page whose text cannot be read (an unusual font encoding) leaves a gap in the
        // index, not a refused upload: the file itself is fine for readers.
        if let Ok(page) = document.extract_text_with_limit(&[*number], MAX_INFLATED) {
            text.push_str(page.trim());
            text.push('\n');
        }
        if text.len() >= MAX_PDF_TEXT {
            break;
        }
    }
    Ok(PdfContents { pages: u32::try_from(pages.len()).unwrap_or(u32::MAX), text: cut(text, MAX_PDF_TEXT) })
}

/// A small PDF of A4 pages, each a heading line then its text lines in Helvetica, with
/// `title` in its document information: what the demo content and the tests upload. Characters
/// outside Latin-1 are written as `?` (the standard fonts have no others).
pub fn text_pdf(title: &str, pages: &[Vec<String>]) -> Vec<u8> {
    save(text_pdf_document(title, pages).0)
}

/// A document saved to bytes, compressed.
pub(crate) fn save(mut document: lopdf::Document) -> Vec<u8> {
    document.compress();
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = document.save_to(&mut bytes);
    bytes
}

/// [`text_pdf`]'s document before it is saved, and its catalog's id, for tests that add to it.
pub(crate) fn text_pdf_document(title: &str, pages: &[Vec<String>]) -> (lopdf::Document, lopdf::ObjectId) {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let latin1 = |text: &str| -> Object {
        let bytes = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect::<Vec<u8>>();
        Object::String(bytes, lopdf::StringFormat::Literal)
    };
    let mut document = Document::with_version("1.7");
    let pages_id = document.new_object_id();
    let font_id = document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = document.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for lines in pages {
        let mut operations = vec![Operation::new("BT", vec![]), Operation::new("TL", vec![16.into()])];
        operations.push(Operation::new("Td", vec![56.into(), 780.into()]));
        for (n, line) in lines.iter().enumerate() {
            let size = if n == 0 { 16 } else { 11 };
            operations.push(Operation::new("Tf", vec!["F1".into(), size.into()]));
            operations.push(Operation::new("Tj", vec![latin1(line)]));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
        // Encoding operations we built ourselves cannot fail; an empty page is the fallback.
        let content = Content { operations }.encode().unwrap_or_default();
        let content_id = document.add_object(Stream::new(dictionary! {}, content));
        let page_id = document.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(Object::Reference(page_id));
    }
    let count = i64::try_from(kids.len()).unwrap_or(0);
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info_id =
        document.add_object(dictionary! { "Title" => latin1(title), "Producer" => latin1("Portico") });
    document.trailer.set("Root", catalog_id);
    document.trailer.set("Info", info_id);
    (document, catalog_id)
}

/// `text` cut to at most `max` bytes at a character boundary, trimmed.
fn cut(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text.trim().to_owned()
}

/// What active content `object` (or a dictionary nested in it) carries, as a phrase for the
/// uploader; `None` when it is plain data. Reads names only: an action's kind and the keys
/// that hold scripts, files or forms are never encrypted or compressed outside streams.
fn active_content(object: &lopdf::Object) -> Option<&'static str> {
    use lopdf::Object;
    let dictionary = match object {
        Object::Dictionary(dictionary) => dictionary,
        Object::Stream(stream) => &stream.dict,
        Object::Array(items) => return items.iter().find_map(active_content),
        _ => return None,
    };
    for (key, value) in dictionary.iter() {
        let problem = match key.as_slice() {
            b"JS" | b"JavaScript" => Some("JavaScript"),
            b"EmbeddedFiles" | b"EF" => Some("embedded files"),
            b"XFA" => Some("an XFA form"),
            b"RichMedia" | b"RichMediaContent" => Some("rich media (Flash or video that runs)"),
            b"S" | b"Type" | b"Subtype" => match value.as_name().ok() {
                Some(b"JavaScript") => Some("JavaScript"),
                Some(b"Launch") => Some("an action that launches a program"),
                Some(b"EmbeddedFile") | Some(b"FileAttachment") => Some("embedded files"),
                Some(b"RichMedia") => Some("rich media (Flash or video that runs)"),
                _ => None,
            },
            _ => None,
        };
        if problem.is_some() {
            return problem;
        }
        if let Some(problem) = active_content(value) {
            return Some(problem);
        }
    }
    None
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
