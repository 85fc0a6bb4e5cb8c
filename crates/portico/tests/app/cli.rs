//! The `portico` binary as an operator meets it: start-up failures name their cause in one
//! line with a non-zero exit, and SIGTERM lets the server finish and exit 0.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const PORTICO: &str = env!("CARGO_BIN_EXE_portico");

/// Runs `portico serve` with `args` and expects it to fail; returns its stderr.
fn failing_serve(args: &[&str]) -> String {
    let output = Command::new(PORTICO)
        .arg("serve")
        .args(args)
        .env_remove("PORTICO_DATABASE")
        .output()
        .expect("run portico");
    assert!(!output.status.success(), "portico serve {args:?} should fail");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    stderr
}

#[test]
fn a_port_in_use_is_named_in_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = taken.local_addr().expect("address").to_string();
    let data = tempfile::tempdir().expect("data");
    let data = data.path().to_str().expect("path");
    let stderr = failing_serve(&["--listen", &address, "--data", data]);
    assert!(stderr.contains(&format!("cannot listen on {address}")), "{stderr}");
    assert!(stderr.to_lowercase().contains("in use"), "{stderr}");
}

#[test]
fn a_data_folder_that_cannot_be_created_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"").expect("file");
    let data = file.join("data");
    let stderr = failing_serve(&["--listen", "127.0.0.1:0", "--data", data.to_str().expect("path")]);
    assert!(stderr.contains("cannot create the data folder"), "{stderr}");
    assert!(stderr.contains("a-file"), "{stderr}");
}

#[test]
fn a_database_that_cannot_be_opened_is_named_without_its_password() {
    let data = tempfile::tempdir().expect("data");
    let data = data.path().to_str().expect("path");
    let stderr = failing_serve(&[
        "--listen",
        "127.0.0.1:0",
        "--data",
        data,
        "--database",
        "sqlite:/no/such/folder/p.db",
    ]);
    assert!(stderr.contains("cannot open the database sqlite:/no/such/folder/p.db"), "{stderr}");

    let stderr = failing_serve(&[
        "--listen",
        "127.0.0.1:0",
        "--data",
        data,
        "--database",
        "postgres://portico:hunter2@127.0.0.1:1/portico",
    ]);
    assert!(
        stderr.contains("cannot open the database postgres://portico:***@127.0.0.1:1/portico"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"));
}

#[test]
fn sigterm_stops_the_server_cleanly_and_settings_come_from_the_environment() {
    let data = tempfile::tempdir().expect("data");
    let mut child = Command::new(PORTICO)
        .arg("serve")
        .env("PORTICO_LISTEN", "127.0.0.1:0")
        .env("PORTICO_DATA", data.path())
        .env_remove("PORTICO_DATABASE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start portico");
    let stdout = child.stdout.take().expect("stdout");
    let url = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| {
            line.split_whitespace()
                .find(|w| w.starts_with("http://"))
                .map(|w| w.trim_end_matches('/').to_owned())
        })
        .expect("the server logs the URL it serves");
    assert!(data.path().join("portico.db").exists(), "SQLite database in the data folder");
    assert!(data.path().join("media").is_dir(), "media folder in the data folder");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let status = runtime
        .block_on(async { reqwest::get(format!("{url}/healthz")).await.expect("health").status().as_u16() });
    assert_eq!(status, 200);

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    // Within the stop timeout of deploy/portico.service (35 s): stopping waits for the
    // background jobs and the search indexer's batch in hand, and once took over 10 s on a
    // machine loaded by a release build's link.
    for _ in 0..300 {
        if let Some(exit) = child.try_wait().expect("wait") {
            assert!(exit.success(), "exit status {exit:?}");
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("portico did not stop within 30 s of SIGTERM");
}
