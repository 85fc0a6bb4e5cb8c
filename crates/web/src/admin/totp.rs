//! Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA-1, six digits,
//! 30-second steps, one step of clock drift either way — what every authenticator app makes by
//! default. Also the enrolment's QR code and the recovery codes.
//!
//! Pure functions, no I/O and no store: whether a step was used already is the store's to say.

use hmac::{Hmac, Mac};
use sha1::Sha1;

use crate::WebError;
use crate::session as auth;

/// Seconds per step.
pub const STEP_SECONDS: i64 = 30;
/// Digits per code.
pub const DIGITS: usize = 6;
/// Steps of drift accepted either side of now.
pub const DRIFT_STEPS: i64 = 1;
/// Bytes of a new secret: 160 bits, the length RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;
/// Recovery codes made at enrolment.
pub const RECOVERY_CODES: usize = 10;

/// The step a moment (seconds since 1970) falls in.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The code for one step (RFC 4226, section 5.3: dynamic truncation, then modulo 10^6).
pub fn code_at(secret: &[u8], step: i64) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else { return String::new() };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:0width$}", binary % 10u32.pow(DIGITS as u32), width = DIGITS)
}

/// The step whose code `code` is, among now and one step either side; `None` when it matches
/// none. Every candidate is compared in full so that timing says nothing about near misses.
pub fn matching_step(secret: &[u8], code: &str, unix_seconds: i64) -> Option<i64> {
    let now = step_at(unix_seconds);
    let mut found = None;
    for step in now - DRIFT_STEPS..=now + DRIFT_STEPS {
        if auth::same_secret(&code_at(secret, step), code) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

/// What a person typed as a six-digit code, without the spaces apps show in the middle;
/// `None` when it is not six digits.
pub fn typed_code(input: &str) -> Option<String> {
    let code: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    (code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// A new random secret.
pub fn new_secret() -> Result<Vec<u8>, WebError> {
    let mut secret = vec![0u8; SECRET_BYTES];
    getrandom::fill(&mut secret).map_err(|e| WebError::Internal(format!("random source: {e}")))?;
    Ok(secret)
}

/// The secret in base32 (RFC 4648, no padding), in groups of four for typing by hand.
pub fn base32_for_people(secret: &[u8]) -> String {
    let plain = data_encoding::BASE32_NOPAD.encode(secret);
    plain.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The `otpauth://` address authenticator apps read from the QR code (the Key Uri Format
/// that Google Authenticator defined and the others follow).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let issuer_enc = crate::http::percent_encode(issuer).replace('/', "%2F");
    let account_enc = crate::http::percent_encode(account).replace('/', "%2F");
    format!(
        "otpauth://totp/{issuer_enc}:{account_enc}?secret={}&issuer={issuer_enc}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        data_encoding::BASE32_NOPAD.encode(secret)
    )
}

/// `uri` as an SVG QR code to put inline in a page: no image request, nothing for the content
/// security policy to refuse (it is markup with presentation attributes, no style or script).
pub fn qr_svg(uri: &str) -> Result<String, WebError> {
    let code = qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| WebError::Internal(format!("QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000"))
        .light_color(qrcode::render::svg::Color("#fff"))
        .build();
    // The renderer writes a standalone document; inside HTML only the `<svg>` element belongs.
    let start = svg.find("<svg").ok_or_else(|| WebError::Internal("QR code without <svg>".into()))?;
    Ok(svg[start..].to_owned())
}

/// Ten new recovery codes, each 80 random bits as 16 base32 letters and digits in groups of
/// four ("k3vq-…"): too many to guess, so a SHA-256 of each is safe to keep.
pub fn new_recovery_codes() -> Result<Vec<String>, WebError> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 10];
        getrandom::fill(&mut bytes).map_err(|e| WebError::Internal(format!("random source: {e}")))?;
        let plain = data_encoding::BASE32_NOPAD.encode(&bytes).to_lowercase();
        let groups: Vec<String> =
            plain.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        codes.push(groups.join("-"));
    }
    Ok(codes)
}

/// What a person typed as a recovery code, as it is hashed: lowercase, without the dashes and
/// spaces; `None` when it cannot be one.
pub fn typed_recovery_code(input: &str) -> Option<String> {
    let code: String =
        input.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect();
    (code.len() == 16 && code.bytes().all(|b| matches!(b, b'a'..=b'z' | b'2'..=b'7'))).then_some(code)
}

/// The stored form of a recovery code (as typed, or as made by [`new_recovery_codes`]).
pub fn recovery_hash(code: &str) -> Option<String> {
    typed_recovery_code(code).map(|plain| auth::token_hash(&plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 secret and its eight-digit codes, of which a six-digit
    /// code is the last six digits.
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(secret, step_at(time)), eight[2..], "at {time}");
        }
    }

    #[test]
    fn a_code_matches_its_step_and_one_either_side_only() {
        let secret = b"12345678901234567890";
        let now = 1_234_567_890;
        let step = step_at(now);
        for drift in [-1, 0, 1] {
            let code = code_at(secret, step + drift);
            assert_eq!(matching_step(secret, &code, now), Some(step + drift));
        }
        for drift in [-2, 2] {
            assert_eq!(matching_step(secret, &code_at(secret, step + drift), now), None);
        }
    }

    #[test]
    fn typed_codes_are_read_forgivingly_but_exactly() {
        assert_eq!(typed_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(typed_code("12345"), None);
        assert_eq!(typed_code("12345a"), None);
        assert_eq!(typed_code("١٢٣٤٥٦"), None, "only ASCII digits");
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_hash_as_typed() {
        let codes = new_recovery_codes().expect("codes");
        assert_eq!(codes.len(), 10);
        assert_eq!(codes.iter().collect::<std::collections::BTreeSet<_>>().len(), 10);
        let code = &codes[0];
        assert_eq!(code.len(), 19, "{code}");
        let shouted = code.to_uppercase().replace('-', " ");
        assert_eq!(recovery_hash(code), recovery_hash(&shouted));
        assert_eq!(recovery_hash("not a code"), None);
    }

    #[test]
    fn the_uri_names_issuer_account_and_parameters() {
        let uri = otpauth_uri("IOM News", "ed@example.org", b"12345678901234567890");
        assert_eq!(
            uri,
            "otpauth://totp/IOM%20News:ed%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=IOM%20News&algorithm=SHA1&digits=6&period=30"
        );
        let svg = qr_svg(&uri).expect("svg");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert!(!svg.contains("style") && !svg.contains("script"));
    }

    #[test]
    fn the_secret_is_written_in_groups_of_four() {
        assert_eq!(base32_for_people(b"12345678901234567890"), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    }
}
