//! `deploy/portico.service` passes systemd's own checks (`systemd-analyze verify`, which needs
//! no running systemd), pointed at the binary this build made, and its stop timeout leaves the
//! drain its time. `systemd-analyze` comes with Debian's `systemd` package, which
//! `scripts/test-services` installs.

use std::path::{Path, PathBuf};
use std::process::Command;

const PORTICO: &str = env!("CARGO_BIN_EXE_portico");
const INSTALLED: &str = "/usr/local/bin/portico";

fn unit() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/portico.service");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The values of `key=` in the unit, in order.
fn values(unit: &str, key: &str) -> Vec<String> {
    unit.lines()
        .filter_map(|line| line.trim().strip_prefix(key)?.strip_prefix('=').map(str::to_owned))
        .collect()
}

/// Runs `systemd-analyze verify` on `unit` saved as `portico.service`: (success, what it said).
fn verify(unit: &str) -> (bool, String) {
    let dir = tempfile::tempdir().expect("folder");
    let path: PathBuf = dir.path().join("portico.service");
    std::fs::write(&path, unit).expect("write the unit");
    let output = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()
        .expect("systemd-analyze runs (scripts/test-services installs Debian's systemd)");
    let said =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), said)
}

#[test]
fn the_unit_passes_systemds_checks_without_a_warning() {
    let unit = unit();
    assert!(unit.contains(&format!("ExecStart={INSTALLED} serve ")), "runs the installed binary");
    // verify refuses an ExecStart binary that is not there: point a copy at this build's.
    let (ok, said) = verify(&unit.replace(INSTALLED, PORTICO));
    // Unknown keys and bad values are only warnings to verify, with a zero exit: none allowed.
    assert!(ok && said.trim().is_empty(), "systemd-analyze verify: {said}");
}

#[test]
fn the_check_catches_a_broken_unit() {
    // The test above would fail on these: verify's warnings are read, not only its status.
    let unit = unit().replace(INSTALLED, PORTICO);
    let (_, said) = verify(&unit.replace("ProtectSystem=strict", "ProtectSystem=stricter"));
    assert!(said.contains("ProtectSystem") || said.contains("protect system"), "{said}");
    let (ok, said) = verify(&unit.replace(PORTICO, "/no/such/portico"));
    assert!(!ok, "a missing binary fails: {said}");
}

#[test]
fn the_stop_timeout_outlasts_the_drain_and_every_flag_exists() {
    let unit = unit();
    let exec = values(&unit, "ExecStart");
    assert_eq!(exec.len(), 1, "{exec:?}");
    let args: Vec<&str> = exec[0].split_whitespace().collect();
    let drain: u64 = args
        .windows(2)
        .find(|pair| pair[0] == "--drain-timeout")
        .map(|pair| pair[1].parse().expect("seconds"))
        .expect("ExecStart sets --drain-timeout");
    let stop: u64 = values(&unit, "TimeoutStopSec")
        .first()
        .and_then(|v| v.parse().ok())
        .expect("TimeoutStopSec in seconds");
    assert!(stop > drain, "systemd waits {stop} s, the drain may take {drain} s");

    let help = Command::new(PORTICO).args(["serve", "--help"]).output().expect("portico serve --help");
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in args.iter().filter(|a| a.starts_with("--")) {
        assert!(help.contains(&format!("{flag} ")), "portico serve knows {flag}");
    }
    for hardening in ["NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "Restart=on-failure"] {
        assert!(unit.lines().any(|l| l.trim() == hardening), "{hardening}");
    }
    assert_eq!(
        values(&unit, "ReadWritePaths"),
        values(&unit, "WorkingDirectory"),
        "writes its data folder only"
    );
}
