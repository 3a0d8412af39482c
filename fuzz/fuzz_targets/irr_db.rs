//! The IRR database on arbitrary bytes: lenient load (as text and as a
//! stream, which must agree), build, then lookups, set expansions and route
//! checks on names and prefixes taken from the loaded objects. Never panics;
//! every indexed route object re-parses and is covered by its own prefix.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::index::irr::IrrDbBuilder;
use routeguard::parse::rpsl::RpslOptions;
use routeguard::validate::irr::{check_route, IrrStatus};
use routeguard::{Asn, Family};

fuzz_target!(|data: &[u8]| {
    let mut b = IrrDbBuilder::new(RpslOptions::lenient());
    let report = b.add_text(data, None);
    let mut b2 = IrrDbBuilder::new(RpslOptions::lenient());
    let report2 = b2.add_reader(data, None);
    if let (Ok(r1), Ok(r2)) = (&report, &report2) {
        assert_eq!(r1.objects, r2.objects);
    }
    let db = b.build();
    let routes: Vec<_> = db.all_routes().take(8).collect();
    for r in &routes {
        assert!(db.object(r.id).is_some());
        assert!(db.routes_covering(&r.prefix).contains(r));
        assert!(db.routes_exact(&r.prefix).contains(r));
        let _ = db.routes_more_specific(&r.prefix);
        let c = check_route(&db, &r.prefix, r.origin);
        assert_eq!(c.status, IrrStatus::Valid);
        let _ = check_route(&db, &r.prefix, Asn::new(r.origin.get().wrapping_add(1)));
    }
    for name in ["AS-X", "RS-X", "as-x", "X::AS-X", "AS1:AS-X"] {
        let _ = db.expand_as_set(name);
        let _ = db.expand_route_set(name);
        let _ = db.set_members(name);
        let _ = db.set_prefixes(name, Some(Family::V4));
        let _ = db.lookup(name);
    }
    // Names from the input: the first word after every `-set:` / `-num:`.
    let text = String::from_utf8_lossy(data);
    for w in text.split_whitespace().take(64) {
        let _ = db.lookup(w);
        let _ = db.expand_as_set(w);
        let _ = db.expand_route_set(w);
    }
    let _ = db.stats();
    let _ = db.heap_bytes();
});
