//! HTTP done right for every body we send: strong ETags, `304 Not Modified`, and br or gzip
//! compression chosen from `Accept-Encoding`.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::io::Write;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::Response;

/// A content coding we can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// No compression.
    Identity,
    /// Brotli.
    Brotli,
    /// gzip.
    Gzip,
}

impl Encoding {
    fn token(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
        }
    }

    fn etag_suffix(self) -> &'static str {
        match self {
            Encoding::Identity => "",
            Encoding::Brotli => "-br",
            Encoding::Gzip => "-gz",
        }
    }
}

/// The best coding the client accepts: br, then gzip, then none. Honours `q=0`.
pub fn negotiate(headers: &HeaderMap) -> Encoding {
    let Some(accept) = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return Encoding::Identity;
    };
    let mut br = false;
    let mut gzip = false;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let refused = parts.any(|p| {
            p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()).is_some_and(|q| q <= 0.0)
        });
        if refused {
            continue;
        }
        match name.as_str() {
            "br" => br = true,
            "gzip" | "x-gzip" => gzip = true,
            "*" => {
                br = true;
                gzip = true;
            }
            _ => {}
        }
    }
    if br {
        Encoding::Brotli
    } else if gzip {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// Compresses `body` with `encoding`. Writing to a `Vec` cannot fail, so neither can this.
pub fn compress(body: &[u8], encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Identity => body.to_vec(),
        Encoding::Brotli => {
            let mut out = Vec::with_capacity(body.len() / 4);
            let params = brotli::enc::BrotliEncoderParams { quality: 5, lgwin: 22, ..Default::default() };
            let mut input = body;
            // A Vec sink and a slice source: the only I/O errors possible are none.
            let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
            out
        }
        Encoding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(
                Vec::with_capacity(body.len() / 3),
                flate2::Compression::new(6),
            );
            let _ = encoder.write_all(body);
            encoder.finish().unwrap_or_default()
        }
    }
}

/// A strong validator of `body`'s bytes (before any content coding).
pub fn etag_of(body: &[u8]) -> String {
    // SipHash with fixed keys: stable across runs and nodes of the same build.
    let mut hasher = std::hash::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("{:016x}{:08x}", hasher.finish(), body.len())
}

pub(crate) fn if_none_match_hits(headers: &HeaderMap, base: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/").trim_matches('"'))
        .any(|tag| {
            tag == "*" || tag.strip_prefix(base).is_some_and(|rest| ["", "-br", "-gz"].contains(&rest))
        })
}

/// What a response carries besides its bytes.
pub struct BodyMeta<'a> {
    /// HTTP status.
    pub status: StatusCode,
    /// `Content-Type`, with charset for text.
    pub content_type: &'static str,
    /// `Content-Language`, when the body is in one.
    pub language: Option<&'a str>,
    /// `Cache-Control`.
    pub cache_control: &'static str,
}

/// Builds the response for `body`: `304` when the client's copy is current, else the bytes in
/// the best coding the client accepts, each coding with its own strong ETag.
pub fn respond<'a>(
    request_headers: &HeaderMap,
    meta: BodyMeta<'_>,
    body: impl Into<Cow<'a, [u8]>>,
) -> Response {
    let body = body.into();
    let base = etag_of(&body);
    let encoding = if body.len() >= 256 { negotiate(request_headers) } else { Encoding::Identity };
    let etag = format!("\"{base}{}\"", encoding.etag_suffix());
    let not_modified = meta.status == StatusCode::OK && if_none_match_hits(request_headers, &base);
    let (status, bytes) = if not_modified {
        (StatusCode::NOT_MODIFIED, Vec::new())
    } else if encoding == Encoding::Identity {
        // A body rendered for this response is sent as it is, not copied.
        (meta.status, body.into_owned())
    } else {
        (meta.status, compress(&body, encoding))
    };
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(meta.content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(meta.cache_control));
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Some(language) = meta.language.and_then(|l| HeaderValue::from_str(l).ok()) {
        headers.insert(header::CONTENT_LANGUAGE, language);
    }
    if let (StatusCode::OK, Ok(value)) = (meta.status, HeaderValue::from_str(&etag)) {
        headers.insert(header::ETAG, value);
    }
    if let (false, Some(token)) = (not_modified, encoding.token()) {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(token));
    }
    response
}

/// Percent-encodes a value for a query string.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    percent_encode_into(&mut out, value);
    out
}

/// [`percent_encode`], appended to `out`.
pub fn percent_encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
    }
}

/// The file extension we store a MIME type under.
pub fn media_extension(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        _ => "bin",
    }
}

/// The address a body shows a stored image at: its widest rendition up to 1280 pixels in
/// its own format, else the original.
pub fn body_image_path(media: &portico_store::Media) -> String {
    let extension = media_extension(&media.mime);
    let widest = media
        .renditions
        .iter()
        .filter_map(|name| {
            let (width, ext) = name.split_once('.')?;
            let width: u32 = width.parse().ok()?;
            (ext == extension && width <= 1280).then_some((width, name))
        })
        .max_by_key(|(width, _)| *width);
    match widest {
        Some((_, name)) => media.path(name),
        None => media.path(&format!("original.{extension}")),
    }
}

/// The address a partner's logo is shown from: its narrowest rendition in its own format (a
/// logo is drawn small), else the original.
pub fn logo_image_path(media: &portico_store::Media) -> String {
    let extension = media_extension(&media.mime);
    let narrowest = media
        .renditions
        .iter()
        .filter_map(|name| {
            let (width, ext) = name.split_once('.')?;
            let width: u32 = width.parse().ok()?;
            (ext == extension).then_some((width, name))
        })
        .min_by_key(|(width, _)| *width);
    match narrowest {
        Some((_, name)) => media.path(name),
        None => media.path(&format!("original.{extension}")),
    }
}

/// The scheme and host a request was sent to, such as `https://www.example.org`: `https`
/// when a proxy says so with `X-Forwarded-Proto`, else `http`; the `Host` header (or the
/// HTTP/2 authority), or `localhost` when it is missing or holds anything but host-name
/// characters — it ends up in links and feeds, and must not smuggle markup into them.
pub fn request_origin(headers: &HeaderMap, uri: &Uri) -> String {
    origin_over(says_https(headers), headers, uri)
}

/// Whether `X-Forwarded-Proto`, as the transport layer leaves it, says the request came over
/// TLS.
pub(crate) fn says_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// [`request_origin`] for a request whose transport is settled elsewhere.
pub(crate) fn origin_over(https: bool, headers: &HeaderMap, uri: &Uri) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()))
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!("{}://{}", if https { "https" } else { "http" }, host.to_ascii_lowercase())
}

/// The value of cookie `name`.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Whether the reader asked to save data (`Save-Data: on`): images come in their smallest
/// rendition then.
pub fn saves_data(headers: &HeaderMap) -> bool {
    headers
        .get("save-data")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("on"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_comes_from_the_host_and_the_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "News.Example.org:8080".parse().expect("header"));
        assert_eq!(request_origin(&headers, &Uri::default()), "http://news.example.org:8080");
        headers.insert("x-forwarded-proto", "https".parse().expect("header"));
        assert_eq!(request_origin(&headers, &Uri::default()), "https://news.example.org:8080");
        headers.insert(header::HOST, "evil\"><script>".parse().expect("header"));
        assert_eq!(request_origin(&headers, &Uri::default()), "https://localhost");
    }

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).expect("header"));
        headers
    }

    #[test]
    fn negotiation_prefers_brotli_and_honours_q_zero() {
        assert_eq!(negotiate(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(negotiate(&accept("gzip, deflate, br")), Encoding::Brotli);
        assert_eq!(negotiate(&accept("br;q=0, gzip")), Encoding::Gzip);
        assert_eq!(negotiate(&accept("br;q=0.0, gzip;q=0")), Encoding::Identity);
        assert_eq!(negotiate(&accept("identity")), Encoding::Identity);
    }

    #[test]
    fn compressed_bodies_decompress_to_the_original() {
        let body = "<p>Protecting migrant children</p>".repeat(50);
        let gz = compress(body.as_bytes(), Encoding::Gzip);
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .expect("gunzip");
        assert_eq!(decoded, body);
        let br = compress(body.as_bytes(), Encoding::Brotli);
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut out).expect("unbrotli");
        assert_eq!(out, body.as_bytes());
        assert!(br.len() < body.len() / 5);
    }
}

/// Set by a handler on a page that changes by the clock alone before the page cache's
/// `MAX_AGE` is out (a vacancy's list or page, at its closing time): the page cache serves it
/// no longer than this.
#[derive(Debug, Clone, Copy)]
pub struct FreshFor(pub std::time::Duration);

/// Caps how long `response` may be kept — by the page cache, shared caches and browsers —
/// to the time left until `until`, when that comes before its usual lifetime (`usual`
/// seconds, counting any stale-while-revalidate).
pub(crate) fn limit_lifetime(response: &mut Response, until: Option<time::OffsetDateTime>, usual: i64) {
    let Some(until) = until else { return };
    let left = (until - time::OffsetDateTime::now_utc()).whole_seconds();
    if left >= usual {
        return;
    }
    let value = if left <= 0 {
        "no-cache".to_owned()
    } else {
        response.extensions_mut().insert(FreshFor(std::time::Duration::from_secs(left.unsigned_abs())));
        format!("public, max-age=0, s-maxage={left}")
    };
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(header::CACHE_CONTROL, value);
    }
}
