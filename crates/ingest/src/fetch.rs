//! Fetching a feed over HTTP within limits: public addresses only (checked on every hop, and
//! the checked address is the one connected to), at most a few redirects, a time limit for
//! the whole exchange, a cap on the body read as it streams in, and conditional requests.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, Url};

use crate::policy::{AddressPolicy, Refused};

/// What a fetch may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// For the whole exchange, redirects and body included.
    pub timeout: Duration,
    /// For opening one connection.
    pub connect_timeout: Duration,
    /// Largest body read; a larger one is refused.
    pub max_bytes: usize,
    /// Most redirects followed.
    pub max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 5 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// The validators of the last full answer, sent back so the publisher can answer 304.
#[derive(Debug, Clone, Copy, Default)]
pub struct Conditional<'a> {
    /// Sent as `If-None-Match`.
    pub etag: Option<&'a str>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<&'a str>,
}

/// What a fetch brought back.
#[derive(Debug)]
pub enum Fetched {
    /// 304: nothing changed since the validators sent.
    NotModified,
    /// A body to read as a feed.
    Body {
        /// The raw bytes, undecoded: the XML declares its own charset.
        bytes: Vec<u8>,
        /// Where the body came from, after redirects: the base of relative links.
        url: Url,
        /// The answer's `ETag`.
        etag: Option<String>,
        /// The answer's `Last-Modified`.
        last_modified: Option<String>,
    },
}

/// Why a fetch failed; the message is stored for the back office and logged.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The address is not an http(s) URL with a host.
    #[error("not a feed address: {0}")]
    BadUrl(String),
    /// The host is, or resolves to, an address we never fetch from.
    #[error(transparent)]
    Refused(#[from] Refused),
    /// The host name does not resolve.
    #[error("cannot find {0}: {1}")]
    Dns(String, String),
    /// Redirected more often than we follow.
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    /// A redirect with no usable `Location`.
    #[error("a redirect ({0}) without a usable Location header")]
    BadRedirect(u16),
    /// An answer other than success, 304 or a redirect.
    #[error("the publisher answered {0}")]
    Status(u16),
    /// The body is larger than we read.
    #[error("the feed is larger than the {} we read", size_text(*.0))]
    TooLarge(usize),
    /// No complete answer in time.
    #[error("no complete answer within {0} seconds")]
    Timeout(u64),
    /// Connection refused, reset, TLS failure and the like.
    #[error("cannot fetch the feed: {0}")]
    Network(String),
}

/// A size for people: "5 MB", "512 KB", "100 bytes".
fn size_text(bytes: usize) -> String {
    match bytes {
        b if b >= 1024 * 1024 && b % (1024 * 1024) == 0 => format!("{} MB", b / (1024 * 1024)),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

/// Parses and checks a feed address: http or https, with a host.
pub fn feed_url(text: &str) -> Result<Url, FetchError> {
    let url = Url::parse(text.trim()).map_err(|e| FetchError::BadUrl(format!("{e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::BadUrl(format!("{} is neither http nor https", url.scheme())));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::BadUrl("no host".to_owned()));
    }
    Ok(url)
}

/// The literal address of a URL's host, when it is one (`http://10.0.0.1/`, `http://[::1]/`):
/// such a host never reaches the resolver, so it is checked on its own.
fn literal_address(url: &Url) -> Option<IpAddr> {
    let host = url.host_str()?;
    host.trim_start_matches('[').trim_end_matches(']').parse().ok()
}

/// Resolves host names for the HTTP client and refuses the answer unless every address in it
/// passes the policy: the client then connects to an address we checked, never to one from a
/// second lookup (no DNS-rebinding window).
struct GuardedResolver {
    policy: AddressPolicy,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| DnsFailure(host.clone(), e.to_string()))?
                .collect();
            if addrs.is_empty() {
                return Err(DnsFailure(host, "no address".to_owned()).into());
            }
            for addr in &addrs {
                policy.check(&host, addr.ip())?;
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// A failed lookup, told apart from other connection errors.
#[derive(Debug, thiserror::Error)]
#[error("cannot find {0}: {1}")]
struct DnsFailure(String, String);

/// The cause we can name inside a client error: a refusal or a failed lookup.
fn explain(err: reqwest::Error, limits: &Limits) -> FetchError {
    if err.is_timeout() {
        return FetchError::Timeout(limits.timeout.as_secs());
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
    let mut chain = Vec::new();
    while let Some(cause) = source {
        if let Some(refused) = cause.downcast_ref::<Refused>() {
            return FetchError::Refused(refused.clone());
        }
        if let Some(DnsFailure(host, why)) = cause.downcast_ref::<DnsFailure>() {
            return FetchError::Dns(host.clone(), why.clone());
        }
        let text = cause.to_string();
        if !chain.iter().any(|seen: &String| seen.contains(&text)) {
            chain.push(text);
        }
        source = cause.source();
    }
    FetchError::Network(chain.join(": "))
}

/// Fetches feeds for one policy and one set of limits.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fetcher {
    /// Which addresses may be connected to.
    pub policy: AddressPolicy,
    /// Time, size and redirect limits.
    pub limits: Limits,
}

/// How we introduce ourselves to publishers.
const USER_AGENT: &str = concat!("Portico/", env!("CARGO_PKG_VERSION"), " feed reader");

impl Fetcher {
    fn client(&self) -> Result<reqwest::Client, FetchError> {
        reqwest::Client::builder()
            // Each hop is checked here before it is followed.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would connect for us, to addresses we never checked.
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver { policy: self.policy }))
            .connect_timeout(self.limits.connect_timeout)
            .timeout(self.limits.timeout)
            .user_agent(USER_AGENT)
            .build()
            .map_err(|e| FetchError::Network(format!("cannot set up the HTTP client: {e}")))
    }

    /// Checks an address as far as can be done without the network: http(s), a host, and no
    /// literal address the policy refuses. Host names are checked when they are resolved.
    pub fn check(&self, url: &str) -> Result<Url, FetchError> {
        let url = feed_url(url)?;
        if let Some(addr) = literal_address(&url) {
            self.policy.check(&addr.to_string(), addr)?;
        }
        Ok(url)
    }

    /// Fetches `url`, sending `conditional`'s validators, within the limits.
    pub async fn fetch(&self, url: &str, conditional: Conditional<'_>) -> Result<Fetched, FetchError> {
        let url = feed_url(url)?;
        match tokio::time::timeout(self.limits.timeout, self.follow(url, conditional)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout(self.limits.timeout.as_secs())),
        }
    }

    async fn follow(&self, mut url: Url, conditional: Conditional<'_>) -> Result<Fetched, FetchError> {
        let client = self.client()?;
        for _ in 0..=self.limits.max_redirects {
            if let Some(addr) = literal_address(&url) {
                self.policy.check(&addr.to_string(), addr)?;
            }
            let mut request = client.get(url.clone()).header(
                header::ACCEPT,
                "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1",
            );
            if let Some(etag) = conditional.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(date) = conditional.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, date);
            }
            let response = request.send().await.map_err(|e| explain(e, &self.limits))?;
            let status = response.status();
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Fetched::NotModified);
            }
            if status.is_redirection() {
                let next = response
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| url.join(l).ok())
                    .ok_or(FetchError::BadRedirect(status.as_u16()))?;
                url = feed_url(next.as_str())?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            let etag = validator(response.headers(), header::ETAG);
            let last_modified = validator(response.headers(), header::LAST_MODIFIED);
            let bytes = self.read_capped(response).await?;
            return Ok(Fetched::Body { bytes, url, etag, last_modified });
        }
        Err(FetchError::TooManyRedirects(self.limits.max_redirects))
    }

    /// Reads the body as it streams in, stopping as soon as it passes the cap: a huge body
    /// costs us the cap, never its size.
    async fn read_capped(&self, mut response: reqwest::Response) -> Result<Vec<u8>, FetchError> {
        let cap = self.limits.max_bytes;
        if response.content_length().is_some_and(|length| length > cap as u64) {
            return Err(FetchError::TooLarge(cap));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| explain(e, &self.limits))? {
            if body.len() + chunk.len() > cap {
                return Err(FetchError::TooLarge(cap));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// A validator header worth sending back: printable and short.
fn validator(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 256)
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_addresses_with_a_host() {
        assert!(feed_url("https://news.example.org/feed.xml").is_ok());
        assert!(feed_url(" http://news.example.org/rss ").is_ok());
        for bad in ["ftp://example.org/feed", "file:///etc/passwd", "javascript:alert(1)", "news", ""] {
            assert!(matches!(feed_url(bad), Err(FetchError::BadUrl(_))), "{bad}");
        }
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(
            FetchError::TooLarge(5 * 1024 * 1024).to_string(),
            "the feed is larger than the 5 MB we read"
        );
        assert_eq!(size_text(512 * 1024), "512 KB");
        assert_eq!(size_text(1000), "1000 bytes");
    }

    #[test]
    fn literal_hosts_are_recognized_in_every_spelling() {
        let literal = |u: &str| literal_address(&feed_url(u).expect(u));
        assert_eq!(literal("http://10.0.0.1/feed"), Some("10.0.0.1".parse().expect("ip")));
        assert_eq!(literal("http://[::1]:8080/feed"), Some("::1".parse().expect("ip")));
        // The URL parser normalizes other spellings of an IPv4 address.
        assert_eq!(literal("http://0x7f.1/feed"), Some("127.0.0.1".parse().expect("ip")));
        assert_eq!(literal("http://2130706433/feed"), Some("127.0.0.1".parse().expect("ip")));
        assert_eq!(literal("http://news.example.org/feed"), None);
    }
}
