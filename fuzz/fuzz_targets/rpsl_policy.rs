//! Fuzzes the RPSL policy parser (`parse_policy`) on arbitrary text for
//! every policy kind: `Ok` or a typed error, never a panic or a hang; an
//! `Ok` line has at least one term, its kind and its line.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::model::rpsl::PolicyKind;
use routeguard::parse::rpsl;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for kind in PolicyKind::ALL {
        if let Ok(line) = rpsl::parse_policy(kind, s, 1) {
            assert!(!line.terms.is_empty());
            assert_eq!((line.kind, line.line), (kind, 1));
        }
    }
});
