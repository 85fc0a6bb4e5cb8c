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

/// Text safe to put in an XML 1.0 document: the control characters XML forbids (which
/// Markdown and pasted text may still carry) are dropped.
pub(crate) fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| match c {
        '\t' | '\n' | '\r' => true,
        '\u{fffe}' | '\u{ffff}' => false,
        c => !c.is_control(),
    };
    if text.chars().all(allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
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
    }
}
