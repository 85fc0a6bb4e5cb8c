//! A small publisher for tests: a real HTTP server on a free loopback port serving good and
//! hostile feeds, which records the conditional headers of every request it gets.
//!
//! It never sends traffic anywhere: its redirects point at private and link-local addresses
//! precisely so the tests can show that they are never followed.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The good RSS feed's `ETag`.
pub const GOOD_ETAG: &str = "\"good-v1\"";
/// The good RSS feed's `Last-Modified`.
pub const GOOD_LAST_MODIFIED: &str = "Tue, 24 Feb 2026 10:00:00 GMT";

/// A partner's RSS 2.0 feed: three items, one in the category "Emergencies".
pub const GOOD_RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Partner News</title>
  <link>https://partner.example.org/</link>
  <description>News from a partner</description>
  <item>
    <title>Flood response scaled up in the north</title>
    <link>https://partner.example.org/news/flood</link>
    <guid isPermaLink="false">partner-17</guid>
    <pubDate>Tue, 24 Feb 2026 09:30:00 +0100</pubDate>
    <category>Emergencies</category>
    <description>&lt;p&gt;Teams &lt;b&gt;arrived&lt;/b&gt; in &lt;a href="/regions/north"&gt;the north&lt;/a&gt;.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Labour migration report published</title>
    <link>https://partner.example.org/news/report</link>
    <guid isPermaLink="false">partner-16</guid>
    <pubDate>Mon, 23 Feb 2026 08:00:00 GMT</pubDate>
    <category>Reports</category>
    <description>The yearly report on labour migration.</description>
  </item>
  <item>
    <title>Partners meet in Geneva</title>
    <link>https://partner.example.org/news/meeting</link>
    <guid isPermaLink="false">partner-15</guid>
    <pubDate>Fri, 20 Feb 2026 12:00:00 GMT</pubDate>
    <description>A meeting of partners.</description>
  </item>
</channel></rss>"#;

/// Another Portico site's Atom feed, as `/en/news.atom` writes it.
pub const GOOD_ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>IOM El Salvador</title>
  <id>tag:sv.portico.example,2026:/en/news</id>
  <updated>2026-02-25T15:00:00Z</updated>
  <link rel="self" href="https://sv.portico.example/en/news.atom"/>
  <entry>
    <title type="html">Families &lt;em&gt;return&lt;/em&gt; to San Salvador</title>
    <id>tag:sv.portico.example,2026:release:42</id>
    <link rel="alternate" type="text/html" href="https://sv.portico.example/en/news/families-return"/>
    <published>2026-02-25T08:00:00-06:00</published>
    <updated>2026-02-25T09:00:00Z</updated>
    <category term="migration" label="Migration"/>
    <summary type="text">Families came back to San Salvador &amp; Santa Ana.</summary>
  </entry>
  <entry>
    <title>Training for border officials</title>
    <id>tag:sv.portico.example,2026:release:41</id>
    <link rel="alternate" type="text/html" href="https://sv.portico.example/en/news/training"/>
    <updated>2026-02-22T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Forty officials were trained.&lt;/p&gt;</content>
  </entry>
</feed>"#;

/// Scripts, event handlers, `javascript:` links and frames in every place a feed can put them.
pub const HOSTILE_RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile &lt;script&gt;alert(0)&lt;/script&gt;</title>
  <item>
    <title>Breaking &lt;img src=x onerror=alert(1)&gt; news</title>
    <link>javascript:alert(2)</link>
    <guid>hostile-1</guid>
    <pubDate>Wed, 25 Feb 2026 10:00:00 GMT</pubDate>
    <description><![CDATA[<p onclick="steal()">Hello<script>alert(3)</script>
      <img src="https://tracker.example/p.gif" onerror="alert(4)">
      <a href="javascript:alert(5)">click</a> <a href="JaVaScRiPt:alert(6)">again</a>
      <iframe src="https://evil.example/"></iframe><style>body{display:none}</style>
      <svg onload="alert(7)"></svg><form action="https://evil.example/"><input name="pw"></form></p>]]></description>
  </item>
  <item>
    <title>A normal item among hostile ones</title>
    <link>https://hostile.example/news/normal</link>
    <guid>hostile-2</guid>
    <pubDate>Wed, 25 Feb 2026 09:00:00 GMT</pubDate>
    <description>Nothing to see.</description>
  </item>
</channel></rss>"#;

/// The billion-laughs entity bomb.
pub const BOMB: &str = r#"<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs &lol9;</title>
<item><title>Bomb &lol9;</title><guid>bomb-1</guid><description>&lol9;</description></item>
</channel></rss>"#;

/// Dates a feed should not have: none, nonsense, impossible, far in the future.
pub const BAD_DATES_RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Dates</title>
  <item><title>Undated item</title><link>https://dates.example/1</link><guid>d1</guid></item>
  <item><title>Nonsense date</title><link>https://dates.example/2</link><guid>d2</guid><pubDate>the 31st of Smarch</pubDate></item>
  <item><title>Impossible date</title><link>https://dates.example/3</link><guid>d3</guid><pubDate>Mon, 30 Feb 2026 25:61:00 GMT</pubDate></item>
  <item><title>Far future date</title><link>https://dates.example/4</link><guid>d4</guid><pubDate>Fri, 31 Dec 2100 00:00:00 GMT</pubDate></item>
  <item><title>Well dated</title><link>https://dates.example/5</link><guid>d5</guid><pubDate>Sun, 01 Feb 2026 10:00:00 +0200</pubDate></item>
</channel></rss>"#;

/// An RSS feed in ISO-8859-1: "Café à Genève" in one byte per letter.
pub fn latin1_rss() -> Vec<u8> {
    let mut body = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel>\
        <title>Gen\xe8ve Office</title>"
        .to_vec();
    body.extend_from_slice(
        b"<item><title>Caf\xe9 \xe0 Gen\xe8ve</title><link>https://geneva.example/cafe</link>\
          <guid>latin-1</guid><pubDate>Thu, 19 Feb 2026 10:00:00 GMT</pubDate>\
          <description>R\xe9union des partenaires.</description></item></channel></rss>",
    );
    body
}

/// An RSS feed that says UTF-8 and is not: ISO-8859-1 bytes under a UTF-8 declaration.
pub fn wrong_encoding_rss() -> Vec<u8> {
    b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Wrong</title>\
      <item><title>Caf\xe9</title><guid>wrong-1</guid><link>https://wrong.example/1</link></item>\
      </channel></rss>"
        .to_vec()
}

/// An RSS feed of `count` items, dated a day apart, newest first.
pub fn many_rss(count: usize) -> String {
    let mut xml = String::from(r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>"#);
    for n in 0..count {
        let day = 28 - (n % 28);
        let month = if n < 28 { "Jan" } else { "Dec" };
        let year = if n < 28 { 2026 } else { 2025 };
        xml.push_str(&format!(
            "<item><title>Item number {n}</title><link>https://many.example/{n}</link><guid>many-{n}</guid>\
             <pubDate>{day:02} {month} {year} 10:00:00 GMT</pubDate></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

/// How large the endless body is: far beyond any cap.
pub const HUGE_BYTES: usize = 100 * 1024 * 1024;
const CHUNK: usize = 64 * 1024;
static FILLER: [u8; CHUNK] = [b' '; CHUNK];

/// A feed's start followed by spaces up to [`HUGE_BYTES`], produced chunk by chunk as the
/// client reads: the server never holds more than one chunk.
fn huge_body() -> Body {
    let head =
        Bytes::from_static(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>");
    let chunks = futures_util::stream::iter(
        std::iter::once(head).chain((0..HUGE_BYTES / CHUNK).map(|_| Bytes::from_static(&FILLER))),
    );
    Body::from_stream(futures_util::StreamExt::map(chunks, Ok::<_, Infallible>))
}

/// The conditional headers of one request the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenRequest {
    /// Path and query.
    pub path: String,
    /// Its `If-None-Match`.
    pub if_none_match: Option<String>,
    /// Its `If-Modified-Since`.
    pub if_modified_since: Option<String>,
}

#[derive(Clone)]
struct Shared {
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    origin: String,
}

/// A running test publisher; stops when dropped.
pub struct FeedServer {
    /// Where it listens.
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FeedServer {
    /// Starts serving on a free port of 127.0.0.1.
    pub async fn start() -> FeedServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the feed server");
        let addr = listener.local_addr().expect("feed server address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared { seen: seen.clone(), origin: format!("http://{addr}") };
        let router = Router::new()
            .route("/good.rss", get(good_rss))
            .route("/good.atom", get(|| async { xml(GOOD_ATOM) }))
            .route("/hostile.rss", get(|| async { xml(HOSTILE_RSS) }))
            .route("/bomb.xml", get(|| async { xml(BOMB) }))
            .route("/dates.rss", get(|| async { xml(BAD_DATES_RSS) }))
            .route("/latin1.rss", get(|| async { xml(latin1_rss()) }))
            .route("/wrong-encoding.rss", get(|| async { xml(wrong_encoding_rss()) }))
            .route("/many.rss", get(|| async { xml(many_rss(25)) }))
            .route("/not-a-feed", get(|| async { "<html><body>Hello</body></html>" }))
            .route(
                "/huge.xml",
                get(|| async { ([(header::CONTENT_TYPE, "application/rss+xml")], huge_body()) }),
            )
            .route("/huge-declared.xml", get(huge_declared))
            .route("/slow.rss", get(slow))
            .route("/paced/{n}", get(paced))
            .route(
                "/to-metadata",
                get(|| async { redirect(302, "http://169.254.169.254/latest/meta-data/") }),
            )
            .route("/to-private", get(|| async { redirect(301, "http://10.0.0.1/feed.rss") }))
            .route("/to-mapped", get(|| async { redirect(307, "http://[::ffff:10.0.0.1]/feed.rss") }))
            .route("/to-localhost", get(to_localhost))
            .route("/hop/{n}", get(hop))
            .fallback(|| async { StatusCode::NOT_FOUND })
            .layer(axum::middleware::from_fn_with_state(shared.clone(), record))
            .with_state(shared);
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        FeedServer { addr, seen, task }
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The requests it answered for `path`, in order.
    pub fn requests(&self, path: &str) -> Vec<SeenRequest> {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.iter().filter(|r| r.path == path).cloned().collect()
    }

    /// How many requests it answered in all.
    pub fn request_count(&self) -> usize {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn record(
    State(shared): State<Shared>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    // In a block: a borrow of the request must not live across the await below.
    let seen = {
        let header = |name: header::HeaderName| {
            request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
        };
        SeenRequest {
            path: request.uri().path_and_query().map_or_else(String::new, |p| p.as_str().to_owned()),
            if_none_match: header(header::IF_NONE_MATCH),
            if_modified_since: header(header::IF_MODIFIED_SINCE),
        }
    };
    shared.seen.lock().unwrap_or_else(|e| e.into_inner()).push(seen);
    next.run(request).await
}

fn xml(body: impl Into<Body>) -> Response {
    ([(header::CONTENT_TYPE, "application/rss+xml")], body.into()).into_response()
}

fn redirect(status: u16, location: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::FOUND);
    (status, [(header::LOCATION, location.to_owned())]).into_response()
}

async fn good_rss(headers: HeaderMap) -> Response {
    let header = |name| headers.get(name).and_then(|v: &header::HeaderValue| v.to_str().ok());
    if header(header::IF_NONE_MATCH) == Some(GOOD_ETAG)
        || header(header::IF_MODIFIED_SINCE) == Some(GOOD_LAST_MODIFIED)
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "application/rss+xml"),
            (header::ETAG, GOOD_ETAG),
            (header::LAST_MODIFIED, GOOD_LAST_MODIFIED),
        ],
        GOOD_RSS,
    )
        .into_response()
}

async fn huge_declared() -> Response {
    let mut response = xml(huge_body());
    response.headers_mut().insert(header::CONTENT_LENGTH, header::HeaderValue::from(HUGE_BYTES + 70));
    response
}

async fn slow() -> Response {
    tokio::time::sleep(std::time::Duration::from_secs(120)).await;
    xml(GOOD_RSS)
}

/// A good feed that takes a moment to answer, so that fetches from several ingesters overlap.
async fn paced() -> Response {
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    xml(GOOD_RSS)
}

async fn to_localhost(State(shared): State<Shared>) -> Response {
    let port = shared.origin.rsplit(':').next().unwrap_or("80").to_owned();
    redirect(302, &format!("http://localhost:{port}/good.rss"))
}

async fn hop(Path(n): Path<u32>) -> Response {
    if n == 0 { xml(GOOD_RSS) } else { redirect(302, &format!("/hop/{}", n - 1)) }
}
