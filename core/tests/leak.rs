//! AS relationships and route-leak detection on a hand-made fixture and on
//! real data: the CAIDA 2018-01-01 serial-1 `as-rel` file and the AS paths
//! of the RIS rrc06 2010-07-01 table dump.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, HashMap};
use std::io::BufReader;

use routeguard::index::asrel::{AsRelations, Relation};
use routeguard::parse::asrel::{parse_as_rel, read_as_rel, RelKind, Serial};
use routeguard::validate::leak::{detect_leaks, leak_state, LeakState, LeakType};
use routeguard::{AsPath, Asn};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/asrel");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

#[test]
fn fixture_serial2() {
    let text = fixture("small.as-rel2.txt");
    let d = parse_as_rel(&text).unwrap();
    assert_eq!(d.serial, Some(Serial::Two));
    assert_eq!(d.counts(), (5, 3));
    assert_eq!(d.clique, vec![Asn::new(64496), Asn::new(64497)]);
    assert_eq!(d.ixps, vec![Asn::new(64510)]);
    assert_eq!(d.sources, vec!["bgp".to_string(), "mlp".to_string()]);
    assert_eq!(
        read_as_rel(BufReader::with_capacity(16, text.as_bytes())).unwrap(),
        d
    );
    let rel = AsRelations::new(&d);
    assert_eq!(rel.len(), 8);
    assert_eq!(rel.clique(), &d.clique[..]);
    assert_eq!(
        rel.providers_of(Asn::new(64502)),
        &[Asn::new(64500), Asn::new(64501)]
    );
}

#[test]
fn fixture_paths() {
    let rel = AsRelations::new(&parse_as_rel(&fixture("small.as-rel2.txt")).unwrap());
    let mut n = 0;
    for line in fixture("small.paths.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(';').map(str::trim).collect();
        assert_eq!(f.len(), 4, "{line}");
        let path = AsPath::parse(f[0]).unwrap();
        let recv = (f[1] != "-").then(|| f[1].parse::<Asn>().unwrap());
        let want: LeakState = f[2].parse().unwrap();
        let want_leaks: Vec<(Asn, LeakType)> = f[3]
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let (a, t) = s.split_once(':').unwrap();
                (a.parse().unwrap(), t.parse().unwrap())
            })
            .collect();
        let r = detect_leaks(&rel, &path, recv);
        assert_eq!(r.state, want, "{line}: {r}");
        assert_eq!(leak_state(&rel, &path, recv), want, "{line}");
        let got: Vec<(Asn, LeakType)> = r.leaks.iter().map(|l| (l.leaker, l.kind)).collect();
        assert_eq!(got, want_leaks, "{line}: {r}");
        n += 1;
    }
    assert_eq!(n, 19);
}

/// The 2018-01-01 CAIDA file: counts from its own lines, the clique, the
/// streaming reader, and every record looked up in the index.
#[test]
fn caida_2018() {
    let Some(raw) = common::read_data("asrel/20180101.as-rel.txt.xz") else {
        return;
    };
    let text = String::from_utf8(raw).unwrap();
    let d = parse_as_rel(&text).unwrap();
    assert_eq!(d.serial, Some(Serial::One));
    assert_eq!(d.counts(), (117_703, 143_637));
    assert_eq!(d.clique.len(), 19);
    assert_eq!(
        d.clique.iter().map(|a| a.get()).collect::<Vec<_>>(),
        vec![
            174, 209, 286, 701, 1239, 1299, 2828, 2914, 3257, 3320, 3356, 3491, 5511, 6453, 6461,
            6762, 6830, 7018, 12956
        ]
    );
    assert_eq!(d.ixps.len(), 28);
    assert_eq!(read_as_rel(BufReader::new(text.as_bytes())).unwrap(), d);

    let rel = AsRelations::new(&d);
    assert_eq!(rel.len() + rel.duplicates(), d.records.len());
    assert_eq!(rel.conflicts(), 0);
    for r in &d.records {
        let want = match r.kind {
            RelKind::ProviderCustomer => Relation::Customer,
            RelKind::PeerPeer => Relation::Peer,
        };
        assert_eq!(rel.relationship(r.a, r.b), Some(want), "{r:?}");
        assert_eq!(rel.relationship(r.b, r.a), Some(want.reverse()), "{r:?}");
    }
    // The clique is a full mesh of peers, with no providers.
    for &x in rel.clique() {
        assert!(rel.providers_of(x).is_empty(), "{x} has providers");
        for &y in rel.clique() {
            if x != y {
                assert_eq!(rel.relationship(x, y), Some(Relation::Peer), "{x} {y}");
            }
        }
    }
    // The neighbour lists add up to the records.
    let total: usize = rel
        .ases()
        .iter()
        .map(|&a| rel.providers_of(a).len() + rel.customers_of(a).len() + rel.peers_of(a).len())
        .sum();
    assert_eq!(total, 2 * rel.len());
    let p2c: usize = rel.ases().iter().map(|&a| rel.customers_of(a).len()).sum();
    let up: usize = rel.ases().iter().map(|&a| rel.providers_of(a).len()).sum();
    let p2p: usize = rel.ases().iter().map(|&a| rel.peers_of(a).len()).sum();
    assert_eq!(rel.duplicates(), 0);
    assert_eq!((p2c, up, p2p), (117_703, 117_703, 2 * 143_637));
}

/// Leak statistics over every path of the RIS table, with the fast and the
/// full verdict agreeing on each, and each reported leak a real valley.
#[test]
fn ris_paths() {
    let Some(raw) = common::read_data("asrel/20180101.as-rel.txt.xz") else {
        return;
    };
    let rel = AsRelations::new(&parse_as_rel(&String::from_utf8(raw).unwrap()).unwrap());
    let Some(table) = common::read_text(common::RIS) else {
        return;
    };
    let mut counts: BTreeMap<LeakState, usize> = BTreeMap::new();
    let mut types: BTreeMap<LeakType, usize> = BTreeMap::new();
    let mut cache: HashMap<&str, LeakState> = HashMap::new();
    let mut missing: HashMap<(Asn, Asn), usize> = HashMap::new();
    let mut routes = 0usize;
    let mut checked = 0usize;
    for line in table.lines() {
        let Some(path) = line.split('|').nth(6) else {
            continue;
        };
        routes += 1;
        let p = AsPath::parse(path).unwrap();
        let fast = leak_state(&rel, &p, None);
        *counts.entry(fast).or_default() += 1;
        // Distinct paths only for the full verdict (it allocates).
        if cache.insert(path, fast).is_none() {
            let full = detect_leaks(&rel, &p, None);
            assert_eq!(full.state, fast, "{path}: {full}");
            if let Some(want) = reference(&rel, &p) {
                assert_eq!(fast, want, "{path}");
                checked += 1;
            }
            for l in &full.leaks {
                *types.entry(l.kind).or_default() += 1;
                let learned = rel.relationship(l.leaker, l.learned_from).unwrap();
                let sent = rel.relationship(l.leaker, l.sent_to).unwrap();
                assert_eq!(LeakType::classify(learned, sent), Some(l.kind));
            }
            if full.state == LeakState::Unknown {
                assert!(!full.missing.is_empty() || full.set_undecided, "{path}");
            }
            for m in &full.missing {
                *missing.entry(*m).or_default() += 1;
            }
        }
    }
    eprintln!(
        "RIS rrc06 2010-07-01 vs CAIDA 2018-01-01: {routes} routes, {} distinct paths; {counts:?}; leak types over distinct paths {types:?}",
        cache.len()
    );
    let mut top: Vec<((Asn, Asn), usize)> = missing.into_iter().collect();
    top.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    top.truncate(10);
    eprintln!("most often missing pairs (distinct paths): {top:?}");
    assert_eq!(routes, 641_957);
    // Every distinct path without an AS_SET or confederation segment went
    // through the reference too.
    assert!(checked > 100_000, "{checked}");
    // Pinned from this implementation (the fast and full verdicts and the
    // reference agree on each path). The relations are 7.5 years younger
    // than the table: about half the routes cross a link the 2018 file no
    // longer has (AS3549 Global Crossing, merged into Level 3 in 2011, is
    // the most common), hence `unknown`; about 6% show a valley.
    assert_eq!(
        counts,
        BTreeMap::from([
            (LeakState::Ok, 288_667),
            (LeakState::Leak, 39_226),
            (LeakState::Unknown, 314_064)
        ])
    );
}

/// Independent slow reference for plain sequences: the compressed path in
/// propagation order (origin first) as link directions must match
/// `up* flat? down*`. `leak` when the longest prefix of known links already
/// breaks it between two known links, else `unknown` when a missing link
/// could, else `ok`. `None` for paths with AS_SET or confederation segments.
fn reference(rel: &AsRelations, path: &AsPath) -> Option<LeakState> {
    let mut asns: Vec<Asn> = Vec::new();
    for seg in &path.segments {
        match seg {
            routeguard::Segment::Sequence(v) => asns.extend(v),
            _ => return None,
        }
    }
    asns.dedup();
    asns.reverse();
    // 0 up, 1 flat, 2 down, 3 missing.
    let dirs: Vec<u8> = asns
        .windows(2)
        .map(|w| match rel.relationship(w[0], w[1]) {
            Some(Relation::Provider) => 0,
            Some(Relation::Peer) => 1,
            Some(Relation::Customer) => 2,
            None => 3,
        })
        .collect();
    let mut state = LeakState::Ok;
    for w in dirs.windows(2) {
        let first_flat_or_down = |d: u8| d == 1 || d == 2;
        let then_up_or_flat = |d: u8| d == 0 || d == 1;
        if first_flat_or_down(w[0]) && then_up_or_flat(w[1]) {
            return Some(LeakState::Leak);
        }
        if (w[0] == 3 || first_flat_or_down(w[0])) && (w[1] == 3 || then_up_or_flat(w[1])) {
            state = LeakState::Unknown;
        }
    }
    Some(state)
}
