//! Metadata taken out of an original without touching its pixels: what a camera or an editing
//! program wrote about the photo (EXIF with its GPS position and serial numbers, XMP, IPTC,
//! comments, embedded thumbnails, text chunks) goes; what a viewer needs to show the picture as
//! it was meant (the colour profile, the orientation) stays.
//!
//! Each container is walked segment by segment (JPEG) or chunk by chunk (PNG, WebP) and only
//! the parts known to be needed for display are copied, so that anything unknown is dropped
//! rather than kept. The orientation survives as a new, minimal EXIF block holding that one
//! tag. The compressed image data is copied byte for byte: nothing is re-encoded.
//!
//! `img-parts` reads these containers too, but it keeps everything after a JPEG's first scan
//! as one opaque block: a comment between progressive scans, or a second image with its own
//! EXIF after the end marker (MPF), would survive. Walking the whole file here leaves nothing
//! unread.

use image::metadata::Orientation;

use crate::error::MediaError;
use crate::kind::{FileKind, sniff};

/// `bytes` without their metadata, keeping the ICC colour profile and the EXIF orientation
/// (as the only tag of a fresh EXIF block, and only when it is not the default).
///
/// Takes a JPEG, PNG or WebP; anything else is [`MediaError::UnsupportedType`], and a
/// container whose structure does not hold together is [`MediaError::Corrupt`]. Data after
/// the image's end (a JPEG's trailing bytes, chunks after a PNG's `IEND`) is dropped.
pub fn strip_metadata(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    match sniff(bytes) {
        Some(FileKind::Jpeg) => strip_jpeg(bytes),
        Some(FileKind::Png) => strip_png(bytes),
        Some(FileKind::Webp) => strip_webp(bytes),
        Some(FileKind::Pdf) | None => {
            Err(MediaError::UnsupportedType { expected: "a JPEG, PNG or WebP image" })
        }
    }
}

fn corrupt(what: &str) -> MediaError {
    MediaError::Corrupt(what.to_owned())
}

/// A TIFF structure holding one tag, the orientation: what EXIF blocks contain, minus
/// everything else.
fn orientation_exif(orientation: Orientation) -> Vec<u8> {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\x00\x2a"); // big-endian TIFF
    tiff.extend_from_slice(&8u32.to_be_bytes()); // the first directory follows the header
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value, held in the entry itself
    tiff.extend_from_slice(&u16::from(orientation.to_exif()).to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next directory
    tiff
}

/// The orientation worth keeping: a valid one other than "as stored".
fn kept_orientation(tiff: &[u8]) -> Option<Orientation> {
    Orientation::from_exif_chunk(tiff).filter(|orientation| *orientation != Orientation::NoTransforms)
}

const EXIF_PREFIX: &[u8] = b"Exif\0\0";

// JPEG markers.
const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP1: u8 = 0xE1;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;

/// One marker segment of a JPEG before or between scans.
struct Segment<'a> {
    marker: u8,
    /// What follows the length field.
    payload: &'a [u8],
}

/// Walks a JPEG's marker segments and scans to its end marker, handing each segment to
/// `each` together with the entropy-coded data that follows it (empty but after SOS).
fn walk_jpeg<'a>(
    bytes: &'a [u8],
    mut each: impl FnMut(Segment<'a>, &'a [u8]) -> Result<(), MediaError>,
) -> Result<(), MediaError> {
    if bytes.get(..2) != Some(&[0xFF, SOI]) {
        return Err(corrupt("the JPEG does not start with its start-of-image marker"));
    }
    let mut at = 2;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return Err(corrupt("the JPEG has data where a marker should be"));
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1; // fill bytes may pad before a marker
        }
        let marker = *bytes.get(at).ok_or_else(|| corrupt("the JPEG stops before its end marker"))?;
        at += 1;
        match marker {
            EOI => return Ok(()),
            SOI => return Err(corrupt("the JPEG starts a second image before ending the first")),
            // Markers without a length: temporary, restart.
            0x01 | 0xD0..=0xD7 => {
                each(Segment { marker, payload: &[] }, &[])?;
                continue;
            }
            _ => {}
        }
        let length = match bytes.get(at..at + 2) {
            Some(&[high, low]) => usize::from(u16::from_be_bytes([high, low])),
            _ => return Err(corrupt("the JPEG stops inside a segment")),
        };
        let payload = length
            .checked_sub(2)
            .and_then(|size| bytes.get(at + 2..at + 2 + size))
            .ok_or_else(|| corrupt("a JPEG segment runs past the end of the file"))?;
        at += length;
        let entropy_start = at;
        if marker == SOS {
            at = end_of_entropy(bytes, at)?;
        }
        each(Segment { marker, payload }, &bytes[entropy_start..at])?;
    }
}

/// Where a scan's entropy-coded data ends: at the first FF that starts a real marker (not a
/// stuffed 00 nor a restart marker).
fn end_of_entropy(bytes: &[u8], mut at: usize) -> Result<usize, MediaError> {
    loop {
        let found = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|b| *b == 0xFF))
            .ok_or_else(|| corrupt("the JPEG data stops before its end marker"))?;
        let ff = at + found;
        match bytes.get(ff + 1) {
            Some(0x00 | 0xD0..=0xD7) => at = ff + 2,
            Some(_) => return Ok(ff),
            None => return Err(corrupt("the JPEG data stops before its end marker")),
        }
    }
}

fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    let mut orientation = None;
    walk_jpeg(bytes, |segment, _| {
        if orientation.is_none() && segment.marker == APP1 {
            orientation = segment.payload.strip_prefix(EXIF_PREFIX).and_then(kept_orientation);
        }
        Ok(())
    })?;

    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, SOI]);
    // The orientation's EXIF block goes after JFIF's APP0, which must come first.
    let mut exif = orientation.map(|orientation| [EXIF_PREFIX, &orientation_exif(orientation)].concat());
    walk_jpeg(bytes, |segment, entropy| {
        if segment.marker != APP0
            && let Some(payload) = exif.take()
        {
            write_jpeg_segment(&mut out, APP1, &payload)?;
        }
        match segment.marker {
            0x01 | 0xD0..=0xD7 => out.extend_from_slice(&[0xFF, segment.marker]),
            // JFIF's header, without the thumbnail it may carry.
            APP0 if segment.payload.starts_with(b"JFIF\0") && segment.payload.len() >= 14 => {
                let mut jfif = segment.payload[..14].to_vec();
                jfif[12] = 0;
                jfif[13] = 0;
                write_jpeg_segment(&mut out, APP0, &jfif)?;
            }
            APP2 if segment.payload.starts_with(b"ICC_PROFILE\0") => {
                write_jpeg_segment(&mut out, APP2, segment.payload)?;
            }
            // Adobe's colour transform: CMYK and YCCK pictures decode wrongly without it.
            APP14 if segment.payload.starts_with(b"Adobe") => {
                write_jpeg_segment(&mut out, APP14, segment.payload)?;
            }
            // Frames, Huffman and arithmetic tables, scans, quantization tables, line
            // counts, restart intervals, hierarchical progression.
            0xC0..=0xCF | 0xDA..=0xDF => write_jpeg_segment(&mut out, segment.marker, segment.payload)?,
            // Every other APPn (EXIF, XMP, IPTC, MPF, maker notes), comments, extensions.
            _ => {}
        }
        out.extend_from_slice(entropy);
        Ok(())
    })?;
    out.extend_from_slice(&[0xFF, EOI]);
    Ok(out)
}

fn write_jpeg_segment(out: &mut Vec<u8>, marker: u8, payload: &[u8]) -> Result<(), MediaError> {
    let length = u16::try_from(payload.len() + 2).map_err(|_| corrupt("a JPEG segment is too long"))?;
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(payload);
    Ok(())
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The PNG chunks a viewer needs: the image, its palette and transparency, its colour
/// (profile, gamma, chromaticities, rendering intent, HDR), pixel size and background, and an
/// animated PNG's frames. Text, time, EXIF and every private chunk go.
const PNG_KEPT: [&[u8; 4]; 18] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP",
    b"mDCV", b"cLLI", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

/// Walks a PNG's chunks to `IEND`, handing each one's type and whole bytes (length, type,
/// data, checksum) to `each`.
fn walk_png<'a>(bytes: &'a [u8], mut each: impl FnMut(&'a [u8], &'a [u8])) -> Result<(), MediaError> {
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(corrupt("the PNG signature is missing"));
    }
    let mut at = PNG_SIGNATURE.len();
    loop {
        let length = match bytes.get(at..at + 4) {
            Some(&[a, b, c, d]) => usize::try_from(u32::from_be_bytes([a, b, c, d]))
                .map_err(|_| corrupt("a PNG chunk is too long"))?,
            _ => return Err(corrupt("the PNG stops before its IEND chunk")),
        };
        let whole = length
            .checked_add(12)
            .and_then(|size| bytes.get(at..at.checked_add(size)?))
            .ok_or_else(|| corrupt("a PNG chunk runs past the end of the file"))?;
        let kind = &whole[4..8];
        each(kind, whole);
        at += whole.len();
        if kind == b"IEND" {
            return Ok(());
        }
    }
}

fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    let mut orientation = None;
    walk_png(bytes, |kind, whole| {
        if kind == b"eXIf" && orientation.is_none() {
            orientation = kept_orientation(&whole[8..whole.len() - 4]);
        }
    })?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    walk_png(bytes, |kind, whole| {
        if PNG_KEPT.iter().any(|kept| kept.as_slice() == kind) {
            out.extend_from_slice(whole);
        }
        // eXIf must come before the image data: right after the header is always before.
        if kind == b"IHDR"
            && let Some(orientation) = orientation
        {
            let data = orientation_exif(orientation);
            let mut checked = b"eXIf".to_vec();
            checked.extend_from_slice(&data);
            // 26 bytes: the length always fits.
            out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
            out.extend_from_slice(&checked);
            out.extend_from_slice(&crc32fast::hash(&checked).to_be_bytes());
        }
    })?;
    Ok(out)
}

/// The WebP chunks a viewer needs: the extended header, colour profile, animation, alpha and
/// the image itself. EXIF, XMP and unknown chunks go.
const WEBP_KEPT: [&[u8; 4]; 7] = [b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L"];
/// VP8X flags saying an EXIF or XMP chunk is present.
const WEBP_EXIF_FLAG: u8 = 0x08;
const WEBP_XMP_FLAG: u8 = 0x04;

fn strip_webp(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    let declared = match bytes.get(4..8) {
        Some(&[a, b, c, d]) => usize::try_from(u32::from_le_bytes([a, b, c, d]))
            .map_err(|_| corrupt("the WebP file is too long"))?,
        _ => return Err(corrupt("the WebP header is cut short")),
    };
    let end = declared
        .checked_add(8)
        .filter(|end| *end <= bytes.len())
        .ok_or_else(|| corrupt("the WebP file is shorter than its header says"))?;
    let mut chunks: Vec<(&[u8], &[u8])> = Vec::new();
    let mut at = 12;
    while at < end {
        let (kind, size) = match bytes.get(at..at + 8) {
            Some(&[_, _, _, _, e, f, g, h]) => (
                &bytes[at..at + 4],
                usize::try_from(u32::from_le_bytes([e, f, g, h]))
                    .map_err(|_| corrupt("a WebP chunk is too long"))?,
            ),
            _ => return Err(corrupt("the WebP file stops inside a chunk header")),
        };
        let data = bytes
            .get(at + 8..at + 8 + size)
            .filter(|_| at + 8 + size <= end)
            .ok_or_else(|| corrupt("a WebP chunk runs past the end of the file"))?;
        chunks.push((kind, data));
        at += 8 + size + (size & 1);
    }

    let orientation = chunks.iter().find(|(kind, _)| *kind == b"EXIF").and_then(|(_, data)| {
        // Some writers keep JPEG's "Exif\0\0" in front of the TIFF structure.
        kept_orientation(data.strip_prefix(EXIF_PREFIX).unwrap_or(data))
    });
    let extended = chunks.first().is_some_and(|(kind, _)| *kind == b"VP8X");
    // Only the extended format may carry an orientation; a simple WebP's is dropped.
    let exif = orientation.filter(|_| extended).map(orientation_exif);

    let mut body = Vec::with_capacity(end);
    body.extend_from_slice(b"WEBP");
    for (kind, data) in &chunks {
        if !WEBP_KEPT.iter().any(|kept| kept.as_slice() == *kind) {
            continue;
        }
        if *kind == b"VP8X" {
            let mut header = data.to_vec();
            if let Some(flags) = header.first_mut() {
                *flags &= !(WEBP_EXIF_FLAG | WEBP_XMP_FLAG);
                if exif.is_some() {
                    *flags |= WEBP_EXIF_FLAG;
                }
            }
            write_riff_chunk(&mut body, kind, &header)?;
        } else {
            write_riff_chunk(&mut body, kind, data)?;
        }
    }
    // EXIF comes after the image data in an extended WebP.
    if let Some(exif) = exif {
        write_riff_chunk(&mut body, b"EXIF", &exif)?;
    }
    let size = u32::try_from(body.len()).map_err(|_| corrupt("the WebP file is too long"))?;
    let mut out = Vec::with_capacity(body.len() + 8);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

fn write_riff_chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) -> Result<(), MediaError> {
    let size = u32::try_from(data.len()).map_err(|_| corrupt("a WebP chunk is too long"))?;
    out.extend_from_slice(kind);
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0); // chunks are padded to an even size
    }
    Ok(())
}
