//! Fuzzes the PeeringDB page reader, the `irr_as_set` splitter and the
//! PeeringDB index on arbitrary bytes: no panic, hang or unbounded
//! allocation. Also checks that a page merged with itself gives the same
//! database (ids deduplicated), that every lookup answers what the sorted
//! lists hold, that every kept contact belongs to the right network, and
//! that the `irr_as_set` references print and re-parse to themselves.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::index::peeringdb::PeeringDb;
use routeguard::parse::peeringdb::{parse_irr_as_set, parse_page, parse_page_as, PdbKind};

fn check_refs(value: &str) {
    let refs = parse_irr_as_set(value);
    let printed: Vec<String> = refs.iter().map(|r| r.to_string()).collect();
    let again = parse_irr_as_set(&printed.join(" "));
    assert_eq!(refs, again, "irr_as_set refs do not round-trip: {value:?}");
    for r in &refs {
        assert_eq!(r.name, r.name.to_ascii_uppercase());
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check_refs(text);
    }
    for kind in [PdbKind::Net, PdbKind::Poc, PdbKind::Org] {
        let _ = parse_page_as(data, kind);
    }
    let Ok(page) = parse_page(data) else { return };
    for n in &page.nets {
        check_refs(&n.irr_as_set);
    }
    let db = PeeringDb::from_pages([page.clone()]);
    assert_eq!(PeeringDb::from_pages([page.clone(), page]), db);
    assert!(db.nets().windows(2).all(|w| (w[0].asn, w[0].id) < (w[1].asn, w[1].id)));
    assert!(db.pocs().windows(2).all(|w| (w[0].net_id, w[0].id) < (w[1].net_id, w[1].id)));
    assert!(db.orgs().windows(2).all(|w| w[0].id < w[1].id));
    for n in db.nets().iter().take(256) {
        let found = db.net(n.asn);
        assert!(found.is_none_or(|f| f.asn == n.asn));
        assert!(db.nets_of(n.asn).contains(n));
        for p in db.pocs_of(n) {
            assert_eq!(p.net_id, n.id);
        }
        if let Some(o) = db.org_of(n) {
            assert_eq!(Some(o.id), n.org_id);
        }
        let ops = db.operational_contacts(n).count();
        assert_eq!(db.has_operational_contact(n.asn) && found == Some(n), ops > 0 && found == Some(n));
    }
});
