//! Fuzzes `parse::rpki_object::decode` as a ROA (RFC 6482)
//! through the `rpki` crate: any bytes give `Ok` or a typed error (no panic,
//! hang or OOM); see `routeguard_fuzz::check_decode` for the properties.
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::rpki_object::ObjectKind;

fuzz_target!(|data: &[u8]| {
    routeguard_fuzz::check_decode(data, ObjectKind::Roa);
});
