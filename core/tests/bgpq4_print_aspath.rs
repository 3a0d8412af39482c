//! bgpq4's as-path (`-f`, `-G`), as-list (`-H`) and as-set (`-t`)
//! printers (`render::filter::aspath`), byte for byte:
//!
//! * against the 10 `*--asp.txt` goldens of bgpq4 1.16 in
//!   `irr/bgpq4-reference` (`AS-AS112 -f 112`, AS-AS112 holding AS112),
//!   with [`Dialect::V1_16`];
//! * against the real bgpq4 1.9 and the loopback IRRd: with ASNs given on
//!   the command line the output depends on the ASN list only, so a seeded
//!   loop over random ASN sets × vendors × `-f`/`-G`/`-H`/`-t` × `-W` ×
//!   `-l` × `-a` × `-p` compares standard output, standard error and the
//!   exit status.
//!
//! The peer test skips with a message when bgpq4 or IRRd is absent outside
//! CI and fails under `CI=true`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command as Proc, Stdio};

use routeguard::filter::bgpq4::args::{
    asn_object, classify_object, parse_args, Command, ObjectKind,
};
use routeguard::filter::bgpq4::{Dialect, Expansion, Options};
use routeguard::filter::tree::PrefixTree;
use routeguard::render::filter::{aspath, print};

fn options(argv: &[&str]) -> (Options, Vec<u8>) {
    let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
    match parse_args(&argv, None) {
        Ok(Command::Run { options, stderr }) => (options, stderr),
        other => panic!("{argv:?}: {other:?}"),
    }
}

/// The ASNs of the ASN objects, as bgpq4 adds them.
fn asns_of(o: &Options) -> BTreeSet<u32> {
    o.objects
        .iter()
        .filter(|w| classify_object(w) == ObjectKind::Asn)
        .filter_map(|w| asn_object(w, o.special_asns).ok())
        .collect()
}

fn expansion(o: &Options, asns: BTreeSet<u32>) -> Expansion {
    Expansion {
        asns,
        tree: PrefixTree::new(o.family),
    }
}

#[test]
fn goldens_of_bgpq4_1_16() {
    let cases: &[(&str, &[&str])] = &[
        ("bird--asp.txt", &["-b"]),
        ("huawei--asp.txt", &["-U"]),
        ("huawei-xpl--asp.txt", &["-u"]),
        ("ios--asp.txt", &[]),
        ("ios-xr--asp.txt", &["-X"]),
        ("json--asp.txt", &["-j"]),
        ("junos--asp.txt", &["-J"]),
        ("openbgpd--asp.txt", &["-B"]),
        ("sros--asp.txt", &["-N"]),
        ("sros-mdcli--asp.txt", &["-n"]),
    ];
    for (file, vendor) in cases {
        let Some(want) = common::read_text(&format!("irr/bgpq4-reference/{file}")) else {
            return;
        };
        let mut argv = vec!["AS-AS112", "-f", "112"];
        argv.extend_from_slice(vendor);
        let (mut o, _) = options(&argv);
        o.dialect = Dialect::V1_16;
        // AS-AS112 holds AS112 alone.
        let e = expansion(&o, [112].into());
        aspath::check_vendor(&o).unwrap();
        assert_eq!(print(&o, &e), want, "{file}");
    }
}

/// The bgpq4 binary, or `None` after a message outside CI.
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
    eprintln!("SKIP: bgpq4 not found at {}", p.display());
    None
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_asn(rng: &mut Rng, own: u32) -> u32 {
    match rng.below(9) {
        0 => own,
        1 => rng.below(100) as u32,
        2 => 64496 + rng.below(1100) as u32, // private and reserved
        3 => 4_200_000_000 + rng.below(94_967_295) as u32,
        4 => 23456,
        5 => 65536 + rng.below(1_000_000) as u32,
        6 => 65535,
        _ => 1 + rng.below(64000) as u32,
    }
}

#[test]
fn random_lists_match_bgpq4_1_9() {
    let Some(bin) = bgpq4() else { return };
    let Some(irrd) = common::irrd_addr() else {
        return;
    };
    let vendors: &[&[&str]] = &[
        &[],
        &["-X"],
        &["-J"],
        &["-j"],
        &["-b"],
        &["-B"],
        &["-N"],
        &["-n"],
        &["-U"],
        &["-u"],
        &["-e"],
        &["-K"],
        &["-K7"],
    ];
    let mut rng = Rng(0xa59a_7b00);
    let total = 600;
    let (mut printed, mut failures) = (0, Vec::new());
    let (mut combos, mut empty, mut unknown) = (BTreeSet::new(), 0, 0);
    for _ in 0..total {
        let own = match rng.below(4) {
            0 => 112,
            1 => 4_200_000_123,
            2 => 65000,
            _ => 1 + rng.below(70000) as u32,
        };
        let mut argv: Vec<String> = vec!["-h".into(), irrd.clone()];
        argv.extend(
            vendors[rng.below(vendors.len() as u64) as usize]
                .iter()
                .map(|s| s.to_string()),
        );
        match rng.below(4) {
            0 => argv.extend(["-f".into(), own.to_string()]),
            1 => argv.extend(["-G".into(), own.to_string()]),
            2 => argv.extend(["-H".into(), own.to_string()]),
            _ => argv.push("-t".into()),
        }
        if rng.below(3) == 0 {
            argv.extend(["-W".into(), rng.below(6).to_string()]);
        }
        if rng.below(4) == 0 {
            argv.extend(["-l".into(), "cust-list".into()]);
        }
        if rng.below(5) == 0 {
            argv.extend(["-a".into(), (1 + rng.below(99999)).to_string()]);
        }
        if rng.below(2) == 0 {
            argv.push("-p".into());
        }
        let n = if rng.below(6) == 0 { 0 } else { rng.below(14) };
        for _ in 0..n {
            argv.push(format!("AS{}", random_asn(&mut rng, own)));
        }
        if n == 0 {
            // bgpq4 needs an object: one it drops without -p.
            argv.push("AS64512".into());
        }
        let got = Proc::new(&bin)
            .arg0("bgpq4")
            .args(&argv)
            .env_remove("IRRD_SOURCES")
            .env_remove("POSIXLY_CORRECT")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let code = got.status.code().unwrap_or(-1);
        let (want_out, want_err, want_code) = match parse_args(&argv, None) {
            Ok(Command::Run { options, stderr }) => match aspath::check_vendor(&options) {
                Ok(()) => {
                    printed += 1;
                    combos.insert(format!("{:?}/{:?}", options.vendor, options.generation));
                    let e = expansion(&options, asns_of(&options));
                    empty += usize::from(e.asns.is_empty());
                    (print(&options, &e).into_bytes(), stderr, 0)
                }
                Err(e) => {
                    unknown += 1;
                    let mut err = stderr;
                    err.extend(e.stderr());
                    (Vec::new(), err, e.exit_code())
                }
            },
            Ok(Command::Version(v)) => (v.into_bytes(), Vec::new(), 0),
            Err(e) => (e.stdout().into_bytes(), e.stderr(), e.exit_code()),
        };
        if got.stdout != want_out || got.stderr != want_err || code != want_code {
            failures.push(format!(
                "{:?}\n  bgpq4 ({code}): {:?} / {:?}\n  ours ({want_code}): {:?} / {:?}",
                &argv[2..],
                String::from_utf8_lossy(&got.stdout),
                String::from_utf8_lossy(&got.stderr),
                String::from_utf8_lossy(&want_out),
                String::from_utf8_lossy(&want_err),
            ));
        }
    }
    eprintln!(
        "{total} as-path command lines compared with bgpq4: {printed} printed ({} vendor/generation \
         pairs, {empty} empty lists), {unknown} unknown-vendor exits",
        combos.len()
    );
    assert!(printed > total / 4, "too few printed: {printed}");
    // 22 pairs have a printer: -f 10, -G 8, -H 1, -t 3.
    assert_eq!(combos.len(), 22, "{combos:?}");
    assert!(empty > 0 && unknown > 0);
    assert!(
        failures.is_empty(),
        "{} of {total} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
