//! Source address validation end to end: customers → prefix sets →
//! configuration text for every platform against golden files under
//! `tests/golden/antispoof/` (`UPDATE_GOLDEN=1` rewrites them); the
//! rendered uRPF read back by routeguard's own configuration reader; the
//! IOS wildcards read back as prefixes; the nftables output checked by
//! `nft -c` when nft is installed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use routeguard::filter::antispoof::audit::audit;
use routeguard::filter::antispoof::{build_sav, Customer, InterfaceSav, PrefixSource, SavVendor};
use routeguard::model::Family;
use routeguard::parse::device::{parse_device_config, ConfigDialect};
use routeguard::parse::sav::UrpfMode;
use routeguard::render::antispoof::{render_nft_urpf, render_sav, SavOutput, SavRenderOptions};
use routeguard::Prefix;

fn p(s: &str) -> Prefix {
    s.parse().unwrap()
}

/// Three customers: dual-stack with siblings and a covered prefix, IPv4
/// only with a host route, and one with no prefix at all.
fn sets(vendor: SavVendor) -> Vec<InterfaceSav> {
    let (a, b, c) = match vendor {
        SavVendor::Ios | SavVendor::Eos => {
            ("GigabitEthernet0/1", "GigabitEthernet0/2.100", "Ethernet3")
        }
        SavVendor::IosXr => ("TenGigE0/0/0/1", "Bundle-Ether1.100", "TenGigE0/0/0/3"),
        SavVendor::Junos => ("xe-0/0/1.100", "xe-0/0/2", "ge-0/0/3.0"),
        SavVendor::SrOs => ("to-cust-a", "to-cust-b", "to-cust-c"),
        _ => ("eth1", "eth2.100", "eth3"),
    };
    build_sav(&[
        Customer::new(
            a,
            PrefixSource::Irr,
            [
                p("192.0.2.0/25"),
                p("192.0.2.128/25"),
                p("192.0.2.64/26"),
                p("2001:db8:100::/48"),
            ],
        ),
        Customer::new(
            a,
            PrefixSource::Rpki,
            [p("2001:db8:101::/48"), p("198.51.100.0/24")],
        ),
        Customer::new(
            b,
            PrefixSource::Observed,
            [p("203.0.113.7/32"), p("203.0.113.64/26")],
        ),
        Customer::new(c, PrefixSource::Manual, []),
    ])
    .unwrap()
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/antispoof")
}

fn golden(name: &str, got: &str) -> Option<String> {
    let path = golden_dir().join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return None;
    }
    let Ok(want) = std::fs::read_to_string(&path) else {
        return Some(format!("{name}: no golden file (run with UPDATE_GOLDEN=1)"));
    };
    if want == got {
        return None;
    }
    let first = want
        .lines()
        .zip(got.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(want.lines().count().min(got.lines().count()));
    Some(format!(
        "{name} differs from its golden file at line {}:\n  want {:?}\n  got  {:?}",
        first + 1,
        want.lines().nth(first),
        got.lines().nth(first)
    ))
}

fn outputs() -> Vec<(String, SavVendor, String)> {
    let mut v = Vec::new();
    for vendor in SavVendor::ALL {
        let s = sets(vendor);
        for (tag, output, hyper) in [
            ("urpf", SavOutput::Urpf, false),
            ("acl", SavOutput::Acl, false),
            ("acl-agg", SavOutput::Acl, true),
        ] {
            let mut o = SavRenderOptions::new(vendor, output);
            o.hyper_aggregate = hyper;
            let text = render_sav(&s, &o).unwrap();
            assert_eq!(text, render_sav(&s, &o).unwrap(), "deterministic");
            v.push((format!("{vendor}-{tag}.txt"), vendor, text));
        }
    }
    v
}

#[test]
fn every_vendor_matches_its_golden_file() {
    let failures: Vec<String> = outputs()
        .iter()
        .filter_map(|(name, _, text)| golden(name, text))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rendered_urpf_reads_back_strict() {
    for (vendor, dialect) in [
        (SavVendor::Ios, ConfigDialect::Ios),
        (SavVendor::IosXr, ConfigDialect::Ios),
        (SavVendor::Eos, ConfigDialect::Ios),
        (SavVendor::Junos, ConfigDialect::Junos),
    ] {
        let s = sets(vendor);
        let text = render_sav(&s, &SavRenderOptions::new(vendor, SavOutput::Urpf)).unwrap();
        let cfg = parse_device_config(text.as_bytes(), dialect).unwrap();
        for set in &s {
            let i = cfg
                .find(&set.interface)
                .unwrap_or_else(|| panic!("{vendor} {}", set.interface));
            for f in set.families() {
                assert_eq!(
                    i.family(f).unwrap().urpf,
                    UrpfMode::Strict,
                    "{vendor} {} {f}",
                    set.interface
                );
            }
            let other = if set.families() == [Family::V4] {
                i.ipv6
            } else {
                None
            };
            assert_eq!(other, None, "{vendor}: no IPv6 for an IPv4-only customer");
        }
        let names: Vec<String> = s.iter().map(|x| x.interface.clone()).collect();
        assert!(
            audit(&cfg, &names).is_empty(),
            "{vendor}: {:?}",
            audit(&cfg, &names)
        );
    }
}

/// Every `permit ip A WILDCARD any` of the IOS ACL read back: the permitted
/// prefixes are exactly the set's.
#[test]
fn ios_wildcards_read_back() {
    for hyper in [false, true] {
        let s = sets(SavVendor::Ios);
        let mut o = SavRenderOptions::new(SavVendor::Ios, SavOutput::Acl);
        o.hyper_aggregate = hyper;
        let text = render_sav(&s, &o).unwrap();
        let mut got = Vec::new();
        for l in text.lines() {
            let w: Vec<&str> = l.split_whitespace().collect();
            if w.first() == Some(&"permit") && w.get(1) == Some(&"ip") {
                let (addr, len) = if w[2] == "host" {
                    (w[3], 32)
                } else {
                    let wild: std::net::Ipv4Addr = w[3].parse().unwrap();
                    let wild = u32::from(wild);
                    assert_eq!(wild & wild.wrapping_add(1), 0, "contiguous wildcard {l}");
                    (w[2], 32 - wild.count_ones() as u8)
                };
                got.push(Prefix::new(addr.parse().unwrap(), len).unwrap());
            }
        }
        let want: Vec<Prefix> = s
            .iter()
            .flat_map(|x| x.prefixes(Family::V4, hyper))
            .collect();
        assert_eq!(got, want);
    }
}

/// `nft -c -f` accepts the Linux outputs (skipped without nft; `-c` may
/// need privileges, so an error about permissions also skips).
#[test]
fn nftables_output_passes_nft_check() {
    let Some(nft) = ["/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"]
        .into_iter()
        .find(|p| Path::new(p).exists())
    else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "nft not installed (apt install nftables); required under CI=true"
        );
        eprintln!("skipped: nft is not installed");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("antispoof-nft");
    std::fs::create_dir_all(&dir).unwrap();
    let s = sets(SavVendor::Linux);
    let mut files = vec![("urpf.nft", render_nft_urpf(&s))];
    for hyper in [false, true] {
        let mut o = SavRenderOptions::new(SavVendor::Linux, SavOutput::Acl);
        o.hyper_aggregate = hyper;
        files.push((
            if hyper { "acl-agg.nft" } else { "acl.nft" },
            render_sav(&s, &o).unwrap(),
        ));
    }
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = std::process::Command::new(nft)
            .arg("-c")
            .arg("-f")
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if !out.status.success()
            && (err.contains("Operation not permitted") || err.contains("Permission denied"))
        {
            eprintln!("skipped: nft -c needs privileges here: {err}");
            return;
        }
        assert!(out.status.success(), "nft -c -f {name}: {err}");
    }
}

#[test]
fn bad_names_are_errors() {
    let s = sets(SavVendor::Ios);
    let mut o = SavRenderOptions::new(SavVendor::Ios, SavOutput::Acl);
    o.name = "bad name".into();
    assert_eq!(render_sav(&s, &o).unwrap_err().code(), "invalid-name");
    let mut bad = s.clone();
    bad[0].interface = "Gi0/1\n no ip verify".into();
    o.name = "SAV".into();
    assert_eq!(
        render_sav(&bad, &o).unwrap_err().code(),
        "invalid-interface"
    );
}

/// The Linux uRPF output is a shell script `sh -n` accepts.
#[test]
fn linux_urpf_is_a_valid_shell_script() {
    let s = sets(SavVendor::Linux);
    let text = render_sav(
        &s,
        &SavRenderOptions::new(SavVendor::Linux, SavOutput::Urpf),
    )
    .unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("antispoof-sh");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("urpf.sh");
    std::fs::write(&path, &text).unwrap();
    let out = std::process::Command::new("sh")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains(&render_nft_urpf(&s)));
}
