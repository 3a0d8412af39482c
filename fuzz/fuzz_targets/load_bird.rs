//! Fuzzes the bird loader in strict and lenient mode: it must return Ok or a
//! typed error, never panic, and a lenient load must never fail on a record
//! that strict mode rejects by position (only on syntax it cannot resync from).
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::{load_as, Format, LoadOptions};

fuzz_target!(|data: &[u8]| {
    let strict = load_as(data, Format::Bird, &LoadOptions::default());
    let lenient = load_as(data, Format::Bird, &LoadOptions::lenient());
    if let Ok(s) = &strict {
        // Whatever strict accepts, lenient accepts identically.
        let l = lenient.as_ref().ok();
        assert_eq!(l.map(|l| &l.set), Some(&s.set));
        // Every loaded VRP respects the model's invariants.
        for v in &s.set.vrps {
            assert!(v.max_length >= v.prefix.len() && v.max_length <= v.prefix.family().max_len());
        }
    }
});
