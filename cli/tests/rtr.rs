//! `routeguard rtr dump`, `rtr sync` and `--rtr HOST:PORT` against the
//! real StayRTR 0.5.1 serving its own small test file (19 VRPs, 3 router
//! keys, 2 ASPAs): the dump in every export format equals `vrps convert`
//! of the same data, `--version 1` and `0` drop what those versions cannot
//! carry, `rtr sync` rewrites its file after a reload, `validate --rtr` and
//! `path check --rtr` answer as with `--vrps FILE`; and a closed port or a
//! bad option gives exit 2 without any server.
//!
//! The StayRTR tests need `stayrtr` (Debian package) and the shared data:
//! they skip outside CI when either is missing, and fail under `CI=true`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../core/tests/common/mod.rs"]
mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::stayrtr::{self, StayRtr};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_routeguard");

/// Every export format `vrps convert --to` and `rtr dump --format` write.
const FORMATS: [&str; 5] = ["rpki-client-json", "json", "csv", "openbgpd", "bird2"];

/// Runs the binary with `args`, feeding `stdin`.
fn rg(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn routeguard");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // The binary may exit early (errors) and close its end.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts a successful run and returns its stdout.
fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Asserts exit status 2 with one `routeguard: error:` line; returns it.
fn fails(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout: {} stderr: {}",
        String::from_utf8_lossy(&o.stdout),
        stderr(o)
    );
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("routeguard: error: "), "{err}");
    err
}

/// StayRTR's own small test file in its layout, without the `expires`
/// dates (StayRTR drops payloads whose date has passed).
fn small_cache() -> Option<Value> {
    let small = common::read_data("formats/stayrtr/cmd_stayrtr_test.rpki.json")?;
    let mut d: Value = serde_json::from_slice(&small).unwrap();
    for list in ["roas", "bgpsec_keys"] {
        for x in d[list].as_array_mut().into_iter().flatten() {
            x.as_object_mut().unwrap().remove("expires");
        }
    }
    for afi in ["ipv4", "ipv6"] {
        for x in d["provider_authorizations"][afi]
            .as_array_mut()
            .into_iter()
            .flatten()
        {
            x.as_object_mut().unwrap().remove("expires");
        }
    }
    Some(d)
}

/// A StayRTR serving the small file (also written as `cache.json` in the
/// returned directory, for `--vrps`), or `None` when the peer or the data
/// is missing (outside CI).
fn server(tag: &str, extra: &[&str]) -> Option<(StayRtr, PathBuf, Value)> {
    let bin = stayrtr::binary()?;
    let data = small_cache()?;
    let dir = stayrtr::temp_dir(&format!("cli-{tag}"));
    let cache = dir.join("cache.json");
    std::fs::write(&cache, serde_json::to_vec(&data).unwrap()).unwrap();
    let s = StayRtr::start(&bin, &cache, extra);
    Some((s, dir, data))
}

/// (prefix, maxLength, asn) of an rpki-client (or StayRTR) JSON `roas`.
fn roa_keys(d: &Value) -> BTreeSet<(String, u64, u64)> {
    d["roas"]
        .as_array()
        .unwrap()
        .iter()
        .map(stayrtr::roa_key)
        .collect()
}

/// (asn, ski, pubkey) of rpki-client JSON `bgpsec_keys`; the SKI upper
/// case (StayRTR's file has it in lower case, routeguard writes upper case
/// as rpki-client does).
fn router_keys(d: &Value) -> BTreeSet<(u64, String, String)> {
    d["bgpsec_keys"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|k| {
            (
                k["asn"].as_u64().unwrap(),
                k["ski"].as_str().unwrap().to_ascii_uppercase(),
                k["pubkey"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// customer → providers of ASPAs (`aspas` of rpki-client JSON, or every
/// AFI list of StayRTR's `provider_authorizations`), merged per customer.
fn aspas(d: &Value) -> BTreeSet<(u64, BTreeSet<u64>)> {
    let mut lists: Vec<&Value> = d["aspas"].as_array().into_iter().flatten().collect();
    for afi in ["ipv4", "ipv6"] {
        lists.extend(
            d["provider_authorizations"][afi]
                .as_array()
                .into_iter()
                .flatten(),
        );
    }
    let mut by: std::collections::BTreeMap<u64, BTreeSet<u64>> = Default::default();
    for a in lists {
        let providers = a["providers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_u64().unwrap());
        by.entry(a["customer_asid"].as_u64().unwrap())
            .or_default()
            .extend(providers);
    }
    by.into_iter().collect()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn dump_gives_the_cache_data_in_every_format() {
    let Some((server, dir, data)) = server("dump", &[]) else {
        return;
    };
    let addr = server.addr.to_string();
    // rpki-client JSON (the default): the file's VRPs, router keys and
    // ASPAs, with no trust anchor, expiry or build time.
    let json = ok(&rg(&["rtr", "dump", "--server", &addr], b""));
    let d = parse(&json);
    assert_eq!(roa_keys(&d), roa_keys(&data));
    assert_eq!(roa_keys(&d).len(), 19);
    assert_eq!(router_keys(&d), router_keys(&data));
    assert_eq!(router_keys(&d).len(), 3);
    assert_eq!(aspas(&d), aspas(&data));
    assert_eq!(aspas(&d).len(), 2);
    assert!(d["metadata"].get("buildtime").is_none(), "{json}");
    assert!(d["roas"][0].get("ta").is_none(), "{json}");
    // Every format is what `vrps convert` makes of the same data.
    let dumped = dir.join("dumped.json");
    std::fs::write(&dumped, &json).unwrap();
    for f in FORMATS {
        let direct = ok(&rg(&["rtr", "dump", "--server", &addr, "--format", f], b""));
        let converted = ok(&rg(
            &[
                "vrps",
                "convert",
                "--input",
                dumped.to_str().unwrap(),
                "--to",
                f,
            ],
            b"",
        ));
        assert_eq!(direct, converted, "{f}");
    }
    // CSV: the source file's rows, trust anchor N/A.
    let csv = ok(&rg(&["rtr", "dump", "--server", &addr, "-f", "csv"], b""));
    let source = ok(&rg(
        &[
            "vrps",
            "convert",
            "--input",
            dir.join("cache.json").to_str().unwrap(),
            "--to",
            "csv",
        ],
        b"",
    ));
    let rows = |text: &str| -> BTreeSet<String> {
        text.lines()
            .skip(1)
            .map(|l| format!("{},N/A", l.rsplit_once(',').unwrap().0))
            .collect()
    };
    assert_eq!(rows(&csv), rows(&source));
    assert_eq!(rows(&csv).len(), 19);
    assert!(csv.starts_with("ASN,IP Prefix,Max Length,Trust Anchor\n"));
    // -o writes the file (compressed by its extension).
    let out = dir.join("dump.csv.gz");
    let o = rg(
        &[
            "rtr",
            "dump",
            "--server",
            &addr,
            "-f",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert!(ok(&o).is_empty());
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&out).unwrap()),
        &mut text,
    )
    .unwrap();
    assert_eq!(text, csv);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn older_versions_carry_less() {
    let Some((server, dir, data)) = server("versions", &[]) else {
        return;
    };
    let addr = server.addr.to_string();
    // Version 1 (RFC 8210): no ASPAs.
    let d = parse(&ok(&rg(
        &["rtr", "dump", "--server", &addr, "--version", "1"],
        b"",
    )));
    assert_eq!(roa_keys(&d), roa_keys(&data));
    assert_eq!(router_keys(&d), router_keys(&data));
    assert!(aspas(&d).is_empty());
    // Version 0 (RFC 6810): no router keys either.
    let d = parse(&ok(&rg(
        &["rtr", "dump", "--server", &addr, "--version", "0"],
        b"",
    )));
    assert_eq!(roa_keys(&d), roa_keys(&data));
    assert!(router_keys(&d).is_empty());
    assert!(aspas(&d).is_empty());
    // No version 3.
    let o = rg(&["rtr", "dump", "--server", &addr, "--version", "3"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--version"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Waits for `child` up to `limit`; kills it and panics after that.
fn wait_for(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("routeguard still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls `path` until `done` holds for its parsed JSON, up to `limit`.
fn poll_json(path: &Path, limit: Duration, done: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            // The file is replaced whole: any version of it parses.
            let d = parse(&text);
            if done(&d) {
                return d;
            }
        }
        assert!(
            start.elapsed() < limit,
            "{} not as expected after {limit:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sync_rewrites_the_file_after_each_update() {
    let Some((server, dir, data)) = server("sync", &[]) else {
        return;
    };
    let addr = server.addr.to_string();
    let out = dir.join("out").join("vrps.json");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let mut child = Command::new(BIN)
        .args(["rtr", "sync", "--server", &addr, "--output"])
        .arg(&out)
        .args(["--updates", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The first full load.
    let first = poll_json(&out, Duration::from_secs(60), |d| {
        roa_keys(d) == roa_keys(&data)
    });
    assert_eq!(aspas(&first), aspas(&data));
    assert_eq!(router_keys(&first), router_keys(&data));
    // A new cache file: three ROAs gone, one new, one ASPA gone.
    let mut next = data.clone();
    let roas = next["roas"].as_array_mut().unwrap();
    roas.truncate(roas.len() - 3);
    roas.push(serde_json::json!({"asn": 64500, "prefix": "198.51.100.0/24", "maxLength": 24}));
    for afi in ["ipv4", "ipv6"] {
        next["provider_authorizations"][afi]
            .as_array_mut()
            .unwrap()
            .retain(|a| a["customer_asid"] != 15562);
    }
    server.reload(&serde_json::to_vec(&next).unwrap());
    let status = wait_for(&mut child, Duration::from_secs(60));
    let o = child.wait_with_output().unwrap();
    let log = stderr(&o);
    assert!(status.success(), "{log}");
    assert!(o.stdout.is_empty());
    let d = parse(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(roa_keys(&d), roa_keys(&next));
    assert_eq!(roa_keys(&d).len(), 17);
    assert_eq!(aspas(&d), aspas(&next));
    assert_eq!(aspas(&d).len(), 1);
    // One line per event.
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(
        lines[0].starts_with(&format!("routeguard: rtr: connected to {addr} (version 2)")),
        "{log}"
    );
    // 19 VRPs, 3 router keys, 2 customers × 2 AFIs of ASPA PDUs.
    assert!(
        lines[1].starts_with("routeguard: rtr: reset: +26 -0, session "),
        "{log}"
    );
    assert!(
        lines[1].contains("; 19 VRPs, 2 ASPAs, 3 router keys -> "),
        "{log}"
    );
    assert!(
        lines[2].starts_with("routeguard: rtr: serial update: +1 -5, session "),
        "{log}"
    );
    assert!(
        lines[2].contains("; 17 VRPs, 1 ASPA, 3 router keys -> "),
        "{log}"
    );
    // Nothing left behind but the file.
    let names: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["vrps.json"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--max-age`: StayRTR polls every hour, so data older than 400 ms
/// expires: the file is emptied, the client reconnects, resets, and
/// writes the data again.
#[test]
fn sync_max_age_empties_the_file_then_reloads() {
    let Some((server, dir, data)) = server("max-age", &[]) else {
        return;
    };
    let addr = server.addr.to_string();
    let out = dir.join("vrps.json");
    let o = Command::new(BIN)
        .args(["rtr", "sync", "--server", &addr, "--output"])
        .arg(&out)
        .args(["--max-age", "400ms", "--updates", "2"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let log = stderr(&o);
    assert!(o.status.success(), "{log}");
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines[1].starts_with("routeguard: rtr: reset: "), "{log}");
    assert!(
        lines[2].starts_with("routeguard: rtr: the data expired (no update within"),
        "{log}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("routeguard: rtr: reset: "),
        "{log}"
    );
    let d = parse(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(roa_keys(&d), roa_keys(&data));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sync_quiet_csv_and_reconnect_after_a_restart() {
    let Some((mut server, dir, data)) = server("restart", &["-rtr.retry", "1"]) else {
        return;
    };
    let addr = server.addr.to_string();
    let out = dir.join("vrps.csv");
    let mut child = Command::new(BIN)
        .args([
            "--quiet", "rtr", "sync", "-f", "csv", "--server", &addr, "-o",
        ])
        .arg(&out)
        .args(["--updates", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !out.exists() {
        assert!(start.elapsed() < Duration::from_secs(60), "no first write");
        std::thread::sleep(Duration::from_millis(50));
    }
    // A restart with other data: the client's session is gone, it
    // reconnects (after a backoff capped by the cache's 1 s retry
    // interval) and resets.
    let mut next = data.clone();
    next["roas"].as_array_mut().unwrap().truncate(5);
    std::fs::write(dir.join("cache.json"), serde_json::to_vec(&next).unwrap()).unwrap();
    server.restart();
    let status = wait_for(&mut child, Duration::from_secs(60));
    let o = child.wait_with_output().unwrap();
    assert!(status.success(), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "--quiet: {}", stderr(&o));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 1 + 5, "{csv}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Routes covering every state of the small file's VRPs.
const ROUTES: &str = "\
1.0.0.0/24 13335
1.0.0.0/24 64500
1.0.4.0/24 38803
1.0.4.0/25 38803
1.0.5.0/24 38803
192.0.2.0/24 1
203.0.113.0/24 64500
2001:610::/32 1103
2001:610::/48 1103
2001:610::/49 1103
2800:40::/48 16814
";

#[test]
fn validate_and_path_check_with_rtr_answer_as_with_the_file() {
    let Some((server, dir, _)) = server("validate", &[]) else {
        return;
    };
    let addr = server.addr.to_string();
    let cache = dir.join("cache.json");
    let cache = cache.to_str().unwrap();
    let by_file = ok(&rg(&["validate", "--vrps", cache], ROUTES.as_bytes()));
    let by_rtr = ok(&rg(&["validate", "--rtr", &addr], ROUTES.as_bytes()));
    assert_eq!(by_rtr, by_file);
    let states: Vec<&str> = by_rtr
        .lines()
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert!(states.contains(&"valid"), "{by_rtr}");
    assert!(states.contains(&"invalid"), "{by_rtr}");
    assert!(states.contains(&"not-found"), "{by_rtr}");
    // A single query, with the RTR options.
    let o = rg(
        &[
            "validate",
            "--rtr",
            &addr,
            "--rtr-version",
            "1",
            "--rtr-timeout",
            "30s",
            "--rtr-connect-timeout",
            "5",
            "--format",
            "csv",
            "1.0.4.0/25",
            "38803",
        ],
        b"",
    );
    assert_eq!(ok(&o), "1.0.4.0/25,AS38803,invalid,length\n");
    // path check: origin validation from the cache.
    let paths = "1.0.4.0/24 64496 38803\n1.0.4.0/24 64496 64500\n";
    let by_file = ok(&rg(&["path", "check", "--vrps", cache], paths.as_bytes()));
    let by_rtr = ok(&rg(&["path", "check", "--rtr", &addr], paths.as_bytes()));
    assert_eq!(by_rtr, by_file);
    assert!(by_rtr.contains(",valid,"), "{by_rtr}");
    assert!(by_rtr.contains(",invalid,"), "{by_rtr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_port_is_exit_2_naming_the_server() {
    let port = stayrtr::free_port();
    let server = format!("127.0.0.1:{port}");
    let err = fails(&rg(&["rtr", "dump", "--server", &server], b""));
    assert!(
        err.starts_with(&format!(
            "routeguard: error: rtr://{server}: cannot connect to {server}"
        )),
        "{err}"
    );
    let err = fails(&rg(
        &["validate", "--rtr", &server, "192.0.2.0/24", "64500"],
        b"",
    ));
    assert!(err.contains(&format!("rtr://{server}: ")), "{err}");
    let err = fails(&rg(
        &["irr", "check", "--irr", "/dev/null", "--rtr", &server],
        b"",
    ));
    assert!(err.contains(&format!("rtr://{server}: ")), "{err}");
}

#[test]
fn bad_rtr_arguments_are_exit_2() {
    let usage = |args: &[&str]| {
        let o = rg(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        stderr(&o)
    };
    // --vrps and --rtr exclude each other; validate needs one of them.
    let e = usage(&[
        "validate",
        "--vrps",
        "x.csv",
        "--rtr",
        "127.0.0.1:1",
        "192.0.2.0/24",
        "1",
    ]);
    assert!(e.contains("cannot be used with"), "{e}");
    let e = usage(&["validate", "192.0.2.0/24", "1"]);
    assert!(e.contains("--vrps <FILE>|--rtr <HOST:PORT>"), "{e}");
    // The RTR options need --rtr, and do not go with --vrps.
    let e = usage(&["path", "check", "--rtr-version", "1"]);
    assert!(e.contains("required arguments were not provided"), "{e}");
    assert!(e.contains("--rtr <HOST:PORT>"), "{e}");
    let e = usage(&[
        "validate",
        "--vrps",
        "x.csv",
        "--rtr-version",
        "1",
        "192.0.2.0/24",
        "1",
    ]);
    assert!(e.contains("cannot be used with"), "{e}");
    // filter's RPKI options take either source.
    let e = usage(&["filter", "AS64500", "--rpki-tag"]);
    assert!(e.contains("--rpki-tag"), "{e}");
    let e = usage(&[
        "rtr",
        "dump",
        "--server",
        "127.0.0.1:1",
        "--connect-timeout",
        "0",
    ]);
    assert!(e.contains("more than zero"), "{e}");
    let e = usage(&["rtr", "dump", "--server", "127.0.0.1:1", "--format", "xml"]);
    assert!(e.contains("unknown output format"), "{e}");
    let e = usage(&["rtr", "sync", "--server", "127.0.0.1:1"]);
    assert!(e.contains("--output <FILE>"), "{e}");
    // sync fails before connecting when its file cannot be written.
    let err = fails(&rg(
        &[
            "rtr",
            "sync",
            "--server",
            "127.0.0.1:1",
            "-o",
            "/nonexistent/dir/vrps.json",
        ],
        b"",
    ));
    assert!(err.contains("no directory /nonexistent/dir"), "{err}");
}
