use std::net::IpAddr;

use proptest::prelude::*;

use super::*;
use crate::model::prefix::mask;

fn p(s: &str) -> Prefix {
    s.parse().unwrap()
}

#[test]
fn aggregation_examples() {
    let agg = |v: &[&str]| {
        hyper_aggregate(&v.iter().map(|s| p(s)).collect::<Vec<_>>())
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        agg(&["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]),
        ["10.0.0.0/22"]
    );
    assert_eq!(
        agg(&["10.0.1.0/24", "10.0.2.0/24"]),
        ["10.0.1.0/24", "10.0.2.0/24"]
    );
    assert_eq!(
        agg(&[
            "10.0.0.0/8",
            "10.1.0.0/16",
            "2001:db8::/33",
            "2001:db8:8000::/33",
            "11.0.0.0/8"
        ]),
        ["10.0.0.0/7", "2001:db8::/32"]
    );
    assert_eq!(agg(&["0.0.0.0/1", "128.0.0.0/1"]), ["0.0.0.0/0"]);
    assert_eq!(agg(&["::/0", "::/1"]), ["::/0"]);
    assert!(agg(&[]).is_empty());
}

#[test]
fn build_groups_and_checks_names() {
    let c1 = Customer::new(
        "eth1",
        PrefixSource::Irr,
        [p("192.0.2.0/25"), p("2001:db8::/48")],
    );
    let c2 = Customer::new(
        "eth1",
        PrefixSource::Rpki,
        [p("192.0.2.128/25"), p("192.0.2.0/25")],
    );
    let c0 = Customer::new("eth0", PrefixSource::Manual, []);
    let s = build_sav(&[c1, c2, c0]).unwrap();
    assert_eq!(s[0].interface, "eth0");
    assert_eq!(s[0].families(), [Family::V4, Family::V6]);
    assert_eq!(s[1].exact.len(), 3);
    assert_eq!(
        s[1].exact[0].sources,
        [PrefixSource::Irr, PrefixSource::Rpki]
    );
    assert_eq!(s[1].aggregated, [p("192.0.2.0/24"), p("2001:db8::/48")]);
    assert_eq!(s[1].prefixes(Family::V4, false).len(), 2);
    assert_eq!(s[1].prefixes(Family::V4, true), [p("192.0.2.0/24")]);
    assert!(s[1].accepts(&"2001:db8::1".parse().unwrap()));
    assert!(!s[1].accepts(&"2001:db9::1".parse().unwrap()));
    for bad in ["", "a b", "x\"y", "-x", "eth1;reboot", &"x".repeat(65)] {
        let e = build_sav(&[Customer::new(bad, PrefixSource::Manual, [])]).unwrap_err();
        assert_eq!(e.code(), "invalid-interface", "{bad:?}");
    }
}

#[test]
fn words() {
    for v in SavVendor::ALL {
        assert_eq!(v.as_str().parse::<SavVendor>(), Ok(v));
    }
    for s in PrefixSource::ALL {
        assert_eq!(s.as_str().parse::<PrefixSource>(), Ok(s));
    }
    assert_eq!("Arista".parse::<SavVendor>(), Ok(SavVendor::Eos));
    assert!("frr".parse::<SavVendor>().is_err());
}

/// The slow reference: any prefix of the list covers the host.
fn slow_accepts(list: &[Prefix], addr: u128, family: Family) -> bool {
    let host = Prefix::from_bits(family, addr, family.max_len()).unwrap();
    list.iter().any(|p| p.covers(&host))
}

/// Prefixes packed into a small space so that nesting and siblings are
/// common: IPv4 inside 10.0.0.0/16 (lengths 14..=28), IPv6 inside
/// 2001:db8::/32 (lengths 30..=44).
fn small_prefix() -> impl Strategy<Value = Prefix> {
    prop_oneof![
        (any::<u16>(), 14u8..=28).prop_map(|(x, len)| {
            let bits = (0x0a00_0000u128 | (u128::from(x) << 4)) << 96;
            Prefix::from_bits_relaxed(Family::V4, bits, len).unwrap()
        }),
        (any::<u16>(), 30u8..=44).prop_map(|(x, len)| {
            let bits = (0x2001_0db8u128 << 96) | (u128::from(x) << 80);
            Prefix::from_bits_relaxed(Family::V6, bits, len).unwrap()
        }),
    ]
}

/// Addresses worth probing: every boundary of every prefix (first, last,
/// one before and one after), plus the random ones.
fn probes(list: &[Prefix], random: &[(bool, u128)]) -> Vec<(Family, u128)> {
    let mut out = Vec::new();
    for q in list {
        let fam = q.family();
        let width = fam.max_len();
        let span = !mask(q.len()) & mask(width);
        let step = if fam == Family::V4 { 1u128 << 96 } else { 1 };
        let first = q.bits();
        let last = first | span;
        for a in [
            first,
            last,
            first.wrapping_sub(step),
            last.wrapping_add(step),
        ] {
            let mask = if fam == Family::V4 {
                u128::MAX << 96
            } else {
                u128::MAX
            };
            out.push((fam, a & mask));
        }
    }
    for (v6, r) in random {
        if *v6 {
            out.push((Family::V6, (0x2001_0db8u128 << 96) | (r >> 32)));
        } else {
            out.push((
                Family::V4,
                (0x0a00_0000u128 | ((r & 0xffff) << 8) | (r >> 120)) << 96,
            ));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// An address is accepted by the aggregated set iff by the original;
    /// the aggregated set is sorted, disjoint, sibling-free and no larger.
    #[test]
    fn aggregation_is_lossless_and_minimal(
        list in proptest::collection::vec(small_prefix(), 0..40),
        random in proptest::collection::vec(any::<(bool, u128)>(), 0..64),
    ) {
        let agg = hyper_aggregate(&list);
        prop_assert!(agg.len() <= list.len());
        for w in agg.windows(2) {
            prop_assert!(w[0] < w[1]);
            prop_assert!(!w[0].covers(&w[1]) && !w[1].covers(&w[0]));
            prop_assert!(sibling_parent(&w[0], &w[1]).is_none(), "{:?} {:?}", w[0], w[1]);
        }
        for (fam, a) in probes(&list, &random) {
            prop_assert_eq!(slow_accepts(&agg, a, fam), slow_accepts(&list, a, fam), "{:?} {:x}", fam, a);
        }
        // Each aggregated prefix is made of original addresses only: its
        // halves down to the original lengths are covered (checked on its
        // first and last address and its middle).
        for q in &agg {
            prop_assert!(list.iter().any(|o| q.covers(o)));
        }
        // Idempotent.
        prop_assert_eq!(hyper_aggregate(&agg), agg.clone());
        // `InterfaceSav::accepts` is the same test.
        let sets = build_sav(&[Customer::new("eth0", PrefixSource::Observed, list.clone())]).unwrap();
        for (fam, a) in probes(&list, &random).into_iter().take(20) {
            let ip: IpAddr = match fam {
                Family::V4 => IpAddr::V4(((a >> 96) as u32).into()),
                Family::V6 => IpAddr::V6(a.into()),
            };
            prop_assert_eq!(sets[0].accepts(&ip), slow_accepts(&list, a, fam));
        }
    }
}
