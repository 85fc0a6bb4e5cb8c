//! Every check of an ID token, one way to fail each: the tokens are signed here (ES256, with
//! keys made by ring) and the provider's discovery document and key set are served from a
//! loopback port, so the checks run exactly as at a sign-in.

use std::time::Duration;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use portico_oidc::{ClientSecret, Config, GroupRule, Provider};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CLIENT: &str = "portico";

/// A signing key: its private form for signing, its JWK for the key set.
struct Key {
    encoding: EncodingKey,
    jwk: Value,
}

fn key(kid: &str) -> Key {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).expect("key");
    let pair =
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).expect("pair");
    // The public key as SEC 1 uncompressed: 0x04, then x and y.
    let point = pair.public_key().as_ref();
    let b64 = |bytes: &[u8]| base64url(bytes);
    let jwk = json!({
        "kty": "EC", "crv": "P-256", "kid": kid, "use": "sig", "alg": "ES256",
        "x": b64(&point[1..33]), "y": b64(&point[33..65]),
    });
    Key { encoding: EncodingKey::from_ec_der(pkcs8.as_ref()), jwk }
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Serves the discovery document and `keys` on a loopback port; answers the issuer.
async fn serve(keys: Vec<Value>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let issuer = format!("http://{}", listener.local_addr().expect("address"));
    let discovery = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/auth"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
    })
    .to_string();
    let jwks = json!({ "keys": keys }).to_string();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            let (discovery, jwks) = (discovery.clone(), jwks.clone());
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&request);
                let body =
                    if head.starts_with("GET /.well-known/openid-configuration ") { discovery } else { jwks };
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(response.as_bytes()).await;
            });
        }
    });
    issuer
}

fn provider(issuer: &str) -> Provider {
    Provider::new(Config {
        issuer: issuer.to_owned(),
        client_id: CLIENT.to_owned(),
        client_secret: ClientSecret::new("secret"),
        display_name: "Test".into(),
        scopes: vec!["openid".into()],
        groups_claim: "groups".into(),
        groups: vec![GroupRule::parse("web=admin").expect("rule")],
        sso_only: false,
        recheck_every: Duration::from_secs(300),
    })
    .expect("provider")
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Claims a valid token for `issuer` has; tests change one at a time.
fn claims(issuer: &str) -> Value {
    json!({
        "iss": issuer, "sub": "ana", "aud": CLIENT, "exp": now() + 300, "iat": now(),
        "nonce": "the-nonce", "email": "ana@example.org",
    })
}

fn sign(key: &Key, kid: &str, claims: &Value) -> String {
    let header = Header { kid: Some(kid.to_owned()), ..Header::new(Algorithm::ES256) };
    jsonwebtoken::encode(&header, claims, &key.encoding).expect("sign")
}

#[tokio::test]
async fn a_token_passes_only_with_every_claim_right() {
    let signing = key("k1");
    let issuer = serve(vec![signing.jwk.clone()]).await;
    let provider = provider(&issuer);
    let check = |claims: Value| {
        let token = sign(&signing, "k1", &claims);
        let provider = &provider;
        async move { provider.validate_id_token(&token, Some("the-nonce")).await }
    };

    let good = check(claims(&issuer)).await.expect("a good token passes");
    assert_eq!(good["sub"], "ana");

    let with = |name: &str, value: Value| {
        let mut claims = claims(&issuer);
        claims[name] = value;
        claims
    };
    let refused = [
        ("another issuer", with("iss", json!("https://evil.example.org"))),
        ("another audience", with("aud", json!("someone-else"))),
        ("several audiences without azp", with("aud", json!([CLIENT, "other"]))),
        ("another azp", with("azp", json!("other"))),
        ("expired beyond the leeway", with("exp", json!(now() - 120))),
        ("not valid yet", with("nbf", json!(now() + 600))),
        ("issued in the future", with("iat", json!(now() + 600))),
        ("another nonce", with("nonce", json!("replayed-nonce"))),
        ("no nonce", {
            let mut claims = claims(&issuer);
            claims.as_object_mut().expect("object").remove("nonce");
            claims
        }),
    ];
    for (what, claims) in refused {
        assert!(check(claims).await.is_err(), "{what} is refused");
    }
    let several = with("aud", json!([CLIENT, "other"]));
    let mut with_azp = several.clone();
    with_azp["azp"] = json!(CLIENT);
    check(with_azp).await.expect("several audiences with our azp pass");
    check(with("exp", json!(now() - 30))).await.expect("a clock 30 s behind passes");
}

#[tokio::test]
async fn only_the_providers_keys_and_algorithms_are_believed() {
    let signing = key("k1");
    let issuer = serve(vec![signing.jwk.clone()]).await;
    let provider = provider(&issuer);
    let claims = claims(&issuer);

    // A key the provider does not list, under its own kid or the provider's.
    let stranger = key("k9");
    assert!(provider.validate_id_token(&sign(&stranger, "k9", &claims), None).await.is_err());
    assert!(provider.validate_id_token(&sign(&stranger, "k1", &claims), None).await.is_err());

    // A shared-secret signature, whatever the secret, and an unsigned token.
    let hs = jsonwebtoken::encode(
        &Header { kid: Some("k1".into()), ..Header::new(Algorithm::HS256) },
        &claims,
        &EncodingKey::from_secret(b"secret"),
    )
    .expect("sign");
    let error = provider.validate_id_token(&hs, None).await.expect_err("HS256 is refused").to_string();
    assert!(error.contains("do not accept"), "{error}");
    let unsigned = format!(
        "{}.{}.",
        base64url(br#"{"alg":"none","kid":"k1"}"#),
        base64url(claims.to_string().as_bytes())
    );
    assert!(provider.validate_id_token(&unsigned, None).await.is_err(), "alg none is refused");

    // A payload changed after signing.
    let token = sign(&signing, "k1", &claims);
    let parts: Vec<&str> = token.split('.').collect();
    let mut forged = claims.clone();
    forged["sub"] = json!("root");
    let forged = format!("{}.{}.{}", parts[0], base64url(forged.to_string().as_bytes()), parts[2]);
    assert!(provider.validate_id_token(&forged, None).await.is_err(), "a changed payload is refused");
    provider.validate_id_token(&token, None).await.expect("the real one passes");
}
