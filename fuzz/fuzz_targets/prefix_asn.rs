//! Fuzzes user-input parsing: prefixes (strict and relaxed), ASNs and AS
//! paths. Whatever parses displays to text that parses back to the same value.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::{AsPath, Asn, Prefix};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(p) = Prefix::parse(s) {
        assert_eq!(Prefix::parse(&p.to_string()).ok(), Some(p));
    }
    if let Ok(p) = Prefix::parse_relaxed(s) {
        assert_eq!(Prefix::parse(&p.to_string()).ok(), Some(p));
    }
    if let Ok(a) = Asn::parse(s) {
        assert_eq!(Asn::parse(&a.to_string()).ok(), Some(a));
    }
    if let Ok(path) = AsPath::parse(s) {
        let again = AsPath::parse(&path.to_string()).expect("display must parse");
        assert_eq!(again.origin(), path.origin());
    }
});
