//! PDF uploads (publications): accepted when they look like a whole PDF, refused otherwise.

use portico_media::{FileKind, Limits, MediaError, PdfInfo, check_pdf, sniff};

fn pdf(version: &str, ending: &str) -> Vec<u8> {
    format!(
        "%PDF-{version}\n%\u{e2}\u{e3}\u{cf}\u{d3}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
         2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
         trailer\n<< /Root 1 0 R >>\nstartxref\n0\n{ending}"
    )
    .into_bytes()
}

fn refused(bytes: &[u8]) -> MediaError {
    check_pdf(bytes, &Limits::default()).expect_err("the upload is refused")
}

#[test]
fn well_formed_pdf_is_accepted_with_its_version_and_size() {
    let bytes = pdf("1.7", "%%EOF\n");
    assert_eq!(sniff(&bytes), Some(FileKind::Pdf));
    assert_eq!(
        check_pdf(&bytes, &Limits::default()),
        Ok(PdfInfo { bytes: bytes.len(), version: "1.7".into() })
    );
}

#[test]
fn every_pdf_version_from_1_0_to_2_0_is_accepted() {
    for version in ["1.0", "1.3", "1.4", "1.6", "2.0"] {
        let info = check_pdf(&pdf(version, "%%EOF"), &Limits::default())
            .unwrap_or_else(|error| panic!("PDF {version} refused: {error}"));
        assert_eq!(info.version, version);
    }
}

#[test]
fn trailing_whitespace_after_the_end_marker_is_accepted() {
    for ending in ["%%EOF", "%%EOF\n", "%%EOF\r\n", "%%EOF\r\n\r\n   \t\n", "%%EOF\n\0\0\0"] {
        assert!(check_pdf(&pdf("1.5", ending), &Limits::default()).is_ok(), "{ending:?}");
    }
}

#[test]
fn end_marker_anywhere_in_the_last_kib_is_found_but_not_earlier() {
    let mut near = pdf("1.4", "%%EOF");
    near.extend(std::iter::repeat_n(b'\n', 1000));
    assert!(check_pdf(&near, &Limits::default()).is_ok());

    let mut far = pdf("1.4", "%%EOF");
    far.extend(std::iter::repeat_n(b'\n', 2000));
    assert_eq!(refused(&far).code(), "corrupt");
}

#[test]
fn truncated_pdf_without_an_end_marker_is_refused_as_corrupt() {
    let whole = pdf("1.7", "%%EOF\n");
    let error = refused(&whole[..whole.len() / 2]);
    assert_eq!(error.code(), "corrupt");
    assert!(error.to_string().contains("truncated"), "{error}");
}

#[test]
fn bytes_after_the_end_marker_other_than_whitespace_are_refused_as_corrupt() {
    assert_eq!(refused(&pdf("1.7", "%%EOF\n<script>")).code(), "corrupt");
}

#[test]
fn unknown_pdf_versions_are_refused_as_corrupt() {
    for version in ["1.8", "3.0", "2.1", "1.", "x.y", "1.70", "1.7.1"] {
        assert_eq!(refused(&pdf(version, "%%EOF")).code(), "corrupt", "{version}");
    }
}

#[test]
fn images_and_other_files_are_refused_where_a_pdf_is_expected() {
    let uploads: [&[u8]; 5] = [
        &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'],
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"RIFF\x24\0\0\0WEBPVP8L",
        b"<html><body>Annual report</body></html>\n%%EOF",
        b"  %PDF-1.7\n%%EOF",
    ];
    for upload in uploads {
        assert_eq!(
            refused(upload),
            MediaError::UnsupportedType { expected: "a PDF document" },
            "{}",
            String::from_utf8_lossy(upload)
        );
    }
}

#[test]
fn empty_and_oversize_pdfs_are_refused_before_parsing() {
    assert_eq!(refused(b""), MediaError::Empty);

    let limits = Limits { max_bytes: 100, ..Limits::default() };
    let bytes = pdf("1.7", "%%EOF");
    assert_eq!(check_pdf(&bytes, &limits), Err(MediaError::TooLarge { bytes: bytes.len(), max: 100 }));
}

fn pages(texts: &[&str]) -> Vec<Vec<String>> {
    texts.iter().map(|text| vec![format!("Heading of {text}"), (*text).to_owned()]).collect()
}

#[test]
fn a_pdf_is_read_for_its_page_count_and_text() {
    let bytes = portico_media::text_pdf(
        "Migration report",
        &pages(&["Remittances rose in the region.", "Corridors and returns."]),
    );
    assert!(check_pdf(&bytes, &Limits::default()).is_ok());
    let contents = portico_media::inspect_pdf(&bytes).expect("a plain PDF is accepted");
    assert_eq!(contents.pages, 2);
    assert!(contents.text.contains("Remittances rose in the region."), "{:?}", contents.text);
    assert!(contents.text.contains("Corridors and returns."), "{:?}", contents.text);
}

#[test]
fn the_text_kept_for_search_is_bounded() {
    let long = "word ".repeat(2_000);
    let many: Vec<&str> = std::iter::repeat_n(long.as_str(), 20).collect();
    let contents =
        portico_media::inspect_pdf(&portico_media::text_pdf("Long", &pages(&many))).expect("long PDF");
    assert_eq!(contents.pages, 20);
    assert!(contents.text.len() <= portico_media::MAX_PDF_TEXT);
    assert!(contents.text.len() > portico_media::MAX_PDF_TEXT / 2);
}

#[test]
fn active_content_is_refused_by_name() {
    for (what, named) in [
        ("javascript", "JavaScript"),
        ("launch", "launches a program"),
        ("embedded", "embedded files"),
        ("xfa", "XFA"),
    ] {
        let bytes = portico_media::testing::pdf_with_active_content(what);
        assert!(check_pdf(&bytes, &Limits::default()).is_ok(), "{what} passes the header check");
        let refused = portico_media::inspect_pdf(&bytes).expect_err(what);
        assert_eq!(refused.code(), "active_content", "{what}");
        assert!(refused.to_string().contains(named), "{what}: {refused}");
        assert!(refused.is_client_error());
    }
}

#[test]
fn a_pdf_lopdf_cannot_read_is_refused_as_damaged() {
    let bytes = pdf("1.7", "%%EOF\n");
    assert_eq!(portico_media::inspect_pdf(&bytes).map_err(|e| e.code()), Err("corrupt"));
}
