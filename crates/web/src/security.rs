//! Headers every response carries, the refusal of cross-site writes, and what a request
//! says about its transport: over TLS or not, and from which client address.
//!
//! A proxy's `Forwarded` / `X-Forwarded-*` headers are believed only from the addresses the
//! operator lists (`--trusted-proxy`); from anyone else they could claim TLS or another
//! client's address (and so lock that address out of signing in). The [`transport`] layer
//! settles both once, at the edge, so nothing below it reads forwarding headers itself.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;

/// The public site runs no script at all; styles come from our own stylesheet only.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: https:; \
     style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'self'";

/// The back office runs only its own script and is never framed.
const ADMIN_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response.
pub async fn headers(request: Request, next: Next) -> Response {
    let back_office = request.uri().path().starts_with("/admin");
    let mut response = next.run(request).await;
    add_headers(back_office, response.headers_mut());
    response
}

/// The security headers, as [`headers`] adds them (the cached pages' front path adds them too).
pub(crate) fn add_headers(back_office: bool, headers: &mut HeaderMap) {
    let policy = if back_office { ADMIN_CONTENT_SECURITY_POLICY } else { CONTENT_SECURITY_POLICY };
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    if back_office {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // A page whose address is a secret (a password link) asks for a stricter policy itself.
    if !headers.contains_key(header::REFERRER_POLICY) {
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    }
    headers.insert(
        PERMISSIONS_POLICY,
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
}

/// Named once: a name given as a string is parsed and checked on every insert.
const PERMISSIONS_POLICY: axum::http::HeaderName = axum::http::HeaderName::from_static("permissions-policy");

/// Refuses a state-changing request whose `Origin` (or, lacking one, `Referer`) names
/// another site than the one it was sent to: a cross-site form post. Bearer-token API calls
/// carry no cookies and are judged by their token instead, as one-click unsubscribes are by
/// their signed link.
pub async fn same_origin(request: Request, next: Next) -> Response {
    let method = request.method();
    let changes_state = !(method == axum::http::Method::GET
        || method == axum::http::Method::HEAD
        || method == axum::http::Method::OPTIONS);
    let bearer =
        request.headers().get(header::AUTHORIZATION).is_some_and(|v| v.as_bytes().starts_with(b"Bearer "));
    // A one-click unsubscribe (RFC 8058) comes from a mail provider, from wherever it says it
    // comes from; it uses no cookie and is authorized by the link's own signature alone.
    let unsubscribe = request.uri().path().ends_with("/unsubscribe");
    if changes_state && !bearer && !unsubscribe && !is_same_origin(request.headers()) {
        // The request line says so: `error=cross-site request refused`.
        return crate::WebError::CsrfRejected.into_response();
    }
    next.run(request).await
}

fn is_same_origin(headers: &axum::http::HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let source =
        headers.get(header::ORIGIN).or_else(|| headers.get(header::REFERER)).and_then(|v| v.to_str().ok());
    match source {
        // Browsers send Origin on cross-site posts; a request with neither header is not a
        // browser's cross-site form, and the CSRF token still guards it.
        None => true,
        Some("null") => false,
        Some(source) => {
            let without_scheme = source.split_once("://").map_or(source, |(_, rest)| rest);
            let authority = without_scheme.split('/').next().unwrap_or("");
            !host.is_empty() && authority.eq_ignore_ascii_case(host)
        }
    }
}

/// Whether readers reach us over TLS, and which proxies may say so.
#[derive(Debug, Clone, Default)]
pub struct Transport {
    /// The public address is `https://…`: every request reached the reader's side over TLS
    /// (ended in front of us), so cookies are `Secure` and HSTS is sent.
    pub https: bool,
    /// The reverse proxies whose forwarding headers are believed.
    pub trusted_proxies: Vec<IpNet>,
}

/// A `--trusted-proxy` that is neither an address nor a range.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not an IP address or a CIDR range such as 10.0.0.0/8")]
pub struct TransportError(pub String);

impl Transport {
    /// Parses a trusted proxy: an address (`10.0.0.5`, `::1`) or a range (`10.0.0.0/8`).
    pub fn parse_proxy(text: &str) -> Result<IpNet, TransportError> {
        let text = text.trim();
        text.parse::<IpNet>()
            .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
            .map(|net| net.trunc())
            .map_err(|_| TransportError(text.to_owned()))
    }

    /// Whether a request received over the network reached us over TLS, and what its trusted
    /// proxy says; `None` for a request rendered in-process.
    pub(crate) fn settle<B>(&self, request: &axum::http::Request<B>) -> Option<(bool, Forwarded)> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>()?.0;
        let forwarded = if self.trusts(peer.ip()) {
            read_forwarded(request.headers(), self)
        } else {
            Forwarded::default()
        };
        Some((self.https || forwarded.https, forwarded))
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.trusted_proxies.iter().any(|net| net.contains(&address))
    }
}

/// What the forwarding headers of a trusted proxy say.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Forwarded {
    client: Option<IpAddr>,
    https: bool,
}

/// A year: browsers then keep to HTTPS for this host. No `includeSubDomains`, since other
/// hosts under the organization's domain need not be ours.
const HSTS: HeaderValue = HeaderValue::from_static("max-age=31536000");

static X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");

/// Settles the request's scheme and client address once: `X-Forwarded-Proto` then says
/// `https` exactly when the request came over TLS (as the cookie and link code downstream
/// read it), and `ConnectInfo` holds the client's address. Responses over TLS get HSTS.
pub async fn transport(
    State(transport): State<Arc<Transport>>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some((https, forwarded)) = transport.settle(&request) else {
        // Rendered in-process (the exporter), not received: it says what it means itself.
        return next.run(request).await;
    };
    let headers = request.headers_mut();
    headers.remove(&X_FORWARDED_PROTO);
    if https {
        headers.insert(X_FORWARDED_PROTO.clone(), HeaderValue::from_static("https"));
    }
    if let Some(client) = forwarded.client {
        // The login back-off, the audit log and `/metrics` read the client from here.
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(client, 0)));
    }
    let mut response = next.run(request).await;
    if https {
        mark_https(&mut response);
    }
    response
}

/// What [`transport`] adds to the answer to a request that reached us over TLS.
pub(crate) fn mark_https(response: &mut Response) {
    response.headers_mut().insert(header::STRICT_TRANSPORT_SECURITY, HSTS);
}

/// Reads `X-Forwarded-For` and `X-Forwarded-Proto`, or where a proxy sends neither,
/// `Forwarded` (RFC 7239), as sent by a trusted peer. The `X-` headers come first because
/// nearly every proxy writes them: a header the proxy does not write is the client's own
/// and names whatever it likes. The client is found from the right: the nearest hop that is
/// not itself a trusted proxy, since anything left of it may have been written by the client.
fn read_forwarded(headers: &HeaderMap, transport: &Transport) -> Forwarded {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect()
    };
    let elements: Vec<Vec<(String, String)>> = values("forwarded")
        .iter()
        .map(|element| {
            element
                .split(';')
                .filter_map(|pair| pair.split_once('='))
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().trim_matches('"').to_owned()))
                .collect()
        })
        .collect();
    let named = |key: &str| -> Vec<Option<String>> {
        elements
            .iter()
            .map(|element| element.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
            .collect()
    };
    let forwarded_for = values("x-forwarded-for");
    let hops: Vec<Option<IpAddr>> = if forwarded_for.is_empty() {
        named("for").iter().map(|hop| hop.as_deref().and_then(parse_hop)).collect()
    } else {
        forwarded_for.iter().map(|hop| parse_hop(hop)).collect()
    };
    let proto =
        values("x-forwarded-proto").pop().or_else(|| named("proto").into_iter().rev().flatten().next());
    let mut client = None;
    for hop in hops.into_iter().rev() {
        // An unreadable hop ("unknown", an obfuscated name) ends what can be believed.
        let Some(address) = hop else { break };
        client = Some(address);
        if !transport.trusts(address) {
            break;
        }
    }
    Forwarded { client, https: proto.is_some_and(|p| p.eq_ignore_ascii_case("https")) }
}

/// An address as a hop is written: `192.0.2.60`, `192.0.2.60:4711`, `[2001:db8::1]:4711`.
fn parse_hop(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']').and_then(|(address, _)| address.parse().ok());
    }
    text.parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|address| address.ip()))
        .map(|address| address.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> Transport {
        Transport {
            https: false,
            trusted_proxies: list.iter().map(|p| Transport::parse_proxy(p).expect("proxy")).collect(),
        }
    }

    fn headers(list: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in list {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges() {
        assert!(proxies(&["10.0.0.0/8"]).trusts("10.1.2.3".parse().expect("ip")));
        assert!(proxies(&["10.0.0.5"]).trusts("10.0.0.5".parse().expect("ip")));
        assert!(!proxies(&["10.0.0.5"]).trusts("10.0.0.6".parse().expect("ip")));
        assert!(
            proxies(&["127.0.0.1"]).trusts("::ffff:127.0.0.1".parse().expect("ip")),
            "IPv4 mapped in IPv6"
        );
        assert!(Transport::parse_proxy("10.0.0.0/33").is_err());
        assert!(Transport::parse_proxy("proxy.example.org").is_err());
    }

    #[test]
    fn the_client_is_the_nearest_hop_that_is_no_trusted_proxy() {
        let transport = proxies(&["10.0.0.0/8"]);
        // The client wrote 6.6.6.6 itself; the proxies appended what they saw.
        let read = read_forwarded(
            &headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.7"), ("x-forwarded-for", "10.0.0.2")]),
            &transport,
        );
        assert_eq!(read.client, Some("203.0.113.7".parse().expect("ip")));
        assert!(!read.https);
        let read = read_forwarded(
            &headers(&[("forwarded", "for=6.6.6.6;proto=http, for=\"[2001:db8::7]:4711\";proto=https")]),
            &transport,
        );
        assert_eq!(read, Forwarded { client: Some("2001:db8::7".parse().expect("ip")), https: true });
        let read = read_forwarded(
            &headers(&[("forwarded", "for=6.6.6.6;proto=https"), ("x-forwarded-for", "1.2.3.4")]),
            &transport,
        );
        assert_eq!(
            read,
            Forwarded { client: Some("1.2.3.4".parse().expect("ip")), https: true },
            "X-Forwarded-For wins: the proxy writes it"
        );
        let read = read_forwarded(&headers(&[("forwarded", "for=unknown")]), &transport);
        assert_eq!(read.client, None, "an unknown hop names nobody");
    }
}
