//! Slow and idle clients are dropped, stalled bodies end their requests, and connections beyond
//! the cap wait their turn: raw TCP against a real server, on SQLite and PostgreSQL.

use crate::support;

use std::time::{Duration, Instant};

use portico::connections::Limits;
use portico::server::Tuning;
use portico_store::testing::TestDb;
use support::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection or `within` passes; returns what was read and
/// whether it closed.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut received = Vec::new();
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return (String::from_utf8_lossy(&received).into_owned(), false),
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&received).into_owned(), true),
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
        }
    }
}

fn tuned(limits: Limits) -> Tuning {
    Tuning { connections: limits, ..Tuning::default() }
}

#[tokio::test]
async fn a_client_trickling_its_headers_or_stalling_its_body_is_dropped_within_the_timeout() {
    let limits = Limits {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    for db in TestDb::each().await {
        let app = TestApp::on_tuned(db, &tuned(limits)).await;
        let mut stream = TcpStream::connect(app.server.addr).await.expect("connect");
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: a").await.expect("write");
        let started = Instant::now();
        // A header line a byte at a time, never finished: the idle timeout alone never fires.
        let trickle = async {
            loop {
                tokio::time::sleep(Duration::from_millis(200)).await;
                if stream.write_all(b"a").await.is_err() {
                    return started.elapsed();
                }
                let mut probe = [0u8; 1];
                match tokio::time::timeout(Duration::from_millis(1), stream.peek(&mut probe)).await {
                    Ok(Ok(0)) | Ok(Err(_)) => return started.elapsed(),
                    _ if started.elapsed() > Duration::from_secs(6) => return started.elapsed(),
                    _ => {}
                }
            }
        };
        let dropped_after = trickle.await;
        assert!(
            dropped_after < Duration::from_secs(3),
            "a trickling client is dropped within the header timeout on {} (after {dropped_after:?})",
            app.backend()
        );

        // A body that stops half way ends its request at the body timeout.
        let mut stream = TcpStream::connect(app.server.addr).await.expect("connect");
        stream
            .write_all(
                b"POST /admin/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=a",
            )
            .await
            .expect("write");
        let started = Instant::now();
        let (response, _) = read_until_closed(&mut stream, Duration::from_secs(6)).await;
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "a stalled body ends within the body timeout on {} ({:?})",
            app.backend(),
            started.elapsed()
        );
        let status = response.split(' ').nth(1).unwrap_or("");
        assert!(status.starts_with('4'), "answered with a client error: {response:?}");

        // A well-behaved client is served as before.
        assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    }
}

#[tokio::test]
async fn idle_connections_are_closed_and_connections_beyond_the_cap_wait_their_turn() {
    let limits = Limits { idle_timeout: Duration::from_secs(1), max_connections: 2, ..Limits::default() };
    for db in TestDb::each().await {
        let app = TestApp::on_tuned(db, &tuned(limits)).await;
        // Two connections that say nothing take both places.
        let mut idle_one = TcpStream::connect(app.server.addr).await.expect("connect");
        let mut idle_two = TcpStream::connect(app.server.addr).await.expect("connect");
        tokio::time::sleep(Duration::from_millis(100)).await;
        let mut third = TcpStream::connect(app.server.addr).await.expect("the kernel queues it");
        third
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .await
            .expect("write");
        let started = Instant::now();
        let (early, _) = read_until_closed(&mut third, Duration::from_millis(500)).await;
        assert_eq!(early, "", "a third connection waits while two are open on {}", app.backend());

        // The idle ones are closed after a second; then the third is served.
        let (_, closed) = read_until_closed(&mut idle_one, Duration::from_secs(3)).await;
        assert!(closed, "an idle connection is closed on {}", app.backend());
        let (_, closed) = read_until_closed(&mut idle_two, Duration::from_secs(3)).await;
        assert!(closed, "{}", app.backend());
        let (response, _) = read_until_closed(&mut third, Duration::from_secs(5)).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{response:?} on {}", app.backend());
        assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
    }
}
