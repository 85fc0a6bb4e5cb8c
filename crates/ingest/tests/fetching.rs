//! The fetcher against a real local publisher: address policy on every hop, redirect limits,
//! the byte cap on a streamed body, conditional requests, time limits.

use std::time::Duration;

use portico_ingest::testing::{FeedServer, GOOD_ETAG, GOOD_LAST_MODIFIED};
use portico_ingest::{AddressPolicy, Conditional, FetchError, Fetched, Fetcher, Limits};

fn strict() -> Fetcher {
    Fetcher::default()
}

fn loopback_allowed() -> Fetcher {
    Fetcher { policy: AddressPolicy { allow_loopback: true }, limits: Limits::default() }
}

fn refused_reason(result: Result<Fetched, FetchError>) -> (String, &'static str) {
    match result {
        Err(FetchError::Refused(refused)) => (refused.addr.to_string(), refused.reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn loopback_is_never_contacted_unless_allowed() {
    let server = FeedServer::start().await;
    let by_address = strict().fetch(&server.url("/good.rss"), Conditional::default()).await;
    assert_eq!(refused_reason(by_address), ("127.0.0.1".to_owned(), "loopback"));
    // A host name is checked when it is resolved: localhost is loopback too.
    let by_name = strict()
        .fetch(&format!("http://localhost:{}/good.rss", server.addr.port()), Conditional::default())
        .await;
    let (_, reason) = refused_reason(by_name);
    assert_eq!(reason, "loopback");
    assert_eq!(server.request_count(), 0, "not one request reached the server");

    let allowed = loopback_allowed().fetch(&server.url("/good.rss"), Conditional::default()).await;
    assert!(matches!(allowed, Ok(Fetched::Body { .. })), "{allowed:?}");
}

#[tokio::test]
async fn redirects_into_private_ranges_are_refused_before_connecting() {
    let server = FeedServer::start().await;
    let fetcher = loopback_allowed();
    let cases = [
        ("/to-metadata", "169.254.169.254", "link-local"),
        ("/to-private", "10.0.0.1", "private"),
        ("/to-mapped", "::ffff:10.0.0.1", "private"),
    ];
    for (path, addr, reason) in cases {
        let result = fetcher.fetch(&server.url(path), Conditional::default()).await;
        assert_eq!(refused_reason(result), (addr.to_owned(), reason), "{path}");
    }
    // A redirect to a host name goes through the same check when the name is resolved.
    let to_localhost = strict().check("http://localhost/feed");
    assert!(to_localhost.is_ok(), "names are checked when resolved, not before");
    let followed = fetcher.fetch(&server.url("/to-localhost"), Conditional::default()).await;
    assert!(matches!(followed, Ok(Fetched::Body { .. })), "loopback by name is allowed here: {followed:?}");
}

#[tokio::test]
async fn literal_private_addresses_are_refused_up_front() {
    for url in [
        "http://10.0.0.1/feed",
        "http://169.254.169.254/",
        "http://[fd00::1]/",
        "http://[::ffff:192.168.0.1]/",
    ] {
        assert!(matches!(loopback_allowed().check(url), Err(FetchError::Refused(_))), "{url}");
    }
    assert!(matches!(strict().check("http://127.0.0.1:8080/feed"), Err(FetchError::Refused(_))));
    assert!(loopback_allowed().check("http://127.0.0.1:8080/feed").is_ok());
    assert!(matches!(strict().check("file:///etc/passwd"), Err(FetchError::BadUrl(_))));
}

#[tokio::test]
async fn at_most_five_redirects_are_followed() {
    let server = FeedServer::start().await;
    let fetcher = loopback_allowed();
    match fetcher.fetch(&server.url("/hop/5"), Conditional::default()).await {
        Ok(Fetched::Body { url, .. }) => assert_eq!(url.path(), "/hop/0", "relative redirects resolve"),
        other => panic!("five redirects are followed: {other:?}"),
    }
    let six = fetcher.fetch(&server.url("/hop/6"), Conditional::default()).await;
    assert!(matches!(six, Err(FetchError::TooManyRedirects(5))), "{six:?}");
    assert_eq!(server.requests("/hop/0").len(), 1, "the sixth hop was never requested");
}

#[tokio::test]
async fn bodies_past_the_cap_are_refused_without_reading_them_whole() {
    let server = FeedServer::start().await;
    let fetcher = loopback_allowed();
    for path in ["/huge.xml", "/huge-declared.xml"] {
        let result = fetcher.fetch(&server.url(path), Conditional::default()).await;
        assert!(
            matches!(result, Err(FetchError::TooLarge(cap)) if cap == Limits::default().max_bytes),
            "{path}: {result:?}"
        );
    }
}

#[tokio::test]
async fn validators_are_sent_back_and_304_means_not_modified() {
    let server = FeedServer::start().await;
    let fetcher = loopback_allowed();
    let Ok(Fetched::Body { etag, last_modified, .. }) =
        fetcher.fetch(&server.url("/good.rss"), Conditional::default()).await
    else {
        panic!("the first fetch reads the feed");
    };
    assert_eq!(etag.as_deref(), Some(GOOD_ETAG));
    assert_eq!(last_modified.as_deref(), Some(GOOD_LAST_MODIFIED));
    let conditional = Conditional { etag: etag.as_deref(), last_modified: last_modified.as_deref() };
    let again = fetcher.fetch(&server.url("/good.rss"), conditional).await;
    assert!(matches!(again, Ok(Fetched::NotModified)), "{again:?}");
    let seen = server.requests("/good.rss");
    assert_eq!(seen.len(), 2);
    assert_eq!((seen[0].if_none_match.as_deref(), seen[0].if_modified_since.as_deref()), (None, None));
    assert_eq!(seen[1].if_none_match.as_deref(), Some(GOOD_ETAG));
    assert_eq!(seen[1].if_modified_since.as_deref(), Some(GOOD_LAST_MODIFIED));
}

#[tokio::test]
async fn slow_publishers_time_out_and_errors_are_reported() {
    let server = FeedServer::start().await;
    let limits = Limits { timeout: Duration::from_millis(500), ..Limits::default() };
    let fetcher = Fetcher { policy: AddressPolicy { allow_loopback: true }, limits };
    let slow = fetcher.fetch(&server.url("/slow.rss"), Conditional::default()).await;
    assert!(matches!(slow, Err(FetchError::Timeout(_))), "{slow:?}");
    let missing = fetcher.fetch(&server.url("/missing.rss"), Conditional::default()).await;
    assert!(matches!(missing, Err(FetchError::Status(404))), "{missing:?}");
    // Nothing listens on port 9 of loopback (discard): the connection is refused.
    let closed = fetcher.fetch("http://127.0.0.1:9/feed", Conditional::default()).await;
    assert!(matches!(closed, Err(FetchError::Network(_))), "{closed:?}");
}
