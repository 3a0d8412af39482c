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
