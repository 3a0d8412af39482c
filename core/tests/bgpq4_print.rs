//! bgpq4's prefix-list printers, byte for byte: against the upstream golden
//! files (bgpq4 ~1.16, AS112's prefixes, `Dialect::V1_16`) and against the
//! installed bgpq4 1.9 for random prefix sets given on its command line,
//! over every vendor, generation (`-E`, `-z`) and modifier (`-A`, `-R`,
//! `-r`, `-m`, `-s`, `-l`, `-M`, `-F`).
//!
//! The peer comparison needs the `bgpq4` binary and an IRRd (bgpq4
//! connects even for prefix-only objects): `$ROUTEGUARD_IRRD` or
//! 127.0.0.1:8043. Missing peers skip the test with a message, except under
//! `CI=true`, where they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use routeguard::filter::bgpq4::{Dialect, Expansion, Generation, Options, Vendor};
use routeguard::filter::tree::{object_exit_report, PrefixTree, TreeError};
use routeguard::render::filter::print;
use routeguard::Family;

const AS112_V4: &[&str] = &["192.31.196.0/24", "192.175.48.0/24"];
const AS112_V6: &[&str] = &["2001:4:112::/48", "2620:4f:8000::/48"];

/// An expansion of `objects` as bgpq4's main builds it.
fn expansion(opts: &Options, objects: &[&str]) -> (Expansion, String) {
    let mut tree = PrefixTree::new(opts.family);
    for o in objects {
        tree.insert_object(o, opts.max_len).unwrap();
    }
    let trace = tree.finish(opts.refine, opts.refine_low, opts.aggregate);
    (
        Expansion {
            asns: BTreeSet::new(),
            tree,
        },
        trace,
    )
}

fn render(opts: &Options, objects: &[&str]) -> String {
    let (exp, trace) = expansion(opts, objects);
    trace + &print(opts, &exp)
}

/// The golden files: (file, vendor, family, format, AS112's prefixes?).
fn goldens() -> Vec<(&'static str, Vendor, Family, Option<&'static str>, bool)> {
    let vendors: &[(&str, Vendor, Option<&str>)] = &[
        ("bird", Vendor::Bird, None),
        ("eos", Vendor::Arista, None),
        ("formated", Vendor::Format, Some("%n/%l ")),
        ("huawei", Vendor::Huawei, None),
        ("huawei-xpl", Vendor::HuaweiXpl, None),
        ("ios", Vendor::Cisco, None),
        ("ios-xr", Vendor::CiscoXr, None),
        ("json", Vendor::Json, None),
        ("junos", Vendor::Juniper, None),
        ("openbgpd", Vendor::OpenBgpd, None),
        ("routeros6", Vendor::Mikrotik6, None),
        ("routeros7", Vendor::Mikrotik7, None),
        ("sros", Vendor::Nokia, None),
        ("sros-mdcli", Vendor::NokiaMd, None),
        ("srlinux", Vendor::SrLinux, None),
    ];
    let mut v = Vec::new();
    for (fam, tag) in [(Family::V4, "4"), (Family::V6, "6")] {
        for &(name, vendor, fmt) in vendors {
            let file: &'static str = Box::leak(format!("{name}--{tag}.txt").into_boxed_str());
            v.push((file, vendor, fam, fmt, true));
        }
    }
    v.push(("as112-apnic.txt", Vendor::Cisco, Family::V4, None, false));
    v.push((
        "as112-ripe-nonauth.txt",
        Vendor::Cisco,
        Family::V4,
        None,
        true,
    ));
    v.push((
        "as-as112-apnic-notation.txt",
        Vendor::Cisco,
        Family::V4,
        None,
        false,
    ));
    v.push((
        "as-as112-ripe-notation.txt",
        Vendor::Cisco,
        Family::V4,
        None,
        true,
    ));
    v
}

fn golden_opts(vendor: Vendor, family: Family, fmt: Option<&str>, dialect: Dialect) -> Options {
    Options {
        family,
        vendor,
        dialect,
        sequence: vendor == Vendor::Arista,
        format: fmt.map(str::to_owned),
        ..Options::default()
    }
}

#[test]
fn golden_prefix_lists() {
    let mut differ_in_1_9 = Vec::new();
    let mut n = 0;
    for (file, vendor, family, fmt, full) in goldens() {
        let Some(want) = common::read_text(&format!("irr/bgpq4-reference/{file}")) else {
            return;
        };
        let objects: &[&str] = match (full, family) {
            (false, _) => &[],
            (true, Family::V4) => AS112_V4,
            (true, Family::V6) => AS112_V6,
        };
        let got = render(&golden_opts(vendor, family, fmt, Dialect::V1_16), objects);
        assert_eq!(got, want, "{file}");
        if render(&golden_opts(vendor, family, fmt, Dialect::V1_9), objects) != want {
            differ_in_1_9.push(file);
        }
        n += 1;
    }
    assert_eq!(n, 34);
    // bgpq4 1.9 indents EOS lines by four spaces and writes `dst=` for
    // RouterOS 7 exact prefixes.
    assert_eq!(
        differ_in_1_9,
        [
            "eos--4.txt",
            "routeros7--4.txt",
            "eos--6.txt",
            "routeros7--6.txt"
        ]
    );
}

#[test]
fn empty_lists() {
    // What bgpq4 1.9 prints for an empty expansion (checked by hand against
    // /usr/bin/bgpq4 with an unknown AS).
    let cases: &[(Vendor, Generation, &str)] = &[
        (
            Vendor::Cisco,
            Generation::PrefixList,
            "no ip prefix-list NN\n! generated prefix-list NN is empty\nip prefix-list NN deny 0.0.0.0/0\n",
        ),
        (Vendor::Bird, Generation::PrefixList, ""),
        (
            Vendor::OpenBgpd,
            Generation::PrefixList,
            "# generated prefix-list NN (AS 0) is empty\n# use -a <asn> to generate \"deny from ASN <asn>\" instead of this list\nprefix { \n\t}\n",
        ),
        (
            Vendor::Juniper,
            Generation::ExtAcl,
            "policy-options {\n policy-statement NN { \nreplace:\n  from {\n    route-filter 0.0.0.0/0 orlonger reject;\n  }\n }\n}\n",
        ),
        (
            Vendor::Arista,
            Generation::PrefixList,
            "no ip prefix-list NN\n! generated prefix-list NN is empty\nip prefix-list NN\n   seq 1 deny 0.0.0.0/0\n",
        ),
    ];
    for &(vendor, generation, want) in cases {
        let opts = Options {
            vendor,
            generation,
            sequence: vendor == Vendor::Arista,
            ..Options::default()
        };
        assert_eq!(render(&opts, &[]), want, "{vendor:?} {generation:?}");
    }
    let opts = Options {
        vendor: Vendor::OpenBgpd,
        asn: 64500,
        ..Options::default()
    };
    assert_eq!(
        render(&opts, &[]),
        "# generated prefix-list NN (AS 64500) is empty\ndeny from AS 64500\n"
    );
}

// ---- against the installed bgpq4 1.9 -----------------------------------

fn ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// The IRRd address when both peers are there; `None` (skip) otherwise.
fn peers() -> Option<String> {
    if Command::new("bgpq4").arg("-v").output().is_err() {
        assert!(!ci(), "bgpq4 not installed; required under CI=true");
        eprintln!("SKIP: bgpq4 is not installed");
        return None;
    }
    common::irrd_addr()
}

/// bgpq4's standard output, standard error and exit code.
fn bgpq4(addr: &str, args: &[String]) -> (String, String, i32) {
    let out = Command::new("bgpq4")
        .arg("-h")
        .arg(addr)
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len() as u64) as usize]
    }
}

/// One random case: bgpq4's arguments and our options and objects.
fn random_case(rng: &mut Rng) -> (Vec<String>, Options, Vec<String>) {
    let family = if rng.chance(65) {
        Family::V4
    } else {
        Family::V6
    };
    // (vendor, its flag, allowed generations)
    let vendors: &[(Vendor, &str)] = &[
        (Vendor::Cisco, ""),
        (Vendor::CiscoXr, "-X"),
        (Vendor::Juniper, "-J"),
        (Vendor::Json, "-j"),
        (Vendor::Bird, "-b"),
        (Vendor::OpenBgpd, "-B"),
        (Vendor::Arista, "-e"),
        (Vendor::Mikrotik6, "-K"),
        (Vendor::Mikrotik7, "-K7"),
        (Vendor::Nokia, "-N"),
        (Vendor::NokiaMd, "-n"),
        (Vendor::Huawei, "-U"),
        (Vendor::HuaweiXpl, "-u"),
        (Vendor::Format, "-F"),
    ];
    let (vendor, flag) = rng.pick(vendors);
    let mut gens = vec![Generation::PrefixList];
    match vendor {
        Vendor::Juniper => gens.extend([Generation::ExtAcl, Generation::RouteFilterList]),
        Vendor::Cisco if family == Family::V4 => gens.push(Generation::ExtAcl),
        Vendor::Arista | Vendor::OpenBgpd | Vendor::Nokia | Vendor::NokiaMd => {
            gens.push(Generation::ExtAcl)
        }
        _ => {}
    }
    let generation = rng.pick(&gens);
    let mut args: Vec<String> = vec![if family == Family::V4 { "-4" } else { "-6" }.into()];
    let mut opts = Options {
        family,
        vendor,
        generation,
        dialect: Dialect::V1_9,
        sequence: vendor == Vendor::Arista,
        ..Options::default()
    };
    if !flag.is_empty() {
        args.push(flag.into());
    }
    if vendor == Vendor::Format {
        let f = rng.pick(&[
            "%n/%l ",
            "%n/%l %a-%A %N %m %i%%\\n",
            "\\t%n\\\\%l|%r\\n",
            "[%n/%l^%a-%A]",
            "x%q y\\n",
            // Not "%n\\": bgpq4 reads past the end of a format ending in a
            // backslash (into the next argument): undefined behaviour.
        ]);
        args.push(f.into());
        opts.format = Some(f.into());
    }
    match generation {
        Generation::ExtAcl => args.push("-E".into()),
        Generation::RouteFilterList => args.push("-z".into()),
        _ => {}
    }
    let fixed_list = (vendor == Vendor::Juniper && generation == Generation::PrefixList)
        || (matches!(vendor, Vendor::Nokia | Vendor::NokiaMd)
            && generation != Generation::PrefixList);
    // The address space: 8 random bits after a fixed head, lengths
    // base..=base+8, so that aggregation happens.
    let (base, head): (u8, u128) = match family {
        Family::V4 => (18, 10u128 << 120),
        Family::V6 => (40, 0x2001_0db8u128 << 96),
    };
    let fmax = family.max_len();
    if rng.chance(30) {
        let at_max = rng.chance(20);
        let m = if at_max {
            fmax
        } else {
            base + 2 + rng.below(9) as u8
        };
        args.push("-m".into());
        args.push(m.to_string());
        opts.max_len = Some(m);
    }
    if !fixed_list && rng.chance(50) {
        args.push("-A".into());
        opts.aggregate = 1;
        if rng.chance(10) {
            args.push("-A".into());
            opts.aggregate = 2;
        }
    }
    if !fixed_list && rng.chance(25) {
        let r = base + 1 + rng.below(10) as u8;
        args.push("-R".into());
        args.push(r.to_string());
        opts.refine = Some(r);
    }
    if !fixed_list && rng.chance(20) {
        let top = opts.refine.unwrap_or(base + 10);
        let r = base + rng.below(u64::from(top - base) + 1) as u8;
        args.push("-r".into());
        args.push(r.to_string());
        opts.refine_low = Some(r);
    }
    if matches!(vendor, Vendor::Cisco | Vendor::Arista) && rng.chance(40) {
        args.push("-s".into());
        opts.sequence = true;
    }
    if rng.chance(30) {
        let name =
            if vendor == Vendor::Juniper && generation == Generation::ExtAcl && rng.chance(50) {
                "POL/TERM"
            } else {
                rng.pick(&["foo", "NN", "AS-X_in"])
            };
        args.push("-l".into());
        args.push(name.into());
        opts.name = name.into();
    }
    if vendor == Vendor::Juniper && generation == Generation::ExtAcl && rng.chance(40) {
        let m = "community X";
        args.push("-M".into());
        args.push(m.into());
        opts.match_ = Some(m.into());
    }
    // The objects.
    let few = rng.chance(10);
    let dense = rng.chance(35);
    let count = rng.below(if few {
        2
    } else if dense {
        40
    } else {
        24
    });
    let ranges_ok = opts.max_len.is_some_and(|m| m <= base + 10 || m == fmax);
    let mut objects = Vec::new();
    for _ in 0..count {
        // Dense sets (5 free bits) make sibling ranges, and chains of them.
        let width: u8 = if dense { 5 } else { 8 };
        let len = base + rng.below(u64::from(width) + 1) as u8;
        let bits = head | (u128::from(rng.below(1 << width)) << (128 - u32::from(base + width)));
        let shift = 128 - u32::from(len);
        let bits = if len == 0 {
            0
        } else {
            (bits >> shift) << shift
        };
        let text = routeguard::filter::tree::format_prefix(family, bits, len);
        let text = match rng.below(10) {
            0 if ranges_ok => format!("{text}^+"),
            1 if ranges_ok => format!("{text}^-"),
            2 => {
                let lo = len + rng.below(3) as u8;
                let hi = lo + rng.below(3) as u8;
                format!("{text}^{lo}-{hi}")
            }
            3 => format!("{text}^{}", len + rng.below(2) as u8),
            _ => text,
        };
        // bgpq4 exits on a prefix longer than -m.
        if opts.max_len.is_some_and(|m| m < fmax && len > m) {
            continue;
        }
        objects.push(text);
    }
    // Blocks: a prefix, maybe itself, and most of its more-specifics one to
    // three bits longer (full sibling sets: ranges chained to nodes).
    let blocks = if dense { rng.below(4) } else { 0 };
    for _ in 0..blocks {
        let len = base + rng.below(5) as u8;
        let depth = 1 + rng.below(3) as u8;
        let top = head | (u128::from(rng.below(1 << (len - base))) << (128 - u32::from(len)));
        let mut words = Vec::new();
        if rng.chance(60) {
            words.push((top, len));
        }
        for d in 1..=depth {
            let all = d == depth || rng.chance(30);
            for k in 0..(1u128 << d) {
                if all && rng.chance(90) {
                    words.push((top | (k << (128 - u32::from(len + d))), len + d));
                }
            }
        }
        for (bits, l) in words {
            if opts.max_len.is_some_and(|m| m < fmax && l > m) {
                continue;
            }
            objects.push(routeguard::filter::tree::format_prefix(family, bits, l));
        }
    }
    if objects.is_empty() {
        // bgpq4 needs an object; an AS without routes gives the empty list.
        objects.push("AS4999".into());
    }
    args.extend(objects.iter().cloned());
    (args, opts, objects)
}

#[test]
fn random_lists_match_bgpq4_1_9() {
    let Some(addr) = peers() else { return };
    let mut rng = Rng(1);
    // Three fixed seeds, 400 cases each; $ROUTEGUARD_BGPQ4_SEED adds one.
    let mut seeds = vec![
        0x9e37_79b9_7f4a_7c15u64,
        0x1234_5678_9abc_def1,
        0xdead_beef_cafe_f00d,
    ];
    if let Some(s) = std::env::var("ROUTEGUARD_BGPQ4_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        seeds.push(s);
    }
    let cases = 400 * seeds.len();
    let (mut compared, mut with_sons, mut with_ranges) = (0, 0, 0);
    for case in 0..cases {
        if case % 400 == 0 {
            rng = Rng(seeds[case / 400] | 1);
        }
        let (args, opts, objects) = random_case(&mut rng);
        let (want, err, code) = bgpq4(&addr, &args);
        assert_eq!(code, 0, "case {case}: bgpq4 {args:?} failed: {err}");
        let objs: Vec<&str> = objects
            .iter()
            .map(String::as_str)
            .filter(|o| !o.starts_with("AS"))
            .collect();
        let got = render(&opts, &objs);
        assert_eq!(got, want, "case {case}: bgpq4 {}", args.join(" "));
        compared += 1;
        let (exp, _) = expansion(&opts, &objs);
        if exp.tree.entries().any(|e| e.son > 0) {
            with_sons += 1;
        }
        if exp.tree.entries().any(|e| e.aggregate) {
            with_ranges += 1;
        }
    }
    assert_eq!(compared, cases);
    eprintln!("{compared} cases equal to bgpq4; {with_ranges} with ranges, {with_sons} with chained ranges");
    // The generator reaches the interesting shapes.
    assert!(
        with_sons >= 10 && with_ranges >= cases / 4,
        "{with_sons} {with_ranges}"
    );
}

#[test]
fn object_errors_match_bgpq4_1_9() {
    let Some(addr) = peers() else { return };
    let words = [
        "10.0.0.300/24",
        "10.0.0.0/33",
        "10.0.0.0/2x",
        "2001:db8::/32",
        "10.0.0.1/24",
        "10.0.0.0/8^x",
        "10.0.0.0/8^4",
        "10.0.0.0/8^9-40",
        "10.0.0.0/8^",
        "10.0.0.0/8^9x",
        "10.0.0.0/8^9-",
        "10.0.0.0/8^9-12x",
        "2001:db8::/32^+",
        "x^+",
        "10.0.0.0/8^24-16",
        "010.0.0.0/8",
        "0x0a.1.2.3/32",
        "10.0.0/8",
        "1.2.3.4",
        "10.0.0.0/-1",
        " 10.0.0.0/8",
        "10.0.0.0/",
        "10.0.0.0/8^8",
        "10.0.0.0/12^+",
        "10.0.0.0/12^-",
        "10.0.0.0/11^13",
        "10.0.0.0/4294967304",
        "1.2.3.4/32 trailing",
        "10.0.0.0/255.0.0.0",
    ];
    for m in [None, Some(12u8), Some(32)] {
        for w in words {
            let mut args = vec![];
            if let Some(m) = m {
                args.extend(["-m".to_owned(), m.to_string()]);
            }
            args.push(w.to_owned());
            let (want_out, want_err, code) = bgpq4(&addr, &args);
            let mut tree = PrefixTree::new(Family::V4);
            let res = tree.insert_object(w, m);
            let (err, ok) = match &res {
                Ok(true) => (String::new(), true),
                Ok(false) => (object_exit_report(w), false),
                Err(TreeError::BadObject {
                    reports,
                    exit_report,
                    ..
                }) => (format!("{reports}{exit_report}"), false),
                Err(e) => panic!("{w}: {e}"),
            };
            assert_eq!(err, want_err, "{w} -m {m:?}");
            assert_eq!(code, if ok { 0 } else { 1 }, "{w} -m {m:?}");
            if ok {
                tree.finish(None, None, 0);
                let opts = Options {
                    max_len: m,
                    ..Options::default()
                };
                let exp = Expansion {
                    asns: BTreeSet::new(),
                    tree,
                };
                assert_eq!(print(&opts, &exp), want_out, "{w} -m {m:?}");
            }
        }
    }
}

/// Lists large enough that the printers write their two halves at once
/// (from 16,384 nodes, laid out in preorder by `insert_many`) print the
/// same bytes as the same prefixes inserted one by one (a tree walked by
/// links, printed in one pass): every vendor and generation, with and
/// without `-A`, `-s`.
#[test]
fn large_lists_print_the_same_in_halves() {
    // 24,000 distinct prefixes from /16 to /24 in a few /8s, with runs of
    // siblings so that -A has work (deterministic: a small LCG).
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        x >> 33
    };
    let mut words: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    while words.len() < 24_000 {
        let top = [10u64, 100, 172, 198][(next() % 4) as usize];
        let len = 16 + (next() % 9) as u32;
        let host = ((top << 24) | (next() & 0x00ff_ffff)) as u32;
        let net = host & (u32::MAX << (32 - len));
        if seen.insert((net, len)) {
            words.push(format!("{}/{len}", std::net::Ipv4Addr::from(net)));
        }
    }
    let prefixes: Vec<routeguard::Prefix> = words.iter().map(|w| w.parse().unwrap()).collect();
    for aggregate in [0u8, 1] {
        let mut at_once = PrefixTree::new(Family::V4);
        at_once.insert_many(prefixes.iter().copied()).unwrap();
        assert!(
            at_once.node_count() >= 16_384,
            "{} nodes",
            at_once.node_count()
        );
        let mut by_one = PrefixTree::new(Family::V4);
        for p in &prefixes {
            by_one.insert(*p).unwrap();
        }
        at_once.finish(None, None, aggregate);
        by_one.finish(None, None, aggregate);
        let (at_once, by_one) = (
            Expansion {
                asns: BTreeSet::new(),
                tree: at_once,
            },
            Expansion {
                asns: BTreeSet::new(),
                tree: by_one,
            },
        );
        for vendor in Vendor::ALL {
            for sequence in [false, true] {
                for generation in [Generation::PrefixList, Generation::ExtAcl] {
                    let opts = Options {
                        vendor,
                        sequence,
                        generation,
                        aggregate,
                        format: (vendor == Vendor::Format).then(|| "%n/%l\\n".to_owned()),
                        ..Options::default()
                    };
                    let (a, b) = (print(&opts, &at_once), print(&opts, &by_one));
                    assert!(
                        a == b,
                        "{vendor:?} -s {sequence} {generation:?} -A {aggregate}: outputs differ"
                    );
                    if generation == Generation::PrefixList {
                        assert!(
                            a.lines().count() > 1_000,
                            "{vendor:?}: {} lines",
                            a.lines().count()
                        );
                    }
                }
            }
        }
    }
}
