//! The prefix-list reader against what bgpq4 prints: the upstream golden
//! files (bgpq4 1.16, every vendor) and the installed bgpq4 1.9 asked the
//! loopback IRRd for aggregated lists (ranges in every vendor's syntax),
//! each read back to the ranges bgpq4's own JSON output says; then the
//! router-only syntax (deny, sequence numbers, set forms) and errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::process::Command;

use routeguard::model::{Family, PrefixRange};
use routeguard::parse::prefix_list::{parse_prefix_list, sniff_prefix_list, PrefixListFormat as F};

fn strs(v: &[PrefixRange]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

#[test]
fn bgpq4_golden_files_read_back() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let dir = dir.join("irr/bgpq4-reference");
    let mut n = 0;
    for (file, fmt) in [
        ("bird", F::Bird),
        ("eos", F::Cisco),
        ("huawei", F::Huawei),
        ("huawei-xpl", F::HuaweiXpl),
        ("ios", F::Cisco),
        ("ios-xr", F::CiscoXr),
        ("json", F::Json),
        ("junos", F::Junos),
        ("openbgpd", F::OpenBgpd),
        ("routeros6", F::Mikrotik),
        ("routeros7", F::Mikrotik),
        ("srlinux", F::SrLinux),
        ("sros", F::Nokia),
        ("sros-mdcli", F::NokiaMd),
    ] {
        for (fam, want) in [
            ("4", ["192.31.196.0/24", "192.175.48.0/24"]),
            ("6", ["2001:4:112::/48", "2620:4f:8000::/48"]),
        ] {
            let path = dir.join(format!("{file}--{fam}.txt"));
            let text = std::fs::read(&path).unwrap();
            assert_eq!(sniff_prefix_list(&text), Some(fmt), "{}", path.display());
            let l = parse_prefix_list(&text, None).unwrap();
            assert_eq!(l.lists.len(), 1, "{}", path.display());
            assert_eq!(l.lists[0].name, "NN");
            assert_eq!(strs(&l.lists[0].ranges), want, "{}", path.display());
            let f = if fam == "4" { Family::V4 } else { Family::V6 };
            assert_eq!(l.lists[0].family, Some(f));
            n += 1;
        }
    }
    assert_eq!(n, 28);
}

/// Runs the installed bgpq4 against the loopback IRRd.
fn bgpq4(addr: &str, args: &[&str]) -> Vec<u8> {
    let o = Command::new("bgpq4")
        .arg("-h")
        .arg(addr)
        .args(args)
        .output()
        .expect("bgpq4 runs");
    assert!(
        o.status.success(),
        "bgpq4 {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

fn bgpq4_present() -> bool {
    let ok = Command::new("bgpq4").arg("-v").output().is_ok();
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("bgpq4 is not installed; required under CI=true");
        }
        eprintln!("SKIP: bgpq4 is not installed");
    }
    ok
}

#[test]
fn bgpq4_aggregated_lists_in_every_vendor_read_like_its_json() {
    if !bgpq4_present() {
        return;
    }
    let Some(addr) = common::irrd_addr() else {
        return;
    };
    let mut compared = 0;
    for fam in ["-4", "-6"] {
        for agg in [
            &["-A"][..],
            &["-A", "-R", "26"],
            &["-r", "25", "-R", "27"],
            &[],
        ] {
            for obj in ["AS-A", "AS-B", "AS-C", "AS65001"] {
                let mut base = vec![fam, "-l", "L1"];
                base.extend_from_slice(agg);
                base.push(obj);
                let json = {
                    let mut a = vec!["-j"];
                    a.extend_from_slice(&base);
                    parse_prefix_list(&bgpq4(&addr, &a), Some(F::Json)).unwrap()
                };
                let want = json.ranges_of("L1");
                let six = fam == "-6";
                let junos_pl_ok = agg.is_empty();
                let mut vendors: Vec<(&[&str], F)> = vec![
                    (&[], F::Cisco),
                    (&["-X"], F::CiscoXr),
                    (&["-b"], F::Bird),
                    (&["-B"], F::OpenBgpd),
                    (&["-B", "-E"], F::OpenBgpd),
                    (&["-e"], F::Cisco),
                    (&["-K"], F::Mikrotik),
                    (&["-K7"], F::Mikrotik),
                    (&["-N"], F::Nokia),
                    (&["-n"], F::NokiaMd),
                    (&["-U"], F::Huawei),
                    (&["-u"], F::HuaweiXpl),
                    (&["-J", "-E"], F::Junos),
                    (&["-J", "-z"], F::Junos),
                ];
                if junos_pl_ok {
                    vendors.push((&["-J"], F::Junos));
                }
                let _ = six;
                for (flags, fmt) in vendors {
                    let mut a: Vec<&str> = flags.to_vec();
                    a.extend_from_slice(&base);
                    let out = bgpq4(&addr, &a);
                    if want.is_empty() && matches!(fmt, F::Bird | F::Mikrotik) {
                        // bgpq4 prints nothing (or a comment) for an empty list.
                        let l = parse_prefix_list(&out, Some(fmt)).unwrap();
                        assert!(l.all_ranges().is_empty());
                        continue;
                    }
                    assert_eq!(
                        sniff_prefix_list(&out),
                        Some(fmt),
                        "bgpq4 {a:?}:\n{}",
                        String::from_utf8_lossy(&out)
                    );
                    let got = parse_prefix_list(&out, None).unwrap_or_else(|e| {
                        panic!("bgpq4 {a:?}: {e}\n{}", String::from_utf8_lossy(&out))
                    });
                    assert_eq!(
                        strs(&got.all_ranges()),
                        strs(&want),
                        "bgpq4 {a:?}:\n{}",
                        String::from_utf8_lossy(&out)
                    );
                    compared += 1;
                }
            }
        }
    }
    eprintln!("{compared} bgpq4 outputs read like its JSON");
    assert!(compared > 300);
}

#[test]
fn router_syntax() {
    let p = |t: &str| parse_prefix_list(t.as_bytes(), None).unwrap();
    // seq order: the deny at 5 comes before the overlapping permit at 10.
    let e = parse_prefix_list(b"ip prefix-list X seq 10 permit 10.0.0.0/8 le 24\nip prefix-list X seq 5 deny 10.1.0.0/16\n", None).unwrap_err();
    assert_eq!((e.line(), e.code()), (2, "invalid-field"));
    // A catch-all deny at the end is fine; `any`; `show` output.
    let l = p("ip prefix-list X: 3 entries\n   seq 5 permit 10.0.0.0/8 ge 16\n   seq 10 deny 0.0.0.0/0 le 32\nipv6 prefix-list X permit any\n");
    assert_eq!(strs(&l.lists[0].ranges), ["10.0.0.0/8^16-32"]);
    assert_eq!(strs(&l.lists[1].ranges), ["::/0^0-128"]);
    // bgpq4's empty IOS list.
    let l = p("no ip prefix-list NN\n! generated prefix-list NN is empty\nip prefix-list NN deny 0.0.0.0/0\n");
    assert!(l.lists[0].ranges.is_empty());
    // Junos set form, route-filters in a policy term.
    let l = p("set policy-options prefix-list PL 192.0.2.0/24\nset policy-options policy-statement PS term T from route-filter 10.0.0.0/8 upto /16\nset policy-options policy-statement PS term T from route-filter 10.0.0.0/8 prefix-length-range /20-/24 accept\nset policy-options route-filter-list RFL 0.0.0.0/0 orlonger reject\n");
    assert_eq!(l.format, Some(F::Junos));
    assert_eq!(strs(&l.ranges_of("PL")), ["192.0.2.0/24"]);
    assert_eq!(
        strs(&l.ranges_of("PS/T")),
        ["10.0.0.0/8^8-16", "10.0.0.0/8^20-24"]
    );
    assert!(l.ranges_of("RFL").is_empty() && l.get("RFL").is_some());
    // BIRD: `+`, `-` (less-specifics), a range below the prefix.
    let l = p("define L = [ 10.0.0.0/8+, 192.0.2.0/24-, 198.51.100.0/24{23,25} ];\n");
    let r = l.ranges_of("L");
    assert!(strs(&r).contains(&"10.0.0.0/8^8-32".to_owned()));
    assert!(strs(&r).contains(&"0.0.0.0/0".to_owned()));
    assert!(strs(&r).contains(&"198.51.100.0/23".to_owned()));
    assert!(strs(&r).contains(&"198.51.100.0/24^24-25".to_owned()));
    assert_eq!(r.len(), 1 + 25 + 2);
    // VyOS rules in any order of their fields.
    let l = p("set policy prefix-list6 V rule 20 le 64\nset policy prefix-list6 V rule 20 prefix 2001:db8::/32\nset policy prefix-list6 V rule 20 action permit\n");
    assert_eq!(strs(&l.ranges_of("V")), ["2001:db8::/32^32-64"]);
    assert_eq!(l.lists[0].family, Some(Family::V6));
    // OpenBGPD operators.
    let l = p("prefix-set P { 10.0.0.0/8 prefixlen >= 24, 11.0.0.0/8 prefixlen 9 >< 12 12.0.0.0/8 or-longer }\n");
    assert_eq!(
        strs(&l.ranges_of("P")),
        ["10.0.0.0/8^24-32", "11.0.0.0/8^10-11", "12.0.0.0/8^8-32"]
    );
}

#[test]
fn errors_name_line_and_column() {
    let cases: [(&str, Option<F>, usize, usize, &str); 7] = [
        (
            "ip prefix-list X permit 10.0.0.0/8\nip prefix-list X permit 10.0.0.0/33\n",
            None,
            2,
            25,
            "invalid-prefix",
        ),
        (
            "ip prefix-list X permit 10.0.0.0/8 ge 4\n",
            None,
            1,
            25,
            "invalid-field",
        ),
        (
            "ip prefix-list X permit 2001:db8::/32\n",
            None,
            1,
            25,
            "invalid-field",
        ),
        (
            "{\"NN\": [\n  {\"prefix\": \"10.0.0.1/8\", \"exact\": true}\n]}",
            None,
            3,
            0,
            "host-bits-set",
        ),
        (
            "policy-options {\n prefix-list X {\n  10.0.0.0/8;\n",
            None,
            4,
            0,
            "syntax",
        ),
        (
            "L = [ 10.0.0.0/8{9,7} ];\n",
            Some(F::Bird),
            1,
            17,
            "invalid-field",
        ),
        ("hello world\n", None, 1, 1, "wrong-document"),
    ];
    for (text, f, line, col, code) in cases {
        let e = parse_prefix_list(text.as_bytes(), f).unwrap_err();
        assert_eq!(e.code(), code, "{text:?}: {e}");
        assert_eq!(e.line(), line, "{text:?}: {e}");
        if col > 0 {
            assert_eq!(e.location.column, col, "{text:?}: {e}");
        }
    }
    assert_eq!(parse_prefix_list(b"# nothing\n\n", None).unwrap().lists, []);
    let e = parse_prefix_list(b"ip prefix-list X permit 10.0.0.0/8\n\xff\n", None).unwrap_err();
    assert_eq!((e.line(), e.code()), (2, "invalid-utf8"));
}
