//! The error codes are a contract with the back office's translations and with API clients.

use portico_media::{FileKind, MediaError, sniff};

fn every_error() -> Vec<MediaError> {
    vec![
        MediaError::Empty,
        MediaError::TooLarge { bytes: 20_000_000, max: 15_728_640 },
        MediaError::UnsupportedType { expected: "a PDF document" },
        MediaError::Corrupt("bad CRC".into()),
        MediaError::TooManyPixels { width: 60_000, height: 60_000, max_pixels: 50_000_000, max_side: 12_000 },
        MediaError::EncodeFailed("out of memory".into()),
    ]
}

#[test]
fn error_codes_never_change() {
    let codes: Vec<&str> = every_error().iter().map(MediaError::code).collect();
    assert_eq!(
        codes,
        ["empty", "too_large", "unsupported_type", "corrupt", "too_many_pixels", "encode_failed"]
    );
}

#[test]
fn every_error_reads_as_a_sentence() {
    for error in every_error() {
        let message = error.to_string();
        assert!(
            message.starts_with(|first: char| first.is_uppercase()) && message.ends_with('.'),
            "{message}"
        );
    }
}

#[test]
fn only_a_failed_conversion_is_our_fault() {
    let ours: Vec<&str> =
        every_error().iter().filter(|error| !error.is_client_error()).map(MediaError::code).collect();
    assert_eq!(ours, ["encode_failed"]);
}

#[test]
fn file_kinds_know_their_mime_type_and_extension() {
    let kinds = [FileKind::Jpeg, FileKind::Png, FileKind::Webp, FileKind::Pdf];
    let described: Vec<(&str, &str)> = kinds.iter().map(|kind| (kind.mime(), kind.extension())).collect();
    assert_eq!(
        described,
        [("image/jpeg", "jpg"), ("image/png", "png"), ("image/webp", "webp"), ("application/pdf", "pdf")]
    );
}

#[test]
fn sniffing_reads_magic_numbers_and_nothing_else() {
    assert_eq!(sniff(&[0xFF, 0xD8, 0xFF]), Some(FileKind::Jpeg));
    assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Some(FileKind::Png));
    assert_eq!(sniff(b"RIFF\0\0\0\0WEBP"), Some(FileKind::Webp));
    assert_eq!(sniff(b"%PDF-"), Some(FileKind::Pdf));
    // A RIFF that is not WebP (a WAV sound), and prefixes too short to tell.
    assert_eq!(sniff(b"RIFF\0\0\0\0WAVEfmt "), None);
    assert_eq!(sniff(&[0xFF, 0xD8]), None);
    assert_eq!(sniff(b"\x89PNG"), None);
    assert_eq!(sniff(b"RIFF\0\0\0\0WEB"), None);
    assert_eq!(sniff(b""), None);
}
