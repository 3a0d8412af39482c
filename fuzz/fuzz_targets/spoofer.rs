//! Fuzzes the CAIDA Spoofer results reader (API JSON and CSV) on arbitrary
//! bytes: no panic, hang or unbounded allocation. Also checks that rows come
//! sorted, that each row's client prefix is of the row's family, that a row
//! has something in it, and that merging results with themselves keeps the
//! order and doubles every row.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::spoofer::{parse_spoofer, SpooferResults};

fuzz_target!(|data: &[u8]| {
    let Ok(r) = parse_spoofer(data) else { return };
    assert!(r
        .tests
        .windows(2)
        .all(|w| (w[0].time, w[0].session, w[0].family) <= (w[1].time, w[1].session, w[1].family)));
    for t in &r.tests {
        assert!(t.client.is_none_or(|c| c.family() == t.family));
        assert!(
            t.asn.is_some() || t.client.is_some() || t.nat.is_some() || t.private.is_some() || t.routed.is_some(),
            "empty row {t:?}"
        );
        assert_eq!(t.spoofed(), t.private.is_some_and(|o| o.escaped()) || t.routed.is_some_and(|o| o.escaped()));
        assert!(!(t.spoofed() && t.blocked()));
    }
    let mut twice = r.clone();
    twice.merge(r.clone());
    assert_eq!(twice.tests.len(), 2 * r.tests.len());
    let mut once = SpooferResults::default();
    once.merge(r.clone());
    assert_eq!(once, r);
});
