//! `routeguard::filter::bgpq4::args` against the real bgpq4 1.9: the same
//! argument vector must give the same standard output, standard error and
//! exit status. Every command line starts with `-h 127.0.0.1:1`, so one
//! that passes all of bgpq4's checks fails to connect; for those the test
//! only checks that we accept it too, and that what we say bgpq4 wrote to
//! standard error before connecting is what it wrote.
//!
//! Skips with a message when bgpq4 is not installed, except under
//! `CI=true`, where it fails.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command as Proc, Stdio};
use std::time::{Duration, Instant};

use routeguard::filter::bgpq4::args::{
    classify_object, parse_args, Bgpq4Error, Command, ObjectKind, USAGE_TEXT,
};
use routeguard::filter::bgpq4::{Generation, Vendor};

/// The bgpq4 binary (`$ROUTEGUARD_BGPQ4`, else /usr/bin/bgpq4), or `None`
/// after a message outside CI; panics under `CI=true` when absent.
fn bgpq4() -> Option<PathBuf> {
    let p = std::env::var_os("ROUTEGUARD_BGPQ4")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/bgpq4"));
    if p.is_file() {
        return Some(p);
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!(
            "bgpq4 not found at {} (apt-get install bgpq4); required under CI=true",
            p.display()
        );
    }
    eprintln!(
        "SKIP: bgpq4 not found at {} (apt-get install bgpq4 to run this test)",
        p.display()
    );
    None
}

struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    code: i32,
}

/// Runs bgpq4 (named `bgpq4` in its messages) with a 20 s limit.
fn real(bin: &PathBuf, argv: &[String], sources: Option<&str>) -> Outcome {
    let mut cmd = Proc::new(bin);
    cmd.arg0("bgpq4")
        .args(argv)
        .env_remove("POSIXLY_CORRECT")
        .env_remove("IRRD_SOURCES")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(s) = sources {
        cmd.env("IRRD_SOURCES", s);
    }
    let mut child = cmd.spawn().expect("spawn bgpq4");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).unwrap();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).unwrap();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("bgpq4 {argv:?} did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Outcome {
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
        code: status.code().unwrap_or(-1),
    }
}

/// Compares one command line; returns a description of the difference.
fn compare(bin: &PathBuf, args: &[String], sources: Option<&str>) -> Result<(), String> {
    let mut argv = vec!["-h".to_owned(), "127.0.0.1:1".to_owned()];
    argv.extend_from_slice(args);
    let got = real(bin, &argv, sources);
    let ours = parse_args(&argv, sources);
    let show = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match ours {
        Ok(Command::Version(text)) => {
            if got.code != 0 || got.stdout != text.as_bytes() || !got.stderr.is_empty() {
                return Err(format!(
                    "we print the version; bgpq4 exited {} with {:?} / {:?}",
                    got.code,
                    show(&got.stdout),
                    show(&got.stderr)
                ));
            }
        }
        Ok(Command::Run { stderr, .. }) => {
            let connect = b"ERROR:All attempts to connect 127.0.0.1 failed";
            let tried = got.stderr.windows(connect.len()).any(|w| w == connect);
            if !tried || !got.stdout.is_empty() || !got.stderr.starts_with(&stderr) {
                return Err(format!(
                    "we accept (stderr {:?}); bgpq4 exited {} with {:?} / {:?}",
                    show(&stderr),
                    got.code,
                    show(&got.stdout),
                    show(&got.stderr)
                ));
            }
        }
        Err(e) => {
            if got.code != e.exit_code()
                || got.stdout != e.stdout().as_bytes()
                || got.stderr != e.stderr()
            {
                return Err(format!(
                    "we fail with {} ({}, exit {}, {:?}); bgpq4 exited {} with stdout {} bytes / {:?}",
                    e.code(),
                    e,
                    e.exit_code(),
                    show(&e.stderr()),
                    got.code,
                    got.stdout.len(),
                    show(&got.stderr)
                ));
            }
        }
    }
    Ok(())
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

/// Hand-picked command lines (split at spaces; the `-h` is prepended).
const CASES: &[&str] = &[
    // No objects, unknown and unhandled options, missing arguments.
    "",
    "-b",
    "-D AS1",
    "-2 AS1",
    "-3 AS1",
    "-y AS1",
    "-: AS1",
    "--long AS1",
    "AS1 -f",
    "AS1 -W",
    "AS1 -l",
    "-v",
    "-v -y",
    "-y -v",
    "-4 -6 -v",
    "AS1 -v",
    // Families.
    "-4 -6 AS1",
    "-6 -4 AS1",
    "-46 AS1",
    "-6 -6 AS1",
    "-44 AS1",
    // 7 and vendors.
    "-K7 AS1",
    "-K -7 AS1",
    "-7 AS1",
    "-K77 AS1",
    "-J7 AS1",
    "-b -B AS1",
    "-J -j AS1",
    "-KK AS1",
    "-X -N AS1",
    "-n -N AS1",
    "-J -F %n AS1",
    "-F %n -J AS1",
    "-F %n -F %l AS1",
    "-J -U AS1",
    "-U -J AS1",
    "-u -U AS1",
    "-e -X AS1",
    // Generations.
    "-E -t AS1",
    "-f 1 -G 2 AS1",
    "-t -z AS1",
    "-z -E AS1",
    "-H 1 -f 1 AS1",
    // AS numbers.
    "-f 0 AS1",
    "-f -1 AS1",
    "-f 4294836225 AS1",
    "-f 4294836226 AS1",
    "-f 4294967297 AS1",
    "-f 1.5 AS1",
    "-f 1. AS1",
    "-f .5 AS1",
    "-f 65535.65535 AS1",
    "-f 65536.1 AS1",
    "-f 1.65536 AS1",
    "-f 1.5x AS1",
    "-f 12x AS1",
    "-fAS1 AS1",
    "-f112 AS-FOO",
    "-a 0 AS1",
    "-a 5 -B AS1",
    "-G+7 AS1",
    // Numeric options.
    "-r 0 AS1",
    "-R 0 AS1",
    "-R x AS1",
    "-R 4294967296 AS1",
    "-L 0 AS1",
    "-L -1 AS1",
    "-L 4294967296 AS1",
    "-m 0 AS1",
    "-m 33 AS1",
    "-m -1 AS1",
    "-6 -m 129 AS1",
    "-m 32 AS1",
    "-W -1 AS1",
    "-W 4294967295 AS1",
    "-W x -f 1 AS1",
    "-R 33 AS1",
    "-r 33 AS1",
    "-6 -R 129 AS1",
    "-6 -r 129 AS1",
    "-r 24 -R 20 AS1",
    "-r 20 AS1",
    "-R 24 -r 16 AS1",
    // Vendor x generation.
    "-X -t AS1",
    "-X -E AS1",
    "-X -H 1 AS1",
    "-b -G 1 AS1",
    "-b -E AS1",
    "-j -z AS1",
    "-j -H 1 AS1",
    "-F %n -f 1 AS1",
    "-U -t AS1",
    "-U -E AS1",
    "-z AS1",
    "-B -z AS1",
    "-t AS1",
    "-J -t AS1",
    "-A -J AS1",
    "-A -J -E AS1",
    "-A -N -E AS1",
    "-A -n -E AS1",
    "-R 24 -N -E AS1",
    "-r 24 -n -E AS1",
    "-A -f 1 AS1",
    "-A -b -t AS1",
    "-s -J AS1",
    "-s -f 1 AS1",
    "-e -f 1 AS1",
    "-e -s AS1",
    "-R 24 -J AS1",
    "-r 24 -J AS1",
    "-R 24 -f 1 AS1",
    "-r 24 -G 1 AS1",
    "-E -6 AS1",
    "-E -e -6 AS1",
    "-M x AS1",
    "-M x -J AS1",
    "-M x -J -E AS1",
    "-M a\\q -J -E AS1",
    "-M a\\\\b -J -E AS1",
    "-M a\\ -J -E AS1",
    "-6 -f 1 AS1",
    "-6 -w -f 1 AS1",
    "-w AS1",
    "-w -t -b AS1",
    // Objects.
    "AS1x",
    "AS65000",
    "-p AS65000",
    "AS4200000000",
    "AS23456",
    "AS",
    "as-foo rs-bar",
    "AS1:AS-FOO AS1:RS-FOO AS1:FOO",
    "-d AS1:FOO",
    "RIPE::AS1",
    "RIPE::AS-FOO",
    "1.2.3.4/33",
    "10.1.2.3/8",
    "010.0.0.0/8",
    "1.2.3.4/x",
    "1.2.3/24",
    "2001:db8::/32",
    "-6 10.0.0.0/8",
    "-d 2001:db8::/32",
    "-6 2001:db8::/32",
    "-6 2001:db8::/129",
    "-6 2001:db8:::/32",
    "-m 8 10.0.0.0/16",
    "-d -m 8 10.0.0.0/16",
    "10.0.0.0/24^+",
    "10.0.0.0/24^-",
    "10.0.0.0/24^25-26",
    "10.0.0.0/24^28",
    "10.0.0.0/24^20",
    "10.0.0.0/24^25-40",
    "10.0.0.0/24^x",
    "10.0.0.0/24^25x",
    "10.0.0.0/24^",
    "foo^+",
    "-6 10.0.0.0/24^+",
    "-d -m 8 10.0.0.0/9^+",
    "-d 10.0.0.0/24^25-26",
    "-6 2001:db8::/120^121-130",
    "AS1 EXCEPT AS2 EXCEPT foo",
    "EXCEPT",
    "AS1 -- -f 1",
    "-- AS1",
    "-f -- AS1",
    "-",
    "AS1x bad AS65000",
];

#[test]
fn hand_picked_cases_match_bgpq4() {
    let Some(bin) = bgpq4() else { return };
    let mut failures = Vec::new();
    for case in CASES {
        if let Err(e) = compare(&bin, &words(case), None) {
            failures.push(format!("{case:?}: {e}"));
        }
    }
    // Words with spaces and bytes the table cannot hold.
    let special: &[&[&str]] = &[
        &["-M", "a\\\nb", "-J", "-E", "AS1"],
        &["AS 1"],
        &["-f", " 7", "AS1"],
        &["-f", "7 ", "AS1"],
        &[""],
        &["-é", "AS1"],
        &["-fé", "AS1"],
        &["AS1é"],
        &["-S", "RIPE,ARIN", "AS1"],
        &["10.0.0.0/ 8"],
        &["10.0.0.0/"],
        &["  10.0.0.0/8"],
        &["1.2.3.4 junk/8"],
        &["0x0a.0.0.0/8"],
        &["::ffff:1.2.3.4/128", "-6"],
        &["1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1/24"],
    ];
    for case in special {
        let argv: Vec<String> = case.iter().map(|s| s.to_string()).collect();
        if let Err(e) = compare(&bin, &argv, Some("RADB")) {
            failures.push(format!("{argv:?}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        CASES.len() + special.len(),
        failures.join("\n")
    );
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Option letters without arguments (no `2`: the `-n2` extension differs
/// from 1.9 on purpose).
const FLAGS: &[&str] = &[
    "4", "6", "7", "A", "b", "B", "d", "D", "E", "e", "j", "J", "K", "N", "n", "p", "t", "T", "U",
    "u", "w", "X", "s", "z", "q", "v", "3",
];
/// Options with an argument and the arguments to try.
const WITH_ARG: &[(&str, &[&str])] = &[
    ("a", &["1", "0", "65000", "1.5", "x", "4294967295"]),
    ("f", &["112", "0", "1.1", "65536.1", "3x", "-1", "64512"]),
    ("G", &["112", "7", "1.0"]),
    ("H", &["112", "9"]),
    ("F", &["%n/%l", "x"]),
    ("S", &["RIPE", ""]),
    ("l", &["NAME", "x y"]),
    ("L", &["1", "0", "-1", "x"]),
    ("m", &["24", "0", "33", "128", "129", "32"]),
    ("M", &["x", "a\\tb", "a\\q"]),
    ("W", &["0", "3", "-1", "x"]),
    ("r", &["24", "0", "33", "16", "129"]),
    ("R", &["24", "0", "33", "16", "129"]),
];
/// Objects.
const OBJECTS: &[&str] = &[
    "AS-AS112",
    "AS112",
    "AS65000",
    "AS1x",
    "as-foo",
    "RS-FOO",
    "AS1:AS-X",
    "AS1:FOO",
    "RIPE::AS-FOO",
    "10.0.0.0/8",
    "10.0.0.0/33",
    "2001:db8::/32",
    "bad",
    "10.0.0.0/24^+",
    "10.0.0.0/24^26-28",
    "10.0.0.0/24^20",
    "10.0.0.0/25^x",
    "2001:db8::/124^-",
    "EXCEPT",
    "--",
    "-",
    "AS4200000001",
];

fn random_argv(rng: &mut Rng) -> Vec<String> {
    let n = rng.below(7);
    let mut argv = Vec::new();
    for _ in 0..n {
        match rng.below(10) {
            0..=2 => {
                // A cluster of flags, maybe ending in an option with an
                // attached argument.
                let mut w = "-".to_owned();
                for _ in 0..=rng.below(3) {
                    w.push_str(rng.pick(FLAGS));
                }
                if rng.below(4) == 0 {
                    let (o, args) = WITH_ARG[rng.below(WITH_ARG.len())];
                    w.push_str(o);
                    w.push_str(rng.pick(args));
                }
                argv.push(w);
            }
            3..=5 => {
                let (o, args) = WITH_ARG[rng.below(WITH_ARG.len())];
                argv.push(format!("-{o}"));
                if rng.below(12) > 0 {
                    argv.push(rng.pick(args).to_owned());
                }
            }
            _ => argv.push(rng.pick(OBJECTS).to_owned()),
        }
    }
    argv
}

#[test]
fn random_command_lines_match_bgpq4() {
    let Some(bin) = bgpq4() else { return };
    let mut rng = Rng(0x5eed_b9a4);
    let mut failures = Vec::new();
    let mut accepted = 0;
    let total = 800;
    for _ in 0..total {
        let argv = random_argv(&mut rng);
        let sources = (rng.below(4) == 0).then_some("RADB,RIPE");
        if let Err(e) = compare(&bin, &argv, sources) {
            failures.push(format!("{argv:?}: {e}"));
        }
        let mut full = vec!["-h".to_owned(), "127.0.0.1:1".to_owned()];
        full.extend(argv);
        if matches!(parse_args(&full, None), Ok(Command::Run { .. })) {
            accepted += 1;
        }
    }
    eprintln!("{total} random command lines compared, {accepted} accepted");
    assert!(accepted > 10, "the generator should reach bgpq4's connect");
    assert!(
        failures.is_empty(),
        "{} of {total} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The extension: `-n2` is SR Linux; `2` elsewhere is still 1.9's invalid
/// option.
#[test]
fn n2_is_sr_linux() {
    let run = |s: &str| parse_args(&words(s), None);
    for s in ["-n2 AS1", "-n -2 AS1", "-2n AS1 -n"] {
        match run(s) {
            Ok(Command::Run { options, .. }) => assert_eq!(options.vendor, Vendor::SrLinux, "{s}"),
            Err(Bgpq4Error::InvalidOption { option: b'2' }) if s.starts_with("-2") => {}
            other => panic!("{s}: {other:?}"),
        }
    }
    let e = run("-2 AS1").unwrap_err();
    assert_eq!(e.stderr(), b"bgpq4: invalid option -- '2'\n");
    assert_eq!(e.stdout(), USAGE_TEXT);
    assert!(
        matches!(run("-n2 -f 1 AS1"), Ok(Command::Run { options, .. }) if options.as_width == 8 && options.generation == Generation::AsPath)
    );
    assert_eq!(
        run("-n2 -A -E AS1").unwrap_err(),
        Bgpq4Error::NokiaAggregate
    );
}

#[test]
fn objects_are_classified_like_main() {
    let cases = [
        ("EXCEPT", ObjectKind::Except),
        ("AS-FOO", ObjectKind::AsSet),
        ("as-foo", ObjectKind::AsSet),
        ("RIPE::AS-FOO", ObjectKind::AsSet),
        ("AS1:AS-FOO", ObjectKind::AsSet),
        ("RS-FOO", ObjectKind::RouteSet),
        ("AS1:RS-FOO", ObjectKind::RouteSet),
        ("AS1:FOO", ObjectKind::UnknownSubAs),
        ("AS1", ObjectKind::Asn),
        ("RIPE::AS1", ObjectKind::Asn),
        ("AS", ObjectKind::Asn),
        ("10.0.0.0/8", ObjectKind::Prefix),
        ("10.0.0.0/8^+", ObjectKind::Range),
        ("except", ObjectKind::Prefix),
    ];
    for (w, k) in cases {
        assert_eq!(classify_object(w), k, "{w}");
    }
}

#[test]
fn version_text() {
    let Ok(Command::Version(v)) = parse_args(&words("-v"), None) else {
        panic!()
    };
    assert!(v.starts_with("bgpq4 - a versatile utility to generate BGP filters\nversion: 1.9\n"));
}

/// Every error's stable code (the contract; see tests/error_codes.rs).
#[test]
fn error_codes_are_stable() {
    use routeguard::model::Family;
    use Bgpq4Error as E;
    let table: Vec<(E, &str)> = vec![
        (E::InvalidOption { option: b'y' }, "invalid-option"),
        (E::MissingArgument { option: b'f' }, "missing-argument"),
        (E::UnhandledOption { option: b'D' }, "unhandled-option"),
        (E::NoObjects, "no-objects"),
        (E::FamilyExclusive, "family-exclusive"),
        (E::SevenWithoutK, "seven-without-k"),
        (E::InvalidAsn { arg: "0".into() }, "invalid-asn"),
        (
            E::InvalidAsnSymbol {
                symbol: b'x',
                arg: "1x".into(),
            },
            "invalid-asn-symbol",
        ),
        (
            E::InvalidValue {
                option: b'R',
                arg: "0".into(),
            },
            "invalid-value",
        ),
        (
            E::UnsupportedEscape { arg: "\\q".into() },
            "unsupported-escape",
        ),
        (E::GenerationExclusive, "generation-exclusive"),
        (E::VendorExclusive, "vendor-exclusive"),
        (E::XrGeneration, "xr-generation"),
        (E::BirdGeneration, "bird-generation"),
        (E::JsonGeneration, "json-generation"),
        (E::FormatGeneration, "format-generation"),
        (E::HuaweiGeneration, "huawei-generation"),
        (E::RouteFilterListVendor, "route-filter-list-vendor"),
        (E::AsSetVendor, "as-set-vendor"),
        (E::JuniperAggregate, "juniper-aggregate"),
        (E::NokiaAggregate, "nokia-aggregate"),
        (E::NokiaRefine { low: true }, "nokia-refine"),
        (E::AggregateGeneration, "aggregate-generation"),
        (E::SequenceVendor, "sequence-vendor"),
        (E::SequenceGeneration, "sequence-generation"),
        (E::RefineOrder { low: 24, high: 20 }, "refine-order"),
        (
            E::RefineRange {
                low: false,
                value: 33,
                family: Family::V4,
            },
            "refine-range",
        ),
        (
            E::JuniperRefine {
                low: false,
                value: 24,
            },
            "juniper-refine",
        ),
        (
            E::RefineGeneration {
                low: true,
                value: 24,
            },
            "refine-generation",
        ),
        (E::MaxLenRange { value: 33 }, "max-len-range"),
        (E::CiscoIpv6Acl, "cisco-ipv6-acl"),
        (E::MatchVendor, "match-vendor"),
        (E::Ipv6AsPath, "ipv6-as-path"),
        (E::ValidateGeneration, "validate-generation"),
        (
            E::BadPrefix {
                object: "x".into(),
                stderr: Vec::new(),
            },
            "bad-prefix",
        ),
        (
            E::BadRange {
                object: "x".into(),
                stderr: Vec::new(),
            },
            "bad-range",
        ),
        (E::UnknownVendor { vendor: 10 }, "unknown-vendor"),
        (E::AsSetPrinter, "as-set-printer"),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (e, code) in &table {
        assert_eq!(e.code(), *code);
        assert!(seen.insert(*code), "{code} twice");
        assert!(code.split('-').all(|w| !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())));
        assert!(matches!(e.exit_code(), 1 | 255));
        assert!(!e.to_string().is_empty());
    }
}
