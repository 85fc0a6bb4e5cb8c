//! Accepting and serving connections with bounds: a deadline for each request's head, an idle
//! timeout, a timeout on request bodies that stall, a cap on connections served at once, and
//! a deadline for the requests in flight when the server stops (the drain).
//!
//! `axum::serve` has none of these, so a client trickling header lines held its connection
//! forever. This module must never look inside requests: routing stays in `portico-web`.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Instant;
use tower::ServiceBuilder;
use tower_http::timeout::RequestBodyTimeoutLayer;

/// The bounds on each connection; see `portico serve --help` for their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client has to send a request's head (request line and headers), counted
    /// from when the server starts waiting for it: on a new connection and after each response.
    pub header_timeout: Duration,
    /// A connection with no byte either way for this long is closed, whatever it is doing.
    pub idle_timeout: Duration,
    /// A request body that sends nothing for this long ends its request.
    pub body_timeout: Duration,
    /// Connections served at once; more wait in the kernel's listen queue.
    pub max_connections: usize,
    /// Once the server stops accepting, how long the requests in flight have to finish before
    /// their connections are cut. A supervisor's stop timeout must be longer (systemd's
    /// `TimeoutStopSec`, Kubernetes' `terminationGracePeriodSeconds`).
    pub drain_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            body_timeout: Duration::from_secs(30),
            max_connections: 1000,
            drain_timeout: Duration::from_secs(20),
        }
    }
}

/// Serves `router` on `listener` within `limits` until `stop` resolves, then closes the
/// listener and lets the requests in flight finish, within [`Limits::drain_timeout`]; those
/// still running then are cut. Idle keep-alive connections close at once.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    // Tells the connections that outlived the drain to end, so that their handlers stop too.
    let (cut, cut_seen) = tokio::sync::watch::channel(false);
    // HTTP/1.1 only: hyper's HTTP/2 preface sniffing has no deadline of its own, and the
    // browsers' HTTP/2 ends at the proxy or CDN in front of Portico anyway.
    let mut builder = auto::Builder::new(TokioExecutor::new()).http1_only();
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                // The semaphore is never closed; if it were, nothing more could be served.
                Err(_) => break,
            },
            () = &mut stop => break,
        };
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!(error = %err, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let service = ServiceBuilder::new()
            .map_request(move |mut request: axum::http::Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(addr));
                request
            })
            .layer(RequestBodyTimeoutLayer::new(limits.body_timeout))
            .service(router.clone());
        let (io, activity) = Watched::new(stream);
        let connection =
            builder.serve_connection(TokioIo::new(io), TowerToHyperService::new(service)).into_owned();
        let connection = graceful.watch(connection);
        let idle = limits.idle_timeout;
        let mut cut_seen = cut_seen.clone();
        tokio::spawn(async move {
            tokio::select! {
                served = connection => {
                    if let Err(err) = served {
                        tracing::debug!(error = %err, "connection ended with an error");
                    }
                }
                () = activity.idle_for(idle) => {
                    tracing::debug!(client = %addr.ip(), "closing an idle connection");
                }
                // An error means the server is gone altogether: end too.
                _ = cut_seen.wait_for(|cut| *cut) => {
                    tracing::debug!(client = %addr.ip(), "cutting a connection at the drain deadline");
                }
            }
            drop(permit);
        });
    }
    drop(listener);
    let in_flight = graceful.count();
    if in_flight > 0 {
        tracing::info!(connections = in_flight, "draining the connections in flight");
    }
    if tokio::time::timeout(limits.drain_timeout, graceful.shutdown()).await.is_err() {
        tracing::warn!(
            drain_seconds = limits.drain_timeout.as_secs(),
            "requests still running at the drain deadline were cut"
        );
        let _ = cut.send(true);
    }
    Ok(())
}

/// When a connection last moved a byte, in milliseconds since it was accepted.
struct Activity {
    opened: Instant,
    last: AtomicU64,
}

impl Activity {
    fn touch(&self) {
        let elapsed = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(elapsed, Ordering::Relaxed);
    }

    /// Resolves once no byte has moved for `idle`.
    async fn idle_for(self: Arc<Self>, idle: Duration) {
        loop {
            let last = self.opened + Duration::from_millis(self.last.load(Ordering::Relaxed));
            let deadline = last + idle;
            if Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep_until(deadline).await;
        }
    }
}

/// A TCP stream that notes when bytes move, for the idle timeout.
struct Watched {
    stream: TcpStream,
    activity: Arc<Activity>,
}

impl Watched {
    fn new(stream: TcpStream) -> (Self, Arc<Activity>) {
        let activity = Arc::new(Activity { opened: Instant::now(), last: AtomicU64::new(0) });
        (Watched { stream, activity: activity.clone() }, activity)
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
