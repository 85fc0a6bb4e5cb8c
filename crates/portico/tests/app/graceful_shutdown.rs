//! Stopping `portico serve` as a supervisor does, with SIGTERM, while a client is in the middle
//! of a request: the process stops taking connections and answers `/readyz` with 503, lets
//! the request in flight finish with its normal answer, and exits 0 — or, past the drain
//! deadline, cuts what is left and still exits 0.
//!
//! The request in flight is an API client sending a release slowly: it asks
//! `Expect: 100-continue`, so the server's "100 Continue" shows that the handler is reading
//! its body before the signal is sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PORTICO: &str = env!("CARGO_BIN_EXE_portico");
/// A bound on waits that only a broken server reaches; no test asserts on speed.
const PATIENCE: Duration = Duration::from_secs(60);

/// Runs a `portico` command on the data folder and returns its standard output.
fn portico(data: &std::path::Path, args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(PORTICO)
        .args(args)
        .arg("--data")
        .arg(data)
        .env_remove("PORTICO_DATABASE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run portico");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let output = child.wait_with_output().expect("portico ends");
    assert!(output.status.success(), "portico {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

/// A server over a data folder holding the demo content and an admin with an API token.
struct Running {
    child: Child,
    addr: SocketAddr,
    token: String,
    _data: tempfile::TempDir,
}

impl Running {
    fn start(extra: &[&str]) -> Running {
        let data = tempfile::tempdir().expect("data folder");
        let email = "ops@example.org";
        portico(
            data.path(),
            &["user", "add", "--email", email, "--role", "admin", "--password-stdin"],
            "a long enough password\n",
        );
        let token = portico(data.path(), &["token", "add", "--email", email], "").trim().to_owned();
        assert!(token.starts_with("ptc_"), "{token}");
        let mut child = Command::new(PORTICO)
            .args(["serve", "--listen", "127.0.0.1:0", "--data"])
            .arg(data.path())
            .args(extra)
            .env_remove("PORTICO_DATABASE")
            .env_remove("PORTICO_DRAIN_TIMEOUT")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start portico");
        let (found, url) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        // Read to the end, or the server would block on a full pipe once the test stops reading.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                    let _ = found.send(url.trim_end_matches('/').to_owned());
                }
            }
        });
        let url = url.recv_timeout(PATIENCE).expect("the server logs the URL it serves");
        let addr = url.trim_start_matches("http://").parse().expect("an address");
        Running { child, addr, token, _data: data }
    }

    /// Sends SIGTERM, as systemd's stop does.
    fn terminate(&self) {
        let killed =
            Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("kill");
        assert!(killed.success());
    }

    fn wait_for_exit(&mut self) -> std::process::ExitStatus {
        let until = Instant::now() + PATIENCE;
        while Instant::now() < until {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("portico did not stop");
    }

    /// Waits until connecting is refused: the listener is closed.
    fn wait_until_refused(&self) {
        let until = Instant::now() + PATIENCE;
        while Instant::now() < until {
            match TcpStream::connect(self.addr) {
                // Still listening; closing at once leaves the server nothing to wait for.
                Ok(stream) => drop(stream),
                Err(err) if err.kind() == std::io::ErrorKind::ConnectionRefused => return,
                Err(err) => panic!("connect: {err}"),
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the listener stayed open after SIGTERM");
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        stream
    }

    /// One GET on its own connection: (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = self.connect();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").expect("send");
        read_response(&mut stream)
    }

    /// Starts `POST /api/v1/releases` of `body`, sends its first `sent` bytes once the server
    /// said "100 Continue", and returns the connection.
    fn start_slow_post(&self, body: &str, sent: usize) -> TcpStream {
        let mut stream = self.connect();
        write!(
            stream,
            "POST /api/v1/releases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
            self.token,
            body.len()
        )
        .expect("send the head");
        let interim = read_head(&mut stream);
        assert!(interim.starts_with("HTTP/1.1 100"), "the handler reads the body: {interim}");
        stream.write_all(&body.as_bytes()[..sent]).expect("send a part of the body");
        stream
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one response head, up to its blank line.
fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0_u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            other => panic!("the head ended early ({other:?}): {}", String::from_utf8_lossy(&head)),
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// Reads a response to the end of the connection: (status, body); status 0 when there was
/// none (a connection reset reads as what came before it).
fn read_response(stream: &mut TcpStream) -> (u16, String) {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, body.to_owned())
}

const RELEASE: &str = r#"{"site": "global", "language": "en", "title": "Sent while the server stops",
    "body_markdown": "A release that was being sent when the node was told to stop."}"#;

#[test]
fn sigterm_lets_the_request_in_flight_finish_and_exits_0() {
    let mut server = Running::start(&["--header-timeout", "120", "--drain-timeout", "120"]);
    assert_eq!(server.get("/livez"), (200, "alive\n".to_owned()));
    assert_eq!(server.get("/readyz"), (200, "ready\n".to_owned()));

    // A prober's connection, accepted before the signal, that sends its question after it.
    // It is accepted before the upload's (the listen queue is first come, first served), and
    // the upload's "100 Continue" shows that one was accepted.
    let mut probe = server.connect();
    probe.write_all(b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n").expect("half a head");
    let mut upload = server.start_slow_post(RELEASE, RELEASE.len() / 2);

    server.terminate();
    server.wait_until_refused();
    assert!(server.child.try_wait().expect("wait").is_none(), "the server waits for the upload");

    probe.write_all(b"\r\n").expect("the rest of the head");
    let (status, reason) = read_response(&mut probe);
    assert_eq!((status, reason.as_str()), (503, "shutting down\n"), "not ready while draining");

    upload.write_all(&RELEASE.as_bytes()[RELEASE.len() / 2..]).expect("the rest of the body");
    let (status, body) = read_response(&mut upload);
    assert_eq!(status, 201, "the request in flight gets its normal answer: {body}");
    let created: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(created["title"], "Sent while the server stops");
    assert_eq!(created["status"], "draft");

    let exit = server.wait_for_exit();
    assert!(exit.success(), "exit status {exit:?}");
}

#[test]
fn a_request_still_running_at_the_drain_deadline_is_cut_and_the_server_still_exits_0() {
    // The body timeout is far beyond the test's patience: only the drain deadline can end it.
    let mut server = Running::start(&["--drain-timeout", "1", "--body-timeout", "3600"]);
    let mut stalled = server.start_slow_post(RELEASE, 10);

    server.terminate();
    let exit = server.wait_for_exit();
    assert!(exit.success(), "exit status {exit:?}");
    let (status, _) = read_response(&mut stalled);
    assert_ne!(status, 201, "the stalled upload was cut, not completed");
}
