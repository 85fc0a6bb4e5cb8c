//! Originals lose what cameras and editors wrote about them (GPS position, camera serials,
//! comments, XMP, thumbnails, trailing data) and keep what shows the picture right (colour
//! profile, orientation), pixels untouched. Fixtures are real JPEG, PNG and WebP files with
//! metadata spliced in by hand (`portico_media::testing`).

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader};
use portico_media::testing::{
    SECRETS, camera_exif, camera_jpeg, camera_png, camera_webp, icc_profile, pixels, segment,
};
use portico_media::{DEFAULT_WIDTHS, Limits, MediaError, process_image, strip_metadata};

struct Seen {
    orientation: Orientation,
    icc: Option<Vec<u8>>,
    exif: Option<Vec<u8>>,
    pixels: Vec<u8>,
}

fn decode(bytes: &[u8], format: ImageFormat) -> Seen {
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format).into_decoder().expect("decoder");
    let icc = decoder.icc_profile().expect("icc");
    let exif = decoder.exif_metadata().expect("exif");
    let orientation = decoder.orientation().expect("orientation");
    let mut pixels = vec![0; usize::try_from(decoder.total_bytes()).expect("size")];
    decoder.read_image(&mut pixels).expect("pixels");
    Seen { orientation, icc, exif, pixels }
}

fn assert_clean(name: &str, original: &[u8], stripped: &[u8], format: ImageFormat, orientation: Orientation) {
    for secret in SECRETS {
        assert!(
            original.windows(secret.len()).any(|w| w == secret),
            "{name}: the fixture carries {:?}",
            String::from_utf8_lossy(secret)
        );
        assert!(
            !stripped.windows(secret.len()).any(|w| w == secret),
            "{name}: {:?} survived",
            String::from_utf8_lossy(secret)
        );
    }
    let before = decode(original, format);
    let after = decode(stripped, format);
    assert_eq!(before.orientation, orientation, "{name}: the fixture's orientation");
    assert_eq!(after.orientation, orientation, "{name}: the orientation is kept");
    assert_eq!(after.icc.as_deref(), Some(icc_profile().as_slice()), "{name}: the colour profile is kept");
    let exif = after.exif.expect("an EXIF block for the orientation");
    assert_eq!(exif.len(), 26, "{name}: the EXIF block holds the orientation alone");
    assert!(!exif.windows(2).any(|w| w == [0x88, 0x25]), "{name}: no GPS directory");
    assert_eq!(after.pixels, before.pixels, "{name}: the pixels are untouched");
}

#[test]
fn a_jpeg_loses_gps_comments_xmp_and_trailing_data_and_keeps_profile_and_orientation() {
    let jpeg = camera_jpeg();
    let stripped = strip_metadata(&jpeg).expect("strip");
    assert_clean("JPEG", &jpeg, &stripped, ImageFormat::Jpeg, Orientation::Rotate90);
    assert!(stripped.ends_with(&[0xFF, 0xD9]), "the file ends at its end marker");
    assert_eq!(strip_metadata(&stripped).expect("again"), stripped, "stripping twice changes nothing");
}

#[test]
fn a_png_loses_gps_and_text_and_keeps_profile_and_orientation() {
    let png = camera_png();
    let stripped = strip_metadata(&png).expect("strip");
    assert_clean("PNG", &png, &stripped, ImageFormat::Png, Orientation::Rotate270);
    assert_eq!(strip_metadata(&stripped).expect("again"), stripped);
}

#[test]
fn a_webp_loses_gps_and_xmp_and_keeps_profile_and_orientation() {
    let webp = camera_webp();
    let stripped = strip_metadata(&webp).expect("strip");
    assert_clean("WebP", &webp, &stripped, ImageFormat::WebP, Orientation::Rotate180);
    assert_eq!(stripped[20] & 0x04, 0, "the VP8X header no longer announces XMP");
    assert_eq!(strip_metadata(&stripped).expect("again"), stripped);
}

#[test]
fn an_upright_photo_keeps_no_exif_at_all() {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(&pixels(16, 16), 16, 16, ExtendedColorType::Rgb8)
        .expect("encode");
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend(segment(0xE1, &[b"Exif\0\0".as_slice(), &camera_exif(1)].concat()));
    jpeg.extend_from_slice(&plain[2..]);
    let stripped = strip_metadata(&jpeg).expect("strip");
    assert_eq!(stripped, plain, "only the EXIF block went");
}

#[test]
fn processing_keeps_the_stripped_original() {
    let jpeg = camera_jpeg();
    let processed = process_image(&jpeg, &Limits::default(), &DEFAULT_WIDTHS).expect("process");
    assert_eq!(processed.original, strip_metadata(&jpeg).expect("strip"));
    assert_eq!((processed.info.width, processed.info.height), (32, 48), "shown upright");
}

#[test]
fn broken_containers_are_refused_without_panicking() {
    let jpeg = camera_jpeg();
    let png = camera_png();
    let webp = camera_webp();
    for (name, bytes) in [
        ("JPEG cut in its header", &jpeg[..30]),
        ("JPEG cut in its data", &jpeg[..jpeg.len() - 80]),
        ("PNG cut", &png[..png.len() - 50]),
        ("WebP cut", &webp[..webp.len() - 30]),
    ] {
        let result = strip_metadata(bytes);
        assert!(matches!(result, Err(MediaError::Corrupt(_))), "{name}: {result:?}");
    }
    assert!(matches!(strip_metadata(b"%PDF-1.4"), Err(MediaError::UnsupportedType { .. })));
    // Every prefix of every fixture: no panic, whatever the answer.
    for bytes in [&jpeg, &png, &webp] {
        for end in 0..bytes.len() {
            let _ = strip_metadata(&bytes[..end]);
        }
    }
}
