//! Originals lose what cameras and editors wrote about them (GPS position, camera serials,
//! comments, XMP, thumbnails, trailing data) and keep what shows the picture right (colour
//! profile, orientation), pixels untouched. Fixtures are real JPEG, PNG and WebP files with
//! metadata spliced in by hand.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::metadata::Orientation;
use image::{ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader};
use portico_media::{DEFAULT_WIDTHS, Limits, MediaError, process_image, strip_metadata};

/// Words that must not survive: the camera's name, a comment, XMP, trailing data.
const SECRETS: [&[u8]; 5] =
    [b"SecretCam", b"Call me at 555-0199", b"xmpmeta", b"Hidden after the end", b"Lat"];

/// A made-up ICC profile: decoders hand it over as bytes, which is all we compare.
fn icc_profile() -> Vec<u8> {
    let mut profile = b"\x00\x00\x01\x00ICC profile made for the test".to_vec();
    profile.resize(256, 7);
    profile
}

/// A little-endian TIFF structure as cameras write it: orientation, camera make, and a GPS
/// directory with a latitude.
fn camera_exif(orientation: u16) -> Vec<u8> {
    let mut tiff = b"II\x2a\x00".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value);
    };
    // IFD0 at 8: three entries, ending at 8 + 2 + 36 + 4 = 50.
    tiff.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut tiff, 0x010F, 2, 10, 50u32.to_le_bytes()); // Make, at 50
    let [low, high] = orientation.to_le_bytes();
    entry(&mut tiff, 0x0112, 3, 1, [low, high, 0, 0]); // Orientation
    entry(&mut tiff, 0x8825, 4, 1, 60u32.to_le_bytes()); // GPS directory, at 60
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"SecretCam\0");
    // GPS directory at 60: two entries, ending at 90.
    tiff.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0"); // GPSLatitudeRef
    entry(&mut tiff, 0x0002, 5, 3, 90u32.to_le_bytes()); // GPSLatitude, at 90
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (numerator, denominator) in [(46u32, 1u32), (12, 1), (3456, 100)] {
        tiff.extend_from_slice(&numerator.to_le_bytes());
        tiff.extend_from_slice(&denominator.to_le_bytes());
    }
    tiff.extend_from_slice(b"Lat");
    tiff
}

fn pixels(width: u32, height: u32) -> Vec<u8> {
    (0..width * height).flat_map(|i| [(i * 7) as u8, (i / width * 9) as u8, 120]).collect()
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&u16::try_from(payload.len() + 2).expect("short").to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// A real 48 × 32 JPEG with, after its JFIF header: camera EXIF (orientation 6: shown turned a
/// quarter clockwise) with GPS, XMP, an ICC profile, a comment; and bytes after its end.
fn camera_jpeg() -> Vec<u8> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(&pixels(48, 32), 48, 32, ExtendedColorType::Rgb8)
        .expect("encode");
    let mut metadata = Vec::new();
    metadata.extend(segment(0xE1, &[b"Exif\0\0".as_slice(), &camera_exif(6)].concat()));
    metadata.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS 46.2</x:xmpmeta>"));
    metadata.extend(segment(0xE2, &[b"ICC_PROFILE\0\x01\x01".as_slice(), &icc_profile()].concat()));
    metadata.extend(segment(0xFE, b"Call me at 555-0199"));
    // After SOI and the encoder's JFIF APP0 (18 bytes).
    assert_eq!(&plain[2..4], [0xFF, 0xE0]);
    let after_app0 = 4 + usize::from(u16::from_be_bytes([plain[4], plain[5]]));
    let mut jpeg = plain[..after_app0].to_vec();
    jpeg.extend(metadata);
    jpeg.extend_from_slice(&plain[after_app0..]);
    jpeg.extend_from_slice(b"Hidden after the end: an MPF image with its own EXIF");
    jpeg
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).expect("short").to_be_bytes().to_vec();
    let mut checked = kind.to_vec();
    checked.extend_from_slice(data);
    out.extend_from_slice(&checked);
    out.extend_from_slice(&crc32fast::hash(&checked).to_be_bytes());
    out
}

/// A real 40 × 30 PNG with an ICC profile, camera EXIF (orientation 8), a text comment, XMP,
/// and a chunk after its end.
fn camera_png() -> Vec<u8> {
    let mut plain = Vec::new();
    let mut encoder = PngEncoder::new(&mut plain);
    encoder.set_icc_profile(icc_profile()).expect("icc");
    encoder.write_image(&pixels(40, 30), 40, 30, ExtendedColorType::Rgb8).expect("encode");
    let after_ihdr = 8 + 25;
    let mut png = plain[..after_ihdr].to_vec();
    png.extend(png_chunk(b"eXIf", &camera_exif(8)));
    png.extend(png_chunk(b"tEXt", b"Comment\0Call me at 555-0199"));
    png.extend(png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPS 46.2</x:xmpmeta>"));
    png.extend_from_slice(&plain[after_ihdr..]);
    png.extend(png_chunk(b"tEXt", b"Comment\0Hidden after the end"));
    png
}

fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_vec();
    out.extend_from_slice(&u32::try_from(data.len()).expect("short").to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
    out
}

/// A real 40 × 30 extended WebP with an ICC profile, camera EXIF (orientation 3), XMP, and
/// bytes after its end.
fn camera_webp() -> Vec<u8> {
    let mut plain = Vec::new();
    WebPEncoder::new_lossless(&mut plain)
        .write_image(&pixels(40, 30), 40, 30, ExtendedColorType::Rgb8)
        .expect("encode");
    assert_eq!(&plain[12..16], b"VP8L", "the encoder writes a simple lossless WebP");
    let image = &plain[12..];
    let mut vp8x = vec![0x20 | 0x08 | 0x04, 0, 0, 0]; // ICC, EXIF, XMP
    vp8x.extend_from_slice(&39u32.to_le_bytes()[..3]);
    vp8x.extend_from_slice(&29u32.to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(riff_chunk(b"VP8X", &vp8x));
    body.extend(riff_chunk(b"ICCP", &icc_profile()));
    body.extend_from_slice(image);
    body.extend(riff_chunk(b"EXIF", &camera_exif(3)));
    body.extend(riff_chunk(b"XMP ", b"<x:xmpmeta>Call me at 555-0199</x:xmpmeta>"));
    let mut webp = b"RIFF".to_vec();
    webp.extend_from_slice(&u32::try_from(body.len()).expect("short").to_le_bytes());
    webp.extend(body);
    webp.extend_from_slice(b"Hidden after the end");
    webp
}

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
