//! Fuzzes format sniffing plus loading: any bytes give Ok or a typed error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::{load, LoadOptions};

fuzz_target!(|data: &[u8]| {
    if let Ok(l) = load(data, &LoadOptions::lenient()) {
        for a in &l.set.aspas {
            assert!(a.providers.windows(2).all(|w| w[0] < w[1]));
        }
    }
});
