//! Talking to the provider: discovery, its signing keys, the code exchange, the ID token's
//! checks, the userinfo endpoint, and the refresh that tells whether a person still has access.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::sync::{Mutex, RwLock};

use crate::Config;

/// Why a sign-in or a check did not go through. The web layer shows each kind as its own
/// sentence; none carries a secret.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered nonsense: nobody's fault here, try later.
    #[error("the identity provider is unreachable: {0}")]
    Unreachable(String),
    /// The provider refused (an error at the authorization step or the token endpoint).
    #[error("the identity provider refused: {0}")]
    Refused(String),
    /// The ID token failed a check (signature, issuer, audience, time, nonce).
    #[error("the ID token is not valid: {0}")]
    InvalidToken(String),
    /// Our random source failed.
    #[error("random source: {0}")]
    Random(String),
}

/// What the provider says about a person at sign-in, after every check.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The issuer.
    pub issuer: String,
    /// The provider's stable id of the person (`sub`).
    pub subject: String,
    /// Their email, if the provider gave one.
    pub email: Option<String>,
    /// Whether the provider vouches for the email.
    pub email_verified: bool,
    /// Their display name (`name`, else `preferred_username`), possibly empty.
    pub name: String,
    /// Their groups, from the configured claim.
    pub groups: Vec<String>,
}

/// The provider's tokens for a session, kept to ask again later. Its `Debug` hides them.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// For the refresh grant, when the provider gave one.
    pub refresh_token: Option<String>,
    /// For the userinfo endpoint.
    pub access_token: Option<String>,
    /// The ID token, as the hint of RP-initiated logout.
    pub id_token: Option<String>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens(..)")
    }
}

/// A finished code exchange.
#[derive(Debug, Clone)]
pub struct SignIn {
    /// Who.
    pub identity: Identity,
    /// What to keep for the session.
    pub tokens: Tokens,
}

/// The provider's word on a session.
#[derive(Debug)]
pub enum Check {
    /// Still has access; the tokens to keep from now on (a provider may rotate them).
    Active(Tokens),
    /// The provider refuses: the account is gone, disabled, or its grant revoked.
    Refused(String),
    /// No answer that means anything: keep the session and ask again at the next interval.
    Unknown(String),
}

/// A PKCE pair (RFC 7636): the verifier stays with us, the S256 challenge goes to the provider.
#[derive(Clone)]
pub struct Pkce {
    /// Sent at the code exchange.
    pub verifier: String,
    /// Sent with the authorization request.
    pub challenge: String,
}

impl Pkce {
    /// A fresh pair.
    pub fn new() -> Result<Pkce, OidcError> {
        let verifier = random_string()?;
        let challenge = base64url(&Sha256::digest(verifier.as_bytes()));
        Ok(Pkce { verifier, challenge })
    }
}

/// 32 random bytes, base64url: for `state`, `nonce` and the PKCE verifier.
pub fn random_string() -> Result<String, OidcError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| OidcError::Random(e.to_string()))?;
    Ok(base64url(&bytes))
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Seconds of clock difference tolerated on `exp`, `nbf` and `iat`.
const LEEWAY_SECONDS: u64 = 60;
/// An unknown key id sends us to the provider's key set again, but not more often than this:
/// a stream of forged tokens must not turn into a stream of requests to the provider.
const KEY_REFETCH_PAUSE: Duration = Duration::from_secs(10);
/// Signatures we accept; never `none` or a shared-secret (HS*) one, whose key would be public.
const ALGORITHMS: [Algorithm; 8] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
];

/// The discovery document's fields we use.
#[derive(Debug, Deserialize)]
struct Metadata {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    userinfo_endpoint: Option<String>,
    end_session_endpoint: Option<String>,
}

#[derive(Default)]
struct KeyCache {
    keys: Vec<Jwk>,
    /// When the set was last fetched again because it lacked a token's key.
    refetched_for_miss: Option<Instant>,
    fetched: bool,
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: Option<String>,
    access_token: Option<String>,
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct ErrorResponse {
    error: String,
}

/// The provider of a running server: one per process, shared by every request.
pub struct Provider {
    config: Config,
    http: reqwest::Client,
    metadata: RwLock<Option<Arc<Metadata>>>,
    keys: Mutex<KeyCache>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider").field("issuer", &self.config.issuer).finish()
    }
}

impl Provider {
    /// A provider for `config`; nothing is fetched until the first sign-in.
    pub fn new(config: Config) -> Result<Provider, OidcError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            // A provider's endpoints answer directly; a redirect would carry our secret along.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| OidcError::Unreachable(format!("HTTP client: {e}")))?;
        Ok(Provider { config, http, metadata: RwLock::new(None), keys: Mutex::new(KeyCache::default()) })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    async fn metadata(&self) -> Result<Arc<Metadata>, OidcError> {
        if let Some(metadata) = self.metadata.read().await.clone() {
            return Ok(metadata);
        }
        let url = format!("{}/.well-known/openid-configuration", self.config.issuer.trim_end_matches('/'));
        let metadata: Metadata = self.get_json(&url, None).await?;
        // OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer we asked.
        if metadata.issuer != self.config.issuer {
            return Err(OidcError::Unreachable(format!(
                "the discovery document names the issuer {:?}, not {:?}",
                metadata.issuer, self.config.issuer
            )));
        }
        let metadata = Arc::new(metadata);
        *self.metadata.write().await = Some(metadata.clone());
        Ok(metadata)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
        bearer: Option<&str>,
    ) -> Result<T, OidcError> {
        let mut request = self.http.get(url).header("accept", "application/json");
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(|e| OidcError::Unreachable(without_url(&e)))?;
        if !response.status().is_success() {
            return Err(OidcError::Unreachable(format!("{url} answered {}", response.status())));
        }
        response.json().await.map_err(|e| OidcError::Unreachable(format!("{url}: {}", without_url(&e))))
    }

    /// Where to send the browser to sign in: the authorization endpoint with our client id,
    /// the redirect, the scopes, `state`, `nonce` and the PKCE challenge (S256).
    pub async fn authorization_url(
        &self,
        redirect_uri: &str,
        state: &str,
        nonce: &str,
        challenge: &str,
    ) -> Result<String, OidcError> {
        let metadata = self.metadata().await?;
        let mut url = reqwest::Url::parse(&metadata.authorization_endpoint)
            .map_err(|e| OidcError::Unreachable(format!("authorization endpoint: {e}")))?;
        let scope = self.config.scopes.join(" ");
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", &self.config.client_id)
                .append_pair("redirect_uri", redirect_uri)
                .append_pair("scope", &scope)
                .append_pair("state", state)
                .append_pair("nonce", nonce)
                .append_pair("code_challenge", challenge)
                .append_pair("code_challenge_method", "S256");
            // OpenID Connect Core 1.0, section 11: a refresh token for offline access is asked
            // for with the consent prompt.
            if self.config.scopes.iter().any(|s| s == "offline_access") {
                query.append_pair("prompt", "consent");
            }
        }
        Ok(url.into())
    }

    async fn token_request(&self, form: &[(&str, &str)]) -> Result<TokenResponse, OidcError> {
        let metadata = self.metadata().await?;
        // RFC 6749, section 2.3.1: id and secret are form-encoded before they go into Basic.
        let response = self
            .http
            .post(&metadata.token_endpoint)
            .basic_auth(
                form_encode(&self.config.client_id),
                Some(form_encode(self.config.client_secret.expose())),
            )
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .map_err(|e| OidcError::Unreachable(without_url(&e)))?;
        let status = response.status();
        if status.is_success() {
            return response.json().await.map_err(|e| OidcError::Unreachable(without_url(&e)));
        }
        if status.is_client_error() {
            let error = response.json::<ErrorResponse>().await.map(|e| e.error).unwrap_or_default();
            return Err(OidcError::Refused(if error.is_empty() { status.to_string() } else { error }));
        }
        Err(OidcError::Unreachable(format!("the token endpoint answered {status}")))
    }

    /// Trades an authorization code for tokens, checks the ID token against `nonce`, and reads
    /// the person's claims (from the userinfo endpoint too when the ID token lacks some).
    pub async fn exchange(
        &self,
        code: &str,
        verifier: &str,
        redirect_uri: &str,
        nonce: &str,
    ) -> Result<SignIn, OidcError> {
        let tokens = self
            .token_request(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", redirect_uri),
                ("code_verifier", verifier),
            ])
            .await?;
        let id_token =
            tokens.id_token.ok_or_else(|| OidcError::InvalidToken("the provider sent no ID token".into()))?;
        let mut claims = self.validate_id_token(&id_token, Some(nonce)).await?;
        let wants = [self.config.groups_claim.as_str(), "email", "name"];
        if wants.iter().any(|claim| claims.get(*claim).is_none())
            && let (Some(access), Some(endpoint)) =
                (&tokens.access_token, self.metadata().await?.userinfo_endpoint.clone())
        {
            let info: Value = self.get_json(&endpoint, Some(access)).await?;
            // OpenID Connect Core 1.0, section 5.3.2: userinfo of anyone else is to be ignored.
            if info.get("sub") != claims.get("sub") {
                return Err(OidcError::InvalidToken("userinfo is about someone else".into()));
            }
            if let (Value::Object(info), Value::Object(claims)) = (info, &mut claims) {
                for (name, value) in info {
                    claims.entry(name).or_insert(value);
                }
            }
        }
        let identity = self.identity(&claims)?;
        Ok(SignIn {
            identity,
            tokens: Tokens {
                refresh_token: tokens.refresh_token,
                access_token: tokens.access_token,
                id_token: Some(id_token),
            },
        })
    }

    fn identity(&self, claims: &Value) -> Result<Identity, OidcError> {
        let text = |name: &str| claims.get(name).and_then(Value::as_str).map(str::to_owned);
        let subject =
            text("sub").filter(|s| !s.is_empty()).ok_or_else(|| OidcError::InvalidToken("no sub".into()))?;
        let groups = match claims.get(&self.config.groups_claim) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            Some(Value::String(one)) => vec![one.clone()],
            _ => Vec::new(),
        };
        Ok(Identity {
            issuer: self.config.issuer.clone(),
            subject,
            email: text("email").map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()),
            email_verified: claims.get("email_verified").and_then(Value::as_bool).unwrap_or(false),
            name: text("name").or_else(|| text("preferred_username")).unwrap_or_default(),
            groups,
        })
    }

    /// Checks an ID token: an accepted algorithm, a signature by one of the provider's keys
    /// (fetched again once for a key id we do not know: the provider rotated them), the
    /// issuer, our client id in the audience (and as `azp` when there are several), `exp`,
    /// `nbf` and `iat` within a minute's leeway, and `nonce` when one is expected. Answers the
    /// claims.
    pub async fn validate_id_token(&self, token: &str, nonce: Option<&str>) -> Result<Value, OidcError> {
        let invalid = |what: &str| OidcError::InvalidToken(what.to_owned());
        let header =
            jsonwebtoken::decode_header(token).map_err(|e| OidcError::InvalidToken(e.to_string()))?;
        if !ALGORITHMS.contains(&header.alg) {
            return Err(OidcError::InvalidToken(format!(
                "signed with {:?}, which we do not accept",
                header.alg
            )));
        }
        let key = self.key_for(header.kid.as_deref(), header.alg).await?;
        let metadata = self.metadata().await?;
        let mut validation = Validation::new(header.alg);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        validation.set_issuer(&[&metadata.issuer]);
        validation.set_audience(&[&self.config.client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let claims = jsonwebtoken::decode::<Value>(token, &key, &validation)
            .map_err(|e| OidcError::InvalidToken(e.to_string()))?
            .claims;
        let audiences = match claims.get("aud") {
            Some(Value::Array(items)) => items.len(),
            _ => 1,
        };
        let azp = claims.get("azp").and_then(Value::as_str);
        if (audiences > 1 && azp.is_none()) || azp.is_some_and(|azp| azp != self.config.client_id) {
            return Err(invalid("azp is not our client id"));
        }
        let iat = claims.get("iat").and_then(Value::as_i64).ok_or_else(|| invalid("no iat"))?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if iat > now + i64::try_from(LEEWAY_SECONDS).unwrap_or(60) {
            return Err(invalid("issued in the future"));
        }
        if let Some(expected) = nonce {
            let got = claims.get("nonce").and_then(Value::as_str).unwrap_or("");
            if !same_secret(got, expected) {
                return Err(invalid("the nonce is not the one this browser was given"));
            }
        }
        Ok(claims)
    }

    async fn key_for(&self, kid: Option<&str>, alg: Algorithm) -> Result<DecodingKey, OidcError> {
        let mut cache = self.keys.lock().await;
        if let Some(key) = pick_key(&cache.keys, kid, alg) {
            return key;
        }
        if cache.fetched {
            if cache.refetched_for_miss.is_some_and(|at| at.elapsed() < KEY_REFETCH_PAUSE) {
                return Err(OidcError::InvalidToken("signed with a key the provider does not list".into()));
            }
            cache.refetched_for_miss = Some(Instant::now());
        }
        let metadata = self.metadata().await?;
        let set: Value = self.get_json(&metadata.jwks_uri, None).await?;
        // Keys of kinds we cannot read (encryption keys, curves we lack) are skipped, not fatal.
        cache.keys = set
            .get("keys")
            .and_then(Value::as_array)
            .map(|keys| keys.iter().filter_map(|k| serde_json::from_value::<Jwk>(k.clone()).ok()).collect())
            .unwrap_or_default();
        cache.fetched = true;
        pick_key(&cache.keys, kid, alg).unwrap_or_else(|| {
            Err(OidcError::InvalidToken("signed with a key the provider does not list".into()))
        })
    }

    /// Asks the provider whether the person behind `tokens` still has access: the refresh grant
    /// when there is a refresh token (a disabled or deleted account, or a revoked grant, answers
    /// `invalid_grant`), else the userinfo endpoint with the access token.
    pub async fn check(&self, tokens: &Tokens) -> Check {
        if let Some(refresh) = &tokens.refresh_token {
            return match self
                .token_request(&[("grant_type", "refresh_token"), ("refresh_token", refresh)])
                .await
            {
                Ok(fresh) => Check::Active(Tokens {
                    refresh_token: fresh.refresh_token.or_else(|| tokens.refresh_token.clone()),
                    access_token: fresh.access_token.or_else(|| tokens.access_token.clone()),
                    id_token: fresh.id_token.or_else(|| tokens.id_token.clone()),
                }),
                Err(OidcError::Refused(error)) if error == "invalid_grant" => Check::Refused(error),
                // invalid_client and the like are our configuration's fault, not the person's.
                Err(err) => Check::Unknown(err.to_string()),
            };
        }
        let Some(access) = &tokens.access_token else { return Check::Unknown("no token to ask with".into()) };
        let endpoint = match self.metadata().await {
            Ok(metadata) => metadata.userinfo_endpoint.clone(),
            Err(err) => return Check::Unknown(err.to_string()),
        };
        let Some(endpoint) = endpoint else { return Check::Unknown("no userinfo endpoint".into()) };
        match self.http.get(&endpoint).bearer_auth(access).send().await {
            Ok(response) if response.status().is_success() => Check::Active(tokens.clone()),
            Ok(response) if matches!(response.status().as_u16(), 401 | 403) => {
                Check::Refused(format!("userinfo answered {}", response.status()))
            }
            Ok(response) => Check::Unknown(format!("userinfo answered {}", response.status())),
            Err(err) => Check::Unknown(without_url(&err)),
        }
    }

    /// Where to send the browser to end its session at the provider too (RP-initiated logout),
    /// when the provider offers it; `None` otherwise, or when discovery fails.
    pub async fn end_session_url(
        &self,
        id_token_hint: Option<&str>,
        post_logout_redirect_uri: &str,
    ) -> Option<String> {
        let metadata = self.metadata().await.ok()?;
        let mut url = reqwest::Url::parse(metadata.end_session_endpoint.as_deref()?).ok()?;
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("client_id", &self.config.client_id);
            query.append_pair("post_logout_redirect_uri", post_logout_redirect_uri);
            if let Some(hint) = id_token_hint {
                query.append_pair("id_token_hint", hint);
            }
        }
        Some(url.into())
    }
}

fn pick_key(keys: &[Jwk], kid: Option<&str>, alg: Algorithm) -> Option<Result<DecodingKey, OidcError>> {
    use jsonwebtoken::jwk::{AlgorithmParameters, PublicKeyUse};
    // The key's kind must fit the token's algorithm, and a key that names its algorithm is
    // good for that one only (RFC 7517, section 4.4).
    let family_fits = |key: &Jwk| {
        matches!(
            (&key.algorithm, alg),
            (
                AlgorithmParameters::RSA(_),
                Algorithm::RS256
                    | Algorithm::RS384
                    | Algorithm::RS512
                    | Algorithm::PS256
                    | Algorithm::PS384
                    | Algorithm::PS512
            ) | (AlgorithmParameters::EllipticCurve(_), Algorithm::ES256 | Algorithm::ES384)
        ) && key.common.key_algorithm.is_none_or(|named| format!("{named:?}") == format!("{alg:?}"))
    };
    let for_signing = |key: &Jwk| {
        !matches!(key.common.public_key_use, Some(PublicKeyUse::Encryption) | Some(PublicKeyUse::Other(_)))
    };
    let candidates: Vec<&Jwk> = keys
        .iter()
        .filter(|key| family_fits(key) && for_signing(key))
        .filter(|key| match kid {
            Some(kid) => key.common.key_id.as_deref() == Some(kid),
            None => true,
        })
        .collect();
    // Without a key id only a single candidate is unambiguous.
    match candidates.as_slice() {
        [key] => Some(
            DecodingKey::from_jwk(key)
                .map_err(|e| OidcError::InvalidToken(format!("the provider's key: {e}"))),
        ),
        _ => None,
    }
}

/// An error of reqwest without its URL, which may carry a query with a code or token.
fn without_url(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    if let Some(url) = err.url() {
        text = text.replace(url.as_str(), "(provider)");
    }
    text
}

fn form_encode(value: &str) -> String {
    reqwest::Url::parse_with_params("x:", [("v", value)])
        .ok()
        .and_then(|url| url.query().map(|q| q.trim_start_matches("v=").to_owned()))
        .unwrap_or_default()
}

/// Compares secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_without_padding() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn pkce_challenge_is_the_rfc_7636_example() {
        // RFC 7636, appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            base64url(&Sha256::digest(verifier.as_bytes())),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn secrets_are_form_encoded_for_basic_auth() {
        assert_eq!(form_encode("a b+c/d"), "a+b%2Bc%2Fd");
        assert_eq!(form_encode("plain"), "plain");
    }
}
