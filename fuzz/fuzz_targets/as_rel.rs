//! Fuzzes the CAIDA `as-rel` parser, the relationship index and the leak
//! check on arbitrary bytes: no panic, hang or unbounded allocation. Also
//! checks that the streaming reader (tiny buffer) gives exactly what the
//! in-memory parser gives, that the index answers like the records say
//! (first record wins), and that the fast and full leak verdicts agree on
//! paths made of the input's ASes.
#![no_main]
use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use routeguard::index::asrel::{AsRelations, Relation};
use routeguard::parse::asrel::{parse_as_rel_bytes, read_as_rel, RelKind};
use routeguard::validate::leak::{detect_leaks, leak_state, leak_state_sequence};
use routeguard::{AsPath, Asn};

fuzz_target!(|data: &[u8]| {
    let parsed = parse_as_rel_bytes(data);
    let streamed = read_as_rel(BufReader::with_capacity(3, data));
    assert_eq!(parsed, streamed, "reader and parser disagree");
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(routeguard::parse::asrel::parse_as_rel(text), parsed);
    }
    let Ok(d) = parsed else { return };
    let rel = AsRelations::new(&d);
    assert!(rel.len() <= d.records.len());
    for r in d.records.iter().take(256) {
        let first = d
            .records
            .iter()
            .find(|x| (x.a, x.b) == (r.a, r.b) || (x.a, x.b) == (r.b, r.a))
            .expect("r itself");
        let want = match (first.kind, first.a == r.a) {
            (RelKind::PeerPeer, _) => Relation::Peer,
            (RelKind::ProviderCustomer, true) => Relation::Customer,
            (RelKind::ProviderCustomer, false) => Relation::Provider,
        };
        assert_eq!(rel.relationship(r.a, r.b), Some(want));
    }
    // A path through the ASes of the records, in file order.
    let asns: Vec<Asn> = d.records.iter().flat_map(|r| [r.a, r.b]).take(64).collect();
    let path = AsPath::from_sequence(asns.clone());
    for recv in [None, asns.last().copied()] {
        let fast = leak_state(&rel, &path, recv);
        assert_eq!(leak_state_sequence(&rel, &asns, recv), fast);
        assert_eq!(detect_leaks(&rel, &path, recv).state, fast);
    }
});
