//! Tells the shared caches in front of Portico (Varnish with xkey, Fastly, any proxy that
//! purges by surrogate key) what to drop: for every change the page cache applies, the
//! surrogate keys of exactly the tags it drops (see [`crate::cache`]), sent to each configured
//! endpoint from a background task per endpoint, retried with back-off until the endpoint
//! answers 2xx.
//!
//! Every node sends every purge. Purges are idempotent (a second purge of a key drops at most
//! a page fetched again in between), and only the last one matters: a node purges after its own
//! page cache dropped the pages, so the proxy's refetch after the last node's purge finds every
//! node's cache fresh — one elected sender could purge while another node still serves the old
//! page, which the proxy would then keep. The cost is one request per node and change.
//!
//! It must never make a request wait (queueing is a channel send), and never write what the
//! endpoint's headers hold (a Fastly token) or a URL's credentials to the log.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method};
use tokio::sync::mpsc;

use crate::cache::EVERYTHING_KEY;

/// The response header that carries surrogate keys when none is named: Varnish's xkey vmod
/// reads `xkey`, and Varnish is what `scripts/cluster` and the tests run. Fastly reads
/// `Surrogate-Key` (`--surrogate-key-header Surrogate-Key`).
pub const DEFAULT_KEY_HEADER: &str = "xkey";
/// The request header a purge names its keys in when the URL has no `{key}`: what
/// deploy/varnish/portico.vcl hands to `xkey.purge`.
pub const DEFAULT_PURGE_KEY_HEADER: &str = "xkey-purge";
/// Keys per purge request: well under Varnish's 8 KiB request-header limit.
const KEYS_PER_REQUEST: usize = 200;
/// Keys waiting for an endpoint beyond which they are replaced by the key every response
/// carries: an endpoint down for long costs one full purge, not unbounded memory.
const MAX_PENDING: usize = 20_000;
/// The first wait after a failure; doubled up to [`MAX_BACKOFF`].
const MIN_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// How long one purge request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How responses are labelled and where purges go (`portico serve --purge-url …`).
#[derive(Clone)]
pub struct PurgeOptions {
    /// The response header carrying surrogate keys; `None` sends none.
    pub key_header: Option<HeaderName>,
    /// Where purges go; none: nothing is sent.
    pub targets: Vec<PurgeTarget>,
}

impl Default for PurgeOptions {
    fn default() -> Self {
        PurgeOptions { key_header: Some(HeaderName::from_static(DEFAULT_KEY_HEADER)), targets: Vec::new() }
    }
}

impl std::fmt::Debug for PurgeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PurgeOptions")
            .field("key_header", &self.key_header)
            .field("targets", &self.targets)
            .finish()
    }
}

/// One purge endpoint.
#[derive(Clone)]
pub struct PurgeTarget {
    /// Where to send: keys go in `key_header`, or, when the URL holds `{key}`, one request per
    /// key with the key in its place (`https://api.fastly.com/service/ID/purge/{key}`).
    pub url: String,
    /// `PURGE` for Varnish, `POST` for Fastly's API.
    pub method: Method,
    /// The request header naming the keys, for a URL without `{key}`.
    pub key_header: HeaderName,
    /// Headers sent with every purge, such as `Fastly-Key`; never logged.
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl PurgeTarget {
    /// The endpoint as a log line may show it: no credentials, no query, no header.
    pub fn redacted(&self) -> String {
        redact(&self.url)
    }
}

impl std::fmt::Debug for PurgeTarget {
    // Never print the headers' values or the URL's credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("PurgeTarget")
            .field("url", &self.redacted())
            .field("method", &self.method)
            .field("key_header", &self.key_header)
            .field("headers", &names)
            .finish()
    }
}

/// `url` without user information and query.
pub fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = rest.find('/').map_or((rest, ""), |slash| rest.split_at(slash));
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    if scheme.is_empty() { format!("{host}{path}") } else { format!("{scheme}://{host}{path}") }
}

/// Counters for `/metrics`, shared by every endpoint's task.
#[derive(Default)]
struct Counters {
    sent: AtomicU64,
    failed: AtomicU64,
}

/// Queues purges for the background senders; one per [`crate::App`].
pub(crate) struct Purger {
    key_header: Option<HeaderName>,
    /// Each endpoint's queue, and how many keys wait for it.
    queues: Vec<(mpsc::UnboundedSender<Vec<String>>, Arc<AtomicU64>)>,
    counters: Arc<Counters>,
}

impl Purger {
    /// Starts one sender task per target (on the current Tokio runtime).
    pub(crate) fn start(options: PurgeOptions) -> Purger {
        let counters = Arc::new(Counters::default());
        let client = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build();
        let client = match client {
            Ok(client) => Some(client),
            Err(err) => {
                // Only a broken TLS set-up gets here; pages are still served, unpurged.
                tracing::error!(error = %err, "cannot make an HTTP client for purges; none will be sent");
                None
            }
        };
        let queues = match client {
            Some(client) => options
                .targets
                .into_iter()
                .map(|target| {
                    let (queue, keys) = mpsc::unbounded_channel();
                    let pending = Arc::new(AtomicU64::new(0));
                    tokio::spawn(send_forever(
                        client.clone(),
                        target,
                        keys,
                        counters.clone(),
                        pending.clone(),
                    ));
                    (queue, pending)
                })
                .collect(),
            None => Vec::new(),
        };
        Purger { key_header: options.key_header, queues, counters }
    }

    /// The response header that carries surrogate keys, if any.
    pub(crate) fn key_header(&self) -> Option<&HeaderName> {
        self.key_header.as_ref()
    }

    /// Queues a purge of `keys` at every endpoint; returns at once.
    pub(crate) fn purge(&self, keys: impl IntoIterator<Item = String>) {
        if self.queues.is_empty() {
            return;
        }
        let keys: Vec<String> = keys.into_iter().collect();
        if keys.is_empty() {
            return;
        }
        for (queue, _) in &self.queues {
            // A closed queue is a sender that ended with the runtime: nothing left to tell.
            let _ = queue.send(keys.clone());
        }
    }

    /// The purge counters in the Prometheus text format.
    pub(crate) fn metrics_text(&self) -> String {
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let pending: u64 = self.queues.iter().map(|(_, pending)| load(pending)).sum();
        let mut out = String::new();
        for (name, kind, help, value) in [
            ("requests_total", "counter", "Purge requests acknowledged (2xx).", load(&self.counters.sent)),
            (
                "failures_total",
                "counter",
                "Purge requests that failed and are retried.",
                load(&self.counters.failed),
            ),
            ("pending_keys", "gauge", "Surrogate keys waiting to be purged.", pending),
        ] {
            out.push_str(&format!(
                "# HELP portico_purge_{name} {help}\n# TYPE portico_purge_{name} {kind}\nportico_purge_{name} {value}\n"
            ));
        }
        out
    }
}

/// Sends what `keys` brings to `target` until acknowledged, merging keys that wait: a key
/// queued twice while the endpoint is down is purged once.
async fn send_forever(
    client: reqwest::Client,
    target: PurgeTarget,
    mut keys: mpsc::UnboundedReceiver<Vec<String>>,
    counters: Arc<Counters>,
    waiting: Arc<AtomicU64>,
) {
    let mut pending: BTreeSet<String> = BTreeSet::new();
    let mut backoff = MIN_BACKOFF;
    let mut failing = false;
    let endpoint = target.redacted();
    loop {
        if pending.is_empty() {
            match keys.recv().await {
                Some(more) => pending.extend(more),
                None => return,
            }
        }
        while let Ok(more) = keys.try_recv() {
            pending.extend(more);
        }
        if pending.len() > MAX_PENDING {
            tracing::warn!(purge.endpoint = %endpoint, keys = pending.len(), "too many keys wait; purging everything");
            pending = BTreeSet::from([EVERYTHING_KEY.to_owned()]);
        }
        waiting.store(pending.len() as u64, Ordering::Relaxed);
        let batch: Vec<String> = pending.iter().take(KEYS_PER_REQUEST).cloned().collect();
        match send(&client, &target, &batch).await {
            Ok(()) => {
                for key in &batch {
                    pending.remove(key);
                }
                counters.sent.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(purge.endpoint = %endpoint, keys = batch.len(), "purged");
                if failing {
                    tracing::info!(purge.endpoint = %endpoint, "purges are acknowledged again");
                    failing = false;
                }
                backoff = MIN_BACKOFF;
            }
            Err(problem) => {
                counters.failed.fetch_add(1, Ordering::Relaxed);
                // Once per failing spell at warn; the retries at debug.
                if failing {
                    tracing::debug!(purge.endpoint = %endpoint, problem = %problem, "purge failed again");
                } else {
                    tracing::warn!(
                        purge.endpoint = %endpoint,
                        problem = %problem,
                        keys = pending.len(),
                        "purge failed; retrying with back-off"
                    );
                    failing = true;
                }
                if keys.is_closed() && keys.is_empty() {
                    // The app is gone (the server stopped): nobody serves what a retry would fix.
                    return;
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
        waiting.store(pending.len() as u64, Ordering::Relaxed);
    }
}

/// Why a purge request was not acknowledged, in words safe to log.
#[derive(Debug, thiserror::Error)]
enum PurgeProblem {
    #[error("answered {0}")]
    Status(u16),
    /// The transport error without its URL (which may hold credentials).
    #[error("{0}")]
    Transport(String),
    #[error("the purge header cannot hold the keys")]
    BadKeys,
}

/// One purge of `keys`: one request, or one per key for a URL template.
async fn send(client: &reqwest::Client, target: &PurgeTarget, keys: &[String]) -> Result<(), PurgeProblem> {
    if target.url.contains("{key}") {
        for key in keys {
            // Keys are `[a-z0-9-]`: nothing to escape in a path.
            let url = target.url.replace("{key}", key);
            request(client, target, &url, None).await?;
        }
        Ok(())
    } else {
        let value = HeaderValue::from_str(&keys.join(" ")).map_err(|_| PurgeProblem::BadKeys)?;
        request(client, target, &target.url, Some(value)).await
    }
}

async fn request(
    client: &reqwest::Client,
    target: &PurgeTarget,
    url: &str,
    keys: Option<HeaderValue>,
) -> Result<(), PurgeProblem> {
    let mut request = client.request(target.method.clone(), url);
    for (name, value) in &target.headers {
        request = request.header(name, value);
    }
    if let Some(keys) = keys {
        request = request.header(&target.key_header, keys);
    }
    let response =
        request.send().await.map_err(|err| PurgeProblem::Transport(err.without_url().to_string()))?;
    let status = response.status();
    if status.is_success() { Ok(()) } else { Err(PurgeProblem::Status(status.as_u16())) }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use axum::extract::State;
    use axum::http::{HeaderMap, StatusCode};

    use super::*;

    /// What a fake proxy received: each request's method, and its keys header or else its
    /// path and token header.
    type Received = Arc<Mutex<Vec<(String, String)>>>;

    /// A proxy that refuses the first `refusals` purges with 503, then acknowledges.
    async fn proxy(refusals: usize) -> (String, Received) {
        let received: Received = Arc::default();
        let app = axum::Router::new()
            .fallback(
                |State((received, refusals)): State<(Received, usize)>,
                 method: Method,
                 uri: axum::http::Uri,
                 headers: HeaderMap| async move {
                    let header =
                        |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
                    let keys = header(DEFAULT_PURGE_KEY_HEADER).unwrap_or_else(|| {
                        format!("{} {}", uri.path(), header("fastly-key").unwrap_or_default())
                    });
                    let mut received = received.lock().expect("received");
                    received.push((method.to_string(), keys));
                    if received.len() <= refusals { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK }
                },
            )
            .with_state((received.clone(), refusals));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        (url, received)
    }

    #[tokio::test]
    async fn a_refused_purge_is_retried_until_acknowledged_with_the_keys_merged() {
        let (url, received) = proxy(2).await;
        let target = PurgeTarget {
            url,
            method: Method::from_bytes(b"PURGE").expect("method"),
            key_header: HeaderName::from_static(DEFAULT_PURGE_KEY_HEADER),
            headers: vec![],
        };
        let purger = Purger::start(PurgeOptions { key_header: None, targets: vec![target] });
        purger.purge(["lists-1".to_owned(), "doc-7".to_owned()]);
        purger.purge(["doc-7".to_owned()]);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while received.lock().expect("received").len() < 3 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let received = received.lock().expect("received").clone();
        assert_eq!(received.len(), 3, "two refusals, then one acknowledged purge: {received:?}");
        assert!(
            received.iter().all(|(method, keys)| method == "PURGE" && keys == "doc-7 lists-1"),
            "{received:?}"
        );
        assert!(purger.metrics_text().contains("portico_purge_requests_total 1"));
    }

    #[tokio::test]
    async fn a_url_template_gets_one_request_per_key_with_its_headers() {
        let (url, received) = proxy(0).await;
        let target = PurgeTarget {
            url: format!("{url}service/S/purge/{{key}}"),
            method: Method::POST,
            key_header: HeaderName::from_static(DEFAULT_PURGE_KEY_HEADER),
            headers: vec![(HeaderName::from_static("fastly-key"), HeaderValue::from_static("tok3n"))],
        };
        let purger = Purger::start(PurgeOptions { key_header: None, targets: vec![target] });
        purger.purge(["lists-1".to_owned(), "doc-7".to_owned()]);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while received.lock().expect("received").len() < 2 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let received = received.lock().expect("received").clone();
        assert_eq!(
            received,
            [
                ("POST".to_owned(), "/service/S/purge/doc-7 tok3n".to_owned()),
                ("POST".to_owned(), "/service/S/purge/lists-1 tok3n".to_owned())
            ]
        );
    }

    #[test]
    fn a_logged_endpoint_shows_no_credentials() {
        assert_eq!(
            redact("https://user:secret@cdn.example.org/purge?token=x"),
            "https://cdn.example.org/purge"
        );
        assert_eq!(redact("http://varnish:6081/"), "http://varnish:6081/");
        let target = PurgeTarget {
            url: "https://api.fastly.com/service/S/purge/{key}".to_owned(),
            method: Method::POST,
            key_header: HeaderName::from_static(DEFAULT_PURGE_KEY_HEADER),
            headers: vec![(HeaderName::from_static("fastly-key"), HeaderValue::from_static("tok3n"))],
        };
        let shown = format!("{target:?}");
        assert!(shown.contains("fastly-key") && !shown.contains("tok3n"), "{shown}");
    }
}
