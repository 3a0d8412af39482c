//! Bogon checks on the RIS rrc06 table of 2010-07-01 (641,957 IPv4 routes)
//! and the Team Cymru format fixture `fixtures/bogon/fullbogons-sample.txt`.
//! Expected counts were computed independently (Python `ipaddress`): 4
//! routes in special-purpose blocks (2 × 192.88.99.0/24, 2 ×
//! 198.51.100.0/24), 68 routes with a bogon ASN, 3,233 longer than /24, no
//! default route, longest path 26. Every route is also checked against a
//! naive linear scan of the blocks.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;

use routeguard::parse::bgp::{route_lines, RouteLine};
use routeguard::parse::bogons::parse_bogon_list;
use routeguard::validate::bogon::{BogonKind, BogonOptions, Bogons};
use routeguard::{Asn, Prefix};

fn ris() -> Option<Vec<RouteLine>> {
    let t = common::read_text(common::RIS)?;
    Some(route_lines(&t).collect::<Result<_, _>>().unwrap())
}

fn fixture() -> Vec<Prefix> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/bogon/fullbogons-sample.txt"
    );
    parse_bogon_list(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn ris_table_counts() {
    let Some(routes) = ris() else { return };
    let b = Bogons::new(BogonOptions::default());
    let mut per_kind: BTreeMap<BogonKind, usize> = BTreeMap::new();
    let mut first: BTreeMap<BogonKind, usize> = BTreeMap::new();
    let mut prefix_entries: BTreeMap<String, usize> = BTreeMap::new();
    let mut multi = 0usize;
    for r in &routes {
        let all = b.check_route(&r.prefix, &r.path);
        let mut kinds: Vec<BogonKind> = all.iter().map(|f| f.kind).collect();
        kinds.dedup();
        multi += kinds.len().saturating_sub(1);
        for k in kinds {
            *per_kind.entry(k).or_default() += 1;
        }
        for f in all.iter().filter(|f| f.kind == BogonKind::BogonPrefix) {
            *prefix_entries.entry(f.entry.clone()).or_default() += 1;
        }
        let fk = b.first_kind(&r.prefix, &r.path);
        assert_eq!(fk, all.first().map(|f| f.kind));
        assert_eq!(b.first(&r.prefix, &r.path).as_ref(), all.first());
        assert_eq!(
            fk,
            b.first_kind_linear(&r.prefix, &r.path),
            "{} {}",
            r.prefix,
            r.path
        );
        if let Some(k) = fk {
            *first.entry(k).or_default() += 1;
        }
    }
    assert_eq!(per_kind.get(&BogonKind::BogonPrefix), Some(&4));
    assert_eq!(per_kind.get(&BogonKind::BogonAsn), Some(&68));
    assert_eq!(per_kind.get(&BogonKind::TooSpecific), Some(&3233));
    assert_eq!(per_kind.get(&BogonKind::DefaultRoute), None);
    assert_eq!(per_kind.get(&BogonKind::LongPath), None);
    assert_eq!(
        prefix_entries,
        BTreeMap::from([
            (
                "192.88.99.0/24 Deprecated (6to4 Relay Anycast) (RFC 7526)".to_owned(),
                2
            ),
            (
                "198.51.100.0/24 Documentation (TEST-NET-2) (RFC 5737)".to_owned(),
                2
            ),
        ])
    );
    // Each flagged route has exactly one first reason.
    assert_eq!(first.values().sum::<usize>(), 4 + 68 + 3233 - multi);
    assert_eq!(first.get(&BogonKind::BogonPrefix), Some(&4));
}

#[test]
fn ris_known_findings() {
    let Some(routes) = ris() else { return };
    let b = Bogons::default();
    let find = |prefix: &str, path: &str| {
        routes
            .iter()
            .find(|r| r.prefix.to_string() == prefix && r.path.to_string() == path)
            .unwrap_or_else(|| panic!("{prefix} {path} not in the table"))
    };
    let r = find(
        "27.248.192.0/19",
        "2497 15412 18101 10201 10201 10201 10201 10201 10201 64512",
    );
    let f = b.first(&r.prefix, &r.path).unwrap();
    assert_eq!(
        f.to_string(),
        "bogon-asn: AS64512 in AS64512-AS65534 Private Use (RFC 6996) [RFC 6996]"
    );
    let r = find("109.73.128.0/21", "4777 2516 12389 23456 196941");
    let f = b.first(&r.prefix, &r.path).unwrap();
    assert_eq!(
        (f.asn, f.list.as_str()),
        (Some(Asn::new(23456)), "RFC 6793")
    );
    let r = find("81.7.210.0/23", "2497 3320 48951 20570 {65300}");
    assert_eq!(
        b.first(&r.prefix, &r.path).unwrap().asn,
        Some(Asn::new(65300))
    );
    let r = find("192.88.99.0/24", "2497 1239");
    let f = b.first(&r.prefix, &r.path).unwrap();
    assert_eq!(
        f.to_string(),
        "bogon-prefix: 192.88.99.0/24 Deprecated (6to4 Relay Anycast) (RFC 7526) [IANA IPv4 Special-Purpose Address Registry]"
    );
    // The longest path: 26 ASNs, long only under a tighter limit.
    let long = routes.iter().max_by_key(|r| r.path.length()).unwrap();
    assert_eq!(long.path.length(), 26);
    let tight = Bogons::new(BogonOptions {
        max_path_len: Some(25),
        ..BogonOptions::default()
    });
    assert!(tight
        .check_route(&long.prefix, &long.path)
        .iter()
        .any(|f| f.kind == BogonKind::LongPath && f.entry == "path length 26"));
}

#[test]
fn fixture_list_on_ris() {
    let list = fixture();
    assert_eq!(list.len(), 9);
    assert_eq!(list[3].to_string(), "27.248.0.0/14");
    let b = Bogons::default().with_list("fullbogons-sample.txt", list.clone());
    let Some(routes) = ris() else { return };
    let mut from_list = 0;
    for r in &routes {
        let all = b.check_route(&r.prefix, &r.path);
        let hit = all.iter().find(|f| f.list == "fullbogons-sample.txt");
        let naive = list
            .iter()
            .filter(|e| e.covers(&r.prefix))
            .max_by_key(|e| e.len());
        assert_eq!(
            hit.map(|f| f.entry.clone()),
            naive.map(Prefix::to_string),
            "{}",
            r.prefix
        );
        from_list += usize::from(hit.is_some());
        assert_eq!(
            b.first_kind(&r.prefix, &r.path),
            b.first_kind_linear(&r.prefix, &r.path)
        );
    }
    let expected = routes
        .iter()
        .filter(|r| list.iter().any(|e| e.covers(&r.prefix)))
        .count();
    assert_eq!(from_list, expected);
    assert!(from_list > 4, "{from_list}");
}

fn operator_fixture(name: &str) -> Vec<Prefix> {
    let path = format!("{}/tests/fixtures/bogon/{name}", env!("CARGO_MANIFEST_DIR"));
    parse_bogon_list(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The built-in blocks cover every entry of the bogon lists operators copy
/// (NLNOG's BGP Filter Guide, OpenBSD's example bgpd.conf; see the
/// fixtures' headers), and every more-specific of each entry too, but for
/// the registry's one globally reachable block inside them (64:ff9b::/96,
/// documented in the module docs).
#[test]
fn operator_bogon_lists() {
    use routeguard::validate::bogon::{builtin_blocks, OPERATOR_LISTS};
    use routeguard::{AsPath, Family};
    let nlnog = operator_fixture("nlnog-bgpfilterguide.txt");
    let openbsd = operator_fixture("openbsd-bgpd-conf.txt");
    assert_eq!((nlnog.len(), openbsd.len()), (27, 25));
    let b = Bogons::default();
    let path = AsPath::parse("3356 3320").unwrap();
    let rows: Vec<_> = [Family::V4, Family::V6]
        .into_iter()
        .flat_map(builtin_blocks)
        .collect();
    let nat64: Prefix = "64:ff9b::/96".parse().unwrap();
    let mut inside_not_bogon = Vec::new();
    for e in nlnog.iter().chain(&openbsd) {
        let row = b
            .builtin_row(e)
            .unwrap_or_else(|| panic!("{e} is not a built-in bogon prefix"));
        assert!(row.prefix().unwrap().covers(e), "{e}: {}", row.block);
        assert_eq!(b.first_kind(e, &path), Some(BogonKind::BogonPrefix), "{e}");
        assert_eq!(b.check_prefix(e).unwrap().kind, BogonKind::BogonPrefix);
        // Every built-in row inside the entry is a bogon too, so every
        // more-specific is: the most specific covering row decides.
        for r in &rows {
            let rp = r.prefix().unwrap();
            if e.covers(&rp) && !r.is_bogon() {
                inside_not_bogon.push((e.to_string(), r.block));
            }
        }
        // A few more-specifics: the first and the last of each longer
        // length in steps.
        let max = if e.is_ipv4() { 32 } else { 128 };
        for len in (e.len()..=max).step_by(7) {
            for q in [first_sub(e, len), last_sub(e, len)] {
                assert!(nat64.covers(&q) || b.is_bogon_prefix(&q), "{q} inside {e}");
            }
        }
    }
    inside_not_bogon.sort();
    inside_not_bogon.dedup();
    assert_eq!(
        inside_not_bogon,
        [("::/8".to_owned(), "64:ff9b::/96")],
        "globally reachable registry rows inside an operator-list entry"
    );
    assert_eq!(b.builtin_row(&nat64), None);
    // The former 6bone: a row of its own, named by the operator lists.
    let sixbone: Prefix = "3ffe::/16".parse().unwrap();
    let f = b.first(&sixbone, &path).unwrap();
    assert_eq!(
        f.to_string(),
        format!("bogon-prefix: 3ffe::/16 Former 6bone (returned) (RFC 3701) [{OPERATOR_LISTS}]")
    );
    assert_eq!(
        b.first_kind_linear(&sixbone, &path),
        Some(BogonKind::BogonPrefix)
    );
    // Its neighbours in 2000::/3 stay routable.
    for ok in ["3ffd::/16", "3fff:1000::/20", "2a00::/12"] {
        assert_eq!(b.first_kind(&ok.parse().unwrap(), &path), None, "{ok}");
    }
}

/// The first (all host bits zero) sub-prefix of `p` of length `len`.
fn first_sub(p: &Prefix, len: u8) -> Prefix {
    Prefix::new_relaxed(p.addr(), len).unwrap()
}

/// The last (all host bits one below `p`'s length) sub-prefix of length `len`.
fn last_sub(p: &Prefix, len: u8) -> Prefix {
    use std::net::IpAddr;
    let addr = match p.addr() {
        IpAddr::V4(a) => {
            let host = if p.len() == 0 {
                u32::MAX
            } else {
                u32::MAX >> p.len()
            };
            IpAddr::V4((u32::from(a) | host).into())
        }
        IpAddr::V6(a) => {
            let host = if p.len() == 0 {
                u128::MAX
            } else {
                u128::MAX >> p.len()
            };
            IpAddr::V6((u128::from(a) | host).into())
        }
    };
    Prefix::new_relaxed(addr, len).unwrap()
}
