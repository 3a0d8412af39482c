//! RFC 6811 origin validation: hand-written cases, a property test against
//! the naive reference scan, and a real-data comparison.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::Arc;

use proptest::prelude::*;
use routeguard::validate::rov::{
    origin_state, origin_states, validate_many, validate_naive, validate_origin, validate_path,
};
use routeguard::{AsPath, Asn, Family, InvalidReason, Prefix, RovIndex, RovResult, RovState, Vrp};

/// A route: prefix and origin (`None` for no origin).
type Route = (Prefix, Option<Asn>);

fn p(s: &str) -> Prefix {
    s.parse().unwrap()
}

fn vrp(prefix: &str, max_length: u8, asn: u32) -> Vrp {
    Vrp::new(p(prefix), max_length, Asn::new(asn)).unwrap()
}

fn st(index: &RovIndex, prefix: &str, origin: Option<u32>) -> (RovState, Option<InvalidReason>) {
    let prefix = p(prefix);
    let origin = origin.map(Asn::new);
    let r = validate_origin(index, &prefix, origin);
    assert_eq!(
        origin_state(index, &prefix, origin),
        (r.state, r.reason),
        "state() vs validate() for {prefix}"
    );
    r.state_reason()
}

trait StateReason {
    fn state_reason(&self) -> (RovState, Option<InvalidReason>);
}

impl StateReason for RovResult {
    fn state_reason(&self) -> (RovState, Option<InvalidReason>) {
        (self.state, self.reason)
    }
}

/// Checks the index against the naive scan on one route, returning the result.
fn check(vrps: &[Vrp], index: &RovIndex, prefix: &Prefix, origin: Option<Asn>) -> RovResult {
    let want = validate_naive(vrps, prefix, origin);
    let got = validate_origin(index, prefix, origin);
    assert_eq!(got, want, "route {prefix} origin {origin:?}");
    assert_eq!(
        origin_state(index, prefix, origin),
        (want.state, want.reason)
    );
    want
}

const VALID: (RovState, Option<InvalidReason>) = (RovState::Valid, None);
const NOT_FOUND: (RovState, Option<InvalidReason>) = (RovState::NotFound, None);
const INVALID_AS: (RovState, Option<InvalidReason>) = (RovState::Invalid, Some(InvalidReason::As));
const INVALID_LEN: (RovState, Option<InvalidReason>) =
    (RovState::Invalid, Some(InvalidReason::Length));

#[test]
fn index_is_send_sync_and_cloneable() {
    fn send_sync<T: Send + Sync + Clone>() {}
    send_sync::<RovIndex>();
    let index = RovIndex::new(&[vrp("192.0.2.0/24", 24, 64500)]);
    let copy = index.clone();
    let handle =
        std::thread::spawn(move || origin_state(&copy, &p("192.0.2.0/24"), Some(Asn::new(64500))));
    assert_eq!(handle.join().unwrap(), VALID);
    assert_eq!(index.stats().vrps_v4, 1);
}

#[test]
fn rfc6811_basic_v4() {
    let vrps = vec![vrp("10.0.0.0/16", 20, 64500), vrp("10.0.0.0/8", 8, 64501)];
    let index = RovIndex::new(&vrps);
    assert_eq!(index.len(), 2);
    assert_eq!(st(&index, "10.0.0.0/16", Some(64500)), VALID);
    assert_eq!(st(&index, "10.0.16.0/20", Some(64500)), VALID);
    // Longer than the max length of the only VRP with this origin.
    assert_eq!(st(&index, "10.0.16.0/21", Some(64500)), INVALID_LEN);
    // Covered by the /8 only: 64500 has no covering VRP there.
    assert_eq!(st(&index, "10.1.0.0/16", Some(64500)), INVALID_AS);
    assert_eq!(st(&index, "10.0.0.0/8", Some(64501)), VALID);
    assert_eq!(st(&index, "10.1.0.0/16", Some(64501)), INVALID_LEN);
    // Covered by both; origin matches neither.
    assert_eq!(st(&index, "10.0.0.0/24", Some(64502)), INVALID_AS);
    // Less specific than every VRP, or outside them: not found.
    assert_eq!(st(&index, "10.0.0.0/7", Some(64501)), NOT_FOUND);
    assert_eq!(st(&index, "11.0.0.0/8", Some(64501)), NOT_FOUND);
    assert_eq!(st(&index, "0.0.0.0/0", Some(64501)), NOT_FOUND);
    // IPv6 never matches an IPv4 VRP.
    assert_eq!(st(&index, "::/0", Some(64501)), NOT_FOUND);
    assert_eq!(st(&index, "a00::/8", Some(64501)), NOT_FOUND);
}

#[test]
fn covering_lists() {
    let vrps = vec![
        vrp("10.0.0.0/16", 24, 64500),
        vrp("10.0.0.0/8", 16, 64500),
        vrp("10.0.0.0/8", 8, 64501),
        vrp("10.0.0.0/24", 24, 0),
        vrp("10.1.0.0/16", 16, 64500),
    ];
    let index = RovIndex::new(&vrps);
    // Valid: only the matching VRPs, sorted.
    let r = validate_origin(&index, &p("10.0.0.0/16"), Some(Asn::new(64500)));
    assert_eq!(r.state, RovState::Valid);
    assert_eq!(
        r.covering,
        vec![vrp("10.0.0.0/8", 16, 64500), vrp("10.0.0.0/16", 24, 64500)]
    );
    // Invalid: every covering VRP, sorted.
    let r = validate_origin(&index, &p("10.0.0.0/24"), Some(Asn::new(64502)));
    assert_eq!(r.state_reason(), INVALID_AS);
    assert_eq!(
        r.covering,
        vec![
            vrp("10.0.0.0/8", 8, 64501),
            vrp("10.0.0.0/8", 16, 64500),
            vrp("10.0.0.0/16", 24, 64500),
            vrp("10.0.0.0/24", 24, 0)
        ]
    );
    // Not found: empty.
    let r = validate_origin(&index, &p("12.0.0.0/24"), Some(Asn::new(64501)));
    assert_eq!(
        r,
        RovResult {
            state: RovState::NotFound,
            reason: None,
            covering: vec![]
        }
    );
}

#[test]
fn as0_covers_but_never_matches() {
    let vrps = vec![vrp("192.0.2.0/24", 32, 0)];
    let index = RovIndex::new(&vrps);
    assert_eq!(st(&index, "192.0.2.0/24", Some(0)), INVALID_AS);
    assert_eq!(st(&index, "192.0.2.0/25", Some(64500)), INVALID_AS);
    assert_eq!(st(&index, "192.0.2.7/32", Some(0)), INVALID_AS);
    assert_eq!(st(&index, "192.0.0.0/16", Some(0)), NOT_FOUND);
    // AS0 beside a real authorisation: the real one decides.
    let vrps = vec![vrp("192.0.2.0/24", 24, 0), vrp("192.0.2.0/24", 24, 64500)];
    let index = RovIndex::new(&vrps);
    assert_eq!(st(&index, "192.0.2.0/24", Some(64500)), VALID);
    assert_eq!(st(&index, "192.0.2.0/24", Some(64501)), INVALID_AS);
    // An AS0 origin never matches, and never gives reason `length`.
    assert_eq!(st(&index, "192.0.2.0/25", Some(0)), INVALID_AS);
}

#[test]
fn final_as_set_has_no_origin() {
    let vrps = vec![
        vrp("192.0.2.0/24", 24, 64500),
        vrp("2001:db8::/32", 48, 64500),
    ];
    let index = RovIndex::new(&vrps);
    let set = AsPath::parse("64496 64497 {64500,64501}").unwrap();
    assert_eq!(set.origin(), None);
    let seq = AsPath::parse("64496 {64497} 64500").unwrap();
    for (prefix, path, want) in [
        ("192.0.2.0/24", &set, INVALID_AS),
        ("192.0.2.0/24", &seq, VALID),
        ("2001:db8:1::/48", &set, INVALID_AS),
        ("2001:db8:1::/48", &seq, VALID),
        ("2001:db8:1::/49", &seq, INVALID_LEN),
        ("198.51.100.0/24", &set, NOT_FOUND),
    ] {
        let r = validate_path(&index, &p(prefix), path);
        assert_eq!(r.state_reason(), want, "{prefix} {path}");
        assert_eq!(r, validate_naive(&vrps, &p(prefix), path.origin()));
    }
    // No origin at all (empty path), or a confederation segment last.
    assert_eq!(
        validate_path(&index, &p("192.0.2.0/24"), &AsPath::default()).state_reason(),
        INVALID_AS
    );
    let confed = AsPath::parse("64500 (65001 65002)").unwrap();
    assert_eq!(
        validate_path(&index, &p("192.0.2.0/24"), &confed).state_reason(),
        INVALID_AS
    );
    // Every covering VRP is listed.
    assert_eq!(
        validate_path(&index, &p("192.0.2.0/24"), &set).covering,
        vec![vrps[0].clone()]
    );
}

#[test]
fn ipv6_cases() {
    let vrps = vec![
        vrp("2001:db8::/32", 48, 64500),
        vrp("2001:db8:ff00::/40", 40, 64501),
        vrp("2001:db8::1/128", 128, 64502),
        vrp("::/0", 128, 0),
    ];
    let index = RovIndex::new(&vrps);
    assert_eq!(st(&index, "2001:db8::/32", Some(64500)), VALID);
    assert_eq!(st(&index, "2001:db8:1::/48", Some(64500)), VALID);
    assert_eq!(st(&index, "2001:db8:1::/49", Some(64500)), INVALID_LEN);
    assert_eq!(st(&index, "2001:db8:ff00::/40", Some(64501)), VALID);
    assert_eq!(st(&index, "2001:db8:ff00::/40", Some(64500)), VALID);
    assert_eq!(st(&index, "2001:db8:ff00::/44", Some(64501)), INVALID_LEN);
    assert_eq!(st(&index, "2001:db8::1/128", Some(64502)), VALID);
    assert_eq!(st(&index, "2001:db8::2/128", Some(64502)), INVALID_AS);
    // ::/0 with AS0 covers everything IPv6.
    assert_eq!(st(&index, "2001:db9::/32", Some(64500)), INVALID_AS);
    assert_eq!(st(&index, "::/0", Some(64500)), INVALID_AS);
    assert_eq!(
        st(&index, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", None),
        INVALID_AS
    );
    // But nothing IPv4.
    assert_eq!(st(&index, "0.0.0.0/0", Some(64500)), NOT_FOUND);
    assert_eq!(st(&index, "192.0.2.0/24", None), NOT_FOUND);
    let r = validate_origin(&index, &p("2001:db8::1/128"), Some(Asn::new(64500)));
    assert_eq!(r.state_reason(), INVALID_LEN);
    assert_eq!(r.covering.len(), 3);
}

#[test]
fn default_routes_and_host_routes() {
    let vrps = vec![
        vrp("0.0.0.0/0", 0, 64500),
        vrp("255.255.255.255/32", 32, 64501),
        vrp("0.0.0.0/32", 32, 64502),
        vrp("128.0.0.0/1", 32, 64503),
    ];
    let index = RovIndex::new(&vrps);
    assert_eq!(st(&index, "0.0.0.0/0", Some(64500)), VALID);
    assert_eq!(st(&index, "0.0.0.0/1", Some(64500)), INVALID_LEN);
    assert_eq!(st(&index, "0.0.0.0/0", Some(64503)), INVALID_AS);
    assert_eq!(st(&index, "255.255.255.255/32", Some(64501)), VALID);
    assert_eq!(st(&index, "255.255.255.255/32", Some(64503)), VALID);
    assert_eq!(st(&index, "255.255.255.254/32", Some(64501)), INVALID_AS);
    assert_eq!(st(&index, "255.255.255.254/31", Some(64501)), INVALID_AS);
    assert_eq!(st(&index, "0.0.0.0/32", Some(64502)), VALID);
    assert_eq!(st(&index, "0.0.0.0/32", Some(64500)), INVALID_LEN);
    assert_eq!(st(&index, "0.0.0.1/32", Some(64502)), INVALID_AS);
    assert_eq!(
        validate_origin(&index, &p("255.255.255.255/32"), Some(Asn::new(1)))
            .covering
            .len(),
        3
    );
    // The empty index.
    let empty = RovIndex::new(&[]);
    assert!(empty.is_empty());
    assert_eq!(st(&empty, "0.0.0.0/0", Some(1)), NOT_FOUND);
    assert_eq!(st(&empty, "::/0", None), NOT_FOUND);
}

#[test]
fn duplicates_and_metadata_survive() {
    let ripe: Arc<str> = Arc::from("ripe");
    let arin: Arc<str> = Arc::from("arin");
    let a = vrp("192.0.2.0/24", 24, 64500)
        .with_ta(Some(ripe.clone()))
        .with_expires(Some(1_753_453_058));
    let b = vrp("192.0.2.0/24", 24, 64500)
        .with_ta(Some(arin))
        .with_expires(None);
    let c = vrp("192.0.2.0/24", 24, 64500);
    let d = vrp("192.0.0.0/16", 24, 64500)
        .with_ta(Some(ripe))
        .with_expires(Some(-5));
    let vrps = vec![a.clone(), a.clone(), b.clone(), c.clone(), d.clone()];
    let index = RovIndex::new(&vrps);
    assert_eq!(index.len(), 5);
    let r = check(&vrps, &index, &p("192.0.2.0/24"), Some(Asn::new(64500)));
    assert_eq!(r.covering, vec![d.clone(), c, b, a.clone(), a]);
    let r = check(&vrps, &index, &p("192.0.3.0/24"), Some(Asn::new(64500)));
    assert_eq!(r.covering, vec![d]);
}

#[test]
fn sources_survive() {
    use routeguard::VrpSource;
    let src: Arc<[VrpSource]> = Arc::from(vec![VrpSource {
        kind: "roa".into(),
        uri: Some("rsync://x/a.roa".into()),
        ..Default::default()
    }]);
    let mut a = vrp("2001:db8::/32", 32, 64500);
    a.sources = Some(src.clone());
    let mut b = vrp("192.0.2.0/24", 24, 64500);
    b.sources = Some(src);
    let c = vrp("192.0.2.0/24", 24, 64501);
    let vrps = vec![c, a, b];
    let index = RovIndex::new(&vrps);
    for (prefix, origin) in [
        ("2001:db8::/32", 64500),
        ("192.0.2.0/24", 64500),
        ("192.0.2.0/24", 1),
    ] {
        check(&vrps, &index, &p(prefix), Some(Asn::new(origin)));
    }
}

#[test]
fn overlapping_vrps_and_many_lengths() {
    // A chain of nested prefixes at every length, alternating origins.
    let mut vrps = Vec::new();
    for len in 0..=32u8 {
        let prefix = Prefix::from_bits_relaxed(Family::V4, 0xc000_0200u128 << 96, len).unwrap();
        vrps.push(Vrp::new(prefix, len, Asn::new(64500 + u32::from(len % 3))).unwrap());
    }
    for len in (0..=128u8).step_by(7) {
        let prefix =
            Prefix::from_bits_relaxed(Family::V6, 0x2001_0db8u128 << 96 | 0xffff, len).unwrap();
        vrps.push(
            Vrp::new(
                prefix,
                len.saturating_add(3).min(128),
                Asn::new(64500 + u32::from(len % 4)),
            )
            .unwrap(),
        );
    }
    let index = RovIndex::new(&vrps);
    for v in &vrps {
        for len in 0..=v.prefix.family().max_len() {
            let route =
                Prefix::from_bits_relaxed(v.prefix.family(), v.prefix.bits() | 1u128 << 100, len)
                    .unwrap();
            for origin in [
                None,
                Some(Asn::ZERO),
                Some(Asn::new(64500)),
                Some(Asn::new(64502)),
                Some(Asn::new(7)),
            ] {
                check(&vrps, &index, &route, origin);
            }
        }
    }
}

#[test]
fn batch_apis_keep_input_order() {
    let vrps = vec![
        vrp("10.0.0.0/8", 16, 64500),
        vrp("2001:db8::/32", 32, 64501),
    ];
    let index = RovIndex::new(&vrps);
    let routes: Vec<Route> = vec![
        (p("2001:db8::/32"), Some(Asn::new(64501))),
        (p("10.0.0.0/24"), Some(Asn::new(64500))),
        (p("11.0.0.0/8"), Some(Asn::new(64500))),
        (p("10.0.0.0/16"), Some(Asn::new(64500))),
        (p("10.0.0.0/16"), None),
    ];
    let want: Vec<RovResult> = routes
        .iter()
        .map(|(p, o)| validate_naive(&vrps, p, *o))
        .collect();
    assert_eq!(validate_many(&index, &routes), want);
    let states: Vec<_> = want.iter().map(|r| (r.state, r.reason)).collect();
    assert_eq!(origin_states(&index, &routes), states);
    assert_eq!(
        states,
        vec![VALID, INVALID_LEN, NOT_FOUND, VALID, INVALID_AS]
    );
}

// ---- property test ------------------------------------------------------

/// A few base addresses per family so that random prefixes nest and overlap.
const BASES_V4: [u128; 4] = [0xc000_0200 << 96, 0x0a00_0000 << 96, 0xffff_ffff << 96, 0];
const BASES_V6: [u128; 4] = [0x2001_0db8 << 96, 0x2a00_1450_4001 << 80, u128::MAX, 0];

/// (family, base, noise, len, extra max length, asn, ta, expires)
type RawVrp = (bool, usize, u128, u8, u8, u32, u8, u8);

fn raw_vrp() -> impl Strategy<Value = RawVrp> {
    (
        any::<bool>(),
        0..4usize,
        any::<u128>(),
        0..=128u8,
        0..=8u8,
        0..5u32,
        0..3u8,
        0..3u8,
    )
}

fn make_vrp(r: &RawVrp, tas: &[Arc<str>]) -> Vrp {
    let (v6, base, noise, len, extra, asn, ta, exp) = *r;
    let family = if v6 { Family::V6 } else { Family::V4 };
    let max = family.max_len();
    let len = len % (max + 1);
    let bases = if v6 { BASES_V6 } else { BASES_V4 };
    // Sparse noise below the top 16 bits keeps prefixes clustered and nested.
    let sparse = noise & noise >> 3 & noise >> 5;
    let bits = bases[base] ^ (sparse >> 16);
    let bits = if v6 {
        bits
    } else {
        bits & (u128::from(u32::MAX) << 96)
    };
    let prefix = Prefix::from_bits_relaxed(family, bits, len).unwrap();
    let max_length = len.saturating_add(extra).min(max);
    let asn = [0, 64500, 64501, 64502, 1][asn as usize];
    Vrp::new(prefix, max_length, Asn::new(asn))
        .unwrap()
        .with_ta(match ta {
            0 => None,
            t => Some(tas[t as usize - 1].clone()),
        })
        .with_expires(match exp {
            0 => None,
            1 => Some(1_753_453_058),
            _ => Some(i64::MIN),
        })
}

/// (derive from a VRP?, VRP index, noise, length delta / length, origin)
type RawRoute = (bool, usize, u128, i8, u8, u8);

fn raw_route() -> impl Strategy<Value = RawRoute> {
    (
        any::<bool>(),
        any::<usize>(),
        any::<u128>(),
        -6..=10i8,
        0..=128u8,
        0..8u8,
    )
}

fn make_route(r: &RawRoute, vrps: &[Vrp]) -> Route {
    let (derive, which, noise, delta, len, origin) = *r;
    let own = vrps.get(which % vrps.len().max(1)).map(|v| v.asn);
    let origin = match origin {
        6 | 7 if derive && own.is_some() => own,
        0 => None,
        1 => Some(Asn::ZERO),
        2 => Some(Asn::new(64500)),
        3 => Some(Asn::new(64501)),
        4 => Some(Asn::new(64502)),
        _ => Some(Asn::new(7)),
    };
    let prefix = if derive && !vrps.is_empty() {
        // Extend or truncate a VRP prefix, filling new bits from the noise.
        let v = &vrps[which % vrps.len()];
        let family = v.prefix.family();
        let max = i16::from(family.max_len());
        let l = (i16::from(v.prefix.len()) + i16::from(delta)).clamp(0, max) as u8;
        let fill = if l > v.prefix.len() {
            noise >> v.prefix.len()
        } else {
            0
        };
        Prefix::from_bits_relaxed(family, v.prefix.bits() | fill, l).unwrap()
    } else {
        let v6 = which % 2 == 1;
        let family = if v6 { Family::V6 } else { Family::V4 };
        let bases = if v6 { BASES_V6 } else { BASES_V4 };
        let bits = bases[(which >> 1) % 4] ^ (noise >> 24);
        Prefix::from_bits_relaxed(family, bits, len % (family.max_len() + 1)).unwrap()
    };
    (prefix, origin)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn index_matches_naive(
        raw in proptest::collection::vec(raw_vrp(), 0..60),
        dups in proptest::collection::vec(any::<usize>(), 0..6),
        routes in proptest::collection::vec(raw_route(), 1..80),
    ) {
        let tas: Vec<Arc<str>> = vec![Arc::from("ripe"), Arc::from("apnic")];
        let mut vrps: Vec<Vrp> = raw.iter().map(|r| make_vrp(r, &tas)).collect();
        if !vrps.is_empty() {
            for d in &dups {
                let v = vrps[d % vrps.len()].clone();
                vrps.push(v);
            }
        }
        let index = RovIndex::new(&vrps);
        prop_assert_eq!(index.len(), vrps.len());
        let routes: Vec<Route> = routes.iter().map(|r| make_route(r, &vrps)).collect();
        let mut want = Vec::new();
        for (prefix, origin) in &routes {
            let w = validate_naive(&vrps, prefix, *origin);
            let got = validate_origin(&index, prefix, *origin);
            prop_assert_eq!(&got, &w, "route {} origin {:?}", prefix, origin);
            prop_assert_eq!(origin_state(&index, prefix, *origin), (w.state, w.reason));
            want.push(w);
        }
        prop_assert_eq!(validate_many(&index, &routes), want.clone());
        let states: Vec<_> = want.iter().map(|r| (r.state, r.reason)).collect();
        prop_assert_eq!(origin_states(&index, &routes), states);

        // The keys-only build (RTR payloads) answers as the naive scan of
        // the same VRPs stripped to their keys.
        let bare: Vec<Vrp> = vrps.iter().map(|v| {
            let (p, m, a) = v.key();
            Vrp::new(p, m, a).unwrap()
        }).collect();
        let keyed = RovIndex::from_keys(bare.iter().map(Vrp::key));
        prop_assert_eq!(keyed.len(), bare.len());
        for (prefix, origin) in &routes {
            let w = validate_naive(&bare, prefix, *origin);
            prop_assert_eq!(validate_origin(&keyed, prefix, *origin), w);
        }
    }
}

/// Large unsorted batches take the reordering path; results stay in input order.
#[test]
fn batch_reorders_large_unsorted_input() {
    let tas: Vec<Arc<str>> = vec![Arc::from("ripe"), Arc::from("apnic")];
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let vrps: Vec<Vrp> = (0..300)
        .map(|_| {
            let r: RawVrp = (
                next() % 2 == 0,
                (next() % 4) as usize,
                u128::from(next()) << 64 | u128::from(next()),
                (16 + next() % 17) as u8,
                (next() % 9) as u8,
                (next() % 5) as u32,
                (next() % 3) as u8,
                (next() % 3) as u8,
            );
            make_vrp(&r, &tas)
        })
        .collect();
    let index = RovIndex::new(&vrps);
    let routes: Vec<Route> = (0..20_000)
        .map(|_| {
            let r: RawRoute = (
                next() % 2 == 0,
                next() as usize,
                u128::from(next()) << 64 | u128::from(next()),
                (next() % 17) as i8 - 6,
                (next() % 129) as u8,
                (next() % 8) as u8,
            );
            make_route(&r, &vrps)
        })
        .collect();
    let one: Vec<_> = routes
        .iter()
        .map(|(p, o)| origin_state(&index, p, *o))
        .collect();
    assert_eq!(origin_states(&index, &routes), one);
    let full = validate_many(&index, &routes);
    assert_eq!(
        full.iter().map(|r| (r.state, r.reason)).collect::<Vec<_>>(),
        one
    );
    for (r, (p, o)) in full.iter().zip(&routes).step_by(50) {
        assert_eq!(r, &validate_naive(&vrps, p, *o));
    }
    for state in [RovState::Valid, RovState::Invalid, RovState::NotFound] {
        let n = one.iter().filter(|s| s.0 == state).count();
        assert!(n > 500, "{state} too rare: {n}");
    }
}

/// The generator produces every outcome often enough to be a real test.
#[test]
fn generator_hits_every_state() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let tas: Vec<Arc<str>> = vec![Arc::from("ripe"), Arc::from("apnic")];
    let mut runner = TestRunner::deterministic();
    let mut counts = std::collections::HashMap::new();
    for _ in 0..200 {
        let raw = proptest::collection::vec(raw_vrp(), 1..60)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let vrps: Vec<Vrp> = raw.iter().map(|r| make_vrp(r, &tas)).collect();
        let routes = proptest::collection::vec(raw_route(), 50)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        for r in &routes {
            let (prefix, origin) = make_route(r, &vrps);
            let res = validate_naive(&vrps, &prefix, origin);
            *counts.entry((res.state, res.reason)).or_insert(0usize) += 1;
        }
    }
    eprintln!("{counts:?}");
    for k in [VALID, INVALID_AS, INVALID_LEN, NOT_FOUND] {
        assert!(
            counts.get(&k).copied().unwrap_or(0) >= 500,
            "{k:?} too rare: {counts:?}"
        );
    }
}

// ---- real data ----------------------------------------------------------

const VRP_FILE: &str = "vrps/rpki-client_josephine_2025-07-20T093133Z.json.bz2";
const PFX2AS_FILE: &str = "bgp/pfx2as/routeviews-rv2-20240406.pfx2as.gz";

/// Reads the rpki-client JSON `roas` with serde (a stand-in until the
/// crate's loader is the one under test elsewhere).
fn load_rpki_client(json: &[u8]) -> Vec<Vrp> {
    #[derive(serde::Deserialize)]
    struct Roa {
        asn: u32,
        prefix: String,
        #[serde(rename = "maxLength")]
        max_length: u8,
        ta: Option<String>,
        expires: Option<i64>,
    }
    #[derive(serde::Deserialize)]
    struct File {
        roas: Vec<Roa>,
    }
    let file: File = serde_json::from_slice(json).unwrap();
    let mut tas: std::collections::HashMap<String, Arc<str>> = Default::default();
    file.roas
        .into_iter()
        .map(|r| {
            let ta =
                r.ta.map(|t| tas.entry(t.clone()).or_insert_with(|| Arc::from(t)).clone());
            Vrp::new(p(&r.prefix), r.max_length, Asn::new(r.asn))
                .unwrap()
                .with_ta(ta)
                .with_expires(r.expires)
        })
        .collect()
}

/// `addr len asn` lines; a MOAS `a_b` or AS-set `a,b` origin gives its first AS.
fn load_pfx2as(text: &[u8]) -> Vec<Route> {
    let text = std::str::from_utf8(text).unwrap();
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut it = l.split('\t');
            let (addr, len, asn) = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
            let prefix = Prefix::parse_relaxed(&format!("{addr}/{len}")).unwrap();
            let first = asn.split(['_', ',']).next().unwrap();
            (prefix, Some(first.parse::<Asn>().unwrap()))
        })
        .collect()
}

#[test]
fn real_data_matches_naive() {
    let Some(json) = common::read_data(VRP_FILE) else {
        return;
    };
    let Some(table) = common::read_data(PFX2AS_FILE) else {
        return;
    };
    let vrps = load_rpki_client(&json);
    assert_eq!(vrps.len(), 723_521);
    let index = RovIndex::new(&vrps);
    assert_eq!(index.len(), vrps.len());
    let routes = load_pfx2as(&table);
    assert_eq!(routes.len(), 998_042);
    // A spread sample of the table plus IPv6 VRP prefixes, each with its own
    // origin, a foreign one and no origin.
    let mut sample: Vec<Route> = routes
        .iter()
        .step_by(routes.len() / 1200)
        .copied()
        .collect();
    let v6: Vec<&Vrp> = vrps.iter().filter(|v| v.prefix.is_ipv6()).collect();
    for v in v6.iter().step_by(v6.len() / 200) {
        sample.push((v.prefix, Some(v.asn)));
        sample.push((v.prefix, Some(Asn::new(64496))));
        sample.push((
            v.prefix.truncate(v.prefix.len().saturating_sub(4)).unwrap(),
            None,
        ));
        let longer = (v.max_length + 1).min(128);
        sample.push((
            Prefix::from_bits_relaxed(Family::V6, v.prefix.bits(), longer).unwrap(),
            Some(v.asn),
        ));
    }
    // The reference scans the route's own family only (no other can cover).
    let (vrps4, vrps6): (Vec<Vrp>, Vec<Vrp>) =
        vrps.iter().cloned().partition(|v| v.prefix.is_ipv4());
    let mut counts = std::collections::BTreeMap::new();
    for (prefix, origin) in &sample {
        let same = if prefix.is_ipv4() { &vrps4 } else { &vrps6 };
        let r = check(same, &index, prefix, *origin);
        *counts.entry((r.state, r.reason)).or_insert(0usize) += 1;
    }
    eprintln!("{} routes: {counts:?}", sample.len());
    assert!(
        counts.len() == 4,
        "expected every outcome in the sample: {counts:?}"
    );
    // The batch API agrees with the single-route one on the whole table.
    let states = origin_states(&index, &routes);
    for ((prefix, origin), s) in routes.iter().zip(&states).step_by(97) {
        assert_eq!(origin_state(&index, prefix, *origin), *s);
    }
}

/// An independent second reference, fast enough for whole tables: a hash
/// map from each VRP prefix to its (origin, max length) pairs, probed at
/// every length from the route's own down to 0.
fn hash_reference(vrps: &[Vrp], routes: &[Route]) -> Vec<(RovState, Option<InvalidReason>)> {
    let mut map: std::collections::HashMap<Prefix, Vec<(Asn, u8)>> = Default::default();
    for v in vrps {
        map.entry(v.prefix).or_default().push((v.asn, v.max_length));
    }
    routes
        .iter()
        .map(|(prefix, origin)| {
            let (mut covered, mut length) = (false, false);
            for len in (0..=prefix.len()).rev() {
                let Some(list) = map.get(&prefix.truncate(len).unwrap()) else {
                    continue;
                };
                covered = true;
                for (asn, max_length) in list {
                    if Some(*asn) == *origin && !asn.is_zero() {
                        if prefix.len() <= *max_length {
                            return (RovState::Valid, None);
                        }
                        length = true;
                    }
                }
            }
            match (covered, length) {
                (false, _) => (RovState::NotFound, None),
                (true, false) => (RovState::Invalid, Some(InvalidReason::As)),
                (true, true) => (RovState::Invalid, Some(InvalidReason::Length)),
            }
        })
        .collect()
}

/// CPU time of the calling thread in seconds (Linux; wall-clock elsewhere),
/// so that measurements on a shared machine count only our own run time.
fn cpu_now() -> f64 {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|f| f.parse::<u64>().ok())
        {
            return ns as f64 / 1e9;
        }
    }
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
}

/// Release-mode measurements:
/// `cargo test --release -p routeguard --test rov -- --ignored --nocapture measure`.
#[test]
#[ignore]
fn measure_real_data() {
    let Some(json) = common::read_data(VRP_FILE) else {
        return;
    };
    let Some(table) = common::read_data(PFX2AS_FILE) else {
        return;
    };
    let vrps = load_rpki_client(&json);
    let mut routes = load_pfx2as(&table);
    let n4 = routes.len();
    routes.extend(
        vrps.iter()
            .filter(|v| v.prefix.is_ipv6())
            .map(|v| (v.prefix, Some(v.asn))),
    );

    // The crate's own loader, when it handles this file: load + index.
    let (mut best_load, mut best_both) = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        let t = cpu_now();
        match routeguard::parse::load(&json, &routeguard::LoadOptions::default()) {
            Ok(loaded) => {
                let l = cpu_now() - t;
                let ix = RovIndex::new(&loaded.set.vrps);
                best_load = best_load.min(l);
                best_both = best_both.min(cpu_now() - t);
                assert_eq!(ix.len(), vrps.len());
            }
            Err(e) => {
                eprintln!("parse::load failed: {e}");
                break;
            }
        }
    }
    if best_both < f64::MAX {
        eprintln!(
            "parse::load: {:.1} ms; load + index: {:.1} ms",
            best_load * 1e3,
            best_both * 1e3
        );
    }
    let mut best_build = f64::MAX;
    let mut index = RovIndex::new(&vrps);
    for _ in 0..5 {
        let t = cpu_now();
        index = RovIndex::new(&vrps);
        best_build = best_build.min(cpu_now() - t);
    }
    eprintln!("times are the best of several runs, thread CPU time");
    eprintln!("build: {:.1} ms for {} VRPs", best_build * 1e3, vrps.len());
    eprintln!("stats: {:?}", index.stats());
    eprintln!(
        "heap: {:.2} MiB",
        index.heap_bytes() as f64 / (1 << 20) as f64
    );

    let time = |name: &str, routes: &[Route], f: &dyn Fn(&[Route]) -> usize| {
        let (mut best, mut best_wall) = (f64::MAX, f64::MAX);
        let mut acc = 0;
        for _ in 0..7 {
            let (t, w) = (cpu_now(), std::time::Instant::now());
            acc = f(routes);
            best = best.min(cpu_now() - t);
            best_wall = best_wall.min(w.elapsed().as_secs_f64());
        }
        eprintln!(
            "{name}: {:.1} ms for {} routes = {:.1} ns/route ({:.1} M/s; wall {:.1} ns/route) [{acc}]",
            best * 1e3,
            routes.len(),
            best * 1e9 / routes.len() as f64,
            routes.len() as f64 / best / 1e6,
            best_wall * 1e9 / routes.len() as f64,
        );
    };
    let count_valid = |states: &[(RovState, Option<InvalidReason>)]| {
        states.iter().filter(|s| s.0 == RovState::Valid).count()
    };
    time(
        "state loop, table order (v4 pfx2as + v6 VRPs)",
        &routes,
        &|r| {
            r.iter()
                .filter(|(p, o)| origin_state(&index, p, *o).0 == RovState::Valid)
                .count()
        },
    );
    time("state loop, v4 pfx2as only", &routes[..n4], &|r| {
        r.iter()
            .filter(|(p, o)| origin_state(&index, p, *o).0 == RovState::Valid)
            .count()
    });
    time("state loop, v6 VRP prefixes only", &routes[n4..], &|r| {
        r.iter()
            .filter(|(p, o)| origin_state(&index, p, *o).0 == RovState::Valid)
            .count()
    });
    time("states_many, table order", &routes, &|r| {
        count_valid(&origin_states(&index, r))
    });
    // Shuffled (deterministic xorshift) to show the cost without locality.
    let mut shuffled = routes.clone();
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for i in (1..shuffled.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        shuffled.swap(i, (x % (i as u64 + 1)) as usize);
    }
    time("state loop, shuffled", &shuffled, &|r| {
        r.iter()
            .filter(|(p, o)| origin_state(&index, p, *o).0 == RovState::Valid)
            .count()
    });
    time("states_many, shuffled", &shuffled, &|r| {
        count_valid(&origin_states(&index, r))
    });
    time("validate_many, table order", &routes, &|r| {
        validate_many(&index, r)
            .iter()
            .filter(|x| x.state == RovState::Valid)
            .count()
    });
    let naive_n = 2000;
    let t = cpu_now();
    let mut valid = 0;
    for (prefix, origin) in routes.iter().step_by(routes.len() / naive_n) {
        valid += usize::from(validate_naive(&vrps, prefix, *origin).state == RovState::Valid);
    }
    let dt = cpu_now() - t;
    eprintln!("naive: {:.0} us/route [{valid}]", dt * 1e6 / naive_n as f64);
    let t = cpu_now();
    let reference = hash_reference(&vrps, &routes);
    eprintln!(
        "per-length hash reference: {:.1} ns/route",
        (cpu_now() - t) * 1e9 / routes.len() as f64
    );
    let states = origin_states(&index, &routes);
    let differ = states
        .iter()
        .zip(&reference)
        .filter(|(a, b)| a != b)
        .count();
    eprintln!(
        "{} routes, {differ} differ from the hash reference",
        routes.len()
    );
    assert_eq!(differ, 0);
    assert_eq!(
        origin_states(&index, &shuffled)
            .iter()
            .filter(|s| s.0 == RovState::Valid)
            .count(),
        count_valid(&states)
    );
    let mut counts = std::collections::BTreeMap::new();
    for s in origin_states(&index, &routes) {
        *counts.entry(s).or_insert(0usize) += 1;
    }
    eprintln!("outcomes: {counts:?}");
}

/// A route as a text line in one of the forms `validate` reads (`style`),
/// origin `None` as a path ending in an AS_SET.
fn route_line(prefix: &Prefix, origin: Option<Asn>, style: u8) -> String {
    let o = match origin {
        Some(a) => a.get().to_string(),
        None => "64496 {64500,64501}".to_owned(),
    };
    match (style % 5, origin) {
        (0, _) => format!("{prefix} {o}"),
        (1, Some(a)) => format!("{prefix},AS{}", a.get()),
        (2, _) => format!("  {prefix}\t64496 {o}  # with a path\r"),
        (3, _) => {
            format!("TABLE_DUMP2|1277971199|B|192.0.2.1|64496|{prefix}|64496 {o}|IGP|x|0|0||NAG||")
        }
        _ => format!("{prefix} {o}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// validate_lines over a text of mixed forms, blank, comment and bad
    /// lines: one byte per route line, as validate_naive judges each route.
    #[test]
    fn lines_match_per_route(
        raw in proptest::collection::vec(raw_vrp(), 0..60),
        routes in proptest::collection::vec((raw_route(), any::<u8>(), 0..12u8), 1..80),
    ) {
        use routeguard::parse::bgp::RouteLineOptions;
        use routeguard::validate::lines::{validate_lines, validate_lines_detailed, UNPARSABLE};
        let tas: Vec<Arc<str>> = vec![Arc::from("ripe"), Arc::from("apnic")];
        let vrps: Vec<Vrp> = raw.iter().map(|r| make_vrp(r, &tas)).collect();
        let index = RovIndex::new(&vrps);
        let mut text = String::new();
        let mut want: Vec<Option<RovResult>> = Vec::new();
        for (r, style, noise) in &routes {
            match noise {
                0 => text.push_str("\n# a comment\n"),
                1 => { text.push_str("not-a-prefix 64500\n"); want.push(None); }
                _ => {}
            }
            let (prefix, origin) = make_route(r, &vrps);
            text.push_str(&route_line(&prefix, origin, *style));
            text.push('\n');
            want.push(Some(validate_naive(&vrps, &prefix, origin)));
        }
        let opts = RouteLineOptions::new();
        let fast = validate_lines(&index, text.as_bytes(), &opts);
        let (d, dv) = validate_lines_detailed(&index, text.as_bytes(), &opts);
        prop_assert_eq!(&fast.states, &d.states);
        prop_assert_eq!(d.states.len(), want.len());
        prop_assert_eq!(dv.start.len(), want.len() + 1);
        for (i, w) in want.iter().enumerate() {
            let Some(w) = w else {
                prop_assert_eq!(d.states[i], UNPARSABLE);
                continue;
            };
            let code = match w.state { RovState::Valid => 0, RovState::Invalid => 1, RovState::NotFound => 2 };
            prop_assert_eq!(d.states[i], code, "route {}", i);
            let reason = match w.reason { Some(InvalidReason::As) => 0, Some(InvalidReason::Length) => 1, None => UNPARSABLE };
            prop_assert_eq!(d.reasons[i], reason, "route {}", i);
            let (a, b) = (dv.start[i] as usize, dv.start[i + 1] as usize);
            let got: Vec<(u32, u8, u8, Option<&str>)> = (a..b).map(|k| {
                let ta = dv.ta[k] as usize;
                (dv.asn[k], dv.len[k], dv.max_len[k], (ta > 0).then(|| &*dv.trust_anchors[ta - 1]))
            }).collect();
            let exp: Vec<(u32, u8, u8, Option<&str>)> = w.covering.iter()
                .map(|v| (v.asn.get(), v.prefix.len(), v.max_length, v.ta.as_deref())).collect();
            prop_assert_eq!(got, exp, "route {}", i);
        }
    }
}
