//! Fuzzes the Team Cymru bogon list parser and the bogon checker on
//! arbitrary bytes: no panic, hang or unbounded allocation.
//!
//! * A parsed list, written back one prefix per line, parses to the same list.
//! * With the list added, every listed prefix is a bogon prefix, and the
//!   first finding of a route is the head of `check_route`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::bogons::parse_bogon_list;
use routeguard::validate::bogon::{BogonKind, Bogons};
use routeguard::AsPath;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(list) = parse_bogon_list(s) else {
        return;
    };
    let text: String = list.iter().map(|p| format!("{p}\n")).collect();
    assert_eq!(parse_bogon_list(&text).expect("written list parses"), list);
    let b = Bogons::default().with_list("fuzz", list.clone());
    let path = AsPath::default();
    for p in list.iter().take(256) {
        assert!(b.is_bogon_prefix(p));
        let all = b.check_route(p, &path);
        assert_eq!(all.first().map(|f| f.kind), Some(BogonKind::BogonPrefix));
        assert_eq!(b.first(p, &path).as_ref(), all.first());
    }
});
