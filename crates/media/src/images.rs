//! Image uploads: type and size checks, decompression-bomb guards, EXIF orientation, and
//! resized renditions in WebP and in the original's format.
//!
//! The order of the checks is the point: size in bytes, then type by magic number, then
//! dimensions from the header, and only then a full decode, itself bounded by `image`'s own
//! limits. Nothing here may panic on hostile input, and nothing here reads or writes files.

use std::io::Cursor;

use fast_image_resize::{ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageError, ImageFormat, ImageReader,
    RgbImage, RgbaImage,
};
use serde::Serialize;

use crate::error::MediaError;
use crate::kind::{FileKind, sniff};
use crate::{Limits, check_size};

/// The rendition widths used unless the caller asks for others: phone, tablet, desktop.
pub const DEFAULT_WIDTHS: [u32; 3] = [320, 640, 1280];

const EXPECTED: &str = "a JPEG, PNG or WebP image";
/// libwebp's lossy quality (0–100) for WebP renditions.
const WEBP_QUALITY: f32 = 80.0;
/// JPEG quality (1–100) for JPEG renditions.
const JPEG_QUALITY: u8 = 82;

/// An accepted image's type and its dimensions as displayed, i.e. after EXIF orientation (a
/// portrait photo stored sideways by the camera reports its portrait width and height).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImageInfo {
    /// The format found by content: JPEG, PNG or WebP.
    pub kind: FileKind,
    /// Width in pixels, after orientation.
    pub width: u32,
    /// Height in pixels, after orientation.
    pub height: u32,
}

/// One resized, re-encoded copy of an image, for one entry of a `srcset`.
///
/// It carries no metadata: re-encoding drops EXIF (camera, GPS position), which is what we
/// want for anything served to the public.
#[derive(Clone, PartialEq, Eq)]
pub struct Rendition {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels; the original's aspect ratio, rounded.
    pub height: u32,
    /// WebP, or the original's format.
    pub kind: FileKind,
    /// The encoded file.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Rendition {
    // The bytes would flood test failures and logs; their length is what matters.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendition")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("kind", &self.kind)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// An accepted image: the original to keep, and its renditions.
#[derive(Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    /// The original's type and displayed dimensions.
    pub info: ImageInfo,
    /// The original as uploaded, pixels untouched, without its metadata but with its colour
    /// profile and orientation ([`strip_metadata`](crate::strip_metadata)): the file to store.
    pub original: Vec<u8>,
    /// Renditions by ascending width; for each width the original's format first, then WebP
    /// (a single WebP when the original is WebP).
    pub renditions: Vec<Rendition>,
}

/// Checks an upload cheaply, from its header only: size, type by content, dimensions against
/// the pixel limits, and EXIF orientation. Pixels are not decoded, so a damaged body is only
/// found by [`process_image`].
pub fn inspect_image(bytes: &[u8], limits: &Limits) -> Result<ImageInfo, MediaError> {
    let (kind, mut decoder) = open(bytes, limits)?;
    let (width, height) = decoder.dimensions();
    let (width, height) =
        if swaps_sides(read_orientation(&mut decoder)) { (height, width) } else { (width, height) };
    Ok(ImageInfo { kind, width, height })
}

/// Checks and decodes an upload, turns it upright (EXIF orientation), makes renditions, and
/// strips the original's metadata.
///
/// For each requested width (`DEFAULT_WIDTHS` unless the caller needs others) there is one
/// rendition in the original's format (JPEG at quality 82, PNG) and one lossy WebP (quality
/// 80); a WebP original gets WebP renditions only. Images are never upscaled: a requested width
/// at or above the original's becomes one rendition at the original width, so a picture
/// narrower than every requested width still gets exactly one. Width 0 is ignored, and no
/// widths at all means no renditions (the image is still fully checked).
/// Transparency is kept in PNG and WebP; a JPEG rendition of a transparent image is flattened
/// on white.
pub fn process_image(bytes: &[u8], limits: &Limits, widths: &[u32]) -> Result<ProcessedImage, MediaError> {
    let (kind, mut decoder) = open(bytes, limits)?;
    let (stored_width, stored_height) = decoder.dimensions();
    let orientation = read_orientation(&mut decoder);
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|error| decode_error(error, stored_width, stored_height, limits))?;
    image.apply_orientation(orientation);
    let image = to_rgb_or_rgba(image);
    let info = ImageInfo { kind, width: image.width(), height: image.height() };

    let mut resizer = Resizer::new();
    let mut renditions = Vec::new();
    for width in rendition_widths(info.width, widths) {
        let height = scaled_height(info.width, info.height, width);
        let resized = if width == info.width {
            None
        } else {
            let mut target = DynamicImage::new(width, height, image.color());
            resizer
                .resize(&image, &mut target, &ResizeOptions::new())
                .map_err(|error| MediaError::EncodeFailed(error.to_string()))?;
            Some(target)
        };
        let pixels = resized.as_ref().unwrap_or(&image);
        for &target_kind in rendition_kinds(kind) {
            renditions.push(Rendition {
                width,
                height,
                kind: target_kind,
                bytes: encode(pixels, target_kind)?,
            });
        }
    }
    let original = crate::strip::strip_metadata(bytes)?;
    Ok(ProcessedImage { info, original, renditions })
}

impl std::fmt::Debug for ProcessedImage {
    // The original's bytes would flood test failures and logs; their length is what matters.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessedImage")
            .field("info", &self.info)
            .field("original", &self.original.len())
            .field("renditions", &self.renditions)
            .finish()
    }
}

/// Size and type checks, then the header's dimensions against the limits, then a decoder
/// bounded by `image`'s own limits as a second guard. No pixel is decoded here.
fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<(FileKind, impl ImageDecoder + 'a), MediaError> {
    check_size(bytes, limits)?;
    let (kind, format) = match sniff(bytes) {
        Some(FileKind::Jpeg) => (FileKind::Jpeg, ImageFormat::Jpeg),
        Some(FileKind::Png) => (FileKind::Png, ImageFormat::Png),
        Some(FileKind::Webp) => (FileKind::Webp, ImageFormat::WebP),
        Some(FileKind::Pdf) | None => {
            return Err(MediaError::UnsupportedType { expected: EXPECTED });
        }
    };

    // Header only, under image's default limits: parsing a header allocates little whatever
    // dimensions it claims.
    let (width, height) =
        ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(corrupt)?;
    check_dimensions(width, height, limits)?;
    if kind == FileKind::Jpeg && !jpeg_reaches_end_marker(bytes) {
        // The JPEG decoder is lenient and would fill the missing rows with grey.
        return Err(MediaError::Corrupt(
            "the JPEG data stops before its end marker: the file looks truncated".into(),
        ));
    }

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decoder_limits(limits));
    let decoder = reader.into_decoder().map_err(|error| decode_error(error, width, height, limits))?;
    if decoder.total_bytes() > max_alloc(limits) {
        return Err(too_many_pixels(width, height, limits));
    }
    Ok((kind, decoder))
}

/// Refuses dimensions above the side or area limit, and empty ones.
fn check_dimensions(width: u32, height: u32, limits: &Limits) -> Result<(), MediaError> {
    if width == 0 || height == 0 {
        return Err(MediaError::Corrupt("the image has no pixels".into()));
    }
    let pixels = u64::from(width) * u64::from(height);
    if width > limits.max_side || height > limits.max_side || pixels > limits.max_pixels {
        return Err(too_many_pixels(width, height, limits));
    }
    Ok(())
}

fn too_many_pixels(width: u32, height: u32, limits: &Limits) -> MediaError {
    MediaError::TooManyPixels { width, height, max_pixels: limits.max_pixels, max_side: limits.max_side }
}

/// The most a decoder may allocate: the largest accepted image at 8 bytes a pixel (16-bit
/// RGBA), plus room for the decoder's own buffers.
fn max_alloc(limits: &Limits) -> u64 {
    limits.max_pixels.saturating_mul(8).saturating_add(64 * 1024 * 1024)
}

fn decoder_limits(limits: &Limits) -> image::Limits {
    // image::Limits is non-exhaustive: start from its defaults and tighten.
    let mut bounds = image::Limits::default();
    bounds.max_image_width = Some(limits.max_side);
    bounds.max_image_height = Some(limits.max_side);
    bounds.max_alloc = Some(max_alloc(limits));
    bounds
}

/// A decoder's error as ours: its limits tripping is a bomb, anything else damage.
fn decode_error(error: ImageError, width: u32, height: u32, limits: &Limits) -> MediaError {
    match error {
        ImageError::Limits(_) => too_many_pixels(width, height, limits),
        other => corrupt(other),
    }
}

fn corrupt(error: ImageError) -> MediaError {
    // Some decoder messages end in a line break.
    MediaError::Corrupt(error.to_string().trim_end().to_owned())
}

/// Whether a JPEG runs to its end-of-image marker (FF D9) after its first scan.
///
/// Walks the marker segments to the first start-of-scan (so that a thumbnail's end marker in
/// the EXIF block does not count), then looks for FF D9 in the entropy-coded data, where an
/// FF byte is always followed by 00 or a restart marker unless it starts a real marker.
fn jpeg_reaches_end_marker(bytes: &[u8]) -> bool {
    let mut at = 2; // after the start-of-image marker
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return false;
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1; // fill bytes may pad before a marker
        }
        let Some(&marker) = bytes.get(at) else {
            return false;
        };
        at += 1;
        match marker {
            // Markers without a length: temporary, restart.
            0x01 | 0xD0..=0xD7 => continue,
            // Another start, or the end before any scan: no picture here.
            0xD8 | 0xD9 => return false,
            _ => {}
        }
        let Some(&[high, low]) = bytes.get(at..at + 2) else {
            return false;
        };
        let length = usize::from(u16::from_be_bytes([high, low]));
        if length < 2 {
            return false;
        }
        at += length;
        if marker == 0xDA {
            break;
        }
    }
    bytes.get(at..).is_some_and(|scan| scan.windows(2).any(|pair| pair == [0xFF, 0xD9]))
}

/// The EXIF orientation, or none: a damaged EXIF block should not cost the photo.
fn read_orientation(decoder: &mut impl ImageDecoder) -> Orientation {
    decoder.orientation().unwrap_or(Orientation::NoTransforms)
}

fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// 8-bit RGB, or RGBA when some pixel is not fully opaque: what the encoders and the resizer
/// all take. Grey becomes RGB and 16-bit channels become 8-bit, which is all the web shows.
fn to_rgb_or_rgba(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return DynamicImage::ImageRgb8(image.into_rgb8());
    }
    let rgba = image.into_rgba8();
    if rgba.pixels().all(|pixel| pixel[3] == u8::MAX) {
        DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).into_rgb8())
    } else {
        DynamicImage::ImageRgba8(rgba)
    }
}

/// The widths to render: each requested one, capped at the original's (never upscale),
/// without zeros or duplicates, ascending.
fn rendition_widths(original_width: u32, requested: &[u32]) -> Vec<u32> {
    let mut widths: Vec<u32> =
        requested.iter().filter(|width| **width > 0).map(|width| (*width).min(original_width)).collect();
    widths.sort_unstable();
    widths.dedup();
    widths
}

/// The height that keeps the aspect ratio at `width`, rounded, at least one pixel: what
/// [`process_image`] makes, and so what link previews announce for a rendition.
pub fn scaled_height(original_width: u32, original_height: u32, width: u32) -> u32 {
    let height = (u64::from(original_height) * u64::from(width) + u64::from(original_width) / 2)
        / u64::from(original_width);
    // width <= original_width, so height <= original_height fits in a u32.
    u32::try_from(height).unwrap_or(original_height).max(1)
}

fn rendition_kinds(original: FileKind) -> &'static [FileKind] {
    match original {
        FileKind::Jpeg => &[FileKind::Jpeg, FileKind::Webp],
        FileKind::Png => &[FileKind::Png, FileKind::Webp],
        FileKind::Webp | FileKind::Pdf => &[FileKind::Webp],
    }
}

/// Encodes 8-bit RGB or RGBA pixels (see [`to_rgb_or_rgba`]) as `kind`.
fn encode(pixels: &DynamicImage, kind: FileKind) -> Result<Vec<u8>, MediaError> {
    let (width, height) = (pixels.width(), pixels.height());
    let mut out = Vec::new();
    let result = match kind {
        FileKind::Webp => return encode_webp(pixels),
        FileKind::Jpeg => {
            let rgb = match pixels {
                DynamicImage::ImageRgba8(rgba) => flatten_on_white(rgba),
                other => other.to_rgb8(),
            };
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(
                rgb.as_raw(),
                width,
                height,
                ExtendedColorType::Rgb8,
            )
        }
        FileKind::Png => {
            PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive)
                .write_image(pixels.as_bytes(), width, height, pixels.color().into())
        }
        FileKind::Pdf => {
            return Err(MediaError::EncodeFailed("a PDF is not an image format".into()));
        }
    };
    result.map_err(|error| MediaError::EncodeFailed(error.to_string()))?;
    Ok(out)
}

/// Lossy WebP through libwebp, alpha kept.
fn encode_webp(pixels: &DynamicImage) -> Result<Vec<u8>, MediaError> {
    let (width, height) = (pixels.width(), pixels.height());
    let encoder = match pixels {
        DynamicImage::ImageRgba8(rgba) => webp::Encoder::from_rgba(rgba.as_raw(), width, height),
        DynamicImage::ImageRgb8(rgb) => webp::Encoder::from_rgb(rgb.as_raw(), width, height),
        _ => {
            return Err(MediaError::EncodeFailed("WebP renditions take 8-bit RGB or RGBA".into()));
        }
    };
    let memory = encoder
        .encode_simple(false, WEBP_QUALITY)
        .map_err(|error| MediaError::EncodeFailed(format!("libwebp: {error:?}")))?;
    Ok(memory.to_vec())
}

/// RGBA composited over a white background, for formats without transparency.
fn flatten_on_white(rgba: &RgbaImage) -> RgbImage {
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [red, green, blue, alpha] = rgba.get_pixel(x, y).0;
        let alpha = u16::from(alpha);
        let over_white = |channel: u8| {
            let mixed = (u16::from(channel) * alpha + 255 * (255 - alpha) + 127) / 255;
            // mixed <= 255 since it is a weighted mean of two values <= 255.
            u8::try_from(mixed).unwrap_or(u8::MAX)
        };
        image::Rgb([over_white(red), over_white(green), over_white(blue)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_capped_at_the_original_deduplicated_and_sorted() {
        assert_eq!(rendition_widths(1000, &[1280, 320, 0, 640, 320]), [320, 640, 1000]);
        assert_eq!(rendition_widths(200, &DEFAULT_WIDTHS), [200]);
        assert_eq!(rendition_widths(1280, &DEFAULT_WIDTHS), [320, 640, 1280]);
        assert!(rendition_widths(500, &[]).is_empty());
    }

    #[test]
    fn heights_keep_the_aspect_ratio_and_never_reach_zero() {
        assert_eq!(scaled_height(4000, 3000, 320), 240);
        assert_eq!(scaled_height(3000, 4000, 320), 427);
        assert_eq!(scaled_height(12_000, 1, 320), 1);
    }

    #[test]
    fn half_transparent_black_over_white_is_mid_grey() {
        let rgba = RgbaImage::from_pixel(1, 1, image::Rgba([0, 0, 0, 128]));
        let [red, green, blue] = flatten_on_white(&rgba).get_pixel(0, 0).0;
        assert_eq!((red, green, blue), (127, 127, 127));
    }
}
