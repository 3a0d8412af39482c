//! The one place tests find the shared real-data directory.
//!
//! `$ROUTEGUARD_DATA` if set, else `../shared/data` relative to the workspace
//! root (the checkout sits beside `shared/`). When the data is missing a test
//! skips with a message, except under `CI=true`, where it fails.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

pub mod stayrtr;

/// Whether this is a CI run (`CI=true`): missing peers and data fail there.
pub fn ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// The shared data directory, or `None` (after printing why) when it is
/// absent outside CI. Panics under `CI=true` when it is absent.
pub fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("ROUTEGUARD_DATA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"),
    };
    if dir.join("SOURCES.md").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!(
            "shared data not found at {} (set ROUTEGUARD_DATA); required under CI=true",
            dir.display()
        );
    }
    eprintln!(
        "SKIP: shared data not found at {} (set ROUTEGUARD_DATA to run this test)",
        dir.display()
    );
    None
}

/// A file under the data directory, or `None` when the directory is absent
/// (outside CI). Panics when the directory exists but the file does not.
pub fn data_file(rel: &str) -> Option<PathBuf> {
    let p = data_dir()?.join(rel);
    assert!(p.exists(), "missing data file {}", p.display());
    Some(p)
}

/// Reads a data file, decompressed by `routeguard::io` (gzip, bzip2, xz
/// or zstd, recognised by content).
pub fn read_data(rel: &str) -> Option<Vec<u8>> {
    let p = data_file(rel)?;
    Some(
        routeguard::io::read(&p, &routeguard::io::Limits::default())
            .unwrap_or_else(|e| panic!("{e}")),
    )
}

/// The RIPE RIS rrc06 table of 2010-07-01 as `bgpdump -m` text (641,957
/// routes), the real-data routes of the path tests.
pub const RIS: &str = "bgp/text/ris-rrc06_bview.20100701.0759.bgpdump-m.txt.gz";

/// A data file as UTF-8 text (decompressed), or `None` like [`read_data`].
pub fn read_text(rel: &str) -> Option<String> {
    Some(String::from_utf8(read_data(rel)?).unwrap())
}

/// The shared peers directory (`$ROUTEGUARD_PEERS`, else `peers/` beside the
/// data directory), or `None` outside CI when absent.
pub fn peers_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("ROUTEGUARD_PEERS") {
        Some(d) => PathBuf::from(d),
        None => data_dir()?.join("../peers"),
    };
    if dir.join("irrd/testdb.rpsl").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!(
            "shared peers not found at {} (set ROUTEGUARD_PEERS); required under CI=true",
            dir.display()
        );
    }
    eprintln!("SKIP: shared peers not found at {}", dir.display());
    None
}

/// The address of the IRRd peer started by `scripts/irrd.sh start`
/// (`$ROUTEGUARD_IRRD`, else 127.0.0.1:8043) when something listens there;
/// `None` (after printing why) outside CI; panics under `CI=true`.
pub fn irrd_addr() -> Option<String> {
    use std::net::TcpStream;
    use std::time::Duration;
    let addr = std::env::var("ROUTEGUARD_IRRD").unwrap_or_else(|_| "127.0.0.1:8043".into());
    let up = addr
        .parse()
        .ok()
        .and_then(|a| TcpStream::connect_timeout(&a, Duration::from_secs(2)).ok())
        .is_some();
    if up {
        return Some(addr);
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!("no IRRd at {addr} (set ROUTEGUARD_IRRD or run scripts/irrd.sh start); required under CI=true");
    }
    eprintln!(
        "SKIP: no IRRd listening at {addr} (run scripts/irrd.sh start or set ROUTEGUARD_IRRD)"
    );
    None
}
