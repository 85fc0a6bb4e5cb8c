//! Image uploads as the back office sends them: bytes in, a verdict or renditions out.
//! Every fixture is made here with the `image` crate or by hand; no binary file is committed.

use std::io::Cursor;
use std::time::{Duration, Instant};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ImageEncoder, ImageReader, Rgb, RgbImage, Rgba, RgbaImage};
use portico_media::{
    DEFAULT_WIDTHS, FileKind, ImageInfo, Limits, MediaError, ProcessedImage, Rendition, inspect_image,
    process_image, sniff,
};

// ---------------------------------------------------------------------------------------------
// Fixtures

/// A photo-like picture: smooth gradients plus a little deterministic noise, so that encoders
/// and the resizer do real work.
fn photo(width: u32, height: u32) -> RgbImage {
    let mut seed = 0x2545_F491_u32;
    RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 24) as u8;
        Rgb([
            ((x * 200 / width) as u8).saturating_add(noise),
            ((y * 200 / height) as u8).saturating_add(noise),
            (((x + y) * 100 / (width + height)) as u8).saturating_add(noise),
        ])
    })
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(image.as_raw(), image.width(), image.height(), image::ExtendedColorType::Rgb8)
        .expect("encode the JPEG fixture");
    out
}

fn png(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(image.as_bytes(), image.width(), image.height(), image.color().into())
        .expect("encode the PNG fixture");
    out
}

fn webp(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    WebPEncoder::new_lossless(&mut out)
        .write_image(image.as_bytes(), image.width(), image.height(), image.color().into())
        .expect("encode the WebP fixture");
    out
}

/// A PNG chunk: length, type, data, CRC-32 of type and data.
fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    let mut chunk = Vec::new();
    chunk.extend_from_slice(&u32::try_from(data.len()).expect("small chunk").to_be_bytes());
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    chunk.extend_from_slice(&crc.finalize().to_be_bytes());
    chunk
}

/// A well-formed PNG whose header claims `width` × `height` RGBA pixels over a tiny body.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA, deflate, adaptive, no interlace
    // A zlib stream of a few kilobytes of zeros would inflate to gigabytes if honoured.
    let idat = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01];
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(png_chunk(b"IHDR", &ihdr));
    bytes.extend(png_chunk(b"IDAT", &idat));
    bytes.extend(png_chunk(b"IEND", &[]));
    bytes
}

/// A lossless WebP whose VP8L header claims `width` × `height` pixels over a tiny body.
fn webp_claiming(width: u32, height: u32) -> Vec<u8> {
    let size_bits = (width - 1) | ((height - 1) << 14) | (1 << 28); // alpha used, version 0
    let mut vp8l = vec![0x2F];
    vp8l.extend_from_slice(&size_bits.to_le_bytes());
    vp8l.extend_from_slice(&[0; 16]);
    let mut bytes = b"RIFF".to_vec();
    bytes.extend_from_slice(&(4 + 8 + vp8l.len() as u32).to_le_bytes());
    bytes.extend_from_slice(b"WEBPVP8L");
    bytes.extend_from_slice(&(vp8l.len() as u32).to_le_bytes());
    bytes.extend(vp8l);
    bytes
}

/// A real JPEG whose frame header is rewritten to claim `width` × `height` pixels.
fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(&photo(16, 16));
    let frame = bytes.windows(2).position(|pair| pair == [0xFF, 0xC0]).expect("a baseline frame header");
    bytes[frame + 5..frame + 7].copy_from_slice(&height.to_be_bytes());
    bytes[frame + 7..frame + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

/// Inserts an EXIF block with the given orientation tag right after a JPEG's start marker.
fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(b"MM\0\x2A\0\0\0\x08"); // big-endian TIFF header, first IFD at 8
    exif.extend_from_slice(&1u16.to_be_bytes()); // one entry
    exif.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    exif.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    exif.extend_from_slice(&1u32.to_be_bytes()); // one value
    exif.extend_from_slice(&orientation.to_be_bytes());
    exif.extend_from_slice(&[0, 0]); // padding of the 4-byte value field
    exif.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    // A fake GPS position would sit in this block too: renditions must not carry it.
    exif.extend_from_slice(b"GPS 46.2044N 6.1432E");

    let mut bytes = jpeg[..2].to_vec();
    bytes.extend_from_slice(&[0xFF, 0xE1]);
    bytes.extend_from_slice(&(exif.len() as u16 + 2).to_be_bytes());
    bytes.extend(exif);
    bytes.extend_from_slice(&jpeg[2..]);
    bytes
}

fn decode(rendition: &Rendition) -> DynamicImage {
    ImageReader::new(Cursor::new(&rendition.bytes))
        .with_guessed_format()
        .expect("read from memory")
        .decode()
        .expect("a rendition decodes")
}

fn sizes_and_kinds(processed: &ProcessedImage) -> Vec<(u32, u32, FileKind)> {
    processed.renditions.iter().map(|rendition| (rendition.width, rendition.height, rendition.kind)).collect()
}

/// Every rendition is what it says: its bytes sniff as its kind and decode to its size.
fn assert_renditions_are_honest(processed: &ProcessedImage) {
    for rendition in &processed.renditions {
        assert_eq!(sniff(&rendition.bytes), Some(rendition.kind), "{rendition:?}");
        let decoded = decode(rendition);
        assert_eq!((decoded.width(), decoded.height()), (rendition.width, rendition.height), "{rendition:?}");
    }
}

fn refused(bytes: &[u8]) -> MediaError {
    process_image(bytes, &Limits::default(), &DEFAULT_WIDTHS).expect_err("the upload is refused")
}

// ---------------------------------------------------------------------------------------------
// Accepted formats

#[test]
fn jpeg_photo_becomes_jpeg_and_webp_renditions_at_each_width() {
    let processed = process_image(&jpeg(&photo(1600, 1200)), &Limits::default(), &DEFAULT_WIDTHS)
        .expect("a JPEG photo is accepted");

    assert_eq!(processed.info, ImageInfo { kind: FileKind::Jpeg, width: 1600, height: 1200 });
    assert_eq!(
        sizes_and_kinds(&processed),
        [
            (320, 240, FileKind::Jpeg),
            (320, 240, FileKind::Webp),
            (640, 480, FileKind::Jpeg),
            (640, 480, FileKind::Webp),
            (1280, 960, FileKind::Jpeg),
            (1280, 960, FileKind::Webp),
        ]
    );
    assert_renditions_are_honest(&processed);
}

#[test]
fn png_graphic_becomes_png_and_webp_renditions_at_each_width() {
    let image = DynamicImage::ImageRgb8(photo(700, 350));
    let processed =
        process_image(&png(&image), &Limits::default(), &DEFAULT_WIDTHS).expect("a PNG is accepted");

    assert_eq!(processed.info.kind, FileKind::Png);
    assert_eq!(
        sizes_and_kinds(&processed),
        [
            (320, 160, FileKind::Png),
            (320, 160, FileKind::Webp),
            (640, 320, FileKind::Png),
            (640, 320, FileKind::Webp),
            (700, 350, FileKind::Png),
            (700, 350, FileKind::Webp),
        ]
    );
    assert_renditions_are_honest(&processed);
}

#[test]
fn webp_original_gets_one_webp_rendition_per_width() {
    let image = DynamicImage::ImageRgb8(photo(800, 600));
    let processed =
        process_image(&webp(&image), &Limits::default(), &DEFAULT_WIDTHS).expect("a WebP is accepted");

    assert_eq!(processed.info.kind, FileKind::Webp);
    assert_eq!(
        sizes_and_kinds(&processed),
        [(320, 240, FileKind::Webp), (640, 480, FileKind::Webp), (800, 600, FileKind::Webp),]
    );
    assert_renditions_are_honest(&processed);
}

#[test]
fn lossy_webp_renditions_are_much_smaller_than_lossless_ones() {
    // Guards the choice of libwebp: image's own encoder is lossless only.
    let image = DynamicImage::ImageRgb8(photo(640, 480));
    let processed =
        process_image(&jpeg(&photo(640, 480)), &Limits::default(), &[640]).expect("a JPEG photo is accepted");
    let lossy = processed
        .renditions
        .iter()
        .find(|rendition| rendition.kind == FileKind::Webp)
        .expect("a WebP rendition");
    assert!(
        lossy.bytes.len() * 2 < webp(&image).len(),
        "lossy {} bytes vs lossless {} bytes",
        lossy.bytes.len(),
        webp(&image).len()
    );
}

#[test]
fn portrait_photo_keeps_its_aspect_ratio() {
    let processed = process_image(&jpeg(&photo(900, 1200)), &Limits::default(), &[320, 640])
        .expect("a portrait JPEG is accepted");
    assert_eq!(
        sizes_and_kinds(&processed),
        [
            (320, 427, FileKind::Jpeg),
            (320, 427, FileKind::Webp),
            (640, 853, FileKind::Jpeg),
            (640, 853, FileKind::Webp),
        ]
    );
}

#[test]
fn image_narrower_than_every_width_gets_one_rendition_at_its_own_width() {
    let processed = process_image(&jpeg(&photo(200, 100)), &Limits::default(), &DEFAULT_WIDTHS)
        .expect("a small JPEG is accepted");
    assert_eq!(sizes_and_kinds(&processed), [(200, 100, FileKind::Jpeg), (200, 100, FileKind::Webp)]);
    assert_renditions_are_honest(&processed);
}

#[test]
fn images_are_never_upscaled() {
    let processed = process_image(&jpeg(&photo(1000, 500)), &Limits::default(), &[2400, 1280, 320])
        .expect("a JPEG is accepted");
    assert!(processed.renditions.iter().all(|rendition| rendition.width <= 1000 && rendition.height <= 500));
    let widths: Vec<u32> = processed.renditions.iter().map(|r| r.width).collect();
    assert_eq!(widths, [320, 320, 1000, 1000]);
}

#[test]
fn inspect_reads_type_and_dimensions_from_the_header() {
    let bytes = png(&DynamicImage::ImageRgb8(photo(321, 123)));
    assert_eq!(
        inspect_image(&bytes, &Limits::default()),
        Ok(ImageInfo { kind: FileKind::Png, width: 321, height: 123 })
    );
}

// ---------------------------------------------------------------------------------------------
// Orientation, metadata, transparency

#[test]
fn sideways_camera_photo_is_turned_upright_by_its_exif_orientation() {
    // Stored 40×20 with the left half red and the right half blue; orientation 6 means
    // "rotate 90° clockwise to display", so the upright picture is 20×40, red on top.
    let stored = RgbImage::from_fn(40, 20, |x, _| if x < 20 { Rgb([255, 0, 0]) } else { Rgb([0, 0, 255]) });
    let bytes = with_exif_orientation(&jpeg(&stored), 6);

    let upright = ImageInfo { kind: FileKind::Jpeg, width: 20, height: 40 };
    assert_eq!(inspect_image(&bytes, &Limits::default()), Ok(upright));
    let processed =
        process_image(&bytes, &Limits::default(), &DEFAULT_WIDTHS).expect("an oriented JPEG is accepted");
    assert_eq!(processed.info, upright);
    for rendition in &processed.renditions {
        let pixels = decode(rendition).to_rgb8();
        assert_eq!(pixels.dimensions(), (20, 40), "{rendition:?}");
        let [red, _, blue] = pixels.get_pixel(10, 5).0;
        assert!(red > 200 && blue < 60, "top is red in {rendition:?}");
        let [red, _, blue] = pixels.get_pixel(10, 34).0;
        assert!(red < 60 && blue > 200, "bottom is blue in {rendition:?}");
    }
}

#[test]
fn renditions_carry_no_exif_metadata() {
    let bytes = with_exif_orientation(&jpeg(&photo(400, 300)), 1);
    assert!(bytes.windows(4).any(|window| window == b"Exif"));
    let processed = process_image(&bytes, &Limits::default(), &[320]).expect("a JPEG with EXIF is accepted");
    for rendition in &processed.renditions {
        assert!(
            !rendition.bytes.windows(4).any(|window| window == b"Exif" || window == b"GPS "),
            "{rendition:?} carries metadata"
        );
    }
}

#[test]
fn transparency_survives_in_png_and_webp_renditions() {
    // Opaque red on the left, fully transparent on the right.
    let image =
        RgbaImage::from_fn(
            800,
            400,
            |x, _| {
                if x < 400 { Rgba([255, 0, 0, 255]) } else { Rgba([0, 0, 0, 0]) }
            },
        );
    let processed = process_image(&png(&DynamicImage::ImageRgba8(image)), &Limits::default(), &[320])
        .expect("a transparent PNG is accepted");

    assert_eq!(sizes_and_kinds(&processed), [(320, 160, FileKind::Png), (320, 160, FileKind::Webp)]);
    for rendition in &processed.renditions {
        let decoded = decode(rendition);
        assert!(decoded.color().has_alpha(), "{rendition:?} lost its alpha");
        let pixels = decoded.to_rgba8();
        assert_eq!(pixels.get_pixel(40, 80).0[3], 255, "{rendition:?}");
        assert_eq!(pixels.get_pixel(280, 80).0[3], 0, "{rendition:?}");
        assert!(pixels.get_pixel(40, 80).0[0] > 240, "{rendition:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Wrong types

#[test]
fn text_file_named_photo_jpg_is_refused_as_unsupported_type() {
    let error = refused(b"Dear colleagues,\nplease find the photo attached.\n");
    assert_eq!(error.code(), "unsupported_type");
    assert_eq!(error.to_string(), "This file is not a JPEG, PNG or WebP image.");
}

#[test]
fn svg_html_gif_bmp_and_tiff_are_refused_as_unsupported_type() {
    let uploads: [&[u8]; 7] = [
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
        br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#,
        b"<!doctype html><html><body><img src=x onerror=alert(1)></body></html>",
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
        b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00",
        b"II*\x00\x08\x00\x00\x00\x00\x00",
        b"MM\x00*\x00\x00\x00\x08\x00\x00",
    ];
    for upload in uploads {
        assert_eq!(
            refused(upload),
            MediaError::UnsupportedType { expected: "a JPEG, PNG or WebP image" },
            "{}",
            String::from_utf8_lossy(upload)
        );
        assert_eq!(sniff(upload), None);
    }
}

#[test]
fn pdf_is_refused_where_an_image_is_expected() {
    let pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    assert_eq!(refused(pdf).code(), "unsupported_type");
    assert_eq!(inspect_image(pdf, &Limits::default()).expect_err("refused").code(), "unsupported_type");
}

// ---------------------------------------------------------------------------------------------
// Size and decompression bombs

#[test]
fn empty_upload_is_refused() {
    assert_eq!(refused(b""), MediaError::Empty);
}

#[test]
fn upload_over_the_byte_limit_is_refused_before_parsing() {
    let mut bytes = vec![0u8; 16 * 1024 * 1024];
    bytes[..3].copy_from_slice(&[0xFF, 0xD8, 0xFF]);
    let error = refused(&bytes);
    assert_eq!(error, MediaError::TooLarge { bytes: 16 * 1024 * 1024, max: 15 * 1024 * 1024 });
    assert_eq!(error.to_string(), "The file is 16.0 MB; files may be at most 15.0 MB.");
}

#[test]
fn png_claiming_60000_by_60000_pixels_is_refused_from_its_header_at_once() {
    let bomb = png_claiming(60_000, 60_000);
    assert!(bomb.len() < 100);
    let started = Instant::now();
    let error = refused(&bomb);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(
        error,
        MediaError::TooManyPixels { width: 60_000, height: 60_000, max_pixels: 50_000_000, max_side: 12_000 }
    );
    assert_eq!(inspect_image(&bomb, &Limits::default()).expect_err("refused").code(), "too_many_pixels");
}

#[test]
fn png_within_the_side_limit_but_over_the_area_limit_is_refused() {
    // 10 000 × 10 000 = 100 megapixels, every side under 12 000.
    assert_eq!(refused(&png_claiming(10_000, 10_000)).code(), "too_many_pixels");
}

#[test]
fn long_thin_png_over_the_side_limit_is_refused() {
    assert_eq!(refused(&png_claiming(12_001, 1)).code(), "too_many_pixels");
}

#[test]
fn jpeg_and_webp_claiming_huge_dimensions_are_refused_from_their_headers() {
    assert_eq!(refused(&jpeg_claiming(60_000, 60_000)).code(), "too_many_pixels");
    assert_eq!(refused(&webp_claiming(16_000, 16_000)).code(), "too_many_pixels");
}

#[test]
fn tighter_limits_from_the_caller_are_obeyed() {
    let limits = Limits { max_bytes: 1_000_000, max_pixels: 10_000, max_side: 500 };
    let error = process_image(&jpeg(&photo(200, 100)), &limits, &DEFAULT_WIDTHS)
        .expect_err("20 000 pixels is over a 10 000 pixel limit");
    assert_eq!(error.code(), "too_many_pixels");
    assert_eq!(
        error.to_string(),
        "The image is 200 × 100 pixels; images may be at most 500 pixels on a side and 10000 \
         pixels in all."
    );
}

// ---------------------------------------------------------------------------------------------
// Damaged files

#[test]
fn truncated_jpeg_is_refused_as_corrupt() {
    let whole = jpeg(&photo(300, 200));
    for cut in [whole.len() / 2, whole.len() - 2, 40] {
        let error = refused(&whole[..cut]);
        assert_eq!(error.code(), "corrupt", "cut at {cut}: {error}");
    }
}

#[test]
fn truncated_png_is_refused_as_corrupt() {
    let whole = png(&DynamicImage::ImageRgb8(photo(300, 200)));
    for cut in [whole.len() / 2, whole.len() - 12, 30] {
        let error = refused(&whole[..cut]);
        assert_eq!(error.code(), "corrupt", "cut at {cut}: {error}");
    }
}

#[test]
fn truncated_webp_is_refused_as_corrupt() {
    let whole = webp(&DynamicImage::ImageRgb8(photo(300, 200)));
    for cut in [whole.len() / 2, whole.len() - 1, 20] {
        let error = refused(&whole[..cut]);
        assert_eq!(error.code(), "corrupt", "cut at {cut}: {error}");
    }
}

#[test]
fn png_with_a_bad_checksum_is_refused_as_corrupt() {
    let mut bytes = png(&DynamicImage::ImageRgb8(photo(64, 64)));
    // The IHDR chunk's CRC sits at bytes 29..33.
    bytes[30] ^= 0xFF;
    assert_eq!(refused(&bytes).code(), "corrupt");

    let mut bytes = png(&DynamicImage::ImageRgb8(photo(64, 64)));
    // A flipped bit inside the image data no longer matches the IDAT chunk's CRC.
    let idat = bytes.windows(4).position(|window| window == b"IDAT").expect("an IDAT chunk");
    bytes[idat + 10] ^= 0x01;
    assert_eq!(refused(&bytes).code(), "corrupt");
}

#[test]
fn random_bytes_after_a_valid_magic_number_are_refused_as_corrupt() {
    let mut seed = 7_u32;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as u8
        })
        .collect();
    let magics: [&[u8]; 3] = [&[0xFF, 0xD8, 0xFF], b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x10\x00\x00WEBP"];
    for magic in magics {
        let bytes = [magic, &noise].concat();
        let error = refused(&bytes);
        assert_eq!(error.code(), "corrupt", "{magic:?}: {error}");
    }
}

#[test]
fn no_truncation_or_flipped_byte_of_a_valid_image_panics() {
    let originals = [
        jpeg(&photo(48, 32)),
        with_exif_orientation(&jpeg(&photo(48, 32)), 8),
        png(&DynamicImage::ImageRgba8(DynamicImage::ImageRgb8(photo(48, 32)).to_rgba8())),
        webp(&DynamicImage::ImageRgb8(photo(48, 32))),
    ];
    for original in &originals {
        for cut in (0..original.len()).step_by(7) {
            let _ = process_image(&original[..cut], &Limits::default(), &[16]);
        }
        for at in (0..original.len()).step_by(5) {
            for flip in [0x01, 0x80, 0xFF] {
                let mut damaged = original.clone();
                damaged[at] ^= flip;
                let _ = inspect_image(&damaged, &Limits::default());
                let _ = process_image(&damaged, &Limits::default(), &[16]);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cost

/// Prints how long a 12-megapixel camera JPEG takes; run it in both profiles with
/// `cargo test -p portico-media [--release] --test images -- --ignored --nocapture`.
#[test]
#[ignore = "a timing report, not a check"]
fn processing_a_12_megapixel_photo_takes_a_moment() {
    let bytes = jpeg(&photo(4000, 3000));
    let started = Instant::now();
    let info = inspect_image(&bytes, &Limits::default()).expect("accepted");
    let inspected = started.elapsed();
    let started = Instant::now();
    let processed = process_image(&bytes, &Limits::default(), &DEFAULT_WIDTHS).expect("accepted");
    let processed_in = started.elapsed();
    let total: usize = processed.renditions.iter().map(|r| r.bytes.len()).sum();
    println!(
        "{}×{} JPEG of {} KiB: inspect {inspected:?}, process {processed_in:?} into {} \
         renditions of {} KiB in all",
        info.width,
        info.height,
        bytes.len() / 1024,
        processed.renditions.len(),
        total / 1024
    );
}
