//! Small helpers for the XML we write (feeds, sitemaps): times, text XML accepts, elements.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::WebError;

type Result<T, E = WebError> = std::result::Result<T, E>;

/// A time as RFC 3339 in UTC ("2015-08-21T09:00:00Z"), as Atom, sitemaps and schema.org
/// want it.
pub(crate) fn rfc3339(at: OffsetDateTime) -> Result<String> {
    at.to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .map_err(|e| WebError::Internal(format!("cannot format {at}: {e}")))
}

/// [`rfc3339`], appended to `out` with no string of its own.
pub(crate) fn rfc3339_into(out: &mut Vec<u8>, at: OffsetDateTime) -> Result<()> {
    at.to_offset(time::UtcOffset::UTC)
        .format_into(out, &Rfc3339)
        .map(drop)
        .map_err(|e| WebError::Internal(format!("cannot format {at}: {e}")))
}

/// Text safe to put in an XML 1.0 document: the control characters XML forbids (which
/// Markdown and pasted text may still carry) are dropped.
pub(crate) fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| match c {
        '\t' | '\n' | '\r' => true,
        '\u{fffe}' | '\u{ffff}' => false,
        c => !c.is_control(),
    };
    if !has_forbidden(text.as_bytes()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

/// Whether UTF-8 `bytes` hold a character [`xml_text`] drops, found byte by byte: feeds carry
/// whole bodies, and decoding every character to ask was a tenth of a feed's rendering.
/// C0 controls but tab, line feed and return are bytes below 0x20; DEL is 0x7F; the C1
/// controls (U+0080–U+009F) are 0xC2 0x80–0x9F; U+FFFE and U+FFFF are 0xEF 0xBF 0xBE/0xBF.
/// 0xC2 and 0xEF only ever lead a character, so a match is never mid-character.
///
/// Most text has none, so a branch-free pass over chunks, which the compiler vectorizes,
/// finds the chunks with a byte that may start one, and only those are read byte by byte
/// (French text has many 0xC2: non-breaking spaces and guillemets).
fn has_forbidden(bytes: &[u8]) -> bool {
    const CHUNK: usize = 32;
    let suspect = |b: u8| {
        (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0x7F) | (b == 0xC2) | (b == 0xEF)
    };
    let forbidden_at = |i: usize| match bytes[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|next| (0x80..=0x9F).contains(next)),
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    };
    bytes.chunks(CHUNK).enumerate().any(|(n, chunk)| {
        chunk.iter().fold(false, |any, &b| any | suspect(b))
            && (n * CHUNK..n * CHUNK + chunk.len()).any(forbidden_at)
    })
}

/// Writes `<name>text</name>`.
pub(crate) fn text_element<W: io::Write>(writer: &mut Writer<W>, name: &str, text: &str) -> io::Result<()> {
    writer.create_element(name).write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// Writes the XML declaration.
pub(crate) fn xml_declaration<W: io::Write>(writer: &mut Writer<W>) -> io::Result<()> {
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
}

/// Writing XML to memory cannot fail; should it ever, the request fails cleanly.
pub(crate) fn xml_failed(err: io::Error) -> WebError {
    WebError::Internal(format!("cannot write XML: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_drops_forbidden_control_characters() {
        assert_eq!(xml_text("a\u{1}b\tc\u{7f}d é"), "ab\tcd é");
        assert_eq!(xml_text("next\u{85}line \u{9f}\u{fffe}\u{ffff}end"), "nextline end");
        // Neighbours of the forbidden ones are kept, and nothing is copied when none is there.
        let kept = "no\u{a0}break \u{ffbf}\u{fffd} é ü 日本 \r\n\t";
        assert!(matches!(xml_text(kept), std::borrow::Cow::Borrowed(_)));
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buffer = [0; 4];
            let text: &str = c.encode_utf8(&mut buffer);
            let dropped =
                c.is_control() && !matches!(c, '\t' | '\n' | '\r') || matches!(c, '\u{fffe}' | '\u{ffff}');
            assert_eq!(has_forbidden(text.as_bytes()), dropped, "U+{:04X}", c as u32);
        }
        // Found wherever it falls among the chunks, and split characters are not misread.
        let text = "Migrants à l\u{a0}abri « ici » — ".repeat(5);
        assert!(!has_forbidden(text.as_bytes()));
        for at in text.char_indices().map(|(i, _)| i) {
            for forbidden in ["\u{1}", "\u{85}", "\u{ffff}"] {
                let mut with = text.clone();
                with.insert_str(at, forbidden);
                assert!(has_forbidden(with.as_bytes()), "{forbidden:?} at {at}");
            }
        }
    }
}
