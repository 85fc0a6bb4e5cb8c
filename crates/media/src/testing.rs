//! Photos as cameras and editors leave them, for tests here and in the crates above: real
//! JPEG, PNG and WebP files with metadata spliced in by hand (EXIF with GPS and the camera's
//! name, XMP, comments, an ICC profile, data after the end). Built with feature `testing` only.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{ExtendedColorType, ImageEncoder};

/// Words that must not survive: the camera's name, a comment, XMP, trailing data.
pub const SECRETS: [&[u8]; 5] =
    [b"SecretCam", b"Call me at 555-0199", b"xmpmeta", b"Hidden after the end", b"Lat"];

/// A made-up ICC profile: decoders hand it over as bytes, which is all we compare.
pub fn icc_profile() -> Vec<u8> {
    let mut profile = b"\x00\x00\x01\x00ICC profile made for the test".to_vec();
    profile.resize(256, 7);
    profile
}

/// A little-endian TIFF structure as cameras write it: orientation, camera make, and a GPS
/// directory with a latitude.
pub fn camera_exif(orientation: u16) -> Vec<u8> {
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

/// Made-up RGB pixels, `width` × `height`.
pub fn pixels(width: u32, height: u32) -> Vec<u8> {
    (0..width * height).flat_map(|i| [(i * 7) as u8, (i / width * 9) as u8, 120]).collect()
}

/// A JPEG marker segment: marker, length, payload.
pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&u16::try_from(payload.len() + 2).expect("short").to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// A real 48 × 32 JPEG with, after its JFIF header: camera EXIF (orientation 6: shown turned a
/// quarter clockwise) with GPS, XMP, an ICC profile, a comment; and bytes after its end.
pub fn camera_jpeg() -> Vec<u8> {
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

/// A PNG chunk with its checksum.
pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).expect("short").to_be_bytes().to_vec();
    let mut checked = kind.to_vec();
    checked.extend_from_slice(data);
    out.extend_from_slice(&checked);
    out.extend_from_slice(&crc32fast::hash(&checked).to_be_bytes());
    out
}

/// A real 40 × 30 PNG with an ICC profile, camera EXIF (orientation 8), a text comment, XMP,
/// and a chunk after its end.
pub fn camera_png() -> Vec<u8> {
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

/// A RIFF (WebP) chunk, padded to an even size.
pub fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
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
pub fn camera_webp() -> Vec<u8> {
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

/// moto's S3 server (`moto_server`, from the Python registry) on a free loopback port: the real
/// S3-compatible server of the object-store tests. Each test makes its own bucket
/// ([`S3Server::storage`]), so one server can serve a whole test binary ([`S3Server::shared`]).
pub struct S3Server {
    child: std::process::Child,
    /// Closing it ends the server: the shell that started it kills it then. So a server held
    /// in a `static`, never dropped, still ends with the test process.
    stdin: Option<std::process::ChildStdin>,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
}

impl S3Server {
    /// One server for the whole test binary, started on first use.
    pub fn shared() -> &'static S3Server {
        static SERVER: std::sync::OnceLock<S3Server> = std::sync::OnceLock::new();
        SERVER.get_or_init(S3Server::start)
    }

    /// Starts `moto_server` and waits until it answers; panics, saying to run
    /// `scripts/test-services`, when it is not installed. Never skipped.
    pub fn start() -> S3Server {
        let installed = std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("moto_server").is_file()));
        assert!(
            installed,
            "moto_server is not installed: run scripts/test-services, which installs moto[server]"
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let mut child = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "moto_server -H 127.0.0.1 -p {port} >/dev/null 2>&1 & server=$!; read _; kill $server; wait $server"
            ))
            .stdin(std::process::Stdio::piped())
            // Neither inherited: the shell outlives the test process while it stops moto,
            // and a pipe of the test runner's held meanwhile reads as a leaked process.
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("sh runs");
        let stdin = child.stdin.take();
        let server = S3Server { child, stdin, endpoint: format!("http://127.0.0.1:{port}") };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "moto_server did not listen within 30 s: run scripts/test-services to (re)install moto[server]"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        server
    }

    /// The `AWS_*` variables that point a client at this server, as a deployment sets them.
    pub fn env(&self) -> Vec<(String, String)> {
        [
            ("AWS_ENDPOINT_URL", self.endpoint.as_str()),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", "test-key"),
            ("AWS_SECRET_ACCESS_KEY", "test-secret"),
            ("AWS_ALLOW_HTTP", "true"),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect()
    }

    /// One plain HTTP request to the server, outside our code and the S3 crate: (status line,
    /// body). moto takes requests unsigned.
    fn request(&self, method: &str, path: &str) -> (String, String) {
        use std::io::{Read, Write};
        let address = self.endpoint.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(address).expect("connect to moto");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("moto answers");
        let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
        (head.lines().next().unwrap_or("").to_owned(), body.to_owned())
    }

    /// Creates the bucket `name` (3 to 63 lower-case letters, digits and dashes).
    pub fn bucket(&self, name: &str) {
        let (status, body) = self.request("PUT", &format!("/{name}"));
        assert!(status.starts_with("HTTP/1.1 200"), "cannot create bucket {name}: {status} {body}");
    }

    /// Every key in bucket `name`, sorted, as moto lists them (up to 1000).
    pub fn keys(&self, name: &str) -> Vec<String> {
        let (status, body) = self.request("GET", &format!("/{name}?list-type=2"));
        assert!(status.starts_with("HTTP/1.1 200"), "cannot list bucket {name}: {status} {body}");
        let mut keys: Vec<String> = body
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</Key>").map(|(key, _)| key.to_owned()))
            .collect();
        keys.sort();
        keys
    }

    /// Media in a new bucket `name`, under `prefix`.
    pub fn storage(&self, name: &str, prefix: &str) -> crate::MediaStorage {
        self.bucket(name);
        crate::Bucket::with_env(&format!("s3://{name}/{prefix}"), self.env())
            .map(crate::MediaStorage::Bucket)
            .expect("a bucket storage")
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// A one-page PDF carrying the active content `what` names — `"javascript"` (an open action
/// that runs a script), `"launch"`, `"embedded"` (an attached file) or `"xfa"` — which an
/// upload must refuse.
pub fn pdf_with_active_content(what: &str) -> Vec<u8> {
    use lopdf::{Object, Stream, dictionary};
    let (mut document, catalog) =
        crate::pdf::text_pdf_document("Active", &[vec!["A page that does more than show text".to_owned()]]);
    let extra = match what {
        "javascript" => (
            "OpenAction",
            Object::Dictionary(
                dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") },
            ),
        ),
        "launch" => (
            "OpenAction",
            Object::Dictionary(dictionary! { "S" => "Launch", "F" => Object::string_literal("calc.exe") }),
        ),
        "embedded" => {
            let file =
                document.add_object(Stream::new(dictionary! { "Type" => "EmbeddedFile" }, b"MZ".to_vec()));
            (
                "Names",
                Object::Dictionary(
                    dictionary! { "EmbeddedFiles" => dictionary! { "Names" => vec![Object::string_literal("a.exe"), dictionary! { "Type" => "Filespec", "EF" => dictionary! { "F" => file } }.into()] } },
                ),
            )
        }
        _ => (
            "AcroForm",
            Object::Dictionary(
                dictionary! { "Fields" => Vec::<Object>::new(), "XFA" => Object::string_literal("<xdp/>") },
            ),
        ),
    };
    if let Ok(Object::Dictionary(dictionary)) = document.get_object_mut(catalog) {
        dictionary.set(extra.0, extra.1);
    }
    crate::pdf::save(document)
}
