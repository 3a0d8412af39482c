//! `routeguard bgpq4` against the real bgpq4 1.9 querying the real IRRd
//! 4.5.4 lab (scripts/irrd.sh loads core/tests/fixtures/filter beside the
//! lab's own sources): for many objects × option sets, routeguard's output
//! over IRRd (whois back end) and over the same files loaded locally
//! (`--irr`) is byte for byte bgpq4's, with the same exit status and the
//! same error lines.
#![cfg(feature = "net")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use routeguard::filter::bgpq4::args::{parse_args, Command as Bgpq4Command};
use routeguard::filter::resolve::{LocalResolver, WhoisResolver};
use routeguard::index::irr::{IrrDb, IrrDbBuilder, SetLimits};
use routeguard::net::whois::WhoisOptions;
use routeguard::parse::rpsl::RpslOptions;
use routeguard::render::filter::{run_bgpq4, Bgpq4Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/filter")
        .join(name)
}

/// The files of the lab, in scripts/irrd.sh's source order.
fn lab_db() -> Option<IrrDb> {
    let peers = common::peers_dir()?;
    let files = [
        ("TESTDB", peers.join("irrd/testdb.rpsl")),
        ("OTHERDB", peers.join("irrd/otherdb.rpsl")),
        ("RIPE", fixture("ripe.rpsl")),
        ("RIPE-NONAUTH", fixture("ripe-nonauth.rpsl")),
        ("APNIC", fixture("apnic.rpsl")),
        ("AFRINIC", fixture("afrinic.rpsl")),
        ("FILTERDB", fixture("filterdb.rpsl")),
    ];
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    for (src, path) in files {
        b.add_text(&std::fs::read(path).unwrap(), Some(src))
            .unwrap();
    }
    Some(b.build())
}

/// The bgpq4 binary, or `None` outside CI when it is not installed.
fn bgpq4() -> Option<&'static str> {
    let ok = Command::new("bgpq4").arg("-v").output().is_ok();
    if ok {
        return Some("bgpq4");
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!("bgpq4 not installed (apt install bgpq4); required under CI=true");
    }
    eprintln!("SKIP: bgpq4 not installed");
    None
}

fn real(addr: &str, argv: &[String]) -> Bgpq4Output {
    let out = Command::new("bgpq4")
        .arg("-h")
        .arg(addr)
        .args(argv)
        .env_remove("IRRD_SOURCES")
        .output()
        .unwrap();
    Bgpq4Output {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// IRRd answers sets in no fixed order, so bgpq4's error lines come in
/// any order: compare them as sorted lines.
fn lines(s: &str) -> Vec<&str> {
    let mut v: Vec<&str> = s.lines().collect();
    v.sort_unstable();
    v
}

const OBJECTS: &[&str] = &[
    "AS112",
    "AS-AS112",
    "RIPE::AS-AS112",
    "APNIC::AS-AS112",
    "AS-TOP",
    "AS-MID AS-LEAF",
    "AS-LOOP1",
    "AS3002:AS-HIER",
    "AS-PRIV",
    "AS-REF",
    "AS-RIPEONLY",
    "AS-EMPTYSET",
    "AS-NOSUCH",
    "RS-FIX",
    "RS-SUB",
    "FILTERDB::RS-FIX",
    "AS3001 AS3004",
    "AS64512",
    "AS-TOP EXCEPT AS-MID",
    "AS-TOP EXCEPT AS3001 AS-LOOP2",
    "AS-A",
    "RS-TEST",
    "20.0.0.0/24 20.0.1.0/24 20.0.2.0/23",
    "AS3006 RS-SUB",
];

const OPTIONS: &[&str] = &[
    "",
    "-6",
    "-A",
    "-6 -A",
    "-S FILTERDB",
    "-S RIPE,FILTERDB",
    "-S FILTERDB,RIPE",
    "-S RIPE-NONAUTH",
    "-S APNIC,AFRINIC",
    "-L 1",
    "-L 2",
    "-p",
    "-T",
    "-R 24",
    "-r 23 -R 25",
    "-m 23",
    "-A -J -E",
    "-b",
    "-j",
    "-X -A",
    "-B -E",
    "-f 112",
    "-G 3001 -p",
    "-t -j",
    "-w -f 3001",
    "-K7",
    "-n -A",
    "-U",
    "-e -6",
    "-l MYLIST -s",
    "-K -f 112",
    "-H 3001",
    "-AA -J -z",
];

// Four tests of a quarter of the objects each, so the test threads share
// the work.
#[test]
fn same_bytes_as_bgpq4_part_1() {
    compare(0);
}

#[test]
fn same_bytes_as_bgpq4_part_2() {
    compare(1);
}

#[test]
fn same_bytes_as_bgpq4_part_3() {
    compare(2);
}

#[test]
fn same_bytes_as_bgpq4_part_4() {
    compare(3);
}

fn compare(part: usize) {
    let objects: Vec<&str> = OBJECTS.iter().copied().skip(part).step_by(4).collect();
    let Some(db) = lab_db() else { return };
    let Some(addr) = common::irrd_addr() else {
        return;
    };
    let Some(_) = bgpq4() else { return };
    let limits = SetLimits::default();
    let mut compared = 0;
    let mut nonempty = 0;
    for obj in &objects {
        for opt in OPTIONS {
            let argv: Vec<String> = opt
                .split_whitespace()
                .chain(obj.split_whitespace())
                .map(str::to_owned)
                .collect();
            let want = real(&addr, &argv);
            let ours_argv: Vec<String> = ["-h", addr.as_str()]
                .iter()
                .map(|s| (*s).to_owned())
                .chain(argv.iter().cloned())
                .collect();
            let (opts, early) = match parse_args(&ours_argv, None) {
                Ok(Bgpq4Command::Run { options, stderr }) => {
                    (options, String::from_utf8(stderr).unwrap())
                }
                Ok(other) => panic!("{argv:?}: {other:?}"),
                Err(e) => {
                    // Refused before connecting: bgpq4 says the same.
                    assert_eq!(e.stdout(), want.stdout, "{argv:?}");
                    assert_eq!(
                        String::from_utf8_lossy(&e.stderr()),
                        want.stderr,
                        "{argv:?}"
                    );
                    assert_eq!(e.exit_code(), want.code, "{argv:?}");
                    compared += 1;
                    continue;
                }
            };
            let mut local = LocalResolver::new(&db);
            let mut offline = run_bgpq4(&opts, &mut local, &limits).unwrap();
            offline.stderr.insert_str(0, &early);
            let mut remote = WhoisResolver::connect(&[&addr], WhoisOptions::default()).unwrap();
            let mut online = run_bgpq4(&opts, &mut remote, &limits).unwrap();
            online.stderr.insert_str(0, &early);
            for (what, got) in [("offline", &offline), ("over IRRd", &online)] {
                assert_eq!(got.stdout, want.stdout, "{what}: bgpq4 {}", argv.join(" "));
                assert_eq!(got.code, want.code, "{what}: bgpq4 {}", argv.join(" "));
                assert_eq!(
                    lines(&got.stderr),
                    lines(&want.stderr),
                    "{what}: bgpq4 {}",
                    argv.join(" ")
                );
            }
            compared += 1;
            nonempty += usize::from(want.stdout.lines().count() > 3);
        }
    }
    assert_eq!(compared, objects.len() * OPTIONS.len());
    assert!(
        nonempty > objects.len() * OPTIONS.len() / 4,
        "{nonempty} non-empty outputs"
    );
    eprintln!("{compared} command lines compared with bgpq4, {nonempty} with non-trivial output");
}
