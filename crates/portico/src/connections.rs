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
use axum::http::Request;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Instant;
use tokio_util::task::AbortOnDropHandle;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::catch_panic::CatchPanicLayer;
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

/// Answers a request on the thread that read it, or says the router must: the page cache's
/// front path ([`portico_web::App::answer_from_cache`]).
pub type Front = Arc<dyn Fn(&Request<Incoming>) -> Option<Response> + Send + Sync>;

/// Where the router runs the requests the front path leaves to it.
#[derive(Debug, Clone)]
pub enum Handlers {
    /// On the connection's own thread, with no hand-over: for a store whose connections any
    /// runtime may use (SQLite's each run on a thread of their own and answer through
    /// channels).
    OnConnectionThreads,
    /// On another runtime. A PostgreSQL connection's socket belongs to the runtime that
    /// opened it: opened on a connection thread, it would stop working once that thread's
    /// runtime ends after the drain, while the jobs that still run then (releasing feed
    /// leases, the change-log follower) take connections from the same pool.
    On(tokio::runtime::Handle),
}

/// Serves `router` on `listener` within `limits` until `stop` resolves, then closes the
/// listener and lets the requests in flight finish, within [`Limits::drain_timeout`]; those
/// still running then are cut. Idle keep-alive connections close at once.
///
/// Connections are read and written on threads of their own, one per core, each with a
/// single-threaded runtime, as nginx's workers do: a connection stays on one thread from
/// accept to close. `front` answers what it can there; every other request is run by
/// `router` where `handlers` says. With one multi-threaded runtime for everything, each
/// request woke a second worker thread about every third time: a third of the CPU of a
/// cached page went to those hand-overs, and a tenth of an uncached one.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    front: Front,
    handlers: Handlers,
    limits: Limits,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let listener = listener.into_std()?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let shared = Arc::new(Shared {
        router,
        front,
        limits,
        handlers,
        permits: Semaphore::new(limits.max_connections.max(1)),
        graceful: std::sync::Mutex::new(Some(GracefulShutdown::new())),
    });
    // `accepting` turns false at the stop; `cut` tells the connections that outlived the
    // drain to end, so that their handlers stop too; `finished` lets the threads go.
    let (accepting, accepting_seen) = tokio::sync::watch::channel(true);
    let (cut, cut_seen) = tokio::sync::watch::channel(false);
    let (finished, finished_seen) = tokio::sync::watch::channel(false);
    let (accept_ended, mut all_accepts_ended) = tokio::sync::mpsc::channel::<()>(1);
    let mut joins = Vec::new();
    for number in 0..threads {
        let listener = listener.try_clone()?;
        let shared = shared.clone();
        let (accepting_seen, cut_seen, mut finished_seen) =
            (accepting_seen.clone(), cut_seen.clone(), finished_seen.clone());
        let accept_ended = accept_ended.clone();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let join = std::thread::Builder::new().name(format!("portico-http-{number}")).spawn(move || {
            runtime.block_on(async move {
                match TcpListener::from_std(listener) {
                    Ok(listener) => accept(listener, &shared, accepting_seen, cut_seen).await,
                    Err(err) => tracing::error!(error = %err, "cannot listen on a connection thread"),
                }
                drop(accept_ended);
                // The connections of this thread run on its runtime: it stays until the drain
                // is over.
                let _ = finished_seen.wait_for(|finished| *finished).await;
            });
        })?;
        joins.push(join);
    }
    drop((listener, accept_ended));
    stop.await;
    let _ = accepting.send(false);
    // Every thread has dropped its listener once all have ended their accept loops.
    let _ = all_accepts_ended.recv().await;
    let graceful = shared.graceful.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
    if let Some(graceful) = graceful {
        let in_flight = graceful.count();
        if in_flight > 0 {
            tracing::info!(connections = in_flight, "draining the connections in flight");
        }
        if tokio::time::timeout(shared.limits.drain_timeout, graceful.shutdown()).await.is_err() {
            tracing::warn!(
                drain_seconds = shared.limits.drain_timeout.as_secs(),
                "requests still running at the drain deadline were cut"
            );
            let _ = cut.send(true);
        }
    }
    let _ = finished.send(true);
    for join in joins {
        // A thread's runtime ends its cut connections at once; waiting here is brief.
        let _ = tokio::task::spawn_blocking(move || join.join()).await;
    }
    Ok(())
}

/// What every connection thread needs.
struct Shared {
    router: Router,
    front: Front,
    limits: Limits,
    handlers: Handlers,
    permits: Semaphore,
    /// Taken by the drain; watching a connection after that is no longer possible.
    graceful: std::sync::Mutex<Option<GracefulShutdown>>,
}

/// Accepts connections on this thread until the server stops accepting.
async fn accept(
    listener: TcpListener,
    shared: &Arc<Shared>,
    mut accepting: tokio::sync::watch::Receiver<bool>,
    cut_seen: tokio::sync::watch::Receiver<bool>,
) {
    // HTTP/1.1 only: hyper's HTTP/2 preface sniffing has no deadline of its own, and the
    // browsers' HTTP/2 ends at the proxy or CDN in front of Portico anyway.
    let mut builder = auto::Builder::new(TokioExecutor::new()).http1_only();
    builder.http1().timer(TokioTimer::new()).header_read_timeout(shared.limits.header_timeout);
    loop {
        let permit = tokio::select! {
            permit = shared.permits.acquire() => match permit {
                Ok(permit) => permit,
                // The semaphore is never closed; if it were, nothing more could be served.
                Err(_) => break,
            },
            () = until_stopped(&mut accepting) => break,
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
            () = until_stopped(&mut accepting) => break,
        };
        // Given back by hand when the connection ends: the permit cannot leave this thread's
        // borrow of the semaphore.
        permit.forget();
        let (io, activity) = Watched::new(stream);
        let conn_shared = shared.clone();
        let service = hyper::service::service_fn(move |request| answer(conn_shared.clone(), addr, request));
        let connection = builder.serve_connection(TokioIo::new(io), service).into_owned();
        let connection = {
            let graceful = shared.graceful.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            match graceful.as_ref() {
                Some(graceful) => graceful.watch(connection),
                None => {
                    shared.permits.add_permits(1);
                    break;
                }
            }
        };
        let idle = shared.limits.idle_timeout;
        let mut cut_seen = cut_seen.clone();
        let shared = shared.clone();
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
            shared.permits.add_permits(1);
        });
    }
}

/// Resolves once the server stops accepting (or is gone).
async fn until_stopped(accepting: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = accepting.wait_for(|accepting| !*accepting).await;
}

/// Answers one request: from the front path on this thread, else by the router where the
/// handlers run.
async fn answer(
    shared: Arc<Shared>,
    addr: std::net::SocketAddr,
    mut request: Request<Incoming>,
) -> Result<Response, std::convert::Infallible> {
    request.extensions_mut().insert(ConnectInfo(addr));
    if let Some(response) = (shared.front)(&request) {
        return Ok(response);
    }
    let service = ServiceBuilder::new()
        .layer(CatchPanicLayer::custom(panicked))
        .layer(RequestBodyTimeoutLayer::new(shared.limits.body_timeout))
        .service(shared.router.clone());
    let answered = async move {
        match service.oneshot(request).await {
            Ok(response) => response.map(axum::body::Body::new),
            Err(never) => match never {},
        }
    };
    let handlers = match &shared.handlers {
        Handlers::OnConnectionThreads => return Ok(answered.await),
        Handlers::On(handlers) => handlers,
    };
    // A client gone, or a connection cut at the drain deadline, stops the handler, as it does
    // when the handler runs on the connection's own task.
    let task = AbortOnDropHandle::new(handlers.spawn(answered));
    Ok(match task.await {
        Ok(response) => response,
        // Only a cancelled task gets here: panics are answered by the layer.
        Err(err) => {
            tracing::error!(error = %err, "a request's handler was cancelled");
            server_error()
        }
    })
}

/// The answer to a request whose handler panicked: a 500, logged; the connection lives on.
fn panicked(panic: Box<dyn std::any::Any + Send>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a request's handler panicked");
    server_error()
}

fn server_error() -> Response {
    let mut response = Response::new(axum::body::Body::from("The server could not answer this request."));
    *response.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
    response
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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Sends `GET path` on `stream` and reads one response whose body is `Content-Length` long.
    async fn get_on(stream: &mut TcpStream, path: &str) -> (u16, String) {
        let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut received = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
                .await
                .expect("a response within 5 s")
                .expect("read");
            assert!(n > 0, "the connection closed before the response to {path} ended");
            received.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&received).into_owned();
            let Some((head, body)) = text.split_once("\r\n\r\n") else { continue };
            let length: usize = head
                .lines()
                .find_map(|line| {
                    line.to_ascii_lowercase().strip_prefix("content-length: ").map(str::to_owned)
                })
                .and_then(|v| v.trim().parse().ok())
                .expect("a content length");
            if body.len() >= length {
                let status = head[9..12].parse().expect("a status");
                return (status, body.to_owned());
            }
        }
    }

    async fn boom() -> &'static str {
        panic!("a handler's bug")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_handler_that_panics_answers_500_and_its_connection_serves_the_next_request() {
        let places = [Handlers::OnConnectionThreads, Handlers::On(tokio::runtime::Handle::current())];
        for handlers in places {
            let router = Router::new().route("/boom", get(boom)).route("/fine", get(|| async { "fine" }));
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let addr = listener.local_addr().expect("address");
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            let front: Front = Arc::new(|_| None);
            let server =
                tokio::spawn(serve(listener, router, front, handlers.clone(), Limits::default(), async {
                    let _ = stopped.await;
                }));
            let mut stream = TcpStream::connect(addr).await.expect("connect");
            let (status, body) = get_on(&mut stream, "/boom").await;
            assert_eq!(status, 500, "{handlers:?}");
            assert_eq!(body, "The server could not answer this request.", "{handlers:?}");
            assert_eq!(get_on(&mut stream, "/fine").await, (200, "fine".to_owned()), "{handlers:?}");
            drop(stream);
            let _ = stop.send(());
            server.await.expect("the server task").expect("served");
        }
    }
}
