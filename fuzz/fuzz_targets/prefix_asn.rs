//! Fuzzes user-input parsing: prefixes (strict and relaxed), ASNs and AS
//! paths.
//!
//! * Whatever parses displays to text that parses back to the same value
//!   (for `AsPath`: the same segments, not just the same origin).
//! * Strict implies relaxed: `Prefix::parse(s) == Ok(p)` ⇒
//!   `Prefix::parse_relaxed(s) == Ok(p)`, and likewise for `Asn`.
//! * `Asn::parse_bytes` (the loaders' byte path) agrees with `Asn::parse`.
//! * The loaders' prefix fast path (`parse::parse_prefix`, reached through
//!   the CSV loader) agrees with `Prefix::parse` on every input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::{load_as, Format, LoadOptions};
use routeguard::{AsPath, Asn, Prefix};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let strict = Prefix::parse(s);
    if let Ok(p) = &strict {
        assert_eq!(Prefix::parse(&p.to_string()).as_ref(), Ok(p));
        assert_eq!(Prefix::parse_relaxed(s).as_ref(), Ok(p), "strict accepted, relaxed differs");
        assert_eq!(s.parse::<Prefix>().as_ref(), Ok(p));
    }
    if let Ok(p) = Prefix::parse_relaxed(s) {
        assert_eq!(Prefix::parse(&p.to_string()).ok(), Some(p));
    }
    let asn = Asn::parse(s);
    assert_eq!(Asn::parse_bytes(s.as_bytes()), asn);
    if let Ok(a) = asn {
        assert_eq!(Asn::parse(&a.to_string()).ok(), Some(a));
        assert_eq!(Asn::parse_relaxed(s).ok(), Some(a));
    }
    if let Ok(a) = Asn::parse_relaxed(s) {
        assert_eq!(Asn::parse(&a.to_string()).ok(), Some(a));
    }
    if let Ok(path) = AsPath::parse(s) {
        let again = AsPath::parse(&path.to_string()).expect("display must parse");
        assert_eq!(again, path, "display {:?} parses to other segments", path.to_string());
        assert_eq!(again.origin(), path.origin());
    }
    // One CSV record whose prefix field is exactly `s`; the header has no
    // max-length column, so the VRP's max length is the prefix length and the
    // load fails exactly when the prefix does.
    if !s.is_empty() && !s.contains([',', '\n', '\r', '"']) {
        let csv = format!("ASN,IP Prefix\nAS1,{s}\n");
        let loaded = load_as(csv.as_bytes(), Format::Csv, &LoadOptions::default());
        match (&strict, &loaded) {
            (Ok(p), Ok(l)) => {
                assert_eq!(l.set.vrps.len(), 1);
                assert_eq!(l.set.vrps[0].prefix, *p, "loader prefix differs from Prefix::parse");
            }
            (Err(_), Err(_)) => {}
            (a, b) => panic!("Prefix::parse({s:?}) = {a:?} but the CSV loader gave {b:?}"),
        }
    }
});
