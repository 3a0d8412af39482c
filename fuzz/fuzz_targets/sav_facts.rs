//! Fuzzes the anti-spoofing facts file reader on arbitrary bytes: no
//! panic, hang or unbounded allocation. Also checks the limits and the
//! documented meaning of each accepted interface: non-empty names within
//! the length cap, list sizes within the cap, uRPF words that round-trip,
//! and `acl_covers_prefixes` against a direct reading of its definition.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::sav::{parse_sav_facts, UrpfMode, MAX_NAME_LEN, MAX_PREFIXES};

fuzz_target!(|data: &[u8]| {
    let Ok(facts) = parse_sav_facts(data) else { return };
    for i in &facts.interfaces {
        assert!(!i.name.trim().is_empty() && i.name.len() <= MAX_NAME_LEN);
        assert!(i.device.as_ref().is_none_or(|d| !d.trim().is_empty() && d.len() <= MAX_NAME_LEN));
        assert!(i.acl.len() <= MAX_PREFIXES);
        assert_eq!(i.urpf.as_str().parse::<UrpfMode>(), Ok(i.urpf));
        let want = i.prefixes.as_ref().map(|ps| {
            !i.acl.is_empty() && ps.iter().all(|p| i.acl.iter().any(|a| a.covers(p)))
        });
        assert_eq!(i.acl_covers_prefixes(), want);
        assert!(i.label().ends_with(&i.name));
    }
});
