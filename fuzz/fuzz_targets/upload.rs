//! Upload sniffing and image decoding: what an uploaded file goes through before it is stored
//! (`sniff`, `check_pdf`, `inspect_image`, `process_image` and `strip_metadata` of
//! `portico_media`, as the upload handler calls them), with the server's rendition widths but
//! smaller pixel limits (512 × 512 pixels here, 50 megapixels in the server) so that the
//! fuzzer spends its time on parsing rather than on resizing big pictures.
//!
//! Checks, for any bytes: nothing panics; a file that is not sniffed as an image is refused by
//! the image path; what `process_image` accepts, `inspect_image` accepted with the same type
//! and upright size; the stored original is the same type and stripping it again changes
//! nothing; each rendition is no wider than the original, of the announced height, sniffs as
//! its declared type and passes the upload checks itself with its announced size.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portico_media::{
    DEFAULT_WIDTHS, FileKind, Limits, MAX_PDF_TEXT, check_pdf, inspect_image, inspect_pdf, process_image, scaled_height, sniff,
    strip_metadata,
};

const LIMITS: Limits = Limits { max_bytes: 15 * 1024 * 1024, max_pixels: 512 * 512, max_side: 4096 };

fuzz_target!(|data: &[u8]| {
    let kind = sniff(data);
    let pdf = check_pdf(data, &LIMITS);
    if let Ok(info) = &pdf {
        assert_eq!(kind, Some(FileKind::Pdf));
        assert_eq!(info.bytes, data.len());
        // Reading the objects of a PDF the header check took refuses or counts, never panics
        // (inspect_pdf turns a parser panic into a refusal, which must stay an uploader's
        // error), and keeps a bounded text.
        match inspect_pdf(data) {
            Ok(contents) => assert!(contents.pages > 0 && contents.text.len() <= MAX_PDF_TEXT),
            Err(err) => assert!(err.is_client_error(), "{err:?}"),
        }
    }
    if let Ok(stripped) = strip_metadata(data) {
        assert_eq!(sniff(&stripped), kind, "stripping changed the type");
        assert_eq!(strip_metadata(&stripped).ok().as_deref(), Some(&stripped[..]), "stripping twice differs");
    }
    let inspected = inspect_image(data, &LIMITS);
    let processed = process_image(data, &LIMITS, &DEFAULT_WIDTHS);
    if !kind.is_some_and(FileKind::is_image) {
        assert!(inspected.is_err() && processed.is_err(), "{kind:?} taken for an image");
        return;
    }
    let Ok(image) = processed else { return };
    let Ok(header) = inspected else { panic!("processed but refused by inspect_image: {inspected:?}") };
    assert_eq!(header, image.info, "the header and the decoded picture disagree");
    assert_eq!(Some(image.info.kind), kind);
    assert_eq!(sniff(&image.original), kind, "the stored original changed type");
    assert_eq!(strip_metadata(&image.original).ok().as_ref(), Some(&image.original), "original not stripped");
    for rendition in &image.renditions {
        assert!(
            rendition.width <= image.info.width,
            "rendition {} wider than {}",
            rendition.width,
            image.info.width
        );
        assert_eq!(rendition.height, scaled_height(image.info.width, image.info.height, rendition.width));
        assert_eq!(sniff(&rendition.bytes), Some(rendition.kind), "rendition of the wrong type");
        match inspect_image(&rendition.bytes, &LIMITS) {
            Ok(info) => assert_eq!((info.width, info.height), (rendition.width, rendition.height)),
            Err(err) => panic!("our own {:?} rendition refused: {err}", rendition.kind),
        }
    }
});
