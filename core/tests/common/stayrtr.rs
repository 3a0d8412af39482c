//! StayRTR 0.5.1 (Debian's `stayrtr` package) as the RTR peer of the
//! tests: started on loopback ports from a JSON cache file the test
//! writes, reloaded with SIGHUP, restarted, killed.
//!
//! Facts it relies on (see the issue-13 notes): StayRTR reads ASPAs only
//! from the legacy `provider_authorizations {ipv4, ipv6}` layout, drops
//! every payload whose `expires` has passed (`-checktime=false` does not
//! stop that), takes its session id from the clock in seconds (so a
//! restart waits more than a second), and installs its SIGHUP handler only
//! after it listens.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

/// The `stayrtr` binary (`$ROUTEGUARD_STAYRTR`, else on `PATH`), or `None`
/// after printing why outside CI; panics under `CI=true`.
pub fn binary() -> Option<PathBuf> {
    let cand = std::env::var_os("ROUTEGUARD_STAYRTR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("PATH").and_then(|p| {
                std::env::split_paths(&p)
                    .map(|d| d.join("stayrtr"))
                    .find(|f| f.is_file())
            })
        });
    if let Some(c) = cand.filter(|c| c.is_file()) {
        return Some(c);
    }
    if super::ci() {
        panic!("stayrtr not found (apt install stayrtr, or set ROUTEGUARD_STAYRTR); required under CI=true");
    }
    eprintln!("SKIP: stayrtr not found (apt install stayrtr, or set ROUTEGUARD_STAYRTR)");
    None
}

/// A free loopback port (bound, then released for the server to take).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A running StayRTR. Killed when dropped.
pub struct StayRtr {
    bin: PathBuf,
    child: Option<Child>,
    /// The RTR address.
    pub addr: SocketAddr,
    metrics: SocketAddr,
    cache: PathBuf,
    extra: Vec<String>,
}

impl StayRtr {
    /// Starts StayRTR serving `cache` (a StayRTR JSON file) with `extra`
    /// flags (e.g. `-protocol 1`), and waits until it serves data.
    pub fn start(bin: &Path, cache: &Path, extra: &[&str]) -> StayRtr {
        let mut s = StayRtr {
            bin: bin.to_owned(),
            child: None,
            addr: SocketAddr::from(([127, 0, 0, 1], free_port())),
            metrics: SocketAddr::from(([127, 0, 0, 1], free_port())),
            cache: cache.to_owned(),
            extra: extra.iter().map(|s| (*s).to_owned()).collect(),
        };
        s.spawn();
        s
    }

    fn spawn(&mut self) {
        let child = Command::new(&self.bin)
            .arg("-bind")
            .arg(self.addr.to_string())
            .arg("-metrics.addr")
            .arg(self.metrics.to_string())
            .arg("-cache")
            .arg(&self.cache)
            .arg("-checktime=false")
            // Reloads only when the test asks (SIGHUP).
            .args(["-refresh", "86400"])
            .args(&self.extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("stayrtr starts");
        self.child = Some(child);
        self.wait_ready(Duration::from_secs(120));
    }

    /// Waits until the RTR port accepts and the metrics say VRPs are
    /// loaded (a Reset Query before that gets "No Data Available").
    fn wait_ready(&mut self, limit: Duration) {
        let start = Instant::now();
        loop {
            if let Some(c) = self.child.as_mut() {
                if let Ok(Some(st)) = c.try_wait() {
                    panic!("stayrtr exited early: {st}");
                }
            }
            let listening =
                TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok();
            if listening && self.metric("rpki_vrps").is_some_and(|n| n > 0.0) {
                return;
            }
            assert!(start.elapsed() < limit, "stayrtr not ready after {limit:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The sum of a Prometheus metric's samples on the metrics port.
    pub fn metric(&self, name: &str) -> Option<f64> {
        let mut s = TcpStream::connect_timeout(&self.metrics, Duration::from_secs(1)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        s.write_all(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n")
            .ok()?;
        let mut body = String::new();
        s.read_to_string(&mut body).ok()?;
        let mut sum = None;
        let (_, text) = body.split_once("\r\n\r\n")?;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((key, value)) = line.rsplit_once(' ') else {
                continue;
            };
            if key == name || key.starts_with(&format!("{name}{{")) {
                *sum.get_or_insert(0.0) += value.parse::<f64>().ok()?;
            }
        }
        sum
    }

    /// Replaces the cache file and makes StayRTR read it now (SIGHUP).
    pub fn reload(&self, json: &[u8]) {
        write_atomic(&self.cache, json);
        let pid = self.child.as_ref().expect("running").id();
        let ok = Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "SIGHUP to stayrtr {pid}");
    }

    /// Kills StayRTR (connections drop at once).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Kills and starts it again on the same ports, after more than a
    /// second so that its clock-derived session id changes.
    pub fn restart(&mut self) {
        self.kill();
        std::thread::sleep(Duration::from_millis(1_100));
        self.spawn();
    }
}

impl Drop for StayRtr {
    fn drop(&mut self) {
        self.kill();
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).expect("write cache");
    std::fs::rename(&tmp, path).expect("rename cache");
}

/// A new empty directory under the system temp dir for one test.
pub fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "routeguard-stayrtr-{tag}-{}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Which AFI lists of `provider_authorizations` get the ASPAs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AspaAfi {
    /// `ipv4` only (one PDU per customer).
    V4,
    /// The same list under `ipv4` and `ipv6` (two PDUs per customer).
    Both,
}

/// An rpki-client JSON export rewritten for StayRTR 0.5.1: `expires`
/// removed everywhere (the shared snapshots' dates have passed), `aspas`
/// moved to `provider_authorizations`, `metadata` reduced to `buildtime`
/// and `vrps`. `drop` removes the ROAs whose (prefix, maxLength, asn) key
/// it holds.
pub fn stayrtr_json(
    rpki_client: &[u8],
    afi: AspaAfi,
    drop: &std::collections::HashSet<(String, u64, u64)>,
) -> Vec<u8> {
    let d: Value = serde_json::from_slice(rpki_client).expect("rpki-client JSON");
    let strip = |v: &Value| -> Value {
        let mut m: Map<String, Value> = v.as_object().cloned().unwrap_or_default();
        m.remove("expires");
        Value::Object(m)
    };
    let roas: Vec<Value> = d["roas"]
        .as_array()
        .expect("roas")
        .iter()
        .filter(|r| !drop.contains(&roa_key(r)))
        .map(strip)
        .collect();
    let keys: Vec<Value> = d["bgpsec_keys"]
        .as_array()
        .map(|a| a.iter().map(strip).collect())
        .unwrap_or_default();
    let aspas: Vec<Value> = d["aspas"]
        .as_array()
        .map(|a| a.iter().map(strip).collect())
        .unwrap_or_default();
    let v6 = if afi == AspaAfi::Both {
        aspas.clone()
    } else {
        Vec::new()
    };
    let out = json!({
        "metadata": {"buildtime": d["metadata"]["buildtime"], "vrps": roas.len()},
        "roas": roas,
        "bgpsec_keys": keys,
        "provider_authorizations": {"ipv4": aspas, "ipv6": v6},
    });
    serde_json::to_vec(&out).expect("JSON")
}

/// A ROA's (prefix, maxLength, asn) key in rpki-client JSON (`asn` as a
/// number or `"AS…"`).
pub fn roa_key(r: &Value) -> (String, u64, u64) {
    let asn = match &r["asn"] {
        Value::Number(n) => n.as_u64().unwrap_or(0),
        Value::String(s) => s.trim_start_matches("AS").parse().unwrap_or(0),
        _ => 0,
    };
    (
        r["prefix"].as_str().unwrap_or("").to_owned(),
        r["maxLength"].as_u64().unwrap_or(0),
        asn,
    )
}

/// The josephine snapshots and the rpkilog diff between them (SOURCES.md).
pub const JOSEPHINE_A: &str = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2";
/// The later snapshot.
pub const JOSEPHINE_B: &str = "vrps/rpki-client_josephine_2025-07-20T100145Z.json.bz2";
/// rpkilog's diff from A to B (10,208 changes, 10,193 of them `expires` only).
pub const JOSEPHINE_DIFF: &str = "vrps/rpkilog_vrpdiff_2025-07-20T100145Z.json.bz2";

/// The ROA keys of B whose only change from A is `expires` (RTR does not
/// carry `expires`, so over RTR they are no change): leaving them out of B
/// turns the A→B serial update into 10,208 real changes.
pub fn expires_only_keys(diff: &[u8]) -> std::collections::HashSet<(String, u64, u64)> {
    let d: Value = serde_json::from_slice(diff).expect("rpkilog diff JSON");
    let mut out = std::collections::HashSet::new();
    for x in d["vrp_diffs"].as_array().expect("vrp_diffs") {
        let (Some(old), Some(new)) = (x.get("old_roa"), x.get("new_roa")) else {
            continue;
        };
        if old.is_null() || new.is_null() {
            continue;
        }
        let (ko, kn) = (roa_key(old), roa_key(new));
        if ko == kn {
            out.insert(kn);
        }
    }
    out
}
