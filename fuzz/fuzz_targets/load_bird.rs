//! Fuzzes the bird loader (`load_as(_, Format::Bird, _)`) in strict and lenient
//! mode: any bytes give `Ok` or a typed error (no panic, hang or OOM), and
//! the two modes agree (see `routeguard_fuzz::check_load`):
//! strict `Ok` ⇒ lenient returns the identical `Loaded` (no warnings);
//! lenient `Ok` with nothing skipped ⇒ strict returns the same.
//! Every loaded set satisfies the model invariants (`check_set`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use routeguard::parse::Format;

fuzz_target!(|data: &[u8]| {
    routeguard_fuzz::check_load(data, Format::Bird);
});
